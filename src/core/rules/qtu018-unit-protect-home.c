/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const char *wd = u->ctx.working_directory.value, *hit = NULL;
                int q;

                if (u->load_state != UNIT_LOADED)
                        continue;
                if (u->ctx.protect_home != PROTECT_HOME_YES && u->ctx.protect_home != PROTECT_HOME_TMPFS)
                        continue;
                if (wd && (path_startswith(wd, "/home") || path_startswith(wd, "/root")))
                        hit = wd;
                for (size_t j = 0; !hit && j < u->exec[EXEC_START].n; j++)
                        STRV_FOREACH(w, u->exec[EXEC_START].items[j].argv)
                                if (path_startswith(*w, "/home") || path_startswith(*w, "/root")) {
                                        hit = *w;
                                        break;
                                }
                if (!hit)
                        continue;
                q = audit_add(a, r, origin_file(u, u->ctx.protect_home_origin), u->ctx.protect_home_origin.line, s->unit,
                              "ProtectHome=%s hides %s from the service: it cannot find its code",
                              protect_home_to_string(u->ctx.protect_home), hit);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU018",
        .name = "unit-protect-home",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 A (repository under /home), DESIGN",
        .summary = "ProtectHome= hides the repository under /home from the service",
        .rationale = "The code lives in /home/qt/quantum_trader; ProtectHome=yes or tmpfs makes /home empty for the service.",
        .fix = "Use ProtectHome=read-only (with ReadWritePaths= for what it writes), or no ProtectHome=.",
        .check = check,
};
RULE_REGISTER(rule);
