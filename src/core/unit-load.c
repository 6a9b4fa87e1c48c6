/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <dirent.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "chase.h"
#include "fileio.h"
#include "load-fragment.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"
#include "syntax.h"
#include "unit-load.h"

const char *const unit_search_path_system[] = {
        "/etc/systemd/system.control",
        "/run/systemd/system.control",
        "/run/systemd/transient",
        "/run/systemd/generator.early",
        "/etc/systemd/system",
        "/etc/systemd/system.attached",
        "/run/systemd/system",
        "/run/systemd/system.attached",
        "/run/systemd/generator",
        "/usr/local/lib/systemd/system",
        "/lib/systemd/system",
        "/usr/lib/systemd/system",
        "/run/systemd/generator.late",
        NULL,
};

/* ---- small owned-string and list pools for the maps ---- */

static char *pool_add(struct unit_loader *l, char *s) {
        if (!s)
                return NULL;
        if (l->pool.n == l->pool.alloc) {
                size_t na = l->pool.alloc ? l->pool.alloc * 2 : 256;
                char **v = realloc(l->pool.v, na * sizeof(char *));
                if (!v) {
                        free(s);
                        return NULL;
                }
                l->pool.v = v;
                l->pool.alloc = na;
        }
        l->pool.v[l->pool.n++] = s;
        return s;
}

static struct name_list *list_get(struct unit_loader *l, const char *key, bool create) {
        struct name_list *nl = hashmap_get(&l->aliases, key);
        char *k;

        if (nl || !create)
                return nl;
        if (l->lists.n == l->lists.alloc) {
                size_t na = l->lists.alloc ? l->lists.alloc * 2 : 64;
                struct name_list **v = realloc(l->lists.v, na * sizeof(*v));
                if (!v)
                        return NULL;
                l->lists.v = v;
                l->lists.alloc = na;
        }
        nl = calloc(1, sizeof(*nl));
        if (!nl)
                return NULL;
        l->lists.v[l->lists.n++] = nl;
        k = pool_add(l, strdup(key));
        if (!k || hashmap_put(&l->aliases, k, nl) < 0)
                return NULL;
        return nl;
}

static int list_add(struct name_list *nl, const char *s) {
        for (size_t i = 0; i < nl->n; i++)
                if (streq(nl->v[i], s))
                        return 0;
        if (nl->n + 1 >= nl->alloc) {
                size_t na = nl->alloc ? nl->alloc * 2 : 4;
                char **v = realloc(nl->v, na * sizeof(char *));
                if (!v)
                        return -ENOMEM;
                nl->v = v;
                nl->alloc = na;
        }
        nl->v[nl->n] = strdup(s);
        if (!nl->v[nl->n])
                return -ENOMEM;
        nl->n++;
        nl->v[nl->n] = NULL;
        return 0;
}

/* ---- init ---- */

int unit_loader_init(struct unit_loader *l, const char *root, char * const *search_path) {
        *l = (struct unit_loader) {};

        if (!root_is_real(root)) {
                l->root = strdup(root);
                if (!l->root)
                        return -ENOMEM;
        }
        if (search_path) {
                STRV_FOREACH(p, search_path) {
                        char *d = strdup(*p);
                        int r;

                        if (!d)
                                return -ENOMEM;
                        path_simplify(d);
                        if (strv_contains(l->search_path, d)) {
                                free(d);
                                continue;
                        }
                        r = strv_push(&l->search_path, d);
                        if (r < 0) {
                                free(d);
                                return r;
                        }
                }
        } else
                for (const char *const *p = unit_search_path_system; *p; p++) {
                        int r = strv_extend(&l->search_path, *p);
                        if (r < 0)
                                return r;
                }

        /* The search path plus the directories' resolved forms: a symlink
         * pointing into any of them is an alias. */
        STRV_FOREACH(p, l->search_path) {
                _cleanup_free_ char *resolved = NULL;
                int r;

                r = strv_extend(&l->expanded_search_path, *p);
                if (r < 0)
                        return r;
                r = chase_symlinks(l->root, *p, 0, &resolved);
                if (r < 0)
                        continue;
                if (strv_contains(l->expanded_search_path, resolved))
                        continue;
                r = strv_push(&l->expanded_search_path, resolved);
                if (r < 0)
                        return r;
                resolved = NULL;
        }
        return 0;
}

void unit_loader_release(struct unit_loader *l) {
        for (size_t i = 0; i < l->n_all; i++)
                unit_free(l->all[i]);
        free(l->all);
        hashmap_clear(&l->ids);
        hashmap_clear(&l->aliases);
        hashmap_clear(&l->path_cache);
        hashmap_clear(&l->dir_cache);
        hashmap_clear(&l->units);
        for (size_t i = 0; i < l->pool.n; i++)
                free(l->pool.v[i]);
        free(l->pool.v);
        for (size_t i = 0; i < l->lists.n; i++) {
                for (size_t j = 0; j < l->lists.v[i]->n; j++)
                        free(l->lists.v[i]->v[j]);
                free(l->lists.v[i]->v);
                free(l->lists.v[i]);
        }
        free(l->lists.v);
        strv_free(l->search_path);
        strv_free(l->expanded_search_path);
        free(l->root);
        diag_list_release(&l->diags);
        *l = (struct unit_loader) {};
}

/* ---- masks ---- */

static bool stat_null_or_empty(const struct stat *st) {
        return (S_ISREG(st->st_mode) && st->st_size <= 0) || S_ISCHR(st->st_mode);
}

/* A symlink to /dev/null (even dangling under a root) or an empty file. */
static int null_or_empty_host(const struct unit_loader *l, const char *host) {
        _cleanup_free_ char *resolved = NULL;
        struct stat st;
        int r;

        r = chase_symlinks(l->root, host, CHASE_NONEXISTENT, &resolved);
        if (r < 0)
                return r;
        if (streq(resolved, "/dev/null"))
                return 1;
        if (r == 0)
                return -ENOENT;
        r = root_stat(l->root, host, &st);
        if (r < 0)
                return r;
        return stat_null_or_empty(&st);
}

/* ---- the name map (unit_file_build_name_map) ---- */

static const char *path_startswith_strv(const char *p, char * const *dirs) {
        STRV_FOREACH(d, dirs) {
                const char *t = path_startswith(p, *d);
                if (t)
                        return t;
        }
        return NULL;
}

static bool unit_type_may_alias(enum unit_type t) {
        return t == UNIT_SERVICE || t == UNIT_SOCKET || t == UNIT_TARGET || t == UNIT_DEVICE ||
               t == UNIT_TIMER || t == UNIT_PATH;
}

