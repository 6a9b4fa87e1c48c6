/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "chase.h"
#include "path-util.h"
#include "strv.h"
#include "unit-verify.h"

static const char *const default_path[] = {
        "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", NULL,
};

static int executable_under_root(const char *root, const char *path) {
        struct stat st;
        int r;

        r = root_stat(root, path, &st);
        if (r < 0)
                return r;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
                return -EACCES;
        return 0;
}

static int find_executable(const char *root, const char *name) {
        int last = -ENOENT;

        if (path_is_absolute(name))
                return executable_under_root(root, name);
        for (const char *const *d = default_path; *d; d++) {
                _cleanup_free_ char *p = path_join(*d, name);
                int r;

                if (!p)
                        return -ENOMEM;
                r = executable_under_root(root, p);
                if (r >= 0)
                        return 0;
                if (r != -ENOENT)
                        last = r;
        }
        return last;
}

static int check_commands(struct unit_loader *l, struct unit *u) {
        int n = 0;

        for (int k = 0; k < _EXEC_KIND_MAX; k++) {
                const struct exec_command *c;
                int r;

                if (u->exec[k].n == 0)
                        continue;
                /* systemd-analyze checks the first command of each list only */
                c = &u->exec[k].items[0];
                if ((c->flags & EXEC_COMMAND_IGNORE_FAILURE) || strchr(c->path, '%'))
                        continue;
                r = find_executable(l->root, c->path);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        diag_add(&u->diags, c->origin.file, c->origin.line, DIAG_ERROR, DIAG_EFFECT_NONE,
                                 "Command %s is not executable: %s", c->path, strerror(-r));
                        n++;
                }
        }
        return n;
}

static int check_socket(struct unit_loader *l, struct unit *u) {
        struct unit *s = NULL;

        if (u->type != UNIT_SOCKET || u->socket_accept)
                return 0;
        for (size_t i = 0; i < u->deps[UNIT_TRIGGERS].n; i++)
                if (!(u->deps[UNIT_TRIGGERS].items[i].flags & UNIT_DEP_REVERSE))
                        s = unit_loader_get(l, u->deps[UNIT_TRIGGERS].items[i].name);
        if (s && s->load_state != UNIT_LOADED) {
                diag_add(&u->diags, u->fragment_path, 0, DIAG_ERROR, DIAG_EFFECT_NONE,
                         "service %s not loaded, socket cannot be started.", s->id);
                return 1;
        }
        return 0;
}

/* The start job pulls in Requires=, BindsTo= and Requisite= units; a missing
 * one fails the transaction. */
static int check_transaction(struct unit_loader *l, struct unit *u) {
        static const enum unit_dependency strong[] = { UNIT_REQUIRES, UNIT_BINDS_TO, UNIT_REQUISITE };
        _cleanup_strv_free_ char **seen = NULL, **queue = NULL;
        int n = 0, r;

        r = strv_extend(&queue, u->id);
        if (r < 0)
                return r;
        for (size_t qi = 0; queue[qi]; qi++) {
                struct unit *x = unit_loader_get(l, queue[qi]);

                if (!x)
                        continue;
                for (size_t d = 0; d < ELEMENTSOF(strong); d++)
                        for (size_t j = 0; j < x->deps[strong[d]].n; j++) {
                                const struct unit_dep *dep = &x->deps[strong[d]].items[j];
                                struct unit *o;

                                if (dep->flags == UNIT_DEP_REVERSE || strv_contains(seen, dep->name))
                                        continue;
                                r = strv_extend(&seen, dep->name);
                                if (r < 0)
                                        return r;
                                o = unit_loader_get(l, dep->name);
                                if (!o || o->load_state == UNIT_NOT_FOUND) {
                                        diag_add(&u->diags, dep->origin.file, dep->origin.line, DIAG_ERROR, DIAG_EFFECT_NONE,
                                                 "Failed to create %s/start: Unit %s not found (%s=%s in %s).",
                                                 u->id, dep->name, unit_dependency_to_string(strong[d]), dep->name, x->id);
                                        n++;
                                        continue;
                                }
                                if (strong[d] != UNIT_REQUISITE) {
                                        r = strv_extend(&queue, o->id);
                                        if (r < 0)
                                                return r;
                                }
                        }
        }
        return n;
}

int unit_verify(struct unit_loader *l, struct unit *u) {
        int n = 0, r;

        if (u->load_state == UNIT_NOT_FOUND) {
                diag_add(&u->diags, NULL, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED, "Unit %s not found.", u->id);
                return 1;
        }
        if (u->load_state != UNIT_LOADED)
                return 0;
        r = check_transaction(l, u);
        if (r < 0)
                return r;
        n += r;
        r = check_socket(l, u);
        n += r;
        r = check_commands(l, u);
        if (r < 0)
                return r;
        n += r;
        return u->diags.oom ? -ENOMEM : n;
}
