/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "chase.h"
#include "env-file.h"
#include "fileio.h"
#include "parse-util.h"
#include "path-util.h"
#include "run.h"
#include "secret.h"
#include "strbuf.h"
#include "strv.h"

/* The PATH after the venv's bin/: systemd's default for services. */
#define RUN_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static const char *const check_names[_RUN_CHECK_MAX] = {
        [RUN_CHECK_REPO_ROOT] = "repo-root",
        [RUN_CHECK_VENV] = "venv",
        [RUN_CHECK_ENV_FILE] = "env-file",
        [RUN_CHECK_SCRIPT] = "script",
        [RUN_CHECK_REDIS] = "redis",
        [RUN_CHECK_DATABASE] = "database",
        [RUN_CHECK_DATA_DIR] = "data-dir",
};

const char *run_check_to_string(enum run_check c) {
        return c >= 0 && c < _RUN_CHECK_MAX ? check_names[c] : NULL;
}

bool run_service_name_is_valid(const char *s) {
        if (isempty(s) || streq(s, ".") || streq(s, "..") || strlen(s) > 128)
                return false;
        for (const char *p = s; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                      *p == '-' || *p == '_' || *p == '.'))
                        return false;
        return true;
}

bool run_env_is_secret(const char *assignment) {
        const char *eq = strchr(assignment, '=');
        _cleanup_free_ char *name = NULL;

        if (!eq)
                return false;
        name = strndup(assignment, (size_t) (eq - assignment));
        if (!name)
                return true;    /* when in doubt, hide it */
        /* a path to a secret is not the secret (BINANCE_API_SECRET_FILE=/opt/quantum/secrets/x) */
        if (eq[1] == '/' || endswith(name, "_FILE") || endswith(name, "_PATH") || endswith(name, "_DIR"))
                return false;
        return secret_name_like(name) || secret_value_like(eq + 1);
}

static char *vformat(const char *fmt, va_list ap) _printf_(1, 0);
static char *vformat(const char *fmt, va_list ap) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_vaddf(&sb, fmt, ap);
        return strbuf_detach(&sb, NULL);
}

int run_result_what(struct run_check_result *res, const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        free(res->what);
        res->what = vformat(fmt, ap);
        va_end(ap);
        return res->what ? 0 : -ENOMEM;
}

int run_result_ok(struct run_check_result *res, const char *fmt, ...) {
        va_list ap;

        res->status = RUN_STATUS_OK;
        va_start(ap, fmt);
        free(res->message);
        res->message = vformat(fmt, ap);
        va_end(ap);
        return res->message ? 0 : -ENOMEM;
}

int run_result_fail(struct run_check_result *res, const char *fix, const char *fmt, ...) {
        va_list ap;

        res->status = RUN_STATUS_FAILED;
        va_start(ap, fmt);
        free(res->message);
        res->message = vformat(fmt, ap);
        va_end(ap);
        free(res->fix);
        res->fix = strdup(fix);
        return res->message && res->fix ? 1 : -ENOMEM;
}

void run_result_release(struct run_check_result *res) {
        free(res->what);
        free(res->message);
        free(res->fix);
        *res = (struct run_check_result) {};
}

#define set_what(p, c, ...) run_result_what(&(p)->checks[c], __VA_ARGS__)
#define ok(p, c, ...) run_result_ok(&(p)->checks[c], __VA_ARGS__)
/* Records the failure; returns 1 (stop) or -ENOMEM. */
#define fail(p, c, fix, ...) ((p)->failed = (int) (c), run_result_fail(&(p)->checks[c], fix, __VA_ARGS__))

static const char *user_name(uid_t uid) {
        const struct passwd *pw = getpwuid(uid);
        return pw ? pw->pw_name : NULL;
}

static const char *group_name(gid_t gid) {
        const struct group *gr = getgrgid(gid);
        return gr ? gr->gr_name : NULL;
}

