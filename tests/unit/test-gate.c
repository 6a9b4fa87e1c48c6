/* SPDX-License-Identifier: MIT */
#include <math.h>

#include "gate.h"
#include "strbuf.h"
#include "tap.h"
#include "telemetry.h"

#define CHECK_NEAR(a, b) CHECK(fabs((a) - (b)) < 1e-12)

/* numpy.percentile(a, q) of these, computed with numpy 1.24 */
TEST(percentile_linear) {
        const double a[] = { 1, 2, 3, 4, 10 };

        CHECK_NEAR(gate_percentile(a, 5, 10), 1.4);
        CHECK_NEAR(gate_percentile(a, 5, 90), 7.6);
        CHECK_NEAR(gate_percentile(a, 5, 0), 1);
        CHECK_NEAR(gate_percentile(a, 5, 100), 10);
        CHECK_NEAR(gate_percentile(a, 1, 10), 1);
        CHECK(isnan(gate_percentile(a, 0, 10)));
}

static int cmp(const void *a, const void *b) {
        double x = *(const double *) a, y = *(const double *) b;
        return x < y ? -1 : x > y;
}

/* the evaluation's selection gives what the sorted percentile gives, ties and all */
TEST(percentile_by_selection) {
        struct contract c = { .gate_min_predictions = 1 };
        unsigned seed = 1;

        for (size_t n = 1; n < 300; n += 7) {
                struct gate_model m = {};
                struct gate_result r;
                double *sorted = calloc(n, sizeof(double));

                for (size_t i = 0; i < n; i++) {
                        seed = seed * 1103515245 + 12345;
                        /* few distinct values in some rounds: many ties */
                        double v = n % 3 ? (double) (seed >> 16 & 0x7fff) / 32768.0 : (double) (seed >> 16 & 3) / 4.0;
                        CHECK_INTEQ(gate_model_add(&m, GATE_BUY, v), 0);
                        sorted[i] = v;
                }
                qsort(sorted, n, sizeof(double), cmp);
                CHECK_INTEQ(gate_evaluate(&m, &c, &r), 0);
                CHECK(r.p10 == gate_percentile(sorted, n, 10));
                CHECK(r.p90 == gate_percentile(sorted, n, 90));
                gate_result_release(&r);
                free(sorted);
                free(m.conf);
        }
}

TEST(since) {
        char *id = NULL;

        CHECK_INTEQ(stream_id_from_since("1700000000000-5", &id), 0);
        CHECK_STREQ(id, "1700000000000-5");
        free(id);
        CHECK_INTEQ(stream_id_from_since("2026-11-22T05:00:00Z", &id), 0);
        CHECK_STREQ(id, "1795323600000-0");
        free(id);
        CHECK_INTEQ(stream_id_from_since("2026-11-22T06:00:00.25+01:00", &id), 0);
        CHECK_STREQ(id, "1795323600250-0");
        free(id);
        CHECK_INTEQ(stream_id_from_since("2026-11-22", &id), 0);
        CHECK_STREQ(id, "1795305600000-0");
        free(id);
        CHECK_INTEQ(stream_id_from_since("2026-02-30", &id), -EINVAL);
        CHECK_INTEQ(stream_id_from_since("yesterday", &id), -EINVAL);
        CHECK_INTEQ(stream_id_from_since("2026-11-22T05", &id), -EINVAL);
        CHECK_INTEQ(stream_id_from_since("1-2-3", &id), -EINVAL);
        CHECK_INTEQ(stream_id_from_since("", &id), -EINVAL);
        CHECK(stream_id_compare("10-1", "9-5") > 0);
        CHECK(stream_id_compare("10-1", "10-10") < 0);
        CHECK(stream_id_compare("10", "10-0") == 0);
}

static int decode(struct gate_data *d, const char *id, const char *p) {
        return telemetry_decode(d, id, p, p ? strlen(p) : 0);
}

