/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "process.h"
#include "strbuf.h"

extern char **environ;

/* In the child, before exec: only async-signal-safe calls. The environment
 * is filtered in place (the child's copy of it). */
static void unset_env(const char *const *prefixes) {
        size_t j = 0;

        if (!prefixes || !environ)
                return;
        for (size_t i = 0; environ[i]; i++) {
                bool drop = false;
                for (const char *const *p = prefixes; *p; p++)
                        if (strncmp(environ[i], *p, strlen(*p)) == 0)
                                drop = true;
                if (!drop)
                        environ[j++] = environ[i];
        }
        environ[j] = NULL;
}

/* The first non-empty line of what the child wrote to standard error. */
static char *first_line(int fd) {
        char b[512];
        ssize_t k;
        size_t s, e;

        if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0)
                return NULL;
        k = pread(fd, b, sizeof(b) - 1, 0);
        if (k <= 0)
                return NULL;
        b[k] = '\0';
        for (s = 0; b[s] == '\n' || b[s] == '\r' || b[s] == ' '; s++)
                ;
        for (e = s; b[e] && b[e] != '\n' && b[e] != '\r'; e++)
                if ((unsigned char) b[e] < ' ')
                        b[e] = ' ';
        return e > s ? strndup(b + s, e - s) : NULL;
}

static void set_error(char **ret_error, const char *prog, int status, int errfd) {
        struct strbuf sb = STRBUF_INIT;
        _cleanup_free_ char *line = NULL;

        if (!ret_error)
                return;
        if (status == -1)
                strbuf_addf(&sb, "%s could not be waited for", prog);
        else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
                strbuf_addf(&sb, "%s could not be run (not installed?)", prog);
        else if (WIFEXITED(status))
                strbuf_addf(&sb, "%s exited with status %d", prog, WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
                strbuf_addf(&sb, "%s was killed by signal %d", prog, WTERMSIG(status));
        line = first_line(errfd);
        if (line)
                strbuf_addf(&sb, ": %s", line);
        *ret_error = strbuf_detach(&sb, NULL);
}

int process_capture(const char *const *argv, const char *const *unset_prefixes, size_t max, char **ret,
                    size_t *ret_size, char **ret_error) {
        int pipefd[2], status, r = 0, errfd;
        size_t n = 0, alloc = 65536;
        char *buf;
        pid_t pid;

        if (ret_error)
                *ret_error = NULL;
        if (pipe2(pipefd, O_CLOEXEC) < 0)
                return -errno;
        /* standard error goes to an anonymous file, read after the child exits
         * (a second pipe could fill up while we read the first) */
        errfd = memfd_create("goldctl-stderr", MFD_CLOEXEC);
        buf = malloc(alloc);
        if (!buf) {
                close(pipefd[0]);
                close(pipefd[1]);
                if (errfd >= 0)
                        close(errfd);
                return -ENOMEM;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(pipefd[0]);
                close(pipefd[1]);
                if (errfd >= 0)
                        close(errfd);
                free(buf);
                return r;
        }
        if (pid == 0) {
                int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
                if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(pipefd[1], 1) < 0 ||
                    dup2(errfd >= 0 ? errfd : devnull, 2) < 0)
                        _exit(126);
                unset_env(unset_prefixes);
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
                if (status == -1 || !WIFEXITED(status))
                        r = -EPROTO;
                else if (WEXITSTATUS(status) == 127)
                        r = -ENOENT;
                else if (WEXITSTATUS(status) != 0)
                        r = -EPROTO;
                if (r < 0)
                        set_error(ret_error, argv[0], status, errfd);
        } else if (ret_error && r == -EFBIG) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s printed more than %zu bytes", argv[0], max);
                *ret_error = strbuf_detach(&sb, NULL);
        }
        if (errfd >= 0)
                close(errfd);
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
