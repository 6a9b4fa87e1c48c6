/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "contract.h"
#include "fileio.h"
#include "gate-report.h"
#include "gate.h"
#include "log.h"
#include "parse-util.h"
#include "path-util.h"
#include "redis.h"
#include "strbuf.h"
#include "strv.h"
#include "telemetry.h"
#include "utf8.h"

/*
 * goldctl gate, goldctl scoreboard and goldctl telemetry export: the model
 * quality gate over the prediction telemetry (seed 001 F), fail-closed.
 * Exit: 0 every model asked about passes (GO); 2 a FAIL or INSUFFICIENT
 * (NO-GO, WAIT; the ensemble out of bounds); 3 the telemetry could not be
 * read or the report not written; 4 bad usage or contract.
 */
enum {
        GATE_EXIT_PASS = 0,
        GATE_EXIT_FAIL = 2,
        GATE_EXIT_UNREADABLE = 3,
        GATE_EXIT_USAGE = 4,
};

enum gate_format { GF_TEXT, GF_JSON, GF_PROMETHEUS };

struct gate_args {
        const char *verb;               /* "gate", "scoreboard", "telemetry export" */
        char *contract;
        char *input;
        char *redis;                    /* HOST[:PORT] or a socket path */
        char *stream;
        char *since;
        char *model;
        char *report_dir;
        char *output;
        bool no_report;
        size_t count;
        size_t batch;
        unsigned timeout_ms;
        enum gate_format format;
};
static struct gate_args arg;

static int gate_usage(const char *fmt, ...) _printf_(1, 2);
static int gate_usage(const char *fmt, ...) {
        va_list ap;

        fprintf(stderr, "goldctl: ");
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, "\nSee 'goldctl %s --help'.\n", arg.verb);
        return GATE_EXIT_USAGE;
}

static void help(const char *verb) {
        if (streq(verb, "gate"))
                printf("Usage: goldctl gate [OPTIONS]\n"
                       "\n"
                       "The model quality gate (seed 001 F: missing proof = no activation): read\n"
                       "the prediction telemetry, and for each model its predictions' class\n"
                       "shares, mean, population std, P10 and P90, checked against the\n"
                       "contract's [Gate] thresholds: PASS, FAIL (each failed check with its\n"
                       "value and threshold) or INSUFFICIENT (too few predictions). Writes\n"
                       "reports/safety/quality_gate_<UTC time>.md under the repository root.\n");
        else if (streq(verb, "scoreboard"))
                printf("Usage: goldctl scoreboard [OPTIONS]\n"
                       "\n"
                       "Every model GO (the gate passes), WAIT (too little data) or NO-GO (the\n"
                       "gate fails), with the reason, and the ensemble's agreement: the share\n"
                       "of events where the active models agree, and where one says BUY and\n"
                       "another SELL. Writes reports/safety/scoreboard_latest.md.\n");
        else
                printf("Usage: goldctl telemetry export [OPTIONS]\n"
                       "\n"
                       "Write the stream's entries as JSON lines ({\"id\": ..., \"fields\": {...}}),\n"
                       "the input of 'goldctl gate --input'.\n");
        printf("\n"
               "Options:\n"
               "  -h --help              show this help\n"
               "     --contract=FILE     read FILE over the built-in contract\n"
               "     --redis=ADDRESS     HOST, HOST:PORT or a socket path (default: the\n"
               "                         contract's [Redis] Host= and Port=)\n"
               "     --stream=KEY        the stream (default: the contract's [Gate] Stream=)\n"
               "     --count=N           only the newest N entries\n"
               "     --since=WHEN        only entries from WHEN on: a stream ID or an ISO 8601\n"
               "                         time (UTC when it has no zone)\n"
               "     --redis-timeout=MS  for connecting and each reply (default 5000)\n"
               "     --batch=N           entries per XRANGE call (default 1000)\n");
        if (!streq(verb, "telemetry export"))
                printf("     --input=FILE        read entries from a file of JSON lines instead of Redis\n"
                       "     --model=NAME        %s only this model\n"
                       "     --format=FORMAT     text (default), json%s\n"
                       "     --report-dir=DIR    write the report here (default\n"
                       "                         <RepoRoot>/reports/safety)\n"
                       "     --no-report         write no report file\n"
                       "\n"
                       "Exit status: 0 %s; 2 %s; 3 the telemetry could not be read (Redis down or\n"
                       "refusing, no such stream, too many malformed entries) or the report not\n"
                       "written; 4 bad usage or contract. See goldctl-gate(1).\n",
                       streq(verb, "gate") ? "gate" : "show", streq(verb, "gate") ? "" : ", prometheus",
                       streq(verb, "gate") ? "every model asked about passes" : "every model GO and the ensemble within bounds",
                       streq(verb, "gate") ? "a model FAILs or is INSUFFICIENT (an empty stream too)"
                                           : "a model NO-GO or WAIT, or the ensemble out of bounds");
        else
                printf("     --output=FILE       write to FILE (atomically) instead of standard output\n"
                       "\n"
                       "Exit status: 0 written; 3 the stream could not be read or the file not\n"
                       "written; 4 bad usage or contract. See goldctl-gate(1).\n");
}

