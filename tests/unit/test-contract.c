/* SPDX-License-Identifier: MIT */
#include "contract.h"
#include "path-util.h"
#include "strbuf.h"
#include "strv.h"
#include "tap.h"
#include "test-helpers.h"

/*
 * The contract: the built-in default carries seed 001's values, a file
 * replaces single values, drop-ins apply in name order, anything unknown or
 * malformed refuses the whole contract with the file and line named.
 */

static struct contract *fresh(void) {
        struct contract *c = NULL;

        if (contract_new_default(&c) < 0)
                return NULL;
        return c;
}

static int apply(struct contract *c, const char *text, struct diag_list *d) {
        return contract_apply_file(c, "/etc/goldctl/contract.conf", text, strlen(text), d);
}

/* The first diagnostic as "line: message", or "" when there is none. */
static char *first_diag(const struct diag_list *d) {
        struct strbuf sb = STRBUF_INIT;

        if (d->n > 0)
                strbuf_addf(&sb, "%u: %s", d->items[0].line, d->items[0].message);
        else
                strbuf_addstr(&sb, "");
        return strbuf_detach(&sb, NULL);
}

TEST(default_is_seed_001) {
        _cleanup_(contract_freep) struct contract *c = fresh();

        CHECK(c);
        if (!c)
                return;
        CHECK_STREQ(c->unit_prefix, "quantum-");
        CHECK_STREQ(c->user, "qt");
        CHECK_STREQ(c->group, "qt");
        CHECK_STREQ(c->repo_root, "/home/qt/quantum_trader");
        CHECK_STREQ(c->data_dir, "/opt/quantum/data");
        CHECK_STREQ(c->model_dir, "/opt/quantum/ai_engine/models");
        CHECK_STREQ(c->venv_dir, "/opt/quantum/venvs");
        CHECK_STREQ(c->env_dir, "/etc/quantum");
        CHECK_STREQ(c->database, "/opt/quantum/data/quantum_trader.db");
        CHECK_INTEQ(c->env_mode, 0640);
        CHECK_STREQ(c->env_owner, "root");
        CHECK_STREQ(c->env_group, "qt");
        CHECK(strv_contains(c->env_required, "REPO_ROOT"));
        CHECK(strv_contains(c->env_required, "AUTO_ACTIVATION"));
        CHECK(strv_contains(c->env_expect, "AUTO_ACTIVATION=disabled"));
        CHECK(strv_contains(c->env_expect, "SHADOW_MODE=enabled"));
        CHECK_STREQ(c->redis_host, "localhost");
        CHECK_INTEQ(c->redis_port, 6379);
        CHECK_STREQ(c->redis_unit, "redis-server.service");
        CHECK_STREQ(c->restart, "always");
        CHECK_STREQ(c->standard_output, "journal");
        CHECK(strv_contains(c->after, "network-online.target"));
        CHECK(strv_contains(c->binds_to, "redis-server.service"));
        CHECK_STREQ(c->chain ? c->chain[0] : NULL, "redis-server.service");
        CHECK_STREQ(c->gate_stream, "quantum:stream:trade.intent");
        CHECK_INTEQ(c->gate_min_predictions, 200);
        CHECK(c->gate_max_class_share == 0.70);
        CHECK(c->gate_min_std == 0.05);
        CHECK(c->gate_min_p10_p90 == 0.12);
        CHECK(c->gate_max_hold_share == 0.85);
        CHECK_INTEQ(c->n_suppressions, 0);
}