static int check_repo_root(struct run_plan *p, const struct contract *c) {
        struct stat st;

        if (set_what(p, RUN_CHECK_REPO_ROOT, "repository root %s", c->repo_root) < 0)
                return -ENOMEM;
        if (stat(c->repo_root, &st) < 0)
                return fail(p, RUN_CHECK_REPO_ROOT, "Clone the repository there as the service user (git clone).",
                            "%s", strerror(errno));
        if (!S_ISDIR(st.st_mode))
                return fail(p, RUN_CHECK_REPO_ROOT, "RepoRoot= must be the repository's directory.",
                            "not a directory");
        p->cwd = strdup(c->repo_root);
        if (!p->cwd)
                return -ENOMEM;
        return ok(p, RUN_CHECK_REPO_ROOT, "a directory");
}

static int check_venv(struct run_plan *p, const struct run_request *req) {
        const struct contract *c = req->c;
        _cleanup_free_ char *unit = NULL, *dir = NULL;
        struct stat st;

        /* the service's venv: the contract's [Venvs] for its unit, else its own name */
        {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s%s.service", c->unit_prefix, req->service);
                unit = strbuf_detach(&sb, NULL);
                if (!unit)
                        return -ENOMEM;
        }
        if (contract_venv_match(c, unit, &p->venv) < 0)
                return -ENOMEM;
        if (!p->venv && !(p->venv = strdup(req->service)))
                return -ENOMEM;
        /* the contract may tie the script to a venv ([Venvs] ops/training/...=ai-engine):
         * a script run under another service would run with the wrong venv */
        {
                const char *rel = req->script[0] == '/' ? path_startswith(req->script, c->repo_root) : req->script;
                _cleanup_free_ char *norm = rel ? strdup(rel) : NULL, *sv = NULL;
                int q;

                if (rel && !norm)
                        return -ENOMEM;
                if (norm) {
                        path_simplify(norm);
                        q = contract_venv_match(c, norm, &sv);
                        if (q < 0)
                                return q;
                        if (q > 0 && !streq(sv, p->venv)) {
                                if (set_what(p, RUN_CHECK_VENV, "venv of %s", req->script) < 0)
                                        return -ENOMEM;
                                return fail(p, RUN_CHECK_VENV, "Run it under a service whose venv the contract gives it.",
                                            "the contract runs %s with the %s venv ([Venvs]), but %s's venv is %s",
                                            req->script, sv, req->service, p->venv);
                        }
                }
        }
        dir = path_join(c->venv_dir, p->venv);
        p->python = dir ? path_join(dir, "bin/python") : NULL;
        if (!p->python)
                return -ENOMEM;
        if (set_what(p, RUN_CHECK_VENV, "venv %s", dir) < 0)
                return -ENOMEM;
        if (stat(dir, &st) < 0)
                return fail(p, RUN_CHECK_VENV, "Create it: python3 -m venv <VenvDir>/<venv>, then install the requirements.",
                            "%s", strerror(errno));
        if (!S_ISDIR(st.st_mode))
                return fail(p, RUN_CHECK_VENV, "VenvDir=/<venv> must be the venv's directory.", "not a directory");
        if (stat(p->python, &st) < 0)
                return fail(p, RUN_CHECK_VENV, "Recreate the venv (its python is gone or a dangling link).",
                            "%s: %s", p->python, strerror(errno));
        if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
                return fail(p, RUN_CHECK_VENV, "Recreate the venv.", "%s is not an executable file", p->python);
        return ok(p, RUN_CHECK_VENV, "%s is executable", p->python);
}

/* The env file's value of name, or NULL. */
static const char *env_get(const struct env_file *f, const char *name) {
        for (size_t i = 0; i < f->n; i++)
                if (f->items[i].valid && streq(f->items[i].key, name))
                        return f->items[i].value;
        return NULL;
}

