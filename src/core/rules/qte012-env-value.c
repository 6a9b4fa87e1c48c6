/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int expect(struct audit *a, const struct rule *r, const struct audit_service *s, const char *name,
                  const char *want) {
        const struct env_entry *e = rules_env_get(s, name);

        /* absent: QTE004's finding */
        if (!e || streq(e->value, want))
                return 0;
        return audit_add(a, r, s->env_path, e->line, s->unit, "%s=%s; the contract says %s=%s", name, e->value, name,
                         want);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                char port[16];
                int q = 0;

                if (!rules_env_first(a, i))
                        continue;

                if (!s->env_exists || s->env.failed)
                        continue;
                STRV_FOREACH(x, a->c->env_expect) {
                        _cleanup_free_ char *name = strndup(*x, strcspn(*x, "="));
                        if (!name)
                                return -ENOMEM;
                        /* the safety switches have rules of their own */
                        if (streq(name, "AUTO_ACTIVATION") || streq(name, "SHADOW_MODE"))
                                continue;
                        /* REDIS_PORT follows [Redis] Port= */
                        if (streq(name, "REDIS_PORT"))
                                continue;
                        q = expect(a, r, s, name, *x + strlen(name) + 1);
                        if (q < 0)
                                return q;
                }
                q = expect(a, r, s, "SERVICE_NAME", s->config);
                snprintf(port, sizeof(port), "%u", a->c->redis_port);
                if (q >= 0)
                        q = expect(a, r, s, "REDIS_PORT", port);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE012",
        .name = "env-value",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (Required Variables)",
        .summary = "An env file's value differs from the contract",
        .rationale = "REPO_ROOT, DATA_DIR, MODEL_DIR, DB_PATH and SERVICE_NAME are fixed by the contract; another value points the code elsewhere.",
        .fix = "Set the value the contract gives ('goldctl contract show', [EnvFile] Expect=).",
        .check = check,
};
RULE_REGISTER(rule);
