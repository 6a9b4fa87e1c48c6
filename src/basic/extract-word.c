/* SPDX-License-Identifier: MIT */
#include "escape.h"
#include "extract-word.h"
#include "strbuf.h"
#include "utf8.h"

int extract_first_word(const char **p, char **ret, const char *separators, unsigned flags) {
        _cleanup_strbuf_ struct strbuf s = STRBUF_INIT;
        bool have = false, backslash = false;
        char quote = 0, c;

        *ret = NULL;
        if (!*p)
                return 0;
        if (!separators)
                separators = WHITESPACE;

        if (flags & EXTRACT_DONT_COALESCE_SEPARATORS)
                have = true;

        /* Skip leading separators. */
        for (;; (*p)++) {
                c = **p;
                if (c == 0)
                        goto finish_force_terminate;
                if (strchr(separators, c)) {
                        if (flags & EXTRACT_DONT_COALESCE_SEPARATORS) {
                                if (!(flags & EXTRACT_RETAIN_SEPARATORS))
                                        (*p)++;
                                goto finish_force_next;
                        }
                        continue;
                }
                have = true;
                break;
        }

        for (;; (*p)++) {
                c = **p;
                if (backslash) {
                        if (c == 0) {
                                if ((flags & EXTRACT_UNESCAPE_RELAX) && (quote == 0 || (flags & EXTRACT_RELAX))) {
                                        strbuf_addch(&s, '\\');
                                        goto finish_force_terminate;
                                }
                                if (flags & EXTRACT_RELAX)
                                        goto finish_force_terminate;
                                return -EINVAL;
                        }
                        if (flags & (EXTRACT_CUNESCAPE | EXTRACT_UNESCAPE_SEPARATORS)) {
                                bool raw = false;
                                char32_t u;
                                int r = -EINVAL;

                                if (flags & EXTRACT_CUNESCAPE)
                                        r = cunescape_one(*p, SIZE_MAX, &u, &raw, false);
                                if (r >= 0) {
                                        *p += r - 1;
                                        if (raw)
                                                strbuf_addch(&s, (char) u);
                                        else {
                                                char b[4];
                                                strbuf_add(&s, b, utf8_encode_unichar(b, u));
                                        }
                                } else if ((flags & EXTRACT_UNESCAPE_SEPARATORS) &&
                                           (strchr(separators, c) || c == '\\'))
                                        strbuf_addch(&s, c);
                                else if (flags & EXTRACT_UNESCAPE_RELAX) {
                                        strbuf_addch(&s, '\\');
                                        strbuf_addch(&s, c);
                                } else
                                        return -EINVAL;
                        } else
                                strbuf_addch(&s, c);
                        backslash = false;
                } else if (quote != 0) {
                        for (;; (*p)++) {
                                c = **p;
                                if (c == 0) {
                                        if (flags & EXTRACT_RELAX)
                                                goto finish_force_terminate;
                                        return -EINVAL;
                                } else if (c == quote) {
                                        quote = 0;
                                        if (flags & EXTRACT_UNQUOTE)
                                                break;
                                } else if (c == '\\' && !(flags & EXTRACT_RETAIN_ESCAPE)) {
                                        backslash = true;
                                        break;
                                }
                                strbuf_addch(&s, c);
                                if (quote == 0)
                                        break;
                        }
                } else {
                        for (;; (*p)++) {
                                c = **p;
                                if (c == 0)
                                        goto finish_force_terminate;
                                else if ((c == '\'' || c == '"') && (flags & (EXTRACT_KEEP_QUOTE | EXTRACT_UNQUOTE))) {
                                        quote = c;
                                        if (flags & EXTRACT_UNQUOTE)
                                                break;
                                } else if (c == '\\' && !(flags & EXTRACT_RETAIN_ESCAPE)) {
                                        backslash = true;
                                        break;
                                } else if (strchr(separators, c)) {
                                        if (flags & EXTRACT_DONT_COALESCE_SEPARATORS) {
                                                if (!(flags & EXTRACT_RETAIN_SEPARATORS))
                                                        (*p)++;
                                                goto finish_force_next;
                                        }
                                        if (!(flags & EXTRACT_RETAIN_SEPARATORS))
                                                for (;; (*p)++) {
                                                        c = **p;
                                                        if (c == 0)
                                                                goto finish_force_terminate;
                                                        if (!strchr(separators, c))
                                                                break;
                                                }
                                        goto finish;
                                }
                                strbuf_addch(&s, c);
                                if (quote != 0)
                                        break;
                        }
                }
        }

finish_force_terminate:
        *p = NULL;
finish:
        if (!have) {
                *p = NULL;
                return 0;
        }
finish_force_next:
        if (strbuf_error(&s) < 0)
                return -ENOMEM;
        *ret = strbuf_detach(&s, NULL);
        if (!*ret)
                return -ENOMEM;
        return 1;
}
