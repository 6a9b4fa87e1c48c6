/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Runs a program with an argv vector (never a shell), searching PATH for
 * argv[0], with stdin on /dev/null, and captures its standard output
 * (NUL-terminated, at most max bytes). Returns 0 when it exited 0, -EPROTO
 * when it exited non-zero or was killed, -EFBIG when it printed more than max
 * bytes (it is then killed), -ENOENT when it cannot be run.
 *
 * The child's environment is goldctl's without the variables whose names
 * start with one of unset_prefixes (NULL-terminated; may be NULL), so that
 * for example GIT_DIR from a hook cannot point git at another repository.
 * When ret_error is not NULL it receives, on any failure, one line saying
 * why: the exit status or signal and the first line the program wrote to
 * standard error (free()d by the caller; NULL on success or lack of memory).
 */
int process_capture(const char *const *argv, const char *const *unset_prefixes, size_t max, char **ret,
                    size_t *ret_size, char **ret_error);
