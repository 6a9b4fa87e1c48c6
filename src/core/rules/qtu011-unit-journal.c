/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int one(struct audit *a, const struct rule *r, const struct audit_service *s, const char *key,
               enum exec_output o, struct origin orig, const struct setting_str *file) {
        const struct unit *u = s->u;
        const char *want = a->c->standard_output;
        const char *have = exec_output_to_string(o);

        if (streq(have, want) || (streq(want, "journal") && o == EXEC_OUTPUT_JOURNAL_AND_CONSOLE))
                return 0;
        if (o == EXEC_OUTPUT_INHERIT && streq(key, "StandardError")) {
                /* inherit: standard error goes where standard output goes; with
                 * StandardOutput= right that is the journal already */
                if (streq(exec_output_to_string(u->ctx.std_output), want) ||
                    (streq(want, "journal") && u->ctx.std_output == EXEC_OUTPUT_JOURNAL_AND_CONSOLE))
                        return 0;
                return audit_add(a, r, u->fragment_path, 0, s->unit,
                                 "no StandardError=: errors go where StandardOutput=%s goes; say StandardError=%s",
                                 exec_output_to_string(u->ctx.std_output), want);
        }
        if (file->value)
                return audit_add(a, r, origin_file(u, orig), orig.line, s->unit,
                                 "%s=%s:%s: the log bypasses the journal (no rotation, no journalctl -u); "
                                 "the contract says %s=%s", key, have, file->value, key, want);
        return audit_add(a, r, origin_file(u, orig), orig.line, s->unit, "%s=%s; the contract says %s=%s", key,
                         have, key, want);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                int q;

                if (u->load_state != UNIT_LOADED)
                        continue;
                q = one(a, r, s, "StandardOutput", u->ctx.std_output, u->ctx.std_output_origin, &u->ctx.std_output_file);
                if (q >= 0)
                        q = one(a, r, s, "StandardError", u->ctx.std_error, u->ctx.std_error_origin, &u->ctx.std_error_file);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU011",
        .name = "unit-journal",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 A (Logs), D rule 7",
        .summary = "The service does not log to the journal",
        .rationale = "The journal is the primary log: rotated, structured, and what every runbook reads with journalctl -u.",
        .fix = "Set StandardOutput=journal and StandardError=journal in [Service].",
        .check = check,
};
RULE_REGISTER(rule);
