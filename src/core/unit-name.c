/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "path-util.h"
#include "strbuf.h"
#include "unit-name.h"

#define VALID_CHARS DIGITS LETTERS ":-_.\\"

static const char *const unit_type_table[_UNIT_TYPE_MAX] = {
        [UNIT_SERVICE] = "service",
        [UNIT_MOUNT] = "mount",
        [UNIT_SWAP] = "swap",
        [UNIT_SOCKET] = "socket",
        [UNIT_TARGET] = "target",
        [UNIT_DEVICE] = "device",
        [UNIT_AUTOMOUNT] = "automount",
        [UNIT_TIMER] = "timer",
        [UNIT_PATH] = "path",
        [UNIT_SLICE] = "slice",
        [UNIT_SCOPE] = "scope",
};

const char *unit_type_to_string(enum unit_type t) {
        if (t < 0 || t >= _UNIT_TYPE_MAX)
                return NULL;
        return unit_type_table[t];
}

enum unit_type unit_type_from_string(const char *s) {
        for (int i = 0; i < _UNIT_TYPE_MAX; i++)
                if (streq(unit_type_table[i], s))
                        return (enum unit_type) i;
        return _UNIT_TYPE_INVALID;
}

static bool in_charset(const char *s, const char *set) {
        return s[strspn(s, set)] == '\0';
}

bool unit_name_is_valid(const char *n, unsigned flags) {
        const char *e, *at = NULL;

        if (flags == 0 || isempty(n) || strlen(n) >= UNIT_NAME_MAX)
                return false;
        e = strrchr(n, '.');
        if (!e || e == n)
                return false;
        if (unit_type_from_string(e + 1) < 0)
                return false;
        for (const char *i = n; i < e; i++) {
                if (*i == '@' && !at)
                        at = i;
                if (*i != '@' && !strchr(VALID_CHARS, *i))
                        return false;
        }
        if (at == n)
                return false;
        if ((flags & UNIT_NAME_PLAIN) && !at)
                return true;
        if ((flags & UNIT_NAME_INSTANCE) && at && e > at + 1)
                return true;
        if ((flags & UNIT_NAME_TEMPLATE) && at && e == at + 1)
                return true;
        return false;
}

bool unit_prefix_is_valid(const char *p) {
        return !isempty(p) && in_charset(p, VALID_CHARS);
}

bool unit_instance_is_valid(const char *i) {
        return !isempty(i) && in_charset(i, "@" VALID_CHARS);
}

enum unit_type unit_name_to_type(const char *n) {
        const char *e;

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return _UNIT_TYPE_INVALID;
        e = strrchr(n, '.');
        return unit_type_from_string(e + 1);
}

int unit_name_to_instance(const char *n, char **ret_instance) {
        const char *p, *d;

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;
        p = strchr(n, '@');
        if (!p) {
                if (ret_instance)
                        *ret_instance = NULL;
                return UNIT_NAME_PLAIN;
        }
        p++;
        d = strrchr(p, '.');
        if (!d)
                return -EINVAL;
        if (ret_instance) {
                *ret_instance = strndup(p, (size_t) (d - p));
                if (!*ret_instance)
                        return -ENOMEM;
        }
        return d > p ? UNIT_NAME_INSTANCE : UNIT_NAME_TEMPLATE;
}

int unit_name_to_prefix(const char *n, char **ret) {
        const char *p;

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;
        p = strchr(n, '@');
        if (!p)
                p = strrchr(n, '.');
        *ret = strndup(n, (size_t) (p - n));
        return *ret ? 0 : -ENOMEM;
}

int unit_name_to_prefix_and_instance(const char *n, char **ret) {
        const char *d;

        if (!unit_name_is_valid(n, UNIT_NAME_ANY))
                return -EINVAL;
        d = strrchr(n, '.');
        *ret = strndup(n, (size_t) (d - n));
        return *ret ? 0 : -ENOMEM;
}

int unit_name_template(const char *n, char **ret) {
        const char *p, *e;
        struct strbuf sb = STRBUF_INIT;

        if (!unit_name_is_valid(n, UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE))
                return -EINVAL;
        p = strchr(n, '@');
        e = strrchr(n, '.');
        strbuf_add(&sb, n, (size_t) (p - n) + 1);
        strbuf_addstr(&sb, e);
        *ret = strbuf_detach(&sb, NULL);
        return *ret ? 0 : -ENOMEM;
}

