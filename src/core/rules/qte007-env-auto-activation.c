/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        return rules_env_switch(a, r, "AUTO_ACTIVATION", "disabled", "models could go live without the quality gate and a human");
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
