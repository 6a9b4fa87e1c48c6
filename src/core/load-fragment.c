/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdarg.h>

#include "env-file.h"
#include "escape.h"
#include "extract-word.h"
#include "load-fragment.h"
#include "path-util.h"
#include "specifier.h"
#include "strbuf.h"
#include "strv.h"
#include "utf8.h"

/* ---- the key table ---- */

static const struct unit_key {
        const char *name;
        enum unit_key_kind kind;
} unit_keys[] = {
#include "unit-keys.inc"
};

static int key_cmp(const void *k, const void *e) {
        return strcmp(k, ((const struct unit_key *) e)->name);
}

int unit_key_lookup(const char *section, const char *key) {
        char buf[256];
        const struct unit_key *k;
        int n;

        n = snprintf(buf, sizeof(buf), "%s.%s", section, key);
        if (n < 0 || (size_t) n >= sizeof(buf))
                return -ENOENT;
        k = bsearch(buf, unit_keys, ELEMENTSOF(unit_keys), sizeof(unit_keys[0]), key_cmp);
        return k ? (int) k->kind : -ENOENT;
}

/* ---- helpers ---- */

struct handler_args {
        struct fragment_parse *fp;
        const struct syntax_assignment *a;
        struct diag_list *diags;
        int ltype;
};

static struct origin here(const struct handler_args *h) {
        return (struct origin) { .file = h->fp->file, .line = h->a->line };
}

_printf_(4, 5)
static void note(const struct handler_args *h, enum diag_level level, enum diag_effect effect, const char *fmt, ...) {
        struct strbuf sb = STRBUF_INIT;
        va_list ap;

        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        diag_add(h->diags, h->a->file, h->a->line, level, effect, "%s", strbuf_str(&sb));
        strbuf_release(&sb);
}

/* A warning about an assignment systemd ignores. */
#define IGNORED(h, ...) note(h, DIAG_WARNING, DIAG_EFFECT_IGNORED, __VA_ARGS__)
/* An error that stops the file (and, in a fragment, refuses the unit). */
#define FATAL(h, ...) note(h, DIAG_ERROR, (h)->a->fatal_effect, __VA_ARGS__)

static struct specifier_context spec_ctx(const struct handler_args *h) {
        return (struct specifier_context) {
                .id = h->fp->unit->id,
                .instance = h->fp->unit->instance,
                .fragment_real = h->fp->fragment_real,
        };
}

static const char *errno_text(int r) {
        if (r == -EBADSLT)
                return "Invalid slot";
        return strerror(r < 0 ? -r : r);
}

/* Expands specifiers twice: for display (host-dependent ones kept) and for
 * checking (host-dependent ones replaced by plausible values). */
static int expand(const struct handler_args *h, const char *text, enum specifier_table t, size_t max,
                  char **ret_show, char **ret_probe) {
        struct specifier_context c = spec_ctx(h);
        int r;

        r = specifier_expand(&c, text, t, max, 0, ret_show);
        if (r < 0)
                return r;
        if (ret_probe) {
                r = specifier_expand(&c, text, t, max, SPECIFIER_PROBE, ret_probe);
                if (r < 0) {
                        free(*ret_show);
                        *ret_show = NULL;
                        return r;
                }
        }
        return 0;
}

#define LONG_LINE_MAX SYNTAX_LINE_MAX
#define ARG_MAX_VALUE ((size_t) 2 * 1024 * 1024)

enum path_check {
        PATH_CHECK_ABSOLUTE = 1 << 0,
        PATH_CHECK_FATAL = 1 << 1,
};

/* systemd's path_simplify_and_warn(): checks and simplifies path in place.
 * `probe` is the same path with host specifiers given plausible values; the
 * checks run on it, the simplification on both. */
static int path_check_and_simplify(const struct handler_args *h, char *path, char *probe, unsigned flags) {
        const char *ign = flags & PATH_CHECK_FATAL ? "" : ", ignoring";
        enum diag_effect eff = flags & PATH_CHECK_FATAL ? h->a->fatal_effect : DIAG_EFFECT_IGNORED;
        const char *key = h->a->key;

        if (!utf8_is_valid(probe)) {
                struct strbuf esc = STRBUF_INIT;
                cescape_append(&esc, path);
                note(h, DIAG_ERROR, eff, "String is not UTF-8 clean, ignoring assignment: %s", strbuf_str(&esc));
                strbuf_release(&esc);
                return -EINVAL;
        }
        if ((flags & PATH_CHECK_ABSOLUTE) && !path_is_absolute(probe)) {
                note(h, DIAG_ERROR, eff, "%s= path is not absolute%s: %s", key, ign, path);
                return -EINVAL;
        }
        path_simplify(path);
        path_simplify(probe);
        if (!path_is_valid(probe)) {
                note(h, DIAG_ERROR, eff, "%s= path has invalid length (%zu bytes)%s.", key, strlen(path), ign);
                return -EINVAL;
        }
        if (!path_is_normalized(probe)) {
                note(h, DIAG_ERROR, eff, "%s= path is not normalized%s: %s", key, ign, path);
                return -EINVAL;
        }
        return 0;
}

/* extract_first_word_and_warn(): retries with relaxed escapes and warns. */
static int extract_and_warn(const struct handler_args *h, const char **p, char **ret, unsigned flags, const char *rvalue,
                            enum diag_effect effect) {
        const char *save = *p;
        int r;

        r = extract_first_word(p, ret, NULL, flags);
        if (r >= 0)
                return r;
        if (r == -EINVAL && !(flags & EXTRACT_UNESCAPE_RELAX)) {
                *p = save;
                r = extract_first_word(p, ret, NULL, flags | EXTRACT_UNESCAPE_RELAX);
                if (r >= 0) {
                        note(h, DIAG_WARNING, DIAG_EFFECT_NONE, "Ignoring unknown escape sequences: \"%s\"", strempty(*ret));
                        return r;
                }
                if (r == -EINVAL) {
                        note(h, DIAG_ERROR, effect, "Unbalanced quoting, ignoring: \"%s\"", rvalue);
                        return r;
                }
        }
        note(h, DIAG_ERROR, effect, "Unable to decode word \"%s\", ignoring: %s", rvalue, errno_text(r));
        return r;
}

static int parse_uid_number(const char *s) {
        uint64_t v;

        if (safe_atou64(s, &v) < 0)
                return -EINVAL;
        if (v > 0xFFFFFFFEULL || v == 65535)
                return -EINVAL;
        return 0;
}

