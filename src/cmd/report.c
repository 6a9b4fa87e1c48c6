/* SPDX-License-Identifier: MIT */
#include <jansson.h>

#include "report.h"
#include "strv.h"
#include "utf8.h"

int report_format_from_string(const char *s) {
        if (streq(s, "text"))
                return REPORT_TEXT;
        if (streq(s, "json"))
                return REPORT_JSON;
        if (streq(s, "sarif"))
                return REPORT_SARIF;
        if (streq(s, "prometheus"))
                return REPORT_PROMETHEUS;
        return -EINVAL;
}

bool report_has_violations(const struct audit *a, enum severity fail_on) {
        for (size_t i = 0; i < a->n_findings; i++)
                if (!a->findings[i].suppressed && a->findings[i].rule->severity >= fail_on)
                        return true;
        return false;
}

static size_t count_files(const struct audit *a) {
        size_t n = 0;
        const char *last = NULL;

        for (size_t i = 0; i < a->n_findings; i++) {
                const char *p = a->findings[i].path;
                if (a->findings[i].suppressed || !p)
                        continue;
                if (!last || !streq(last, p))
                        n++;
                last = p;
        }
        return n;
}

/* ---- text ---- */

static const char *sev_color(enum severity s) {
        return s == SEVERITY_ERROR ? "\033[1;31m" : s == SEVERITY_WARNING ? "\033[1;33m" : "\033[1;34m";
}

static void escape_byte(struct strbuf *out, unsigned char c) {
        if (c == '\n')
                strbuf_addstr(out, "\\n");
        else if (c == '\r')
                strbuf_addstr(out, "\\r");
        else if (c == '\t')
                strbuf_addstr(out, "\\t");
        else
                strbuf_addf(out, "\\x%02x", c);
}

/* Appends s with control characters (C0, DEL, C1) and bytes that are not
 * valid UTF-8 escaped, so that one finding stays on one line and a value
 * read from a file cannot drive the terminal. Backslashes are kept. */
static void text_escape_append(struct strbuf *out, const char *s) {
        while (*s) {
                int l = utf8_encoded_valid_unichar(s, SIZE_MAX);
                unsigned char c = (unsigned char) *s;
                size_t n = l > 0 ? (size_t) l : 1;

                /* U+0080..U+009F are 0xc2 0x80..0x9f */
                if (l < 0 || c < 0x20 || c == 0x7f || (c == 0xc2 && (unsigned char) s[1] < 0xa0))
                        for (size_t i = 0; i < n; i++)
                                escape_byte(out, (unsigned char) s[i]);
                else
                        strbuf_add(out, s, n);
                s += n;
        }
}

