/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gate.h"
#include "strbuf.h"

static const char *const action_names[_GATE_ACTION_MAX] = {
        [GATE_BUY] = "BUY",
        [GATE_SELL] = "SELL",
        [GATE_HOLD] = "HOLD",
        [GATE_OTHER] = "other",
};

const char *gate_action_to_string(enum gate_action a) {
        return a >= 0 && a < _GATE_ACTION_MAX ? action_names[a] : NULL;
}

static const char *const check_names[_GATE_CHECK_MAX] = {
        [GATE_CHECK_PREDICTIONS] = "predictions",
        [GATE_CHECK_VALID] = "valid-confidences",
        [GATE_CHECK_CLASS_SHARE] = "class-share",
        [GATE_CHECK_HOLD_SHARE] = "hold-share",
        [GATE_CHECK_STD] = "std",
        [GATE_CHECK_P10_P90] = "p10-p90",
        [GATE_CHECK_CONSTANT] = "not-constant",
};

const char *gate_check_to_string(enum gate_check_id c) {
        return c >= 0 && c < _GATE_CHECK_MAX ? check_names[c] : NULL;
}

static const char *const verdict_names[_GATE_VERDICT_MAX] = {
        [GATE_PASS] = "PASS",
        [GATE_FAIL] = "FAIL",
        [GATE_INSUFFICIENT] = "INSUFFICIENT",
};

const char *gate_verdict_to_string(enum gate_verdict v) {
        return v >= 0 && v < _GATE_VERDICT_MAX ? verdict_names[v] : NULL;
}

struct gate_model *gate_data_model(struct gate_data *d, const char *name) {
        void *idx = hashmap_get(&d->index, name);
        struct gate_model *m;

        if (idx)
                return &d->models[(size_t) (uintptr_t) idx - 1];
        if (d->n_models == d->alloc) {
                size_t na = d->alloc ? d->alloc * 2 : 8;
                struct gate_model *nm = reallocarray(d->models, na, sizeof(*nm));
                if (!nm)
                        return NULL;
                /* the index points at names inside the models: rebuild it after moving them */
                d->models = nm;
                d->alloc = na;
                hashmap_clear(&d->index);
                for (size_t i = 0; i < d->n_models; i++)
                        if (hashmap_put(&d->index, d->models[i].name, (void *) (uintptr_t) (i + 1)) < 0)
                                return NULL;
        }
        m = &d->models[d->n_models];
        *m = (struct gate_model) { .name = strdup(name) };
        if (!m->name)
                return NULL;
        if (hashmap_put(&d->index, m->name, (void *) (uintptr_t) (d->n_models + 1)) < 0) {
                free(m->name);
                return NULL;
        }
        d->n_models++;
        return m;
}

int gate_model_add(struct gate_model *m, enum gate_action a, double confidence) {
        if (m->n == m->alloc) {
                size_t na = m->alloc ? m->alloc * 2 : 256;
                double *nc = reallocarray(m->conf, na, sizeof(double));
                if (!nc)
                        return -ENOMEM;
                m->conf = nc;
                m->alloc = na;
        }
        if (confidence > 1.0) {
                /* a logit, as the seeds' system maps it */
                confidence = 1.0 / (1.0 + exp(-confidence));
                m->logits++;
        }
        m->conf[m->n++] = confidence;
        m->actions[a >= 0 && a < _GATE_ACTION_MAX ? a : GATE_OTHER]++;
        return 0;
}

static int first_note(char **slot, const char *entry_id, const char *why) {
        struct strbuf sb = STRBUF_INIT;

        if (*slot)
                return 0;
        strbuf_addf(&sb, "entry %s: %s", entry_id ? entry_id : "?", why);
        *slot = strbuf_detach(&sb, NULL);
        return *slot ? 0 : -ENOMEM;
}

int gate_model_violation(struct gate_model *m, const char *entry_id, const char *why) {
        m->violations++;
        return first_note(&m->first_violation, entry_id, why);
}

int gate_data_malformed(struct gate_data *d, const char *entry_id, const char *why) {
        d->malformed++;
        return first_note(&d->first_malformed, entry_id, why);
}

/* Leading digits as a number (saturating), and where they stop. */
static uint64_t id_part(const char **p) {
        uint64_t v = 0;

        for (; **p >= '0' && **p <= '9'; (*p)++)
                v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX : v * 10 + (uint64_t) (**p - '0');
        return v;
}

int stream_id_compare(const char *a, const char *b) {
        uint64_t am = id_part(&a), bm = id_part(&b), as, bs;

        a += *a == '-';
        b += *b == '-';
        as = id_part(&a);
        bs = id_part(&b);

        if (am != bm)
                return am < bm ? -1 : 1;
        return as < bs ? -1 : as > bs;
}

