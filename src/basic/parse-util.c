/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <limits.h>
#include <strings.h>

#include "parse-util.h"

int parse_boolean(const char *s) {
        static const char *const yes[] = { "1", "yes", "y", "true", "t", "on" };
        static const char *const no[] = { "0", "no", "n", "false", "f", "off" };

        for (size_t i = 0; i < ELEMENTSOF(yes); i++)
                if (strcasecmp(s, yes[i]) == 0)
                        return 1;
        for (size_t i = 0; i < ELEMENTSOF(no); i++)
                if (strcasecmp(s, no[i]) == 0)
                        return 0;
        return -EINVAL;
}

int safe_atou64(const char *s, uint64_t *ret) {
        uint64_t v = 0;

        if (!*s)
                return -EINVAL;
        for (const char *p = s; *p; p++) {
                if (*p < '0' || *p > '9')
                        return -EINVAL;
                if (v > (UINT64_MAX - (uint64_t) (*p - '0')) / 10)
                        return -ERANGE;
                v = v * 10 + (uint64_t) (*p - '0');
        }
        *ret = v;
        return 0;
}

int safe_atou_base(const char *s, unsigned base, unsigned *ret) {
        unsigned long v = 0;

        if (!*s || base < 2 || base > 16)
                return -EINVAL;
        for (const char *p = s; *p; p++) {
                unsigned d;

                if (*p >= '0' && *p <= '9')
                        d = (unsigned) (*p - '0');
                else if (*p >= 'a' && *p <= 'f')
                        d = (unsigned) (*p - 'a' + 10);
                else if (*p >= 'A' && *p <= 'F')
                        d = (unsigned) (*p - 'A' + 10);
                else
                        return -EINVAL;
                if (d >= base)
                        return -EINVAL;
                v = v * base + d;
                if (v > UINT_MAX)
                        return -ERANGE;
        }
        *ret = (unsigned) v;
        return 0;
}

int parse_mode(const char *s, mode_t *ret) {
        unsigned m;
        int r;

        r = safe_atou_base(s, 8, &m);
        if (r < 0)
                return r;
        if (m > 07777)
                return -ERANGE;
        *ret = (mode_t) m;
        return 0;
}

static const char *extract_multiplier(const char *p, usec_t *multiplier) {
        static const struct {
                const char *suffix;
                usec_t usec;
        } table[] = {
                { "seconds", USEC_PER_SEC },
                { "second", USEC_PER_SEC },
                { "sec", USEC_PER_SEC },
                { "s", USEC_PER_SEC },
                { "minutes", USEC_PER_MINUTE },
                { "minute", USEC_PER_MINUTE },
                { "min", USEC_PER_MINUTE },
                { "months", USEC_PER_MONTH },
                { "month", USEC_PER_MONTH },
                { "M", USEC_PER_MONTH },
                { "msec", USEC_PER_MSEC },
                { "ms", USEC_PER_MSEC },
                { "m", USEC_PER_MINUTE },
                { "hours", USEC_PER_HOUR },
                { "hour", USEC_PER_HOUR },
                { "hr", USEC_PER_HOUR },
                { "h", USEC_PER_HOUR },
                { "days", USEC_PER_DAY },
                { "day", USEC_PER_DAY },
                { "d", USEC_PER_DAY },
                { "weeks", USEC_PER_WEEK },
                { "week", USEC_PER_WEEK },
                { "w", USEC_PER_WEEK },
                { "years", USEC_PER_YEAR },
                { "year", USEC_PER_YEAR },
                { "y", USEC_PER_YEAR },
                { "usec", 1 },
                { "us", 1 },
                { "\xce\xbcs", 1 }, /* U+03BC GREEK SMALL LETTER MU */
                { "\xc2\xb5s", 1 }, /* U+00B5 MICRO SIGN */
        };

        for (size_t i = 0; i < ELEMENTSOF(table); i++) {
                const char *e = startswith(p, table[i].suffix);
                if (e) {
                        *multiplier = table[i].usec;
                        return e;
                }
        }
        return p;
}

/* strtoll()'s prefix as systemd relies on it: optional whitespace and sign,
 * then digits. Returns the end, or s when there are no digits. */
