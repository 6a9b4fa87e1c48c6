#!/bin/bash
# goldctl audit's report formats on the demo host: text, json, sarif (as
# GitHub code scanning takes it), prometheus (a node_exporter textfile), and
# --output (atomic, 0644).
. "$(dirname "$0")/lib.sh"

# one rule per rule file of src/core/rules/meson.build: none lost at link time
NRULES=$(grep -cE "^\s*'qt[a-z][0-9]{3}-[a-z0-9-]+\.c'" "$REPO/src/core/rules/meson.build")

# the demo host, prepared in a copy (prepare.sh sets owners and modes and
# makes the repository a git work tree)
H=$T/quantum-host
cp -a "$REPO/examples/quantum-host" "$H"
bash "$H/prepare.sh" >/dev/null
EXEC=/etc/systemd/system/quantum-execution.service

# ---- text ----
expect_rc 1 "$GOLDCTL" audit --root "$H"
cp "$T/out" "$T/text"
# grouped by file: each file's name once, on a line of its own, the
# findings under it indented, with the line number when there is one
check "each file heads one group" python3 -c '
import re,sys
heads=[l.rstrip("\n") for l in open(sys.argv[1]) if l.startswith("/")]
assert len(heads)==len(set(heads)), heads
for want in ("/etc/quantum/execution.env","/etc/systemd/system/quantum-execution.service",
             "/etc/systemd/system/quantum-trader.target","/home/qt/quantum_trader/Makefile",
             "/home/qt/quantum_trader/ops/model_safety/verify_ensemble.py"):
    assert want in heads, (want, heads)
assert heads==sorted(heads), heads' "$T/text"
under() { # FILE LINE RULE: the finding is listed in FILE's group with LINE
        check "text: $3 at $1:$2" awk -v f="$1" -v l="$2" -v r="$3" '
                /^[^ ]/ { cur = $0 }
                cur == f && $1 == l && $3 == r { found = 1 }
                END { exit !found }' "$T/text"
}
under $EXEC 8 QTU001
under $EXEC 9 QTU003
under $EXEC 12 QTU005
under $EXEC 13 QTU014
under /etc/systemd/system/quantum-trader.target 3 QTG002
under /etc/quantum/execution.env 6 QTE007
under /home/qt/quantum_trader/Makefile 17 QTR005
# a finding without a line (the file as a whole) has no number
check "text: a whole-file finding has no line number" grep -qE '^ {8}error +QTE002 env-file-mode: ' "$T/text"
check "text: numbered findings are indented as '  %4u  '" grep -qE '^     8  error   QTU001 unit-user: User=root' "$T/text"
check "text: the fix of a rule is printed once" test "$(grep -c 'fix: Set User=qt' "$T/text")" = 1
# the summary closes the report (only the --explain hint may follow it)
check "text: a summary line at the end" bash -c '
        tail -n 2 "$1" | head -n 1 | grep -qE "^[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ info in [0-9]+ files?; 0 suppressed; 4 services audited under $2$"
        tail -n 1 "$1" | grep -q "goldctl audit --explain ID"' _ "$T/text" "$H"