static int parse_size(const char *opt, const char *s, size_t *ret) {
        uint64_t v;

        if (safe_atou64(s, &v) < 0 || v == 0 || v > (UINT64_C(1) << 40))
                return gate_usage("%s: '%s' is not a positive count", opt, s);
        *ret = (size_t) v;
        return 0;
}

static int parse_args(const char *verb, int argc, char **argv) {
        enum { A_CONTRACT = 0x100, A_INPUT, A_REDIS, A_STREAM, A_COUNT, A_SINCE, A_MODEL, A_FORMAT, A_REPORT_DIR,
               A_NO_REPORT, A_TIMEOUT, A_BATCH, A_OUTPUT };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "contract", required_argument, NULL, A_CONTRACT },
                { "input", required_argument, NULL, A_INPUT },
                { "redis", required_argument, NULL, A_REDIS },
                { "stream", required_argument, NULL, A_STREAM },
                { "count", required_argument, NULL, A_COUNT },
                { "since", required_argument, NULL, A_SINCE },
                { "model", required_argument, NULL, A_MODEL },
                { "format", required_argument, NULL, A_FORMAT },
                { "report-dir", required_argument, NULL, A_REPORT_DIR },
                { "no-report", no_argument, NULL, A_NO_REPORT },
                { "redis-timeout", required_argument, NULL, A_TIMEOUT },
                { "batch", required_argument, NULL, A_BATCH },
                { "output", required_argument, NULL, A_OUTPUT },
                {}
        };
        bool export = streq(verb, "telemetry export");
        unsigned t;
        int c;

        arg = (struct gate_args) { .verb = verb, .timeout_ms = 5000, .batch = 1000 };
        optind = 0;
        opterr = 0;
        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
                if (export && (c == A_INPUT || c == A_MODEL || c == A_FORMAT || c == A_REPORT_DIR || c == A_NO_REPORT))
                        return gate_usage("%s is not an option of telemetry export", argv[optind - 1]);
                if (!export && c == A_OUTPUT)
                        return gate_usage("--output is an option of telemetry export");
                switch (c) {
                case 'h':
                        help(verb);
                        return -1;
                case A_CONTRACT: arg.contract = optarg; break;
                case A_INPUT: arg.input = optarg; break;
                case A_REDIS: arg.redis = optarg; break;
                case A_STREAM: arg.stream = optarg; break;
                case A_SINCE: arg.since = optarg; break;
                case A_MODEL: arg.model = optarg; break;
                case A_REPORT_DIR: arg.report_dir = optarg; break;
                case A_NO_REPORT: arg.no_report = true; break;
                case A_OUTPUT: arg.output = optarg; break;
                case A_COUNT:
                        if (parse_size("--count", optarg, &arg.count) != 0)
                                return GATE_EXIT_USAGE;
                        break;
                case A_BATCH:
                        if (parse_size("--batch", optarg, &arg.batch) != 0)
                                return GATE_EXIT_USAGE;
                        if (arg.batch > 1000000)
                                return gate_usage("--batch: at most 1000000");
                        break;
                case A_TIMEOUT:
                        if (safe_atou(optarg, &t) < 0 || t == 0 || t > 600000)
                                return gate_usage("--redis-timeout: '%s' is not a number of milliseconds (1 to 600000)",
                                                  optarg);
                        arg.timeout_ms = t;
                        break;
                case A_FORMAT:
                        if (streq(optarg, "text"))
                                arg.format = GF_TEXT;
                        else if (streq(optarg, "json"))
                                arg.format = GF_JSON;
                        else if (streq(optarg, "prometheus") && streq(verb, "scoreboard"))
                                arg.format = GF_PROMETHEUS;
                        else
                                return gate_usage("unknown format '%s' (use text or json%s)", optarg,
                                                  streq(verb, "scoreboard") ? ", or prometheus" : "");
                        break;
                default:
                        return gate_usage("unknown option or missing value: '%s'", argv[optind - 1]);
                }
        }
        if (optind < argc)
                return gate_usage("unexpected argument '%s'", argv[optind]);
        if (arg.input && (arg.redis || arg.stream || arg.batch != 1000))
                return gate_usage("--input reads a file: --redis, --stream and --batch are for Redis");
        if (arg.no_report && arg.report_dir)
                return gate_usage("--no-report and --report-dir contradict each other");
        if (arg.model && isempty(arg.model))
                return gate_usage("--model: the name is empty");
        if (arg.stream && isempty(arg.stream))
                return gate_usage("--stream: the key is empty");
        return 0;
}

