#!/bin/bash
# goldctl audit: exit codes, usage errors, contract errors, --list-rules,
# --explain, `goldctl contract show` and contract drop-ins.
# Expected values are the seeds' (001: the golden contract).
. "$(dirname "$0")/lib.sh"

# one rule per rule file of src/core/rules/meson.build: none lost at link time
NRULES=$(grep -cE "^\s*'qt[a-z][0-9]{3}-[a-z0-9-]+\.c'" "$REPO/src/core/rules/meson.build")

SEED=$(ls "$SHARED"/seeds/001_*.txt | head -1)
H=$T/hosts/compliant
python3 "$REPO/tests/audit/hostgen.py" "$H"
SYS=$H/etc/systemd/system

# ---- a compliant generated host ----
expect_rc 0 "$GOLDCTL" audit --root "$H"
expect_grep "^0 errors, 0 warnings, 0 info in 0 files; 0 suppressed; [0-9]+ services audited under $H - compliant$"
check "the summary is the last line" bash -c '[ "$(tail -n1 "$1")" = "$(grep -E " - compliant$" "$1")" ]' _ "$T/out"
expect_no_grep "^ +[0-9]* +(error|warning|info) "
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
check "json: no findings, compliant" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["findings"]==[], d["findings"]
s=d["summary"]
assert (s["errors"],s["warnings"],s["info"],s["suppressed"])==(0,0,0,0), s
assert s["compliant"] is True and s["fail_on"]=="warning", s
# hostgen: 6 runtime services and the verify-ensemble ops job
units=sorted(x["unit"] for x in d["services"])
assert len(units)==7 and "quantum-verify-ensemble.service" in units, units
ops=[x["unit"] for x in d["services"] if x["ops_job"]]
assert ops==["quantum-verify-ensemble.service"], ops
# 001 B: the service-to-venv mapping; 001 C: /etc/quantum/<service>.env
m={x["unit"]:(x["venv"],x["env_file"]) for x in d["services"]}
assert m["quantum-rl-sizer.service"]==("rl-agent","/etc/quantum/rl-sizer.env"), m
assert m["quantum-verify-ensemble.service"]==("ai-engine","/etc/quantum/ai-engine.env"), m
assert m["quantum-backend.service"]==("backend","/etc/quantum/backend.env"), m' "$T/out"
expect_rc 0 "$GOLDCTL" audit --root "$H" --fail-on info
expect_rc 0 "$GOLDCTL" audit --root "$H" --fail-on error

# ---- exit codes with --fail-on: a host with only a warning ----
# 001 D: Group=qt is mandatory; without it the unit-group rule (a warning) fires
W=$T/hosts/warning
cp -a "$H" "$W"
sed -i '/^Group=qt$/d' "$W/etc/systemd/system/quantum-backend.service"
expect_rc 1 "$GOLDCTL" audit --root "$W"
expect_grep "^0 errors, 1 warning, 0 info in 1 file; 0 suppressed; 7 services audited under $W$"
expect_grep "warning QTU002 unit-group: "
expect_rc 1 "$GOLDCTL" audit --root "$W" --fail-on warning
expect_rc 0 "$GOLDCTL" audit --root "$W" --fail-on error
expect_grep " - compliant$"
expect_grep "warning QTU002 unit-group: "
expect_rc 1 "$GOLDCTL" audit --root "$W" --fail-on info
expect_rc 0 "$GOLDCTL" audit --root "$W" --fail-on=error --format json
check "json: a warning below --fail-on error is compliant" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert [(f["rule"],f["severity"],f["path"]) for f in d["findings"]]==[("QTU002","warning","/etc/systemd/system/quantum-backend.service")], d["findings"]
assert d["summary"]["compliant"] is True and d["summary"]["fail_on"]=="error", d["summary"]' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$W" --format json
check "json: the same host fails at the default --fail-on warning" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["summary"]["compliant"] is False and d["summary"]["fail_on"]=="warning", d["summary"]
assert d["summary"]["warnings"]==1 and d["summary"]["errors"]==0 and d["summary"]["info"]==0' "$T/out"
# an error fails every --fail-on
E=$T/hosts/error
cp -a "$H" "$E"
sed -i 's/^User=qt$/User=root/' "$E/etc/systemd/system/quantum-backend.service"
expect_rc 1 "$GOLDCTL" audit --root "$E" --fail-on error
expect_grep "error +QTU001 unit-user: User=root"
# an info finding (QTU024: a backup copy on the unit path) fails only --fail-on info
I=$T/hosts/info
cp -a "$H" "$I"
cp "$I/etc/systemd/system/quantum-backend.service" "$I/etc/systemd/system/quantum-backend.service~"
expect_rc 0 "$GOLDCTL" audit --root "$I"
expect_grep "info +QTU024 unit-file-ignored: "
expect_grep "^0 errors, 0 warnings, 1 info in 1 file; "
expect_rc 0 "$GOLDCTL" audit --root "$I" --fail-on warning
expect_rc 0 "$GOLDCTL" audit --root "$I" --fail-on error
expect_rc 1 "$GOLDCTL" audit --root "$I" --fail-on info

