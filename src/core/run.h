/* SPDX-License-Identifier: MIT */
#pragma once

#include "contract.h"
#include "macro.h"

/*
 * The fail-closed ops wrapper (`goldctl run SERVICE SCRIPT [ARGS...]`, seed
 * 001 G): the checks, in the seeds' order, and the exact program, arguments,
 * environment and working directory to execute. This file decides; it
 * reads files (under no root: the wrapper runs on the live host) and asks
 * Redis through a function the caller gives (src/backend). It never
 * executes anything: src/cmd/cmd-run.c drops privileges and execs.
 *
 * The checks stop at the first failure: nothing after it is run, and the
 * plan is not executable.
 */

enum run_check {
        RUN_CHECK_REPO_ROOT,    /* the contract's RepoRoot= is a directory */
        RUN_CHECK_VENV,         /* <VenvDir>/<venv>/bin/python is an executable file */
        RUN_CHECK_ENV_FILE,     /* <EnvDir>/<service>.env: a regular file, mode and owner, readable by systemd */
        RUN_CHECK_SCRIPT,       /* a regular file inside RepoRoot= after resolving links and ".." */
        RUN_CHECK_REDIS,        /* PING at REDIS_HOST:REDIS_PORT (the env file's, else the contract's) */
        RUN_CHECK_DATABASE,     /* DB_PATH (the env file's, else [Paths] Database=) is a regular file */
        RUN_CHECK_DATA_DIR,     /* the contract's DataDir= is a directory */
        _RUN_CHECK_MAX,
};

enum run_status {
        RUN_STATUS_PENDING,     /* not run: an earlier check failed */
        RUN_STATUS_OK,
        RUN_STATUS_FAILED,
};

struct run_check_result {
        enum run_status status;
        char *what;             /* what was checked, with the path or address */
        char *message;          /* ok: a detail; failed: why */
        char *fix;              /* failed: how to fix it */
};

/* Filling in a result: what was checked; passed, with a detail; failed,
 * with why and how to fix it (returns 1: stop, or -ENOMEM). */
int run_result_what(struct run_check_result *res, const char *fmt, ...) _printf_(2, 3);
int run_result_ok(struct run_check_result *res, const char *fmt, ...) _printf_(2, 3);
int run_result_fail(struct run_check_result *res, const char *fix, const char *fmt, ...) _printf_(3, 4);
void run_result_release(struct run_check_result *res);

struct run_request {
        const struct contract *c;
        const char *service;            /* "ai-engine": the env file and, by default, the venv */
        const char *script;             /* relative to RepoRoot=, or absolute */
        char **args;                    /* passed through byte for byte; may be NULL */
        unsigned redis_timeout_ms;
        /* Redis PING (src/backend/redis.c); returns 0, or a negative errno and a message */
        int (*redis_ping)(const char *host, unsigned port, unsigned timeout_ms, char **ret_error);
};

struct run_plan {
        struct run_check_result checks[_RUN_CHECK_MAX];
        int failed;                     /* the failed check, or -1 */

        char *venv;                     /* the venv's name */
        char *python;                   /* <VenvDir>/<venv>/bin/python, as the venv names it */
        char *env_path;
        char *script;                   /* the resolved script */
        char *cwd;                      /* RepoRoot= */
        char **argv;                    /* python, script, args */
        char **envp;                    /* NAME=value, built from nothing */
        char **notes;                   /* what the wrapper set over the env file's own value */
};

/* The checks' names, for messages and --dry-run ("repo-root", "venv", ...). */
const char *run_check_to_string(enum run_check c);

/* Whether a service name is acceptable: letters, digits, '-', '_', '.'
 * (not "." or ".."): it becomes a file name under EnvDir= and VenvDir=. */
bool run_service_name_is_valid(const char *s);

/*
 * Runs the checks and builds the plan. Returns 0 (see plan->failed for the
 * verdict) or -ENOMEM. The plan is released with run_plan_release() either
 * way.
 */
int run_plan_build(const struct run_request *req, struct run_plan *plan);
void run_plan_release(struct run_plan *plan);

/* Whether an environment variable's value should be hidden when shown
 * (--dry-run): a secret-looking name or value. */
bool run_env_is_secret(const char *assignment);
