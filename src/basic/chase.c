/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <sys/stat.h>

#include "chase.h"
#include "path-util.h"
#include "strbuf.h"

char *root_path(const char *root, const char *host_path) {
        if (root_is_real(root))
                return strdup(host_path);
        return path_join(root, host_path);
}

int root_lstat(const char *root, const char *host_path, struct stat *st) {
        _cleanup_free_ char *p = root_path(root, host_path);

        if (!p)
                return -ENOMEM;
        return lstat(p, st) < 0 ? -errno : 0;
}

int root_stat(const char *root, const char *host_path, struct stat *st) {
        _cleanup_free_ char *resolved = NULL, *p = NULL;
        int r;

        r = chase_symlinks(root, host_path, 0, &resolved);
        if (r < 0)
                return r;
        p = root_path(root, resolved);
        if (!p)
                return -ENOMEM;
        return stat(p, st) < 0 ? -errno : 0;
}

/* Appends component c (length n) to the host path in sb. */
static void push_component(struct strbuf *sb, const char *c, size_t n) {
        if (sb->len == 0 || sb->buf[sb->len - 1] != '/')
                strbuf_addch(sb, '/');
        strbuf_add(sb, c, n);
}

static void pop_component(struct strbuf *sb) {
        while (sb->len > 1 && sb->buf[sb->len - 1] != '/')
                sb->len--;
        if (sb->len > 1)
                sb->len--;
        sb->buf[sb->len] = '\0';
}

int chase_symlinks(const char *root, const char *path, unsigned flags, char **ret) {
        _cleanup_strbuf_ struct strbuf done = STRBUF_INIT;
        _cleanup_free_ char *todo = NULL;
        unsigned hops = 0;
        const char *p;

        if (!path_is_absolute(path))
                return -EINVAL;
        todo = strdup(path);
        if (!todo)
                return -ENOMEM;
        strbuf_addch(&done, '/');
        p = todo;

        for (;;) {
                _cleanup_free_ char *fs = NULL;
                struct stat st;
                size_t n;
                const char *rest;

                p += strspn(p, "/");
                if (*p == '\0')
                        break;
                n = strcspn(p, "/");
                rest = p + n;
                if (n == 1 && p[0] == '.') {
                        p = rest;
                        continue;
                }
                if (n == 2 && p[0] == '.' && p[1] == '.') {
                        pop_component(&done);
                        p = rest;
                        continue;
                }
                if (n > NAME_MAX)
                        return -ENAMETOOLONG;
                push_component(&done, p, n);
                if (strbuf_error(&done) < 0)
                        return -ENOMEM;
                fs = root_path(root, done.buf);
                if (!fs)
                        return -ENOMEM;
                if (lstat(fs, &st) < 0) {
                        if (errno == ENOENT && (flags & CHASE_NONEXISTENT)) {
                                /* Append the rest as written, normalized lexically. */
                                strbuf_addstr(&done, rest);
                                if (strbuf_error(&done) < 0)
                                        return -ENOMEM;
                                if (!path_normalize_lexically(done.buf))
                                        return -ENOMEM;
                                done.len = strlen(done.buf);
                                *ret = strbuf_detach(&done, NULL);
                                return *ret ? 0 : -ENOMEM;
                        }
                        return -errno;
                }
                if (S_ISLNK(st.st_mode) && !((flags & CHASE_NOFOLLOW) && rest[strspn(rest, "/")] == '\0')) {
                        char target[PATH_MAX];
                        ssize_t k;
                        struct strbuf nt = STRBUF_INIT;

                        if (++hops > 32)
                                return -ELOOP;
                        k = readlink(fs, target, sizeof(target) - 1);
                        if (k < 0)
                                return -errno;
                        target[k] = '\0';
                        pop_component(&done);
                        if (target[0] == '/') {
                                strbuf_reset(&done);
                                strbuf_addch(&done, '/');
                        }
                        strbuf_addstr(&nt, target);
                        strbuf_addstr(&nt, rest);
                        free(todo);
                        todo = strbuf_detach(&nt, NULL);
                        if (!todo)
                                return -ENOMEM;
                        p = todo;
                        continue;
                }
                if (!S_ISDIR(st.st_mode) && rest[strspn(rest, "/")] != '\0')
                        return -ENOTDIR;
                p = rest;
        }
        if (strbuf_error(&done) < 0)
                return -ENOMEM;
        *ret = strbuf_detach(&done, NULL);
        return *ret ? 1 : -ENOMEM;
}
