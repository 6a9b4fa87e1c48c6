/* SPDX-License-Identifier: MIT */
#include "utf8.h"

bool unichar_is_valid(char32_t c) {
        if (c >= 0x110000)
                return false;
        if ((c & 0xFFFFF800) == 0xD800)
                return false;
        if (c >= 0xFDD0 && c <= 0xFDEF)
                return false;
        if ((c & 0xFFFE) == 0xFFFE)
                return false;
        return true;
}

static size_t expected_len(unsigned char c) {
        if (c < 0x80)
                return 1;
        if ((c & 0xe0) == 0xc0)
                return 2;
        if ((c & 0xf0) == 0xe0)
                return 3;
        if ((c & 0xf8) == 0xf0)
                return 4;
        if ((c & 0xfc) == 0xf8)
                return 5;
        if ((c & 0xfe) == 0xfc)
                return 6;
        return 0;
}

static size_t encoded_len(char32_t c) {
        if (c < 0x80)
                return 1;
        if (c < 0x800)
                return 2;
        if (c < 0x10000)
                return 3;
        if (c < 0x200000)
                return 4;
        if (c < 0x4000000)
                return 5;
        return 6;
}

int utf8_encoded_valid_unichar(const char *s, size_t length) {
        const unsigned char *u = (const unsigned char *) s;
        size_t len = expected_len(u[0]);
        char32_t c;

        if (len == 0 || len > length)
                return -EINVAL;
        if (len == 1)
                return 1;
        for (size_t i = 1; i < len; i++)
                if ((u[i] & 0xc0) != 0x80)
                        return -EINVAL;
        c = u[0] & (0xff >> (len + 1));
        for (size_t i = 1; i < len; i++)
                c = (c << 6) | (u[i] & 0x3f);
        if (encoded_len(c) != len)
                return -EINVAL;
        if (!unichar_is_valid(c))
                return -EINVAL;
        return (int) len;
}

bool utf8_is_valid(const char *s) {
        while (*s) {
                int l = utf8_encoded_valid_unichar(s, SIZE_MAX);
                if (l < 0)
                        return false;
                s += l;
        }
        return true;
}

bool utf8_is_valid_n(const char *s, size_t n) {
        size_t i = 0;

        while (i < n) {
                int l;

                if (s[i] == '\0')
                        return false;
                l = utf8_encoded_valid_unichar(s + i, n - i);
                if (l < 0)
                        return false;
                i += (size_t) l;
        }
        return true;
}

size_t utf8_encode_unichar(char *out, char32_t c) {
        if (c < 0x80) {
                out[0] = (char) c;
                return 1;
        }
        if (c < 0x800) {
                out[0] = (char) (0xc0 | (c >> 6));
                out[1] = (char) (0x80 | (c & 0x3f));
                return 2;
        }
        if (c < 0x10000) {
                out[0] = (char) (0xe0 | (c >> 12));
                out[1] = (char) (0x80 | ((c >> 6) & 0x3f));
                out[2] = (char) (0x80 | (c & 0x3f));
                return 3;
        }
        if (c < 0x110000) {
                out[0] = (char) (0xf0 | (c >> 18));
                out[1] = (char) (0x80 | ((c >> 12) & 0x3f));
                out[2] = (char) (0x80 | ((c >> 6) & 0x3f));
                out[3] = (char) (0x80 | (c & 0x3f));
                return 4;
        }
        /* Not representable; systemd emits the replacement character. */
        out[0] = (char) 0xef;
        out[1] = (char) 0xbf;
        out[2] = (char) 0xbd;
        return 3;
}
