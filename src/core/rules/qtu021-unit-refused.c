/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "path-util.h"
#include "rules-util.h"

/* The first entry of that name on the unit path that is a symlink whose
 * target cannot be reached, as a host path. */
static int entry_on_path(struct audit *a, const char *name, char **ret) {
        *ret = NULL;
        STRV_FOREACH(dir, a->loader.search_path) {
                _cleanup_free_ char *p = path_join(*dir, name);
                struct stat st;

                if (!p)
                        return -ENOMEM;
                if (audit_lstat(a, p, &st) < 0)
                        continue;
                if (S_ISLNK(st.st_mode) && audit_stat(a, p, &st) < 0) {
                        *ret = TAKE_PTR(p);
                        return 0;
                }
                return 0;       /* the first entry decides */
        }
        return 0;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                const struct diag *why = NULL;
                int q;

                if (u->load_state == UNIT_NOT_FOUND) {
                        /* it was found by its name on the unit path, so an entry is there that
                         * systemd cannot read: a dangling symlink or a symlink loop */
                        _cleanup_free_ char *entry = NULL;

                        q = entry_on_path(a, u->id, &entry);
                        if (q < 0)
                                return q;
                        if (!entry)
                                continue;
                        q = audit_add(a, r, entry, 0, u->id,
                                      "systemd cannot load %s (not-found): %s is a symbolic link that leads nowhere "
                                      "(dangling, or a loop)", u->id, entry);
                        if (q < 0)
                                return q;
                        continue;
                }
                if (u->load_state != UNIT_BAD_SETTING && u->load_state != UNIT_ERROR)
                        continue;
                for (size_t j = 0; j < u->diags.n; j++)
                        if (u->diags.items[j].effect == DIAG_EFFECT_REFUSED && u->diags.items[j].level == DIAG_ERROR && !why)
                                why = &u->diags.items[j];
                /* at the setting that made systemd refuse it, in whichever file (a drop-in too) */
                if (u->refusal_origin.file)
                        q = audit_add(a, r, u->refusal_origin.file, u->refusal_origin.line, u->id,
                                      "systemd refuses to load %s (%s)%s%s", u->id, unit_load_state_to_string(u->load_state),
                                      why ? ": " : "", why ? why->message : "");
                else
                        q = audit_add(a, r, why && why->file ? why->file : u->fragment_path, why ? why->line : 0, u->id,
                              "systemd refuses to load %s (%s)%s%s", u->id, unit_load_state_to_string(u->load_state),
                              why ? ": " : "", why ? why->message : "");
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU021",
        .name = "unit-refused",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 H check 1 (unit file syntax)",
        .summary = "systemd refuses to load the unit",
        .rationale = "A unit that does not load cannot start: the service is down after the next daemon-reload or boot.",
        .fix = "Fix the line named; 'goldctl unit verify UNIT' lists every problem.",
        .check = check,
};
RULE_REGISTER(rule);
