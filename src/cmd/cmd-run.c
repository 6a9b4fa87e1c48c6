/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <jansson.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cmd.h"
#include "bus.h"
#include "contract.h"
#include "escape.h"
#include "fileio.h"
#include "log.h"
#include "parse-util.h"
#include "redis.h"
#include "run.h"
#include "run-unit.h"
#include "strbuf.h"
#include "strv.h"
#include "unit-load.h"
#include "utf8.h"

static char *arg_contract;
static unsigned arg_redis_timeout_ms;
static bool arg_dry_run;
static bool arg_json;
static char *arg_unit;
static char **arg_unit_path;

static int help(void) {
        printf("Usage: goldctl run [OPTIONS] SERVICE SCRIPT [ARGS...]\n"
               "       goldctl run [OPTIONS] --unit UNIT -- COMMAND [ARGS...]\n"
               "\n"
               "The fail-closed ops wrapper of the golden contract (seed 001 G): check the\n"
               "repository root, the service's venv, its env file (mode, owner), that\n"
               "SCRIPT lies inside the repository, that Redis answers PING, that the\n"
               "database and the data directory exist; then run SCRIPT with the venv's\n"
               "python, in the repository, with the service's env file read as systemd\n"
               "reads it (never by a shell) and nothing else inherited, plus\n"
               "REPO_ROOT, DATA_DIR, PYTHONPATH, PATH, VIRTUAL_ENV, PYTHONUNBUFFERED=1 and\n"
               "SERVICE_NAME. Started as root it runs the script as the contract's user.\n"
               "ARGS are passed through unchanged. Any failed check: nothing runs.\n"
               "\n"
               "  goldctl run ai-engine ops/model_safety/quality_gate.py\n"
               "\n"
               "With --unit: run COMMAND as an installed service's ExecStart= would run:\n"
               "its User=, Group=, SupplementaryGroups=, WorkingDirectory=, UMask= and\n"
               "environment (the manager's, then User='s HOME/USER/LOGNAME/SHELL,\n"
               "PassEnvironment=, Environment=, EnvironmentFile=, UnsetEnvironment=).\n"
               "\n"
               "  goldctl run --unit quantum-ai-engine.service -- python3 -c 'import os'\n"
               "\n"
               "Options (before SERVICE or COMMAND):\n"
               "  -h --help              show this help\n"
               "     --dry-run           print every check, and the program, arguments and\n"
               "                         environment it would run (secrets hidden); run nothing\n"
               "     --format=FORMAT     --dry-run's output: text (default) or json\n"
               "     --contract=FILE     read FILE over the built-in contract (keys it leaves\n"
               "                         out keep their built-in values), then FILE.d/*.conf\n"
               "     --redis-timeout=MS  how long Redis has to answer PING (default 1000)\n"
               "     --unit=UNIT         run COMMAND in this service's environment\n"
               "     --unit-path=DIRS    with --unit: read units from these directories\n"
               "                         (colon-separated) instead of the system unit path\n"
               "\n"
               "Exit status: the program's own, once it runs; before that 0 (--dry-run,\n"
               "every check passed), 100 bad usage or contract, 101 repo-root, 102 venv,\n"
               "103 env-file, 104 script, 105 redis, 106 database, 107 data-dir, 108 it\n"
               "could not be started; with --unit 109 unit, 110 user, 111 env-files,\n"
               "112 working-directory, 113 command. See goldctl-run(1).\n");
        return EXIT_OK;
}

static int run_usage_error(const char *fmt, ...) _printf_(1, 2);
static int run_usage_error(const char *fmt, ...) {
        va_list ap;

        fprintf(stderr, "goldctl: ");
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, "\nSee 'goldctl run --help'.\n");
        return RUN_EXIT_USAGE;
}

static int redis_ping_backend(const char *host, unsigned port, unsigned timeout_ms, char **ret_error) {
        return redis_ping(host, port, timeout_ms, ret_error);
}

