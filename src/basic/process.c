/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "process.h"

int process_capture(const char *const *argv, size_t max, char **ret, size_t *ret_size) {
        int pipefd[2], status, r = 0;
        size_t n = 0, alloc = 65536;
        char *buf;
        pid_t pid;

        if (pipe2(pipefd, O_CLOEXEC) < 0)
                return -errno;
        buf = malloc(alloc);
        if (!buf) {
                close(pipefd[0]);
                close(pipefd[1]);
                return -ENOMEM;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(pipefd[0]);
                close(pipefd[1]);
                free(buf);
                return r;
        }
        if (pid == 0) {
                int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
                if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(pipefd[1], 1) < 0 || dup2(devnull, 2) < 0)
                        _exit(126);
                execvp(argv[0], (char *const *) argv);
                _exit(errno == ENOENT ? 127 : 126);
        }
        close(pipefd[1]);
        for (;;) {
                ssize_t k;

                if (n + 1 >= alloc) {
                        char *nb;
                        if (alloc > max + 1) {
                                r = -EFBIG;
                                break;
                        }
                        nb = realloc(buf, alloc * 2);
                        if (!nb) {
                                r = -ENOMEM;
                                break;
                        }
                        buf = nb;
                        alloc *= 2;
                }
                k = read(pipefd[0], buf + n, alloc - n - 1);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        break;
                }
                if (k == 0)
                        break;
                n += (size_t) k;
                if (n > max) {
                        r = -EFBIG;
                        break;
                }
        }
        close(pipefd[0]);
        if (r < 0)
                (void) kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR) {
                        status = -1;
                        break;
                }
        if (r == 0) {
                if (!WIFEXITED(status))
                        r = -EPROTO;
                else if (WEXITSTATUS(status) == 127)
                        r = -ENOENT;
                else if (WEXITSTATUS(status) != 0)
                        r = -EPROTO;
        }
        if (r < 0) {
                free(buf);
                return r;
        }
        buf[n] = '\0';
        *ret = buf;
        if (ret_size)
                *ret_size = n;
        return 0;
}
