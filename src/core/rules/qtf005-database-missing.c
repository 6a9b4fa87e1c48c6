/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        struct stat st;

        if (audit_stat(a, a->c->database, &st) < 0)
                return audit_add(a, r, a->c->database, 0, NULL, "the database %s does not exist", a->c->database);
        if (!S_ISREG(st.st_mode))
                return audit_add(a, r, a->c->database, 0, NULL, "%s is not a regular file", a->c->database);
        return 0;
}

static const struct rule rule = {
        .id = "QTF005",
        .name = "database-missing",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 E (Check Database), H check 8",
        .summary = "The database file does not exist",
        .rationale = "Services and ops jobs open /opt/quantum/data/quantum_trader.db; a missing one is created empty, silently.",
        .fix = "Restore the database from /opt/quantum/data/backups/ (or initialise it), owned by qt.",
        .check = check,
};
RULE_REGISTER(rule);
