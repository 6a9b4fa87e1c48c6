/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "strv.h"
#include "tap.h"
#include "test-helpers.h"
#include "unit-load.h"
#include "unit-show.h"

/*
 * The expected texts are what `systemctl show` of systemd 252 prints for the
 * same unit files (a real manager, started with shared/testenv/sdmgr.sh),
 * restricted to the properties goldctl knows and without the dependencies
 * the manager adds by itself (DefaultDependencies=, slices).
 */

static char *T;
static struct unit_loader L;

static struct unit *load(const char *name, const char *text) {
        struct strbuf sb = STRBUF_INIT;
        struct unit *u = NULL;

        strbuf_addf(&sb, "show/usr/%s", name);
        CHECK_INTEQ(th_write(T, sb.buf, text), 0);
        strbuf_release(&sb);
        unit_loader_release(&L);
        {
                _cleanup_free_ char *dir = th_path(T, "show/usr");
                char *sp[] = { dir, NULL };
                CHECK_INTEQ(unit_loader_init(&L, NULL, sp), 0);
        }
        CHECK_INTEQ(unit_loader_load(&L, name, &u), 0);
        return u;
}

/* unit_show() with the properties given as a comma-separated list (NULL: all). */
static char *show(const struct unit *u, const char *props, bool all, bool value_only) {
        _cleanup_strbuf_ struct strbuf out = STRBUF_INIT;
        _cleanup_strv_free_ char **p = NULL;
        struct show_options o = { .all = all, .value_only = value_only };
        char *s;

        if (props) {
                _cleanup_free_ char *copy = strdup(props);
                char *save = NULL;
                for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
                        strv_extend(&p, t);
                o.properties = p;
        }
        CHECK_INTEQ(unit_show(u, &o, &out), 0);
        s = strdup(strbuf_str(&out));
        return s;
}

#define EXEC_TAIL " ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }"

TEST(full_service) {
        struct unit *u = load("shw.service",
                              "[Unit]\n"
                              "Description=Show test\n"
                              "Wants=x.service\n"
                              "After=b.service\n"
                              "\n"
                              "[Service]\n"
                              "Type=simple\n"
                              "ExecStartPre=-@:/bin//true foo bar\n"
                              "ExecStart=/bin/echo \"a b\" \\; c\n"
                              "Environment=\"A=a b\" B=x\\\"y C=$d D=plain\n"
                              "EnvironmentFile=-/etc/x.env\n"
                              "EnvironmentFile=/etc/a.env /b.env\n"
                              "WorkingDirectory=-/srv//x/\n"
                              "User=nobody\n"
                              "RestartSec=1.5\n"
                              "UMask=077\n");
        _cleanup_free_ char *frag = th_path(T, "show/usr/shw.service"), *got = show(u, NULL, false, false);
        struct strbuf want = STRBUF_INIT;

        strbuf_addstr(&want,
                      "Type=simple\n"
                      "Restart=no\n"
                      "RestartUSec=1.500000s\n"
                      "RemainAfterExit=no\n"
                      "ExecStartPre={ path=/bin/true ; argv[]=foo bar ; ignore_errors=yes" EXEC_TAIL "\n"
                      "ExecStart={ path=/bin/echo ; argv[]=/bin/echo a b ; c ; ignore_errors=no" EXEC_TAIL "\n"
                      "Environment=\"A=a b\" \"B=x\\\"y\" \"C=\\$d\" D=plain\n"
                      "EnvironmentFiles=/etc/x.env (ignore_errors=yes)\n"
                      "EnvironmentFiles=/etc/a.env /b.env (ignore_errors=no)\n"
                      "UMask=0077\n"
                      "WorkingDirectory=!/srv/x\n"
                      "StandardOutput=journal\n"
                      "StandardError=inherit\n"
                      "User=nobody\n"
                      "DynamicUser=no\n"
                      "ProtectHome=no\n"
                      "ProtectSystem=no\n"
                      "Id=shw.service\n"
                      "Names=shw.service\n"
                      "Wants=x.service\n"
                      "After=b.service\n"
                      "Description=Show test\n"
                      "LoadState=loaded\n");
        strbuf_addf(&want, "FragmentPath=%s\n", frag);
        CHECK_STREQ(got, strbuf_str(&want));
        strbuf_release(&want);
}

