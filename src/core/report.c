/* SPDX-License-Identifier: MIT */
#include <jansson.h>

#include "report.h"
#include "strv.h"

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
                        strbuf_addf(out, "%s%s%s%s\n", i ? "\n" : "", bold, group, off);
                        last = group;
                }
                if (f->line > 0)
                        strbuf_addf(out, "  %4u  ", f->line);
                else
                        strbuf_addstr(out, "        ");
                strbuf_addf(out, "%s%-7s%s %s %s%s%s: %s%s\n", o->color ? sev_color(f->rule->severity) : "",
                            severity_to_string(f->rule->severity), off, f->rule->id, dim, f->rule->name, off, f->message,
                            f->suppressed ? " [suppressed]" : "");
                if (f->suppressed)
                        strbuf_addf(out, "              %ssuppressed by %s%s\n", dim, f->suppression, off);
                else {
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
        STRV_FOREACH(s, a->skipped)
                strbuf_addf(out, "%snot checked: %s%s\n", dim, *s, off);
        strbuf_addf(out, "%s%zu error%s, %zu warning%s, %zu info%s in %zu file%s; %zu suppressed; %zu service%s audited%s%s%s\n",
                    bold, counts[SEVERITY_ERROR], counts[SEVERITY_ERROR] == 1 ? "" : "s",
                    counts[SEVERITY_WARNING], counts[SEVERITY_WARNING] == 1 ? "" : "s", counts[SEVERITY_INFO], off,
                    count_files(a), count_files(a) == 1 ? "" : "s", suppressed, a->n_services,
                    a->n_services == 1 ? "" : "s", o->root ? " under " : "", o->root ? o->root : "",
                    report_has_violations(a, o->fail_on) ? "" : " - compliant");
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
                json_t *res, *loc = NULL;
                char fp[17];
                size_t index = 0;

                for (size_t j = 0; all[j]; j++)
                        if (all[j] == f->rule)
                                index = j;
                fingerprint(f, fp);
                if (f->path) {
                        /* relative to the audited host's root, as GitHub wants */
                        loc = json_pack("[{s:{s:{s:s, s:s}, s:{s:i}}}]",
                                        "physicalLocation",
                                        "artifactLocation", "uri", f->path + (f->path[0] == '/'), "uriBaseId", "ROOT",
                                        "region", "startLine", (int) (f->line > 0 ? f->line : 1));
                        if (!loc)
                                goto oom;
                }
                res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:{s:s}}",
                                "ruleId", f->rule->id,
                                "ruleIndex", (int) index,
                                "level", sarif_level(f->rule->severity),
                                "message", "text", f->message,
                                "partialFingerprints", "goldctlFindingHash/v1", fp);
                if (!res) {
                        json_decref(loc);
                        goto oom;
                }
                if (loc)
                        json_object_set_new(res, "locations", loc);
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
                         "# HELP goldctl_audit_success 1 when the last audit could run.\n"
                         "# TYPE goldctl_audit_success gauge\n"
                         "goldctl_audit_success 1\n"
                         "# HELP goldctl_audit_last_run_timestamp_seconds When the last audit ran.\n"
                         "# TYPE goldctl_audit_last_run_timestamp_seconds gauge\n"
                         "goldctl_audit_last_run_timestamp_seconds %lld\n",
                    suppressed, a->n_services, report_has_violations(a, o->fail_on) ? 0 : 1, o->now);
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
