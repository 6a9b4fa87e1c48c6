/* SPDX-License-Identifier: MIT */
#include "env-file.h"
#include "fileio.h"
#include "strbuf.h"
#include "tap.h"
#include "test-helpers.h"

/*
 * Spec section 12 and vectors 21-28. Every value below was also checked
 * against systemd 252: a service with EnvironmentFile= and
 * ExecStart=/usr/bin/env -0, and for refused files, the service's result.
 */

/* The entries as "key=value" joined with '|', invalid ones marked with '!'. */
static char *entries(const struct env_file *f) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < f->n; i++) {
                if (i > 0)
                        strbuf_addch(&sb, '|');
                strbuf_addf(&sb, "%s%s=%s", f->items[i].valid ? "" : "!", f->items[i].key, f->items[i].value);
        }
        return strbuf_detach(&sb, NULL);
}

static char *parse_n(const char *data, size_t size, unsigned flags, bool *ret_failed) {
        struct env_file f;
        char *s;
        int r = env_file_parse("/etc/x.env", data, size, flags, &f);

        if (r < 0)
                return NULL;
        s = entries(&f);
        *ret_failed = f.failed;
        env_file_release(&f);
        return s;
}

#define CHECK_ENV_FLAGS_N(data, size, flags, expected)                             \
        do {                                                                       \
                bool _failed = true;                                               \
                _cleanup_free_ char *_s = parse_n(data, size, flags, &_failed);    \
                CHECK_STREQ(_s, expected);                                         \
                CHECK(!_failed);                                                   \
        } while (0)

#define CHECK_ENV(data, expected) CHECK_ENV_FLAGS_N(data, strlen(data), 0, expected)
#define CHECK_ENV_V254(data, expected) CHECK_ENV_FLAGS_N(data, strlen(data), ENV_FILE_V254, expected)

TEST(vectors_21_to_28) {
        /* 21 */
        CHECK_ENV("K=\"a b\"c\n", "K=a bc");
        CHECK_ENV("K1b=\"a\" \"b\"\n", "K1b=ab");
        /* 22: no inline comments */
        CHECK_ENV("K=\"v\" # note\n", "K=v# note");
        CHECK_ENV("K3=\"Carolina\" # your id\n", "K3=Carolina# your id");
        CHECK_ENV("K3b=plain # not a comment\n", "K3b=plain # not a comment");
        /* 23: export is part of the key, so the assignment is dropped */
        CHECK_ENV("export K=v\n", "!export K=v");
        CHECK_ENV("export\tK10=tab\n", "!export\tK10=tab");
        /* 24: single quotes are literal */
        CHECK_ENV("K='a $X \\n'\n", "K=a $X \\n");
        /* 25: double quotes: \$ \" \\ \` unescaped, others kept */
        CHECK_ENV("K=\"\\$H \\\" \\\\ \\n\"\n", "K=$H \" \\ \\n");
        CHECK_ENV("K25=\"\\$H \\\" \\\\ \\n end\"\n", "K25=$H \" \\ \\n end");
        CHECK_ENV("K=\"a\\`b\"\n", "K=a`b");
        /* 26: backslash-newline joins with nothing inserted */
        CHECK_ENV("K=a\\\nb\n", "K=ab");
        CHECK_ENV("K7=line1\\\nline2\n", "K7=line1line2");
        /* 27 */
        CHECK_ENV("K = v\n", "K=v");
        CHECK_ENV("  K2=  spaced value   \n", "K2=spaced value");
        CHECK_ENV("\tK2b\t=\ttabbed\t\n", "K2b=tabbed");
        /* 28, v252: a comment ending in a backslash swallows the next line */
        CHECK_ENV("# c \\\nK=v\n", "");
        CHECK_ENV("# c \\\nK13=after-comment\nK14=kept\n", "K14=kept");
}

/* P-ENV-COM-2: from v254 the next line is parsed. */
TEST(comment_backslash_v254) {
        CHECK_ENV_V254("# c \\\nK=v\n", "K=v");
        CHECK_ENV_V254("# c \\\nK13=after-comment\nK14=kept\n", "K13=after-comment|K14=kept");
        CHECK_ENV_V254("; c \\\nK=v\n", "K=v");
        /* in both versions a backslash inside a comment escapes the next character */
        CHECK_ENV("# c \\\\\nK=v\n", "K=v");
        CHECK_ENV_V254("# c \\\\\nK=v\n", "K=v");
        CHECK_ENV("# a \\x b\nK=v\n", "K=v");
        /* v252 swallows exactly one line */
        CHECK_ENV("# c \\\nA=1\nB=2\n", "B=2");
        /* a swallowed line that ends in a backslash is still a comment line */
        CHECK_ENV("# c \\\nA=1 \\\nB=2\nC=3\n", "C=3");
        CHECK_ENV_V254("# c \\\nA=1 \\\nB=2\nC=3\n", "A=1 B=2|C=3");
        /* CRLF after the backslash: v252 eats the CR only */
        CHECK_ENV("# c \\\r\nK=v\r\n", "K=v");
}

