/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "strv.h"
#include "unit-show.h"

enum prop_scope {
        SCOPE_SERVICE = 1 << 0,         /* org.freedesktop.systemd1.Service */
        SCOPE_SOCKET = 1 << 1,
        SCOPE_MOUNT = 1 << 2,
        SCOPE_EXEC = 1 << 3,            /* the exec context: service, socket, mount, swap */
        SCOPE_UNIT = 1 << 4,            /* org.freedesktop.systemd1.Unit: every unit */
        SCOPE_AUTOMOUNT = 1 << 5,
};

enum prop_id {
        P_TYPE, P_RESTART, P_RESTART_USEC, P_REMAIN_AFTER_EXIT,
        P_WHERE, P_WHAT, P_OPTIONS, P_MOUNT_TYPE,
        P_EXEC_CONDITION, P_EXEC_START_PRE, P_EXEC_START, P_EXEC_START_POST, P_EXEC_RELOAD,
        P_EXEC_STOP, P_EXEC_STOP_PRE, P_EXEC_STOP_POST,
        P_ENVIRONMENT, P_ENVIRONMENT_FILES, P_PASS_ENVIRONMENT, P_UNSET_ENVIRONMENT, P_UMASK, P_WORKING_DIRECTORY,
        P_STANDARD_OUTPUT, P_STANDARD_ERROR, P_SYSLOG_IDENTIFIER, P_USER, P_GROUP,
        P_DYNAMIC_USER, P_SUPPLEMENTARY_GROUPS, P_READ_WRITE_PATHS, P_PROTECT_HOME, P_PROTECT_SYSTEM,
        P_ID, P_NAMES, P_DEP, P_DESCRIPTION, P_LOAD_STATE, P_FRAGMENT_PATH, P_DROP_IN_PATHS,
};

struct prop {
        const char *name;
        enum prop_id id;
        unsigned scope;
        int arg;        /* the exec kind or the dependency */
};

/* In systemd 252's interface order. The Service and Socket interfaces list
 * their command lines in this order; the exec context follows the type's
 * own properties; the Unit interface comes last. */
