/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/types.h>

#include "diag.h"
#include "hashmap.h"
#include "macro.h"
#include "parse-util.h"
#include "unit-name.h"

/*
 * The model of one unit as systemd 252 reads it from its files: the
 * fragment, the drop-ins in the order they apply, the .wants/.requires
 * directories, and the settings goldctl understands, each with where it was
 * set. Everything here is pure data; unit-load.c fills it, unit-show.c
 * prints it.
 *
 * Paths in a unit (fragment_path, dropin_paths, origins) are as on the
 * audited host: without the --root prefix.
 */

enum unit_load_state {
        UNIT_STUB,
        UNIT_LOADED,
        UNIT_NOT_FOUND,
        UNIT_BAD_SETTING,
        UNIT_ERROR,
        UNIT_MERGED,
        UNIT_MASKED,
        _UNIT_LOAD_STATE_MAX,
};

const char *unit_load_state_to_string(enum unit_load_state s);

/* The order and names of systemd's UnitDependency. */
enum unit_dependency {
        UNIT_REQUIRES,
        UNIT_REQUISITE,
        UNIT_WANTS,
        UNIT_BINDS_TO,
        UNIT_PART_OF,
        UNIT_UPHOLDS,
        UNIT_REQUIRED_BY,
        UNIT_REQUISITE_OF,
        UNIT_WANTED_BY,
        UNIT_BOUND_BY,
        UNIT_CONSISTS_OF,
        UNIT_UPHELD_BY,
        UNIT_CONFLICTS,
        UNIT_CONFLICTED_BY,
        UNIT_BEFORE,
        UNIT_AFTER,
        UNIT_ON_SUCCESS,
        UNIT_ON_SUCCESS_OF,
        UNIT_ON_FAILURE,
        UNIT_ON_FAILURE_OF,
        UNIT_TRIGGERS,
        UNIT_TRIGGERED_BY,
        UNIT_PROPAGATES_RELOAD_TO,
        UNIT_RELOAD_PROPAGATED_FROM,
        UNIT_PROPAGATES_STOP_TO,
        UNIT_STOP_PROPAGATED_FROM,
        UNIT_JOINS_NAMESPACE_OF,
        UNIT_REFERENCES,
        UNIT_REFERENCED_BY,
        _UNIT_DEPENDENCY_MAX,
};

const char *unit_dependency_to_string(enum unit_dependency d);
enum unit_dependency unit_dependency_inverse(enum unit_dependency d);

/* Where a setting was made: a file of the unit (pointing into the unit's own
 * fragment_path or dropin_paths strings) and its physical line. file is NULL
 * for what no file says (defaults, reverse dependencies). */
struct origin {
        const char *file;
        unsigned line;
};

enum unit_dep_flags {
        UNIT_DEP_FILE = 1 << 0,         /* written in a unit file */
        UNIT_DEP_WANTS_DIR = 1 << 1,    /* a symlink in .wants/ or .requires/ */
        UNIT_DEP_IMPLICIT = 1 << 2,     /* implied by the unit type (triggers) */
        UNIT_DEP_REVERSE = 1 << 3,      /* the inverse of another unit's dependency */
};

struct unit_dep {
        char *name;             /* as written (after specifiers); resolved to the unit's id once loaded */
        struct origin origin;   /* for reverse entries: the other unit's file and line */
        unsigned flags;
};

struct unit_dep_list {
        struct unit_dep *items;
        size_t n, alloc;
        /* name -> index + 1, kept once the list is long (a target wanted by
         * 20,000 services): adding stays linear. Empty for short lists. */
        struct hashmap index;
};

/* A string setting with where it was made. */
struct setting_str {
        char *value;
        struct origin origin;
};

/* A list setting, one item per word or assignment, each with its origin. */
struct setting_list {
        struct setting_item {
                char *value;
                struct origin origin;
        } *items;
        size_t n, alloc;
};

int setting_list_append(struct setting_list *l, const char *value, struct origin o);
void setting_list_clear(struct setting_list *l);
/* Returns the items' values as a NULL-terminated array of borrowed pointers
 * (free only the array). */
const char **setting_list_values(const struct setting_list *l);

int setting_str_set(struct setting_str *s, const char *value, struct origin o);
void setting_str_clear(struct setting_str *s);