/* ---- reading ---- */

struct reader {
        struct gate_data *d;
        FILE *export_to;        /* telemetry export */
        size_t not_utf8;        /* export: values with invalid UTF-8, replaced */
};

static const struct redis_field *field(const struct redis_field *f, size_t n, const char *name) {
        size_t len = strlen(name);

        for (size_t i = 0; i < n; i++)
                if (f[i].name_len == len && memcmp(f[i].name, name, len) == 0)
                        return &f[i];
        return NULL;
}

static int on_entry(const char *id, const struct redis_field *fields, size_t n, void *userdata) {
        struct reader *rd = userdata;
        const struct redis_field *p = field(fields, n, "payload");

        return telemetry_decode(rd->d, id, p ? p->value : NULL, p ? p->value_len : 0);
}

/* A string as JSON, invalid UTF-8 replaced by U+FFFD (counted). */
static json_t *json_text(const char *s, size_t len, size_t *not_utf8) {
        struct strbuf sb = STRBUF_INIT;
        json_t *j;

        if (utf8_is_valid_n(s, len) && !memchr(s, '\0', len))
                return json_stringn(s, len);
        (*not_utf8)++;
        for (size_t i = 0; i < len;) {
                size_t k = 1;
                while (k <= 4 && i + k <= len && !utf8_is_valid_n(s + i, k))
                        k++;
                if (k <= 4 && i + k <= len && s[i] != '\0') {
                        strbuf_add(&sb, s + i, k);
                        i += k;
                } else {
                        strbuf_addstr(&sb, "\xef\xbf\xbd");
                        i++;
                }
        }
        j = json_stringn(strbuf_str(&sb) ? strbuf_str(&sb) : "", sb.len);
        strbuf_release(&sb);
        return j;
}

static int on_export(const char *id, const struct redis_field *fields, size_t n, void *userdata) {
        struct reader *rd = userdata;
        json_t *f = json_object(), *o;
        int r;

        if (!f)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                _cleanup_free_ char *name = strndup(fields[i].name, fields[i].name_len);
                size_t bad = 0;
                json_t *v = json_text(fields[i].value, fields[i].value_len, &rd->not_utf8);
                if (!name || !v || !utf8_is_valid(name) ||
                    json_object_set_new(f, name, v) < 0) {
                        if (name && !utf8_is_valid(name))
                                bad++;
                        json_decref(f);
                        return bad ? -EILSEQ : -ENOMEM;
                }
        }
        o = json_pack("{s:s, s:o}", "id", id, "fields", f);
        if (!o)
                return -ENOMEM;
        r = json_dumpf(o, rd->export_to, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (r < 0 || fputc('\n', rd->export_to) == EOF)
                return -EIO;
        return 0;
}

static int redis_address(const struct contract *c, char **ret_host, unsigned *ret_port) {
        const char *a = arg.redis ? arg.redis : c->redis_host;
        const char *colon = a[0] == '/' ? NULL : strrchr(a, ':');
        unsigned port = c->redis_port;

        if (isempty(a))
                return gate_usage("--redis: the address is empty");
        if (colon && arg.redis) {
                if (safe_atou(colon + 1, &port) < 0 || port == 0 || port > 65535)
                        return gate_usage("--redis: '%s' has no valid port after ':'", a);
                *ret_host = strndup(a, (size_t) (colon - a));
        } else
                *ret_host = strdup(a);
        if (!*ret_host)
                return log_error_errno(-ENOMEM, "out of memory"), GATE_EXIT_UNREADABLE;
        *ret_port = port;
        return 0;
}

/* An entry of --input larger than this is malformed (a stream entry's
 * payload is about 1 KB). */
#define INPUT_LINE_MAX ((size_t) 16 * 1024 * 1024)

