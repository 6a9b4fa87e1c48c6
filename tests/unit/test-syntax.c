/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "syntax.h"
#include "tap.h"

/*
 * Each case parses a unit file and compares what the callback received,
 * "line:Section:key=value" joined with '|', and the diagnostics. Expected
 * values cite spec/systemd-syntax.md; the line numbers, the BOM and line end
 * rules and the limits were also checked against systemd-analyze verify of
 * systemd 252.
 */

struct collect {
        struct strbuf out;
        const char *fail_key;   /* the callback returns -ENOEXEC for this key */
        enum diag_effect seen_effect;
        size_t longest_value;
};

static int collect_fn(const struct syntax_assignment *a, void *userdata, struct diag_list *diags) {
        struct collect *c = userdata;
        size_t vl = strlen(a->value);

        (void) diags;
        c->seen_effect = a->fatal_effect;
        if (vl > c->longest_value)
                c->longest_value = vl;
        if (c->out.len > 0)
                strbuf_addch(&c->out, '|');
        if (vl > 64)
                strbuf_addf(&c->out, "%u:%s:%s=<%zu bytes>", a->line, a->section, a->key, vl);
        else
                strbuf_addf(&c->out, "%u:%s:%s=%s", a->line, a->section, a->key, a->value);
        if (c->fail_key && streq(a->key, c->fail_key))
                return -ENOEXEC;
        return 0;
}

#define SECTIONS "Unit\0Service\0Install\0"

struct result {
        int r;
        char *assignments;
        struct diag_list diags;
        enum diag_effect seen_effect;
        size_t longest_value;
};

static void result_release(struct result *res) {
        free(res->assignments);
        diag_list_release(&res->diags);
}

static struct result parse_full(const char *data, size_t size, const char *sections, bool lint, const char *fail_key) {
        struct collect c = { .out = STRBUF_INIT, .fail_key = fail_key };
        struct syntax_options o = { .sections = sections, .lint = lint, .fatal_effect = DIAG_EFFECT_REFUSED };
        struct result res = { .diags = DIAG_LIST_INIT };

        res.r = syntax_parse("/test/x.service", data, size, &o, collect_fn, &c, &res.diags);
        res.assignments = strbuf_detach(&c.out, NULL);
        res.seen_effect = c.seen_effect;
        res.longest_value = c.longest_value;
        return res;
}

static struct result parse_opts(const char *data, const char *sections, bool lint, const char *fail_key) {
        return parse_full(data, strlen(data), sections, lint, fail_key);
}

static struct result parse(const char *data) {
        return parse_full(data, strlen(data), SECTIONS, false, NULL);
}

/* The diagnostics as "line:message" joined with '|'. */
static char *diags_str(const struct diag_list *l) {
        struct strbuf sb = STRBUF_INIT;

        for (size_t i = 0; i < l->n; i++) {
                if (i > 0)
                        strbuf_addch(&sb, '|');
                strbuf_addf(&sb, "%u:%s", l->items[i].line, l->items[i].message);
        }
        return strbuf_detach(&sb, NULL);
}

/* Parses data and checks the assignments, the result and the diagnostics. */
#define CHECK_PARSE_N(data, size, exp_r, exp_assign, exp_diags)                                   \
        do {                                                                                      \
                struct result _res = parse_full(data, size, SECTIONS, false, NULL);               \
                _cleanup_free_ char *_d = diags_str(&_res.diags);                                 \
                CHECK_INTEQ(_res.r, exp_r);                                                       \
                CHECK_STREQ(_res.assignments, exp_assign);                                        \
                CHECK_STREQ(_d, exp_diags);                                                       \
                result_release(&_res);                                                            \
        } while (0)

#define CHECK_PARSE(data, exp_r, exp_assign, exp_diags) \
        CHECK_PARSE_N(data, strlen(data), exp_r, exp_assign, exp_diags)

