/* SPDX-License-Identifier: MIT */
/*
 * Fuzzes the telemetry decoder (a payload of the prediction stream) two
 * ways and requires the same result: the fast path with jansson behind it,
 * and jansson alone (the reference). Then the gate's statistics over what
 * was decoded, and the --since parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "telemetry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(bool ok, const char *what) {
        if (!ok) {
                fprintf(stderr, "the fast decoder and jansson differ: %s\n", what);
                abort();
        }
}

static bool streq_null(const char *a, const char *b) {
        return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void compare(const struct gate_data *a, const struct gate_data *b) {
        same(a->entries == b->entries && a->malformed == b->malformed && a->without_breakdown == b->without_breakdown,
             "entry counts");
        same(streq_null(a->first_malformed, b->first_malformed), "first malformed");
        same(a->ensemble_events == b->ensemble_events && a->ensemble_agree == b->ensemble_agree &&
             a->ensemble_buy_sell == b->ensemble_buy_sell, "ensemble");
        same(a->n_models == b->n_models, "number of models");
        for (size_t i = 0; i < a->n_models; i++) {
                const struct gate_model *x = &a->models[i], *y = &b->models[i];
                same(strcmp(x->name, y->name) == 0, "model order or name");
                same(x->n == y->n && x->logits == y->logits && x->violations == y->violations &&
                     x->inactive == y->inactive && memcmp(x->actions, y->actions, sizeof(x->actions)) == 0, "counts");
                same(x->n == 0 || memcmp(x->conf, y->conf, x->n * sizeof(double)) == 0, "confidences");
                same(streq_null(x->first_violation, y->first_violation), "first violation");
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct contract c = { .gate_min_predictions = 1, .gate_max_class_share = 0.7, .gate_min_std = 0.05,
                              .gate_min_p10_p90 = 0.12, .gate_max_hold_share = 0.85 };
        struct gate_data d = {}, ref = {};
        char *s, *id = NULL;

        if (size > 1024 * 1024)
                return 0;
        /* the same bytes twice: two entries, so the ensemble and the ID range see more than one */
        if (telemetry_decode(&d, "1-0", (const char *) data, size) == 0 &&
            telemetry_decode(&d, "2-0", (const char *) data, size) == 0 &&
            telemetry_decode_full(&ref, "1-0", (const char *) data, size, TELEMETRY_JANSSON_ONLY) == 0 &&
            telemetry_decode_full(&ref, "2-0", (const char *) data, size, TELEMETRY_JANSSON_ONLY) == 0) {
                compare(&d, &ref);
                for (size_t i = 0; i < d.n_models; i++) {
                        struct gate_result r;
                        if (gate_evaluate(&d.models[i], &c, &r) == 0)
                                gate_result_release(&r);
                }
        }
        gate_data_release(&d);
        gate_data_release(&ref);
        /* the input is not NUL-terminated: copied, not strndup()ed */
        s = malloc((size < 64 ? size : 64) + 1);
        if (s) {
                memcpy(s, data, size < 64 ? size : 64);
                s[size < 64 ? size : 64] = '\0';
                if (stream_id_from_since(s, &id) == 0)
                        free(id);
                free(s);
        }
        return 0;
}