static int write_text(const struct audit *a, const struct report_options *o, struct strbuf *out) {
        const char *bold = o->color ? "\033[1m" : "", *dim = o->color ? "\033[2m" : "", *off = o->color ? "\033[0m" : "";
        const char *last = "\x01";
        size_t counts[3], suppressed;
        const struct rule **fixed = calloc(a->n_findings + 1, sizeof(*fixed));
        size_t n_fixed = 0;

        if (!fixed)
                return -ENOMEM;
        for (size_t i = 0; i < a->n_findings; i++) {
                const struct finding *f = &a->findings[i];
                const char *group = f->path ? f->path : "(host)";

                if (f->suppressed && !o->show_suppressed)
                        continue;
                if (!streq(group, last)) {
                        strbuf_addf(out, "%s%s", i ? "\n" : "", bold);
                        text_escape_append(out, group);
                        strbuf_addf(out, "%s\n", off);
                        last = group;
                }
                if (f->line > 0)
                        strbuf_addf(out, "  %4u  ", f->line);
                else
                        strbuf_addstr(out, "        ");
                strbuf_addf(out, "%s%-7s%s %s %s%s%s: ", o->color ? sev_color(f->rule->severity) : "",
                            severity_to_string(f->rule->severity), off, f->rule->id, dim, f->rule->name, off);
                text_escape_append(out, f->message);
                strbuf_addstr(out, f->suppressed ? " [suppressed]\n" : "\n");
                if (f->suppressed) {
                        strbuf_addf(out, "              %ssuppressed by ", dim);
                        text_escape_append(out, f->suppression);
                        strbuf_addf(out, "%s\n", off);
                } else {
                        /* the fix once per rule: later findings of the rule refer to it */
                        bool seen = false;
                        for (size_t j = 0; j < n_fixed; j++)
                                if (fixed[j] == f->rule)
                                        seen = true;
                        if (!seen) {
                                strbuf_addf(out, "              %sfix: %s%s\n", dim, f->rule->fix, off);
                                fixed[n_fixed++] = f->rule;
                        }
                }
        }
        free(fixed);
        audit_count(a, counts, &suppressed);
        if (a->n_findings > suppressed || (o->show_suppressed && suppressed))
                strbuf_addch(out, '\n');
        STRV_FOREACH(s, a->skipped) {
                strbuf_addf(out, "%snot checked: ", dim);
                text_escape_append(out, *s);
                strbuf_addf(out, "%s\n", off);
        }
        strbuf_addf(out, "%s%zu error%s, %zu warning%s, %zu info%s in %zu file%s; %zu suppressed; %zu service%s audited",
                    bold, counts[SEVERITY_ERROR], counts[SEVERITY_ERROR] == 1 ? "" : "s",
                    counts[SEVERITY_WARNING], counts[SEVERITY_WARNING] == 1 ? "" : "s", counts[SEVERITY_INFO], off,
                    count_files(a), count_files(a) == 1 ? "" : "s", suppressed, a->n_services,
                    a->n_services == 1 ? "" : "s");
        if (o->root) {
                strbuf_addstr(out, " under ");
                text_escape_append(out, o->root);
        }
        strbuf_addf(out, "%s\n", report_has_violations(a, o->fail_on) ? "" : " - compliant");
        if (a->n_findings > suppressed)
                strbuf_addf(out, "%s'goldctl audit --explain ID' explains a rule with examples.%s\n", dim, off);
        return strbuf_error(out);
}

/* ---- json ---- */

static json_t *finding_json(const struct finding *f) {
        return json_pack("{s:s, s:s, s:s, s:s?, s:i, s:s?, s:s, s:b, s:s?, s:s}",
                         "rule", f->rule->id,
                         "name", f->rule->name,
                         "severity", severity_to_string(f->rule->severity),
                         "path", f->path,
                         "line", (int) f->line,
                         "unit", f->unit,
                         "message", f->message,
                         "suppressed", f->suppressed,
                         "suppression", f->suppression,
                         "fix", f->rule->fix);
}

static int dump(json_t *root, struct strbuf *out) {
        char *s;

        if (!root)
                return -ENOMEM;
        s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(root);
        if (!s)
                return -ENOMEM;
        strbuf_addstr(out, s);
        strbuf_addch(out, '\n');
        free(s);
        return strbuf_error(out);
}

