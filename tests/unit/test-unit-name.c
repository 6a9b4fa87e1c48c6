/* SPDX-License-Identifier: MIT */
#include "tap.h"
#include "unit-name.h"

static char *fill(char c, size_t n, const char *suffix) {
        char *s = malloc(n + strlen(suffix) + 1);

        if (s) {
                memset(s, c, n);
                memcpy(s + n, suffix, strlen(suffix) + 1);
        }
        return s;
}

TEST(type_strings) {
        static const char *const types[] = { "service", "mount", "swap", "socket", "target", "device",
                                             "automount", "timer", "path", "slice", "scope" };

        for (size_t i = 0; i < ELEMENTSOF(types); i++) {
                CHECK_INTEQ(unit_type_from_string(types[i]), (int) i);
                CHECK_STREQ(unit_type_to_string((enum unit_type) i), types[i]);
        }
        CHECK_INTEQ(unit_type_from_string("Service"), -EINVAL);
        CHECK_INTEQ(unit_type_from_string("snapshot"), -EINVAL);
        CHECK_INTEQ(unit_type_from_string(""), -EINVAL);
        CHECK(unit_type_to_string(_UNIT_TYPE_MAX) == NULL);
}

/* L-1: ASCII letters, digits, ":-_.\" and a type suffix; at most 255 bytes. */
TEST(name_is_valid) {
        static const struct {
                const char *n;
                unsigned plain_template_instance; /* bit 0 plain, 1 template, 2 instance */
        } t[] = {
                { "foo.service", 1 },
                { "foo-bar_baz:1.2\\x2d.service", 1 },
                { "foo.service.service", 1 },
                { "-.mount", 1 },
                { "foo@.service", 2 },
                { "foo@bar.service", 4 },
                { "foo@bar@baz.service", 4 },
                { "foo@a-b:c\\x20.service", 4 },
                { "getty@tty1.service", 4 },
                { "@bar.service", 0 },
                { "@.service", 0 },
                { "foo", 0 },
                { "foo.", 0 },
                { ".service", 0 },
                { "foo.Service", 0 },
                { "foo.bar", 0 },
                { "foo bar.service", 0 },
                { "foo/bar.service", 0 },
                { "f\xc3\xb6\xc3\xb6.service", 0 },
                { "foo%i.service", 0 },
                { "foo@b r.service", 0 },
                { "", 0 },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                bool p = unit_name_is_valid(t[i].n, UNIT_NAME_PLAIN);
                bool tm = unit_name_is_valid(t[i].n, UNIT_NAME_TEMPLATE);
                bool in = unit_name_is_valid(t[i].n, UNIT_NAME_INSTANCE);
                unsigned got = (p ? 1u : 0u) | (tm ? 2u : 0u) | (in ? 4u : 0u);

                if (got != t[i].plain_template_instance)
                        printf("# [%s] got %u\n", t[i].n, got);
                CHECK_INTEQ(got, t[i].plain_template_instance);
                CHECK(unit_name_is_valid(t[i].n, UNIT_NAME_ANY) == (t[i].plain_template_instance != 0));
        }
        CHECK(!unit_name_is_valid("foo.service", 0));
        CHECK(!unit_name_is_valid(NULL, UNIT_NAME_ANY));
}

TEST(name_length_limit) {
        /* 255 bytes is the longest valid name; 256 is one past */
        _cleanup_free_ char *ok = fill('a', 255 - strlen(".service"), ".service");
        _cleanup_free_ char *over = fill('a', 256 - strlen(".service"), ".service");

        CHECK_INTEQ(strlen(ok), 255);
        CHECK_INTEQ(strlen(over), 256);
        CHECK(unit_name_is_valid(ok, UNIT_NAME_PLAIN));
        CHECK(!unit_name_is_valid(over, UNIT_NAME_PLAIN));
}

TEST(prefix_instance_validity) {
        CHECK(unit_prefix_is_valid("foo"));
        CHECK(unit_prefix_is_valid("foo-bar\\x2d"));
        CHECK(!unit_prefix_is_valid(""));
        CHECK(!unit_prefix_is_valid("foo@bar"));
        CHECK(!unit_prefix_is_valid("a b"));
        CHECK(unit_instance_is_valid("tty1"));
        CHECK(unit_instance_is_valid("a@b"));
        CHECK(!unit_instance_is_valid(""));
        CHECK(!unit_instance_is_valid("a b"));
        CHECK(!unit_instance_is_valid("a/b"));
}

TEST(name_to_type) {
        CHECK_INTEQ(unit_name_to_type("foo.service"), UNIT_SERVICE);
        CHECK_INTEQ(unit_name_to_type("foo@.socket"), UNIT_SOCKET);
        CHECK_INTEQ(unit_name_to_type("a@b.timer"), UNIT_TIMER);
        CHECK_INTEQ(unit_name_to_type("-.mount"), UNIT_MOUNT);
        CHECK_INTEQ(unit_name_to_type("foo.bar"), -EINVAL);
        CHECK_INTEQ(unit_name_to_type("foo"), -EINVAL);
}

