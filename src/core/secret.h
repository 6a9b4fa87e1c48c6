/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/* Whether a variable name looks like it holds a secret (API keys, tokens,
 * passwords, ..._KEY). */
bool secret_name_like(const char *name);

/* Whether a value looks like a credential: a long random-looking token
 * mixing letter cases and digits. */
bool secret_value_like(const char *value);
