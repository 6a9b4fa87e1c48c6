/* SPDX-License-Identifier: MIT */
#include <hiredis/hiredis.h>
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
