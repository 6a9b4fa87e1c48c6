/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                int q = 0;

                if (!rules_env_first(a, i))
                        continue;

                if (s->u->load_state != UNIT_LOADED)
                        continue;
                if (!s->env_exists && !s->env_error)
                        q = audit_add(a, r, s->env_path, 0, s->unit,
                                      "%s does not exist: %s starts without its configuration (or not at all)",
                                      s->env_path, s->unit);
                else if (s->env_exists && !S_ISREG(s->env_st.st_mode))
                        q = audit_add(a, r, s->env_path, 0, s->unit, "%s is not a regular file", s->env_path);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE001",
        .name = "env-file-missing",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C, E (Check Env File), H check 3",
        .summary = "The service's env file does not exist",
        .rationale = "Every service reads /etc/quantum/<service>.env; without it systemd fails the start, or with '-' starts it unconfigured.",
        .fix = "Create /etc/quantum/<service>.env with the required variables, owned root:qt, mode 0640.",
        .check = check,
};
RULE_REGISTER(rule);
