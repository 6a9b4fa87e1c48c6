/* SPDX-License-Identifier: MIT */
#include <limits.h>

#include "specifier.h"
#include "strbuf.h"
#include "tap.h"

/*
 * Expected expansions are those of systemd 252 (systemd.unit(5),
 * "Specifiers"), checked with `systemctl show -p Description` of units whose
 * Description= lists the specifiers.
 */

static char *expand(const char *id, const char *instance, const char *fragment, const char *text,
                    enum specifier_table t, unsigned flags, int *ret_r) {
        struct specifier_context c = { .id = id, .instance = instance, .fragment_real = fragment };
        char *out = NULL;

        *ret_r = specifier_expand(&c, text, t, SIZE_MAX, flags, &out);
        return out;
}

#define CHECK_EXPAND(id, inst, frag, text, table, flags, expected)                          \
        do {                                                                                \
                int _r;                                                                     \
                _cleanup_free_ char *_o = expand(id, inst, frag, text, table, flags, &_r);  \
                CHECK_INTEQ(_r, 0);                                                         \
                CHECK_STREQ(_o, expected);                                                  \
        } while (0)

#define CHECK_EXPAND_FAILS(id, inst, frag, text, table, err)                                \
        do {                                                                                \
                int _r;                                                                     \
                char *_o = expand(id, inst, frag, text, table, 0, &_r);                     \
                CHECK_INTEQ(_r, err);                                                       \
                CHECK(_o == NULL);                                                          \
                free(_o);                                                               \
        } while (0)

#define FULL SPECIFIERS_FULL
#define NAME SPECIFIERS_NAME

TEST(plain_unit) {
        const char *id = "my-app.service", *frag = "/etc/systemd/system/my-app.service";

        CHECK_EXPAND(id, NULL, frag, "%n", FULL, 0, "my-app.service");
        CHECK_EXPAND(id, NULL, frag, "%N", FULL, 0, "my-app");
        CHECK_EXPAND(id, NULL, frag, "%p", FULL, 0, "my-app");
        CHECK_EXPAND(id, NULL, frag, "%P", FULL, 0, "my/app");
        CHECK_EXPAND(id, NULL, frag, "[%i]", FULL, 0, "[]");
        CHECK_EXPAND(id, NULL, frag, "[%I]", FULL, 0, "[]");
        CHECK_EXPAND(id, NULL, frag, "%j", FULL, 0, "app");
        CHECK_EXPAND(id, NULL, frag, "%J", FULL, 0, "app");
        CHECK_EXPAND(id, NULL, frag, "%f", FULL, 0, "/my/app");
        CHECK_EXPAND(id, NULL, frag, "%y", FULL, 0, "/etc/systemd/system/my-app.service");
        CHECK_EXPAND(id, NULL, frag, "%Y", FULL, 0, "/etc/systemd/system");
        CHECK_EXPAND(id, NULL, frag, "pct=[100%%] trail=[x%] nonalnum=[%-%!]", FULL, 0,
                     "pct=[100%] trail=[x%] nonalnum=[%-%!]");
}

TEST(plain_unit_without_dash) {
        const char *id = "nodash.service";

        CHECK_EXPAND(id, NULL, NULL, "%p %P %N %f", FULL, 0, "nodash nodash nodash /nodash");
        /* without a dash %j and %J are the prefix (systemd.unit(5): "the same as %p") */
        CHECK_EXPAND(id, NULL, NULL, "%j %J", FULL, 0, "nodash nodash");
        CHECK_EXPAND(id, NULL, NULL, "%j", NAME, 0, "nodash");
        CHECK_EXPAND("a\\x2db.service", NULL, NULL, "%j %J", FULL, 0, "a\\x2db a-b");
}

TEST(template_instance) {
        const char *id = "tpl-x@foo.service";

        CHECK_EXPAND(id, "foo", NULL, "%n|%N|%p|%P|%i|%I|%j|%J|%f", FULL, 0,
                     "tpl-x@foo.service|tpl-x@foo|tpl-x|tpl/x|foo|foo|x|x|/foo");
}

TEST(escaped_instance) {
        CHECK_EXPAND("tpl-x@a\\x2db-c.service", "a\\x2db-c", NULL, "%n|%N|%i|%I|%f", FULL, 0,
                     "tpl-x@a\\x2db-c.service|tpl-x@a\\x2db-c|a\\x2db-c|a-b/c|/a-b/c");
        CHECK_EXPAND("tpl-x@a-b\\x2dc\\x20d.service", "a-b\\x2dc\\x20d", NULL, "%i|%I|%f", FULL, 0,
                     "a-b\\x2dc\\x20d|a/b-c d|/a/b-c d");
        /* an escaped prefix */
        CHECK_EXPAND("foo\\x2dbar-baz@i.service", "i", NULL, "%p|%P|%j|%J", FULL, 0,
                     "foo\\x2dbar-baz|foo-bar/baz|baz|baz");
        CHECK_EXPAND("a-b\\x2dc.service", NULL, NULL, "%j|%J", FULL, 0, "b\\x2dc|b-c");
}

TEST(mixed_text) {
        CHECK_EXPAND("getty@tty1.service", "tty1", NULL, "/dev/%I --noclear %i", FULL, 0, "/dev/tty1 --noclear tty1");
        CHECK_EXPAND("a.service", NULL, NULL, "", FULL, 0, "");
        CHECK_EXPAND("a.service", NULL, NULL, "no specifiers", FULL, 0, "no specifiers");
        CHECK_EXPAND("a.service", NULL, NULL, "%%n", FULL, 0, "%n");
        CHECK_EXPAND("a.service", NULL, NULL, "%%%n", FULL, 0, "%a.service");
        CHECK_EXPAND("a.service", NULL, NULL, "%", FULL, 0, "%");
        CHECK_EXPAND("a.service", NULL, NULL, "%%", FULL, 0, "%");
        CHECK_EXPAND("a.service", NULL, NULL, "%%%", FULL, 0, "%%");
        CHECK_EXPAND("a.service", NULL, NULL, "% x", FULL, 0, "% x");
        CHECK_EXPAND("a.service", NULL, NULL, "%/%.%@%\xc3\xa9", FULL, 0, "%/%.%@%\xc3\xa9");
}