static const struct prop props[] = {
        { "Type", P_TYPE, SCOPE_SERVICE, 0 },
        { "Restart", P_RESTART, SCOPE_SERVICE, 0 },
        { "RestartUSec", P_RESTART_USEC, SCOPE_SERVICE, 0 },
        { "RemainAfterExit", P_REMAIN_AFTER_EXIT, SCOPE_SERVICE, 0 },
        { "Where", P_WHERE, SCOPE_MOUNT | SCOPE_AUTOMOUNT, 0 },
        { "What", P_WHAT, SCOPE_MOUNT, 0 },
        { "Options", P_OPTIONS, SCOPE_MOUNT, 0 },
        { "Type", P_MOUNT_TYPE, SCOPE_MOUNT, 0 },
        { "ExecCondition", P_EXEC_CONDITION, SCOPE_SERVICE, EXEC_CONDITION },
        { "ExecStartPre", P_EXEC_START_PRE, SCOPE_SERVICE | SCOPE_SOCKET, EXEC_START_PRE },
        { "ExecStart", P_EXEC_START, SCOPE_SERVICE, EXEC_START },
        { "ExecStartPost", P_EXEC_START_POST, SCOPE_SERVICE | SCOPE_SOCKET, EXEC_START_POST },
        { "ExecReload", P_EXEC_RELOAD, SCOPE_SERVICE, EXEC_RELOAD },
        { "ExecStop", P_EXEC_STOP, SCOPE_SERVICE, EXEC_STOP },
        { "ExecStopPre", P_EXEC_STOP_PRE, SCOPE_SOCKET, EXEC_STOP_PRE },
        { "ExecStopPost", P_EXEC_STOP_POST, SCOPE_SERVICE | SCOPE_SOCKET, EXEC_STOP_POST },
        { "Environment", P_ENVIRONMENT, SCOPE_EXEC, 0 },
        { "EnvironmentFiles", P_ENVIRONMENT_FILES, SCOPE_EXEC, 0 },
        { "PassEnvironment", P_PASS_ENVIRONMENT, SCOPE_EXEC, 0 },
        { "UnsetEnvironment", P_UNSET_ENVIRONMENT, SCOPE_EXEC, 0 },
        { "UMask", P_UMASK, SCOPE_EXEC, 0 },
        { "WorkingDirectory", P_WORKING_DIRECTORY, SCOPE_EXEC, 0 },
        { "StandardOutput", P_STANDARD_OUTPUT, SCOPE_EXEC, 0 },
        { "StandardError", P_STANDARD_ERROR, SCOPE_EXEC, 0 },
        { "SyslogIdentifier", P_SYSLOG_IDENTIFIER, SCOPE_EXEC, 0 },
        { "User", P_USER, SCOPE_EXEC, 0 },
        { "Group", P_GROUP, SCOPE_EXEC, 0 },
        { "DynamicUser", P_DYNAMIC_USER, SCOPE_EXEC, 0 },
        { "SupplementaryGroups", P_SUPPLEMENTARY_GROUPS, SCOPE_EXEC, 0 },
        { "ReadWritePaths", P_READ_WRITE_PATHS, SCOPE_EXEC, 0 },
        { "ProtectHome", P_PROTECT_HOME, SCOPE_EXEC, 0 },
        { "ProtectSystem", P_PROTECT_SYSTEM, SCOPE_EXEC, 0 },
        { "Id", P_ID, SCOPE_UNIT, 0 },
        { "Names", P_NAMES, SCOPE_UNIT, 0 },
        { "Requires", P_DEP, SCOPE_UNIT, UNIT_REQUIRES },
        { "Requisite", P_DEP, SCOPE_UNIT, UNIT_REQUISITE },
        { "Wants", P_DEP, SCOPE_UNIT, UNIT_WANTS },
        { "BindsTo", P_DEP, SCOPE_UNIT, UNIT_BINDS_TO },
        { "PartOf", P_DEP, SCOPE_UNIT, UNIT_PART_OF },
        { "Upholds", P_DEP, SCOPE_UNIT, UNIT_UPHOLDS },
        { "RequiredBy", P_DEP, SCOPE_UNIT, UNIT_REQUIRED_BY },
        { "RequisiteOf", P_DEP, SCOPE_UNIT, UNIT_REQUISITE_OF },
        { "WantedBy", P_DEP, SCOPE_UNIT, UNIT_WANTED_BY },
        { "BoundBy", P_DEP, SCOPE_UNIT, UNIT_BOUND_BY },
        { "UpheldBy", P_DEP, SCOPE_UNIT, UNIT_UPHELD_BY },
        { "ConsistsOf", P_DEP, SCOPE_UNIT, UNIT_CONSISTS_OF },
        { "Conflicts", P_DEP, SCOPE_UNIT, UNIT_CONFLICTS },
        { "ConflictedBy", P_DEP, SCOPE_UNIT, UNIT_CONFLICTED_BY },
        { "Before", P_DEP, SCOPE_UNIT, UNIT_BEFORE },
        { "After", P_DEP, SCOPE_UNIT, UNIT_AFTER },
        { "OnSuccess", P_DEP, SCOPE_UNIT, UNIT_ON_SUCCESS },
        { "OnSuccessOf", P_DEP, SCOPE_UNIT, UNIT_ON_SUCCESS_OF },
        { "OnFailure", P_DEP, SCOPE_UNIT, UNIT_ON_FAILURE },
        { "OnFailureOf", P_DEP, SCOPE_UNIT, UNIT_ON_FAILURE_OF },
        { "Triggers", P_DEP, SCOPE_UNIT, UNIT_TRIGGERS },
        { "TriggeredBy", P_DEP, SCOPE_UNIT, UNIT_TRIGGERED_BY },
        { "PropagatesReloadTo", P_DEP, SCOPE_UNIT, UNIT_PROPAGATES_RELOAD_TO },
        { "ReloadPropagatedFrom", P_DEP, SCOPE_UNIT, UNIT_RELOAD_PROPAGATED_FROM },
        { "PropagatesStopTo", P_DEP, SCOPE_UNIT, UNIT_PROPAGATES_STOP_TO },
        { "StopPropagatedFrom", P_DEP, SCOPE_UNIT, UNIT_STOP_PROPAGATED_FROM },
        { "JoinsNamespaceOf", P_DEP, SCOPE_UNIT, UNIT_JOINS_NAMESPACE_OF },
        { "Description", P_DESCRIPTION, SCOPE_UNIT, 0 },
        { "LoadState", P_LOAD_STATE, SCOPE_UNIT, 0 },
        { "FragmentPath", P_FRAGMENT_PATH, SCOPE_UNIT, 0 },
        { "DropInPaths", P_DROP_IN_PATHS, SCOPE_UNIT, 0 },
};

bool unit_show_property_known(const char *name) {
        for (size_t i = 0; i < ELEMENTSOF(props); i++)
                if (streq(props[i].name, name))
                        return true;
        return false;
}

