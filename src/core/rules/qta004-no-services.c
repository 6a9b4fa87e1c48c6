/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        if (a->n_services > 0)
                return 0;
        return audit_add(a, r, NULL, 0, NULL,
                         "no unit named %s*.service on the unit search path: nothing was audited "
                         "(wrong --root, or another UnitPrefix=?)", a->c->unit_prefix);
}

static const struct rule rule = {
        .id = "QTA004",
        .name = "no-services",
        .severity = SEVERITY_WARNING,
        .family = "audit",
        .seed = "DESIGN (services are discovered from the prefix)",
        .summary = "No service carries the contract's prefix",
        .rationale = "An audit that found nothing to check must not look like a clean host.",
        .fix = "Check --root (or --unit-path) and the contract's UnitPrefix=.",
        .check = check,
};
RULE_REGISTER(rule);
