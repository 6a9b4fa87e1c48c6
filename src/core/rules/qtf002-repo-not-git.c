/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "path-util.h"
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        struct stat st;

        if (audit_lstat(a, a->c->repo_root, &st) < 0)
                return audit_add(a, r, a->c->repo_root, 0, NULL, "the repository root %s does not exist", a->c->repo_root);
        if (S_ISLNK(st.st_mode))
                return audit_add(a, r, a->c->repo_root, 0, NULL,
                                 "%s is a symbolic link: the contract wants the repository there, not a link to it",
                                 a->c->repo_root);
        if (!S_ISDIR(st.st_mode))
                return audit_add(a, r, a->c->repo_root, 0, NULL, "%s is not a directory", a->c->repo_root);
        if (!a->repo_is_git)
                return audit_add(a, r, a->c->repo_root, 0, NULL,
                                 "%s is not a git work tree: deploys (git fetch + reset) and the activation ledger's "
                                 "git hash cannot work", a->c->repo_root);
        return 0;
}

static const struct rule rule = {
        .id = "QTF002",
        .name = "repo-not-git",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 A (Git working directory = this path), K",
        .summary = "The repository root is missing, a link, or not a git work tree",
        .rationale = "All code lives in one git work tree at the repository root; deploys and rollbacks are git operations on it.",
        .fix = "git clone <repo_url> /home/qt/quantum_trader (as qt).",
        .check = check,
};
RULE_REGISTER(rule);
