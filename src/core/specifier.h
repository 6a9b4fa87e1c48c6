/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Unit specifiers (systemd.unit(5), "Specifiers").
 *
 * The ones derived from the unit itself are expanded exactly as systemd
 * does: %n %N %p %P %i %I %j %J %f %y %Y and %%. The ones that depend on the
 * host or on the manager (%H %m %b %u %h %t %S %T ... ) are kept as written,
 * visibly: goldctl reads files offline and does not guess another machine's
 * host name. For checks that need a plausible value (is this path
 * absolute?), SPECIFIER_PROBE replaces them with what a system manager would
 * use ("/root" for %h, "/run" for %t, ...).
 *
 * An unknown letter is an error (-EBADSLT, "Invalid slot"), as is a
 * specifier that cannot be computed (%f of a name that is not a valid path,
 * %y of a unit without a file: -ENOENT). '%' before a non-alphanumeric
 * character, and a trailing '%', stay as they are.
 */

enum specifier_table {
        SPECIFIERS_NAME,        /* unit_name_printf(): dependencies (i j n N p + host) */
        SPECIFIERS_FULL,        /* unit_full_printf(): everything */
};

enum specifier_flags {
        SPECIFIER_PROBE = 1 << 0,
};

struct specifier_context {
        const char *id;                 /* the unit name the file is read for */
        const char *instance;           /* NULL for plain units */
        const char *fragment_real;      /* the fragment after resolving symlinks, as on the host; NULL if none */
};

int specifier_expand(const struct specifier_context *ctx, const char *text, enum specifier_table table,
                     size_t max_length, unsigned flags, char **ret);

/* Whether c is a specifier goldctl leaves unexpanded. */
bool specifier_is_host_dependent(char c);
