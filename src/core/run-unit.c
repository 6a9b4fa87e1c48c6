/* SPDX-License-Identifier: MIT */
#include <glob.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "env-file.h"
#include "fileio.h"
#include "hashmap.h"
#include "parse-util.h"
#include "path-util.h"
#include "run-unit.h"
#include "strbuf.h"
#include "strv.h"

static const char *const check_names[_RUN_UNIT_CHECK_MAX] = {
        [RUN_UNIT_CHECK_UNIT] = "unit",
        [RUN_UNIT_CHECK_USER] = "user",
        [RUN_UNIT_CHECK_ENV_FILES] = "env-files",
        [RUN_UNIT_CHECK_WORKING_DIRECTORY] = "working-directory",
        [RUN_UNIT_CHECK_COMMAND] = "command",
};

const char *run_unit_check_to_string(enum run_unit_check c) {
        return c >= 0 && c < _RUN_UNIT_CHECK_MAX ? check_names[c] : NULL;
}

#define WHAT(p, c, ...) run_result_what(&(p)->checks[c], __VA_ARGS__)
#define OK(p, c, ...) run_result_ok(&(p)->checks[c], __VA_ARGS__)
/* Records the failure; returns 1 (stop) or -ENOMEM. */
#define FAIL(p, c, fix, ...) ((p)->failed = (int) (c), run_result_fail(&(p)->checks[c], fix, __VA_ARGS__))

/* ---- the environment, merged by name: a later list replaces a value in place ---- */

struct env_var {
        char *name;
        char *assignment;       /* NULL once removed by UnsetEnvironment= */
        char *origin;
};

struct env_builder {
        struct env_var *v;
        size_t n, alloc;
        struct hashmap index;   /* name -> struct env_var index + 1 */
};

static void env_builder_release(struct env_builder *b) {
        for (size_t i = 0; i < b->n; i++) {
                free(b->v[i].name);
                free(b->v[i].assignment);
                free(b->v[i].origin);
        }
        free(b->v);
        hashmap_clear(&b->index);
        *b = (struct env_builder) {};
}

/* Sets NAME=value (assignment is "NAME=value"); origin is copied. */
static int env_put(struct env_builder *b, const char *assignment, const char *origin) {
        size_t n = strcspn(assignment, "=");
        _cleanup_free_ char *name = strndup(assignment, n), *a = strdup(assignment), *o = strdup(origin);
        void *idx;

        if (!name || !a || !o)
                return -ENOMEM;
        idx = hashmap_get(&b->index, name);
        if (idx) {
                struct env_var *v = &b->v[(size_t) (uintptr_t) idx - 1];
                free(v->assignment);
                free(v->origin);
                v->assignment = TAKE_PTR(a);
                v->origin = TAKE_PTR(o);
                return 0;
        }
        if (b->n == b->alloc) {
                size_t na = b->alloc ? b->alloc * 2 : 32;
                struct env_var *nv = reallocarray(b->v, na, sizeof(*nv));
                if (!nv)
                        return -ENOMEM;
                b->v = nv;
                b->alloc = na;
        }
        b->v[b->n] = (struct env_var) { TAKE_PTR(name), TAKE_PTR(a), TAKE_PTR(o) };
        if (hashmap_put(&b->index, b->v[b->n].name, (void *) (uintptr_t) (b->n + 1)) < 0) {
                free(b->v[b->n].name);  /* not counted: freed here */
                free(b->v[b->n].assignment);
                free(b->v[b->n].origin);
                return -ENOMEM;
        }
        b->n++;
        return 0;
}

static int env_putf(struct env_builder *b, const char *name, const char *value, const char *origin) {
        struct strbuf sb = STRBUF_INIT;
        _cleanup_free_ char *a = NULL;

        strbuf_addf(&sb, "%s=%s", name, value);
        a = strbuf_detach(&sb, NULL);
        return a ? env_put(b, a, origin) : -ENOMEM;
}

static const char *env_lookup(char *const *env, const char *name) {
        size_t n = strlen(name);

        STRV_FOREACH(e, env)
                if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
                        return *e + n + 1;
        return NULL;
}

/* ---- the checks ---- */

