/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        struct stat st;

        if (audit_stat(a, a->c->secrets_dir, &st) < 0)
                return 0; /* no secrets directory: nothing exposed */
        if (!S_ISDIR(st.st_mode))
                return audit_add(a, r, a->c->secrets_dir, 0, NULL, "%s is not a directory", a->c->secrets_dir);
        if (st.st_mode & 0007)
                return audit_add(a, r, a->c->secrets_dir, 0, NULL,
                                 "mode %04o: every user of the host can reach the secrets; chmod 0750 (or 0700)",
                                 (unsigned) (st.st_mode & 07777));
        return 0;
}

static const struct rule rule = {
        .id = "QTF007",
        .name = "secrets-dir",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 C (secrets in /opt/quantum/secrets/), A (NEVER log credentials)",
        .summary = "The secrets directory is open to every user",
        .rationale = "Exchange keys move the fleet's money; only root and the qt group may reach them.",
        .fix = "chmod 0750 /opt/quantum/secrets && chown root:qt /opt/quantum/secrets",
        .check = check,
};
RULE_REGISTER(rule);
