/* SPDX-License-Identifier: MIT */
#include <systemd/sd-bus.h>

#include "bus.h"
#include "macro.h"
#include "strbuf.h"

static sd_bus *bus;

void bus_close(void) {
        bus = sd_bus_flush_close_unref(bus);
}

static int error_text(char **ret_error, int r, const sd_bus_error *e, const char *what) {
        if (ret_error) {
                struct strbuf sb = STRBUF_INIT;
                strbuf_addf(&sb, "%s: %s", what, e && e->message ? e->message : strerror(-r));
                *ret_error = strbuf_detach(&sb, NULL);
        }
        return r;
}

static int bus_open(char **ret_error) {
        int r;

        if (bus)
                return 0;
        r = sd_bus_open_system(&bus);
        if (r < 0)
                return error_text(ret_error, r, NULL, "cannot connect to the system bus");
        return 0;
}

int bus_manager_environment(char ***ret_env, int *ret_pid, char **ret_error) {
        sd_bus_error e = SD_BUS_ERROR_NULL;
        sd_bus_creds *creds = NULL;
        char **env = NULL;
        pid_t pid = 0;
        int r;

        *ret_env = NULL;
        *ret_pid = 0;
        if (ret_error)
                *ret_error = NULL;
        r = bus_open(ret_error);
        if (r < 0)
                return r;
        r = sd_bus_get_property_strv(bus, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                                     "org.freedesktop.systemd1.Manager", "Environment", &e, &env);
        if (r < 0) {
                r = error_text(ret_error, r, &e, "the manager's Environment");
                sd_bus_error_free(&e);
                return r;
        }
        /* through a bus daemon: the name's owner; connected to the manager itself: the peer */
        if (sd_bus_get_name_creds(bus, "org.freedesktop.systemd1", SD_BUS_CREDS_PID, &creds) < 0 ||
            sd_bus_creds_get_pid(creds, &pid) < 0) {
                creds = sd_bus_creds_unref(creds);
                if (sd_bus_get_owner_creds(bus, SD_BUS_CREDS_PID, &creds) < 0 || sd_bus_creds_get_pid(creds, &pid) < 0)
                        pid = 0;
        }
        sd_bus_creds_unref(creds);
        *ret_env = env;
        *ret_pid = (int) pid;
        return 0;
}

int bus_unit_load_state(const char *unit, char **ret_state, bool *ret_need_reload, char **ret_error) {
        sd_bus_error e = SD_BUS_ERROR_NULL;
        sd_bus_message *reply = NULL;
        const char *path;
        char *state = NULL;
        int r;

        *ret_state = NULL;
        if (ret_error)
                *ret_error = NULL;
        r = bus_open(ret_error);
        if (r < 0)
                return r;
        /* LoadUnit loads it if needed, as systemctl show does */
        r = sd_bus_call_method(bus, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                               "org.freedesktop.systemd1.Manager", "LoadUnit", &e, &reply, "s", unit);
        if (r < 0) {
                r = error_text(ret_error, r, &e, "LoadUnit");
                sd_bus_error_free(&e);
                return r;
        }
        r = sd_bus_message_read(reply, "o", &path);
        if (r < 0) {
                sd_bus_message_unref(reply);
                return error_text(ret_error, r, NULL, "bad reply to LoadUnit");
        }
        r = sd_bus_get_property_string(bus, "org.freedesktop.systemd1", path, "org.freedesktop.systemd1.Unit",
                                       "LoadState", &e, &state);
        if (r < 0) {
                sd_bus_message_unref(reply);
                r = error_text(ret_error, r, &e, "LoadState");
                sd_bus_error_free(&e);
                return r;
        }
        {
                sd_bus_message *m = NULL;
                int b = 0;

                r = sd_bus_get_property(bus, "org.freedesktop.systemd1", path, "org.freedesktop.systemd1.Unit",
                                        "NeedDaemonReload", &e, &m, "b");
                if (r >= 0)
                        r = sd_bus_message_read(m, "b", &b);
                sd_bus_message_unref(m);
                sd_bus_message_unref(reply);
                if (r < 0) {
                        free(state);
                        r = error_text(ret_error, r, &e, "NeedDaemonReload");
                        sd_bus_error_free(&e);
                        return r;
                }
                *ret_need_reload = b;
        }
        *ret_state = state;
        return 0;
}