const char *const *unit_show_property_names(void) {
        static const char *names[ELEMENTSOF(props) + 1];

        if (!names[0]) {
                size_t n = 0;
                for (size_t i = 0; i < ELEMENTSOF(props); i++) {
                        bool dup = false;
                        for (size_t j = 0; j < n; j++)
                                if (streq(names[j], props[i].name))
                                        dup = true;
                        if (!dup)
                                names[n++] = props[i].name;
                }
        }
        return names;
}

static unsigned type_scopes(enum unit_type t) {
        switch (t) {
        case UNIT_SERVICE:
                return SCOPE_SERVICE | SCOPE_EXEC | SCOPE_UNIT;
        case UNIT_SOCKET:
                return SCOPE_SOCKET | SCOPE_EXEC | SCOPE_UNIT;
        case UNIT_MOUNT:
                return SCOPE_MOUNT | SCOPE_EXEC | SCOPE_UNIT;
        case UNIT_SWAP:
                return SCOPE_EXEC | SCOPE_UNIT;
        case UNIT_AUTOMOUNT:
                return SCOPE_AUTOMOUNT | SCOPE_UNIT;
        default:
                return SCOPE_UNIT;
        }
}

struct printer {
        struct strbuf *out;
        const struct show_options *o;
        bool filtered;  /* -p given: print empty values */
};

static void line(struct printer *p, const char *name, const char *value) {
        if (p->o->value_only)
                strbuf_addstr(p->out, value);
        else
                strbuf_addf(p->out, "%s=%s", name, value);
        strbuf_addch(p->out, '\n');
}

static void print_string(struct printer *p, const char *name, const char *value) {
        if (isempty(value) && !p->filtered && !p->o->all)
                return;
        /* A single-line value: systemctl refuses to print newlines. */
        line(p, name, value && strchr(value, '\n') ? "[unprintable]" : strempty(value));
}

static void print_strv(struct printer *p, const char *name, const char *const *v) {
        struct strbuf sb = STRBUF_INIT;
        bool first = true;

        for (; v && *v; v++) {
                if (!first)
                        strbuf_addch(&sb, ' ');
                shell_maybe_quote(&sb, *v);
                first = false;
        }
        if (first && !p->filtered && !p->o->all) {
                strbuf_release(&sb);
                return;
        }
        line(p, name, strbuf_str(&sb));
        strbuf_release(&sb);
}

static void print_setting_list(struct printer *p, const char *name, const struct setting_list *l) {
        const char **v = setting_list_values(l);

        if (!v) {
                p->out->oom = true;
                return;
        }
        print_strv(p, name, v);
        free(v);
}

static void print_exec(struct printer *p, const char *name, const struct exec_command_list *l) {
        for (size_t i = 0; i < l->n; i++) {
                const struct exec_command *c = &l->items[i];
                _cleanup_free_ char *argv = strv_join(c->argv, " ");
                struct strbuf sb = STRBUF_INIT;

                if (!argv) {
                        p->out->oom = true;
                        return;
                }
                strbuf_addf(&sb, "{ path=%s ; argv[]=%s ; ignore_errors=%s ; start_time=[n/a] ; stop_time=[n/a] ; "
                            "pid=0 ; code=(null) ; status=0/0 }",
                            c->path, argv, c->flags & EXEC_COMMAND_IGNORE_FAILURE ? "yes" : "no");
                line(p, name, strbuf_str(&sb));
                strbuf_release(&sb);
        }
}

static void print_deps(struct printer *p, const char *name, const struct unit_dep_list *l) {
        const char **v = calloc(l->n + 1, sizeof(char *));

        if (!v) {
                p->out->oom = true;
                return;
        }
        for (size_t i = 0; i < l->n; i++)
                v[i] = l->items[i].name;
        print_strv(p, name, v);
        free(v);
}

