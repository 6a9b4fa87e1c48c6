/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "macro.h"

/*
 * The golden contract: where things live and what every unit and env file
 * must say. The built-in default is the seeds' contract (seed 001, v1.0.0),
 * every value of it; a contract file in systemd's unit-file dialect
 * (goldctl-contract(5)), read by the same parser as units, replaces it, and
 * drop-ins (the files ending in .conf in "<file>.d/", or for the built-in
 * contract in "/etc/goldctl/contract.d/" on the audited host) override single
 * values, in file-name order.
 *
 * Sections and keys (every key optional in a drop-in):
 *
 *   [Contract]  Name= Version= UnitPrefix= User= Group=
 *   [Paths]     RepoRoot= DataDir= ModelDir= VenvDir= EnvDir= SecretsDir=
 *               Database= LogDir=
 *   [EnvFile]   Mode= Owner= Group= Required= (names) Expect= (NAME=VALUE ...)
 *               PathVariables= (names whose values must be absolute)
 *   [Redis]     Host= Port= Unit= AllowedHosts=
 *   [Units]     Restart= StandardOutput= After= Wants= BindsTo= Chain=
 *               RuntimeType= OpsType=
 *   [Venvs]     <unit or script glob>=<venv name>   (quantum-rl-*.service=rl-agent)
 *               Reset=yes (drops every pattern defined before it)
 *   [Gate]      Stream= MinPredictions= MaxClassShare= MinStd= MinP10P90=
 *               MaxHoldShare= MaxMalformedShare= MinAgreement= MaxHardDisagreement=
 *               MaxHoldShare=
 *   [Suppress]  Ignore=<RULE>[,<RULE>...] <PATH>[:<LINE>] <reason>
 *
 * Paths ([Paths], the PATH of Ignore=) are stored normalised: no "//", no
 * "." component, no trailing slash; ".." is refused.
 *
 * [Venvs] is kept in the order the patterns are matched: a pattern assigned
 * again keeps its place and takes the new venv; a new pattern goes before
 * every pattern of earlier files (the patterns of one file keep their order
 * among themselves), so the built-in patterns come last.
 */

struct contract_venv {
        char *pattern;  /* a unit name, or with a '/' a script path, with shell wildcards */
        char *venv;
};

struct contract_suppression {
        char **rules;
        char *path;     /* as on the audited host; may be a glob */
        unsigned line;  /* 0: any line */
        char *reason;
        char *file;     /* where the suppression is written */
        unsigned file_line;
        unsigned used;  /* findings it suppressed */
};

struct contract {
        char *name, *version;
        char *unit_prefix;
        char *user, *group;

        char *repo_root, *data_dir, *model_dir, *venv_dir, *env_dir, *secrets_dir, *database, *log_dir;

        unsigned env_mode;
        char *env_owner, *env_group;
        char **env_required;
        char **env_expect;              /* NAME=VALUE */
        char **env_path_variables;

        char *redis_host;
        unsigned redis_port;
        char *redis_unit;
        char **redis_allowed_hosts;

        char *restart;
        char *standard_output;
        char **after, **wants, **binds_to;
        char **chain;                   /* unit names or globs, in start order */
        char *runtime_type, *ops_type;

        struct contract_venv *venvs;    /* in the order they are matched */
        size_t n_venvs;

        char *gate_stream;
        unsigned gate_min_predictions;
        double gate_max_class_share, gate_min_std, gate_min_p10_p90, gate_max_hold_share;
        double gate_max_malformed_share;        /* more malformed entries: the telemetry cannot be read */
        double gate_min_agreement, gate_max_hard_disagreement;  /* the scoreboard's ensemble */

        struct contract_suppression *suppressions;
        size_t n_suppressions;

        char **sources;                 /* files read, in order ("built-in" first when the default is used) */
};

/* The seeds' contract. */
int contract_new_default(struct contract **ret);

/*
 * Applies a contract file (or drop-in) on top of c. Diagnostics name `file`;
 * an unknown section or key, a line the unit parser would skip, or a bad
 * value, is an error (DIAG_ERROR, DIAG_EFFECT_REFUSED, worded so): the
 * contract is refused as a whole (returns -EINVAL) and the caller must
 * discard c, which may have been changed in part. As in units, a section
 * named "X-..." is skipped without a word.
 */
int contract_apply_file(struct contract *c, const char *file, const char *data, size_t size, struct diag_list *diags);

/* Reads `path`, then its drop-ins (the .conf files of "<path>.d/"), in name
 * order; without a path, the drop-ins of /etc/goldctl/contract.d under root. */
int contract_load(struct contract *c, const char *root, const char *path, struct diag_list *diags);

struct contract *contract_free(struct contract *c);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct contract *, contract_free);

/* The service name of a unit ("quantum-ai-engine.service" -> "ai-engine"),
 * or NULL when the unit does not carry the prefix (owned by the caller). */
char *contract_service_name(const struct contract *c, const char *unit);

/*
 * The venv of the first [Venvs] pattern that matches, in c->venvs order: a
 * unit name (no '/') is matched against the unit patterns only, a script
 * path relative to RepoRoot= (with a '/') against the script patterns only.
 * Returns 1 with the venv in *ret (owned by the caller), 0 when no pattern
 * matches (*ret untouched), -ENOMEM.
 */
int contract_venv_match(const struct contract *c, const char *unit_or_script, char **ret);

/* The venv a unit (or an ops script path) must use: contract_venv_match(),
 * else for a unit its service name, for a script NULL. Owned by the caller;
 * NULL also when out of memory. */
char *contract_venv_for(const struct contract *c, const char *unit_or_script);

/* The contract in its own dialect, every value, as `goldctl contract show`
 * prints it; read back over the built-in contract, it gives the same values.
 * The string belongs to the caller. */
int contract_format(const struct contract *c, char **ret);