/* Host and manager specifiers are kept as written, unless probing. */
TEST(host_specifiers) {
        static const char host[] = "aAbBHlqmMovwWgGuUhsCdELStTVcrR";

        for (const char *c = host; *c; c++) {
                char in[3] = { '%', *c, 0 };
                CHECK(specifier_is_host_dependent(*c));
                CHECK_EXPAND("a.service", NULL, NULL, in, FULL, 0, in);
        }
        CHECK(!specifier_is_host_dependent('n'));
        CHECK(!specifier_is_host_dependent('i'));
        CHECK(!specifier_is_host_dependent('z'));
        CHECK(!specifier_is_host_dependent('%'));
        CHECK_EXPAND("a.service", NULL, NULL, "%H-%m-%%H", FULL, 0, "%H-%m-%H");
        CHECK_EXPAND("a.service", NULL, NULL, "%h/.config", FULL, 0, "%h/.config");
}

TEST(probe) {
        int r;
        _cleanup_free_ char *h = expand("a.service", NULL, NULL, "%h", FULL, SPECIFIER_PROBE, &r);
        _cleanup_free_ char *t = expand("a.service", NULL, NULL, "%t/x", FULL, SPECIFIER_PROBE, &r);
        _cleanup_free_ char *u = expand("a.service", NULL, NULL, "%u", FULL, SPECIFIER_PROBE, &r);
        _cleanup_free_ char *n = expand("a.service", NULL, NULL, "%n%%", FULL, SPECIFIER_PROBE, &r);

        /* plausible values: an absolute home, runtime directory; root in system mode */
        CHECK(h && h[0] == '/' && !strchr(h, '%'));
        CHECK(t && t[0] == '/' && endswith(t, "/x") && !strchr(t, '%'));
        CHECK_STREQ(u, "root");
        CHECK_STREQ(n, "a.service%");
}

/* S-2: an unknown alphanumeric specifier is an error. */
TEST(unknown) {
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%z", FULL, -EBADSLT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "/bin/echo %z", FULL, -EBADSLT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%0", FULL, -EBADSLT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%Z", FULL, -EBADSLT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%x", FULL, -EBADSLT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "ok %n then %Q", FULL, -EBADSLT);
}

/* unit_name_printf(): only i j n N p and the host specifiers. */
TEST(name_table) {
        CHECK_EXPAND("foo-bar@x.service", "x", NULL, "%n %N %p %i %j", NAME, 0, "foo-bar@x.service foo-bar@x foo-bar x bar");
        CHECK_EXPAND("foo-bar@x.service", "x", NULL, "%H %u %m", NAME, 0, "%H %u %m");
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%P", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%I", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%J", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%f", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", "/x", "%y", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%h", NAME, -EBADSLT);
        CHECK_EXPAND_FAILS("foo-bar@x.service", "x", NULL, "%t", NAME, -EBADSLT);
}

TEST(uncomputable) {
        /* %y without a fragment */
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%y", FULL, -ENOENT);
        CHECK_EXPAND_FAILS("a.service", NULL, NULL, "%Y", FULL, -ENOENT);
        /* %f of an instance that is no valid path */
        CHECK_EXPAND_FAILS("t@a--b.service", "a--b", NULL, "%f", FULL, -EINVAL);
}

TEST(max_length) {
        struct specifier_context c = { .id = "abc.service" };
        char *out = NULL;

        /* the result may be max_length bytes, not one more */
        CHECK_INTEQ(specifier_expand(&c, "12345", FULL, 5, 0, &out), 0);
        CHECK_STREQ(out, "12345");
        free(out);
        out = NULL;
        CHECK_INTEQ(specifier_expand(&c, "123456", FULL, 5, 0, &out), -ENAMETOOLONG);
        CHECK(out == NULL);
        /* counted after expansion */
        CHECK_INTEQ(specifier_expand(&c, "%n", FULL, 11, 0, &out), 0);
        CHECK_STREQ(out, "abc.service");
        free(out);
        out = NULL;
        CHECK_INTEQ(specifier_expand(&c, "%n", FULL, 10, 0, &out), -ENAMETOOLONG);
        CHECK_INTEQ(specifier_expand(&c, "%%%%", FULL, 2, 0, &out), 0);
        CHECK_STREQ(out, "%%");
        free(out);
        out = NULL;
        CHECK_INTEQ(specifier_expand(&c, "%%%%%", FULL, 2, 0, &out), -ENAMETOOLONG);
        CHECK_INTEQ(specifier_expand(&c, "ab%", FULL, 3, 0, &out), 0);
        CHECK_STREQ(out, "ab%");
        free(out);
        out = NULL;
        CHECK_INTEQ(specifier_expand(&c, "abc%", FULL, 3, 0, &out), -ENAMETOOLONG);
        CHECK(out == NULL);
}

int main(void) {
        RUN(plain_unit);
        RUN(plain_unit_without_dash);
        RUN(template_instance);
        RUN(escaped_instance);
        RUN(mixed_text);
        RUN(host_specifiers);
        RUN(probe);
        RUN(unknown);
        RUN(name_table);
        RUN(uncomputable);
        RUN(max_length);
        return tap_done();
}
