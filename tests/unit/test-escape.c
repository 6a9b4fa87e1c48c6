/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "tap.h"

/* systemd.syntax(7), "Quoting", Table 1, and cunescape_one() of systemd. */
TEST(cunescape_one_table) {
        static const struct {
                const char *in;         /* what follows the backslash */
                int consumed;           /* or a negative errno */
                char32_t c;
                bool raw;
        } t[] = {
                { "a", 1, '\a', false },
                { "b", 1, '\b', false },
                { "f", 1, '\f', false },
                { "n", 1, '\n', false },
                { "r", 1, '\r', false },
                { "t", 1, '\t', false },
                { "v", 1, '\v', false },
                { "\\", 1, '\\', false },
                { "\"", 1, '"', false },
                { "'", 1, '\'', false },
                { "s", 1, ' ', false },
                { "nX", 1, '\n', false },       /* only the escape is consumed */
                { "x41", 3, 'A', true },
                { "x4a", 3, 'J', true },
                { "x4A", 3, 'J', true },
                { "xff", 3, 0xff, true },       /* a raw byte, not U+00FF */
                { "x414", 3, 'A', true },
                { "x4", -EINVAL, 0, false },    /* needs two digits */
                { "x4g", -EINVAL, 0, false },
                { "x", -EINVAL, 0, false },
                { "x00", -EINVAL, 0, false },   /* NUL refused */
                { "101", 3, 'A', true },
                { "377", 3, 0xff, true },
                { "001", 3, 1, true },
                { "400", -EINVAL, 0, false },   /* above 255 */
                { "000", -EINVAL, 0, false },   /* NUL */
                { "18", -EINVAL, 0, false },    /* 8 is not octal */
                { "7", -EINVAL, 0, false },
                { "u00e9", 5, 0xe9, false },
                { "u20AC", 5, 0x20ac, false },
                { "u0000", -EINVAL, 0, false },
                { "u12", -EINVAL, 0, false },
                { "u12G4", -EINVAL, 0, false },
                { "U0001F600", 9, 0x1f600, false },
                { "U0010FFFD", 9, 0x10fffd, false },
                { "U00110000", -EINVAL, 0, false },     /* beyond Unicode */
                { "U0000FFFE", -EINVAL, 0, false },     /* non-character */
                { "U0000D800", -EINVAL, 0, false },     /* surrogate */
                { "U00000000", -EINVAL, 0, false },
                { "U0001F60", -EINVAL, 0, false },
                { "q", -EINVAL, 0, false },
                { "w", -EINVAL, 0, false },
                { " ", -EINVAL, 0, false },
                { ";", -EINVAL, 0, false },
                { "$", -EINVAL, 0, false },
                { "", -EINVAL, 0, false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char32_t c = 0;
                bool raw = false;
                int r = cunescape_one(t[i].in, SIZE_MAX, &c, &raw, false);

                if (r != t[i].consumed)
                        printf("# \\%s\n", t[i].in);
                CHECK_INTEQ(r, t[i].consumed);
                if (r >= 0) {
                        CHECK_INTEQ(c, t[i].c);
                        CHECK(raw == t[i].raw);
                }
        }
}

TEST(cunescape_one_accept_nul) {
        char32_t c = 1;
        bool raw = false;

        CHECK_INTEQ(cunescape_one("x00", SIZE_MAX, &c, &raw, true), 3);
        CHECK_INTEQ(c, 0);
        CHECK_INTEQ(cunescape_one("000", SIZE_MAX, &c, &raw, true), 3);
        CHECK_INTEQ(cunescape_one("u0000", SIZE_MAX, &c, &raw, true), 5);
        CHECK_INTEQ(cunescape_one("U00000000", SIZE_MAX, &c, &raw, true), 9);
}

TEST(cunescape_one_length) {
        char32_t c;
        bool raw = false;

        /* the digits must lie within length */
        CHECK_INTEQ(cunescape_one("x41", 2, &c, &raw, false), -EINVAL);
        CHECK_INTEQ(cunescape_one("x41", 3, &c, &raw, false), 3);
        CHECK_INTEQ(cunescape_one("101", 2, &c, &raw, false), -EINVAL);
        CHECK_INTEQ(cunescape_one("101", 3, &c, &raw, false), 3);
        CHECK_INTEQ(cunescape_one("u00e9", 4, &c, &raw, false), -EINVAL);
        CHECK_INTEQ(cunescape_one("u00e9", 5, &c, &raw, false), 5);
        CHECK_INTEQ(cunescape_one("U0001F600", 8, &c, &raw, false), -EINVAL);
        CHECK_INTEQ(cunescape_one("U0001F600", 9, &c, &raw, false), 9);
        CHECK_INTEQ(cunescape_one("n", 0, &c, &raw, false), -EINVAL);
        CHECK_INTEQ(cunescape_one("n", 1, &c, &raw, false), 1);
}

static char *quote(const char *s) {
        struct strbuf sb = STRBUF_INIT;

        (void) shell_maybe_quote(&sb, s);
        return strbuf_detach(&sb, NULL);
}

/* As systemctl show prints the items of a list (observed with systemd 252:
 * Environment="A=a b" "B=x\"y" "C=\$d" ... "M=new\nline"). */
TEST(shell_maybe_quote_table) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "", "" },
                { "plain", "plain" },
                { "D=again", "D=again" },
                { "J=", "J=" },
                { "/usr/bin/x-y_z.1:2,3@4%5+6=7~8#9", "/usr/bin/x-y_z.1:2,3@4%5+6=7~8#9" },
                { "F=\xc3\xa9", "F=\xc3\xa9" },         /* valid UTF-8 stays */
                { "A=a b", "\"A=a b\"" },
                { "B=x\"y", "\"B=x\\\"y\"" },
                { "C=$d", "\"C=\\$d\"" },
                { "E=tab\there", "\"E=tab\\there\"" },
                { "H=a;b", "\"H=a;b\"" },
                { "I=*", "\"I=*\"" },
                { "K=a\\b", "\"K=a\\\\b\"" },
                { "L=back`q", "\"L=back\\`q\"" },
                { "M=new\nline", "\"M=new\\nline\"" },
                { "G='q'", "\"G='q'\"" },
                { "?", "\"?\"" },
                { "[x]", "\"[x]\"" },
                { "(x)", "\"(x)\"" },
                { "a<b", "\"a<b\"" },
                { "a>b", "\"a>b\"" },
                { "a|b", "\"a|b\"" },
                { "a&b", "\"a&b\"" },
                { "!x", "\"!x\"" },
                { "cr\r", "\"cr\\r\"" },
                { "del\x7f", "\"del\\177\"" },
                { "bell\a", "\"bell\\a\"" },
                { "esc\x1b", "\"esc\\033\"" },
                { "bad\xff", "\"bad\\377\"" },             /* invalid UTF-8 is C-escaped */
                { "\xc3\xa9 x", "\"\xc3\xa9 x\"" },        /* valid UTF-8 inside quotes stays */
                { "nc\xef\xbf\xbe", "\"nc\\357\\277\\276\"" }, /* U+FFFE is not valid */
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *q = quote(t[i].in);
                CHECK_STREQ(q, t[i].out);
        }
}

