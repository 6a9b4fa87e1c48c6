#!/bin/bash
# goldctl audit suppressions: inline '# goldctl: ignore=ID reason' on the
# line above a finding, and the contract's [Suppress] Ignore=ID PATH[:LINE] reason.
. "$(dirname "$0")/lib.sh"

BASE=$T/hosts/base
python3 "$REPO/tests/audit/hostgen.py" "$BASE"
UNIT=/etc/systemd/system/quantum-backend.service

# newhost NAME: a fresh copy of the compliant host; sets $H and $U (the
# backend unit's file)
newhost() {
        H=$T/hosts/$1
        cp -a "$BASE" "$H"
        U=$H$UNIT
}
# json_check NAME PYTHON: runs PYTHON with d = the json report in $T/out
json_check() {
        check "$1" python3 -c "import json,sys
d=json.load(open(sys.argv[1]))
F=d['findings']
$2" "$T/out"
}

# ---- the finding without suppression: User=root (001 D rule 3) on line 9 ----
newhost plain
sed -i 's/^User=qt$/User=root/' "$U"
check "hostgen's backend unit has User= on line 9" test "$(sed -n 9p "$U")" = User=root
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "unsuppressed: QTU001 at line 9, not suppressed" '
assert [(f["rule"],f["path"],f["line"],f["suppressed"]) for f in F]==[("QTU001","'$UNIT'",9,False)], F'

# ---- inline, by id, with a reason ----
newhost inline
sed -i 's/^User=qt$/# goldctl: ignore=QTU001 binds port 80 until the proxy lands (OPS-42)\nUser=root/' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "inline: suppressed, with the reason" '
assert len(F)==1, F
f=F[0]
assert (f["rule"],f["path"],f["line"])==("QTU001","'$UNIT'",10), f
assert f["suppressed"] is True, f
assert "binds port 80 until the proxy lands (OPS-42)" in f["suppression"], f
assert "line 9" in f["suppression"] or "inline" in f["suppression"], f
s=d["summary"]
assert (s["errors"],s["warnings"],s["suppressed"],s["compliant"])==(0,0,1,True), s'
expect_rc 0 "$GOLDCTL" audit --root "$H"
expect_no_grep "QTU001"
expect_grep "^0 errors, 0 warnings, 0 info in 0 files; 1 suppressed; 7 services audited under $H - compliant$"
expect_rc 0 "$GOLDCTL" audit --root "$H" --show-suppressed
expect_grep "^$UNIT$"
expect_grep "^ +10  error +QTU001 unit-user: User=root.*\[suppressed\]$"
expect_grep "suppressed by .*binds port 80 until the proxy lands \(OPS-42\)"
expect_grep " - compliant$"
# the exit status ignores it, whatever --fail-on
expect_rc 0 "$GOLDCTL" audit --root "$H" --fail-on info
# sarif: an in-source suppression; prometheus: counted apart
expect_rc 0 "$GOLDCTL" audit --root "$H" --format sarif
check "sarif: the result carries an inSource suppression with the reason" python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r)==1 and r[0]["ruleId"]=="QTU001", r
s=r[0]["suppressions"]
assert s[0]["kind"]=="inSource" and "OPS-42" in s[0]["justification"], s' "$T/out"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format prometheus
expect_grep "^goldctl_audit_suppressed_findings 1$"
expect_grep '^goldctl_audit_findings\{rule="QTU001",[^}]*\} 0$'
expect_grep "^goldctl_audit_compliant 1$"
# ';' starts a comment too, and the id is matched without regard to case
sed -i 's/^# goldctl: ignore=QTU001 /; goldctl: ignore=qtu001 /' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H"
expect_grep "1 suppressed"

# ---- by the rule's name ----
newhost byname
sed -i 's/^User=qt$/# goldctl: ignore=unit-user legacy binary needs root\nUser=root/' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "inline by name (unit-user): suppressed" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F
assert "legacy binary needs root" in F[0]["suppression"], F'

