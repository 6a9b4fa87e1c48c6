/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <getopt.h>
#include <sys/stat.h>
#include <time.h>

#include "audit.h"
#include "bus.h"
#include "cmd.h"
#include "config.h"
#include "contract.h"
#include "fileio.h"
#include "git.h"
#include "log.h"
#include "path-util.h"
#include "redis.h"
#include "report.h"
#include "rule-docs.h"
#include "strbuf.h"
#include "strv.h"

static char *arg_root;
static char **arg_unit_path;
static char *arg_contract;
static char *arg_output;
static enum report_format arg_format;
static enum severity arg_fail_on;
static int arg_live;    /* -1: default (live host only), 0: --no-live, 1: --live */
static bool arg_repo, arg_show_suppressed, arg_root_contract;

static void reset(void) {
        free(arg_root);
        arg_root = NULL;
        arg_unit_path = strv_free(arg_unit_path);
        free(arg_contract);
        arg_contract = NULL;
        free(arg_output);
        arg_output = NULL;
        arg_format = REPORT_TEXT;
        arg_fail_on = SEVERITY_WARNING;
        arg_live = -1;
        arg_repo = true;
        arg_show_suppressed = false;
        arg_root_contract = false;
}

static int help(void) {
        printf("Usage: goldctl audit [OPTIONS]\n"
               "       goldctl audit --explain ID\n"
               "       goldctl audit --list-rules [--format json]\n"
               "\n"
               "Check a host against the golden contract: every service unit with the\n"
               "contract's prefix (read exactly as systemd reads it), its env file, venv,\n"
               "the data and model directories, the repository, and (on the live host)\n"
               "Redis and the systemd manager. Every finding names a rule, the file and the\n"
               "line, and how to fix it.\n"
               "\n"
               "Options:\n"
               "  -h --help              show this help\n"
               "     --root=DIR          audit an offline tree: every path of the contract is\n"
               "                         read under DIR, users and groups from DIR/etc; paths\n"
               "                         are printed as on that host; no live checks\n"
               "     --unit-path=DIRS    read units from these directories (colon-separated)\n"
               "     --contract=FILE     read FILE over the built-in contract (keys it leaves\n"
               "                         out keep their built-in values), then FILE.d/*.conf\n"
               "     --root-contract     with --root: read the tree's own contract drop-ins\n"
               "                         (DIR/etc/goldctl/contract.d); an audited tree does\n"
               "                         not decide its own contract unless you trust it\n"
               "     --format=FORMAT     text (default), json, sarif or prometheus\n"
               "  -o --output=FILE       write the report to FILE atomically (for a\n"
               "                         node_exporter textfile, a CI artifact)\n"
               "     --fail-on=SEVERITY  error, warning (default) or info: the lowest\n"
               "                         severity that makes the audit fail\n"
               "     --no-live           skip the live checks (Redis PING, the manager)\n"
               "     --live              run the live checks with --root too (the tree is\n"
               "                         this host's, or a copy of it)\n"
               "     --no-repo           skip the repository checks\n"
               "     --show-suppressed   text: list suppressed findings too\n"
               "     --explain=ID        print a rule's page, with examples, and exit\n"
               "     --list-rules        print every rule and exit\n"
               "\n"
               "Suppress a finding with a comment on the line above it,\n"
               "  # goldctl: ignore=QTU001 the reason\n"
               "or in the contract ([Suppress] Ignore=ID PATH[:LINE] reason).\n"
               "\n"
               "Exit status: 0 compliant; 1 violations at or above --fail-on; 2 the audit\n"
               "could not run (bad contract, unreadable root, bad usage; with --format\n"
               "prometheus and --output, FILE then says goldctl_audit_success 0).\n"
               "See goldctl-audit(1).\n");
        return EXIT_OK;
}

static int explain(const char *id) {
        const struct rule *r = rule_find(id);
        const char *doc;

        if (!r) {
                log_error("no rule '%s' (see 'goldctl audit --list-rules')", id);
                return EXIT_USAGE;
        }
        doc = rule_doc_find(r->id);
        if (doc)
                fputs(doc, stdout);
        else
                printf("%s %s (%s)\n\n%s\n\nWhy: %s\nFix: %s\nSeed: %s\n", r->id, r->name,
                       severity_to_string(r->severity), r->summary, r->rationale, r->fix, r->seed);
        return EXIT_OK;
}

static int live_redis(const char *host, unsigned port, unsigned timeout_ms, char **ret_error) {
        return redis_ping(host, port, timeout_ms, ret_error);
}

static int live_unit(const char *unit, char **ret_state, bool *ret_need_reload, char **ret_error) {
        return bus_unit_load_state(unit, ret_state, ret_need_reload, ret_error);
}