static int check_env_file(struct run_plan *p, const struct run_request *req, struct env_file *env) {
        const struct contract *c = req->c;
        _cleanup_free_ char *data = NULL, *file = NULL;
        _cleanup_close_ int fd = -1;
        const char *u, *g;
        struct stat st;
        size_t size = 0;
        int r;

        {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s.env", req->service);
                file = strbuf_detach(&sb, NULL);
                if (!file)
                        return -ENOMEM;
        }
        p->env_path = path_join(c->env_dir, file);
        if (!p->env_path)
                return -ENOMEM;
        if (set_what(p, RUN_CHECK_ENV_FILE, "env file %s", p->env_path) < 0)
                return -ENOMEM;
        /* not through a symbolic link: the file checked is the file read */
        fd = open(p->env_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
                return fail(p, RUN_CHECK_ENV_FILE,
                            errno == ELOOP ? "Replace the symbolic link with the file itself."
                                           : "Create it from the contract's required variables ('goldctl contract show').",
                            "%s", errno == ELOOP ? "a symbolic link (not followed)" : strerror(errno));
        if (fstat(fd, &st) < 0)
                return fail(p, RUN_CHECK_ENV_FILE, "Check the file.", "%s", strerror(errno));
        if (!S_ISREG(st.st_mode))
                return fail(p, RUN_CHECK_ENV_FILE, "Make it a regular file.", "not a regular file");
        if ((st.st_mode & 07777 & ~(mode_t) c->env_mode) != 0)
                return fail(p, RUN_CHECK_ENV_FILE, "chmod it to the contract's mode ([EnvFile] Mode=).",
                            "mode %04o, more permissive than %04o",
                            (unsigned) (st.st_mode & 07777), c->env_mode);
        u = user_name(st.st_uid);
        g = group_name(st.st_gid);
        if (!u || !g || !streq(u, c->env_owner) || !streq(g, c->env_group)) {
                char uid[32], gid[32];
                snprintf(uid, sizeof(uid), "%u", (unsigned) st.st_uid);
                snprintf(gid, sizeof(gid), "%u", (unsigned) st.st_gid);
                return fail(p, RUN_CHECK_ENV_FILE, "chown it to the contract's owner ([EnvFile] Owner= and Group=).",
                            "owned by %s:%s; the contract says %s:%s", u ? u : uid, g ? g : gid,
                            c->env_owner, c->env_group);
        }
        r = read_full_fd(fd, ENV_FILE_SIZE_MAX, &data, &size);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return fail(p, RUN_CHECK_ENV_FILE, "Check the file.", "cannot be read: %s",
                            r == -EFBIG ? "larger than systemd's limit" : strerror(-r));
        r = env_file_parse(p->env_path, data, size, 0, env);
        if (r < 0)
                return r;
        if (env->failed)
                return fail(p, RUN_CHECK_ENV_FILE, "'goldctl env show FILE' shows the line.",
                            "systemd refuses the file (it is not valid UTF-8): a service with it does not start");
        /* the wrapper sets these from the contract: the file may repeat them, never contradict them */
        {
                static const char *const fixed[] = { "REPO_ROOT", "DATA_DIR" };
                const char *want[] = { c->repo_root, c->data_dir };
                for (size_t i = 0; i < ELEMENTSOF(fixed); i++) {
                        const char *v = env_get(env, fixed[i]);
                        if (v && !streq(v, want[i]))
                                return fail(p, RUN_CHECK_ENV_FILE, "Make the env file agree with the contract, or drop the line.",
                                            "it sets %s=%s, but the contract's is %s: the script would not run "
                                            "where it was checked", fixed[i], v, want[i]);
                }
        }
        {
                size_t valid = 0;
                for (size_t i = 0; i < env->n; i++)
                        valid += env->items[i].valid;
                return ok(p, RUN_CHECK_ENV_FILE, "mode %04o, %s:%s, %zu variables systemd applies",
                          (unsigned) (st.st_mode & 07777), u, g, valid);
        }
}

static int check_script(struct run_plan *p, const struct run_request *req) {
        const struct contract *c = req->c;
        _cleanup_free_ char *joined = NULL, *root = NULL, *resolved = NULL;
        const char *rest;
        struct stat st;
        int r;

        if (set_what(p, RUN_CHECK_SCRIPT, "script %s", req->script) < 0)
                return -ENOMEM;
        joined = req->script[0] == '/' ? strdup(req->script) : path_join(c->repo_root, req->script);
        if (!joined)
                return -ENOMEM;
        r = chase_symlinks(NULL, c->repo_root, 0, &root);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return fail(p, RUN_CHECK_SCRIPT, "Check RepoRoot=.", "%s cannot be resolved: %s", c->repo_root,
                            strerror(-r));
        r = chase_symlinks(NULL, joined, 0, &resolved);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return fail(p, RUN_CHECK_SCRIPT, "Give the script's path relative to the repository root.",
                            "%s: %s", joined, strerror(-r));
        rest = path_startswith(resolved, root);
        if (!rest || !*rest)
                return fail(p, RUN_CHECK_SCRIPT, "Only scripts of the repository run through the wrapper.",
                            "%s resolves to %s, outside the repository %s", req->script, resolved, root);
        if (stat(resolved, &st) < 0)
                return fail(p, RUN_CHECK_SCRIPT, "Check the path.", "%s: %s", resolved, strerror(errno));
        if (!S_ISREG(st.st_mode))
                return fail(p, RUN_CHECK_SCRIPT, "Give a script file.", "%s is not a regular file", resolved);
        p->script = TAKE_PTR(resolved);
        return ok(p, RUN_CHECK_SCRIPT, "%s", p->script);
}

static int check_redis(struct run_plan *p, const struct run_request *req, const struct env_file *env) {
        const struct contract *c = req->c;
        const char *host = env_get(env, "REDIS_HOST"), *port_s = env_get(env, "REDIS_PORT");
        _cleanup_free_ char *err = NULL;
        unsigned port = c->redis_port;
        int r;

        if (!host)
                host = c->redis_host;
        if (port_s) {
                unsigned v;
                if (safe_atou(port_s, &v) < 0 || v == 0 || v > 65535)
                        return fail(p, RUN_CHECK_REDIS, "REDIS_PORT= must be a port number.",
                                    "%s sets REDIS_PORT=%s, which is not a port", p->env_path, port_s);
                port = (unsigned) v;
        }
        if (host[0] == '/' ? set_what(p, RUN_CHECK_REDIS, "Redis at %s", host) < 0
                           : set_what(p, RUN_CHECK_REDIS, "Redis at %s:%u", host, port) < 0)
                return -ENOMEM;
        if (!req->redis_ping)
                return fail(p, RUN_CHECK_REDIS, "This build cannot reach Redis.", "no Redis client");
        r = req->redis_ping(host, port, req->redis_timeout_ms, &err);
        if (r == -ENOMEM)
                return r;
        if (r == -EPROTO)
                return fail(p, RUN_CHECK_REDIS, "Check that REDIS_HOST and REDIS_PORT name the contract's Redis "
                            "(the wrapper sends no AUTH).", "PING was answered, but not with PONG: %s",
                            err ? err : strerror(-r));
        if (r < 0)
                return fail(p, RUN_CHECK_REDIS, "systemctl status redis-server; check REDIS_HOST and REDIS_PORT.",
                            "no answer to PING within %u ms: %s", req->redis_timeout_ms, err ? err : strerror(-r));
        return ok(p, RUN_CHECK_REDIS, "PONG");
}

static int check_database(struct run_plan *p, const struct run_request *req, const struct env_file *env) {
        const char *db = env_get(env, "DB_PATH");
        struct stat st;

        if (!db)
                db = req->c->database;
        if (set_what(p, RUN_CHECK_DATABASE, "database %s", db) < 0)
                return -ENOMEM;
        if (db[0] != '/')
                return fail(p, RUN_CHECK_DATABASE, "Write DB_PATH= as an absolute path.",
                            "DB_PATH=%s is relative: it depends on the directory the script runs from", db);
        if (stat(db, &st) < 0)
                return fail(p, RUN_CHECK_DATABASE, "Restore the database, or fix DB_PATH=.", "%s", strerror(errno));
        if (!S_ISREG(st.st_mode))
                return fail(p, RUN_CHECK_DATABASE, "DB_PATH= must name the database file.", "not a regular file");
        return ok(p, RUN_CHECK_DATABASE, "a regular file");
}

static int check_data_dir(struct run_plan *p, const struct contract *c) {
        struct stat st;

        if (set_what(p, RUN_CHECK_DATA_DIR, "data directory %s", c->data_dir) < 0)
                return -ENOMEM;
        if (stat(c->data_dir, &st) < 0)
                return fail(p, RUN_CHECK_DATA_DIR, "Create it, owned by the service user.", "%s", strerror(errno));
        if (!S_ISDIR(st.st_mode))
                return fail(p, RUN_CHECK_DATA_DIR, "DataDir= must be a directory.", "not a directory");
        return ok(p, RUN_CHECK_DATA_DIR, "a directory");
}

/* Sets name=value in envp, replacing an earlier value (noted when it came from the env file). */
static int env_set(struct run_plan *p, const char *name, const char *value, bool note) {
        size_t n = strlen(name);
        struct strbuf sb = STRBUF_INIT;
        char *a;

        strbuf_addf(&sb, "%s=%s", name, value);
        a = strbuf_detach(&sb, NULL);
        if (!a)
                return -ENOMEM;
        for (char **e = p->envp; e && *e; e++)
                if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
                        if (note && !streq(*e + n + 1, value)) {
                                struct strbuf nb = STRBUF_INIT;
                                strbuf_addf(&nb, "%s: the env file's value is replaced by the wrapper's (%s)", name, value);
                                if (strv_push(&p->notes, strbuf_detach(&nb, NULL)) < 0) {
                                        free(a);
                                        return -ENOMEM;
                                }
                        }
                        free(*e);
                        *e = a;
                        return 0;
                }
        if (strv_push(&p->envp, a) < 0) {
                free(a);
                return -ENOMEM;
        }
        return 0;
}

