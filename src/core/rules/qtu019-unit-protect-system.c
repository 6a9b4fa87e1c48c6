/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool writable(const struct unit *u, const char *dir) {
        for (size_t j = 0; j < u->ctx.read_write_paths.n; j++) {
                const char *p = u->ctx.read_write_paths.items[j].value;
                p += strspn(p, "-+");
                if (path_startswith(dir, p))
                        return true;
        }
        return false;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                int q;

                if (u->load_state != UNIT_LOADED || u->ctx.protect_system != PROTECT_SYSTEM_STRICT)
                        continue;
                if (writable(u, a->c->data_dir))
                        continue;
                q = audit_add(a, r, origin_file(u, u->ctx.protect_system_origin), u->ctx.protect_system_origin.line,
                              s->unit, "ProtectSystem=strict makes %s read-only for the service and no ReadWritePaths= "
                              "opens it: writes to the database fail", a->c->data_dir);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU019",
        .name = "unit-protect-system",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 A (Data Directory), 003 fix 3",
        .summary = "ProtectSystem=strict leaves the data directory read-only",
        .rationale = "Under strict the whole file system is read-only; seed 003 records services failing on denied writes.",
        .fix = "Add ReadWritePaths=/opt/quantum/data (and what else the service writes) to [Service].",
        .check = check,
};
RULE_REGISTER(rule);
