/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "contract.h"
#include "hashmap.h"
#include "macro.h"

/*
 * The model quality gate (seed 001 F: "missing proof = no activation"):
 * each model's predictions gathered from the telemetry, its statistics
 * computed exactly (every confidence kept: no sketch), and a verdict per
 * model against the contract's [Gate] thresholds. Pure: the entries come
 * from src/core/telemetry.c, which decodes what src/backend/ read.
 */

enum gate_action {
        GATE_BUY,
        GATE_SELL,
        GATE_HOLD,
        GATE_OTHER,             /* any other action, or none: counted, shown, never dropped */
        _GATE_ACTION_MAX,
};

const char *gate_action_to_string(enum gate_action a);

/* One model's predictions, as read. */
struct gate_model {
        char *name;                     /* the key in model_breakdown */
        double *conf;                   /* each valid confidence, in [0, 1] after the sigmoid */
        size_t n, alloc;
        size_t actions[_GATE_ACTION_MAX];
        size_t logits;                  /* confidences above 1, mapped through the sigmoid */
        size_t violations;              /* negative, NaN, infinite, non-numeric or missing confidences */
        char *first_violation;          /* "entry ID: why" */
        size_t inactive;                /* predictions marked inactive: skipped */
};

/* What was read: every model, the entries, the ensemble's agreement. */
struct gate_data {
        struct gate_model *models;
        size_t n_models, alloc;
        struct hashmap index;           /* name -> index + 1 */
        size_t entries;                 /* stream entries read */
        size_t malformed;               /* no payload, payload not JSON, model_breakdown not an object */
        char *first_malformed;          /* "entry ID: why" */
        size_t without_breakdown;       /* valid payloads without model_breakdown */
        char *first_id, *last_id;       /* the range read (stream IDs) */
        size_t last_id_alloc;
        /* events with two or more active models giving BUY, SELL or HOLD */
        size_t ensemble_events;
        size_t ensemble_agree;          /* ... where they all give the same action */
        size_t ensemble_buy_sell;       /* ... where one says BUY and another SELL */
};

/* The model of that name, added when new; NULL on OOM. */
struct gate_model *gate_data_model(struct gate_data *d, const char *name);
/* Records one prediction; confidence is the raw value (logits above 1). */
int gate_model_add(struct gate_model *m, enum gate_action a, double confidence);
/* Records a prediction whose confidence fails the model; why is copied for the first. */
int gate_model_violation(struct gate_model *m, const char *entry_id, const char *why);
int gate_data_malformed(struct gate_data *d, const char *entry_id, const char *why);
/* Records the range read: call for each entry, in any order of IDs. */
int gate_data_saw_entry(struct gate_data *d, const char *entry_id);
void gate_data_release(struct gate_data *d);

enum gate_check_id {
        GATE_CHECK_PREDICTIONS,         /* n >= MinPredictions (else INSUFFICIENT) */
        GATE_CHECK_VALID,               /* no violation */
        GATE_CHECK_CLASS_SHARE,         /* the largest class (others counted as one) <= MaxClassShare */
        GATE_CHECK_HOLD_SHARE,          /* HOLD <= MaxHoldShare */
        GATE_CHECK_STD,                 /* population std >= MinStd */
        GATE_CHECK_P10_P90,             /* P90 - P10 >= MinP10P90 */
        GATE_CHECK_CONSTANT,            /* not every confidence the same */
        _GATE_CHECK_MAX,
};

const char *gate_check_to_string(enum gate_check_id c);

struct gate_check {
        bool evaluated;         /* false: no prediction to measure */
        bool passed;
        double value;
        double threshold;
        const char *relation;   /* ">=", "<=", "=": what passing means */
};

enum gate_verdict {
        GATE_PASS,
        GATE_FAIL,
        GATE_INSUFFICIENT,
        _GATE_VERDICT_MAX,
};

const char *gate_verdict_to_string(enum gate_verdict v);

#define GATE_HISTOGRAM_BINS 10

struct gate_result {
        const struct gate_model *model;
        size_t n;
        double share[_GATE_ACTION_MAX];         /* of n; 0 when n is 0 */
        double mean, std, p10, p90;             /* NaN when n is 0 */
        size_t histogram[GATE_HISTOGRAM_BINS];  /* confidences in [0, 0.1), ..., [0.9, 1] */
        struct gate_check checks[_GATE_CHECK_MAX];
        enum gate_verdict verdict;
        char *reason;                           /* one line: what decided the verdict */
};

/* Computes one model's statistics and verdict against the contract's
 * thresholds. Reorders the model's confidences. Returns 0 or -ENOMEM. */
int gate_evaluate(struct gate_model *m, const struct contract *c, struct gate_result *ret);
void gate_result_release(struct gate_result *r);

/* P-th percentile (0..100) of sorted values, linear interpolation (numpy's default). */
double gate_percentile(const double *sorted, size_t n, double p);

/* Stream IDs ("ms-seq", or "ms"), compared as two numbers. */
int stream_id_compare(const char *a, const char *b);
bool stream_id_is_valid(const char *s);
/* --since: a stream ID as it is, or an ISO 8601 time (UTC without a zone:
 * "2026-11-22", "2026-11-22T05:00", "...:05.250", "...Z", "...+01:00") as
 * the first ID at that millisecond. Returns 0 or -EINVAL, -ENOMEM. */
int stream_id_from_since(const char *s, char **ret);
