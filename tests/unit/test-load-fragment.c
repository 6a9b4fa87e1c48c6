/* SPDX-License-Identifier: MIT */
#include <limits.h>

#include "load-fragment.h"
#include "strbuf.h"
#include "strv.h"
#include "tap.h"

/*
 * Unit text parsed through syntax_parse() with unit_fragment_assign() into a
 * struct unit from unit_new(). Expected values cite spec/systemd-syntax.md;
 * the command lines, environments and fatal errors were also checked with
 * systemd 252 (systemd-analyze verify and systemctl show).
 */

#define FRAGMENT "/etc/systemd/system/x.service"

struct parsed {
        struct unit *u;
        int r;
};

static struct parsed load(const char *name, const char *text) {
        struct parsed p = { .u = unit_new(name) };
        struct fragment_parse fp = {
                .unit = p.u,
                .file = FRAGMENT,
                .fragment_real = FRAGMENT,
        };
        struct syntax_options o = {
                .sections = unit_type_sections(p.u->type),
                .fatal_effect = DIAG_EFFECT_REFUSED,
        };

        p.r = syntax_parse(FRAGMENT, text, strlen(text), &o, unit_fragment_assign, &fp, &p.u->diags);
        return p;
}

static struct parsed service(const char *text) {
        return load("x.service", text);
}

/* One command as "flags path [argv...]" with flags of "-@:+!A" ('A' for '!!'). */
static char *exec_str(const struct exec_command_list *l) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < l->n; i++) {
                const struct exec_command *c = &l->items[i];
                unsigned f = c->flags;

                if (i > 0)
                        strbuf_addstr(&sb, " || ");
                strbuf_addf(&sb, "%s%s%s%s%s%s", f & EXEC_COMMAND_IGNORE_FAILURE ? "-" : "",
                            f & EXEC_COMMAND_SEPARATE_ARGV0 ? "@" : "", f & EXEC_COMMAND_NO_ENV_EXPAND ? ":" : "",
                            f & EXEC_COMMAND_FULLY_PRIVILEGED ? "+" : "", f & EXEC_COMMAND_NO_SETUID ? "!" : "",
                            f & EXEC_COMMAND_AMBIENT_MAGIC ? "A" : "");
                strbuf_addf(&sb, "%s [", c->path);
                STRV_FOREACH(a, c->argv)
                        strbuf_addf(&sb, "%s<%s>", a == c->argv ? "" : " ", *a);
                strbuf_addch(&sb, ']');
        }
        return strbuf_detach(&sb, NULL);
}

static char *list_str(const struct setting_list *l) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < l->n; i++)
                strbuf_addf(&sb, "%s<%s>", i > 0 ? " " : "", l->items[i].value);
        return strbuf_detach(&sb, NULL);
}

static char *deps_str(const struct unit *u, enum unit_dependency d) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < u->deps[d].n; i++)
                strbuf_addf(&sb, "%s%s", i > 0 ? " " : "", u->deps[d].items[i].name);
        return strbuf_detach(&sb, NULL);
}

/* Whether a diagnostic at that line contains text. */
static bool has_diag(const struct unit *u, unsigned line, const char *text) {
        for (size_t i = 0; i < u->diags.n; i++)
                if ((line == 0 || u->diags.items[i].line == line) && strstr(u->diags.items[i].message, text))
                        return true;
        return false;
}

static void dump_diags(const struct unit *u) {
        for (size_t i = 0; i < u->diags.n; i++)
                printf("#   diag %u: %s\n", u->diags.items[i].line, u->diags.items[i].message);
}

/* Parses a [Service] text and checks the ExecStart= list. */
#define CHECK_EXEC(text, exp_r, expected)                                              \
        do {                                                                           \
                struct parsed _p = service(text);                                      \
                _cleanup_free_ char *_s = exec_str(&_p.u->exec[EXEC_START]);           \
                CHECK_INTEQ(_p.r, exp_r);                                              \
                CHECK_STREQ(_s, expected);                                             \
                if (_p.r != (exp_r))                                                   \
                        dump_diags(_p.u);                                              \
                unit_free(_p.u);                                                       \
        } while (0)

#define CHECK_FATAL(text, message)                                                     \
        do {                                                                           \
                struct parsed _p = service(text);                                      \
                CHECK_INTEQ(_p.r, -ENOEXEC);                                           \
                CHECK(has_diag(_p.u, 0, message));                                     \
                CHECK(diag_list_worst_effect(&_p.u->diags) == DIAG_EFFECT_REFUSED);    \
                unit_free(_p.u);                                                       \
        } while (0)