static int write_json(const struct audit *a, const struct report_options *o, struct strbuf *out) {
        json_t *findings = json_array(), *services = json_array(), *skipped = json_array(), *root;
        size_t counts[3], suppressed;

        if (!findings || !services || !skipped)
                goto oom;
        for (size_t i = 0; i < a->n_findings; i++)
                if (json_array_append_new(findings, finding_json(&a->findings[i])) < 0)
                        goto oom;
        for (size_t i = 0; i < a->n_services; i++)
                if (json_array_append_new(services, json_pack("{s:s, s:s, s:s?, s:s, s:b}", "unit", a->services[i].unit,
                                                              "service", a->services[i].name, "venv", a->services[i].venv,
                                                              "env_file", a->services[i].env_path,
                                                              "ops_job", a->services[i].ops_job)) < 0)
                        goto oom;
        STRV_FOREACH(s, a->skipped)
                if (json_array_append_new(skipped, json_string(*s)) < 0)
                        goto oom;
        audit_count(a, counts, &suppressed);
        root = json_pack("{s:s, s:s?, s:o, s:{s:i, s:i, s:i, s:i, s:b, s:s}, s:o, s:o}",
                         "goldctl", o->version,
                         "root", o->root,
                         "findings", findings,
                         "summary",
                         "errors", (int) counts[SEVERITY_ERROR],
                         "warnings", (int) counts[SEVERITY_WARNING],
                         "info", (int) counts[SEVERITY_INFO],
                         "suppressed", (int) suppressed,
                         "compliant", !report_has_violations(a, o->fail_on),
                         "fail_on", severity_to_string(o->fail_on),
                         "services", services,
                         "not_checked", skipped);
        return dump(root, out);
oom:
        json_decref(findings);
        json_decref(services);
        json_decref(skipped);
        return -ENOMEM;
}

/* ---- sarif ---- */

static const char *sarif_level(enum severity s) {
        return s == SEVERITY_ERROR ? "error" : s == SEVERITY_WARNING ? "warning" : "note";
}

/* A stable fingerprint: rule, path and message, not the line (which moves). */
static void fingerprint(const struct finding *f, char buf[17]) {
        uint64_t h = 1469598103934665603ULL;
        const char *parts[] = { f->rule->id, f->path ? f->path : "", f->unit ? f->unit : "", f->message };

        for (size_t i = 0; i < ELEMENTSOF(parts); i++) {
                for (const char *p = parts[i]; *p; p++) {
                        h ^= (unsigned char) *p;
                        h *= 1099511628211ULL;
                }
                h ^= 0xff;
                h *= 1099511628211ULL;
        }
        snprintf(buf, 17, "%016llx", (unsigned long long) h);
}

static json_t *sarif_rule(const struct rule *r) {
        _cleanup_strbuf_ struct strbuf md = STRBUF_INIT;

        strbuf_addf(&md, "**%s %s** (seed %s)\n\n%s\n\n**Why:** %s\n\n**Fix:** %s\n\nRun `goldctl audit --explain %s` "
                    "for examples.", r->id, r->name, r->seed, r->summary, r->rationale, r->fix, r->id);
        if (strbuf_error(&md) < 0)
                return NULL;
        return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:[s], s:s}}",
                         "id", r->id,
                         "name", r->name,
                         "shortDescription", "text", r->summary,
                         "fullDescription", "text", r->rationale,
                         "help", "text", r->fix, "markdown", strbuf_str(&md),
                         "defaultConfiguration", "level", sarif_level(r->severity),
                         "properties", "tags", r->family, "precision", "very-high");
}

/* One location, relative to the audited host's root (uriBaseId ROOT), as
 * GitHub wants; startLine 0: no region (a directory). */
/* A relative URI reference (RFC 3986) for a path: every byte outside the
 * unreserved set and '/' is percent-encoded (blanks, '#', '%', newlines). */
static char *uri_encode(const char *path) {
        static const char hex[] = "0123456789ABCDEF";
        struct strbuf sb = STRBUF_INIT;

        for (const unsigned char *p = (const unsigned char *) path; *p; p++) {
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                    strchr("-._~/", *p))
                        strbuf_addch(&sb, (char) *p);
                else {
                        strbuf_addch(&sb, '%');
                        strbuf_addch(&sb, hex[*p >> 4]);
                        strbuf_addch(&sb, hex[*p & 15]);
                }
        }
        return strbuf_detach(&sb, NULL);
}

