/* SPDX-License-Identifier: MIT */
#include "tap.h"
#include "utf8.h"

/* systemd's unichar_is_valid(): below U+110000, no surrogates, no
 * U+FDD0..U+FDEF, no U+xxFFFE/U+xxFFFF. */
TEST(unichar_is_valid) {
        static const struct {
                char32_t c;
                bool valid;
        } t[] = {
                { 0x0, true },
                { 'A', true },
                { 0x7f, true },
                { 0xe9, true },
                { 0xd7ff, true },
                { 0xd800, false },      /* first surrogate */
                { 0xdbff, false },
                { 0xdc00, false },
                { 0xdfff, false },      /* last surrogate */
                { 0xe000, true },
                { 0xfdcf, true },
                { 0xfdd0, false },      /* first of the non-character block */
                { 0xfde0, false },
                { 0xfdef, false },      /* last of the block */
                { 0xfdf0, true },
                { 0xfeff, true },       /* BOM as a character is valid */
                { 0xfffd, true },
                { 0xfffe, false },
                { 0xffff, false },
                { 0x10000, true },
                { 0x1fffd, true },
                { 0x1fffe, false },
                { 0x1ffff, false },
                { 0x2fffe, false },
                { 0xeffff, false },
                { 0x10fffd, true },
                { 0x10fffe, false },
                { 0x10ffff, false },
                { 0x110000, false },    /* one past the end of Unicode */
                { 0x7fffffff, false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                if (unichar_is_valid(t[i].c) != t[i].valid)
                        printf("# U+%04X\n", (unsigned) t[i].c);
                CHECK(unichar_is_valid(t[i].c) == t[i].valid);
        }
}

static const struct {
        const char *s;
        bool valid;
        const char *what;
} strings[] = {
        { "", true, "empty" },
        { "plain ascii", true, "ascii" },
        { "\x01\x1f\x7f", true, "control characters are valid UTF-8" },
        { "h\xc3\xa9llo", true, "2-byte" },
        { "\xe2\x82\xac", true, "3-byte euro" },
        { "\xf0\x9f\x98\x80", true, "4-byte emoji" },
        { "\xef\xbb\xbf", true, "BOM U+FEFF" },
        { "\xc2\x80", true, "smallest 2-byte" },
        { "\xdf\xbf", true, "largest 2-byte" },
        { "\xe0\xa0\x80", true, "smallest 3-byte" },
        { "\xf0\x90\x80\x80", true, "smallest 4-byte" },
        { "\xf4\x8f\xbf\xbd", true, "U+10FFFD" },
        { "\xc0\x80", false, "overlong NUL" },
        { "\xc1\xbf", false, "overlong 2-byte" },
        { "\xe0\x80\xaf", false, "overlong 3-byte '/'" },
        { "\xe0\x9f\xbf", false, "overlong 3-byte (U+07FF)" },
        { "\xf0\x80\x80\xaf", false, "overlong 4-byte" },
        { "\xf0\x8f\xbf\xbf", false, "overlong 4-byte (U+FFFF)" },
        { "\xf4\x90\x80\x80", false, "U+110000" },
        { "\xf7\xbf\xbf\xbf", false, "U+1FFFFF" },
        { "\xf8\x88\x80\x80\x80", false, "5-byte form" },
        { "\xfc\x84\x80\x80\x80\x80", false, "6-byte form" },
        { "\xed\xa0\x80", false, "surrogate U+D800" },
        { "\xed\xbf\xbf", false, "surrogate U+DFFF" },
        { "\xef\xb7\x90", false, "U+FDD0" },
        { "\xef\xb7\xaf", false, "U+FDEF" },
        { "\xef\xb7\xb0", true, "U+FDF0" },
        { "\xef\xbf\xbe", false, "U+FFFE" },
        { "\xef\xbf\xbf", false, "U+FFFF" },
        { "\xf0\x9f\xbf\xbe", false, "U+1FFFE" },
        { "\xf4\x8f\xbf\xbf", false, "U+10FFFF" },
        { "\x80", false, "lone continuation" },
        { "\xbf", false, "lone continuation 0xbf" },
        { "\xc3", false, "truncated 2-byte" },
        { "\xe2\x82", false, "truncated 3-byte" },
        { "\xf0\x9f\x98", false, "truncated 4-byte" },
        { "\xc3\x28", false, "bad continuation" },
        { "\xe2\x28\xa1", false, "bad first continuation" },
        { "\xe2\x82\x28", false, "bad second continuation" },
        { "\xff", false, "0xff" },
        { "\xfe", false, "0xfe" },
        { "a\xffz", false, "invalid in the middle" },
        { "ok\xc3\xa9\xc3", false, "valid then truncated" },
};

TEST(utf8_is_valid) {
        for (size_t i = 0; i < ELEMENTSOF(strings); i++) {
                if (utf8_is_valid(strings[i].s) != strings[i].valid)
                        printf("# %s\n", strings[i].what);
                CHECK(utf8_is_valid(strings[i].s) == strings[i].valid);
        }
}

TEST(utf8_is_valid_n) {
        for (size_t i = 0; i < ELEMENTSOF(strings); i++) {
                bool v = utf8_is_valid_n(strings[i].s, strlen(strings[i].s));
                if (v != strings[i].valid)
                        printf("# %s\n", strings[i].what);
                CHECK(v == strings[i].valid);
        }
        /* embedded NUL is refused */
        CHECK(!utf8_is_valid_n("a\0b", 3));
        CHECK(utf8_is_valid_n("a\0b", 1));
        /* a character cut by n is invalid even if the string goes on */
        CHECK(!utf8_is_valid_n("\xc3\xa9", 1));
        CHECK(utf8_is_valid_n("\xc3\xa9", 2));
        CHECK(!utf8_is_valid_n("\xf0\x9f\x98\x80", 3));
        CHECK(utf8_is_valid_n("", 0));
}

TEST(encoded_valid_unichar) {
        CHECK_INTEQ(utf8_encoded_valid_unichar("a", 1), 1);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xc3\xa9", 2), 2);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xe2\x82\xac", 3), 3);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xf0\x9f\x98\x80", 4), 4);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xf0\x9f\x98\x80", SIZE_MAX), 4);
        /* length one short of the character */
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xf0\x9f\x98\x80", 3), -EINVAL);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xc3\xa9", 1), -EINVAL);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xc0\x80", 2), -EINVAL);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\x80", 1), -EINVAL);
        CHECK_INTEQ(utf8_encoded_valid_unichar("\xef\xbf\xbe", 3), -EINVAL);
}

TEST(encode_roundtrip) {
        static const char32_t cs[] = { 1, 'z', 0x7f, 0x80, 0x7ff, 0x800, 0xfdcf, 0xfffd, 0x10000, 0x10fffd };

        for (size_t i = 0; i < ELEMENTSOF(cs); i++) {
                char b[5] = {};
                size_t n = utf8_encode_unichar(b, cs[i]);
                CHECK(n >= 1 && n <= 4);
                CHECK_INTEQ(utf8_encoded_valid_unichar(b, n), (int) n);
                CHECK(utf8_is_valid(b));
        }
        {
                char b[5] = {};
                CHECK_INTEQ(utf8_encode_unichar(b, 0xe9), 2);
                CHECK_STREQ(b, "\xc3\xa9");
                CHECK_INTEQ(utf8_encode_unichar(b, 0x1f600), 4);
                CHECK_STREQ(b, "\xf0\x9f\x98\x80");
        }
}

int main(void) {
        RUN(unichar_is_valid);
        RUN(utf8_is_valid);
        RUN(utf8_is_valid_n);
        RUN(encoded_valid_unichar);
        RUN(encode_roundtrip);
        return tap_done();
}