TEST(unit_new_defaults) {
        _cleanup_(unit_freep) struct unit *u = unit_new("foo@bar.service");
        _cleanup_(unit_freep) struct unit *s = unit_new("foo.socket");

        CHECK_STREQ(u->id, "foo@bar.service");
        CHECK_STREQ(u->instance, "bar");
        CHECK_INTEQ(u->type, UNIT_SERVICE);
        CHECK_INTEQ(u->load_state, UNIT_STUB);
        CHECK(u->default_dependencies);
        CHECK_INTEQ(u->service_type, -1);
        CHECK_INTEQ(u->restart, SERVICE_RESTART_NO);
        CHECK(u->restart_usec == 100 * USEC_PER_MSEC);  /* RestartSec= default 100ms */
        CHECK_INTEQ(u->ctx.umask, 0022);
        CHECK(s->instance == NULL);
        CHECK_INTEQ(s->type, UNIT_SOCKET);
        CHECK(unit_free(NULL) == NULL);
}

/* X-1..X-5 and vectors 10-14, 35-37 */
TEST(exec_start) {
        CHECK_EXEC("[Service]\nExecStart=/bin/echo a b\n", 0, "/bin/echo [</bin/echo> <a> <b>]");
        /* vector 37 */
        CHECK_EXEC("[Service]\nExecStart=-@:/bin/true foo\n", 0, "-@:/bin/true [<foo>]");
        CHECK_EXEC("[Service]\nExecStart=-@:/bin//true foo bar\n", 0, "-@:/bin/true [<foo> <bar>]");
        CHECK_EXEC("[Service]\nExecStart=+/bin/true\n", 0, "+/bin/true [</bin/true>]");
        CHECK_EXEC("[Service]\nExecStart=!/bin/true\n", 0, "!/bin/true [</bin/true>]");
        /* vector 36: accepted in 252 */
        CHECK_EXEC("[Service]\nExecStart=!!/bin/true\n", 0, "A/bin/true [</bin/true>]");
        /* any order, each at most once */
        CHECK_EXEC("[Service]\nExecStart=:@-/bin/true zero\n", 0, "-@:/bin/true [<zero>]");
        CHECK_EXEC("[Service]\nExecStart=-+/bin/true\n", 0, "-+/bin/true [</bin/true>]");
        /* a plain file name is looked up at run time */
        CHECK_EXEC("[Service]\nExecStart=true\n", 0, "true [<true>]");
        /* the path is simplified, argv[0] is kept as written (observed) */
        CHECK_EXEC("[Service]\nExecStart=/bin//true x\n", 0, "/bin/true [</bin//true> <x>]");
        /* vector 12: quotes anywhere in a word */
        CHECK_EXEC("[Service]\nExecStart=/nonexist/a\"b c\"d\n", 0, "/nonexist/ab cd [</nonexist/ab cd>]");
        /* C escapes and quotes in arguments */
        CHECK_EXEC("[Service]\nExecStart=/bin/echo \"a b\" 'c d' \\x41 \\101 x\\ty\n", 0,
                   "/bin/echo [</bin/echo> <a b> <c d> <A> <A> <x\ty>]");
        /* an unknown escape is kept with a warning */
        CHECK_EXEC("[Service]\nExecStart=/bin/echo \\q ok\n", 0, "/bin/echo [</bin/echo> <\\q> <ok>]");
        /* P-COM-2: '#' and what follows are arguments */
        CHECK_EXEC("[Service]\nExecStart=/bin/x --a # note\n", 0, "/bin/x [</bin/x> <--a> <#> <note>]");
        /* specifiers in the path and arguments; host ones are kept */
        CHECK_EXEC("[Service]\nExecStart=/usr/lib/%N/run %n %p %H %%\n", 0,
                   "/usr/lib/x/run [</usr/lib/x/run> <x.service> <x> <%H> <%>]");
}

TEST(exec_start_separators) {
        /* X-2: a lone ';' separates; "\;" is a literal argument */
        CHECK_EXEC("[Service]\nExecStart=/bin/a x ; /bin/b y\n", 0, "/bin/a [</bin/a> <x>] || /bin/b [</bin/b> <y>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/a x ; ; /bin/b y\n", 0, "/bin/a [</bin/a> <x>] || /bin/b [</bin/b> <y>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/a ;\n", 0, "/bin/a [</bin/a>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/echo a;b ;x | > & $FOO ${BAR} \\; end\n", 0,
                   "/bin/echo [</bin/echo> <a;b> <;x> <|> <>> <&> <$FOO> <${BAR}> <;> <end>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/a \\;\n", 0, "/bin/a [</bin/a> <;>]");
        CHECK_EXEC("[Service]\nExecStart=-/bin/a ; @/bin/b argv0 x\n", 0, "-/bin/a [</bin/a>] || @/bin/b [<argv0> <x>]");
        /* each command gets its own prefixes */
        CHECK_EXEC("[Service]\nExecStart=/bin/a ; -/bin/b\n", 0, "/bin/a [</bin/a>] || -/bin/b [</bin/b>]");
}