static json_t *sarif_location(const char *host_path, unsigned line) {
        _cleanup_free_ char *uri = uri_encode(host_path + (host_path[0] == '/'));
        json_t *loc;

        if (!uri)
                return NULL;
        loc = json_pack("{s:{s:{s:s, s:s}}}", "physicalLocation", "artifactLocation", "uri", uri, "uriBaseId", "ROOT");
        if (!loc)
                return NULL;
        if (line > 0 &&
            json_object_set_new(json_object_get(loc, "physicalLocation"), "region", json_pack("{s:i}", "startLine", (int) line)) < 0) {
                json_decref(loc);
                return NULL;
        }
        return json_pack("[o]", loc);
}

/* GitHub code scanning refuses a result without a location, so a finding
 * about no file gets the nearest file there is: its unit's fragment, else
 * the contract file, else the unit directory. */
static json_t *sarif_locations(const struct audit *a, const struct report_options *o, const struct finding *f) {
        const struct unit *u;

        if (f->path)
                return sarif_location(f->path, f->line > 0 ? f->line : 1);
        u = f->unit ? unit_loader_get(&a->loader, f->unit) : NULL;
        if (u && u->fragment_path)
                return sarif_location(u->fragment_path, 1);
        if (o->contract_path)
                return sarif_location(o->contract_path, 1);
        if (a->o && a->o->unit_path && a->o->unit_path[0])
                return sarif_location(a->o->unit_path[0], 0);
        return sarif_location("/etc/systemd/system", 0);
}

static int write_sarif(const struct audit *a, const struct report_options *o, struct strbuf *out) {
        const struct rule *const *all = rules_all();
        json_t *rules = json_array(), *results = json_array(), *root;

        if (!rules || !results || !all)
                goto oom;
        for (size_t i = 0; all[i]; i++)
                if (json_array_append_new(rules, sarif_rule(all[i])) < 0)
                        goto oom;
        for (size_t i = 0; i < a->n_findings; i++) {
                const struct finding *f = &a->findings[i];
                json_t *res, *loc;
                char fp[17];
                size_t index = 0;

                for (size_t j = 0; all[j]; j++)
                        if (all[j] == f->rule)
                                index = j;
                fingerprint(f, fp);
                loc = sarif_locations(a, o, f);
                if (!loc)
                        goto oom;
                res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:{s:s}, s:o}",
                                "ruleId", f->rule->id,
                                "ruleIndex", (int) index,
                                "level", sarif_level(f->rule->severity),
                                "message", "text", f->message,
                                "partialFingerprints", "goldctlFindingHash/v1", fp,
                                "locations", loc);
                if (!res)
                        goto oom;
                if (f->suppressed)
                        json_object_set_new(res, "suppressions",
                                            json_pack("[{s:s, s:s}]", "kind",
                                                      startswith(f->suppression, "inline") ? "inSource" : "external",
                                                      "justification", f->suppression));
                if (json_array_append_new(results, res) < 0)
                        goto oom;
        }
        root = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:{s:{s:s}}, s:o}]}",
                         "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
                         "version", "2.1.0",
                         "runs",
                         "tool", "driver",
                         "name", "goldctl",
                         "version", o->version,
                         "rules", rules,
                         "originalUriBaseIds", "ROOT", "uri", "file:///",
                         "results", results);
        return dump(root, out);
oom:
        json_decref(rules);
        json_decref(results);
        return -ENOMEM;
}

/* ---- prometheus ---- */

#define PROM_SUCCESS_HEAD                                                               \
        "# HELP goldctl_audit_success 1 when the last audit could run.\n"               \
        "# TYPE goldctl_audit_success gauge\n"
#define PROM_LAST_RUN_HEAD                                                              \
        "# HELP goldctl_audit_last_run_timestamp_seconds When the last audit ran.\n"    \
        "# TYPE goldctl_audit_last_run_timestamp_seconds gauge\n"

