/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                int q;

                if (u->load_state != UNIT_LOADED || s->ops_job)
                        continue;
                STRV_FOREACH(b, a->c->binds_to) {
                        if (rules_unit_has_dep(u, UNIT_BINDS_TO, *b) || rules_unit_has_dep(u, UNIT_REQUIRES, *b))
                                continue;
                        q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                      streq(*b, a->c->redis_unit)
                                              ? "neither BindsTo= nor Requires=%s: the service keeps running, failing, "
                                                "when Redis stops"
                                              : "neither BindsTo= nor Requires=%s: the contract binds every runtime "
                                                "service to it ([Units] BindsTo=)",
                                      *b);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU009",
        .name = "unit-redis-binding",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D (Mandatory Fields, Dependency Chain)",
        .summary = "A runtime service does not bind to the contract's Redis unit ([Units] BindsTo=)",
        .rationale = "With BindsTo= systemd stops the service when Redis stops and starts it with Redis: no dependency failure is ignored.",
        .fix = "Add BindsTo=redis-server.service to [Unit].",
        .check = check,
};
RULE_REGISTER(rule);
