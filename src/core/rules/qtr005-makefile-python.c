/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool want(const char *rel) {
        const char *b = path_basename(rel);
        return streq(b, "Makefile") || streq(b, "makefile") || streq(b, "GNUmakefile") || endswith(b, ".mk");
}

/* A word that runs python: python, python3, python3.11, .../bin/python. */
static const char *python_word(const char *t) {
        for (const char *p = t; *p;) {
                size_t n;
                const char *w, *b;

                p += strspn(p, " \t;&|()`$");
                n = strcspn(p, " \t;&|()`");
                if (n == 0)
                        break;
                w = p;
                b = memrchr(w, '/', n);
                b = b ? b + 1 : w;
                if (strncmp(b, "python", 6) == 0 && (size_t) (b - w) + 6 <= n &&
                    strspn(b + 6, "0123456789.") == n - (size_t) (b - w) - 6)
                        return w;
                p += n;
        }
        return NULL;
}

static int line(struct audit *a, const struct rule *r, const char *path, unsigned n, const char *text, void *ud) {
        const char *t, *w;

        if (text[0] != '\t')
                return 0;
        t = text + 1 + strspn(text + 1, " \t@-+");
        if (*t == '#' || strstr(t, "ops/run.sh") || strstr(t, "goldctl run"))
                return 0;
        w = python_word(t);
        if (!w)
                return 0;
        return audit_add(a, r, path, n, NULL,
                         "the recipe runs %.*s directly: call it through the fail-closed wrapper "
                         "(goldctl run SERVICE SCRIPT, or the seeds' ops/run.sh) so the venv, env file and "
                         "checks apply",
                         (int) strcspn(w, " \t;&|"), w);
}

static int check(struct audit *a, const struct rule *r) {
        return rules_foreach_repo_line(a, r, want, line, NULL);
}

static const struct rule rule = {
        .id = "QTR005",
        .name = "makefile-python",
        .severity = SEVERITY_ERROR,
        .family = "repository",
        .seed = "001 G (Makefile Integration: NO direct python calls)",
        .summary = "A Makefile recipe calls python directly",
        .rationale = "'python ops/quality_gate.py' runs with whatever python and environment the caller has; the wrapper fails closed.",
        .fix = "Call the wrapper in the recipe: goldctl run SERVICE SCRIPT (e.g. goldctl run ai-engine ops/model_safety/quality_gate.py).",
        .check = check,
};
RULE_REGISTER(rule);
