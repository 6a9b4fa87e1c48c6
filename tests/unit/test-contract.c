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
}

TEST(format_round_trips) {
        _cleanup_(contract_freep) struct contract *c = fresh(), *c2 = fresh();
        _cleanup_free_ char *s1 = NULL, *s2 = NULL;
        struct diag_list d = DIAG_LIST_INIT;

        if (!c || !c2)
                return (void) CHECK(c && c2);
        CHECK_INTEQ(apply(c, "[Contract]\nUser=trader\n[Venvs]\nquantum-x-*.service=x\n", &d), 0);
        CHECK_INTEQ(contract_format(c, &s1), 0);
        /* what show prints, read back over the default, gives the same contract */
        if (s1)
                CHECK_INTEQ(contract_apply_file(c2, "shown", s1, strlen(s1), &d), 0);
        CHECK_INTEQ(contract_format(c2, &s2), 0);
        if (s1 && s2) {
                /* the header names the sources, which differ; compare from the first section */
                const char *a = strstr(s1, "\n[Contract]"), *b = strstr(s2, "\n[Contract]");
                CHECK(a && b && streq(a, b));
        }
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
        RUN(file_overrides_single_values);
        RUN(list_assignment_replaces);
        RUN(suppressions);
        RUN(refused);
        RUN(format_round_trips);
        RUN(load_with_dropins);
        return tap_done();
}
