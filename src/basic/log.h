/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * Messages to the user, for src/cmd only (library code returns errors
 * instead). Every message goes to stderr as "goldctl: <message>".
 */

void log_set_program_name(const char *name);
const char *log_program_name(void);

void log_error(const char *fmt, ...) _printf_(1, 2);
void log_warning(const char *fmt, ...) _printf_(1, 2);
/* Prints "goldctl: <message>: <strerror(-r)>" and returns r (negative). */
int log_error_errno(int r, const char *fmt, ...) _printf_(2, 3);

/* Whether to colour a stream: a TTY, and NO_COLOR is unset, and TERM is not "dumb". */
bool use_color(FILE *f);
