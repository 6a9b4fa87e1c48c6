/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include "strv.h"
#include "unit.h"

static const char *const load_state_table[_UNIT_LOAD_STATE_MAX] = {
        [UNIT_STUB] = "stub",
        [UNIT_LOADED] = "loaded",
        [UNIT_NOT_FOUND] = "not-found",
        [UNIT_BAD_SETTING] = "bad-setting",
        [UNIT_ERROR] = "error",
        [UNIT_MERGED] = "merged",
        [UNIT_MASKED] = "masked",
};

const char *unit_load_state_to_string(enum unit_load_state s) {
        return s < _UNIT_LOAD_STATE_MAX ? load_state_table[s] : NULL;
}

static const char *const dependency_table[_UNIT_DEPENDENCY_MAX] = {
        [UNIT_REQUIRES] = "Requires",
        [UNIT_REQUISITE] = "Requisite",
        [UNIT_WANTS] = "Wants",
        [UNIT_BINDS_TO] = "BindsTo",
        [UNIT_PART_OF] = "PartOf",
        [UNIT_UPHOLDS] = "Upholds",
        [UNIT_REQUIRED_BY] = "RequiredBy",
        [UNIT_REQUISITE_OF] = "RequisiteOf",
        [UNIT_WANTED_BY] = "WantedBy",
        [UNIT_BOUND_BY] = "BoundBy",
        [UNIT_CONSISTS_OF] = "ConsistsOf",
        [UNIT_UPHELD_BY] = "UpheldBy",
        [UNIT_CONFLICTS] = "Conflicts",
        [UNIT_CONFLICTED_BY] = "ConflictedBy",
        [UNIT_BEFORE] = "Before",
        [UNIT_AFTER] = "After",
        [UNIT_ON_SUCCESS] = "OnSuccess",
        [UNIT_ON_SUCCESS_OF] = "OnSuccessOf",
        [UNIT_ON_FAILURE] = "OnFailure",
        [UNIT_ON_FAILURE_OF] = "OnFailureOf",
        [UNIT_TRIGGERS] = "Triggers",
        [UNIT_TRIGGERED_BY] = "TriggeredBy",
        [UNIT_PROPAGATES_RELOAD_TO] = "PropagatesReloadTo",
        [UNIT_RELOAD_PROPAGATED_FROM] = "ReloadPropagatedFrom",
        [UNIT_PROPAGATES_STOP_TO] = "PropagatesStopTo",
        [UNIT_STOP_PROPAGATED_FROM] = "StopPropagatedFrom",
        [UNIT_JOINS_NAMESPACE_OF] = "JoinsNamespaceOf",
        [UNIT_REFERENCES] = "References",
        [UNIT_REFERENCED_BY] = "ReferencedBy",
};

const char *unit_dependency_to_string(enum unit_dependency d) {
        return d < _UNIT_DEPENDENCY_MAX ? dependency_table[d] : NULL;
}

