/* SPDX-License-Identifier: MIT */
#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

#include "macro.h"
#include "redis.h"
#include "strbuf.h"

static int fail(char **ret_error, int r, const char *what) {
        if (ret_error) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addstr(&sb, what);
                *ret_error = strbuf_detach(&sb, NULL);
        }
        return r;
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

/* Calls cb for each entry of an XRANGE reply. */
static int deliver(redisReply *reply, redis_entry_cb cb, void *userdata, struct redis_field **fields,
                   size_t *fields_alloc, char **ret_error) {
        if (reply->type != REDIS_REPLY_ARRAY)
                return failf(ret_error, -EPROTO, "Redis: the reply to XRANGE is not a list of entries");
        for (size_t i = 0; i < reply->elements; i++) {
                redisReply *e = reply->element[i], *id, *kv;
                size_t nf;
                int r;

                if (e->type != REDIS_REPLY_ARRAY || e->elements != 2 || e->element[0]->type != REDIS_REPLY_STRING)
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
                        redisReply *k = kv->element[2 * f], *v = kv->element[2 * f + 1];
                        if (k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
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
        reply = NULL;
        if (r < 0)
                goto finish;

        snprintf(next, sizeof(next), "%s", rev ? "+" : q->start);
        want = rev && remaining < batch ? remaining : batch;
        r = append_range(c, q, rev, next, want);
        while (r == 0) {
                void *rp = NULL;
                size_t got;
                bool more;

                if (flush(c) < 0 || redisGetReply(c, &rp) != REDIS_OK)
                        rp = NULL;
                reply = rp;
                r = reply_error(c, reply, rev ? "XREVRANGE" : "XRANGE", ret_error);
                if (r < 0)
                        break;
                if (reply->type != REDIS_REPLY_ARRAY) {
                        r = failf(ret_error, -EPROTO, "Redis: the reply to XRANGE is not a list of entries");
                        break;
                }
                got = reply->elements;
                if (rev)
                        remaining -= got < remaining ? got : remaining;
                more = got > 0 && got == want && (!rev || remaining > 0);
                if (more) {
                        /* ask for the next batch before this one is decoded */
                        redisReply *l = reply->element[got - 1];
                        if (l->type != REDIS_REPLY_ARRAY || l->elements != 2 || l->element[0]->type != REDIS_REPLY_STRING) {
                                r = failf(ret_error, -EPROTO, "Redis: an XRANGE entry is not [ID, fields]");
                                break;
                        }
                        snprintf(next, sizeof(next), "(%s", l->element[0]->str);
                        want = rev && remaining < batch ? remaining : batch;
                        r = append_range(c, q, rev, next, want);
                        if (r < 0)
                                break;
                }
                r = deliver(reply, cb, userdata, &fields, &fields_alloc, ret_error);
                freeReplyObject(reply);
                reply = NULL;
                if (!more)
                        break;
        }
finish:
        if (reply)
                freeReplyObject(reply);
        free(fields);
        redisFree(c);
        return r;
}
