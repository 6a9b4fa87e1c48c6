/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Helpers for the rules in this directory. Adding a rule:
 *
 *  1. write src/core/rules/<id>.c: a `static int check(struct audit *a,
 *     const struct rule *r)` that calls audit_add() for each finding, and a
 *     `static const struct rule rule = { ... }` with id, name, severity,
 *     family, seed, summary, rationale and fix; then RULE_REGISTER(rule);
 *  2. add the file to src/core/rules/meson.build;
 *  3. write docs/rules/<ID>.md with a failing and a passing example; the
 *     page is run by tests/audit/test_rules.py.
 *
 * The id is stable: never reuse or renumber one.
 */

#include "audit.h"
#include "strv.h"

/* Where a setting of a unit was made, or the unit's fragment (line 0) when
 * nothing set it. */
static inline const char *origin_file(const struct unit *u, struct origin o) {
        return o.file ? o.file : u->fragment_path;
}

/* The service's display name for messages: "quantum-ai-engine.service". */
#define UNIT_ID(s) ((s)->unit)

/* Calls fn for every physical line of the unit's fragment and drop-ins,
 * with the line's text (no line end), its number and the file. Comment
 * lines are passed too (comment true). Stops at the first negative return. */
typedef int (*unit_line_fn)(struct audit *a, const struct rule *r, const struct unit *u, const char *file,
                            unsigned line, const char *text, bool comment, void *userdata);
int rules_foreach_unit_line(struct audit *a, const struct rule *r, const struct unit *u, unit_line_fn fn,
                            void *userdata);

/* The last line of the unit's files that assigns `key` and that systemd
 * ignores (a diagnostic with effect "ignored" on it): a setting that is
 * absent because systemd dropped it is reported there, not at line 0.
 * Returns 1 with the file (the unit's own string) and line, 0 if none. */
int rules_ignored_assignment(struct audit *a, const struct rule *r, const struct unit *u, const char *key,
                             const char **ret_file, unsigned *ret_line);

/* Same for any file of the host (env files, Makefiles, code). */
typedef int (*file_line_fn)(struct audit *a, const struct rule *r, const char *file, unsigned line,
                            const char *text, void *userdata);
int rules_foreach_file_line(struct audit *a, const struct rule *r, const char *file, file_line_fn fn,
                            void *userdata);

/* Calls fn for every line of the repository's files (as listed by git
 * ls-files, or found by walking) that want() accepts, given the path
 * relative to the repository root. Files with NUL bytes (binary) and
 * symbolic links are skipped; a file that cannot be read (or is over
 * 16 MiB) is a QTA003 problem. */
typedef int (*repo_line_fn)(struct audit *a, const struct rule *r, const char *host_path, unsigned line,
                            const char *text, void *userdata);
int rules_foreach_repo_line(struct audit *a, const struct rule *r, bool (*want)(const char *rel), repo_line_fn fn,
                            void *userdata);

/* The host path of a repository file (owned by the caller). */
char *rules_repo_path(const struct audit *a, const char *rel);

/* Whether a repository file is code goldctl reads (.py, .sh). */
bool rules_is_code(const char *rel);

/* Whether service i is the first to use its env file (env rules report a
 * shared file once). */
bool rules_env_first(const struct audit *a, size_t i);

/* The env entry of a service (applied, valid name), or NULL. */
const struct env_entry *rules_env_get(const struct audit_service *s, const char *name);

/* Whether a dependency list of the unit names `name` as written in a file
 * (not only as an inverse). */
bool rules_unit_has_dep(const struct unit *u, enum unit_dependency d, const char *name);

/* In a unit file's assignment line, the '#' that the author meant as an
 * end-of-line comment (after a blank, in the value), or NULL. */
const char *rules_eol_comment(const char *text);

/* The value [EnvFile] Expect= gives for name, or fallback. */
const char *rules_env_expected(const struct contract *c, const char *name, const char *fallback);

/* A safety switch of the env files (AUTO_ACTIVATION, SHADOW_MODE): every
 * env file that sets name to another value than [EnvFile] Expect= gives
 * (else fallback) is a finding saying why it matters. An absent variable
 * is QTE004's finding. */
int rules_env_switch(struct audit *a, const struct rule *r, const char *name, const char *fallback, const char *why);

/* The first template placeholder in t ("<service>", "<Service Name>",
 * "<SCRIPT_PATH>"), its length in *ret_len; NULL when there is none. */
const char *rules_placeholder(const char *t, size_t *ret_len);

/* Whether a name looks like a secret (API keys, tokens, passwords). */
bool rules_name_is_secret(const char *name);

/* Whether a variable points at a secret instead of holding it: an absolute
 * path, or a name ending in _FILE, _PATH, _DIR (BINANCE_API_SECRET_FILE=
 * /opt/quantum/secrets/binance): what the contract asks for, not a leak. */
bool rules_value_is_reference(const char *name, const char *value);

/* Whether a value looks like a credential: long random-looking tokens. */
bool rules_value_looks_secret(const char *value);

/* Whether a host name points at the local machine per the contract. */
bool rules_host_is_local(const struct contract *c, const char *host);

/* Whether text names a Docker-era container host ("quantum_redis", ...). */
bool rules_is_container_host(const char *host);
