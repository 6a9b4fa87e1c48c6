/* SPDX-License-Identifier: MIT */
#include <stdarg.h>

#include "diag.h"
#include "strbuf.h"

int diag_add(struct diag_list *l, const char *file, unsigned line, enum diag_level level,
             enum diag_effect effect, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        struct diag *d;
        va_list ap;

        if (l->n == l->alloc) {
                size_t na = l->alloc ? l->alloc * 2 : 8;
                struct diag *p = realloc(l->items, na * sizeof(*p));
                if (!p)
                        goto oom;
                l->items = p;
                l->alloc = na;
        }
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        d = &l->items[l->n];
        *d = (struct diag) { .line = line, .level = level, .effect = effect };
        d->message = strbuf_detach(&sb, NULL);
        d->file = file ? strdup(file) : NULL;
        if (!d->message || (file && !d->file)) {
                free(d->message);
                free(d->file);
                goto oom;
        }
        l->n++;
        return 0;
oom:
        l->oom = true;
        return -ENOMEM;
}

void diag_mark_extra(struct diag_list *l) {
        if (l->n > 0)
                l->items[l->n - 1].extra = true;
}

int diag_list_move(struct diag_list *dst, struct diag_list *src) {
        if (src->n > 0) {
                if (dst->n + src->n > dst->alloc) {
                        size_t na = dst->n + src->n;
                        struct diag *p = realloc(dst->items, na * sizeof(*p));
                        if (!p) {
                                dst->oom = true;
                                return -ENOMEM;
                        }
                        dst->items = p;
                        dst->alloc = na;
                }
                memcpy(dst->items + dst->n, src->items, src->n * sizeof(struct diag));
                dst->n += src->n;
        }
        dst->oom = dst->oom || src->oom;
        free(src->items);
        *src = (struct diag_list) DIAG_LIST_INIT;
        return 0;
}

void diag_list_release(struct diag_list *l) {
        for (size_t i = 0; i < l->n; i++) {
                free(l->items[i].file);
                free(l->items[i].message);
        }
        free(l->items);
        *l = (struct diag_list) DIAG_LIST_INIT;
}

enum diag_effect diag_list_worst_effect(const struct diag_list *l) {
        enum diag_effect e = DIAG_EFFECT_NONE;

        for (size_t i = 0; i < l->n; i++)
                if (l->items[i].effect > e)
                        e = l->items[i].effect;
        return e;
}

const char *diag_level_to_string(enum diag_level l) {
        switch (l) {
        case DIAG_DEBUG: return "debug";
        case DIAG_NOTICE: return "notice";
        case DIAG_WARNING: return "warning";
        case DIAG_ERROR: return "error";
        }
        return "?";
}

const char *diag_effect_to_string(enum diag_effect e) {
        switch (e) {
        case DIAG_EFFECT_NONE: return "none";
        case DIAG_EFFECT_IGNORED: return "ignored";
        case DIAG_EFFECT_FILE: return "file-skipped";
        case DIAG_EFFECT_REFUSED: return "unit-refused";
        }
        return "?";
}
