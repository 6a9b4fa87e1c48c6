/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Subcommands. To add one:
 *
 *  1. write src/cmd/cmd-<name>.c with `int cmd_<name>(int argc, char **argv)`;
 *     argv[0] is the subcommand's name. Parse options with getopt_long into
 *     static arg_* variables; --help prints usage to stdout and returns 0; a
 *     usage error prints one line and "See 'goldctl <name> --help'." to
 *     stderr and returns EXIT_USAGE.
 *  2. declare it below and add a line to the table in main.c;
 *  3. add src/cmd/cmd-<name>.c to src/cmd/meson.build, a man page
 *     docs/man/goldctl-<name>.1.scd, and tests in tests/cli/.
 *
 * Only src/cmd prints to the user and decides exit codes; library code
 * returns errors and diagnostics.
 */

/* Exit codes shared by every subcommand. */
enum {
        EXIT_OK = 0,
        EXIT_FINDINGS = 1,      /* the command ran and found problems (a unit systemd refuses, ...) */
        EXIT_USAGE = 2,         /* bad usage, or the input could not be read at all */
};

/*
 * `goldctl run`'s codes before the script runs (goldctl-run(1)): above what
 * scripts use (0, 1, 2 for a gate's FAIL), below the shell's 126/127 and the
 * signals' 128+N, so a caller can tell the wrapper's refusal from the
 * script's own status. Once the script runs, its status is the status.
 */
enum {
        RUN_EXIT_USAGE = 100,           /* bad usage, or the contract is not valid */
        RUN_EXIT_CHECK_BASE = 101,      /* + enum run_check: 101 repo-root ... 107 data-dir */
        RUN_EXIT_START = 108,           /* the script could not be started (user, privileges, exec) */
        RUN_EXIT_UNIT_CHECK_BASE = 109, /* --unit, + enum run_unit_check: 109 unit ... 113 command */
};

struct cmd_entry {
        const char *name;
        const char *summary;
        int (*run)(int argc, char **argv);
        /* the status when the command succeeded but its output could not be
         * written (a full disk, a closed pipe): its own "could not" code */
        int write_error_status;
};

int cmd_audit(int argc, char **argv);
int cmd_contract(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_gate(int argc, char **argv);
int cmd_scoreboard(int argc, char **argv);
int cmd_telemetry(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_env(int argc, char **argv);

struct contract;
/* The effective contract: the built-in one, then FILE and the .conf files of FILE.d, or
 * without FILE the drop-ins of /etc/goldctl/contract.d under root (NULL: this
 * host's). Pass a root only for a tree the operator trusts (--root-contract):
 * its drop-ins can forgive anything. This host's files (FILE and its drop-ins,
 * or /etc/goldctl/contract.d) are refused when another user than root or the
 * caller could have written them. Prints every diagnostic as FILE:LINE: level:
 * message on stderr. Returns 0, or a negative errno when the contract is not
 * valid, not trusted, or memory ran out. */
int cmd_load_contract(const char *root, const char *file, struct contract **ret);
/* The built-in contract alone (an untrusted --root tree's own drop-ins are not read). */
int cmd_load_builtin_contract(struct contract **ret);

/* Prints "goldctl: <msg>" and "See 'goldctl <cmd> --help'." to stderr; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) _printf_(2, 3);

/* Output formats for --format. */
enum output_format {
        FORMAT_TEXT,
        FORMAT_JSON,
};

int parse_format(const char *cmd, const char *s, enum output_format *ret);