TEST(exec_start_list) {
        /* X-1: assignments append, an empty one resets (vector 9) */
        CHECK_EXEC("[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n", 0, "/bin/a [</bin/a>] || /bin/b [</bin/b>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/a\nExecStart=\nExecStart=/bin/b\n", 0, "/bin/b [</bin/b>]");
        CHECK_EXEC("[Service]\nExecStart=/bin/a\nExecStart=\n", 0, "");
        /* each command remembers its line */
        {
                struct parsed p = service("[Service]\nExecStart=/bin/a\n\nExecStart=/bin/b ; /bin/c\n");
                CHECK_INTEQ(p.u->exec[EXEC_START].n, 3);
                CHECK(p.u->exec[EXEC_START].n == 3 && p.u->exec[EXEC_START].items[0].origin.line == 2 &&
                      p.u->exec[EXEC_START].items[2].origin.line == 4);
                CHECK(p.u->exec[EXEC_START].n == 3 && streq(p.u->exec[EXEC_START].items[1].origin.file, FRAGMENT));
                unit_free(p.u);
        }
}

TEST(exec_other_kinds) {
        struct parsed p = service("[Service]\nExecCondition=/bin/c\nExecStartPre=-/bin/pre\nExecStartPost=/bin/post\n"
                                  "ExecReload=/bin/kill -HUP $MAINPID\nExecStop=/bin/stop\nExecStopPost=/bin/sp\n");
        _cleanup_free_ char *c = exec_str(&p.u->exec[EXEC_CONDITION]), *pre = exec_str(&p.u->exec[EXEC_START_PRE]),
                            *rl = exec_str(&p.u->exec[EXEC_RELOAD]), *sp = exec_str(&p.u->exec[EXEC_STOP_POST]);

        CHECK_INTEQ(p.r, 0);
        CHECK_STREQ(c, "/bin/c [</bin/c>]");
        CHECK_STREQ(pre, "-/bin/pre [</bin/pre>]");
        CHECK_STREQ(rl, "/bin/kill [</bin/kill> <-HUP> <$MAINPID>]");
        CHECK_STREQ(sp, "/bin/sp [</bin/sp>]");
        CHECK_INTEQ(p.u->exec[EXEC_STOP].n, 1);
        CHECK_INTEQ(p.u->exec[EXEC_START_POST].n, 1);
        unit_free(p.u);

        /* sockets have ExecStartPre/Post and ExecStopPre/Post */
        p = load("x.socket", "[Socket]\nListenStream=80\nExecStopPre=/bin/a\nExecStart=/bin/b\n");
        CHECK_INTEQ(p.r, 0);
        CHECK_INTEQ(p.u->exec[EXEC_STOP_PRE].n, 1);
        CHECK_INTEQ(p.u->exec[EXEC_START].n, 0);
        CHECK(has_diag(p.u, 4, "Unknown key 'ExecStart' in section [Socket], ignoring."));
        unit_free(p.u);
}

/* P-KV-5: fatal errors return -ENOEXEC and stop the file. */
TEST(exec_start_fatal) {
        /* vector 10 */
        CHECK_FATAL("[Service]\nExecStart=bin/foo\n", "Neither a valid executable name nor an absolute path: bin/foo");
        CHECK_FATAL("[Service]\nExecStart=$HOME/bin/app\n", "Neither a valid executable name nor an absolute path");
        /* vector 11 */
        CHECK_FATAL("[Service]\nExecStart=+!/bin/true\n", "Neither a valid executable name nor an absolute path: !/bin/true");
        CHECK_FATAL("[Service]\nExecStart=!+/bin/true\n", "Neither a valid executable name nor an absolute path: +/bin/true");
        CHECK_FATAL("[Service]\nExecStart=!!!/bin/true\n", "Neither a valid executable name nor an absolute path: !/bin/true");
        /* vector 35: '|' is no prefix in 252 */
        CHECK_FATAL("[Service]\nExecStart=|/bin/true\n", "Neither a valid executable name nor an absolute path: |/bin/true");
        /* vector 13 */
        CHECK_FATAL("[Service]\nExecStart=/bin/echo %z\n", "Invalid slot");
        CHECK_FATAL("[Service]\nExecStart=/bin/%z\n", "Failed to resolve unit specifiers");
        /* vector 14 */
        CHECK_FATAL("[Service]\nExecStart=/bin/echo \"x\n", "Unbalanced quoting");
        /* Q-5 */
        CHECK_FATAL("[Service]\nExecStart=/bin/ec\\tho\n", "Executable name contains special characters");
        CHECK_FATAL("[Service]\nExecStart=/usr/bin/\n", "Executable path specifies a directory: /usr/bin/");
        CHECK_FATAL("[Service]\nExecStart=@\n", "Empty path in command line: '@'");
        CHECK_FATAL("[Service]\nExecStart=@/bin/true\n", "Empty executable name or zeroeth argument");
        CHECK_FATAL("[Service]\nExecStart=/bin/a ; bin/b\n", "Neither a valid executable name nor an absolute path: bin/b");
        /* parsing stops: later lines are not looked at */
        {
                struct parsed p = service("[Service]\nExecStart=bin/foo\nRestart=bogus\nExecStart=/bin/ok\n");
                CHECK_INTEQ(p.r, -ENOEXEC);
                CHECK(!has_diag(p.u, 3, "restart"));
                CHECK_INTEQ(p.u->exec[EXEC_START].n, 0);
                unit_free(p.u);
        }
}

