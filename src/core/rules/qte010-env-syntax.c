/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];

                if (!rules_env_first(a, i) || !s->env_exists || s->env.failed)
                        continue;
                for (size_t j = 0; j < s->env.diags.n; j++) {
                        const struct diag *d = &s->env.diags.items[j];
                        int q;

                        if (d->level < DIAG_NOTICE)
                                continue;
                        q = audit_add(a, r, s->env_path, d->line, s->unit, "%s", d->message);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE010",
        .name = "env-syntax",
        .severity = SEVERITY_WARNING,
        .family = "env",
        .seed = "001 C; spec section 12 (systemd is not a shell)",
        .summary = "systemd reads a line of the env file differently from bash",
        .rationale = "export, inline '#' comments, a comment ending in '\\' and repeated keys mean one thing to 'source' and another to systemd.",
        .fix = "Write plain NAME=value lines; 'goldctl env show FILE' shows what systemd applies.",
        .check = check,
};
RULE_REGISTER(rule);
