/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A small TAP producer for the unit tests. Each check prints "ok N - name"
 * or "not ok N - name" with the location and the values involved; the test
 * program exits non-zero when any check failed. meson runs every test
 * program with `protocol: 'tap'`.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STREQ(s, "a"); }
 *   int main(void) { RUN(name); return tap_done(); }
 */

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;
static const char *tap_current = "";

static inline void tap_result(int ok, const char *file, int line, const char *expr) {
        tap_n++;
        if (ok)
                printf("ok %d - %s: %s\n", tap_n, tap_current, expr);
        else {
                tap_failed++;
                printf("not ok %d - %s: %s\n#   at %s:%d\n", tap_n, tap_current, expr, file, line);
        }
}

#define CHECK(e) tap_result(!!(e), __FILE__, __LINE__, #e)

#define CHECK_STREQ(a, b)                                                                         \
        do {                                                                                      \
                const char *_a = (a), *_b = (b);                                                  \
                int _ok = (_a && _b) ? strcmp(_a, _b) == 0 : _a == _b;                            \
                tap_result(_ok, __FILE__, __LINE__, #a " == " #b);                                \
                if (!_ok)                                                                         \
                        printf("#   got:      \"%s\"\n#   expected: \"%s\"\n", _a ? _a : "(null)", \
                               _b ? _b : "(null)");                                               \
        } while (0)

#define CHECK_INTEQ(a, b)                                                                         \
        do {                                                                                      \
                long long _a = (long long) (a), _b = (long long) (b);                             \
                tap_result(_a == _b, __FILE__, __LINE__, #a " == " #b);                           \
                if (_a != _b)                                                                     \
                        printf("#   got: %lld  expected: %lld\n", _a, _b);                        \
        } while (0)

#define TEST(name) static void test_##name(void)
#define RUN(name)                          \
        do {                               \
                tap_current = #name;       \
                test_##name();             \
        } while (0)

static inline int tap_done(void) {
        printf("1..%d\n", tap_n);
        return tap_failed ? 1 : 0;
}
