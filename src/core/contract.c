/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <fnmatch.h>
#include <math.h>
#include <stdarg.h>

#include "chase.h"
#include "contract.h"
#include "extract-word.h"
#include "fileio.h"
#include "parse-util.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"
#include "syntax.h"
#include "unit-name.h"

#define CONTRACT_FILE_MAX ((size_t) 1024 * 1024)

static int set_str(char **p, const char *v) {
        char *n = strdup(v);

        if (!n)
                return -ENOMEM;
        free(*p);
        *p = n;
        return 0;
}

static int set_words(char ***p, const char *v) {
        char **l = NULL;

        for (const char *s = v;;) {
                char *w = NULL;
                int r = extract_first_word(&s, &w, NULL, EXTRACT_UNQUOTE);
                if (r == 0)
                        break;
                if (r < 0 || strv_push(&l, w) < 0) {
                        free(w);
                        strv_free(l);
                        return r < 0 ? r : -ENOMEM;
                }
        }
        strv_free(*p);
        *p = l;
        return 0;
}

/* The seeds' patterns (001 B), matched after every pattern a file adds. */
static const char *const builtin_venvs[][2] = {
        { "quantum-ai-engine.service", "ai-engine" },
        { "quantum-backend.service", "backend" },
        { "quantum-execution.service", "execution" },
        { "quantum-rl-*.service", "rl-agent" },
        { "ops/training/*", "ai-engine" },
        { "ops/model_safety/*", "ai-engine" },
};

static void venvs_clear(struct contract *c) {
        for (size_t i = 0; i < c->n_venvs; i++) {
                free(c->venvs[i].pattern);
                free(c->venvs[i].venv);
        }
        free(c->venvs);
        c->venvs = NULL;
        c->n_venvs = 0;
}

/*
 * Sets the venv of a pattern. A pattern that exists keeps its place and
 * takes the new venv; a new one is inserted at *at (which then moves past
 * it), so that the patterns of a file come, in file order, before those of
 * every earlier file and the built-in ones.
 */
static int add_venv(struct contract *c, const char *pattern, const char *venv, size_t *at) {
        _cleanup_free_ char *p = NULL, *v = NULL;
        struct contract_venv *n;

        for (size_t i = 0; i < c->n_venvs; i++)
                if (streq(c->venvs[i].pattern, pattern))
                        return set_str(&c->venvs[i].venv, venv);
        p = strdup(pattern);
        v = strdup(venv);
        if (!p || !v)
                return -ENOMEM;
        n = realloc(c->venvs, (c->n_venvs + 1) * sizeof(*n));
        if (!n)
                return -ENOMEM;
        c->venvs = n;
        memmove(&n[*at + 1], &n[*at], (c->n_venvs - *at) * sizeof(*n));
        n[*at] = (struct contract_venv) { .pattern = TAKE_PTR(p), .venv = TAKE_PTR(v) };
        c->n_venvs++;
        (*at)++;
        return 0;
}

