/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const struct setting_list *l = &u->ctx.environment_files;
                const struct setting_item *found = NULL;
                int q = 0;

                if (u->load_state != UNIT_LOADED)
                        continue;
                for (size_t j = 0; j < l->n; j++) {
                        const char *v = l->items[j].value;
                        if (streq(v + (v[0] == '-'), s->env_path))
                                found = &l->items[j];
                }
                if (!found)
                        q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                      "no EnvironmentFile=%s: the service gets none of the contract's variables",
                                      s->env_path);
                else if (found->value[0] == '-')
                        q = audit_add(a, r, origin_file(u, found->origin), found->origin.line, s->unit,
                                      "EnvironmentFile=%s: the '-' makes a missing env file silent and the service "
                                      "starts without its configuration; drop the '-' (fail closed)", found->value);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU004",
        .name = "unit-environment-file",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 C, D rule 2",
        .summary = "The unit does not load its env file from the contract's env directory, fail-closed",
        .rationale = "Configuration lives in /etc/quantum/<service>.env; without it the service runs on defaults or crashes.",
        .fix = "Add EnvironmentFile=/etc/quantum/<service>.env (no '-' prefix) to [Service].",
        .check = check,
};
RULE_REGISTER(rule);
