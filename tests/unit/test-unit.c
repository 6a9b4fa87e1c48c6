/* SPDX-License-Identifier: MIT */
#include "tap.h"
#include "unit.h"

TEST(dependency_names_and_inverses) {
        static const struct {
                enum unit_dependency d, inverse;
                const char *name;
        } t[] = {
                { UNIT_REQUIRES, UNIT_REQUIRED_BY, "Requires" },
                { UNIT_REQUISITE, UNIT_REQUISITE_OF, "Requisite" },
                { UNIT_WANTS, UNIT_WANTED_BY, "Wants" },
                { UNIT_BINDS_TO, UNIT_BOUND_BY, "BindsTo" },
                { UNIT_PART_OF, UNIT_CONSISTS_OF, "PartOf" },
                { UNIT_UPHOLDS, UNIT_UPHELD_BY, "Upholds" },
                { UNIT_CONFLICTS, UNIT_CONFLICTED_BY, "Conflicts" },
                { UNIT_BEFORE, UNIT_AFTER, "Before" },
                { UNIT_AFTER, UNIT_BEFORE, "After" },
                { UNIT_ON_SUCCESS, UNIT_ON_SUCCESS_OF, "OnSuccess" },
                { UNIT_ON_FAILURE, UNIT_ON_FAILURE_OF, "OnFailure" },
                { UNIT_TRIGGERS, UNIT_TRIGGERED_BY, "Triggers" },
                { UNIT_PROPAGATES_RELOAD_TO, UNIT_RELOAD_PROPAGATED_FROM, "PropagatesReloadTo" },
                { UNIT_PROPAGATES_STOP_TO, UNIT_STOP_PROPAGATED_FROM, "PropagatesStopTo" },
                { UNIT_JOINS_NAMESPACE_OF, UNIT_JOINS_NAMESPACE_OF, "JoinsNamespaceOf" },
                { UNIT_REFERENCES, UNIT_REFERENCED_BY, "References" },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                CHECK_STREQ(unit_dependency_to_string(t[i].d), t[i].name);
                CHECK_INTEQ(unit_dependency_inverse(t[i].d), t[i].inverse);
        }
        /* the inverse of the inverse is the dependency itself */
        for (int d = 0; d < _UNIT_DEPENDENCY_MAX; d++) {
                CHECK_INTEQ(unit_dependency_inverse(unit_dependency_inverse(d)), d);
                CHECK(unit_dependency_to_string(d) != NULL);
        }
        CHECK(unit_dependency_to_string(_UNIT_DEPENDENCY_MAX) == NULL);
}

TEST(string_tables) {
        CHECK_STREQ(unit_load_state_to_string(UNIT_LOADED), "loaded");
        CHECK_STREQ(unit_load_state_to_string(UNIT_NOT_FOUND), "not-found");
        CHECK_STREQ(unit_load_state_to_string(UNIT_BAD_SETTING), "bad-setting");
        CHECK_STREQ(unit_load_state_to_string(UNIT_MASKED), "masked");
        CHECK_STREQ(unit_load_state_to_string(UNIT_ERROR), "error");
        CHECK_STREQ(service_type_to_string(SERVICE_ONESHOT), "oneshot");
        CHECK_STREQ(service_type_to_string(SERVICE_NOTIFY), "notify");
        CHECK(service_type_to_string(_SERVICE_TYPE_MAX) == NULL);
        CHECK(service_type_to_string(-1) == NULL);
        CHECK_STREQ(service_restart_to_string(SERVICE_RESTART_ON_FAILURE), "on-failure");
        CHECK_STREQ(service_restart_to_string(SERVICE_RESTART_ALWAYS), "always");
        CHECK_STREQ(exec_kind_to_string(EXEC_START_PRE), "ExecStartPre");
        CHECK_STREQ(exec_kind_to_string(EXEC_STOP_POST), "ExecStopPost");
        CHECK_STREQ(exec_output_to_string(EXEC_OUTPUT_JOURNAL_AND_CONSOLE), "journal+console");
        CHECK_INTEQ(exec_output_from_string("kmsg+console"), EXEC_OUTPUT_KMSG_AND_CONSOLE);
        CHECK_INTEQ(exec_output_from_string("syslog"), -EINVAL);
        CHECK_INTEQ(exec_output_from_string("Journal"), -EINVAL);
        CHECK_INTEQ(exec_input_from_string("tty-force"), EXEC_INPUT_TTY_FORCE);
        CHECK_INTEQ(exec_input_from_string("nope"), -EINVAL);
}

/* ProtectHome=/ProtectSystem= take a boolean or their keywords. */
TEST(protect_values) {
        CHECK_INTEQ(protect_home_from_string("yes"), PROTECT_HOME_YES);
        CHECK_INTEQ(protect_home_from_string("true"), PROTECT_HOME_YES);
        CHECK_INTEQ(protect_home_from_string("0"), PROTECT_HOME_NO);
        CHECK_INTEQ(protect_home_from_string("read-only"), PROTECT_HOME_READ_ONLY);
        CHECK_INTEQ(protect_home_from_string("tmpfs"), PROTECT_HOME_TMPFS);
        CHECK_INTEQ(protect_home_from_string("full"), -EINVAL);
        CHECK_INTEQ(protect_system_from_string("on"), PROTECT_SYSTEM_YES);
        CHECK_INTEQ(protect_system_from_string("full"), PROTECT_SYSTEM_FULL);
        CHECK_INTEQ(protect_system_from_string("strict"), PROTECT_SYSTEM_STRICT);
        CHECK_INTEQ(protect_system_from_string("tmpfs"), -EINVAL);
        CHECK_STREQ(protect_home_to_string(PROTECT_HOME_READ_ONLY), "read-only");
        CHECK_STREQ(protect_system_to_string(PROTECT_SYSTEM_STRICT), "strict");
}

