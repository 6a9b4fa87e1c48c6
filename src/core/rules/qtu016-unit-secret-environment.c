/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                const struct setting_list *env = &u->ctx.environment;

                for (size_t j = 0; j < env->n; j++) {
                        const char *e = env->items[j].value, *eq = strchr(e, '=');
                        _cleanup_free_ char *name = strndup(e, (size_t) (eq - e));
                        int q;

                        if (!name)
                                return -ENOMEM;
                        if (!eq[1] || rules_value_is_reference(name, eq + 1) ||
                            !(rules_name_is_secret(name) || rules_value_looks_secret(eq + 1)))
                                continue;
                        q = audit_add(a, r, origin_file(u, env->items[j].origin), env->items[j].origin.line, u->id,
                                      "Environment=%s=... holds a secret in the unit: anyone can read it with "
                                      "systemctl show; put it in %s and pass it with LoadCredential=",
                                      name, a->c->secrets_dir);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU016",
        .name = "unit-secret-environment",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 C (no secrets), spec E-5",
        .summary = "A secret is set with Environment= in a unit",
        .rationale = "Unit files are world-readable and Environment= is shown to every user over D-Bus (systemd.exec).",
        .fix = "Keep secrets under /opt/quantum/secrets and load them with LoadCredential=; never in the unit.",
        .check = check,
};
RULE_REGISTER(rule);
