/* SPDX-License-Identifier: MIT */
#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

#include "macro.h"
#include "redis.h"
#include "strbuf.h"

static int failf(char **ret_error, int r, const char *fmt, ...) _printf_(3, 4);
static int failf(char **ret_error, int r, const char *fmt, ...) {
        if (ret_error) {
                struct strbuf sb = STRBUF_INIT;
                va_list ap;
                va_start(ap, fmt);
                strbuf_vaddf(&sb, fmt, ap);
                va_end(ap);
                *ret_error = strbuf_detach(&sb, NULL);
        }
        return r;
}

static int fail(char **ret_error, int r, const char *what) {
        return failf(ret_error, r, "%s", what);
}

int redis_ping(const char *host, unsigned port, unsigned timeout_ms, char **ret_error) {
        struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
        redisContext *c;
        redisReply *reply;
        int r = 0;

        if (ret_error)
                *ret_error = NULL;
        c = host[0] == '/' ? redisConnectUnixWithTimeout(host, tv) : redisConnectWithTimeout(host, (int) port, tv);
        if (!c)
                return fail(ret_error, -ENOMEM, "out of memory");
        if (c->err) {
                r = fail(ret_error, -ECONNREFUSED, c->errstr);
                redisFree(c);
                return r;
        }
        if (redisSetTimeout(c, tv) != REDIS_OK) {
                r = fail(ret_error, -EIO, c->errstr);
                redisFree(c);
                return r;
        }
        reply = redisCommand(c, "PING");
        if (!reply)
                r = fail(ret_error, -EIO, c->err ? c->errstr : "no reply");
        else if (reply->type == REDIS_REPLY_ERROR)
                r = fail(ret_error, -EPROTO, reply->str ? reply->str : "error reply");
        else if (!(reply->type == REDIS_REPLY_STATUS && reply->str && streq(reply->str, "PONG")))
                r = fail(ret_error, -EPROTO, "the reply to PING is not PONG");
        if (reply)
                freeReplyObject(reply);
        redisFree(c);
        return r;
}


static int connect_to(const struct redis_stream_query *q, redisContext **ret, char **ret_error) {
        struct timeval tv = { .tv_sec = q->timeout_ms / 1000, .tv_usec = (q->timeout_ms % 1000) * 1000 };
        redisContext *c;

        c = q->host[0] == '/' ? redisConnectUnixWithTimeout(q->host, tv)
                              : redisConnectWithTimeout(q->host, (int) q->port, tv);
        if (!c)
                return fail(ret_error, -ENOMEM, "out of memory");
        if (c->err) {
                int r = failf(ret_error, -ECONNREFUSED,
                              "cannot connect to Redis at %s%s%u: %s", q->host, q->host[0] == '/' ? "" : ":",
                              q->host[0] == '/' ? 0 : q->port, c->errstr);
                redisFree(c);
                return r;
        }
        if (redisSetTimeout(c, tv) != REDIS_OK) {
                int r = failf(ret_error, -EIO, "Redis: %s", c->errstr);
                redisFree(c);
                return r;
        }
        *ret = c;
        return 0;
}

static int reply_error(redisContext *c, redisReply *reply, const char *what, char **ret_error) {
        if (!reply)
                return failf(ret_error, c->err == REDIS_ERR_IO && (errno == EAGAIN || errno == ETIMEDOUT) ? -ETIMEDOUT : -EIO,
                             "Redis %s: %s", what, c->err ? c->errstr : "no reply");
        if (reply->type == REDIS_REPLY_ERROR)
                return failf(ret_error, -EPROTO, "Redis %s: %s", what, reply->str ? reply->str : "error reply");
        return 0;
}

/* Sends what hiredis has buffered, so Redis works on it while we decode. */
static int flush(redisContext *c) {
        int done = 0;

        while (!done)
                if (redisBufferWrite(c, &done) != REDIS_OK)
                        return -EIO;
        return 0;
}

static int append_range(redisContext *c, const struct redis_stream_query *q, bool rev, const char *from, size_t n) {
        char count[32];

        snprintf(count, sizeof(count), "%zu", n);
        if (rev)
                return redisAppendCommand(c, "XREVRANGE %s %s %s COUNT %s", q->stream, from, q->start, count) == REDIS_OK
                               ? 0 : -ENOMEM;
        return redisAppendCommand(c, "XRANGE %s %s + COUNT %s", q->stream, from, count) == REDIS_OK ? 0 : -ENOMEM;
}

/*
 * The replies to XRANGE are built in an arena, not with a malloc() per
 * field as hiredis does by default: a batch of a thousand entries is some
 * 25,000 strings. The arena is reset before each reply is read (the one
 * before it has been handed to the callback by then).
 */
