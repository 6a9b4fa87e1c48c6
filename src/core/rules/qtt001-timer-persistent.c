/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                int q;

                if (u->type != UNIT_TIMER || u->load_state != UNIT_LOADED)
                        continue;
                if (!u->timer_persistent || u->timer_on_calendar.file)
                        continue;
                q = audit_add(a, r, origin_file(u, u->timer_persistent_origin), u->timer_persistent_origin.line, u->id,
                              "Persistent=yes does nothing without OnCalendar=: runs missed while the host was down "
                              "are not caught up");
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTT001",
        .name = "timer-persistent",
        .severity = SEVERITY_WARNING,
        .family = "timers",
        .seed = "004 (health checks with timers), systemd.timer(5)",
        .summary = "Persistent= on a timer without OnCalendar=",
        .rationale = "Persistent= only applies to OnCalendar= timers; on OnBootSec=/OnUnitActiveSec= timers it silently does nothing.",
        .fix = "Use OnCalendar= (e.g. OnCalendar=hourly) with Persistent=true, or drop Persistent=.",
        .check = check,
};
RULE_REGISTER(rule);
