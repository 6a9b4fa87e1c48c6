/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "audit.h"
#include "chase.h"
#include "fileio.h"
#include "hashmap.h"
#include "parse-util.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"

#define AUDIT_FILE_MAX ((size_t) 16 * 1024 * 1024)

const char *severity_to_string(enum severity s) {
        switch (s) {
        case SEVERITY_INFO: return "info";
        case SEVERITY_WARNING: return "warning";
        case SEVERITY_ERROR: return "error";
        }
        return "?";
}

int severity_from_string(const char *s) {
        if (streq(s, "info"))
                return SEVERITY_INFO;
        if (streq(s, "warning"))
                return SEVERITY_WARNING;
        if (streq(s, "error"))
                return SEVERITY_ERROR;
        return -EINVAL;
}

/* ---- the rule registry ---- */

extern const struct rule *const __start_goldctl_rules[];
extern const struct rule *const __stop_goldctl_rules[];

static int cmp_rule(const void *a, const void *b) {
        return strcmp((*(const struct rule * const *) a)->id, (*(const struct rule * const *) b)->id);
}

const struct rule *const *rules_all(void) {
        static const struct rule **sorted;

        if (!sorted) {
                size_t n = (size_t) (__stop_goldctl_rules - __start_goldctl_rules);
                const struct rule **v = calloc(n + 1, sizeof(*v));

                if (!v)
                        return NULL;
                memcpy(v, __start_goldctl_rules, n * sizeof(*v));
                qsort(v, n, sizeof(*v), cmp_rule);
                sorted = v;
        }
        return sorted;
}

const struct rule *rule_find(const char *id) {
        const struct rule *const *all = rules_all();

        for (size_t i = 0; all && all[i]; i++)
                if (strcasecmp(all[i]->id, id) == 0 || strcasecmp(all[i]->name, id) == 0)
                        return all[i];
        return NULL;
}

/* ---- host access ---- */

int audit_stat(const struct audit *a, const char *host_path, struct stat *st) {
        return root_stat(a->root, host_path, st);
}

int audit_lstat(const struct audit *a, const char *host_path, struct stat *st) {
        _cleanup_free_ char *resolved = NULL, *dir = NULL, *fs = NULL;
        int r;

        /* resolve the directories, not the last component */
        dir = path_dirname(host_path);
        if (!dir)
                return -ENOMEM;
        r = chase_symlinks(a->root, dir, 0, &resolved);
        if (r < 0)
                return r;
        free(dir);
        dir = path_join(resolved, path_basename(host_path));
        if (!dir)
                return -ENOMEM;
        fs = root_path(a->root, dir);
        if (!fs)
                return -ENOMEM;
        return lstat(fs, st) < 0 ? -errno : 0;
}

int audit_read(const struct audit *a, const char *host_path, char **ret, size_t *ret_size) {
        _cleanup_free_ char *resolved = NULL, *fs = NULL;
        int r;

        r = chase_symlinks(a->root, host_path, 0, &resolved);
        if (r < 0)
                return r;
        fs = root_path(a->root, resolved);
        if (!fs)
                return -ENOMEM;
        return read_full_file(fs, AUDIT_FILE_MAX, ret, ret_size, NULL);
}

static int load_ids(struct audit *a, const char *file, struct passwd_entry **ret, size_t *ret_n) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0, n = 0;
        struct passwd_entry *v = NULL;
        int r;

        r = audit_read(a, file, &data, &size);
        if (r < 0)
                return r;
        for (char *line = data; line && *line;) {
                char *nl = strchr(line, '\n'), *colon1, *colon2, *colon3;
                unsigned id;

                if (nl)
                        *nl = '\0';
                colon1 = strchr(line, ':');
                colon2 = colon1 ? strchr(colon1 + 1, ':') : NULL;
                colon3 = colon2 ? strchr(colon2 + 1, ':') : NULL;
                if (colon1 && colon2 && colon3 && colon1 != line) {
                        *colon1 = *colon3 = '\0';
                        if (safe_atou(colon2 + 1, &id) >= 0) {
                                struct passwd_entry *nv = realloc(v, (n + 1) * sizeof(*v));
                                if (!nv)
                                        goto oom;
                                v = nv;
                                v[n].name = strdup(line);
                                v[n].id = id;
                                if (!v[n].name)
                                        goto oom;
                                n++;
                        }
                }
                line = nl ? nl + 1 : NULL;
        }
        *ret = v;
        *ret_n = n;
        return 0;
oom:
        for (size_t i = 0; i < n; i++)
                free(v[i].name);
        free(v);
        return -ENOMEM;
}

static const char *id_name(const struct passwd_entry *v, size_t n, unsigned id) {
        for (size_t i = 0; i < n; i++)
                if (v[i].id == id)
                        return v[i].name;
        return NULL;
}

static bool id_exists(const struct passwd_entry *v, size_t n, const char *name) {
        for (size_t i = 0; i < n; i++)
                if (streq(v[i].name, name))
                        return true;
        return false;
}