static const char *scan_integer(const char *s, long long *ret, int *ret_errno) {
        const char *p = s;
        bool neg = false;
        unsigned long long v = 0;
        bool overflow = false;
        const char *digits;

        while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
                p++;
        if (*p == '+' || *p == '-') {
                neg = *p == '-';
                p++;
        }
        digits = p;
        while (*p >= '0' && *p <= '9') {
                if (v > (unsigned long long) LLONG_MAX / 10 + 1)
                        overflow = true;
                else
                        v = v * 10 + (unsigned long long) (*p - '0');
                p++;
        }
        if (p == digits) {
                *ret = 0;
                *ret_errno = 0;
                return s;
        }
        if (overflow || v > (unsigned long long) LLONG_MAX + (neg ? 1 : 0)) {
                *ret = neg ? LLONG_MIN : LLONG_MAX;
                *ret_errno = ERANGE;
                return p;
        }
        *ret = neg ? -(long long) v : (long long) v;
        *ret_errno = 0;
        return p;
}

int parse_time(const char *t, usec_t default_unit, usec_t *ret) {
        const char *p, *s;
        usec_t r = 0;
        bool something = false;

        p = t + strspn(t, WHITESPACE);
        s = startswith(p, "infinity");
        if (s) {
                s += strspn(s, WHITESPACE);
                if (*s != 0)
                        return -EINVAL;
                *ret = USEC_INFINITY;
                return 0;
        }

        for (;;) {
                usec_t multiplier = default_unit, k;
                long long l;
                const char *e;
                int err;

                p += strspn(p, WHITESPACE);
                if (*p == 0) {
                        if (!something)
                                return -EINVAL;
                        break;
                }
                if (*p == '-')
                        return -ERANGE;
                e = scan_integer(p, &l, &err);
                if (err > 0)
                        return -err;
                if (l < 0)
                        return -ERANGE;
                if (*e == '.') {
                        p = e + 1;
                        p += strspn(p, DIGITS);
                } else if (e == p)
                        return -EINVAL;
                else
                        p = e;

                s = extract_multiplier(p + strspn(p, WHITESPACE), &multiplier);
                if (s == p && *s != '\0')
                        return -EINVAL;
                p = s;

                if ((usec_t) l >= USEC_INFINITY / multiplier)
                        return -ERANGE;
                k = (usec_t) l * multiplier;
                if (k >= USEC_INFINITY - r)
                        return -ERANGE;
                r += k;
                something = true;

                if (*e == '.') {
                        usec_t m = multiplier / 10;
                        const char *b;

                        for (b = e + 1; *b >= '0' && *b <= '9'; b++, m /= 10) {
                                k = (usec_t) (*b - '0') * m;
                                if (k >= USEC_INFINITY - r)
                                        return -ERANGE;
                                r += k;
                        }
                        if (b == e + 1)
                                return -EINVAL;
                }
        }
        *ret = r;
        return 0;
}

char *format_timespan(char *buf, size_t l, usec_t t) {
        static const struct {
                const char *suffix;
                usec_t usec;
        } table[] = {
                { "y", USEC_PER_YEAR },
                { "month", USEC_PER_MONTH },
                { "w", USEC_PER_WEEK },
                { "d", USEC_PER_DAY },
                { "h", USEC_PER_HOUR },
                { "min", USEC_PER_MINUTE },
                { "s", USEC_PER_SEC },
                { "ms", USEC_PER_MSEC },
                { "us", 1 },
        };
        char *p = buf;

        if (t == USEC_INFINITY) {
                snprintf(buf, l, "infinity");
                return buf;
        }
        if (t == 0) {
                snprintf(buf, l, "0");
                return buf;
        }
        for (size_t i = 0; i < ELEMENTSOF(table); i++) {
                usec_t a, b;
                int k;
                bool done = false;
                size_t n;

                if (t == 0)
                        break;
                if (t < table[i].usec)
                        continue;
                if (l <= 1)
                        break;
                a = t / table[i].usec;
                b = t % table[i].usec;
                if (t < USEC_PER_MINUTE && b > 0) {
                        int j = 0;
                        for (usec_t cc = table[i].usec; cc > 1; cc /= 10)
                                j++;
                        if (j > 0) {
                                k = snprintf(p, l, "%s%llu.%0*llu%s", p > buf ? " " : "",
                                             (unsigned long long) a, j, (unsigned long long) b, table[i].suffix);
                                t = 0;
                                done = true;
                        }
                }
                if (!done) {
                        k = snprintf(p, l, "%s%llu%s", p > buf ? " " : "", (unsigned long long) a, table[i].suffix);
                        t = b;
                }
                n = MIN((size_t) k, l - 1);
                l -= n;
                p += n;
        }
        *p = 0;
        return buf;
}
