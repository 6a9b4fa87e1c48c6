/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Runs a program with an argv vector (never a shell), searching PATH for
 * argv[0], with stdin and stderr on /dev/null, and captures its standard
 * output (NUL-terminated, at most max bytes). Returns 0 when it exited 0,
 * -EPROTO when it exited non-zero or was killed, -EFBIG when it printed more
 * than max bytes (it is then killed), -ENOENT when it cannot be run.
 */
int process_capture(const char *const *argv, size_t max, char **ret, size_t *ret_size);
