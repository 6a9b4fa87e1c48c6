/* SPDX-License-Identifier: MIT */
#include "hashmap.h"

static uint64_t hash_str(const char *s) {
        uint64_t h = 1469598103934665603ULL;

        for (; *s; s++) {
                h ^= (unsigned char) *s;
                h *= 1099511628211ULL;
        }
        return h ^ (h >> 29);
}

static size_t find_slot(const struct hashmap *h, const char *key) {
        size_t mask = h->cap - 1, i = (size_t) hash_str(key) & mask;

        while (h->e[i].key && !streq(h->e[i].key, key))
                i = (i + 1) & mask;
        return i;
}

static int grow(struct hashmap *h) {
        size_t ncap = h->cap ? h->cap * 2 : 16;
        struct hashmap old = *h;
        struct hashmap_entry *e = calloc(ncap, sizeof(*e));

        if (!e)
                return -ENOMEM;
        h->e = e;
        h->cap = ncap;
        h->n = 0;
        for (size_t i = 0; i < old.cap; i++)
                if (old.e[i].key) {
                        size_t s = find_slot(h, old.e[i].key);
                        h->e[s] = old.e[i];
                        h->n++;
                }
        free(old.e);
        return 0;
}

int hashmap_put(struct hashmap *h, const char *key, void *value) {
        size_t s;

        if ((h->n + 1) * 4 >= h->cap * 3) {
                int r = grow(h);
                if (r < 0)
                        return r;
        }
        s = find_slot(h, key);
        if (h->e[s].key) {
                h->e[s].value = value;
                return 0;
        }
        h->e[s].key = key;
        h->e[s].value = value;
        h->n++;
        return 1;
}

void *hashmap_get(const struct hashmap *h, const char *key) {
        size_t s;

        if (h->cap == 0)
                return NULL;
        s = find_slot(h, key);
        return h->e[s].key ? h->e[s].value : NULL;
}

bool hashmap_contains(const struct hashmap *h, const char *key) {
        if (h->cap == 0)
                return false;
        return h->e[find_slot(h, key)].key != NULL;
}

void hashmap_clear(struct hashmap *h) {
        free(h->e);
        *h = (struct hashmap) HASHMAP_INIT;
}

bool hashmap_next(const struct hashmap *h, size_t *i, const char **ret_key, void **ret_value) {
        for (; *i < h->cap; (*i)++)
                if (h->e[*i].key) {
                        if (ret_key)
                                *ret_key = h->e[*i].key;
                        if (ret_value)
                                *ret_value = h->e[*i].value;
                        (*i)++;
                        return true;
                }
        return false;
}