int contract_new_default(struct contract **ret) {
        _cleanup_(contract_freep) struct contract *c = calloc(1, sizeof(*c));
        int r = 0;

        if (!c)
                return -ENOMEM;
#define S(field, value) if (r >= 0) r = set_str(&c->field, value)
#define W(field, value) if (r >= 0) r = set_words(&c->field, value)
        /* seed 001: SYSTEMD GOLDEN CONTRACT v1.0.0 */
        S(name, "Quantum Trader systemd golden contract");
        S(version, "1.0.0");
        S(unit_prefix, "quantum-");
        S(user, "qt");
        S(group, "qt");
        /* 001 A: filesystem layout */
        S(repo_root, "/home/qt/quantum_trader");
        S(data_dir, "/opt/quantum/data");
        S(model_dir, "/opt/quantum/ai_engine/models");
        S(venv_dir, "/opt/quantum/venvs");
        S(env_dir, "/etc/quantum");
        S(secrets_dir, "/opt/quantum/secrets");
        S(database, "/opt/quantum/data/quantum_trader.db");
        S(log_dir, "/var/log/quantum");
        /* 001 C: env files, 0640 root:qt, required variables */
        c->env_mode = 0640;
        S(env_owner, "root");
        S(env_group, "qt");
        W(env_required, "REPO_ROOT DATA_DIR MODEL_DIR SERVICE_NAME LOG_LEVEL PYTHONUNBUFFERED "
                        "REDIS_HOST REDIS_PORT REDIS_DB DB_PATH AUTO_ACTIVATION SHADOW_MODE");
        W(env_expect, "REPO_ROOT=/home/qt/quantum_trader DATA_DIR=/opt/quantum/data "
                      "MODEL_DIR=/opt/quantum/ai_engine/models PYTHONUNBUFFERED=1 REDIS_PORT=6379 "
                      "DB_PATH=/opt/quantum/data/quantum_trader.db AUTO_ACTIVATION=disabled SHADOW_MODE=enabled");
        W(env_path_variables, "REPO_ROOT DATA_DIR MODEL_DIR DB_PATH");
        /* 001 E: Redis */
        S(redis_host, "localhost");
        c->redis_port = 6379;
        S(redis_unit, "redis-server.service");
        W(redis_allowed_hosts, "localhost 127.0.0.1 ::1");
        /* 001 D: unit rules and the dependency chain */
        S(restart, "always");
        S(standard_output, "journal");
        W(after, "network-online.target redis-server.service");
        W(wants, "network-online.target");
        W(binds_to, "redis-server.service");
        W(chain, "redis-server.service quantum-backend.service quantum-ai-engine.service "
                 "quantum-execution.service quantum-rl-*.service");
        S(runtime_type, "simple");
        S(ops_type, "oneshot");
        /* 001 F: the quality gate */
        S(gate_stream, "quantum:stream:trade.intent");
        c->gate_min_predictions = 200;
        c->gate_max_class_share = 0.70;
        c->gate_min_std = 0.05;
        c->gate_min_p10_p90 = 0.12;
        c->gate_max_hold_share = 0.85;
        /* goldctl's own: the seeds name no figure for these */
        c->gate_max_malformed_share = 0.01;
        c->gate_min_agreement = 0.10;
        c->gate_max_hard_disagreement = 0.25;
#undef S
#undef W
        if (r < 0)
                return r;
        /* 001 B: service-to-venv mapping */
        for (size_t i = 0; i < ELEMENTSOF(builtin_venvs); i++) {
                size_t at = c->n_venvs;

                r = add_venv(c, builtin_venvs[i][0], builtin_venvs[i][1], &at);
                if (r < 0)
                        return r;
        }
        r = strv_extend(&c->sources, "built-in (seed 001, v1.0.0)");
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}

struct contract *contract_free(struct contract *c) {
        if (!c)
                return NULL;
        free(c->name);
        free(c->version);
        free(c->unit_prefix);
        free(c->user);
        free(c->group);
        free(c->repo_root);
        free(c->data_dir);
        free(c->model_dir);
        free(c->venv_dir);
        free(c->env_dir);
        free(c->secrets_dir);
        free(c->database);
        free(c->log_dir);
        free(c->env_owner);
        free(c->env_group);
        strv_free(c->env_required);
        strv_free(c->env_expect);
        strv_free(c->env_path_variables);
        free(c->redis_host);
        free(c->redis_unit);
        strv_free(c->redis_allowed_hosts);
        free(c->restart);
        free(c->standard_output);
        strv_free(c->after);
        strv_free(c->wants);
        strv_free(c->binds_to);
        strv_free(c->chain);
        free(c->runtime_type);
        free(c->ops_type);
        venvs_clear(c);
        free(c->gate_stream);
        for (size_t i = 0; i < c->n_suppressions; i++) {
                strv_free(c->suppressions[i].rules);
                free(c->suppressions[i].path);
                free(c->suppressions[i].reason);
                free(c->suppressions[i].file);
        }
        free(c->suppressions);
        strv_free(c->sources);
        free(c);
        return NULL;
}

/* ---- reading contract files ---- */

struct contract_parse {
        struct contract *c;
        size_t venv_at;         /* where the file's next new [Venvs] pattern goes */
        bool failed;
};

_printf_(4, 5)
static int bad(const struct syntax_assignment *a, struct contract_parse *cp, struct diag_list *diags, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        va_list ap;

        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        diag_add(diags, a->file, a->line, DIAG_ERROR, DIAG_EFFECT_REFUSED, "%s", strbuf_str(&sb));
        strbuf_release(&sb);
        cp->failed = true;
        return 0;
}