TEST(decode_and_verdicts) {
        struct contract c = { .gate_min_predictions = 2, .gate_max_class_share = 0.7, .gate_min_std = 0.05,
                              .gate_min_p10_p90 = 0.12, .gate_max_hold_share = 0.85 };
        struct gate_data d = {};
        struct gate_result r;

        CHECK_INTEQ(decode(&d, "1-0", "{\"model_breakdown\": {\"a\": {\"action\": \"BUY\", \"confidence\": 0.2},"
                                      " \"b\": {\"action\": \"SELL\", \"confidence\": 3},"
                                      " \"c\": {\"action\": \"HOLD\", \"confidence\": NaN, \"x\": \"NaN\"}}}"), 0);
        CHECK_INTEQ(decode(&d, "2-0", "{\"model_breakdown\": {\"a\": {\"action\": \"SELL\", \"confidence\": 0.9},"
                                      " \"b\": {\"action\": \"buy\", \"confidence\": 0.5, \"inactive\": false},"
                                      " \"c\": {\"inactive\": true}}}"), 0);
        CHECK_INTEQ(decode(&d, "3-0", NULL), 0);
        CHECK_INTEQ(decode(&d, "4-0", "{\"model_breakdown\": 5}"), 0);
        CHECK_INTEQ(decode(&d, "5-0", "{\"other\": 1}"), 0);
        CHECK_INTEQ(decode(&d, "6-0", "[]"), 0);
        CHECK_INTEQ(d.entries, 6);
        CHECK_INTEQ(d.malformed, 3);
        CHECK_INTEQ(d.without_breakdown, 1);
        CHECK_STREQ(d.first_id, "1-0");
        CHECK_STREQ(d.last_id, "6-0");
        CHECK_INTEQ(d.n_models, 3);
        /* one event with two active models (a BUY, b SELL: hard disagreement); b's "buy" is other */
        CHECK_INTEQ(d.ensemble_events, 1);
        CHECK_INTEQ(d.ensemble_buy_sell, 1);
        CHECK_INTEQ(d.ensemble_agree, 0);

        CHECK_INTEQ(gate_evaluate(&d.models[0], &c, &r), 0);
        CHECK_STREQ(r.model->name, "a");
        /* class share 0.5, std 0.35, P90-P10 0.56: each passes */
        CHECK_INTEQ(r.verdict, GATE_PASS);
        CHECK(r.checks[GATE_CHECK_CLASS_SHARE].passed);
        CHECK_NEAR(r.p90 - r.p10, 0.56);
        CHECK_NEAR(r.mean, 0.55);
        CHECK_NEAR(r.std, 0.35);
        gate_result_release(&r);

        CHECK_INTEQ(gate_evaluate(&d.models[1], &c, &r), 0);
        CHECK_INTEQ(d.models[1].logits, 1);
        CHECK_NEAR(d.models[1].conf[1], 1.0 / (1.0 + exp(-3.0)));
        CHECK_INTEQ(d.models[1].actions[GATE_OTHER], 1);
        gate_result_release(&r);

        CHECK_INTEQ(gate_evaluate(&d.models[2], &c, &r), 0);
        CHECK_INTEQ(r.verdict, GATE_FAIL);
        CHECK_INTEQ(d.models[2].violations, 1);
        CHECK_INTEQ(d.models[2].inactive, 1);
        CHECK(strstr(r.reason, "NaN") != NULL);
        gate_result_release(&r);
        gate_data_release(&d);
}

/* Past each limit of the fast decoder (64 models, a 255-byte name, 32
 * levels of nesting, 18-digit integers) jansson decides: the result is
 * the same as jansson's alone. */
static void same_as_jansson(const char *payload) {
        struct gate_data fast = {}, ref = {};

        CHECK_INTEQ(telemetry_decode(&fast, "1-0", payload, strlen(payload)), 0);
        CHECK_INTEQ(telemetry_decode_full(&ref, "1-0", payload, strlen(payload), TELEMETRY_JANSSON_ONLY), 0);
        CHECK_INTEQ(fast.n_models, ref.n_models);
        CHECK_INTEQ(fast.malformed, ref.malformed);
        for (size_t i = 0; i < fast.n_models && i < ref.n_models; i++) {
                CHECK_STREQ(fast.models[i].name, ref.models[i].name);
                CHECK_INTEQ(fast.models[i].n, ref.models[i].n);
                CHECK(fast.models[i].n == 0 || fast.models[i].conf[0] == ref.models[i].conf[0]);
        }
        gate_data_release(&fast);
        gate_data_release(&ref);
}

TEST(fast_decoder_limits) {
        struct strbuf sb = STRBUF_INIT;

        /* 65 models */
        strbuf_addstr(&sb, "{\"model_breakdown\": {");
        for (int i = 0; i < 65; i++)
                strbuf_addf(&sb, "%s\"m%d\": {\"action\": \"BUY\", \"confidence\": 0.%d}", i ? ", " : "", i, i + 10);
        strbuf_addstr(&sb, "}}");
        same_as_jansson(strbuf_str(&sb));
        {
                struct gate_data d = {};
                CHECK_INTEQ(telemetry_decode(&d, "1-0", strbuf_str(&sb), sb.len), 0);
                CHECK_INTEQ(d.n_models, 65);
                gate_data_release(&d);
        }
        strbuf_release(&sb);

        /* a name of 300 bytes */
        strbuf_addstr(&sb, "{\"model_breakdown\": {\"");
        for (int i = 0; i < 300; i++)
                strbuf_addch(&sb, 'n');
        strbuf_addstr(&sb, "\": {\"action\": \"SELL\", \"confidence\": 0.25}}}");
        same_as_jansson(strbuf_str(&sb));
        strbuf_release(&sb);

        /* 40 levels of nesting beside the predictions */
        strbuf_addstr(&sb, "{\"deep\": ");
        for (int i = 0; i < 40; i++)
                strbuf_addch(&sb, '[');
        for (int i = 0; i < 40; i++)
                strbuf_addch(&sb, ']');
        strbuf_addstr(&sb, ", \"model_breakdown\": {\"x\": {\"action\": \"HOLD\", \"confidence\": 1}}}");
        same_as_jansson(strbuf_str(&sb));
        strbuf_release(&sb);

        /* integers of 18 and 19 digits, an overflowing real, "-0", an exponent */
        same_as_jansson("{\"model_breakdown\": {\"a\": {\"confidence\": 123456789012345678}, "
                        "\"b\": {\"confidence\": 1234567890123456789}, \"c\": {\"confidence\": 1e999}}}");
        same_as_jansson("{\"p\": 1e999, \"model_breakdown\": {\"a\": {\"confidence\": 0.5}}}");
        same_as_jansson("{\"model_breakdown\": {\"a\": {\"confidence\": -0}, \"b\": {\"confidence\": 5e-1}, "
                        "\"c\": {\"confidence\": 0.1234567890123456789}}}");
}

int main(void) {
        RUN(percentile_linear);
        RUN(percentile_by_selection);
        RUN(since);
        RUN(decode_and_verdicts);
        RUN(fast_decoder_limits);
        return tap_done();
}
