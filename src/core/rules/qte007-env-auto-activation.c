/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct env_entry *e = rules_env_get(s, "AUTO_ACTIVATION");
                const char *want = rules_env_expected(a->c, "AUTO_ACTIVATION", "disabled");
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!e || streq(e->value, want))
                        continue;
                q = audit_add(a, r, s->env_path, e->line, s->unit,
                              "AUTO_ACTIVATION=%s: models could go live without the quality gate and a human; "
                              "the contract says AUTO_ACTIVATION=%s", e->value, want);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE007",
        .name = "env-auto-activation",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (Safety), F (NEVER auto-activate)",
        .summary = "Automatic model activation is not disabled",
        .rationale = "Shadow -> canary -> manual promote only: missing proof means no activation.",
        .fix = "AUTO_ACTIVATION=disabled",
        .check = check,
};
RULE_REGISTER(rule);