enum unit_dependency unit_dependency_inverse(enum unit_dependency d) {
        static const enum unit_dependency inverse[_UNIT_DEPENDENCY_MAX] = {
                [UNIT_REQUIRES] = UNIT_REQUIRED_BY,
                [UNIT_REQUISITE] = UNIT_REQUISITE_OF,
                [UNIT_WANTS] = UNIT_WANTED_BY,
                [UNIT_BINDS_TO] = UNIT_BOUND_BY,
                [UNIT_PART_OF] = UNIT_CONSISTS_OF,
                [UNIT_UPHOLDS] = UNIT_UPHELD_BY,
                [UNIT_REQUIRED_BY] = UNIT_REQUIRES,
                [UNIT_REQUISITE_OF] = UNIT_REQUISITE,
                [UNIT_WANTED_BY] = UNIT_WANTS,
                [UNIT_BOUND_BY] = UNIT_BINDS_TO,
                [UNIT_CONSISTS_OF] = UNIT_PART_OF,
                [UNIT_UPHELD_BY] = UNIT_UPHOLDS,
                [UNIT_CONFLICTS] = UNIT_CONFLICTED_BY,
                [UNIT_CONFLICTED_BY] = UNIT_CONFLICTS,
                [UNIT_BEFORE] = UNIT_AFTER,
                [UNIT_AFTER] = UNIT_BEFORE,
                [UNIT_ON_SUCCESS] = UNIT_ON_SUCCESS_OF,
                [UNIT_ON_SUCCESS_OF] = UNIT_ON_SUCCESS,
                [UNIT_ON_FAILURE] = UNIT_ON_FAILURE_OF,
                [UNIT_ON_FAILURE_OF] = UNIT_ON_FAILURE,
                [UNIT_TRIGGERS] = UNIT_TRIGGERED_BY,
                [UNIT_TRIGGERED_BY] = UNIT_TRIGGERS,
                [UNIT_PROPAGATES_RELOAD_TO] = UNIT_RELOAD_PROPAGATED_FROM,
                [UNIT_RELOAD_PROPAGATED_FROM] = UNIT_PROPAGATES_RELOAD_TO,
                [UNIT_PROPAGATES_STOP_TO] = UNIT_STOP_PROPAGATED_FROM,
                [UNIT_STOP_PROPAGATED_FROM] = UNIT_PROPAGATES_STOP_TO,
                [UNIT_JOINS_NAMESPACE_OF] = UNIT_JOINS_NAMESPACE_OF,
                [UNIT_REFERENCES] = UNIT_REFERENCED_BY,
                [UNIT_REFERENCED_BY] = UNIT_REFERENCES,
        };
        return inverse[d];
}

int setting_list_append(struct setting_list *l, const char *value, struct origin o) {
        char *v;

        if (l->n == l->alloc) {
                size_t na = l->alloc ? l->alloc * 2 : 4;
                struct setting_item *p = realloc(l->items, na * sizeof(*p));
                if (!p)
                        return -ENOMEM;
                l->items = p;
                l->alloc = na;
        }
        v = strdup(value);
        if (!v)
                return -ENOMEM;
        l->items[l->n++] = (struct setting_item) { .value = v, .origin = o };
        return 0;
}

void setting_list_clear(struct setting_list *l) {
        for (size_t i = 0; i < l->n; i++)
                free(l->items[i].value);
        free(l->items);
        *l = (struct setting_list) {};
}

const char **setting_list_values(const struct setting_list *l) {
        const char **v = calloc(l->n + 1, sizeof(char *));

        if (!v)
                return NULL;
        for (size_t i = 0; i < l->n; i++)
                v[i] = l->items[i].value;
        return v;
}

int setting_str_set(struct setting_str *s, const char *value, struct origin o) {
        char *v = NULL;

        if (value) {
                v = strdup(value);
                if (!v)
                        return -ENOMEM;
        }
        free(s->value);
        s->value = v;
        s->origin = o;
        return 0;
}

void setting_str_clear(struct setting_str *s) {
        free(s->value);
        *s = (struct setting_str) {};
}

void exec_command_list_clear(struct exec_command_list *l) {
        for (size_t i = 0; i < l->n; i++) {
                free(l->items[i].path);
                strv_free(l->items[i].argv);
        }
        free(l->items);
        *l = (struct exec_command_list) {};
}

static const char *const exec_output_table[_EXEC_OUTPUT_MAX] = {
        [EXEC_OUTPUT_INHERIT] = "inherit",
        [EXEC_OUTPUT_NULL] = "null",
        [EXEC_OUTPUT_TTY] = "tty",
        [EXEC_OUTPUT_KMSG] = "kmsg",
        [EXEC_OUTPUT_KMSG_AND_CONSOLE] = "kmsg+console",
        [EXEC_OUTPUT_JOURNAL] = "journal",
        [EXEC_OUTPUT_JOURNAL_AND_CONSOLE] = "journal+console",
        [EXEC_OUTPUT_SOCKET] = "socket",
        [EXEC_OUTPUT_NAMED_FD] = "fd",
        [EXEC_OUTPUT_FILE] = "file",
        [EXEC_OUTPUT_FILE_APPEND] = "append",
        [EXEC_OUTPUT_FILE_TRUNCATE] = "truncate",
};