# ---- several ids ----
newhost several
sed -i 's/^User=qt$/# goldctl: ignore=QTU001,QTU002 root until the rewrite\nUser=root/' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "ignore=QTU001,QTU002: the QTU001 finding is suppressed" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F'
sed -i 's/ignore=QTU001,QTU002 /ignore=QTU002,QTU001 /' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "ignore=QTU002,QTU001: the id need not come first" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F'
# two findings on one line (a Docker-era ghost: 001 E), both named
sed -i 's/^After=network-online.target redis-server.service$/# goldctl: ignore=QTU017,QTG002 the old cache host, removed next release\nAfter=network-online.target redis-server.service quantum_redis.service/' "$U"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "two findings on one line, both suppressed by one comment" '
got=sorted((f["rule"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTG002",4,True),("QTU001",11,True),("QTU017",4,True)], got'
# naming only one of them leaves the other
sed -i 's/ignore=QTU017,QTG002 /ignore=QTU017 /' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "only the named rule is suppressed" '
got=sorted((f["rule"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTG002",4,False),("QTU001",11,True),("QTU017",4,True)], got'

# ---- what is not honoured ----
# a comment naming another rule
newhost other
sed -i 's/^User=qt$/# goldctl: ignore=QTU003 wrong rule\nUser=root/' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "a comment naming another rule suppresses nothing, and is reported unused (QTA001)" '
assert sorted((f["rule"],f["line"],f["suppressed"]) for f in F)==[("QTA001",9,False),("QTU001",10,False)], F'
# not on the line directly above
newhost farabove
sed -i 's/^User=qt$/# goldctl: ignore=QTU001 too far away\n\nUser=root/' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "a comment two lines above suppresses nothing, and is reported unused (QTA001)" '
assert sorted((f["rule"],f["line"],f["suppressed"]) for f in F)==[("QTA001",9,False),("QTU001",11,False)], F
assert "matches no finding" in [f for f in F if f["rule"]=="QTA001"][0]["message"], F'
# without a reason: not honoured, and QTA002 at the comment's line
newhost noreason
sed -i 's/^User=qt$/# goldctl: ignore=QTU001\nUser=root/' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "no reason: QTU001 stands, QTA002 at the comment (line 9)" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTA002","'$UNIT'",9,False),("QTU001","'$UNIT'",10,False)], got
q=[f for f in F if f["rule"]=="QTA002"][0]
assert q["severity"]=="warning" and "reason" in q["message"], q'
expect_rc 1 "$GOLDCTL" audit --root "$H"
expect_grep "^ +9  warning +QTA002 suppression-reason: "
expect_grep "^ +10  error +QTU001 unit-user: "
expect_grep "^1 error, 1 warning, 0 info in 1 file; 0 suppressed;"
# blanks after the id are no reason either
sed -i 's/^# goldctl: ignore=QTU001$/# goldctl: ignore=QTU001   /' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "only blanks after the id: not honoured" '
assert sorted(f["rule"] for f in F if not f["suppressed"])==["QTA002","QTU001"], F'

# ---- inline in an env file (001 F: AUTO_ACTIVATION=disabled) ----
newhost envfile
sed -i 's/^AUTO_ACTIVATION=disabled$/# goldctl: ignore=QTE007 canary host, activation watched by a human\nAUTO_ACTIVATION=enabled/' "$H/etc/quantum/backend.env"
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "an env file line is suppressed inline too" '
got=[(f["rule"],f["path"],f["line"],f["suppressed"]) for f in F]
assert ("QTE007","/etc/quantum/backend.env",13,True) in got, got
assert all(f["suppressed"] for f in F), F'

# ---- the contract's [Suppress] ----
newhost contract
sed -i 's/^User=qt$/User=root/' "$U"
C=$T/contracts
mkdir -p "$C"
printf '# local exceptions\n[Suppress]\nIgnore=QTU001 %s binds port 80 until the proxy lands\n' "$UNIT" >"$C/path.conf"
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/path.conf" --format json
json_check "contract Ignore=ID PATH reason: suppressed, naming the contract line" '
assert [(f["rule"],f["line"],f["suppressed"]) for f in F]==[("QTU001",9,True)], F
s=F[0]["suppression"]
assert "'"$C"'/path.conf:3" in s and "binds port 80 until the proxy lands" in s, s'
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/path.conf" --show-suppressed
expect_grep "\[suppressed\]$"
expect_grep "suppressed by contract $C/path.conf:3: binds port 80"
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/path.conf" --format sarif
check "sarif: a contract suppression is external" python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))["runs"][0]["results"]
assert r[0]["suppressions"][0]["kind"]=="external", r' "$T/out"
expect_rc 0 "$GOLDCTL" contract show --contract "$C/path.conf"
expect_grep "^\[Suppress\]$"
expect_grep "^Ignore=QTU001 $UNIT binds port 80 until the proxy lands$"
# by name, several ids, a glob
printf '[Suppress]\nIgnore=QTU002,unit-user /etc/systemd/system/quantum-*.service fleet-wide exception\n' >"$C/glob.conf"
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/glob.conf" --format json
json_check "contract: a rule name in a list, a glob path" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F'
# PATH:LINE, the right line
printf '[Suppress]\nIgnore=QTU001 %s:9 the right line\n' "$UNIT" >"$C/line.conf"
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/line.conf" --format json
json_check "contract PATH:LINE on the finding's line: suppressed" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F
assert "'"$C"'/line.conf:2" in F[0]["suppression"], F'
# PATH:LINE, another line: the finding stands and the suppression is unused
printf '[Suppress]\n# the unit moved on\nIgnore=QTU001 %s:8 the old line\n' "$UNIT" >"$C/wrongline.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --contract "$C/wrongline.conf" --format json
json_check "contract PATH:LINE elsewhere: QTU001 stands, QTA001 at the contract's line 3" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTA001","'"$C"'/wrongline.conf",3,False),("QTU001","'$UNIT'",9,False)], got'
# an unused suppression
printf '[Suppress]\nIgnore=QTU001 %s root until the rewrite\n\nIgnore=QTU005 /etc/systemd/system/quantum-ai-engine.service nothing to suppress\n' "$UNIT" >"$C/unused.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --contract "$C/unused.conf" --format json
json_check "an unused suppression: QTA001 (a warning) at its line 4" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTA001","'"$C"'/unused.conf",4,False),("QTU001","'$UNIT'",9,True)], got
q=[f for f in F if f["rule"]=="QTA001"][0]
assert q["severity"]=="warning" and "QTU005" in q["message"], q'
expect_rc 1 "$GOLDCTL" audit --root "$H" --contract "$C/unused.conf"
expect_grep "^$C/unused.conf$"
expect_grep "^ +4  warning +QTA001 unused-suppression: "
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$C/unused.conf" --fail-on error
# the host's own contract drop-in: paths as on the host
mkdir -p "$H/etc/goldctl/contract.d"
printf '[Suppress]\nIgnore=QTU001 %s:9 root until the rewrite\nIgnore=QTE002 /etc/quantum/backend.env never mind\n' "$UNIT" >"$H/etc/goldctl/contract.d/50-exceptions.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --root-contract --format json
json_check "a host drop-in: suppresses, and its unused line is named by its host path" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTA001","/etc/goldctl/contract.d/50-exceptions.conf",3,False),("QTU001","'$UNIT'",9,True)], got'
# a file-wide finding (line 0) is suppressed by the contract: env file mode (001 C: 640)
chmod 0644 "$H/etc/quantum/backend.env"
expect_rc 0 "$GOLDCTL" audit --root "$H" --root-contract --format json
json_check "a whole-file finding (QTE002) suppressed by PATH" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTE002","/etc/quantum/backend.env",0,True),("QTU001","'$UNIT'",9,True)], got'
# an audited tree does not decide its own contract: without --root-contract
# the same drop-in forgives nothing, and the report says it was not read
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "a tree's own drop-in is not read without --root-contract" '
got=sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)
assert got==[("QTE002","/etc/quantum/backend.env",0,False),("QTU001","'$UNIT'",9,False)], got
assert any("contract drop-ins" in s and "--root-contract" in s for s in d["not_checked"]), d["not_checked"]'
printf '[Suppress]\nIgnore=QTU001 /* everything is fine\n' >"$H/etc/goldctl/contract.d/99-all.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H"
expect_grep "^not checked: the tree's own contract drop-ins"
rm "$H/etc/goldctl/contract.d/99-all.conf"
# a contract file another user could have written is refused (a careless
# root must not take what it forgives from the service user)
cp "$C/unused.conf" "$C/shared.conf"
chmod 0664 "$C/shared.conf"
expect_rc 2 "$GOLDCTL" audit --root "$H" --contract "$C/shared.conf"
expect_grep "refusing the contract $C/shared.conf: the file $C/shared.conf can be written by its group" "$T/err"
check "nothing audited with an untrusted contract" test ! -s "$T/out"
chmod 0644 "$C/shared.conf"
mkdir -p "$C/shared.conf.d"
printf '[Suppress]\nIgnore=QTU001 /* trust me\n' >"$C/shared.conf.d/10-x.conf"
chown nobody "$C/shared.conf.d/10-x.conf"
expect_rc 2 "$GOLDCTL" contract show --contract "$C/shared.conf"
expect_grep "refusing the contract $C/shared.conf.d/10-x.conf: the file .* belongs to uid $(id -u nobody), not to root" "$T/err"
chown root "$C/shared.conf.d/10-x.conf"
chmod 0777 "$C/shared.conf.d"
expect_rc 2 "$GOLDCTL" contract show --contract "$C/shared.conf"
expect_grep "refusing the contract $C/shared.conf.d: the directory .* can be written by every user" "$T/err"
chmod 0755 "$C/shared.conf.d"
expect_rc 0 "$GOLDCTL" contract show --contract "$C/shared.conf"
expect_grep "^#   $C/shared.conf.d/10-x.conf$"

# ---- a setting continued over lines: the finding names its last line (as
# systemd does), the comment above its first line suppresses it ----
newhost continued
python3 - "$U" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read().replace(
    "ExecStart=/opt/quantum/venvs/backend/bin/python microservices/backend/main.py\n",
    "# goldctl: ignore=QTU005 the system python until the venv is rebuilt (OPS-7)\n"
    "ExecStart=/usr/bin/python3 \\\n"
    "# a comment inside the continuation\n"
    "    microservices/backend/main.py \\\n"
    "    --port 8000\n")
open(p, "w").write(t)
PY
expect_rc 0 "$GOLDCTL" audit --root "$H" --format json
json_check "continued setting: suppressed by the comment above its first line" '
f=[f for f in F if f["rule"]=="QTU005"]
assert len(f)==1 and f[0]["suppressed"] and f[0]["line"]==17, F
assert "OPS-7" in f[0]["suppression"] and "line 13" in f[0]["suppression"], f[0]
assert all(x["suppressed"] for x in F), F'
# without the comment it is reported, at the last line
sed -i '/goldctl: ignore=QTU005/d' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "continued setting: reported at its last line" '
assert [(f["rule"],f["line"],f["suppressed"]) for f in F]==[("QTU005",16,False)], F'
# ---- a stale inline suppression (the problem was fixed) is reported ----
newhost stale
sed -i 's/^User=qt$/# goldctl: ignore=QTU001 root until OPS-42\nUser=qt/' "$U"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "stale inline suppression: QTA001 at the comment" '
assert [(f["rule"],f["path"],f["line"]) for f in F]==[("QTA001","'$UNIT'",9)], F'
# in a repository file: a used one suppresses, a stale one is reported
newhost repo
PY=/home/qt/quantum_trader/microservices/legacy/config.py
mkdir -p "$(dirname "$H$PY")"
printf '%s\n' '# goldctl: ignore=QTR002 the legacy loader until OPS-7' 'DB = "/home/user/data/db.sqlite"' \
        '# goldctl: ignore=QTR002 the path was removed' 'X = 1' >"$H$PY"
expect_rc 1 "$GOLDCTL" audit --root "$H" --format json
json_check "repository file: the used comment suppresses QTR002, the stale one is QTA001 at its line" '
assert sorted((f["rule"],f["path"],f["line"],f["suppressed"]) for f in F)==[("QTA001","'$PY'",3,False),("QTR002","'$PY'",2,True)], F'

# one that is both inline and in the contract is used by both
newhost both
sed -i 's/^User=qt$/# goldctl: ignore=QTU001 root until OPS-42\nUser=root/' "$U"
printf '[Suppress]\nIgnore=QTU001 %s root until OPS-42\n' "$UNIT" >"$T/both.conf"
expect_rc 0 "$GOLDCTL" audit --root "$H" --contract "$T/both.conf" --format json
json_check "suppressed by the contract and inline: neither is stale" '
assert [(f["rule"],f["suppressed"]) for f in F]==[("QTU001",True)], F'
done_testing
