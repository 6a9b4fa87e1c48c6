/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <fcntl.h>
#include <strings.h>

#include "chase.h"
#include "fileio.h"
#include "path-util.h"

#include "rules-util.h"
#include "secret.h"

int rules_foreach_file_line(struct audit *a, const struct rule *r, const char *file, file_line_fn fn,
                            void *userdata) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0;
        unsigned line = 1;
        int q;

        q = audit_read(a, file, &data, &size);
        if (q < 0)
                return q == -ENOMEM ? q : 0;
        for (size_t i = 0; i <= size;) {
                size_t j = i;
                char *text;

                while (j < size && data[j] != '\n')
                        j++;
                if (j == size && i == size)
                        break;
                text = strndup(data + i, j - i);
                if (!text)
                        return -ENOMEM;
                if (j > i && text[j - i - 1] == '\r')
                        text[j - i - 1] = '\0';
                q = fn(a, r, file, line, text, userdata);
                free(text);
                if (q < 0)
                        return q;
                line++;
                i = j + 1;
        }
        return 0;
}

struct unit_line_ctx {
        const struct unit *u;
        unit_line_fn fn;
        void *userdata;
};

static int unit_line(struct audit *a, const struct rule *r, const char *file, unsigned line, const char *text,
                     void *userdata) {
        struct unit_line_ctx *c = userdata;
        const char *t = text + strspn(text, " \t");

        return c->fn(a, r, c->u, file, line, text, *t == '#' || *t == ';', c->userdata);
}

int rules_foreach_unit_line(struct audit *a, const struct rule *r, const struct unit *u, unit_line_fn fn,
                            void *userdata) {
        struct unit_line_ctx c = { .u = u, .fn = fn, .userdata = userdata };
        int q;

        if (u->fragment_path && u->load_state != UNIT_MASKED) {
                q = rules_foreach_file_line(a, r, u->fragment_path, unit_line, &c);
                if (q < 0)
                        return q;
        }
        STRV_FOREACH(d, u->dropin_paths) {
                q = rules_foreach_file_line(a, r, *d, unit_line, &c);
                if (q < 0)
                        return q;
        }
        return 0;
}

const struct env_entry *rules_env_get(const struct audit_service *s, const char *name) {
        if (!s->env_exists || s->env.failed)
                return NULL;
        for (size_t i = 0; i < s->env.n; i++)
                if (s->env.items[i].valid && streq(s->env.items[i].key, name))
                        return &s->env.items[i];
        return NULL;
}

bool rules_unit_has_dep(const struct unit *u, enum unit_dependency d, const char *name) {
        for (size_t i = 0; i < u->deps[d].n; i++)
                if (streq(u->deps[d].items[i].name, name) && (u->deps[d].items[i].flags & ~UNIT_DEP_REVERSE))
                        return true;
        return false;
}

bool rules_name_is_secret(const char *name) {
        return secret_name_like(name);
}

bool rules_value_looks_secret(const char *v) {
        return secret_value_like(v);
}

bool rules_host_is_local(const struct contract *c, const char *host) {
        return strv_contains(c->redis_allowed_hosts, host);
}

bool rules_is_container_host(const char *host) {
        static const char *const names[] = { "quantum_redis", "redis", "quantum-redis", "redis_server" };

        for (size_t i = 0; i < ELEMENTSOF(names); i++)
                if (strcasecmp(host, names[i]) == 0)
                        return true;
        return false;
}

char *rules_repo_path(const struct audit *a, const char *rel) {
        return path_join(a->c->repo_root, rel);
}

bool rules_is_code(const char *rel) {
        return endswith(rel, ".py") || endswith(rel, ".sh");
}

#define REPO_SCAN_MAX (16 * 1024 * 1024)

/* What the repository rules keep of the files they read, at most (the
 * rest is read again by each rule). */
#define REPO_CACHE_MAX ((size_t) 64 * 1024 * 1024)

/* The file's contents (kept, or in *tmp), or NULL when there is nothing to
 * scan (gone, a symlink, binary, unreadable: said once). */
