/* SPDX-License-Identifier: MIT */
#pragma once

#include "strbuf.h"
#include "unit.h"

/*
 * A unit's properties in `systemctl show`'s format: "Key=value" lines in
 * the order systemd 252's D-Bus interfaces list them (the type's own
 * interface first, then org.freedesktop.systemd1.Unit), values formatted as
 * systemctl formats them for a unit that has not run.
 *
 * Without a property filter only non-empty values are printed (like
 * systemctl show); with one, every requested property the unit type has is
 * printed, empty or not, except command lines and EnvironmentFiles, which
 * systemctl prints one line per entry and not at all when there are none.
 */

struct show_options {
        char **properties;      /* NULL: all goldctl knows */
        bool all;               /* print empty values too */
        bool value_only;        /* print only the values (--value) */
};

/* Whether goldctl knows a property of that name for some unit type. */
bool unit_show_property_known(const char *name);

/* A NULL-terminated list of every property name goldctl can show. */
const char *const *unit_show_property_names(void);

int unit_show(const struct unit *u, const struct show_options *o, struct strbuf *out);
