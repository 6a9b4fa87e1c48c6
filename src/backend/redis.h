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