/* Reads --input: the last --count lines, those not before --since. */
static int read_input(struct reader *rd, const char *since_id, char **ret_error) {
        _cleanup_free_ char *line = NULL;
        size_t cap = 0, lines = 0, skip = 0, lineno = 0;
        ssize_t len;
        FILE *f;
        int r = 0;

        f = fopen(arg.input, "re");
        if (!f) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s: %s", arg.input, strerror(errno));
                *ret_error = strbuf_detach(&sb, NULL);
                return -errno;
        }
        if (arg.count > 0) {
                while (getline(&line, &cap, f) >= 0)
                        lines++;
                if (ferror(f) || fseek(f, 0, SEEK_SET) < 0) {
                        fclose(f);
                        *ret_error = strdup("cannot read the input file");
                        return -EIO;
                }
                skip = lines > arg.count ? lines - arg.count : 0;
        }
        while ((len = getline(&line, &cap, f)) >= 0) {
                json_t *o, *fields, *payload;
                json_error_t err;
                const char *id;
                char at[64];

                lineno++;
                if (lineno <= skip)
                        continue;
                while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                        line[--len] = '\0';
                if (len == 0)
                        continue;
                snprintf(at, sizeof(at), "line %zu", lineno);
                if ((size_t) len > INPUT_LINE_MAX) {
                        r = gate_data_saw_entry(rd->d, at);
                        if (r >= 0)
                                r = gate_data_malformed(rd->d, at, "longer than 16 MiB: not decoded");
                        if (r < 0)
                                break;
                        continue;
                }
                o = json_loadb(line, (size_t) len, 0, &err);
                id = json_string_value(json_object_get(o, "id"));
                fields = json_object_get(o, "fields");
                if (!o || !id || !stream_id_is_valid(id) || !json_is_object(fields)) {
                        r = gate_data_saw_entry(rd->d, at);
                        if (r >= 0)
                                r = gate_data_malformed(rd->d, at, !o ? "not JSON" : "not {\"id\": ID, \"fields\": {...}}");
                        json_decref(o);
                        if (r < 0)
                                break;
                        continue;
                }
                if (since_id && stream_id_compare(id, since_id) < 0) {
                        json_decref(o);
                        continue;
                }
                payload = json_object_get(fields, "payload");
                r = telemetry_decode(rd->d, id, json_string_value(payload),
                                     json_is_string(payload) ? json_string_length(payload) : 0);
                json_decref(o);
                if (r < 0)
                        break;
        }
        if (r == 0 && ferror(f)) {
                *ret_error = strdup("cannot read the input file");
                r = -EIO;
        }
        fclose(f);
        return r;
}

/* Fills d from Redis or --input; 0, or GATE_EXIT_* after saying why. */
static int read_telemetry(const struct contract *c, struct reader *rd, char **ret_source) {
        _cleanup_free_ char *since_id = NULL, *host = NULL, *err = NULL;
        struct strbuf sb = STRBUF_INIT;
        unsigned port = 0;
        int r;

        if (arg.since) {
                r = stream_id_from_since(arg.since, &since_id);
                if (r == -ENOMEM)
                        return log_error_errno(r, "out of memory"), GATE_EXIT_UNREADABLE;
                if (r < 0)
                        return gate_usage("--since: '%s' is neither a stream ID nor an ISO 8601 time", arg.since);
        }
        if (arg.input) {
                strbuf_addf(&sb, "file %s", arg.input);
                r = read_input(rd, since_id, &err);
        } else {
                struct redis_stream_query q = {
                        .timeout_ms = arg.timeout_ms,
                        .stream = arg.stream ? arg.stream : c->gate_stream,
                        .start = since_id ? since_id : "-",
                        .count = arg.count,
                        .batch = arg.batch,
                };
                r = redis_address(c, &host, &port);
                if (r != 0)
                        return r;
                q.host = host;
                q.port = port;
                if (host[0] == '/')
                        strbuf_addf(&sb, "stream %s at %s", q.stream, host);
                else
                        strbuf_addf(&sb, "stream %s at %s:%u", q.stream, host, port);
                r = redis_stream_read(&q, rd->export_to ? on_export : on_entry, rd, &err);
        }
        if (arg.count)
                strbuf_addf(&sb, ", newest %zu", arg.count);
        if (arg.since)
                strbuf_addf(&sb, ", since %s", arg.since);
        *ret_source = strbuf_detach(&sb, NULL);
        if (r == -ENOMEM)
                return log_error_errno(r, "out of memory"), GATE_EXIT_UNREADABLE;
        if (r < 0) {
                log_error("cannot read the telemetry (%s): %s", *ret_source ? *ret_source : "?",
                          err ? err : strerror(-r));
                return GATE_EXIT_UNREADABLE;
        }
        if (rd->d && rd->d->entries > 0 &&
            (double) rd->d->malformed / (double) rd->d->entries > c->gate_max_malformed_share) {
                log_error("cannot read the telemetry (%s): %zu of %zu entries are malformed, more than the contract's "
                          "MaxMalformedShare=%.4g; first: %s", *ret_source, rd->d->malformed, rd->d->entries,
                          c->gate_max_malformed_share, rd->d->first_malformed);
                return GATE_EXIT_UNREADABLE;
        }
        return 0;
}

/* ---- evaluating ---- */

static int cmp_result(const void *a, const void *b) {
        return strcmp(((const struct gate_result *) a)->model->name, ((const struct gate_result *) b)->model->name);
}

/* Results for every model, or only --model (added with no prediction when
 * the telemetry has none). */