bool valid_user_group_name_relaxed(const char *u, bool *ret_strict) {
        bool strict = true;

        if (ret_strict)
                *ret_strict = false;
        if (isempty(u))
                return false;
        if (parse_uid_number(u) >= 0) {
                if (ret_strict)
                        *ret_strict = true;
                return true;
        }
        if (u[0] == ' ' || u[strlen(u) - 1] == ' ')
                return false;
        if (!utf8_is_valid(u))
                return false;
        for (const char *p = u; *p; p++)
                if (char_is_cc(*p))
                        return false;
        if (strpbrk(u, ":/"))
                return false;
        if (u[strspn(u, DIGITS)] == '\0')
                return false;
        if (u[0] == '-' && u[1 + strspn(u + 1, DIGITS)] == '\0')
                return false;
        if (streq(u, ".") || streq(u, ".."))
                return false;
        /* strict: [A-Za-z_][A-Za-z0-9_-]*, at most 31 bytes */
        if (!((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z') || u[0] == '_'))
                strict = false;
        for (const char *p = u + 1; *p && strict; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                      *p == '_' || *p == '-'))
                        strict = false;
        if (strlen(u) > 31)
                strict = false;
        if (ret_strict)
                *ret_strict = strict;
        return true;
}

/* ---- [Unit] ---- */

static int parse_string_printf(struct handler_args *h, struct setting_str *s) {
        _cleanup_free_ char *k = NULL;
        int r;

        r = expand(h, h->a->value, SPECIFIERS_FULL, LONG_LINE_MAX, &k, NULL);
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        return setting_str_set(s, isempty(k) ? NULL : k, here(h));
}

static int p_description(struct handler_args *h) {
        return parse_string_printf(h, &h->fp->unit->description);
}

/* Whether the instance part of a dependency's name is built with %i, %n or
 * %N around more text (contains_instance_specifier_superset()). */
static bool contains_instance_specifier_superset(const char *s) {
        const char *p = strchr(s, '@'), *q;
        bool percent = false;

        if (!p)
                return false;
        p++;
        q = strrchr(p, '.');
        if (!q)
                q = p + strlen(p);
        if ((size_t) (q - p) == 2 && memcmp(p, "%i", 2) == 0)
                return false;
        for (; p < q; p++) {
                if (*p == '%')
                        percent = !percent;
                else if (percent) {
                        if (*p == 'n' || *p == 'N' || *p == 'i')
                                return true;
                        percent = false;
                }
        }
        return false;
}

static bool prefix_equal(const char *a, const char *b) {
        size_t la = strcspn(a, "@"), lb = strcspn(b, "@");

        if (!strchr(a, '@'))
                la = (size_t) (strrchr(a, '.') - a);
        if (!strchr(b, '@'))
                lb = (size_t) (strrchr(b, '.') - b);
        return la == lb && memcmp(a, b, la) == 0;
}

/* systemd drops a template's dependency on an instance of itself named with
 * %i/%n/%N inside more text ("foo@%n.service"): it would recurse forever. */
static bool dependency_is_recursive_template(const struct fragment_parse *fp, const char *name, const char *word) {
        const struct unit *u = fp->unit;

        if (!unit_name_is_valid(name, UNIT_NAME_INSTANCE) || !unit_name_is_valid(u->id, UNIT_NAME_ANY))
                return false;
        if (!prefix_equal(u->id, name) || u->type != unit_name_to_type(name))
                return false;
        if (!fp->same_fragment || !fp->same_fragment(fp->loader, u, name))
                return false;
        return contains_instance_specifier_superset(word);
}

static int add_dep_by_name(struct handler_args *h, enum unit_dependency d, const char *name, unsigned flags) {
        struct unit *u = h->fp->unit;
        _cleanup_free_ char *buf = NULL;
        const char *n = name;
        int r;

        if (unit_name_is_valid(name, UNIT_NAME_TEMPLATE)) {
                if (u->instance)
                        r = unit_name_replace_instance(name, u->instance, &buf);
                else {
                        _cleanup_free_ char *prefix = NULL;
                        r = unit_name_to_prefix(u->id, &prefix);
                        if (r >= 0)
                                r = unit_name_replace_instance(name, prefix, &buf);
                }
                if (r < 0)
                        return r;
                n = buf;
        }
        if (!unit_name_is_valid(n, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE))
                return -EINVAL;
        if (d == UNIT_BEFORE && unit_name_to_type(n) == UNIT_DEVICE) {
                note(h, DIAG_WARNING, DIAG_EFFECT_IGNORED, "Dependency Before=%s ignored (.device units cannot be delayed)", n);
                return 0;
        }
        return unit_dep_add(u, d, n, here(h), flags);
}

static int p_deps(struct handler_args *h) {
        enum unit_dependency d = (enum unit_dependency) h->ltype;

        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *k = NULL;
                int r;

                r = extract_first_word(&p, &word, NULL, EXTRACT_RETAIN_ESCAPE);
                if (r == 0)
                        return 0;
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Invalid syntax, ignoring: %s", h->a->value);
                        return 0;
                }
                r = expand(h, word, SPECIFIERS_NAME, UNIT_NAME_MAX, &k, NULL);
                if (r < 0) {
                        IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", word, errno_text(r));
                        continue;
                }
                if (dependency_is_recursive_template(h->fp, k, word)) {
                        note(h, DIAG_DEBUG, DIAG_EFFECT_IGNORED,
                             "Dropping dependency %s=%s that likely leads to infinite recursion.",
                             unit_dependency_to_string(h->ltype), word);
                        continue;
                }
                r = add_dep_by_name(h, d, k, UNIT_DEP_FILE);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        IGNORED(h, "Failed to add dependency on %s, ignoring: %s", k, errno_text(r));
        }
}

static int p_bool_field(struct handler_args *h, bool *b) {
        int k = parse_boolean(h->a->value);

        if (k < 0) {
                if (h->ltype)
                        FATAL(h, "Failed to parse boolean value: %s", h->a->value);
                else
                        IGNORED(h, "Failed to parse boolean value, ignoring: %s", h->a->value);
                return h->ltype ? -ENOEXEC : 0;
        }
        *b = k;
        return 0;
}

static int p_default_dependencies(struct handler_args *h) {
        return p_bool_field(h, &h->fp->unit->default_dependencies);
}

static int p_success_action(struct handler_args *h) {
        static const char *const actions[] = {
                "none", "reboot", "reboot-force", "reboot-immediate",
                "poweroff", "poweroff-force", "poweroff-immediate", "exit", "exit-force",
        };
        for (size_t i = 0; i < ELEMENTSOF(actions); i++)
                if (streq(actions[i], h->a->value))
                        return setting_str_set(&h->fp->unit->success_action, i == 0 ? NULL : h->a->value, here(h));
        IGNORED(h, "Failed to parse %s=, ignoring: %s", h->a->key, h->a->value);
        return 0;
}

/* ---- [Install] ---- */

