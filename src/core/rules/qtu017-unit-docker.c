/* SPDX-License-Identifier: MIT */
#include <strings.h>

#include "rules-util.h"

static bool dockerish(const char *s) {
        return strcasestr(s, "docker") || strcasestr(s, "podman") || strcasestr(s, "containerd") ||
               strcasestr(s, "quantum_redis");
}

static int check(struct audit *a, const struct rule *r) {
        static const enum unit_dependency deps[] = { UNIT_AFTER, UNIT_WANTS, UNIT_REQUIRES, UNIT_BINDS_TO, UNIT_PART_OF };

        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                int q;

                for (size_t d = 0; d < ELEMENTSOF(deps); d++)
                        for (size_t j = 0; j < u->deps[deps[d]].n; j++) {
                                const struct unit_dep *dep = &u->deps[deps[d]].items[j];
                                if (dep->flags == UNIT_DEP_REVERSE || !dockerish(dep->name))
                                        continue;
                                q = audit_add(a, r, origin_file(u, dep->origin), dep->origin.line, u->id,
                                              "%s=%s: a Docker-era dependency; Redis and the services run under systemd",
                                              unit_dependency_to_string(deps[d]), dep->name);
                                if (q < 0)
                                        return q;
                        }
                for (int k = 0; k < _EXEC_KIND_MAX; k++)
                        for (size_t j = 0; j < u->exec[k].n; j++) {
                                const struct exec_command *c = &u->exec[k].items[j];
                                STRV_FOREACH(w, c->argv)
                                        if (dockerish(*w)) {
                                                q = audit_add(a, r, origin_file(u, c->origin), c->origin.line, u->id,
                                                              "%s= runs '%s': a Docker reference in a systemd service",
                                                              exec_kind_to_string(k), *w);
                                                if (q < 0)
                                                        return q;
                                                break;
                                        }
                        }
                for (size_t j = 0; j < u->ctx.environment.n; j++) {
                        const char *e = u->ctx.environment.items[j].value, *v = strchr(e, '=');
                        if (!v || !rules_is_container_host(v + 1))
                                continue;
                        q = audit_add(a, r, origin_file(u, u->ctx.environment.items[j].origin),
                                      u->ctx.environment.items[j].origin.line, u->id,
                                      "Environment=%s: '%s' is a container host name; there is no Docker DNS here, "
                                      "use %s", e, v + 1, a->c->redis_host);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU017",
        .name = "unit-docker",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 E, H (Docker/Compose references); 003 fix 2",
        .summary = "A unit refers to Docker or a container host name",
        .rationale = "The system runs under systemd; quantum_redis resolved only in Docker and caused a restart loop (seed 003).",
        .fix = "Use redis-server.service and localhost; remove docker commands and dependencies.",
        .check = check,
};
RULE_REGISTER(rule);
