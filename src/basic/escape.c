/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "utf8.h"

int unhexchar(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -EINVAL;
}

bool string_is_safe(const char *p) {
        for (; *p; p++) {
                if (*p > 0 && *p < ' ')
                        return false;
                if (strchr("\"'\\\x7f", *p))
                        return false;
        }
        return true;
}

static int unoct(char c) {
        if (c >= '0' && c <= '7')
                return c - '0';
        return -EINVAL;
}

static int hex_run(const char *p, size_t n, uint32_t *ret) {
        uint32_t v = 0;

        for (size_t i = 0; i < n; i++) {
                int d = unhexchar(p[i]);
                if (d < 0)
                        return -EINVAL;
                v = (v << 4) | (uint32_t) d;
        }
        *ret = v;
        return 0;
}

int cunescape_one(const char *p, size_t length, char32_t *ret, bool *ret_raw_byte, bool accept_nul) {
        uint32_t v;

        if (length != SIZE_MAX && length < 1)
                return -EINVAL;

        switch (p[0]) {
        case 'a': *ret = '\a'; return 1;
        case 'b': *ret = '\b'; return 1;
        case 'f': *ret = '\f'; return 1;
        case 'n': *ret = '\n'; return 1;
        case 'r': *ret = '\r'; return 1;
        case 't': *ret = '\t'; return 1;
        case 'v': *ret = '\v'; return 1;
        case '\\': *ret = '\\'; return 1;
        case '"': *ret = '"'; return 1;
        case '\'': *ret = '\''; return 1;
        case 's': *ret = ' '; return 1;
        case 'x':
                if (length != SIZE_MAX && length < 3)
                        return -EINVAL;
                if (hex_run(p + 1, 2, &v) < 0)
                        return -EINVAL;
                if (v == 0 && !accept_nul)
                        return -EINVAL;
                *ret = v;
                *ret_raw_byte = true;
                return 3;
        case 'u':
                if (length != SIZE_MAX && length < 5)
                        return -EINVAL;
                if (hex_run(p + 1, 4, &v) < 0)
                        return -EINVAL;
                if (v == 0 && !accept_nul)
                        return -EINVAL;
                *ret = v;
                return 5;
        case 'U':
                if (length != SIZE_MAX && length < 9)
                        return -EINVAL;
                if (hex_run(p + 1, 8, &v) < 0)
                        return -EINVAL;
                if (v == 0 && !accept_nul)
                        return -EINVAL;
                if (!unichar_is_valid(v))
                        return -EINVAL;
                *ret = v;
                return 9;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
                int a, b, c;

                if (length != SIZE_MAX && length < 3)
                        return -EINVAL;
                a = unoct(p[0]);
                b = a >= 0 ? unoct(p[1]) : -EINVAL;
                c = b >= 0 ? unoct(p[2]) : -EINVAL;
                if (c < 0)
                        return -EINVAL;
                if (a == 0 && b == 0 && c == 0 && !accept_nul)
                        return -EINVAL;
                v = ((uint32_t) a << 6) | ((uint32_t) b << 3) | (uint32_t) c;
                if (v > 255)
                        return -EINVAL;
                *ret = v;
                *ret_raw_byte = true;
                return 3;
        }
        default:
                return -EINVAL;
        }
}

static void cescape_char(struct strbuf *sb, char c) {
        static const char octd[] = "01234567";

        switch (c) {
        case '\a': strbuf_addstr(sb, "\\a"); break;
        case '\b': strbuf_addstr(sb, "\\b"); break;
        case '\f': strbuf_addstr(sb, "\\f"); break;
        case '\n': strbuf_addstr(sb, "\\n"); break;
        case '\r': strbuf_addstr(sb, "\\r"); break;
        case '\t': strbuf_addstr(sb, "\\t"); break;
        case '\v': strbuf_addstr(sb, "\\v"); break;
        case '\\': strbuf_addstr(sb, "\\\\"); break;
        case '"': strbuf_addstr(sb, "\\\""); break;
        case '\'': strbuf_addstr(sb, "\\'"); break;
        default:
                if (c < ' ' || (unsigned char) c >= 127) {
                        unsigned char u = (unsigned char) c;
                        char b[4] = { '\\', octd[(u >> 6) & 7], octd[(u >> 3) & 7], octd[u & 7] };
                        strbuf_add(sb, b, 4);
                } else
                        strbuf_addch(sb, c);
        }
}

int cescape_append(struct strbuf *sb, const char *s) {
        for (; *s; s++)
                cescape_char(sb, *s);
        return strbuf_error(sb);
}

int shell_maybe_quote(struct strbuf *sb, const char *s) {
        static const char need_quotes[] = WHITESPACE "\"\\`$" "*?[" "'()<>|&;!";
        static const char need_escape[] = "\"\\`$";
        const char *p;

        for (p = s; *p;) {
                int l = utf8_encoded_valid_unichar(p, SIZE_MAX);
                if (char_is_cc(*p) || l < 0 || strchr(need_quotes, *p))
                        break;
                p += l;
        }
        if (!*p)
                return strbuf_addstr(sb, s);

        strbuf_addch(sb, '"');
        strbuf_add(sb, s, (size_t) (p - s));
        while (*p) {
                int l = utf8_encoded_valid_unichar(p, SIZE_MAX);
                if (char_is_cc(*p) || l < 0)
                        cescape_char(sb, *p++);
                else if (l == 1) {
                        if (strchr(need_escape, *p))
                                strbuf_addch(sb, '\\');
                        strbuf_addch(sb, *p++);
                } else {
                        strbuf_add(sb, p, (size_t) l);
                        p += l;
                }
        }
        strbuf_addch(sb, '"');
        return strbuf_error(sb);
}
