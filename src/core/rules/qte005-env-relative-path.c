/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool path_variable(const struct contract *c, const char *name) {
        return strv_contains(c->env_path_variables, name) || endswith(name, "_DIR") || endswith(name, "_PATH");
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];

                if (!rules_env_first(a, i) || !s->env_exists || s->env.failed)
                        continue;
                for (size_t j = 0; j < s->env.n; j++) {
                        const struct env_entry *e = &s->env.items[j];
                        int q;

                        if (!e->valid || !path_variable(a->c, e->key) || isempty(e->value) || path_is_absolute(e->value))
                                continue;
                        q = audit_add(a, r, s->env_path, e->line, s->unit,
                                      "%s=%s is a relative path: it depends on the directory the program runs from",
                                      e->key, e->value);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE005",
        .name = "env-relative-path",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (ALL paths are absolute)",
        .summary = "A path variable in an env file is relative",
        .rationale = "Ops scripts, services and the wrapper run from different directories; only an absolute path means the same to all.",
        .fix = "Write the full path, e.g. DB_PATH=/opt/quantum/data/quantum_trader.db.",
        .check = check,
};
RULE_REGISTER(rule);
