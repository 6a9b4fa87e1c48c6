/* SPDX-License-Identifier: MIT */
#pragma once

#include "macro.h"

/*
 * A string-keyed hash map with open addressing. The map does not own keys or
 * values: the caller keeps them alive (typically they live in the objects
 * the map indexes) and frees them. Iteration order is unspecified.
 */
struct hashmap {
        struct hashmap_entry {
                const char *key;
                void *value;
        } *e;
        size_t n;       /* live entries */
        size_t cap;     /* slots, a power of two, 0 when empty */
};

#define HASHMAP_INIT { NULL, 0, 0 }

/* Inserts or replaces. Returns 1 if added, 0 if replaced, -ENOMEM. */
int hashmap_put(struct hashmap *h, const char *key, void *value);
void *hashmap_get(const struct hashmap *h, const char *key);
bool hashmap_contains(const struct hashmap *h, const char *key);
void hashmap_clear(struct hashmap *h);

/* Iterates: `size_t i = 0; while (hashmap_next(h, &i, &k, &v)) ...` */
bool hashmap_next(const struct hashmap *h, size_t *i, const char **ret_key, void **ret_value);
