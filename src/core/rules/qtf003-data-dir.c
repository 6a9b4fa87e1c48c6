/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        struct stat st;
        const char *u, *g;

        if (audit_stat(a, a->c->data_dir, &st) < 0)
                return audit_add(a, r, a->c->data_dir, 0, NULL, "the data directory %s does not exist", a->c->data_dir);
        if (!S_ISDIR(st.st_mode))
                return audit_add(a, r, a->c->data_dir, 0, NULL, "%s is not a directory", a->c->data_dir);
        u = audit_user_name(a, st.st_uid);
        g = audit_group_name(a, st.st_gid);
        if (!u || !g || !streq(u, a->c->user) || !streq(g, a->c->group))
                return audit_add(a, r, a->c->data_dir, 0, NULL,
                                 "owned by %s:%s; the contract says %s:%s, or the services cannot write their state",
                                 u ? u : "?", g ? g : "?", a->c->user, a->c->group);
        if ((st.st_mode & 0700) != 0700)
                return audit_add(a, r, a->c->data_dir, 0, NULL, "mode %04o: the owner cannot read, write and enter it",
                                 (unsigned) (st.st_mode & 07777));
        return 0;
}

static const struct rule rule = {
        .id = "QTF003",
        .name = "data-dir",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 A (Data Directory: owned by qt:qt)",
        .summary = "The data directory is missing or not owned by the contract's user",
        .rationale = "All persistent state lives in /opt/quantum/data and must survive the repository's deletion.",
        .fix = "mkdir -p /opt/quantum/data && chown qt:qt /opt/quantum/data && chmod 755 /opt/quantum/data",
        .check = check,
};
RULE_REGISTER(rule);
