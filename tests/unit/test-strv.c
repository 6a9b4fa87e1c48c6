/* SPDX-License-Identifier: MIT */
#include "strv.h"
#include "tap.h"

TEST(null_is_empty) {
        char **l = NULL;

        CHECK_INTEQ(strv_length(NULL), 0);
        CHECK(strv_isempty(NULL));
        CHECK(!strv_contains(NULL, "a"));
        CHECK(strv_free(NULL) == NULL);
        CHECK(strv_equal(NULL, NULL));
        strv_sort(NULL);
        strv_uniq(NULL);
        strv_pop(&l);
        CHECK(l == NULL);
        {
                _cleanup_free_ char *j = strv_join(NULL, ",");
                CHECK_STREQ(j, "");
        }
}

TEST(extend_push_pop) {
        _cleanup_strv_free_ char **l = NULL;
        char *s = strdup("b");

        CHECK_INTEQ(strv_extend(&l, "a"), 0);
        CHECK_INTEQ(strv_push(&l, s), 0);
        CHECK_INTEQ(strv_extend(&l, ""), 0);
        CHECK_INTEQ(strv_length(l), 3);
        CHECK_STREQ(l[0], "a");
        CHECK(l[1] == s);
        CHECK_STREQ(l[2], "");
        CHECK(l[3] == NULL);
        CHECK(strv_contains(l, ""));
        CHECK(strv_contains(l, "b"));
        CHECK(!strv_contains(l, "c"));
        strv_pop(&l);
        CHECK_INTEQ(strv_length(l), 2);
        CHECK(!strv_contains(l, ""));
        strv_pop(&l);
        strv_pop(&l);
        CHECK_INTEQ(strv_length(l), 0);
        CHECK(strv_isempty(l));
        strv_pop(&l);
        CHECK(strv_isempty(l));
}

TEST(extend_strv_and_copy) {
        _cleanup_strv_free_ char **a = NULL, **b = NULL, **c = NULL;

        strv_extend(&a, "x");
        strv_extend(&a, "y");
        strv_extend(&b, "w");
        CHECK_INTEQ(strv_extend_strv(&b, a), 0);
        CHECK_INTEQ(strv_length(b), 3);
        CHECK_STREQ(b[0], "w");
        CHECK_STREQ(b[2], "y");
        CHECK(b[1] != a[0]); /* copies */
        CHECK_INTEQ(strv_extend_strv(&b, NULL), 0);
        CHECK_INTEQ(strv_length(b), 3);
        CHECK_INTEQ(strv_copy(b, &c), 0);
        CHECK(strv_equal(b, c));
        CHECK(c != b);
}

TEST(copy_of_empty) {
        char **c = (char **) 1;

        CHECK_INTEQ(strv_copy(NULL, &c), 0);
        CHECK(c == NULL);
}

TEST(sort_is_byte_order) {
        _cleanup_strv_free_ char **l = NULL;
        static const char *const in[] = { "b", "B", "a", "_", "10-x.conf", "05-y.conf", "a-", "\xc3\xa9", "A" };
        _cleanup_free_ char *j = NULL;

        for (size_t i = 0; i < ELEMENTSOF(in); i++)
                strv_extend(&l, in[i]);
        strv_sort(l);
        j = strv_join(l, "|");
        /* strcmp, not locale: uppercase before '_' before lowercase, UTF-8 last */
        CHECK_STREQ(j, "05-y.conf|10-x.conf|A|B|_|a|a-|b|\xc3\xa9");
}

TEST(uniq_keeps_first) {
        _cleanup_strv_free_ char **l = NULL;
        _cleanup_free_ char *j = NULL;
        static const char *const in[] = { "c", "a", "c", "b", "a", "a", "d", "c" };

        for (size_t i = 0; i < ELEMENTSOF(in); i++)
                strv_extend(&l, in[i]);
        strv_uniq(l);
        j = strv_join(l, ",");
        CHECK_STREQ(j, "c,a,b,d");
        CHECK_INTEQ(strv_length(l), 4);
}

TEST(join) {
        _cleanup_strv_free_ char **l = NULL;
        _cleanup_free_ char *a = NULL, *b = NULL, *c = NULL;

        strv_extend(&l, "one");
        a = strv_join(l, ", ");
        CHECK_STREQ(a, "one");
        strv_extend(&l, "");
        strv_extend(&l, "three");
        b = strv_join(l, ", ");
        CHECK_STREQ(b, "one, , three");
        c = strv_join(l, "");
        CHECK_STREQ(c, "onethree");
}

TEST(equal) {
        _cleanup_strv_free_ char **a = NULL, **b = NULL, **e = NULL;

        strv_extend(&a, "x");
        strv_extend(&b, "x");
        CHECK(strv_equal(a, b));
        strv_extend(&b, "y");
        CHECK(!strv_equal(a, b));
        CHECK(!strv_equal(b, a));
        strv_extend(&a, "z");
        CHECK(!strv_equal(a, b));
        /* an allocated empty vector equals NULL */
        e = calloc(1, sizeof(char *));
        CHECK(strv_equal(e, NULL));
        CHECK(strv_equal(NULL, e));
        CHECK(!strv_equal(a, NULL));
}

TEST(foreach) {
        _cleanup_strv_free_ char **l = NULL;
        size_t n = 0;

        STRV_FOREACH(s, l)
                n++;
        CHECK_INTEQ(n, 0);
        strv_extend(&l, "a");
        strv_extend(&l, "b");
        STRV_FOREACH(s, l)
                n += strlen(*s);
        CHECK_INTEQ(n, 2);
}

TEST(many) {
        _cleanup_strv_free_ char **l = NULL;
        bool ok = true;

        for (int i = 0; i < 5000; i++) {
                char b[16];
                snprintf(b, sizeof(b), "%d", i % 100);
                if (strv_extend(&l, b) < 0)
                        ok = false;
        }
        CHECK(ok);
        CHECK_INTEQ(strv_length(l), 5000);
        strv_uniq(l);
        CHECK_INTEQ(strv_length(l), 100);
        CHECK_STREQ(l[99], "99");
}

int main(void) {
        RUN(null_is_empty);
        RUN(extend_push_pop);
        RUN(extend_strv_and_copy);
        RUN(copy_of_empty);
        RUN(sort_is_byte_order);
        RUN(uniq_keeps_first);
        RUN(join);
        RUN(equal);
        RUN(foreach);
        RUN(many);
        return tap_done();
}
