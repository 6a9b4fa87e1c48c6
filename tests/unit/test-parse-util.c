/* SPDX-License-Identifier: MIT */
#include "parse-util.h"
#include "tap.h"

TEST(parse_boolean) {
        static const char *const yes[] = { "1", "yes", "y", "true", "t", "on", "YES", "Yes", "TRUE", "On", "Y", "T" };
        static const char *const no[] = { "0", "no", "n", "false", "f", "off", "NO", "False", "OFF", "N", "F" };
        static const char *const bad[] = { "", " yes", "yes ", "2", "-1", "yess", "ye", "of", "nope", "enable", "01", "y\n" };

        for (size_t i = 0; i < ELEMENTSOF(yes); i++)
                CHECK_INTEQ(parse_boolean(yes[i]), 1);
        for (size_t i = 0; i < ELEMENTSOF(no); i++)
                CHECK_INTEQ(parse_boolean(no[i]), 0);
        for (size_t i = 0; i < ELEMENTSOF(bad); i++)
                CHECK_INTEQ(parse_boolean(bad[i]), -EINVAL);
}

TEST(safe_atou) {
        static const struct {
                const char *s;
                int r;
                unsigned v;
        } t[] = {
                { "0", 0, 0 },
                { "42", 0, 42 },
                { "007", 0, 7 },
                { "4294967295", 0, 4294967295u },       /* UINT_MAX */
                { "4294967296", -ERANGE, 0 },           /* one past */
                { "99999999999999999999", -ERANGE, 0 },
                { "", -EINVAL, 0 },
                { "-1", -EINVAL, 0 },
                { "+1", -EINVAL, 0 },
                { " 1", -EINVAL, 0 },
                { "1 ", -EINVAL, 0 },
                { "1a", -EINVAL, 0 },
                { "0x10", -EINVAL, 0 },
                { "1.5", -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                unsigned v = 12345;
                int r = safe_atou(t[i].s, &v);
                if (r != t[i].r)
                        printf("# [%s]\n", t[i].s);
                CHECK_INTEQ(r, t[i].r);
                CHECK_INTEQ(v, r == 0 ? t[i].v : 12345);  /* untouched on failure */
        }
}

TEST(safe_atou_base) {
        unsigned v;

        CHECK_INTEQ(safe_atou_base("ff", 16, &v), 0);
        CHECK_INTEQ(v, 255);
        CHECK_INTEQ(safe_atou_base("FFFFFFFF", 16, &v), 0);
        CHECK_INTEQ(v, 0xffffffffu);
        CHECK_INTEQ(safe_atou_base("100000000", 16, &v), -ERANGE);
        CHECK_INTEQ(safe_atou_base("777", 8, &v), 0);
        CHECK_INTEQ(v, 0777);
        CHECK_INTEQ(safe_atou_base("8", 8, &v), -EINVAL);
        CHECK_INTEQ(safe_atou_base("g", 16, &v), -EINVAL);
        CHECK_INTEQ(safe_atou_base("101", 2, &v), 0);
        CHECK_INTEQ(v, 5);
        CHECK_INTEQ(safe_atou_base("2", 2, &v), -EINVAL);
        CHECK_INTEQ(safe_atou_base("1", 1, &v), -EINVAL);
        CHECK_INTEQ(safe_atou_base("1", 17, &v), -EINVAL);
}

TEST(safe_atou64) {
        uint64_t v = 0;

        CHECK_INTEQ(safe_atou64("18446744073709551615", &v), 0);
        CHECK(v == UINT64_MAX);
        CHECK_INTEQ(safe_atou64("18446744073709551616", &v), -ERANGE);
        CHECK_INTEQ(safe_atou64("18446744073709551620", &v), -ERANGE);
        CHECK_INTEQ(safe_atou64("0", &v), 0);
        CHECK(v == 0);
        CHECK_INTEQ(safe_atou64("", &v), -EINVAL);
        CHECK_INTEQ(safe_atou64("-0", &v), -EINVAL);
        CHECK_INTEQ(safe_atou64("1x", &v), -EINVAL);
}

TEST(parse_mode) {
        static const struct {
                const char *s;
                int r;
                mode_t m;
        } t[] = {
                { "0", 0, 0 },
                { "022", 0, 022 },
                { "0644", 0, 0644 },
                { "644", 0, 0644 },
                { "077", 0, 077 },
                { "7777", 0, 07777 },           /* the largest */
                { "07777", 0, 07777 },
                { "10000", -ERANGE, 0 },        /* one past */
                { "8", -EINVAL, 0 },
                { "0o644", -EINVAL, 0 },
                { "", -EINVAL, 0 },
                { "-1", -EINVAL, 0 },
                { "u=rw", -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                mode_t m = 0;
                int r = parse_mode(t[i].s, &m);
                CHECK_INTEQ(r, t[i].r);
                if (r == 0)
                        CHECK_INTEQ(m, t[i].m);
        }
}

/* Values and errors as `systemd-analyze timespan` (systemd 252) reports them. */
TEST(parse_sec) {
        static const struct {
                const char *s;
                int r;
                usec_t v;
        } t[] = {
                { "1min 30s", 0, 90 * USEC_PER_SEC },
                { "1.5", 0, 1500 * USEC_PER_MSEC },
                { "100ms", 0, 100 * USEC_PER_MSEC },
                { "infinity", 0, USEC_INFINITY },
                { " infinity ", 0, USEC_INFINITY },
                { "1.5h", 0, 90 * USEC_PER_MINUTE },
                { "2 min", 0, 2 * USEC_PER_MINUTE },
                { "1.5 min", 0, 90 * USEC_PER_SEC },
                { "1y", 0, 31557600ULL * USEC_PER_SEC },
                { "1M", 0, 2629800ULL * USEC_PER_SEC },
                { "1month", 0, 2629800ULL * USEC_PER_SEC },
                { "12month", 0, 31557600ULL * USEC_PER_SEC },
                { "5us", 0, 5 },
                { "1\xce\xbcs", 0, 1 },
                { "1msec", 0, 1000 },
                { "1hr", 0, USEC_PER_HOUR },
                { "3 minutes 5 seconds", 0, 185 * USEC_PER_SEC },
                { "1w2d", 0, 9 * USEC_PER_DAY },
                { "2d3h", 0, 51 * USEC_PER_HOUR },
                { "90s", 0, 90 * USEC_PER_SEC },
                { "1d 1us", 0, USEC_PER_DAY + 1 },
                { "0", 0, 0 },
                { "100", 0, 100 * USEC_PER_SEC },       /* bare number: seconds */
                { "1min30", 0, 90 * USEC_PER_SEC },
                { "1 s 2", 0, 3 * USEC_PER_SEC },
                { ".5s", 0, 500 * USEC_PER_MSEC },
                { "0.5", 0, 500 * USEC_PER_MSEC },
                { "+5s", 0, 5 * USEC_PER_SEC },
                { " 5s ", 0, 5 * USEC_PER_SEC },
                { "5 s", 0, 5 * USEC_PER_SEC },
                { "1.05s", 0, 1050 * USEC_PER_MSEC },
                { "0.5ms", 0, 500 },
                { "1.000001s", 0, 1000001 },
                { "1.000000001s", 0, USEC_PER_SEC },    /* below 1us is dropped */
                { "0.0000001s", 0, 0 },
                { "1.5s 1.5s", 0, 3 * USEC_PER_SEC },
                { "5min 1.5", 0, 301500 * USEC_PER_MSEC },
                { "9223372036854775807us", 0, 9223372036854775807ULL },
                { "9223372036854775808us", -ERANGE, 0 },
                { "18446744073709551615us", -ERANGE, 0 },
                { "584543y", -ERANGE, 0 },
                { "-1", -ERANGE, 0 },
                { "-1s", -ERANGE, 0 },
                { "1min -1s", -ERANGE, 0 },
                { "", -EINVAL, 0 },
                { "   ", -EINVAL, 0 },
                { "1.s", -EINVAL, 0 },
                { "1. 5s", -EINVAL, 0 },
                { "1.5.5s", -EINVAL, 0 },
                { "1.1.1", -EINVAL, 0 },
                { "1 fortnight", -EINVAL, 0 },
                { "5ss", -EINVAL, 0 },
                { "1e3", -EINVAL, 0 },
                { "inf", -EINVAL, 0 },
                { "infinityx", -EINVAL, 0 },
                { "s", -EINVAL, 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                usec_t v = 777;
                int r = parse_sec(t[i].s, &v);
                if (r != t[i].r || (r == 0 && v != t[i].v))
                        printf("# [%s] -> %d %llu\n", t[i].s, r, (unsigned long long) v);
                CHECK_INTEQ(r, t[i].r);
                if (r == 0)
                        CHECK(v == t[i].v);
                else
                        CHECK(v == 777);
        }
}

TEST(parse_time_default_unit) {
        usec_t v;

        CHECK_INTEQ(parse_time("5", USEC_PER_MSEC, &v), 0);
        CHECK(v == 5000);
        CHECK_INTEQ(parse_time("1.5", USEC_PER_MSEC, &v), 0);
        CHECK(v == 1500);
        CHECK_INTEQ(parse_time("5", 1, &v), 0);
        CHECK(v == 5);
        CHECK_INTEQ(parse_time("2s", 1, &v), 0);
        CHECK(v == 2 * USEC_PER_SEC);
}

/* systemd 252's format_timespan(t, 0), as systemd-analyze and systemctl show print it. */
TEST(format_timespan) {
        static const struct {
                usec_t t;
                const char *s;
        } t[] = {
                { 0, "0" },
                { USEC_INFINITY, "infinity" },
                { 100 * USEC_PER_MSEC, "100ms" },
                { 90 * USEC_PER_SEC, "1min 30s" },
                { 1500 * USEC_PER_MSEC, "1.500000s" },
                { 1000001, "1.000001s" },
                { 1050 * USEC_PER_MSEC, "1.050000s" },
                { 59999999, "59.999999s" },
                { 61500 * USEC_PER_MSEC, "1min 1.500000s" },
                { 301500 * USEC_PER_MSEC, "5min 1.500000s" },
                { 1001, "1.001ms" },
                { 999, "999us" },
                { 1000, "1ms" },
                { 500, "500us" },
                { 5, "5us" },
                { 500 * USEC_PER_MSEC, "500ms" },
                { 90 * USEC_PER_MINUTE, "1h 30min" },
                { 3600500000ULL, "1h 500ms" },
                { 9 * USEC_PER_DAY, "1w 2d" },
                { 51 * USEC_PER_HOUR, "2d 3h" },
                { USEC_PER_DAY + 1, "1d 1us" },
                { 90061001001ULL, "1d 1h 1min 1.001001s" },
                { 31557600ULL * USEC_PER_SEC, "1y" },
                { 2629800ULL * USEC_PER_SEC, "1month" },
                { 2629801ULL * USEC_PER_SEC, "1month 1s" },
                { 34187400ULL * USEC_PER_SEC, "1y 1month" },
                { 3944700ULL * USEC_PER_SEC, "1month 2w 1d 5h 15min" },
                { 50 * USEC_PER_DAY, "1month 2w 5d 13h 30min" },
                { 21 * USEC_PER_DAY, "3w" },
                { 9223372036854775807ULL, "292271y 1w 1d 10h 54.775807s" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char buf[FORMAT_TIMESPAN_MAX];
                CHECK(format_timespan(buf, sizeof(buf), t[i].t) == buf);
                CHECK_STREQ(buf, t[i].s);
        }
}

TEST(format_timespan_small_buffer) {
        char buf[8];

        /* truncated, but always terminated within the buffer */
        format_timespan(buf, sizeof(buf), 90061001001ULL);
        CHECK(strlen(buf) < sizeof(buf));
        CHECK(strncmp(buf, "1d 1h 1", strlen(buf)) == 0);
}

TEST(roundtrip) {
        static const char *const in[] = { "1min 30s", "1.500000s", "100ms", "1d 1h 1min 1.001001s", "1y 1month", "infinity", "0" };

        for (size_t i = 0; i < ELEMENTSOF(in); i++) {
                char buf[FORMAT_TIMESPAN_MAX];
                usec_t v;

                CHECK_INTEQ(parse_sec(in[i], &v), 0);
                CHECK_STREQ(format_timespan(buf, sizeof(buf), v), in[i]);
        }
}

int main(void) {
        RUN(parse_boolean);
        RUN(safe_atou);
        RUN(safe_atou_base);
        RUN(safe_atou64);
        RUN(parse_mode);
        RUN(parse_sec);
        RUN(parse_time_default_unit);
        RUN(format_timespan);
        RUN(format_timespan_small_buffer);
        RUN(roundtrip);
        return tap_done();
}
