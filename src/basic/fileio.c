/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <sys/stat.h>

#include "fileio.h"

int read_full_fd(int fd, size_t max, char **ret, size_t *ret_size) {
        size_t alloc = 4096, n = 0;
        char *buf = malloc(alloc);

        if (!buf)
                return -ENOMEM;
        for (;;) {
                ssize_t k;

                if (n + 1 >= alloc) {
                        size_t na = alloc * 2;
                        char *p;

                        if (na > max + 2)
                                na = max + 2;
                        if (na <= n + 1) {
                                free(buf);
                                return -EFBIG;
                        }
                        p = realloc(buf, na);
                        if (!p) {
                                free(buf);
                                return -ENOMEM;
                        }
                        buf = p;
                        alloc = na;
                }
                k = read(fd, buf + n, alloc - n - 1);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        int e = errno;
                        free(buf);
                        return -e;
                }
                if (k == 0)
                        break;
                n += (size_t) k;
                if (n > max) {
                        free(buf);
                        return -EFBIG;
                }
        }
        buf[n] = '\0';
        *ret = buf;
        if (ret_size)
                *ret_size = n;
        return 0;
}

int read_full_file(const char *path, size_t max, char **ret, size_t *ret_size, struct stat *ret_st) {
        _cleanup_close_ int fd = -1;
        struct stat st;

        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (S_ISREG(st.st_mode) && (uint64_t) st.st_size > max)
                return -EFBIG;
        if (ret_st)
                *ret_st = st;
        return read_full_fd(fd, max, ret, ret_size);
}
