/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* Findings are added by audit.c while it applies suppressions. */
static const struct rule rule = {
        .id = "QTA002",
        .name = "suppression-reason",
        .severity = SEVERITY_WARNING,
        .family = "audit",
        .seed = "DESIGN (Rules: suppress never silently)",
        .summary = "An inline suppression gives no reason, so it is not honoured",
        .rationale = "A suppression is a decision someone must be able to read at 3 a.m.; without a reason it is ignored.",
        .fix = "# goldctl: ignore=QTU001 runs as root until the migration of ticket OPS-42",
};
RULE_REGISTER(rule);
