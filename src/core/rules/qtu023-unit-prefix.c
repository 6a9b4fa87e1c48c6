/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* The name to suggest: the prefix before the unit's name, less a stem it
 * already has with another separator (quantum_x: quantum-x with the prefix
 * quantum-; qt_x: qt-x with qt-). */
static const char *base_name(const char *id, const char *prefix) {
        size_t stem = strlen(prefix);

        while (stem > 0 && strchr("-_.", prefix[stem - 1]))
                stem--;
        if (stem > 0 && strncmp(id, prefix, stem) == 0 && id[stem] && strchr("-_.", id[stem]) && id[stem + 1] &&
            id[stem + 1] != '.')
                return id + stem + 1;
        return id;
}

/* Units without the prefix that run the fleet's code escape discovery and
 * every other rule. Only unit files are read, as text. */
static int check(struct audit *a, const struct rule *r) {
        _cleanup_strv_free_ char **names = NULL;
        int q;

        q = unit_loader_list_names(&a->loader, &names);
        if (q < 0)
                return q;
        STRV_FOREACH(n, names) {
                struct unit *u;
                _cleanup_free_ char *data = NULL;
                size_t size = 0;

                if (startswith(*n, a->c->unit_prefix) || unit_name_is_valid(*n, UNIT_NAME_TEMPLATE))
                        continue;
                if (unit_name_to_type(*n) != UNIT_SERVICE)
                        continue;
                u = unit_loader_get(&a->loader, *n);
                if (u && (!u->fragment_path || u->load_state == UNIT_MASKED))
                        continue;
                if (!u) {
                        q = unit_loader_load(&a->loader, *n, &u);
                        if (q == -ENOMEM)
                                return q;
                        if (q < 0 || !u->fragment_path || u->load_state == UNIT_MASKED)
                                continue;
                }
                if (audit_read(a, u->fragment_path, &data, &size) < 0)
                        continue;
                if (!strstr(data, a->c->repo_root) && !strstr(data, a->c->venv_dir))
                        continue;
                q = audit_add(a, r, u->fragment_path, 0, u->id,
                              "%s runs the fleet's code (%s) without the '%s' prefix: the audit and the deploy do "
                              "not see it; rename it %s%s", u->id,
                              strstr(data, a->c->venv_dir) ? a->c->venv_dir : a->c->repo_root, a->c->unit_prefix,
                              a->c->unit_prefix, base_name(u->id, a->c->unit_prefix));
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU023",
        .name = "unit-prefix",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D (SyslogIdentifier=quantum-<service>), DESIGN (services are discovered by prefix)",
        .summary = "A unit runs the fleet's code without the quantum- prefix",
        .rationale = "Services are discovered by the prefix; a unit without it escapes every check, deploy and health probe.",
        .fix = "Rename the unit to quantum-<service>.service (and its env file and SyslogIdentifier= with it).",
        .check = check,
};
RULE_REGISTER(rule);