static int evaluate(struct gate_data *d, const struct contract *c, struct gate_result **ret, size_t *ret_n) {
        struct gate_result *res;
        size_t n = 0;

        if (arg.model && !gate_data_model(d, arg.model))
                return -ENOMEM;
        res = calloc(d->n_models + 1, sizeof(*res));
        if (!res)
                return -ENOMEM;
        for (size_t i = 0; i < d->n_models; i++) {
                if (arg.model && !streq(d->models[i].name, arg.model))
                        continue;
                if (gate_evaluate(&d->models[i], c, &res[n]) < 0) {
                        for (size_t k = 0; k <= n; k++)
                                gate_result_release(&res[k]);
                        free(res);
                        return -ENOMEM;
                }
                n++;
        }
        qsort(res, n, sizeof(*res), cmp_result);
        *ret = res;
        *ret_n = n;
        return 0;
}

static void results_free(struct gate_result *res, size_t n) {
        for (size_t i = 0; i < n; i++)
                gate_result_release(&res[i]);
        free(res);
}

static void now_utc(char *iso, size_t isz, char *stamp, size_t ssz) {
        time_t t = time(NULL);
        struct tm tm;

        gmtime_r(&t, &tm);
        strftime(iso, isz, "%Y-%m-%dT%H:%M:%SZ", &tm);
        strftime(stamp, ssz, "%Y%m%dT%H%M%SZ", &tm);
}

/* Writes the report atomically; a timestamped name is never reused. */
static int write_report(const struct contract *c, const char *name, bool unique, const struct strbuf *md,
                        char **ret_path) {
        _cleanup_free_ char *dir = arg.report_dir ? strdup(arg.report_dir) : path_join(c->repo_root, "reports/safety");
        _cleanup_free_ char *path = NULL;
        const char *step = NULL;
        int r;

        if (!dir)
                return -ENOMEM;
        if (!arg.report_dir) {
                struct stat st;
                _cleanup_free_ char *reports = path_join(c->repo_root, "reports");
                if (!reports)
                        return -ENOMEM;
                if (stat(c->repo_root, &st) < 0 || !S_ISDIR(st.st_mode)) {
                        log_error("cannot write the report: the repository root %s is not a directory "
                                  "(--report-dir names another place, --no-report writes none)", c->repo_root);
                        return -ENOENT;
                }
                if ((mkdir(reports, 0755) < 0 && errno != EEXIST) || (mkdir(dir, 0755) < 0 && errno != EEXIST)) {
                        log_error_errno(-errno, "cannot create %s for the report", dir);
                        return -errno;
                }
        }
        for (unsigned i = 0;; i++) {
                struct strbuf sb = STRBUF_INIT;
                struct stat st;

                if (i == 1000) {
                        log_error("cannot write the report: %s/%s.md and its 999 numbered names are all taken", dir,
                                  name);
                        return -EEXIST;
                }
                if (i == 0)
                        strbuf_addf(&sb, "%s/%s.md", dir, name);
                else
                        strbuf_addf(&sb, "%s/%s-%u.md", dir, name, i);
                free(path);
                path = strbuf_detach(&sb, NULL);
                if (!path)
                        return -ENOMEM;
                if (!unique || lstat(path, &st) < 0)
                        break;
        }
        r = write_file_atomic(path, strbuf_str(md), md->len, 0644, &step);
        if (r < 0) {
                log_error_errno(r, "cannot write the report %s (step %s)", path, step ? step : "?");
                return r;
        }
        *ret_path = TAKE_PTR(path);
        return 0;
}

/* ---- output ---- */

static json_t *num_json(double v) {
        return isnan(v) ? json_null() : json_real(v);
}

static json_t *result_json(const struct gate_result *g, bool board) {
        json_t *checks = json_array(), *shares = json_object(), *o;

        if (!checks || !shares)
                goto oom;
        for (int a = 0; a < _GATE_ACTION_MAX; a++)
                if (json_object_set_new(shares, gate_action_to_string((enum gate_action) a), json_real(g->share[a])) < 0)
                        goto oom;
        for (int i = 0; i < _GATE_CHECK_MAX; i++) {
                const struct gate_check *ck = &g->checks[i];
                json_t *cj = json_pack("{s:s, s:o, s:s?, s:f, s:o}", "check", gate_check_to_string((enum gate_check_id) i),
                                       "value", ck->evaluated ? json_real(ck->value) : json_null(), "relation", ck->relation,
                                       "threshold", ck->threshold,
                                       "passed", ck->evaluated ? json_boolean(ck->passed) : json_null());
                if (json_array_append_new(checks, cj) < 0)
                        goto oom;
        }
        o = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:s?, s:o}",
                      "model", g->model->name, "verdict", gate_verdict_to_string(g->verdict),
                      "reason", g->reason, "n", (json_int_t) g->n, "shares", shares,
                      "counts", json_pack("{s:I, s:I, s:I, s:I}", "BUY", (json_int_t) g->model->actions[GATE_BUY],
                                          "SELL", (json_int_t) g->model->actions[GATE_SELL],
                                          "HOLD", (json_int_t) g->model->actions[GATE_HOLD],
                                          "other", (json_int_t) g->model->actions[GATE_OTHER]),
                      "mean", num_json(g->mean), "std", num_json(g->std), "p10", num_json(g->p10),
                      "p90", num_json(g->p90), "p10_p90", num_json(g->n ? g->p90 - g->p10 : NAN),
                      "inactive", (json_int_t) g->model->inactive, "logits", (json_int_t) g->model->logits,
                      "invalid", (json_int_t) g->model->violations, "first_invalid", g->model->first_violation,
                      "checks", checks);
        if (o && board)
                json_object_set_new(o, "status", json_string(gate_verdict_to_board(g->verdict)));
        return o;
