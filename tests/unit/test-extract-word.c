/* SPDX-License-Identifier: MIT */
#include "extract-word.h"
#include "strbuf.h"
#include "tap.h"

#define U_C (EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE)

/*
 * Splits `in` completely and returns the words joined with '|' (each
 * wrapped in <>), or "ERR<n>" with the errno when a call fails, after the
 * words found so far.
 */
static char *split(const char *in, const char *sep, unsigned flags) {
        struct strbuf sb = STRBUF_INIT;
        const char *p = in;

        for (int guard = 0; guard < 100; guard++) {
                char *w = (char *) 1;
                int r = extract_first_word(&p, &w, sep, flags);

                if (r < 0) {
                        strbuf_addf(&sb, "ERR%d", -r);
                        break;
                }
                if (r == 0) {
                        if (w != NULL || p != NULL)
                                strbuf_addstr(&sb, "BAD-END");
                        break;
                }
                strbuf_addf(&sb, "<%s>", w);
                free(w);
        }
        return strbuf_detach(&sb, NULL);
}

struct vector {
        const char *in;
        const char *sep;
        unsigned flags;
        const char *out;
};

static void run_vectors(const struct vector *t, size_t n) {
        for (size_t i = 0; i < n; i++) {
                _cleanup_free_ char *got = split(t[i].in, t[i].sep, t[i].flags);
                if (!got || strcmp(got, t[i].out) != 0)
                        printf("# input [%s] flags 0x%x\n", t[i].in, t[i].flags);
                CHECK_STREQ(got, t[i].out);
        }
}

TEST(end_of_input) {
        const char *p = NULL;
        char *w = (char *) 1;

        CHECK_INTEQ(extract_first_word(&p, &w, NULL, 0), 0);
        CHECK(w == NULL);
        p = "";
        CHECK_INTEQ(extract_first_word(&p, &w, NULL, 0), 0);
        CHECK(w == NULL);
        CHECK(p == NULL);
        p = " \t\r\n ";
        CHECK_INTEQ(extract_first_word(&p, &w, NULL, 0), 0);
        CHECK(p == NULL);
}

TEST(pointer_after_word) {
        const char *p = "one   two";
        char *w;

        CHECK_INTEQ(extract_first_word(&p, &w, NULL, 0), 1);
        CHECK_STREQ(w, "one");
        /* the separators after a word are consumed */
        CHECK_STREQ(p, "two");
        free(w);
        CHECK_INTEQ(extract_first_word(&p, &w, NULL, 0), 1);
        CHECK_STREQ(w, "two");
        CHECK(p == NULL);
        free(w);
}