/* One value as it will be passed: in double quotes, C-escaped (exact bytes). */
static void print_quoted(FILE *f, const char *s) {
        struct strbuf sb = STRBUF_INIT;

        cescape_append(&sb, s);
        fprintf(f, "\"%s\"", strbuf_str(&sb) ? strbuf_str(&sb) : "");
        strbuf_release(&sb);
}

/* Each check as ok, FAILED (with the fix) or not checked; names padded to width. */
static void print_checks(FILE *f, const struct run_check_result *checks, size_t n, const char *(*name)(int), int width) {
        for (size_t i = 0; i < n; i++) {
                const struct run_check_result *c = &checks[i];

                switch (c->status) {
                case RUN_STATUS_OK:
                        fprintf(f, "  ok      %-*s %s: %s\n", width, name((int) i), c->what, c->message);
                        break;
                case RUN_STATUS_FAILED:
                        fprintf(f, "  FAILED  %-*s %s: %s\n", width, name((int) i), c->what, c->message);
                        fprintf(f, "          fix: %s\n", c->fix);
                        break;
                case RUN_STATUS_PENDING:
                        fprintf(f, "  -       %-*s not checked: an earlier check failed\n", width, name((int) i));
                        break;
                }
        }
}

/* A failed check, on standard error: its name, what, why, the fix. */
static void print_failure(const char *mode, const char *name, const struct run_check_result *f) {
        fprintf(stderr, "goldctl run: %scheck %s failed: %s: %s\n  fix: %s\nnothing was run.\n", mode, name, f->what,
                f->message, f->fix);
}

static const char *service_check_name(int i) {
        return run_check_to_string((enum run_check) i);
}

static const char *unit_check_name(int i) {
        return run_unit_check_to_string((enum run_unit_check) i);
}

static void print_plan(const struct run_plan *p, const struct contract *c) {
        if (geteuid() == 0)
                printf("would run as %s:%s (and %s's groups), no_new_privs, in %s:\n", c->user, c->group, c->user,
                       p->cwd);
        else
                printf("would run as the caller (%s), no_new_privs, in %s:\n", c->user, p->cwd);
        for (size_t i = 0; p->argv && p->argv[i]; i++) {
                printf("  argv[%zu] ", i);
                print_quoted(stdout, p->argv[i]);
                putchar('\n');
        }
        printf("environment (nothing else is inherited):\n");
        STRV_FOREACH(e, p->envp) {
                size_t n = strcspn(*e, "=");
                printf("  %.*s=", (int) n, *e);
                if (run_env_is_secret(*e))
                        printf("(hidden: looks like a secret)\n");
                else {
                        print_quoted(stdout, *e + n + 1);
                        putchar('\n');
                }
        }
        STRV_FOREACH(n, p->notes)
                printf("note: %s\n", *n);
}

/* Closes every file descriptor above 2 (the script inherits nothing else). */
static int close_inherited(void) {
#ifdef SYS_close_range
        if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
                return 0;
#endif
        {
                DIR *d = opendir("/proc/self/fd");
                struct dirent *de;
                int keep;

                if (!d)
                        return -errno;
                keep = dirfd(d);
                while ((de = readdir(d))) {
                        unsigned fd;
                        if (safe_atou(de->d_name, &fd) < 0 || fd <= 2 || (int) fd == keep)
                                continue;
                        (void) close((int) fd);
                }
                closedir(d);
        }
        return 0;
}

/*
 * Who may run the wrapper, decided before any check (the checks would see
 * what another user sees): root, when the contract's user and group exist
 * and the user is not root; or the contract's user itself.
 */