TEST(service_names_and_venvs) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        _cleanup_free_ char *n1 = NULL, *n2 = NULL, *n3 = NULL, *v1 = NULL, *v2 = NULL, *v3 = NULL, *v4 = NULL,
                            *v5 = NULL;

        if (!c)
                return (void) CHECK(c);
        n1 = contract_service_name(c, "quantum-ai-engine.service");
        CHECK_STREQ(n1, "ai-engine");
        n2 = contract_service_name(c, "redis-server.service");
        CHECK(!n2);
        n3 = contract_service_name(c, "quantum-trader.target");
        CHECK_STREQ(n3, "trader");
        v1 = contract_venv_for(c, "quantum-rl-sizer.service");
        CHECK_STREQ(v1, "rl-agent");
        v2 = contract_venv_for(c, "ops/model_safety/quality_gate.py");
        CHECK_STREQ(v2, "ai-engine");
        v3 = contract_venv_for(c, "quantum-execution.service");
        CHECK_STREQ(v3, "execution");
        /* no pattern: the service name */
        v4 = contract_venv_for(c, "quantum-portfolio.service");
        CHECK_STREQ(v4, "portfolio");
        v5 = contract_venv_for(c, "ops/training/train.py");
        CHECK_STREQ(v5, "ai-engine");
}

static void check_venv(const struct contract *c, const char *what, const char *want) {
        _cleanup_free_ char *v = contract_venv_for(c, what);

        CHECK_STREQ(v, want);
        if (!streq_ptr(v, want))
                printf("#   for '%s'\n", what);
}

/* Where in the output of contract_format() a line is, or -1. */
static long line_at(const char *text, const char *line) {
        for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
                if (strncmp(p, line, strlen(line)) == 0 && (p[strlen(line)] == '\n' || !p[strlen(line)]))
                        return (long) (p - text);
        return -1;
}

TEST(venv_precedence) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        _cleanup_free_ char *shown = NULL;
        struct diag_list d = DIAG_LIST_INIT;

        if (!c)
                return (void) CHECK(c);
        /* a drop-in's pattern wins over the built-in quantum-rl-*.service */
        CHECK_INTEQ(apply(c, "[Venvs]\nquantum-rl-sizer.service=ai-engine\n", &d), 0);
        check_venv(c, "quantum-rl-sizer.service", "ai-engine");
        check_venv(c, "quantum-rl-agent.service", "rl-agent");
        CHECK_INTEQ(c->n_venvs, 7);
        CHECK_STREQ(c->n_venvs > 0 ? c->venvs[0].pattern : NULL, "quantum-rl-sizer.service");
        /* a later file's new patterns come before the earlier ones, in file
         * order among themselves; an existing pattern keeps its place */
        CHECK_INTEQ(apply(c,
                          "[Venvs]\n"
                          "quantum-rl-s*.service=sizers\n"
                          "quantum-rl-sizer.service=ai-engine2\n"
                          "quantum-rl-sub.service=sub\n",
                          &d),
                    0);
        CHECK_INTEQ(c->n_venvs, 9);
        if (c->n_venvs == 9) {
                CHECK_STREQ(c->venvs[0].pattern, "quantum-rl-s*.service");
                CHECK_STREQ(c->venvs[1].pattern, "quantum-rl-sub.service");
                CHECK_STREQ(c->venvs[2].pattern, "quantum-rl-sizer.service");
                CHECK_STREQ(c->venvs[2].venv, "ai-engine2");
                CHECK_STREQ(c->venvs[3].pattern, "quantum-ai-engine.service");
                CHECK_STREQ(c->venvs[8].pattern, "ops/model_safety/*");
        }
        check_venv(c, "quantum-rl-sizer.service", "sizers");
        check_venv(c, "quantum-rl-sub.service", "sizers");
        check_venv(c, "quantum-rl-agent.service", "rl-agent");
        /* a built-in pattern assigned again keeps its place (last but two) */
        CHECK_INTEQ(apply(c, "[Venvs]\nquantum-rl-*.service=rl2\n", &d), 0);
        CHECK_INTEQ(c->n_venvs, 9);
        CHECK(c->n_venvs == 9 && streq(c->venvs[6].pattern, "quantum-rl-*.service"));
        check_venv(c, "quantum-rl-agent.service", "rl2");
        check_venv(c, "quantum-rl-sizer.service", "sizers");
        /* contract show prints them in that order */
        CHECK_INTEQ(contract_format(c, &shown), 0);
        if (shown) {
                long a = line_at(shown, "quantum-rl-s*.service=sizers"), b = line_at(shown, "quantum-rl-sub.service=sub"),
                     e = line_at(shown, "quantum-rl-sizer.service=ai-engine2"),
                     f = line_at(shown, "quantum-ai-engine.service=ai-engine"),
                     g = line_at(shown, "quantum-rl-*.service=rl2"), h = line_at(shown, "ops/model_safety/*=ai-engine");
                CHECK(a >= 0 && a < b && b < e && e < f && f < g && g < h);
                CHECK(line_at(shown, "Reset=yes") < 0);
        }
        CHECK_INTEQ(d.n, 0);
        diag_list_release(&d);
}

