/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/types.h>
#include "macro.h"

typedef uint64_t usec_t;
#define USEC_INFINITY ((usec_t) UINT64_MAX)
#define USEC_PER_SEC ((usec_t) 1000000ULL)
#define USEC_PER_MSEC ((usec_t) 1000ULL)
#define USEC_PER_MINUTE ((usec_t) (60ULL * USEC_PER_SEC))
#define USEC_PER_HOUR ((usec_t) (60ULL * USEC_PER_MINUTE))
#define USEC_PER_DAY ((usec_t) (24ULL * USEC_PER_HOUR))
#define USEC_PER_WEEK ((usec_t) (7ULL * USEC_PER_DAY))
#define USEC_PER_MONTH ((usec_t) (2629800ULL * USEC_PER_SEC))
#define USEC_PER_YEAR ((usec_t) (31557600ULL * USEC_PER_SEC))

/* 1/yes/y/true/t/on -> 1, 0/no/n/false/f/off -> 0 (case-insensitive), else -EINVAL. */
int parse_boolean(const char *s);
/* Unsigned integer in the given base; no sign, no trailing garbage;
 * leading whitespace is refused. -EINVAL, -ERANGE. */
int safe_atou_base(const char *s, unsigned base, unsigned *ret);
int safe_atou64(const char *s, uint64_t *ret);
static inline int safe_atou(const char *s, unsigned *ret) {
        return safe_atou_base(s, 10, ret);
}
/* An octal file mode up to 07777. */
int parse_mode(const char *s, mode_t *ret);
/* A systemd time span ("1min 30s", "2.5h", "infinity"); bare numbers are in
 * default_unit microseconds. */
int parse_time(const char *s, usec_t default_unit, usec_t *ret);
static inline int parse_sec(const char *s, usec_t *ret) {
        return parse_time(s, USEC_PER_SEC, ret);
}
/* Formats like systemd's format_timespan(t, 0), e.g. "1min 30s", "100ms". */
#define FORMAT_TIMESPAN_MAX 64
char *format_timespan(char *buf, size_t l, usec_t t);
