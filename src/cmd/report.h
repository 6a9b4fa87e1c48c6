/* SPDX-License-Identifier: MIT */
#pragma once

#include "audit.h"
#include "strbuf.h"

/*
 * An audit's findings in the formats people and machines read:
 *
 *  - text: grouped by file, one finding a line with the physical line, the
 *    severity, the rule and the message, the fix underneath; a summary line;
 *    colour only when asked (the caller decides: a TTY and no NO_COLOR);
 *  - json: {"findings": [{rule, name, severity, path, line, message,
 *    suppressed, ...}], "summary": {...}};
 *  - sarif: SARIF 2.1.0 as GitHub code scanning accepts it: every result has
 *    a location, also a finding about no file (its unit's fragment, else the
 *    contract file, else the unit directory);
 *  - prometheus: a node_exporter textfile (findings by rule and severity,
 *    last run time, success, compliance).
 *
 * Text is for a terminal: control characters and invalid UTF-8 in paths and
 * messages (from file names, env values) are escaped (\n, \t, \xNN), so a
 * finding stays on one line and cannot drive the terminal. JSON and SARIF
 * carry them as JSON escapes.
 *
 * The output is appended to a strbuf; the caller writes it out. The report
 * borrows everything it is given and keeps nothing.
 */

enum report_format {
        REPORT_TEXT,
        REPORT_JSON,
        REPORT_SARIF,
        REPORT_PROMETHEUS,
};

int report_format_from_string(const char *s);

struct report_options {
        enum report_format format;
        bool color;
        bool show_suppressed;           /* text: list suppressed findings too */
        enum severity fail_on;          /* what counts as a violation for "compliant" */
        const char *root;               /* shown in the summary; NULL for the live host */
        long long now;                  /* seconds since the epoch (prometheus) */
        const char *version;
        const char *contract_path;      /* sarif: the contract file as on the audited host, the location of a
                                         * finding about no file and no unit with a fragment; NULL: none */
};

int report_write(const struct audit *a, const struct report_options *o, struct strbuf *out);

/* The prometheus textfile of a run that could not audit (exit 2):
 * goldctl_audit_success 0 and the time, and no finding counts, which would
 * be stale. */
int report_prometheus_failed(long long now, struct strbuf *out);

/* Whether the audit found a violation at or above fail_on (unsuppressed). */
bool report_has_violations(const struct audit *a, enum severity fail_on);

/* The rules table as text (goldctl audit --list-rules). */
int report_rules(enum report_format f, struct strbuf *out);