/* X-7: with '-', a failure is a warning and the command is dropped. */
TEST(exec_start_dash_ignores) {
        CHECK_EXEC("[Service]\nExecStart=-bin/foo\nExecStart=/bin/ok\n", 0, "/bin/ok [</bin/ok>]");
        CHECK_EXEC("[Service]\nExecStart=-\nExecStart=/bin/ok\n", 0, "/bin/ok [</bin/ok>]");
        CHECK_EXEC("[Service]\nExecStart=-/bin/echo \"x\nExecStart=/bin/ok\n", 0, "/bin/ok [</bin/ok>]");
        CHECK_EXEC("[Service]\nExecStart=-/bin/echo %z\nExecStart=/bin/ok\n", 0, "/bin/ok [</bin/ok>]");
        /* an unbalanced quote in the first word is only a warning (observed in 252) */
        CHECK_EXEC("[Service]\nExecStart=\"/bin/echo\nExecStart=/bin/ok\n", 0, "/bin/ok [</bin/ok>]");
        /* "--": the second '-' is part of the path */
        CHECK_EXEC("[Service]\nExecStart=--/bin/true\n", 0, "");
        {
                struct parsed p = service("[Service]\nExecStart=-\n");
                CHECK(has_diag(p.u, 2, "Empty path in command line, ignoring: '-'"));
                CHECK(diag_list_worst_effect(&p.u->diags) == DIAG_EFFECT_IGNORED);
                unit_free(p.u);
        }
}

TEST(exec_path_length) {
        /* PATH_MAX counts the NUL: a path of PATH_MAX - 1 bytes is valid */
        struct strbuf ok = STRBUF_INIT, over = STRBUF_INIT;
        _cleanup_free_ char *tok = NULL, *tover = NULL;
        struct parsed p;

        for (struct strbuf *sb = &ok; sb; sb = sb == &ok ? &over : NULL) {
                size_t len = sb == &ok ? PATH_MAX - 1 : PATH_MAX;
                size_t start;
                strbuf_addstr(sb, "[Service]\nExecStart=");
                start = sb->len;
                while (sb->len - start < len) {
                        size_t room = len - (sb->len - start) - 1;
                        strbuf_addch(sb, '/');
                        for (size_t i = 0; i < MIN(room, (size_t) 200); i++)
                                strbuf_addch(sb, 'p');
                }
                strbuf_addch(sb, '\n');
        }
        tok = strbuf_detach(&ok, NULL);
        tover = strbuf_detach(&over, NULL);

        p = service(tok);
        CHECK_INTEQ(p.r, 0);
        CHECK(p.u->exec[EXEC_START].n == 1 && strlen(p.u->exec[EXEC_START].items[0].path) == PATH_MAX - 1);
        unit_free(p.u);
        p = service(tover);
        CHECK_INTEQ(p.r, -ENOEXEC);
        CHECK_INTEQ(p.u->exec[EXEC_START].n, 0);
        unit_free(p.u);
}

