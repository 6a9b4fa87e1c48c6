/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include "env-file.h"
#include "escape.h"
#include "strbuf.h"
#include "utf8.h"

#define ENV_ARG_MAX ((size_t) 2 * 1024 * 1024)

bool env_name_is_valid_n(const char *s, size_t n) {
        if (n == 0 || n > ENV_ARG_MAX - 2 || (s[0] >= '0' && s[0] <= '9'))
                return false;
        for (size_t i = 0; i < n; i++)
                if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
                        return false;
        return true;
}

bool env_name_is_valid(const char *name) {
        return env_name_is_valid_n(name, strlen(name));
}

void env_file_release(struct env_file *f) {
        for (size_t i = 0; i < f->n; i++) {
                free(f->items[i].key);
                free(f->items[i].value);
        }
        free(f->items);
        diag_list_release(&f->diags);
        hashmap_clear(&f->index);
        *f = (struct env_file) {};
}

struct env_parser {
        const char *file;
        unsigned flags;
        struct env_file *out;
        struct strbuf key, value;
        bool have_value;
        size_t last_key_ws, last_value_ws;
        unsigned key_line;
        bool hash_comment_like;         /* " #" in the value: a shell would see a comment */
};

static char *escaped(const char *s) {
        struct strbuf sb = STRBUF_INIT;

        cescape_append(&sb, s);
        return strbuf_detach(&sb, NULL);
}

static int push(struct env_parser *p) {
        struct env_file *f = p->out;
        _cleanup_free_ char *key = NULL, *value = NULL;

        if (p->last_key_ws != SIZE_MAX && p->last_key_ws < p->key.len)
                p->key.len = p->last_key_ws;
        key = strndup(strbuf_str(&p->key), p->key.len);
        value = strdup(strbuf_str(&p->value));
        if (!key || !value)
                return -ENOMEM;

        if (!utf8_is_valid(key) || !utf8_is_valid(value)) {
                _cleanup_free_ char *ek = escaped(key), *ev = escaped(value);

                f->failed = true;
                if (!utf8_is_valid(key))
                        diag_add(&f->diags, p->file, p->key_line, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                 "invalid UTF-8 in key '%s': systemd refuses the whole file and the service does not start",
                                 strempty(ek));
                else
                        diag_add(&f->diags, p->file, p->key_line, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                 "invalid UTF-8 value for key %s: '%s': systemd refuses the whole file and the service does not start",
                                 strempty(ek), strempty(ev));
                return 1;
        }

        {
                uintptr_t k = (uintptr_t) hashmap_get(&f->index, key);
                if (k) {
                        size_t i = k - 1;
                        diag_add(&f->diags, p->file, f->items[i].line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                 "%s is set again at line %u; the later value wins", key, p->key_line);
                        free(f->items[i].value);
                        f->items[i].value = TAKE_PTR(value);
                        f->items[i].line = p->key_line;
                        f->items[i].hash_comment_like = p->hash_comment_like;
                        return 0;
                }
        }

        if (f->n == f->alloc) {
                size_t na = f->alloc ? f->alloc * 2 : 16;
                struct env_entry *v = realloc(f->items, na * sizeof(*v));
                if (!v)
                        return -ENOMEM;
                f->items = v;
                f->alloc = na;
        }
        f->items[f->n++] = (struct env_entry) {
                .key = TAKE_PTR(key),
                .value = TAKE_PTR(value),
                .line = p->key_line,
                .hash_comment_like = p->hash_comment_like,
        };
        /* the key string is the entry's own: it lives as long as the index */
        if (hashmap_put(&f->index, f->items[f->n - 1].key, (void *) (uintptr_t) f->n) < 0)
                return -ENOMEM;
        return 0;
}

/* Notes about values that mean something else in a shell. */
static void lint_entry(struct env_file *f, const char *file, const struct env_entry *e) {
        bool h = e->hash_comment_like;

        if (startswith(e->key, "export ") || startswith(e->key, "export\t"))
                diag_add(&f->diags, file, e->line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "'%s' is not a variable name: systemd has no 'export' and drops this assignment "
                         "(\"Ignoring invalid environment assignment\"); write %s=...", e->key,
                         e->key + strspn(e->key + 6, " \t") + 6);
        if (startswith(e->key, "export ") || startswith(e->key, "export\t"))
                diag_mark_extra(&f->diags);
        else if (!env_name_is_valid(e->key))
                diag_add(&f->diags, file, e->line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "'%s' is not a valid variable name: systemd drops this assignment when the service starts",
                         e->key);
        else if (!e->valid)
                diag_add(&f->diags, file, e->line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "%s: the assignment is longer than the kernel's limit for one variable; "
                         "systemd drops it when the service starts", e->key);
        if (h)
                diag_add(&f->diags, file, e->line, DIAG_NOTICE, DIAG_EFFECT_NONE,
                         "%s: '#' does not start a comment here; the value is '%s'", e->key, e->value);
        if (h)
                diag_mark_extra(&f->diags);
}

