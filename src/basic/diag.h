/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Diagnostics: what a parser or loader found, each with the file and the
 * physical line systemd would name (0 when it is about a whole file), a
 * level, and what systemd does about it. Library code fills a diag_list;
 * only src/cmd prints it.
 */
enum diag_level {
        DIAG_DEBUG,
        DIAG_NOTICE,
        DIAG_WARNING,
        DIAG_ERROR,
};

enum diag_effect {
        DIAG_EFFECT_NONE,       /* a remark; the setting applies */
        DIAG_EFFECT_IGNORED,    /* systemd ignores the assignment (or the word) */
        DIAG_EFFECT_FILE,       /* systemd stops reading this file */
        DIAG_EFFECT_REFUSED,    /* systemd refuses to load the unit */
};

struct diag {
        char *file;     /* as shown to the user (path on the audited host) */
        unsigned line;  /* physical line, 1-based; 0 for the whole file */
        enum diag_level level;
        enum diag_effect effect;
        char *message;  /* systemd's wording where systemd has one */
        bool extra;     /* goldctl's own remark: systemd says nothing here */
};

struct diag_list {
        struct diag *items;
        size_t n, alloc;
        bool oom;       /* an addition failed for lack of memory */
};

#define DIAG_LIST_INIT { NULL, 0, 0, false }

/* Adds a diagnostic; file may be NULL. On OOM sets list->oom and returns -ENOMEM. */
int diag_add(struct diag_list *l, const char *file, unsigned line, enum diag_level level,
             enum diag_effect effect, const char *fmt, ...) _printf_(6, 7);
/* Marks the last item added as goldctl's own remark. */
void diag_mark_extra(struct diag_list *l);
/* Moves every item of src to the end of dst. */
int diag_list_move(struct diag_list *dst, struct diag_list *src);
void diag_list_release(struct diag_list *l);
/* Highest effect among the items. */
enum diag_effect diag_list_worst_effect(const struct diag_list *l);
const char *diag_level_to_string(enum diag_level l);
const char *diag_effect_to_string(enum diag_effect e);