static int emit(const char *text, size_t len) {
        const char *step = NULL;
        int r;

        if (!arg_output) {
                fwrite(text, 1, len, stdout);
                return fflush(stdout) == 0 ? 0 : -errno;
        }
        r = write_file_atomic(arg_output, text, len, 0644, &step);
        if (r < 0)
                return log_error_errno(r, "cannot write '%s' (step %s)", arg_output, strna(step));
        return 0;
}

/* The audit cannot run (exit 2): a node_exporter textfile must not keep the
 * last good run's values, so it is replaced by one that says so. The error
 * itself has been logged. */
static void emit_failed(void) {
        _cleanup_strbuf_ struct strbuf out = STRBUF_INIT;

        if (arg_format != REPORT_PROMETHEUS || !arg_output)
                return;
        if (report_prometheus_failed((long long) time(NULL), &out) < 0) {
                log_error("out of memory");
                return;
        }
        (void) emit(strbuf_str(&out), out.len);
}

/* The contract file as on the audited host, for SARIF locations: the file
 * itself on the live host, or its place under --root when it lies there;
 * NULL otherwise (it is not a file of the host). */
static char *contract_host_path(void) {
        _cleanup_free_ char *file = NULL, *root = NULL;
        const char *rel;

        if (!arg_contract)
                return NULL;
        file = realpath(arg_contract, NULL);
        if (!file || !arg_root)
                return TAKE_PTR(file);
        root = realpath(arg_root, NULL);
        rel = root ? path_startswith(file, root) : NULL;
        if (!rel || !*rel)
                return NULL;
        return path_join("/", rel);
}

static int run(void) {
        _cleanup_(contract_freep) struct contract *c = NULL;
        static const struct audit_live live = { .redis_ping = live_redis, .unit_load_state = live_unit };
        struct audit_options o = {
                .root = arg_root,
                .unit_path = arg_unit_path,
                .live = arg_live == 1 || (arg_live < 0 && !arg_root) ? &live : NULL,
                .scan_repository = arg_repo,
                .repo_ls_files = git_ls_files,
        };
        struct report_options ro = {
                .format = arg_format,
                .color = arg_format == REPORT_TEXT && !arg_output && use_color(stdout),
                .show_suppressed = arg_show_suppressed,
                .fail_on = arg_fail_on,
                .root = arg_root,
                .now = (long long) time(NULL),
                .version = GOLDCTL_VERSION,
        };
        struct audit a = {};
        _cleanup_strbuf_ struct strbuf out = STRBUF_INIT;
        _cleanup_free_ char *contract_path = NULL;
        int r, rc;

        /* an offline tree does not decide its own contract (it could forgive
         * itself everything) unless the operator says it is theirs */
        if (arg_root && !arg_contract && !arg_root_contract)
                r = cmd_load_builtin_contract(&c);
        else
                r = cmd_load_contract(arg_contract ? NULL : arg_root, arg_contract, &c);
        if (r < 0) {
                log_error("the contract is not valid, nothing was audited");
                emit_failed();
                return EXIT_USAGE;
        }

        if (arg_root && !arg_contract && !arg_root_contract) {
                _cleanup_free_ char *dropins = path_join(arg_root, "etc/goldctl/contract.d");
                struct stat st;

                if (!dropins)
                        return log_error_errno(-ENOMEM, "out of memory"), EXIT_USAGE;
                if (lstat(dropins, &st) >= 0)
                        o.untrusted_note = "the tree's own contract drop-ins (/etc/goldctl/contract.d): an audited tree "
                                           "does not decide its own contract (--root-contract reads them)";
        }
        r = audit_run(&a, c, &o);
        if (r < 0) {
                log_error_errno(r, "cannot audit %s", arg_root ? arg_root : "this host");
                audit_release(&a);
                bus_close();
                emit_failed();
                return EXIT_USAGE;
        }
        if (arg_format == REPORT_SARIF)
                ro.contract_path = contract_path = contract_host_path();
        r = report_write(&a, &ro, &out);
        if (r >= 0)
                r = emit(strbuf_str(&out), out.len);
        rc = r < 0 ? EXIT_USAGE : report_has_violations(&a, arg_fail_on) ? EXIT_FINDINGS : EXIT_OK;
        if (r < 0 && r == -ENOMEM)
                log_error("out of memory");
        audit_release(&a);
        bus_close();
        return rc;
}

