/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path-util.h"
#include "strbuf.h"
#include "tap.h"
#include "test-helpers.h"

/* A string of n copies of c (caller frees). */
static char *fill(char c, size_t n) {
        char *s = malloc(n + 1);

        if (s) {
                memset(s, c, n);
                s[n] = '\0';
        }
        return s;
}

TEST(is_absolute) {
        CHECK(path_is_absolute("/"));
        CHECK(path_is_absolute("/a"));
        CHECK(!path_is_absolute("a/b"));
        CHECK(!path_is_absolute(""));
        CHECK(!path_is_absolute(NULL));
        CHECK(!path_is_absolute("./a"));
}

TEST(filename_is_valid) {
        _cleanup_free_ char *max = fill('a', NAME_MAX), *over = fill('a', NAME_MAX + 1);

        CHECK(filename_is_valid("foo.service"));
        CHECK(filename_is_valid("..."));
        CHECK(filename_is_valid(".hidden"));
        CHECK(filename_is_valid("a b"));
        CHECK(!filename_is_valid(""));
        CHECK(!filename_is_valid(NULL));
        CHECK(!filename_is_valid("."));
        CHECK(!filename_is_valid(".."));
        CHECK(!filename_is_valid("/"));
        CHECK(!filename_is_valid("a/b"));
        CHECK(!filename_is_valid("a/"));
        CHECK(filename_is_valid(max));
        CHECK(!filename_is_valid(over));
}

TEST(path_is_valid_components) {
        _cleanup_free_ char *c255 = fill('c', NAME_MAX), *c256 = fill('c', NAME_MAX + 1);
        _cleanup_free_ char *p1 = NULL, *p2 = NULL;

        CHECK(path_is_valid("/"));
        CHECK(path_is_valid("a"));
        CHECK(path_is_valid("/a/b/"));
        CHECK(path_is_valid("//a//b"));
        CHECK(path_is_valid("../a"));
        CHECK(!path_is_valid(""));
        CHECK(!path_is_valid(NULL));
        CHECK(path_is_valid_full("/a/./b", false));
        CHECK(!path_is_valid_full("/a/../b", false));
        CHECK(!path_is_valid_full("..", false));
        CHECK(path_is_valid_full("/a/..b", false));

        p1 = path_join("/x", c255);
        p2 = path_join("/x", c256);
        CHECK(path_is_valid(p1));
        CHECK(!path_is_valid(p2));
}

/* A path of exactly len bytes: "/" and components of at most 200 bytes. */
static char *path_of_length(size_t len) {
        struct strbuf sb = STRBUF_INIT;

        while (sb.len < len) {
                size_t room = len - sb.len - 1, n = MIN(room, (size_t) 200);
                strbuf_addch(&sb, '/');
                for (size_t i = 0; i < n; i++)
                        strbuf_addch(&sb, 'p');
        }
        return strbuf_detach(&sb, NULL);
}

TEST(path_is_valid_length) {
        _cleanup_free_ char *ok = path_of_length(PATH_MAX - 1), *over = path_of_length(PATH_MAX);

        /* PATH_MAX counts the trailing NUL */
        CHECK_INTEQ(strlen(ok), PATH_MAX - 1);
        CHECK_INTEQ(strlen(over), PATH_MAX);
        CHECK(path_is_valid(ok));
        CHECK(!path_is_valid(over));
}

TEST(path_is_normalized) {
        static const struct {
                const char *p;
                bool normalized;
        } t[] = {
                { "/", true },
                { "/a/b", true },
                { "a/b", true },
                { "/a/b/", true },
                { "/a/.b", true },
                { "/a/b..", true },
                { ".", false },
                { "./a", false },
                { "a/.", false },
                { "/a/./b", false },
                { "/a/../b", false },
                { "..", false },
                { "//a", false },
                { "/a//b", false },
                { "", false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                if (path_is_normalized(t[i].p) != t[i].normalized)
                        printf("# [%s]\n", t[i].p);
                CHECK(path_is_normalized(t[i].p) == t[i].normalized);
        }
}

/* systemd's path_simplify(): ".." is kept, "." and duplicate or trailing
 * slashes go. */
TEST(path_simplify) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "", "" },
                { "/", "/" },
                { "///", "/" },
                { "///.", "/" },
                { "///./", "/" },
                { "////.//", "/" },
                { ".", "." },
                { "./", "." },
                { ".///.", "." },
                { ".///.//", "." },
                { "aaa/bbb////ccc", "aaa/bbb/ccc" },
                { "//aaa/.////ccc", "/aaa/ccc" },
                { "aaa/./bbb/./ccc/.", "aaa/bbb/ccc" },
                { "./aaa/bbb/../ccc/", "aaa/bbb/../ccc" },
                { "/aaa/bbb/../ccc", "/aaa/bbb/../ccc" },
                { "/bin//true", "/bin/true" },
                { "/srv//x/", "/srv/x" },
                { "/etc/.env", "/etc/.env" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *s = strdup(t[i].in);
                CHECK(path_simplify(s) == s);
                CHECK_STREQ(s, t[i].out);
        }
}

