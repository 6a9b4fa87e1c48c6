/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "gate.h"

/*
 * Decoding the prediction telemetry (DESIGN.md, Telemetry): each entry of
 * the stream has a "payload" field holding JSON whose "model_breakdown"
 * maps a model's key to {"action": "BUY"|"SELL"|"HOLD", "confidence":
 * number, "model": name, ["inactive": bool]}.
 *
 *  - a prediction marked "inactive": true is skipped (and counted);
 *  - an action other than BUY, SELL and HOLD (or none) counts as "other";
 *  - a confidence above 1 is a logit: mapped through the sigmoid, counted;
 *  - a confidence that is negative, NaN, infinite (Python writes NaN,
 *    Infinity and -Infinity into JSON), missing or not a number is a
 *    violation that fails the model;
 *  - an entry without a payload, with a payload that is not a JSON object,
 *    or whose model_breakdown is not an object, is malformed;
 *  - a valid payload without model_breakdown is counted and adds nothing.
 */

/* Decodes one entry into d. payload may be NULL (the entry has no payload
 * field). Returns 0 (malformed entries are recorded in d) or -ENOMEM. */
int telemetry_decode(struct gate_data *d, const char *entry_id, const char *payload, size_t size);

enum {
        TELEMETRY_JANSSON_ONLY = 1 << 0,        /* no fast path: the reference decoder alone */
};

/* The same, with flags. Payloads that are plain (ASCII, no escapes, each
 * key of a prediction once) are read in one validating pass; every other is
 * decoded by jansson, which is the reference: both give the same result
 * (tests/fuzz/fuzz-telemetry.c compares them). */
int telemetry_decode_full(struct gate_data *d, const char *entry_id, const char *payload, size_t size, unsigned flags);