TEST(comments) {
        CHECK_ENV("; semicolon comment\n  # indented comment\nA=1\n", "A=1");
        CHECK_ENV("#A=1\n", "");
        /* '#' after the start of a key is part of the key */
        CHECK_ENV("A#B=1\n", "!A#B=1");
        /* a comment is only recognised where a key would start */
        CHECK_ENV("A=#1\n", "A=#1");
        CHECK_ENV("A= #1\n", "A=#1");
        CHECK_ENV("A=\"x\"#1\n", "A=x#1");
}

TEST(unquoted_values) {
        CHECK_ENV("A=$HOME\nB=${PATH}\nC=`date`\n", "A=$HOME|B=${PATH}|C=`date`");
        /* quotes after the first character are literal */
        CHECK_ENV("A=x\"y\"z\nB=x'y'z\n", "A=x\"y\"z|B=x'y'z");
        /* each backslash escapes the next character */
        CHECK_ENV("A=\\n\\t\\\\\n", "A=nt\\");
        CHECK_ENV("Q12=\\\"q\\\"\n", "Q12=\"q\"");
        /* an escaped blank survives the trailing-blank trim */
        CHECK_ENV("A=x\\ \n", "A=x ");
        CHECK_ENV("A=trail\\\\\n", "A=trail\\");
        /* inner blanks stay, outer ones go */
        CHECK_ENV("A=a b  c   \n", "A=a b  c");
        CHECK_ENV("A= \t x\n", "A=x");
        CHECK_ENV("URL=postgres://u:p@h/db?x=1&y=2\nA==b\n", "URL=postgres://u:p@h/db?x=1&y=2|A==b");
        /* a backslash at EOF */
        CHECK_ENV("A=end\\", "A=end");
}

TEST(quoted_values) {
        CHECK_ENV("A=\"  x  \"\n", "A=  x  ");
        CHECK_ENV("A='a' 'b'\n", "A=ab");
        CHECK_ENV("A= \"x\"\n", "A=x");
        CHECK_ENV("A='\\n'\nB=\"\\n\\t\"\n", "A=\\n|B=\\n\\t");
        /* quotes span lines */
        CHECK_ENV("A='multi\nline'\nB=1\n", "A=multi\nline|B=1");
        CHECK_ENV("A=\"multi\nline\"\n", "A=multi\nline");
        /* backslash-newline inside double quotes is removed */
        CHECK_ENV("K=\"cont\\\nnued\"\n", "K=contnued");
        /* empty values */
        CHECK_ENV("E=\nE2=''\nE3=\"\"\n", "E=|E2=|E3=");
        /* a quote never closed takes the rest of the file */
        CHECK_ENV("A=1\nB=\"never closed\nC=3\n", "A=1|B=never closed\nC=3\n");
        CHECK_ENV("A='open", "A=open");
}

TEST(line_ends) {
        /* CRLF */
        CHECK_ENV("A=1\r\nB=two words\r\nC=\"q\"\r\n# comment\r\nD=\r\n", "A=1|B=two words|C=q|D=");
        /* CR alone ends a line */
        CHECK_ENV("A=1\rB=2\r", "A=1|B=2");
        /* backslash + CRLF: the CR is eaten, the LF ends the value */
        CHECK_ENV("Q15=a\\\r\nQ16=b\r\n", "Q15=a|Q16=b");
        /* no final newline */
        CHECK_ENV("A=1\nB=last", "A=1|B=last");
        CHECK_ENV("", "");
        CHECK_ENV("   \n\t\n", "");
}

TEST(keys) {
        /* P-ENV-1: a newline before '=' drops the line */
        CHECK_ENV("JUSTAKEY\nGOOD=yes\nanother line without\n", "GOOD=yes");
        CHECK_ENV("K\nV=1\n", "V=1");
        /* P-ENV-2: names are not checked while parsing, only marked */
        CHECK_ENV("9LEADING=1\nWITH-DASH=2\nOK_1=3\nWITH.DOT=4\n_x=5\n", "!9LEADING=1|!WITH-DASH=2|OK_1=3|!WITH.DOT=4|_x=5");
        CHECK_ENV("K V=1\n", "!K V=1");
        CHECK_ENV("==x\n", "!==x");
        CHECK_ENV("\xc3\xa9=1\n", "!\xc3\xa9=1");
}

