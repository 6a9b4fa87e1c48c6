/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];

                if (u->type != UNIT_TIMER || u->load_state != UNIT_LOADED)
                        continue;
                for (size_t j = 0; j < u->deps[UNIT_TRIGGERS].n; j++) {
                        const struct unit_dep *d = &u->deps[UNIT_TRIGGERS].items[j];
                        struct unit *t = unit_loader_get(&a->loader, d->name);
                        int q;

                        if (d->flags == UNIT_DEP_REVERSE || !t || t->load_state == UNIT_LOADED)
                                continue;
                        q = audit_add(a, r, origin_file(u, d->origin), d->origin.line, u->id,
                                      "the timer starts %s, which %s: every run fails",
                                      d->name, t->load_state == UNIT_NOT_FOUND ? "exists nowhere" :
                                      t->load_state == UNIT_MASKED ? "is masked" : "systemd refuses to load");
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTT002",
        .name = "timer-target",
        .severity = SEVERITY_ERROR,
        .family = "timers",
        .seed = "004 (health checks with timers)",
        .summary = "A timer starts a unit that does not load",
        .rationale = "The timer fires and fails each time; the job it stands for never runs.",
        .fix = "Install the service the timer names (Unit=, or the timer's own name with .service), or remove the timer.",
        .check = check,
};
RULE_REGISTER(rule);
