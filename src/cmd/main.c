/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <getopt.h>
#include <stdarg.h>

#include "cmd.h"
#include "contract.h"
#include "config.h"
#include "log.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"

static const struct cmd_entry commands[] = {
        { "audit", "check a host against the golden contract, every rule explained", cmd_audit, EXIT_USAGE },
        { "contract", "print the effective contract", cmd_contract, EXIT_USAGE },
        { "run", "run an ops script through the fail-closed wrapper", cmd_run, RUN_EXIT_START },
        { "gate", "the model quality gate over the prediction telemetry", cmd_gate, 3 },
        { "scoreboard", "every model GO, WAIT or NO-GO, and the ensemble's agreement", cmd_scoreboard, 3 },
        { "telemetry", "export the prediction telemetry as JSON lines", cmd_telemetry, 3 },
        { "unit", "read units exactly as systemd 252 does: show, cat, verify", cmd_unit, EXIT_USAGE },
        { "env", "read environment files exactly as systemd does", cmd_env, EXIT_USAGE },
};

/* A command's status, unless what it printed could not be written: then
 * never 0 (a report that went nowhere is not a success). */
static int finish(const struct cmd_entry *c, int r) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
                log_error("cannot write to standard output: %s", errno ? strerror(errno) : "write error");
                return r == 0 ? c->write_error_status : r;
        }
        return r;
}

int usage_error(const char *cmd, const char *fmt, ...) {
        va_list ap;

        fprintf(stderr, "goldctl: ");
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, "\nSee 'goldctl %s--help'.\n", cmd ? cmd : "");
        return EXIT_USAGE;
}

/*
 * A contract decides what the audit forgives, which user a script runs as and
 * where the gate writes: a careless root must not take it from a file the
 * service user can write. The file, its drop-in directory, every .conf in it
 * and every directory above them belong to root (or to the user running
 * goldctl) and nobody else can write them; otherwise the contract is refused.
 * Returns 0, or -EPERM after saying why.
 */
static int check_contract_trusted(const char *path, bool must_exist) {
        _cleanup_free_ char *resolved = NULL, *why = NULL;
        int r;

        r = path_check_trusted(path, geteuid(), &resolved, &why);
        if (r == -ENOENT && !must_exist)
                return 0;
        if (r < 0)
                return log_error_errno(r, "cannot examine the contract %s", path);
        if (r == 0) {
                log_error("refusing the contract %s: %s: anyone who can change it decides what goldctl checks "
                          "and forgives", path, why);
                return -EPERM;
        }
        return 0;
}

static int check_contract_dropins_trusted(const char *dir) {
        _cleanup_strv_free_ char **names = NULL;
        DIR *d;
        struct dirent *de;
        int r;

        r = check_contract_trusted(dir, false);
        if (r < 0)
                return r;
        d = opendir(dir);
        if (!d)
                return 0;       /* missing or unreadable: contract_load() says which */
        while ((de = readdir(d)))
                if (de->d_name[0] != '.' && endswith(de->d_name, ".conf") && strv_extend(&names, de->d_name) < 0) {
                        closedir(d);
                        return log_error_errno(-ENOMEM, "out of memory");
                }
        closedir(d);
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *p = path_join(dir, *n);

                if (!p)
                        return log_error_errno(-ENOMEM, "out of memory");
                r = check_contract_trusted(p, false);
                if (r < 0)
                        return r;
        }
        return 0;
}

int cmd_load_contract(const char *root, const char *file, struct contract **ret) {
        _cleanup_(contract_freep) struct contract *c = NULL;
        struct diag_list diags = DIAG_LIST_INIT;
        int r;

        /* the host's own files are checked; a trusted tree's (--root-contract) have its owners, not ours */
        if (file) {
                struct strbuf sb = STRBUF_INIT;
                _cleanup_free_ char *dropins = (strbuf_addf(&sb, "%s.d", file), strbuf_detach(&sb, NULL));

                if (!dropins)
                        return log_error_errno(-ENOMEM, "out of memory");
                r = check_contract_trusted(file, false);
                if (r >= 0)
                        r = check_contract_dropins_trusted(dropins);
                if (r < 0)
                        return r;
        } else if (!root) {
                r = check_contract_dropins_trusted("/etc/goldctl/contract.d");
                if (r < 0)
                        return r;
        }
        r = contract_new_default(&c);
        if (r >= 0)
                /* a file's values replace the built-in ones it sets; without one, the host's drop-ins */
                r = contract_load(c, file ? NULL : root, file, &diags);
        for (size_t i = 0; i < diags.n; i++)
                fprintf(stderr, "%s:%u: %s: %s\n", strempty(diags.items[i].file), diags.items[i].line,
                        diag_level_to_string(diags.items[i].level), diags.items[i].message);
        diag_list_release(&diags);
        if (r == -ENOMEM)
                return log_error_errno(r, "out of memory");
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}

