/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                int q = 0;

                if (u->load_state != UNIT_LOADED || s->ops_job)
                        continue;
                if (streq(service_restart_to_string(u->restart), a->c->restart))
                        continue;
                if (!u->restart_origin.file) {
                        const char *file;
                        unsigned line;

                        q = rules_ignored_assignment(a, r, u, "Restart", &file, &line);
                        if (q < 0)
                                return q;
                        if (q > 0) {
                                q = audit_add(a, r, file, line, s->unit,
                                              "systemd ignores this Restart= line, so Restart=%s: the service stays "
                                              "down after a crash; runtime services need Restart=%s",
                                              service_restart_to_string(u->restart), a->c->restart);
                                if (q < 0)
                                        return q;
                                continue;
                        }
                }
                q = audit_add(a, r, origin_file(u, u->restart_origin), u->restart_origin.line, s->unit,
                                      u->restart_origin.file ? "Restart=%s; runtime services need Restart=%s"
                                                             : "no Restart= that systemd accepts, so Restart=%s: the "
                                                               "service stays down after a crash; runtime services need Restart=%s",
                                      service_restart_to_string(u->restart), a->c->restart);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU006",
        .name = "unit-restart",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 D rule 5",
        .summary = "A runtime service does not restart",
        .rationale = "A trading service that crashed stays down until someone notices; Restart=always brings it back.",
        .fix = "Set Restart=always and RestartSec=10 in [Service] (ops jobs are Type=oneshot and exempt).",
        .check = check,
};
RULE_REGISTER(rule);