enum value_kind { V_STRING, V_PATH, V_WORDS, V_UNITS, V_USER, V_MODE, V_PORT, V_COUNT, V_SHARE, V_POSITIVE, V_PREFIX, V_ASSIGNMENTS };

struct contract_key {
        const char *section, *key;
        enum value_kind kind;
        size_t offset;
};

#define K(sec, key, kind, field) { sec, key, kind, offsetof(struct contract, field) }
static const struct contract_key contract_keys[] = {
        K("Contract", "Name", V_STRING, name),
        K("Contract", "Version", V_STRING, version),
        K("Contract", "UnitPrefix", V_PREFIX, unit_prefix),
        K("Contract", "User", V_USER, user),
        K("Contract", "Group", V_USER, group),
        K("Paths", "RepoRoot", V_PATH, repo_root),
        K("Paths", "DataDir", V_PATH, data_dir),
        K("Paths", "ModelDir", V_PATH, model_dir),
        K("Paths", "VenvDir", V_PATH, venv_dir),
        K("Paths", "EnvDir", V_PATH, env_dir),
        K("Paths", "SecretsDir", V_PATH, secrets_dir),
        K("Paths", "Database", V_PATH, database),
        K("Paths", "LogDir", V_PATH, log_dir),
        K("EnvFile", "Mode", V_MODE, env_mode),
        K("EnvFile", "Owner", V_USER, env_owner),
        K("EnvFile", "Group", V_USER, env_group),
        K("EnvFile", "Required", V_WORDS, env_required),
        K("EnvFile", "Expect", V_ASSIGNMENTS, env_expect),
        K("EnvFile", "PathVariables", V_WORDS, env_path_variables),
        K("Redis", "Host", V_STRING, redis_host),
        K("Redis", "Port", V_PORT, redis_port),
        K("Redis", "Unit", V_STRING, redis_unit),
        K("Redis", "AllowedHosts", V_WORDS, redis_allowed_hosts),
        K("Units", "Restart", V_STRING, restart),
        K("Units", "StandardOutput", V_STRING, standard_output),
        K("Units", "After", V_UNITS, after),
        K("Units", "Wants", V_UNITS, wants),
        K("Units", "BindsTo", V_UNITS, binds_to),
        K("Units", "Chain", V_UNITS, chain),
        K("Units", "RuntimeType", V_STRING, runtime_type),
        K("Units", "OpsType", V_STRING, ops_type),
        K("Gate", "Stream", V_STRING, gate_stream),
        K("Gate", "MinPredictions", V_COUNT, gate_min_predictions),
        K("Gate", "MaxClassShare", V_SHARE, gate_max_class_share),
        K("Gate", "MinStd", V_POSITIVE, gate_min_std),
        K("Gate", "MinP10P90", V_SHARE, gate_min_p10_p90),
        K("Gate", "MaxHoldShare", V_SHARE, gate_max_hold_share),
        K("Gate", "MaxMalformedShare", V_SHARE, gate_max_malformed_share),
        K("Gate", "MinAgreement", V_SHARE, gate_min_agreement),
        K("Gate", "MaxHardDisagreement", V_SHARE, gate_max_hard_disagreement),
};
#undef K

static bool valid_name_glob(const char *w) {
        /* a unit name, possibly with shell wildcards in the prefix */
        _cleanup_free_ char *probe = strdup(w);

        if (!probe)
                return false;
        for (char *p = probe; *p; p++)
                if (*p == '*' || *p == '?' || *p == '[' || *p == ']')
                        *p = 'x';
        return unit_name_is_valid(probe, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE);
}

static size_t trailing_backslashes(const char *s) {
        size_t n = strlen(s), k = 0;

        while (k < n && s[n - 1 - k] == '\\')
                k++;
        return k;
}

/* Whether p has a ".." component. */
static bool path_has_dot_dot(const char *p) {
        for (const char *e = p;;) {
                size_t n = strcspn(e, "/");

                if (n == 2 && e[0] == '.' && e[1] == '.')
                        return true;
                if (!e[n])
                        return false;
                e += n + 1;
        }
}