static int check_unit(struct run_unit_plan *p, const struct unit *u) {
        if (WHAT(p, RUN_UNIT_CHECK_UNIT, "unit %s", u->id) < 0)
                return -ENOMEM;
        switch (u->load_state) {
        case UNIT_LOADED:
                break;
        case UNIT_NOT_FOUND:
                return FAIL(p, RUN_UNIT_CHECK_UNIT, "Check the name ('systemctl list-unit-files'), or give --unit-path.",
                            "no unit file for it on the unit search path");
        case UNIT_MASKED:
                return FAIL(p, RUN_UNIT_CHECK_UNIT, "Unmask it ('systemctl unmask') if it should run.",
                            "masked: systemd would not start it");
        default:
                return FAIL(p, RUN_UNIT_CHECK_UNIT, "'goldctl unit verify' names the setting.",
                            "load state %s: systemd would not start it", unit_load_state_to_string(u->load_state));
        }
        if (u->type != UNIT_SERVICE)
                return FAIL(p, RUN_UNIT_CHECK_UNIT, "Name the service whose ExecStart= environment you want.",
                            "not a service");
        return OK(p, RUN_UNIT_CHECK_UNIT, "loaded from %s%s", u->fragment_path ? u->fragment_path : "(no file)",
                  u->dropin_paths && u->dropin_paths[0] ? " and its drop-ins" : "");
}

static bool is_nologin_shell(const char *s) {
        static const char *const nologin[] = {
                "/bin/nologin", "/sbin/nologin", "/usr/bin/nologin", "/usr/sbin/nologin",
                "/bin/false", "/usr/bin/false", "/bin/true", "/usr/bin/true",
        };
        for (size_t i = 0; i < ELEMENTSOF(nologin); i++)
                if (streq(s, nologin[i]))
                        return true;
        return false;
}

static bool synthesize_nobody(void) {
        return access("/etc/systemd/dont-synthesize-nobody", F_OK) < 0;
}

/* User=, as systemd resolves it for a service: root and nobody are built
 * in; otherwise NSS, by number or name. A home of "/" or a relative one is
 * no home, a nologin shell no shell (so HOME= and SHELL= are not set). */
static int resolve_user(const char *name, char **ret_name, uid_t *ret_uid, gid_t *ret_gid, char **ret_home,
                        char **ret_shell) {
        const struct passwd *pw;
        unsigned n;

        *ret_name = *ret_home = *ret_shell = NULL;
        if (streq(name, "root") || streq(name, "0")) {
                *ret_uid = 0;
                *ret_gid = 0;
                *ret_name = strdup("root");
                *ret_home = strdup("/root");
                *ret_shell = strdup(access("/bin/bash", X_OK) == 0 ? "/bin/bash" : "/bin/sh");
                return *ret_name && *ret_home && *ret_shell ? 0 : -ENOMEM;
        }
        if ((streq(name, "nobody") || streq(name, "65534")) && synthesize_nobody()) {
                *ret_uid = 65534;
                *ret_gid = 65534;
                *ret_name = strdup("nobody");
                return *ret_name ? 0 : -ENOMEM;
        }
        errno = 0;
        pw = safe_atou(name, &n) >= 0 ? getpwuid((uid_t) n) : getpwnam(name);
        if (!pw)
                return errno > 0 && errno != ENOENT && errno != ESRCH ? -errno : -ESRCH;
        *ret_uid = pw->pw_uid;
        *ret_gid = pw->pw_gid;
        *ret_name = strdup(pw->pw_name);
        if (!*ret_name)
                return -ENOMEM;
        if (!isempty(pw->pw_dir) && path_is_absolute(pw->pw_dir) && !streq(pw->pw_dir, "/")) {
                *ret_home = strdup(pw->pw_dir);
                if (!*ret_home)
                        return -ENOMEM;
        }
        if (!isempty(pw->pw_shell) && path_is_absolute(pw->pw_shell) && !is_nologin_shell(pw->pw_shell)) {
                *ret_shell = strdup(pw->pw_shell);
                if (!*ret_shell)
                        return -ENOMEM;
        }
        return 0;
}

