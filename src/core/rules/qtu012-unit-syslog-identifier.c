/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const struct setting_str *id = &u->ctx.syslog_identifier;
                _cleanup_free_ char *want = NULL;
                int q = 0;

                if (u->load_state != UNIT_LOADED)
                        continue;
                want = malloc(strlen(a->c->unit_prefix) + strlen(s->name) + 1);
                if (!want)
                        return -ENOMEM;
                snprintf(want, strlen(a->c->unit_prefix) + strlen(s->name) + 1, "%s%s", a->c->unit_prefix, s->name);
                if (!id->value)
                        q = audit_add(a, r, u->fragment_path, 0, s->unit,
                                      "no SyslogIdentifier=: journal lines are tagged with the interpreter's name; "
                                      "set SyslogIdentifier=%s", want);
                else if (!streq(id->value, want))
                        q = audit_add(a, r, origin_file(u, id->origin), id->origin.line, s->unit,
                                      "SyslogIdentifier=%s; the contract says SyslogIdentifier=%s", id->value, want);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU012",
        .name = "unit-syslog-identifier",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 D (Mandatory Fields)",
        .summary = "SyslogIdentifier= is not quantum-<service>",
        .rationale = "Without it every service logs as 'python3' and journal searches by tag mix services up.",
        .fix = "Set SyslogIdentifier=quantum-<service> in [Service].",
        .check = check,
};
RULE_REGISTER(rule);