static int write_prometheus(const struct audit *a, const struct report_options *o, struct strbuf *out) {
        const struct rule *const *all = rules_all();
        size_t counts[3], suppressed;

        if (!all)
                return -ENOMEM;
        audit_count(a, counts, &suppressed);
        strbuf_addstr(out, "# HELP goldctl_audit_findings Unsuppressed findings of the last audit, by rule.\n"
                           "# TYPE goldctl_audit_findings gauge\n");
        for (size_t i = 0; all[i]; i++) {
                size_t n = 0;
                for (size_t j = 0; j < a->n_findings; j++)
                        if (a->findings[j].rule == all[i] && !a->findings[j].suppressed)
                                n++;
                strbuf_addf(out, "goldctl_audit_findings{rule=\"%s\",name=\"%s\",severity=\"%s\"} %zu\n", all[i]->id,
                            all[i]->name, severity_to_string(all[i]->severity), n);
        }
        strbuf_addstr(out, "# HELP goldctl_audit_findings_by_severity Unsuppressed findings of the last audit, by severity.\n"
                           "# TYPE goldctl_audit_findings_by_severity gauge\n");
        for (int s = SEVERITY_ERROR; s >= SEVERITY_INFO; s--)
                strbuf_addf(out, "goldctl_audit_findings_by_severity{severity=\"%s\"} %zu\n", severity_to_string(s),
                            counts[s]);
        strbuf_addf(out, "# HELP goldctl_audit_suppressed_findings Findings suppressed in the last audit.\n"
                         "# TYPE goldctl_audit_suppressed_findings gauge\n"
                         "goldctl_audit_suppressed_findings %zu\n"
                         "# HELP goldctl_audit_services Services audited.\n"
                         "# TYPE goldctl_audit_services gauge\n"
                         "goldctl_audit_services %zu\n"
                         "# HELP goldctl_audit_compliant 1 when the last audit found no violation at or above --fail-on.\n"
                         "# TYPE goldctl_audit_compliant gauge\n"
                         "goldctl_audit_compliant %d\n"
                         PROM_SUCCESS_HEAD
                         "goldctl_audit_success 1\n"
                         PROM_LAST_RUN_HEAD
                         "goldctl_audit_last_run_timestamp_seconds %lld\n",
                    suppressed, a->n_services, report_has_violations(a, o->fail_on) ? 0 : 1, o->now);
        return strbuf_error(out);
}

int report_prometheus_failed(long long now, struct strbuf *out) {
        strbuf_addf(out, PROM_SUCCESS_HEAD
                         "goldctl_audit_success 0\n"
                         PROM_LAST_RUN_HEAD
                         "goldctl_audit_last_run_timestamp_seconds %lld\n", now);
        return strbuf_error(out);
}

int report_write(const struct audit *a, const struct report_options *o, struct strbuf *out) {
        switch (o->format) {
        case REPORT_TEXT: return write_text(a, o, out);
        case REPORT_JSON: return write_json(a, o, out);
        case REPORT_SARIF: return write_sarif(a, o, out);
        case REPORT_PROMETHEUS: return write_prometheus(a, o, out);
        }
        return -EINVAL;
}

int report_rules(enum report_format f, struct strbuf *out) {
        const struct rule *const *all = rules_all();

        if (!all)
                return -ENOMEM;
        if (f == REPORT_JSON) {
                json_t *arr = json_array();
                if (!arr)
                        return -ENOMEM;
                for (size_t i = 0; all[i]; i++)
                        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
                                                             "id", all[i]->id, "name", all[i]->name,
                                                             "severity", severity_to_string(all[i]->severity),
                                                             "family", all[i]->family, "seed", all[i]->seed,
                                                             "summary", all[i]->summary, "rationale", all[i]->rationale,
                                                             "fix", all[i]->fix, "live", all[i]->live));
                return dump(arr, out);
        }
        for (size_t i = 0; all[i]; i++)
                strbuf_addf(out, "%s  %-26s %-7s %-10s %s\n", all[i]->id, all[i]->name,
                            severity_to_string(all[i]->severity), all[i]->family, all[i]->summary);
        return strbuf_error(out);
}
