/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        static const enum unit_dependency weak[] = {
                UNIT_WANTS, UNIT_AFTER, UNIT_BEFORE, UNIT_PART_OF, UNIT_UPHOLDS, UNIT_CONFLICTS,
                UNIT_ON_FAILURE, UNIT_ON_SUCCESS, UNIT_PROPAGATES_RELOAD_TO, UNIT_RELOAD_PROPAGATED_FROM,
        };

        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];

                for (size_t d = 0; d < ELEMENTSOF(weak); d++)
                        for (size_t j = 0; j < u->deps[weak[d]].n; j++) {
                                const struct unit_dep *dep = &u->deps[weak[d]].items[j];
                                struct unit *t = unit_loader_get(&a->loader, dep->name);
                                int q;

                                if (!(dep->flags & (UNIT_DEP_FILE | UNIT_DEP_WANTS_DIR)) || !t || t->load_state != UNIT_NOT_FOUND)
                                        continue;
                                /* the Before= that a timer's Unit= implies: QTT002 reports the trigger */
                                if (weak[d] == UNIT_BEFORE && rules_unit_has_dep(u, UNIT_TRIGGERS, dep->name))
                                        continue;
                                q = audit_add(a, r, origin_file(u, dep->origin), dep->origin.line, u->id,
                                              "%s=%s: that unit exists nowhere (a ghost: systemd ignores it silently)",
                                              unit_dependency_to_string(weak[d]), dep->name);
                                if (q < 0)
                                        return q;
                        }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTG002",
        .name = "ghost-reference",
        .severity = SEVERITY_WARNING,
        .family = "graph",
        .seed = "003 fix 1, not-found units",
        .summary = "A unit wants or orders itself against a unit that exists nowhere",
        .rationale = "Ghost references hide a renamed or removed service; 'systemctl --failed' showed them as not-found (seed 003).",
        .fix = "Remove the reference, or install the unit it names.",
        .check = check,
};
RULE_REGISTER(rule);
