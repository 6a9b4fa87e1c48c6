/* SPDX-License-Identifier: MIT */
#include <jansson.h>
#include <errno.h>
#include <stdint.h>
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

/* One model's prediction, read by either decoder. */
enum conf_kind {
        CONF_NUMBER,
        CONF_NON_FINITE,        /* NaN, Infinity, -Infinity as Python writes them */
        CONF_MISSING,
        CONF_STRING,
        CONF_OTHER,             /* a boolean, null, an object or an array */
};

struct prediction {
        const char *name;       /* the model's key */
        char buf[256];          /* the fast decoder's copy of it */
        bool not_object;        /* the prediction itself is not an object */
        const char *type;       /* what it, or its confidence, is instead ("a string", ...) */
        bool inactive;
        enum gate_action action;
        enum conf_kind conf;
        double x;               /* CONF_NUMBER */
        const char *text;       /* CONF_STRING: the string; CONF_NON_FINITE: the token */
        size_t text_len;
};

#define MAX_FAST_PREDICTIONS 64

/* Records one prediction. Returns the action for the ensemble (or -1 when
 * it takes no part), or -ENOMEM. */
static int apply_prediction(struct gate_data *d, const char *id, const struct prediction *p) {
        struct gate_model *m = gate_data_model(d, p->name);
        char why[160];

        if (!m)
                return -ENOMEM;
        if (p->not_object) {
                snprintf(why, sizeof(why), "the prediction is %s, not an object", p->type);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (p->inactive) {
                m->inactive++;
                return -1;
        }
        switch (p->conf) {
        case CONF_MISSING:
                return gate_model_violation(m, id, "no confidence") < 0 ? -ENOMEM : -1;
        case CONF_NON_FINITE:
                snprintf(why, sizeof(why), "confidence %.*s", (int) p->text_len, p->text);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        case CONF_STRING:
                snprintf(why, sizeof(why), "confidence is a string (\"%.*s\"), not a number",
                         (int) (p->text_len < 40 ? p->text_len : 40), p->text);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        case CONF_OTHER:
                snprintf(why, sizeof(why), "confidence is %s, not a number", p->type);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        case CONF_NUMBER:
                break;
        }
        if (!isfinite(p->x))
                return gate_model_violation(m, id, "confidence is not finite") < 0 ? -ENOMEM : -1;
        if (p->x < 0) {
                snprintf(why, sizeof(why), "confidence %g is negative", p->x);
                return gate_model_violation(m, id, why) < 0 ? -ENOMEM : -1;
        }
        if (gate_model_add(m, p->action, p->x) < 0)
                return -ENOMEM;
        return p->action == GATE_OTHER ? -1 : (int) p->action;
}

/* ---- the reference decoder: jansson ---- */

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

static void prediction_from_json(struct prediction *p, const char *key, json_t *v) {
        json_t *conf;

        *p = (struct prediction) { .name = key };
        if (!json_is_object(v)) {
                p->not_object = true;
                p->type = json_type_name(v);
                return;
        }
        p->inactive = json_is_true(json_object_get(v, "inactive"));
        p->action = action_of(json_object_get(v, "action"));
        conf = json_object_get(v, "confidence");
        if (!conf)
                p->conf = CONF_MISSING;
        else if (json_is_string(conf)) {
                const char *s = json_string_value(conf);
                const char *name = streq(s, MARK_NAN) ? "NaN" : streq(s, MARK_INF) ? "Infinity"
                                 : streq(s, MARK_NINF) ? "-Infinity" : NULL;
                p->conf = name ? CONF_NON_FINITE : CONF_STRING;
                p->text = name ? name : s;
                p->text_len = strlen(p->text);
        } else if (json_is_number(conf)) {
                p->conf = CONF_NUMBER;
                p->x = json_number_value(conf);
        } else {
                p->conf = CONF_OTHER;
                p->type = json_type_name(conf);
        }
}

static void ensemble(struct gate_data *d, size_t active, const size_t seen[_GATE_ACTION_MAX]) {
        if (active < 2)
                return;
        d->ensemble_events++;
        if (seen[GATE_BUY] == active || seen[GATE_SELL] == active || seen[GATE_HOLD] == active)
                d->ensemble_agree++;
        if (seen[GATE_BUY] > 0 && seen[GATE_SELL] > 0)
                d->ensemble_buy_sell++;
}

static int decode_jansson(struct gate_data *d, const char *id, const char *payload, size_t size) {
        _cleanup_free_ char *rewritten = NULL;
        json_error_t err;
        json_t *root, *mb;
        const char *key;
        json_t *v;
        size_t active = 0, seen[_GATE_ACTION_MAX] = {};
        bool oom;
        int r = 0;

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
                struct prediction p;
                int a;

                prediction_from_json(&p, key, v);
                a = apply_prediction(d, id, &p);
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
        if (r == 0)
                ensemble(d, active, seen);
        return r;
}

/* ---- the fast decoder ----
 *
 * Most payloads are plain: ASCII, no escapes, each key once. For those a
 * single validating pass over the bytes finds the predictions without
 * building a tree. It decides only what it fully understands, and so agrees
 * with jansson by construction; anything else (an escape, a byte above
 * 0x7f, a repeated key, an integer of more than 18 digits, deep nesting,
 * and every error) is handed to jansson, which decides and words the
 * error. tests/fuzz/fuzz-telemetry.c checks that the two agree.
 */

struct scan {
        const char *p, *end;
        int depth;
        bool ws;        /* the payload has \t, \n or \r somewhere */
};

#define FAST_MAX_DEPTH 32

static void ws(struct scan *s) {
        while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
                s->p++;
}

/* Whether any of the 8 bytes in x is '\\', above 0x7f, or below 0x20 (the
 * usual bit tricks: a byte is zero after XOR with the byte looked for; a byte
 * below n has its high bit set after subtracting n, borrows only adding
 * false alarms, which the byte loop then clears). */
static inline bool suspect8(uint64_t x) {
        const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
        uint64_t b = x ^ (ones * '\\');

        return (((x - ones * 0x20) | ((b - ones) & ~b) | x) & high) != 0;
}

/* The fast decoder takes only payloads without escapes and without bytes
 * above 0x7f, whose only control characters are whitespace: then a string
 * ends at the next '"'. Sets *ret_ws when \t, \n or \r occur (strings
 * must then be checked for them: jansson refuses them there). */
static bool plain_payload(const char *p, size_t size, bool *ret_ws) {
        size_t i = 0;

        *ret_ws = false;
        for (; i + 8 <= size; i += 8) {
                uint64_t x;
                memcpy(&x, p + i, 8);
                if (!suspect8(x))
                        continue;
                for (size_t k = i; k < i + 8; k++) {
                        unsigned char c = (unsigned char) p[k];
                        if (c == '\\' || c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
                                return false;
                        if (c < 0x20)
                                *ret_ws = true;
                }
        }
        for (; i < size; i++) {
                unsigned char c = (unsigned char) p[i];
                if (c == '\\' || c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
                        return false;
                if (c < 0x20)
                        *ret_ws = true;
        }
        return true;
}

/* A string (the payload is plain: see above); *s->p is '"'. */
static bool str(struct scan *s, const char **ret, size_t *ret_len) {
        const char *start = ++s->p, *q = memchr(start, '"', (size_t) (s->end - start));

        if (!q)
                return false;
        if (s->ws)
                for (const char *c = start; c < q; c++)
                        if (*c == '\t' || *c == '\n' || *c == '\r')
                                return false;
        *ret = start;
        *ret_len = (size_t) (q - start);
        s->p = q + 1;
        return true;
}

static bool digit(char c) {
        return c >= '0' && c <= '9';
}

/* A JSON number; *ret_value only when want is set, or when it could
 * overflow (an exponent): jansson refuses an overflowing real. */
static bool number(struct scan *s, bool want, double *ret_value) {
        const char *start = s->p;
        bool real = false, exp_seen = false;
        size_t int_digits = 0, frac_digits = 0;

        if (*s->p == '-')
                s->p++;
        if (s->p >= s->end || !digit(*s->p))
                return false;
        if (*s->p == '0')
                s->p++, int_digits = 1;
        else
                while (s->p < s->end && digit(*s->p))
                        s->p++, int_digits++;
        if (s->p < s->end && *s->p == '.') {
                real = true;
                s->p++;
                if (s->p >= s->end || !digit(*s->p))
                        return false;
                while (s->p < s->end && digit(*s->p))
                        s->p++, frac_digits++;
        }
        if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
                real = true;
                exp_seen = true;
                want = true;    /* could overflow */
                s->p++;
                if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
                        s->p++;
                if (s->p >= s->end || !digit(*s->p))
                        return false;
                while (s->p < s->end && digit(*s->p))
                        s->p++;
        }
        if (!real && int_digits > 18)
                return false;   /* jansson: an integer past long long is an error */
        if (s->p - start > 1000)
                return false;
        if (want && !exp_seen && int_digits + frac_digits <= 15) {
                /* at most 15 digits and a power of ten up to 10^22: both exact in a double, so
                 * one division is the correctly rounded value, what strtod gives (Clinger) */
                static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15 };
                uint64_t m = 0;
                double v;

                for (const char *q = start + (*start == '-'); q < s->p; q++)
                        if (*q != '.')
                                m = m * 10 + (uint64_t) (*q - '0');
                v = (double) m / pow10[frac_digits];
                if (ret_value)
                        *ret_value = *start == '-' && m != 0 ? -v : v;
                /* jansson reads "-0" (an integer) as 0, "-0.0" (a real) as -0.0 */
                if (ret_value && *start == '-' && m == 0)
                        *ret_value = real ? -0.0 : 0.0;
                return true;
        }
        if (want) {
                char buf[1024];
                double v;

                memcpy(buf, start, (size_t) (s->p - start));
                buf[s->p - start] = '\0';
                errno = 0;
                /* as jansson: an integer through long long, a real through strtod (goldctl
                 * never sets a locale: the decimal point is '.') */
                v = real ? strtod(buf, NULL) : (double) strtoll(buf, NULL, 10);
                if (!isfinite(v) || errno == ERANGE)
                        return false;   /* overflow and underflow: let jansson decide */
                if (ret_value)
                        *ret_value = v;
        }
        return true;
}

static bool literal(struct scan *s, const char *word) {
        size_t n = strlen(word);

        if ((size_t) (s->end - s->p) < n || memcmp(s->p, word, n) != 0)
                return false;
        s->p += n;
        /* "trueX": not a literal */
        return s->p >= s->end || !((*s->p >= 'a' && *s->p <= 'z') || (*s->p >= 'A' && *s->p <= 'Z') || digit(*s->p));
}

/* Any value, validated and skipped. */
static bool value(struct scan *s);

/* At '{' or '[': 1 when members follow, 0 when it is empty (and closed), -1 on an error. */
static int open_container(struct scan *s) {
        char close = *s->p == '{' ? '}' : ']';

        if (++s->depth > FAST_MAX_DEPTH)
                return -1;
        s->p++;
        ws(s);
        if (s->p < s->end && *s->p == close) {
                s->p++;
                s->depth--;
                return 0;
        }
        return 1;
}

/* An object member's key and the ':' after it. */
static bool member_key(struct scan *s, const char **k, size_t *kl) {
        if (s->p >= s->end || *s->p != '"' || !str(s, k, kl))
                return false;
        ws(s);
        if (s->p >= s->end || *s->p != ':')
                return false;
        s->p++;
        ws(s);
        return s->p < s->end;
}

/* After a member: 1 when another follows, 0 when the container closes, -1 on an error. */
static int member_end(struct scan *s, char close) {
        ws(s);
        if (s->p >= s->end)
                return -1;
        if (*s->p == close) {
                s->p++;
                s->depth--;
                return 0;
        }
        if (*s->p != ',')
                return -1;
        s->p++;
        ws(s);
        return 1;
}

static bool object_or_array(struct scan *s) {
        char close = *s->p == '{' ? '}' : ']';
        int r = open_container(s);

        while (r > 0) {
                const char *k;
                size_t kl;

                /* repeated keys deep inside are harmless: only the values are skipped */
                if ((close == '}' && !member_key(s, &k, &kl)) || !value(s))
                        return false;
                r = member_end(s, close);
        }
        return r == 0;
}

static bool value(struct scan *s) {
        const char *k;
        size_t kl;

        if (s->p >= s->end)
                return false;
        switch (*s->p) {
        case '{':
        case '[':
                return object_or_array(s);
        case '"':
                return str(s, &k, &kl);
        case 't':
                return literal(s, "true");
        case 'f':
                return literal(s, "false");
        case 'n':
                return literal(s, "null");
        case 'N':
                return literal(s, "NaN");
        case 'I':
                return literal(s, "Infinity");
        case '-':
                if (s->end - s->p > 1 && s->p[1] == 'I')
                        return literal(s, "-Infinity");
                return number(s, false, NULL);
        default:
                return number(s, false, NULL);
        }
}

static const char *type_at(const struct scan *s) {
        switch (*s->p) {
        case '{': return "an object";
        case '[': return "an array";
        case 't': case 'f': return "a boolean";
        case 'n': return "null";
        default: return "?";
        }
}

static bool key_is(const char *k, size_t kl, const char *word) {
        return strlen(word) == kl && memcmp(k, word, kl) == 0;
}

/* One prediction object's value (the scanner at its '{'). */
static bool fast_prediction(struct scan *s, struct prediction *p) {
        bool seen_action = false, seen_conf = false, seen_inactive = false;
        int r;

        p->action = GATE_OTHER;
        p->conf = CONF_MISSING;
        if (*s->p != '{')
                return false;   /* not an object: jansson says what it is */
        r = open_container(s);
        while (r > 0) {
                const char *k, *v;
                size_t kl, vl;

                if (!member_key(s, &k, &kl))
                        return false;
                if (key_is(k, kl, "action")) {
                        if (seen_action)
                                return false;
                        seen_action = true;
                        if (*s->p == '"') {
                                if (!str(s, &v, &vl))
                                        return false;
                                p->action = key_is(v, vl, "BUY") ? GATE_BUY : key_is(v, vl, "SELL") ? GATE_SELL
                                          : key_is(v, vl, "HOLD") ? GATE_HOLD : GATE_OTHER;
                        } else if (!value(s))
                                return false;
                } else if (key_is(k, kl, "confidence")) {
                        if (seen_conf)
                                return false;
                        seen_conf = true;
                        if (*s->p == '"') {
                                if (!str(s, &v, &vl))
                                        return false;
                                p->conf = CONF_STRING;
                                p->text = v;
                                p->text_len = vl;
                        } else if (*s->p == 'N' || *s->p == 'I' || (*s->p == '-' && s->end - s->p > 1 && s->p[1] == 'I')) {
                                const char *t = s->p;
                                if (!value(s))
                                        return false;
                                p->conf = CONF_NON_FINITE;
                                p->text = t;
                                p->text_len = (size_t) (s->p - t);
                        } else if (*s->p == '-' || digit(*s->p)) {
                                if (!number(s, true, &p->x))
                                        return false;
                                p->conf = CONF_NUMBER;
                        } else {
                                p->conf = CONF_OTHER;
                                p->type = type_at(s);
                                if (!value(s))
                                        return false;
                        }
                } else if (key_is(k, kl, "inactive")) {
                        if (seen_inactive)
                                return false;
                        seen_inactive = true;
                        if (*s->p == 't') {
                                if (!literal(s, "true"))
                                        return false;
                                p->inactive = true;
                        } else if (!value(s))
                                return false;
                } else if (!value(s))
                        return false;
                r = member_end(s, '}');
        }
        return r == 0;
}

/* Returns the number of predictions (>= 0) when the payload is plain and
 * has a model_breakdown object, or -1: jansson decides. */
static int decode_fast(const char *payload, size_t size, struct prediction *preds) {
        struct scan s = { payload, payload + size, 0, false };
        int n = -1, r;

        if (!plain_payload(payload, size, &s.ws))
                return -1;
        ws(&s);
        if (s.p >= s.end || *s.p != '{')
                return -1;
        r = open_container(&s);
        while (r > 0) {
                const char *k;
                size_t kl;

                if (!member_key(&s, &k, &kl))
                        return -1;
                if (key_is(k, kl, "model_breakdown")) {
                        int m;

                        if (n >= 0 || *s.p != '{')
                                return -1;      /* twice, or not an object */
                        n = 0;
                        m = open_container(&s);
                        while (m > 0) {
                                const char *mk;
                                size_t mkl;

                                if (n >= MAX_FAST_PREDICTIONS || !member_key(&s, &mk, &mkl) || mkl >= sizeof(preds[0].buf))
                                        return -1;
                                for (int i = 0; i < n; i++)
                                        if (strlen(preds[i].name) == mkl && memcmp(preds[i].name, mk, mkl) == 0)
                                                return -1;      /* a model twice */
                                preds[n] = (struct prediction) {};
                                memcpy(preds[n].buf, mk, mkl);
                                preds[n].buf[mkl] = '\0';
                                preds[n].name = preds[n].buf;
                                if (!fast_prediction(&s, &preds[n]))
                                        return -1;
                                n++;
                                m = member_end(&s, '}');
                        }
                        if (m < 0)
                                return -1;
                } else if (!value(&s))
                        return -1;
                r = member_end(&s, '}');
        }
        if (r < 0)
                return -1;
        ws(&s);
        return s.p == s.end ? n : -1;      /* no model_breakdown: -1, jansson counts it */
}

int telemetry_decode_full(struct gate_data *d, const char *id, const char *payload, size_t size, unsigned flags) {
        struct prediction preds[MAX_FAST_PREDICTIONS];
        size_t active = 0, seen[_GATE_ACTION_MAX] = {};
        int n;

        if (gate_data_saw_entry(d, id) < 0)
                return -ENOMEM;
        if (!payload)
                return gate_data_malformed(d, id, "no payload field");
        n = flags & TELEMETRY_JANSSON_ONLY ? -1 : decode_fast(payload, size, preds);
        if (n < 0)
                return decode_jansson(d, id, payload, size);
        for (int i = 0; i < n; i++) {
                int a = apply_prediction(d, id, &preds[i]);
                if (a == -ENOMEM)
                        return a;
                if (a >= 0) {
                        active++;
                        seen[a]++;
                }
        }
        ensemble(d, active, seen);
        return 0;
}

int telemetry_decode(struct gate_data *d, const char *id, const char *payload, size_t size) {
        return telemetry_decode_full(d, id, payload, size, 0);
}