/* ExecStart=, Environment=: EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE (spec 2.7). */
TEST(unquote_cunescape) {
        static const struct vector t[] = {
                { "foo bar", NULL, U_C, "<foo><bar>" },
                { "  foo\t\tbar \r\n baz  ", NULL, U_C, "<foo><bar><baz>" },
                { "\"a b\" 'c d'", NULL, U_C, "<a b><c d>" },
                /* a quote anywhere in a word starts a quoted run */
                { "/nonexist/a\"b c\"d", NULL, U_C, "</nonexist/ab cd>" },
                { "a\"\"b", NULL, U_C, "<ab>" },
                { "\"\"", NULL, U_C, "<>" },
                { "'' x", NULL, U_C, "<><x>" },
                { "\"it's\"", NULL, U_C, "<it's>" },
                { "'say \"hi\"'", NULL, U_C, "<say \"hi\">" },
                /* C escapes, inside both kinds of quotes */
                { "\\x41\\101\\t", NULL, U_C, "<AA\t>" },
                { "\"a\\tb\" 'a\\tb'", NULL, U_C, "<a\tb><a\tb>" },
                { "\"a\\\"b\"", NULL, U_C, "<a\"b>" },
                { "'a\\'b'", NULL, U_C, "<a'b>" },
                { "a\\sb", NULL, U_C, "<a b>" },
                { "a\\ b", NULL, U_C, "ERR22" },           /* "\ " is not a C escape */
                { "\\u00e9\\U0001F600", NULL, U_C, "<\xc3\xa9\xf0\x9f\x98\x80>" },
                { "\\xe9", NULL, U_C, "<\xe9>" },           /* \x is a raw byte */
                { "\\x00", NULL, U_C, "ERR22" },           /* NUL refused */
                { "\\q", NULL, U_C, "ERR22" },             /* unknown escape */
                { "ok \\q", NULL, U_C, "<ok>ERR22" },
                { "\"unbalanced", NULL, U_C, "ERR22" },    /* */
                { "'unbalanced", NULL, U_C, "ERR22" },
                { "a \"b", NULL, U_C, "<a>ERR22" },
                { "trailing\\", NULL, U_C, "ERR22" },      /* */
                { "\\;", NULL, U_C, "ERR22" },             /* ExecStart= checks "\;" before splitting */
                { "a;b ; c", NULL, U_C, "<a;b><;><c>" },
                { "$FOO ${BAR} | > &", NULL, U_C, "<$FOO><${BAR}><|><>><&>" },
                { "# note", NULL, U_C, "<#><note>" },      /* P-COM-2: no comments */
                { "\"a\\\\b\"", NULL, U_C, "<a\\b>" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

/* extract_first_word_and_warn() retries with EXTRACT_UNESCAPE_RELAX:
 * unknown escapes are kept verbatim. */
TEST(unescape_relax) {
        static const struct vector t[] = {
                { "\\q", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "<\\q>" },
                { "a\\ b", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "<a\\ b>" },
                { "ok\\", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "<ok\\>" },
                { "\\x00", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "<\\x00>" },
                { "\\t\\w", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "<\t\\w>" },
                /* still strict about quotes */
                { "\"open", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "ERR22" },
                /* a trailing backslash inside an open quote needs RELAX too */
                { "\"open\\", NULL, U_C | EXTRACT_UNESCAPE_RELAX, "ERR22" },
                { "\"open\\", NULL, U_C | EXTRACT_UNESCAPE_RELAX | EXTRACT_RELAX, "<open\\>" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

/* EXTRACT_RELAX: unbalanced quotes accepted, a trailing backslash eaten. */
TEST(relax) {
        static const struct vector t[] = {
                { "\"", NULL, EXTRACT_UNQUOTE | EXTRACT_RELAX, "<>" },
                { "\"abc", NULL, EXTRACT_UNQUOTE | EXTRACT_RELAX, "<abc>" },
                { "'a b", NULL, EXTRACT_UNQUOTE | EXTRACT_RELAX, "<a b>" },
                { "x \"y z", NULL, EXTRACT_UNQUOTE | EXTRACT_RELAX, "<x><y z>" },
                { "abc\\", NULL, EXTRACT_RELAX, "<abc>" },
                { "abc\\", NULL, 0, "ERR22" },
                { "\"abc", NULL, EXTRACT_UNQUOTE, "ERR22" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

/* Dependencies (After=, Wants=, ...): EXTRACT_RETAIN_ESCAPE, no unquoting. */
TEST(retain_escape) {
        static const struct vector t[] = {
                { "a.service b.service", NULL, EXTRACT_RETAIN_ESCAPE, "<a.service><b.service>" },
                { "foo\\x2dbar.service", NULL, EXTRACT_RETAIN_ESCAPE, "<foo\\x2dbar.service>" },
                { "a\\ b", NULL, EXTRACT_RETAIN_ESCAPE, "<a\\><b>" },
                { "trailing\\", NULL, EXTRACT_RETAIN_ESCAPE, "<trailing\\>" },
                { "\"q.service\"", NULL, EXTRACT_RETAIN_ESCAPE, "<\"q.service\">" },
                { "", NULL, EXTRACT_RETAIN_ESCAPE, "" },
                { "   ", NULL, EXTRACT_RETAIN_ESCAPE, "" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

TEST(no_flags) {
        static const struct vector t[] = {
                /* quotes are ordinary characters */
                { "\"foo\" 'bar'", NULL, 0, "<\"foo\"><'bar'>" },
                /* a backslash takes the next character literally */
                { "a\\ b c", NULL, 0, "<a b><c>" },
                { "a\\\\b", NULL, 0, "<a\\b>" },
                { "a\\tb", NULL, 0, "<atb>" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

TEST(keep_quote) {
        static const struct vector t[] = {
                { "\"a b\"c d", NULL, EXTRACT_KEEP_QUOTE, "<\"a b\"c><d>" },
                { "'x y'", NULL, EXTRACT_KEEP_QUOTE, "<'x y'>" },
                { "\"open", NULL, EXTRACT_KEEP_QUOTE, "ERR22" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

TEST(separators) {
        static const struct vector t[] = {
                { "a,b,,c", ",", 0, "<a><b><c>" },
                { "a,b,,c", ",", EXTRACT_DONT_COALESCE_SEPARATORS, "<a><b><><c>" },
                { ",a", ",", EXTRACT_DONT_COALESCE_SEPARATORS, "<><a>" },
                { "a b,c", ",", 0, "<a b><c>" },
                { "a\\:b:c", ":", EXTRACT_UNESCAPE_SEPARATORS, "<a:b><c>" },
                { "a\\\\b:c", ":", EXTRACT_UNESCAPE_SEPARATORS, "<a\\b><c>" },
                { "a\\qb", ":", EXTRACT_UNESCAPE_SEPARATORS, "ERR22" },
                { "a\\qb", ":", EXTRACT_UNESCAPE_SEPARATORS | EXTRACT_UNESCAPE_RELAX, "<a\\qb>" },
                { "a\\:b\\n", ":", EXTRACT_UNESCAPE_SEPARATORS | EXTRACT_CUNESCAPE, "<a:b\n>" },
        };

        run_vectors(t, ELEMENTSOF(t));
}

TEST(retain_separators) {
        const char *p = "a:b";
        char *w;

        CHECK_INTEQ(extract_first_word(&p, &w, ":", EXTRACT_DONT_COALESCE_SEPARATORS | EXTRACT_RETAIN_SEPARATORS), 1);
        CHECK_STREQ(w, "a");
        CHECK_STREQ(p, ":b");
        free(w);

        p = "a::b";
        CHECK_INTEQ(extract_first_word(&p, &w, ":", EXTRACT_RETAIN_SEPARATORS), 1);
        CHECK_STREQ(w, "a");
        CHECK_STREQ(p, "::b");
        free(w);
}

TEST(long_word) {
        _cleanup_free_ char *in = malloc(100001), *w = NULL;
        const char *p;

        memset(in, 'x', 100000);
        in[100000] = '\0';
        p = in;
        CHECK_INTEQ(extract_first_word(&p, &w, NULL, U_C), 1);
        CHECK_INTEQ(strlen(w), 100000);
        CHECK(p == NULL);
}

int main(void) {
        RUN(end_of_input);
        RUN(pointer_after_word);
        RUN(unquote_cunescape);
        RUN(unescape_relax);
        RUN(relax);
        RUN(retain_escape);
        RUN(no_flags);
        RUN(keep_quote);
        RUN(separators);
        RUN(retain_separators);
        RUN(long_word);
        return tap_done();
}