TEST(type_properties) {
        CHECK(unit_type_has_exec_context(UNIT_SERVICE));
        CHECK(unit_type_has_exec_context(UNIT_SOCKET));
        CHECK(unit_type_has_exec_context(UNIT_MOUNT));
        CHECK(unit_type_has_exec_context(UNIT_SWAP));
        CHECK(!unit_type_has_exec_context(UNIT_TIMER));
        CHECK(!unit_type_has_exec_context(UNIT_TARGET));
        CHECK(unit_type_has_exec_kind(UNIT_SERVICE, EXEC_START));
        CHECK(unit_type_has_exec_kind(UNIT_SERVICE, EXEC_CONDITION));
        CHECK(!unit_type_has_exec_kind(UNIT_SERVICE, EXEC_STOP_PRE));
        CHECK(unit_type_has_exec_kind(UNIT_SOCKET, EXEC_STOP_PRE));
        CHECK(!unit_type_has_exec_kind(UNIT_SOCKET, EXEC_START));
        CHECK(!unit_type_has_exec_kind(UNIT_MOUNT, EXEC_START));
        CHECK(memcmp(unit_type_sections(UNIT_SERVICE), "Unit\0Service\0Install\0", 22) == 0);
        CHECK(memcmp(unit_type_sections(UNIT_TIMER), "Unit\0Timer\0Install\0", 20) == 0);
}

TEST(dep_add) {
        _cleanup_(unit_freep) struct unit *u = unit_new("a.service");
        struct origin o1 = { .file = "/f", .line = 3 }, o2 = { .file = "/g", .line = 9 };

        CHECK_INTEQ(unit_dep_add(u, UNIT_AFTER, "b.service", o1, UNIT_DEP_FILE), 1);
        CHECK_INTEQ(unit_dep_add(u, UNIT_AFTER, "c.service", o1, UNIT_DEP_FILE), 1);
        /* the same name again: merged, flags added, first origin kept */
        CHECK_INTEQ(unit_dep_add(u, UNIT_AFTER, "b.service", o2, UNIT_DEP_WANTS_DIR), 0);
        CHECK_INTEQ(u->deps[UNIT_AFTER].n, 2);
        CHECK_INTEQ(u->deps[UNIT_AFTER].items[0].flags, UNIT_DEP_FILE | UNIT_DEP_WANTS_DIR);
        CHECK_INTEQ(u->deps[UNIT_AFTER].items[0].origin.line, 3);
        CHECK(unit_dep_has(u, UNIT_AFTER, "c.service"));
        CHECK(!unit_dep_has(u, UNIT_BEFORE, "c.service"));
        /* kinds are separate */
        CHECK_INTEQ(unit_dep_add(u, UNIT_WANTS, "b.service", o1, UNIT_DEP_FILE), 1);
        unit_dep_list_clear(&u->deps[UNIT_AFTER]);
        CHECK_INTEQ(u->deps[UNIT_AFTER].n, 0);
        CHECK(unit_dep_has(u, UNIT_WANTS, "b.service"));
}

TEST(settings) {
        struct setting_list l = {};
        struct setting_str s = {};
        struct origin o = { .file = "/f", .line = 1 };
        const char **v;

        CHECK_INTEQ(setting_list_append(&l, "a", o), 0);
        CHECK_INTEQ(setting_list_append(&l, "", o), 0);
        CHECK_INTEQ(setting_list_append(&l, "c", o), 0);
        v = setting_list_values(&l);
        CHECK(v && streq(v[0], "a") && streq(v[1], "") && streq(v[2], "c") && v[3] == NULL);
        CHECK(v && v[0] == l.items[0].value);   /* borrowed */
        free(v);
        setting_list_clear(&l);
        CHECK_INTEQ(l.n, 0);
        v = setting_list_values(&l);
        CHECK(v && v[0] == NULL);
        free(v);

        CHECK_INTEQ(setting_str_set(&s, "x", o), 0);
        CHECK_STREQ(s.value, "x");
        CHECK_INTEQ(setting_str_set(&s, NULL, o), 0);
        CHECK(s.value == NULL);
        CHECK_INTEQ(s.origin.line, 1);
        setting_str_set(&s, "y", o);
        setting_str_clear(&s);
        CHECK(s.value == NULL);
        CHECK(s.origin.file == NULL);
}

TEST(unit_new_types) {
        static const struct {
                const char *name;
                enum unit_type t;
        } t[] = {
                { "a.service", UNIT_SERVICE }, { "a.socket", UNIT_SOCKET }, { "-.mount", UNIT_MOUNT },
                { "a.timer", UNIT_TIMER }, { "a@b.path", UNIT_PATH }, { "a.target", UNIT_TARGET },
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                struct unit *u = unit_new(t[i].name);
                CHECK(u != NULL);
                if (!u)
                        continue;
                CHECK_INTEQ(u->type, t[i].t);
                CHECK_STREQ(u->id, t[i].name);
                CHECK_STREQ(u->load_name, t[i].name);
                unit_free(u);
        }
}

int main(void) {
        RUN(dependency_names_and_inverses);
        RUN(string_tables);
        RUN(protect_values);
        RUN(type_properties);
        RUN(dep_add);
        RUN(settings);
        RUN(unit_new_types);
        return tap_done();
}