TEST(basic) {
        CHECK_PARSE("", 0, "", "");
        CHECK_PARSE("\n\n\n", 0, "", "");
        CHECK_PARSE("[Service]\nA=1\nB = 2 \n", 0, "2:Service:A=1|3:Service:B=2", "");
        /* P-KV-2: blanks around key and value go, inside they stay */
        CHECK_PARSE("[Service]\n \tKey  With Space\t=\t v a l \t\n", 0, "2:Service:Key  With Space=v a l", "");
        /* P-KV-1: split at the first '=' */
        CHECK_PARSE("[Service]\nA=b=c\n", 0, "2:Service:A=b=c", "");
        CHECK_PARSE("[Service]\nA=\n", 0, "2:Service:A=", "");
        /* no final newline */
        CHECK_PARSE("[Service]\nA=1", 0, "2:Service:A=1", "");
        /* P-SEC-5: sections accumulate */
        CHECK_PARSE("[Service]\nA=1\n[Unit]\nB=2\n[Service]\nA=3\n", 0,
                    "2:Service:A=1|4:Unit:B=2|6:Service:A=3", "");
        /* indented headers */
        CHECK_PARSE("  [Unit]  \nA=1\n", 0, "2:Unit:A=1", "");
        /* P-COM-2: no end-of-line comments */
        CHECK_PARSE("[Service]\nRestart=always # note\n", 0, "2:Service:Restart=always # note", "");
}

/* P-LINE-1: \n, \r and NUL end lines; \r\n, \n\r, \n\0 and \r\n\0 are one end. */
TEST(line_ends) {
        CHECK_PARSE("[Service]\r\nA=1\r\nB=2\r\n", 0, "2:Service:A=1|3:Service:B=2", "");
        CHECK_PARSE("[Service]\rA=1\rB=2", 0, "2:Service:A=1|3:Service:B=2", "");
        CHECK_PARSE("[Service]\n\rA=1\n\rB=2\n", 0, "2:Service:A=1|3:Service:B=2", "");
        /* \r\r and \n\n are two ends each */
        CHECK_PARSE("[Service]\r\rA=1\n\nB=2", 0, "3:Service:A=1|5:Service:B=2", "");
        /* observed in 252: "\n\r" one end, "\n\r\r" two */
        CHECK_PARSE("[Service]\nE=1\n\nR=bogus1\n\r\rR=bogus2\n", 0,
                    "2:Service:E=1|4:Service:R=bogus1|6:Service:R=bogus2", "");
        /* CR as the only line end in a key */
        CHECK_PARSE("[Service]\nA\r=1\n", 0, "", "2:Missing '=', ignoring line.|3:Missing key name before '=', ignoring line.");
}

TEST(nul_line_ends) {
        static const char a[] = "[Service]\0A=1\0B=2";
        static const char b[] = "[Service]\0\0A=1";
        static const char c[] = "[Service]\n\0A=1\r\n\0B=2\n";
        /* observed in 252 */
        static const char d[] = "[Service]\0E=1\0R=bogus\0\0R=b2\n\0R=b3\r\n\0R=b4";

        CHECK_PARSE_N(a, sizeof(a) - 1, 0, "2:Service:A=1|3:Service:B=2", "");
        CHECK_PARSE_N(b, sizeof(b) - 1, 0, "3:Service:A=1", "");
        CHECK_PARSE_N(c, sizeof(c) - 1, 0, "2:Service:A=1|3:Service:B=2", "");
        CHECK_PARSE_N(d, sizeof(d) - 1, 0, "2:Service:E=1|3:Service:R=bogus|5:Service:R=b2|6:Service:R=b3|7:Service:R=b4", "");
}

/* P-LINE-2: a BOM goes at the start of the first line that has one, and only there. */
TEST(bom) {
        CHECK_PARSE("\xef\xbb\xbf[Service]\nA=1\n", 0, "2:Service:A=1", "");
        /* vector 20: BOM + CRLF */
        CHECK_PARSE("\xef\xbb\xbf[Service]\r\nA=1\r\nB=2\r\n", 0, "2:Service:A=1|3:Service:B=2", "");
        /* the first line with a BOM need not be line 1; a second BOM stays */
        CHECK_PARSE("[Service]\n\xef\xbb\xbf" "A=1\n\xef\xbb\xbf" "B=2\n", 0,
                    "2:Service:A=1|3:Service:\xef\xbb\xbf" "B=2", "");
        /* two BOMs at the start: one is removed, the line is no header */
        CHECK_PARSE("\xef\xbb\xbf\xef\xbb\xbf[Service]\nA=1\n", 0, "",
                    "1:Assignment outside of section. Ignoring.|2:Assignment outside of section. Ignoring.");
        /* the comment check looks at the line before the BOM is removed */
        CHECK_PARSE("\xef\xbb\xbf# comment\n[Service]\nA=1\n", 0, "3:Service:A=1",
                    "1:Assignment outside of section. Ignoring.");
}