oom:
        json_decref(checks);
        json_decref(shares);
        return NULL;
}

static int print_json(const struct gate_report *rep, const char *report_path) {
        const struct gate_data *d = rep->d;
        json_t *models = json_array(), *root;

        for (size_t i = 0; models && i < rep->n_results; i++)
                if (json_array_append_new(models, result_json(&rep->results[i], rep->ensemble != NULL)) < 0) {
                        json_decref(models);
                        models = NULL;
                }
        root = json_pack("{s:s, s:s, s:s, s:{s:I, s:I, s:I, s:s?, s:s?, s:s?}, s:o, s:s?, s:i}",
                         "goldctl", rep->ensemble ? "scoreboard" : "gate", "verdict", rep->verdict,
                         "source", rep->source,
                         "entries", "read", (json_int_t) d->entries, "malformed", (json_int_t) d->malformed,
                         "without_model_breakdown", (json_int_t) d->without_breakdown, "first_malformed",
                         d->first_malformed, "first_id", d->first_id, "last_id", d->last_id,
                         "models", models ? models : json_null(), "report", report_path, "exit", rep->exit_code);
        if (root && rep->ensemble) {
                const struct gate_ensemble *e = rep->ensemble;
                json_object_set_new(root, "ensemble",
                                    json_pack("{s:I, s:o, s:o, s:f, s:f, s:b, s:b}", "events", (json_int_t) e->events,
                                              "agreement", num_json(e->agreement), "hard_disagreement",
                                              num_json(e->hard_disagreement), "min_agreement", rep->c->gate_min_agreement,
                                              "max_hard_disagreement", rep->c->gate_max_hard_disagreement,
                                              "agreement_ok", e->agreement_ok, "disagreement_ok", e->disagreement_ok));
        }
        if (!root)
                return log_error_errno(-ENOMEM, "out of memory");
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(root);
        return 0;
}

static void print_text(const struct gate_report *rep, const char *report_path) {
        const struct gate_data *d = rep->d;
        bool board = rep->ensemble != NULL;

        printf("goldctl %s: %s, %zu entries", board ? "scoreboard" : "gate", rep->source, d->entries);
        if (d->first_id)
                printf(" (%s .. %s)", d->first_id, d->last_id);
        printf("\n");
        if (d->malformed)
                printf("malformed entries: %zu (first: %s)\n", d->malformed, d->first_malformed);
        printf("\n%-14s %-12s %8s %6s %6s %6s %6s %7s %7s %7s %7s %7s\n", "MODEL", board ? "STATUS" : "VERDICT", "N",
               "BUY", "SELL", "HOLD", "other", "MEAN", "STD", "P10", "P90", "P90-P10");
        for (size_t i = 0; i < rep->n_results; i++) {
                const struct gate_result *g = &rep->results[i];
                printf("%-14s %-12s %8zu", g->model->name,
                       board ? gate_verdict_to_board(g->verdict) : gate_verdict_to_string(g->verdict), g->n);
                for (int a = 0; a < _GATE_ACTION_MAX; a++)
                        printf(" %5.1f%%", g->share[a] * 100);
                if (g->n)
                        printf(" %7.4f %7.4f %7.4f %7.4f %7.4f\n", g->mean, g->std, g->p10, g->p90, g->p90 - g->p10);
                else
                        printf(" %7s %7s %7s %7s %7s\n", "-", "-", "-", "-", "-");
        }
        if (rep->n_results == 0)
                printf("%-14s %-12s %8d   (no model has a prediction)\n", "-", board ? "WAIT" : "INSUFFICIENT", 0);
        printf("\n");
        for (size_t i = 0; i < rep->n_results; i++)
                printf("%s: %s\n", rep->results[i].model->name, rep->results[i].reason);
        if (board) {
                const struct gate_ensemble *e = rep->ensemble;
                if (e->events)
                        printf("ensemble: %zu events with two or more active models; agreement %.1f%% (needs >= %.1f%%: %s), "
                               "BUY vs SELL %.1f%% (needs <= %.1f%%: %s)\n", e->events, e->agreement * 100,
                               rep->c->gate_min_agreement * 100, e->agreement_ok ? "ok" : "ALERT",
                               e->hard_disagreement * 100, rep->c->gate_max_hard_disagreement * 100,
                               e->disagreement_ok ? "ok" : "ALERT");
                else
                        printf("ensemble: no event with two or more active models\n");
        }
        if (report_path)
                printf("report: %s\n", report_path);
        printf("verdict: %s (exit %d)%s\n", rep->verdict, rep->exit_code,
               rep->exit_code == 0 ? "" : ": do not activate");
}

