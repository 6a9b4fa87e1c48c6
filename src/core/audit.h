/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/stat.h>

#include "contract.h"
#include "env-file.h"
#include "unit-load.h"

/*
 * The audit: a host (live, or an offline tree under --root) checked against
 * the contract. Services are discovered from the units that carry the
 * contract's prefix on the unit search path; each is loaded as systemd
 * loads it (fragment plus drop-ins), its env file is read as systemd reads
 * it, the repository and the filesystem are looked at, and every rule of
 * src/core/rules/ runs over the result. Findings carry the path as on the
 * audited host and the physical line.
 *
 * Live checks (Redis, the systemd manager) are given as callbacks by the
 * caller, so that this layer needs neither hiredis nor sd-bus.
 */

enum severity {
        SEVERITY_INFO,
        SEVERITY_WARNING,
        SEVERITY_ERROR,
};

const char *severity_to_string(enum severity s);
int severity_from_string(const char *s);

struct audit;

/* One rule: src/core/rules/<id>.c defines it and registers it with
 * RULE_REGISTER(); docs/rules/<ID>.md explains it with examples. */
struct rule {
        const char *id;         /* stable: QTU001 */
        const char *name;       /* unit-user */
        enum severity severity;
        const char *family;     /* units, timers, graph, env, runtime, repository, live, audit */
        const char *seed;       /* the seed section it enforces: "001 D" */
        const char *summary;    /* one line: what is wrong */
        const char *rationale;  /* one line: why it matters */
        const char *fix;        /* one line: what to do */
        bool live;              /* needs the live host */
        int (*check)(struct audit *a, const struct rule *r);
};

#define RULE_REGISTER(sym)                                                              \
        __attribute__((used, section("goldctl_rules"), aligned(sizeof(void *))))        \
        static const struct rule *const sym##_registration = &sym

/* Every registered rule, sorted by id; NULL-terminated, static. */
const struct rule *const *rules_all(void);
const struct rule *rule_find(const char *id);

struct finding {
        const struct rule *rule;
        char *path;             /* as on the audited host; NULL: not about a file */
        unsigned line;          /* physical line; 0: the whole file, or no file */
        char *unit;             /* the unit or service it concerns, if any */
        char *message;
        bool suppressed;
        char *suppression;      /* how: "inline: <reason>" or "contract <file>:<line>: <reason>" */
};

struct audit_service {
        char *unit;             /* quantum-ai-engine.service */
        char *name;             /* ai-engine */
        struct unit *u;
        bool ops_job;           /* Type=oneshot, or triggered by a timer */
        char *timer;            /* the timer that triggers it, if any */
        char *venv;             /* the venv the contract gives it */
        char *config;           /* whose configuration it runs with: its name, or for an ops
                                 * job mapped by its script ([Venvs] ops/...=ai-engine) that venv's */
        char *env_path;         /* <EnvDir>/<config>.env */
        bool env_first;         /* the first service with this env file (env rules report a shared file once) */
        bool venv_first;        /* the first loaded service with this venv */
        bool env_exists;
        int env_error;          /* reading it failed (negative errno), 0 otherwise */
        struct stat env_st;
        struct env_file env;    /* parsed when it exists */
};

/* Live checks, provided by the caller (src/backend). Return 0 on success,
 * a negative errno and a message (owned by the caller) otherwise. */
struct audit_live {
        int (*redis_ping)(const char *host, unsigned port, unsigned timeout_ms, char **ret_error);
        /* The manager's LoadState of a unit ("loaded", "not-found", ...) and
         * its NeedDaemonReload (the files changed since it was loaded). */
        int (*unit_load_state)(const char *unit, char **ret_state, bool *ret_need_reload, char **ret_error);
};

struct audit_options {
        const char *root;               /* NULL: the live host */
        char **unit_path;               /* NULL: the system search path */
        const struct audit_live *live;  /* NULL: no live checks */
        bool scan_repository;
        /* What the caller left out on purpose, listed with what could not be checked (NULL: nothing). */
        const char *untrusted_note;
        /* The files of a git work tree (dir is a path on this machine),
         * NUL-separated and relative to it: `git ls-files` (src/backend);
         * with ignored, the files git ignores (an ignored directory as one
         * entry ending in '/'). NULL, or a failure, means the repository is
         * walked instead. */
        int (*repo_ls_files)(const char *dir, bool ignored, char **ret, size_t *ret_size, char **ret_error);
};

enum repo_cache_state {
        REPO_UNREAD,            /* no repository rule wanted it yet */
        REPO_KEPT,              /* read, and kept for the next rule */
        REPO_SKIP,              /* nothing to scan: gone, a symlink, binary, unreadable */
        REPO_NOT_KEPT,          /* read, past the budget: read again by each rule */
};

struct audit {
        const struct contract *c;
        const struct audit_options *o;
        const char *root;               /* NULL: live */
        struct unit_loader loader;

        struct audit_service *services;
        size_t n_services;
        struct unit **units;            /* every unit with the prefix (services, timers, targets...) */
        size_t n_units;

        char **ignored_unit_files;      /* host paths of files on the unit path that carry the prefix
                                         * but that systemd ignores (not a unit name) */

        char **repo_files;              /* relative to the repo root; NULL if not scanned */
        char **repo_ignored_files;      /* what git ignores there (git work trees only) */
        size_t n_repo_files, alloc_repo_files;
        bool repo_is_git;
        /* the repository files' contents, kept for the next repository rule (each
         * reads the same files): one state per repo_files entry, within a budget */
        struct repo_cache {
                unsigned char state;    /* enum repo_cache_state */
                char *data;
                size_t size;
        } *repo_cache;
        size_t repo_cache_bytes;

        struct passwd_entry {
                char *name;
                unsigned id;
        } *users, *groups;
        size_t n_users, n_groups;

        struct finding *findings;
        size_t n_findings, alloc_findings;
        char **skipped;                 /* what was not checked by design (offline: no live checks) */
        struct audit_problem {
                char *path;             /* as on the host, or NULL */
                char *message;
        } *problems;                    /* what should have been checked and could not be */
        size_t n_problems;
};

/* Runs everything. Returns 0, or a negative errno when the audit could not
 * run at all (the root is unreadable, out of memory): exit status 2. */
int audit_run(struct audit *a, const struct contract *c, const struct audit_options *o);
void audit_release(struct audit *a);

/* For rules. */
int audit_add(struct audit *a, const struct rule *r, const char *path, unsigned line, const char *unit,
              const char *fmt, ...) _printf_(6, 7);
/* stat() of a host path under the audit's root. */
int audit_stat(const struct audit *a, const char *host_path, struct stat *st);
int audit_lstat(const struct audit *a, const char *host_path, struct stat *st);
/* Reads a host file under the root (limit: 16 MiB). */
int audit_read(const struct audit *a, const char *host_path, char **ret, size_t *ret_size);
/* Names of uid/gid from the audited host's /etc/passwd and /etc/group (on
 * the live host also through NSS), or NULL. */
const char *audit_user_name(struct audit *a, unsigned uid);
const char *audit_group_name(struct audit *a, unsigned gid);
bool audit_user_exists(struct audit *a, const char *name);
bool audit_group_exists(struct audit *a, const char *name);
/* The audit_service of a unit, or NULL. */
struct audit_service *audit_service_of(struct audit *a, const struct unit *u);

/* Records something that could not be checked (QTA003 reports it). */
int audit_problem(struct audit *a, const char *path, const char *fmt, ...) _printf_(3, 4);

/* Counts of unsuppressed findings at each severity. */
void audit_count(const struct audit *a, size_t counts[3], size_t *ret_suppressed);
