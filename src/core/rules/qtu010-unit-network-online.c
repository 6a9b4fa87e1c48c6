/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;

                if (u->load_state != UNIT_LOADED)
                        continue;
                STRV_FOREACH(w, a->c->wants) {
                        bool want = rules_unit_has_dep(u, UNIT_WANTS, *w) || rules_unit_has_dep(u, UNIT_REQUIRES, *w) ||
                                    rules_unit_has_dep(u, UNIT_BINDS_TO, *w);
                        bool after = rules_unit_has_dep(u, UNIT_AFTER, *w);
                        int q = 0;

                        if (!want && !after)
                                q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                              "neither Wants= nor After=%s: the service can start before the network is up", *w);
                        else if (!want)
                                q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                              "After=%s without Wants=%s: ordering alone does not pull the target in, "
                                              "so nothing waits for the network", *w, *w);
                        else if (!after)
                                q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                              "Wants=%s without After=%s: the target is pulled in but the service does "
                                              "not wait for it", *w, *w);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU010",
        .name = "unit-network-online",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D (Mandatory Fields)",
        .summary = "The service does not wait for the network to be online",
        .rationale = "Exchanges are reached over the network; After= only orders and Wants= only pulls in, so both are needed.",
        .fix = "Add Wants=network-online.target and After=network-online.target to [Unit].",
        .check = check,
};
RULE_REGISTER(rule);