struct rnode {
        int type;               /* REDIS_REPLY_* */
        size_t len;
        char *str;
        size_t elements;
        struct rnode **element;
};

struct arena_chunk {
        struct arena_chunk *next;
        size_t size, used;
        max_align_t data[];
};

static struct arena {
        struct arena_chunk *first, *cur;
        bool oom;
} arena;

static void *arena_alloc(size_t n) {
        struct arena_chunk *c = arena.cur;

        n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
        while (c && c->size - c->used < n) {
                /* the next chunk, reused from an earlier reply, or a new one */
                if (!c->next) {
                        size_t size = n > (size_t) 4 << 20 ? n : (size_t) 4 << 20;
                        struct arena_chunk *nc = malloc(sizeof(*nc) + size);
                        if (!nc) {
                                arena.oom = true;
                                return NULL;
                        }
                        *nc = (struct arena_chunk) { .size = size };
                        c->next = nc;
                }
                c = c->next;
                c->used = 0;
        }
        if (!c) {
                size_t size = n > (size_t) 4 << 20 ? n : (size_t) 4 << 20;
                c = malloc(sizeof(*c) + size);
                if (!c) {
                        arena.oom = true;
                        return NULL;
                }
                *c = (struct arena_chunk) { .size = size };
                arena.first = c;
        }
        arena.cur = c;
        c->used += n;
        return (char *) c->data + c->used - n;
}

static void arena_reset(void) {
        arena.cur = arena.first;
        if (arena.first)
                arena.first->used = 0;
        arena.oom = false;
}

static void arena_free(void) {
        for (struct arena_chunk *c = arena.first, *n; c; c = n) {
                n = c->next;
                free(c);
        }
        arena = (struct arena) {};
}

static void *attach(const redisReadTask *task, struct rnode *n) {
        if (n && task->parent) {
                struct rnode *parent = task->parent->obj;
                parent->element[task->idx] = n;
        }
        return n;
}

static void *arena_string(const redisReadTask *task, char *str, size_t len) {
        struct rnode *n = arena_alloc(sizeof(*n) + len + 1);

        if (!n)
                return NULL;
        *n = (struct rnode) { .type = task->type, .len = len, .str = (char *) (n + 1) };
        memcpy(n->str, str, len);
        n->str[len] = '\0';
        return attach(task, n);
}

static void *arena_array(const redisReadTask *task, int elements) {
        size_t e = elements > 0 ? (size_t) elements : 0;
        struct rnode *n = arena_alloc(sizeof(*n) + e * sizeof(struct rnode *));

        if (!n)
                return NULL;
        *n = (struct rnode) { .type = REDIS_REPLY_ARRAY, .elements = e, .element = (struct rnode **) (n + 1) };
        memset(n->element, 0, e * sizeof(struct rnode *));
        return attach(task, n);
}

static void *arena_integer(const redisReadTask *task, long long v) {
        struct rnode *n = arena_alloc(sizeof(*n));

        (void) v;       /* no integer in an XRANGE reply is used */
        if (!n)
                return NULL;
        *n = (struct rnode) { .type = REDIS_REPLY_INTEGER };
        return attach(task, n);
}

static void *arena_nil(const redisReadTask *task) {
        struct rnode *n = arena_alloc(sizeof(*n));

        if (!n)
                return NULL;
        *n = (struct rnode) { .type = REDIS_REPLY_NIL };
        return attach(task, n);
}

static void arena_free_object(void *o) {
        (void) o;       /* freed with the arena */
}

static redisReplyObjectFunctions arena_functions = {
        arena_string, arena_array, arena_integer, arena_nil, arena_free_object,
};

static bool is_entry(const struct rnode *e) {
        return e && e->type == REDIS_REPLY_ARRAY && e->elements == 2 && e->element[0] &&
               e->element[0]->type == REDIS_REPLY_STRING && e->element[1];
}

