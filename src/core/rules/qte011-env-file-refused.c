/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct diag *why = NULL;
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!s->env_exists || !s->env.failed)
                        continue;
                for (size_t j = 0; j < s->env.diags.n && !why; j++)
                        if (s->env.diags.items[j].effect == DIAG_EFFECT_REFUSED)
                                why = &s->env.diags.items[j];
                q = audit_add(a, r, s->env_path, why ? why->line : 0, s->unit, "%s",
                              why ? why->message : "systemd refuses the whole file");
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE011",
        .name = "env-file-refused",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C; spec P-ENV-5",
        .summary = "systemd refuses the whole env file",
        .rationale = "A NUL byte or invalid UTF-8 makes systemd reject the file: the service does not start (or, with '-', starts unconfigured).",
        .fix = "Save the file as UTF-8 text: 'goldctl env show FILE' names the bad line.",
        .check = check,
};
RULE_REGISTER(rule);
