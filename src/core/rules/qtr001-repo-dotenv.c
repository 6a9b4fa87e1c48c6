/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool is_env_file(const char *rel) {
        const char *base = path_basename(rel);

        if (endswith(base, ".example") || endswith(base, ".template") || endswith(base, ".sample") ||
            endswith(base, ".dist"))
                return false;
        return streq(base, ".env") || startswith(base, ".env.") || endswith(base, ".env");
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; a->repo_files && a->repo_files[i]; i++) {
                _cleanup_free_ char *host = NULL;
                int q;

                if (!is_env_file(a->repo_files[i]))
                        continue;
                host = rules_repo_path(a, a->repo_files[i]);
                if (!host)
                        return -ENOMEM;
                q = audit_add(a, r, host, 0, NULL,
                              "an env file in the repository: configuration belongs in %s/<service>.env, "
                              "and a file here ends up in git", a->c->env_dir);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTR001",
        .name = "repo-dotenv",
        .severity = SEVERITY_ERROR,
        .family = "repository",
        .seed = "001 C (NEVER commit env files, .env files in repo), L",
        .summary = "An env file lies in the repository",
        .rationale = "'source .env && python app.py' bypasses the contract's env files, and secrets in it reach git history.",
        .fix = "Move the values to /etc/quantum/<service>.env, delete the file, add it to .gitignore (keep *.example templates).",
        .check = check,
};
RULE_REGISTER(rule);