const char *exec_output_to_string(enum exec_output o) {
        return o < _EXEC_OUTPUT_MAX ? exec_output_table[o] : NULL;
}

int exec_output_from_string(const char *s) {
        for (size_t i = 0; i < _EXEC_OUTPUT_MAX; i++)
                if (streq(exec_output_table[i], s))
                        return (int) i;
        return -EINVAL;
}

int exec_input_from_string(const char *s) {
        static const char *const table[_EXEC_INPUT_MAX] = {
                [EXEC_INPUT_NULL] = "null",
                [EXEC_INPUT_TTY] = "tty",
                [EXEC_INPUT_TTY_FORCE] = "tty-force",
                [EXEC_INPUT_TTY_FAIL] = "tty-fail",
                [EXEC_INPUT_SOCKET] = "socket",
                [EXEC_INPUT_NAMED_FD] = "fd",
                [EXEC_INPUT_DATA] = "data",
                [EXEC_INPUT_FILE] = "file",
        };
        for (size_t i = 0; i < _EXEC_INPUT_MAX; i++)
                if (streq(table[i], s))
                        return (int) i;
        return -EINVAL;
}

static const char *const protect_home_table[_PROTECT_HOME_MAX] = {
        [PROTECT_HOME_NO] = "no",
        [PROTECT_HOME_YES] = "yes",
        [PROTECT_HOME_READ_ONLY] = "read-only",
        [PROTECT_HOME_TMPFS] = "tmpfs",
};

static const char *const protect_system_table[_PROTECT_SYSTEM_MAX] = {
        [PROTECT_SYSTEM_NO] = "no",
        [PROTECT_SYSTEM_YES] = "yes",
        [PROTECT_SYSTEM_FULL] = "full",
        [PROTECT_SYSTEM_STRICT] = "strict",
};

const char *protect_home_to_string(enum protect_home p) {
        return p < _PROTECT_HOME_MAX ? protect_home_table[p] : NULL;
}

const char *protect_system_to_string(enum protect_system p) {
        return p < _PROTECT_SYSTEM_MAX ? protect_system_table[p] : NULL;
}

static int enum_with_boolean(const char *s, const char *const *table, size_t n) {
        int b = parse_boolean(s);

        if (b >= 0)
                return b ? 1 : 0; /* index 1 is "yes", 0 is "no" in both tables */
        for (size_t i = 0; i < n; i++)
                if (streq(table[i], s))
                        return (int) i;
        return -EINVAL;
}

int protect_home_from_string(const char *s) {
        return enum_with_boolean(s, protect_home_table, _PROTECT_HOME_MAX);
}

int protect_system_from_string(const char *s) {
        return enum_with_boolean(s, protect_system_table, _PROTECT_SYSTEM_MAX);
}

static const char *const service_type_table[_SERVICE_TYPE_MAX] = {
        [SERVICE_SIMPLE] = "simple",
        [SERVICE_EXEC] = "exec",
        [SERVICE_FORKING] = "forking",
        [SERVICE_ONESHOT] = "oneshot",
        [SERVICE_DBUS] = "dbus",
        [SERVICE_NOTIFY] = "notify",
        [SERVICE_IDLE] = "idle",
};

const char *service_type_to_string(enum service_type t) {
        return t >= 0 && t < _SERVICE_TYPE_MAX ? service_type_table[t] : NULL;
}

static const char *const service_restart_table[_SERVICE_RESTART_MAX] = {
        [SERVICE_RESTART_NO] = "no",
        [SERVICE_RESTART_ON_SUCCESS] = "on-success",
        [SERVICE_RESTART_ON_FAILURE] = "on-failure",
        [SERVICE_RESTART_ON_ABNORMAL] = "on-abnormal",
        [SERVICE_RESTART_ON_WATCHDOG] = "on-watchdog",
        [SERVICE_RESTART_ON_ABORT] = "on-abort",
        [SERVICE_RESTART_ALWAYS] = "always",
};

