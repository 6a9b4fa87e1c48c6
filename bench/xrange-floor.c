/* SPDX-License-Identifier: MIT */
/*
 * xrange-floor SOCKET|HOST:PORT STREAM [BATCH]: reads every entry of a
 * Redis stream with XRANGE, BATCH entries per call (default 1000), each
 * next call starting after the last ID, and does nothing else with them:
 * the floor of what a gate over the stream can take. Prints the number of
 * entries and of payload bytes read. Exit 1 on any error.
 */
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
        unsigned long long entries = 0, bytes = 0;
        char start[160] = "-";
        redisContext *c;
        long batch;

        if (argc < 3 || argc > 4) {
                fprintf(stderr, "usage: xrange-floor SOCKET|HOST:PORT STREAM [BATCH]\n");
                return 1;
        }
        batch = argc == 4 ? strtol(argv[3], NULL, 10) : 1000;
        if (batch <= 0) {
                fprintf(stderr, "xrange-floor: bad batch\n");
                return 1;
        }
        if (argv[1][0] == '/')
                c = redisConnectUnix(argv[1]);
        else {
                char *host = strdup(argv[1]), *colon = strrchr(host, ':');
                if (!colon) {
                        fprintf(stderr, "xrange-floor: HOST:PORT\n");
                        return 1;
                }
                *colon = '\0';
                c = redisConnect(host, atoi(colon + 1));
                free(host);
        }
        if (!c || c->err) {
                fprintf(stderr, "xrange-floor: %s\n", c ? c->errstr : "out of memory");
                return 1;
        }
        for (;;) {
                redisReply *r = redisCommand(c, "XRANGE %s %s + COUNT %ld", argv[2], start, batch);
                size_t n;

                if (!r || r->type != REDIS_REPLY_ARRAY) {
                        fprintf(stderr, "xrange-floor: %s\n", r && r->str ? r->str : c->errstr);
                        return 1;
                }
                n = r->elements;
                for (size_t i = 0; i < n; i++) {
                        redisReply *kv = r->element[i]->element[1];
                        for (size_t k = 1; k < kv->elements; k += 2)
                                bytes += kv->element[k]->len;
                }
                entries += n;
                if (n > 0)
                        snprintf(start, sizeof(start), "(%s", r->element[n - 1]->element[0]->str);
                freeReplyObject(r);
                if ((long) n < batch)
                        break;
        }
        redisFree(c);
        printf("%llu entries, %llu bytes of values\n", entries, bytes);
        return 0;
}