static int check_caller(const struct contract *c) {
        const struct passwd *pw;

        if (geteuid() == 0) {
                pw = getpwnam(c->user);
                if (!pw)
                        return log_error("the contract's user %s does not exist", c->user), -ESRCH;
                if (pw->pw_uid == 0)
                        return log_error("the contract's user %s is root: the wrapper does not run scripts as root",
                                         c->user), -EPERM;
                if (!getgrnam(c->group))
                        return log_error("the contract's group %s does not exist", c->group), -ESRCH;
                return 0;
        }
        pw = getpwuid(geteuid());
        if (!pw || !streq(pw->pw_name, c->user))
                return log_error("run it as root or as %s (the contract's user), not as %s", c->user,
                                 pw ? pw->pw_name : "an unknown user"), -EPERM;
        return 0;
}

/* As root, with the supplementary groups already set: the group, then the
 * user, all three ids of each, read back and checked; root must not be
 * regainable. Both modes of the wrapper end their drop here. */
static int become(uid_t uid, gid_t gid, const char *user, const char *group) {
        uid_t ru, eu, su;
        gid_t rg, eg, sg;

        if (setresgid(gid, gid, gid) < 0)
                return log_error_errno(-errno, "cannot change to group %s", group);
        if (setresuid(uid, uid, uid) < 0)
                return log_error_errno(-errno, "cannot change to user %s", user);
        if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0 || ru != uid || eu != uid ||
            su != uid || rg != gid || eg != gid || sg != gid)
                return log_error("the user and group did not change as asked"), -EPERM;
        if (uid != 0 && setuid(0) == 0)
                return log_error("root could be regained after dropping it"), -EPERM;
        return 0;
}

/*
 * As root: the contract's user with its group and supplementary groups,
 * each verified. As anyone else: only the contract's user may run it (the
 * wrapper does not run a script as whoever happens to call it).
 */
static int drop_privileges(const struct contract *c) {
        if (geteuid() == 0) {
                const struct passwd *pw = getpwnam(c->user);
                const struct group *gr = getgrnam(c->group);
                uid_t uid;
                gid_t gid;
                int r;

                if (!pw)
                        return log_error("the contract's user %s does not exist", c->user), -ESRCH;
                if (!gr)
                        return log_error("the contract's group %s does not exist", c->group), -ESRCH;
                uid = pw->pw_uid;
                gid = gr->gr_gid;
                if (uid == 0)
                        return log_error("the contract's user %s is root: the wrapper does not run scripts as root",
                                         c->user), -EPERM;
                if (initgroups(c->user, gid) < 0)
                        return log_error_errno(-errno, "cannot set the supplementary groups of %s", c->user);
                r = become(uid, gid, c->user, c->group);
                if (r < 0)
                        return r;
        } else {
                int r = check_caller(c);
                if (r < 0)
                        return r;
        }
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return log_error_errno(-errno, "cannot set no_new_privs");
        return 0;
}

/* ---- --format json ---- */

/* A string as JSON: itself when valid UTF-8, else {"escaped": C-escaped}. */
static json_t *json_bytes(const char *v) {
        struct strbuf sb = STRBUF_INIT;
        json_t *j;

        if (utf8_is_valid(v))
                return json_string(v);
        cescape_append(&sb, v);
        j = json_pack("{s:s?}", "escaped", strbuf_str(&sb));
        strbuf_release(&sb);
        return j;
}

static json_t *checks_json(const struct run_check_result *checks, size_t n, const char *(*name)(int)) {
        static const char *const status[] = { "not-run", "ok", "failed" };
        json_t *a = json_array();

        for (size_t i = 0; a && i < n; i++)
                if (json_array_append_new(a, json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "check", name((int) i),
                                                       "status", status[checks[i].status], "what", checks[i].what,
                                                       "message", checks[i].message, "fix", checks[i].fix)) < 0)
                        return json_decref(a), NULL;
        return a;
}