# ---- usage errors: exit 2, a message on stderr, nothing on stdout ----
usage() {
        expect_rc 2 "$GOLDCTL" audit "$@"
        check "usage error prints nothing on stdout: $*" test ! -s "$T/out"
        expect_grep "^goldctl: " "$T/err"
}
usage --no-such-option --root "$H"
expect_grep "no-such-option" "$T/err"
usage --root "$H" --format xml
expect_grep "unknown format 'xml'" "$T/err"
usage --root "$H" --format=yaml
usage --root "$H" --fail-on fatal
expect_grep "fatal" "$T/err"
usage --root "$H" --fail-on=Warning
usage --root "$H/etc/passwd"
expect_grep "not a directory" "$T/err"
usage --root "$T/does-not-exist"
expect_grep "not a directory" "$T/err"
usage --root "$H" extra-argument
expect_grep "unexpected argument 'extra-argument'" "$T/err"
usage --list-rules --format xml
usage --root "$H" --unit-path relative/dir
usage --root "$H" --format
usage --root "$H" -q

# ---- an invalid contract: exit 2, file and line on stderr, nothing audited ----
C=$T/contracts
mkdir -p "$C"
bad_contract() { # NAME LINE PATTERN CONTENT
        printf '%b' "$4" >"$C/$1"
        expect_rc 2 "$GOLDCTL" audit --root "$E" --contract "$C/$1"
        expect_grep "^$C/$1:$2: error: .*$3" "$T/err"
        expect_grep "not valid, nothing was audited" "$T/err"
        check "no report on stdout for $1" test ! -s "$T/out"
}
bad_contract key.conf 3 "Colour" '[Contract]\nUser=qt\nColour=blue\n'
bad_contract section.conf 5 "Extra" '[Contract]\nUser=qt\n\n# the next section is unknown\n[Extra]\nX=1\n'
bad_contract port.conf 3 "99999" '[Redis]\nHost=localhost\nPort=99999\n'
bad_contract share.conf 2 "1.5" '[Gate]\nMaxClassShare=1.5\n'
bad_contract path.conf 2 "relative" '[Paths]\nDataDir=relative/data\n'
bad_contract mode.conf 2 "0999" '[EnvFile]\nMode=0999\n'
bad_contract units.conf 2 "not a unit name" '[Units]\nAfter=network-online.target not/a/unit\n'
bad_contract expect.conf 2 "NAME=VALUE" '[EnvFile]\nExpect=AUTO_ACTIVATION\n'
bad_contract suppress.conf 2 "no reason" '[Suppress]\nIgnore=QTU001 /etc/systemd/system/quantum-backend.service\n'
bad_contract relsuppress.conf 2 "absolute" '[Suppress]\nIgnore=QTU001 etc/x.service because\n'
# json and the other formats do not print a report either
printf '[Contract]\nColour=blue\n' >"$C/json.conf"
expect_rc 2 "$GOLDCTL" audit --root "$E" --contract "$C/json.conf" --format json
check "json: no report for an invalid contract" test ! -s "$T/out"
expect_rc 2 "$GOLDCTL" audit --root "$E" --contract "$C/json.conf" --format prometheus
check "prometheus: no report for an invalid contract" test ! -s "$T/out"
# a missing contract file
expect_rc 2 "$GOLDCTL" audit --root "$E" --contract "$C/absent.conf"
expect_grep "$C/absent.conf" "$T/err"
check "no report for a missing contract" test ! -s "$T/out"
# a bad drop-in of the file is named with its own line
mkdir -p "$C/good.conf.d"
printf '[Contract]\nUser=qt\n' >"$C/good.conf"
printf '# raise the gate\n[Gate]\nMinPredictions=many\n' >"$C/good.conf.d/20-gate.conf"
expect_rc 2 "$GOLDCTL" audit --root "$E" --contract "$C/good.conf"
expect_grep "^$C/good.conf.d/20-gate.conf:3: error: .*many" "$T/err"
check "no report for an invalid drop-in" test ! -s "$T/out"
# a bad drop-in of the built-in contract, on the host: its host path
B=$T/hosts/bad-dropin
cp -a "$H" "$B"
mkdir -p "$B/etc/goldctl/contract.d"
printf '[Units]\nRestart=always\nRestartSec=10\n' >"$B/etc/goldctl/contract.d/50-local.conf"
expect_rc 2 "$GOLDCTL" audit --root "$B" --root-contract
expect_grep "^/etc/goldctl/contract.d/50-local.conf:3: error: Unknown key 'RestartSec'" "$T/err"
check "no report for an invalid host drop-in" test ! -s "$T/out"
expect_rc 2 "$GOLDCTL" contract show --root "$B" --root-contract
expect_grep "^/etc/goldctl/contract.d/50-local.conf:3: error: " "$T/err"