TEST(to_instance) {
        char *i = (char *) 1;

        CHECK_INTEQ(unit_name_to_instance("foo.service", &i), UNIT_NAME_PLAIN);
        CHECK(i == NULL);
        CHECK_INTEQ(unit_name_to_instance("foo@.service", &i), UNIT_NAME_TEMPLATE);
        CHECK_STREQ(i, "");
        free(i);
        CHECK_INTEQ(unit_name_to_instance("foo@bar.service", &i), UNIT_NAME_INSTANCE);
        CHECK_STREQ(i, "bar");
        free(i);
        CHECK_INTEQ(unit_name_to_instance("foo@a@b.c.service", &i), UNIT_NAME_INSTANCE);
        CHECK_STREQ(i, "a@b.c");
        free(i);
        CHECK_INTEQ(unit_name_to_instance("foo@bar.service", NULL), UNIT_NAME_INSTANCE);
        CHECK_INTEQ(unit_name_to_instance("bad name.service", &i), -EINVAL);
}

TEST(prefix_and_template) {
        static const struct {
                const char *n, *prefix, *prefix_instance, *tmpl;
        } t[] = {
                { "foo.service", "foo", "foo", NULL },
                { "foo-bar.service", "foo-bar", "foo-bar", NULL },
                { "foo@.service", "foo", "foo@", "foo@.service" },
                { "foo@bar.service", "foo", "foo@bar", "foo@.service" },
                { "a-b@c.d.socket", "a-b", "a-b@c.d", "a-b@.socket" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *p = NULL, *pi = NULL, *tm = NULL;
                int r;

                CHECK_INTEQ(unit_name_to_prefix(t[i].n, &p), 0);
                CHECK_STREQ(p, t[i].prefix);
                CHECK_INTEQ(unit_name_to_prefix_and_instance(t[i].n, &pi), 0);
                CHECK_STREQ(pi, t[i].prefix_instance);
                r = unit_name_template(t[i].n, &tm);
                if (t[i].tmpl) {
                        CHECK_INTEQ(r, 0);
                        CHECK_STREQ(tm, t[i].tmpl);
                } else
                        CHECK_INTEQ(r, -EINVAL);
        }
        {
                char *x = NULL;
                CHECK_INTEQ(unit_name_to_prefix("nope", &x), -EINVAL);
                CHECK_INTEQ(unit_name_to_prefix_and_instance("nope", &x), -EINVAL);
                CHECK(x == NULL);
        }
}

TEST(replace_instance) {
        _cleanup_free_ char *a = NULL, *b = NULL;
        char *x = NULL;

        CHECK_INTEQ(unit_name_replace_instance("foo@.service", "bar", &a), 0);
        CHECK_STREQ(a, "foo@bar.service");
        CHECK_INTEQ(unit_name_replace_instance("foo@old.service", "new", &b), 0);
        CHECK_STREQ(b, "foo@new.service");
        CHECK_INTEQ(unit_name_replace_instance("foo.service", "bar", &x), -EINVAL);
        CHECK_INTEQ(unit_name_replace_instance("foo@.service", "", &x), -EINVAL);
        CHECK_INTEQ(unit_name_replace_instance("foo@.service", "a b", &x), -EINVAL);
        CHECK(x == NULL);
}

TEST(replace_instance_length) {
        /* the result must stay within 255 bytes */
        _cleanup_free_ char *inst_ok = fill('i', 255 - strlen("foo@.service"), "");
        _cleanup_free_ char *inst_over = fill('i', 256 - strlen("foo@.service"), "");
        _cleanup_free_ char *r1 = NULL;
        char *r2 = NULL;

        CHECK_INTEQ(unit_name_replace_instance("foo@.service", inst_ok, &r1), 0);
        CHECK_INTEQ(strlen(r1), 255);
        CHECK_INTEQ(unit_name_replace_instance("foo@.service", inst_over, &r2), -EINVAL);
        CHECK(r2 == NULL);
}

TEST(build_from_type) {
        _cleanup_free_ char *a = NULL, *b = NULL;
        char *x = NULL;

        CHECK_INTEQ(unit_name_build_from_type("foo-", NULL, UNIT_SERVICE, &a), 0);
        CHECK_STREQ(a, "foo-.service");
        CHECK_INTEQ(unit_name_build_from_type("foo-", "blue", UNIT_SOCKET, &b), 0);
        CHECK_STREQ(b, "foo-@blue.socket");
        CHECK_INTEQ(unit_name_build_from_type("", NULL, UNIT_SERVICE, &x), -EINVAL);
        CHECK_INTEQ(unit_name_build_from_type("a b", NULL, UNIT_SERVICE, &x), -EINVAL);
        CHECK_INTEQ(unit_name_build_from_type("foo", "a/b", UNIT_SERVICE, &x), -EINVAL);
        CHECK(x == NULL);
}

/* systemd-escape --unescape (252): "-" is "/", "\xHH" a byte. */
TEST(unescape) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "foo-bar", "foo/bar" },
                { "-", "/" },
                { "foo\\x2dbar", "foo-bar" },
                { "a\\x20b", "a b" },
                { "\\x2ehidden", ".hidden" },
                { "foo--bar", "foo//bar" },
                { "foo-", "foo/" },
                { "\\xc3\\xa9", "\xc3\xa9" },
                { "", "" },
                { "a\\xzz", NULL },
                { "a\\x2", NULL },
                { "a\\n", NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char *o = NULL;
                int r = unit_name_unescape(t[i].in, &o);
                if (t[i].out) {
                        CHECK_INTEQ(r, 0);
                        CHECK_STREQ(o, t[i].out);
                } else
                        CHECK_INTEQ(r, -EINVAL);
                free(o);
        }
}

