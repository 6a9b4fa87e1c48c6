/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

/* Every placeholder of the line, in one finding. */
static int report_line(struct audit *a, const struct rule *r, const char *file, unsigned n, const char *unit,
                       const char *text) {
        _cleanup_free_ char *list = NULL;
        size_t len, used = 0;
        unsigned count = 0;

        for (const char *p = rules_placeholder(text, &len); p; p = rules_placeholder(p + len, &len)) {
                char *nl = realloc(list, used + len + 3);
                if (!nl)
                        return -ENOMEM;
                list = nl;
                used += (size_t) snprintf(list + used, len + 3, "%s%.*s", count ? ", " : "", (int) len, p);
                count++;
        }
        if (count == 0)
                return 0;
        return audit_add(a, r, file, n, unit, "%s %s of the golden template, left in: systemd takes %s literally",
                         list, count > 1 ? "are placeholders" : "is a placeholder", count > 1 ? "them" : "it");
}

static int line(struct audit *a, const struct rule *r, const struct unit *u, const char *file, unsigned n,
                const char *text, bool comment, void *userdata) {
        if (comment || !strchr(text, '='))
                return 0;
        return report_line(a, r, file, n, u->id, text);
}

/* A file systemd ignores: its lines as text. */
static int ignored_line(struct audit *a, const struct rule *r, const char *file, unsigned n, const char *text,
                        void *userdata) {
        const char *t = text + strspn(text, " \t");

        if (*t == '#' || *t == ';' || !strchr(t, '='))
                return 0;
        return report_line(a, r, file, n, NULL, t);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                int q = rules_foreach_unit_line(a, r, a->units[i], line, NULL);
                if (q < 0)
                        return q;
        }
        STRV_FOREACH(f, a->ignored_unit_files) {
                const char *base = strrchr(*f, '/') + 1;
                size_t len;
                int q;

                if (!rules_placeholder(base, &len))
                        continue;
                q = audit_add(a, r, *f, 0, NULL,
                              "%s is the raw golden template: systemd ignores the file (not a valid unit name), "
                              "so nothing of it runs", base);
                if (q >= 0)
                        q = rules_foreach_file_line(a, r, *f, ignored_line, NULL);
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
