/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool in_tmp(const char *p) {
        p += strspn(p, "-+!");
        return path_startswith(p, "/tmp") || path_startswith(p, "/var/tmp") || path_startswith(p, "/dev/shm");
}

static int check(struct audit *a, const struct rule *r) {
        int q = 0;

        for (size_t i = 0; i < a->n_services && q >= 0; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;

                if (u->ctx.working_directory.value && in_tmp(u->ctx.working_directory.value))
                        q = audit_add(a, r, origin_file(u, u->ctx.working_directory.origin),
                                      u->ctx.working_directory.origin.line, s->unit,
                                      "WorkingDirectory=%s is temporary storage", u->ctx.working_directory.value);
                for (size_t j = 0; j < u->ctx.read_write_paths.n && q >= 0; j++)
                        if (in_tmp(u->ctx.read_write_paths.items[j].value))
                                q = audit_add(a, r, origin_file(u, u->ctx.read_write_paths.items[j].origin),
                                              u->ctx.read_write_paths.items[j].origin.line, s->unit,
                                              "ReadWritePaths=%s: the service keeps data in temporary storage, "
                                              "lost at reboot", u->ctx.read_write_paths.items[j].value);
                if (!s->env_exists || s->env.failed || !rules_env_first(a, i))
                        continue;
                for (size_t j = 0; j < s->env.n && q >= 0; j++) {
                        const struct env_entry *e = &s->env.items[j];
                        if (e->valid && (endswith(e->key, "_DIR") || endswith(e->key, "_PATH") ||
                                         strv_contains(a->c->env_path_variables, e->key)) && in_tmp(e->value))
                                q = audit_add(a, r, s->env_path, e->line, s->unit,
                                              "%s=%s keeps data in temporary storage, lost at reboot; use %s",
                                              e->key, e->value, a->c->data_dir);
                }
        }
        return q;
}

static const struct rule rule = {
        .id = "QTF006",
        .name = "tmp-path",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 A (NEVER use /tmp or /var/tmp)",
        .summary = "Persistent data is put in /tmp or /var/tmp",
        .rationale = "Temporary directories are wiped at reboot (and PrivateTmp= hides them); state must live in /opt/quantum/data.",
        .fix = "Point the path into /opt/quantum/data.",
        .check = check,
};
RULE_REGISTER(rule);
