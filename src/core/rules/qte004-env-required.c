/* SPDX-License-Identifier: MIT */
#include "rules-util.h"
#include "strbuf.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                struct strbuf missing = STRBUF_INIT;
                size_t n = 0;
                int q = 0;

                if (!rules_env_first(a, i))
                        continue;

                if (!s->env_exists || s->env.failed)
                        continue;
                STRV_FOREACH(v, a->c->env_required)
                        if (!rules_env_get(s, *v)) {
                                strbuf_addf(&missing, "%s%s", n ? ", " : "", *v);
                                n++;
                        }
                if (n > 0)
                        q = strbuf_error(&missing) < 0 ? -ENOMEM :
                            audit_add(a, r, s->env_path, 0, s->unit, "missing %s: %s", n == 1 ? "variable" : "variables",
                                      strbuf_str(&missing));
                strbuf_release(&missing);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE004",
        .name = "env-required",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (Required Variables), H check 6",
        .summary = "An env file lacks variables every service needs",
        .rationale = "Code reads paths, Redis and the safety switches from these variables; a missing one falls back to a default in code.",
        .fix = "Add the missing variables (see 'goldctl contract show', [EnvFile] Required=).",
        .check = check,
};
RULE_REGISTER(rule);