/*
 * Checks an absolute path of the contract and normalises it in place: no
 * "//", no "." component, no trailing slash, since paths are compared as
 * strings. ".." is refused: it is not resolved lexically (/a/b/.. is not /a
 * when b is a symlink). Returns false after reporting a bad path.
 */
static bool path_ok(const struct syntax_assignment *a, struct contract_parse *cp, struct diag_list *diags,
                    char *path) {
        if (!path_is_absolute(path))
                bad(a, cp, diags, "%s=: the path must be absolute: %s", a->key, path);
        else if (path_has_dot_dot(path))
                bad(a, cp, diags, "%s=: the path must not have a \"..\" component: %s", a->key, path);
        else if (!path_is_valid(path))
                bad(a, cp, diags, "%s=: a component of the path is longer than 255 bytes, or the path 4096 "
                    "or more: %s", a->key, path);
        else {
                path_simplify(path);
                return true;
        }
        return false;
}

static int parse_suppression(struct contract *c, const struct syntax_assignment *a, struct contract_parse *cp,
                             struct diag_list *diags) {
        _cleanup_free_ char *rules = NULL, *path = NULL;
        struct contract_suppression *s;
        const char *p = a->value;
        char *colon;
        unsigned line = 0;
        int r;

        r = extract_first_word(&p, &rules, NULL, 0);
        if (r > 0)
                r = extract_first_word(&p, &path, NULL, EXTRACT_UNQUOTE);
        if (r == -ENOMEM)
                return r;
        if (r <= 0)
                return bad(a, cp, diags, "Ignore= wants RULE[,RULE...] PATH[:LINE] REASON: %s", a->value);
        p = p ? p + strspn(p, WHITESPACE) : "";
        if (isempty(p))
                return bad(a, cp, diags, "Ignore=%s %s has no reason: say why it is suppressed", rules, path);
        /* Simplified before the line is split off, so that a path that is
         * printed without a line never ends in ":<digits>" ("/a:5/"). */
        path_simplify(path);
        colon = strrchr(path, ':');
        if (colon && colon[1] && strspn(colon + 1, DIGITS) == strlen(colon + 1)) {
                if (safe_atou(colon + 1, &line) < 0 || line == 0)
                        return bad(a, cp, diags, "Ignore=: bad line number in %s", path);
                *colon = '\0';
        }
        if (!path_ok(a, cp, diags, path))
                return 0;
        s = realloc(c->suppressions, (c->n_suppressions + 1) * sizeof(*s));
        if (!s)
                return -ENOMEM;
        c->suppressions = s;
        s = &c->suppressions[c->n_suppressions];
        *s = (struct contract_suppression) { .line = line, .file_line = a->line };
        for (const char *q = rules;;) {
                size_t n = strcspn(q, ",");
                if (n > 0) {
                        char *id = strndup(q, n);
                        if (!id || strv_push(&s->rules, id) < 0) {
                                free(id);
                                strv_free(s->rules);
                                return -ENOMEM;
                        }
                }
                if (!q[n])
                        break;
                q += n + 1;
        }
        s->path = TAKE_PTR(path);
        s->reason = strdup(p);
        s->file = strdup(a->file);
        if (!s->reason || !s->file || !s->rules) {
                strv_free(s->rules);
                free(s->path);
                free(s->reason);
                free(s->file);
                return s->rules ? -ENOMEM : bad(a, cp, diags, "Ignore= names no rule");
        }
        c->n_suppressions++;
        return 0;
}