int gate_data_saw_entry(struct gate_data *d, const char *entry_id) {
        d->entries++;
        /* in stream order, each entry is the new last: one comparison */
        if (d->last_id && stream_id_compare(entry_id, d->last_id) > 0) {
                size_t n = strlen(entry_id);
                if (n <= d->last_id_alloc) {
                        memcpy(d->last_id, entry_id, n + 1);
                        return 0;
                }
        }
        if (!d->first_id || stream_id_compare(entry_id, d->first_id) < 0) {
                char *s = strdup(entry_id);
                if (!s)
                        return -ENOMEM;
                free(d->first_id);
                d->first_id = s;
        }
        if (!d->last_id || stream_id_compare(entry_id, d->last_id) > 0) {
                size_t n = strlen(entry_id);
                /* room for the longest ID (20 + 1 + 20 digits): later ones are copied in place */
                char *s = malloc(n > 48 ? n + 1 : 49);
                if (!s)
                        return -ENOMEM;
                memcpy(s, entry_id, n + 1);
                free(d->last_id);
                d->last_id = s;
                d->last_id_alloc = n > 48 ? n : 48;
        }
        return 0;
}

void gate_data_release(struct gate_data *d) {
        for (size_t i = 0; i < d->n_models; i++) {
                free(d->models[i].name);
                free(d->models[i].conf);
                free(d->models[i].first_violation);
        }
        free(d->models);
        hashmap_clear(&d->index);
        free(d->first_malformed);
        free(d->first_id);
        free(d->last_id);
        *d = (struct gate_data) {};
}

/* Between a and b at t in [0, 1], as numpy computes it: exact at both ends. */
static double lerp(double a, double b, double t) {
        return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
}

/* Puts the k-th smallest of a[0..n) at a[k], smaller ones before it and
 * larger ones after (quickselect, median of three). */
static void select_kth(double *a, size_t n, size_t k) {
        size_t lo = 0, hi = n - 1;

        while (hi > lo) {
                size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
                double x = a[lo], y = a[mid], z = a[hi], pivot;

                pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
                while (i <= j) {
                        while (a[i] < pivot)
                                i++;
                        while (a[j] > pivot)
                                j--;
                        if (i <= j) {
                                double t = a[i];
                                a[i] = a[j];
                                a[j] = t;
                                i++;
                                if (j == 0)
                                        break;
                                j--;
                        }
                }
                if (k <= j)
                        hi = j;
                else if (k >= i)
                        lo = i;
                else
                        return;
        }
}

/* The p-th percentile as numpy's linear method, without sorting everything. */
static double percentile_select(double *a, size_t n, double p) {
        double h = (double) (n - 1) * p / 100.0, t, lo_v, hi_v;
        size_t lo = (size_t) floor(h);

        select_kth(a, n, lo);
        lo_v = a[lo];
        if (lo >= n - 1)
                return lo_v;
        hi_v = a[lo + 1];
        for (size_t i = lo + 2; i < n; i++)
                if (a[i] < hi_v)
                        hi_v = a[i];
        t = h - (double) lo;
        return lerp(lo_v, hi_v, t);
}

double gate_percentile(const double *sorted, size_t n, double p) {
        double h, t, a, b;
        size_t lo;

        if (n == 0)
                return NAN;
        h = (double) (n - 1) * p / 100.0;
        lo = (size_t) floor(h);
        if (lo >= n - 1)
                return sorted[n - 1];
        t = h - (double) lo;
        a = sorted[lo];
        b = sorted[lo + 1];
        return lerp(a, b, t);
}

static void set_check(struct gate_check *c, double value, const char *relation, double threshold) {
        c->evaluated = true;
        c->value = value;
        c->threshold = threshold;
        c->relation = relation;
        if (streq(relation, ">="))
                c->passed = value >= threshold;
        else if (streq(relation, ">"))
                c->passed = value > threshold;
        else if (streq(relation, "<="))
                c->passed = value <= threshold;
        else
                c->passed = value == threshold;
}

