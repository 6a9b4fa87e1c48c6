/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const char *type = service_type_to_string(u->service_type);
                const char *f = origin_file(u, u->service_type_origin);
                unsigned line = u->service_type_origin.line;
                int q = 0;

                if (u->load_state != UNIT_LOADED || !type)
                        continue;
                if (s->timer && !streq(type, a->c->ops_type))
                        q = audit_add(a, r, f, line, s->unit,
                                      "Type=%s, but %s starts it: an ops job is Type=%s", type, s->timer, a->c->ops_type);
                else if (s->ops_job && u->remain_after_exit)
                        q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                      "RemainAfterExit=yes on an ops job: it stays \"active\" after it ran and its timer "
                                      "or a second start does nothing; use RemainAfterExit=no");
                else if (!s->ops_job && !streq(type, a->c->runtime_type) && !streq(type, "notify"))
                        q = audit_add(a, r, f, line, s->unit,
                                      "Type=%s; a runtime service is Type=%s", type, a->c->runtime_type);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU007",
        .name = "unit-type",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D (Service Types)",
        .summary = "The unit's Type= does not match its role (runtime service or ops job)",
        .rationale = "Runtime services are Type=simple with Restart=always; ops jobs are Type=oneshot, RemainAfterExit=no, started by hand or a timer.",
        .fix = "Runtime: Type=simple. Ops job: Type=oneshot and RemainAfterExit=no.",
        .check = check,
};
RULE_REGISTER(rule);