/* P-COM-1, P-COM-3 */
TEST(comments) {
        CHECK_PARSE("# c\n; c\n[Service]\n  # X=1\n\t; Y=2\nA=1\n", 0, "6:Service:A=1", "");
        /* vector 1 */
        CHECK_PARSE("[Service]\n  # x\n", 0, "", "");
        /* a comment ending in a backslash does not continue */
        CHECK_PARSE("[Service]\n# c \\\nA=1\n", 0, "3:Service:A=1", "");
        CHECK_PARSE("[Service]\n; c \\\nA=1\n", 0, "3:Service:A=1", "");
        /* invalid UTF-8 in a comment is never looked at */
        CHECK_PARSE("[Service]\n# \xff\xfe\nA=1\n", 0, "3:Service:A=1", "");
        /* '#' later in a line is data */
        CHECK_PARSE("[Service]\nA#=1\n", 0, "2:Service:A#=1", "");
}

/* P-CONT-1..5 */
TEST(continuation) {
        /* the backslash becomes one space; the next raw line is appended */
        CHECK_PARSE("[Service]\nRestart=on-\\\nfailure\n", 0, "3:Service:Restart=on- failure", "");
        CHECK_PARSE("[Service]\nA=a\\\n   b\n", 0, "3:Service:A=a    b", "");
        CHECK_PARSE("[Service]\nA=1\\\n2\\\n3\nB=4\n", 0, "4:Service:A=1 2 3|5:Service:B=4", "");
        /* vector 3: a comment line inside a continuation is dropped */
        CHECK_PARSE("[Service]\nRestart=al\\\n# c\nways-x\n", 0, "4:Service:Restart=al ways-x", "");
        /* P-COM-4: also an indented ';' line of data */
        CHECK_PARSE("[Service]\nA=x\\\n    ;;\\\ny\n", 0, "4:Service:A=x y", "");
        /* observed in 252: a b at line 7 */
        CHECK_PARSE("[Service]\nE=1\nRestart=a\\\n# c\n;d\nb\\\n", 0, "2:Service:E=1|7:Service:Restart=a b", "");
        /* P-CONT-3: a blank line ends the continuation */
        CHECK_PARSE("[Service]\nA=x\\\n\nB=1\n", 0, "3:Service:A=x|4:Service:B=1", "");
        /* P-CONT-5: continuation runs before header and '=' detection */
        CHECK_PARSE("[Service]\nKe\\\ny=v\n", 0, "3:Service:Ke y=v", "");
        CHECK_PARSE("[Serv\\\nice]\nA=1\n", 0, "", "2:Unknown section 'Serv ice'. Ignoring.");
        CHECK_PARSE("[Service]\nA=\\\n[Unit]\n", 0, "3:Service:A=[Unit]", "");
        /* a continued line across CRLF ends */
        CHECK_PARSE("[Service]\r\nA=1\\\r\n2\r\n", 0, "3:Service:A=1 2", "");
}

TEST(no_continuation) {
        /* vector 4: an escaped backslash does not continue */
        CHECK_PARSE("[Service]\nA=a\\\\\nB=1\n", 0, "2:Service:A=a\\\\|3:Service:B=1", "");
        /* three backslashes: the last one continues */
        CHECK_PARSE("[Service]\nA=a\\\\\\\nB=1\n", 0, "3:Service:A=a\\\\ B=1", "");
        /* vector 5: backslash then blanks does not continue */
        CHECK_PARSE("[Service]\nA=ok \\   \n  more\n", 0, "2:Service:A=ok \\", "3:Missing '=', ignoring line.");
        CHECK_PARSE("[Service]\nA=ok \\\t\nB=1\n", 0, "2:Service:A=ok \\|3:Service:B=1", "");
}