TEST(venv_units_and_scripts) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;
        char *v = NULL;

        if (!c)
                return (void) CHECK(c);
        /* "*" also matches '/', and "[/a]" matches 'a': the kind of pattern
         * (with or without '/') decides what it is matched against */
        CHECK_INTEQ(apply(c, "[Venvs]\nops*.service=unit-pattern\nquantum-x[/a].service=script-pattern\n", &d), 0);
        check_venv(c, "ops/tool.service", NULL);
        check_venv(c, "opstool.service", "unit-pattern");
        check_venv(c, "quantum-xa.service", "xa");
        check_venv(c, "quantum-x/.service", "script-pattern");
        check_venv(c, "ops/training/fit.py", "ai-engine");
        check_venv(c, "ops/training/2026/fit.py", "ai-engine");
        check_venv(c, "ops/other/x.py", NULL);
        check_venv(c, "redis-server.service", NULL);
        CHECK_INTEQ(contract_venv_match(c, "ops/tool.service", &v), 0);
        CHECK(!v);
        CHECK_INTEQ(contract_venv_match(c, "quantum-backend.service", &v), 1);
        CHECK_STREQ(v, "backend");
        free(v);
        CHECK_INTEQ(d.n, 0);
        diag_list_release(&d);
}

TEST(venv_reset) {
        _cleanup_(contract_freep) struct contract *c = fresh(), *c2 = fresh();
        _cleanup_free_ char *s1 = NULL, *s2 = NULL;
        struct diag_list d = DIAG_LIST_INIT;

        if (!c || !c2)
                return (void) CHECK(c && c2);
        CHECK_INTEQ(apply(c, "[Venvs]\nquantum-a.service=va\nReset=no\n", &d), 0);
        CHECK_INTEQ(c->n_venvs, 7);
        CHECK_INTEQ(apply(c, "[Venvs]\nquantum-b.service=vb\nReset=yes\nquantum-c.service=vc\nquantum-d*.service=vd\n",
                          &d),
                    0);
        CHECK_INTEQ(c->n_venvs, 2);
        CHECK(c->n_venvs == 2 && streq(c->venvs[0].pattern, "quantum-c.service") &&
              streq(c->venvs[1].pattern, "quantum-d*.service"));
        check_venv(c, "quantum-a.service", "a");
        check_venv(c, "quantum-rl-sizer.service", "rl-sizer");
        check_venv(c, "ops/training/fit.py", NULL);
        check_venv(c, "quantum-dd.service", "vd");
        /* shown with Reset=yes, so that it reads back over the built-in contract */
        CHECK_INTEQ(contract_format(c, &s1), 0);
        CHECK(s1 && line_at(s1, "Reset=yes") >= 0 && line_at(s1, "Reset=yes") < line_at(s1, "quantum-c.service=vc"));
        if (s1)
                CHECK_INTEQ(contract_apply_file(c2, "shown", s1, strlen(s1), &d), 0);
        CHECK_INTEQ(c2->n_venvs, 2);
        CHECK_INTEQ(contract_format(c2, &s2), 0);
        CHECK(s1 && s2 && streq(strstr(s1, "\n[Contract]"), strstr(s2, "\n[Contract]")));
        CHECK_INTEQ(d.n, 0);
        diag_list_release(&d);
}