# ---- --list-rules ----
expect_rc 0 "$GOLDCTL" audit --list-rules
check "$NRULES rules listed, one per rule file" test "$(wc -l <"$T/out")" = "$NRULES"
check "each line: ID name severity family summary, ids unique and sorted" python3 -c '
import re,sys
lines=open(sys.argv[1]).read().splitlines()
ids=[]
for l in lines:
    m=re.match(r"^(QT[AEFGLRTU][0-9]{3})  ([a-z0-9-]+) +(error|warning|info) +([a-z]+) +\S", l)
    assert m, l
    ids.append(m.group(1))
assert len(set(ids))==int(sys.argv[2]) and ids==sorted(ids), ids
for want in ("QTU001","QTU013","QTA001","QTA002","QTA003","QTA004","QTE007","QTR005"):
    assert want in ids, want' "$T/out" "$NRULES"
cp "$T/out" "$T/rules.txt"
expect_grep "^QTU001  unit-user +error +units "
expect_grep "^QTA001  unused-suppression +warning +audit "
expect_rc 0 "$GOLDCTL" audit --list-rules --format json
check "json: $NRULES rules, the same as the text" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert isinstance(d,list) and len(d)==int(sys.argv[3]), len(d)
for r in d:
    assert set(r)>={"id","name","severity","family","seed","summary","rationale","fix","live"}, r
    assert r["severity"] in ("error","warning","info"), r
    assert r["summary"] and r["fix"] and r["rationale"], r
text=[l.split()[0] for l in open(sys.argv[2])]
assert [r["id"] for r in d]==text
by={r["id"]:r for r in d}
assert by["QTU001"]["name"]=="unit-user" and by["QTU001"]["severity"]=="error"
# the live rules are the ones needing a running host (001 E: redis-cli PING)
assert by["QTL001"]["live"] is True and by["QTU001"]["live"] is False' "$T/out" "$T/rules.txt" "$NRULES"

