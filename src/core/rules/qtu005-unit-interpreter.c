/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "rules-util.h"

static bool is_python(const char *base) {
        const char *p = startswith(base, "python");

        return p && p[strspn(p, "0123456789.")] == '\0';
}

static bool is_shell(const char *base) {
        return streq(base, "sh") || streq(base, "bash") || streq(base, "dash") || streq(base, "zsh");
}

/* The venv a path lies in ("ai-engine" for /opt/quantum/venvs/ai-engine/bin/python), or NULL. */
static char *venv_of(const struct contract *c, const char *path) {
        const char *rest = path_startswith(path, c->venv_dir);
        size_t n;

        if (!rest || !*rest)
                return NULL;
        n = strcspn(rest, "/");
        if (!startswith(rest + n, "/bin/"))
                return NULL;
        return strndup(rest, n);
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_services; i++) {
                const struct audit_service *s = &a->services[i];
                const struct unit *u = s->u;
                const struct exec_command *c;
                _cleanup_free_ char *venv = NULL;
                const char *base, *f;
                unsigned line;
                int q = 0;

                if (u->load_state != UNIT_LOADED || u->exec[EXEC_START].n == 0)
                        continue;
                c = &u->exec[EXEC_START].items[0];
                f = origin_file(u, c->origin);
                line = c->origin.line;
                base = path_basename(c->path);
                venv = venv_of(a->c, c->path);
                if (!path_is_absolute(c->path) && is_python(base))
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s: a bare interpreter is whatever python PATH finds, not the venv; "
                                      "use %s/%s/bin/python", c->path, a->c->venv_dir, s->venv);
                else if (streq(base, "env"))
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s %s: env runs whatever interpreter PATH finds; use %s/%s/bin/python",
                                      c->path, c->argv[1] ? c->argv[1] : "", a->c->venv_dir, s->venv);
                else if (venv && !streq(venv, s->venv))
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s uses the %s venv; the contract gives %s the %s venv (%s/%s)",
                                      c->path, venv, s->unit, s->venv, a->c->venv_dir, s->venv);
                else if (!venv && is_python(base))
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s is not the service's venv (system python, or a venv outside %s); "
                                      "use %s/%s/bin/python", c->path, a->c->venv_dir, a->c->venv_dir, s->venv);
                else if (!venv && (is_shell(base) || endswith(base, ".sh")))
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s runs a shell script, which hides which python it starts; "
                                      "run %s/%s/bin/python with the script", c->path, a->c->venv_dir, s->venv);
                else if (!venv)
                        q = audit_add(a, r, f, line, s->unit,
                                      "ExecStart=%s does not run the service's venv (%s/%s/bin/python)", c->path,
                                      a->c->venv_dir, s->venv);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU005",
        .name = "unit-interpreter",
        .severity = SEVERITY_ERROR,
        .family = "units",
        .seed = "001 B, D rule 4",
        .summary = "ExecStart= does not run the service's own venv interpreter",
        .rationale = "Each service has its own venv; system python, bare python, env or another venv runs other packages.",
        .fix = "ExecStart=/opt/quantum/venvs/<venv>/bin/python <script>, with the venv the contract maps the service to.",
        .check = check,
};
RULE_REGISTER(rule);
