/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The systemd manager over D-Bus (sd-bus). This directory is the only place
 * that includes <systemd/sd-*.h>.
 */

/* The LoadState the running system manager gives a unit ("loaded",
 * "not-found", "masked", ...). Returns 0, or a negative errno with a message
 * (owned by the caller) when the manager cannot be asked. */
int bus_unit_load_state(const char *unit, char **ret_state, char **ret_error);

/* Frees the cached bus connection. */
void bus_close(void);