# ---- --explain ----
expect_rc 0 "$GOLDCTL" audit --explain QTU001
expect_grep "QTU001"
expect_grep "unit-user"
check "--explain QTU001 says something of the rule (User=qt)" grep -qiE "User=qt|root" "$T/out"
expect_rc 0 "$GOLDCTL" audit --explain unit-user
expect_grep "QTU001"
expect_rc 0 "$GOLDCTL" audit --explain qtu013
expect_grep "QTU013"
expect_grep "unit-placeholder"
expect_rc 2 "$GOLDCTL" audit --explain NOPE
expect_grep "NOPE" "$T/err"
check "--explain NOPE prints nothing on stdout" test ! -s "$T/out"

# ---- goldctl contract show: every section, the seeds' values ----
expect_rc 0 "$GOLDCTL" contract show
for s in Contract Paths EnvFile Redis Units Venvs Gate; do
        expect_grep "^\[$s\]$"
done
expect_no_grep "^\[Suppress\]"
expect_grep "^#   built-in"
# 001 A, B, C, D, E, F
for kv in Version=1.0.0 UnitPrefix=quantum- User=qt Group=qt \
        RepoRoot=/home/qt/quantum_trader DataDir=/opt/quantum/data ModelDir=/opt/quantum/ai_engine/models \
        VenvDir=/opt/quantum/venvs EnvDir=/etc/quantum Database=/opt/quantum/data/quantum_trader.db \
        Mode=0640 Owner=root Host=localhost Port=6379 Unit=redis-server.service Restart=always \
        StandardOutput=journal RuntimeType=simple OpsType=oneshot Wants=network-online.target \
        BindsTo=redis-server.service quantum-ai-engine.service=ai-engine quantum-backend.service=backend \
        quantum-execution.service=execution 'quantum-rl-\*.service=rl-agent' 'ops/training/\*=ai-engine' \
        'ops/model_safety/\*=ai-engine' MinPredictions=200 MaxClassShare=0.70 MinStd=0.05 MinP10P90=0.12 \
        MaxHoldShare=0.85; do
        expect_grep "^$kv$"
done
expect_grep "^After=.*network-online.target"
expect_grep "^After=.*redis-server.service"
check "Required= names the 12 variables of 001 C" python3 -c '
import sys
req=[l for l in open(sys.argv[1]) if l.startswith("Required=")][0].split("=",1)[1].split()
want="REPO_ROOT DATA_DIR MODEL_DIR SERVICE_NAME LOG_LEVEL PYTHONUNBUFFERED REDIS_HOST REDIS_PORT REDIS_DB DB_PATH AUTO_ACTIVATION SHADOW_MODE".split()
assert sorted(req)==sorted(want), req' "$T/out"
check "Expect= holds the seed's fixed values" python3 -c '
import sys,shlex
exp=shlex.split([l for l in open(sys.argv[1]) if l.startswith("Expect=")][0].split("=",1)[1])
for kv in ("AUTO_ACTIVATION=disabled","SHADOW_MODE=enabled","REDIS_PORT=6379","PYTHONUNBUFFERED=1","REPO_ROOT=/home/qt/quantum_trader","DB_PATH=/opt/quantum/data/quantum_trader.db"):
    assert kv in exp, (kv, exp)' "$T/out"