static void print_prop(struct printer *p, const struct unit *u, const struct prop *pr) {
        const struct exec_context *c = &u->ctx;
        char buf[FORMAT_TIMESPAN_MAX];

        switch (pr->id) {
        case P_TYPE:
                print_string(p, pr->name, u->service_type < 0 ? "" : service_type_to_string(u->service_type));
                break;
        case P_RESTART:
                print_string(p, pr->name, service_restart_to_string(u->restart));
                break;
        case P_RESTART_USEC:
                print_string(p, pr->name, format_timespan(buf, sizeof(buf), u->restart_usec));
                break;
        case P_REMAIN_AFTER_EXIT:
                print_string(p, pr->name, u->remain_after_exit ? "yes" : "no");
                break;
        case P_WHERE:
                print_string(p, pr->name, u->where.value);
                break;
        case P_WHAT:
                print_string(p, pr->name, u->what.value);
                break;
        case P_OPTIONS:
                print_string(p, pr->name, u->options.value);
                break;
        case P_MOUNT_TYPE:
                print_string(p, pr->name, u->fs_type.value);
                break;
        case P_EXEC_CONDITION:
        case P_EXEC_START_PRE:
        case P_EXEC_START:
        case P_EXEC_START_POST:
        case P_EXEC_RELOAD:
        case P_EXEC_STOP:
        case P_EXEC_STOP_PRE:
        case P_EXEC_STOP_POST:
                print_exec(p, pr->name, &u->exec[pr->arg]);
                break;
        case P_ENVIRONMENT:
                print_setting_list(p, pr->name, &c->environment);
                break;
        case P_PASS_ENVIRONMENT:
                print_setting_list(p, pr->name, &c->pass_environment);
                break;
        case P_UNSET_ENVIRONMENT:
                print_setting_list(p, pr->name, &c->unset_environment);
                break;
        case P_ENVIRONMENT_FILES:
                for (size_t i = 0; i < c->environment_files.n; i++) {
                        const char *f = c->environment_files.items[i].value;
                        struct strbuf sb = STRBUF_INIT;

                        strbuf_addf(&sb, "%s (ignore_errors=%s)", f[0] == '-' ? f + 1 : f, f[0] == '-' ? "yes" : "no");
                        line(p, pr->name, strbuf_str(&sb));
                        strbuf_release(&sb);
                }
                break;
        case P_UMASK:
                snprintf(buf, sizeof(buf), "%04o", (unsigned) c->umask);
                print_string(p, pr->name, buf);
                break;
        case P_WORKING_DIRECTORY: {
                const char *wd = c->working_directory_home ? "~" : c->working_directory.value;
                struct strbuf sb = STRBUF_INIT;

                if (c->working_directory_missing_ok)
                        strbuf_addch(&sb, '!');
                strbuf_addstr(&sb, strempty(wd));
                print_string(p, pr->name, strbuf_str(&sb));
                strbuf_release(&sb);
                break;
        }
        case P_STANDARD_OUTPUT:
                print_string(p, pr->name, exec_output_to_string(c->std_output));
                break;
        case P_STANDARD_ERROR:
                print_string(p, pr->name, exec_output_to_string(c->std_error));
                break;
        case P_SYSLOG_IDENTIFIER:
                print_string(p, pr->name, c->syslog_identifier.value);
                break;
        case P_USER:
                print_string(p, pr->name, c->user.value);
                break;
        case P_GROUP:
                print_string(p, pr->name, c->group.value);
                break;
        case P_DYNAMIC_USER:
                print_string(p, pr->name, c->dynamic_user ? "yes" : "no");
                break;
        case P_SUPPLEMENTARY_GROUPS:
                print_setting_list(p, pr->name, &c->supplementary_groups);
                break;
        case P_READ_WRITE_PATHS:
                print_setting_list(p, pr->name, &c->read_write_paths);
                break;
        case P_PROTECT_HOME:
                print_string(p, pr->name, protect_home_to_string(c->protect_home));
                break;
        case P_PROTECT_SYSTEM:
                print_string(p, pr->name, protect_system_to_string(c->protect_system));
                break;
        case P_ID:
                print_string(p, pr->name, u->id);
                break;
        case P_NAMES:
                print_strv(p, pr->name, (const char *const *) u->names);
                break;
        case P_DEP:
                print_deps(p, pr->name, &u->deps[pr->arg]);
                break;
        case P_DESCRIPTION:
                print_string(p, pr->name, u->description.value ? u->description.value : u->id);
                break;
        case P_LOAD_STATE:
                print_string(p, pr->name, unit_load_state_to_string(u->load_state));
                break;
        case P_FRAGMENT_PATH:
                print_string(p, pr->name, u->fragment_path);
                break;
        case P_DROP_IN_PATHS:
                print_strv(p, pr->name, (const char *const *) u->dropin_paths);
                break;
        }
}

int unit_show(const struct unit *u, const struct show_options *o, struct strbuf *out) {
        struct printer p = { .out = out, .o = o, .filtered = o->properties != NULL };
        unsigned scopes = type_scopes(u->type);

        for (size_t i = 0; i < ELEMENTSOF(props); i++) {
                const struct prop *pr = &props[i];

                if (!(pr->scope & scopes))
                        continue;
                if (o->properties && !strv_contains(o->properties, pr->name))
                        continue;
                print_prop(&p, u, pr);
        }
        return strbuf_error(out);
}
