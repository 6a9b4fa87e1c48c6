#!/bin/bash
# goldctl audit with awkward inputs: git's environment from a hook, a git
# that fails, repository files that cannot be read, env files with CRLF,
# contract values that reach the rules (Expect=, [Units] After=/BindsTo=),
# template instances pulled in by a .wants/ link.
. "$(dirname "$0")/lib.sh"

BASE=$T/hosts/base
python3 "$REPO/tests/audit/hostgen.py" "$BASE" --services 3 --repo-files 5
newhost() {
        H=$T/hosts/$1
        cp -a "$BASE" "$H"
}
rules_of() {
        python3 -c 'import json,sys; print(" ".join(sorted(f["rule"] for f in json.load(open(sys.argv[1]))["findings"])))' "$T/out"
}

# ---- GIT_DIR and friends from the caller's environment are not git's business here ----
newhost gitenv
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
check "compliant host: no findings" test -z "$(rules_of)"
expect_rc 0 env GIT_DIR="$REPO/.git" GIT_WORK_TREE="$REPO" GIT_INDEX_FILE=/nonexistent \
        "$GOLDCTL" audit --root "$H" --format json
check "GIT_DIR pointing at another repository changes nothing" test -z "$(rules_of)"

# ---- git fails: the repository is walked instead, and the audit says why ----
newhost gitbroken
echo "garbage" >"$H/home/qt/quantum_trader/.git/HEAD"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "a broken git repository: QTA003 with git's own words" python3 -c '
import json,sys
f=[f for f in json.load(open(sys.argv[1]))["findings"] if f["rule"]=="QTA003"]
assert len(f)==1, f
m=f[0]["message"]
assert "git ls-files failed" in m and "exited with status" in m and "walked" in m, m
assert "Protocol error" not in m, m' "$T/out"

# ---- a repository file that cannot be read is a finding, said once ----
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
        newhost unreadable
        f=$(cd "$H/home/qt/quantum_trader" && git -c safe.directory='*' ls-files '*.py' | head -1)
        check "the repository has a .py file" test -n "$f"
        chmod 000 "$H/home/qt/quantum_trader/$f"
        # as an unprivileged user root's bypass does not apply
        chmod o+x "$T" "$T/hosts"
        chmod -R o+rX "$H"
        chmod 000 "$H/home/qt/quantum_trader/$f"
        expect_rc 1 setpriv --reuid=65534 --regid=65534 --clear-groups \
                "$GOLDCTL" audit --root "$H" --format json --no-live
        check "an unreadable .py: one QTA003 naming it" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
f=[x for x in F if x["rule"]=="QTA003" and x["path"].endswith(sys.argv[2])]
assert len(f)==1, F
assert "Permission denied" in f[0]["message"], f' "$T/out" "$f"
else
        echo "# skip: reading as another user needs root and setpriv"
fi

# ---- CRLF in an env file: systemd is fine, bash keeps the \r ----
newhost crlf
sed -i 's/$/\r/' "$H/etc/quantum/backend.env"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "CRLF env file: one QTE010 at line 1" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
assert [(f["rule"],f["path"],f["line"]) for f in F]==[("QTE010","/etc/quantum/backend.env",1)], F
assert "CRLF" in F[0]["message"] and "bash" in F[0]["message"], F' "$T/out"