enum exec_command_flags {
        EXEC_COMMAND_IGNORE_FAILURE = 1 << 0,   /* '-' */
        EXEC_COMMAND_FULLY_PRIVILEGED = 1 << 1, /* '+' */
        EXEC_COMMAND_NO_SETUID = 1 << 2,        /* '!' */
        EXEC_COMMAND_AMBIENT_MAGIC = 1 << 3,    /* '!!' */
        EXEC_COMMAND_NO_ENV_EXPAND = 1 << 4,    /* ':' */
        EXEC_COMMAND_SEPARATE_ARGV0 = 1 << 5,   /* '@' */
};

struct exec_command {
        char *path;
        char **argv;
        unsigned flags;
        struct origin origin;
};

struct exec_command_list {
        struct exec_command *items;
        size_t n, alloc;
};

void exec_command_list_clear(struct exec_command_list *l);

enum exec_output {
        EXEC_OUTPUT_INHERIT,
        EXEC_OUTPUT_NULL,
        EXEC_OUTPUT_TTY,
        EXEC_OUTPUT_KMSG,
        EXEC_OUTPUT_KMSG_AND_CONSOLE,
        EXEC_OUTPUT_JOURNAL,
        EXEC_OUTPUT_JOURNAL_AND_CONSOLE,
        EXEC_OUTPUT_SOCKET,
        EXEC_OUTPUT_NAMED_FD,
        EXEC_OUTPUT_FILE,
        EXEC_OUTPUT_FILE_APPEND,
        EXEC_OUTPUT_FILE_TRUNCATE,
        _EXEC_OUTPUT_MAX,
};

const char *exec_output_to_string(enum exec_output o);
int exec_output_from_string(const char *s);

enum exec_input {
        EXEC_INPUT_NULL,
        EXEC_INPUT_TTY,
        EXEC_INPUT_TTY_FORCE,
        EXEC_INPUT_TTY_FAIL,
        EXEC_INPUT_SOCKET,
        EXEC_INPUT_NAMED_FD,
        EXEC_INPUT_DATA,
        EXEC_INPUT_FILE,
        _EXEC_INPUT_MAX,
};

int exec_input_from_string(const char *s);

enum protect_home { PROTECT_HOME_NO, PROTECT_HOME_YES, PROTECT_HOME_READ_ONLY, PROTECT_HOME_TMPFS, _PROTECT_HOME_MAX };
enum protect_system { PROTECT_SYSTEM_NO, PROTECT_SYSTEM_YES, PROTECT_SYSTEM_FULL, PROTECT_SYSTEM_STRICT, _PROTECT_SYSTEM_MAX };

const char *protect_home_to_string(enum protect_home p);
int protect_home_from_string(const char *s);
const char *protect_system_to_string(enum protect_system p);
int protect_system_from_string(const char *s);

/* The execution environment of services, sockets, mounts and swaps. */
struct exec_context {
        struct setting_list environment;        /* NAME=VALUE, a later NAME replaces an earlier one in place */
        struct setting_list environment_files;  /* path, with a leading '-' when missing is fine */
        struct setting_list pass_environment;   /* names taken from the manager's own environment */
        struct setting_list unset_environment;  /* NAME, or NAME=VALUE (removed only with that value) */
        mode_t umask;
        struct origin umask_origin;
        struct setting_str working_directory;   /* NULL: unset */
        bool working_directory_home;            /* WorkingDirectory=~ */
        bool working_directory_missing_ok;      /* leading '-' */
        enum exec_input std_input;
        bool stdin_data;                        /* StandardInputText=/Data= given */
        enum exec_output std_output, std_error;
        struct origin std_output_origin, std_error_origin;
        struct setting_str std_output_file, std_error_file;
        struct setting_str syslog_identifier;
        struct setting_str user, group;
        struct setting_list supplementary_groups;
        struct setting_list read_write_paths;
        enum protect_home protect_home;
        enum protect_system protect_system;
        struct origin protect_home_origin, protect_system_origin;
        bool dynamic_user;
        struct setting_str pam_name;
};

enum service_type {
        SERVICE_SIMPLE,
        SERVICE_EXEC,
        SERVICE_FORKING,
        SERVICE_ONESHOT,
        SERVICE_DBUS,
        SERVICE_NOTIFY,
        SERVICE_IDLE,
        _SERVICE_TYPE_MAX,
        _SERVICE_TYPE_INVALID = -EINVAL,
};

const char *service_type_to_string(enum service_type t);

