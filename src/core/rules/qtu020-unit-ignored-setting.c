/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* Covered by a more specific rule: do not report twice. */
static bool covered(const struct diag *d) {
        const char *w = startswith(d->message, "Invalid environment assignment, ignoring: ");

        if (w && !strchr(w, '='))
                return true;                    /* QTU015 */
        if (strstr(d->message, " #"))
                return true;                    /* QTU014 */
        return false;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];

                for (size_t j = 0; j < u->diags.n; j++) {
                        const struct diag *d = &u->diags.items[j];
                        int q;

                        if (d->extra || d->level < DIAG_WARNING || covered(d))
                                continue;
                        if (d->effect != DIAG_EFFECT_IGNORED && d->effect != DIAG_EFFECT_FILE)
                                continue;
                        q = audit_add(a, r, d->file, d->line, u->id, "systemd %s: %s",
                                      d->effect == DIAG_EFFECT_FILE ? "stops reading this drop-in here" : "ignores this",
                                      d->message);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU020",
        .name = "unit-ignored-setting",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 H check 1 (unit file syntax)",
        .summary = "systemd ignores a line of the unit",
        .rationale = "An unknown key, a bad value or a misplaced line is skipped with only a log message: the unit does not say what its author thinks.",
        .fix = "Correct the line as the message says; 'goldctl unit verify' shows systemd's full reading.",
        .check = check,
};
RULE_REGISTER(rule);