static int p_install_list(struct handler_args *h) {
        struct unit *u = h->fp->unit;
        struct setting_list *l = h->ltype == 0 ? &u->install_wanted_by :
                                 h->ltype == 1 ? &u->install_required_by :
                                 h->ltype == 2 ? &u->install_alias : &u->install_also;

        /* systemd itself ignores [Install] when loading; goldctl keeps the
         * words (as systemctl enable reads them) for the audit. */
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL;
                int r = extract_first_word(&p, &word, NULL, EXTRACT_UNQUOTE | EXTRACT_RELAX);
                if (r <= 0)
                        return r == -ENOMEM ? r : 0;
                r = setting_list_append(l, word, here(h));
                if (r < 0)
                        return r;
        }
}

/* ---- [Service] ---- */

static int p_service_type(struct handler_args *h) {
        for (int t = 0; t < _SERVICE_TYPE_MAX; t++)
                if (streq(service_type_to_string(t), h->a->value)) {
                        h->fp->unit->service_type = t;
                        h->fp->unit->service_type_origin = here(h);
                        return 0;
                }
        IGNORED(h, "Failed to parse service type, ignoring: %s", h->a->value);
        return 0;
}

static int p_restart(struct handler_args *h) {
        for (int t = 0; t < _SERVICE_RESTART_MAX; t++)
                if (streq(service_restart_to_string(t), h->a->value)) {
                        h->fp->unit->restart = t;
                        h->fp->unit->restart_origin = here(h);
                        return 0;
                }
        IGNORED(h, "Failed to parse service restart specifier, ignoring: %s", h->a->value);
        return 0;
}

static int p_restart_sec(struct handler_args *h) {
        usec_t t;

        if (parse_sec(h->a->value, &t) < 0) {
                IGNORED(h, "Failed to parse %s= parameter, ignoring: %s", h->a->key, h->a->value);
                return 0;
        }
        h->fp->unit->restart_usec = t;
        return 0;
}

static int p_remain_after_exit(struct handler_args *h) {
        return p_bool_field(h, &h->fp->unit->remain_after_exit);
}

static int p_bus_name(struct handler_args *h) {
        _cleanup_free_ char *k = NULL;
        int r;

        r = expand(h, h->a->value, SPECIFIERS_FULL, LONG_LINE_MAX, &k, NULL);
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in %s, ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        /* A D-Bus well-known name: elements of [A-Za-z0-9_-], at least two,
         * not starting with a digit (unique names ':1.2' allowed too). */
        {
                const char *s = k;
                bool ok = !isempty(s) && strlen(s) <= 255, dot = false, start = true, unique = s[0] == ':';
                if (unique)
                        s++;
                for (; ok && *s; s++) {
                        if (*s == '.') {
                                if (start)
                                        ok = false;
                                dot = true;
                                start = true;
                                continue;
                        }
                        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' || *s == '-' ||
                              (*s >= '0' && *s <= '9' && (unique || !start))))
                                ok = false;
                        start = false;
                }
                if (ok && (start || !dot))
                        ok = false;
                if (!ok) {
                        IGNORED(h, "Invalid bus name, ignoring: %s", k);
                        return 0;
                }
        }
        return setting_str_set(&h->fp->unit->bus_name, k, here(h));
}

static int p_kill_mode(struct handler_args *h) {
        static const char *const modes[] = { "control-group", "process", "mixed", "none" };

        for (size_t i = 0; i < ELEMENTSOF(modes); i++)
                if (streq(modes[i], h->a->value)) {
                        h->fp->unit->kill_mode = (int) i;
                        return 0;
                }
        IGNORED(h, "Failed to parse kill mode specification, ignoring: %s", h->a->value);
        return 0;
}

static int p_exit_type(struct handler_args *h) {
        if (streq(h->a->value, "main"))
                h->fp->unit->exit_type_cgroup = false;
        else if (streq(h->a->value, "cgroup"))
                h->fp->unit->exit_type_cgroup = true;
        else
                IGNORED(h, "Failed to parse service exit type, ignoring: %s", h->a->value);
        return 0;
}

static int p_restart_force_status(struct handler_args *h) {
        /* Only whether the set is empty matters for loading. */
        h->fp->unit->restart_force_status = !isempty(h->a->value);
        return 0;
}

static int p_service_sockets(struct handler_args *h) {
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *k = NULL;
                int r;

                r = extract_first_word(&p, &word, NULL, 0);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Trailing garbage in sockets, ignoring: %s", h->a->value);
                        return 0;
                }
                if (r == 0)
                        return 0;
                r = expand(h, word, SPECIFIERS_NAME, UNIT_NAME_MAX, &k, NULL);
                if (r < 0) {
                        IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", word, errno_text(r));
                        continue;
                }
                if (!endswith(k, ".socket")) {
                        IGNORED(h, "Unit must be of type socket, ignoring: %s", k);
                        continue;
                }
                r = add_dep_by_name(h, UNIT_WANTS, k, UNIT_DEP_FILE);
                if (r >= 0)
                        r = add_dep_by_name(h, UNIT_AFTER, k, UNIT_DEP_FILE);
                if (r >= 0)
                        r = add_dep_by_name(h, UNIT_TRIGGERED_BY, k, UNIT_DEP_FILE);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        IGNORED(h, "Failed to add dependency on %s, ignoring: %s", k, errno_text(r));
        }
}

/* ExecStart= and friends: config_parse_exec(). */
static int p_exec(struct handler_args *h) {
        struct unit *u = h->fp->unit;
        struct exec_command_list *list = &u->exec[h->ltype];
        const char *p = h->a->value, *rvalue = h->a->value;
        bool semicolon;
        int r;

        if (isempty(p)) {
                exec_command_list_clear(list);
                return 0;
        }

        do {
                _cleanup_free_ char *firstword = NULL, *path = NULL, *probe = NULL;
                _cleanup_strv_free_ char **argv = NULL;
                unsigned flags = 0;
                bool ignore = false;
                const char *f;

                semicolon = false;
                r = extract_and_warn(h, &p, &firstword, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, rvalue, DIAG_EFFECT_IGNORED);
                if (r <= 0)
                        return r == -ENOMEM ? r : 0;

                if (streq(firstword, ";")) {
                        semicolon = true;
                        continue;
                }

                f = firstword;
                for (;;) {
                        if (*f == '-' && !(flags & EXEC_COMMAND_IGNORE_FAILURE)) {
                                flags |= EXEC_COMMAND_IGNORE_FAILURE;
                                ignore = true;
                        } else if (*f == '@' && !(flags & EXEC_COMMAND_SEPARATE_ARGV0))
                                flags |= EXEC_COMMAND_SEPARATE_ARGV0;
                        else if (*f == ':' && !(flags & EXEC_COMMAND_NO_ENV_EXPAND))
                                flags |= EXEC_COMMAND_NO_ENV_EXPAND;
                        else if (*f == '+' && !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID | EXEC_COMMAND_AMBIENT_MAGIC)))
                                flags |= EXEC_COMMAND_FULLY_PRIVILEGED;
                        else if (*f == '!' && !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_NO_SETUID | EXEC_COMMAND_AMBIENT_MAGIC)))
                                flags |= EXEC_COMMAND_NO_SETUID;
                        else if (*f == '!' && !(flags & (EXEC_COMMAND_FULLY_PRIVILEGED | EXEC_COMMAND_AMBIENT_MAGIC))) {
                                flags &= ~EXEC_COMMAND_NO_SETUID;
                                flags |= EXEC_COMMAND_AMBIENT_MAGIC;
                        } else
                                break;
                        f++;
                }

