#!/bin/bash
# goldctl audit on whole hosts: the seed's raw golden template, the demo
# host (the violations its README names), the real system's corpus, an
# empty root and an unreadable env file.
. "$(dirname "$0")/lib.sh"

SEED=$(ls "$SHARED"/seeds/001_*.txt | head -1)
CORPUS=$SHARED/corpus/quantum-trader
mkdir -p "$T/hosts"

# ---- 001 D, "Mandatory Fields": the raw template, placeholders left in ----
H=$T/hosts/template
python3 "$REPO/tests/audit/hostgen.py" "$H"
TPL=/etc/systemd/system/quantum-sentiment.service
awk '/^### Mandatory Fields/ { f = 1 } f && /^```ini/ { g = 1; next } g && /^```/ { exit } g' "$SEED" >"$H$TPL"
check "the template was extracted from seed 001" grep -qx 'ExecStart=/opt/quantum/venvs/<service>/bin/python <script>' "$H$TPL"
check "the template has its <Service Name>" grep -qx 'Description=<Service Name>' "$H$TPL"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "QTU013 on every line holding a placeholder" python3 -c '
import json,sys,re
d=json.load(open(sys.argv[1]))
text=open(sys.argv[2]).read().split("\n")
want={i+1 for i,l in enumerate(text) if re.search(r"<[A-Za-z][A-Za-z _-]*>", l) and not l.startswith("#")}
assert want=={2,12,13,18}, want
got={f["line"] for f in d["findings"] if f["rule"]=="QTU013" and f["path"]==sys.argv[3]}
assert got==want, (got, want)
assert all(f["severity"]=="error" for f in d["findings"] if f["rule"]=="QTU013")
assert d["summary"]["compliant"] is False
m={f["line"]:f["message"] for f in d["findings"] if f["rule"]=="QTU013"}
assert "<Service Name>" in m[2] and "<service>" in m[12], m' "$T/out" "$H$TPL" "$TPL"
check "the template line 5 carries an end-of-line comment (QTU014)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert any(f["rule"]=="QTU014" and f["line"]==5 for f in d["findings"]), d["findings"]' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$H" --fail-on error
expect_grep "^ +13  error +QTU013 unit-placeholder: "
expect_grep "^ +2  error +QTU013 unit-placeholder: <Service Name>"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "every placeholder of a line is named (line 13: <service> and <script>)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
m=[f["message"] for f in d["findings"] if f["rule"]=="QTU013" and f["line"]==13]
assert len(m)==1 and "<service>" in m[0] and "<script>" in m[0], m' "$T/out"

# the raw template saved under its literal name: systemd ignores the file
# (not a unit name), so no unit shows it; the audit must not pass it
H=$T/hosts/template-raw
python3 "$REPO/tests/audit/hostgen.py" "$H"
RAW='/etc/systemd/system/quantum-<service>.service'
cp "$T/hosts/template$TPL" "$H$RAW"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "the raw template under its own name: QTU013 for the file and its placeholder lines" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
got=sorted(f["line"] for f in d["findings"] if f["rule"]=="QTU013" and f["path"]==sys.argv[2])
assert got==[0,2,12,13,18], got
m=[f["message"] for f in d["findings"] if f["rule"]=="QTU013" and f["line"]==0][0]
assert "ignores" in m and "not a valid unit name" in m, m' "$T/out" "$RAW"
# a backup copy beside a unit: systemd skips it; an info finding, not a failure
rm "$H$RAW"
cp "$H/etc/systemd/system/quantum-backend.service" "$H/etc/systemd/system/quantum-backend.service.bak"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
check "a backup copy on the unit path: QTU024 (info)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
f=[f for f in d["findings"] if f["rule"]=="QTU024"]
assert len(f)==1 and f[0]["severity"]=="info" and f[0]["path"].endswith("quantum-backend.service.bak"), f
assert len(d["findings"])==1, d["findings"]' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$H" --fail-on info
# a symlink loop on the unit path is a unit systemd cannot load
rm "$H/etc/systemd/system/quantum-backend.service.bak"
ln -s quantum-loop2.service "$H/etc/systemd/system/quantum-loop1.service"
ln -s quantum-loop1.service "$H/etc/systemd/system/quantum-loop2.service"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "a symlink loop: QTU021 for both names" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
f=sorted(f["unit"] for f in d["findings"] if f["rule"]=="QTU021")
assert f==["quantum-loop1.service","quantum-loop2.service"], d["findings"]' "$T/out"

