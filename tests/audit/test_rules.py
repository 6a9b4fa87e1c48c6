#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs the examples of the rule pages, docs/rules/<ID>.md, against goldctl.

Each page has a `## Failing example` and a `## Passing example` section.
Their machine-readable fenced blocks describe a change to the compliant host
that hostgen.generate() writes:

    ```<lang> path=/absolute/host/path   the file, written with exactly this
                                         content (replacing it), 0644 root:root
    ```sh setup                          bash commands, run in the tree's root
    ```ini contract                      a contract file, passed as --contract
                                         (read over the built-in contract)

Blocks are applied in the order of the page. Other fenced blocks (```text
with goldctl's output, say) are prose. The failing example applied to a
fresh tree must make `goldctl audit --root TREE` report the page's rule (and
exit 1 when the rule is a warning or an error); the passing example applied
to a fresh tree must give no unsuppressed finding and exit 0 (a suppressed
finding is allowed: the pages of QTA001 and QTA002 show a suppression in
force). Pages with a line `<!-- test: live -->` need a live host and are
skipped here (tests/cli/t0500-audit-live.sh runs the live rules).

Also checked: every rule of `goldctl audit --list-rules` has a page, and every
page's title names a rule (`# <ID> <name>`).

    test_rules.py [-v] [ID...]

Environment: GOLDCTL, the binary (default: <repo>/build/goldctl).
Needs root (hostgen sets owners with chown). Prints TAP; exits 1 if any
check failed.
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DOCS = os.path.join(REPO, "docs", "rules")
GOLDCTL = os.environ.get("GOLDCTL", os.path.join(REPO, "build", "goldctl"))
SEVERITIES = {"info": 0, "warning": 1, "error": 2}

sys.path.insert(0, HERE)
import hostgen  # noqa: E402


class PageError(Exception):
    pass