static int repo_file(struct audit *a, size_t i, const char *fsroot, const char *host, char **tmp, const char **ret,
                     size_t *ret_size) {
        struct repo_cache *c = &a->repo_cache[i];
        _cleanup_free_ char *fs = NULL, *data = NULL;
        _cleanup_close_ int fd = -1;
        size_t size = 0;
        int q;

        *ret = NULL;
        if (c->state == REPO_SKIP)
                return 0;
        if (c->state == REPO_KEPT) {
                *ret = c->data;
                *ret_size = c->size;
                return 0;
        }
        fs = path_join(fsroot, a->repo_files[i]);
        if (!fs)
                return -ENOMEM;
        fd = open(fs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0) {
                /* a symlink is not followed (it may leave the repository); a file
                 * listed by git but deleted from the work tree is not there */
                c->state = REPO_SKIP;
                if (errno == ELOOP || errno == ENOENT)
                        return 0;
                return audit_problem(a, host, "cannot read the file to scan it: %s", strerror(errno));
        }
        q = read_full_fd(fd, REPO_SCAN_MAX, &data, &size);
        if (q == -ENOMEM)
                return q;
        if (q < 0) {
                c->state = REPO_SKIP;
                return audit_problem(a, host, "cannot read the file to scan it: %s",
                                     q == -EFBIG ? "larger than 16 MiB" : strerror(-q));
        }
        if (memchr(data, '\0', size)) {
                c->state = REPO_SKIP;   /* binary: not code */
                return 0;
        }
        if (a->repo_cache_bytes + size <= REPO_CACHE_MAX) {
                /* kept at its size: the read buffer grows by doubling from 4 KiB */
                char *shrunk = realloc(data, size + 1);
                if (shrunk)
                        data = shrunk;
                a->repo_cache_bytes += size;
                c->state = REPO_KEPT;
                c->data = TAKE_PTR(data);
                c->size = size;
                *ret = c->data;
        } else {
                c->state = REPO_NOT_KEPT;
                *tmp = TAKE_PTR(data);
                *ret = *tmp;
        }
        *ret_size = size;
        return 0;
}

int rules_foreach_repo_line(struct audit *a, const struct rule *r, bool (*want)(const char *rel), repo_line_fn fn,
                            void *userdata) {
        _cleanup_free_ char *resolved = NULL, *fsroot = NULL, *buf = NULL;
        size_t buf_size = 0;
        int q;

        if (!a->repo_files)
                return 0;
        q = chase_symlinks(a->root, a->c->repo_root, 0, &resolved);
        if (q < 0)
                return q == -ENOMEM ? q : 0;
        fsroot = root_path(a->root, resolved);
        if (!fsroot)
                return -ENOMEM;
        if (!a->repo_cache) {
                a->repo_cache = calloc(strv_length(a->repo_files) + 1, sizeof(*a->repo_cache));
                if (!a->repo_cache)
                        return -ENOMEM;
        }
        for (size_t i = 0; a->repo_files[i]; i++) {
                const char *rel = a->repo_files[i], *data, *end;
                _cleanup_free_ char *host = NULL, *tmp = NULL;
                size_t size = 0;
                unsigned line = 1;

                if (!want(rel) || strstr(rel, "../"))
                        continue;
                host = rules_repo_path(a, rel);
                if (!host)
                        return -ENOMEM;
                q = repo_file(a, i, fsroot, host, &tmp, &data, &size);
                if (q < 0)
                        return q;
                if (!data)
                        continue;
                /* each line, without its "\n" or "\r\n", copied: the kept contents stay as read */
                end = data + size;
                for (const char *p = data; p < end; line++) {
                        const char *nl = memchr(p, '\n', (size_t) (end - p));
                        size_t len = (size_t) ((nl ? nl : end) - p);

                        if (nl && len > 0 && p[len - 1] == '\r')
                                len--;
                        if (len + 1 > buf_size) {
                                char *nb = realloc(buf, len + 1);
                                if (!nb)
                                        return -ENOMEM;
                                buf = nb;
                                buf_size = len + 1;
                        }
                        memcpy(buf, p, len);
                        buf[len] = '\0';
                        q = fn(a, r, host, line, buf, userdata);
                        if (q < 0)
                                return q;
                        p = nl ? nl + 1 : end;
                }
        }
        return 0;
}

