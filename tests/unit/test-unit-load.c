/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "strv.h"
#include "tap.h"
#include "test-helpers.h"
#include "unit-load.h"

/*
 * Search paths built in a temporary directory (spec sections 13 and 14).
 * Most cases use the real root with absolute search directories
 * T/<case>/etc, T/<case>/run and T/<case>/usr (highest priority first);
 * one case reads a tree under a root directory, as --root does.
 */

static char *T;

static void w(const char *rel, const char *text) {
        CHECK_INTEQ(th_write(T, rel, text), 0);
}

/* A symlink T/rel -> target; a target starting with '@' is taken as T/<rest>. */
static void ln(const char *rel, const char *target) {
        _cleanup_free_ char *t = target[0] == '@' ? th_path(T, target + 1) : strdup(target);

        CHECK_INTEQ(th_symlink(T, rel, t), 0);
}

/* The loader for case c: search path T/c/etc, T/c/run, T/c/usr. */
static int loader(struct unit_loader *l, const char *c) {
        _cleanup_strv_free_ char **sp = NULL;
        static const char *const levels[] = { "etc", "run", "usr" };

        for (size_t i = 0; i < ELEMENTSOF(levels); i++) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s/%s/%s", T, c, levels[i]);
                strv_push(&sp, strbuf_detach(&sb, NULL));
        }
        return unit_loader_init(l, NULL, sp);
}

/* T/c/level/rel as a string, for comparing with paths in a unit. */
static char *P(const char *c, const char *level, const char *rel) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addf(&sb, "%s/%s/%s/%s", T, c, level, rel);
        return strbuf_detach(&sb, NULL);
}

/* The unit's drop-ins with T removed, joined with ' '. */
static char *dropins(const struct unit *u) {
        struct strbuf sb = STRBUF_INIT;

        STRV_FOREACH(p, u->dropin_paths) {
                const char *s = startswith(*p, T);
                strbuf_addf(&sb, "%s%s", sb.len > 0 ? " " : "", s ? s : *p);
        }
        return strbuf_detach(&sb, NULL);
}

static char *names(const struct unit *u) {
        return strv_join(u->names, " ");
}

static char *deps(const struct unit *u, enum unit_dependency d) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < u->deps[d].n; i++)
                strbuf_addf(&sb, "%s%s", i > 0 ? " " : "", u->deps[d].items[i].name);
        return strbuf_detach(&sb, NULL);
}

static bool has_diag(const struct unit *u, const char *text) {
        for (size_t i = 0; i < u->diags.n; i++)
                if (strstr(u->diags.items[i].message, text))
                        return true;
        return false;
}

#define SVC "[Service]\nExecStart=/bin/true\n"