/* E-1..E-4, vectors 15 and 16 */
TEST(environment) {
        struct parsed p;
        _cleanup_free_ char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;

        p = service("[Service]\nEnvironment=PATH=/opt/a b/bin 9BAD=1 export Z=1 N=%z\n");
        CHECK_INTEQ(p.r, 0);
        s1 = list_str(&p.u->ctx.environment);
        CHECK_STREQ(s1, "<PATH=/opt/a> <Z=1>");
        CHECK(has_diag(p.u, 2, "Invalid environment assignment, ignoring: b/bin"));
        CHECK(has_diag(p.u, 2, "Invalid environment assignment, ignoring: 9BAD=1"));
        CHECK(has_diag(p.u, 2, "Invalid environment assignment, ignoring: export"));
        CHECK(has_diag(p.u, 2, "N=%z"));
        unit_free(p.u);

        /* E-2: the value must be valid UTF-8 (a \x escape can make it invalid) */
        p = service("[Service]\nEnvironment=A=\\xff B=\\xc3\\xa9\n");
        CHECK(p.u->ctx.environment.n == 1 && streq(p.u->ctx.environment.items[0].value, "B=\xc3\xa9"));
        CHECK(has_diag(p.u, 2, "Invalid environment assignment, ignoring: A="));
        unit_free(p.u);

        /* E-3's fix, escapes, quoting, specifiers, empty values */
        p = service("[Service]\nEnvironment=\"PATH=/opt/a b/bin\" C=\\x41 \"D=a\\tb\" E= N=%n 'Q=it''s'\n");
        s2 = list_str(&p.u->ctx.environment);
        CHECK_STREQ(s2, "<PATH=/opt/a b/bin> <C=A> <D=a\tb> <E=> <N=x.service> <Q=its>");
        unit_free(p.u);

        /* a later NAME replaces the earlier one in place (observed order) */
        p = service("[Service]\nEnvironment=A=1 B=2\nEnvironment=A=3 C=4\nEnvironment=B=5\n");
        s3 = list_str(&p.u->ctx.environment);
        CHECK_STREQ(s3, "<A=3> <B=5> <C=4>");
        CHECK(p.u->ctx.environment.n == 3 && p.u->ctx.environment.items[1].origin.line == 4);
        unit_free(p.u);

        /* an empty assignment resets; a syntax error keeps the words before it */
        p = service("[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2 C=\"x\nEnvironment=NOEQ\n");
        s4 = list_str(&p.u->ctx.environment);
        CHECK_STREQ(s4, "<B=2>");
        CHECK(has_diag(p.u, 4, "Invalid syntax, ignoring: B=2 C=\"x"));
        CHECK(has_diag(p.u, 5, "Invalid environment assignment, ignoring: NOEQ"));
        CHECK_INTEQ(p.r, 0);
        unit_free(p.u);
}

/* EF-1, EF-2, vectors 17 and 18 */
TEST(environment_file) {
        struct parsed p;
        _cleanup_free_ char *s1 = NULL, *s2 = NULL;

        p = service("[Service]\nEnvironmentFile=/a.env /b.env\nEnvironmentFile=-/etc/x.env\nEnvironmentFile=/etc//y.env\n"
                    "EnvironmentFile=relative.env\nEnvironmentFile=-rel\nEnvironmentFile=/etc/../z.env\n"
                    "EnvironmentFile=/etc/%N.env\n");
        CHECK_INTEQ(p.r, 0);
        s1 = list_str(&p.u->ctx.environment_files);
        CHECK_STREQ(s1, "</a.env /b.env> <-/etc/x.env> </etc/y.env> </etc/x.env>");
        CHECK(has_diag(p.u, 5, "EnvironmentFile= path is not absolute, ignoring: relative.env"));
        CHECK(has_diag(p.u, 6, "EnvironmentFile= path is not absolute, ignoring: rel"));
        CHECK(has_diag(p.u, 7, "EnvironmentFile= path is not normalized, ignoring: /etc/../z.env"));
        CHECK(!has_diag(p.u, 2, ""));
        unit_free(p.u);

        p = service("[Service]\nEnvironmentFile=/a.env\nEnvironmentFile=\nEnvironmentFile=/b.env\n");
        s2 = list_str(&p.u->ctx.environment_files);
        CHECK_STREQ(s2, "</b.env>");
        unit_free(p.u);
}

/* P-KV-7: list settings reset on an empty value. */
TEST(list_resets) {
        struct parsed p = service("[Service]\nReadWritePaths=/a -/b +/c\nSupplementaryGroups=a b\n");
        _cleanup_free_ char *rw = list_str(&p.u->ctx.read_write_paths), *sg = list_str(&p.u->ctx.supplementary_groups);
        _cleanup_free_ char *rw2 = NULL, *sg2 = NULL;

        CHECK_STREQ(rw, "</a> <-/b> <+/c>");
        CHECK_STREQ(sg, "<a> <b>");
        unit_free(p.u);

        p = service("[Service]\nReadWritePaths=/a -/b\nReadWritePaths=\nReadWritePaths=/d\n"
                    "SupplementaryGroups=a b\nSupplementaryGroups=\nSupplementaryGroups=c\n");
        rw2 = list_str(&p.u->ctx.read_write_paths);
        sg2 = list_str(&p.u->ctx.supplementary_groups);
        CHECK_STREQ(rw2, "</d>");
        CHECK_STREQ(sg2, "<c>");
        unit_free(p.u);
}

