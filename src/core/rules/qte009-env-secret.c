/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static bool placeholder_value(const char *v) {
        return isempty(v) || strstr(v, "your_") || strstr(v, "changeme") || strstr(v, "CHANGE_ME") ||
               streq(v, "xxx") || v[0] == '<';
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];

                if (!rules_env_first(a, i) || !s->env_exists || s->env.failed)
                        continue;
                for (size_t j = 0; j < s->env.n; j++) {
                        const struct env_entry *e = &s->env.items[j];
                        int q;

                        if (!e->valid || placeholder_value(e->value) || rules_value_is_reference(e->key, e->value))
                                continue;
                        if (!rules_name_is_secret(e->key) && !rules_value_looks_secret(e->value))
                                continue;
                        q = audit_add(a, r, s->env_path, e->line, s->unit,
                                      "%s holds a secret in an env file; keep secrets under %s (not shown here)",
                                      e->key, a->c->secrets_dir);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE009",
        .name = "env-secret",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (NO secrets in env files, use /opt/quantum/secrets/)",
        .summary = "An env file holds a secret",
        .rationale = "Env files are read by the whole qt group and copied around for debugging; secrets belong in the secrets directory.",
        .fix = "Move the value to /opt/quantum/secrets/<name> (0600) and read it from there.",
        .check = check,
};
RULE_REGISTER(rule);
