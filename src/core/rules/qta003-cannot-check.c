/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        int q;

        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                if (!s->env_error || !rules_env_first(a, i))
                        continue;
                q = audit_add(a, r, s->env_path, 0, s->unit, "cannot read it: %s; its rules were not checked",
                              strerror(-s->env_error));
                if (q < 0)
                        return q;
        }
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                if (u->load_state != UNIT_ERROR || u->load_error == -EINVAL || u->load_error == -EBADMSG ||
                    u->load_error == -ENOBUFS)
                        continue; /* those are refusals: QTU021 */
                q = audit_add(a, r, u->fragment_path, 0, u->id, "cannot read the unit: %s", strerror(-u->load_error));
                if (q < 0)
                        return q;
        }
        return 0;
}

/* Runs after the other families (audit.c): problems met by other rules are in. */
static int check_problems(struct audit *a, const struct rule *r) {
        int q = check(a, r);

        for (size_t i = 0; q >= 0 && i < a->n_problems; i++)
                q = audit_add(a, r, a->problems[i].path, 0, NULL, "%s", a->problems[i].message);
        return q;
}

static const struct rule rule = {
        .id = "QTA003",
        .name = "cannot-check",
        .severity = SEVERITY_ERROR,
        .family = "audit",
        .seed = "DESIGN (never a silent pass)",
        .summary = "Something could not be checked",
        .rationale = "An unreadable file or an unreachable manager is not a pass: what was not checked is reported.",
        .fix = "Run the audit with permission to read the file (as root), or fix what the message names.",
        .check = check_problems,
};
RULE_REGISTER(rule);