static int build(struct run_plan *p, const struct run_request *req, const struct env_file *env) {
        const struct contract *c = req->c;
        _cleanup_free_ char *venv_dir = path_join(c->venv_dir, p->venv), *path = NULL;
        struct strbuf sb = STRBUF_INIT;
        int r;

        if (!venv_dir)
                return -ENOMEM;
        /* the env file, as systemd gives it to a service: the valid assignments in its
         * order (one entry per name: a repeated name keeps its place, with the last value) */
        {
                size_t n = 0, alloc = 0;
                for (size_t i = 0; i < env->n; i++) {
                        struct strbuf a = STRBUF_INIT;
                        char *s;

                        if (!env->items[i].valid)
                                continue;
                        strbuf_addf(&a, "%s=%s", env->items[i].key, env->items[i].value);
                        s = strbuf_detach(&a, NULL);
                        if (!s || strv_push_n(&p->envp, &n, &alloc, s) < 0) {
                                free(s);
                                return -ENOMEM;
                        }
                }
        }
        strbuf_addf(&sb, "%s/bin:%s", venv_dir, RUN_DEFAULT_PATH);
        path = strbuf_detach(&sb, NULL);
        if (!path)
                return -ENOMEM;
        if ((r = env_set(p, "REPO_ROOT", c->repo_root, true)) < 0 ||
            (r = env_set(p, "DATA_DIR", c->data_dir, true)) < 0 ||
            (r = env_set(p, "PYTHONPATH", c->repo_root, true)) < 0 ||
            (r = env_set(p, "PATH", path, true)) < 0 ||
            (r = env_set(p, "VIRTUAL_ENV", venv_dir, true)) < 0 ||
            (r = env_set(p, "PYTHONUNBUFFERED", "1", true)) < 0 ||
            (r = env_set(p, "SERVICE_NAME", req->service, true)) < 0)
                return r;
        if (strv_extend(&p->argv, p->python) < 0 || strv_extend(&p->argv, p->script) < 0)
                return -ENOMEM;
        STRV_FOREACH(a, req->args)
                if (strv_extend(&p->argv, *a) < 0)
                        return -ENOMEM;
        return 0;
}

int run_plan_build(const struct run_request *req, struct run_plan *p) {
        struct env_file env = {};
        int r;

        *p = (struct run_plan) { .failed = -1 };
        r = check_repo_root(p, req->c);
        if (r == 0)
                r = check_venv(p, req);
        if (r == 0)
                r = check_env_file(p, req, &env);
        if (r == 0)
                r = check_script(p, req);
        if (r == 0)
                r = check_redis(p, req, &env);
        if (r == 0)
                r = check_database(p, req, &env);
        if (r == 0)
                r = check_data_dir(p, req->c);
        if (r == 0)
                r = build(p, req, &env);
        env_file_release(&env);
        return r < 0 ? r : 0;
}

void run_plan_release(struct run_plan *p) {
        for (size_t i = 0; i < _RUN_CHECK_MAX; i++)
                run_result_release(&p->checks[i]);
        free(p->venv);
        free(p->python);
        free(p->env_path);
        free(p->script);
        free(p->cwd);
        strv_free(p->argv);
        strv_free(p->envp);
        strv_free(p->notes);
        *p = (struct run_plan) { .failed = -1 };
}