static int resolve_group(const char *name, gid_t *ret) {
        const struct group *gr;
        unsigned n;

        if (streq(name, "root") || streq(name, "0")) {
                *ret = 0;
                return 0;
        }
        /* systemd's built-in group is Debian's name for it, nogroup (there is no group "nobody") */
        if ((streq(name, "nogroup") || streq(name, "65534")) && synthesize_nobody()) {
                *ret = 65534;
                return 0;
        }
        errno = 0;
        gr = safe_atou(name, &n) >= 0 ? getgrgid((gid_t) n) : getgrnam(name);
        if (!gr)
                return errno > 0 && errno != ENOENT && errno != ESRCH ? -errno : -ESRCH;
        *ret = gr->gr_gid;
        return 0;
}

static int add_group(struct run_unit_plan *p, gid_t g) {
        gid_t *ng;

        for (size_t i = 0; i < p->n_groups; i++)
                if (p->groups[i] == g)
                        return 0;
        ng = reallocarray(p->groups, p->n_groups + 1, sizeof(gid_t));
        if (!ng)
                return -ENOMEM;
        p->groups = ng;
        p->groups[p->n_groups++] = g;
        return 0;
}

static int check_user(struct run_unit_plan *p, const struct unit *u, char **ret_home, char **ret_shell) {
        const struct exec_context *c = &u->ctx;
        int r;

        p->uid = 0;
        p->gid = 0;
        if (c->dynamic_user) {
                if (WHAT(p, RUN_UNIT_CHECK_USER, "DynamicUser=yes") < 0)
                        return -ENOMEM;
                return FAIL(p, RUN_UNIT_CHECK_USER, "Run the command in the service itself (systemd-run --pty -p DynamicUser=yes ...).",
                            "the service's user is allocated by the manager while it runs: there is no user to run as");
        }
        if (c->user.value) {
                if (WHAT(p, RUN_UNIT_CHECK_USER, "User=%s", c->user.value) < 0)
                        return -ENOMEM;
                r = resolve_user(c->user.value, &p->user, &p->uid, &p->gid, ret_home, ret_shell);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        return FAIL(p, RUN_UNIT_CHECK_USER, "Create the user, or correct User=.",
                                    "no such user%s%s", r == -ESRCH ? "" : ": ", r == -ESRCH ? "" : strerror(-r));
        } else if (WHAT(p, RUN_UNIT_CHECK_USER, "no User= (root)") < 0)
                return -ENOMEM;
        if (c->group.value) {
                r = resolve_group(c->group.value, &p->gid);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        return FAIL(p, RUN_UNIT_CHECK_USER, "Create the group, or correct Group=.",
                                    "Group=%s: no such group", c->group.value);
        }
        /* the user's groups (initgroups), unless it runs with group 0 */
        if (p->user && p->gid != 0) {
                int ng = 64;
                gid_t *l = NULL;

                for (;;) {
                        gid_t *nl = reallocarray(l, (size_t) ng, sizeof(gid_t));
                        int want = ng;
                        if (!nl) {
                                free(l);
                                return -ENOMEM;
                        }
                        l = nl;
                        if (getgrouplist(p->user, p->gid, l, &ng) >= 0)
                                break;
                        if (ng <= want || ng > 65536) {
                                free(l);
                                return FAIL(p, RUN_UNIT_CHECK_USER, "Check the group database.",
                                            "cannot list the groups of %s", p->user);
                        }
                }
                for (int i = 0; i < ng; i++)
                        if (add_group(p, l[i]) < 0) {
                                free(l);
                                return -ENOMEM;
                        }
                free(l);
                p->set_groups = true;
        }
        for (size_t i = 0; i < c->supplementary_groups.n; i++) {
                gid_t g;

                r = resolve_group(c->supplementary_groups.items[i].value, &g);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        return FAIL(p, RUN_UNIT_CHECK_USER, "Create the group, or correct SupplementaryGroups=.",
                                    "SupplementaryGroups=%s: no such group", c->supplementary_groups.items[i].value);
                if (add_group(p, g) < 0)
                        return -ENOMEM;
                p->set_groups = true;
        }
        return OK(p, RUN_UNIT_CHECK_USER, "uid %u, gid %u, %zu supplementary group%s%s", (unsigned) p->uid,
                  (unsigned) p->gid, p->n_groups, p->n_groups == 1 ? "" : "s",
                  p->set_groups ? "" : " (the caller's, as the manager keeps its own)");
}

