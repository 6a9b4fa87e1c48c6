/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/stat.h>
#include "macro.h"

/*
 * Resolves symlinks in `path` (absolute, as on the host) inside the tree
 * `root` (NULL or "/" for the real root): absolute link targets and ".."
 * never leave root. Returns the resolved path as on the host (owned by the
 * caller) in *ret.
 *
 * Returns 1 if the result exists, 0 if it does not and CHASE_NONEXISTENT
 * allowed that (the rest is appended as written), -ENOENT, -ELOOP (more
 * than 32 links), -ENOTDIR, -ENAMETOOLONG, -ENOMEM.
 */
enum chase_flags {
        CHASE_NONEXISTENT = 1 << 0,     /* a missing tail is fine */
        CHASE_NOFOLLOW = 1 << 1,        /* do not follow the last component */
};

int chase_symlinks(const char *root, const char *path, unsigned flags, char **ret);

/* root + host_path as a path on this machine (owned by the caller). */
char *root_path(const char *root, const char *host_path);

/* lstat()/stat() of a host path under root. */
int root_lstat(const char *root, const char *host_path, struct stat *st);
int root_stat(const char *root, const char *host_path, struct stat *st);

static inline bool root_is_real(const char *root) {
        return !root || !*root || (root[0] == '/' && root[1] == '\0');
}