static int contract_assign(const struct syntax_assignment *a, void *userdata, struct diag_list *diags) {
        struct contract_parse *cp = userdata;
        struct contract *c = cp->c;
        const char *v = a->value;
        int r;

        /* contract show prints a value as it is, where an odd number of
         * backslashes at its end would continue the line. */
        if (trailing_backslashes(v) % 2 == 1)
                return bad(a, cp, diags, "%s=: the value must not end in a backslash: %s", a->key, v);
        if (streq(a->section, "Venvs")) {
                if (streq(a->key, "Reset")) {
                        r = parse_boolean(v);
                        if (r < 0)
                                return bad(a, cp, diags, "[Venvs] Reset= is not a boolean: %s", v);
                        if (r > 0) {
                                venvs_clear(c);
                                cp->venv_at = 0;
                        }
                        return 0;
                }
                if (!valid_name_glob(a->key) && !strchr(a->key, '/'))
                        return bad(a, cp, diags, "[Venvs]: '%s' is neither a unit name (glob) nor a script path glob", a->key);
                if (isempty(v) || strchr(v, '/'))
                        return bad(a, cp, diags, "[Venvs] %s=: give the venv's name (a directory of VenvDir=)", a->key);
                return add_venv(c, a->key, v, &cp->venv_at);
        }
        if (streq(a->section, "Suppress")) {
                if (!streq(a->key, "Ignore"))
                        return bad(a, cp, diags, "Unknown key '%s' in section [Suppress] (use Ignore=)", a->key);
                return parse_suppression(c, a, cp, diags);
        }
        for (size_t i = 0; i < ELEMENTSOF(contract_keys); i++) {
                const struct contract_key *k = &contract_keys[i];
                void *field = (char *) c + k->offset;

                if (!streq(k->section, a->section) || !streq(k->key, a->key))
                        continue;
                switch (k->kind) {
                case V_STRING:
                case V_PREFIX:
                case V_USER:
                case V_PATH:
                        if (isempty(v))
                                return bad(a, cp, diags, "%s= must not be empty", a->key);
                        if (k->kind == V_PATH) {
                                _cleanup_free_ char *path = strdup(v);

                                if (!path)
                                        return -ENOMEM;
                                if (!path_ok(a, cp, diags, path))
                                        return 0;
                                free(*(char **) field);
                                *(char **) field = TAKE_PTR(path);
                                return 0;
                        }
                        if (k->kind == V_PREFIX && !unit_prefix_is_valid(v))
                                return bad(a, cp, diags, "%s= is not a valid start of a unit name: %s", a->key, v);
                        if (k->kind == V_USER && strpbrk(v, ": /"))
                                return bad(a, cp, diags, "%s= is not a valid user or group name: %s", a->key, v);
                        return set_str(field, v);
                case V_WORDS:
                case V_UNITS:
                case V_ASSIGNMENTS:
                        r = set_words(field, v);
                        if (r < 0)
                                return r == -ENOMEM ? r : bad(a, cp, diags, "%s=: bad quoting: %s", a->key, v);
                        STRV_FOREACH(w, *(char ***) field) {
                                if (k->kind == V_UNITS && !valid_name_glob(*w))
                                        return bad(a, cp, diags, "%s=: '%s' is not a unit name", a->key, *w);
                                if (k->kind == V_ASSIGNMENTS && (!strchr(*w, '=') || **w == '='))
                                        return bad(a, cp, diags, "%s=: '%s' is not NAME=VALUE", a->key, *w);
                        }
                        return 0;
                case V_MODE: {
                        mode_t m;
                        if (parse_mode(v, &m) < 0 || m > 0777)
                                return bad(a, cp, diags, "%s= is not an octal file mode: %s", a->key, v);
                        *(unsigned *) field = (unsigned) m;
                        return 0;
                }
                case V_PORT:
                case V_COUNT: {
                        unsigned n;
                        if (safe_atou(v, &n) < 0 || (k->kind == V_PORT && (n == 0 || n > 65535)))
                                return bad(a, cp, diags, "%s= is not a valid %s: %s", a->key,
                                           k->kind == V_PORT ? "port" : "count", v);
                        *(unsigned *) field = n;
                        return 0;
                }
                case V_SHARE:
                case V_POSITIVE: {
                        char *end;
                        double d;
                        errno = 0;
                        d = strtod(v, &end);
                        /* a subnormal number may read without ERANGE ("0x1p-1070") but
                         * not as it is printed back */
                        if (errno || end == v || *end || !isfinite(d) || fpclassify(d) == FP_SUBNORMAL || d < 0 ||
                            (k->kind == V_SHARE && d > 1))
                                return bad(a, cp, diags, "%s= must be a number%s: %s", a->key,
                                           k->kind == V_SHARE ? " from 0 to 1" : " >= 0", v);
                        *(double *) field = d;
                        return 0;
                }
                }
        }
        return bad(a, cp, diags, "Unknown key '%s' in section [%s]", a->key, a->section);
}

