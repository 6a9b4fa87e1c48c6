/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * A string vector: a NULL-terminated array of malloc'ed strings, itself
 * malloc'ed. NULL is a valid, empty vector. Functions that add take a pointer
 * to the vector and may move it; on failure they leave it as it was.
 */

size_t strv_length(char * const *l);
/* Frees every string and the array; returns NULL. */
char **strv_free(char **l);
/* Appends s; the vector takes ownership of s only on success. A NULL s (a
 * failed allocation passed on) is -ENOMEM. */
int strv_push(char ***l, char *s);
/* The same, for building long vectors: *n is the current length and *alloc
 * the allocated slots (both start at 0 with an empty vector). */
int strv_push_n(char ***l, size_t *n, size_t *alloc, char *s);
/* Appends a copy of s. */
int strv_extend(char ***l, const char *s);
/* Appends copies of every string of other. */
int strv_extend_strv(char ***l, char * const *other);
/* Removes and frees the last element, if any. */
void strv_pop(char ***l);
bool strv_contains(char * const *l, const char *s);
int strv_copy(char * const *l, char ***ret);
/* Sorts with strcmp (byte order). */
void strv_sort(char **l);
/* Removes later duplicates, keeping the first occurrence; order kept. */
void strv_uniq(char **l);
/* Joins with sep; the result belongs to the caller. NULL on OOM. */
char *strv_join(char * const *l, const char *sep);
bool strv_equal(char * const *a, char * const *b);

static inline bool strv_isempty(char * const *l) {
        return !l || !*l;
}

static inline void strv_freep(char ***l) {
        strv_free(*l);
}
#define _cleanup_strv_free_ _cleanup_(strv_freep)

#define STRV_FOREACH(s, l) for (char * const *s = (l); s && *s; s++)
