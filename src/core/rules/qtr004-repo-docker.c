/* SPDX-License-Identifier: MIT */
#include <strings.h>

#include "path-util.h"
#include "rules-util.h"

static bool docker_file(const char *rel) {
        const char *b = path_basename(rel);

        return startswith(b, "Dockerfile") || startswith(b, "docker-compose") || streq(b, "compose.yml") ||
               streq(b, "compose.yaml");
}

static bool want(const char *rel) {
        const char *b = path_basename(rel);
        return rules_is_code(rel) || streq(b, "Makefile") || endswith(b, ".mk");
}

static int line(struct audit *a, const struct rule *r, const char *path, unsigned n, const char *text, void *ud) {
        const char *t = text + strspn(text, " \t"), *hit;

        if (*t == '#')
                return 0;
        hit = strstr(t, "docker exec");
        if (!hit)
                hit = strstr(t, "docker run");
        if (!hit)
                hit = strstr(t, "docker-compose");
        if (!hit)
                hit = strstr(t, "docker compose");
        if (!hit)
                return 0;
        return audit_add(a, r, path, n, NULL, "'%.*s': a Docker command; the services run under systemd",
                         (int) strcspn(hit, "\"'`;|&"), hit);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; a->repo_files && a->repo_files[i]; i++) {
                _cleanup_free_ char *host = NULL;
                int q;

                if (!docker_file(a->repo_files[i]))
                        continue;
                host = rules_repo_path(a, a->repo_files[i]);
                if (!host)
                        return -ENOMEM;
                q = audit_add(a, r, host, 0, NULL, "a Docker build or Compose file: the deployment is systemd-only");
                if (q < 0)
                        return q;
        }
        return rules_foreach_repo_line(a, r, want, line, NULL);
}

static const struct rule rule = {
        .id = "QTR004",
        .name = "repo-docker",
        .severity = SEVERITY_WARNING,
        .family = "repository",
        .seed = "001 C (Docker Compose env files), H (Docker/Compose references), L",
        .summary = "The repository still has Docker files or commands",
        .rationale = "Leftover Compose files and 'docker exec quantum_redis redis-cli' in scripts point operators at a system that no longer runs.",
        .fix = "Delete the Docker files; use 'redis-cli -h localhost -p 6379' and systemctl.",
        .check = check,
};
RULE_REGISTER(rule);