# ---- the demo host: the violations its README names ----
H=$T/hosts/demo
cp -a "$REPO/examples/quantum-host" "$H"
bash "$H/prepare.sh" >/dev/null
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
cp "$T/out" "$T/demo.json"
EXEC=/etc/systemd/system/quantum-execution.service
ENV=/etc/quantum/execution.env
# finding RULE PATH LINE [TEXT]: the report has it, and line LINE of the file
# (as the tree holds it) contains TEXT
finding() {
        check "$1 at $2:$3${4:+ ($4)}" python3 -c '
import json,sys,os
d=json.load(open(sys.argv[1]))
rule,path,line,text,root=sys.argv[2],sys.argv[3],int(sys.argv[4]),sys.argv[5],sys.argv[6]
hits=[f for f in d["findings"] if f["rule"]==rule and f["path"]==path and f["line"]==line]
assert hits, sorted((f["rule"],f["path"],f["line"]) for f in d["findings"] if f["rule"]==rule)
assert not any(f["suppressed"] for f in hits)
if line and text:
    l=open(os.path.join(root,path.lstrip("/")),"rb").read().split(b"\n")[line-1].decode()
    assert text in l, (line, l)' "$T/demo.json" "$1" "$2" "$3" "${4:-}" "$H"
}
# the unit: root, the wrong WorkingDirectory, system python, the eol comment,
# the key in Environment=, file logging, the Docker-era Redis (README, 001 D, E)
finding QTU001 $EXEC 8 User=root
finding QTU003 $EXEC 9 WorkingDirectory=/root/quantum_trader
finding QTU004 $EXEC 10 EnvironmentFile=-/etc/quantum/execution.env
finding QTU016 $EXEC 11 BINANCE_API_KEY=
finding QTU005 $EXEC 12 ExecStart=/usr/bin/python3
finding QTU014 $EXEC 13 "Restart=always # never stop trading"
finding QTU011 $EXEC 14 StandardOutput=append:
finding QTU017 $EXEC 4 quantum_redis.service
finding QTG002 $EXEC 4 quantum_redis.service
# what is missing from the unit is reported for the unit (line 0)
finding QTU008 $EXEC 0
finding QTU010 $EXEC 0
finding QTU002 $EXEC 0
# the target wants a service that exists nowhere
finding QTG002 /etc/systemd/system/quantum-trader.target 3 quantum-rl-sizer.service
# the env file: export, relative DB_PATH, AUTO_ACTIVATION=enabled (001 C, F),
# 0644 root:root (001 C: 640 root:qt); its lines end in CRLF
finding QTE010 $ENV 2 "export REDIS_HOST"
finding QTE005 $ENV 5 DB_PATH=data/quantum_trader.db
finding QTE007 $ENV 6 AUTO_ACTIVATION=enabled
finding QTE002 $ENV 0
finding QTE003 $ENV 0
finding QTE004 $ENV 0
check "the env file's lines end in CRLF (the lines above count them right)" test "$(grep -c $'\r$' "$H$ENV")" = 6
# the Makefile calls python directly (001 G); code names the container host (001 E)
finding QTR005 /home/qt/quantum_trader/Makefile 17 "python3 ops/backtest.py"
finding QTR003 /home/qt/quantum_trader/ops/model_safety/verify_ensemble.py 3 quantum_redis
finding QTR002 /home/qt/quantum_trader/ops/model_safety/verify_ensemble.py 4 /home/user/
check "demo: the compliant services and their files have no findings" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
clean={"/etc/systemd/system/quantum-backend.service","/etc/systemd/system/quantum-ai-engine.service",
       "/etc/systemd/system/quantum-ai-engine.service.d/10-limits.conf","/etc/quantum/ai-engine.env","/etc/quantum/backend.env"}
bad=[f for f in d["findings"] if f["path"] in clean or f["unit"] in ("quantum-backend.service","quantum-ai-engine.service")]
assert not bad, bad
# the Makefile recipes through goldctl run (001 G) are fine: only the leftover python3 line
assert [f["line"] for f in d["findings"] if f["path"].endswith("/Makefile")]==[17]' "$T/demo.json"
check "demo: the missing env variables are the ones 001 C requires" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
m=[f["message"] for f in d["findings"] if f["rule"]=="QTE004"][0]
# export REDIS_HOST is dropped by systemd: REDIS_HOST is missing too
for v in ("REPO_ROOT","DATA_DIR","MODEL_DIR","LOG_LEVEL","PYTHONUNBUFFERED","REDIS_HOST","REDIS_DB","SHADOW_MODE"):
    assert v in m, (v, m)