/* P-KV-8: dependencies accumulate and an empty value does not reset them. */
TEST(dependencies) {
        struct parsed p = service("[Unit]\nAfter=a.service\nAfter=\nAfter=b.service c.target\n"
                                  "Wants=bar@.service\nRequires=%N-db.service\nBefore=dev-sda.device late.service\n"
                                  "After=notaunit %z.service ok.service\nPartOf=\nBindsTo=a.service a.service\n");
        _cleanup_free_ char *after = deps_str(p.u, UNIT_AFTER), *wants = deps_str(p.u, UNIT_WANTS),
                            *req = deps_str(p.u, UNIT_REQUIRES), *before = deps_str(p.u, UNIT_BEFORE),
                            *binds = deps_str(p.u, UNIT_BINDS_TO);

        CHECK_INTEQ(p.r, 0);
        CHECK_STREQ(after, "a.service b.service c.target ok.service");
        /* a template named by a plain unit gets the unit's prefix as instance (observed) */
        CHECK_STREQ(wants, "bar@x.service");
        CHECK_STREQ(req, "x-db.service");
        CHECK_STREQ(before, "late.service");
        CHECK_STREQ(binds, "a.service");
        CHECK_INTEQ(p.u->deps[UNIT_PART_OF].n, 0);
        CHECK(has_diag(p.u, 0, "Dependency Before=dev-sda.device ignored"));
        CHECK(has_diag(p.u, 8, "Failed to add dependency on notaunit, ignoring"));
        CHECK(has_diag(p.u, 8, "Failed to resolve unit specifiers in '%z.service', ignoring: Invalid slot"));
        CHECK(p.u->deps[UNIT_AFTER].n == 4 && p.u->deps[UNIT_AFTER].items[0].origin.line == 2 &&
              p.u->deps[UNIT_AFTER].items[1].origin.line == 4 && (p.u->deps[UNIT_AFTER].items[0].flags & UNIT_DEP_FILE));
        unit_free(p.u);

        /* an instance fills a template dependency with its instance */
        p = load("foo@blue.service", "[Unit]\nWants=bar@.service baz@%i.service\n[Service]\nExecStart=/bin/true\n");
        {
                _cleanup_free_ char *w = deps_str(p.u, UNIT_WANTS);
                CHECK_STREQ(w, "bar@blue.service baz@blue.service");
        }
        unit_free(p.u);
}

/* vector 19: a relative WorkingDirectory= is fatal; later lines are not parsed. */
TEST(working_directory) {
        struct parsed p = service("[Service]\nWorkingDirectory=relative/dir\nStandardOutput=bogus\n");

        CHECK_INTEQ(p.r, -ENOEXEC);
        CHECK(has_diag(p.u, 2, "WorkingDirectory= path is not absolute: relative/dir"));
        CHECK(!has_diag(p.u, 3, ""));
        unit_free(p.u);

        /* with '-' only a warning */
        p = service("[Service]\nWorkingDirectory=-relative\nWorkingDirectory=-/srv//x/\n");
        CHECK_INTEQ(p.r, 0);
        CHECK(has_diag(p.u, 2, "WorkingDirectory= path is not absolute, ignoring: relative"));
        CHECK_STREQ(p.u->ctx.working_directory.value, "/srv/x");
        CHECK(p.u->ctx.working_directory_missing_ok);
        unit_free(p.u);

        p = service("[Service]\nWorkingDirectory=~\n");
        CHECK_INTEQ(p.r, 0);
        CHECK(p.u->ctx.working_directory_home);
        unit_free(p.u);

        p = service("[Service]\nWorkingDirectory=/a\nWorkingDirectory=\n");
        CHECK(p.u->ctx.working_directory.value == NULL);
        CHECK(!p.u->ctx.working_directory_home);
        unit_free(p.u);

        CHECK_FATAL("[Service]\nWorkingDirectory=/a/../b\n", "WorkingDirectory= path is not normalized");
        CHECK_FATAL("[Service]\nWorkingDirectory=/%z\n", "Failed to resolve unit specifiers");
}

