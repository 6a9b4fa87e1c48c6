/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const char *user, *group;
                char ubuf[16], gbuf[16];
                int q;

                if (!rules_env_first(a, i))
                        continue;

                if (!s->env_exists || !S_ISREG(s->env_st.st_mode))
                        continue;
                user = audit_user_name(a, s->env_st.st_uid);
                group = audit_group_name(a, s->env_st.st_gid);
                if (user && group && streq(user, a->c->env_owner) && streq(group, a->c->env_group))
                        continue;
                snprintf(ubuf, sizeof(ubuf), "%u", (unsigned) s->env_st.st_uid);
                snprintf(gbuf, sizeof(gbuf), "%u", (unsigned) s->env_st.st_gid);
                q = audit_add(a, r, s->env_path, 0, s->unit, "owned by %s:%s; the contract says %s:%s (chown %s:%s %s)",
                              user ? user : ubuf, group ? group : gbuf, a->c->env_owner, a->c->env_group,
                              a->c->env_owner, a->c->env_group, s->env_path);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTE003",
        .name = "env-file-owner",
        .severity = SEVERITY_ERROR,
        .family = "env",
        .seed = "001 C (root:qt, 640), J",
        .summary = "An env file is not owned by the contract's owner and group",
        .rationale = "qt must read its configuration but not change it; owners are read from the audited host's /etc/passwd and /etc/group.",
        .fix = "chown root:qt /etc/quantum/<service>.env",
        .check = check,
};
RULE_REGISTER(rule);
