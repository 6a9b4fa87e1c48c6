/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <sys/stat.h>

#include "chase.h"
#include "cmd.h"
#include "fileio.h"
#include "log.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"
#include "unit-load.h"
#include "unit-show.h"
#include "unit-verify.h"

static char *arg_root;
static char **arg_unit_path;
static char **arg_properties;
static bool arg_all;
static bool arg_value;
static enum output_format arg_format = FORMAT_TEXT;

static void reset_args(void) {
        free(arg_root);
        arg_root = NULL;
        arg_unit_path = strv_free(arg_unit_path);
        arg_properties = strv_free(arg_properties);
        arg_all = arg_value = false;
        arg_format = FORMAT_TEXT;
}

static int help(void) {
        printf("Usage: goldctl unit show   [OPTIONS] UNIT...\n"
               "       goldctl unit cat    [OPTIONS] UNIT...\n"
               "       goldctl unit verify [OPTIONS] UNIT|FILE...\n"
               "\n"
               "Read units exactly as systemd 252 reads them, offline: the search path,\n"
               "aliases, templates, masks, drop-ins and .wants/ directories.\n"
               "\n"
               "  show     print properties as 'systemctl show' does\n"
               "  cat      print the fragment and its drop-ins as 'systemctl cat' does\n"
               "  verify   print what systemd says about the units; exit 1 if it would\n"
               "           refuse one, or a command it would start is missing\n"
               "\n"
               "Options:\n"
               "  -h --help              show this help\n"
               "     --root=DIR          read the system unit path under DIR\n"
               "     --unit-path=DIRS    read units from these directories (colon-separated),\n"
               "                         in this order, instead of the system unit path\n"
               "  -p --property=NAMES    show: only these properties (comma-separated; repeatable)\n"
               "  -a --all               show: print empty values too\n"
               "     --value             show: print values only\n"
               "     --format=FORMAT     show, verify: text (default) or json\n"
               "\n"
               "Exit status: 0 done (show prints not-found units, as systemctl does);\n"
               "1 an invalid or template name, a unit cat finds no file for, or a unit\n"
               "verify finds refused or unable to start; 2 bad usage. See goldctl-unit(1).\n");
        return EXIT_OK;
}

static int split_list(const char *s, char sep, char ***l) {
        const char *p = s;

        for (;;) {
                size_t n = strcspn(p, (char[]) { sep, '\0' });
                if (n > 0) {
                        char *w = strndup(p, n);
                        if (!w || strv_push(l, w) < 0) {
                                free(w);
                                return -ENOMEM;
                        }
                }
                if (p[n] == '\0')
                        return 0;
                p += n + 1;
        }
}

