/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct env_entry *e = rules_env_get(s, "SHADOW_MODE");
                const char *want = rules_env_expected(a->c, "SHADOW_MODE", "enabled");
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!e || streq(e->value, want))
                        continue;
                q = audit_add(a, r, s->env_path, e->line, s->unit,
                              "SHADOW_MODE=%s: new models act instead of being evaluated passively; "
                              "the contract says SHADOW_MODE=%s", e->value, want);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE008",
        .name = "env-shadow-mode",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (Safety), F (shadow/ = passive evaluation)",
        .summary = "Shadow mode is not enabled",
        .rationale = "A model is first deployed to shadow/ for passive evaluation, with no trades.",
        .fix = "SHADOW_MODE=enabled",
        .check = check,
};
RULE_REGISTER(rule);
