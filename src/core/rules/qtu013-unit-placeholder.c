/* SPDX-License-Identifier: MIT */
#include <ctype.h>

#include "rules-util.h"

/* "<service>", "<Service Name>", "<SCRIPT_PATH>": a template placeholder. */
static const char *placeholder(const char *t, size_t *ret_len) {
        for (const char *p = strchr(t, '<'); p; p = strchr(p + 1, '<')) {
                size_t n = 1;

                if (!isalpha((unsigned char) p[1]))
                        continue;
                while (p[n] && (isalnum((unsigned char) p[n]) || p[n] == '_' || p[n] == ' ' || p[n] == '-') && n < 48)
                        n++;
                if (p[n] == '>' && p[n - 1] != ' ') {
                        *ret_len = n + 1;
                        return p;
                }
        }
        return NULL;
}

static int line(struct audit *a, const struct rule *r, const struct unit *u, const char *file, unsigned n,
                const char *text, bool comment, void *userdata) {
        const char *p;
        size_t len;

        if (comment || !strchr(text, '='))
                return 0;
        p = placeholder(text, &len);
        if (!p)
                return 0;
        return audit_add(a, r, file, n, u->id,
                         "%.*s is a placeholder of the golden template, left in: systemd takes it literally", (int) len, p);
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
        .id = "QTU013",
        .name = "unit-placeholder",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "000 (How to Add a New Service, step 4)",
        .summary = "A template placeholder such as <service> is left in a unit",
        .rationale = "The seeds' grep audit passes the raw golden template; systemd reads '<service>' as a literal path or name.",
        .fix = "Replace every <...> of the golden template with the service's real value.",
        .check = check,
};
RULE_REGISTER(rule);
