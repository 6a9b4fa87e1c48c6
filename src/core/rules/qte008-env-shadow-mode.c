/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        return rules_env_switch(a, r, "SHADOW_MODE", "enabled", "new models act instead of being evaluated passively");
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