#define EXEC_FAIL(...)                                                                          \
                do {                                                                            \
                        if (ignore)                                                             \
                                note(h, DIAG_WARNING, DIAG_EFFECT_IGNORED, __VA_ARGS__);        \
                        else                                                                    \
                                note(h, DIAG_ERROR, h->a->fatal_effect, __VA_ARGS__);           \
                        return ignore ? 0 : -ENOEXEC;                                           \
                } while (0)

                r = expand(h, f, SPECIFIERS_FULL, PATH_MAX, &path, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0)
                        EXEC_FAIL("Failed to resolve unit specifiers in '%s'%s: %s", f, ignore ? ", ignoring" : "", errno_text(r));
                if (isempty(path))
                        EXEC_FAIL("Empty path in command line%s: '%s'", ignore ? ", ignoring" : "", rvalue);
                if (!string_is_safe(probe))
                        EXEC_FAIL("Executable name contains special characters%s: %s", ignore ? ", ignoring" : "", path);
                if (endswith(probe, "/"))
                        EXEC_FAIL("Executable path specifies a directory%s: %s", ignore ? ", ignoring" : "", path);
                if (!(path_is_absolute(probe) ? path_is_valid(probe) : filename_is_valid(probe)))
                        EXEC_FAIL("Neither a valid executable name nor an absolute path%s: %s", ignore ? ", ignoring" : "", path);

                if (!(flags & EXEC_COMMAND_SEPARATE_ARGV0)) {
                        r = strv_extend(&argv, path);
                        if (r < 0)
                                return r;
                }
                path_simplify(path);

                while (!isempty(p)) {
                        _cleanup_free_ char *word = NULL, *resolved = NULL;

                        if (p[0] == ';' && (!p[1] || strchr(WHITESPACE, p[1]))) {
                                p++;
                                p += strspn(p, WHITESPACE);
                                semicolon = true;
                                break;
                        }
                        if (p[0] == '\\' && p[1] == ';' && (!p[2] || strchr(WHITESPACE, p[2]))) {
                                p += 2;
                                p += strspn(p, WHITESPACE);
                                r = strv_extend(&argv, ";");
                                if (r < 0)
                                        return r;
                                continue;
                        }
                        r = extract_and_warn(h, &p, &word, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, rvalue,
                                             ignore ? DIAG_EFFECT_IGNORED : h->a->fatal_effect);
                        if (r == 0)
                                break;
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0)
                                return ignore ? 0 : -ENOEXEC;
                        r = expand(h, word, SPECIFIERS_FULL, LONG_LINE_MAX, &resolved, NULL);
                        if (r == -ENOMEM)
                                return r;
                        if (r < 0)
                                EXEC_FAIL("Failed to resolve unit specifiers in %s%s: %s", word, ignore ? ", ignoring" : "", errno_text(r));
                        r = strv_push(&argv, resolved);
                        if (r < 0)
                                return r;
                        resolved = NULL;
                }

                if (strv_isempty(argv))
                        EXEC_FAIL("Empty executable name or zeroeth argument%s: %s", ignore ? ", ignoring" : "", rvalue);
#undef EXEC_FAIL

                if (list->n == list->alloc) {
                        size_t na = list->alloc ? list->alloc * 2 : 2;
                        struct exec_command *ni = realloc(list->items, na * sizeof(*ni));
                        if (!ni)
                                return -ENOMEM;
                        list->items = ni;
                        list->alloc = na;
                }
                list->items[list->n++] = (struct exec_command) {
                        .path = TAKE_PTR(path),
                        .argv = TAKE_PTR(argv),
                        .flags = flags,
                        .origin = here(h),
                };
                rvalue = p;
        } while (semicolon);

        return 0;
}

/* ---- exec context ---- */

static bool env_assignment_is_valid(const char *e) {
        const char *eq = strchr(e, '=');

        if (!eq || !env_name_is_valid_n(e, (size_t) (eq - e)))
                return false;
        if (!utf8_is_valid(eq + 1))
                return false;
        return strlen(e) <= ARG_MAX_VALUE - 1;
}

/* Environment=: a repeated NAME replaces the earlier entry in place. */
static int env_replace(struct setting_list *l, const char *assignment, struct origin o) {
        size_t n = strcspn(assignment, "=");

        for (size_t i = 0; i < l->n; i++)
                if (strncmp(l->items[i].value, assignment, n) == 0 && l->items[i].value[n] == '=') {
                        char *v = strdup(assignment);
                        if (!v)
                                return -ENOMEM;
                        free(l->items[i].value);
                        l->items[i].value = v;
                        l->items[i].origin = o;
                        return 0;
                }
        return setting_list_append(l, assignment, o);
}

static int p_environment(struct handler_args *h) {
        struct setting_list *env = &h->fp->unit->ctx.environment;

        if (isempty(h->a->value)) {
                setting_list_clear(env);
                return 0;
        }
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *resolved = NULL;
                int r;

                r = extract_first_word(&p, &word, NULL, EXTRACT_CUNESCAPE | EXTRACT_UNQUOTE);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Invalid syntax, ignoring: %s", h->a->value);
                        return 0;
                }
                if (r == 0)
                        return 0;
                r = expand(h, word, SPECIFIERS_FULL, ARG_MAX_VALUE, &resolved, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to resolve specifiers in %s, ignoring: %s", word, errno_text(r));
                        continue;
                }
                if (!env_assignment_is_valid(resolved)) {
                        IGNORED(h, "Invalid environment assignment, ignoring: %s", resolved);
                        continue;
                }
                r = env_replace(env, resolved, here(h));
                if (r < 0)
                        return r;
        }
}

/* PassEnvironment= and UnsetEnvironment=: words (UnsetEnvironment= also
 * C-unescaped), specifiers resolved, each a variable name (UnsetEnvironment=
 * also NAME=VALUE); a name already listed is not added again. Bad quoting
 * keeps the words before it. */