enum service_restart {
        SERVICE_RESTART_NO,
        SERVICE_RESTART_ON_SUCCESS,
        SERVICE_RESTART_ON_FAILURE,
        SERVICE_RESTART_ON_ABNORMAL,
        SERVICE_RESTART_ON_WATCHDOG,
        SERVICE_RESTART_ON_ABORT,
        SERVICE_RESTART_ALWAYS,
        _SERVICE_RESTART_MAX,
};

const char *service_restart_to_string(enum service_restart r);

/* Command lists of each unit type, in one enum; each type uses its own. */
enum exec_kind {
        EXEC_CONDITION,         /* service */
        EXEC_START_PRE,         /* service, socket */
        EXEC_START,             /* service */
        EXEC_START_POST,        /* service, socket */
        EXEC_RELOAD,            /* service */
        EXEC_STOP,              /* service */
        EXEC_STOP_PRE,          /* socket */
        EXEC_STOP_POST,         /* service, socket */
        _EXEC_KIND_MAX,
};

const char *exec_kind_to_string(enum exec_kind k);

struct unit {
        char *id;               /* the primary name */
        char *load_name;        /* the name the unit was first asked for (specifiers use id: see goldctl-unit(1)) */
        char **names;           /* every name, the id included, sorted */
        char *instance;         /* NULL unless an instance */
        enum unit_type type;
        enum unit_load_state load_state;
        int load_error;         /* negative errno behind NOT_FOUND/BAD_SETTING/ERROR */
        bool visited;           /* loader bookkeeping */

        char *fragment_path;    /* as on the host; NULL when there is none */
        char *fragment_real;    /* after resolving symlinks (%y), as on the host */
        char *fragment_fs;      /* where goldctl read it (with --root) */
        char **dropin_paths;    /* as on the host, in the order applied */
        char **dropin_fs;       /* where goldctl read them */

        /* [Unit] */
        struct setting_str description;
        bool default_dependencies;
        struct setting_str success_action;
        struct unit_dep_list deps[_UNIT_DEPENDENCY_MAX];

        /* [Install] */
        struct setting_list install_wanted_by, install_required_by, install_alias, install_also;

        /* [Service] */
        int service_type;               /* enum service_type; -1 until set or derived */
        struct origin service_type_origin;
        enum service_restart restart;
        struct origin restart_origin;
        usec_t restart_usec;
        bool remain_after_exit;
        struct setting_str bus_name;
        int kill_mode;                  /* 0 control-group, 1 process, 2 mixed, 3 none */
        bool exit_type_cgroup;
        bool restart_force_status;
        char *trigger_service;          /* socket: Service= */
        bool socket_accept;
        bool has_trigger_spec;          /* socket: Listen*=, timer: On*=, path: Path*= */
        struct origin timer_on_calendar;        /* the last OnCalendar= (file NULL: none) */
        bool timer_persistent;
        struct origin timer_persistent_origin;

        /* [Mount], [Swap], [Automount] */
        struct setting_str what, where, fs_type, options;

        struct exec_command_list exec[_EXEC_KIND_MAX];
        struct exec_context ctx;

        struct diag_list diags;
        /* the line that made systemd refuse the unit, when one setting did
         * (systemd's message names none); file NULL otherwise */
        struct origin refusal_origin;
};

struct unit *unit_new(const char *name);
struct unit *unit_free(struct unit *u);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct unit *, unit_free);

/* Whether this unit type has an execution context (services, sockets,
 * mounts, swaps) and which command lists it has. */
bool unit_type_has_exec_context(enum unit_type t);
bool unit_type_has_exec_kind(enum unit_type t, enum exec_kind k);
/* The valid sections for a unit type, in syntax_options form. */
const char *unit_type_sections(enum unit_type t);

/* Adds a dependency if not yet there (same name and kind). */
int unit_dep_add(struct unit *u, enum unit_dependency d, const char *name, struct origin o, unsigned flags);
bool unit_dep_has(const struct unit *u, enum unit_dependency d, const char *name);
void unit_dep_list_clear(struct unit_dep_list *l);
/* The index of name in the list, or -1 (hashed once the list is long). */
ssize_t unit_dep_list_find(const struct unit_dep_list *l, const char *name);
/* Rebuilds the name index after the list was changed in place. */
int unit_dep_list_reindex(struct unit_dep_list *l);
