/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                const struct diag *why = NULL;
                int q;

                if (u->load_state != UNIT_BAD_SETTING && u->load_state != UNIT_ERROR)
                        continue;
                for (size_t j = 0; j < u->diags.n; j++)
                        if (u->diags.items[j].effect == DIAG_EFFECT_REFUSED && u->diags.items[j].level == DIAG_ERROR && !why)
                                why = &u->diags.items[j];
                q = audit_add(a, r, why && why->file ? why->file : u->fragment_path, why ? why->line : 0, u->id,
                              "systemd refuses to load %s (%s)%s%s", u->id, unit_load_state_to_string(u->load_state),
                              why ? ": " : "", why ? why->message : "");
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU021",
        .name = "unit-refused",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 H check 1 (unit file syntax)",
        .summary = "systemd refuses to load the unit",
        .rationale = "A unit that does not load cannot start: the service is down after the next daemon-reload or boot.",
        .fix = "Fix the line named; 'goldctl unit verify UNIT' lists every problem.",
        .check = check,
};
RULE_REGISTER(rule);