/* L-2: the first fragment found by name wins completely. */
TEST(first_fragment_wins) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *want = P("first", "etc", "a.service");

        w("first/usr/a.service", "[Unit]\nDescription=usr\nAfter=usr.service\n" SVC);
        w("first/run/a.service", "[Unit]\nDescription=run\n" SVC);
        w("first/etc/a.service", "[Unit]\nDescription=etc\n" SVC);
        w("first/usr/b.service", "[Unit]\nDescription=only usr\n" SVC);
        CHECK_INTEQ(loader(&l, "first"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "a.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->fragment_path, want);
        CHECK_STREQ(u->description.value, "etc");
        CHECK_INTEQ(u->deps[UNIT_AFTER].n, 0);          /* no merging */
        CHECK_INTEQ(unit_loader_load(&l, "b.service", &u), 0);
        CHECK_STREQ(u->description.value, "only usr");
        /* loading again gives the same unit */
        {
                struct unit *again = NULL;
                CHECK_INTEQ(unit_loader_load(&l, "b.service", &again), 0);
                CHECK(again == u);
                CHECK(unit_loader_get(&l, "b.service") == u);
        }
        unit_loader_release(&l);
}

TEST(not_found_and_invalid) {
        struct unit_loader l;
        struct unit *u = NULL;

        w("nf/usr/x.service", SVC);
        CHECK_INTEQ(loader(&l, "nf"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "missing.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_NOT_FOUND);
        CHECK_INTEQ(u->load_error, -ENOENT);
        CHECK(u->fragment_path == NULL);
        CHECK_INTEQ(unit_loader_load(&l, "not a name", &u), -EINVAL);
        CHECK_INTEQ(unit_loader_load(&l, "tpl@.service", &u), -EINVAL);
        /* slices, scopes and devices need no file */
        CHECK_INTEQ(unit_loader_load(&l, "foo.slice", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_INTEQ(unit_loader_load(&l, "dev-sda.device", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        unit_loader_release(&l);
}

/* L-4: a symlink inside the search path is an alias: names, drop-ins of every name. */
TEST(aliases) {
        struct unit_loader l;
        struct unit *u = NULL, *v = NULL;
        _cleanup_free_ char *frag = P("alias", "usr", "real.service"), *n = NULL, *d = NULL;

        w("alias/usr/real.service", "[Unit]\nDescription=real\n" SVC);
        ln("alias/etc/alias-app.service", "@alias/usr/real.service");
        ln("alias/usr/rel-alias.service", "real.service");
        w("alias/etc/alias-app.service.d/x.conf", "[Unit]\nDescription=from alias drop-in\n");
        w("alias/usr/real.service.d/y.conf", "[Unit]\nAfter=y.service\n[Service]\nEnvironment=N=%n\n");
        CHECK_INTEQ(loader(&l, "alias"), 0);

        CHECK_INTEQ(unit_loader_load(&l, "alias-app.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->id, "real.service");
        CHECK_STREQ(u->fragment_path, frag);
        n = names(u);
        CHECK_STREQ(n, "alias-app.service real.service rel-alias.service");
        /* drop-ins of the alias name apply (observed in 252) */
        CHECK_STREQ(u->description.value, "from alias drop-in");
        CHECK(unit_dep_has(u, UNIT_AFTER, "y.service"));
        /* in drop-ins, %n is the unit's id (observed in 252); the fragment's
         * %n (the name loaded, in 252) is left out: see the report */
        CHECK(u->ctx.environment.n == 1 && streq(u->ctx.environment.items[0].value, "N=real.service"));
        d = dropins(u);
        CHECK_STREQ(d, "/alias/etc/alias-app.service.d/x.conf /alias/usr/real.service.d/y.conf");
        /* every name gives the same unit */
        CHECK_INTEQ(unit_loader_load(&l, "real.service", &v), 0);
        CHECK(u == v);
        CHECK_INTEQ(unit_loader_load(&l, "rel-alias.service", &v), 0);
        CHECK(u == v);
        CHECK(unit_loader_get(&l, "alias-app.service") == u);
        unit_loader_release(&l);
}

TEST(alias_type_must_match) {
        struct unit_loader l;
        struct unit *u = NULL;

        w("aliast/usr/real.service", SVC);
        ln("aliast/etc/other.socket", "@aliast/usr/real.service");
        CHECK_INTEQ(loader(&l, "aliast"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "other.socket", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_NOT_FOUND);
        CHECK_INTEQ(unit_loader_load(&l, "real.service", &u), 0);
        CHECK(!strv_contains(u->names, "other.socket"));
        unit_loader_release(&l);
}

/* A symlink to a file outside the search path is a linked unit file. */
TEST(linked_unit_file) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *link = P("linked", "etc", "lnk.service"), *target = th_path(T, "linked/outside/lnk.service");

        w("linked/outside/lnk.service", "[Unit]\nDescription=%y\n" SVC);
        ln("linked/etc/lnk.service", "@linked/outside/lnk.service");
        CHECK_INTEQ(loader(&l, "linked"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "lnk.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->id, "lnk.service");
        CHECK_STREQ(u->fragment_path, link);
        CHECK_STREQ(u->fragment_real, target);
        /* %y is the real path outside the search directories */
        CHECK_STREQ(u->description.value, target);
        unit_loader_release(&l);
}

/* L-3, vector 32: a symlink to /dev/null or an empty file masks. */
TEST(masks) {
        struct unit_loader l;
        struct unit *u = NULL;

        ln("mask/etc/null.service", "/dev/null");
        w("mask/etc/empty.service", "");
        w("mask/usr/hidden.service", "[Unit]\nDescription=under the mask\n" SVC);
        ln("mask/etc/hidden.service", "/dev/null");
        w("mask/usr/emptier.service", "[Unit]\nDescription=x\n" SVC);
        w("mask/run/emptier.service", "");
        w("mask/usr/ok.service", SVC);
        w("mask/etc/ok.service.d/x.conf", "");          /* an empty drop-in is no mask of the unit */
        CHECK_INTEQ(loader(&l, "mask"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "null.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_MASKED);
        CHECK_INTEQ(unit_loader_load(&l, "empty.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_MASKED);
        CHECK_INTEQ(unit_loader_load(&l, "hidden.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_MASKED);
        CHECK(u->description.value == NULL);
        CHECK_INTEQ(unit_loader_load(&l, "emptier.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_MASKED);
        CHECK_INTEQ(unit_loader_load(&l, "ok.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        unit_loader_release(&l);
}

/* L-5, vector 31: templates serve instances; both drop-in directories apply. */
TEST(templates) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *tfrag = P("tpl", "usr", "foo@.service");
        _cleanup_free_ char *db = NULL, *dr = NULL, *dg = NULL;

        w("tpl/usr/foo@.service", "[Unit]\nDescription=tpl %i %I\n" SVC);
        w("tpl/etc/foo@green.service", "[Unit]\nDescription=own file %i\n" SVC);
        w("tpl/etc/foo@blue.service.d/a.conf", "[Service]\nEnvironment=BLUE=1\n");
        w("tpl/usr/foo@.service.d/b.conf", "[Service]\nEnvironment=TPL=1\n");
        CHECK_INTEQ(loader(&l, "tpl"), 0);

        CHECK_INTEQ(unit_loader_load(&l, "foo@blue.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->id, "foo@blue.service");
        CHECK_STREQ(u->instance, "blue");
        CHECK_STREQ(u->fragment_path, tfrag);
        CHECK_STREQ(u->description.value, "tpl blue blue");
        db = dropins(u);
        CHECK_STREQ(db, "/tpl/etc/foo@blue.service.d/a.conf /tpl/usr/foo@.service.d/b.conf");
        CHECK_INTEQ(u->ctx.environment.n, 2);

        CHECK_INTEQ(unit_loader_load(&l, "foo@red.service", &u), 0);
        CHECK_STREQ(u->description.value, "tpl red red");
        dr = dropins(u);
        CHECK_STREQ(dr, "/tpl/usr/foo@.service.d/b.conf");

        /* an instance with its own file uses it */
        CHECK_INTEQ(unit_loader_load(&l, "foo@green.service", &u), 0);
        CHECK_STREQ(u->description.value, "own file green");
        dg = dropins(u);
        CHECK_STREQ(dg, "/tpl/usr/foo@.service.d/b.conf");

        /* no template, no unit */
        CHECK_INTEQ(unit_loader_load(&l, "bar@x.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_NOT_FOUND);
        unit_loader_release(&l);
}

/* D-1..D-4, vectors 29 and 30. */
TEST(dropin_merge_order) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *d = NULL;

        w("dm/usr/my-app-web.service", "[Unit]\nDescription=fragment\n" SVC);
        w("dm/usr/my-app-web.service.d/10-x.conf", "[Unit]\nDescription=usr 10-x\n");
        w("dm/etc/my-app-web.service.d/10-x.conf", "[Unit]\nDescription=etc 10-x\n");
        w("dm/run/my-app-web.service.d/05-y.conf", "[Unit]\nDescription=run 05-y\n");
        w("dm/usr/my-app-.service.d/20-z.conf", "[Unit]\nDescription=prefix 20-z\n");
        w("dm/usr/service.d/30-t.conf", "[Service]\nEnvironment=TYPE=1\n");
        w("dm/usr/service.d/10-x.conf", "[Unit]\nDescription=type-level 10-x\n");
        w("dm/etc/my-app-web.service.d/README", "[Unit]\nDescription=not a .conf\n");
        w("dm/etc/my-app-web.service.d/.hidden.conf", "[Unit]\nDescription=hidden\n");
        CHECK_INTEQ(loader(&l, "dm"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "my-app-web.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        d = dropins(u);
        /* /etc's 10-x hides /usr's and the type-level one; sorted by file name */
        CHECK_STREQ(d, "/dm/run/my-app-web.service.d/05-y.conf /dm/etc/my-app-web.service.d/10-x.conf "
                       "/dm/usr/my-app-.service.d/20-z.conf /dm/usr/service.d/30-t.conf");
        /* applied after the fragment, in that order: 20-z is last for Description= */
        CHECK_STREQ(u->description.value, "prefix 20-z");
        CHECK(u->ctx.environment.n == 1 && streq(u->ctx.environment.items[0].value, "TYPE=1"));
        unit_loader_release(&l);
}

TEST(dropin_mask) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *d = NULL;

        w("dmask/usr/my-app-web.service", "[Unit]\nDescription=fragment\n" SVC);
        w("dmask/usr/my-app-.service.d/20-z.conf", "[Unit]\nDescription=masked drop-in\n");
        ln("dmask/etc/my-app-.service.d/20-z.conf", "/dev/null");
        w("dmask/usr/my-app-web.service.d/30-e.conf", "[Unit]\nDescription=emptied drop-in\n");
        w("dmask/etc/my-app-web.service.d/30-e.conf", "");
        CHECK_INTEQ(loader(&l, "dmask"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "my-app-web.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->description.value, "fragment");
        d = dropins(u);
        CHECK(strstr(d, "/usr/my-app-.service.d/20-z.conf") == NULL);
        CHECK(strstr(d, "/usr/my-app-web.service.d/30-e.conf") == NULL);
        unit_loader_release(&l);
}

/* D-3: plain byte order of file names, whatever the directory. */
TEST(dropin_byte_order) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *d = NULL;

        w("bo/usr/b.service", SVC);
        w("bo/usr/b.service.d/a.conf", "[Unit]\nDescription=a\n");
        w("bo/etc/b.service.d/_x.conf", "[Unit]\nDescription=_x\n");
        w("bo/run/b.service.d/A.conf", "[Unit]\nDescription=A\n");
        w("bo/usr/b.service.d/9-b.conf", "[Unit]\nDescription=9-b\n");
        w("bo/etc/b.service.d/10-a.conf", "[Unit]\nDescription=10-a\n");
        CHECK_INTEQ(loader(&l, "bo"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "b.service", &u), 0);
        d = dropins(u);
        CHECK_STREQ(d, "/bo/etc/b.service.d/10-a.conf /bo/usr/b.service.d/9-b.conf /bo/run/b.service.d/A.conf "
                       "/bo/etc/b.service.d/_x.conf /bo/usr/b.service.d/a.conf");
        CHECK_STREQ(u->description.value, "a");
        unit_loader_release(&l);
}

/* D-1: dash-truncated prefix directories, most specific first. */
TEST(dropin_dash_prefixes) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *d = NULL;

        w("dash/usr/foo-bar-baz.service", SVC);
        w("dash/usr/foo-bar-.service.d/a.conf", "[Unit]\nDescription=foo-bar- a\n");
        w("dash/usr/foo-.service.d/a.conf", "[Unit]\nDescription=foo- a\n");
        w("dash/usr/foo-.service.d/b.conf", "[Unit]\nAfter=b.service\n");
        w("dash/usr/foo-bar-baz-.service.d/c.conf", "[Unit]\nAfter=never.service\n");
        w("dash/usr/foo.service.d/c.conf", "[Unit]\nAfter=never2.service\n");
        CHECK_INTEQ(loader(&l, "dash"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "foo-bar-baz.service", &u), 0);
        d = dropins(u);
        /* the more specific a.conf hides the other; foo-bar-baz-.service.d and foo.service.d are no prefixes */
        CHECK_STREQ(d, "/dash/usr/foo-bar-.service.d/a.conf /dash/usr/foo-.service.d/b.conf");
        CHECK_STREQ(u->description.value, "foo-bar- a");
        CHECK(unit_dep_has(u, UNIT_AFTER, "b.service"));
        CHECK(!unit_dep_has(u, UNIT_AFTER, "never.service"));

        unit_loader_release(&l);
}

/* An instance: its template's directory, the template's prefix directory and
 * the instance's prefix directories (as DropInPaths= of systemd 252 shows). */
TEST(dropin_dash_prefixes_instance) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *d = NULL;

        w("dash2/usr/foo-x@.service", SVC);
        w("dash2/usr/foo-.service.d/a.conf", "[Unit]\nDescription=a\n");
        w("dash2/usr/foo-@i.service.d/i.conf", "[Unit]\nAfter=i.service\n");
        w("dash2/usr/foo-@.service.d/t.conf", "[Unit]\nAfter=t.service\n");
        w("dash2/usr/foo-x@.service.d/x.conf", "[Unit]\nAfter=x.service\n");
        CHECK_INTEQ(loader(&l, "dash2"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "foo-x@i.service", &u), 0);
        d = dropins(u);
        CHECK_STREQ(d, "/dash2/usr/foo-.service.d/a.conf /dash2/usr/foo-@i.service.d/i.conf "
                       "/dash2/usr/foo-@.service.d/t.conf /dash2/usr/foo-x@.service.d/x.conf");
        CHECK_STREQ(u->description.value, "a");
        CHECK(unit_dep_has(u, UNIT_AFTER, "i.service"));
        CHECK(unit_dep_has(u, UNIT_AFTER, "x.service"));
        unit_loader_release(&l);
}

/* L-6: .wants/ and .requires/ symlinks. */
TEST(wants_dirs) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *wants = NULL, *req = NULL, *iw = NULL;

        w("wd/usr/a.service", SVC);
        w("wd/usr/b.service", SVC);
        w("wd/usr/c.service", SVC);
        w("wd/usr/t@.service", SVC);
        ln("wd/etc/a.service.wants/b.service", "@wd/usr/b.service");
        ln("wd/usr/a.service.wants/b.service", "@wd/usr/b.service");
        ln("wd/usr/a.service.requires/c.service", "@wd/usr/c.service");
        w("wd/usr/a.service.wants/plain.service", SVC);         /* not a symlink */
        ln("wd/usr/a.service.wants/t@.service", "@wd/usr/t@.service");
        ln("wd/usr/t@.service.wants/b.service", "@wd/usr/b.service");
        CHECK_INTEQ(loader(&l, "wd"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "a.service", &u), 0);
        wants = deps(u, UNIT_WANTS);
        req = deps(u, UNIT_REQUIRES);
        /* a template in .wants/ of a plain unit gets the unit's prefix as instance */
        CHECK_STREQ(wants, "b.service t@a.service");
        CHECK_STREQ(req, "c.service");
        CHECK(u->deps[UNIT_WANTS].n > 0 && (u->deps[UNIT_WANTS].items[0].flags & UNIT_DEP_WANTS_DIR));
        CHECK(has_diag(u, "is not a symlink, ignoring"));
        /* an instance reads its template's .wants/ */
        CHECK_INTEQ(unit_loader_load(&l, "t@x.service", &u), 0);
        iw = deps(u, UNIT_WANTS);
        CHECK_STREQ(iw, "b.service");
        unit_loader_release(&l);
}

/* Inverse dependencies and loading of named units, after unit_loader_finish(). */
TEST(inverse_dependencies) {
        struct unit_loader l;
        struct unit *a = NULL, *b, *c, *r;

        w("inv/usr/a.service", "[Unit]\nWants=b.service\nAfter=b.service alias.service\nRequires=missing.service\n" SVC);
        w("inv/usr/b.service", "[Unit]\nBefore=c.service\n" SVC);
        w("inv/usr/c.service", "[Unit]\nPartOf=a.service\n" SVC);
        w("inv/usr/real.service", SVC);
        ln("inv/usr/alias.service", "real.service");
        CHECK_INTEQ(loader(&l, "inv"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "a.service", &a), 0);
        CHECK_INTEQ(unit_loader_finish(&l), 0);
        b = unit_loader_get(&l, "b.service");
        c = unit_loader_get(&l, "c.service");
        r = unit_loader_get(&l, "real.service");
        CHECK(b != NULL);
        CHECK(c != NULL);
        CHECK(r != NULL);
        /* aliases resolve to the unit's id */
        CHECK(unit_dep_has(a, UNIT_AFTER, "real.service"));
        CHECK(!unit_dep_has(a, UNIT_AFTER, "alias.service"));
        if (b && c && r) {
                CHECK(unit_dep_has(b, UNIT_WANTED_BY, "a.service"));
                CHECK(unit_dep_has(b, UNIT_BEFORE, "a.service"));
                CHECK(unit_dep_has(r, UNIT_BEFORE, "a.service"));
                CHECK(unit_dep_has(c, UNIT_AFTER, "b.service"));
                CHECK(unit_dep_has(a, UNIT_CONSISTS_OF, "c.service"));
                CHECK(b->deps[UNIT_WANTED_BY].n > 0 && (b->deps[UNIT_WANTED_BY].items[0].flags & UNIT_DEP_REVERSE));
        }
        /* a missing unit is loaded as not found, and gets the inverse too */
        {
                struct unit *m = unit_loader_get(&l, "missing.service");
                CHECK(m != NULL);
                if (m) {
                        CHECK_INTEQ(m->load_state, UNIT_NOT_FOUND);
                        CHECK(unit_dep_has(m, UNIT_REQUIRED_BY, "a.service"));
                }
        }
        unit_loader_release(&l);
}

/* UNIT_DROPIN_MAX drop-ins are read; one more is refused. */
static void make_dropins(const char *c, unsigned n) {
        struct strbuf sb = STRBUF_INIT;
        bool ok = true;

        strbuf_addf(&sb, "%s/usr/many.service", c);
        w(sb.buf, SVC);
        for (unsigned i = 0; i < n; i++) {
                strbuf_reset(&sb);
                strbuf_addf(&sb, "%s/usr/many.service.d/%05u.conf", c, i);
                if (th_write(T, sb.buf, "[Unit]\nDescription=many\n") < 0)
                        ok = false;
        }
        CHECK(ok);
        strbuf_release(&sb);
}

TEST(dropin_limit) {
        struct unit_loader l;
        struct unit *u = NULL;

        make_dropins("dl-ok", UNIT_DROPIN_MAX);
        make_dropins("dl-over", UNIT_DROPIN_MAX + 1);
        CHECK_INTEQ(loader(&l, "dl-ok"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "many.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_INTEQ(strv_length(u->dropin_paths), UNIT_DROPIN_MAX);
        unit_loader_release(&l);

        CHECK_INTEQ(loader(&l, "dl-over"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "many.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_ERROR);
        CHECK_INTEQ(u->load_error, -E2BIG);
        CHECK(diag_list_worst_effect(&u->diags) == DIAG_EFFECT_REFUSED);
        unit_loader_release(&l);
}

/* A unit file of exactly size bytes: a valid unit padded with comment lines. */
static void write_sized(const char *rel, size_t size) {
        static const char head[] = "[Unit]\nDescription=big\n" SVC;
        char *b = malloc(size);
        size_t pos;

        memcpy(b, head, sizeof(head) - 1);
        pos = sizeof(head) - 1;
        while (pos < size) {
                size_t n = MIN((size_t) 4000, size - pos);
                b[pos] = '#';
                memset(b + pos + 1, 'c', n - 1);
                b[pos + n - 1] = '\n';
                pos += n;
        }
        CHECK_INTEQ(th_write_n(T, rel, b, size), 0);
        free(b);
}

/* UNIT_FILE_SIZE_MAX bytes are read; one more is refused. */
TEST(file_size_limit) {
        struct unit_loader l;
        struct unit *u = NULL;

        write_sized("fs/usr/exact.service", UNIT_FILE_SIZE_MAX);
        write_sized("fs/usr/over.service", UNIT_FILE_SIZE_MAX + 1);
        w("fs/usr/d.service", "[Unit]\nDescription=small\n" SVC);
        write_sized("fs/usr/d.service.d/big.conf", UNIT_FILE_SIZE_MAX + 1);
        CHECK_INTEQ(loader(&l, "fs"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "exact.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->description.value, "big");
        CHECK_INTEQ(unit_loader_load(&l, "over.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_ERROR);
        CHECK_INTEQ(u->load_error, -EFBIG);
        CHECK(u->description.value == NULL);
        CHECK(diag_list_worst_effect(&u->diags) == DIAG_EFFECT_REFUSED);
        /* an oversized drop-in is skipped; the unit still loads */
        CHECK_INTEQ(unit_loader_load(&l, "d.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK_STREQ(u->description.value, "small");
        CHECK(has_diag(u, "larger than"));
        unit_loader_release(&l);
}

/* P-KV-5: a fatal error in the fragment: bad-setting; in a drop-in: that file stops. */
TEST(bad_settings) {
        struct unit_loader l;
        struct unit *u = NULL;

        w("bad/usr/a.service", "[Service]\nExecStart=bin/foo\n");
        w("bad/usr/b.service", "[Service\nExecStart=/bin/true\n");
        w("bad/usr/c.service", "[Service]\nExecStart=/bin/true\n");
        w("bad/usr/c.service.d/10.conf", "[Service]\nWorkingDirectory=relative\nUser=after-fatal\n");
        w("bad/usr/c.service.d/20.conf", "[Service]\nGroup=later-file\n");
        w("bad/usr/d.service", "[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n");
        w("bad/usr/e.service", "[Service]\nType=oneshot\nExecStart=/bin/a\nExecStart=/bin/b\n");
        w("bad/usr/f.service", "[Service]\nType=oneshot\nRestart=always\nExecStart=/bin/a\n");
        w("bad/usr/g.service", "[Unit]\nDescription=nothing to run\n");
        w("bad/usr/h.service", "[Service]\nExecStart=/bin/a\nExecStart=\nExecStart=/bin/b\n");
        CHECK_INTEQ(loader(&l, "bad"), 0);
        CHECK_INTEQ(unit_loader_load(&l, "a.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_BAD_SETTING);
        CHECK_INTEQ(u->load_error, -ENOEXEC);
        CHECK_INTEQ(unit_loader_load(&l, "b.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_ERROR);
        CHECK_INTEQ(u->load_error, -EBADMSG);
        CHECK_INTEQ(unit_loader_load(&l, "c.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        CHECK(u->ctx.user.value == NULL);
        CHECK_STREQ(u->ctx.group.value, "later-file");
        /* P-KV-9, vector 9 */
        CHECK_INTEQ(unit_loader_load(&l, "d.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_BAD_SETTING);
        CHECK(has_diag(u, "more than one ExecStart="));
        CHECK_INTEQ(unit_loader_load(&l, "e.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        /* P-KV-9: oneshot with Restart=always; no ExecStart= at all */
        CHECK_INTEQ(unit_loader_load(&l, "f.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_BAD_SETTING);
        CHECK(has_diag(u, "Restart= set to either always or on-success"));
        CHECK_INTEQ(unit_loader_load(&l, "g.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_BAD_SETTING);
        CHECK(has_diag(u, "Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing."));
        /* vector 9: a reset between two ExecStart= is fine */
        CHECK_INTEQ(unit_loader_load(&l, "h.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        unit_loader_release(&l);
}

TEST(list_names) {
        struct unit_loader l;
        _cleanup_strv_free_ char **n = NULL;
        _cleanup_free_ char *j = NULL;

        w("ln/usr/b.service", SVC);
        w("ln/usr/a@.service", SVC);
        ln("ln/etc/c.service", "@ln/usr/b.service");
        w("ln/run/a.timer", "[Timer]\nOnCalendar=daily\n");
        w("ln/usr/not-a-unit.txt", "x");
        CHECK_INTEQ(th_mkdir_p(T, "ln/usr/b.service.d"), 0);
        CHECK_INTEQ(loader(&l, "ln"), 0);
        CHECK_INTEQ(unit_loader_list_names(&l, &n), 0);
        j = strv_join(n, " ");
        CHECK_STREQ(j, "a.timer a@.service b.service c.service");
        unit_loader_release(&l);
}

/* A tree under a root directory, as --root reads it: absolute symlinks
 * resolve inside the root. */
TEST(root_directory) {
        struct unit_loader l;
        struct unit *u = NULL;
        _cleanup_free_ char *root = th_path(T, "rootfs");
        char *sp[] = { (char *) "/etc/systemd/system", (char *) "/usr/lib/systemd/system", NULL };
        _cleanup_free_ char *d = NULL;

        w("rootfs/usr/lib/systemd/system/app.service", "[Unit]\nDescription=root usr\n" SVC);
        w("rootfs/etc/systemd/system/app.service.d/override.conf", "[Unit]\nDescription=root etc drop-in\n");
        w("rootfs/usr/lib/systemd/system/base.service", "[Unit]\nDescription=base\n" SVC);
        ln("rootfs/etc/systemd/system/alias.service", "/usr/lib/systemd/system/base.service");
        ln("rootfs/etc/systemd/system/masked.service", "/dev/null");
        w("rootfs/etc/systemd/system/ext.service", "[Unit]\nDescription=etc\n" SVC);
        w("rootfs/usr/lib/systemd/system/ext.service", "[Unit]\nDescription=usr\n" SVC);
        CHECK_INTEQ(unit_loader_init(&l, root, sp), 0);
        CHECK_INTEQ(unit_loader_load(&l, "app.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_LOADED);
        /* paths are as on the audited host */
        CHECK_STREQ(u->fragment_path, "/usr/lib/systemd/system/app.service");
        d = dropins(u);
        CHECK_STREQ(d, "/etc/systemd/system/app.service.d/override.conf");
        CHECK_STREQ(u->description.value, "root etc drop-in");
        CHECK_INTEQ(unit_loader_load(&l, "alias.service", &u), 0);
        CHECK_STREQ(u->id, "base.service");
        CHECK_STREQ(u->description.value, "base");
        CHECK_INTEQ(unit_loader_load(&l, "masked.service", &u), 0);
        CHECK_INTEQ(u->load_state, UNIT_MASKED);
        CHECK_INTEQ(unit_loader_load(&l, "ext.service", &u), 0);
        CHECK_STREQ(u->description.value, "etc");
        unit_loader_release(&l);
}

int main(void) {
        T = th_mkdtemp();
        if (!T) {
                printf("Bail out! cannot create a temporary directory\n");
                return 1;
        }
        RUN(first_fragment_wins);
        RUN(not_found_and_invalid);
        RUN(aliases);
        RUN(alias_type_must_match);
        RUN(linked_unit_file);
        RUN(masks);
        RUN(templates);
        RUN(dropin_merge_order);
        RUN(dropin_mask);
        RUN(dropin_byte_order);
        RUN(dropin_dash_prefixes);
        RUN(dropin_dash_prefixes_instance);
        RUN(wants_dirs);
        RUN(inverse_dependencies);
        RUN(dropin_limit);
        RUN(file_size_limit);
        RUN(bad_settings);
        RUN(list_names);
        RUN(root_directory);
        CHECK_INTEQ(th_rm_rf(T), 0);
        free(T);
        return tap_done();
}
