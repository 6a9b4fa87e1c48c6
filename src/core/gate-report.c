/* SPDX-License-Identifier: MIT */
#include <math.h>

#include "gate-report.h"

const char *gate_verdict_to_board(enum gate_verdict v) {
        switch (v) {
        case GATE_PASS: return "GO";
        case GATE_FAIL: return "NO-GO";
        case GATE_INSUFFICIENT: return "WAIT";
        default: return "?";
        }
}

void gate_ensemble_evaluate(const struct gate_data *d, const struct contract *c, struct gate_ensemble *e) {
        *e = (struct gate_ensemble) { .events = d->ensemble_events, .agreement = NAN, .hard_disagreement = NAN,
                                      .agreement_ok = true, .disagreement_ok = true };
        if (d->ensemble_events == 0)
                return;
        e->agreement = (double) d->ensemble_agree / (double) d->ensemble_events;
        e->hard_disagreement = (double) d->ensemble_buy_sell / (double) d->ensemble_events;
        e->agreement_ok = e->agreement >= c->gate_min_agreement;
        e->disagreement_ok = e->hard_disagreement <= c->gate_max_hard_disagreement;
}

static void num(struct strbuf *out, double v) {
        if (isnan(v))
                strbuf_addstr(out, "-");
        else
                strbuf_addf(out, "%.4f", v);
}

static void pct(struct strbuf *out, double v) {
        strbuf_addf(out, "%.1f%%", v * 100.0);
}

static void model_section(struct strbuf *out, const struct gate_report *r, const struct gate_result *g) {
        const struct gate_model *m = g->model;
        size_t max = 0;

        strbuf_addf(out, "\n## %s: %s%s%s\n\n%s\n\n", m->name, g->verdict == GATE_PASS ? "" : "**",
                    r->ensemble ? gate_verdict_to_board(g->verdict) : gate_verdict_to_string(g->verdict),
                    g->verdict == GATE_PASS ? "" : "**", g->reason);
        strbuf_addf(out, "Predictions: %zu; inactive (skipped): %zu; confidences above 1 (logits, sigmoid): %zu; "
                    "invalid confidences: %zu\n\n", g->n, m->inactive, m->logits, m->violations);
        strbuf_addstr(out, "| action | count | share |\n|---|---:|---:|\n");
        for (int a = 0; a < _GATE_ACTION_MAX; a++) {
                strbuf_addf(out, "| %s | %zu | ", gate_action_to_string((enum gate_action) a), m->actions[a]);
                pct(out, g->share[a]);
                strbuf_addstr(out, " |\n");
        }
        strbuf_addstr(out, "\n| statistic | value |\n|---|---:|\n| mean | ");
        num(out, g->mean);
        strbuf_addstr(out, " |\n| std (population) | ");
        num(out, g->std);
        strbuf_addstr(out, " |\n| P10 | ");
        num(out, g->p10);
        strbuf_addstr(out, " |\n| P90 | ");
        num(out, g->p90);
        strbuf_addstr(out, " |\n| P90 - P10 | ");
        num(out, g->n ? g->p90 - g->p10 : NAN);
        strbuf_addstr(out, " |\n\n| check | value | needs | result |\n|---|---:|---|---|\n");
        for (int i = 0; i < _GATE_CHECK_MAX; i++) {
                const struct gate_check *ck = &g->checks[i];
                strbuf_addf(out, "| %s | ", gate_check_to_string((enum gate_check_id) i));
                if (ck->evaluated) {
                        strbuf_addf(out, "%.4g | %s %.4g | %s |\n", ck->value, ck->relation, ck->threshold,
                                    ck->passed ? "pass" : "**fail**");
                } else
                        strbuf_addstr(out, "- | - | not measured (no prediction) |\n");
        }
        for (int b = 0; b < GATE_HISTOGRAM_BINS; b++)
                if (g->histogram[b] > max)
                        max = g->histogram[b];
        strbuf_addstr(out, "\nConfidence histogram:\n\n```\n");
        for (int b = 0; b < GATE_HISTOGRAM_BINS; b++) {
                size_t w = max ? (g->histogram[b] * 40 + max - 1) / max : 0;
                strbuf_addf(out, "%.1f-%.1f %8zu ", b / 10.0, (b + 1) / 10.0, g->histogram[b]);
                for (size_t k = 0; k < w; k++)
                        strbuf_addch(out, '#');
                strbuf_addch(out, '\n');
        }
        strbuf_addstr(out, "```\n");
        if (m->first_violation)
                strbuf_addf(out, "\nFirst invalid confidence: %s\n", m->first_violation);
}