/* P-CONT-4: a continuation open at EOF is parsed with line number last + 1. */
TEST(continuation_at_eof) {
        CHECK_PARSE("[Service]\nA=x\\", 0, "3:Service:A=x", "");
        CHECK_PARSE("[Service]\nA=x\\\n", 0, "3:Service:A=x", "");
        CHECK_PARSE("[Service]\nA=x\\\ny\\", 0, "4:Service:A=x y", "");
        /* observed in 252: a comment after the backslash, then EOF: line 5 */
        CHECK_PARSE("[Service]\nE=1\nRestart=x\\\n# c", 0, "2:Service:E=1|5:Service:Restart=x", "");
        CHECK_PARSE("[Service]\nfoo\\", 0, "", "3:Missing '=', ignoring line.");
}

/* P-LINE-5: diagnostics name the last physical line of a continued line. */
TEST(diagnostic_lines) {
        /* observed in 252: Missing '=' at line 5 */
        CHECK_PARSE("[Service]\nE=1\nfoo\\\nbar\\\nbaz\n", 0, "2:Service:E=1", "5:Missing '=', ignoring line.");
        CHECK_PARSE("[Service]\n=x\\\ny\n", 0, "", "3:Missing key name before '=', ignoring line.");
        CHECK_PARSE("X=\\\n1\n[Service]\n", 0, "", "2:Assignment outside of section. Ignoring.");
        CHECK_PARSE("# one\n# two\n[Foo]\n", 0, "", "3:Unknown section 'Foo'. Ignoring.");
}

/* P-SEC-1..6, P-KV-1 */
TEST(sections) {
        CHECK_PARSE("[Service", -EBADMSG, "", "1:Invalid section header '[Service'");
        CHECK_PARSE("[Service]\nA=1\n[Unit\nB=2\n", -EBADMSG, "2:Service:A=1", "3:Invalid section header '[Unit'");
        CHECK_PARSE("[Service]x\n", -EBADMSG, "", "1:Invalid section header '[Service]x'");
        CHECK_PARSE("[Ser\"vice]\nA=1\n", -EBADMSG, "", "1:Bad characters in section header '[Ser\"vice]'");
        CHECK_PARSE("[Ser\\\\vice]\nA=1\n", -EBADMSG, "", "1:Bad characters in section header '[Ser\\\\vice]'");
        CHECK_PARSE("[Ser\tvice]\nA=1\n", -EBADMSG, "", "1:Bad characters in section header '[Ser\tvice]'");
        /* vector 6: the name is literal, with its blanks */
        CHECK_PARSE("[ Service ]\nA=1\n", 0, "", "1:Unknown section ' Service '. Ignoring.");
        CHECK_PARSE("[service]\nA=1\n", 0, "", "1:Unknown section 'service'. Ignoring.");
        CHECK_PARSE("[]\nA=1\n", 0, "", "1:Unknown section ''. Ignoring.");
        /* X- sections are ignored silently, with their keys */
        CHECK_PARSE("[X-Foo]\nA=1\n[Service]\nB=2\n", 0, "4:Service:B=2", "");
        /* keys of an unknown section are ignored without a warning each */
        CHECK_PARSE("[Foo]\nA=1\nB=2\n[Service]\nC=3\n", 0, "5:Service:C=3", "1:Unknown section 'Foo'. Ignoring.");
        /* P-SEC-6 */
        CHECK_PARSE("A=1\n[Service]\nB=2\n", 0, "3:Service:B=2", "1:Assignment outside of section. Ignoring.");
        CHECK_PARSE("foo\n", 0, "", "1:Assignment outside of section. Ignoring.");
        /* P-KV-1 */
        CHECK_PARSE("[Service]\nfoo\n", 0, "", "2:Missing '=', ignoring line.");
        CHECK_PARSE("[Service]\n.include /etc/x\n", 0, "", "2:Missing '=', ignoring line.");
        CHECK_PARSE("[Service]\n=foo\n", 0, "", "2:Missing key name before '=', ignoring line.");
        CHECK_PARSE("[Service]\n  = foo\n", 0, "", "2:Missing key name before '=', ignoring line.");
        CHECK_PARSE("[Service]\nx[Unit]\n", 0, "", "2:Missing '=', ignoring line.");
        /* nothing after a fatal header error is read */
        CHECK_PARSE("[Unit\n[Service]\nA=1\n", -EBADMSG, "", "1:Invalid section header '[Unit'");
}