static int p_env_names(struct handler_args *h) {
        bool unset = streq(h->a->key, "UnsetEnvironment");
        struct setting_list *l = unset ? &h->fp->unit->ctx.unset_environment : &h->fp->unit->ctx.pass_environment;

        if (isempty(h->a->value)) {
                setting_list_clear(l);
                return 0;
        }
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *k = NULL;
                bool dup = false;
                int r;

                r = extract_first_word(&p, &word, NULL, unset ? EXTRACT_CUNESCAPE | EXTRACT_UNQUOTE : EXTRACT_UNQUOTE);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Trailing garbage in %s, ignoring: %s", h->a->key, h->a->value);
                        return 0;
                }
                if (r == 0)
                        return 0;
                r = expand(h, word, SPECIFIERS_FULL, ARG_MAX_VALUE, &k, NULL);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to resolve specifiers in %s, ignoring: %s", word, errno_text(r));
                        continue;
                }
                if (unset ? !env_assignment_is_valid(k) && !env_name_is_valid(k) : !env_name_is_valid(k)) {
                        if (unset)
                                IGNORED(h, "Invalid environment name or assignment %s, ignoring: %s", h->a->key, k);
                        else
                                IGNORED(h, "Invalid environment name for %s, ignoring: %s", h->a->key, k);
                        continue;
                }
                for (size_t i = 0; i < l->n && !dup; i++)
                        dup = streq(l->items[i].value, k);
                if (!dup) {
                        r = setting_list_append(l, k, here(h));
                        if (r < 0)
                                return r;
                }
        }
}

static int p_environment_file(struct handler_args *h) {
        struct setting_list *l = &h->fp->unit->ctx.environment_files;
        _cleanup_free_ char *n = NULL, *probe = NULL;
        int r;

        if (isempty(h->a->value)) {
                setting_list_clear(l);
                return 0;
        }
        r = expand(h, h->a->value, SPECIFIERS_FULL, PATH_MAX, &n, &probe);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        r = path_check_and_simplify(h, n[0] == '-' ? n + 1 : n, probe[0] == '-' ? probe + 1 : probe, PATH_CHECK_ABSOLUTE);
        if (r < 0)
                return 0;
        return setting_list_append(l, n, here(h));
}

static int p_umask(struct handler_args *h) {
        mode_t m;

        if (parse_mode(h->a->value, &m) < 0) {
                IGNORED(h, "Failed to parse mode value, ignoring: %s", h->a->value);
                return 0;
        }
        h->fp->unit->ctx.umask = m;
        h->fp->unit->ctx.umask_origin = here(h);
        return 0;
}

static int p_working_directory(struct handler_args *h) {
        struct exec_context *c = &h->fp->unit->ctx;
        const char *v = h->a->value;
        bool missing_ok = false;
        int r;

        if (isempty(v)) {
                c->working_directory_home = false;
                setting_str_clear(&c->working_directory);
                c->working_directory.origin = here(h);  /* where it was reset, for the audit */
                return 0;
        }
        if (v[0] == '-') {
                missing_ok = true;
                v++;
        }
        if (streq(v, "~")) {
                c->working_directory_home = true;
                setting_str_clear(&c->working_directory);
                c->working_directory.origin = here(h);
        } else {
                _cleanup_free_ char *k = NULL, *probe = NULL;

                r = expand(h, v, SPECIFIERS_FULL, PATH_MAX, &k, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        if (missing_ok)
                                IGNORED(h, "Failed to resolve unit specifiers in working directory path '%s', ignoring: %s", v, errno_text(r));
                        else
                                FATAL(h, "Failed to resolve unit specifiers in working directory path '%s': %s", v, errno_text(r));
                        return missing_ok ? 0 : -ENOEXEC;
                }
                r = path_check_and_simplify(h, k, probe, PATH_CHECK_ABSOLUTE | (missing_ok ? 0 : PATH_CHECK_FATAL));
                if (r < 0)
                        return missing_ok ? 0 : -ENOEXEC;
                c->working_directory_home = false;
                r = setting_str_set(&c->working_directory, k, here(h));
                if (r < 0)
                        return r;
        }
        c->working_directory_missing_ok = missing_ok;
        return 0;
}

static int p_std_input(struct handler_args *h) {
        struct exec_context *c = &h->fp->unit->ctx;
        const char *v = h->a->value, *n;
        int ei;

        if ((n = startswith(v, "fd:")))
                ei = EXEC_INPUT_NAMED_FD;
        else if ((n = startswith(v, "file:"))) {
                _cleanup_free_ char *k = NULL, *probe = NULL;
                int r = expand(h, n, SPECIFIERS_FULL, PATH_MAX, &k, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", n, errno_text(r));
                        return 0;
                }
                if (path_check_and_simplify(h, k, probe, PATH_CHECK_ABSOLUTE | PATH_CHECK_FATAL) < 0)
                        return 0;
                ei = EXEC_INPUT_FILE;
        } else {
                ei = exec_input_from_string(v);
                if (ei < 0) {
                        IGNORED(h, "Failed to parse input specifier, ignoring: %s", v);
                        return 0;
                }
        }
        c->std_input = (enum exec_input) ei;
        return 0;
}

static int p_std_input_data(struct handler_args *h) {
        if (isempty(h->a->value))
                h->fp->unit->ctx.stdin_data = false;
        else
                h->fp->unit->ctx.stdin_data = true;
        return 0;
}

static int p_std_output(struct handler_args *h) {
        struct exec_context *c = &h->fp->unit->ctx;
        const char *v = h->a->value, *n;
        _cleanup_free_ char *resolved = NULL;
        bool err = streq(h->a->key, "StandardError");
        int eo;

        if ((n = startswith(v, "fd:")))
                eo = EXEC_OUTPUT_NAMED_FD;
        else if (streq(v, "syslog")) {
                eo = EXEC_OUTPUT_JOURNAL;
                note(h, DIAG_NOTICE, DIAG_EFFECT_NONE,
                     "Standard output type %s is obsolete, automatically updating to %s. Please update your unit file, "
                     "and consider removing the setting altogether.", v, "journal");
        } else if (streq(v, "syslog+console")) {
                eo = EXEC_OUTPUT_JOURNAL_AND_CONSOLE;
                note(h, DIAG_NOTICE, DIAG_EFFECT_NONE,
                     "Standard output type %s is obsolete, automatically updating to %s. Please update your unit file, "
                     "and consider removing the setting altogether.", v, "journal+console");
        } else if ((n = startswith(v, "file:")) || (n = startswith(v, "append:")) || (n = startswith(v, "truncate:"))) {
                _cleanup_free_ char *probe = NULL;
                int r = expand(h, n, SPECIFIERS_FULL, PATH_MAX, &resolved, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to resolve unit specifiers in %s, ignoring: %s", n, errno_text(r));
                        return 0;
                }
                if (path_check_and_simplify(h, resolved, probe, PATH_CHECK_ABSOLUTE | PATH_CHECK_FATAL) < 0)
                        return 0;
                eo = v[0] == 'f' ? EXEC_OUTPUT_FILE : v[0] == 'a' ? EXEC_OUTPUT_FILE_APPEND : EXEC_OUTPUT_FILE_TRUNCATE;
        } else {
                eo = exec_output_from_string(v);
                if (eo < 0) {
                        IGNORED(h, "Failed to parse output specifier, ignoring: %s", v);
                        return 0;
                }
        }
        if (err) {
                c->std_error = (enum exec_output) eo;
                c->std_error_origin = here(h);
                return setting_str_set(&c->std_error_file, resolved, here(h));
        }
        c->std_output = (enum exec_output) eo;
        c->std_output_origin = here(h);
        return setting_str_set(&c->std_output_file, resolved, here(h));
}