static int origin_text(const struct origin *o, const char *what, char **ret) {
        struct strbuf sb = STRBUF_INIT;

        if (o->file)
                strbuf_addf(&sb, "%s at %s:%u", what, o->file, o->line);
        else
                strbuf_addf(&sb, "%s", what);
        *ret = strbuf_detach(&sb, NULL);
        return *ret ? 0 : -ENOMEM;
}

/* One environment file, as systemd reads it when the service starts.
 * Returns 0 with its variables added, 1 when the file cannot be used (the
 * reason in *ret_error), or -ENOMEM. */
static int load_env_file(struct env_builder *b, const char *path, char **ret_error) {
        _cleanup_free_ char *data = NULL;
        struct env_file f = {};
        struct strbuf sb = STRBUF_INIT;
        size_t size = 0;
        int r;

        *ret_error = NULL;
        r = read_full_file(path, ENV_FILE_SIZE_MAX, &data, &size, NULL);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                strbuf_addf(&sb, "%s: %s", path, r == -EFBIG ? "larger than systemd's limit" : strerror(-r));
                *ret_error = strbuf_detach(&sb, NULL);
                return *ret_error ? 1 : -ENOMEM;
        }
        r = env_file_parse(path, data, size, 0, &f);
        if (r < 0)
                return r;
        if (f.failed) {
                env_file_release(&f);
                strbuf_addf(&sb, "%s: not valid UTF-8: systemd refuses it", path);
                *ret_error = strbuf_detach(&sb, NULL);
                return *ret_error ? 1 : -ENOMEM;
        }
        for (size_t i = 0; i < f.n && r >= 0; i++) {
                _cleanup_free_ char *a = NULL, *o = NULL;
                struct strbuf ab = STRBUF_INIT, ob = STRBUF_INIT;

                if (!f.items[i].valid)
                        continue;
                strbuf_addf(&ab, "%s=%s", f.items[i].key, f.items[i].value);
                strbuf_addf(&ob, "EnvironmentFile= %s:%u", path, f.items[i].line);
                a = strbuf_detach(&ab, NULL);
                o = strbuf_detach(&ob, NULL);
                r = a && o ? env_put(b, a, o) : -ENOMEM;
        }
        env_file_release(&f);
        return r < 0 ? r : 0;
}

static int check_env_files(struct run_unit_plan *p, const struct exec_context *c, struct env_builder *b) {
        size_t files = 0, skipped = 0;
        int r;

        if (WHAT(p, RUN_UNIT_CHECK_ENV_FILES, "%zu EnvironmentFile= setting%s", c->environment_files.n,
                 c->environment_files.n == 1 ? "" : "s") < 0)
                return -ENOMEM;
        for (size_t i = 0; i < c->environment_files.n; i++) {
                const char *fn = c->environment_files.items[i].value;
                bool optional = fn[0] == '-';
                glob_t g = {};
                int k;

                if (optional)
                        fn++;
                k = glob(fn, 0, NULL, &g);
                if (k == GLOB_NOSPACE) {
                        globfree(&g);
                        return -ENOMEM;
                }
                if (k != 0) {
                        globfree(&g);
                        if (optional) {
                                skipped++;
                                continue;
                        }
                        return FAIL(p, RUN_UNIT_CHECK_ENV_FILES,
                                    "Create the file, or write EnvironmentFile=- if it may be missing.",
                                    "%s: %s: systemd would not start the service", fn,
                                    k == GLOB_NOMATCH ? "no such file" : "cannot be read");
                }
                for (size_t j = 0; j < g.gl_pathc; j++) {
                        _cleanup_free_ char *err = NULL;

                        r = load_env_file(b, g.gl_pathv[j], &err);
                        if (r < 0) {
                                globfree(&g);
                                return r;
                        }
                        if (r > 0) {
                                if (optional) {
                                        skipped++;
                                        continue;
                                }
                                globfree(&g);
                                return FAIL(p, RUN_UNIT_CHECK_ENV_FILES, "'goldctl env show FILE' shows the file as systemd reads it.",
                                            "%s: systemd would not start the service", err);
                        }
                        files++;
                }
                globfree(&g);
        }
        return OK(p, RUN_UNIT_CHECK_ENV_FILES, "%zu file%s read%s", files, files == 1 ? "" : "s",
                  skipped ? ", optional ones missing or unreadable skipped ('-')" : "");
}