int cmd_load_builtin_contract(struct contract **ret) {
        _cleanup_(contract_freep) struct contract *c = NULL;
        int r;

        r = contract_new_default(&c);
        if (r < 0)
                return log_error_errno(r, "out of memory");
        *ret = TAKE_PTR(c);
        return 0;
}

int parse_format(const char *cmd, const char *s, enum output_format *ret) {
        if (streq(s, "text"))
                *ret = FORMAT_TEXT;
        else if (streq(s, "json"))
                *ret = FORMAT_JSON;
        else
                return usage_error(cmd, "unknown format '%s' (use text or json)", s);
        return 0;
}

static void help(void) {
        printf("Usage: goldctl [--version] [--help] COMMAND [ARGS...]\n\n"
               "goldctl checks and operates a fleet of Python services under systemd\n"
               "against a golden contract, reading unit files exactly as systemd does.\n\n"
               "Commands:\n");
        for (size_t i = 0; i < ELEMENTSOF(commands); i++)
                printf("  %-8s %s\n", commands[i].name, commands[i].summary);
        printf("\nRun 'goldctl COMMAND --help' for a command's options; see goldctl(1).\n"
               "Exit status: 0 success, 1 problems found, 2 bad usage or unreadable input.\n");
}

/* Levenshtein distance, for "did you mean". */
static size_t distance(const char *a, const char *b) {
        size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

        if (la >= 63 || lb >= 63)
                return SIZE_MAX;
        for (size_t j = 0; j <= lb; j++)
                prev[j] = j;
        for (size_t i = 1; i <= la; i++) {
                cur[0] = i;
                for (size_t j = 1; j <= lb; j++) {
                        size_t del = prev[j] + 1, ins = cur[j - 1] + 1, sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
                        cur[j] = MIN(MIN(del, ins), sub);
                }
                memcpy(prev, cur, sizeof(size_t) * (lb + 1));
        }
        return prev[lb];
}

int main(int argc, char **argv) {
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "version", no_argument, NULL, 'V' },
                {}
        };
        int c;

        log_set_program_name("goldctl");
        /* Stop at the first non-option: the rest belongs to the command. */
        while ((c = getopt_long(argc, argv, "+hV", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        help();
                        return EXIT_OK;
                case 'V':
                        printf("goldctl %s\n", GOLDCTL_VERSION);
                        return EXIT_OK;
                default:
                        fprintf(stderr, "See 'goldctl --help'.\n");
                        return EXIT_USAGE;
                }

        if (optind >= argc) {
                help();
                return EXIT_USAGE;
        }
        if (streq(argv[optind], "help")) {
                if (optind + 1 < argc) {
                        char *sub[] = { argv[optind + 1], (char *) "--help", NULL };
                        for (size_t i = 0; i < ELEMENTSOF(commands); i++)
                                if (streq(commands[i].name, argv[optind + 1]))
                                        return finish(&commands[i], commands[i].run(2, sub));
                }
                help();
                return EXIT_OK;
        }
        for (size_t i = 0; i < ELEMENTSOF(commands); i++)
                if (streq(commands[i].name, argv[optind])) {
                        int first = optind;

                        optind = 0; /* reset getopt for the subcommand */
                        return finish(&commands[i], commands[i].run(argc - first, argv + first));
                }
        {
                const char *best = NULL;
                size_t bd = SIZE_MAX;

                for (size_t i = 0; i < ELEMENTSOF(commands); i++) {
                        size_t d = distance(argv[optind], commands[i].name);
                        if (d < bd) {
                                bd = d;
                                best = commands[i].name;
                        }
                }
                fprintf(stderr, "goldctl: '%s' is not a goldctl command.", argv[optind]);
                if (best && bd <= 2)
                        fprintf(stderr, " Did you mean '%s'?", best);
                fprintf(stderr, "\nSee 'goldctl --help'.\n");
        }
        return EXIT_USAGE;
}