TEST(paths_normalised) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;

        if (!c)
                return (void) CHECK(c);
        CHECK_INTEQ(apply(c,
                          "[Paths]\n"
                          "RepoRoot=/home/qt/quantum_trader/\n"
                          "DataDir=//opt//quantum/./data/.\n"
                          "Database=/opt/quantum/data/./quantum_trader.db\n"
                          "ModelDir=/opt/quantum/ai_engine/models//\n"
                          "LogDir=/\n"
                          "EnvDir=/./\n"
                          "[Suppress]\n"
                          "Ignore=QTU001 /etc/systemd//system/./x.service/:3 why\n"
                          "Ignore=QTU001 /etc/x.service/ why\n"
                          "Ignore=QTU002 /a:5/ why\n",
                          &d),
                    0);
        CHECK_INTEQ(d.n, 0);
        CHECK_STREQ(c->repo_root, "/home/qt/quantum_trader");
        CHECK_STREQ(c->data_dir, "/opt/quantum/data");
        CHECK_STREQ(c->database, "/opt/quantum/data/quantum_trader.db");
        CHECK_STREQ(c->model_dir, "/opt/quantum/ai_engine/models");
        CHECK_STREQ(c->log_dir, "/");
        CHECK_STREQ(c->env_dir, "/");
        CHECK_INTEQ(c->n_suppressions, 3);
        if (c->n_suppressions == 3) {
                CHECK_STREQ(c->suppressions[0].path, "/etc/systemd/system/x.service");
                CHECK_INTEQ(c->suppressions[0].line, 3);
                CHECK_STREQ(c->suppressions[1].path, "/etc/x.service");
                CHECK_INTEQ(c->suppressions[1].line, 0);
                CHECK_STREQ(c->suppressions[2].path, "/a");
                CHECK_INTEQ(c->suppressions[2].line, 5);
        }
        diag_list_release(&d);
}

TEST(file_overrides_single_values) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;

        if (!c)
                return (void) CHECK(c);
        CHECK_INTEQ(apply(c,
                          "# a comment\n"
                          "[Contract]\nUser=trader\n"
                          "[Redis]\nHost=/run/redis/redis.sock\nPort=6380\n"
                          "[EnvFile]\nMode=0600\n"
                          "[Gate]\nMinPredictions=500\n",
                          &d),
                    0);
        CHECK_INTEQ(d.n, 0);
        CHECK_STREQ(c->user, "trader");
        CHECK_STREQ(c->group, "qt");                    /* untouched */
        CHECK_STREQ(c->redis_host, "/run/redis/redis.sock");
        CHECK_INTEQ(c->redis_port, 6380);
        CHECK_INTEQ(c->env_mode, 0600);
        CHECK_INTEQ(c->gate_min_predictions, 500);
        CHECK_STREQ(c->repo_root, "/home/qt/quantum_trader");
        diag_list_release(&d);
}

TEST(list_assignment_replaces) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;

        if (!c)
                return (void) CHECK(c);
        /* a list is replaced as a whole by each assignment (a drop-in states
         * the whole list it wants), never merged with the default */
        CHECK_INTEQ(apply(c, "[EnvFile]\nRequired=X\nRequired=A B C\n", &d), 0);
        CHECK_INTEQ(strv_length(c->env_required), 3);
        CHECK(strv_contains(c->env_required, "A"));
        CHECK(strv_contains(c->env_required, "C"));
        CHECK(!strv_contains(c->env_required, "X"));
        CHECK(!strv_contains(c->env_required, "REPO_ROOT"));
        CHECK_INTEQ(apply(c, "[EnvFile]\nRequired=\n", &d), 0);
        CHECK_INTEQ(strv_length(c->env_required), 0);
        diag_list_release(&d);
}