static int check_working_directory(struct run_unit_plan *p, const struct exec_context *c, const char *home) {
        struct stat st = {};

        p->cwd_missing_ok = c->working_directory_missing_ok;
        if (c->working_directory_home) {
                if (WHAT(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "WorkingDirectory=%s~", p->cwd_missing_ok ? "-" : "") < 0)
                        return -ENOMEM;
                if (!home)
                        return FAIL(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "Give User= a user with a home directory, or name the directory.",
                                    "the service's user has no home directory (none, '/', or the user is root by default): "
                                    "systemd would not start it");
                p->cwd = strdup(home);
        } else {
                if (WHAT(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "WorkingDirectory=%s%s", p->cwd_missing_ok ? "-" : "",
                         c->working_directory.value ? c->working_directory.value : "(unset: /)") < 0)
                        return -ENOMEM;
                p->cwd = strdup(c->working_directory.value ? c->working_directory.value : "/");
        }
        if (!p->cwd)
                return -ENOMEM;
        /* as the caller; the change itself is made as the service's user */
        if (stat(p->cwd, &st) < 0 || !S_ISDIR(st.st_mode)) {
                const char *why = S_ISDIR(st.st_mode) || errno == 0 ? "not a directory" : strerror(errno);

                if (p->cwd_missing_ok)
                        return OK(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "%s is not a directory; '-': the command runs in /",
                                  p->cwd);
                return FAIL(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "Create the directory, or correct WorkingDirectory=.",
                            "%s: %s: systemd would not start the service", p->cwd, why);
        }
        return OK(p, RUN_UNIT_CHECK_WORKING_DIRECTORY, "%s", p->cwd);
}

/* COMMAND with a '/' as given (relative to the working directory); without,
 * the first executable regular file of that name in the environment's PATH. */
