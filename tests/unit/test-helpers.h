/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Helpers shared by the unit tests that need files: a temporary directory
 * removed at the end, and small writers for files, directories and symlinks
 * inside it. Each returns 0 or -errno and never prints; a test checks the
 * result with CHECK_INTEQ(..., 0) so a broken fixture shows up as a failure.
 */

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "strbuf.h"

/* Creates a fresh directory under $TMPDIR (or /tmp); the caller frees the path. */
static inline char *th_mkdtemp(void) {
        const char *t = getenv("TMPDIR");
        struct strbuf sb = STRBUF_INIT;
        char *p;

        strbuf_addf(&sb, "%s/goldctl-test-XXXXXX", isempty(t) ? "/tmp" : t);
        p = strbuf_detach(&sb, NULL);
        if (!p)
                return NULL;
        if (!mkdtemp(p)) {
                free(p);
                return NULL;
        }
        return p;
}

static inline int th_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
        (void) st;
        (void) ftw;
        if (flag == FTW_DP)
                return rmdir(path) < 0 ? -1 : 0;
        return unlink(path) < 0 ? -1 : 0;
}

/* Removes a tree (without following symlinks). */
static inline int th_rm_rf(const char *path) {
        if (!path)
                return 0;
        return nftw(path, th_rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0 ? -errno : 0;
}

/* "dir/rel" as a new string. */
static inline char *th_path(const char *dir, const char *rel) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addf(&sb, "%s/%s", dir, rel);
        return strbuf_detach(&sb, NULL);
}

/* mkdir -p of dir/rel. */
static inline int th_mkdir_p(const char *dir, const char *rel) {
        _cleanup_free_ char *p = th_path(dir, rel);

        if (!p)
                return -ENOMEM;
        for (char *s = p + strlen(dir) + 1;; s++) {
                if (*s == '/' || *s == '\0') {
                        char c = *s;
                        *s = '\0';
                        if (mkdir(p, 0755) < 0 && errno != EEXIST)
                                return -errno;
                        *s = c;
                        if (c == '\0')
                                break;
                }
        }
        return 0;
}

/* Writes n bytes to dir/rel, creating the parent directories. */
static inline int th_write_n(const char *dir, const char *rel, const void *data, size_t n) {
        _cleanup_free_ char *p = th_path(dir, rel);
        _cleanup_free_ char *parent = NULL;
        const char *slash;
        int fd, r;

        if (!p)
                return -ENOMEM;
        slash = strrchr(rel, '/');
        if (slash) {
                parent = strndup(rel, (size_t) (slash - rel));
                if (!parent)
                        return -ENOMEM;
                r = th_mkdir_p(dir, parent);
                if (r < 0)
                        return r;
        }
        fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
                return -errno;
        for (size_t done = 0; done < n;) {
                ssize_t k = write(fd, (const char *) data + done, n - done);
                if (k < 0) {
                        r = -errno;
                        close(fd);
                        return r;
                }
                done += (size_t) k;
        }
        return close(fd) < 0 ? -errno : 0;
}

static inline int th_write(const char *dir, const char *rel, const char *text) {
        return th_write_n(dir, rel, text, strlen(text));
}

/* A file of n copies of c. */
static inline int th_write_fill(const char *dir, const char *rel, char c, size_t n) {
        char *b = malloc(n ? n : 1);
        int r;

        if (!b)
                return -ENOMEM;
        memset(b, c, n);
        r = th_write_n(dir, rel, b, n);
        free(b);
        return r;
}

/* Creates the symlink dir/rel -> target (target as given). */
static inline int th_symlink(const char *dir, const char *rel, const char *target) {
        _cleanup_free_ char *p = th_path(dir, rel);
        const char *slash = strrchr(rel, '/');

        if (!p)
                return -ENOMEM;
        if (slash) {
                _cleanup_free_ char *parent = strndup(rel, (size_t) (slash - rel));
                int r;

                if (!parent)
                        return -ENOMEM;
                r = th_mkdir_p(dir, parent);
                if (r < 0)
                        return r;
        }
        return symlink(target, p) < 0 ? -errno : 0;
}
