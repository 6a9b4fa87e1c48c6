/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "hashmap.h"
#include "macro.h"

/*
 * Environment files as systemd reads them for EnvironmentFile=
 * (spec/systemd-syntax.md section 12): a character state machine over the
 * whole file, not a shell. Quotes group and vanish, "#" is a comment only
 * where a key could start, a backslash-newline continues an unquoted value
 * with nothing inserted, `export` is part of the key (and so the assignment
 * is dropped when the service starts), the later of two assignments wins.
 *
 * Before systemd 254 a comment line ending in a backslash swallows the next
 * line; ENV_FILE_V254 selects the newer behaviour.
 *
 * Limits: a file larger than ENV_FILE_SIZE_MAX is refused, as systemd
 * refuses it (the service then fails to start). A NUL byte anywhere, or
 * invalid UTF-8 in a key or value, makes systemd refuse the whole file too.
 */

#define ENV_FILE_SIZE_MAX ((size_t) 64 * 1024 * 1024 - 1)

enum env_file_flags {
        ENV_FILE_V254 = 1 << 0,
};

struct env_entry {
        char *key;
        char *value;
        unsigned line;          /* where the assignment starts */
        bool valid;             /* a valid variable name and UTF-8: systemd passes it on */
        bool hash_comment_like; /* " #" in the value, which a shell would read as a comment */
};

struct env_file {
        struct env_entry *items;        /* in systemd's order: a repeated key keeps its first place */
        size_t n, alloc;
        bool failed;                    /* systemd refuses the whole file (invalid UTF-8): the service fails to start */
        struct hashmap index;           /* key -> index + 1 (a file of a million names stays linear) */
        struct diag_list diags;         /* every dropped line and assignment, with the reason */
};

/*
 * Parses size bytes at data (the file's contents); diagnostics name `file`.
 * Returns 0, or -ENOMEM. A file systemd refuses is not an error here: it is
 * reported with ret->failed and a diagnostic.
 */
int env_file_parse(const char *file, const char *data, size_t size, unsigned flags, struct env_file *ret);
void env_file_release(struct env_file *f);

/* Whether a variable name is one systemd passes to a program. */
bool env_name_is_valid(const char *name);
bool env_name_is_valid_n(const char *name, size_t n);
