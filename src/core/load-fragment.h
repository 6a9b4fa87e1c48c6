/* SPDX-License-Identifier: MIT */
#pragma once

#include "syntax.h"
#include "unit.h"

/*
 * The settings of unit files: which keys exist in which section (the
 * complete table of systemd 252, src/core/unit-keys.inc), and how the
 * settings goldctl models are parsed, with systemd's messages and its
 * choice between ignoring a bad assignment and refusing the unit.
 *
 * Keys systemd knows but goldctl does not model are accepted without a
 * look at their values. Unknown keys get systemd's warning.
 */

enum unit_key_kind {
        UNIT_KEY_KNOWN,
        UNIT_KEY_LEGACY,        /* accepted; systemd logs that support was removed */
};

/* Looks up "Section.Key"; returns the kind, or -ENOENT for unknown keys. */
int unit_key_lookup(const char *section, const char *key);

struct fragment_parse {
        struct unit *unit;
        const char *file;               /* display path of the file being read (owned by the unit) */
        const char *fragment_real;      /* for %y */
        bool lint;                      /* also goldctl's own remarks */
        /* Whether `name` would be read from the same fragment as the unit
         * (for the recursive-template check); may be NULL. */
        bool (*same_fragment)(void *loader, const struct unit *u, const char *name);
        void *loader;
};

/* The syntax_assign_fn for unit files; userdata is a struct fragment_parse. */
int unit_fragment_assign(const struct syntax_assignment *a, void *userdata, struct diag_list *diags);

/* Whether a user or group name is accepted by systemd (relaxed rules, numeric
 * IDs allowed); *ret_strict tells whether it also meets the strict rules. */
bool valid_user_group_name_relaxed(const char *u, bool *ret_strict);
