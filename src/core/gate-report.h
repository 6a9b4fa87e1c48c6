/* SPDX-License-Identifier: MIT */
#pragma once

#include "gate.h"
#include "strbuf.h"

/* The scoreboard's word for a verdict: GO (PASS), WAIT (too little data),
 * NO-GO (FAIL). */
const char *gate_verdict_to_board(enum gate_verdict v);

struct gate_ensemble {
        size_t events;                  /* events with two or more active models */
        double agreement;               /* share where they all agree (NaN without events) */
        double hard_disagreement;       /* share with BUY against SELL (NaN without events) */
        bool agreement_ok, disagreement_ok;
};

void gate_ensemble_evaluate(const struct gate_data *d, const struct contract *c, struct gate_ensemble *ret);

struct gate_report {
        const char *title;              /* "Quality gate" or "Scoreboard" */
        const char *source;             /* "stream S at HOST:PORT", "file F" */
        const char *generated;          /* ISO 8601 UTC */
        const struct contract *c;
        const struct gate_data *d;
        const struct gate_result *results;
        size_t n_results;
        const struct gate_ensemble *ensemble;   /* the scoreboard's; NULL for the gate */
        const char *verdict;            /* the overall line: "PASS", "FAIL", ... */
        int exit_code;
};

/* The Markdown report: per model its distribution, statistics, checks and
 * a text histogram of its confidences. */
int gate_report_markdown(const struct gate_report *r, struct strbuf *out);
