/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        static const enum unit_dependency strong[] = { UNIT_REQUIRES, UNIT_BINDS_TO, UNIT_REQUISITE };

        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];

                for (size_t d = 0; d < ELEMENTSOF(strong); d++)
                        for (size_t j = 0; j < u->deps[strong[d]].n; j++) {
                                const struct unit_dep *dep = &u->deps[strong[d]].items[j];
                                struct unit *t = unit_loader_get(&a->loader, dep->name);
                                int q;

                                if (!(dep->flags & (UNIT_DEP_FILE | UNIT_DEP_WANTS_DIR)) || !t || t->load_state != UNIT_NOT_FOUND)
                                        continue;
                                q = audit_add(a, r, origin_file(u, dep->origin), dep->origin.line, u->id,
                                              "%s=%s: that unit exists nowhere, so starting %s fails",
                                              unit_dependency_to_string(strong[d]), dep->name, u->id);
                                if (q < 0)
                                        return q;
                        }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTG001",
        .name = "ghost-dependency",
        .severity = SEVERITY_ERROR,
        .family = "graph",
        .seed = "003 fix 1 (stale references)",
        .summary = "A unit requires a unit that exists nowhere",
        .rationale = "Requires=, BindsTo= and Requisite= on a missing unit make every start of the unit fail.",
        .fix = "Install the missing unit, or remove the dependency (a drop-in cannot remove one: edit the unit).",
        .check = check,
};
RULE_REGISTER(rule);
