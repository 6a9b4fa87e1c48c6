/* SPDX-License-Identifier: MIT */
/* Fuzzes the telemetry decoder (a payload of the prediction stream), the
 * gate's statistics over what it decoded, and the --since parser. */
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "telemetry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct contract c = { .gate_min_predictions = 1, .gate_max_class_share = 0.7, .gate_min_std = 0.05,
                              .gate_min_p10_p90 = 0.12, .gate_max_hold_share = 0.85 };
        struct gate_data d = {};
        char *s, *id = NULL;

        if (size > 1024 * 1024)
                return 0;
        /* the same bytes twice: two entries, so the ensemble and the ID range see more than one */
        if (telemetry_decode(&d, "1-0", (const char *) data, size) == 0 &&
            telemetry_decode(&d, "2-0", (const char *) data, size) == 0)
                for (size_t i = 0; i < d.n_models; i++) {
                        struct gate_result r;
                        if (gate_evaluate(&d.models[i], &c, &r) == 0)
                                gate_result_release(&r);
                }
        gate_data_release(&d);
        s = strndup((const char *) data, size < 64 ? size : 64);
        if (s && stream_id_from_since(s, &id) == 0)
                free(id);
        free(s);
        return 0;
}
