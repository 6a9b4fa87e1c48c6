/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                int q;

                if (u->load_state != UNIT_LOADED || rules_unit_has_dep(u, UNIT_AFTER, a->c->redis_unit))
                        continue;
                /* say what it orders after instead, if it names another Redis */
                {
                        const char *other = NULL;
                        for (size_t j = 0; j < u->deps[UNIT_AFTER].n; j++)
                                if (strstr(u->deps[UNIT_AFTER].items[j].name, "redis") &&
                                    !(u->deps[UNIT_AFTER].items[j].flags == UNIT_DEP_REVERSE))
                                        other = u->deps[UNIT_AFTER].items[j].name;
                        if (other)
                                q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                              "After=%s, not %s: the Redis the contract names is %s", other,
                                              a->c->redis_unit, a->c->redis_unit);
                        else
                                q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                              "no After=%s: the service may start before Redis and fail or loop",
                                              a->c->redis_unit);
                }
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU008",
        .name = "unit-redis-order",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 D rule 6, E",
        .summary = "The service is not ordered after the contract's Redis unit",
        .rationale = "Redis must run before any Quantum service; without After= the service races it at boot.",
        .fix = "Add After=redis-server.service to [Unit].",
        .check = check,
};
RULE_REGISTER(rule);