static json_t *env_json(char **envp, char **origins) {
        json_t *a = json_array();
        size_t i = 0;

        STRV_FOREACH(e, envp) {
                size_t n = strcspn(*e, "=");
                _cleanup_free_ char *name = strndup(*e, n);
                bool hidden = run_env_is_secret(*e);
                json_t *o;

                if (!a || !name)
                        return json_decref(a), NULL;
                o = json_pack("{s:s, s:o, s:b}", "name", name, "value", hidden ? json_null() : json_bytes(*e + n + 1),
                              "hidden", hidden);
                if (o && origins && origins[i])
                        json_object_set_new(o, "origin", json_string(origins[i]));
                if (json_array_append_new(a, o) < 0)
                        return json_decref(a), NULL;
                i++;
        }
        return a;
}

static json_t *strv_json(char **l) {
        json_t *a = json_array();

        STRV_FOREACH(s, l)
                if (!a || json_array_append_new(a, json_bytes(*s)) < 0)
                        return json_decref(a), NULL;
        return a;
}

static int print_json(json_t *root) {
        if (!root) {
                log_error("out of memory");
                return -ENOMEM;
        }
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(root);
        return 0;
}

static int dry_run_service_json(const struct run_request *req, const struct run_plan *p, const struct contract *c,
                                int exit_code) {
        json_t *plan = json_null();

        if (p->failed < 0)
                plan = json_pack("{s:s, s:s, s:b, s:s, s:s, s:o, s:o, s:o}", "user", geteuid() == 0 ? c->user : "(the caller)",
                                 "group", geteuid() == 0 ? c->group : "(the caller's)", "no_new_privs", 1, "cwd", p->cwd,
                                 "program", p->python, "argv", strv_json(p->argv), "environment", env_json(p->envp, NULL),
                                 "notes", strv_json(p->notes));
        return print_json(json_pack("{s:s, s:s, s:s, s:o, s:o, s:i}", "mode", "service", "service", req->service,
                                    "script", req->script,
                                    "checks", checks_json(p->checks, _RUN_CHECK_MAX, service_check_name),
                                    "plan", plan, "exit", exit_code));
}

/* ---- --unit ---- */

static const char *user_label(const struct run_unit_plan *p) {
        return p->user ? p->user : "root";
}

static void print_unit_plan(const struct run_unit_plan *p) {
        printf("would run as %s (uid %u, gid %u", user_label(p), (unsigned) p->uid, (unsigned) p->gid);
        if (p->set_groups) {
                printf(", groups");
                for (size_t i = 0; i < p->n_groups; i++)
                        printf("%s%u", i ? "," : " ", (unsigned) p->groups[i]);
                if (p->n_groups == 0)
                        printf(" none");
        } else
                printf(", the caller's groups");
        printf("), umask %04o, no_new_privs, in %s%s:\n", (unsigned) p->umask, p->cwd,
               p->cwd_missing_ok ? " (or / if it is missing)" : "");
        printf("  program %s\n", p->program);
        for (size_t i = 0; p->argv && p->argv[i]; i++) {
                printf("  argv[%zu] ", i);
                print_quoted(stdout, p->argv[i]);
                putchar('\n');
        }
        printf("environment (nothing else is inherited), with where each value is set:\n");
        for (size_t i = 0; p->envp && p->envp[i]; i++) {
                const char *e = p->envp[i];
                size_t n = strcspn(e, "=");
                printf("  %.*s=", (int) n, e);
                if (run_env_is_secret(e))
                        printf("(hidden: looks like a secret)");
                else
                        print_quoted(stdout, e + n + 1);
                printf("  # %s\n", p->env_origins && p->env_origins[i] ? p->env_origins[i] : "?");
        }
        STRV_FOREACH(n, p->notes)
                printf("note: %s\n", *n);
}

