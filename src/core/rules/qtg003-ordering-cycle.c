/* SPDX-License-Identifier: MIT */
#include "hashmap.h"
#include "rules-util.h"
#include "strbuf.h"

/* Tarjan's strongly connected components over the After= graph (Before=
 * appears there as its inverse), iteratively: chains of thousands of units
 * must not exhaust the stack. */
struct graph {
        struct unit **v;
        size_t n;
        struct hashmap index;   /* id -> index + 1 */
        size_t *idx, *low, *stack, *comp, sp;
        bool *on;
};

static size_t node_of(const struct graph *g, const char *id) {
        void *p = hashmap_get(&g->index, id);
        return p ? (size_t) (uintptr_t) p - 1 : SIZE_MAX;
}

static int report(struct audit *a, const struct rule *r, struct graph *g, size_t *members, size_t n) {
        struct strbuf sb = STRBUF_INIT;
        const struct unit *anchor = NULL;
        const struct unit_dep *edge = NULL;
        int q;

        for (size_t i = 0; i < n && !anchor; i++)
                if (startswith(g->v[members[i]]->id, a->c->unit_prefix))
                        anchor = g->v[members[i]];
        if (!anchor)
                return 0;
        for (size_t i = 0; i < n; i++)
                strbuf_addf(&sb, "%s%s", i ? ", " : "", g->v[members[i]]->id);
        /* the anchor's own After=/Before= line into the cycle */
        for (int d = UNIT_BEFORE; d <= UNIT_AFTER && !edge; d++)
                for (size_t j = 0; j < anchor->deps[d].n && !edge; j++) {
                        size_t t = node_of(g, anchor->deps[d].items[j].name);
                        if (t != SIZE_MAX && g->comp[t] == g->comp[node_of(g, anchor->id)] &&
                            (anchor->deps[d].items[j].flags & UNIT_DEP_FILE))
                                edge = &anchor->deps[d].items[j];
                }
        q = strbuf_error(&sb);
        if (q >= 0)
                q = audit_add(a, r, edge ? origin_file(anchor, edge->origin) : anchor->fragment_path,
                              edge ? edge->origin.line : 0, anchor->id,
                              "ordering cycle between %s: at boot systemd deletes a job to break it and a service "
                              "does not start", strbuf_str(&sb));
        strbuf_release(&sb);
        return q;
}

static int check(struct audit *a, const struct rule *r) {
        struct graph g = { .v = a->loader.all, .n = a->loader.n_all };
        size_t counter = 0, ncomp = 0, *work = NULL, *edge_pos = NULL, wp = 0, *members = NULL;
        int q = 0;

        g.idx = calloc(g.n, sizeof(size_t));
        g.low = calloc(g.n, sizeof(size_t));
        g.stack = calloc(g.n, sizeof(size_t));
        g.comp = calloc(g.n, sizeof(size_t));
        g.on = calloc(g.n, sizeof(bool));
        work = calloc(g.n, sizeof(size_t));
        edge_pos = calloc(g.n, sizeof(size_t));
        members = calloc(g.n, sizeof(size_t));
        if (g.n > 0 && (!g.idx || !g.low || !g.stack || !g.comp || !g.on || !work || !edge_pos || !members)) {
                q = -ENOMEM;
                goto finish;
        }
        for (size_t i = 0; i < g.n; i++)
                if (hashmap_put(&g.index, g.v[i]->id, (void *) (uintptr_t) (i + 1)) < 0) {
                        q = -ENOMEM;
                        goto finish;
                }
        for (size_t i = 0; i < g.n; i++)
                g.comp[i] = SIZE_MAX;

        for (size_t root = 0; root < g.n; root++) {
                if (g.idx[root])
                        continue;
                work[wp++] = root;
                g.idx[root] = g.low[root] = ++counter;
                g.stack[g.sp++] = root;
                g.on[root] = true;
                edge_pos[root] = 0;
                while (wp > 0) {
                        size_t v = work[wp - 1];
                        const struct unit_dep_list *l = &g.v[v]->deps[UNIT_AFTER];

                        if (edge_pos[v] < l->n) {
                                size_t w = node_of(&g, l->items[edge_pos[v]++].name);
                                if (w == SIZE_MAX)
                                        continue;
                                if (!g.idx[w]) {
                                        g.idx[w] = g.low[w] = ++counter;
                                        g.stack[g.sp++] = w;
                                        g.on[w] = true;
                                        edge_pos[w] = 0;
                                        work[wp++] = w;
                                } else if (g.on[w] && g.idx[w] < g.low[v])
                                        g.low[v] = g.idx[w];
                                continue;
                        }
                        wp--;
                        if (wp > 0 && g.low[v] < g.low[work[wp - 1]])
                                g.low[work[wp - 1]] = g.low[v];
                        if (g.low[v] == g.idx[v]) {
                                size_t n = 0, w;
                                do {
                                        w = g.stack[--g.sp];
                                        g.on[w] = false;
                                        g.comp[w] = ncomp;
                                        members[n++] = w;
                                } while (w != v);
                                ncomp++;
                                if (n > 1) {
                                        q = report(a, r, &g, members, n);
                                        if (q < 0)
                                                goto finish;
                                }
                        }
                }
        }
finish:
        hashmap_clear(&g.index);
        free(g.idx);
        free(g.low);
        free(g.stack);
        free(g.comp);
        free(g.on);
        free(work);
        free(edge_pos);
        free(members);
        return q;
}

static const struct rule rule = {
        .id = "QTG003",
        .name = "ordering-cycle",
        .severity = SEVERITY_ERROR,
        .family = "graph",
        .seed = "001 D (Dependency Chain), spec 15",
        .summary = "Units are ordered in a cycle",
        .rationale = "systemd finds ordering cycles only at start-up and breaks them by deleting a job; systemd-analyze verify says nothing.",
        .fix = "Remove one After=/Before= of the cycle so that the order follows the contract's chain.",
        .check = check,
};
RULE_REGISTER(rule);
