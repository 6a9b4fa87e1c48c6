/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        STRV_FOREACH(f, a->ignored_unit_files) {
                const char *base = strrchr(*f, '/') + 1;
                size_t len;
                int q;

                if (rules_placeholder(base, &len))
                        continue;       /* QTU013: the raw template */
                q = audit_add(a, r, *f, 0, NULL,
                              "systemd ignores %s: it is not a unit name (a backup or an unfinished copy?), so "
                              "nothing in it applies", base);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU024",
        .name = "unit-file-ignored",
        .severity = SEVERITY_INFO,
        .family = "units",
        .seed = "001 D (unit files in /etc/systemd/system)",
        .summary = "A file on the unit path carries the prefix but is not a unit name",
        .rationale = "systemd skips it without a word: an edit made to 'quantum-x.service.bak' or 'quantum-x.service~' never applies.",
        .fix = "Remove the file, or rename it to the unit name it was meant to be and run 'systemctl daemon-reload'.",
        .check = check,
};
RULE_REGISTER(rule);