for v in ("REDIS_PORT","SERVICE_NAME","DB_PATH","AUTO_ACTIVATION"):
    assert v not in m.split(":",1)[1], (v, m)' "$T/demo.json"
check "demo: no message carries a carriage return" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert not [f for f in d["findings"] if "\r" in f["message"]]' "$T/demo.json"
expect_rc 1 "$GOLDCTL" audit --root "$H"
expect_grep "^ +8  error +QTU001 unit-user: User=root"
expect_grep "^ +6  error +QTE007 env-auto-activation: AUTO_ACTIVATION=enabled"
expect_grep "^ +3  warning +QTG002 ghost-reference: Wants=quantum-rl-sizer.service"
expect_grep "4 services audited under $H$"
# --no-repo: the repository's findings go, the rest stays
expect_rc 1 "$GOLDCTL" audit --root "$H" --no-repo --format json
check "--no-repo: no repository findings" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert not [f for f in d["findings"] if f["rule"].startswith("QTR")], d["findings"]
assert any(f["rule"]=="QTU001" for f in d["findings"])' "$T/out"

# ---- the corpus of the real system, installed into a root tree ----
H=$T/hosts/corpus
mkdir -p "$H/etc/systemd/system" "$H/etc/quantum" "$H/lib/systemd/system" "$H/home/qt/quantum_trader"
cp "$REPO/examples/quantum-host/etc/passwd" "$REPO/examples/quantum-host/etc/group" "$H/etc/"
cp -a "$REPO/examples/quantum-host/lib/systemd/system/." "$H/lib/systemd/system/"
# the repository is the corpus's tree
cp -a "$CORPUS/." "$H/home/qt/quantum_trader/"
git -C "$H/home/qt/quantum_trader" init -q
git -C "$H/home/qt/quantum_trader" -c user.name=t -c user.email=t@t.invalid add -A
git -C "$H/home/qt/quantum_trader" -c user.name=t -c user.email=t@t.invalid commit -qm corpus
# units: the shallowest copy of a name in /etc/systemd/system, further copies
# lower on the search path (they repeat: quantum-execution.service 4 times)
while read -r _ f; do
        name=$(basename "$f")
        for d in etc/systemd/system run/systemd/system usr/local/lib/systemd/system usr/lib/systemd/system; do
                if [ ! -e "$H/$d/$name" ]; then
                        mkdir -p "$H/$d"
                        cp "$f" "$H/$d/$name"
                        break
                fi
        done
done < <(find "$CORPUS" -type f \( -name '*.service' -o -name '*.timer' -o -name '*.target' -o -name '*.path' -o -name '*.socket' \) \
        -printf '%d %p\n' | sort -k1,1n -k2)