static void print_prometheus(const struct gate_report *rep, bool success) {
        printf("# HELP goldctl_scoreboard_success Whether the telemetry could be read.\n"
               "# TYPE goldctl_scoreboard_success gauge\ngoldctl_scoreboard_success %d\n", success);
        if (!success)
                return;
        printf("# HELP goldctl_model_status A model's scoreboard status (1 for the current one).\n"
               "# TYPE goldctl_model_status gauge\n");
        for (size_t i = 0; i < rep->n_results; i++)
                for (int v = 0; v < _GATE_VERDICT_MAX; v++)
                        printf("goldctl_model_status{model=\"%s\",status=\"%s\"} %d\n", rep->results[i].model->name,
                               gate_verdict_to_board((enum gate_verdict) v), rep->results[i].verdict == (enum gate_verdict) v);
        printf("# HELP goldctl_model_predictions Predictions read per model.\n# TYPE goldctl_model_predictions gauge\n");
        for (size_t i = 0; i < rep->n_results; i++)
                printf("goldctl_model_predictions{model=\"%s\"} %zu\n", rep->results[i].model->name, rep->results[i].n);
        printf("# HELP goldctl_model_confidence_std Population standard deviation of a model's confidences.\n"
               "# TYPE goldctl_model_confidence_std gauge\n");
        for (size_t i = 0; i < rep->n_results; i++)
                if (rep->results[i].n)
                        printf("goldctl_model_confidence_std{model=\"%s\"} %.6g\n", rep->results[i].model->name,
                               rep->results[i].std);
        printf("# HELP goldctl_ensemble_events Events with two or more active models.\n"
               "# TYPE goldctl_ensemble_events gauge\ngoldctl_ensemble_events %zu\n", rep->ensemble->events);
        if (rep->ensemble->events)
                printf("# HELP goldctl_ensemble_agreement Share of events where the active models agree.\n"
                       "# TYPE goldctl_ensemble_agreement gauge\ngoldctl_ensemble_agreement %.6g\n"
                       "# HELP goldctl_ensemble_hard_disagreement Share of events with BUY against SELL.\n"
                       "# TYPE goldctl_ensemble_hard_disagreement gauge\ngoldctl_ensemble_hard_disagreement %.6g\n",
                       rep->ensemble->agreement, rep->ensemble->hard_disagreement);
}