TEST(any_section_when_unlisted) {
        struct result res = parse_opts("[Anything]\nA=1\n[X-Y]\nB=2\n", NULL, false, NULL);

        CHECK_INTEQ(res.r, 0);
        CHECK_STREQ(res.assignments, "2:Anything:A=1|4:X-Y:B=2");
        CHECK_INTEQ(res.diags.n, 0);
        result_release(&res);
}

/* P-LINE-4, vector 41: invalid UTF-8 makes the file fail. */
TEST(invalid_utf8) {
        static const char *const bad[] = {
                "[Service]\nA=\xff\nB=1\n",
                "[Service]\nA=\xc3\x28\nB=1\n",
                "[Service]\nA=\xed\xa0\x80\nB=1\n",     /* surrogate */
                "[Service]\nA=\xef\xbf\xbe\nB=1\n",     /* U+FFFE */
                "[Service]\nA=\xc0\xaf\nB=1\n",         /* overlong */
                "[Service]\n\xff=1\nB=1\n",
        };

        for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
                struct result res = parse(bad[i]);

                CHECK_INTEQ(res.r, -EINVAL);
                CHECK_STREQ(res.assignments, "");
                CHECK_INTEQ(res.diags.n, 1);
                if (res.diags.n == 1) {
                        CHECK_INTEQ(res.diags.items[0].line, 2);
                        CHECK(startswith(res.diags.items[0].message, "String is not UTF-8 clean, ignoring assignment: "));
                        CHECK_INTEQ(res.diags.items[0].effect, DIAG_EFFECT_REFUSED);
                        CHECK_INTEQ(res.diags.items[0].level, DIAG_ERROR);
                }
                result_release(&res);
        }
        /* in a header, in a line without '=', outside sections: still fatal */
        CHECK_PARSE("[Serv\xff]\n", -EINVAL, "", "1:String is not UTF-8 clean, ignoring assignment: [Serv\\377]");
        CHECK_PARSE("\xff\n[Service]\n", -EINVAL, "", "1:String is not UTF-8 clean, ignoring assignment: \\377");
        /* valid multibyte text is fine */
        CHECK_PARSE("[Unit]\nDescription=h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\n", 0,
                    "2:Unit:Description=h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", "");
        /* reported at the last line of a continued line */
        {
                struct result res = parse("[Service]\nA=x\\\n\xff\n");
                CHECK_INTEQ(res.r, -EINVAL);
                CHECK(res.diags.n == 1 && res.diags.items[0].line == 3);
                result_release(&res);
        }
}

TEST(callback_error_stops) {
        struct result res = parse_opts("[Service]\nA=1\nFatal=x\nB=2\n[Bad\n", SECTIONS, false, "Fatal");

        CHECK_INTEQ(res.r, -ENOEXEC);
        CHECK_STREQ(res.assignments, "2:Service:A=1|3:Service:Fatal=x");
        CHECK_INTEQ(res.diags.n, 0);
        CHECK_INTEQ(res.seen_effect, DIAG_EFFECT_REFUSED);
        result_release(&res);
}

TEST(fatal_effect_is_passed_on) {
        struct collect c = { .out = STRBUF_INIT };
        struct syntax_options o = { .sections = SECTIONS, .fatal_effect = DIAG_EFFECT_FILE };
        struct diag_list d = DIAG_LIST_INIT;
        static const char data[] = "[Service]\nA=1\n[Bad\n";

        CHECK_INTEQ(syntax_parse("/x.conf", data, sizeof(data) - 1, &o, collect_fn, &c, &d), -EBADMSG);
        CHECK_INTEQ(c.seen_effect, DIAG_EFFECT_FILE);
        CHECK(d.n == 1 && d.items[0].effect == DIAG_EFFECT_FILE);
        CHECK(d.n == 1 && streq(d.items[0].file, "/x.conf"));
        strbuf_release(&c.out);
        diag_list_release(&d);
}

/* A buffer: "[Service]\n" + "A=" + 'v' * fill + tail. */
static char *long_line(size_t line_len, const char *tail, size_t *ret_size) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "[Service]\nA=");
        strbuf_grow(&sb, line_len + strlen(tail));
        for (size_t i = 2; i < line_len; i++)
                strbuf_addch(&sb, 'v');
        strbuf_addstr(&sb, tail);
        return strbuf_detach(&sb, ret_size);
}