static int parse_argv(const char *verb, int argc, char **argv) {
        enum { ARG_ROOT = 0x100, ARG_UNIT_PATH, ARG_VALUE, ARG_FORMAT };
        static const struct option options[] = {
                { "help", no_argument, NULL, 'h' },
                { "root", required_argument, NULL, ARG_ROOT },
                { "unit-path", required_argument, NULL, ARG_UNIT_PATH },
                { "property", required_argument, NULL, 'p' },
                { "all", no_argument, NULL, 'a' },
                { "value", no_argument, NULL, ARG_VALUE },
                { "format", required_argument, NULL, ARG_FORMAT },
                {}
        };
        int c, r;

        opterr = 0;
        while ((c = getopt_long(argc, argv, "hp:a", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        help();
                        return 1;
                case ARG_ROOT:
                        free(arg_root);
                        arg_root = strdup(optarg);
                        if (!arg_root)
                                return log_error_errno(-ENOMEM, "out of memory");
                        break;
                case ARG_UNIT_PATH:
                        r = split_list(optarg, ':', &arg_unit_path);
                        if (r < 0)
                                return log_error_errno(r, "out of memory");
                        break;
                case 'p':
                        r = split_list(optarg, ',', &arg_properties);
                        if (r < 0)
                                return log_error_errno(r, "out of memory");
                        if (!arg_properties) { /* -p '' selects nothing, as systemctl */
                                r = strv_extend(&arg_properties, "");
                                if (r < 0)
                                        return log_error_errno(r, "out of memory");
                        }
                        break;
                case 'a':
                        arg_all = true;
                        break;
                case ARG_VALUE:
                        arg_value = true;
                        break;
                case ARG_FORMAT:
                        r = parse_format("unit ", optarg, &arg_format);
                        if (r != 0)
                                return -EINVAL;
                        break;
                default:
                        if (optopt && strchr("p", optopt))
                                usage_error("unit ", "option '-%c' needs a value", optopt);
                        else if (optopt)
                                usage_error("unit ", "unknown option '-%c'", optopt);
                        else
                                usage_error("unit ", "unknown option or missing value: '%s'", argv[optind - 1]);
                        return -EINVAL;
                }
        if (arg_format != FORMAT_TEXT && streq(verb, "cat")) {
                usage_error("unit ", "cat: --format is not supported (cat prints the files themselves)");
                return -EINVAL;
        }
        if ((arg_properties || arg_all || arg_value) && !streq(verb, "show")) {
                usage_error("unit ", "%s: -p, --all and --value are options of show", verb);
                return -EINVAL;
        }
        if (arg_root) {
                struct stat st;
                if (stat(arg_root, &st) < 0 || !S_ISDIR(st.st_mode)) {
                        usage_error("unit ", "--root '%s' is not a directory", arg_root);
                        return -EINVAL;
                }
        }
        STRV_FOREACH(p, arg_unit_path)
                if (!path_is_absolute(*p)) {
                        usage_error("unit ", "--unit-path: '%s' is not an absolute path", *p);
                        return -EINVAL;
                }
        STRV_FOREACH(p, arg_properties)
                if (!isempty(*p) && !unit_show_property_known(*p))
                        log_warning("property '%s' is not one goldctl knows; it will not be shown", *p);
        if (optind >= argc) {
                usage_error("unit ", "%s: no unit given", verb);
                return -EINVAL;
        }
        return 0;
}

static int init_loader(struct unit_loader *l, char * const *extra_dirs) {
        _cleanup_strv_free_ char **path = NULL;
        int r;

        if (extra_dirs || arg_unit_path) {
                r = strv_extend_strv(&path, extra_dirs);
                if (r >= 0) {
                        if (arg_unit_path)
                                r = strv_extend_strv(&path, arg_unit_path);
                        else
                                for (const char *const *p = unit_search_path_system; *p && r >= 0; p++)
                                        r = strv_extend(&path, *p);
                }
                if (r < 0)
                        return log_error_errno(r, "out of memory");
        }
        r = unit_loader_init(l, arg_root, path);
        if (r < 0)
                return log_error_errno(r, "cannot set up the unit search path");
        l->lint = true;
        return 0;
}

/* Loads the units named on the command line, then their dependencies. */
static int load_all(struct unit_loader *l, char **names, struct unit ***ret_units) {
        _cleanup_free_ struct unit **units = calloc(strv_length(names) + 1, sizeof(struct unit *));
        size_t i = 0;
        int r;

        if (!units)
                return log_error_errno(-ENOMEM, "out of memory");
        STRV_FOREACH(n, names) {
                if (unit_name_is_valid(*n, UNIT_NAME_TEMPLATE)) {
                        log_error("'%s' is a template; name an instance of it, such as '%.*s@instance%s'",
                                  *n, (int) (strchr(*n, '@') - *n), *n, strrchr(*n, '.'));
                        return -EINVAL;
                }
                r = unit_loader_load(l, *n, &units[i]);
                if (r == -EINVAL) {
                        log_error("'%s' is not a valid unit name", *n);
                        return r;
                }
                if (r < 0)
                        return log_error_errno(r, "cannot load %s", *n);
                i++;
        }
        r = unit_loader_finish(l);
        if (r < 0)
                return log_error_errno(r, "cannot load the units' dependencies");
        *ret_units = TAKE_PTR(units);
        return 0;
}

/* Sets up the loader and loads the units; returns EXIT_OK, or the exit
 * code to give up with (the reason is printed). */
static int open_units(struct unit_loader *l, char * const *extra_dirs, char **names, struct unit ***ret_units) {
        int r;

        r = init_loader(l, extra_dirs);
        if (r < 0)
                return EXIT_USAGE;
        r = load_all(l, names, ret_units);
        if (r < 0)
                return r == -EINVAL ? EXIT_FINDINGS : EXIT_USAGE;
        return EXIT_OK;
}

/* show and cat: say on stderr what kept a unit from loading, and problems
 * with the search path itself, so that nothing fails silently. */
static void warn_load_problems(const struct unit_loader *l, struct unit **units) {
        for (size_t i = 0; i < l->diags.n; i++)
                if (l->diags.items[i].level >= DIAG_WARNING)
                        log_warning("%s: %s", strempty(l->diags.items[i].file), l->diags.items[i].message);
        for (size_t i = 0; units[i]; i++) {
                const struct unit *u = units[i];

                if (u->load_state == UNIT_BAD_SETTING || u->load_state == UNIT_ERROR)
                        log_warning("%s: load state %s; 'goldctl unit verify %s' says why",
                                    u->id, unit_load_state_to_string(u->load_state), u->id);
        }
}

static json_t *show_json(const struct unit *u) {
        struct show_options o = { .properties = arg_properties, .all = true };
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
        json_t *obj = json_object();
        const char *p;

        if (!obj || unit_show(u, &o, &sb) < 0) {
                json_decref(obj);
                return NULL;
        }
        /* Reuse the text form: one "Key=value" per line; repeated keys
         * (command lines) become arrays. */
        p = strbuf_str(&sb);
        while (*p) {
                const char *nl = strchr(p, '\n'), *eq = strchr(p, '=');
                _cleanup_free_ char *key = NULL;
                json_t *v, *old;

                if (!nl)
                        nl = p + strlen(p);
                if (!eq || eq > nl)
                        break;
                key = strndup(p, (size_t) (eq - p));
                v = json_stringn(eq + 1, (size_t) (nl - eq - 1));
                if (!key || !v) {
                        json_decref(v);
                        json_decref(obj);
                        return NULL;
                }
                old = json_object_get(obj, key);
                if (startswith(key, "Exec") || streq(key, "EnvironmentFiles")) {
                        /* properties with one line per entry: always arrays */
                        if (!old) {
                                old = json_array();
                                json_object_set_new(obj, key, old);
                        }
                        json_array_append_new(old, v);
                } else
                        json_object_set_new(obj, key, v);
                p = *nl ? nl + 1 : nl;
        }
        return obj;
}

static int verb_show(char **names) {
        _cleanup_(unit_loader_release) struct unit_loader l = {};
        _cleanup_free_ struct unit **units = NULL;
        struct show_options o = { .properties = arg_properties, .all = arg_all, .value_only = arg_value };
        int r;

        r = open_units(&l, NULL, names, &units);
        if (r != EXIT_OK)
                return r;
        warn_load_problems(&l, units);

        if (arg_format == FORMAT_JSON) {
                json_t *arr = json_array();
                for (size_t i = 0; units[i]; i++) {
                        json_t *o2 = show_json(units[i]);
                        if (!o2 || !arr) {
                                json_decref(arr);
                                log_error("out of memory");
                                return EXIT_USAGE;
                        }
                        json_array_append_new(arr, o2);
                }
                json_dumpf(arr, stdout, JSON_INDENT(2));
                fputc('\n', stdout);
                json_decref(arr);
                return EXIT_OK;
        }
        for (size_t i = 0; units[i]; i++) {
                _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;

                if (i > 0)
                        fputc('\n', stdout);
                r = unit_show(units[i], &o, &sb);
                if (r < 0) {
                        log_error("out of memory");
                        return EXIT_USAGE;
                }
                fwrite(strbuf_str(&sb), 1, sb.len, stdout);
        }
        return EXIT_OK;
}

/* Prints a file as systemctl cat does: line by line, line ends normalized. */
static int cat_file(const char *host, const char *fs, bool newline) {
        _cleanup_free_ char *data = NULL;
        size_t size = 0;
        int r;

        r = read_full_file(fs, UNIT_FILE_SIZE_MAX, &data, &size, NULL);
        if (r < 0)
                return log_error_errno(r, "cannot read '%s'", host);
        printf("%s# %s\n", newline ? "\n" : "", host);
        for (size_t i = 0; i < size;) {
                size_t j = i;
                int prev = 0;

                while (j < size && data[j] != '\n' && data[j] != '\r' && data[j] != '\0')
                        j++;
                fwrite(data + i, 1, j - i, stdout);
                fputc('\n', stdout);
                /* Swallow one line end: \n, \r, \0 and their pairs. */
                while (j < size) {
                        int eol = data[j] == '\n' ? 1 : data[j] == '\r' ? 2 : data[j] == '\0' ? 4 : 0;
                        if (eol == 0 || (prev & 4) || (prev & eol))
                                break;
                        prev |= eol;
                        j++;
                }
                i = j;
        }
        return 0;
}

static int verb_cat(char **names) {
        _cleanup_(unit_loader_release) struct unit_loader l = {};
        _cleanup_free_ struct unit **units = NULL;
        bool first = true;
        int r, rc = EXIT_OK;

        r = open_units(&l, NULL, names, &units);
        if (r != EXIT_OK)
                return r;
        warn_load_problems(&l, units);
        for (size_t i = 0; units[i]; i++) {
                struct unit *u = units[i];

                if (u->load_state == UNIT_MASKED) {
                        printf("# Unit %s is masked.\n", names[i]);
                        continue;
                }
                if (!u->fragment_path && strv_isempty(u->dropin_paths)) {
                        log_error("No files found for %s.", names[i]);
                        rc = EXIT_FINDINGS;
                        continue;
                }
                if (!first)
                        fputc('\n', stdout);
                first = false;
                if (u->fragment_path) {
                        r = cat_file(u->fragment_path, u->fragment_fs, false);
                        if (r < 0)
                                rc = EXIT_FINDINGS;
                }
                for (size_t j = 0; u->dropin_paths && u->dropin_paths[j]; j++) {
                        r = cat_file(u->dropin_paths[j], u->dropin_fs[j], u->fragment_path || j > 0);
                        if (r < 0)
                                rc = EXIT_FINDINGS;
                }
        }
        return rc;
}

static const char *effect_hint(enum diag_effect e) {
        switch (e) {
        case DIAG_EFFECT_IGNORED: return "systemd ignores this assignment";
        case DIAG_EFFECT_FILE: return "systemd stops reading this drop-in here";
        case DIAG_EFFECT_REFUSED: return "systemd refuses to load the unit";
        default: return NULL;
        }
}

static void print_diag_text(const struct diag *d, bool color) {
        const char *lc = d->level == DIAG_ERROR ? "\033[1;31m" : d->level == DIAG_WARNING ? "\033[1;33m" : "\033[1m";
        const char *hint = effect_hint(d->effect);

        if (d->file && d->line > 0)
                printf("%s:%u: ", d->file, d->line);
        else if (d->file)
                printf("%s: ", d->file);
        printf("%s%s%s: %s", color ? lc : "", diag_level_to_string(d->level), color ? "\033[0m" : "", d->message);
        if (d->extra)
                printf(" [goldctl]");
        else if (hint && d->level >= DIAG_WARNING && d->effect != DIAG_EFFECT_NONE)
                printf(" (%s)", hint);
        putchar('\n');
}

static json_t *diag_json(const struct diag *d, const char *unit) {
        return json_pack("{s:s, s:s?, s:i, s:s, s:s, s:s, s:b}",
                         "unit", unit,
                         "file", d->file,
                         "line", (int) d->line,
                         "level", diag_level_to_string(d->level),
                         "effect", diag_effect_to_string(d->effect),
                         "message", d->message,
                         "goldctl", d->extra);
}

static bool is_file_argument(const char *a) {
        return strchr(a, '/') != NULL;
}

static int verb_verify(char **args) {
        _cleanup_(unit_loader_release) struct unit_loader l = {};
        _cleanup_strv_free_ char **dirs = NULL, **names = NULL;
        _cleanup_free_ struct unit **units = NULL;
        bool color = arg_format == FORMAT_TEXT && use_color(stdout);
        size_t refused = 0, errors = 0, warnings = 0, problems = 0;
        json_t *jdiags = NULL;
        int r;

        STRV_FOREACH(a, args) {
                if (is_file_argument(*a)) {
                        _cleanup_free_ char *abs = NULL, *dir = NULL;
                        struct stat st;

                        if (arg_root) {
                                if (!path_is_absolute(*a))
                                        return usage_error("unit ", "verify: with --root, give files as absolute paths on the audited host: '%s'", *a);
                                abs = strdup(*a);
                        } else if (path_is_absolute(*a))
                                abs = strdup(*a);
                        else {
                                char cwd[PATH_MAX];
                                abs = getcwd(cwd, sizeof(cwd)) ? path_join(cwd, *a) : NULL;
                        }
                        if (abs)
                                path_simplify(abs);
                        if (!abs || (arg_root ? root_stat(arg_root, abs, &st) : stat(abs, &st)) < 0) {
                                log_error("cannot read '%s': %s", *a, strerror(errno ? errno : ENOENT));
                                return EXIT_USAGE;
                        }
                        if (!unit_name_is_valid(path_basename(abs), UNIT_NAME_ANY)) {
                                log_error("'%s' is not named like a unit file (name.service, name.timer, ...)", *a);
                                return EXIT_USAGE;
                        }
                        dir = path_dirname(abs);
                        if (!dir)
                                return log_error_errno(-ENOMEM, "out of memory"), EXIT_USAGE;
                        if (!strv_contains(dirs, dir)) {
                                if (strv_push(&dirs, dir) < 0)
                                        return log_error_errno(-ENOMEM, "out of memory"), EXIT_USAGE;
                                dir = NULL;
                        }
                        r = strv_extend(&names, path_basename(abs));
                } else
                        r = strv_extend(&names, *a);
                if (r < 0)
                        return log_error_errno(r, "out of memory"), EXIT_USAGE;
        }

        {
                /* Templates given as files are verified as an instance, as
                 * systemd-analyze verify does. */
                for (char **n = names; n && *n; n++)
                        if (unit_name_is_valid(*n, UNIT_NAME_TEMPLATE)) {
                                _cleanup_free_ char *inst = NULL;
                                if (unit_name_replace_instance(*n, "test-instance", &inst) >= 0) {
                                        free(*n);
                                        *n = TAKE_PTR(inst);
                                }
                        }
        }
        r = open_units(&l, dirs, names, &units);
        if (r != EXIT_OK)
                return r;

        if (arg_format == FORMAT_JSON)
                jdiags = json_array();

        for (size_t i = 0; i < l.diags.n; i++) {
                if (arg_format == FORMAT_JSON)
                        json_array_append_new(jdiags, diag_json(&l.diags.items[i], ""));
                else
                        print_diag_text(&l.diags.items[i], color);
        }
        for (size_t i = 0; units[i]; i++) {
                struct unit *u = units[i];
                bool seen = false;

                for (size_t j = 0; j < i; j++)
                        if (units[j] == u)
                                seen = true;
                if (seen)
                        continue;
                r = unit_verify(&l, u);
                if (r < 0) {
                        log_error("out of memory");
                        return EXIT_USAGE;
                }
                problems += (size_t) r;
                for (size_t j = 0; j < u->diags.n; j++) {
                        const struct diag *d = &u->diags.items[j];

                        if (d->level == DIAG_DEBUG)
                                continue;
                        if (d->level == DIAG_ERROR)
                                errors++;
                        else if (d->level == DIAG_WARNING)
                                warnings++;
                        if (arg_format == FORMAT_JSON)
                                json_array_append_new(jdiags, diag_json(d, u->id));
                        else
                                print_diag_text(d, color);
                }
                if (u->load_state != UNIT_LOADED) {
                        refused++;
                        if (arg_format == FORMAT_TEXT)
                                printf("%s: load state %s: systemd would not start this unit\n",
                                       u->id, unit_load_state_to_string(u->load_state));
                }
        }

        if (arg_format == FORMAT_JSON) {
                json_t *root = json_pack("{s:o, s:i, s:i, s:i, s:i}", "diagnostics", jdiags,
                                         "refused", (int) refused, "cannot_start", (int) problems,
                                         "errors", (int) errors, "warnings", (int) warnings);
                json_t *states = json_object();
                for (size_t i = 0; units[i]; i++)
                        json_object_set_new(states, units[i]->id, json_string(unit_load_state_to_string(units[i]->load_state)));
                json_object_set_new(root, "load_state", states);
                json_dumpf(root, stdout, JSON_INDENT(2));
                fputc('\n', stdout);
                json_decref(root);
        }
        /* As systemd-analyze verify: a unit that does not load, or cannot be
         * started (missing units, service or commands), fails; warnings and
         * errors systemd only logs do not. */
        return refused > 0 || problems > 0 ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_unit(int argc, char **argv) {
        const char *verb;
        int r;

        reset_args();
        if (argc < 2 || streq(argv[1], "--help") || streq(argv[1], "-h")) {
                help();
                return argc < 2 ? EXIT_USAGE : EXIT_OK;
        }
        verb = argv[1];
        if (!streq(verb, "show") && !streq(verb, "cat") && !streq(verb, "verify"))
                return usage_error("unit ", "unknown verb '%s' (use show, cat or verify)", verb);

        optind = 0;
        r = parse_argv(verb, argc - 1, argv + 1);
        if (r != 0) {
                reset_args();
                return r > 0 ? EXIT_OK : EXIT_USAGE;
        }
        {
                char **names = argv + 1 + optind;
                int rc;

                if (streq(verb, "show"))
                        rc = verb_show(names);
                else if (streq(verb, "cat"))
                        rc = verb_cat(names);
                else
                        rc = verb_verify(names);
                reset_args();
                return rc;
        }
}