TEST(suppressions) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;

        if (!c)
                return (void) CHECK(c);
        CHECK_INTEQ(apply(c,
                          "[Suppress]\n"
                          "Ignore=QTU001,QTU002 /etc/systemd/system/quantum-legacy.service:8 root until OPS-42\n"
                          "Ignore=QTR002 /home/qt/quantum_trader/tools/* vendored code\n",
                          &d),
                    0);
        CHECK_INTEQ(c->n_suppressions, 2);
        if (c->n_suppressions == 2) {
                CHECK_STREQ(c->suppressions[0].rules[0], "QTU001");
                CHECK_STREQ(c->suppressions[0].rules[1], "QTU002");
                CHECK_STREQ(c->suppressions[0].path, "/etc/systemd/system/quantum-legacy.service");
                CHECK_INTEQ(c->suppressions[0].line, 8);
                CHECK_STREQ(c->suppressions[0].reason, "root until OPS-42");
                CHECK_INTEQ(c->suppressions[0].file_line, 2);
                CHECK_STREQ(c->suppressions[1].path, "/home/qt/quantum_trader/tools/*");
                CHECK_INTEQ(c->suppressions[1].line, 0);
        }
        diag_list_release(&d);
}

/* Each of these refuses the contract, naming the line. */
static void check_refused(const char *text, unsigned line, const char *needle) {
        _cleanup_(contract_freep) struct contract *c = fresh();
        struct diag_list d = DIAG_LIST_INIT;
        _cleanup_free_ char *msg = NULL;

        if (!c)
                return (void) CHECK(c);
        CHECK_INTEQ(apply(c, text, &d), -EINVAL);
        msg = first_diag(&d);
        CHECK(d.n > 0 && d.items[0].line == line);
        CHECK(msg && strstr(msg, needle));
        if (!(msg && strstr(msg, needle)))
                printf("#   got: '%s'  expected to contain '%s'\n", msg ? msg : "(null)", needle);
        CHECK(d.n > 0 && streq_ptr(d.items[0].file, "/etc/goldctl/contract.conf"));
        diag_list_release(&d);
}

TEST(refused) {
        check_refused("[Contract]\nUsr=qt\n", 2, "Usr");
        check_refused("[Nonsense]\nA=b\n", 1, "Nonsense");
        check_refused("[Redis]\nPort=70000\n", 2, "70000");
        check_refused("[Redis]\nPort=abc\n", 2, "abc");
        check_refused("[EnvFile]\nMode=0999\n", 2, "0999");
        check_refused("[Gate]\nMaxClassShare=1.5\n", 2, "1.5");
        check_refused("[Gate]\nMinStd=-1\n", 2, "-1");
        check_refused("[Paths]\nRepoRoot=relative/path\n", 2, "relative/path");
        check_refused("[Suppress]\nIgnore=QTU001\n", 2, "Ignore");
        check_refused("A=b\n", 1, "A");
        check_refused("[Paths]\nModelDir=/opt/../models\n", 2, "ModelDir=: the path must not have a \"..\" component");
        check_refused("[Paths]\n# x\nRepoRoot=/home/qt/quantum_trader/..\n", 3, "\"..\"");
        check_refused("[Suppress]\nIgnore=QTU001 /etc/../x.service:3 why\n", 2, "\"..\"");
        check_refused("[Suppress]\nIgnore=QTU001 etc/x.service why\n", 2, "absolute");
        /* shown as it is, a value ending in a backslash would continue the line */
        check_refused("[Contract]\nName=trailing\\ \nVersion=1\n", 2, "backslash");
        check_refused("[Suppress]\nIgnore=QTU001 /x because\\ \n", 2, "backslash");
        /* a subnormal number reads, but not as it is shown */
        check_refused("[Gate]\nMinStd=0x1p-1070\n", 2, "MinStd");
        check_refused("[Venvs]\nReset=maybe\n", 2, "Reset");
}

