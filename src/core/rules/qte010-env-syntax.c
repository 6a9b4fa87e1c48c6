/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* A carriage return ends a line for systemd (CRLF is one line end); bash,
 * which the seeds' ops scripts use to source env files, keeps it as the last
 * character of the value. Said once per file, at the first such line. */
static int check_line_ends(struct audit *a, const struct rule *r, const struct audit_service *s) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0;
        unsigned line = 1;

        if (audit_read(a, s->env_path, &data, &size) < 0)
                return 0;       /* read before: QTE011/QTA003 say why if it fails now */
        for (size_t i = 0; i < size; i++) {
                if (data[i] == '\r')
                        return audit_add(a, r, s->env_path, line, s->unit,
                                         "%s line ends (a file edited on Windows?): systemd reads '\\r' as the end "
                                         "of the line, but bash, which sources this file for ops scripts, keeps it "
                                         "at the end of every value (REDIS_PORT='6379\\r')",
                                         i + 1 < size && data[i + 1] == '\n' ? "CRLF" : "CR");
                if (data[i] == '\n')
                        line++;
        }
        return 0;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                int q;

                if (!rules_env_first(a, i) || !s->env_exists || s->env.failed)
                        continue;
                q = check_line_ends(a, r, s);
                if (q < 0)
                        return q;
                for (size_t j = 0; j < s->env.diags.n; j++) {
                        const struct diag *d = &s->env.diags.items[j];

                        if (d->level < DIAG_NOTICE)
                                continue;
                        q = audit_add(a, r, s->env_path, d->line, s->unit, "%s", d->message);
                        if (q < 0)
                                return q;
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE010",
        .name = "env-syntax",
        .severity = SEVERITY_WARNING,
        .family = "env",
        .seed = "001 C; spec section 12 (systemd is not a shell)",
        .summary = "systemd reads a line of the env file differently from bash",
        .rationale = "export, inline '#' comments, a comment ending in '\\' and repeated keys mean one thing to 'source' and another to systemd.",
        .fix = "Write plain NAME=value lines; 'goldctl env show FILE' shows what systemd applies.",
        .check = check,
};
RULE_REGISTER(rule);