bool rules_env_first(const struct audit *a, size_t i) {
        return a->services[i].env_first;
}

/* "<service>", "<Service Name>", "<SCRIPT_PATH>": a template placeholder. */
const char *rules_placeholder(const char *t, size_t *ret_len) {
        for (const char *p = strchr(t, '<'); p; p = strchr(p + 1, '<')) {
                size_t n = 1;

                if (!isalpha((unsigned char) p[1]))
                        continue;
                while (p[n] && (isalnum((unsigned char) p[n]) || p[n] == '_' || p[n] == ' ' || p[n] == '-') && n < 48)
                        n++;
                if (p[n] == '>' && p[n - 1] != ' ') {
                        *ret_len = n + 1;
                        return p;
                }
        }
        return NULL;
}

struct ignored_ctx {
        const char *key;
        const char *file;
        unsigned line;
};

static int ignored_line(struct audit *a, const struct rule *r, const struct unit *u, const char *file, unsigned n,
                        const char *text, bool comment, void *userdata) {
        struct ignored_ctx *c = userdata;
        const char *t = text + strspn(text, " \t");
        size_t k = strlen(c->key);

        if (comment || strncmp(t, c->key, k) != 0 || (t[k] != '=' && t[k] != ' ' && t[k] != '\t'))
                return 0;
        for (size_t i = 0; i < u->diags.n; i++) {
                const struct diag *d = &u->diags.items[i];
                if (d->line == n && d->effect == DIAG_EFFECT_IGNORED && streq_ptr(d->file, file)) {
                        c->file = file;         /* the unit's own string: lives as long as the unit */
                        c->line = n;
                }
        }
        return 0;
}

int rules_ignored_assignment(struct audit *a, const struct rule *r, const struct unit *u, const char *key,
                             const char **ret_file, unsigned *ret_line) {
        struct ignored_ctx c = { .key = key };
        int q;

        *ret_file = NULL;
        *ret_line = 0;
        q = rules_foreach_unit_line(a, r, u, ignored_line, &c);
        if (q < 0)
                return q;
        if (!c.file)
                return 0;
        /* the file string passed to the callback is the unit's fragment or drop-in path */
        if (streq_ptr(c.file, u->fragment_path))
                *ret_file = u->fragment_path;
        else
                STRV_FOREACH(d, u->dropin_paths)
                        if (streq(*d, c.file))
                                *ret_file = *d;
        *ret_line = *ret_file ? c.line : 0;
        return *ret_file ? 1 : 0;
}

const char *rules_eol_comment(const char *text) {
        const char *eq = strchr(text, '='), *h;

        if (!eq || text[strspn(text, " \t")] == '[' || text[strspn(text, " \t")] == '#' ||
            text[strspn(text, " \t")] == ';')
                return NULL;
        for (h = strchr(eq, '#'); h; h = strchr(h + 1, '#'))
                if (h > eq + 1 && (h[-1] == ' ' || h[-1] == '\t'))
                        return h;
        return NULL;
}

const char *rules_env_expected(const struct contract *c, const char *name, const char *fallback) {
        size_t n = strlen(name);

        STRV_FOREACH(x, c->env_expect)
                if (strncmp(*x, name, n) == 0 && (*x)[n] == '=')
                        return *x + n + 1;
        return fallback;
}

bool rules_value_is_reference(const char *name, const char *value) {
        static const char *const suffixes[] = { "_FILE", "_PATH", "_DIR", "_DIRECTORY" };

        if (value[0] == '/')
                return true;
        for (size_t i = 0; i < ELEMENTSOF(suffixes); i++)
                if (endswith(name, suffixes[i]))
                        return true;
        return false;
}

int rules_env_switch(struct audit *a, const struct rule *r, const char *name, const char *fallback, const char *why) {
        const char *want = rules_env_expected(a->c, name, fallback);

        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct env_entry *e = rules_env_get(s, name);
                int q;

                if (!rules_env_first(a, i) || !e || streq(e->value, want))
                        continue;
                q = audit_add(a, r, s->env_path, e->line, s->unit, "%s=%s: %s; the contract says %s=%s", name,
                              e->value, why, name, want);
                if (q < 0)
                        return q;
        }
        return 0;
}