/*
 * The parser words what it skips as systemd does for a unit ("Unknown section
 * 'Foo'. Ignoring."); a contract is refused instead, so say that.
 */
static int refuse_diag(struct diag *d) {
        static const char *const skipping[] = { ". Ignoring.", ", ignoring line.", ", ignoring assignment" };
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
        char *m;

        d->level = DIAG_ERROR;
        d->effect = DIAG_EFFECT_REFUSED;
        for (size_t i = 0; i < ELEMENTSOF(skipping); i++) {
                const char *w = strstr(d->message, skipping[i]), *rest;

                if (!w)
                        continue;
                rest = w + strlen(skipping[i]);
                /* "Foo. Ignoring." -> "Foo: the contract is not valid.";
                 * "Foo, ignoring assignment: X" -> "Foo: the contract is not valid: X" */
                strbuf_add(&sb, d->message, (size_t) (w - d->message));
                strbuf_addstr(&sb, ": the contract is not valid");
                strbuf_addstr(&sb, startswith(rest, ": ") ? rest : ".");
                m = strbuf_detach(&sb, NULL);
                if (!m)
                        return -ENOMEM;
                free(d->message);
                d->message = m;
                return 0;
        }
        return 0;
}

int contract_apply_file(struct contract *c, const char *file, const char *data, size_t size, struct diag_list *diags) {
        struct contract_parse cp;
        struct syntax_options o = {
                .sections = "Contract\0Paths\0EnvFile\0Redis\0Units\0Venvs\0Gate\0Suppress\0",
                .fatal_effect = DIAG_EFFECT_REFUSED,
        };
        size_t before = diags->n;
        int r;

        cp = (struct contract_parse) { .c = c };
        r = syntax_parse(file, data, size, &o, contract_assign, &cp, diags);
        if (r == -ENOMEM)
                return r;
        /* What the parser skips in a unit (unknown sections, lines without
         * '='), and says so, refuses a contract: every line counts. */
        for (size_t i = before; i < diags->n; i++)
                if (diags->items[i].level >= DIAG_WARNING) {
                        if (refuse_diag(&diags->items[i]) < 0)
                                return -ENOMEM;
                        cp.failed = true;
                }
        if (r < 0 || cp.failed)
                return -EINVAL;
        return strv_extend(&c->sources, file);
}

static int apply_path(struct contract *c, const char *root, const char *host_path, struct diag_list *diags) {
        _cleanup_free_ char *fs = root_path(root, host_path), *data = NULL;
        size_t size;
        int r;

        if (!fs)
                return -ENOMEM;
        r = read_full_file(fs, CONTRACT_FILE_MAX, &data, &size, NULL);
        if (r < 0) {
                diag_add(diags, host_path, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED, "cannot read the contract: %s",
                         r == -EFBIG ? "larger than 1 MiB" : strerror(-r));
                return r;
        }
        return contract_apply_file(c, host_path, data, size, diags);
}

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(char * const *) a, *(char * const *) b);
}

int contract_load(struct contract *c, const char *root, const char *path, struct diag_list *diags) {
        _cleanup_free_ char *dropin_dir = NULL, *fsdir = NULL;
        _cleanup_strv_free_ char **names = NULL;
        DIR *d;
        struct dirent *de;
        int r;

        if (path) {
                r = apply_path(c, root, path, diags);
                if (r < 0)
                        return r;
                dropin_dir = malloc(strlen(path) + 3);
                if (!dropin_dir)
                        return -ENOMEM;
                snprintf(dropin_dir, strlen(path) + 3, "%s.d", path);
        } else {
                dropin_dir = strdup("/etc/goldctl/contract.d");
                if (!dropin_dir)
                        return -ENOMEM;
        }
        fsdir = root_path(root, dropin_dir);
        if (!fsdir)
                return -ENOMEM;
        d = opendir(fsdir);
        if (!d)
                return errno == ENOENT ? 0 : (diag_add(diags, dropin_dir, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                                       "cannot read the contract drop-ins: %s", strerror(errno)), -errno);
        while ((de = readdir(d)))
                if (de->d_name[0] != '.' && endswith(de->d_name, ".conf"))
                        if (strv_extend(&names, de->d_name) < 0) {
                                closedir(d);
                                return -ENOMEM;
                        }
        closedir(d);
        if (names)
                qsort(names, strv_length(names), sizeof(char *), cmp_str);
        STRV_FOREACH(n, names) {
                _cleanup_free_ char *p = path_join(dropin_dir, *n);
                if (!p)
                        return -ENOMEM;
                r = apply_path(c, root, p, diags);
                if (r < 0)
                        return r;
        }
        return 0;
}

