/* SPDX-License-Identifier: MIT */
#include <stdarg.h>

#include "strbuf.h"

int strbuf_grow(struct strbuf *sb, size_t extra) {
        size_t need, n;
        char *p;

        if (sb->oom)
                return -ENOMEM;
        if (extra > SIZE_MAX - sb->len - 1)
                goto oom;
        need = sb->len + extra + 1;
        if (need <= sb->alloc)
                return 0;
        n = sb->alloc ? sb->alloc : 64;
        while (n < need)
                n = n > SIZE_MAX / 2 ? need : n * 2;
        p = realloc(sb->buf, n);
        if (!p)
                goto oom;
        if (!sb->buf)
                p[0] = '\0';
        sb->buf = p;
        sb->alloc = n;
        return 0;
oom:
        sb->oom = true;
        return -ENOMEM;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len) {
        int r;

        r = strbuf_grow(sb, len);
        if (r < 0)
                return r;
        if (len > 0)
                memcpy(sb->buf + sb->len, data, len);
        sb->len += len;
        sb->buf[sb->len] = '\0';
        return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s) {
        return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, char c) {
        return strbuf_add(sb, &c, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) {
        va_list aq;
        int n, r;

        if (sb->oom)
                return -ENOMEM;
        va_copy(aq, ap);
        n = vsnprintf(NULL, 0, fmt, aq);
        va_end(aq);
        if (n < 0)
                return -EINVAL;
        r = strbuf_grow(sb, (size_t) n);
        if (r < 0)
                return r;
        (void) vsnprintf(sb->buf + sb->len, (size_t) n + 1, fmt, ap);
        sb->len += (size_t) n;
        return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...) {
        va_list ap;
        int r;

        va_start(ap, fmt);
        r = strbuf_vaddf(sb, fmt, ap);
        va_end(ap);
        return r;
}

int strbuf_error(const struct strbuf *sb) {
        return sb->oom ? -ENOMEM : 0;
}

void strbuf_reset(struct strbuf *sb) {
        sb->len = 0;
        sb->oom = false;
        if (sb->buf)
                sb->buf[0] = '\0';
}

void strbuf_release(struct strbuf *sb) {
        free(sb->buf);
        *sb = (struct strbuf) STRBUF_INIT;
}

char *strbuf_detach(struct strbuf *sb, size_t *ret_len) {
        char *p;

        if (sb->oom) {
                strbuf_release(sb);
                return NULL;
        }
        if (!sb->buf && strbuf_grow(sb, 0) < 0) {
                strbuf_release(sb);
                return NULL;
        }
        p = sb->buf;
        if (ret_len)
                *ret_len = sb->len;
        *sb = (struct strbuf) STRBUF_INIT;
        return p;
}
