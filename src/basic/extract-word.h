/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Word splitting as systemd does it for unit settings (systemd.syntax(7),
 * "Quoting"). Each call takes the next word off *p: separators (whitespace
 * unless given) are skipped, quotes group and, with EXTRACT_UNQUOTE, vanish;
 * backslash escapes are C-decoded with EXTRACT_CUNESCAPE.
 *
 * Returns 1 with the word in *ret (owned by the caller), 0 at the end (*ret
 * NULL, *p NULL), -EINVAL on an unknown escape or unbalanced quote (then *p
 * points at the offending place), -ENOMEM.
 */
enum extract_flags {
        EXTRACT_RELAX = 1 << 0,                 /* allow unbalanced quotes, eat a trailing backslash */
        EXTRACT_CUNESCAPE = 1 << 1,             /* decode C escapes */
        EXTRACT_UNESCAPE_RELAX = 1 << 2,        /* keep unknown escapes and a trailing backslash verbatim */
        EXTRACT_UNESCAPE_SEPARATORS = 1 << 3,   /* a backslash before a separator or backslash yields it */
        EXTRACT_KEEP_QUOTE = 1 << 4,            /* quotes group but stay in the word */
        EXTRACT_UNQUOTE = 1 << 5,               /* quotes group and are removed */
        EXTRACT_DONT_COALESCE_SEPARATORS = 1 << 6,
        EXTRACT_RETAIN_ESCAPE = 1 << 7,         /* backslash is an ordinary character */
        EXTRACT_RETAIN_SEPARATORS = 1 << 8,
};

int extract_first_word(const char **p, char **ret, const char *separators, unsigned flags);