char *contract_service_name(const struct contract *c, const char *unit) {
        const char *rest = startswith(unit, c->unit_prefix), *dot;

        if (!rest || !*rest)
                return NULL;
        dot = strrchr(rest, '.');
        if (!dot || dot == rest)
                return NULL;
        return strndup(rest, (size_t) (dot - rest));
}

int contract_venv_match(const struct contract *c, const char *unit_or_script, char **ret) {
        bool script = strchr(unit_or_script, '/');
        char *v;

        for (size_t i = 0; i < c->n_venvs; i++) {
                if (!!strchr(c->venvs[i].pattern, '/') != script)
                        continue;
                if (fnmatch(c->venvs[i].pattern, unit_or_script, 0) != 0)
                        continue;
                v = strdup(c->venvs[i].venv);
                if (!v)
                        return -ENOMEM;
                *ret = v;
                return 1;
        }
        return 0;
}

char *contract_venv_for(const struct contract *c, const char *unit_or_script) {
        char *v = NULL;
        int r;

        r = contract_venv_match(c, unit_or_script, &v);
        if (r != 0)
                return v;       /* the venv, or NULL when out of memory */
        if (strchr(unit_or_script, '/'))
                return NULL;
        return contract_service_name(c, unit_or_script);
}

/*
 * Appends s so that set_words() (EXTRACT_UNQUOTE, no C escapes) reads it back
 * as it is: as is when it is plain, else in double quotes, where a backslash
 * makes the next character literal. Unlike shell_maybe_quote(), control
 * characters are not C-escaped, since nothing would unescape them. Blanks,
 * quotes and backslashes need the quotes; `special` adds characters quoted
 * only to look like a shell word (wildcards).
 */
static void quote_word(struct strbuf *sb, const char *s, const char *special) {
        bool plain = !isempty(s);

        for (const char *p = s; *p && plain; p++)
                if (char_is_cc(*p) || strchr(WHITESPACE "\"'\\", *p) || strchr(special, *p))
                        plain = false;
        if (plain) {
                strbuf_addstr(sb, s);
                return;
        }
        strbuf_addch(sb, '"');
        for (const char *p = s; *p; p++) {
                if (*p == '"' || *p == '\\')
                        strbuf_addch(sb, '\\');
                strbuf_addch(sb, *p);
        }
        strbuf_addch(sb, '"');
}

static void fmt_words(struct strbuf *sb, const char *key, char * const *l) {
        strbuf_addf(sb, "%s=", key);
        STRV_FOREACH(w, l) {
                if (w != l)
                        strbuf_addch(sb, ' ');
                quote_word(sb, *w, "`$*?[()<>|&;!");
        }
        strbuf_addch(sb, '\n');
}

/* With two decimals when that is exact (0.70), else the shortest form that
 * reads back as the same number (0.055, not 0.06). */
static void fmt_number(struct strbuf *sb, const char *key, double d) {
        char buf[64];
        int n;

        n = snprintf(buf, sizeof(buf), "%.2f", d);
        if (n < 0 || (size_t) n >= sizeof(buf) || strtod(buf, NULL) != d)
                for (int prec = 1; prec <= 17; prec++) {
                        n = snprintf(buf, sizeof(buf), "%.*g", prec, d);
                        if (n >= 0 && (size_t) n < sizeof(buf) && strtod(buf, NULL) == d)
                                break;
                }
        strbuf_addf(sb, "%s=%s\n", key, buf);
}

/* Whether the patterns end with the built-in ones, in their order: then the
 * list reads back over the built-in contract without Reset=yes. */
static bool venvs_end_with_builtin(const struct contract *c) {
        size_t n = ELEMENTSOF(builtin_venvs);

        if (c->n_venvs < n)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!streq(c->venvs[c->n_venvs - n + i].pattern, builtin_venvs[i][0]))
                        return false;
        return true;
}