/*
 * On the live host, users and groups also come from NSS (LDAP, sssd,
 * systemd's dynamic users): what the files do not have is looked up with
 * getpwnam()/getgrgid() and remembered. Under --root only the tree's files
 * count: the audited host's NSS is not this machine's.
 */
static const char *remember(struct passwd_entry **v, size_t *n, const char *name, unsigned id) {
        struct passwd_entry *nv;
        char *copy = strdup(name);

        if (!copy)
                return NULL;
        nv = realloc(*v, (*n + 1) * sizeof(**v));
        if (!nv) {
                free(copy);
                return NULL;
        }
        *v = nv;
        nv[*n] = (struct passwd_entry) { .name = copy, .id = id };
        return nv[(*n)++].name;
}

const char *audit_user_name(struct audit *a, unsigned uid) {
        const char *s = id_name(a->users, a->n_users, uid);
        const struct passwd *pw;

        if (s || a->root)
                return s;
        pw = getpwuid((uid_t) uid);
        return pw ? remember(&a->users, &a->n_users, pw->pw_name, uid) : NULL;
}

const char *audit_group_name(struct audit *a, unsigned gid) {
        const char *s = id_name(a->groups, a->n_groups, gid);
        const struct group *gr;

        if (s || a->root)
                return s;
        gr = getgrgid((gid_t) gid);
        return gr ? remember(&a->groups, &a->n_groups, gr->gr_name, gid) : NULL;
}

bool audit_user_exists(struct audit *a, const char *name) {
        const struct passwd *pw;

        if (id_exists(a->users, a->n_users, name) || a->root)
                return id_exists(a->users, a->n_users, name);
        pw = getpwnam(name);
        return pw && remember(&a->users, &a->n_users, pw->pw_name, pw->pw_uid);
}

bool audit_group_exists(struct audit *a, const char *name) {
        const struct group *gr;

        if (id_exists(a->groups, a->n_groups, name) || a->root)
                return id_exists(a->groups, a->n_groups, name);
        gr = getgrnam(name);
        return gr && remember(&a->groups, &a->n_groups, gr->gr_name, gr->gr_gid);
}

struct audit_service *audit_service_of(struct audit *a, const struct unit *u) {
        for (size_t i = 0; i < a->n_services; i++)
                if (a->services[i].u == u)
                        return &a->services[i];
        return NULL;
}

/* ---- findings ---- */

