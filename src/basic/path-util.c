/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <sys/stat.h>

#include "path-util.h"
#include "strbuf.h"

bool filename_is_valid(const char *p) {
        if (isempty(p) || streq(p, ".") || streq(p, ".."))
                return false;
        if (strchr(p, '/'))
                return false;
        return strlen(p) <= NAME_MAX;
}

static const char *skip_slash_or_dot(const char *p) {
        for (; !isempty(p); p++) {
                if (*p == '/')
                        continue;
                if (startswith(p, "./")) {
                        p++;
                        continue;
                }
                break;
        }
        return p;
}

/* Returns the length of the first component and moves *p to the next one;
 * 0 at the end; -EINVAL for a component that is too long or a ".." that is
 * not accepted. */
static int path_find_first_component(const char **p, bool accept_dot_dot, const char **ret) {
        const char *first, *end, *next;
        size_t len;

        first = skip_slash_or_dot(*p);
        if (isempty(first)) {
                *p = first;
                if (ret)
                        *ret = NULL;
                return 0;
        }
        if (streq(first, ".")) {
                *p = first + 1;
                if (ret)
                        *ret = NULL;
                return 0;
        }
        end = strchr(first, '/');
        if (!end)
                end = first + strlen(first);
        len = (size_t) (end - first);
        if (len > NAME_MAX)
                return -EINVAL;
        if (!accept_dot_dot && len == 2 && first[0] == '.' && first[1] == '.')
                return -EINVAL;
        next = skip_slash_or_dot(end);
        *p = next + (streq(next, ".") ? 1 : 0);
        if (ret)
                *ret = first;
        return (int) len;
}

bool path_is_valid_full(const char *p, bool accept_dot_dot) {
        if (isempty(p))
                return false;
        for (const char *e = p;;) {
                if (path_find_first_component(&e, accept_dot_dot, NULL) < 0)
                        return false;
                if ((size_t) (e - p) >= PATH_MAX)
                        return false;
                if (*e == 0)
                        return true;
        }
}

bool path_is_normalized(const char *p) {
        if (!path_is_valid_full(p, false))
                return false;
        if (streq(p, ".") || startswith(p, "./") || endswith(p, "/.") || strstr(p, "/./"))
                return false;
        if (strstr(p, "//"))
                return false;
        return true;
}

char *path_simplify(char *path) {
        bool add_slash = false;
        char *f = path;

        if (isempty(path))
                return path;
        if (path_is_absolute(path))
                f++;
        for (const char *p = f;;) {
                const char *e;
                int r = path_find_first_component(&p, true, &e);
                if (r == 0)
                        break;
                if (add_slash)
                        *f++ = '/';
                if (r < 0) {
                        memmove(f, p, strlen(p) + 1);
                        return path;
                }
                memmove(f, e, (size_t) r);
                f += r;
                add_slash = true;
        }
        if (f == path)
                *f++ = '.';
        *f = '\0';
        return path;
}

char *path_join(const char *a, const char *b) {
        struct strbuf sb = STRBUF_INIT;
        size_t al = strlen(a);

        strbuf_addstr(&sb, a);
        while (*b == '/')
                b++;
        if (al == 0 || a[al - 1] != '/')
                strbuf_addch(&sb, '/');
        strbuf_addstr(&sb, b);
        return strbuf_detach(&sb, NULL);
}

const char *path_startswith(const char *path, const char *prefix) {
        if ((path[0] == '/') != (prefix[0] == '/'))
                return NULL;
        for (;;) {
                size_t a, b;

                path += strspn(path, "/");
                prefix += strspn(prefix, "/");
                if (*prefix == 0)
                        return path;
                if (*path == 0)
                        return NULL;
                a = strcspn(path, "/");
                b = strcspn(prefix, "/");
                if (a != b || memcmp(path, prefix, a) != 0)
                        return NULL;
                path += a;
                prefix += b;
        }
}

const char *path_basename(const char *p) {
        const char *s = strrchr(p, '/');
        return s ? s + 1 : p;
}

char *path_dirname(const char *p) {
        const char *s = strrchr(p, '/');

        if (!s)
                return strdup(".");
        if (s == p)
                return strdup("/");
        return strndup(p, (size_t) (s - p));
}

char *path_normalize_lexically(char *path) {
        size_t len = strlen(path), w = 1;
        const char *r = path;
        char *out;

        /* Works on absolute paths: component by component, ".." pops. The
         * result is never longer than the input, so it is built in a
         * scratch copy and copied back. */
        if (*r != '/')
                return path;
        out = malloc(len + 2);
        if (!out)
                return NULL;
        out[0] = '/';
        while (*r) {
                size_t n;

                r += strspn(r, "/");
                n = strcspn(r, "/");
                if (n == 0)
                        break;
                if (n == 1 && r[0] == '.') {
                        /* skip */
                } else if (n == 2 && r[0] == '.' && r[1] == '.') {
                        if (w > 1) {
                                w--; /* the slash after the last component */
                                while (w > 1 && out[w - 1] != '/')
                                        w--;
                        }
                } else {
                        memcpy(out + w, r, n);
                        w += n;
                        out[w++] = '/';
                }
                r += n;
        }
        if (w > 1)
                w--;
        out[w] = '\0';
        memcpy(path, out, w + 1);
        free(out);
        return path;
}

static int untrusted_node(const char *node, const struct stat *st, uid_t uid, char **ret_why) {
        struct strbuf sb = STRBUF_INIT;
        const char *what = S_ISDIR(st->st_mode) ? "directory" : "file";

        if (st->st_uid != 0 && st->st_uid != uid)
                strbuf_addf(&sb, "the %s %s belongs to uid %u, not to root%s", what, node, (unsigned) st->st_uid,
                            uid != 0 ? " or to the user running goldctl" : "");
        else if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX)))
                strbuf_addf(&sb, "the %s %s can be written by %s (mode %04o)", what, node,
                            (st->st_mode & S_IWOTH) ? "every user" : "its group", (unsigned) (st->st_mode & 07777));
        else
                return 0;
        *ret_why = strbuf_detach(&sb, NULL);
        return *ret_why ? 1 : -ENOMEM;
}

int path_check_trusted(const char *path, uid_t uid, char **ret_resolved, char **ret_why) {
        _cleanup_free_ char *resolved = realpath(path, NULL);
        struct stat st;
        size_t len;
        int r;

        if (!resolved)
                return -errno;
        if (lstat("/", &st) < 0)
                return -errno;
        r = untrusted_node("/", &st, uid, ret_why);
        if (r != 0)
                return r < 0 ? r : 0;
        /* then every prefix of the resolved path that ends before a '/', and the whole */
        len = strlen(resolved);
        for (size_t end = 2; end <= len; end++) {
                char saved;

                if (end < len && resolved[end] != '/')
                        continue;
                saved = resolved[end];
                resolved[end] = '\0';
                r = lstat(resolved, &st) < 0 ? -errno : untrusted_node(resolved, &st, uid, ret_why);
                resolved[end] = saved;
                if (r != 0)
                        return r < 0 ? r : 0;
        }
        *ret_resolved = TAKE_PTR(resolved);
        return 1;
}