TEST(minimal_service) {
        struct unit *u = load("mini.service", "[Service]\nExecStart=/bin/true\n");
        _cleanup_free_ char *got = show(u, "Type,Restart,RestartUSec,RemainAfterExit,UMask,StandardOutput,StandardError,"
                                           "Description,Names,DynamicUser,ProtectHome,ProtectSystem,User,ExecStart,ExecStop", false, false);

        CHECK_STREQ(got,
                    "Type=simple\n"
                    "Restart=no\n"
                    "RestartUSec=100ms\n"
                    "RemainAfterExit=no\n"
                    "ExecStart={ path=/bin/true ; argv[]=/bin/true ; ignore_errors=no" EXEC_TAIL "\n"
                    "UMask=0022\n"
                    "StandardOutput=journal\n"
                    "StandardError=inherit\n"
                    "User=\n"
                    "DynamicUser=no\n"
                    "ProtectHome=no\n"
                    "ProtectSystem=no\n"
                    "Names=mini.service\n"
                    "Description=mini.service\n");
}

/* The quoting of list items, as systemctl prints Environment=. */
TEST(environment_quoting) {
        struct unit *u = load("mini2.service",
                              "[Service]\nType=oneshot\nExecStart=/bin/a\nExecStart=/bin/b x\nStandardOutput=null\n"
                              "DynamicUser=yes\nSupplementaryGroups=g1 g2\nReadWritePaths=/a -/b\nRemainAfterExit=yes\n"
                              "SyslogIdentifier=ident\n"
                              "Environment=E=tab\\there F=\xc3\xa9 \"H=a;b\" \"I=*\" J= \"K=a\\\\b\" L=back`q \"M=new\\nline\" "
                              "\"N=?x\" \"O=[y]\" P=~z \"Q=!q\" \"R=a|b\"\n");
        _cleanup_free_ char *got = show(u, "Type,ExecStart,StandardOutput,StandardError,DynamicUser,User,Group,"
                                           "SupplementaryGroups,ReadWritePaths,ProtectHome,ProtectSystem,"
                                           "RemainAfterExit,SyslogIdentifier,Environment", false, false);

        CHECK_STREQ(got,
                    "Type=oneshot\n"
                    "RemainAfterExit=yes\n"
                    "ExecStart={ path=/bin/a ; argv[]=/bin/a ; ignore_errors=no" EXEC_TAIL "\n"
                    "ExecStart={ path=/bin/b ; argv[]=/bin/b x ; ignore_errors=no" EXEC_TAIL "\n"
                    "Environment=\"E=tab\\there\" F=\xc3\xa9 \"H=a;b\" \"I=*\" J= \"K=a\\\\b\" \"L=back\\`q\" \"M=new\\nline\" "
                    "\"N=?x\" \"O=[y]\" P=~z \"Q=!q\" \"R=a|b\"\n"
                    "StandardOutput=null\n"
                    "StandardError=inherit\n"
                    "SyslogIdentifier=ident\n"
                    "User=mini2\n"
                    "Group=mini2\n"
                    "DynamicUser=yes\n"
                    "SupplementaryGroups=g1 g2\n"
                    "ReadWritePaths=/a -/b\n"
                    "ProtectHome=read-only\n"
                    "ProtectSystem=strict\n");
}

/* -p: every requested property the type has is printed, empty or not,
 * except command lists and EnvironmentFiles without entries. */
TEST(filter_prints_empties) {
        struct unit *u = load("flt.service", "[Service]\nExecStart=/bin/true\nUser=nobody\n");
        _cleanup_free_ char *got = show(u, "User,Group,Environment,ExecReload,EnvironmentFiles,DropInPaths,"
                                           "SyslogIdentifier,Names,WorkingDirectory,ReadWritePaths,"
                                           "SupplementaryGroups,Where,NoSuchProperty,Wants", false, false);

        CHECK_STREQ(got,
                    "Environment=\n"
                    "WorkingDirectory=\n"
                    "SyslogIdentifier=\n"
                    "User=nobody\n"
                    "Group=\n"
                    "SupplementaryGroups=\n"
                    "ReadWritePaths=\n"
                    "Names=flt.service\n"
                    "Wants=\n"
                    "DropInPaths=\n");
}

