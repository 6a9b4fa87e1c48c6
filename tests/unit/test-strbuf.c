/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "tap.h"

TEST(init_is_empty) {
        struct strbuf sb = STRBUF_INIT;

        CHECK(sb.buf == NULL);
        CHECK_INTEQ(sb.len, 0);
        CHECK_STREQ(strbuf_str(&sb), "");
        CHECK_INTEQ(strbuf_error(&sb), 0);
        strbuf_release(&sb);
        CHECK(sb.buf == NULL);
}

TEST(add_keeps_nul_terminated) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        CHECK_INTEQ(strbuf_addstr(&sb, "abc"), 0);
        CHECK_INTEQ(sb.len, 3);
        CHECK_INTEQ(sb.buf[3], '\0');
        CHECK_INTEQ(strbuf_addch(&sb, 'd'), 0);
        CHECK_INTEQ(strbuf_add(&sb, "efgh", 2), 0);
        CHECK_STREQ(strbuf_str(&sb), "abcdef");
        CHECK_INTEQ(sb.len, 6);
        CHECK(sb.alloc > sb.len);
        /* adding nothing still leaves a valid string */
        CHECK_INTEQ(strbuf_add(&sb, "", 0), 0);
        CHECK_STREQ(strbuf_str(&sb), "abcdef");
}

TEST(add_embedded_nul) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        CHECK_INTEQ(strbuf_add(&sb, "a\0b", 3), 0);
        CHECK_INTEQ(sb.len, 3);
        CHECK(memcmp(sb.buf, "a\0b", 4) == 0);
}

TEST(addf) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        CHECK_INTEQ(strbuf_addf(&sb, "%s=%d", "x", 42), 0);
        CHECK_INTEQ(strbuf_addf(&sb, "%s", ""), 0);
        CHECK_INTEQ(strbuf_addf(&sb, ";%05u", 7u), 0);
        CHECK_STREQ(strbuf_str(&sb), "x=42;00007");
        CHECK_INTEQ(sb.len, 10);
}

TEST(growth_across_many_reallocations) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
        bool ok = true;

        /* well past the initial allocation, crossing every power of two */
        for (size_t i = 0; i < 100000; i++)
                if (strbuf_addch(&sb, (char) ('a' + i % 26)) < 0)
                        ok = false;
        CHECK(ok);
        CHECK_INTEQ(sb.len, 100000);
        CHECK_INTEQ(strlen(sb.buf), 100000);
        CHECK_INTEQ(sb.buf[99999], 'a' + 99999 % 26);
        CHECK(sb.alloc >= 100001);
}

TEST(grow_reserves_room) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        CHECK_INTEQ(strbuf_grow(&sb, 1000), 0);
        CHECK(sb.alloc >= 1001);
        CHECK_STREQ(strbuf_str(&sb), "");
        CHECK_INTEQ(sb.len, 0);
}

TEST(grow_overflow_is_sticky_oom) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        CHECK_INTEQ(strbuf_addstr(&sb, "x"), 0);
        /* len + extra + 1 would wrap around */
        CHECK_INTEQ(strbuf_grow(&sb, SIZE_MAX), -ENOMEM);
        CHECK_INTEQ(strbuf_error(&sb), -ENOMEM);
        /* sticky: later additions fail and change nothing */
        CHECK_INTEQ(strbuf_addstr(&sb, "y"), -ENOMEM);
        CHECK_INTEQ(strbuf_addf(&sb, "%d", 1), -ENOMEM);
        CHECK_INTEQ(sb.len, 1);
        CHECK_STREQ(strbuf_str(&sb), "x");
        /* detach refuses and releases */
        CHECK(strbuf_detach(&sb, NULL) == NULL);
        CHECK(sb.buf == NULL);
        CHECK_INTEQ(sb.len, 0);
}

TEST(grow_one_past_representable) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

        /* With len bytes used, the most a request may ask for is
         * SIZE_MAX - len - 1 (room for the NUL); one more is refused as
         * out of memory before anything is allocated. */
        CHECK_INTEQ(strbuf_addstr(&sb, "abc"), 0);
        CHECK_INTEQ(strbuf_grow(&sb, SIZE_MAX - 3), -ENOMEM);
        CHECK(sb.oom);
        CHECK_INTEQ(sb.len, 3);
}

TEST(reset_clears_error_and_keeps_memory) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
        char *before;

        strbuf_addstr(&sb, "hello");
        before = sb.buf;
        strbuf_reset(&sb);
        CHECK_INTEQ(sb.len, 0);
        CHECK_STREQ(strbuf_str(&sb), "");
        CHECK(sb.buf == before);
        (void) strbuf_grow(&sb, SIZE_MAX);
        CHECK_INTEQ(strbuf_error(&sb), -ENOMEM);
        strbuf_reset(&sb);
        CHECK_INTEQ(strbuf_error(&sb), 0);
        CHECK_INTEQ(strbuf_addstr(&sb, "ok"), 0);
        CHECK_STREQ(strbuf_str(&sb), "ok");
}

TEST(reset_of_empty_buffer) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_reset(&sb);
        CHECK(sb.buf == NULL);
        CHECK_STREQ(strbuf_str(&sb), "");
        strbuf_release(&sb);
}

TEST(detach) {
        struct strbuf sb = STRBUF_INIT;
        size_t n = 99;
        char *s;

        strbuf_addstr(&sb, "abc");
        s = strbuf_detach(&sb, &n);
        CHECK_STREQ(s, "abc");
        CHECK_INTEQ(n, 3);
        CHECK(sb.buf == NULL);
        CHECK_INTEQ(sb.len, 0);
        CHECK_INTEQ(sb.alloc, 0);
        free(s);

        /* an empty buffer gives an allocated "" */
        s = strbuf_detach(&sb, &n);
        CHECK(s != NULL);
        CHECK_STREQ(s, "");
        CHECK_INTEQ(n, 0);
        free(s);

        /* the buffer is usable again after detaching */
        CHECK_INTEQ(strbuf_addstr(&sb, "again"), 0);
        s = strbuf_detach(&sb, NULL);
        CHECK_STREQ(s, "again");
        free(s);
}

TEST(release_twice) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "x");
        strbuf_release(&sb);
        strbuf_release(&sb);
        CHECK(sb.buf == NULL);
        CHECK_INTEQ(sb.alloc, 0);
        CHECK(!sb.oom);
}

int main(void) {
        RUN(init_is_empty);
        RUN(add_keeps_nul_terminated);
        RUN(add_embedded_nul);
        RUN(addf);
        RUN(growth_across_many_reallocations);
        RUN(grow_reserves_room);
        RUN(grow_overflow_is_sticky_oom);
        RUN(grow_one_past_representable);
        RUN(reset_clears_error_and_keeps_memory);
        RUN(reset_of_empty_buffer);
        RUN(detach);
        RUN(release_twice);
        return tap_done();
}