/* Nothing the contract refuses may say that it is ignored. */
TEST(refusal_wording) {
        static const struct {
                const char *text;
                const char *first;      /* the first message, or NULL: only no "ignoring" */
        } cases[] = {
                { "[Nonsense]\nA=b\n", "1: Unknown section 'Nonsense': the contract is not valid." },
                { "A=b\n", "1: Assignment outside of section: the contract is not valid." },
                { "[Contract]\nNoEquals\n", "2: Missing '=': the contract is not valid." },
                { "[Contract]\n=x\n", "2: Missing key name before '=': the contract is not valid." },
                { "[Contract]\nName=\xff\n", NULL },
                { "[Contract]\nUsr=qt\n", NULL },
                { "[Contract\n", NULL },
                { "[Suppress]\nIgnore=QTU001\n", NULL },
        };

        for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
                _cleanup_(contract_freep) struct contract *c = fresh();
                struct diag_list d = DIAG_LIST_INIT;
                _cleanup_free_ char *msg = NULL;

                if (!c)
                        return (void) CHECK(c);
                CHECK_INTEQ(apply(c, cases[i].text, &d), -EINVAL);
                CHECK(d.n > 0);
                msg = first_diag(&d);
                if (cases[i].first)
                        CHECK_STREQ(msg, cases[i].first);
                for (size_t j = 0; j < d.n; j++) {
                        CHECK(!strstr(d.items[j].message, "gnoring"));
                        CHECK_INTEQ(d.items[j].level, DIAG_ERROR);
                        CHECK_INTEQ(d.items[j].effect, DIAG_EFFECT_REFUSED);
                        if (strstr(d.items[j].message, "gnoring"))
                                printf("#   got: '%s'\n", d.items[j].message);
                }
                diag_list_release(&d);
        }
}

TEST(format_round_trips) {
        _cleanup_(contract_freep) struct contract *c = fresh(), *c2 = fresh();
        _cleanup_free_ char *s1 = NULL, *s2 = NULL;
        struct diag_list d = DIAG_LIST_INIT;

        if (!c || !c2)
                return (void) CHECK(c && c2);
        CHECK_INTEQ(apply(c,
                          "[Contract]\nUser=trader\n"
                          "[Venvs]\nquantum-x-*.service=x\n"
                          "[EnvFile]\nRequired=\"A\tB\" \"\" 'q\"uote' back\\\\slash \"a$b\"\n"
                          "[Gate]\nMinStd=0.055\nMaxClassShare=0.123456789\nMinP10P90=1e-5\nMaxHoldShare=0.7\n"
                          "[Suppress]\n"
                          "Ignore=QTU001,QTU\\ 2 \"/etc/systemd/system/with blank.service\":4 reason with \"quotes\" and 'single'\n"
                          "Ignore=QTR002 '/home/qt/it\\'s \"here\"/*' glob \\ backslash\n"
                          "Ignore=QTU003 /etc/x\\\\y.service\tplain\n",
                          &d),
                    0);
        CHECK_INTEQ(d.n, 0);
        CHECK_INTEQ(contract_format(c, &s1), 0);
        /* what show prints, read back over the default, gives the same contract */
        if (s1)
                CHECK_INTEQ(contract_apply_file(c2, "shown", s1, strlen(s1), &d), 0);
        CHECK_INTEQ(contract_format(c2, &s2), 0);
        if (s1 && s2) {
                /* the header names the sources, which differ; compare from the first section */
                const char *a = strstr(s1, "\n[Contract]"), *b = strstr(s2, "\n[Contract]");
                CHECK(a && b && streq(a, b));
                /* two decimals when exact, else as many as it takes */
                CHECK(line_at(s1, "MinStd=0.055") >= 0);
                CHECK(line_at(s1, "MaxHoldShare=0.70") >= 0);
        }
        /* the values themselves, not only the text */
        CHECK(c2->gate_min_std == 0.055);
        CHECK(c2->gate_max_class_share == 0.123456789);
        CHECK(c2->gate_min_p10_p90 == 1e-5);
        CHECK(c2->gate_max_hold_share == 0.7);
        CHECK(strv_equal(c->env_required, c2->env_required));
        CHECK_INTEQ(strv_length(c2->env_required), 5);
        CHECK_STREQ(c2->env_required ? c2->env_required[0] : NULL, "A\tB");
        CHECK_STREQ(c2->env_required ? c2->env_required[2] : NULL, "q\"uote");
        CHECK_STREQ(c->n_suppressions == 3 ? c->suppressions[0].path : NULL, "/etc/systemd/system/with blank.service");
        CHECK_STREQ(c->n_suppressions == 3 ? c->suppressions[1].path : NULL, "/home/qt/it's \"here\"/*");
        CHECK_INTEQ(c2->n_suppressions, 3);
        for (size_t i = 0; i < c->n_suppressions && i < c2->n_suppressions; i++) {
                CHECK(strv_equal(c->suppressions[i].rules, c2->suppressions[i].rules));
                CHECK_STREQ(c2->suppressions[i].path, c->suppressions[i].path);
                CHECK_INTEQ(c2->suppressions[i].line, c->suppressions[i].line);
                CHECK_STREQ(c2->suppressions[i].reason, c->suppressions[i].reason);
        }
        CHECK_STREQ(c2->n_suppressions > 0 ? c2->suppressions[0].rules[1] : NULL, "QTU 2");
        CHECK_STREQ(c2->n_suppressions > 0 ? c2->suppressions[0].reason : NULL, "reason with \"quotes\" and 'single'");
        CHECK_INTEQ(d.n, 0);
        diag_list_release(&d);
}