# ---- the contract's values reach the rules ----
newhost contract
printf '[EnvFile]\nExpect=AUTO_ACTIVATION=off SHADOW_MODE=on\n' >"$T/c1.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --contract "$T/c1.conf" --format json
check "Expect=AUTO_ACTIVATION=off, SHADOW_MODE=on: QTE007 and QTE008 follow it" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
m={f["rule"] for f in F}
assert m=={"QTE007","QTE008"}, F
assert all("AUTO_ACTIVATION=off" in f["message"] for f in F if f["rule"]=="QTE007"), F
assert all("SHADOW_MODE=on" in f["message"] for f in F if f["rule"]=="QTE008"), F' "$T/out"
printf '[Units]\nAfter=network-online.target redis-server.service time-sync.target\nBindsTo=redis-server.service postgresql.service\n' >"$T/c2.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --contract "$T/c2.conf" --format json
check "[Units] After= and BindsTo= reach QTU008 and QTU009" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
a=[f for f in F if f["rule"]=="QTU008"]
b=[f for f in F if f["rule"]=="QTU009"]
assert a and all("After=time-sync.target" in f["message"] for f in a), F
assert b and all("postgresql.service" in f["message"] for f in b), F
assert {f["rule"] for f in F}=={"QTU008","QTU009"}, F' "$T/out"

# ---- a template instance pulled in only by a .wants/ link is audited ----
newhost instance
U=$H/etc/systemd/system
sed -e 's/backend/worker/g' "$U/quantum-backend.service" >"$U/quantum-worker@.service"
sed -i -e 's/^User=qt$/User=root/' -e 's/^SyslogIdentifier=.*/SyslogIdentifier=quantum-worker@%i/' "$U/quantum-worker@.service"
mkdir -p "$U/multi-user.target.wants"
ln -s ../quantum-worker@.service "$U/multi-user.target.wants/quantum-worker@1.service"
cp -p "$H/etc/quantum/backend.env" "$H/etc/quantum/worker.env"
cp -a "$H/opt/quantum/venvs/backend" "$H/opt/quantum/venvs/worker"
sed -i 's/^SERVICE_NAME=backend$/SERVICE_NAME=worker/' "$H/etc/quantum/worker.env"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "the instance quantum-worker@1.service is audited (User=root found)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
F=d["findings"]
f=[x for x in F if x["rule"]=="QTU001"]
assert [x["unit"] for x in f]==["quantum-worker@1.service"], F
assert any(s.get("unit")=="quantum-worker@1.service" or s=="quantum-worker@1.service" for s in d["services"]), d["services"]' "$T/out"
check "the instance uses the template's env file and venv" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
assert not [x for x in F if x["rule"] in ("QTE001","QTF001","QTU004","QTU005")], F' "$T/out"

# ---- an env file git ignores is still in the work tree, where dotenv finds it ----
newhost ignored-env
check "the generated repository ignores .env" grep -qx '.env' "$H/home/qt/quantum_trader/.gitignore"
echo "REDIS_HOST=quantum_redis" >"$H/home/qt/quantum_trader/.env"
mkdir -p "$H/home/qt/quantum_trader/build"
echo "x" >"$H/home/qt/quantum_trader/build/ignored.env"
echo "build/" >>"$H/home/qt/quantum_trader/.gitignore"
(cd "$H/home/qt/quantum_trader" && git -c safe.directory='*' add .gitignore && git -c safe.directory='*' -c user.name=t -c user.email=t@t commit -qm ignore)
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "an ignored .env in the work tree: QTR001 (an ignored directory is not descended)" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
assert [(f["rule"],f["path"]) for f in F]==[("QTR001","/home/qt/quantum_trader/.env")], F
assert "git ignores it" in F[0]["message"], F' "$T/out"

# ---- a drop-in that resets a setting: the finding is at the drop-in's line ----
newhost reset
mkdir -p "$H/etc/systemd/system/quantum-backend.service.d"
printf '[Service]\nWorkingDirectory=\nUser=\n' >"$H/etc/systemd/system/quantum-backend.service.d/50-reset.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
check "settings reset by a drop-in are reported at the drop-in's lines" python3 -c '
import json,sys
F=json.load(open(sys.argv[1]))["findings"]
got=sorted((f["rule"],f["path"],f["line"]) for f in F)
d="/etc/systemd/system/quantum-backend.service.d/50-reset.conf"
assert got==[("QTU001",d,3),("QTU003",d,2)], got
assert all("reset (empty) here" in f["message"] for f in F), F' "$T/out"

done_testing
