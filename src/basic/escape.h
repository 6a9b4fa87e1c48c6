/* SPDX-License-Identifier: MIT */
#pragma once

#include <uchar.h>
#include "macro.h"
#include "strbuf.h"

/*
 * C-style escapes as systemd reads them (systemd.syntax(7), "Quoting"):
 * \a \b \f \n \r \t \v \\ \" \' \s (space), \xHH, \nnn (octal), \uXXXX and
 * \UXXXXXXXX. p points just past the backslash; at most `length` bytes are
 * read (SIZE_MAX: up to the NUL). Returns the number of bytes consumed and
 * the character in *ret; *ret_raw_byte is set when the escape names one raw
 * byte (\x, octal) that must be copied as is rather than UTF-8 encoded.
 * NUL is refused unless accept_nul. -EINVAL for anything else.
 */
/* The value of a hex digit, or -EINVAL. */
int unhexchar(char c);

/* Whether s has no control characters, quotes, backslashes or DEL (systemd's
 * string_is_safe(): fit for an executable path or a section name). */
bool string_is_safe(const char *s);

int cunescape_one(const char *p, size_t length, char32_t *ret, bool *ret_raw_byte, bool accept_nul);

/*
 * Appends s to sb the way systemctl prints one string of a list: as is when
 * it needs no quoting, else in double quotes with \ " ` $ backslash-escaped
 * and control characters or invalid UTF-8 C-escaped.
 */
int shell_maybe_quote(struct strbuf *sb, const char *s);

/* Appends s with control characters, quotes, backslashes and bytes >= 0x7f
 * C-escaped (octal), as systemd's cescape(). */
int cescape_append(struct strbuf *sb, const char *s);
