/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* The units every service must be ordered after: the contract's Redis unit
 * and [Units] After=, except the targets of [Units] Wants= (QTU010's). */
static bool must_order_after(const struct contract *c, const char *name) {
        if (streq(name, c->redis_unit))
                return true;
        return strv_contains(c->after, name) && !strv_contains(c->wants, name);
}

static int check_one(struct audit *a, const struct rule *r, const struct audit_service *s, const char *want) {
        const struct unit *u = s->u;
        const char *other = NULL;

        if (rules_unit_has_dep(u, UNIT_AFTER, want))
                return 0;
        /* for Redis, say what it orders after instead if it names another Redis */
        if (streq(want, a->c->redis_unit))
                for (size_t j = 0; j < u->deps[UNIT_AFTER].n; j++)
                        if (strstr(u->deps[UNIT_AFTER].items[j].name, "redis") &&
                            u->deps[UNIT_AFTER].items[j].flags != UNIT_DEP_REVERSE)
                                other = u->deps[UNIT_AFTER].items[j].name;
        if (other)
                return audit_add(a, r, u->fragment_path, 0, s->unit, "After=%s, not %s: the Redis the contract names is %s",
                                 other, want, want);
        if (streq(want, a->c->redis_unit))
                return audit_add(a, r, u->fragment_path, 0, s->unit,
                                 "no After=%s: the service may start before Redis and fail or loop", want);
        return audit_add(a, r, u->fragment_path, 0, s->unit,
                         "no After=%s: the contract orders every service after it ([Units] After=)", want);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                int q;

                if (s->u->load_state != UNIT_LOADED)
                        continue;
                q = check_one(a, r, s, a->c->redis_unit);
                STRV_FOREACH(w, a->c->after)
                        if (q >= 0 && !streq(*w, a->c->redis_unit) && must_order_after(a->c, *w))
                                q = check_one(a, r, s, *w);
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
        .summary = "The service is not ordered after the contract's Redis unit (or another unit of [Units] After=)",
        .rationale = "Redis must run before any Quantum service; without After= the service races it at boot.",
        .fix = "Add After=redis-server.service to [Unit].",
        .check = check,
};
RULE_REGISTER(rule);