/* Model names go into reports, labels and terminals: printable UTF-8 only. */
static bool names_printable(const struct gate_data *d) {
        for (size_t i = 0; i < d->n_models; i++) {
                const char *n = d->models[i].name;
                if (!utf8_is_valid(n) || isempty(n))
                        return false;
                for (const char *p = n; *p; p++)
                        if ((unsigned char) *p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\' || *p == '|' || *p == '`')
                                return false;
        }
        return true;
}

static int gate_main(const char *verb, int argc, char **argv) {
        _cleanup_(contract_freep) struct contract *c = NULL;
        _cleanup_free_ char *source = NULL, *report_path = NULL;
        struct gate_data d = {};
        struct reader rd = { .d = &d };
        struct gate_result *res = NULL;
        struct gate_ensemble ens;
        struct strbuf md = STRBUF_INIT;
        bool board = streq(verb, "scoreboard"), all_pass = true;
        char iso[32], stamp[32];
        size_t n = 0;
        int r;

        r = parse_args(verb, argc, argv);
        if (r != 0)
                return r < 0 ? EXIT_OK : r;     /* --help, or bad usage */
        if (cmd_load_contract(NULL, arg.contract, &c) < 0) {
                log_error("the contract is not valid: the telemetry was not read");
                return GATE_EXIT_USAGE;
        }
        r = read_telemetry(c, &rd, &source);
        if (r == 0 && !names_printable(&d)) {
                log_error("cannot read the telemetry (%s): a model name in model_breakdown is empty or holds control "
                          "or markup characters", source);
                r = GATE_EXIT_UNREADABLE;
        }
        if (r != 0) {
                if (arg.format == GF_PROMETHEUS)
                        print_prometheus(NULL, false);
                gate_data_release(&d);
                return r;
        }
        if (evaluate(&d, c, &res, &n) < 0) {
                gate_data_release(&d);
                return log_error_errno(-ENOMEM, "out of memory"), GATE_EXIT_UNREADABLE;
        }
        for (size_t i = 0; i < n; i++)
                all_pass = all_pass && res[i].verdict == GATE_PASS;
        gate_ensemble_evaluate(&d, c, &ens);
        {
                bool ok = n > 0 && all_pass && (!board || (ens.agreement_ok && ens.disagreement_ok));
                struct gate_report rep = {
                        .title = board ? "Scoreboard" : "Quality gate",
                        .source = source,
                        .generated = iso,
                        .c = c,
                        .d = &d,
                        .results = res,
                        .n_results = n,
                        .ensemble = board ? &ens : NULL,
                        .verdict = ok ? (board ? "GO" : "PASS")
                                      : n == 0 ? (board ? "WAIT" : "INSUFFICIENT")
                                               : (board ? "NO-GO" : "FAIL"),
                        .exit_code = ok ? GATE_EXIT_PASS : GATE_EXIT_FAIL,
                };

                now_utc(iso, sizeof(iso), stamp, sizeof(stamp));
                if (!arg.no_report) {
                        _cleanup_free_ char *name = NULL;
                        struct strbuf nb = STRBUF_INIT;

                        if (board)
                                strbuf_addstr(&nb, "scoreboard_latest");
                        else
                                strbuf_addf(&nb, "quality_gate_%s", stamp);
                        name = strbuf_detach(&nb, NULL);
                        r = name && gate_report_markdown(&rep, &md) == 0 ? 0 : -ENOMEM;
                        if (r == 0)
                                r = write_report(c, name, !board, &md, &report_path);
                        if (r < 0) {
                                /* no proof written: never a pass */
                                if (r == -ENOMEM)
                                        log_error("out of memory");
                                rep.exit_code = GATE_EXIT_UNREADABLE;
                        }
                }
                if (arg.format == GF_JSON) {
                        if (print_json(&rep, report_path) < 0)
                                rep.exit_code = GATE_EXIT_UNREADABLE;   /* nothing was printed: never a pass */
                }
                else if (arg.format == GF_PROMETHEUS)
                        print_prometheus(&rep, true);
                else
                        print_text(&rep, report_path);
                r = rep.exit_code;
        }
        strbuf_release(&md);
        results_free(res, n);
        gate_data_release(&d);
        return r;
}

int cmd_gate(int argc, char **argv) {
        return gate_main("gate", argc, argv);
}

int cmd_scoreboard(int argc, char **argv) {
        return gate_main("scoreboard", argc, argv);
}

int cmd_telemetry(int argc, char **argv) {
        _cleanup_(contract_freep) struct contract *c = NULL;
        _cleanup_free_ char *source = NULL;
        struct reader rd = {};
        char *buf = NULL;
        size_t size = 0;
        int r;

        if (argc < 2 || !streq(argv[1], "export")) {
                if (argc >= 2 && (streq(argv[1], "-h") || streq(argv[1], "--help"))) {
                        help("telemetry export");
                        return EXIT_OK;
                }
                arg.verb = "telemetry export";
                return gate_usage("usage: goldctl telemetry export [OPTIONS]");
        }
        r = parse_args("telemetry export", argc - 1, argv + 1);
        if (r != 0)
                return r < 0 ? EXIT_OK : r;
        if (cmd_load_contract(NULL, arg.contract, &c) < 0) {
                log_error("the contract is not valid: nothing was exported");
                return GATE_EXIT_USAGE;
        }
        /* into memory first: a half-read stream never reaches the output */
        rd.export_to = open_memstream(&buf, &size);
        if (!rd.export_to)
                return log_error_errno(-errno, "out of memory"), GATE_EXIT_UNREADABLE;
        r = read_telemetry(c, &rd, &source);
        if (fclose(rd.export_to) != 0 && r == 0) {
                log_error("out of memory");
                r = GATE_EXIT_UNREADABLE;
        }
        if (r == 0 && rd.not_utf8)
                log_warning("%zu field value%s not valid UTF-8: the invalid bytes are written as U+FFFD", rd.not_utf8,
                            rd.not_utf8 == 1 ? " is" : "s are");
        if (r == 0) {
                if (arg.output) {
                        const char *step = NULL;
                        int k = write_file_atomic(arg.output, buf, size, 0644, &step);
                        if (k < 0) {
                                log_error_errno(k, "cannot write %s (step %s)", arg.output, step ? step : "?");
                                r = GATE_EXIT_UNREADABLE;
                        }
                } else if (fwrite(buf, 1, size, stdout) != size || fflush(stdout) != 0) {
                        log_error("cannot write to standard output");
                        r = GATE_EXIT_UNREADABLE;
                }
        }
        free(buf);
        return r;
}
