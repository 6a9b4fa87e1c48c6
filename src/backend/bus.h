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

/* The running system manager's environment, as every unit it starts gets
 * it first (the Manager's Environment property: what systemctl
 * show-environment prints), and the manager's process ID (for
 * PassEnvironment=, which reads the manager's own process environment).
 * *ret_pid is 0 when the bus does not say. Returns 0, or a negative errno
 * with a message when the manager cannot be asked. */
int bus_manager_environment(char ***ret_env, int *ret_pid, char **ret_error);
