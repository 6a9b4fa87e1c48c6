/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const char *group = u->ctx.group.value;
                int q = 0;

                if (u->load_state != UNIT_LOADED)
                        continue;
                if (!group)
                        q = audit_add(a, r, origin_file(u, u->ctx.group.origin), u->ctx.group.origin.line, s->unit,
                                      u->ctx.group.origin.file
                                              ? "Group= is reset (empty) here: the service runs with the user's primary "
                                                "group; the contract says Group=%s"
                                              : "no Group=: the service runs with the user's primary group; the "
                                                "contract says Group=%s",
                                      a->c->group);
                else if (!streq(group, a->c->group))
                        q = audit_add(a, r, origin_file(u, u->ctx.group.origin), u->ctx.group.origin.line, s->unit,
                                      "Group=%s; the contract says Group=%s", group, a->c->group);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU002",
        .name = "unit-group",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D",
        .summary = "The service does not run with the contract's group",
        .rationale = "Env files are readable by group qt only (0640 root:qt); another group cannot read them.",
        .fix = "Set Group=qt in [Service].",
        .check = check,
};
RULE_REGISTER(rule);
