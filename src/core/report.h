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
 *  - sarif: SARIF 2.1.0 as GitHub code scanning accepts it;
 *  - prometheus: a node_exporter textfile (findings by rule and severity,
 *    last run time, success, compliance).
 *
 * The output is appended to a strbuf; the caller writes it out.
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
};

int report_write(const struct audit *a, const struct report_options *o, struct strbuf *out);

/* Whether the audit found a violation at or above fail_on (unsuppressed). */
bool report_has_violations(const struct audit *a, enum severity fail_on);

/* The rules table as text (goldctl audit --list-rules). */
int report_rules(enum report_format f, struct strbuf *out);
