/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        int q = 0;

        if (!audit_user_exists(a, a->c->user))
                q = audit_add(a, r, "/etc/passwd", 0, NULL, "the user %s does not exist: no service can run as it",
                              a->c->user);
        if (q >= 0 && !audit_group_exists(a, a->c->group))
                q = audit_add(a, r, "/etc/group", 0, NULL, "the group %s does not exist", a->c->group);
        if (q >= 0 && !streq(a->c->env_group, a->c->group) && !audit_group_exists(a, a->c->env_group))
                q = audit_add(a, r, "/etc/group", 0, NULL, "the group %s does not exist", a->c->env_group);
        return q;
}

static const struct rule rule = {
        .id = "QTF008",
        .name = "contract-user",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 J (Why User=qt)",
        .summary = "The contract's user or group does not exist on the host",
        .rationale = "Units with User=qt fail to start when qt is missing; owners cannot be checked.",
        .fix = "useradd --system --create-home qt (it gets the group qt).",
        .check = check,
};
RULE_REGISTER(rule);