int contract_format(const struct contract *c, char **ret) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "# The effective goldctl contract. Read from:\n");
        STRV_FOREACH(s, c->sources)
                strbuf_addf(&sb, "#   %s\n", *s);
        strbuf_addf(&sb, "\n[Contract]\nName=%s\nVersion=%s\nUnitPrefix=%s\nUser=%s\nGroup=%s\n",
                    c->name, c->version, c->unit_prefix, c->user, c->group);
        strbuf_addf(&sb, "\n[Paths]\nRepoRoot=%s\nDataDir=%s\nModelDir=%s\nVenvDir=%s\nEnvDir=%s\n"
                    "SecretsDir=%s\nDatabase=%s\nLogDir=%s\n",
                    c->repo_root, c->data_dir, c->model_dir, c->venv_dir, c->env_dir, c->secrets_dir,
                    c->database, c->log_dir);
        strbuf_addf(&sb, "\n[EnvFile]\nMode=%04o\nOwner=%s\nGroup=%s\n", c->env_mode, c->env_owner, c->env_group);
        fmt_words(&sb, "Required", c->env_required);
        fmt_words(&sb, "Expect", c->env_expect);
        fmt_words(&sb, "PathVariables", c->env_path_variables);
        strbuf_addf(&sb, "\n[Redis]\nHost=%s\nPort=%u\nUnit=%s\n", c->redis_host, c->redis_port, c->redis_unit);
        fmt_words(&sb, "AllowedHosts", c->redis_allowed_hosts);
        strbuf_addf(&sb, "\n[Units]\nRestart=%s\nStandardOutput=%s\nRuntimeType=%s\nOpsType=%s\n",
                    c->restart, c->standard_output, c->runtime_type, c->ops_type);
        fmt_words(&sb, "After", c->after);
        fmt_words(&sb, "Wants", c->wants);
        fmt_words(&sb, "BindsTo", c->binds_to);
        fmt_words(&sb, "Chain", c->chain);
        /* in the order they are matched */
        strbuf_addstr(&sb, "\n[Venvs]\n");
        if (!venvs_end_with_builtin(c))
                strbuf_addstr(&sb, "Reset=yes\n");
        for (size_t i = 0; i < c->n_venvs; i++)
                strbuf_addf(&sb, "%s=%s\n", c->venvs[i].pattern, c->venvs[i].venv);
        strbuf_addf(&sb, "\n[Gate]\nStream=%s\nMinPredictions=%u\n", c->gate_stream, c->gate_min_predictions);
        fmt_number(&sb, "MaxClassShare", c->gate_max_class_share);
        fmt_number(&sb, "MinStd", c->gate_min_std);
        fmt_number(&sb, "MinP10P90", c->gate_min_p10_p90);
        fmt_number(&sb, "MaxHoldShare", c->gate_max_hold_share);
        fmt_number(&sb, "MaxMalformedShare", c->gate_max_malformed_share);
        fmt_number(&sb, "MinAgreement", c->gate_min_agreement);
        fmt_number(&sb, "MaxHardDisagreement", c->gate_max_hard_disagreement);
        if (c->n_suppressions > 0) {
                strbuf_addstr(&sb, "\n[Suppress]\n");
                for (size_t i = 0; i < c->n_suppressions; i++) {
                        const struct contract_suppression *s = &c->suppressions[i];

                        /* as parse_suppression() reads it: the rules as one word
                         * where a backslash makes the next character literal, the
                         * path as one word that may be quoted, the reason as it is */
                        strbuf_addstr(&sb, "Ignore=");
                        STRV_FOREACH(id, s->rules) {
                                if (id != s->rules)
                                        strbuf_addch(&sb, ',');
                                for (const char *p = *id; *p; p++) {
                                        if (*p == '\\' || strchr(WHITESPACE, *p))
                                                strbuf_addch(&sb, '\\');
                                        strbuf_addch(&sb, *p);
                                }
                        }
                        strbuf_addch(&sb, ' ');
                        quote_word(&sb, s->path, "");
                        if (s->line)
                                strbuf_addf(&sb, ":%u", s->line);
                        strbuf_addf(&sb, " %s\n", s->reason);
                }
        }
        *ret = strbuf_detach(&sb, NULL);
        return *ret ? 0 : -ENOMEM;
}