expect_no_grep " - compliant$" "$T/text"
expect_grep "^not checked: live checks" "$T/text"
# no escape codes: NO_COLOR, and output that is not a terminal
check "text to a pipe has no escape codes" bash -c '! grep -q $'"'"'\033'"'"' "$1"' _ "$T/text"
NO_COLOR=1 TERM=xterm "$GOLDCTL" audit --root "$H" >"$T/nocolor" 2>&1
check "NO_COLOR: no escape codes" bash -c '! grep -q $'"'"'\033'"'"' "$1"' _ "$T/nocolor"
check "NO_COLOR: the same report" cmp "$T/text" "$T/nocolor"
if command -v script >/dev/null; then
        # on a terminal there is color, unless NO_COLOR is set or TERM=dumb
        script -qec "env TERM=xterm '$GOLDCTL' audit --root '$H'" /dev/null >"$T/tty" 2>&1 </dev/null || true
        check "a terminal gets escape codes" grep -q $'\033\\[' "$T/tty"
        script -qec "env TERM=xterm NO_COLOR=1 '$GOLDCTL' audit --root '$H'" /dev/null >"$T/tty-nocolor" 2>&1 </dev/null || true
        check "a terminal with NO_COLOR gets none" bash -c '! grep -q $'"'"'\033'"'"' "$1" && grep -q QTU001 "$1"' _ "$T/tty-nocolor"
        script -qec "env TERM=dumb '$GOLDCTL' audit --root '$H'" /dev/null >"$T/tty-dumb" 2>&1 </dev/null || true
        check "a terminal with TERM=dumb gets none" bash -c '! grep -q $'"'"'\033'"'"' "$1" && grep -q QTU001 "$1"' _ "$T/tty-dumb"
        script -qec "env TERM=xterm '$GOLDCTL' audit --root '$H' -o '$T/tty-file.txt'" /dev/null >/dev/null 2>&1 </dev/null || true
        check "--output from a terminal: no escape codes in the file" bash -c '! grep -q $'"'"'\033'"'"' "$1" && grep -q QTU001 "$1"' _ "$T/tty-file.txt"
fi

# control characters in a message or a path must not break the report's
# lines nor reach the terminal: a quoted env value spanning lines is one
# value with a newline in it (systemd keeps it), a file name can hold
# anything; the text format escapes them, one finding stays one line
X=$T/hosts/escapes
python3 "$REPO/tests/audit/hostgen.py" "$X" >/dev/null
python3 - "$X/etc/quantum/backend.env" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
assert "AUTO_ACTIVATION=disabled\n" in s
open(p, "w").write(s.replace("AUTO_ACTIVATION=disabled\n", 'AUTO_ACTIVATION="disabled\n\tnow\x1b[31m"\n'))
PY
mkdir -p "$X/home/qt/quantum_trader/new"$'\n'"line"$'\x1b[2J'
: >"$X/home/qt/quantum_trader/new"$'\n'"line"$'\x1b[2J/Dockerfile'
expect_rc 1 "$GOLDCTL" audit --root "$X"
check "text: no escape code from the input reaches the output" bash -c '! grep -q $'"'"'\033'"'"' "$1"' _ "$T/out"
expect_grep '^    12  error   QTE007 env-auto-activation: AUTO_ACTIVATION=disabled\\n\\tnow\\x1b\[31m: models could go live'
check "text: the multi-line value is on the finding's line, the fix under it" bash -c '
        [ "$(grep -A1 " QTE007 " "$1" | tail -n 1)" = "              fix: AUTO_ACTIVATION=disabled" ]' _ "$T/out"
