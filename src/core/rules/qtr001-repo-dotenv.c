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

static int report(struct audit *a, const struct rule *r, char **files, bool ignored) {
        for (size_t i = 0; files && files[i]; i++) {
                _cleanup_free_ char *host = NULL;
                int q;

                if (endswith(files[i], "/") || !is_env_file(files[i]))
                        continue;
                host = rules_repo_path(a, files[i]);
                if (!host)
                        return -ENOMEM;
                if (ignored)
                        q = audit_add(a, r, host, 0, NULL,
                                      "an env file in the repository's work tree: git ignores it, but code run from "
                                      "the repository can load it (python-dotenv reads .env), over %s/<service>.env",
                                      a->c->env_dir);
                else
                        q = audit_add(a, r, host, 0, NULL,
                                      "an env file in the repository: configuration belongs in %s/<service>.env, "
                                      "and a file here ends up in git", a->c->env_dir);
                if (q < 0)
                        return q;
        }
        return 0;
}

static int check(struct audit *a, const struct rule *r) {
        int q = report(a, r, a->repo_files, false);

        return q < 0 ? q : report(a, r, a->repo_ignored_files, true);
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