/* P-LINE-3: a physical line of SYNTAX_LINE_MAX - 1 bytes is read, one of
 * SYNTAX_LINE_MAX is refused (observed in 252 with 1 MiB). */
TEST(physical_line_limit) {
        size_t n;
        _cleanup_free_ char *ok = long_line(SYNTAX_LINE_MAX - 1, "\nB=1\n", &n);
        struct result res = parse_full(ok, n, SECTIONS, false, NULL);

        CHECK_INTEQ(res.r, 0);
        CHECK_INTEQ(res.longest_value, SYNTAX_LINE_MAX - 3);
        CHECK_INTEQ(res.diags.n, 0);
        {
                char want[64];
                snprintf(want, sizeof(want), "2:Service:A=<%zu bytes>|3:Service:B=1", SYNTAX_LINE_MAX - 3);
                CHECK_STREQ(res.assignments, want);
        }
        result_release(&res);

        /* the same at EOF, without a newline */
        {
                _cleanup_free_ char *eof = long_line(SYNTAX_LINE_MAX - 1, "", &n);
                res = parse_full(eof, n, SECTIONS, false, NULL);
                CHECK_INTEQ(res.r, 0);
                CHECK_INTEQ(res.longest_value, SYNTAX_LINE_MAX - 3);
                result_release(&res);
        }
        /* a CRLF end does not count */
        {
                _cleanup_free_ char *crlf = long_line(SYNTAX_LINE_MAX - 1, "\r\n", &n);
                res = parse_full(crlf, n, SECTIONS, false, NULL);
                CHECK_INTEQ(res.r, 0);
                result_release(&res);
        }
}

TEST(physical_line_over_limit) {
        static const char *const tails[] = { "\nB=1\n", "", "\r\n" };

        for (size_t i = 0; i < ELEMENTSOF(tails); i++) {
                size_t n;
                _cleanup_free_ char *over = long_line(SYNTAX_LINE_MAX, tails[i], &n);
                struct result res = parse_full(over, n, SECTIONS, false, NULL);
                _cleanup_free_ char *d = diags_str(&res.diags);

                CHECK_INTEQ(res.r, -ENOBUFS);
                CHECK_STREQ(res.assignments, "");
                /* systemd names the line before the long one */
                CHECK_STREQ(d, "1:Line too long");
                CHECK(res.diags.n == 1 && res.diags.items[0].effect == DIAG_EFFECT_REFUSED);
                result_release(&res);
        }
        /* also when the long line is a comment */
        {
                struct strbuf sb = STRBUF_INIT;
                char *data;
                size_t n;
                struct result res;

                strbuf_addstr(&sb, "[Service]\n#");
                for (size_t i = 1; i < SYNTAX_LINE_MAX; i++)
                        strbuf_addch(&sb, 'c');
                strbuf_addstr(&sb, "\nA=1\n");
                data = strbuf_detach(&sb, &n);
                res = parse_full(data, n, SECTIONS, false, NULL);
                CHECK_INTEQ(res.r, -ENOBUFS);
                result_release(&res);
                free(data);
        }
}

/* "[Service]\n" + a first line of first_len bytes ending in a backslash, and
 * a second line of second_len bytes. */
static char *continued(size_t first_len, size_t second_len, size_t *ret_size) {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, "[Service]\nA=");
        strbuf_grow(&sb, first_len + second_len + 8);
        for (size_t i = 2; i < first_len - 1; i++)
                strbuf_addch(&sb, 'a');
        strbuf_addstr(&sb, "\\\n");
        for (size_t i = 0; i < second_len; i++)
                strbuf_addch(&sb, 'b');
        strbuf_addstr(&sb, "\nB=1\n");
        return strbuf_detach(&sb, ret_size);
}

/* A logical line of SYNTAX_LINE_MAX bytes is read, one more is refused
 * (observed in 252). */