int gate_report_markdown(const struct gate_report *r, struct strbuf *out) {
        const struct gate_data *d = r->d;
        const struct contract *c = r->c;

        strbuf_addf(out, "# %s: %s\n\n", r->title, r->verdict);
        strbuf_addf(out, "- generated: %s (goldctl)\n- telemetry: %s\n", r->generated, r->source);
        strbuf_addf(out, "- entries read: %zu", d->entries);
        if (d->first_id)
                strbuf_addf(out, " (IDs %s to %s)", d->first_id, d->last_id);
        strbuf_addf(out, "\n- malformed entries: %zu%s%s\n- entries without model_breakdown: %zu\n", d->malformed,
                    d->first_malformed ? "; first: " : "", d->first_malformed ? d->first_malformed : "",
                    d->without_breakdown);
        strbuf_addf(out, "- thresholds: at least %u predictions per model, no class above ", c->gate_min_predictions);
        pct(out, c->gate_max_class_share);
        strbuf_addstr(out, ", HOLD at most ");
        pct(out, c->gate_max_hold_share);
        strbuf_addf(out, ", std at least %.4g, P90-P10 at least %.4g, no constant output\n", c->gate_min_std,
                    c->gate_min_p10_p90);
        strbuf_addf(out, "- exit status: %d\n", r->exit_code);
        if (r->ensemble) {
                const struct gate_ensemble *e = r->ensemble;
                strbuf_addf(out, "\n## Ensemble\n\nEvents with two or more active models: %zu\n\n", e->events);
                strbuf_addstr(out, "| measure | value | needs | result |\n|---|---:|---|---|\n| agreement | ");
                if (e->events)
                        pct(out, e->agreement);
                else
                        strbuf_addstr(out, "-");
                strbuf_addstr(out, " | >= ");
                pct(out, c->gate_min_agreement);
                strbuf_addf(out, " | %s |\n| BUY vs SELL | ", e->agreement_ok ? "ok" : "**alert**");
                if (e->events)
                        pct(out, e->hard_disagreement);
                else
                        strbuf_addstr(out, "-");
                strbuf_addstr(out, " | <= ");
                pct(out, c->gate_max_hard_disagreement);
                strbuf_addf(out, " | %s |\n", e->disagreement_ok ? "ok" : "**alert**");
        }
        strbuf_addstr(out, "\n## Summary\n\n| model | verdict | n | BUY | SELL | HOLD | other | mean | std | P10 | P90 |\n"
                           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (size_t i = 0; i < r->n_results; i++) {
                const struct gate_result *g = &r->results[i];
                strbuf_addf(out, "| %s | %s | %zu |", g->model->name,
                            r->ensemble ? gate_verdict_to_board(g->verdict) : gate_verdict_to_string(g->verdict), g->n);
                for (int a = 0; a < _GATE_ACTION_MAX; a++) {
                        strbuf_addch(out, ' ');
                        pct(out, g->share[a]);
                        strbuf_addstr(out, " |");
                }
                strbuf_addch(out, ' ');
                num(out, g->mean);
                strbuf_addstr(out, " | ");
                num(out, g->std);
                strbuf_addstr(out, " | ");
                num(out, g->p10);
                strbuf_addstr(out, " | ");
                num(out, g->p90);
                strbuf_addstr(out, " |\n");
        }
        if (r->n_results == 0)
                strbuf_addstr(out, "| (no model) | INSUFFICIENT | 0 | | | | | | | | |\n");
        for (size_t i = 0; i < r->n_results; i++)
                model_section(out, r, &r->results[i]);
        return strbuf_error(out);
}
