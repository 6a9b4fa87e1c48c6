/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "path-util.h"
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                _cleanup_free_ char *dir = NULL, *py = NULL;
                struct stat st;
                int q = 0;

                if (s->u->load_state != UNIT_LOADED || !s->venv)
                        continue;
                if (!s->venv_first)
                        continue;       /* checked once per venv */
                dir = path_join(a->c->venv_dir, s->venv);
                py = dir ? path_join(dir, "bin/python") : NULL;
                if (!py)
                        return -ENOMEM;
                if (audit_stat(a, dir, &st) < 0 || !S_ISDIR(st.st_mode))
                        q = audit_add(a, r, dir, 0, s->unit, "the venv %s of %s does not exist", dir, s->unit);
                else if (audit_stat(a, py, &st) < 0) {
                        if (audit_lstat(a, py, &st) >= 0 && S_ISLNK(st.st_mode))
                                q = audit_add(a, r, py, 0, s->unit,
                                              "%s is a symbolic link whose target does not exist (the python the "
                                              "venv was made from was removed or upgraded?): the venv is broken", py);
                        else
                                q = audit_add(a, r, py, 0, s->unit, "%s does not exist: the venv is broken", py);
                }
                else if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
                        q = audit_add(a, r, py, 0, s->unit, "%s is not an executable file", py);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTF001",
        .name = "venv-missing",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 B, E (Check Venv), H check 5",
        .summary = "A service's venv or its python does not exist",
        .rationale = "ExecStart= and the ops wrapper run /opt/quantum/venvs/<venv>/bin/python; without it nothing starts.",
        .fix = "python3 -m venv /opt/quantum/venvs/<venv>; chown -R qt:qt it; install the requirements.",
        .check = check,
};
RULE_REGISTER(rule);
