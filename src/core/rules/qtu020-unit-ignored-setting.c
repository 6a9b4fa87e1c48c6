/* SPDX-License-Identifier: MIT */
#include "rules-util.h"
#include "strbuf.h"

/* The lines of a unit that carry an end-of-line comment (QTU014 reports
 * them; every word of the comment also makes systemd complain). */
struct eol_lines {
        const char **file;
        unsigned *line;
        size_t n;
};

static int eol_line(struct audit *a, const struct rule *r, const struct unit *u, const char *file, unsigned n,
                    const char *text, bool comment, void *userdata) {
        struct eol_lines *e = userdata;
        const char **f;
        unsigned *l;

        if (comment || !rules_eol_comment(text))
                return 0;
        f = realloc(e->file, (e->n + 1) * sizeof(*f));
        if (!f)
                return -ENOMEM;
        e->file = f;
        l = realloc(e->line, (e->n + 1) * sizeof(*l));
        if (!l)
                return -ENOMEM;
        e->line = l;
        e->file[e->n] = file;
        e->line[e->n++] = n;
        return 0;
}

/* Covered by a more specific rule: do not report twice. */
static bool covered(const struct diag *d, const struct eol_lines *e) {
        const char *w = startswith(d->message, "Invalid environment assignment, ignoring: ");

        if (w && !strchr(w, '='))
                return true;                    /* QTU015 */
        for (size_t i = 0; i < e->n; i++)
                if (e->line[i] == d->line && streq_ptr(e->file[i], d->file))
                        return true;            /* QTU014 */
        return false;
}

static bool wanted(const struct diag *d, const struct eol_lines *e) {
        if (d->extra || d->level < DIAG_WARNING || covered(d, e))
                return false;
        return d->effect == DIAG_EFFECT_IGNORED || d->effect == DIAG_EFFECT_FILE;
}

static int check_unit(struct audit *a, const struct rule *r, const struct unit *u) {
        struct eol_lines e = {};
        bool *done = NULL;
        int q;

        q = rules_foreach_unit_line(a, r, u, eol_line, &e);
        if (q < 0)
                goto out;
        done = calloc(u->diags.n + 1, sizeof(bool));
        if (!done) {
                q = -ENOMEM;
                goto out;
        }
        /* one finding per line, with every message systemd gives for it */
        for (size_t j = 0; j < u->diags.n; j++) {
                const struct diag *d = &u->diags.items[j];
                struct strbuf sb = STRBUF_INIT;
                _cleanup_free_ char *msgs = NULL;
                bool file_stop = d->effect == DIAG_EFFECT_FILE;

                if (done[j] || !wanted(d, &e))
                        continue;
                strbuf_addstr(&sb, d->message);
                for (size_t k = j + 1; k < u->diags.n; k++) {
                        const struct diag *o = &u->diags.items[k];
                        if (done[k] || o->line != d->line || !streq_ptr(o->file, d->file) || !wanted(o, &e))
                                continue;
                        done[k] = true;
                        file_stop = file_stop || o->effect == DIAG_EFFECT_FILE;
                        strbuf_addf(&sb, "; %s", o->message);
                }
                msgs = strbuf_detach(&sb, NULL);
                if (!msgs) {
                        q = -ENOMEM;
                        goto out;
                }
                q = audit_add(a, r, d->file, d->line, u->id, "systemd %s: %s",
                              file_stop ? "stops reading this drop-in here" : "ignores this", msgs);
                if (q < 0)
                        goto out;
        }
        q = 0;
out:
        free(done);
        free(e.file);
        free(e.line);
        return q;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                int q = check_unit(a, r, a->units[i]);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU020",
        .name = "unit-ignored-setting",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "001 H check 1 (unit file syntax)",
        .summary = "systemd ignores a line of the unit",
        .rationale = "An unknown key, a bad value or a misplaced line is skipped with only a log message: the unit does not say what its author thinks.",
        .fix = "Correct the line as the message says; 'goldctl unit verify' shows systemd's full reading.",
        .check = check,
};
RULE_REGISTER(rule);