static int p_syslog_identifier(struct handler_args *h) {
        return parse_string_printf(h, &h->fp->unit->ctx.syslog_identifier);
}

static int p_user_group(struct handler_args *h) {
        struct setting_str *s = streq(h->a->key, "User") ? &h->fp->unit->ctx.user : &h->fp->unit->ctx.group;
        _cleanup_free_ char *k = NULL, *probe = NULL;
        bool strict;
        int r;

        if (isempty(h->a->value)) {
                setting_str_clear(s);
                s->origin = here(h);
                return 0;
        }
        r = expand(h, h->a->value, SPECIFIERS_FULL, LONG_LINE_MAX, &k, &probe);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                FATAL(h, "Failed to resolve unit specifiers in %s: %s", h->a->value, errno_text(r));
                return -ENOEXEC;
        }
        if (!valid_user_group_name_relaxed(probe, &strict)) {
                FATAL(h, "Invalid user/group name or numeric ID: %s", k);
                return -ENOEXEC;
        }
        if (!strict)
                note(h, DIAG_NOTICE, DIAG_EFFECT_NONE,
                     "Accepting user/group name '%s', which does not match strict user/group name rules.", k);
        if (streq(h->a->key, "User") && streq(k, "nobody"))
                note(h, DIAG_NOTICE, DIAG_EFFECT_NONE, "Special user nobody configured, this is not safe!");
        return setting_str_set(s, k, here(h));
}

static int p_supplementary_groups(struct handler_args *h) {
        struct setting_list *l = &h->fp->unit->ctx.supplementary_groups;

        if (isempty(h->a->value)) {
                setting_list_clear(l);
                return 0;
        }
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *k = NULL, *probe = NULL;
                bool strict;
                int r;

                r = extract_first_word(&p, &word, NULL, 0);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        FATAL(h, "Invalid syntax: %s", h->a->value);
                        return -ENOEXEC;
                }
                if (r == 0)
                        return 0;
                r = expand(h, word, SPECIFIERS_FULL, LONG_LINE_MAX, &k, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        FATAL(h, "Failed to resolve unit specifiers in %s: %s", word, errno_text(r));
                        return -ENOEXEC;
                }
                if (!valid_user_group_name_relaxed(probe, &strict)) {
                        FATAL(h, "Invalid user/group name or numeric ID: %s", k);
                        return -ENOEXEC;
                }
                r = setting_list_append(l, k, here(h));
                if (r < 0)
                        return r;
        }
}

static int p_read_write_paths(struct handler_args *h) {
        struct setting_list *l = &h->fp->unit->ctx.read_write_paths;

        if (isempty(h->a->value)) {
                setting_list_clear(l);
                return 0;
        }
        for (const char *p = h->a->value;;) {
                _cleanup_free_ char *word = NULL, *resolved = NULL, *probe = NULL;
                struct strbuf joined = STRBUF_INIT;
                bool ignore_enoent = false, shall_prefix = false;
                const char *w;
                char *j;
                int r;

                r = extract_first_word(&p, &word, NULL, EXTRACT_UNQUOTE);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to extract first word, ignoring: %s", h->a->value);
                        return 0;
                }
                if (r == 0)
                        return 0;
                w = word;
                if (*w == '-') {
                        ignore_enoent = true;
                        w++;
                }
                if (*w == '+') {
                        shall_prefix = true;
                        w++;
                }
                r = expand(h, w, SPECIFIERS_FULL, PATH_MAX, &resolved, &probe);
                if (r == -ENOMEM)
                        return r;
                if (r < 0) {
                        IGNORED(h, "Failed to resolve unit specifiers in %s: %s", w, errno_text(r));
                        continue;
                }
                if (path_check_and_simplify(h, resolved, probe, PATH_CHECK_ABSOLUTE) < 0)
                        continue;
                if (ignore_enoent)
                        strbuf_addch(&joined, '-');
                if (shall_prefix)
                        strbuf_addch(&joined, '+');
                strbuf_addstr(&joined, resolved);
                j = strbuf_detach(&joined, NULL);
                if (!j)
                        return -ENOMEM;
                r = setting_list_append(l, j, here(h));
                free(j);
                if (r < 0)
                        return r;
        }
}

static int p_protect_home(struct handler_args *h) {
        int v = protect_home_from_string(h->a->value);

        if (v < 0) {
                IGNORED(h, "Failed to parse protect home value, ignoring: %s", h->a->value);
                return 0;
        }
        h->fp->unit->ctx.protect_home = (enum protect_home) v;
        h->fp->unit->ctx.protect_home_origin = here(h);
        return 0;
}

static int p_protect_system(struct handler_args *h) {
        int v = protect_system_from_string(h->a->value);

        if (v < 0) {
                IGNORED(h, "Failed to parse protect system value, ignoring: %s", h->a->value);
                return 0;
        }
        h->fp->unit->ctx.protect_system = (enum protect_system) v;
        h->fp->unit->ctx.protect_system_origin = here(h);
        return 0;
}

static int p_dynamic_user(struct handler_args *h) {
        return p_bool_field(h, &h->fp->unit->ctx.dynamic_user);
}

static int p_pam_name(struct handler_args *h) {
        return parse_string_printf(h, &h->fp->unit->ctx.pam_name);
}

/* RootDirectory=, RootImage=, RootVerity=: fatal path checks. */
static int p_fatal_path(struct handler_args *h) {
        _cleanup_free_ char *k = NULL, *probe = NULL;
        int r;

        r = expand(h, h->a->value, SPECIFIERS_FULL, PATH_MAX, &k, &probe);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                FATAL(h, "Failed to resolve unit specifiers in '%s': %s", h->a->value, errno_text(r));
                return -ENOEXEC;
        }
        if (isempty(k))
                return 0;
        if (path_check_and_simplify(h, k, probe, PATH_CHECK_ABSOLUTE | PATH_CHECK_FATAL) < 0)
                return -ENOEXEC;
        return 0;
}

/* SELinuxContext=, AppArmorProfile=, SmackProcessLabel=: only a specifier
 * failure is fatal (unless the value starts with '-'). */
static int p_fatal_specifiers(struct handler_args *h) {
        _cleanup_free_ char *k = NULL;
        const char *v = h->a->value;
        bool ignore = false;
        int r;

        if (isempty(v))
                return 0;
        if (v[0] == '-') {
                ignore = true;
                v++;
        }
        r = expand(h, v, SPECIFIERS_FULL, LONG_LINE_MAX, &k, NULL);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                if (ignore)
                        IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", v, errno_text(r));
                else
                        FATAL(h, "Failed to resolve unit specifiers in '%s': %s", v, errno_text(r));
                return ignore ? 0 : -ENOEXEC;
        }
        return 0;
}

