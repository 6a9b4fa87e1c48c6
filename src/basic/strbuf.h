/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdarg.h>
#include "macro.h"

/*
 * A growable byte buffer.
 *
 * Invariants: `buf` is NULL or points to `alloc` bytes; when it is not NULL,
 * buf[len] == '\0', so buf is always a valid C string of the bytes added so
 * far (bytes added may themselves contain NUL). A buffer starts as
 * STRBUF_INIT and owns its memory until strbuf_detach() hands it to the
 * caller or strbuf_release() frees it.
 *
 * Errors are sticky: when an allocation fails, `oom` is set, later additions
 * do nothing, and every function returns -ENOMEM from then on. A caller that
 * adds many pieces may check only once, at the end, with strbuf_error().
 */
struct strbuf {
        char *buf;
        size_t len;
        size_t alloc;
        bool oom;
};

#define STRBUF_INIT { NULL, 0, 0, false }

/* Makes room for at least `extra` more bytes plus the terminating NUL. */
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) _printf_(2, 3);
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) _printf_(2, 0);
/* -ENOMEM when any earlier addition failed, else 0. */
int strbuf_error(const struct strbuf *sb);
/* Empties the buffer, keeping its memory (and clearing a sticky error). */
void strbuf_reset(struct strbuf *sb);
/* Frees the memory; the buffer is STRBUF_INIT again. */
void strbuf_release(struct strbuf *sb);
/*
 * Hands the string to the caller (who frees it) and resets the buffer.
 * Returns NULL when an earlier addition failed or memory runs out; an empty
 * buffer gives an allocated "".
 */
char *strbuf_detach(struct strbuf *sb, size_t *ret_len);
/* The contents, or "" when nothing was added. */
static inline const char *strbuf_str(const struct strbuf *sb) {
        return sb->buf ? sb->buf : "";
}

static inline void strbuf_releasep(struct strbuf *sb) {
        strbuf_release(sb);
}
#define _cleanup_strbuf_ _cleanup_(strbuf_releasep)