int unit_name_replace_instance(const char *n, const char *instance, char **ret) {
        const char *p, *e;
        struct strbuf sb = STRBUF_INIT;
        char *s;

        if (!unit_name_is_valid(n, UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE))
                return -EINVAL;
        if (!unit_instance_is_valid(instance))
                return -EINVAL;
        p = strchr(n, '@');
        e = strrchr(n, '.');
        strbuf_add(&sb, n, (size_t) (p - n) + 1);
        strbuf_addstr(&sb, instance);
        strbuf_addstr(&sb, e);
        s = strbuf_detach(&sb, NULL);
        if (!s)
                return -ENOMEM;
        if (!unit_name_is_valid(s, UNIT_NAME_INSTANCE)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}

int unit_name_build_from_type(const char *prefix, const char *instance, enum unit_type t, char **ret) {
        struct strbuf sb = STRBUF_INIT;
        char *s;

        if (!unit_prefix_is_valid(prefix))
                return -EINVAL;
        if (instance && !unit_instance_is_valid(instance))
                return -EINVAL;
        strbuf_addstr(&sb, prefix);
        if (instance) {
                strbuf_addch(&sb, '@');
                strbuf_addstr(&sb, instance);
        }
        strbuf_addch(&sb, '.');
        strbuf_addstr(&sb, unit_type_to_string(t));
        s = strbuf_detach(&sb, NULL);
        if (!s)
                return -ENOMEM;
        if (!unit_name_is_valid(s, instance ? UNIT_NAME_INSTANCE : UNIT_NAME_PLAIN)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}

int unit_name_unescape(const char *f, char **ret) {
        char *r = malloc(strlen(f) + 1), *t = r;

        if (!r)
                return -ENOMEM;
        for (; *f; f++) {
                if (*f == '-')
                        *t++ = '/';
                else if (*f == '\\') {
                        int a, b;

                        if (f[1] != 'x' || (a = unhexchar(f[2])) < 0 || (b = unhexchar(f[3])) < 0) {
                                free(r);
                                return -EINVAL;
                        }
                        *t++ = (char) ((a << 4) | b);
                        f += 3;
                } else
                        *t++ = *f;
        }
        *t = 0;
        *ret = r;
        return 0;
}

int unit_name_path_unescape(const char *f, char **ret) {
        _cleanup_free_ char *w = NULL;
        char *s;
        int r;

        if (isempty(f))
                return -EINVAL;
        if (streq(f, "-")) {
                s = strdup("/");
                if (!s)
                        return -ENOMEM;
                *ret = s;
                return 0;
        }
        r = unit_name_unescape(f, &w);
        if (r < 0)
                return r;
        if (w[0] == '/' || (w[0] && w[strlen(w) - 1] == '/'))
                return -EINVAL;
        s = path_join("/", w);
        if (!s)
                return -ENOMEM;
        if (!path_is_normalized(s)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}

int unit_name_to_path(const char *n, char **ret) {
        _cleanup_free_ char *prefix = NULL;
        int r;

        r = unit_name_to_prefix(n, &prefix);
        if (r < 0)
                return r;
        return unit_name_path_unescape(prefix, ret);
}

static void escape_char(struct strbuf *sb, char c) {
        static const char hex[] = "0123456789abcdef";
        char b[4] = { '\\', 'x', hex[((unsigned char) c) >> 4], hex[((unsigned char) c) & 15] };

        strbuf_add(sb, b, 4);
}

int unit_name_path_escape(const char *path, char **ret) {
        _cleanup_free_ char *p = strdup(path);
        struct strbuf sb = STRBUF_INIT;
        const char *f;
        size_t l;

        if (!p)
                return -ENOMEM;
        path_simplify(p);
        if (streq(p, "/") || streq(p, "")) {
                *ret = strdup("-");
                return *ret ? 0 : -ENOMEM;
        }
        if (!path_is_normalized(p))
                return -EINVAL;
        l = strlen(p);
        while (l > 0 && p[l - 1] == '/')
                p[--l] = '\0';
        f = p + strspn(p, "/");
        if (*f == '.') {
                escape_char(&sb, *f);
                f++;
        }
        for (; *f; f++) {
                if (*f == '/')
                        strbuf_addch(&sb, '-');
                else if (*f == '-' || *f == '\\' || !strchr(VALID_CHARS, *f))
                        escape_char(&sb, *f);
                else
                        strbuf_addch(&sb, *f);
        }
        *ret = strbuf_detach(&sb, NULL);
        return *ret ? 0 : -ENOMEM;
}

int unit_name_from_path(const char *path, const char *suffix, char **ret) {
        _cleanup_free_ char *p = NULL;
        struct strbuf sb = STRBUF_INIT;
        char *s;
        int r;

        r = unit_name_path_escape(path, &p);
        if (r < 0)
                return r;
        strbuf_addstr(&sb, p);
        strbuf_addstr(&sb, suffix);
        s = strbuf_detach(&sb, NULL);
        if (!s)
                return -ENOMEM;
        if (!unit_name_is_valid(s, UNIT_NAME_PLAIN)) {
                free(s);
                return -EINVAL;
        }
        *ret = s;
        return 0;
}