/* ---- [Socket], [Timer], [Path], [Mount], [Swap], [Automount] ---- */

/* ListenStream= etc., OnCalendar= etc., PathExists= etc.: whether the unit
 * has something to listen on, wait for or watch. An empty value resets all
 * of them, as in systemd. Values are not checked further. */
static int p_has_spec(struct handler_args *h) {
        h->fp->unit->has_trigger_spec = !isempty(h->a->value);
        return 0;
}

static int p_on_calendar(struct handler_args *h) {
        if (isempty(h->a->value))
                h->fp->unit->timer_on_calendar = (struct origin) {};
        else
                h->fp->unit->timer_on_calendar = here(h);
        return p_has_spec(h);
}

static int p_persistent(struct handler_args *h) {
        int r = p_bool_field(h, &h->fp->unit->timer_persistent);

        if (r >= 0)
                h->fp->unit->timer_persistent_origin = here(h);
        return r;
}

static int p_socket_accept(struct handler_args *h) {
        return p_bool_field(h, &h->fp->unit->socket_accept);
}

static int p_socket_service(struct handler_args *h) {
        _cleanup_free_ char *k = NULL;
        int r;

        r = expand(h, h->a->value, SPECIFIERS_NAME, UNIT_NAME_MAX, &k, NULL);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in %s, ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        if (!endswith(k, ".service")) {
                IGNORED(h, "Unit must be of type service, ignoring: %s", h->a->value);
                return 0;
        }
        if (!unit_name_is_valid(k, UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE)) {
                IGNORED(h, "Failed to load unit %s, ignoring: Invalid argument", h->a->value);
                return 0;
        }
        free(h->fp->unit->trigger_service);
        h->fp->unit->trigger_service = TAKE_PTR(k);
        return 0;
}

static int p_trigger_unit(struct handler_args *h) {
        struct unit *u = h->fp->unit;
        _cleanup_free_ char *k = NULL;
        int r;

        if (u->deps[UNIT_TRIGGERS].n > 0) {
                IGNORED(h, "Multiple units to trigger specified, ignoring: %s", h->a->value);
                return 0;
        }
        r = expand(h, h->a->value, SPECIFIERS_NAME, UNIT_NAME_MAX, &k, NULL);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in %s, ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        if (unit_name_to_type(k) < 0) {
                IGNORED(h, "Unit type not valid, ignoring: %s", h->a->value);
                return 0;
        }
        if (strv_contains(u->names, k) || streq(k, u->id)) {
                IGNORED(h, "Units cannot trigger themselves, ignoring: %s", h->a->value);
                return 0;
        }
        r = add_dep_by_name(h, UNIT_BEFORE, k, UNIT_DEP_FILE);
        if (r >= 0)
                r = add_dep_by_name(h, UNIT_TRIGGERS, k, UNIT_DEP_FILE);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                IGNORED(h, "Failed to add trigger on %s, ignoring: %s", k, errno_text(r));
        return 0;
}

static int p_mount_string(struct handler_args *h) {
        struct unit *u = h->fp->unit;
        struct setting_str *s = streq(h->a->key, "What") ? &u->what :
                                streq(h->a->key, "Type") ? &u->fs_type : &u->options;

        return parse_string_printf(h, s);
}

static int p_where(struct handler_args *h) {
        struct unit *u = h->fp->unit;
        _cleanup_free_ char *k = NULL, *probe = NULL;
        int r;

        r = expand(h, h->a->value, SPECIFIERS_FULL, PATH_MAX, &k, &probe);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                IGNORED(h, "Failed to resolve unit specifiers in '%s', ignoring: %s", h->a->value, errno_text(r));
                return 0;
        }
        if (isempty(k))
                return setting_str_set(streq(h->a->section, "Swap") ? &u->what : &u->where, NULL, here(h));
        if (path_check_and_simplify(h, k, probe, PATH_CHECK_ABSOLUTE) < 0)
                return 0;
        return setting_str_set(streq(h->a->section, "Swap") ? &u->what : &u->where, k, here(h));
}

/* ---- dispatch ---- */

typedef int (*handler_fn)(struct handler_args *h);

struct handler {
        const char *key;        /* "Section.Key"; "Exec.Key" matches every section with an exec context */
        handler_fn fn;
        int ltype;
};

