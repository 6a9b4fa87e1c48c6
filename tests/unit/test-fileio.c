/* SPDX-License-Identifier: MIT */
#include "fileio.h"
#include "tap.h"
#include "test-helpers.h"

static char *dir;

static int read_rel(const char *rel, size_t max, char **ret, size_t *ret_size, struct stat *st) {
        _cleanup_free_ char *p = th_path(dir, rel);

        return read_full_file(p, max, ret, ret_size, st);
}

TEST(small_file) {
        _cleanup_free_ char *data = NULL;
        size_t n = 0;
        struct stat st = {};

        CHECK_INTEQ(th_write(dir, "small", "hello\n"), 0);
        CHECK_INTEQ(read_rel("small", 100, &data, &n, &st), 0);
        CHECK_STREQ(data, "hello\n");
        CHECK_INTEQ(n, 6);
        CHECK(S_ISREG(st.st_mode));
        CHECK_INTEQ(st.st_size, 6);
}

TEST(empty_file) {
        _cleanup_free_ char *data = NULL;
        size_t n = 99;

        CHECK_INTEQ(th_write(dir, "empty", ""), 0);
        CHECK_INTEQ(read_rel("empty", 0, &data, &n, NULL), 0);
        CHECK_STREQ(data, "");
        CHECK_INTEQ(n, 0);
}

TEST(binary_with_nul) {
        _cleanup_free_ char *data = NULL;
        size_t n = 0;

        CHECK_INTEQ(th_write_n(dir, "bin", "a\0b\0", 4), 0);
        CHECK_INTEQ(read_rel("bin", 4, &data, &n, NULL), 0);
        CHECK_INTEQ(n, 4);
        CHECK(memcmp(data, "a\0b\0", 5) == 0); /* and NUL-terminated */
}

/* The limit: a file of exactly max bytes is read, max + 1 is refused. */
TEST(limit) {
        static const size_t maxes[] = { 0, 1, 100, 4095, 4096, 4097, 8191, 10000, 65536 };

        for (size_t i = 0; i < ELEMENTSOF(maxes); i++) {
                size_t max = maxes[i], n = 0;
                char *data = NULL;

                CHECK_INTEQ(th_write_fill(dir, "exact", 'e', max), 0);
                CHECK_INTEQ(th_write_fill(dir, "over", 'o', max + 1), 0);
                CHECK_INTEQ(read_rel("exact", max, &data, &n, NULL), 0);
                CHECK_INTEQ(n, max);
                CHECK(data && strlen(data) == max);
                free(data);
                data = NULL;
                CHECK_INTEQ(read_rel("over", max, &data, &n, NULL), -EFBIG);
                CHECK(data == NULL);
                /* and the same through a descriptor that cannot be stat()ed for size */
                {
                        _cleanup_free_ char *p = th_path(dir, "over");
                        _cleanup_close_ int fd = open(p, O_RDONLY | O_CLOEXEC);
                        CHECK_INTEQ(read_full_fd(fd, max, &data, &n), -EFBIG);
                        CHECK(data == NULL);
                }
        }
}

/* Through a pipe: the size is unknown until read. */
static int read_pipe(const char *content, size_t len, size_t max, char **ret, size_t *ret_size) {
        int fds[2], r;

        if (pipe(fds) < 0)
                return -errno;
        if (write(fds[1], content, len) != (ssize_t) len) {
                close(fds[0]);
                close(fds[1]);
                return -EIO;
        }
        close(fds[1]);
        r = read_full_fd(fds[0], max, ret, ret_size);
        close(fds[0]);
        return r;
}

TEST(pipe_limit) {
        static const size_t maxes[] = { 0, 1, 4095, 4096, 5000, 20000 };
        char *content = malloc(20001);

        memset(content, 'p', 20001);
        for (size_t i = 0; i < ELEMENTSOF(maxes); i++) {
                size_t max = maxes[i], n = 0;
                char *data = NULL;

                CHECK_INTEQ(read_pipe(content, max, max, &data, &n), 0);
                CHECK_INTEQ(n, max);
                free(data);
                data = NULL;
                CHECK_INTEQ(read_pipe(content, max + 1, max, &data, &n), -EFBIG);
                CHECK(data == NULL);
        }
        free(content);
}

TEST(errors) {
        char *data = NULL;
        size_t n;

        CHECK_INTEQ(read_rel("does-not-exist", 100, &data, &n, NULL), -ENOENT);
        CHECK_INTEQ(th_mkdir_p(dir, "adir"), 0);
        CHECK_INTEQ(read_rel("adir", 100, &data, &n, NULL), -EISDIR);
        CHECK(data == NULL);
}

TEST(size_optional) {
        _cleanup_free_ char *data = NULL;

        CHECK_INTEQ(th_write(dir, "x", "xyz"), 0);
        CHECK_INTEQ(read_rel("x", 3, &data, NULL, NULL), 0);
        CHECK_STREQ(data, "xyz");
}

int main(void) {
        dir = th_mkdtemp();
        if (!dir) {
                printf("Bail out! cannot create a temporary directory\n");
                return 1;
        }
        RUN(small_file);
        RUN(empty_file);
        RUN(binary_with_nul);
        RUN(limit);
        RUN(pipe_limit);
        RUN(errors);
        RUN(size_optional);
        CHECK_INTEQ(th_rm_rf(dir), 0);
        free(dir);
        return tap_done();
}