/* User= as systemd 252 takes it (systemd-analyze verify). */
TEST(user) {
        static const struct {
                const char *value;
                int r;
                bool notice;    /* "does not match strict user/group name rules" */
        } t[] = {
                { "root", 0, false },
                { "foo-bar_", 0, false },
                { "_x", 0, false },
                { "0", 0, false },
                { "4294967294", 0, false },
                { "%u", 0, false },
                { "my user", 0, true },         /* vector 39 */
                { "user.name", 0, true },
                { "\xc3\xbc", 0, true },
                { "1abc", 0, true },
                { "-abc", 0, true },
                { "abcdefghijabcdefghijabcdefghij12", 0, true },        /* 32 bytes: over the strict 31 */
                { "abcdefghijabcdefghijabcdefghij1", 0, false },        /* 31 bytes */
                { ":bad", -ENOEXEC, false },
                { "65535", -ENOEXEC, false },
                { "4294967295", -ENOEXEC, false },
                { "-1", -ENOEXEC, false },
                { "a/b", -ENOEXEC, false },
                { "a:b", -ENOEXEC, false },
                { ".", -ENOEXEC, false },
                { "..", -ENOEXEC, false },
                { "%z", -ENOEXEC, false },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                _cleanup_free_ char *text = NULL;
                struct strbuf sb = STRBUF_INIT;
                struct parsed p;

                strbuf_addf(&sb, "[Service]\nUser=%s\n", t[i].value);
                text = strbuf_detach(&sb, NULL);
                p = service(text);
                if (p.r != t[i].r)
                        printf("# User=%s\n", t[i].value);
                CHECK_INTEQ(p.r, t[i].r);
                CHECK(has_diag(p.u, 2, "does not match strict user/group name rules") == t[i].notice);
                if (t[i].r < 0)
                        CHECK(has_diag(p.u, 2, streq(t[i].value, "%z") ? "Failed to resolve unit specifiers"
                                                                        : "Invalid user/group name or numeric ID"));
                unit_free(p.u);
        }
}

TEST(user_values) {
        struct parsed p = service("[Service]\nUser=nobody\nGroup=adm\n");

        CHECK_INTEQ(p.r, 0);
        CHECK_STREQ(p.u->ctx.user.value, "nobody");
        CHECK_STREQ(p.u->ctx.group.value, "adm");
        CHECK(has_diag(p.u, 2, "Special user nobody configured, this is not safe!"));
        unit_free(p.u);

        /* the last assignment wins; an empty one resets */
        p = service("[Service]\nUser=a\nUser=b\n");
        CHECK_STREQ(p.u->ctx.user.value, "b");
        CHECK_INTEQ(p.u->ctx.user.origin.line, 3);
        unit_free(p.u);
        p = service("[Service]\nUser=a\nUser=\n");
        CHECK(p.u->ctx.user.value == NULL);
        unit_free(p.u);
        /* host specifiers stay as written */
        p = service("[Service]\nUser=%u\n");
        CHECK_STREQ(p.u->ctx.user.value, "%u");
        unit_free(p.u);
}

TEST(valid_user_group_name_relaxed) {
        bool strict = true;

        CHECK(valid_user_group_name_relaxed("root", &strict));
        CHECK(strict);
        CHECK(valid_user_group_name_relaxed("my user", &strict));
        CHECK(!strict);
        CHECK(!valid_user_group_name_relaxed("", &strict));
        CHECK(!valid_user_group_name_relaxed(" lead", NULL));
        CHECK(!valid_user_group_name_relaxed("trail ", NULL));
        CHECK(!valid_user_group_name_relaxed("a\tb", NULL));
        CHECK(!valid_user_group_name_relaxed("\xff", NULL));
        CHECK(valid_user_group_name_relaxed("0", &strict));
        CHECK(strict);
}

/* P-KV-3, P-KV-6, vectors 2, 7, 8 */
TEST(keys_and_single_values) {
        struct parsed p = service("[Service]\nrestart=always\nRestart = on-failure\nX-Foo=1\nNetClass=1\n"
                                  "Restart=always # c\nAfter=a.service\nType=oneshot\nType=bogus\n");

        CHECK_INTEQ(p.r, 0);
        CHECK(has_diag(p.u, 2, "Unknown key 'restart' in section [Service], ignoring."));
        CHECK(!has_diag(p.u, 3, ""));
        CHECK(!has_diag(p.u, 4, ""));
        CHECK(has_diag(p.u, 5, "Support for option NetClass= has been removed and it is ignored"));
        CHECK(has_diag(p.u, 6, "Failed to parse service restart specifier, ignoring: always # c"));
        CHECK(has_diag(p.u, 7, "Unknown key 'After' in section [Service], ignoring."));
        CHECK(has_diag(p.u, 9, "Failed to parse service type, ignoring: bogus"));
        /* the last valid assignment stays */
        CHECK_INTEQ(p.u->restart, SERVICE_RESTART_ON_FAILURE);
        CHECK_INTEQ(p.u->restart_origin.line, 3);
        CHECK_INTEQ(p.u->service_type, SERVICE_ONESHOT);
        CHECK_INTEQ(p.u->deps[UNIT_AFTER].n, 0);
        unit_free(p.u);

        /* Restart= with an empty value is no reset in 252 */
        p = service("[Service]\nRestart=always\nRestart=\n");
        CHECK(has_diag(p.u, 3, "Failed to parse service restart specifier, ignoring: "));
        CHECK_INTEQ(p.u->restart, SERVICE_RESTART_ALWAYS);
        unit_free(p.u);
}

