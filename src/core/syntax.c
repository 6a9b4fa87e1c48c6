/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "strbuf.h"
#include "syntax.h"
#include "utf8.h"

#define UTF8_BOM "\xef\xbb\xbf"

enum { EOL_NONE = 0, EOL_ZERO = 1, EOL_TEN = 2, EOL_THIRTEEN = 4 };

static int categorize_eol(char c) {
        if (c == '\n')
                return EOL_TEN;
        if (c == '\r')
                return EOL_THIRTEEN;
        if (c == '\0')
                return EOL_ZERO;
        return EOL_NONE;
}

/* Reads one physical line as systemd's read_line() does. Returns 1 with
 * [*ret_start, *ret_start + *ret_len) the line, 0 at EOF, -ENOBUFS when the
 * line reaches the limit. */
static int next_line(const char *data, size_t size, size_t *pos, size_t limit,
                     const char **ret_start, size_t *ret_len) {
        size_t i = *pos, n = 0, count = 0;
        int prev = EOL_NONE;

        *ret_start = data + i;
        for (;;) {
                int eol;

                if (n >= limit)
                        return -ENOBUFS;
                if (i >= size)
                        break;
                eol = categorize_eol(data[i]);
                if ((prev & EOL_ZERO) || (eol == EOL_NONE && prev != EOL_NONE) ||
                    (eol != EOL_NONE && (prev & eol) != 0))
                        break;
                count++;
                i++;
                if (eol != EOL_NONE) {
                        prev |= eol;
                        continue;
                }
                n++;
        }
        *pos = i;
        *ret_len = n;
        return count > 0 ? 1 : 0;
}

