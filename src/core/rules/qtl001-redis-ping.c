/* SPDX-License-Identifier: MIT */
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        _cleanup_free_ char *err = NULL;
        int q;

        if (!a->o->live || !a->o->live->redis_ping)
                return 0;
        q = a->o->live->redis_ping(a->c->redis_host, a->c->redis_port, 500, &err);
        if (q == -ENOMEM)
                return q;
        if (q >= 0)
                return 0;
        if (a->c->redis_host[0] == '/')
                return audit_add(a, r, NULL, 0, a->c->redis_unit, "Redis at %s does not answer PING: %s",
                                 a->c->redis_host, err ? err : strerror(-q));
        return audit_add(a, r, NULL, 0, a->c->redis_unit, "Redis at %s:%u does not answer PING: %s", a->c->redis_host,
                         a->c->redis_port, err ? err : strerror(-q));
}

static const struct rule rule = {
        .id = "QTL001",
        .name = "redis-ping",
        .severity = SEVERITY_ERROR,
        .family = "live",
        .seed = "001 E (Check Redis), H check 7",
        .summary = "Redis does not answer PING at the contract's host and port",
        .rationale = "Every service and the quality gate need Redis; without it they loop or fail.",
        .fix = "systemctl status redis-server; journalctl -u redis-server; check bind and port in /etc/redis/redis.conf.",
        .live = true,
        .check = check,
};
RULE_REGISTER(rule);