expect_grep '^/home/qt/quantum_trader/new\\nline\\x1b\[2J/Dockerfile$'
check "text: every line but the headings, blanks and the trailer is indented or known" python3 -c '
import re,sys
for l in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    assert l=="" or l.startswith(("/"," ","not checked: ","1 error","'"'"'goldctl audit")), repr(l)' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$X" --format json
check "json: the same message, with the real newline" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
m=[f["message"] for f in d["findings"] if f["rule"]=="QTE007"]
assert len(m)==1 and m[0].startswith("AUTO_ACTIVATION=disabled\n\tnow\x1b[31m: "), m
assert any(f["path"]=="/home/qt/quantum_trader/new\nline\x1b[2J/Dockerfile" for f in d["findings"]), d["findings"]' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$X" --format sarif
check "sarif: such a path is a valid URI reference (percent-encoded)" python3 -c '
import json,sys,urllib.parse
d=json.load(open(sys.argv[1]))
u=[l["physicalLocation"]["artifactLocation"]["uri"] for r in d["runs"][0]["results"] for l in r["locations"]]
want="home/qt/quantum_trader/new%0Aline%1B%5B2J/Dockerfile"
assert want in u, u
assert urllib.parse.unquote(want)=="home/qt/quantum_trader/new\nline\x1b[2J/Dockerfile"
assert all(all(c.isalnum() or c in "-._~/%" for c in x) for x in u), u' "$T/out"

# ---- json ----
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
cp "$T/out" "$T/json"
check "json: findings with rule, severity, path, line, message, suppressed" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
fs=d["findings"]
assert isinstance(fs,list) and fs
for f in fs:
    assert isinstance(f["rule"],str) and f["rule"][:2]=="QT", f
    assert f["severity"] in ("error","warning","info"), f
    assert f["path"] is None or f["path"].startswith("/"), f
    assert isinstance(f["line"],int) and f["line"]>=0, f
    assert isinstance(f["message"],str) and f["message"], f
    assert f["suppressed"] is False, f
    # paths as on the audited host: not under the root directory
    assert f["path"] is None or not f["path"].startswith(sys.argv[2]), f
    assert f["path"] is None or "quantum-host" not in f["path"], f
s=d["summary"]
assert s["errors"]==sum(f["severity"]=="error" for f in fs), s
assert s["warnings"]==sum(f["severity"]=="warning" for f in fs), s
assert s["info"]==0 and s["suppressed"]==0 and s["compliant"] is False, s
assert d["root"]==sys.argv[2], d["root"]
assert sorted(x["unit"] for x in d["services"])==["quantum-ai-engine.service","quantum-backend.service","quantum-execution.service","quantum-verify-ensemble.service"], d["services"]' "$T/json" "$H"
check "json and text agree on the counts" python3 -c '
import json,sys,re
d=json.load(open(sys.argv[1]))["summary"]
t=open(sys.argv[2]).read()
m=re.search(r"^(\d+) errors?, (\d+) warnings?, (\d+) info in", t, re.M)
assert (int(m.group(1)),int(m.group(2)),int(m.group(3)))==(d["errors"],d["warnings"],d["info"]), (m.groups(), d)' "$T/json" "$T/text"
check "json: the user, the venv and the eol comment at their lines" python3 -c '
import json,sys
fs=json.load(open(sys.argv[1]))["findings"]
got={(f["rule"],f["path"],f["line"]) for f in fs}
E="/etc/systemd/system/quantum-execution.service"
for w in [("QTU001",E,8),("QTU005",E,12),("QTU014",E,13),("QTE010","/etc/quantum/execution.env",2)]:
    assert w in got, w' "$T/json"
# a relative --root prints the paths the same way
(cd "$T" && "$GOLDCTL" audit --root quantum-host --format json >"$T/json-rel")
check "json: a relative --root gives the same findings" python3 -c '
import json,sys
a=json.load(open(sys.argv[1]))["findings"]; b=json.load(open(sys.argv[2]))["findings"]
assert a==b' "$T/json" "$T/json-rel"

# ---- sarif: 2.1.0 as GitHub code scanning takes it ----
expect_rc 1 "$GOLDCTL" audit --root "$H" --format sarif
cp "$T/out" "$T/sarif"
check "sarif: structure of SARIF 2.1.0 for GitHub" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["version"]=="2.1.0", d.get("version")
assert "sarif" in d.get("$schema","") and "2.1.0" in d["$schema"], d.get("$schema")
assert isinstance(d["runs"],list) and len(d["runs"])==1
run=d["runs"][0]
drv=run["tool"]["driver"]
assert drv["name"]=="goldctl", drv["name"]
rules=drv["rules"]
assert len(rules)==int(sys.argv[3]), len(rules)
ids=[r["id"] for r in rules]
assert len(set(ids))==len(ids)
for r in rules:
    for k in ("shortDescription","fullDescription","help"):
        assert isinstance(r[k]["text"],str) and r[k]["text"], (r["id"],k)
    assert r.get("defaultConfiguration",{}).get("level","warning") in ("none","note","warning","error"), r
res=run["results"]
fj=json.load(open(sys.argv[2]))["findings"]
assert len(res)==len(fj), (len(res), len(fj))
fps=set()
for x in res:
    assert x["ruleId"] in ids, x
    if "ruleIndex" in x:
        assert rules[x["ruleIndex"]]["id"]==x["ruleId"], x
    assert x["level"] in ("none","note","warning","error"), x
    assert isinstance(x["message"]["text"],str) and x["message"]["text"], x
    assert isinstance(x["partialFingerprints"],dict) and x["partialFingerprints"], x
    assert all(isinstance(v,str) and v for v in x["partialFingerprints"].values()), x
    fps.add(json.dumps(x["partialFingerprints"],sort_keys=True))
    loc=x["locations"][0]["physicalLocation"]
    uri=loc["artifactLocation"]["uri"]
    assert uri and not uri.startswith("/") and "://" not in uri and "quantum-host" not in uri, uri
    assert isinstance(loc["region"]["startLine"],int) and loc["region"]["startLine"]>=1, x
    base=loc["artifactLocation"].get("uriBaseId")
    if base:
        assert base in run.get("originalUriBaseIds",{}), base
# distinct findings, distinct fingerprints
assert len(fps)==len(res), (len(fps), len(res))' "$T/sarif" "$T/json" "$NRULES"
check "sarif: levels and lines follow the findings" python3 -c '
import json,sys
res=json.load(open(sys.argv[1]))["runs"][0]["results"]
fj=json.load(open(sys.argv[2]))["findings"]
lv={"error":"error","warning":"warning","info":"note"}
a=sorted((x["ruleId"],x["level"],x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],x["locations"][0]["physicalLocation"]["region"]["startLine"]) for x in res)
b=sorted((f["rule"],lv[f["severity"]],f["path"].lstrip("/"),max(f["line"],1)) for f in fj)
assert a==b, [x for x in a if x not in b]
assert ("QTU001","error","etc/systemd/system/quantum-execution.service",8) in a' "$T/sarif" "$T/json"
# the fingerprints do not depend on the run
"$GOLDCTL" audit --root "$H" --format sarif >"$T/sarif2"
check "sarif: the same report twice" cmp "$T/sarif" "$T/sarif2"
# every result has a location (GitHub refuses one without), also a finding
# about no file: its unit's fragment, else the contract file when it is a
# file of the host, else the unit directory
sarif_locations() { # SARIF: every result has >= 1 location with an artifactLocation.uri
        check "sarif: every result has a location ($2)" python3 -c '
import json,sys
res=json.load(open(sys.argv[1]))["runs"][0]["results"]
assert res
for x in res:
    locs=x.get("locations")
    assert isinstance(locs,list) and len(locs)>=1, x
    for l in locs:
        a=l["physicalLocation"]["artifactLocation"]
        assert isinstance(a["uri"],str) and a["uri"] and not a["uri"].startswith("/"), x
        assert a["uriBaseId"]=="ROOT", x
        if "region" in l["physicalLocation"]:
            assert l["physicalLocation"]["region"]["startLine"]>=1, x' "$1"
}
sarif_locations "$T/sarif" "the demo host"
sarif_where() { # RULE URI [LINE]: the location of RULE's result in $T/out
        check "sarif: $1 is located at $2${3:+:$3}" python3 -c '
import json,sys
res=[x for x in json.load(open(sys.argv[1]))["runs"][0]["results"] if x["ruleId"]==sys.argv[2]]
assert len(res)==1, res
l=res[0]["locations"][0]["physicalLocation"]
assert l["artifactLocation"]=={"uri":sys.argv[3],"uriBaseId":"ROOT"}, l
if sys.argv[4]:
    assert l["region"]=={"startLine":int(sys.argv[4])}, l
else:
    assert "region" not in l, l' "$T/out" "$1" "$2" "${3:-}"
}
mkdir -p "$T/empty"
expect_rc 1 "$GOLDCTL" audit --root "$T/empty" --format sarif
sarif_locations "$T/out" "an empty root"
sarif_where QTA004 etc/systemd/system
expect_rc 1 "$GOLDCTL" audit --root "$T/empty" --format sarif --unit-path /usr/lib/systemd/system
sarif_where QTA004 usr/lib/systemd/system
# a contract file inside the audited tree is a file of the host
mkdir -p "$T/empty/etc/goldctl"
printf '[Contract]\nUser=qt\n' >"$T/empty/etc/goldctl/audit.conf"
expect_rc 1 "$GOLDCTL" audit --root "$T/empty" --contract "$T/empty/etc/goldctl/audit.conf" --format sarif
sarif_locations "$T/out" "an empty root, a contract in it"
sarif_where QTA004 etc/goldctl/audit.conf 1
# one outside it is not
printf '[Contract]\nUser=qt\n' >"$T/outside.conf"
expect_rc 1 "$GOLDCTL" audit --root "$T/empty" --contract "$T/outside.conf" --format sarif
sarif_where QTA004 etc/systemd/system
# the live checks: Redis (QTL001) at redis-server.service's fragment, and the
# manager, unreachable here (QTA003) or not, still with a location
printf '[Redis]\nHost=%s\n' "$T/no-redis.sock" >"$T/redis.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/redis.conf" --format sarif
sarif_locations "$T/out" "the demo host, live"
sarif_where QTL001 lib/systemd/system/redis-server.service 1

# ---- prometheus textfile ----
before=$(date +%s)
expect_rc 1 "$GOLDCTL" audit --root "$H" --format prometheus
after=$(date +%s)
cp "$T/out" "$T/prom"
prom_valid() { # FILE LABEL: the file is a valid textfile
        check "prometheus: valid textfile syntax ($2)" python3 -c '
import re,sys
name=r"[a-zA-Z_:][a-zA-Z0-9_:]*"
label=r"[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\n]|\\\\[\\\\\"n])*\""
sample=re.compile(r"^("+name+r")(\{"+label+r"(?:,"+label+r")*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$")
helped,typed,seen={}, {}, {}
text=open(sys.argv[1]).read()
assert text.endswith("\n")
for l in text.splitlines():
    assert l.strip()==l and l, repr(l)
    if l.startswith("# HELP "):
        n=l.split()[2]; assert re.fullmatch(name,n) and n not in helped, l; helped[n]=1; continue
    if l.startswith("# TYPE "):
        p=l.split(); assert len(p)==4 and p[3] in ("gauge","counter","untyped","summary","histogram") and p[2] not in typed, l
        assert p[2] not in seen, "TYPE after samples: "+l
        typed[p[2]]=p[3]; continue
    assert not l.startswith("#"), l
    m=sample.match(l); assert m, "bad sample: "+l
    n=m.group(1); assert n in typed and n in helped, "no TYPE/HELP for "+n
    float(m.group(3))
    seen.setdefault(n,set())
    key=m.group(2) or ""
    assert key not in seen[n], "duplicate series: "+l
    seen[n].add(key)
for n in typed: assert n in seen, "TYPE without samples: "+n' "$1"
}
prom_valid "$T/prom" "a report"
expect_grep "^goldctl_audit_success 1$" "$T/prom"
expect_grep "^goldctl_audit_compliant 0$" "$T/prom"
expect_grep "^goldctl_audit_services 4$" "$T/prom"
check "prometheus: goldctl_audit_last_run_timestamp_seconds is now" bash -c '
        v=$(sed -n "s/^goldctl_audit_last_run_timestamp_seconds \([0-9]*\)$/\1/p" "$1")
        [ -n "$v" ] && [ "$v" -ge "$2" ] && [ "$v" -le "$3" ]' _ "$T/prom" "$before" "$after"
"$GOLDCTL" audit --list-rules | awk '{print $1}' >"$T/ids"
check "prometheus: one goldctl_audit_findings line per rule, counting its findings" python3 -c '
import re,sys,json,collections
ids=open(sys.argv[2]).read().split()
lines=[l for l in open(sys.argv[1]) if l.startswith("goldctl_audit_findings{")]
got={}
for l in lines:
    m=re.match(r"goldctl_audit_findings\{rule=\"(QT[A-Z][0-9]{3})\",name=\"[a-z0-9-]+\",severity=\"(error|warning|info)\"\} ([0-9]+)$", l)
    assert m, l
    assert m.group(1) not in got, l
    got[m.group(1)]=int(m.group(3))
assert sorted(got)==sorted(ids) and len(ids)==int(sys.argv[4]), (len(got), len(ids))
c=collections.Counter(f["rule"] for f in json.load(open(sys.argv[3]))["findings"])
for i in ids: assert got[i]==c.get(i,0), (i, got[i], c.get(i,0))
assert got["QTU001"]==1 and got["QTE007"]==1 and got["QTR005"]==1' "$T/prom" "$T/ids" "$T/json" "$NRULES"
check "prometheus: by severity agrees with json" python3 -c '
import re,sys,json
t=open(sys.argv[1]).read(); s=json.load(open(sys.argv[2]))["summary"]
for sev,k in (("error","errors"),("warning","warnings"),("info","info")):
    m=re.search(r"^goldctl_audit_findings_by_severity\{severity=\"%s\"\} (\d+)$"%sev, t, re.M)
    assert m and int(m.group(1))==s[k], (sev, m and m.group(1), s[k])' "$T/prom" "$T/json"
# a compliant host: goldctl_audit_compliant 1
python3 "$REPO/tests/audit/hostgen.py" "$T/compliant"
expect_rc 0 "$GOLDCTL" audit --root "$T/compliant" --format prometheus
expect_grep "^goldctl_audit_compliant 1$"
expect_grep "^goldctl_audit_findings_by_severity\{severity=\"error\"\} 0$"

# ---- --output: the same bytes, atomically, mode 0644 ----
mkdir -p "$T/reports"
for fmt in text json sarif prometheus; do
        expect_rc 1 "$GOLDCTL" audit --root "$H" --format $fmt --output "$T/reports/r.$fmt"
        check "--output $fmt: nothing on stdout" test ! -s "$T/out"
        "$GOLDCTL" audit --root "$H" --format $fmt >"$T/stdout.$fmt" || true
        if [ $fmt = prometheus ]; then
                check "--output $fmt: the same bytes as stdout (but the time)" bash -c \
                        'diff <(grep -v ^goldctl_audit_last_run "$1") <(grep -v ^goldctl_audit_last_run "$2")' _ "$T/reports/r.$fmt" "$T/stdout.$fmt"
        else
                check "--output $fmt: the same bytes as stdout" cmp "$T/reports/r.$fmt" "$T/stdout.$fmt"
        fi
        check "--output $fmt: mode 0644" test "$(stat -c %a "$T/reports/r.$fmt")" = 644
done
check "--output leaves no temporary file" test "$(ls -A "$T/reports" | sort | tr '\n' ' ')" = "r.json r.prometheus r.sarif r.text "
# an existing file is replaced (a new inode: rename), whatever its mode and the umask
printf 'old\n' >"$T/reports/r.json"
chmod 0600 "$T/reports/r.json"
ino=$(stat -c %i "$T/reports/r.json")
( umask 077; "$GOLDCTL" audit --root "$H" --format json -o "$T/reports/r.json" ) >/dev/null 2>&1
check "--output replaces the file by rename" test "$(stat -c %i "$T/reports/r.json")" != "$ino"
check "--output: mode 0644 despite umask 077 and the old mode" test "$(stat -c %a "$T/reports/r.json")" = 644
check "--output: the new content" cmp "$T/reports/r.json" "$T/stdout.json"
check "--output leaves no temporary file (after replacing)" test "$(ls -A "$T/reports" | wc -l)" = 4
# a reader never sees a partial file: a hard link to the old one keeps it whole
ln "$T/reports/r.text" "$T/old-text"
"$GOLDCTL" audit --root "$T/compliant" -o "$T/reports/r.text" >/dev/null 2>&1
check "--output: the old file is untouched (renamed over, not rewritten)" cmp "$T/old-text" "$T/stdout.text"
expect_grep " - compliant$" "$T/reports/r.text"
# a compliant host: exit 0 with --output too
expect_rc 0 "$GOLDCTL" audit --root "$T/compliant" -o "$T/reports/r.text"
# a missing directory: exit 2, naming the file and the step
expect_rc 2 "$GOLDCTL" audit --root "$H" --output "$T/missing/dir/r.json" --format json
expect_grep "$T/missing/dir/r.json" "$T/err"
expect_grep "step [a-z]+" "$T/err"
check "--output into a missing directory: nothing on stdout" test ! -s "$T/out"
check "--output into a missing directory creates nothing" test ! -e "$T/missing"
# a directory as the file: exit 2 naming the step, nothing left behind
mkdir -p "$T/isdir"
expect_rc 2 "$GOLDCTL" audit --root "$H" -o "$T/isdir"
expect_grep "step [a-z]+" "$T/err"
check "no temporary file left beside a failed --output" test "$(ls -A "$T" | grep -c '^\.#')" = 0

# ---- prometheus: a run that cannot audit says so in the textfile ----
# (not by leaving the last good values: goldctl_audit_success would stay 1)
P=$T/textfile
mkdir -p "$P"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format prometheus -o "$P/goldctl.prom"
expect_grep "^goldctl_audit_success 1$" "$P/goldctl.prom"
printf '[Contract]\nColour=blue\n' >"$T/bad.conf"
prom_failed() { # LABEL ERROR-PATTERN ARGS...: exit 2, the error, a textfile with success 0
        local label=$1 pat=$2
        shift 2
        ino=$(stat -c %i "$P/goldctl.prom")
        before=$(date +%s)
        expect_rc 2 "$GOLDCTL" audit --format prometheus -o "$P/goldctl.prom" "$@"
        after=$(date +%s)
        expect_grep "$pat" "$T/err"
        check "prometheus, $label: nothing on stdout" test ! -s "$T/out"
        prom_valid "$P/goldctl.prom" "$label"
        expect_grep "^goldctl_audit_success 0$" "$P/goldctl.prom"
        check "prometheus, $label: the timestamp is now" bash -c '
                v=$(sed -n "s/^goldctl_audit_last_run_timestamp_seconds \([0-9]*\)$/\1/p" "$1")
                [ -n "$v" ] && [ "$v" -ge "$2" ] && [ "$v" -le "$3" ]' _ "$P/goldctl.prom" "$before" "$after"
        check "prometheus, $label: no stale counts" bash -c \
                '! grep -qE "^goldctl_audit_(findings|suppressed|services|compliant)" "$1"' _ "$P/goldctl.prom"
        check "prometheus, $label: written atomically (a new inode, mode 0644, no temporary file)" bash -c '
                [ "$(stat -c %i "$1")" != "$2" ] && [ "$(stat -c %a "$1")" = 644 ] && [ "$(ls -A "$3")" = goldctl.prom ]' \
                _ "$P/goldctl.prom" "$ino" "$P"
}
prom_failed "an invalid contract" "not valid, nothing was audited" --root "$H" --contract "$T/bad.conf"
expect_grep "^$T/bad.conf:2: error: " "$T/err"
prom_failed "a missing root" "--root '$T/absent' is not a directory" --root "$T/absent"
prom_failed "a root that is a file" "is not a directory" --root "$H/etc/passwd"
# the next good run puts the values back
expect_rc 1 "$GOLDCTL" audit --root "$H" --format prometheus -o "$P/goldctl.prom"
expect_grep "^goldctl_audit_success 1$" "$P/goldctl.prom"
expect_grep "^goldctl_audit_services 4$" "$P/goldctl.prom"
# only prometheus: another format's report is left as it was
cp "$T/reports/r.json" "$T/r.json.before"
expect_rc 2 "$GOLDCTL" audit --root "$H" --contract "$T/bad.conf" --format json -o "$T/reports/r.json"
check "json: a run that cannot audit leaves --output as it was" cmp "$T/reports/r.json" "$T/r.json.before"
# a usage error writes nothing either
expect_rc 2 "$GOLDCTL" audit --root "$H" --format prometheus -o "$P/goldctl.prom" --fail-on fatal
expect_grep "^goldctl_audit_success 1$" "$P/goldctl.prom"
done_testing