TEST(continued_line_limit) {
        size_t n;
        _cleanup_free_ char *ok = continued(1002, SYNTAX_LINE_MAX - 1002, &n);
        _cleanup_free_ char *over = continued(1002, SYNTAX_LINE_MAX - 1002 + 1, &n);
        struct result res;

        res = parse_full(ok, strlen(ok), SECTIONS, false, NULL);
        CHECK_INTEQ(res.r, 0);
        /* "A=" is the key part; the value is the rest of the logical line */
        CHECK_INTEQ(res.longest_value, SYNTAX_LINE_MAX - 2);
        CHECK_INTEQ(res.diags.n, 0);
        result_release(&res);

        res = parse_full(over, strlen(over), SECTIONS, false, NULL);
        CHECK_INTEQ(res.r, -ENOBUFS);
        CHECK_STREQ(res.assignments, "");
        {
                _cleanup_free_ char *d = diags_str(&res.diags);
                CHECK_STREQ(d, "3:Continuation line too long");
        }
        result_release(&res);
}

TEST(continued_line_limit_many_lines) {
        /* 300 lines of 4000 bytes each, joined: over the limit at the line
         * that crosses it */
        struct strbuf sb = STRBUF_INIT;
        char *data;
        size_t n;
        struct result res;
        unsigned crossing = 0;
        size_t total = 0;

        strbuf_addstr(&sb, "[Service]\n");
        for (unsigned i = 0; i < 300; i++) {
                strbuf_addstr(&sb, i == 0 ? "A=" : "");
                for (size_t k = i == 0 ? 2 : 0; k < 3999; k++)
                        strbuf_addch(&sb, 'x');
                strbuf_addstr(&sb, "\\\n");
                total += 4000;
                if (!crossing && total > SYNTAX_LINE_MAX)
                        crossing = i + 2;
        }
        data = strbuf_detach(&sb, &n);
        res = parse_full(data, n, SECTIONS, false, NULL);
        CHECK_INTEQ(res.r, -ENOBUFS);
        CHECK(res.diags.n == 1 && res.diags.items[0].line == crossing);
        result_release(&res);
        free(data);
}

/* goldctl's own remarks (lint), marked extra; systemd says nothing. */
TEST(lint_remarks) {
        struct result res;

        res = parse_opts("[Service]\nA=ok \\  \nB=1\n", SECTIONS, true, NULL);
        CHECK_INTEQ(res.r, 0);
        CHECK_STREQ(res.assignments, "2:Service:A=ok \\|3:Service:B=1");
        CHECK_INTEQ(res.diags.n, 1);
        CHECK(res.diags.n == 1 && res.diags.items[0].extra && res.diags.items[0].line == 2);
        result_release(&res);

        /* an escaped backslash followed by blanks is no continuation attempt */
        res = parse_opts("[Service]\nA=ok \\\\  \n", SECTIONS, true, NULL);
        CHECK_INTEQ(res.diags.n, 0);
        result_release(&res);

        /* a data-like line dropped from a continuation */
        res = parse_opts("[Service]\nA=x\\\n    ;;\\\ny\n", SECTIONS, true, NULL);
        CHECK_STREQ(res.assignments, "4:Service:A=x y");
        CHECK_INTEQ(res.diags.n, 1);
        CHECK(res.diags.n == 1 && res.diags.items[0].extra && res.diags.items[0].line == 3 &&
              res.diags.items[0].effect == DIAG_EFFECT_NONE);
        result_release(&res);

        /* without lint: nothing */
        res = parse_opts("[Service]\nA=x\\\n    ;;\\\ny\nB=ok \\  \n", SECTIONS, false, NULL);
        CHECK_INTEQ(res.diags.n, 0);
        result_release(&res);
}

int main(void) {
        RUN(basic);
        RUN(line_ends);
        RUN(nul_line_ends);
        RUN(bom);
        RUN(comments);
        RUN(continuation);
        RUN(no_continuation);
        RUN(continuation_at_eof);
        RUN(diagnostic_lines);
        RUN(sections);
        RUN(any_section_when_unlisted);
        RUN(invalid_utf8);
        RUN(callback_error_stops);
        RUN(fatal_effect_is_passed_on);
        RUN(physical_line_limit);
        RUN(physical_line_over_limit);
        RUN(continued_line_limit);
        RUN(continued_line_limit_many_lines);
        RUN(lint_remarks);
        return tap_done();
}