static const struct handler handlers[] = {
        { "Unit.Description", p_description, 0 },
        { "Unit.Requires", p_deps, UNIT_REQUIRES },
        { "Unit.Requisite", p_deps, UNIT_REQUISITE },
        { "Unit.Wants", p_deps, UNIT_WANTS },
        { "Unit.BindsTo", p_deps, UNIT_BINDS_TO },
        { "Unit.BindTo", p_deps, UNIT_BINDS_TO },
        { "Unit.Upholds", p_deps, UNIT_UPHOLDS },
        { "Unit.Conflicts", p_deps, UNIT_CONFLICTS },
        { "Unit.Before", p_deps, UNIT_BEFORE },
        { "Unit.After", p_deps, UNIT_AFTER },
        { "Unit.OnSuccess", p_deps, UNIT_ON_SUCCESS },
        { "Unit.OnFailure", p_deps, UNIT_ON_FAILURE },
        { "Unit.PropagatesReloadTo", p_deps, UNIT_PROPAGATES_RELOAD_TO },
        { "Unit.PropagateReloadTo", p_deps, UNIT_PROPAGATES_RELOAD_TO },
        { "Unit.ReloadPropagatedFrom", p_deps, UNIT_RELOAD_PROPAGATED_FROM },
        { "Unit.PropagateReloadFrom", p_deps, UNIT_RELOAD_PROPAGATED_FROM },
        { "Unit.PropagatesStopTo", p_deps, UNIT_PROPAGATES_STOP_TO },
        { "Unit.StopPropagatedFrom", p_deps, UNIT_STOP_PROPAGATED_FROM },
        { "Unit.PartOf", p_deps, UNIT_PART_OF },
        { "Unit.JoinsNamespaceOf", p_deps, UNIT_JOINS_NAMESPACE_OF },
        { "Unit.DefaultDependencies", p_default_dependencies, 0 },
        { "Unit.SuccessAction", p_success_action, 0 },
        { "Install.WantedBy", p_install_list, 0 },
        { "Install.RequiredBy", p_install_list, 1 },
        { "Install.Alias", p_install_list, 2 },
        { "Install.Also", p_install_list, 3 },
        { "Service.Type", p_service_type, 0 },
        { "Service.Restart", p_restart, 0 },
        { "Service.RestartSec", p_restart_sec, 0 },
        { "Service.RemainAfterExit", p_remain_after_exit, 0 },
        { "Service.BusName", p_bus_name, 0 },
        { "Service.ExitType", p_exit_type, 0 },
        { "Service.RestartForceExitStatus", p_restart_force_status, 0 },
        { "Service.Sockets", p_service_sockets, 0 },
        { "Service.ExecCondition", p_exec, EXEC_CONDITION },
        { "Service.ExecStartPre", p_exec, EXEC_START_PRE },
        { "Service.ExecStart", p_exec, EXEC_START },
        { "Service.ExecStartPost", p_exec, EXEC_START_POST },
        { "Service.ExecReload", p_exec, EXEC_RELOAD },
        { "Service.ExecStop", p_exec, EXEC_STOP },
        { "Service.ExecStopPost", p_exec, EXEC_STOP_POST },
        { "Socket.ExecStartPre", p_exec, EXEC_START_PRE },
        { "Socket.ExecStartPost", p_exec, EXEC_START_POST },
        { "Socket.ExecStopPre", p_exec, EXEC_STOP_PRE },
        { "Socket.ExecStopPost", p_exec, EXEC_STOP_POST },
        { "Socket.ListenStream", p_has_spec, 0 },
        { "Socket.ListenDatagram", p_has_spec, 0 },
        { "Socket.ListenSequentialPacket", p_has_spec, 0 },
        { "Socket.ListenFIFO", p_has_spec, 0 },
        { "Socket.ListenNetlink", p_has_spec, 0 },
        { "Socket.ListenSpecial", p_has_spec, 0 },
        { "Socket.ListenMessageQueue", p_has_spec, 0 },
        { "Socket.ListenUSBFunction", p_has_spec, 0 },
        { "Socket.Accept", p_socket_accept, 0 },
        { "Socket.Service", p_socket_service, 0 },
        { "Timer.Unit", p_trigger_unit, 0 },
        { "Timer.OnCalendar", p_on_calendar, 0 },
        { "Timer.Persistent", p_persistent, 0 },
        { "Timer.OnActiveSec", p_has_spec, 0 },
        { "Timer.OnBootSec", p_has_spec, 0 },
        { "Timer.OnStartupSec", p_has_spec, 0 },
        { "Timer.OnUnitActiveSec", p_has_spec, 0 },
        { "Timer.OnUnitInactiveSec", p_has_spec, 0 },
        { "Timer.OnClockChange", p_has_spec, 0 },
        { "Timer.OnTimezoneChange", p_has_spec, 0 },
        { "Path.Unit", p_trigger_unit, 0 },
        { "Path.PathExists", p_has_spec, 0 },
        { "Path.PathExistsGlob", p_has_spec, 0 },
        { "Path.PathChanged", p_has_spec, 0 },
        { "Path.PathModified", p_has_spec, 0 },
        { "Path.DirectoryNotEmpty", p_has_spec, 0 },
        { "Mount.What", p_mount_string, 0 },
        { "Mount.Where", p_where, 0 },
        { "Mount.Type", p_mount_string, 0 },
        { "Mount.Options", p_mount_string, 0 },
        { "Swap.What", p_where, 0 },
        { "Automount.Where", p_where, 0 },
        /* the execution context, in [Service], [Socket], [Mount] and [Swap] */
        { "Exec.Environment", p_environment, 0 },
        { "Exec.EnvironmentFile", p_environment_file, 0 },
        { "Exec.PassEnvironment", p_env_names, 0 },
        { "Exec.UnsetEnvironment", p_env_names, 0 },
        { "Exec.UMask", p_umask, 0 },
        { "Exec.WorkingDirectory", p_working_directory, 0 },
        { "Exec.StandardInput", p_std_input, 0 },
        { "Exec.StandardInputText", p_std_input_data, 0 },
        { "Exec.StandardInputData", p_std_input_data, 0 },
        { "Exec.StandardOutput", p_std_output, 0 },
        { "Exec.StandardError", p_std_output, 0 },
        { "Exec.SyslogIdentifier", p_syslog_identifier, 0 },
        { "Exec.User", p_user_group, 0 },
        { "Exec.Group", p_user_group, 0 },
        { "Exec.SupplementaryGroups", p_supplementary_groups, 0 },
        { "Exec.ReadWritePaths", p_read_write_paths, 0 },
        { "Exec.ReadWriteDirectories", p_read_write_paths, 0 },
        { "Exec.ProtectHome", p_protect_home, 0 },
        { "Exec.ProtectSystem", p_protect_system, 0 },
        { "Exec.DynamicUser", p_dynamic_user, 1 },
        { "Exec.PAMName", p_pam_name, 0 },
        { "Exec.KillMode", p_kill_mode, 0 },
        { "Exec.RootDirectory", p_fatal_path, 0 },
        { "Exec.RootImage", p_fatal_path, 0 },
        { "Exec.RootVerity", p_fatal_path, 0 },
        { "Exec.SELinuxContext", p_fatal_specifiers, 0 },
        { "Exec.AppArmorProfile", p_fatal_specifiers, 0 },
        { "Exec.SmackProcessLabel", p_fatal_specifiers, 0 },
};

static const struct handler *find_handler(const char *section, const char *key) {
        bool exec_section = streq(section, "Service") || streq(section, "Socket") ||
                            streq(section, "Mount") || streq(section, "Swap");

        for (size_t i = 0; i < ELEMENTSOF(handlers); i++) {
                const char *dot = strchr(handlers[i].key, '.');
                size_t sl = (size_t) (dot - handlers[i].key);

                if (!streq(dot + 1, key))
                        continue;
                if (strncmp(handlers[i].key, "Exec", sl) == 0 && sl == 4) {
                        if (exec_section)
                                return &handlers[i];
                        continue;
                }
                if (strlen(section) == sl && strncmp(handlers[i].key, section, sl) == 0)
                        return &handlers[i];
        }
        return NULL;
}

int unit_fragment_assign(const struct syntax_assignment *a, void *userdata, struct diag_list *diags) {
        struct fragment_parse *fp = userdata;
        const struct handler *hd;
        int kind;

        kind = unit_key_lookup(a->section, a->key);
        if (kind < 0) {
                if (!startswith(a->key, "X-"))
                        diag_add(diags, a->file, a->line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                 "Unknown key '%s' in section [%s], ignoring.", a->key, a->section);
                return 0;
        }
        if (kind == UNIT_KEY_LEGACY) {
                diag_add(diags, a->file, a->line, DIAG_NOTICE, DIAG_EFFECT_IGNORED,
                         "Support for option %s= has been removed and it is ignored", a->key);
                return 0;
        }
        hd = find_handler(a->section, a->key);
        if (!hd)
                return 0;
        {
                struct handler_args h = { .fp = fp, .a = a, .diags = diags, .ltype = hd->ltype };
                return hd->fn(&h);
        }
}
