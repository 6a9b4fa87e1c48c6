/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const char *user = u->ctx.user.value;
                int q = 0;

                if (u->load_state != UNIT_LOADED)
                        continue;
                if (!user)
                        q = audit_add(a, r, origin_file(u, u->ctx.user.origin), u->ctx.user.origin.line, s->unit,
                                      u->ctx.user.origin.file ? "User= is reset (empty) here: the service runs as root; "
                                                                "the contract says User=%s"
                                                              : "no User=: the service runs as root; the contract says User=%s",
                                      a->c->user);
                else if (!streq(user, a->c->user))
                        q = audit_add(a, r, origin_file(u, u->ctx.user.origin), u->ctx.user.origin.line, s->unit,
                                      "User=%s%s; the contract says User=%s", user,
                                      streq(user, "root") || streq(user, "0") ? ": the service runs as root" : "",
                                      a->c->user);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU001",
        .name = "unit-user",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 D rule 3, J",
        .summary = "The service does not run as the contract's user",
        .rationale = "A compromised service running as root can change the whole system; qt can only touch its own files.",
        .fix = "Set User=qt in [Service] (if the service needs root, redesign it).",
        .check = check,
};
RULE_REGISTER(rule);
