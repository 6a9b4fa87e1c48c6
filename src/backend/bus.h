/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

/*
 * The systemd manager over D-Bus (sd-bus). This directory is the only place
 * that includes <systemd/sd-*.h>.
 */

/* The LoadState the running system manager gives a unit ("loaded",
 * "not-found", "masked", ...) and its NeedDaemonReload (the unit's files
 * changed on disk since the manager read them). LoadUnit is used, as
 * systemctl show does: a unit not in memory is loaded from its files.
 * Returns 0, or a negative errno with a message (owned by the caller) when
 * the manager cannot be asked. */
int bus_unit_load_state(const char *unit, char **ret_state, bool *ret_need_reload, char **ret_error);

/* Frees the cached bus connection. */
void bus_close(void);