/* P-ENV-3: a repeated key: the later value wins, in the first one's place. */
TEST(duplicates) {
        struct env_file f;
        static const char data[] = "DUP=first\nOTHER=x\nDUP=second\n";

        CHECK_ENV(data, "DUP=second|OTHER=x");
        CHECK_ENV("A=1\nB=2\nA=3\nC=4\nB=5\n", "A=3|B=5|C=4");
        CHECK_INTEQ(env_file_parse("/x.env", data, sizeof(data) - 1, 0, &f), 0);
        CHECK_INTEQ(f.n, 2);
        /* the entry says where its value comes from */
        CHECK(f.n == 2 && f.items[0].line == 3);
        env_file_release(&f);
}

TEST(line_numbers) {
        struct env_file f;
        static const char data[] = "# c\nA=1\n\nB='x\ny'\nC=3\r\nD=4\rE=5\n";

        CHECK_INTEQ(env_file_parse("/x.env", data, sizeof(data) - 1, 0, &f), 0);
        CHECK_INTEQ(f.n, 5);
        if (f.n == 5) {
                CHECK_INTEQ(f.items[0].line, 2);
                CHECK_INTEQ(f.items[1].line, 4);
                CHECK_INTEQ(f.items[2].line, 6);
                CHECK_INTEQ(f.items[3].line, 7);
                CHECK_INTEQ(f.items[4].line, 8);
        }
        env_file_release(&f);
}

/* P-ENV-5/6: a NUL byte or invalid UTF-8 in a key or value: systemd refuses
 * the whole file (observed: the service fails with result "resources"). */
TEST(refused_files) {
        static const struct {
                const char *data;
                size_t size;
        } t[] = {
                { "A=1\nB=2\0C=3\n", 12 },
                { "A=1\n#\0\n", 7 },
                { "\0", 1 },
                { "A=1\nB=\xff\xfe\nC=3\n", 14 },
                { "A=1\n\xff=2\n", 8 },
                { "A='\xff'\n", 7 },
                { "A=\xef\xbf\xbe\n", 6 },              /* U+FFFE */
                { "A=\xed\xa0\x80\n", 6 },              /* surrogate */
                { "A=\xc0\xaf\n", 5 },                  /* overlong */
        };

        for (size_t i = 0; i < ELEMENTSOF(t); i++) {
                struct env_file f;

                CHECK_INTEQ(env_file_parse("/x.env", t[i].data, t[i].size, 0, &f), 0);
                CHECK(f.failed);
                CHECK(f.diags.n >= 1 && diag_list_worst_effect(&f.diags) == DIAG_EFFECT_REFUSED);
                env_file_release(&f);
        }
}

TEST(not_refused) {
        bool failed = true;
        /* invalid UTF-8 inside a comment is never looked at (observed) */
        _cleanup_free_ char *a = parse_n("# \xff\nA=1\n", 7, 0, &failed);

        CHECK_STREQ(a, "A=1");
        CHECK(!failed);
        /* valid UTF-8 and control characters other than NUL are fine */
        CHECK_ENV("GREETING=h\xc3\xa9llo w\xc3\xb6rld\nEMOJI=\xf0\x9f\x98\x80\nBELL=\a\n",
                  "GREETING=h\xc3\xa9llo w\xc3\xb6rld|EMOJI=\xf0\x9f\x98\x80|BELL=\a");
}

TEST(bom) {
        /* systemd's env-file parser does not skip a BOM: it is part of the first key */
        CHECK_ENV("\xef\xbb\xbf" "A=1\nB=2\n", "!\xef\xbb\xbf" "A=1|B=2");
}

TEST(name_is_valid) {
        CHECK(env_name_is_valid("A"));
        CHECK(env_name_is_valid("_"));
        CHECK(env_name_is_valid("a_B_9"));
        CHECK(!env_name_is_valid(""));
        CHECK(!env_name_is_valid("9A"));
        CHECK(!env_name_is_valid("A-B"));
        CHECK(!env_name_is_valid("A B"));
        CHECK(!env_name_is_valid("A="));
        CHECK(!env_name_is_valid("export A"));
        CHECK(!env_name_is_valid("\xc3\xa9"));
        CHECK(env_name_is_valid_n("AB=", 2));
        CHECK(!env_name_is_valid_n("AB=", 3));
        CHECK(!env_name_is_valid_n("AB", 0));
}

TEST(diagnostics) {
        struct env_file f;
        static const char data[] = "export K=v\nNOEQ\nK3=a # b\n";

        CHECK_INTEQ(env_file_parse("/x.env", data, sizeof(data) - 1, 0, &f), 0);
        CHECK(!f.failed);
        /* every dropped line and assignment is reported with its line */
        {
                bool export_seen = false, noeq_seen = false;
                for (size_t i = 0; i < f.diags.n; i++) {
                        if (f.diags.items[i].line == 1 && strstr(f.diags.items[i].message, "export"))
                                export_seen = true;
                        if (f.diags.items[i].line == 2 && f.diags.items[i].effect == DIAG_EFFECT_IGNORED)
                                noeq_seen = true;
                }
                CHECK(export_seen);
                CHECK(noeq_seen);
        }
        env_file_release(&f);
}

