/* SPDX-License-Identifier: MIT */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "telemetry.h"

/* Python's json.dumps writes NaN, Infinity and -Infinity, which are not
 * JSON: outside strings they become these strings, so that the prediction
 * they are in fails its model instead of the whole entry failing to parse. */
#define MARK_NAN "\x01goldctl:NaN"
#define MARK_INF "\x01goldctl:Infinity"
#define MARK_NINF "\x01goldctl:-Infinity"

/* Returns a rewritten copy when the payload has such tokens, else NULL
 * (*ret_oom on allocation failure). */
static char *rewrite_non_finite(const char *p, size_t size, size_t *ret_size, bool *ret_oom) {
        struct strbuf sb = STRBUF_INIT;
        bool in_string = false, found = false;
        size_t start = 0;

        *ret_oom = false;
        if (!memchr(p, 'N', size) && !memchr(p, 'I', size))
                return NULL;
        for (size_t i = 0; i < size; i++) {
                const char *mark = NULL;
                size_t len = 0;

                if (in_string) {
                        if (p[i] == '\\')
                                i++;
                        else if (p[i] == '"')
                                in_string = false;
                        continue;
                }
                if (p[i] == '"') {
                        in_string = true;
                        continue;
                }
                if (size - i >= 3 && memcmp(p + i, "NaN", 3) == 0)
                        mark = "\"\\u0001goldctl:NaN\"", len = 3;
                else if (size - i >= 8 && memcmp(p + i, "Infinity", 8) == 0)
                        mark = "\"\\u0001goldctl:Infinity\"", len = 8;
                else if (size - i >= 9 && memcmp(p + i, "-Infinity", 9) == 0)
                        mark = "\"\\u0001goldctl:-Infinity\"", len = 9;
                if (!mark)
                        continue;
                found = true;
                strbuf_add(&sb, p + start, i - start);
                strbuf_addstr(&sb, mark);
                start = i + len;
                i += len - 1;
        }
        if (!found) {
                strbuf_release(&sb);
                return NULL;
        }
        strbuf_add(&sb, p + start, size - start);
        if (strbuf_error(&sb) < 0) {
                strbuf_release(&sb);
                *ret_oom = true;
                return NULL;
        }
        return strbuf_detach(&sb, ret_size);
}

static enum gate_action action_of(json_t *a) {
        const char *s = json_string_value(a);

        if (!s)
                return GATE_OTHER;
        if (streq(s, "BUY"))
                return GATE_BUY;
        if (streq(s, "SELL"))
                return GATE_SELL;
        if (streq(s, "HOLD"))
                return GATE_HOLD;
        return GATE_OTHER;
}

static const char *json_type_name(const json_t *j) {
        switch (json_typeof(j)) {
        case JSON_OBJECT: return "an object";
        case JSON_ARRAY: return "an array";
        case JSON_STRING: return "a string";
        case JSON_INTEGER: case JSON_REAL: return "a number";
        case JSON_TRUE: case JSON_FALSE: return "a boolean";
        case JSON_NULL: return "null";
        }
        return "?";
}

/* One model's prediction. Returns the action for the ensemble (or -1 when
 * it takes no part), or -ENOMEM. */
static int decode_prediction(struct gate_data *d, const char *id, const char *key, json_t *v) {
        struct gate_model *m = gate_data_model(d, key);
        json_t *conf;
        enum gate_action a;
        char why[160];
        double x;

        if (!m)
                return -ENOMEM;
        if (!json_is_object(v)) {
                snprintf(why, sizeof(why), "the prediction is %s, not an object", json_type_name(v));
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (json_is_true(json_object_get(v, "inactive"))) {
                m->inactive++;
                return -1;
        }
        a = action_of(json_object_get(v, "action"));
        conf = json_object_get(v, "confidence");
        if (!conf)
                return gate_model_violation(m, id, "no confidence") < 0 ? -ENOMEM : -1;
        if (json_is_string(conf)) {
                const char *s = json_string_value(conf);
                const char *name = streq(s, MARK_NAN) ? "NaN" : streq(s, MARK_INF) ? "Infinity"
                                 : streq(s, MARK_NINF) ? "-Infinity" : NULL;
                if (name)
                        snprintf(why, sizeof(why), "confidence %s", name);
                else
                        snprintf(why, sizeof(why), "confidence is a string (\"%.40s\"), not a number", s);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (!json_is_number(conf)) {
                snprintf(why, sizeof(why), "confidence is %s, not a number", json_type_name(conf));
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        x = json_number_value(conf);
        if (!isfinite(x)) {
                snprintf(why, sizeof(why), "confidence is not finite");
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (x < 0) {
                snprintf(why, sizeof(why), "confidence %g is negative", x);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (gate_model_add(m, a, x) < 0)
                return -ENOMEM;
        return a == GATE_OTHER ? -1 : (int) a;
}

int telemetry_decode(struct gate_data *d, const char *id, const char *payload, size_t size) {
        _cleanup_free_ char *rewritten = NULL;
        json_error_t err;
        json_t *root, *mb;
        const char *key;
        json_t *v;
        size_t active = 0, seen[_GATE_ACTION_MAX] = {};
        bool oom;
        int r = 0;

        if (gate_data_saw_entry(d, id) < 0)
                return -ENOMEM;
        if (!payload)
                return gate_data_malformed(d, id, "no payload field");
        rewritten = rewrite_non_finite(payload, size, &size, &oom);
        if (oom)
                return -ENOMEM;
        root = json_loadb(rewritten ? rewritten : payload, size, 0, &err);
        if (!root) {
                char why[256];
                snprintf(why, sizeof(why), "the payload is not JSON: %s (character %d)", err.text, err.position);
                return gate_data_malformed(d, id, why);
        }
        if (!json_is_object(root)) {
                json_decref(root);
                return gate_data_malformed(d, id, "the payload is not a JSON object");
        }
        mb = json_object_get(root, "model_breakdown");
        if (!mb) {
                d->without_breakdown++;
                json_decref(root);
                return 0;
        }
        if (!json_is_object(mb)) {
                json_decref(root);
                return gate_data_malformed(d, id, "model_breakdown is not an object");
        }
        json_object_foreach(mb, key, v) {
                int a = decode_prediction(d, id, key, v);
                if (a == -ENOMEM) {
                        r = -ENOMEM;
                        break;
                }
                if (a >= 0) {
                        active++;
                        seen[a]++;
                }
        }
        json_decref(root);
        if (r == 0 && active >= 2) {
                d->ensemble_events++;
                if (seen[GATE_BUY] == active || seen[GATE_SELL] == active || seen[GATE_HOLD] == active)
                        d->ensemble_agree++;
                if (seen[GATE_BUY] > 0 && seen[GATE_SELL] > 0)
                        d->ensemble_buy_sell++;
        }
        return r;
}