# the two drop-ins stored flat
mkdir -p "$H/etc/systemd/system/quantum-execution.service.d" "$H/etc/systemd/system/quantum-exitbrain-v35.service.d"
cp "$CORPUS/10-zombiefix.conf" "$H/etc/systemd/system/quantum-execution.service.d/10-zombiefix.conf"
cp "$CORPUS/systemd-drop-in-control.conf" "$H/etc/systemd/system/quantum-exitbrain-v35.service.d/control.conf"
# env files: NAME.env as /etc/quantum/NAME.env (without a quantum- prefix), first come
while read -r _ f; do
        name=$(basename "$f")
        name=${name#quantum-}
        [ -e "$H/etc/quantum/$name" ] || cp "$f" "$H/etc/quantum/$name"
done < <(find "$CORPUS" -type f -name '*.env' -printf '%d %p\n' | sort -k1,1n -k2)
check "corpus: more than 100 units installed" test "$(ls "$H/etc/systemd/system" | grep -c '\.service$')" -gt 100
check "corpus: the env files installed" test "$(ls "$H/etc/quantum" | wc -l)" -gt 50
rc=0
timeout 20 "$GOLDCTL" audit --root "$H" --format json >"$T/corpus.json" 2>"$T/corpus.err" || rc=$?
check "corpus: exit 0 or 1, not 2, not a signal or a timeout (got $rc)" test "$rc" = 0 -o "$rc" = 1
check "corpus: nothing on stderr" test ! -s "$T/corpus.err"
check "corpus: every line > 0 is a line of that file under the root, of the right key" python3 -c '
import json,sys,os
d=json.load(open(sys.argv[1])); root=sys.argv[2]
assert len(d["findings"])>100 and len(d["services"])>100, (len(d["findings"]), len(d["services"]))
# where a rule names a setting, the logical line it points at sets it
key={"QTU001":"User=","QTU002":"Group=","QTU003":"WorkingDirectory=","QTU004":"EnvironmentFile=",
     "QTU005":"ExecStart","QTU006":"Restart=","QTU007":"Type=","QTU012":"SyslogIdentifier=",
     "QTU013":"<","QTU014":"#","QTU015":"Environment=","QTU016":"Environment","QTU019":"ProtectSystem=",
     "QTE007":"AUTO_ACTIVATION","QTE008":"SHADOW_MODE","QTE012":"="}
bad=[]
for f in d["findings"]:
    if f["line"]<=0:
        continue
    if not f["path"]:
        bad.append(("no path",f)); continue
    p=os.path.join(root,f["path"].lstrip("/"))
    if not os.path.isfile(p):
        bad.append(("no file",f)); continue
    lines=open(p,"rb").read().split(b"\n")
    if lines and lines[-1]==b"":
        lines.pop()
    if f["line"]>len(lines):
        bad.append(("beyond the end (%d lines)"%len(lines),f)); continue
    # the logical line: continuation lines ending in a backslash, up to the line
    i=f["line"]-1
    while i>0 and lines[i-1].rstrip(b"\r").endswith(b"\\"):
        i-=1
    logical=b" ".join(lines[i:f["line"]]).decode("utf-8","replace")
    k=key.get(f["rule"])
    if k and k not in logical:
        bad.append(("not a %s line: %r"%(k,logical),f))
assert not bad, bad[:5]' "$T/corpus.json" "$H"
check "corpus: the drop-ins are read (10-zombiefix.conf logs to a file: QTU011)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
p="/etc/systemd/system/quantum-execution.service.d/10-zombiefix.conf"
assert any(f["path"]==p and f["rule"]=="QTU011" for f in d["findings"]), [f for f in d["findings"] if f["path"]==p]' "$T/corpus.json"
check "corpus: the paths are the host's, not under the root" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert not [f for f in d["findings"] if f["path"] and f["path"].startswith(sys.argv[2])]' "$T/corpus.json" "$H"
for fmt in text sarif prometheus; do
        rc=0
        timeout 20 "$GOLDCTL" audit --root "$H" --format $fmt >"$T/corpus.$fmt" 2>&1 || rc=$?
        check "corpus: --format $fmt exits 0 or 1 (got $rc)" test "$rc" = 0 -o "$rc" = 1
done
check "corpus: sarif parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/corpus.sarif"
rc=0
timeout 20 "$GOLDCTL" audit --root "$H" --show-suppressed --fail-on info --no-repo >/dev/null 2>&1 || rc=$?
check "corpus: --no-repo exits 0 or 1 (got $rc)" test "$rc" = 0 -o "$rc" = 1
# every unit of the corpus on its own, with the unit commands too: no crash
rc=0
timeout 20 "$GOLDCTL" unit verify --root "$H" $(cd "$H/etc/systemd/system" && ls | grep -E '^quantum.*\.(service|timer|target|path)$') \
        >/dev/null 2>&1 || rc=$?
check "corpus: unit verify of every unit exits 0 or 1 (got $rc)" test "$rc" = 0 -o "$rc" = 1

# ---- an empty root: no units, QTA004 ----
mkdir -p "$T/hosts/empty"
expect_rc 1 "$GOLDCTL" audit --root "$T/hosts/empty" --format json
check "empty root: QTA004, no services" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["services"]==[], d["services"]
q=[f for f in d["findings"] if f["rule"]=="QTA004"]
assert len(q)==1 and q[0]["severity"]=="warning" and "quantum-" in q[0]["message"], q
assert d["summary"]["compliant"] is False' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$T/hosts/empty"
expect_grep "QTA004 no-services: "
expect_grep "0 services audited under $T/hosts/empty$"
# units, but none with the prefix
H=$T/hosts/noprefix
python3 "$REPO/tests/audit/hostgen.py" "$H"
rm -rf "$H"/etc/systemd/system/quantum-* "$H"/etc/systemd/system/*.wants
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "no quantum- unit: QTA004" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert [f["rule"] for f in d["findings"] if f["rule"].startswith("QTA")]==["QTA004"], d["findings"]' "$T/out"

# ---- an env file that is a symlink loop: QTA003 ----
H=$T/hosts/loop
python3 "$REPO/tests/audit/hostgen.py" "$H"
rm "$H/etc/quantum/backend.env"
ln -s backend-b.env "$H/etc/quantum/backend.env"
ln -s backend.env "$H/etc/quantum/backend-b.env"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "a looping env file: QTA003 (error) on it, and its rules are not run" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
q=[f for f in d["findings"] if f["rule"]=="QTA003"]
assert [(f["path"],f["severity"]) for f in q]==[("/etc/quantum/backend.env","error")], d["findings"]
assert "symbolic links" in q[0]["message"], q
# not reported as missing, not checked for content
assert not [f for f in d["findings"] if f["rule"].startswith("QTE")], d["findings"]' "$T/out"
expect_rc 1 "$GOLDCTL" audit --root "$H" --fail-on error
expect_grep "error +QTA003 cannot-check: "
# ---- QTU023's rename: the contract's prefix, with the stem a unit has already ----
H=$T/hosts/prefix
python3 "$REPO/tests/audit/hostgen.py" "$H"
mkdir -p "$H/etc/goldctl/contract.d"
for n in qt_scoreboard quantum_scoreboard; do
        printf '[Service]\nExecStart=/opt/quantum/venvs/ai-engine/bin/python /home/qt/quantum_trader/ops/scoreboard.py\n' \
                >"$H/etc/systemd/system/$n.service"
done
printf '[Contract]\nUnitPrefix=qt-\n' >"$H/etc/goldctl/contract.d/prefix.conf"
"$GOLDCTL" audit --root "$H" --root-contract --no-repo --format json >"$T/out" 2>"$T/err" || true
check "QTU023 with UnitPrefix=qt-: qt_scoreboard becomes qt-scoreboard, quantum_scoreboard qt-quantum_scoreboard" python3 -c '
import json,sys
f={x["unit"]: x["message"] for x in json.load(open(sys.argv[1]))["findings"] if x["rule"]=="QTU023"}
assert f["qt_scoreboard.service"].endswith("rename it qt-scoreboard.service"), f
assert f["quantum_scoreboard.service"].endswith("rename it qt-quantum_scoreboard.service"), f' "$T/out"
rm "$H/etc/goldctl/contract.d/prefix.conf" "$H/etc/systemd/system/qt_scoreboard.service"
"$GOLDCTL" audit --root "$H" --no-repo --format json >"$T/out" 2>"$T/err" || true
check "QTU023 with the built-in prefix: quantum_scoreboard becomes quantum-scoreboard" python3 -c '
import json,sys
f={x["unit"]: x["message"] for x in json.load(open(sys.argv[1]))["findings"] if x["rule"]=="QTU023"}
assert f["quantum_scoreboard.service"].endswith("rename it quantum-scoreboard.service"), f' "$T/out"

# ---- QTU021: a refusal caused by a drop-in is reported at the drop-in's line ----
mkdir -p "$H/etc/systemd/system/quantum-backend.service.d"
printf '[Service]\n# made oneshot by mistake\nType=oneshot\nRestart=always\n' \
        >"$H/etc/systemd/system/quantum-backend.service.d/50-oops.conf"
"$GOLDCTL" audit --root "$H" --no-repo --format json >"$T/out" 2>"$T/err" || true
check "QTU021 at the drop-in line whose Restart= systemd refuses on a oneshot" python3 -c '
import json,sys
f=[x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"]=="QTU021"]
assert [(x["path"], x["line"]) for x in f]==[("/etc/systemd/system/quantum-backend.service.d/50-oops.conf", 4)], f
assert "Restart= set to either always or on-success" in f[0]["message"], f' "$T/out"
rm -r "$H/etc/systemd/system/quantum-backend.service.d"

# a loop of the unit itself does not crash either
ln -sf quantum-x-loop.service "$H/etc/systemd/system/quantum-loop.service"
ln -sf quantum-loop.service "$H/etc/systemd/system/quantum-x-loop.service"
rc=0
timeout 20 "$GOLDCTL" audit --root "$H" >/dev/null 2>&1 || rc=$?
check "a unit symlink loop: exit 0 or 1 (got $rc)" test "$rc" = 0 -o "$rc" = 1
done_testing