TEST(large_file) {
        /* many assignments, long values */
        struct strbuf sb = STRBUF_INIT;
        struct env_file f;
        char *data;
        size_t n;

        for (int i = 0; i < 2000; i++)
                strbuf_addf(&sb, "K%d=%0500d\n", i, i);
        data = strbuf_detach(&sb, &n);
        CHECK_INTEQ(env_file_parse("/x.env", data, n, 0, &f), 0);
        CHECK_INTEQ(f.n, 2000);
        CHECK(f.n == 2000 && strlen(f.items[1999].value) == 500);
        env_file_release(&f);
        free(data);
}

/* An assignment "K=value" of up to 2 MiB - 1 bytes (ARG_MAX less the NUL, as
 * env_assignment_is_valid() of systemd) is passed on; one byte more is not. */
TEST(assignment_length_limit) {
        const size_t arg_max = 2 * 1024 * 1024;
        static const size_t lens[] = { 2 * 1024 * 1024 - 1, 2 * 1024 * 1024 };

        for (size_t i = 0; i < ELEMENTSOF(lens); i++) {
                size_t n = lens[i] + 1;         /* the assignment and a newline */
                char *data = malloc(n);
                struct env_file f;

                memcpy(data, "K=", 2);
                memset(data + 2, 'v', n - 3);
                data[n - 1] = '\n';
                CHECK_INTEQ(env_file_parse("/x.env", data, n, 0, &f), 0);
                CHECK_INTEQ(f.n, 1);
                CHECK(!f.failed);
                if (f.n == 1) {
                        CHECK_INTEQ(strlen(f.items[0].key) + 1 + strlen(f.items[0].value), lens[i]);
                        CHECK(f.items[0].valid == (lens[i] <= arg_max - 1));
                }
                env_file_release(&f);
                free(data);
        }
}

/* ENV_FILE_SIZE_MAX: a file of that many bytes is read whole, one more is
 * refused (read_full_file() with that limit, as goldctl reads env files). */
static char *sized_env_file(const char *dir, const char *rel, size_t size) {
        char *b = malloc(size);
        size_t pos = 0;
        static const char tail[] = "LAST=1\n";

        while (pos < size - (sizeof(tail) - 1)) {
                size_t n = MIN((size_t) 4096, size - (sizeof(tail) - 1) - pos);
                b[pos] = '#';
                memset(b + pos + 1, 'c', n - 1);
                b[pos + n - 1] = '\n';
                pos += n;
        }
        memcpy(b + pos, tail, sizeof(tail) - 1);
        CHECK_INTEQ(th_write_n(dir, rel, b, size), 0);
        free(b);
        return th_path(dir, rel);
}

TEST(file_size_limit) {
        _cleanup_free_ char *dir = th_mkdtemp();
        _cleanup_free_ char *exact = sized_env_file(dir, "exact.env", ENV_FILE_SIZE_MAX);
        _cleanup_free_ char *over = sized_env_file(dir, "over.env", ENV_FILE_SIZE_MAX + 1);
        char *data = NULL;
        size_t n = 0;
        struct env_file f;

        CHECK_INTEQ(read_full_file(exact, ENV_FILE_SIZE_MAX, &data, &n, NULL), 0);
        CHECK_INTEQ(n, ENV_FILE_SIZE_MAX);
        CHECK_INTEQ(env_file_parse(exact, data, n, 0, &f), 0);
        CHECK(f.n == 1 && streq(f.items[0].key, "LAST"));
        env_file_release(&f);
        free(data);
        data = NULL;
        CHECK_INTEQ(read_full_file(over, ENV_FILE_SIZE_MAX, &data, &n, NULL), -EFBIG);
        CHECK(data == NULL);
        CHECK_INTEQ(th_rm_rf(dir), 0);
}

int main(void) {
        RUN(vectors_21_to_28);
        RUN(comment_backslash_v254);
        RUN(comments);
        RUN(unquoted_values);
        RUN(quoted_values);
        RUN(line_ends);
        RUN(keys);
        RUN(duplicates);
        RUN(line_numbers);
        RUN(refused_files);
        RUN(not_refused);
        RUN(bom);
        RUN(name_is_valid);
        RUN(diagnostics);
        RUN(large_file);
        RUN(assignment_length_limit);
        RUN(file_size_limit);
        return tap_done();
}
