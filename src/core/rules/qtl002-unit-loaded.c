/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        if (!a->o->live || !a->o->live->unit_load_state)
                return 0;
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                _cleanup_free_ char *state = NULL, *err = NULL;
                bool need_reload = false;
                int q;

                if (u->load_state == UNIT_MASKED)
                        continue;
                q = a->o->live->unit_load_state(u->id, &state, &need_reload, &err);
                if (q == -ENOMEM)
                        return q;
                if (q < 0)
                        return audit_problem(a, NULL, "the systemd manager could not be asked for %s: %s", u->id,
                                             err ? err : strerror(-q));
                if (need_reload) {
                        q = audit_add(a, r, u->fragment_path, 0, u->id,
                                      "the manager runs an older reading of %s: its files changed since the last "
                                      "daemon-reload (NeedDaemonReload=yes); run systemctl daemon-reload", u->id);
                        if (q < 0)
                                return q;
                        continue;
                }
                if (streq(state, "loaded") || (streq(state, "masked") && u->load_state == UNIT_MASKED))
                        continue;
                q = audit_add(a, r, u->fragment_path, 0, u->id,
                              "the manager has %s %s although its file is there%s", u->id, state,
                              streq(state, "not-found") ? ": run systemctl daemon-reload" : "");
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTL002",
        .name = "unit-not-loaded",
        .severity = SEVERITY_ERROR,
        .family = "live",
        .seed = "003 (verification commands), 004",
        .summary = "The running manager has not loaded a unit its files define",
        .rationale = "A unit installed without daemon-reload, or one the manager refused, is not what will run.",
        .fix = "systemctl daemon-reload; then 'goldctl unit verify UNIT' for a unit still not loaded.",
        .live = true,
        .check = check,
};
RULE_REGISTER(rule);
