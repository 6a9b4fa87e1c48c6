/* SPDX-License-Identifier: MIT */
#include <limits.h>

#include "path-util.h"
#include "strbuf.h"
#include "tap.h"

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
        return tap_done();
}