const char *service_restart_to_string(enum service_restart r) {
        return r < _SERVICE_RESTART_MAX ? service_restart_table[r] : NULL;
}

static const char *const exec_kind_table[_EXEC_KIND_MAX] = {
        [EXEC_CONDITION] = "ExecCondition",
        [EXEC_START_PRE] = "ExecStartPre",
        [EXEC_START] = "ExecStart",
        [EXEC_START_POST] = "ExecStartPost",
        [EXEC_RELOAD] = "ExecReload",
        [EXEC_STOP] = "ExecStop",
        [EXEC_STOP_PRE] = "ExecStopPre",
        [EXEC_STOP_POST] = "ExecStopPost",
};

const char *exec_kind_to_string(enum exec_kind k) {
        return k < _EXEC_KIND_MAX ? exec_kind_table[k] : NULL;
}

bool unit_type_has_exec_context(enum unit_type t) {
        return t == UNIT_SERVICE || t == UNIT_SOCKET || t == UNIT_MOUNT || t == UNIT_SWAP;
}

bool unit_type_has_exec_kind(enum unit_type t, enum exec_kind k) {
        switch (t) {
        case UNIT_SERVICE:
                return k != EXEC_STOP_PRE;
        case UNIT_SOCKET:
                return k == EXEC_START_PRE || k == EXEC_START_POST || k == EXEC_STOP_PRE || k == EXEC_STOP_POST;
        default:
                return false;
        }
}

const char *unit_type_sections(enum unit_type t) {
        switch (t) {
        case UNIT_SERVICE: return "Unit\0Service\0Install\0";
        case UNIT_MOUNT: return "Unit\0Mount\0Install\0";
        case UNIT_SWAP: return "Unit\0Swap\0Install\0";
        case UNIT_SOCKET: return "Unit\0Socket\0Install\0";
        case UNIT_TARGET: return "Unit\0Target\0Install\0";
        case UNIT_DEVICE: return "Unit\0Device\0Install\0";
        case UNIT_AUTOMOUNT: return "Unit\0Automount\0Install\0";
        case UNIT_TIMER: return "Unit\0Timer\0Install\0";
        case UNIT_PATH: return "Unit\0Path\0Install\0";
        case UNIT_SLICE: return "Unit\0Slice\0Install\0";
        case UNIT_SCOPE: return "Unit\0Scope\0Install\0";
        default: return "Unit\0Install\0";
        }
}

struct unit *unit_new(const char *name) {
        struct unit *u = calloc(1, sizeof(*u));

        if (!u)
                return NULL;
        u->id = strdup(name);
        u->load_name = strdup(name);
        if (!u->id || !u->load_name)
                return unit_free(u);
        u->type = unit_name_to_type(name);
        if (unit_name_to_instance(name, &u->instance) < 0)
                u->instance = NULL;
        u->load_state = UNIT_STUB;
        u->default_dependencies = true;
        u->service_type = -1;
        u->restart_usec = 100 * USEC_PER_MSEC;
        u->ctx.umask = 0022;
        /* Services start with inherit and are fixed up once loaded
         * (service_fix_stdio()); the other types start with the manager's
         * defaults. */
        u->ctx.std_output = u->type == UNIT_SERVICE ? EXEC_OUTPUT_INHERIT : EXEC_OUTPUT_JOURNAL;
        u->ctx.std_error = EXEC_OUTPUT_INHERIT;
        return u;
}

void unit_dep_list_clear(struct unit_dep_list *l) {
        for (size_t i = 0; i < l->n; i++)
                free(l->items[i].name);
        free(l->items);
        hashmap_clear(&l->index);
        *l = (struct unit_dep_list) {};
}

#define DEP_INDEX_MIN 32

