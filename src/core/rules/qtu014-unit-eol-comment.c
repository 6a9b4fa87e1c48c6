/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int line(struct audit *a, const struct rule *r, const struct unit *u, const char *file, unsigned n,
                const char *text, bool comment, void *userdata) {
        const char *h;

        if (comment)
                return 0;
        h = rules_eol_comment(text);
        if (!h)
                return 0;
        return audit_add(a, r, file, n, u->id,
                         "'%s' is part of the value: systemd has no end-of-line comments", h);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                int q = rules_foreach_unit_line(a, r, a->units[i], line, NULL);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU014",
        .name = "unit-eol-comment",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "spec P-COM-2; 001 D",
        .summary = "A '#' after a value is not a comment",
        .rationale = "Restart=always # note is the value 'always # note', which systemd refuses and ignores; in ExecStart= the words become arguments.",
        .fix = "Move the comment to a line of its own, starting with '#'.",
        .check = check,
};
RULE_REGISTER(rule);
