/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>

#include "hashmap.h"
#include "rules-util.h"

/* Whether `later` is ordered after `earlier`, directly or through other
 * units' After=/Before= (breadth first, bounded by the loaded units). */
static int ordered_after(struct audit *a, const struct unit *later, const char *earlier, bool *ret) {
        struct hashmap seen = HASHMAP_INIT;
        const struct unit **queue = calloc(a->loader.n_all + 1, sizeof(*queue));
        size_t head = 0, tail = 0;
        int q = 0;

        *ret = false;
        if (!queue)
                return -ENOMEM;
        queue[tail++] = later;
        if (hashmap_put(&seen, later->id, (void *) later) < 0)
                q = -ENOMEM;
        while (q >= 0 && head < tail && !*ret) {
                const struct unit *u = queue[head++];
                for (size_t j = 0; j < u->deps[UNIT_AFTER].n; j++) {
                        const char *n = u->deps[UNIT_AFTER].items[j].name;
                        struct unit *t;

                        if (streq(n, earlier)) {
                                *ret = true;
                                break;
                        }
                        t = unit_loader_get(&a->loader, n);
                        if (!t || hashmap_contains(&seen, t->id) || tail >= a->loader.n_all)
                                continue;
                        if (hashmap_put(&seen, t->id, t) < 0) {
                                q = -ENOMEM;
                                break;
                        }
                        queue[tail++] = t;
                }
        }
        hashmap_clear(&seen);
        free(queue);
        return q;
}

static int check(struct audit *a, const struct rule *r) {
        size_t nchain = strv_length(a->c->chain);
        /* for each chain step, the units present on the host */
        for (size_t i = 0; i + 1 < nchain; i++) {
                for (size_t li = 0; li < a->loader.n_all; li++) {
                        const struct unit *later = a->loader.all[li];
                        bool later_in = fnmatch(a->c->chain[i + 1], later->id, 0) == 0 && later->load_state == UNIT_LOADED;

                        if (!later_in)
                                continue;
                        /* the nearest earlier step that is present */
                        for (size_t k = i + 1; k-- > 0;) {
                                bool any = false;
                                for (size_t ei = 0; ei < a->loader.n_all; ei++) {
                                        const struct unit *earlier = a->loader.all[ei];
                                        bool ok;
                                        int q;

                                        if (fnmatch(a->c->chain[k], earlier->id, 0) != 0 ||
                                            earlier->load_state != UNIT_LOADED || earlier == later)
                                                continue;
                                        any = true;
                                        q = ordered_after(a, later, earlier->id, &ok);
                                        if (q < 0)
                                                return q;
                                        /* a service not ordered after Redis is QTU008's finding */
                                        if (!ok && streq(earlier->id, a->c->redis_unit) &&
                                            audit_service_of(a, later))
                                                ok = true;
                                        if (!ok) {
                                                q = audit_add(a, r, later->fragment_path, 0, later->id,
                                                              "%s is not ordered after %s: the contract's chain starts "
                                                              "%s first (add After=%s)", later->id, earlier->id,
                                                              earlier->id, earlier->id);
                                                if (q < 0)
                                                        return q;
                                        }
                                }
                                if (any)
                                        break;
                        }
                }
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTG004",
        .name = "dependency-chain",
        .severity = SEVERITY_ERROR,
        .family = "graph",
        .seed = "001 D (Dependency Chain)",
        .summary = "A service is not ordered after the one before it in the contract's chain",
        .rationale = "Redis, then backend, then AI engine, then execution, then RL: a service started early finds its inputs missing.",
        .fix = "Add After= (and BindsTo= where it cannot run without it) on the previous step of the chain.",
        .check = check,
};
RULE_REGISTER(rule);