int gate_evaluate(struct gate_model *m, const struct contract *c, struct gate_result *r) {
        struct strbuf sb = STRBUF_INIT;
        size_t n = m->n;
        double sum = 0, ss = 0, max_share = 0;

        *r = (struct gate_result) { .model = m, .n = n, .mean = NAN, .std = NAN, .p10 = NAN, .p90 = NAN };
        for (int a = 0; a < _GATE_ACTION_MAX; a++) {
                r->share[a] = n ? (double) m->actions[a] / (double) n : 0.0;
                if (r->share[a] > max_share)
                        max_share = r->share[a];
        }
        set_check(&r->checks[GATE_CHECK_PREDICTIONS], (double) n, ">=", (double) c->gate_min_predictions);
        set_check(&r->checks[GATE_CHECK_VALID], (double) m->violations, "=", 0);
        if (n > 0) {
                double lo = m->conf[0], hi = m->conf[0];

                /* summed in the order read: numpy's pairwise sum may differ in the last bit */
                for (size_t i = 0; i < n; i++) {
                        sum += m->conf[i];
                        lo = m->conf[i] < lo ? m->conf[i] : lo;
                        hi = m->conf[i] > hi ? m->conf[i] : hi;
                }
                r->mean = sum / (double) n;
                for (size_t i = 0; i < n; i++) {
                        double d = m->conf[i] - r->mean;
                        ss += d * d;
                }
                r->std = sqrt(ss / (double) n);
                r->p10 = percentile_select(m->conf, n, 10);
                r->p90 = percentile_select(m->conf, n, 90);
                for (size_t i = 0; i < n; i++) {
                        size_t bin = (size_t) (m->conf[i] * GATE_HISTOGRAM_BINS);
                        r->histogram[bin >= GATE_HISTOGRAM_BINS ? GATE_HISTOGRAM_BINS - 1 : bin]++;
                }
                set_check(&r->checks[GATE_CHECK_CLASS_SHARE], max_share, "<=", c->gate_max_class_share);
                set_check(&r->checks[GATE_CHECK_HOLD_SHARE], r->share[GATE_HOLD], "<=", c->gate_max_hold_share);
                set_check(&r->checks[GATE_CHECK_STD], r->std, ">=", c->gate_min_std);
                set_check(&r->checks[GATE_CHECK_P10_P90], r->p90 - r->p10, ">=", c->gate_min_p10_p90);
                /* constant: the smallest and the largest confidence are the same */
                set_check(&r->checks[GATE_CHECK_CONSTANT], hi - lo, ">", 0);
        }

        if (m->violations > 0) {
                r->verdict = GATE_FAIL;
                strbuf_addf(&sb, "%zu invalid confidence%s (%s)", m->violations, m->violations == 1 ? "" : "s",
                            m->first_violation ? m->first_violation : "?");
        } else if (!r->checks[GATE_CHECK_PREDICTIONS].passed) {
                r->verdict = GATE_INSUFFICIENT;
                strbuf_addf(&sb, "%zu prediction%s, %u needed", n, n == 1 ? "" : "s", c->gate_min_predictions);
        } else {
                r->verdict = GATE_PASS;
                for (int i = GATE_CHECK_CLASS_SHARE; i < _GATE_CHECK_MAX; i++)
                        if (!r->checks[i].passed) {
                                if (r->verdict == GATE_PASS)
                                        r->verdict = GATE_FAIL;
                                else
                                        strbuf_addstr(&sb, "; ");
                                strbuf_addf(&sb, "%s %.4g (needs %s %.4g)", check_names[i], r->checks[i].value,
                                            r->checks[i].relation, r->checks[i].threshold);
                        }
                if (r->verdict == GATE_PASS)
                        strbuf_addf(&sb, "every check passed (%zu predictions)", n);
        }
        r->reason = strbuf_detach(&sb, NULL);
        return r->reason ? 0 : -ENOMEM;
}

void gate_result_release(struct gate_result *r) {
        free(r->reason);
        *r = (struct gate_result) {};
}

static bool all_digits(const char *s, size_t n) {
        if (n == 0 || n > 20)
                return false;
        for (size_t i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return false;
        return true;
}

bool stream_id_is_valid(const char *s) {
        const char *dash = strchr(s, '-');

        if (!dash)
                return all_digits(s, strlen(s));
        return all_digits(s, (size_t) (dash - s)) && all_digits(dash + 1, strlen(dash + 1));
}

/* n digits at *p into *v; advances. */
static bool digits(const char **p, int n, int *v) {
        *v = 0;
        for (int i = 0; i < n; i++) {
                if ((*p)[i] < '0' || (*p)[i] > '9')
                        return false;
                *v = *v * 10 + ((*p)[i] - '0');
        }
        *p += n;
        return true;
}

int stream_id_from_since(const char *s, char **ret) {
        struct tm tm = {};
        const char *p = s;
        int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, off = 0;
        long long t;
        char buf[64];

        if (stream_id_is_valid(s)) {
                *ret = strdup(s);
                return *ret ? 0 : -ENOMEM;
        }
        if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' || !digits(&p, 2, &d))
                return -EINVAL;
        if (*p == 'T' || *p == ' ') {
                p++;
                if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
                        return -EINVAL;
                if (*p == ':') {
                        p++;
                        if (!digits(&p, 2, &sec))
                                return -EINVAL;
                        if (*p == '.' || *p == ',') {
                                int scale = 100;
                                p++;
                                if (*p < '0' || *p > '9')
                                        return -EINVAL;
                                for (; *p >= '0' && *p <= '9'; p++) {
                                        ms += (*p - '0') * scale;
                                        scale /= 10;
                                }
                        }
                }
                if (*p == 'Z')
                        p++;
                else if (*p == '+' || *p == '-') {
                        int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
                        if (!digits(&p, 2, &oh))
                                return -EINVAL;
                        if (*p == ':')
                                p++;
                        if (*p && !digits(&p, 2, &om))
                                return -EINVAL;
                        if (oh > 23 || om > 59)
                                return -EINVAL;
                        off = sign * (oh * 3600 + om * 60);
                }
        }
        if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || y < 1970)
                return -EINVAL;
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = sec;
        t = (long long) timegm(&tm);
        /* timegm normalizes 31 February: refuse what it had to move */
        if (tm.tm_mday != d || tm.tm_mon != mo - 1)
                return -EINVAL;
        t -= off;
        if (t < 0)
                return -EINVAL;
        snprintf(buf, sizeof(buf), "%lld-0", t * 1000 + ms);
        *ret = strdup(buf);
        return *ret ? 0 : -ENOMEM;
}
