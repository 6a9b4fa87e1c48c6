/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];

                for (size_t j = 0; j < u->diags.n; j++) {
                        const struct diag *d = &u->diags.items[j];
                        const char *w = startswith(d->message, "Invalid environment assignment, ignoring: ");
                        int q;

                        if (!w || strchr(w, '='))
                                continue;
                        q = audit_add(a, r, d->file, d->line, u->id,
                                      "'%s' is cut off the assignment before it at a space: systemd drops it, the "
                                      "variable before it ends at the space; quote the whole assignment "
                                      "(Environment=\"NAME=value with spaces\")", w);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU015",
        .name = "unit-environment-space",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "spec E-3",
        .summary = "An unquoted space cuts an Environment= value",
        .rationale = "Environment=PATH=/opt/a b/bin sets PATH=/opt/a and drops 'b/bin' with only a log line.",
        .fix = "Quote the assignment: Environment=\"PATH=/opt/a b/bin\".",
        .check = check,
};
RULE_REGISTER(rule);