TEST(filter_order_is_systemd_order) {
        struct unit *u = load("ord.service", "[Unit]\nDescription=d\n[Service]\nExecStart=/bin/true\n");
        /* asked for in reverse: printed in the interface order */
        _cleanup_free_ char *got = show(u, "Description,Id,User,Type", false, false);

        CHECK_STREQ(got, "Type=simple\nUser=\nId=ord.service\nDescription=d\n");
}

TEST(value_only) {
        struct unit *u = load("val.service", "[Unit]\nDescription=hello world\n[Service]\nExecStart=/bin/true\n");
        _cleanup_free_ char *got = show(u, "Description,Id,User", false, true);

        CHECK_STREQ(got, "\nval.service\nhello world\n");
}

TEST(all_prints_empties) {
        struct unit *u = load("all.service", "[Service]\nExecStart=/bin/true\n");
        _cleanup_free_ char *got = show(u, NULL, true, false), *notall = show(u, NULL, false, false);

        CHECK(strstr(got, "\nGroup=\n") != NULL);
        CHECK(strstr(got, "\nDropInPaths=\n") != NULL);
        CHECK(strstr(got, "\nRequires=\n") != NULL);
        CHECK(strstr(notall, "Group=") == NULL);
        CHECK(strstr(notall, "DropInPaths=") == NULL);
        /* no command line of a list that is empty, even with --all */
        CHECK(strstr(got, "ExecReload=") == NULL);
        CHECK(strstr(got, "EnvironmentFiles=") == NULL);
}

TEST(drop_in_paths) {
        struct unit *u;
        _cleanup_free_ char *got = NULL, *d1 = NULL, *d2 = NULL;
        struct strbuf want = STRBUF_INIT;

        CHECK_INTEQ(th_write(T, "show/usr/dp.service.d/20-b.conf", "[Unit]\nDescription=from b\n"), 0);
        CHECK_INTEQ(th_write(T, "show/usr/dp.service.d/10-a.conf", "[Unit]\nDescription=from a\n"), 0);
        u = load("dp.service", "[Service]\nExecStart=/bin/true\n");
        got = show(u, "DropInPaths,Description", false, false);
        d1 = th_path(T, "show/usr/dp.service.d/10-a.conf");
        d2 = th_path(T, "show/usr/dp.service.d/20-b.conf");
        strbuf_addf(&want, "Description=from b\nDropInPaths=%s %s\n", d1, d2);
        CHECK_STREQ(got, strbuf_str(&want));
        strbuf_release(&want);
}

TEST(property_names) {
        const char *const *n = unit_show_property_names();
        size_t count = 0, types = 0;

        CHECK(unit_show_property_known("ExecStart"));
        CHECK(unit_show_property_known("EnvironmentFiles"));
        CHECK(unit_show_property_known("DropInPaths"));
        CHECK(!unit_show_property_known("NoSuchProperty"));
        CHECK(!unit_show_property_known("execstart"));
        for (; *n; n++) {
                count++;
                if (streq(*n, "Type"))
                        types++;
        }
        CHECK(count > 50);
        CHECK_INTEQ(types, 1);          /* listed once though two interfaces have it */
}

TEST(other_types) {
        struct unit *u = load("x.timer", "[Unit]\nDescription=t\n[Timer]\nOnCalendar=daily\n");
        _cleanup_free_ char *got = show(u, "Type,User,Environment,Triggers,Description,ExecStart", false, false);

        /* a timer has no service or exec properties */
        CHECK_STREQ(got, "Triggers=x.service\nDescription=t\n");
}

int main(void) {
        T = th_mkdtemp();
        if (!T) {
                printf("Bail out! cannot create a temporary directory\n");
                return 1;
        }
        RUN(full_service);
        RUN(minimal_service);
        RUN(environment_quoting);
        RUN(filter_prints_empties);
        RUN(filter_order_is_systemd_order);
        RUN(value_only);
        RUN(all_prints_empties);
        RUN(drop_in_paths);
        RUN(property_names);
        RUN(other_types);
        unit_loader_release(&L);
        CHECK_INTEQ(th_rm_rf(T), 0);
        free(T);
        return tap_done();
}
