/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/types.h>

#include "macro.h"

/* Path helpers with systemd's definitions of valid and normalized. */

static inline bool path_is_absolute(const char *p) {
        return p && p[0] == '/';
}
/* "." and ".." are not valid file names; no '/', at most NAME_MAX bytes. */
bool filename_is_valid(const char *p);
/* Every component at most NAME_MAX, the whole below PATH_MAX; with
 * accept_dot_dot false, ".." components make it invalid. */
bool path_is_valid_full(const char *p, bool accept_dot_dot);
static inline bool path_is_valid(const char *p) {
        return path_is_valid_full(p, true);
}
/* Valid, no "..", no "." component, no "//". */
bool path_is_normalized(const char *p);
/* Removes duplicate and trailing slashes and "." components, in place. */
char *path_simplify(char *path);
/* Joins a and b with exactly one '/' between them; NULL on OOM. */
char *path_join(const char *a, const char *b);
/* If path starts with the directory prefix, the rest (without leading
 * slashes, "" when equal); else NULL. */
const char *path_startswith(const char *path, const char *prefix);
/* The last component of a path (a pointer into it). */
const char *path_basename(const char *p);
/* The directory of p, as a new string ("/" for "/x", "." for "x"). */
char *path_dirname(const char *p);
/* Resolves "." and ".." lexically in an absolute path, in place; returns
 * path, or NULL when out of memory (path is then unchanged). */
char *path_normalize_lexically(char *path);

/*
 * Whether the file at path (resolved with realpath()) can be trusted as
 * configuration by a process running as uid: the file and every directory
 * from "/" down to it belong to root or to uid, and none of them can be
 * written by another user (no group or other write bit; a directory with the
 * sticky bit, such as /tmp, is allowed: nobody else can replace what is in
 * it). The same rule as OpenSSH's StrictModes and sudo's sudoers check.
 * Returns 1 with the resolved path in *ret_resolved (owned by the caller)
 * when trusted; 0 with *ret_why (owned by the caller) naming the file or
 * directory and what is wrong with it when not; a negative errno when the
 * path cannot be resolved or examined.
 */
int path_check_trusted(const char *path, uid_t uid, char **ret_resolved, char **ret_why);