/* Calls cb for each entry of an XRANGE reply. */
static int deliver(const struct rnode *reply, redis_entry_cb cb, void *userdata, struct redis_field **fields,
                   size_t *fields_alloc, char **ret_error) {
        for (size_t i = 0; i < reply->elements; i++) {
                const struct rnode *e = reply->element[i], *id, *kv;
                size_t nf;
                int r;

                if (!is_entry(e))
                        return failf(ret_error, -EPROTO, "Redis: an XRANGE entry is not [ID, fields]");
                id = e->element[0];
                kv = e->element[1];
                /* an entry without fields (a deleted one, in old versions) is NIL */
                if (kv->type != REDIS_REPLY_ARRAY && kv->type != REDIS_REPLY_NIL)
                        return failf(ret_error, -EPROTO, "Redis: entry %s has no field list", id->str);
                nf = kv->type == REDIS_REPLY_ARRAY ? kv->elements / 2 : 0;
                if (nf > *fields_alloc) {
                        struct redis_field *n = reallocarray(*fields, nf, sizeof(**fields));
                        if (!n)
                                return fail(ret_error, -ENOMEM, "out of memory");
                        *fields = n;
                        *fields_alloc = nf;
                }
                for (size_t f = 0; f < nf; f++) {
                        const struct rnode *k = kv->element[2 * f], *v = kv->element[2 * f + 1];
                        if (!k || !v || k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
                                return failf(ret_error, -EPROTO, "Redis: entry %s has a field that is not a string", id->str);
                        (*fields)[f] = (struct redis_field) { k->str, k->len, v->str, v->len };
                }
                r = cb(id->str, *fields, nf, userdata);
                if (r < 0)
                        return r;
        }
        return 0;
}

int redis_stream_read(const struct redis_stream_query *q, redis_entry_cb cb, void *userdata, char **ret_error) {
        struct redis_field *fields = NULL;
        size_t fields_alloc = 0, remaining = q->count, batch = q->batch ? q->batch : 1000, want;
        bool rev = q->count > 0;
        redisContext *c = NULL;
        redisReply *reply = NULL;
        char next[160];
        int r;

        if (ret_error)
                *ret_error = NULL;
        r = connect_to(q, &c, ret_error);
        if (r < 0)
                return r;
        reply = redisCommand(c, "TYPE %s", q->stream);
        r = reply_error(c, reply, "TYPE", ret_error);
        if (r == 0 && (reply->type != REDIS_REPLY_STATUS || !reply->str))
                r = failf(ret_error, -EPROTO, "Redis: the reply to TYPE is not a type");
        if (r == 0 && streq(reply->str, "none"))
                r = failf(ret_error, -ENOENT, "Redis has no key %s: the stream does not exist", q->stream);
        if (r == 0 && !streq(reply->str, "stream"))
                r = failf(ret_error, -EMEDIUMTYPE, "Redis key %s is a %s, not a stream", q->stream, reply->str);
        if (reply)
                freeReplyObject(reply);
        if (r < 0) {
                redisFree(c);
                return r;
        }

        c->reader->fn = &arena_functions;
        snprintf(next, sizeof(next), "%s", rev ? "+" : q->start);
        want = rev && remaining < batch ? remaining : batch;
        r = append_range(c, q, rev, next, want);
        while (r == 0) {
                void *rp = NULL;
                struct rnode *rn;
                size_t got;
                bool more;

                arena_reset();
                if (flush(c) < 0 || redisGetReply(c, &rp) != REDIS_OK)
                        rp = NULL;
                rn = rp;
                if (!rn) {
                        r = arena.oom ? fail(ret_error, -ENOMEM, "out of memory")
                                      : failf(ret_error, c->err == REDIS_ERR_IO && (errno == EAGAIN || errno == ETIMEDOUT)
                                                      ? -ETIMEDOUT : -EIO,
                                              "Redis %s: %s", rev ? "XREVRANGE" : "XRANGE", c->err ? c->errstr : "no reply");
                        break;
                }
                if (rn->type == REDIS_REPLY_ERROR) {
                        r = failf(ret_error, -EPROTO, "Redis %s: %s", rev ? "XREVRANGE" : "XRANGE", rn->str);
                        break;
                }
                if (rn->type != REDIS_REPLY_ARRAY) {
                        r = failf(ret_error, -EPROTO, "Redis: the reply to XRANGE is not a list of entries");
                        break;
                }
                got = rn->elements;
                if (rev)
                        remaining -= got < remaining ? got : remaining;
                more = got > 0 && got == want && (!rev || remaining > 0);
                if (more) {
                        /* ask for the next batch before this one is decoded */
                        const struct rnode *l = rn->element[got - 1];
                        if (!is_entry(l)) {
                                r = failf(ret_error, -EPROTO, "Redis: an XRANGE entry is not [ID, fields]");
                                break;
                        }
                        snprintf(next, sizeof(next), "(%s", l->element[0]->str);
                        want = rev && remaining < batch ? remaining : batch;
                        r = append_range(c, q, rev, next, want);
                        if (r < 0)
                                break;
                }
                r = deliver(rn, cb, userdata, &fields, &fields_alloc, ret_error);
                if (!more)
                        break;
        }
        /* a reply left half-read is the arena's: hiredis frees it with the arena's (no-op) function */
        redisFree(c);
        arena_free();
        free(fields);
        return r;
}