TEST(load_with_dropins) {
        _cleanup_free_ char *dir = th_mkdtemp();
        _cleanup_(contract_freep) struct contract *c = fresh(), *c2 = fresh();
        _cleanup_free_ char *path = NULL;
        struct diag_list d = DIAG_LIST_INIT;

        if (!dir || !c || !c2)
                return (void) CHECK(dir && c && c2);
        CHECK_INTEQ(th_write(dir, "c.conf", "[Contract]\nUser=one\n[Redis]\nPort=1\n"), 0);
        CHECK_INTEQ(th_write(dir, "c.conf.d/20-b.conf", "[Contract]\nUser=three\n"), 0);
        CHECK_INTEQ(th_write(dir, "c.conf.d/10-a.conf", "[Contract]\nUser=two\n[Redis]\nPort=2\n"), 0);
        CHECK_INTEQ(th_write(dir, "c.conf.d/30-c.txt", "[Contract]\nUser=ignored\n"), 0);
        path = path_join(dir, "c.conf");
        CHECK_INTEQ(contract_load(c, NULL, path, &d), 0);
        CHECK_STREQ(c->user, "three");
        CHECK_INTEQ(c->redis_port, 2);
        /* built-in (for keys the file leaves out), the file, its two drop-ins */
        CHECK_INTEQ(strv_length(c->sources), 4);
        CHECK(c->sources && strstr(c->sources[0], "built-in"));
        CHECK(c->sources && c->sources[1] && streq(c->sources[1], path));

        /* the built-in contract takes drop-ins from /etc/goldctl/contract.d under the root */
        CHECK_INTEQ(th_write(dir, "root/etc/goldctl/contract.d/50-site.conf", "[Contract]\nGroup=traders\n"), 0);
        {
                _cleanup_free_ char *root = path_join(dir, "root");
                CHECK_INTEQ(contract_load(c2, root, NULL, &d), 0);
        }
        CHECK_STREQ(c2->group, "traders");
        CHECK_STREQ(c2->user, "qt");

        /* a missing contract file is an error */
        {
                _cleanup_(contract_freep) struct contract *c3 = fresh();
                _cleanup_free_ char *missing = path_join(dir, "nope.conf");
                CHECK(c3 && contract_load(c3, NULL, missing, &d) < 0);
        }
        diag_list_release(&d);
        th_rm_rf(dir);
}

int main(void) {
        RUN(default_is_seed_001);
        RUN(service_names_and_venvs);
        RUN(venv_precedence);
        RUN(venv_units_and_scripts);
        RUN(venv_reset);
        RUN(paths_normalised);
        RUN(file_overrides_single_values);
        RUN(list_assignment_replaces);
        RUN(suppressions);
        RUN(refused);
        RUN(refusal_wording);
        RUN(format_round_trips);
        RUN(load_with_dropins);
        return tap_done();
}
