/* SPDX-License-Identifier: MIT */
#pragma once

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
