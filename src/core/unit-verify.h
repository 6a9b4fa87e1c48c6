/* SPDX-License-Identifier: MIT */
#pragma once

#include "unit-load.h"

/*
 * The checks `systemd-analyze verify` adds to loading a unit, offline:
 *
 *  - starting the unit must be possible: every unit it Requires=, BindsTo=
 *    or Requisite= (and theirs, transitively) must exist;
 *  - a socket's service must load;
 *  - the first command of each command list (as systemd checks) must be an
 *    executable file (under --root), unless its '-' prefix says failure is
 *    fine; bare names are looked up in the default search path.
 *
 * Findings are added to the unit's diagnostics as errors. Returns the number
 * of problems found, or -ENOMEM.
 */
int unit_verify(struct unit_loader *l, struct unit *u);