int audit_add(struct audit *a, const struct rule *r, const char *path, unsigned line, const char *unit,
              const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        struct finding *f;
        va_list ap;

        if (a->n_findings == a->alloc_findings) {
                size_t na = a->alloc_findings ? a->alloc_findings * 2 : 64;
                struct finding *v = realloc(a->findings, na * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                a->findings = v;
                a->alloc_findings = na;
        }
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        f = &a->findings[a->n_findings];
        *f = (struct finding) { .rule = r, .line = line };
        f->message = strbuf_detach(&sb, NULL);
        f->path = path ? strdup(path) : NULL;
        f->unit = unit ? strdup(unit) : NULL;
        if (!f->message || (path && !f->path) || (unit && !f->unit)) {
                free(f->message);
                free(f->path);
                free(f->unit);
                return -ENOMEM;
        }
        a->n_findings++;
        return 0;
}

void audit_count(const struct audit *a, size_t counts[3], size_t *ret_suppressed) {
        size_t s = 0;

        counts[0] = counts[1] = counts[2] = 0;
        for (size_t i = 0; i < a->n_findings; i++) {
                if (a->findings[i].suppressed)
                        s++;
                else
                        counts[a->findings[i].rule->severity]++;
        }
        if (ret_suppressed)
                *ret_suppressed = s;
}

int audit_problem(struct audit *a, const char *path, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        struct audit_problem *v;
        va_list ap;
        char *msg;

        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        msg = strbuf_detach(&sb, NULL);
        if (!msg)
                return -ENOMEM;
        /* several rules read the same file: one problem is said once */
        for (size_t i = 0; i < a->n_problems; i++)
                if (streq(a->problems[i].message, msg) && streq_ptr(a->problems[i].path, path)) {
                        free(msg);
                        return 0;
                }
        v = realloc(a->problems, (a->n_problems + 1) * sizeof(*v));
        if (!v) {
                free(msg);
                return -ENOMEM;
        }
        a->problems = v;
        v[a->n_problems].message = msg;
        v[a->n_problems].path = path ? strdup(path) : NULL;
        if (!v[a->n_problems].message || (path && !v[a->n_problems].path)) {
                free(v[a->n_problems].message);
                free(v[a->n_problems].path);
                return -ENOMEM;
        }
        a->n_problems++;
        return 0;
}

/* ---- discovery ---- */

static int add_skipped(struct audit *a, const char *fmt, ...) _printf_(2, 3);
static int add_skipped(struct audit *a, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        va_list ap;
        char *s;

        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        s = strbuf_detach(&sb, NULL);
        if (!s || strv_push(&a->skipped, s) < 0) {
                free(s);
                return -ENOMEM;
        }
        return 0;
}

/* The venv of a service: a [Venvs] pattern matching the unit's name; else
 * one matching the script ExecStart= runs (ops/model_safety/x.py: an ops job
 * runs with that venv and its env file); else the service's own name. */
/*
 * The venv and the env file name ("config") of a service: the first [Venvs]
 * pattern its unit name matches (an instance also by its template's name),
 * else the first script pattern its ExecStart= script matches (ops jobs:
 * ops/training/... = ai-engine), else the service's own name; an instance of
 * quantum-x@.service uses "x", as every instance runs the same code.
 */
static int service_venv(struct audit *a, struct audit_service *s) {
        const struct unit *u = s->u;
        _cleanup_free_ char *template = NULL, *base = NULL, *v = NULL;
        int r;

        if (unit_name_is_valid(u->id, UNIT_NAME_INSTANCE)) {
                if (unit_name_template(u->id, &template) < 0)
                        return -ENOMEM;
                base = contract_service_name(a->c, template);
                if (!base)
                        return -ENOMEM;
                base[strcspn(base, "@")] = '\0';
        } else {
                base = strdup(s->name);
                if (!base)
                        return -ENOMEM;
        }
        r = contract_venv_match(a->c, u->id, &v);
        if (r == 0 && template)
                r = contract_venv_match(a->c, template, &v);
        if (r < 0)
                return r;
        if (r > 0) {
                s->venv = TAKE_PTR(v);
                s->config = strdup(base);
                return s->config ? 0 : -ENOMEM;
        }
        if (u->exec[EXEC_START].n > 0)
                STRV_FOREACH(w, u->exec[EXEC_START].items[0].argv) {
                        const char *rel = *w;

                        if (w == u->exec[EXEC_START].items[0].argv)
                                continue;
                        if (path_startswith(rel, a->c->repo_root))
                                rel = path_startswith(rel, a->c->repo_root);
                        if (!strchr(rel, '/'))
                                continue;       /* "-m", "main.py": not a script pattern's business */
                        r = contract_venv_match(a->c, rel, &v);
                        if (r < 0)
                                return r;
                        if (r > 0) {
                                s->venv = TAKE_PTR(v);
                                s->config = strdup(s->venv);
                                return s->config ? 0 : -ENOMEM;
                        }
                }
        s->venv = strdup(base);
        s->config = strdup(base);
        return s->venv && s->config ? 0 : -ENOMEM;
}

/* Adds u to the audited units once (aliases give several names to one unit). */
static int add_unit(struct audit *a, struct hashmap *seen, size_t *alloc, struct unit *u) {
        if (hashmap_contains(seen, u->id))
                return 0;
        if (a->n_units >= *alloc) {
                size_t na = *alloc ? *alloc * 2 : 64;
                struct unit **v = realloc(a->units, na * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                a->units = v;
                *alloc = na;
        }
        a->units[a->n_units++] = u;
        return hashmap_put(seen, u->id, u) < 0 ? -ENOMEM : 0;
}

static int discover(struct audit *a) {
        _cleanup_strv_free_ char **names = NULL;
        struct hashmap seen = HASHMAP_INIT;
        size_t alloc = 0;
        int r;

        r = unit_loader_list_names(&a->loader, &names);
        if (r < 0)
                return r;
        STRV_FOREACH(n, names) {
                struct unit *u;

                if (!startswith(*n, a->c->unit_prefix))
                        continue;
                if (unit_name_is_valid(*n, UNIT_NAME_TEMPLATE))
                        continue; /* templates are audited through their instances */
                r = unit_loader_load(&a->loader, *n, &u);
                if (r == -ENOMEM)
                        goto out;
                if (r < 0)
                        continue;
                r = add_unit(a, &seen, &alloc, u);
                if (r < 0)
                        goto out;
        }
        r = unit_loader_finish(&a->loader);
        if (r < 0)
                goto out;
        /* instances of the fleet's templates that some unit pulls in (a .wants/
         * link, Wants=quantum-x@1.service): they exist only as loaded units */
        for (size_t i = 0; i < a->loader.n_all; i++) {
                struct unit *u = a->loader.all[i];

                if (!startswith(u->id, a->c->unit_prefix) || !unit_name_is_valid(u->id, UNIT_NAME_INSTANCE))
                        continue;
                r = add_unit(a, &seen, &alloc, u);
                if (r < 0)
                        goto out;
        }
        r = 0;
out:
        hashmap_clear(&seen);
        if (r < 0)
                return r;

        for (size_t i = 0; i < a->n_units; i++) {
                struct unit *u = a->units[i];
                struct audit_service *s;

                if (u->type != UNIT_SERVICE || u->load_state == UNIT_MASKED)
                        continue;
                s = realloc(a->services, (a->n_services + 1) * sizeof(*s));
                if (!s)
                        return -ENOMEM;
                a->services = s;
                s = &a->services[a->n_services];
                *s = (struct audit_service) { .u = u };
                s->unit = strdup(u->id);
                s->name = contract_service_name(a->c, u->id);
                if (!s->unit || !s->name) {
                        free(s->unit);
                        free(s->name);
                        return -ENOMEM;
                }
                a->n_services++;
                r = service_venv(a, s);
                if (r < 0)
                        return r;
                s->env_path = malloc(strlen(a->c->env_dir) + strlen(s->config) + 6);
                if (!s->env_path)
                        return -ENOMEM;
                snprintf(s->env_path, strlen(a->c->env_dir) + strlen(s->config) + 6, "%s/%s.env", a->c->env_dir, s->config);
                /* An ops job: oneshot, or started by a timer. */
                s->ops_job = u->service_type == SERVICE_ONESHOT;
                for (size_t j = 0; j < u->deps[UNIT_TRIGGERED_BY].n; j++)
                        if (endswith(u->deps[UNIT_TRIGGERED_BY].items[j].name, ".timer")) {
                                s->ops_job = true;
                                free(s->timer);
                                s->timer = strdup(u->deps[UNIT_TRIGGERED_BY].items[j].name);
                                if (!s->timer)
                                        return -ENOMEM;
                        }
        }
        return 0;
}

/* Files on the unit path that carry the prefix but are not unit names:
 * systemd skips them without a word ("quantum-<service>.service", the raw
 * golden template; "quantum-x.service.bak"). Directories are drop-in and
 * .wants/ directories, not units. */
/* Marks the first service of each env file and of each venv, so that rules
 * report a shared file once (linear: 20,000 services are audited). */
static int mark_firsts(struct audit *a) {
        struct hashmap envs = HASHMAP_INIT, venvs = HASHMAP_INIT;
        int r = 0;

        for (size_t i = 0; i < a->n_services && r >= 0; i++) {
                struct audit_service *s = &a->services[i];

                if (!hashmap_contains(&envs, s->env_path)) {
                        s->env_first = true;
                        r = hashmap_put(&envs, s->env_path, s);
                }
                if (r >= 0 && s->venv && s->u->load_state == UNIT_LOADED && !hashmap_contains(&venvs, s->venv)) {
                        s->venv_first = true;
                        r = hashmap_put(&venvs, s->venv, s);
                }
        }
        hashmap_clear(&envs);
        hashmap_clear(&venvs);
        return r < 0 ? -ENOMEM : 0;
}

static int scan_ignored_unit_files(struct audit *a) {
        STRV_FOREACH(dir, a->loader.search_path) {
                _cleanup_free_ char *fs = root_path(a->root, *dir);
                _cleanup_strv_free_ char **names = NULL;
                DIR *d;
                struct dirent *de;

                if (!fs)
                        return -ENOMEM;
                d = opendir(fs);
                if (!d)
                        continue;       /* the loader reports unreadable directories */
                while ((de = readdir(d))) {
                        struct stat st;

                        if (!startswith(de->d_name, a->c->unit_prefix) || unit_name_is_valid(de->d_name, UNIT_NAME_ANY))
                                continue;
                        if (fstatat(dirfd(d), de->d_name, &st, 0) < 0 || !S_ISREG(st.st_mode))
                                continue;
                        if (strv_extend(&names, de->d_name) < 0) {
                                closedir(d);
                                return -ENOMEM;
                        }
                }
                closedir(d);
                strv_sort(names);
                STRV_FOREACH(n, names) {
                        char *p = path_join(*dir, *n);
                        if (!p || strv_push(&a->ignored_unit_files, p) < 0) {
                                free(p);
                                return -ENOMEM;
                        }
                }
        }
        return 0;
}

static int read_env_files(struct audit *a) {
        for (size_t i = 0; i < a->n_services; i++) {
                struct audit_service *s = &a->services[i];
                _cleanup_free_ char *data = NULL;
                size_t size = 0;
                int r;

                r = audit_stat(a, s->env_path, &s->env_st);
                if (r == -ENOENT || r == -ENOTDIR)
                        continue;
                if (r < 0) {
                        s->env_error = r;
                        continue;
                }
                s->env_exists = true;
                if (!S_ISREG(s->env_st.st_mode))
                        continue;
                r = audit_read(a, s->env_path, &data, &size);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        s->env_error = r;
                        continue;
                }
                r = env_file_parse(s->env_path, data, size, 0, &s->env);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int list_repo_walk(struct audit *a, const char *base, const char *rel, unsigned depth) {
        _cleanup_free_ char *host = rel[0] ? path_join(base, rel) : strdup(base), *fs = NULL;
        DIR *d;
        struct dirent *de;
        int r = 0;

        if (!host)
                return -ENOMEM;
        if (depth > 64)
                return 0;
        fs = root_path(a->root, host);
        if (!fs)
                return -ENOMEM;
        d = opendir(fs);
        if (!d)
                return errno == ENOENT ? 0 : -errno;
        while (r >= 0 && (de = readdir(d))) {
                _cleanup_free_ char *child = NULL;
                struct stat st;

                if (streq(de->d_name, ".") || streq(de->d_name, "..") || streq(de->d_name, ".git") ||
                    streq(de->d_name, "node_modules") || streq(de->d_name, "__pycache__") ||
                    streq(de->d_name, ".venv") || streq(de->d_name, "venv"))
                        continue;
                child = rel[0] ? path_join(rel, de->d_name) : strdup(de->d_name);
                if (!child) {
                        r = -ENOMEM;
                        break;
                }
                if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                        continue;
                if (S_ISDIR(st.st_mode))
                        r = list_repo_walk(a, base, child, depth + 1);
                else if (S_ISREG(st.st_mode)) {
                        r = strv_push_n(&a->repo_files, &a->n_repo_files, &a->alloc_repo_files, child);
                        if (r >= 0)
                                child = NULL;
                }
        }
        closedir(d);
        return r;
}

static int list_repo(struct audit *a) {
        struct stat st;
        int r;

        if (audit_stat(a, a->c->repo_root, &st) < 0 || !S_ISDIR(st.st_mode))
                return 0;
        if (a->repo_is_git && a->o->repo_ls_files) {
                _cleanup_free_ char *fs = NULL, *out = NULL, *resolved = NULL, *err = NULL;
                size_t size = 0;

                r = chase_symlinks(a->root, a->c->repo_root, 0, &resolved);
                if (r < 0)
                        return r;
                fs = root_path(a->root, resolved);
                if (!fs)
                        return -ENOMEM;
                r = a->o->repo_ls_files(fs, false, &out, &size, &err);
                if (r == 0) {
                        _cleanup_free_ char *ign = NULL, *ign_err = NULL;
                        size_t ign_size = 0, n_ign = 0, alloc_ign = 0;

                        for (size_t i = 0; i < size;) {
                                size_t n = strnlen(out + i, size - i);
                                if (n > 0) {
                                        char *f = strndup(out + i, n);
                                        if (!f || strv_push_n(&a->repo_files, &a->n_repo_files, &a->alloc_repo_files, f) < 0) {
                                                free(f);
                                                return -ENOMEM;
                                        }
                                }
                                i += n + 1;
                        }
                        /* what git ignores is still in the work tree, where code can read it
                         * (python-dotenv loads .env from the working directory) */
                        r = a->o->repo_ls_files(fs, true, &ign, &ign_size, &ign_err);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0)
                                return audit_problem(a, a->c->repo_root, "git ls-files --ignored failed (%s): "
                                                     "files git ignores were not checked",
                                                     ign_err ? ign_err : strerror(-r));
                        for (size_t i = 0; i < ign_size;) {
                                size_t n = strnlen(ign + i, ign_size - i);
                                if (n > 0) {
                                        char *f = strndup(ign + i, n);
                                        if (!f || strv_push_n(&a->repo_ignored_files, &n_ign, &alloc_ign, f) < 0) {
                                                free(f);
                                                return -ENOMEM;
                                        }
                                }
                                i += n + 1;
                        }
                        return 0;
                }
                if (r == -ENOMEM)
                        return r;
                /* git failed (not installed, unsafe directory...): walk instead, and say so */
                r = audit_problem(a, a->c->repo_root, "git ls-files failed (%s); the repository was walked "
                                  "instead, untracked and ignored files included", err ? err : strerror(-r));
                if (r < 0)
                        return r;
        }
        return list_repo_walk(a, a->c->repo_root, "", 0);
}

/* ---- suppressions ---- */

/* "# goldctl: ignore=ID[,ID...] reason" on the line above. Returns 1 with
 * the reason (possibly empty) when the comment names the rule. */
static int inline_suppression(const char *text, size_t size, unsigned line, const char *id, char **ret_reason) {
        const char *p = text, *end = text + size, *l;
        unsigned n = 1;

        if (line < 2)
                return 0;
        while (p < end && n < line - 1) {
                const char *nl = memchr(p, '\n', (size_t) (end - p));
                if (!nl)
                        return 0;
                p = nl + 1;
                n++;
        }
        if (p >= end)
                return 0;
        {
                const char *nl = memchr(p, '\n', (size_t) (end - p));
                size_t len = nl ? (size_t) (nl - p) : (size_t) (end - p);
                _cleanup_free_ char *copy = strndup(p, len);
                char *ids, *reason;

                if (!copy)
                        return -ENOMEM;
                l = copy + strspn(copy, " \t");
                if (*l != '#' && *l != ';')
                        return 0;
                l++;
                l += strspn(l, " \t");
                l = startswith(l, "goldctl:");
                if (!l)
                        return 0;
                l += strspn(l, " \t");
                l = startswith(l, "ignore=");
                if (!l)
                        return 0;
                ids = strndup(l, strcspn(l, " \t\r"));
                if (!ids)
                        return -ENOMEM;
                reason = strdup(l + strcspn(l, " \t\r") + strspn(l + strcspn(l, " \t\r"), " \t"));
                if (!reason) {
                        free(ids);
                        return -ENOMEM;
                }
                {
                        size_t rl = strlen(reason);
                        while (rl > 0 && (reason[rl - 1] == '\r' || reason[rl - 1] == ' '))
                                reason[--rl] = '\0';
                }
                for (char *t = ids;;) {
                        size_t k = strcspn(t, ",");
                        if (k == strlen(id) && strncasecmp(t, id, k) == 0) {
                                free(ids);
                                *ret_reason = reason;
                                return 1;
                        }
                        if (!t[k])
                                break;
                        t += k + 1;
                }
                free(ids);
                free(reason);
                return 0;
        }
}

/* Line n (1-based) of text, without its line end; NULL past the end. */
static const char *nth_line(const char *text, size_t size, unsigned n, size_t *ret_len) {
        const char *p = text, *end = text + size, *nl;

        for (unsigned k = 1; k < n; k++) {
                nl = memchr(p, '\n', (size_t) (end - p));
                if (!nl)
                        return NULL;
                p = nl + 1;
        }
        if (p > end || (p == end && n > 1))
                return NULL;
        nl = memchr(p, '\n', (size_t) (end - p));
        *ret_len = nl ? (size_t) (nl - p) : (size_t) (end - p);
        if (*ret_len > 0 && p[*ret_len - 1] == '\r')
                (*ret_len)--;
        return p;
}

static bool line_continues(const char *l, size_t len) {
        size_t k = strspn(l, " \t");

        if (k < len && (l[k] == '#' || l[k] == ';'))
                return false;
        return len > 0 && l[len - 1] == '\\';
}

static bool line_is_comment(const char *l, size_t len) {
        size_t k = strspn(l, " \t");
        return k < len && (l[k] == '#' || l[k] == ';');
}

/* The first physical line of the logical line that ends at `line`: a
 * finding about a setting continued with '\' names its last line, as
 * systemd does, but its suppression comment is written above its first.
 * Comment lines inside a continuation belong to it (systemd skips them). */
static unsigned logical_start(const char *text, size_t size, unsigned line) {
        unsigned start = line, k = line;

        while (k > 1) {
                size_t len;
                const char *l = nth_line(text, size, k - 1, &len);
                unsigned j;

                if (!l)
                        break;
                if (line_continues(l, len)) {
                        start = --k;
                        continue;
                }
                if (!line_is_comment(l, len))
                        break;
                /* comments: inside the continuation only if a continued line is above them */
                for (j = k - 1; j > 1; j--) {
                        const char *m = nth_line(text, size, j - 1, &len);
                        if (!m || !line_is_comment(m, len))
                                break;
                }
                {
                        const char *m = j > 1 ? nth_line(text, size, j - 1, &len) : NULL;
                        if (!m || !line_continues(m, len))
                                break;
                }
                start = k = j - 1;
        }
        return start;
}

/* The inline suppression comments that matched a finding: (file, line). */
struct used_list {
        char **files;
        unsigned *lines;
        size_t n;
};

static void used_release(struct used_list *u) {
        for (size_t i = 0; i < u->n; i++)
                free(u->files[i]);
        free(u->files);
        free(u->lines);
}

static int mark_used(struct used_list *u, const char *file, unsigned line) {
        char **f;
        unsigned *l;

        f = realloc(u->files, (u->n + 1) * sizeof(*f));
        if (!f)
                return -ENOMEM;
        u->files = f;
        l = realloc(u->lines, (u->n + 1) * sizeof(*l));
        if (!l)
                return -ENOMEM;
        u->lines = l;
        u->files[u->n] = strdup(file);
        if (!u->files[u->n])
                return -ENOMEM;
        u->lines[u->n++] = line;
        return 0;
}

static bool is_used(const struct used_list *u, const char *file, unsigned line) {
        for (size_t i = 0; i < u->n; i++)
                if (u->lines[i] == line && streq(u->files[i], file))
                        return true;
        return false;
}

/* An inline "# goldctl: ignore=..." in a unit file, drop-in, env file or
 * scanned repository file that matched no finding is stale: the problem is gone (or it never
 * stood above the line it meant), and it would silence a new one. */
static int stale_in_file(struct audit *a, const struct rule *unused, const struct used_list *used, const char *file) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0;
        unsigned n = 1;
        int r;

        if (audit_read(a, file, &data, &size) < 0)
                return 0;
        for (const char *l = data, *end = data + size; l < end; n++) {
                const char *nl = memchr(l, '\n', (size_t) (end - l));
                size_t len = nl ? (size_t) (nl - l) : (size_t) (end - l);
                const char *t = l, *te = l + len;

                l = nl ? nl + 1 : end;
                while (t < te && (*t == ' ' || *t == '\t'))
                        t++;
                if (t >= te || (*t != '#' && *t != ';'))
                        continue;
                t++;
                while (t < te && (*t == ' ' || *t == '\t'))
                        t++;
                if ((size_t) (te - t) < 8 || strncmp(t, "goldctl:", 8) != 0)
                        continue;
                t += 8;
                while (t < te && (*t == ' ' || *t == '\t'))
                        t++;
                if ((size_t) (te - t) < 7 || strncmp(t, "ignore=", 7) != 0 || is_used(used, file, n))
                        continue;
                if (te > t && te[-1] == '\r')
                        te--;
                r = audit_add(a, unused, file, n, NULL,
                              "the inline suppression '%.*s' matches no finding on the line below: remove it",
                              (int) (te - t), t);
                if (r < 0)
                        return r;
        }
        return 0;
}

struct file_set {
        char **v;
        size_t n, alloc;
        struct hashmap seen;    /* keys: the strings of v */
};

static int add_file_once(struct file_set *fs, const char *f) {
        char *copy;

        if (hashmap_contains(&fs->seen, f))
                return 0;
        copy = strdup(f);
        if (!copy || strv_push_n(&fs->v, &fs->n, &fs->alloc, copy) < 0) {
                free(copy);
                return -ENOMEM;
        }
        return hashmap_put(&fs->seen, copy, NULL) < 0 ? -ENOMEM : 0;
}

static int report_stale_inline(struct audit *a, const struct rule *unused, const struct used_list *used) {
        struct file_set fs = { .seen = HASHMAP_INIT };
        int r = 0;

        for (size_t i = 0; i < a->n_units && r >= 0; i++) {
                const struct unit *u = a->units[i];
                if (u->fragment_path && u->load_state != UNIT_MASKED)
                        r = add_file_once(&fs, u->fragment_path);
                STRV_FOREACH(d, u->dropin_paths)
                        if (r >= 0)
                                r = add_file_once(&fs, *d);
        }
        for (size_t i = 0; i < a->n_services && r >= 0; i++)
                if (a->services[i].env_exists)
                        r = add_file_once(&fs, a->services[i].env_path);
        /* the repository files a rule scanned (a kept one only when it has such a comment) */
        for (size_t i = 0; a->repo_cache && a->repo_files && a->repo_files[i] && r >= 0; i++) {
                const struct repo_cache *c = &a->repo_cache[i];
                _cleanup_free_ char *host = NULL;

                if (c->state != REPO_KEPT && c->state != REPO_NOT_KEPT)
                        continue;
                if (c->state == REPO_KEPT && !memmem(c->data, c->size, "goldctl:", 8))
                        continue;
                host = path_join(a->c->repo_root, a->repo_files[i]);
                r = host ? add_file_once(&fs, host) : -ENOMEM;
        }
        for (size_t i = 0; i < fs.n && r >= 0; i++)
                r = stale_in_file(a, unused, used, fs.v[i]);
        hashmap_clear(&fs.seen);
        strv_free(fs.v);
        return r < 0 ? r : 0;
}

static int apply_suppressions(struct audit *a, const struct rule *unused, const struct rule *no_reason) {
        _cleanup_(used_release) struct used_list used = {};
        size_t n = a->n_findings;
        int r;

        for (size_t i = 0; i < n; i++) {
                struct finding *f = &a->findings[i];

                if (f->rule->family && streq(f->rule->family, "audit"))
                        continue;
                for (size_t j = 0; j < a->c->n_suppressions && !f->suppressed; j++) {
                        struct contract_suppression *s = &a->c->suppressions[j];
                        bool rule_match = false;

                        STRV_FOREACH(id, s->rules)
                                if (strcasecmp(*id, f->rule->id) == 0 || strcasecmp(*id, f->rule->name) == 0)
                                        rule_match = true;
                        if (!rule_match || !f->path || fnmatch(s->path, f->path, 0) != 0)
                                continue;
                        if (s->line && s->line != f->line)
                                continue;
                        f->suppressed = true;
                        s->used++;
                        {
                                struct strbuf sb = STRBUF_INIT;
                                strbuf_addf(&sb, "contract %s:%u: %s", s->file, s->file_line, s->reason);
                                f->suppression = strbuf_detach(&sb, NULL);
                                if (!f->suppression)
                                        return -ENOMEM;
                        }
                }
                if (f->path && f->line > 1) {
                        _cleanup_free_ char *data = NULL, *reason = NULL;
                        size_t size = 0;
                        unsigned at = f->line;

                        if (audit_read(a, f->path, &data, &size) < 0)
                                continue;
                        r = 0;
                        for (int pass = 0; pass < 2 && r == 0; pass++) {
                                at = pass == 0 ? logical_start(data, size, f->line) : f->line;
                                if (pass == 1 && at == logical_start(data, size, f->line))
                                        break;
                                r = inline_suppression(data, size, at, f->rule->id, &reason);
                                if (r == 0)
                                        r = inline_suppression(data, size, at, f->rule->name, &reason);
                                if (r < 0)
                                        return r;
                        }
                        if (r == 0)
                                continue;
                        r = mark_used(&used, f->path, at - 1);
                        if (r < 0)
                                return r;
                        if (f->suppressed)
                                continue;       /* the contract's suppression came first */
                        if (isempty(reason)) {
                                r = audit_add(a, no_reason, f->path, at - 1, f->unit,
                                              "'goldctl: ignore=%s' gives no reason, so it is not honoured: "
                                              "add why after the rule", f->rule->id);
                                if (r < 0)
                                        return r;
                                f = &a->findings[i]; /* audit_add may move the array */
                                continue;
                        }
                        f->suppressed = true;
                        {
                                struct strbuf sb = STRBUF_INIT;
                                strbuf_addf(&sb, "inline (line %u): %s", at - 1, reason);
                                f->suppression = strbuf_detach(&sb, NULL);
                                if (!f->suppression)
                                        return -ENOMEM;
                        }
                }
        }
        r = report_stale_inline(a, unused, &used);
        if (r < 0)
                return r;
        for (size_t j = 0; j < a->c->n_suppressions; j++) {
                const struct contract_suppression *s = &a->c->suppressions[j];
                if (s->used == 0) {
                        _cleanup_free_ char *ids = strv_join(s->rules, ",");
                        r = audit_add(a, unused, s->file, s->file_line, NULL,
                                      "the suppression of %s for %s%s%.0u matches no finding: remove it",
                                      strempty(ids), s->path, s->line ? ":" : "", s->line);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

/* ---- running ---- */

static int cmp_finding(const void *x, const void *y) {
        const struct finding *a = x, *b = y;
        int c;

        c = strcmp(a->path ? a->path : "\xff", b->path ? b->path : "\xff");
        if (c != 0)
                return c;
        if (a->line != b->line)
                return a->line < b->line ? -1 : 1;
        c = strcmp(a->rule->id, b->rule->id);
        if (c != 0)
                return c;
        return strcmp(a->message, b->message);
}

int audit_run(struct audit *a, const struct contract *c, const struct audit_options *o) {
        const struct rule *const *all;
        int r;

        *a = (struct audit) { .c = c, .o = o, .root = o->root };
        all = rules_all();
        if (!all)
                return -ENOMEM;

        if (o->root) {
                struct stat st;
                if (stat(o->root, &st) < 0)
                        return -errno;
                if (!S_ISDIR(st.st_mode))
                        return -ENOTDIR;
        }
        r = unit_loader_init(&a->loader, o->root, o->unit_path);
        if (r < 0)
                return r;
        r = load_ids(a, "/etc/passwd", &a->users, &a->n_users);
        if (r < 0 && r != -ENOENT) {
                if (r == -ENOMEM)
                        return r;
        }
        r = load_ids(a, "/etc/group", &a->groups, &a->n_groups);
        if (r == -ENOMEM)
                return r;

        r = discover(a);
        if (r < 0)
                return r;
        r = mark_firsts(a);
        if (r < 0)
                return r;
        r = scan_ignored_unit_files(a);
        if (r < 0)
                return r;
        r = read_env_files(a);
        if (r < 0)
                return r;
        {
                _cleanup_free_ char *git_dir = path_join(c->repo_root, ".git");
                struct stat st;
                if (!git_dir)
                        return -ENOMEM;
                a->repo_is_git = audit_stat(a, git_dir, &st) >= 0;
        }
        if (o->scan_repository) {
                r = list_repo(a);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        r = audit_problem(a, c->repo_root, "the repository could not be listed: %s", strerror(-r));
                        if (r < 0)
                                return r;
                }
        }
        if (!o->scan_repository) {
                r = add_skipped(a, "the repository's files (--no-repo)");
                if (r < 0)
                        return r;
        }
        if (o->untrusted_note) {
                r = add_skipped(a, "%s", o->untrusted_note);
                if (r < 0)
                        return r;
        }
        if (!o->live) {
                r = add_skipped(a, o->root ? "live checks (Redis PING, the manager's unit states): an offline tree "
                                             "(--live runs them anyway)"
                                           : "live checks (Redis PING, the manager's unit states): --no-live");
                if (r < 0)
                        return r;
        }

        /* The audit's own rules (what could not be checked...) run last,
         * when the others have met their problems. */
        for (int pass = 0; pass < 2; pass++)
                for (size_t i = 0; all[i]; i++) {
                        if ((pass == 0) == streq(all[i]->family, "audit"))
                                continue;
                        if ((all[i]->live && !o->live) || !all[i]->check)
                                continue;
                        r = all[i]->check(a, all[i]);
                        if (r < 0)
                                return r;
                }
        r = apply_suppressions(a, rule_find("QTA001"), rule_find("QTA002"));
        if (r < 0)
                return r;
        if (a->n_findings > 1)
                qsort(a->findings, a->n_findings, sizeof(struct finding), cmp_finding);
        return 0;
}

void audit_release(struct audit *a) {
        for (size_t i = 0; i < a->n_services; i++) {
                struct audit_service *s = &a->services[i];
                free(s->unit);
                free(s->name);
                free(s->timer);
                free(s->venv);
                free(s->config);
                free(s->env_path);
                env_file_release(&s->env);
        }
        free(a->services);
        free(a->units);
        for (size_t i = 0; i < a->n_findings; i++) {
                free(a->findings[i].path);
                free(a->findings[i].unit);
                free(a->findings[i].message);
                free(a->findings[i].suppression);
        }
        free(a->findings);
        /* the kept contents first: they are indexed like repo_files */
        if (a->repo_cache)
                for (size_t i = 0; a->repo_files && a->repo_files[i]; i++)
                        free(a->repo_cache[i].data);
        free(a->repo_cache);
        strv_free(a->repo_files);
        strv_free(a->repo_ignored_files);

        strv_free(a->ignored_unit_files);
        for (size_t i = 0; i < a->n_users; i++)
                free(a->users[i].name);
        free(a->users);
        for (size_t i = 0; i < a->n_groups; i++)
                free(a->groups[i].name);
        free(a->groups);
        strv_free(a->skipped);
        for (size_t i = 0; i < a->n_problems; i++) {
                free(a->problems[i].path);
                free(a->problems[i].message);
        }
        free(a->problems);
        unit_loader_release(&a->loader);
        *a = (struct audit) {};
}