static int dry_run_unit_json(const char *unit, const struct run_unit_plan *p, int exit_code) {
        json_t *plan = json_null();

        if (p->failed < 0) {
                json_t *groups = p->set_groups ? json_array() : json_null();
                char m[8];

                for (size_t i = 0; p->set_groups && groups && i < p->n_groups; i++)
                        json_array_append_new(groups, json_integer(p->groups[i]));
                snprintf(m, sizeof(m), "%04o", (unsigned) p->umask);
                plan = json_pack("{s:s, s:i, s:i, s:o, s:s, s:s, s:b, s:b, s:s, s:o, s:o, s:o}", "user", user_label(p),
                                 "uid", (int) p->uid, "gid", (int) p->gid, "groups", groups, "umask", m,
                                 "cwd", p->cwd, "cwd_missing_ok", p->cwd_missing_ok, "no_new_privs", 1,
                                 "program", p->program, "argv", strv_json(p->argv),
                                 "environment", env_json(p->envp, p->env_origins), "notes", strv_json(p->notes));
        }
        return print_json(json_pack("{s:s, s:s, s:o, s:o, s:i}", "mode", "unit", "unit", unit,
                                    "checks", checks_json(p->checks, _RUN_UNIT_CHECK_MAX, unit_check_name),
                                    "plan", plan, "exit", exit_code));
}

/* The manager's environment and its process's own (PassEnvironment=).
 * When the manager cannot be asked: systemd's default environment, said
 * in a note. */
