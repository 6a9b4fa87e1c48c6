/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "strv.h"

size_t strv_length(char * const *l) {
        size_t n = 0;

        if (!l)
                return 0;
        while (l[n])
                n++;
        return n;
}

char **strv_free(char **l) {
        if (!l)
                return NULL;
        for (char **p = l; *p; p++)
                free(*p);
        free(l);
        return NULL;
}

int strv_push(char ***l, char *s) {
        size_t n = strv_length(*l);
        char **c;

        if (!s)         /* a failed allocation passed on: not an item */
                return -ENOMEM;
        if (n > SIZE_MAX / sizeof(char *) - 2)
                return -ENOMEM;
        c = realloc(*l, (n + 2) * sizeof(char *));
        if (!c)
                return -ENOMEM;
        c[n] = s;
        c[n + 1] = NULL;
        *l = c;
        return 0;
}

int strv_push_n(char ***l, size_t *n, size_t *alloc, char *s) {
        if (!s)
                return -ENOMEM;
        if (*n + 2 > *alloc) {
                size_t na = *alloc ? *alloc * 2 : 64;
                char **c = realloc(*l, na * sizeof(char *));
                if (!c)
                        return -ENOMEM;
                *l = c;
                *alloc = na;
        }
        (*l)[(*n)++] = s;
        (*l)[*n] = NULL;
        return 0;
}

int strv_extend(char ***l, const char *s) {
        char *d = strdup(s);
        int r;

        if (!d)
                return -ENOMEM;
        r = strv_push(l, d);
        if (r < 0)
                free(d);
        return r;
}

int strv_extend_strv(char ***l, char * const *other) {
        STRV_FOREACH(s, other) {
                int r = strv_extend(l, *s);
                if (r < 0)
                        return r;
        }
        return 0;
}

void strv_pop(char ***l) {
        size_t n = strv_length(*l);

        if (n == 0)
                return;
        free((*l)[n - 1]);
        (*l)[n - 1] = NULL;
}

bool strv_contains(char * const *l, const char *s) {
        STRV_FOREACH(p, l)
                if (streq(*p, s))
                        return true;
        return false;
}

int strv_copy(char * const *l, char ***ret) {
        char **c = NULL;
        int r;

        r = strv_extend_strv(&c, l);
        if (r < 0) {
                strv_free(c);
                return r;
        }
        *ret = c;
        return 0;
}

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(char * const *) a, *(char * const *) b);
}

void strv_sort(char **l) {
        size_t n = strv_length(l);

        if (n > 1)
                qsort(l, n, sizeof(char *), cmp_str);
}

void strv_uniq(char **l) {
        size_t n = strv_length(l), w = 0;

        for (size_t i = 0; i < n; i++) {
                bool dup = false;
                for (size_t j = 0; j < w; j++)
                        if (streq(l[j], l[i])) {
                                dup = true;
                                break;
                        }
                if (dup)
                        free(l[i]);
                else
                        l[w++] = l[i];
        }
        if (l)
                l[w] = NULL;
}

char *strv_join(char * const *l, const char *sep) {
        struct strbuf sb = STRBUF_INIT;
        bool first = true;

        STRV_FOREACH(s, l) {
                if (!first)
                        strbuf_addstr(&sb, sep);
                strbuf_addstr(&sb, *s);
                first = false;
        }
        return strbuf_detach(&sb, NULL);
}

bool strv_equal(char * const *a, char * const *b) {
        size_t i;

        for (i = 0; a && a[i] && b && b[i]; i++)
                if (!streq(a[i], b[i]))
                        return false;
        return (!a || !a[i]) && (!b || !b[i]);
}
