/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/types.h>

#include "run.h"
#include "unit.h"

/*
 * `goldctl run --unit UNIT -- COMMAND [ARGS...]`: what an installed
 * service gives its ExecStart, worked out as systemd 252 does when it starts
 * the service (execute.c): the user and groups, the working directory, the
 * umask and the environment:
 *
 *   the manager's environment (systemctl show-environment)
 *   < HOME, USER, LOGNAME, SHELL of User= (only with User=)
 *   < PassEnvironment= (from the manager's own process environment)
 *   < Environment= (in the files' order, a repeated name replaced)
 *   < EnvironmentFile= (each file in order, globs expanded and sorted;
 *     a leading '-' ignores a file that is missing or unreadable)
 *   then UnsetEnvironment= removes NAME, or NAME=VALUE with that value.
 *
 * This file decides and reads the environment files; it executes nothing
 * (src/cmd/cmd-run.c does).
 */

enum run_unit_check {
        RUN_UNIT_CHECK_UNIT,            /* loaded, a service */
        RUN_UNIT_CHECK_USER,            /* User=, Group=, SupplementaryGroups= exist */
        RUN_UNIT_CHECK_ENV_FILES,       /* every EnvironmentFile= without '-' reads, and systemd takes it */
        RUN_UNIT_CHECK_WORKING_DIRECTORY,       /* a directory, unless '-'; ~ needs a home */
        RUN_UNIT_CHECK_COMMAND,         /* COMMAND is a file, searched in the unit's PATH without '/' */
        _RUN_UNIT_CHECK_MAX,
};

struct run_unit_request {
        const struct unit *u;           /* as loaded (src/core/unit-load.c) */
        char **manager_env;             /* NAME=value: the manager's environment */
        char **manager_process_env;     /* NAME=value: the manager process's own (PassEnvironment=); may be NULL */
        char **command;                 /* COMMAND [ARGS...], passed through byte for byte */
};

struct run_unit_plan {
        struct run_check_result checks[_RUN_UNIT_CHECK_MAX];
        int failed;                     /* the failed check, or -1 */

        char *user;                     /* User='s name (USER=), NULL without User= (root) */
        uid_t uid;
        gid_t gid;
        bool set_groups;                /* replace the supplementary groups with groups[] */
        gid_t *groups;
        size_t n_groups;
        char *cwd;                      /* the directory to change to, as the user */
        bool cwd_missing_ok;            /* WorkingDirectory=-...: stay in / when it fails */
        mode_t umask;
        char *program;                  /* the file executed */
        char **argv;
        char **envp;                    /* NAME=value */
        char **env_origins;             /* for each of envp: where it was set */
        char **notes;
};

const char *run_unit_check_to_string(enum run_unit_check c);

/* Returns 0 (see plan->failed for the verdict) or -ENOMEM; release the
 * plan with run_unit_plan_release() either way. */
int run_unit_plan_build(const struct run_unit_request *req, struct run_unit_plan *plan);
void run_unit_plan_release(struct run_unit_plan *plan);

/* systemd's PATH for services when the manager's environment has none. */
#define RUN_UNIT_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