TEST(shell_maybe_quote_appends) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "Environment=");
        CHECK_INTEQ(shell_maybe_quote(&sb, "A=1"), 0);
        strbuf_addch(&sb, ' ');
        CHECK_INTEQ(shell_maybe_quote(&sb, "B=2 3"), 0);
        CHECK_STREQ(strbuf_str(&sb), "Environment=A=1 \"B=2 3\"");
}

static char *cesc(const char *s) {
        struct strbuf sb = STRBUF_INIT;

        (void) cescape_append(&sb, s);
        return strbuf_detach(&sb, NULL);
}

/* systemd's cescape(): the named escapes, octal for other control bytes and
 * for every byte >= 0x7f (so UTF-8 is escaped byte by byte). */
TEST(cescape_table) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "", "" },
                { "abc", "abc" },
                { "a b", "a b" },
                { "\a\b\f\n\r\t\v", "\\a\\b\\f\\n\\r\\t\\v" },
                { "\\", "\\\\" },
                { "\"'", "\\\"\\'" },
                { "\x01", "\\001" },
                { "\x1f", "\\037" },
                { "\x7f", "\\177" },
                { "\x80", "\\200" },
                { "\xff", "\\377" },
                { "\xc3\xa9", "\\303\\251" },
                { "$`;", "$`;" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *e = cesc(t[i].in);
                CHECK_STREQ(e, t[i].out);
        }
}

TEST(cescape_roundtrip_with_cunescape) {
        /* every byte but NUL survives cescape + cunescape_one */
        char in[256];
        _cleanup_free_ char *e = NULL;
        _cleanup_strbuf_ struct strbuf back = STRBUF_INIT;

        for (int i = 1; i < 256; i++)
                in[i - 1] = (char) i;
        in[255] = '\0';
        e = cesc(in);
        for (const char *p = e; *p;) {
                if (*p == '\\') {
                        char32_t c;
                        bool raw = false;
                        int r = cunescape_one(p + 1, SIZE_MAX, &c, &raw, false);
                        if (r < 0)
                                break;
                        strbuf_addch(&back, (char) c);
                        p += 1 + r;
                } else
                        strbuf_addch(&back, *p++);
        }
        CHECK_INTEQ(back.len, 255);
        CHECK(memcmp(strbuf_str(&back), in, 255) == 0);
}

int main(void) {
        RUN(cunescape_one_table);
        RUN(cunescape_one_accept_nul);
        RUN(cunescape_one_length);
        RUN(shell_maybe_quote_table);
        RUN(shell_maybe_quote_appends);
        RUN(cescape_table);
        RUN(cescape_roundtrip_with_cunescape);
        return tap_done();
}