int cmd_audit(int argc, char **argv) {
        enum { ARG_ROOT = 0x100, ARG_UNIT_PATH, ARG_CONTRACT, ARG_FORMAT, ARG_FAIL_ON, ARG_NO_LIVE, ARG_LIVE, ARG_NO_REPO,
               ARG_SHOW_SUPPRESSED, ARG_EXPLAIN, ARG_LIST_RULES, ARG_ROOT_CONTRACT };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "root", required_argument, NULL, ARG_ROOT },
                { "unit-path", required_argument, NULL, ARG_UNIT_PATH },
                { "contract", required_argument, NULL, ARG_CONTRACT },
                { "root-contract", no_argument, NULL, ARG_ROOT_CONTRACT },
                { "format", required_argument, NULL, ARG_FORMAT },
                { "output", required_argument, NULL, 'o' },
                { "fail-on", required_argument, NULL, ARG_FAIL_ON },
                { "no-live", no_argument, NULL, ARG_NO_LIVE },
                { "live", no_argument, NULL, ARG_LIVE },
                { "no-repo", no_argument, NULL, ARG_NO_REPO },
                { "show-suppressed", no_argument, NULL, ARG_SHOW_SUPPRESSED },
                { "explain", required_argument, NULL, ARG_EXPLAIN },
                { "list-rules", no_argument, NULL, ARG_LIST_RULES },
                {}
        };
        const char *explain_id = NULL;
        bool list_rules = false;
        int c, r, rc;

        reset();
        optind = 0;
        opterr = 0;
        while ((c = getopt_long(argc, argv, "ho:", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        reset();
                        return help();
                case ARG_ROOT:
                        free(arg_root);
                        arg_root = strdup(optarg);
                        break;
                case ARG_UNIT_PATH:
                        for (const char *p = optarg;;) {
                                size_t n = strcspn(p, ":");
                                if (n > 0) {
                                        char *d = strndup(p, n);
                                        if (!d || d[0] != '/' || strv_push(&arg_unit_path, d) < 0) {
                                                free(d);
                                                reset();
                                                return usage_error("audit ", "--unit-path: give absolute directories");
                                        }
                                }
                                if (!p[n])
                                        break;
                                p += n + 1;
                        }
                        break;
                case ARG_CONTRACT:
                        free(arg_contract);
                        arg_contract = strdup(optarg);
                        break;
                case ARG_ROOT_CONTRACT:
                        arg_root_contract = true;
                        break;
                case ARG_FORMAT:
                        r = report_format_from_string(optarg);
                        if (r < 0) {
                                reset();
                                return usage_error("audit ", "unknown format '%s' (use text, json, sarif or prometheus)", optarg);
                        }
                        arg_format = r;
                        break;
                case 'o':
                        free(arg_output);
                        arg_output = strdup(optarg);
                        break;
                case ARG_FAIL_ON:
                        r = severity_from_string(optarg);
                        if (r < 0) {
                                reset();
                                return usage_error("audit ", "--fail-on: '%s' is not error, warning or info", optarg);
                        }
                        arg_fail_on = r;
                        break;
                case ARG_NO_LIVE:
                        arg_live = 0;
                        break;
                case ARG_LIVE:
                        arg_live = 1;
                        break;
                case ARG_NO_REPO:
                        arg_repo = false;
                        break;
                case ARG_SHOW_SUPPRESSED:
                        arg_show_suppressed = true;
                        break;
                case ARG_EXPLAIN:
                        explain_id = optarg;
                        break;
                case ARG_LIST_RULES:
                        list_rules = true;
                        break;
                default:
                        reset();
                        if (optopt > 0 && optopt < 0x80 && isalpha(optopt))
                                return usage_error("audit ", "unknown option or missing value: '-%c'", optopt);
                        return usage_error("audit ", "unknown option or missing value: '%s'", argv[optind - 1]);
                }
        if (optind < argc) {
                reset();
                return usage_error("audit ", "unexpected argument '%s'", argv[optind]);
        }
        if (arg_root_contract && (!arg_root || arg_contract)) {
                reset();
                return usage_error("audit ", "--root-contract reads the drop-ins of a --root tree, and not with --contract");
        }
        if (explain_id) {
                rc = explain(explain_id);
                reset();
                return rc;
        }
        if (list_rules) {
                _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
                r = report_rules(arg_format, &sb);
                if (r >= 0)
                        fwrite(strbuf_str(&sb), 1, sb.len, stdout);
                reset();
                return r < 0 ? EXIT_USAGE : EXIT_OK;
        }
        if (arg_root) {
                struct stat st;
                int err = stat(arg_root, &st) < 0 ? errno : !S_ISDIR(st.st_mode) ? ENOTDIR : 0;

                if (err != 0) {
                        log_error("--root '%s' is not a directory: %s", arg_root, strerror(err));
                        emit_failed();
                        reset();
                        return EXIT_USAGE;
                }
        }
        rc = run();
        reset();
        return rc;
}
