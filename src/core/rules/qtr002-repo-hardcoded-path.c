/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static bool want(const char *rel) {
        return rules_is_code(rel);
}

static int line(struct audit *a, const struct rule *r, const char *path, unsigned n, const char *text, void *ud) {
        const char *t = text + strspn(text, " \t"), *hit = NULL;
        static const char *const pats[] = { "\"/home/", "'/home/", "\"/root/", "'/root/", "\"~/", "'~/" };

        if (*t == '#')
                return 0;
        for (size_t i = 0; i < ELEMENTSOF(pats) && !hit; i++)
                hit = strstr(t, pats[i]);
        if (!hit)
                return 0;
        {
                size_t len = strcspn(hit + 1, "\"'");
                return audit_add(a, r, path, n, NULL,
                                 "hard-coded path %.*s: read it from the environment (REPO_ROOT, DATA_DIR, MODEL_DIR, "
                                 "DB_PATH)", (int) (len > 80 ? 80 : len), hit + 1);
        }
}

static int check(struct audit *a, const struct rule *r) {
        return rules_foreach_repo_line(a, r, want, line, NULL);
}

static const struct rule rule = {
        .id = "QTR002",
        .name = "repo-hardcoded-path",
        .severity = SEVERITY_WARNING,
        .family = "repository",
        .seed = "001 C (Hardcoded paths in code), H, L",
        .summary = "Code has a hard-coded home-directory path",
        .rationale = "DB_PATH = \"/home/user/data/db.sqlite\" breaks on the next host; paths come from the env file.",
        .fix = "DB_PATH = os.getenv('DB_PATH')",
        .check = check,
};
RULE_REGISTER(rule);