static int manager_environments(char ***ret_env, char ***ret_process_env, char ***notes) {
        _cleanup_free_ char *err = NULL;
        char **env = NULL;
        int pid = 0, r;

        *ret_env = *ret_process_env = NULL;
        r = bus_manager_environment(&env, &pid, &err);
        if (r < 0) {
                struct strbuf sb = STRBUF_INIT;

                strbuf_addf(&sb, "the service manager could not be asked (%s): its environment is taken as "
                            "systemd's default, PATH=%s; variables it was given (systemctl set-environment, "
                            "/etc/locale.conf) and PassEnvironment= are missing", err ? err : strerror(-r),
                            RUN_UNIT_DEFAULT_PATH);
                if (strv_push(notes, strbuf_detach(&sb, NULL)) < 0 || strv_extend(&env, "PATH=" RUN_UNIT_DEFAULT_PATH) < 0)
                        return -ENOMEM;
                *ret_env = env;
                return 0;
        }
        *ret_env = env;
        if (pid > 0) {
                char path[64];
                _cleanup_free_ char *data = NULL;
                size_t size = 0;

                snprintf(path, sizeof(path), "/proc/%d/environ", pid);
                r = read_full_file(path, 16 * 1024 * 1024, &data, &size, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r >= 0)
                        for (size_t i = 0; i < size;) {
                                size_t n = strnlen(data + i, size - i);
                                if (n > 0 && strv_push(ret_process_env, strndup(data + i, n)) < 0)
                                        return -ENOMEM;
                                i += n + 1;
                        }
                else {
                        struct strbuf sb = STRBUF_INIT;
                        strbuf_addf(&sb, "the manager's own environment (%s) cannot be read (%s): "
                                    "PassEnvironment= passes nothing", path, strerror(-r));
                        if (strv_push(notes, strbuf_detach(&sb, NULL)) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}

static bool same_groups(const struct run_unit_plan *p) {
        _cleanup_free_ gid_t *mine = NULL;
        int n = getgroups(0, NULL);

        if (n < 0 || (size_t) n != p->n_groups)
                return false;
        mine = calloc((size_t) n + 1, sizeof(gid_t));
        if (!mine || getgroups(n, mine) != n)
                return false;
        for (size_t i = 0; i < p->n_groups; i++) {
                bool found = false;
                for (int j = 0; j < n && !found; j++)
                        found = mine[j] == p->groups[i];
                if (!found)
                        return false;
        }
        return true;
}

/* Not root: only a unit that runs as the caller, with the caller's groups
 * (checked before a dry run too: it does not pass where the run would not). */
static int unit_caller_allowed(const struct run_unit_plan *p) {
        if (geteuid() == 0 || (getuid() == p->uid && geteuid() == p->uid && getgid() == p->gid &&
                               getegid() == p->gid && (!p->set_groups || same_groups(p))))
                return 0;
        return log_error("the service runs as %s (uid %u, gid %u) with its own groups, not as the caller: "
                         "run this as root", user_label(p), (unsigned) p->uid, (unsigned) p->gid), -EPERM;
}

/* As root: the unit's groups, group and user, each verified. As anyone
 * else: only when the unit runs as the caller, with the caller's groups. */
static int unit_drop_privileges(const struct run_unit_plan *p) {
        if (geteuid() == 0) {
                char gid[32];
                int r;

                if (p->set_groups && setgroups(p->n_groups, p->groups) < 0)
                        return log_error_errno(-errno, "cannot set the supplementary groups");
                snprintf(gid, sizeof(gid), "%u", (unsigned) p->gid);
                r = become(p->uid, p->gid, user_label(p), gid);
                if (r < 0)
                        return r;
        } else if (unit_caller_allowed(p) < 0)
                return -EPERM;
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return log_error_errno(-errno, "cannot set no_new_privs");
        return 0;
}

static int run_unit(char **command) {
        _cleanup_strv_free_ char **manager_env = NULL, **process_env = NULL, **notes = NULL;
        struct unit_loader l = {};
        struct run_unit_plan plan = {};
        struct unit *u = NULL;
        int r;

        if (!unit_name_is_valid(arg_unit, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return run_usage_error("'%s' is not a unit name (a template needs an instance: name@instance.service)",
                                       arg_unit);
        r = unit_loader_init(&l, NULL, arg_unit_path);
        if (r < 0) {
                log_error_errno(r, "cannot set up the unit search path");
                return RUN_EXIT_USAGE;
        }
        r = unit_loader_load(&l, arg_unit, &u);
        if (r < 0) {
                log_error_errno(r, "cannot load %s", arg_unit);
                unit_loader_release(&l);
                return RUN_EXIT_UNIT_CHECK_BASE + RUN_UNIT_CHECK_UNIT;
        }
        r = manager_environments(&manager_env, &process_env, &notes);
        if (r >= 0) {
                struct run_unit_request req = {
                        .u = u,
                        .manager_env = manager_env,
                        .manager_process_env = process_env,
                        .command = command,
                };
                r = run_unit_plan_build(&req, &plan);
        }
        unit_loader_release(&l);
        if (r < 0) {
                log_error_errno(r, "out of memory");
                run_unit_plan_release(&plan);
                return RUN_EXIT_START;
        }
        if (strv_extend_strv(&plan.notes, notes) < 0) {
                run_unit_plan_release(&plan);
                return log_error_errno(-ENOMEM, "out of memory"), RUN_EXIT_START;
        }
        r = plan.failed < 0 ? EXIT_OK : RUN_EXIT_UNIT_CHECK_BASE + plan.failed;
        if (r == EXIT_OK && arg_dry_run && unit_caller_allowed(&plan) < 0)
                r = RUN_EXIT_START;
        if (arg_dry_run) {
                if (arg_json) {
                        if (dry_run_unit_json(arg_unit, &plan, r) < 0)
                                r = RUN_EXIT_START;     /* nothing was printed: never 0 */
                } else {
                        printf("goldctl run --unit %s (dry run):\n", arg_unit);
                        print_checks(stdout, plan.checks, _RUN_UNIT_CHECK_MAX, unit_check_name, 17);
                        if (r == EXIT_OK)
                                print_unit_plan(&plan);
                }
                run_unit_plan_release(&plan);
                return r;
        }
        if (plan.failed >= 0) {
                _cleanup_free_ char *mode = NULL;
                struct strbuf sb = STRBUF_INIT;

                strbuf_addf(&sb, "--unit %s: ", arg_unit);
                mode = strbuf_detach(&sb, NULL);
                print_failure(mode ? mode : "", unit_check_name(plan.failed), &plan.checks[plan.failed]);
                run_unit_plan_release(&plan);
                return r;
        }
        STRV_FOREACH(n, plan.notes)
                fprintf(stderr, "goldctl run: note: %s\n", *n);
        fflush(stdout);
        fflush(stderr);
        bus_close();
        umask(plan.umask);
        if (unit_drop_privileges(&plan) < 0 || close_inherited() < 0) {
                run_unit_plan_release(&plan);
                return RUN_EXIT_START;
        }
        /* as systemd: from /, into the working directory as the service's user */
        if (chdir("/") < 0 || (chdir(plan.cwd) < 0 && !plan.cwd_missing_ok)) {
                log_error_errno(-errno, "cannot change to %s as %s", plan.cwd, user_label(&plan));
                run_unit_plan_release(&plan);
                return RUN_EXIT_UNIT_CHECK_BASE + RUN_UNIT_CHECK_WORKING_DIRECTORY;
        }
        execve(plan.program, plan.argv, plan.envp);
        log_error_errno(-errno, "cannot execute %s", plan.program);
        run_unit_plan_release(&plan);
        return RUN_EXIT_START;
}

static int split_path(const char *s) {
        for (const char *p = s;;) {
                size_t n = strcspn(p, ":");
                if (n > 0) {
                        char *d = strndup(p, n);
                        if (!d || strv_push(&arg_unit_path, d) < 0) {
                                free(d);
                                return -ENOMEM;
                        }
                        if (d[0] != '/')
                                return -EINVAL;
                }
                if (p[n] == '\0')
                        return 0;
                p += n + 1;
        }
}

int cmd_run(int argc, char **argv) {
        enum { ARG_CONTRACT = 0x100, ARG_DRY_RUN, ARG_REDIS_TIMEOUT, ARG_FORMAT, ARG_UNIT, ARG_UNIT_PATH };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "contract", required_argument, NULL, ARG_CONTRACT },
                { "dry-run", no_argument, NULL, ARG_DRY_RUN },
                { "redis-timeout", required_argument, NULL, ARG_REDIS_TIMEOUT },
                { "format", required_argument, NULL, ARG_FORMAT },
                { "unit", required_argument, NULL, ARG_UNIT },
                { "unit-path", required_argument, NULL, ARG_UNIT_PATH },
                {}
        };
        _cleanup_(contract_freep) struct contract *c = NULL;
        struct run_request req = {};
        struct run_plan plan = {};
        bool redis_timeout_set = false;
        int ch, r;

        arg_contract = NULL;
        arg_dry_run = arg_json = false;
        arg_redis_timeout_ms = 1000;
        arg_unit = NULL;
        arg_unit_path = strv_free(arg_unit_path);
        optind = 0;
        opterr = 0;
        /* "+": options end at SERVICE (or COMMAND), so the script's own options pass through */
        while ((ch = getopt_long(argc, argv, "+h", options, NULL)) >= 0)
                switch (ch) {
                case 'h':
                        return help();
                case ARG_CONTRACT:
                        arg_contract = optarg;
                        break;
                case ARG_DRY_RUN:
                        arg_dry_run = true;
                        break;
                case ARG_REDIS_TIMEOUT:
                        if (safe_atou(optarg, &arg_redis_timeout_ms) < 0 || arg_redis_timeout_ms == 0 ||
                            arg_redis_timeout_ms > 600000)
                                return run_usage_error("--redis-timeout: '%s' is not a number of milliseconds "
                                                       "(1 to 600000)", optarg);
                        redis_timeout_set = true;
                        break;
                case ARG_FORMAT:
                        if (streq(optarg, "json"))
                                arg_json = true;
                        else if (!streq(optarg, "text"))
                                return run_usage_error("unknown format '%s' (use text or json)", optarg);
                        break;
                case ARG_UNIT:
                        arg_unit = optarg;
                        break;
                case ARG_UNIT_PATH:
                        r = split_path(optarg);
                        if (r == -ENOMEM)
                                return log_error_errno(r, "out of memory"), RUN_EXIT_USAGE;
                        if (r < 0)
                                return run_usage_error("--unit-path: '%s' is not a list of absolute paths", optarg);
                        break;
                default:
                        return run_usage_error("unknown option or missing value: '%s'", argv[optind - 1]);
                }
        if (arg_json && !arg_dry_run)
                return run_usage_error("--format applies to --dry-run (a real run prints only the program's output)");
        if (arg_unit) {
                if (arg_contract || redis_timeout_set)
                        return run_usage_error("--contract and --redis-timeout are for SERVICE SCRIPT, not --unit");
                if (argc - optind < 1)
                        return run_usage_error("give the command: goldctl run --unit UNIT -- COMMAND [ARGS...]");
                if (isempty(argv[optind]))
                        return run_usage_error("COMMAND is empty");
                r = run_unit(argv + optind);
                arg_unit_path = strv_free(arg_unit_path);
                return r;
        }
        if (arg_unit_path)
                return run_usage_error("--unit-path needs --unit");
        if (argc - optind < 2)
                return run_usage_error("give SERVICE and SCRIPT (goldctl run ai-engine "
                                       "ops/model_safety/quality_gate.py)");
        if (!run_service_name_is_valid(argv[optind]))
                return run_usage_error("'%s' is not a service name (letters, digits, '-', '_', '.')", argv[optind]);
        if (isempty(argv[optind + 1]))
                return run_usage_error("SCRIPT is empty");

        r = cmd_load_contract(NULL, arg_contract, &c);
        if (r < 0) {
                log_error("the contract is not valid, nothing was run");
                return RUN_EXIT_USAGE;
        }

        /* before any check: the checks would see what another user sees */
        if (check_caller(c) < 0)
                return RUN_EXIT_START;

        req = (struct run_request) {
                .c = c,
                .service = argv[optind],
                .script = argv[optind + 1],
                .args = argv + optind + 2,
                .redis_timeout_ms = arg_redis_timeout_ms,
                .redis_ping = redis_ping_backend,
        };
        r = run_plan_build(&req, &plan);
        if (r < 0) {
                log_error_errno(r, "out of memory");
                run_plan_release(&plan);
                return RUN_EXIT_START;
        }
        if (arg_dry_run) {
                r = plan.failed < 0 ? EXIT_OK : RUN_EXIT_CHECK_BASE + plan.failed;
                if (arg_json) {
                        if (dry_run_service_json(&req, &plan, c, r) < 0)
                                r = RUN_EXIT_START;     /* nothing was printed: never 0 */
                } else {
                        printf("goldctl run %s %s (dry run):\n", req.service, req.script);
                        print_checks(stdout, plan.checks, _RUN_CHECK_MAX, service_check_name, 9);
                        if (plan.failed < 0)
                                print_plan(&plan, c);
                }
                run_plan_release(&plan);
                return r;
        }
        if (plan.failed >= 0) {
                print_failure("", service_check_name(plan.failed), &plan.checks[plan.failed]);
                r = RUN_EXIT_CHECK_BASE + plan.failed;
                run_plan_release(&plan);
                return r;
        }
        STRV_FOREACH(n, plan.notes)
                fprintf(stderr, "goldctl run: note: %s\n", *n);
        fflush(stdout);
        fflush(stderr);
        if (drop_privileges(c) < 0 || close_inherited() < 0) {
                run_plan_release(&plan);
                return RUN_EXIT_START;
        }
        if (chdir(plan.cwd) < 0) {
                log_error_errno(-errno, "cannot change to %s", plan.cwd);
                run_plan_release(&plan);
                return RUN_EXIT_START;
        }
        execve(plan.python, plan.argv, plan.envp);
        log_error_errno(-errno, "cannot execute %s", plan.python);
        run_plan_release(&plan);
        return RUN_EXIT_START;
}