int env_file_parse(const char *file, const char *data, size_t size, unsigned flags, struct env_file *ret) {
        enum {
                PRE_KEY, KEY, PRE_VALUE, VALUE, VALUE_ESCAPE, SINGLE_QUOTE_VALUE,
                DOUBLE_QUOTE_VALUE, DOUBLE_QUOTE_VALUE_ESCAPE, COMMENT, COMMENT_ESCAPE,
        } state = PRE_KEY;
        struct env_parser p = {
                .file = file,
                .flags = flags,
                .out = ret,
                .key = STRBUF_INIT,
                .value = STRBUF_INIT,
                .last_key_ws = SIZE_MAX,
                .last_value_ws = SIZE_MAX,
        };
        unsigned line = 1, comment_line = 0;
        size_t end;
        int r = 0;

        *ret = (struct env_file) {};
        end = size;
        {
                const char *nul = memchr(data, '\0', size);
                if (nul) {
                        /* read_full_file() refuses embedded NUL bytes (EBADMSG). */
                        ret->failed = true;
                        diag_add(&ret->diags, file, 0, DIAG_ERROR, DIAG_EFFECT_REFUSED,
                                 "the file contains a NUL byte at offset %zu: systemd refuses the whole file "
                                 "and the service does not start", (size_t) (nul - data));
                        return ret->diags.oom ? (env_file_release(ret), -ENOMEM) : 0;
                }
        }

#define IS_NEWLINE(c) ((c) == '\n' || (c) == '\r')
#define IS_WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')
        for (size_t i = 0; i < end; i++) {
                char c = data[i];
                /* Physical line counting: \r\n is one line end. */
                bool line_end = c == '\n' || (c == '\r' && !(i + 1 < end && data[i + 1] == '\n'));

                switch (state) {
                case PRE_KEY:
                        if (c == '#' || c == ';') {
                                state = COMMENT;
                                comment_line = line;
                        } else if (!IS_WS(c)) {
                                state = KEY;
                                p.last_key_ws = SIZE_MAX;
                                p.key_line = line;
                                strbuf_reset(&p.key);
                                strbuf_addch(&p.key, c);
                        }
                        break;
                case KEY:
                        if (IS_NEWLINE(c)) {
                                state = PRE_KEY;
                                diag_add(&ret->diags, file, p.key_line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                         "line has no '=': systemd ignores it");
                        } else if (c == '=') {
                                state = PRE_VALUE;
                                p.last_value_ws = SIZE_MAX;
                                p.hash_comment_like = false;
                                strbuf_reset(&p.value);
                        } else {
                                if (!IS_WS(c))
                                        p.last_key_ws = SIZE_MAX;
                                else if (p.last_key_ws == SIZE_MAX)
                                        p.last_key_ws = p.key.len;
                                strbuf_addch(&p.key, c);
                        }
                        break;
                case PRE_VALUE:
                        if (IS_NEWLINE(c)) {
                                state = PRE_KEY;
                                r = push(&p);
                                if (r != 0)
                                        goto finish;
                        } else if (c == '\'')
                                state = SINGLE_QUOTE_VALUE;
                        else if (c == '"')
                                state = DOUBLE_QUOTE_VALUE;
                        else if (c == '\\')
                                state = VALUE_ESCAPE;
                        else if (!IS_WS(c)) {
                                if (c == '#' && p.value.len > 0 && i > 0 && IS_WS(data[i - 1]))
                                        p.hash_comment_like = true;
                                state = VALUE;
                                strbuf_addch(&p.value, c);
                        }
                        break;
                case VALUE:
                        if (IS_NEWLINE(c)) {
                                state = PRE_KEY;
                                if (p.last_value_ws != SIZE_MAX)
                                        p.value.len = p.last_value_ws, p.value.buf[p.value.len] = '\0';
                                r = push(&p);
                                if (r != 0)
                                        goto finish;
                        } else if (c == '\\') {
                                state = VALUE_ESCAPE;
                                p.last_value_ws = SIZE_MAX;
                        } else {
                                if (c == '#' && i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t'))
                                        p.hash_comment_like = true;
                                if (!IS_WS(c))
                                        p.last_value_ws = SIZE_MAX;
                                else if (p.last_value_ws == SIZE_MAX)
                                        p.last_value_ws = p.value.len;
                                strbuf_addch(&p.value, c);
                        }
                        break;
                case VALUE_ESCAPE:
                        state = VALUE;
                        if (!IS_NEWLINE(c))
                                strbuf_addch(&p.value, c);
                        break;
                case SINGLE_QUOTE_VALUE:
                        if (c == '\'')
                                state = PRE_VALUE;
                        else
                                strbuf_addch(&p.value, c);
                        break;
                case DOUBLE_QUOTE_VALUE:
                        if (c == '"')
                                state = PRE_VALUE;
                        else if (c == '\\')
                                state = DOUBLE_QUOTE_VALUE_ESCAPE;
                        else
                                strbuf_addch(&p.value, c);
                        break;
                case DOUBLE_QUOTE_VALUE_ESCAPE:
                        state = DOUBLE_QUOTE_VALUE;
                        if (strchr("\"\\`$", c))
                                strbuf_addch(&p.value, c);
                        else if (c != '\n') {
                                strbuf_addch(&p.value, '\\');
                                strbuf_addch(&p.value, c);
                        }
                        break;
                case COMMENT:
                        if (c == '\\')
                                state = COMMENT_ESCAPE;
                        else if (IS_NEWLINE(c))
                                state = PRE_KEY;
                        break;
                case COMMENT_ESCAPE:
                        if (flags & ENV_FILE_V254) {
                                if (IS_NEWLINE(c)) {
                                        diag_add(&ret->diags, file, comment_line, DIAG_NOTICE, DIAG_EFFECT_NONE,
                                                 "the comment ends in a backslash: systemd before 254 ignores the next line");
                                        diag_mark_extra(&ret->diags);
                                }
                                state = IS_NEWLINE(c) ? PRE_KEY : COMMENT;
                        } else {
                                state = COMMENT;
                                if (IS_NEWLINE(c)) {
                                        unsigned next = line + (line_end ? 1 : 0);
                                        /* The next line becomes part of the comment. */
                                        if (c == '\r' && i + 1 < end && data[i + 1] == '\n')
                                                next = line + 1;
                                        diag_add(&ret->diags, file, next, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                                 "swallowed by the comment on line %u, which ends in a backslash "
                                                 "(systemd before 254 continues comments); this line is ignored",
                                                 comment_line);
                                }
                        }
                        break;
                }
                if (line_end)
                        line++;
        }

        if (state == PRE_VALUE || state == VALUE || state == VALUE_ESCAPE || state == SINGLE_QUOTE_VALUE ||
            state == DOUBLE_QUOTE_VALUE || state == DOUBLE_QUOTE_VALUE_ESCAPE) {
                if (state == VALUE && p.last_value_ws != SIZE_MAX)
                        p.value.len = p.last_value_ws, p.value.buf[p.value.len] = '\0';
                if (state == SINGLE_QUOTE_VALUE || state == DOUBLE_QUOTE_VALUE || state == DOUBLE_QUOTE_VALUE_ESCAPE)
                        diag_add(&ret->diags, file, p.key_line, DIAG_WARNING, DIAG_EFFECT_NONE,
                                 "the quote opened here is never closed; systemd takes everything to the end of the file");
                r = push(&p);
                if (r != 0)
                        goto finish;
        } else if (state == KEY)
                diag_add(&ret->diags, file, p.key_line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "line has no '=': systemd ignores it");
#undef IS_NEWLINE
#undef IS_WS
        r = 0;
        for (size_t i = 0; i < ret->n; i++) {
                struct env_entry *e = &ret->items[i];
                e->valid = env_name_is_valid(e->key) && strlen(e->key) + strlen(e->value) + 1 <= ENV_ARG_MAX - 1;
                lint_entry(ret, file, e);
        }
finish:
        if (r > 0)
                r = 0; /* the file is refused as a whole: ret->failed says so */
        strbuf_release(&p.key);
        strbuf_release(&p.value);
        if (r >= 0 && (ret->diags.oom || strbuf_error(&p.key) < 0))
                r = -ENOMEM;
        if (r < 0)
                env_file_release(ret);
        return r < 0 ? r : 0;
}
