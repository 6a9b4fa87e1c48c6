/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct env_entry *e = rules_env_get(s, "REDIS_HOST");
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!e || rules_host_is_local(a->c, e->value))
                        continue;
                if (rules_is_container_host(e->value))
                        q = audit_add(a, r, s->env_path, e->line, s->unit,
                                      "REDIS_HOST=%s is a Docker container name: it resolves only inside Docker "
                                      "(the restart loop of seed 003); use %s", e->value, a->c->redis_host);
                else
                        q = audit_add(a, r, s->env_path, e->line, s->unit,
                                      "REDIS_HOST=%s is not this machine: the contract allows only %s", e->value,
                                      a->c->redis_host);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE006",
        .name = "env-redis-host",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C, E (LOCALHOST ONLY, no container names); 003 fix 2",
        .summary = "REDIS_HOST is remote or a container name",
        .rationale = "All services share the local Redis; a remote one is a security risk and a container name does not resolve.",
        .fix = "REDIS_HOST=localhost",
        .check = check,
};
RULE_REGISTER(rule);