check "the chain of 001 D, in order" python3 -c '
import sys,shlex
ch=shlex.split([l for l in open(sys.argv[1]) if l.startswith("Chain=")][0].split("=",1)[1])
assert ch==["redis-server.service","quantum-backend.service","quantum-ai-engine.service","quantum-execution.service","quantum-rl-*.service"], ch' "$T/out"
check "the seed's template agrees: WorkingDirectory and User" grep -q "^WorkingDirectory=/home/qt/quantum_trader$" "$SEED"
cp "$T/out" "$T/builtin.txt"
# the output is a valid contract: read back, it is the same contract
sed -n '/^\[/,$p' "$T/builtin.txt" >"$C/roundtrip.conf"
expect_rc 0 "$GOLDCTL" contract show --contract "$C/roundtrip.conf"
check "contract show reads back its own output" bash -c 'diff <(sed -n "/^\[/,\$p" "$1") <(sed -n "/^\[/,\$p" "$2")' _ "$T/builtin.txt" "$T/out"
# with --contract FILE: the file's value, the file among the sources
printf '[Contract]\nUser=trader\n\n[Redis]\nPort=6380\n' >"$C/mine.conf"
expect_rc 0 "$GOLDCTL" contract show --contract "$C/mine.conf"
expect_grep "^#   $C/mine.conf$"
expect_grep "^User=trader$"
expect_grep "^Port=6380$"
expect_grep "^Group=qt$"
expect_no_grep "^User=qt$"
# its drop-ins override it, in file-name order
mkdir -p "$C/mine.conf.d"
printf '[Redis]\nPort=6390\n' >"$C/mine.conf.d/10-x.conf"
printf '[Redis]\nPort=6391\n' >"$C/mine.conf.d/20-y.conf"
printf '[Redis]\nPort=1\n' >"$C/mine.conf.d/30-ignored.conf.disabled"
expect_rc 0 "$GOLDCTL" contract show --contract "$C/mine.conf"
expect_grep "^Port=6391$"
expect_grep "^#   $C/mine.conf.d/10-x.conf$"
expect_grep "^#   $C/mine.conf.d/20-y.conf$"
expect_no_grep "30-ignored"
check "the sources in the order they were read" bash -c \
        'grep "^#   " "$1" | tr -d " #" | tr "\n" " " | grep -q "^built-in.*$2/mine.conf $2/mine.conf.d/10-x.conf $2/mine.conf.d/20-y.conf $"' _ "$T/out" "$C"
# the built-in contract with the host's drop-ins under --root
D=$T/hosts/dropins
cp -a "$H" "$D"
mkdir -p "$D/etc/goldctl/contract.d"
printf '[EnvFile]\nExpect=LOG_LEVEL=DEBUG\n' >"$D/etc/goldctl/contract.d/10-x.conf"
expect_rc 0 "$GOLDCTL" contract show --root "$D" --root-contract
expect_grep "^#   /etc/goldctl/contract.d/10-x.conf$"
expect_grep "^Expect=LOG_LEVEL=DEBUG$"
# without --root-contract an audited tree does not decide its own contract
expect_rc 0 "$GOLDCTL" contract show --root "$D"
expect_no_grep "contract.d/10-x.conf"
expect_no_grep "^Expect=LOG_LEVEL=DEBUG$"
expect_rc 2 "$GOLDCTL" contract show --root-contract
expect_rc 2 "$GOLDCTL" contract show --root "$D" --root-contract --contract "$C/good.conf"
expect_rc 0 "$GOLDCTL" contract show
expect_grep "^Expect=REPO_ROOT="
expect_rc 2 "$GOLDCTL" contract show --bogus
expect_rc 2 "$GOLDCTL" contract list
# a root that is not there is refused, as by goldctl audit: it is not a host
# without drop-ins
printf '[Contract]\nUser=qt\n' >"$C/plain.conf"
bad_root() { # ROOT [ARGS...]
        local root=$1
        shift
        expect_rc 2 "$GOLDCTL" contract show --root "$root" "$@"
        check "contract show --root $root $*: nothing on stdout" test ! -s "$T/out"
        expect_grep "^goldctl: --root '$root' is not a directory: " "$T/err"
}
bad_root "$T/does-not-exist"
expect_grep "No such file or directory" "$T/err"
bad_root "$H/etc/passwd"
bad_root "$T/does-not-exist" --contract "$C/plain.conf"
expect_rc 0 "$GOLDCTL" contract show --root "$H" --contract "$C/plain.conf"

# ---- --contract FILE is read over the built-in contract, in the help too ----
for cmd in "audit" "contract show"; do
        # shellcheck disable=SC2086
        expect_rc 0 "$GOLDCTL" $cmd --help
        check "$cmd --help: --contract is read over the built-in contract, then its drop-ins" python3 -c '