TEST(lookup_table) {
        CHECK_INTEQ(unit_key_lookup("Service", "ExecStart"), UNIT_KEY_KNOWN);
        CHECK_INTEQ(unit_key_lookup("Unit", "After"), UNIT_KEY_KNOWN);
        CHECK_INTEQ(unit_key_lookup("Service", "After"), -ENOENT);
        CHECK_INTEQ(unit_key_lookup("Service", "execstart"), -ENOENT);
        CHECK_INTEQ(unit_key_lookup("Service", "NetClass"), UNIT_KEY_LEGACY);
        CHECK_INTEQ(unit_key_lookup("Install", "WantedBy"), UNIT_KEY_KNOWN);
        CHECK_INTEQ(unit_key_lookup("Nope", "X"), -ENOENT);
}

TEST(other_settings) {
        struct parsed p = service("[Unit]\nDescription=Hello %n\n[Service]\nRestartSec=1min 30s\nRestartSec=bogus\n"
                                  "UMask=077\nUMask=8\nDynamicUser=yes\nRemainAfterExit=yes\n"
                                  "StandardOutput=syslog\nStandardError=file:/var/log/x.log\n"
                                  "ProtectSystem=strict\nProtectHome=read-only\nSyslogIdentifier=%p\n"
                                  "[Install]\nWantedBy=multi-user.target \"a b.target\"\nAlias=y.service\n");

        CHECK_INTEQ(p.r, 0);
        CHECK_STREQ(p.u->description.value, "Hello x.service");
        CHECK(p.u->restart_usec == 90 * USEC_PER_SEC);
        CHECK(has_diag(p.u, 5, "bogus"));
        CHECK_INTEQ(p.u->ctx.umask, 077);
        CHECK(has_diag(p.u, 7, "Failed to parse mode value, ignoring: 8"));
        CHECK(p.u->ctx.dynamic_user);
        CHECK(p.u->remain_after_exit);
        CHECK_INTEQ(p.u->ctx.std_output, EXEC_OUTPUT_JOURNAL);
        CHECK(has_diag(p.u, 10, "Standard output type syslog is obsolete"));
        CHECK_INTEQ(p.u->ctx.std_error, EXEC_OUTPUT_FILE);
        CHECK_STREQ(p.u->ctx.std_error_file.value, "/var/log/x.log");
        CHECK_INTEQ(p.u->ctx.protect_system, PROTECT_SYSTEM_STRICT);
        CHECK_INTEQ(p.u->ctx.protect_home, PROTECT_HOME_READ_ONLY);
        CHECK_STREQ(p.u->ctx.syslog_identifier.value, "x");
        {
                _cleanup_free_ char *w = list_str(&p.u->install_wanted_by), *a = list_str(&p.u->install_alias);
                CHECK_STREQ(w, "<multi-user.target> <a b.target>");
                CHECK_STREQ(a, "<y.service>");
        }
        unit_free(p.u);

        /* DynamicUser= takes a boolean, fatally */
        CHECK_FATAL("[Service]\nDynamicUser=bogus\n", "Failed to parse boolean value: bogus");
}

TEST(other_unit_types) {
        struct parsed p = load("x.timer", "[Timer]\nOnCalendar=daily\nUnit=y.service\n");

        CHECK_INTEQ(p.r, 0);
        CHECK(p.u->has_trigger_spec);
        CHECK(unit_dep_has(p.u, UNIT_TRIGGERS, "y.service"));
        CHECK(unit_dep_has(p.u, UNIT_BEFORE, "y.service"));
        unit_free(p.u);

        /* a section of another type is unknown */
        p = load("x.timer", "[Service]\nExecStart=/bin/true\n");
        CHECK_INTEQ(p.r, 0);
        CHECK(has_diag(p.u, 1, "Unknown section 'Service'. Ignoring."));
        CHECK_INTEQ(p.u->exec[EXEC_START].n, 0);
        unit_free(p.u);

        p = load("x.socket", "[Socket]\nListenStream=/run/x.sock\nAccept=yes\nService=y.service\n");
        CHECK_INTEQ(p.r, 0);
        CHECK(p.u->socket_accept);
        CHECK_STREQ(p.u->trigger_service, "y.service");
        unit_free(p.u);
}

int main(void) {
        RUN(unit_new_defaults);
        RUN(exec_start);
        RUN(exec_start_separators);
        RUN(exec_start_list);
        RUN(exec_other_kinds);
        RUN(exec_start_fatal);
        RUN(exec_start_dash_ignores);
        RUN(exec_path_length);
        RUN(environment);
        RUN(environment_file);
        RUN(list_resets);
        RUN(dependencies);
        RUN(working_directory);
        RUN(user);
        RUN(user_values);
        RUN(valid_user_group_name_relaxed);
        RUN(keys_and_single_values);
        RUN(lookup_table);
        RUN(other_settings);
        RUN(other_unit_types);
        return tap_done();
}