static bool unit_type_may_template(enum unit_type t) {
        return t == UNIT_SERVICE || t == UNIT_SOCKET || t == UNIT_TARGET || t == UNIT_TIMER || t == UNIT_PATH;
}

/* unit_validate_alias_symlink_or_warn() */
static int validate_alias(struct unit_loader *l, const char *file, const char *target) {
        const char *src = path_basename(file), *dst = path_basename(target);
        _cleanup_free_ char *si = NULL, *di = NULL;
        int st, dt;

        st = unit_name_to_instance(src, &si);
        if (st < 0) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED, "not a valid unit name \"%s\"", src);
                return -EINVAL;
        }
        if (!unit_type_may_alias(unit_name_to_type(src))) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "symlinks are not allowed for units of this type, rejecting.");
                return -EINVAL;
        }
        if (st != UNIT_NAME_PLAIN && !unit_type_may_template(unit_name_to_type(src))) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "templates not allowed for %s units, rejecting.", unit_type_to_string(unit_name_to_type(src)));
                return -EINVAL;
        }
        if (streq(src, dst))
                return -ELOOP;
        dt = unit_name_to_instance(dst, &di);
        if (dt < 0) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "points to \"%s\" which is not a valid unit name", dst);
                return -EXDEV;
        }
        if (!(dt == st || (st == UNIT_NAME_INSTANCE && dt == UNIT_NAME_TEMPLATE))) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "symlink target name type \"%s\" does not match source, rejecting.", dst);
                return -EXDEV;
        }
        if (dt == UNIT_NAME_INSTANCE && !streq(si, di)) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "unit symlink target \"%s\" instance name doesn't match, rejecting.", dst);
                return -EXDEV;
        }
        if (unit_name_to_type(dst) != unit_name_to_type(src)) {
                diag_add(&l->diags, file, 0, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "symlink target \"%s\" has incompatible suffix, rejecting.", dst);
                return -EXDEV;
        }
        return 0;
}

/* unit_file_resolve_symlink(): returns the map destination of a symlink in
 * a search directory: the target name for an alias, the symlink's own path
 * for a linked unit file or a mask. */
static int resolve_symlink(struct unit_loader *l, const char *dir, const char *name, char **ret) {
        _cleanup_free_ char *src = NULL, *fs = NULL, *target_abs = NULL, *simplified = NULL;
        char target[PATH_MAX];
        const char *tail;
        ssize_t k;
        int r;

        src = path_join(dir, name);
        fs = root_path(l->root, src);
        if (!src || !fs)
                return -ENOMEM;
        k = readlink(fs, target, sizeof(target) - 1);
        if (k < 0) {
                diag_add(&l->diags, src, 0, DIAG_WARNING, DIAG_EFFECT_IGNORED, "Failed to read symlink: %s", strerror(errno));
                return -errno;
        }
        target[k] = '\0';
        target_abs = target[0] == '/' ? strdup(target) : path_join(dir, target);
        if (!target_abs)
                return -ENOMEM;
        r = chase_symlinks(l->root, target_abs, CHASE_NONEXISTENT | CHASE_NOFOLLOW, &simplified);
        if (r < 0) {
                diag_add(&l->diags, src, 0, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "Failed to resolve symlink pointing to %s: %s", target, strerror(-r));
                return r;
        }
        tail = path_startswith_strv(simplified, l->expanded_search_path);
        if (tail) {
                r = validate_alias(l, src, simplified);
                if (r < 0)
                        return r;
                if (strchr(tail, '/'))
                        diag_add(&l->diags, src, 0, DIAG_WARNING, DIAG_EFFECT_NONE,
                                 "Suspicious symlink %s -> %s, treating as alias.", src, simplified);
                *ret = strdup(path_basename(simplified));
        } else
                *ret = TAKE_PTR(src);
        return *ret ? 0 : -ENOMEM;
}

static bool directory_name_is_valid(const char *name) {
        static const char *const suffixes[] = { ".wants", ".requires", ".d" };

        for (size_t i = 0; i < ELEMENTSOF(suffixes); i++) {
                const char *e = endswith(name, suffixes[i]);
                _cleanup_free_ char *n = NULL;

                if (!e)
                        continue;
                n = strndup(name, (size_t) (e - name));
                if (n && unit_name_is_valid(n, UNIT_NAME_ANY))
                        return true;
                if (n && unit_type_from_string(n) >= 0)
                        return true;
        }
        return false;
}

/* Follows aliases to an absolute path (unit_ids_map_get). */
static int ids_get(const struct unit_loader *l, const char *name, const char **ret) {
        const char *id = NULL;

        for (unsigned n = 0; n < 64; n++) {
                const char *t = hashmap_get(&l->ids, id ? id : name);

                if (!t) {
                        _cleanup_free_ char *tmpl = NULL;

                        if (!id)
                                return -ENOENT;
                        if (unit_name_template(id, &tmpl) < 0)
                                return -ENXIO;
                        t = hashmap_get(&l->ids, tmpl);
                        if (!t)
                                return -ENXIO;
                }
                if (path_is_absolute(t)) {
                        *ret = t;
                        return 0;
                }
                id = t;
        }
        return -ELOOP;
}

