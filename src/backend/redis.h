/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Redis, through hiredis. This directory is the only place that includes
 * <hiredis/hiredis.h>.
 */

/* Connects to host:port (a path starting with '/' is a unix socket) with a
 * timeout for connecting and for the reply, and sends PING. Returns 0 on
 * "PONG"; a negative errno and a message (owned by the caller) otherwise. */
int redis_ping(const char *host, unsigned port, unsigned timeout_ms, char **ret_error);

/* One field of a stream entry: bytes with their length (values may hold
 * any byte; each is also NUL-terminated). */
struct redis_field {
        const char *name;
        size_t name_len;
        const char *value;
        size_t value_len;
};

/* Called for each entry read; a negative return stops the reading and is
 * returned. */
typedef int (*redis_entry_cb)(const char *id, const struct redis_field *fields, size_t n_fields, void *userdata);

struct redis_stream_query {
        const char *host;       /* a path starting with '/' is a unix socket */
        unsigned port;
        unsigned timeout_ms;    /* connecting, and each reply */
        const char *stream;
        const char *start;      /* the first ID to read ("-": the oldest) */
        size_t count;           /* 0: every entry from start on; else the newest count (not before start) */
        size_t batch;           /* entries per XRANGE/XREVRANGE call */
};

/*
 * Reads a stream in batches: XRANGE from start to the end, or XREVRANGE
 * from the end for the newest count entries (then given newest first). The
 * next batch is asked for before the callback sees the current one. The key
 * must exist and be a stream (TYPE). Returns 0, or a negative errno with a
 * message: -ECONNREFUSED (cannot connect), -ETIMEDOUT, -ENOENT (no such
 * key), -EMEDIUMTYPE (not a stream), -EPROTO (an error reply, such as
 * NOAUTH, or a reply that is not a stream's), or the callback's.
 */
int redis_stream_read(const struct redis_stream_query *q, redis_entry_cb cb, void *userdata, char **ret_error);
