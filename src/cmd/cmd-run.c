/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cmd.h"
#include "contract.h"
#include "escape.h"
#include "log.h"
#include "parse-util.h"
#include "redis.h"
#include "run.h"
#include "strbuf.h"
#include "strv.h"

static char *arg_contract;
static unsigned arg_redis_timeout_ms;
static bool arg_dry_run;

static int help(void) {
        printf("Usage: goldctl run [OPTIONS] SERVICE SCRIPT [ARGS...]\n"
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
               "Options (before SERVICE):\n"
               "  -h --help              show this help\n"
               "     --dry-run           print every check, and the program, arguments and\n"
               "                         environment it would run (secrets hidden); run nothing\n"
               "     --contract=FILE     read FILE over the built-in contract (keys it leaves\n"
               "                         out keep their built-in values), then FILE.d/*.conf\n"
               "     --redis-timeout=MS  how long Redis has to answer PING (default 1000)\n"
               "\n"
               "Exit status: the script's own, once it runs; before that 0 (--dry-run,\n"
               "every check passed), 100 bad usage or contract, 101 repo-root, 102 venv,\n"
               "103 env-file, 104 script, 105 redis, 106 database, 107 data-dir, 108 the\n"
               "script could not be started. See goldctl-run(1).\n");
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

static void print_checks(FILE *f, const struct run_plan *p) {
        for (int i = 0; i < _RUN_CHECK_MAX; i++) {
                const struct run_check_result *c = &p->checks[i];
                const char *name = run_check_to_string((enum run_check) i);

                switch (c->status) {
                case RUN_STATUS_OK:
                        fprintf(f, "  ok      %-9s %s: %s\n", name, c->what, c->message);
                        break;
                case RUN_STATUS_FAILED:
                        fprintf(f, "  FAILED  %-9s %s: %s\n", name, c->what, c->message);
                        fprintf(f, "          fix: %s\n", c->fix);
                        break;
                case RUN_STATUS_PENDING:
                        fprintf(f, "  -       %-9s not checked: an earlier check failed\n", name);
                        break;
                }
        }
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

/*
 * As root: the contract's user with its group and supplementary groups,
 * each verified. As anyone else: only the contract's user may run it (the
 * wrapper does not run a script as whoever happens to call it).
 */
static int drop_privileges(const struct contract *c) {
        if (geteuid() == 0) {
                const struct passwd *pw = getpwnam(c->user);
                const struct group *gr = getgrnam(c->group);
                uid_t ru, eu, su, uid;
                gid_t rg, eg, sg, gid;

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
                if (setresgid(gid, gid, gid) < 0)
                        return log_error_errno(-errno, "cannot change to group %s", c->group);
                if (setresuid(uid, uid, uid) < 0)
                        return log_error_errno(-errno, "cannot change to user %s", c->user);
                if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0 || ru != uid || eu != uid ||
                    su != uid || rg != gid || eg != gid || sg != gid)
                        return log_error("the user and group did not change as asked"), -EPERM;
                if (setuid(0) == 0)
                        return log_error("root could be regained after dropping it"), -EPERM;
        } else {
                int r = check_caller(c);
                if (r < 0)
                        return r;
        }
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return log_error_errno(-errno, "cannot set no_new_privs");
        return 0;
}

int cmd_run(int argc, char **argv) {
        enum { ARG_CONTRACT = 0x100, ARG_DRY_RUN, ARG_REDIS_TIMEOUT };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "contract", required_argument, NULL, ARG_CONTRACT },
                { "dry-run", no_argument, NULL, ARG_DRY_RUN },
                { "redis-timeout", required_argument, NULL, ARG_REDIS_TIMEOUT },
                {}
        };
        _cleanup_(contract_freep) struct contract *c = NULL;
        struct run_request req = {};
        struct run_plan plan = {};
        int ch, r;

        arg_contract = NULL;
        arg_dry_run = false;
        arg_redis_timeout_ms = 1000;
        optind = 0;
        opterr = 0;
        /* "+": options end at SERVICE, so the script's own options pass through */
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
                        break;
                default:
                        return run_usage_error("unknown option or missing value: '%s'", argv[optind - 1]);
                }
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
                printf("goldctl run %s %s (dry run):\n", req.service, req.script);
                print_checks(stdout, &plan);
                if (plan.failed < 0)
                        print_plan(&plan, c);
                r = plan.failed < 0 ? EXIT_OK : RUN_EXIT_CHECK_BASE + plan.failed;
                run_plan_release(&plan);
                return r;
        }
        if (plan.failed >= 0) {
                const struct run_check_result *f = &plan.checks[plan.failed];
                fprintf(stderr, "goldctl run: check %s failed: %s: %s\n  fix: %s\nnothing was run.\n",
                        run_check_to_string((enum run_check) plan.failed), f->what, f->message, f->fix);
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
