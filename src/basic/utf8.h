/* SPDX-License-Identifier: MIT */
#pragma once

#include <uchar.h>
#include "macro.h"

/*
 * UTF-8 as systemd checks it: a code point is valid when it is below
 * U+110000, not a UTF-16 surrogate, not one of U+FDD0..U+FDEF and not a
 * U+xxFFFE/U+xxFFFF non-character; overlong encodings are invalid.
 */

bool unichar_is_valid(char32_t c);
/* Length in bytes of the valid character at s (at most `length` bytes
 * read), or -EINVAL. */
int utf8_encoded_valid_unichar(const char *s, size_t length);
/* Whether the NUL-terminated string is valid UTF-8. */
bool utf8_is_valid(const char *s);
/* Whether the first n bytes are valid UTF-8 without embedded NUL. */
bool utf8_is_valid_n(const char *s, size_t n);
/* Writes the encoding of c to out (at most 4 bytes); returns its length. */
size_t utf8_encode_unichar(char *out, char32_t c);