TEST(path_join) {
        static const struct {
                const char *a, *b, *out;
        } t[] = {
                { "/a", "b", "/a/b" },
                { "/a/", "b", "/a/b" },
                { "/a", "/b", "/a/b" },
                { "/a/", "///b", "/a/b" },
                { "/", "x", "/x" },
                { "/", "/x", "/x" },
                { "a", "b/c", "a/b/c" },
                { "/root", "/etc/systemd/system", "/root/etc/systemd/system" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *j = path_join(t[i].a, t[i].b);
                CHECK_STREQ(j, t[i].out);
        }
}

TEST(path_startswith) {
        static const struct {
                const char *path, *prefix, *rest;
        } t[] = {
                { "/foo/bar", "/foo", "bar" },
                { "/foo/bar", "/foo/", "bar" },
                { "/foo//bar", "/foo", "bar" },
                { "/foo/bar/baz", "/foo", "bar/baz" },
                { "/foo", "/foo", "" },
                { "/foo/", "/foo", "" },
                { "/foo/bar", "/", "foo/bar" },
                { "/", "/", "" },
                { "//foo", "/foo", "" },
                { "/foobar", "/foo", NULL },
                { "/fo", "/foo", NULL },
                { "/foo", "/foo/bar", NULL },
                { "foo/bar", "/foo", NULL },
                { "/foo/bar", "foo", NULL },
                { "foo/bar", "foo", "bar" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                const char *r = path_startswith(t[i].path, t[i].prefix);
                if (!streq_ptr(r, t[i].rest))
                        printf("# [%s] [%s]\n", t[i].path, t[i].prefix);
                CHECK_STREQ(r, t[i].rest);
        }
}

TEST(basename_dirname) {
        _cleanup_free_ char *d1 = path_dirname("/x"), *d2 = path_dirname("x"), *d3 = path_dirname("/a/b/c"),
                            *d4 = path_dirname("a/b");

        CHECK_STREQ(path_basename("/a/b"), "b");
        CHECK_STREQ(path_basename("b"), "b");
        CHECK_STREQ(path_basename("/etc/systemd/system/foo.service"), "foo.service");
        CHECK_STREQ(d1, "/");
        CHECK_STREQ(d2, ".");
        CHECK_STREQ(d3, "/a/b");
        CHECK_STREQ(d4, "a");
}

TEST(normalize_lexically) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "/", "/" },
                { "/a/../b", "/b" },
                { "/../..", "/" },
                { "/../../etc", "/etc" },
                { "/a/./b/", "/a/b" },
                { "/a//b/../../..", "/" },
                { "/a/b/c/../../d", "/a/d" },
                { "/a/b/..", "/a" },
                { "//a", "/a" },
                /* already normalized: unchanged (and the buffer not overrun) */
                { "/a", "/a" },
                { "/etc/missing/x/y", "/etc/missing/x/y" },
                { "/dev/null", "/dev/null" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *s = strdup(t[i].in);
                path_normalize_lexically(s);
                CHECK_STREQ(s, t[i].out);
        }
}

/* Trusted: the file and every directory above it belong to root or the
 * caller and nobody else can write them (a sticky directory is fine). */
static int trusted(const char *path, char **ret_why) {
        _cleanup_free_ char *resolved = NULL;
        int r = path_check_trusted(path, geteuid(), &resolved, ret_why);

        if (r > 0 && !resolved)
                return -1;
        return r;
}

TEST(check_trusted) {
        _cleanup_free_ char *dir = th_mkdtemp(), *f = NULL, *sub = NULL, *g = NULL, *link = NULL, *why = NULL;

        CHECK(dir);
        CHECK(th_write(dir, "c.conf", "[Contract]\n") == 0);
        CHECK(th_mkdir_p(dir, "sub") == 0);
        CHECK(th_write(dir, "sub/d.conf", "[Contract]\n") == 0);
        f = th_path(dir, "c.conf");
        sub = th_path(dir, "sub");
        g = th_path(dir, "sub/d.conf");
        CHECK(f && sub && g);
        CHECK(chmod(dir, 0755) == 0);
        CHECK(chmod(f, 0644) == 0);
        CHECK_INTEQ(trusted(f, &why), 1);
        CHECK(chmod(f, 0664) == 0);
        CHECK_INTEQ(trusted(f, &why), 0);
        CHECK(why && strstr(why, "can be written by its group") && strstr(why, f));
        free(why), why = NULL;
        CHECK(chmod(f, 0646) == 0);
        CHECK_INTEQ(trusted(f, &why), 0);
        CHECK(why && strstr(why, "every user"));
        free(why), why = NULL;
        CHECK(chmod(f, 0644) == 0);
        /* a directory above it that others can write: untrusted, sticky or not */
        CHECK(chmod(sub, 0777) == 0);
        CHECK_INTEQ(trusted(g, &why), 0);
        CHECK(why && strstr(why, "directory") && strstr(why, sub));
        free(why), why = NULL;
        CHECK(chmod(sub, 01777) == 0);
        CHECK_INTEQ(trusted(g, &why), 1);
        CHECK(chmod(sub, 0755) == 0);
        /* a link is judged by what it leads to */
        CHECK(th_symlink(dir, "link.conf", "sub/d.conf") == 0);
        link = th_path(dir, "link.conf");
        CHECK(link);
        CHECK_INTEQ(trusted(link, &why), 1);
        CHECK(chmod(g, 0666) == 0);
        CHECK_INTEQ(trusted(link, &why), 0);
        CHECK(why && strstr(why, g));
        free(why), why = NULL;
        CHECK(chmod(g, 0644) == 0);
        if (geteuid() == 0) {
                CHECK(chown(g, 65534, 65534) == 0);
                CHECK_INTEQ(trusted(g, &why), 0);
                CHECK(why && strstr(why, "belongs to uid 65534"));
                free(why), why = NULL;
        }
        CHECK_INTEQ(trusted("/nonexistent/goldctl/contract.conf", &why), -ENOENT);
        th_rm_rf(dir);
}

int main(void) {
        RUN(is_absolute);
        RUN(filename_is_valid);
        RUN(path_is_valid_components);
        RUN(path_is_valid_length);
        RUN(path_is_normalized);
        RUN(path_simplify);
        RUN(path_join);
        RUN(path_startswith);
        RUN(basename_dirname);
        RUN(normalize_lexically);
        RUN(check_trusted);
        return tap_done();
}
