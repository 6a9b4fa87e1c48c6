/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                unsigned mode;
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!s->env_exists || !S_ISREG(s->env_st.st_mode))
                        continue;
                mode = s->env_st.st_mode & 07777;
                if ((mode & ~a->c->env_mode) == 0)
                        continue;
                q = audit_add(a, r, s->env_path, 0, s->unit, "mode %04o is more permissive than %04o%s: chmod %04o %s",
                              mode, a->c->env_mode, mode & 0004 ? " (every user can read it)" : "", a->c->env_mode,
                              s->env_path);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE002",
        .name = "env-file-mode",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (root:qt, 640)",
        .summary = "An env file is more permissive than the contract's mode",
        .rationale = "Env files hold the service's configuration; only root writes them and only qt reads them (systemd never checks).",
        .fix = "chmod 0640 /etc/quantum/<service>.env",
        .check = check,
};
RULE_REGISTER(rule);
