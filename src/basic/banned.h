/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * libc functions that are easy to misuse. Including this header (macro.h does)
 * turns each use into a compile error that names the function. Use strbuf,
 * snprintf with a checked result, strndup/memcpy with explicit lengths, or the
 * safe_ato*() parsers of parse-util.h instead.
 */

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)