static bool is_ws(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Strips whitespace at both ends of [s, s+len) in place; returns the new start. */
static char *strip(char *s, size_t *len) {
        size_t l = *len;

        while (l > 0 && is_ws(*s)) {
                s++;
                l--;
        }
        while (l > 0 && is_ws(s[l - 1]))
                l--;
        s[l] = '\0';
        *len = l;
        return s;
}

static bool section_listed(const char *sections, const char *n) {
        for (const char *s = sections; *s; s += strlen(s) + 1)
                if (streq(s, n))
                        return true;
        return false;
}

struct parse_state {
        const char *file;
        const struct syntax_options *opts;
        syntax_assign_fn fn;
        void *userdata;
        struct diag_list *diags;
        char *section;          /* current section, NULL outside or in an ignored one */
        bool section_ignored;
};

static int parse_logical_line(struct parse_state *st, unsigned line, char *l, size_t len) {
        char *e;

        l = strip(l, &len);
        if (len == 0)
                return 0;

        if (!utf8_is_valid_n(l, len) || memchr(l, '\0', len)) {
                struct strbuf esc = STRBUF_INIT;

                cescape_append(&esc, l);
                diag_add(st->diags, st->file, line, DIAG_ERROR, st->opts->fatal_effect,
                         "String is not UTF-8 clean, ignoring assignment: %s", strbuf_str(&esc));
                strbuf_release(&esc);
                return -EINVAL;
        }

        if (l[0] == '[') {
                char *n;

                if (l[len - 1] != ']') {
                        diag_add(st->diags, st->file, line, DIAG_ERROR, st->opts->fatal_effect,
                                 "Invalid section header '%s'", l);
                        return -EBADMSG;
                }
                n = strndup(l + 1, len - 2);
                if (!n)
                        return -ENOMEM;
                if (!string_is_safe(n)) {
                        diag_add(st->diags, st->file, line, DIAG_ERROR, st->opts->fatal_effect,
                                 "Bad characters in section header '%s'", l);
                        free(n);
                        return -EBADMSG;
                }
                free(st->section);
                st->section = NULL;
                if (st->opts->sections && !section_listed(st->opts->sections, n)) {
                        if (!startswith(n, "X-"))
                                diag_add(st->diags, st->file, line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                         "Unknown section '%s'. Ignoring.", n);
                        free(n);
                        st->section_ignored = true;
                } else {
                        st->section = n;
                        st->section_ignored = false;
                }
                return 0;
        }

        if (!st->section) {
                if (!st->section_ignored)
                        diag_add(st->diags, st->file, line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                                 "Assignment outside of section. Ignoring.");
                return 0;
        }

        e = strchr(l, '=');
        if (!e) {
                diag_add(st->diags, st->file, line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "Missing '=', ignoring line.");
                return 0;
        }
        if (e == l) {
                diag_add(st->diags, st->file, line, DIAG_WARNING, DIAG_EFFECT_IGNORED,
                         "Missing key name before '=', ignoring line.");
                return 0;
        }
        *e = '\0';
        {
                size_t kl = (size_t) (e - l), vl = len - kl - 1;
                char *key = strip(l, &kl);
                char *value = strip(e + 1, &vl);
                struct syntax_assignment a = {
                        .file = st->file,
                        .line = line,
                        .section = st->section,
                        .key = key,
                        .value = value,
                        .fatal_effect = st->opts->fatal_effect,
                };
                return st->fn(&a, st->userdata, st->diags);
        }
}

int syntax_parse(const char *file, const char *data, size_t size, const struct syntax_options *opts,
                 syntax_assign_fn fn, void *userdata, struct diag_list *diags) {
        struct parse_state st = {
                .file = file,
                .opts = opts,
                .fn = fn,
                .userdata = userdata,
                .diags = diags,
        };
        struct strbuf cont = STRBUF_INIT;
        bool in_cont = false, bom_seen = false;
        unsigned line = 0, cont_first = 0;
        size_t pos = 0;
        char *buf = NULL;
        size_t buf_alloc = 0;
        int r = 0;

        for (;;) {
                const char *raw, *l;
                size_t rawlen, llen, scan_from;
                bool escaped = false;
                char *p;
                size_t plen;

                r = next_line(data, size, &pos, SYNTAX_LINE_MAX, &raw, &rawlen);
                if (r == 0)
                        break;
                if (r == -ENOBUFS) {
                        diag_add(diags, file, line, DIAG_ERROR, opts->fatal_effect, "Line too long");
                        goto finish;
                }
                line++;

                /* A comment line, also inside a continuation. */
                {
                        size_t k = 0;
                        while (k < rawlen && is_ws(raw[k]))
                                k++;
                        if (k < rawlen && (raw[k] == '#' || raw[k] == ';')) {
                                if (in_cont && opts->lint) {
                                        bool data_like = raw[k] == ';' || k > 0;
                                        if (data_like) {
                                                diag_add(diags, file, line, DIAG_NOTICE, DIAG_EFFECT_NONE,
                                                         "Continuation line starting with '%c' was dropped "
                                                         "from the value continued at line %u",
                                                         raw[k], cont_first);
                                                diag_mark_extra(diags);
                                        }
                                }
                                continue;
                        }
                }

                l = raw;
                llen = rawlen;
                if (!bom_seen && llen >= 3 && memcmp(l, UTF8_BOM, 3) == 0) {
                        l += 3;
                        llen -= 3;
                        bom_seen = true;
                }

                if (in_cont) {
                        if (cont.len + llen > SYNTAX_LINE_MAX) {
                                diag_add(diags, file, line, DIAG_ERROR, opts->fatal_effect,
                                         "Continuation line too long");
                                r = -ENOBUFS;
                                goto finish;
                        }
                        scan_from = cont.len;
                        strbuf_add(&cont, l, llen);
                        if (strbuf_error(&cont) < 0) {
                                r = -ENOMEM;
                                goto finish;
                        }
                        p = cont.buf;
                        plen = cont.len;
                } else {
                        /* Copy: the parser modifies the line. */
                        if (llen + 1 > buf_alloc) {
                                char *nb = realloc(buf, llen + 1);
                                if (!nb) {
                                        r = -ENOMEM;
                                        goto finish;
                                }
                                buf = nb;
                                buf_alloc = llen + 1;
                        }
                        memcpy(buf, l, llen);
                        buf[llen] = '\0';
                        p = buf;
                        plen = llen;
                        scan_from = 0;
                }

                /* Whether the line ends in an unescaped backslash. The part
                 * before scan_from ended in a backslash turned into a space,
                 * so the escape state starts clear there. */
                for (size_t i = scan_from; i < plen; i++) {
                        if (escaped)
                                escaped = false;
                        else if (p[i] == '\\')
                                escaped = true;
                }

                if (escaped) {
                        p[plen - 1] = ' ';
                        if (!in_cont) {
                                strbuf_reset(&cont);
                                strbuf_add(&cont, p, plen);
                                if (strbuf_error(&cont) < 0) {
                                        r = -ENOMEM;
                                        goto finish;
                                }
                                in_cont = true;
                                cont_first = line;
                        }
                        continue;
                }

                if (opts->lint && plen > 0 && (p[plen - 1] == ' ' || p[plen - 1] == '\t')) {
                        size_t k = plen;
                        while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
                                k--;
                        if (k > 0 && p[k - 1] == '\\') {
                                size_t bs = 0;
                                while (k > bs && p[k - 1 - bs] == '\\')
                                        bs++;
                                if (bs % 2 == 1) {
                                        diag_add(diags, file, line, DIAG_WARNING, DIAG_EFFECT_NONE,
                                                 "Whitespace after the line continuation backslash: "
                                                 "the line does not continue");
                                        diag_mark_extra(diags);
                                }
                        }
                }

                r = parse_logical_line(&st, line, p, plen);
                if (r < 0)
                        goto finish;
                in_cont = false;
                strbuf_reset(&cont);
        }

        if (in_cont) {
                line++;
                r = parse_logical_line(&st, line, cont.buf, cont.len);
                if (r < 0)
                        goto finish;
        }
        r = 0;
finish:
        free(st.section);
        free(buf);
        strbuf_release(&cont);
        if (diags->oom && r >= 0)
                r = -ENOMEM;
        return r;
}