static int build_name_map(struct unit_loader *l) {
        if (l->name_map_built)
                return 0;
        l->name_map_built = true;

        STRV_FOREACH(dir, l->search_path) {
                _cleanup_free_ char *fsdir = root_path(l->root, *dir);
                DIR *d;
                struct dirent *de;

                if (!fsdir)
                        return -ENOMEM;
                d = opendir(fsdir);
                if (!d) {
                        if (errno != ENOENT)
                                diag_add(&l->diags, *dir, 0, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                         "Failed to open \"%s\", ignoring: %s", *dir, strerror(errno));
                        continue;
                }
                while ((de = readdir(d))) {
                        unsigned char type = de->d_type;
                        char *filename, *dst = NULL;

                        if (streq(de->d_name, ".") || streq(de->d_name, ".."))
                                continue;
                        if (type == DT_UNKNOWN) {
                                struct stat st;
                                if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                                        continue;
                                type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR :
                                       S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
                        }
                        if (type == DT_REG) {
                                if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY))
                                        continue;
                        } else if (type == DT_DIR) {
                                if (!directory_name_is_valid(de->d_name))
                                        continue;
                        } else if (type == DT_LNK) {
                                if (!unit_name_is_valid(de->d_name, UNIT_NAME_ANY)) {
                                        struct stat st;
                                        if (!directory_name_is_valid(de->d_name))
                                                continue;
                                        if (fstatat(dirfd(d), de->d_name, &st, 0) < 0 || !S_ISDIR(st.st_mode))
                                                continue;
                                        type = DT_DIR;
                                }
                        } else
                                continue;

                        filename = pool_add(l, path_join(*dir, de->d_name));
                        if (!filename || hashmap_put(&l->path_cache, filename, filename) < 0) {
                                closedir(d);
                                return -ENOMEM;
                        }
                        if (type == DT_DIR)
                                continue;
                        if (hashmap_contains(&l->ids, de->d_name))
                                continue;
                        if (type == DT_LNK) {
                                int r = resolve_symlink(l, *dir, de->d_name, &dst);
                                if (r == -ENOMEM) {
                                        closedir(d);
                                        return r;
                                }
                                if (r < 0)
                                        continue;
                                dst = pool_add(l, dst);
                        } else
                                dst = filename;
                        {
                                char *key = pool_add(l, strdup(de->d_name));
                                if (!key || !dst || hashmap_put(&l->ids, key, dst) < 0) {
                                        closedir(d);
                                        return -ENOMEM;
                                }
                        }
                }
                closedir(d);
        }

        /* The reverse map: every name pointing to a unit. */
        {
                size_t i = 0;
                const char *src;
                void *v;

                while (hashmap_next(&l->ids, &i, &src, &v)) {
                        _cleanup_free_ char *inst = NULL, *dst_inst = NULL;
                        const char *dst;
                        struct name_list *nl;
                        int t;

                        if (ids_get(l, src, &dst) < 0)
                                continue;
                        if (null_or_empty_host(l, dst) != 0)
                                continue;
                        dst = path_basename(dst);
                        if (unit_name_is_valid(dst, UNIT_NAME_TEMPLATE)) {
                                t = unit_name_to_instance(src, &inst);
                                if (t < 0)
                                        continue;
                                if (t == UNIT_NAME_INSTANCE) {
                                        if (unit_name_replace_instance(dst, inst, &dst_inst) < 0)
                                                continue;
                                        dst = dst_inst;
                                }
                        }
                        nl = list_get(l, dst, true);
                        if (!nl || list_add(nl, src) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}

/* unit_file_find_fragment(): the fragment for a name and the set of names. */
static int add_names(struct unit_loader *l, const char *fragment_basename, int name_type, const char *instance,
                     char ***names, const char *name) {
        struct name_list *nl;
        int r;

        if (name_type != UNIT_NAME_TEMPLATE && !strv_contains(*names, name)) {
                r = strv_extend(names, name);
                if (r < 0)
                        return r;
        }
        nl = list_get(l, name, false);
        for (size_t i = 0; nl && i < nl->n; i++) {
                const char *alias = nl->v[i];

                if (name_type == UNIT_NAME_INSTANCE && unit_name_is_valid(alias, UNIT_NAME_TEMPLATE)) {
                        _cleanup_free_ char *inst = NULL;
                        const char *inst_fragment = NULL;

                        if (unit_name_replace_instance(alias, instance, &inst) < 0)
                                continue;
                        (void) ids_get(l, inst, &inst_fragment);
                        if (inst_fragment && fragment_basename && !streq(path_basename(inst_fragment), fragment_basename))
                                continue;
                        if (!strv_contains(*names, inst)) {
                                r = strv_extend(names, inst);
                                if (r < 0)
                                        return r;
                        }
                } else if (!strv_contains(*names, alias)) {
                        r = strv_extend(names, alias);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

static int find_fragment(struct unit_loader *l, const char *name, const char **ret_fragment, char ***ret_names) {
        _cleanup_free_ char *instance = NULL, *tmpl = NULL;
        _cleanup_strv_free_ char **names = NULL;
        const char *fragment = NULL;
        int type, r;

        type = unit_name_to_instance(name, &instance);
        if (type < 0)
                return type;
        r = add_names(l, NULL, type, instance, &names, name);
        if (r < 0)
                return r;
        (void) ids_get(l, name, &fragment);
        if (!fragment && type == UNIT_NAME_INSTANCE) {
                r = unit_name_template(name, &tmpl);
                if (r < 0)
                        return r;
                (void) ids_get(l, tmpl, &fragment);
        }
        if (fragment && !streq(path_basename(fragment), name)) {
                r = add_names(l, path_basename(fragment), type, instance, &names, path_basename(fragment));
                if (r < 0)
                        return r;
        }
        *ret_fragment = fragment;
        *ret_names = TAKE_PTR(names);
        return 0;
}

/* ---- drop-in discovery (unit_file_find_dropin_paths) ---- */

static int add_dir(struct unit_loader *l, const char *path, char ***dirs) {
        char *chased = NULL, *cached;
        int r;

        cached = hashmap_get(&l->dir_cache, path);
        if (!cached) {
                char *key;

                r = chase_symlinks(l->root, path, 0, &chased);
                if (r == -ENOENT || r == -ENAMETOOLONG || r == -ENOTDIR)
                        return 0;
                if (r < 0)
                        return r == -ENOMEM ? r : 0;
                cached = pool_add(l, chased);
                key = pool_add(l, strdup(path));
                if (!cached || !key || hashmap_put(&l->dir_cache, key, cached) < 0)
                        return -ENOMEM;
        }
        chased = strdup(cached);
        if (!chased)
                return -ENOMEM;
        r = strv_push(dirs, chased);
        if (r < 0)
                free(chased);
        return r;
}

static int find_dirs(struct unit_loader *l, const char *unit_path, const char *name, const char *suffix, char ***dirs) {
        _cleanup_free_ char *path = NULL, *prefix = NULL, *instance = NULL, *built = NULL;
        bool is_instance, chopped = false;
        char *dash;
        size_t n;
        int r;

        path = malloc(strlen(unit_path) + 1 + strlen(name) + strlen(suffix) + 1);
        if (!path)
                return -ENOMEM;
        snprintf(path, strlen(unit_path) + 1 + strlen(name) + strlen(suffix) + 1, "%s/%s%s", unit_path, name, suffix);
        if (hashmap_contains(&l->path_cache, path)) {
                r = add_dir(l, path, dirs);
                if (r < 0)
                        return r;
        }

        is_instance = unit_name_is_valid(name, UNIT_NAME_INSTANCE);
        if (is_instance) {
                _cleanup_free_ char *tmpl = NULL;
                r = unit_name_template(name, &tmpl);
                if (r < 0)
                        return r;
                r = find_dirs(l, unit_path, tmpl, suffix, dirs);
                if (r < 0)
                        return r;
        }
        if (unit_type_from_string(name) >= 0)
                return 0;

        r = unit_name_to_prefix(name, &prefix);
        if (r < 0)
                return r;
        for (;;) {
                dash = strrchr(prefix, '-');
                if (!dash)
                        return 0;
                n = (size_t) (dash - prefix);
                if (n == 0)
                        return 0;
                if (prefix[n + 1] != 0 || chopped) {
                        prefix[n + 1] = 0;
                        break;
                }
                prefix[n] = 0;
                chopped = true;
        }
        if (!unit_prefix_is_valid(prefix))
                return 0;
        if (is_instance) {
                r = unit_name_to_instance(name, &instance);
                if (r < 0)
                        return r;
        }
        r = unit_name_build_from_type(prefix, instance, unit_name_to_type(name), &built);
        if (r < 0)
                return 0;
        return find_dirs(l, unit_path, built, suffix, dirs);
}

static bool hidden_or_backup_file(const char *f) {
        static const char *const suffixes[] = {
                "rpmnew", "rpmsave", "rpmorig", "dpkg-old", "dpkg-new", "dpkg-tmp", "dpkg-dist",
                "dpkg-bak", "dpkg-backup", "dpkg-remove", "ucf-new", "ucf-old", "ucf-dist",
                "swp", "bak", "old", "new",
        };
        const char *dot;

        if (f[0] == '.' || streq(f, "lost+found") || streq(f, "aquota.user") || streq(f, "aquota.group") ||
            endswith(f, "~"))
                return true;
        dot = strrchr(f, '.');
        if (!dot)
                return false;
        for (size_t i = 0; i < ELEMENTSOF(suffixes); i++)
                if (streq(dot + 1, suffixes[i]))
                        return true;
        return false;
}

static int cmp_basename(const void *a, const void *b) {
        return strcmp(path_basename(*(char * const *) a), path_basename(*(char * const *) b));
}

/* conf_files_list_strv() with no flags: first directory wins per file name,
 * sorted by file name. */
static int list_files(struct unit_loader *l, char **dirs, const char *suffix, char ***ret) {
        _cleanup_strv_free_ char **files = NULL;
        struct hashmap seen = HASHMAP_INIT;
        size_t n = 0, alloc = 0;
        int r = 0;

        strv_uniq(dirs);
        STRV_FOREACH(dir, dirs) {
                _cleanup_free_ char *fs = root_path(l->root, *dir);
                DIR *d;
                struct dirent *de;

                if (!fs) {
                        r = -ENOMEM;
                        break;
                }
                d = opendir(fs);
                if (!d)
                        continue;
                while ((de = readdir(d))) {
                        char *p;

                        if (hidden_or_backup_file(de->d_name))
                                continue;
                        if (suffix && !endswith(de->d_name, suffix))
                                continue;
                        if (hashmap_contains(&seen, de->d_name))
                                continue;
                        p = path_join(*dir, de->d_name);
                        if (!p || strv_push_n(&files, &n, &alloc, p) < 0) {
                                free(p);
                                r = -ENOMEM;
                                break;
                        }
                        /* the key lives in files[] */
                        if (hashmap_put(&seen, path_basename(files[n - 1]), NULL) < 0) {
                                r = -ENOMEM;
                                break;
                        }
                }
                closedir(d);
                if (r < 0)
                        break;
        }
        hashmap_clear(&seen);
        if (r < 0)
                return r;
        if (n > 1)
                qsort(files, n, sizeof(char *), cmp_basename);
        *ret = TAKE_PTR(files);
        return 0;
}

static int find_dropin_paths(struct unit_loader *l, const struct unit *u, const char *dir_suffix,
                             const char *file_suffix, char ***ret) {
        _cleanup_strv_free_ char **dirs = NULL;
        int r;

        STRV_FOREACH(p, l->search_path) {
                r = find_dirs(l, *p, u->id, dir_suffix, &dirs);
                if (r < 0)
                        return r;
        }
        STRV_FOREACH(n, u->names) {
                if (streq(*n, u->id))
                        continue;
                STRV_FOREACH(p, l->search_path) {
                        r = find_dirs(l, *p, *n, dir_suffix, &dirs);
                        if (r < 0)
                                return r;
                }
        }
        STRV_FOREACH(p, l->search_path) {
                r = find_dirs(l, *p, unit_type_to_string(u->type), dir_suffix, &dirs);
                if (r < 0)
                        return r;
        }
        if (strv_isempty(dirs)) {
                *ret = NULL;
                return 0;
        }
        return list_files(l, dirs, file_suffix, ret);
}

/* ---- reading files ---- */

static bool same_fragment(void *loader, const struct unit *u, const char *name) {
        struct unit_loader *l = loader;
        _cleanup_strv_free_ char **names = NULL;
        const char *fragment = NULL;

        if (find_fragment(l, name, &fragment, &names) < 0)
                return false;
        return streq_ptr(fragment, u->fragment_path);
}

static int parse_file(struct unit_loader *l, struct unit *u, const char *host, const char *fs, bool dropin) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0;
        struct stat st;
        int r;
        struct fragment_parse fp = {
                .unit = u,
                .file = host,
                .fragment_real = u->fragment_real,
                .lint = l->lint,
                .same_fragment = same_fragment,
                .loader = l,
        };
        struct syntax_options opts = {
                .sections = unit_type_sections(u->type),
                .lint = l->lint,
                .fatal_effect = dropin ? DIAG_EFFECT_FILE : DIAG_EFFECT_REFUSED,
        };

        r = read_full_file(fs, UNIT_FILE_SIZE_MAX, &data, &size, &st);
        if (r == -EFBIG) {
                diag_add(&u->diags, host, 0, DIAG_ERROR, opts.fatal_effect,
                         "File is larger than goldctl's limit of %zu bytes, not read", UNIT_FILE_SIZE_MAX);
                return r;
        }
        if (r < 0) {
                diag_add(&u->diags, host, 0, DIAG_ERROR, opts.fatal_effect, "Failed to open %s: %s", host, strerror(-r));
                return r;
        }
        if (st.st_mode & 0111)
                diag_add(&u->diags, host, 0, DIAG_WARNING, DIAG_EFFECT_NONE,
                         "Configuration file %s is marked executable. Please remove executable permission bits. Proceeding anyway.", host);
        if (st.st_mode & 0002)
                diag_add(&u->diags, host, 0, DIAG_WARNING, DIAG_EFFECT_NONE,
                         "Configuration file %s is marked world-writable. Please remove world writability permission bits. Proceeding anyway.", host);
        if ((st.st_mode & 0044) != 0044)
                diag_add(&u->diags, host, 0, DIAG_WARNING, DIAG_EFFECT_NONE,
                         "Configuration file %s is marked world-inaccessible. This has no effect as configuration data is accessible via APIs without restrictions. Proceeding anyway.", host);
        return syntax_parse(host, data, size, &opts, unit_fragment_assign, &fp, &u->diags);
}

/* ---- type-specific loading (the *_add_extras() and *_verify() parts) ---- */

static int refuse_at(struct unit *u, const struct origin *o, const char *fmt, ...) _printf_(3, 4);
static int refuse_at(struct unit *u, const struct origin *o, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        va_list ap;

        if (o && o->file)
                u->refusal_origin = *o;
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        diag_add(&u->diags, u->fragment_path, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED, "%s", strbuf_str(&sb));
        strbuf_release(&sb);
        u->load_state = UNIT_BAD_SETTING;
        u->load_error = -ENOEXEC;
        return 0;
}

#define refuse(u, ...) refuse_at(u, NULL, __VA_ARGS__)

static int related_unit(struct unit *u, const char *suffix, char **ret) {
        struct strbuf sb = STRBUF_INIT;
        const char *dot = strrchr(u->id, '.');

        strbuf_add(&sb, u->id, (size_t) (dot - u->id));
        strbuf_addstr(&sb, suffix);
        *ret = strbuf_detach(&sb, NULL);
        if (!*ret)
                return -ENOMEM;
        if (strv_contains(u->names, *ret)) {
                free(*ret);
                *ret = NULL;
                return -EINVAL;
        }
        return 0;
}

static int add_trigger(struct unit *u, const char *name) {
        struct origin none = {};
        int r;

        r = unit_dep_add(u, UNIT_BEFORE, name, none, UNIT_DEP_IMPLICIT);
        if (r < 0)
                return r;
        return unit_dep_add(u, UNIT_TRIGGERS, name, none, UNIT_DEP_IMPLICIT);
}

static int load_extras(struct unit *u) {
        _cleanup_free_ char *related = NULL;
        int r;

        switch (u->type) {
        case UNIT_SERVICE:
                if (u->service_type < 0) {
                        if (u->bus_name.value)
                                u->service_type = SERVICE_DBUS;
                        else if (u->exec[EXEC_START].n > 0)
                                u->service_type = SERVICE_SIMPLE;
                        else
                                u->service_type = SERVICE_ONESHOT;
                }
                /* service_setup_bus_name() */
                if (u->service_type == SERVICE_DBUS && u->bus_name.value) {
                        struct origin o = u->bus_name.origin;
                        r = unit_dep_add(u, UNIT_REQUIRES, "dbus.socket", o, UNIT_DEP_IMPLICIT);
                        if (r >= 0)
                                r = unit_dep_add(u, UNIT_AFTER, "dbus.socket", o, UNIT_DEP_IMPLICIT);
                        if (r < 0)
                                return r;
                }
                /* service_fix_stdio() */
                if (u->ctx.std_input == EXEC_INPUT_NULL && u->ctx.stdin_data)
                        u->ctx.std_input = EXEC_INPUT_DATA;
                if (!(u->ctx.std_input == EXEC_INPUT_TTY || u->ctx.std_input == EXEC_INPUT_TTY_FORCE ||
                      u->ctx.std_input == EXEC_INPUT_TTY_FAIL || u->ctx.std_input == EXEC_INPUT_SOCKET ||
                      u->ctx.std_input == EXEC_INPUT_NAMED_FD)) {
                        if (u->ctx.std_error == EXEC_OUTPUT_INHERIT && u->ctx.std_output == EXEC_OUTPUT_INHERIT)
                                u->ctx.std_error = EXEC_OUTPUT_INHERIT; /* the system manager's DefaultStandardError= */
                        if (u->ctx.std_output == EXEC_OUTPUT_INHERIT)
                                u->ctx.std_output = EXEC_OUTPUT_JOURNAL; /* DefaultStandardOutput= */
                }
                break;
        case UNIT_SOCKET:
                if (!u->socket_accept) {
                        const char *svc = u->trigger_service;
                        if (!svc) {
                                r = related_unit(u, ".service", &related);
                                if (r == -ENOMEM)
                                        return r;
                                if (r < 0)
                                        return refuse(u, "Failed to load related unit: %s", "Invalid argument");
                                svc = related;
                        }
                        r = add_trigger(u, svc);
                        if (r < 0)
                                return r;
                }
                break;
        case UNIT_TIMER:
        case UNIT_PATH:
        case UNIT_AUTOMOUNT:
                if (u->deps[UNIT_TRIGGERS].n == 0) {
                        r = related_unit(u, u->type == UNIT_AUTOMOUNT ? ".mount" : ".service", &related);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0)
                                return refuse(u, "Failed to load related unit: %s", "Invalid argument");
                        r = add_trigger(u, related);
                        if (r < 0)
                                return r;
                }
                break;
        case UNIT_MOUNT:
                if (!u->where.value) {
                        _cleanup_free_ char *w = NULL;
                        r = unit_name_to_path(u->id, &w);
                        if (r == -ENOMEM)
                                return r;
                        if (r >= 0) {
                                r = setting_str_set(&u->where, w, (struct origin) {});
                                if (r < 0)
                                        return r;
                        }
                }
                break;
        default:
                break;
        }

        /* unit_patch_contexts(): DynamicUser= implies a strict sandbox. */
        if (unit_type_has_exec_context(u->type) && u->ctx.dynamic_user) {
                if (!u->ctx.user.value) {
                        _cleanup_free_ char *prefix = NULL;
                        bool strict;
                        r = unit_name_to_prefix(u->id, &prefix);
                        if (r < 0)
                                return r;
                        if (valid_user_group_name_relaxed(prefix, &strict) && strict) {
                                r = setting_str_set(&u->ctx.user, prefix, (struct origin) {});
                                if (r < 0)
                                        return r;
                        }
                }
                if (!u->ctx.group.value && u->ctx.user.value) {
                        r = setting_str_set(&u->ctx.group, u->ctx.user.value, (struct origin) {});
                        if (r < 0)
                                return r;
                }
                u->ctx.protect_system = PROTECT_SYSTEM_STRICT;
                if (u->ctx.protect_home == PROTECT_HOME_NO)
                        u->ctx.protect_home = PROTECT_HOME_READ_ONLY;
        }
        return 0;
}

static int verify(struct unit *u) {
        switch (u->type) {
        case UNIT_SERVICE: {
                bool have_start = u->exec[EXEC_START].n > 0, have_stop = u->exec[EXEC_STOP].n > 0;
                bool success_action = u->success_action.value != NULL;

                for (int k = 0; k < _EXEC_KIND_MAX; k++)
                        for (size_t i = 0; i < u->exec[k].n; i++)
                                if (!path_is_absolute(u->exec[k].items[i].path) &&
                                    !filename_is_valid(u->exec[k].items[i].path))
                                return refuse_at(u, &u->exec[k].items[i].origin,
                                                 "Service %s= binary path \"%s\" is neither a valid executable name nor an absolute path. Refusing.",
                                                 exec_kind_to_string(k), u->exec[k].items[i].path);
                if (!have_start && !have_stop && !success_action)
                        return refuse(u, "Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.");
                if (u->service_type != SERVICE_ONESHOT && !have_start)
                        return refuse_at(u, &u->service_type_origin, "Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.");
                if (!u->remain_after_exit && !have_start && !success_action)
                        return refuse(u, "Service has no ExecStart= and no SuccessAction= settings and does not have RemainAfterExit=yes set. Refusing.");
                if (u->service_type != SERVICE_ONESHOT && u->exec[EXEC_START].n > 1)
                        return refuse_at(u, &u->exec[EXEC_START].items[1].origin, "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.");
                if (u->service_type == SERVICE_ONESHOT &&
                    (u->restart == SERVICE_RESTART_ALWAYS || u->restart == SERVICE_RESTART_ON_SUCCESS))
                        return refuse_at(u, &u->restart_origin, "Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing.");
                if (u->service_type == SERVICE_ONESHOT && u->restart_force_status)
                        return refuse(u, "Service has RestartForceExitStatus= set, which isn't allowed for Type=oneshot services. Refusing.");
                if (u->service_type == SERVICE_ONESHOT && u->exit_type_cgroup)
                        return refuse(u, "Service has ExitType=cgroup set, which isn't allowed for Type=oneshot services. Refusing.");
                if (u->service_type == SERVICE_DBUS && !u->bus_name.value)
                        return refuse_at(u, &u->service_type_origin, "Service is of type D-Bus but no D-Bus service name has been specified. Refusing.");
                if (u->ctx.pam_name.value && !(u->kill_mode == 0 || u->kill_mode == 2))
                        return refuse_at(u, &u->ctx.pam_name.origin, "Service has PAM enabled. Kill mode must be set to 'control-group' or 'mixed'. Refusing.");
                break;
        }
        case UNIT_SOCKET:
                if (!u->has_trigger_spec)
                        return refuse(u, "Unit has no Listen setting (ListenStream=, ListenDatagram=, ListenFIFO=, ...). Refusing.");
                if (u->socket_accept && u->trigger_service)
                        return refuse(u, "Explicit service configuration for accepting socket units not supported. Refusing.");
                if (u->ctx.pam_name.value && u->kill_mode != 0)
                        return refuse(u, "Unit has PAM enabled. Kill mode must be set to 'control-group'. Refusing.");
                break;
        case UNIT_TIMER:
                if (!u->has_trigger_spec)
                        return refuse(u, "Timer unit lacks value setting. Refusing.");
                break;
        case UNIT_PATH:
                if (!u->has_trigger_spec)
                        return refuse(u, "Path unit lacks path setting. Refusing.");
                break;
        case UNIT_MOUNT: {
                _cleanup_free_ char *e = NULL;
                if (!u->where.value || unit_name_from_path(u->where.value, ".mount", &e) < 0)
                        return refuse(u, "Failed to generate unit name from mount path. Refusing.");
                if (!strv_contains(u->names, e))
                        return refuse(u, "Where= setting doesn't match unit name. Refusing.");
                if (!u->what.value)
                        return refuse(u, "What= setting is missing. Refusing.");
                break;
        }
        case UNIT_SWAP: {
                _cleanup_free_ char *e = NULL;
                if (!u->what.value || unit_name_from_path(u->what.value, ".swap", &e) < 0)
                        return refuse(u, "Failed to generate unit name from path. Refusing.");
                if (!strv_contains(u->names, e))
                        return refuse(u, "Value of What= and unit name do not match, not loading.");
                break;
        }
        case UNIT_AUTOMOUNT: {
                _cleanup_free_ char *e = NULL;
                if (!u->where.value) {
                        int r = unit_name_to_path(u->id, &e);
                        if (r == -ENOMEM)
                                return r;
                        if (r >= 0)
                                (void) setting_str_set(&u->where, e, (struct origin) {});
                        free(e);
                        e = NULL;
                }
                if (u->where.value && streq(u->where.value, "/"))
                        return refuse(u, "Cannot have an automount unit for the root directory. Refusing.");
                if (!u->where.value || unit_name_from_path(u->where.value, ".automount", &e) < 0)
                        return refuse(u, "Failed to generate unit name from path. Refusing.");
                if (!strv_contains(u->names, e))
                        return refuse(u, "Where= setting doesn't match unit name. Refusing.");
                break;
        }
        default:
                break;
        }
        return 0;
}

/* ---- loading one unit ---- */

static int register_unit(struct unit_loader *l, struct unit *u, const char *name) {
        char *k;

        if (hashmap_contains(&l->units, name))
                return 0;
        k = pool_add(l, strdup(name));
        if (!k)
                return -ENOMEM;
        return hashmap_put(&l->units, k, u) < 0 ? -ENOMEM : 0;
}

static bool fragment_required(enum unit_type t) {
        return !(t == UNIT_DEVICE || t == UNIT_SCOPE || t == UNIT_SLICE);
}

static int load_dependency_dirs(struct unit_loader *l, struct unit *u, const char *suffix, enum unit_dependency d) {
        _cleanup_strv_free_ char **paths = NULL;
        int r;

        r = find_dropin_paths(l, u, suffix, NULL, &paths);
        if (r < 0)
                return r;
        STRV_FOREACH(p, paths) {
                const char *entry = path_basename(*p);
                struct stat st;

                if (null_or_empty_host(l, *p) > 0)
                        continue;
                if (root_lstat(l->root, *p, &st) < 0)
                        continue;
                if (!S_ISLNK(st.st_mode)) {
                        diag_add(&u->diags, *p, 0, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                 "%s dependency dropin %s is not a symlink, ignoring.", unit_dependency_to_string(d), *p);
                        continue;
                }
                if (!unit_name_is_valid(entry, UNIT_NAME_ANY)) {
                        diag_add(&u->diags, *p, 0, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                 "%s dependency dropin %s is not a valid unit name, ignoring.", unit_dependency_to_string(d), *p);
                        continue;
                }
                {
                        _cleanup_free_ char *buf = NULL;
                        const char *n = entry;
                        struct origin o = { .file = NULL, .line = 0 };

                        if (unit_name_is_valid(entry, UNIT_NAME_TEMPLATE)) {
                                _cleanup_free_ char *prefix = NULL;
                                if (u->instance)
                                        r = unit_name_replace_instance(entry, u->instance, &buf);
                                else if ((r = unit_name_to_prefix(u->id, &prefix)) >= 0)
                                        r = unit_name_replace_instance(entry, prefix, &buf);
                                if (r < 0)
                                        continue;
                                n = buf;
                        }
                        r = unit_dep_add(u, d, n, o, UNIT_DEP_WANTS_DIR);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

static int load_unit(struct unit_loader *l, struct unit *u, const char *fragment) {
        int r;

        if (fragment) {
                _cleanup_free_ char *real = NULL;
                int masked;

                u->fragment_path = strdup(fragment);
                if (!u->fragment_path)
                        return -ENOMEM;
                if (chase_symlinks(l->root, fragment, 0, &real) >= 0)
                        u->fragment_real = TAKE_PTR(real);
                /* Read through the resolved path: under --root an absolute
                 * symlink must not leave the root. */
                u->fragment_fs = root_path(l->root, u->fragment_real ? u->fragment_real : fragment);
                if (!u->fragment_fs)
                        return -ENOMEM;

                masked = null_or_empty_host(l, fragment);
                if (masked < 0) {
                        diag_add(&u->diags, fragment, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                 "Failed to open %s: %s", fragment, strerror(-masked));
                        u->load_state = UNIT_ERROR;
                        u->load_error = masked;
                        return 0;
                }
                if (masked) {
                        u->load_state = UNIT_MASKED;
                } else {
                        u->load_state = UNIT_LOADED;
                        r = parse_file(l, u, u->fragment_path, u->fragment_fs, false);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0) {
                                u->load_state = r == -ENOEXEC ? UNIT_BAD_SETTING : UNIT_ERROR;
                                u->load_error = r;
                                if (r == -ENOEXEC)
                                        diag_add(&u->diags, u->fragment_path, 0, DIAG_NOTICE, DIAG_EFFECT_REFUSED,
                                                 "Unit configuration has fatal error, unit will not be started.");
                                return 0;
                        }
                }
        } else if (fragment_required(u->type)) {
                u->load_state = UNIT_NOT_FOUND;
                u->load_error = -ENOENT;
                return 0;
        } else
                u->load_state = UNIT_LOADED;

        r = load_dependency_dirs(l, u, ".wants", UNIT_WANTS);
        if (r < 0)
                return r;
        r = load_dependency_dirs(l, u, ".requires", UNIT_REQUIRES);
        if (r < 0)
                return r;
        {
                _cleanup_strv_free_ char **dropins = NULL;
                size_t n;

                r = find_dropin_paths(l, u, ".d", ".conf", &dropins);
                if (r < 0)
                        return r;
                n = strv_length(dropins);
                if (n > UNIT_DROPIN_MAX) {
                        diag_add(&u->diags, u->fragment_path, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                 "%zu drop-ins, more than goldctl's limit of %d; not read", n, UNIT_DROPIN_MAX);
                        u->load_state = UNIT_ERROR;
                        u->load_error = -E2BIG;
                        return 0;
                }
                u->dropin_paths = TAKE_PTR(dropins);
                STRV_FOREACH(p, u->dropin_paths) {
                        _cleanup_free_ char *real = NULL;
                        char *fs;

                        (void) chase_symlinks(l->root, *p, 0, &real);
                        fs = root_path(l->root, real ? real : *p);
                        if (!fs || strv_push(&u->dropin_fs, fs) < 0) {
                                free(fs);
                                return -ENOMEM;
                        }
                }
        }
        for (size_t i = 0; u->dropin_paths && u->dropin_paths[i]; i++) {
                int q = null_or_empty_host(l, u->dropin_paths[i]);
                if (q > 0)
                        continue;
                r = parse_file(l, u, u->dropin_paths[i], u->dropin_fs[i], true);
                if (r == -ENOMEM)
                        return r;
        }

        if (u->load_state != UNIT_LOADED)
                return 0;
        r = load_extras(u);
        if (r < 0)
                return r;
        if (u->load_state != UNIT_LOADED)
                return 0;
        return verify(u);
}

static int append_unit(struct unit_loader *l, struct unit *u) {
        if (l->n_all >= UNIT_LOADER_UNITS_MAX)
                return -E2BIG;
        if (l->n_all == l->alloc_all) {
                size_t na = l->alloc_all ? l->alloc_all * 2 : 64;
                struct unit **v = realloc(l->all, na * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                l->all = v;
                l->alloc_all = na;
        }
        l->all[l->n_all++] = u;
        return 0;
}

struct unit *unit_loader_get(const struct unit_loader *l, const char *name) {
        return hashmap_get(&l->units, name);
}

int unit_loader_load(struct unit_loader *l, const char *name, struct unit **ret) {
        _cleanup_strv_free_ char **names = NULL;
        _cleanup_(unit_freep) struct unit *u = NULL;
        const char *fragment = NULL;
        struct unit *existing;
        int r;

        existing = hashmap_get(&l->units, name);
        if (existing) {
                *ret = existing;
                return 0;
        }
        if (!unit_name_is_valid(name, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return -EINVAL;

        r = build_name_map(l);
        if (r < 0)
                return r;
        r = find_fragment(l, name, &fragment, &names);
        if (r < 0)
                return r;
        /* A template among the names stands for the same instance
         * (unit_merge_by_name() instantiates it). */
        {
                _cleanup_free_ char *inst = NULL;

                (void) unit_name_to_instance(name, &inst);
                for (char **n = names; n && *n; n++)
                        if (unit_name_is_valid(*n, UNIT_NAME_TEMPLATE)) {
                                char *s = NULL;

                                if (!inst || unit_name_replace_instance(*n, inst, &s) < 0) {
                                        /* not a name of this unit: drop it */
                                        free(*n);
                                        memmove(n, n + 1, (strv_length(n + 1) + 1) * sizeof(char *));
                                        n--;
                                        continue;
                                }
                                free(*n);
                                *n = s;
                        }
                strv_uniq(names);
        }

        /* Another name of the same unit was loaded already: same unit. */
        STRV_FOREACH(n, names) {
                existing = hashmap_get(&l->units, *n);
                if (existing) {
                        r = register_unit(l, existing, name);
                        if (r < 0)
                                return r;
                        *ret = existing;
                        return 0;
                }
        }

        u = unit_new(name);
        if (!u)
                return -ENOMEM;
        if (fragment) {
                const char *base = path_basename(fragment);
                _cleanup_free_ char *id = NULL;

                if (unit_name_is_valid(base, UNIT_NAME_TEMPLATE) && u->instance) {
                        r = unit_name_replace_instance(base, u->instance, &id);
                        if (r < 0)
                                return r;
                } else {
                        id = strdup(base);
                        if (!id)
                                return -ENOMEM;
                }
                /* The id is the fragment's name when that is one of the unit's names. */
                if (strv_contains(names, id) || streq(id, name)) {
                        free(u->id);
                        u->id = TAKE_PTR(id);
                }
        }
        if (!strv_contains(names, name)) {
                r = strv_extend(&names, name);
                if (r < 0)
                        return r;
        }
        if (!strv_contains(names, u->id)) {
                r = strv_extend(&names, u->id);
                if (r < 0)
                        return r;
        }
        strv_sort(names);
        u->names = TAKE_PTR(names);

        r = append_unit(l, u);
        if (r < 0)
                return r;
        existing = TAKE_PTR(u);
        STRV_FOREACH(n, existing->names) {
                r = register_unit(l, existing, *n);
                if (r < 0)
                        return r;
        }
        r = load_unit(l, existing, fragment);
        if (r < 0)
                return r;
        *ret = existing;
        return 0;
}

/* ---- closure and inverse dependencies ---- */

int unit_loader_finish(struct unit_loader *l) {
        int r;

        /* A booted manager has loaded default.target and everything it
         * pulls in, transitively: load it too, so that the inverse
         * dependencies (WantedBy=multi-user.target, ...) show as on the host. */
        {
                struct unit *dt;

                r = unit_loader_load(l, "default.target", &dt);
                if (r == -ENOMEM || r == -E2BIG)
                        return r;
        }

        /* Load every named unit; l->all grows while we walk it. */
        for (size_t i = 0; i < l->n_all; i++) {
                struct unit *u = l->all[i];

                for (int d = 0; d < _UNIT_DEPENDENCY_MAX; d++)
                        for (size_t j = 0; j < u->deps[d].n; j++) {
                                struct unit *other;

                                r = unit_loader_load(l, u->deps[d].items[j].name, &other);
                                if (r == -ENOMEM || r == -E2BIG)
                                        return r;
                        }
                if (u->trigger_service) {
                        struct unit *other;
                        r = unit_loader_load(l, u->trigger_service, &other);
                        if (r == -ENOMEM || r == -E2BIG)
                                return r;
                }
        }

        /* Resolve names to ids, drop self references and duplicates. */
        for (size_t i = 0; i < l->n_all; i++) {
                struct unit *u = l->all[i];

                for (int d = 0; d < _UNIT_DEPENDENCY_MAX; d++) {
                        struct unit_dep_list *dl = &u->deps[d];
                        /* the names kept so far -> index + 1 (a long list: linear, not quadratic) */
                        struct hashmap kept = HASHMAP_INIT;
                        size_t w = 0;

                        hashmap_clear(&dl->index);      /* names change below */
                        for (size_t j = 0; j < dl->n; j++) {
                                struct unit *other = hashmap_get(&l->units, dl->items[j].name);
                                uintptr_t k;

                                if (other == u) {
                                        free(dl->items[j].name);
                                        continue;
                                }
                                if (other && !streq(other->id, dl->items[j].name)) {
                                        char *n = strdup(other->id);
                                        if (!n) {
                                                hashmap_clear(&kept);
                                                return -ENOMEM;
                                        }
                                        free(dl->items[j].name);
                                        dl->items[j].name = n;
                                }
                                k = (uintptr_t) hashmap_get(&kept, dl->items[j].name);
                                if (k) {
                                        dl->items[k - 1].flags |= dl->items[j].flags;
                                        free(dl->items[j].name);
                                        continue;
                                }
                                dl->items[w++] = dl->items[j];
                                if (hashmap_put(&kept, dl->items[w - 1].name, (void *) (uintptr_t) w) < 0) {
                                        /* the names before j+1 are either kept or freed: make the list whole */
                                        for (size_t m = j + 1; m < dl->n; m++)
                                                dl->items[w++] = dl->items[m];
                                        dl->n = w;
                                        hashmap_clear(&kept);
                                        return -ENOMEM;
                                }
                        }
                        dl->n = w;
                        hashmap_clear(&kept);
                        if (unit_dep_list_reindex(dl) < 0)
                                return -ENOMEM;
                }
        }

        /* Record each dependency's inverse on the other unit. */
        for (size_t i = 0; i < l->n_all; i++) {
                struct unit *u = l->all[i];

                for (int d = 0; d < _UNIT_DEPENDENCY_MAX; d++) {
                        enum unit_dependency inv = unit_dependency_inverse(d);

                        for (size_t j = 0; j < u->deps[d].n; j++) {
                                struct unit_dep *dep = &u->deps[d].items[j];
                                struct unit *other;

                                if (dep->flags == UNIT_DEP_REVERSE || inv == (enum unit_dependency) d)
                                        continue;
                                other = hashmap_get(&l->units, dep->name);
                                if (!other)
                                        continue;
                                r = unit_dep_add(other, inv, u->id, dep->origin, UNIT_DEP_REVERSE);
                                if (r < 0)
                                        return r;
                        }
                }
        }
        return 0;
}

int unit_loader_list_names(struct unit_loader *l, char ***ret) {
        _cleanup_strv_free_ char **names = NULL;
        size_t i = 0, n = 0, alloc = 0;
        const char *k;
        int r;

        r = build_name_map(l);
        if (r < 0)
                return r;
        while (hashmap_next(&l->ids, &i, &k, NULL)) {
                char *c = strdup(k);
                if (!c || strv_push_n(&names, &n, &alloc, c) < 0) {
                        free(c);
                        return -ENOMEM;
                }
        }
        strv_sort(names);
        *ret = TAKE_PTR(names);
        return 0;
}
