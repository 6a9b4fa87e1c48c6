/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* Findings are added by audit.c while it applies suppressions. */
static const struct rule rule = {
        .id = "QTA001",
        .name = "unused-suppression",
        .severity = SEVERITY_WARNING,
        .family = "audit",
        .seed = "DESIGN (Rules: suppress never silently)",
        .summary = "A suppression (in the contract, or inline in a unit or env file) matches no finding",
        .rationale = "A stale suppression will silently hide the next real finding at that place.",
        .fix = "Remove the stale suppression: the Ignore= line of the contract's [Suppress] section, or the inline comment.",
};
RULE_REGISTER(rule);