/* systemd-escape --unescape --path (252). */
TEST(path_unescape) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "foo-bar", "/foo/bar" },
                { "-", "/" },
                { "foo\\x2dbar", "/foo-bar" },
                { "a\\x20b", "/a b" },
                { "\\x2ehidden", "/.hidden" },
                { "foo\\x2fbar", "/foo/bar" },
                { "foo--bar", NULL },
                { "-foo", NULL },
                { "foo-", NULL },
                { "a\\xzz", NULL },
                { "", NULL },
                { "foo-..-bar", NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                char *o = NULL;
                int r = unit_name_path_unescape(t[i].in, &o);
                if (r != (t[i].out ? 0 : -EINVAL))
                        printf("# [%s]\n", t[i].in);
                if (t[i].out) {
                        CHECK_INTEQ(r, 0);
                        CHECK_STREQ(o, t[i].out);
                } else
                        CHECK_INTEQ(r, -EINVAL);
                free(o);
        }
}

/* systemd-escape --path (252). */
TEST(path_escape) {
        static const struct {
                const char *in, *out;
        } t[] = {
                { "/", "-" },
                { "/foo/bar", "foo-bar" },
                { "/foo-bar/baz", "foo\\x2dbar-baz" },
                { "/a b", "a\\x20b" },
                { "/.hidden", "\\x2ehidden" },
                { "/a/./b", "a-b" },
                { "/\xc3\xa9", "\\xc3\\xa9" },
                { "/a\\b", "a\\x5cb" },
                { "/a:b_c.d", "a:b_c.d" },
                { "/a@b", "a\\x40b" },
                { "/foo/bar/", "foo-bar" },
                { "//foo//bar", "foo-bar" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *o = NULL;
                CHECK_INTEQ(unit_name_path_escape(t[i].in, &o), 0);
                CHECK_STREQ(o, t[i].out);
        }
        {
                char *o = NULL;
                CHECK_INTEQ(unit_name_path_escape("/a/../b", &o), -EINVAL);
                CHECK(o == NULL);
        }
}

TEST(from_and_to_path) {
        _cleanup_free_ char *m1 = NULL, *m2 = NULL, *p1 = NULL, *p2 = NULL, *p3 = NULL;
        char *x = NULL;

        CHECK_INTEQ(unit_name_from_path("/", ".mount", &m1), 0);
        CHECK_STREQ(m1, "-.mount");
        CHECK_INTEQ(unit_name_from_path("/var/lib/foo-bar", ".mount", &m2), 0);
        CHECK_STREQ(m2, "var-lib-foo\\x2dbar.mount");
        CHECK_INTEQ(unit_name_to_path("var-lib-foo\\x2dbar.mount", &p1), 0);
        CHECK_STREQ(p1, "/var/lib/foo-bar");
        CHECK_INTEQ(unit_name_to_path("-.mount", &p2), 0);
        CHECK_STREQ(p2, "/");
        CHECK_INTEQ(unit_name_to_path("foo@bar.service", &p3), 0);
        CHECK_STREQ(p3, "/foo");
        CHECK_INTEQ(unit_name_to_path("foo--bar.mount", &x), -EINVAL);
        CHECK(x == NULL);
}

TEST(from_path_too_long) {
        /* the escaped name must fit in 255 bytes with its suffix */
        _cleanup_free_ char *ok = NULL, *over = NULL, *r1 = NULL;
        char *r2 = NULL;
        size_t n_ok = 255 - strlen(".mount");

        ok = fill('m', n_ok + 1, "");
        ok[0] = '/';
        over = fill('m', n_ok + 2, "");
        over[0] = '/';
        CHECK_INTEQ(unit_name_from_path(ok, ".mount", &r1), 0);
        CHECK_INTEQ(strlen(r1), 255);
        CHECK_INTEQ(unit_name_from_path(over, ".mount", &r2), -EINVAL);
        CHECK(r2 == NULL);
}

int main(void) {
        RUN(type_strings);
        RUN(name_is_valid);
        RUN(name_length_limit);
        RUN(prefix_instance_validity);
        RUN(name_to_type);
        RUN(to_instance);
        RUN(prefix_and_template);
        RUN(replace_instance);
        RUN(replace_instance_length);
        RUN(build_from_type);
        RUN(unescape);
        RUN(path_unescape);
        RUN(path_escape);
        RUN(from_and_to_path);
        RUN(from_path_too_long);
        return tap_done();
}
