/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "macro.h"

/*
 * The systemd unit-file dialect (systemd.syntax(7)), read exactly as
 * systemd 252's config_parse() reads it; the rules are those of
 * spec/systemd-syntax.md sections 1 to 5:
 *
 *  - physical lines end at \n, \r or NUL; \r\n, \n\r, \n\0 and \r\n\0 count
 *    as one line end; a UTF-8 BOM is dropped at the start of the first line
 *    that has one;
 *  - a physical line longer than SYNTAX_LINE_MAX - 1 bytes, or a logical
 *    line longer than SYNTAX_LINE_MAX, ends the file with an error;
 *  - a line whose first non-blank character is '#' or ';' is a comment, also
 *    inside a continuation (and then dropped from it);
 *  - an unescaped trailing backslash continues the line: it becomes one
 *    space and the next raw line is appended;
 *  - after stripping, the logical line must be valid UTF-8, else the file
 *    fails to load; "[Name]" starts a section (a bad header ends the file);
 *    everything else splits at the first '='.
 *
 * Each assignment in a known section is handed to the callback with the
 * number of the physical line systemd names in its messages (the last line
 * of a continued logical line; one past the end for a continuation left
 * open at EOF).
 */

#define SYNTAX_LINE_MAX ((size_t) 1024 * 1024)

struct syntax_assignment {
        const char *file;       /* display path */
        unsigned line;
        const char *section;
        const char *key;
        const char *value;
        enum diag_effect fatal_effect;  /* what a fatal error in this file means */
};

/* Returns 0 to go on, or a negative errno to stop reading the file
 * (systemd's fatal errors return -ENOEXEC). */
typedef int (*syntax_assign_fn)(const struct syntax_assignment *a, void *userdata, struct diag_list *diags);

struct syntax_options {
        /* NUL-separated list of valid sections ending in an empty string,
         * e.g. "Unit\0Service\0Install\0"; NULL accepts any section. */
        const char *sections;
        /* goldctl's own remarks beyond systemd's (trailing blanks after a
         * backslash, data lines dropped from a continuation). */
        bool lint;
        /* What an error that stops the file means: DIAG_EFFECT_REFUSED for a
         * unit's fragment, DIAG_EFFECT_FILE for a drop-in (systemd then just
         * stops reading that drop-in). */
        enum diag_effect fatal_effect;
};

/*
 * Parses size bytes at data. Diagnostics name `file`. Returns 0 when the
 * whole file was read, or the negative errno that made systemd stop:
 * -ENOBUFS (line too long), -EINVAL (invalid UTF-8), -EBADMSG (bad section
 * header), or whatever the callback returned.
 */
int syntax_parse(const char *file, const char *data, size_t size, const struct syntax_options *opts,
                 syntax_assign_fn fn, void *userdata, struct diag_list *diags);