def parse_fences(text):
    """[(heading, info, content)] for every fenced block, with the `## `
    heading it lies under."""
    blocks = []
    heading = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^( {0,3})(`{3,}|~{3,})(.*)$", line)
        if m:
            fence, info = m.group(2), m.group(3).strip()
            body = []
            i += 1
            while i < len(lines):
                c = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[i])
                if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence):
                    break
                body.append(lines[i])
                i += 1
            else:
                raise PageError("unclosed fenced block (%s)" % info)
            blocks.append((heading, info, "\n".join(body) + "\n" if body else ""))
        elif line.startswith("## "):
            heading = line[3:].strip()
        i += 1
    return blocks


def example_actions(blocks, section):
    """The machine-readable blocks of a section, in order."""
    actions = []
    for heading, info, content in blocks:
        if heading is None or heading.lower() != section.lower():
            continue
        words = info.split()
        if not words:
            continue
        paths = [w[5:] for w in words[1:] if w.startswith("path=")]
        if paths:
            if not paths[0].startswith("/"):
                raise PageError("path= is not absolute: %s" % paths[0])
            actions.append(("file", paths[0], content))
        elif words[0] in ("sh", "bash") and "setup" in words[1:]:
            actions.append(("setup", None, content))
        elif words[0] == "ini" and "contract" in words[1:]:
            actions.append(("contract", None, content))
    return actions


SHOWN = re.compile(r"^\s*(?:(\d+)\s+)?(error|warning|info)\s+(QT[A-Z]\d{3}) (\S+): (.*)$")


def shown_findings(blocks):
    """The findings the Failing example's ```text blocks show, as
    (line, severity, rule, name, message): the page must not show output
    goldctl does not give."""
    shown = []
    for heading, info, content in blocks:
        if heading is None or heading.lower() != "failing example" or info.split()[:1] != ["text"]:
            continue
        for line in content.split("\n"):
            m = SHOWN.match(line)
            if m:
                shown.append((int(m.group(1) or 0), m.group(2), m.group(3), m.group(4), m.group(5)))
    return shown


def parse_page(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    m = re.match(r"^# (\S+) (\S+)\s*$", first)
    if not m:
        raise PageError("the first line is not '# <ID> <name>': %r" % first)
    blocks = parse_fences(text)
    return {
        "id": m.group(1),
        "name": m.group(2),
        "live": "<!-- test: live -->" in text,
        "failing": example_actions(blocks, "Failing example"),
        "passing": example_actions(blocks, "Passing example"),
        "shown": shown_findings(blocks),
        "text": text,
    }


def copy_tree(src, dst):
    # cp -a keeps owners, modes, symbolic links and .git as they are
    subprocess.run(["cp", "-a", src, dst], check=True)


def apply(tree, work, actions):
    """Applies the blocks to the tree; returns the contract file or None."""
    contract = None
    for kind, path, content in actions:
        if kind == "file":
            p = os.path.join(tree, path.lstrip("/"))
            d = os.path.dirname(p)
            if not os.path.isdir(d):
                os.makedirs(d)
            if os.path.lexists(p) and not os.path.isdir(p):
                os.unlink(p)
            with open(p, "w", encoding="utf-8") as f:
                f.write(content)
            os.chown(p, 0, 0)
            os.chmod(p, 0o644)
        elif kind == "setup":
            r = subprocess.run(["bash", "-e", "-c", content], cwd=tree, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, universal_newlines=True)
            if r.returncode != 0:
                raise PageError("setup block failed (exit %d): %s" % (r.returncode, r.stdout.strip()))
        elif kind == "contract":
            contract = os.path.join(work, "contract-%d.conf" % len(os.listdir(work)))
            with open(contract, "w", encoding="utf-8") as f:
                f.write(content)
    return contract


def audit(tree, contract):
    argv = [GOLDCTL, "audit", "--root", tree, "--format", "json"]
    if contract:
        argv += ["--contract", contract]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    try:
        findings = json.loads(r.stdout)["findings"]
    except (ValueError, KeyError, TypeError):
        raise PageError("goldctl exited %d without a JSON report: %s" % (r.returncode, r.stderr.strip()))
    return r.returncode, findings, r.stderr


def describe(findings):
    return "; ".join("%s%s %s:%s %s" % (f["rule"], " (suppressed)" if f.get("suppressed") else "",
                                         f.get("path") or "-", f.get("line", 0), f["message"]) for f in findings)


class Tap:
    def __init__(self, verbose):
        self.n = 0
        self.failed = 0
        self.verbose = verbose

    def result(self, ok, name, diag=None, skip=None):
        self.n += 1
        if skip:
            print("ok %d - %s # SKIP %s" % (self.n, name, skip))
            return
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, name))
        if diag and (not ok or self.verbose):
            for line in diag.splitlines():
                print("#   " + line)
        sys.stdout.flush()


def run_case(base, work, page, rule, which):
    """Applies one example to a fresh copy of base; returns (ok, diagnostics)."""
    actions = page[which]
    if not actions:
        return False, "the section has no machine-readable block (path=, sh setup, ini contract)"
    tree = os.path.join(work, "%s-%s" % (page["id"], which))
    case_work = os.path.join(work, "%s-%s.d" % (page["id"], which))
    os.mkdir(case_work)
    try:
        copy_tree(base, tree)
        contract = apply(tree, case_work, actions)
        rc, findings, err = audit(tree, contract)
    except (PageError, OSError, subprocess.CalledProcessError) as e:
        return False, str(e)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
        shutil.rmtree(case_work, ignore_errors=True)
    active = [f for f in findings if not f.get("suppressed")]
    diag = "exit %d; findings: %s%s" % (rc, describe(findings) or "none",
                                        ("\nstderr: " + err.strip()) if err.strip() else "")
    if which == "failing":
        ok = any(f["rule"] == page["id"] for f in active)
        for line, sev, rid, name, msg in page["shown"]:
            if not any(f["rule"] == rid and f["name"] == name and f["severity"] == sev and
                       f.get("line", 0) == line and f["message"] == msg for f in findings):
                ok = False
                diag += "\nthe page shows a finding goldctl does not give: %d %s %s %s: %s" % (
                    line, sev, rid, name, msg)
        if ok and SEVERITIES.get(rule["severity"], 0) >= SEVERITIES["warning"]:
            ok = rc == 1
        elif ok:
            ok = rc in (0, 1)
    else:
        ok = not active and rc == 0
    return ok, diag


def main(argv):
    verbose = "-v" in argv
    only = {a.upper() for a in argv if not a.startswith("-")}
    if os.geteuid() != 0:
        print("1..0 # SKIP needs root (hostgen sets owners)")
        return 0
    r = subprocess.run([GOLDCTL, "audit", "--list-rules", "--format", "json"], stdout=subprocess.PIPE,
                       universal_newlines=True)
    if r.returncode != 0:
        print("Bail out! %s audit --list-rules failed (exit %d)" % (GOLDCTL, r.returncode))
        return 1
    rules = {x["id"]: x for x in json.loads(r.stdout)}

    tap = Tap(verbose)
    pages = {}
    for fn in sorted(os.listdir(DOCS)):
        if not fn.endswith(".md"):
            continue
        pid = fn[:-3]
        if only and pid not in only:
            continue
        try:
            pages[pid] = parse_page(os.path.join(DOCS, fn))
        except PageError as e:
            tap.result(False, "docs/rules/%s names a rule" % fn, str(e))
            continue
        p = pages[pid]
        rule = rules.get(p["id"])
        ok = rule is not None and p["id"] == pid and rule["name"] == p["name"]
        tap.result(ok, "docs/rules/%s names a rule" % fn,
                   None if ok else "title '# %s %s'; the rule is %s" % (
                       p["id"], p["name"], "%s %s" % (rule["id"], rule["name"]) if rule else "unknown"))
    for rid in sorted(rules):
        if only and rid not in only:
            continue
        tap.result(rid in pages, "%s has a page" % rid,
                   None if rid in pages else "docs/rules/%s.md is missing" % rid)

    work = tempfile.mkdtemp(prefix="goldctl-rules-")
    try:
        base = os.path.join(work, "base")
        hostgen.generate(base)
        rc, findings, err = audit(base, None)
        if rc != 0 or findings:
            print("Bail out! the generated host is not compliant: exit %d, %s" % (rc, describe(findings)))
            return 1
        cases = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
            for pid in sorted(pages):
                p = pages[pid]
                rule = rules.get(p["id"])
                if not rule:
                    continue
                for which in ("failing", "passing"):
                    name = "%s %s example" % (pid, which)
                    if p["live"]:
                        cases.append((name, None))
                    else:
                        cases.append((name, pool.submit(run_case, base, work, p, rule, which)))
            for name, future in cases:
                if future is None:
                    tap.result(True, name, skip="live (needs Redis and the manager)")
                else:
                    ok, diag = future.result()
                    tap.result(ok, name, diag)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("1..%d" % tap.n)
    if tap.failed:
        print("# %d of %d checks failed" % (tap.failed, tap.n))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
