/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const struct setting_str *wd = &u->ctx.working_directory;
                int q = 0;

                if (u->load_state != UNIT_LOADED)
                        continue;
                if (u->ctx.working_directory_home)
                        q = audit_add(a, r, origin_file(u, wd->origin), wd->origin.line, s->unit,
                                      "WorkingDirectory=~: the service runs from its user's home; the contract says "
                                      "WorkingDirectory=%s", a->c->repo_root);
                else if (!wd->value)
                        q = audit_add(a, r, origin_file(u, wd->origin), wd->origin.line, s->unit,
                                      wd->origin.file ? "WorkingDirectory= is reset (empty) here: the service runs "
                                                        "from / and relative paths break; the contract says "
                                                        "WorkingDirectory=%s"
                                                      : "no WorkingDirectory=: the service runs from / and relative "
                                                        "paths break; the contract says WorkingDirectory=%s",
                                      a->c->repo_root);
                else if (!streq(wd->value, a->c->repo_root))
                        q = audit_add(a, r, origin_file(u, wd->origin), wd->origin.line, s->unit,
                                      "WorkingDirectory=%s; the contract says WorkingDirectory=%s", wd->value,
                                      a->c->repo_root);
                else if (u->ctx.working_directory_missing_ok)
                        q = audit_add(a, r, origin_file(u, wd->origin), wd->origin.line, s->unit,
                                      "WorkingDirectory=-%s: the '-' lets the service start from / when the "
                                      "repository is missing; drop it", wd->value);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU003",
        .name = "unit-working-directory",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 A, D rule 1; 002",
        .summary = "WorkingDirectory= is not the contract's repository root",
        .rationale = "All relative paths start from the repository root; an empty or wrong one runs other code or none (seed 002).",
        .fix = "Set WorkingDirectory=/home/qt/quantum_trader in [Service].",
        .check = check,
};
RULE_REGISTER(rule);
