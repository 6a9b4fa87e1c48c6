/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <sys/stat.h>

#include "fileio.h"
#include "path-util.h"
#include "strbuf.h"

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

int write_file_atomic(const char *path, const void *data, size_t size, mode_t mode, const char **ret_step) {
        _cleanup_free_ char *dir = path_dirname(path), *tmp = NULL;
        struct strbuf sb = STRBUF_INIT;
        const char *step = "create";
        int fd = -1, dfd = -1, r;

        if (!dir)
                return -ENOMEM;
        strbuf_addf(&sb, "%s/.#%s.XXXXXX", dir, path_basename(path));
        tmp = strbuf_detach(&sb, NULL);
        if (!tmp)
                return -ENOMEM;
        fd = mkostemp(tmp, O_CLOEXEC);
        if (fd < 0) {
                r = -errno;
                goto fail_notmp;
        }
        if (fchmod(fd, mode) < 0) {
                r = -errno;
                goto fail;
        }
        step = "write";
        for (size_t done = 0; done < size;) {
                ssize_t k = write(fd, (const char *) data + done, size - done);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        goto fail;
                }
                done += (size_t) k;
        }
        step = "fsync";
        if (fsync(fd) < 0) {
                r = -errno;
                goto fail;
        }
        if (close(fd) < 0) {
                fd = -1;
                r = -errno;
                goto fail;
        }
        fd = -1;
        step = "rename";
        if (rename(tmp, path) < 0) {
                r = -errno;
                goto fail;
        }
        step = "fsync-dir";
        dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0 || fsync(dfd) < 0) {
                r = -errno;
                if (dfd >= 0)
                        close(dfd);
                /* the new file is in place; only its durability is in doubt */
                if (ret_step)
                        *ret_step = step;
                return r;
        }
        close(dfd);
        return 0;
fail:
        if (fd >= 0)
                close(fd);
        (void) unlink(tmp);
fail_notmp:
        if (ret_step)
                *ret_step = step;
        return r;
}