static int check_command(struct run_unit_plan *p, char **command) {
        const char *path;
        struct stat st;

        if (WHAT(p, RUN_UNIT_CHECK_COMMAND, "%s", command[0]) < 0)
                return -ENOMEM;
        if (strchr(command[0], '/')) {
                p->program = strdup(command[0]);
                if (!p->program)
                        return -ENOMEM;
                return OK(p, RUN_UNIT_CHECK_COMMAND, "run as given");
        }
        path = env_lookup(p->envp, "PATH");
        if (!path)
                path = RUN_UNIT_DEFAULT_PATH;
        for (const char *d = path;;) {
                size_t n = strcspn(d, ":");
                if (n > 0 && d[0] == '/') {
                        _cleanup_free_ char *dir = strndup(d, n);
                        char *f = dir ? path_join(dir, command[0]) : NULL;
                        if (!f)
                                return -ENOMEM;
                        if (stat(f, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) {
                                p->program = f;
                                return OK(p, RUN_UNIT_CHECK_COMMAND, "%s (from PATH)", f);
                        }
                        free(f);
                }
                if (d[n] == '\0')
                        break;
                d += n + 1;
        }
        return FAIL(p, RUN_UNIT_CHECK_COMMAND, "Give the command's full path, or install it.",
                    "not found in the service's PATH (%s)", path);
}

/* ---- building ---- */

static int build_environment(struct run_unit_plan *p, const struct run_unit_request *req, struct env_builder *b,
                             const char *home, const char *shell) {
        const struct exec_context *c = &req->u->ctx;
        int r;

        STRV_FOREACH(e, req->manager_env)
                if (strchr(*e, '=') && (r = env_put(b, *e, "the manager's environment")) < 0)
                        return r;
        if (p->user) {
                if ((home && (r = env_putf(b, "HOME", home, "User=")) < 0) ||
                    (r = env_putf(b, "LOGNAME", p->user, "User=")) < 0 ||
                    (r = env_putf(b, "USER", p->user, "User=")) < 0 ||
                    (shell && (r = env_putf(b, "SHELL", shell, "User=")) < 0))
                        return r;
        }
        for (size_t i = 0; i < c->pass_environment.n; i++) {
                const char *name = c->pass_environment.items[i].value;
                const char *v = env_lookup(req->manager_process_env, name);
                _cleanup_free_ char *o = NULL;

                if (!v)
                        continue;
                if ((r = origin_text(&c->pass_environment.items[i].origin, "PassEnvironment=", &o)) < 0 ||
                    (r = env_putf(b, name, v, o)) < 0)
                        return r;
        }
        for (size_t i = 0; i < c->environment.n; i++) {
                _cleanup_free_ char *o = NULL;

                if ((r = origin_text(&c->environment.items[i].origin, "Environment=", &o)) < 0 ||
                    (r = env_put(b, c->environment.items[i].value, o)) < 0)
                        return r;
        }
        return 0;
}

static int apply_unset(struct env_builder *b, const struct exec_context *c) {
        for (size_t i = 0; i < c->unset_environment.n; i++) {
                const char *u = c->unset_environment.items[i].value;
                size_t n = strcspn(u, "=");
                _cleanup_free_ char *name = strndup(u, n);
                void *idx;

                if (!name)
                        return -ENOMEM;
                idx = hashmap_get(&b->index, name);
                if (idx) {
                        struct env_var *v = &b->v[(size_t) (uintptr_t) idx - 1];
                        /* NAME=VALUE removes the variable only with that value */
                        if (v->assignment && (u[n] == '\0' || streq(v->assignment, u))) {
                                free(v->assignment);
                                v->assignment = NULL;
                        }
                }
        }
        return 0;
}

int run_unit_plan_build(const struct run_unit_request *req, struct run_unit_plan *p) {
        const struct exec_context *c = &req->u->ctx;
        _cleanup_free_ char *home = NULL, *shell = NULL;
        struct env_builder b = {};
        size_t n = 0, alloc = 0, no = 0, oalloc = 0;
        int r;

        *p = (struct run_unit_plan) { .failed = -1, .umask = 0022 };
        r = check_unit(p, req->u);
        if (r == 0 && c->pam_name.value) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "PAMName=%s: the PAM session systemd opens may add variables (pam_env) that are "
                            "not here", c->pam_name.value);
                if (strv_push(&p->notes, strbuf_detach(&sb, NULL)) < 0)
                        r = -ENOMEM;
        }
        if (r == 0)
                r = check_user(p, req->u, &home, &shell);
        if (r == 0) {
                p->umask = c->umask;
                r = build_environment(p, req, &b, home, shell);
        }
        if (r == 0)
                r = check_env_files(p, c, &b);
        if (r == 0)
                r = apply_unset(&b, c);
        if (r == 0)
                for (size_t i = 0; i < b.n && r == 0; i++) {
                        if (!b.v[i].assignment)
                                continue;
                        if (strv_push_n(&p->envp, &n, &alloc, b.v[i].assignment) < 0) {
                                r = -ENOMEM;
                                break;
                        }
                        b.v[i].assignment = NULL;
                        if (strv_push_n(&p->env_origins, &no, &oalloc, b.v[i].origin) < 0)
                                r = -ENOMEM;
                        else
                                b.v[i].origin = NULL;
                }
        env_builder_release(&b);
        if (r == 0)
                r = check_working_directory(p, c, home);
        if (r == 0)
                r = check_command(p, req->command);
        if (r == 0) {
                STRV_FOREACH(a, req->command)
                        if (strv_extend(&p->argv, *a) < 0)
                                return -ENOMEM;
        }
        return r < 0 ? r : 0;
}

void run_unit_plan_release(struct run_unit_plan *p) {
        for (size_t i = 0; i < _RUN_UNIT_CHECK_MAX; i++)
                run_result_release(&p->checks[i]);
        free(p->user);
        free(p->groups);
        free(p->cwd);
        free(p->program);
        strv_free(p->argv);
        strv_free(p->envp);
        strv_free(p->env_origins);
        strv_free(p->notes);
        *p = (struct run_unit_plan) { .failed = -1 };
}
