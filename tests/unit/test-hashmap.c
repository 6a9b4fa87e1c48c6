/* SPDX-License-Identifier: MIT */
#include "hashmap.h"
#include "strv.h"
#include "tap.h"

TEST(empty) {
        struct hashmap h = HASHMAP_INIT;
        size_t i = 0;
        const char *k;

        CHECK(hashmap_get(&h, "x") == NULL);
        CHECK(!hashmap_contains(&h, "x"));
        CHECK(!hashmap_next(&h, &i, &k, NULL));
        hashmap_clear(&h);
        CHECK_INTEQ(h.n, 0);
}

TEST(put_get_replace) {
        struct hashmap h = HASHMAP_INIT;
        int a = 1, b = 2, c = 3;

        CHECK_INTEQ(hashmap_put(&h, "a", &a), 1);
        CHECK_INTEQ(hashmap_put(&h, "b", &b), 1);
        CHECK_INTEQ(h.n, 2);
        CHECK(hashmap_get(&h, "a") == &a);
        CHECK(hashmap_get(&h, "b") == &b);
        CHECK(hashmap_get(&h, "c") == NULL);
        CHECK(hashmap_contains(&h, "a"));
        CHECK(!hashmap_contains(&h, "A"));      /* case-sensitive */
        /* replacing returns 0 and keeps the count */
        CHECK_INTEQ(hashmap_put(&h, "a", &c), 0);
        CHECK_INTEQ(h.n, 2);
        CHECK(hashmap_get(&h, "a") == &c);
        hashmap_clear(&h);
        CHECK(!hashmap_contains(&h, "a"));
}

TEST(null_values_and_empty_key) {
        struct hashmap h = HASHMAP_INIT;

        /* a key with a NULL value is present, though get() cannot tell */
        CHECK_INTEQ(hashmap_put(&h, "k", NULL), 1);
        CHECK(hashmap_contains(&h, "k"));
        CHECK(hashmap_get(&h, "k") == NULL);
        CHECK_INTEQ(hashmap_put(&h, "", &h), 1);
        CHECK(hashmap_get(&h, "") == &h);
        CHECK(!hashmap_contains(&h, "kk"));
        hashmap_clear(&h);
}

TEST(does_not_own_keys) {
        struct hashmap h = HASHMAP_INIT;
        char key[] = "mutable";

        /* the map compares by content; lookups with another pointer work */
        CHECK_INTEQ(hashmap_put(&h, key, key), 1);
        CHECK(hashmap_get(&h, "mutable") == key);
        hashmap_clear(&h);
}

TEST(many_and_iterate) {
        struct hashmap h = HASHMAP_INIT;
        _cleanup_strv_free_ char **keys = NULL;
        const size_t n = 10000;
        size_t i = 0, seen = 0;
        const char *k;
        void *v;
        bool ok = true, all_match = true;

        for (size_t j = 0; j < n; j++) {
                char b[32];
                snprintf(b, sizeof(b), "unit-%zu.service", j);
                strv_extend(&keys, b);
        }
        for (size_t j = 0; j < n; j++)
                if (hashmap_put(&h, keys[j], keys[j]) != 1)
                        ok = false;
        CHECK(ok);
        CHECK_INTEQ(h.n, n);
        CHECK(h.cap >= n);
        CHECK_INTEQ(h.cap & (h.cap - 1), 0);    /* a power of two */
        for (size_t j = 0; j < n; j++)
                if (hashmap_get(&h, keys[j]) != keys[j])
                        all_match = false;
        CHECK(all_match);

        while (hashmap_next(&h, &i, &k, &v)) {
                if (k != v)
                        all_match = false;
                seen++;
        }
        CHECK(all_match);
        CHECK_INTEQ(seen, n);
        /* iteration is done; calling again gives nothing */
        CHECK(!hashmap_next(&h, &i, &k, &v));
        CHECK(!hashmap_contains(&h, "unit-10000.service"));
        hashmap_clear(&h);
}

TEST(iterate_without_outputs) {
        struct hashmap h = HASHMAP_INIT;
        size_t i = 0, c = 0;

        hashmap_put(&h, "x", NULL);
        hashmap_put(&h, "y", NULL);
        while (hashmap_next(&h, &i, NULL, NULL))
                c++;
        CHECK_INTEQ(c, 2);
        hashmap_clear(&h);
}

int main(void) {
        RUN(empty);
        RUN(put_get_replace);
        RUN(null_values_and_empty_key);
        RUN(does_not_own_keys);
        RUN(many_and_iterate);
        RUN(iterate_without_outputs);
        return tap_done();
}
