/* SPDX-License-Identifier: MIT */
#include <stdarg.h>

#include "log.h"

static const char *program = "goldctl";

void log_set_program_name(const char *name) {
        program = name;
}

const char *log_program_name(void) {
        return program;
}

_printf_(1, 0)
static void vlog(const char *fmt, va_list ap, int err) {
        fprintf(stderr, "%s: ", program);
        vfprintf(stderr, fmt, ap);
        if (err != 0)
                fprintf(stderr, ": %s", strerror(err));
        fputc('\n', stderr);
}

void log_error(const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        vlog(fmt, ap, 0);
        va_end(ap);
}

void log_warning(const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        fprintf(stderr, "%s: warning: ", program);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
}

int log_error_errno(int r, const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        vlog(fmt, ap, r < 0 ? -r : r);
        va_end(ap);
        return r < 0 ? r : -r;
}

bool use_color(FILE *f) {
        const char *t;

        t = getenv("NO_COLOR");
        if (t && *t) /* no-color.org: present and not empty */
                return false;
        t = getenv("TERM");
        if (t && streq(t, "dumb"))
                return false;
        return isatty(fileno(f)) == 1;
}
