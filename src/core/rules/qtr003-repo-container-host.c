/* SPDX-License-Identifier: MIT */
#include <strings.h>

#include "rules-util.h"

static bool want(const char *rel) {
        return rules_is_code(rel) || endswith(rel, ".yml") || endswith(rel, ".yaml") || endswith(rel, ".toml") ||
               endswith(rel, ".ini") || endswith(rel, ".cfg") || endswith(rel, ".json");
}

static int line(struct audit *a, const struct rule *r, const char *path, unsigned n, const char *text, void *ud) {
        const char *t = text + strspn(text, " \t");
        const char *hit;

        if (*t == '#')
                return 0;
        hit = strcasestr(t, "quantum_redis");
        if (!hit)
                hit = strcasestr(t, "redis://redis:");
        if (!hit)
                hit = strcasestr(t, "host=\"redis\"");
        if (!hit)
                hit = strcasestr(t, "host='redis'");
        if (!hit)
                return 0;
        return audit_add(a, r, path, n, NULL,
                         "container host name in code (%.*s): it resolves only inside Docker; read REDIS_HOST",
                         (int) strcspn(hit, " \"',)"), hit);
}

static int check(struct audit *a, const struct rule *r) {
        return rules_foreach_repo_line(a, r, want, line, NULL);
}

static const struct rule rule = {
        .id = "QTR003",
        .name = "repo-container-host",
        .severity = SEVERITY_ERROR,
        .family = "repository",
        .seed = "001 E (NO container names), 003 fix 2",
        .summary = "Code names a Docker-era container host",
        .rationale = "Portfolio-intelligence restart-looped on 'quantum_redis' (seed 003); an /etc/hosts alias hid it until the next rebuild.",
        .fix = "redis.Redis(host=os.getenv('REDIS_HOST', 'localhost'), port=int(os.getenv('REDIS_PORT', '6379')))",
        .check = check,
};
RULE_REGISTER(rule);