import re,sys
t=open(sys.argv[1]).read()
m=re.search(r"^ +--contract=FILE +(.*(?:\n {20,}\S.*)*)", t, re.M)
assert m, t
d=" ".join(m.group(1).split())
assert "instead of" not in d, d
assert d=="read FILE over the built-in contract (keys it leaves out keep their built-in values), then FILE.d/*.conf", d' "$T/out"
done

# ---- contract drop-ins change what is audited ----
# the host's drop-in: 001 C's LOG_LEVEL=INFO no longer matches; the env
# files of the 6 runtime services (ai-engine shared with the ops job) differ
# on line 6 (hostgen's template: LOG_LEVEL= is the 6th line)
expect_rc 1 "$GOLDCTL" audit --root "$D" --root-contract --format json
check "a host drop-in (Expect=LOG_LEVEL=DEBUG) flags every env file at LOG_LEVEL" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
got=sorted((f["rule"],f["path"],f["line"]) for f in d["findings"])
want=sorted(("QTE012","/etc/quantum/%s.env"%n,6) for n in ("ai-engine","backend","execution","rl-sizer","worker-00004","worker-00005"))
assert got==want, got
assert all("LOG_LEVEL" in f["message"] and "DEBUG" in f["message"] for f in d["findings"])' "$T/out"
check "line 6 of the env files is LOG_LEVEL=INFO" test "$(sed -n 6p "$D/etc/quantum/backend.env")" = LOG_LEVEL=INFO
# --contract FILE: the host's drop-ins are not read, FILE's are
printf '[Contract]\nUser=trader\n' >"$C/user.conf"
expect_rc 1 "$GOLDCTL" audit --root "$D" --contract "$C/user.conf" --format json
check "--contract with User=trader: every service's User= line is flagged, not the host's drop-in" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
rules={f["rule"] for f in d["findings"]}
assert "QTE012" not in rules, rules
u=sorted(f["path"] for f in d["findings"] if f["rule"]=="QTU001")
assert len(u)==7 and all(p.startswith("/etc/systemd/system/quantum-") for p in u), u
assert all("trader" in f["message"] for f in d["findings"] if f["rule"]=="QTU001")
# the user does not exist in the tree (only root, redis, qt)
assert any(f["rule"]=="QTF008" and "trader" in f["message"] for f in d["findings"]), d["findings"]' "$T/out"
check "the flagged lines are User=qt" bash -c '"$1" audit --root "$2" --contract "$3" --format json | python3 -c "
import json,sys,os
for f in json.load(sys.stdin)[\"findings\"]:
    if f[\"rule\"]==\"QTU001\":
        l=open(os.path.join(sys.argv[1],f[\"path\"].lstrip(\"/\"))).read().split(\"\n\")[f[\"line\"]-1]
        assert l==\"User=qt\", (f, l)" "$2"' _ "$GOLDCTL" "$D" "$C/user.conf"
mkdir -p "$C/user.conf.d"
printf '# the drop-in overrides the file\n[Contract]\nUser=qt\n' >"$C/user.conf.d/10-x.conf"
expect_rc 0 "$GOLDCTL" audit --root "$D" --contract "$C/user.conf"
expect_grep " - compliant$"
# a prefix that matches nothing audits nothing (QTA004)
printf '[Contract]\nUnitPrefix=qt-\n' >"$D/etc/goldctl/contract.d/10-x.conf"
expect_rc 1 "$GOLDCTL" audit --root "$D" --root-contract --format json
check "UnitPrefix=qt- from a host drop-in: no services" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["services"]==[], d["services"]
assert [f["rule"] for f in d["findings"] if f["rule"].startswith("QTA")]==["QTA004"], d["findings"]
assert any("qt-" in f["message"] for f in d["findings"] if f["rule"]=="QTA004")' "$T/out"
done_testing
