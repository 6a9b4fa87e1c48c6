/* SPDX-License-Identifier: MIT */
#include "path-util.h"
#include "specifier.h"
#include "strbuf.h"
#include "unit-name.h"

/* Host- and manager-dependent specifiers with the value a system manager
 * gives them, used only for SPECIFIER_PROBE. */
static const struct {
        char c;
        const char *probe;
        bool in_name_table;
} host_specifiers[] = {
        { 'a', "x86-64", true },
        { 'A', "", true },
        { 'b', "00000000000000000000000000000000", true },
        { 'B', "", true },
        { 'H', "localhost", true },
        { 'l', "localhost", true },
        { 'q', "localhost", true },
        { 'm', "00000000000000000000000000000000", true },
        { 'M', "", true },
        { 'o', "debian", true },
        { 'v', "6.1.0", true },
        { 'w', "12", true },
        { 'W', "", true },
        { 'g', "root", true },
        { 'G', "0", true },
        { 'u', "root", true },
        { 'U', "0", true },
        { 'h', "/root", false },
        { 's', "/bin/sh", false },
        { 'C', "/var/cache", false },
        { 'd', "/run/credentials/unit", false },
        { 'E', "/etc", false },
        { 'L', "/var/log", false },
        { 'S', "/var/lib", false },
        { 't', "/run", false },
        { 'T', "/tmp", false },
        { 'V', "/var/tmp", false },
        { 'c', "/system.slice/unit", false },
        { 'r', "/system.slice", false },
        { 'R', "/", false },
};

bool specifier_is_host_dependent(char c) {
        for (size_t i = 0; i < ELEMENTSOF(host_specifiers); i++)
                if (host_specifiers[i].c == c)
                        return true;
        return false;
}

static bool is_alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Computes a unit-derived specifier. Returns 1 with *ret (may be NULL for
 * "expands to nothing"), 0 if c is not unit-derived in this table, <0 on
 * error. */
static int unit_specifier(const struct specifier_context *ctx, char c, enum specifier_table table, char **ret) {
        _cleanup_free_ char *prefix = NULL;
        const char *dash;
        int r;

        *ret = NULL;
        switch (c) {
        case 'n':
                *ret = strdup(ctx->id);
                return *ret ? 1 : -ENOMEM;
        case 'N':
                r = unit_name_to_prefix_and_instance(ctx->id, ret);
                return r < 0 ? r : 1;
        case 'p':
                r = unit_name_to_prefix(ctx->id, ret);
                return r < 0 ? r : 1;
        case 'i':
                if (ctx->instance) {
                        *ret = strdup(ctx->instance);
                        if (!*ret)
                                return -ENOMEM;
                }
                return 1;
        case 'j':
        case 'J':
                if (c == 'J' && table != SPECIFIERS_FULL)
                        return 0;
                r = unit_name_to_prefix(ctx->id, &prefix);
                if (r < 0)
                        return r;
                dash = strrchr(prefix, '-');
                if (!dash) {
                        /* no dash: the whole prefix, as systemd 252 does */
                        if (c == 'j') {
                                *ret = TAKE_PTR(prefix);
                                return 1;
                        }
                        r = unit_name_unescape(prefix, ret);
                        return r < 0 ? r : 1;
                }
                if (c == 'j') {
                        *ret = strdup(dash + 1);
                        return *ret ? 1 : -ENOMEM;
                }
                r = unit_name_unescape(dash + 1, ret);
                return r < 0 ? r : 1;
        }
        if (table != SPECIFIERS_FULL)
                return 0;
        switch (c) {
        case 'P':
                r = unit_name_to_prefix(ctx->id, &prefix);
                if (r < 0)
                        return r;
                r = unit_name_unescape(prefix, ret);
                return r < 0 ? r : 1;
        case 'I':
                r = unit_name_unescape(strempty(ctx->instance), ret);
                return r < 0 ? r : 1;
        case 'f':
                if (ctx->instance)
                        r = unit_name_path_unescape(ctx->instance, ret);
                else
                        r = unit_name_to_path(ctx->id, ret);
                return r < 0 ? r : 1;
        case 'y':
                if (!ctx->fragment_real)
                        return -ENOENT;
                *ret = strdup(ctx->fragment_real);
                return *ret ? 1 : -ENOMEM;
        case 'Y':
                if (!ctx->fragment_real)
                        return -ENOENT;
                *ret = path_dirname(ctx->fragment_real);
                return *ret ? 1 : -ENOMEM;
        }
        return 0;
}

int specifier_expand(const struct specifier_context *ctx, const char *text, enum specifier_table table,
                     size_t max_length, unsigned flags, char **ret) {
        _cleanup_strbuf_ struct strbuf sb = STRBUF_INIT;
        bool percent = false;

        for (const char *f = text; *f; f++) {
                if (percent) {
                        percent = false;
                        if (*f == '%')
                                strbuf_addch(&sb, '%');
                        else {
                                _cleanup_free_ char *w = NULL;
                                int r = unit_specifier(ctx, *f, table, &w);
                                bool done = false;

                                if (r < 0)
                                        return r;
                                if (r > 0) {
                                        if (w)
                                                strbuf_addstr(&sb, w);
                                        done = true;
                                }
                                for (size_t i = 0; !done && i < ELEMENTSOF(host_specifiers); i++) {
                                        if (host_specifiers[i].c != *f)
                                                continue;
                                        if (table != SPECIFIERS_FULL && !host_specifiers[i].in_name_table)
                                                break;
                                        if (flags & SPECIFIER_PROBE)
                                                strbuf_addstr(&sb, host_specifiers[i].probe);
                                        else {
                                                strbuf_addch(&sb, '%');
                                                strbuf_addch(&sb, *f);
                                        }
                                        done = true;
                                }
                                if (!done) {
                                        if (is_alnum(*f))
                                                return -EBADSLT;
                                        strbuf_addch(&sb, '%');
                                        strbuf_addch(&sb, *f);
                                }
                        }
                } else if (*f == '%')
                        percent = true;
                else
                        strbuf_addch(&sb, *f);
                if (sb.len > max_length)
                        return -ENAMETOOLONG;
        }
        if (percent) {
                strbuf_addch(&sb, '%');
                if (sb.len > max_length)
                        return -ENAMETOOLONG;
        }
        if (strbuf_error(&sb) < 0)
                return -ENOMEM;
        *ret = strbuf_detach(&sb, NULL);
        return *ret ? 0 : -ENOMEM;
}
