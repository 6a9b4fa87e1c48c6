/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <jansson.h>

#include "cmd.h"
#include "env-file.h"
#include "escape.h"
#include "fileio.h"
#include "log.h"
#include "strbuf.h"

static enum output_format arg_format = FORMAT_TEXT;
static unsigned arg_systemd_version = 252;

static int help(void) {
        printf("Usage: goldctl env show [OPTIONS] FILE\n"
               "\n"
               "Print the assignments systemd applies from an EnvironmentFile=, in the\n"
               "order the service receives them, and every line systemd drops, with the\n"
               "reason. The file is read by systemd's own rules, never by a shell.\n"
               "\n"
               "Options:\n"
               "  -h --help                 show this help\n"
               "     --systemd-version=N    the systemd whose rules apply: 252 (default) or 254\n"
               "                            (254 stopped comments ending in a backslash from\n"
               "                            swallowing the next line)\n"
               "     --format=FORMAT        text (default) or json\n"
               "\n"
               "Exit status: 0 every line applies; 1 systemd drops something or refuses\n"
               "the file; 2 bad usage or the file cannot be read. See goldctl-env(1).\n");
        return EXIT_OK;
}

static void print_text(const char *file, const struct env_file *f) {
        for (size_t i = 0; i < f->n; i++) {
                struct strbuf sb = STRBUF_INIT;

                if (!f->items[i].valid || f->failed)
                        continue;
                shell_maybe_quote(&sb, f->items[i].value);
                printf("%s=%s\n", f->items[i].key, strbuf_str(&sb));
                strbuf_release(&sb);
        }
        for (size_t i = 0; i < f->diags.n; i++) {
                const struct diag *d = &f->diags.items[i];

                if (d->line > 0)
                        fprintf(stderr, "%s:%u: ", file, d->line);
                else
                        fprintf(stderr, "%s: ", file);
                fprintf(stderr, "%s: %s%s\n", diag_level_to_string(d->level), d->message, d->extra ? " [goldctl]" : "");
        }
}

static int print_json(const char *file, const struct env_file *f) {
        json_t *env = json_array(), *dropped = json_array(), *root;

        for (size_t i = 0; i < f->n; i++)
                json_array_append_new(env, json_pack("{s:s, s:s, s:i, s:b}", "name", f->items[i].key,
                                                     "value", f->items[i].value, "line", (int) f->items[i].line,
                                                     "applied", f->items[i].valid && !f->failed));
        for (size_t i = 0; i < f->diags.n; i++) {
                const struct diag *d = &f->diags.items[i];
                json_array_append_new(dropped, json_pack("{s:i, s:s, s:s, s:s, s:b}", "line", (int) d->line,
                                                         "level", diag_level_to_string(d->level),
                                                         "effect", diag_effect_to_string(d->effect),
                                                         "message", d->message, "goldctl", d->extra));
        }
        root = json_pack("{s:s, s:i, s:b, s:o, s:o}", "file", file, "systemd_version", (int) arg_systemd_version,
                         "refused", f->failed, "environment", env, "diagnostics", dropped);
        if (!root)
                return -ENOMEM;
        json_dumpf(root, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(root);
        return 0;
}

int cmd_env(int argc, char **argv) {
        enum { ARG_FORMAT = 0x100, ARG_VERSION };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "format", required_argument, NULL, ARG_FORMAT },
                { "systemd-version", required_argument, NULL, ARG_VERSION },
                {}
        };
        _cleanup_free_ char *data = NULL;
        struct env_file f = {};
        const char *file;
        size_t size = 0;
        int c, r, rc;

        arg_format = FORMAT_TEXT;
        arg_systemd_version = 252;
        if (argc < 2 || streq(argv[1], "--help") || streq(argv[1], "-h")) {
                help();
                return argc < 2 ? EXIT_USAGE : EXIT_OK;
        }
        if (!streq(argv[1], "show"))
                return usage_error("env ", "unknown verb '%s' (use show)", argv[1]);
        argc--;
        argv++;
        optind = 0;
        opterr = 0;
        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        return help();
                case ARG_FORMAT:
                        if (parse_format("env ", optarg, &arg_format) != 0)
                                return EXIT_USAGE;
                        break;
                case ARG_VERSION:
                        if (streq(optarg, "252"))
                                arg_systemd_version = 252;
                        else if (streq(optarg, "254"))
                                arg_systemd_version = 254;
                        else
                                return usage_error("env ", "--systemd-version: '%s' is not 252 or 254", optarg);
                        break;
                default:
                        if (optopt)
                                return usage_error("env ", "unknown option '-%c'", optopt);
                        return usage_error("env ", "unknown option or missing value: '%s'", argv[optind - 1]);
                }
        if (optind + 1 != argc)
                return usage_error("env ", "show: give exactly one FILE");
        file = argv[optind];

        r = read_full_file(file, ENV_FILE_SIZE_MAX, &data, &size, NULL);
        if (r == -EFBIG) {
                /* systemd refuses the file (E2BIG): the same outcome as any other refusal */
                f.failed = true;
                diag_add(&f.diags, file, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                         "the file is larger than %zu bytes: systemd refuses to read it and the service does not start",
                         ENV_FILE_SIZE_MAX);
                r = arg_format == FORMAT_JSON ? print_json(file, &f) : (print_text(file, &f), 0);
                env_file_release(&f);
                return r < 0 ? EXIT_USAGE : EXIT_FINDINGS;
        }
        if (r < 0) {
                log_error_errno(r, "cannot read '%s'", file);
                return EXIT_USAGE;
        }
        r = env_file_parse(file, data, size, arg_systemd_version >= 254 ? ENV_FILE_V254 : 0, &f);
        if (r < 0) {
                log_error_errno(r, "cannot parse '%s'", file);
                return EXIT_USAGE;
        }
        if (arg_format == FORMAT_JSON)
                r = print_json(file, &f);
        else
                print_text(file, &f);
        rc = f.failed ? EXIT_FINDINGS : EXIT_OK;
        for (size_t i = 0; i < f.diags.n; i++)
                if (f.diags.items[i].effect != DIAG_EFFECT_NONE)
                        rc = EXIT_FINDINGS;
        env_file_release(&f);
        if (r < 0) {
                log_error("out of memory");
                return EXIT_USAGE;
        }
        return rc;
}