int unit_dep_list_reindex(struct unit_dep_list *l) {
        hashmap_clear(&l->index);
        if (l->n < DEP_INDEX_MIN)
                return 0;
        for (size_t i = 0; i < l->n; i++)
                if (hashmap_put(&l->index, l->items[i].name, (void *) (uintptr_t) (i + 1)) < 0) {
                        hashmap_clear(&l->index);
                        return -ENOMEM;
                }
        return 0;
}

ssize_t unit_dep_list_find(const struct unit_dep_list *l, const char *name) {
        if (l->index.n > 0) {
                uintptr_t v = (uintptr_t) hashmap_get(&l->index, name);
                return v ? (ssize_t) v - 1 : -1;
        }
        for (size_t i = 0; i < l->n; i++)
                if (streq(l->items[i].name, name))
                        return (ssize_t) i;
        return -1;
}

static void exec_context_release(struct exec_context *c) {
        setting_list_clear(&c->environment);
        setting_list_clear(&c->environment_files);
        setting_str_clear(&c->working_directory);
        setting_str_clear(&c->std_output_file);
        setting_str_clear(&c->std_error_file);
        setting_str_clear(&c->syslog_identifier);
        setting_str_clear(&c->user);
        setting_str_clear(&c->group);
        setting_list_clear(&c->supplementary_groups);
        setting_list_clear(&c->pass_environment);
        setting_list_clear(&c->unset_environment);
        setting_list_clear(&c->read_write_paths);
        setting_str_clear(&c->pam_name);
}

struct unit *unit_free(struct unit *u) {
        if (!u)
                return NULL;
        free(u->id);
        free(u->load_name);
        strv_free(u->names);
        free(u->instance);
        free(u->fragment_path);
        free(u->fragment_real);
        free(u->fragment_fs);
        strv_free(u->dropin_paths);
        strv_free(u->dropin_fs);
        setting_str_clear(&u->description);
        setting_str_clear(&u->success_action);
        for (size_t i = 0; i < _UNIT_DEPENDENCY_MAX; i++)
                unit_dep_list_clear(&u->deps[i]);
        setting_list_clear(&u->install_wanted_by);
        setting_list_clear(&u->install_required_by);
        setting_list_clear(&u->install_alias);
        setting_list_clear(&u->install_also);
        setting_str_clear(&u->bus_name);
        free(u->trigger_service);
        setting_str_clear(&u->what);
        setting_str_clear(&u->where);
        setting_str_clear(&u->fs_type);
        setting_str_clear(&u->options);
        for (size_t i = 0; i < _EXEC_KIND_MAX; i++)
                exec_command_list_clear(&u->exec[i]);
        exec_context_release(&u->ctx);
        diag_list_release(&u->diags);
        free(u);
        return NULL;
}

bool unit_dep_has(const struct unit *u, enum unit_dependency d, const char *name) {
        return unit_dep_list_find(&u->deps[d], name) >= 0;
}

int unit_dep_add(struct unit *u, enum unit_dependency d, const char *name, struct origin o, unsigned flags) {
        struct unit_dep_list *l = &u->deps[d];
        ssize_t at = unit_dep_list_find(l, name);
        char *n;

        if (at >= 0) {
                l->items[at].flags |= flags;
                return 0;
        }
        if (l->n == l->alloc) {
                size_t na = l->alloc ? l->alloc * 2 : 4;
                struct unit_dep *p = realloc(l->items, na * sizeof(*p));
                if (!p)
                        return -ENOMEM;
                l->items = p;
                l->alloc = na;
        }
        n = strdup(name);
        if (!n)
                return -ENOMEM;
        l->items[l->n++] = (struct unit_dep) { .name = n, .origin = o, .flags = flags };
        if (l->index.n > 0) {
                if (hashmap_put(&l->index, n, (void *) (uintptr_t) l->n) < 0)
                        return -ENOMEM; /* the entry stays: the list is consistent, the run fails */
        } else if (l->n == DEP_INDEX_MIN && unit_dep_list_reindex(l) < 0)
                return -ENOMEM;
        return 1;
}
