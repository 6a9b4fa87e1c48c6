/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <strings.h>

#include "rules-util.h"

struct state {
        char *path;             /* a copy: the caller frees its path after each file */
        unsigned gate_line;     /* line of an "if ... gate ... pass" seen last */
};

static bool want(const char *rel) {
        return endswith(rel, ".py");
}

/* Whether the line calls a function whose name has "activate" in it (not
 * "deactivate"), outside a string: "activate_model(m)", "self.promote_and_activate()",
 * but not log.info("run canary_activate.sh"). */
static bool activation_call(const char *t) {
        char quote = 0;

        for (const char *p = t; *p; p++) {
                if (quote) {
                        if (*p == '\\' && p[1])
                                p++;
                        else if (*p == quote)
                                quote = 0;
                        continue;
                }
                if (*p == '"' || *p == '\'') {
                        quote = *p;
                        continue;
                }
                if (*p == '#')
                        return false;
                if (strncasecmp(p, "activate", 8) == 0) {
                        const char *s = p, *e = p + 8;

                        while (s > t && (isalnum((unsigned char) s[-1]) || s[-1] == '_'))
                                s--;
                        while (isalnum((unsigned char) *e) || *e == '_')
                                e++;
                        if (p - s >= 2 && strncasecmp(p - 2, "de", 2) == 0) {
                                p = e - 1;
                                continue;
                        }
                        if (*e == '(')
                                return true;
                        p = e - 1;
                }
        }
        return false;
}

static int line(struct audit *a, const struct rule *r, const char *path, unsigned n, const char *text, void *ud) {
        struct state *st = ud;
        const char *t = text + strspn(text, " \t");

        if (!st->path || !streq(st->path, path)) {
                free(st->path);
                st->path = strdup(path);
                if (!st->path)
                        return -ENOMEM;
                st->gate_line = 0;
        }
        if (*t == '#')
                return 0;
        if (strstr(t, "AUTO_ACTIVATION") &&
            (strcasestr(t, "\"enabled\"") || strcasestr(t, "'enabled'") || strcasestr(t, "\"true\"") ||
             strcasestr(t, "'true'") || strstr(t, "= True")))
                return audit_add(a, r, path, n, NULL,
                                 "AUTO_ACTIVATION defaults to on in code: a missing env variable activates models");
        if (startswith(t, "if ") && strcasestr(t, "gate") && (strcasestr(t, "pass") || strcasestr(t, "ok"))) {
                st->gate_line = n;
                return 0;
        }
        if (st->gate_line && n - st->gate_line <= 3 && activation_call(t)) {
                st->gate_line = 0;
                return audit_add(a, r, path, n, NULL,
                                 "a model is activated because the quality gate passed: activation needs a canary "
                                 "run and a human's confirmation, with a backup to roll back to");
        }
        return 0;
}

static int check(struct audit *a, const struct rule *r) {
        struct state st = {};
        int q = rules_foreach_repo_line(a, r, want, line, &st);

        free(st.path);
        return q;
}

static const struct rule rule = {
        .id = "QTR006",
        .name = "repo-auto-activation",
        .severity = SEVERITY_ERROR,
        .family = "repository",
        .seed = "001 F (NEVER auto-activate), H, L (Auto-activation)",
        .summary = "Code activates models automatically",
        .rationale = "'if quality_gate_pass: activate_model()' skips canary, confirmation and backup: missing proof must mean no activation.",
        .fix = "Remove the automatic call; a human runs the canary activation after the gate passes.",
        .check = check,
};
RULE_REGISTER(rule);
