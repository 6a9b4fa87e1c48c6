#!/bin/bash
# goldctl run compared with a real systemd manager (../shared/testenv/sdmgr.sh):
# the environment, user, groups, working directory and umask that
# `goldctl run --unit UNIT -- COMMAND` gives COMMAND are those the manager
# gives the unit's ExecStart; the env file values `goldctl run SERVICE
# SCRIPT` passes are those a unit with that EnvironmentFile= gets; what the
# manager refuses to start, goldctl refuses too, with its own exit code.
. "$(dirname "$0")/lib.sh"

SDMGR=$SHARED/testenv/sdmgr.sh
need() {
        if [ -n "${CI:-}" ]; then echo "not ok - $1 (CI must have it)"; exit 1; fi
        echo "# skip: $1"; echo "1..0"; exit 0
}
[ "$(id -u)" = 0 ] || need "a systemd manager and dropping privileges need root"
[ -x "$SDMGR" ] || need "$SDMGR is missing"
command -v redis-server >/dev/null || need "redis-server is not installed"
PY=/usr/bin/python3
[ -x "$PY" ] || need "/usr/bin/python3 is missing"

chmod 755 "$T"
S=$T/sd
if ! bash "$SDMGR" start root "$S" >"$T/sd.log" 2>&1; then
        cat "$T/sd.log"
        need "sdmgr.sh start failed"
fi
RP=
trap '[ -n "$RP" ] && kill $RP 2>/dev/null; bash "$SDMGR" stop root "$S" >/dev/null 2>&1; rm -rf "$T"' EXIT
U=$S/config/systemd/user
in_ns() { bash "$SDMGR" exec root "$S" "$@"; }

# the child reports what it got: the exec'ed environment from /proc, cwd,
# ids, groups and umask
mkdir -p "$T/bin" "$T/o" "$T/env" "$T/wd"
chmod 1777 "$T/o"
cat >"$T/bin/dump.py" <<'EOF'
import json, os, sys
env = [e.decode("utf-8", "surrogateescape") for e in open("/proc/self/environ", "rb").read().split(b"\0") if e]
um = os.umask(0)
json.dump({"env": sorted(env), "cwd": os.getcwd(), "uid": os.getuid(), "gid": os.getgid(),
           "groups": sorted(set(os.getgroups())), "umask": oct(um), "argv": sys.argv[2:]}, open(sys.argv[1], "w"))
EOF
chmod -R a+rX "$T/bin" "$T/wd"

# env files with what a shell and systemd read differently: spaces, quotes,
# '#', '$', backslashes, CRLF, export, continuations, a bad name, repeats
printf '%s\n' \
        'SPACES=two words here' \
        'DQ="double \"quoted\" value"' \
        "SQ='single \$HOME \\n'" \
        'HASH=value # not a comment' \
        'HASH2=value#tight' \
        'DOLLAR=$HOME and ${PATH}' \
        'BACK=a\\b\tc\' \
        'continued' \
        'export EXPORTED=yes' \
        '  INDENT = padded  ' \
        'EMPTY=' \
        '9BAD=dropped' \
        'REPEAT=first' \
        'REPEAT=second' \
        'DROPME=1' \
        'KEEP=value' \
        'GONE=exact' \
        '# a comment' \
        '; another' >"$T/env/a.env"
printf 'CRLF=windows\r\nCRLF2="quoted"\r\nREPEAT=from-b\r\n' >"$T/env/b.env"
printf 'G1=1\nGLOBBED=from-g1\n' >"$T/env/g1.env"
printf 'GLOBBED=from-g2\n' >"$T/env/g2.env"
chmod -R a+rX "$T/env"

dump() { echo "ExecStart=$PY $T/bin/dump.py $T/o/$1.json arg"; }
svc() { # NAME LINES...: a oneshot service running the dumper
        local n=$1; shift
        { echo "[Service]"; echo "Type=oneshot"; printf '%s\n' "$@"; dump "$n"; } >"$U/$n.service"
}
svc u1 "User=nobody" "Group=nogroup" "WorkingDirectory=$T/wd" "UMask=0027" \
        "Environment=\"A=x y\" 'B=q\"r' C=\\x41 F=%n MGR_VAR=from-unit-overridden" "Environment=A=override" \
        "EnvironmentFile=$T/env/a.env" "EnvironmentFile=-$T/env/missing.env" "EnvironmentFile=$T/env/b.env" \
        "UnsetEnvironment=DROPME KEEP=wrong-value GONE=exact" \
        "PassEnvironment=XDG_CONFIG_HOME NOT_SET_ANYWHERE"
mkdir -p "$U/u1.service.d"
printf '[Service]\nEnvironment=DROPIN=1 MGR_VAR=from-dropin\nUMask=0002\n' >"$U/u1.service.d/10-over.conf"
svc u2 "User=daemon" "SupplementaryGroups=bin" "WorkingDirectory=~" "EnvironmentFile=$T/env/g*.env" \
        "EnvironmentFile=-$T/env/nomatch*.env" "Environment=PATH=/opt/x/bin:/usr/bin"
svc u3 "User=sync" "WorkingDirectory=-$T/nonexistent"
svc u4 "Group=bin" "WorkingDirectory=/" "UnsetEnvironment=HOME"
svc u5 "User=root" "WorkingDirectory=$T/wd" "UnsetEnvironment=MGR_VAR=other-value"
{ echo "[Service]"; echo "Type=oneshot"; echo "User=www-data"; echo "WorkingDirectory=/"; \
  echo "Environment=I=%i N=%n P=%p"; echo "ExecStart=$PY $T/bin/dump.py $T/o/inst-%i.json arg"; } >"$U/inst@.service"
# what the manager refuses to start
svc bad-user "User=goldctl-no-such-user" "WorkingDirectory=/"
svc bad-group "User=nobody" "Group=goldctl-no-such-group" "WorkingDirectory=/"
# Debian has no group "nobody": systemd's own is nogroup
svc bad-group-nobody "User=nobody" "Group=nobody" "WorkingDirectory=/"
svc bad-envfile "WorkingDirectory=/" "EnvironmentFile=$T/env/missing.env"
svc bad-wd "WorkingDirectory=$T/nonexistent"
svc masked "WorkingDirectory=/"
ln -sf /dev/null "$U/masked.service"
in_ns systemctl daemon-reload
in_ns systemctl set-environment "MGR_VAR=from manager" "MGR_SPACES=a  b"

# NAME [UNIT]: the manager runs the unit, goldctl runs the dumper with --unit
compare() {
        local n=$1 unit=${2:-$1.service}
        rm -f "$T/o/$n.json" "$T/o/g-$n.json"
        in_ns systemctl start "$unit" >"$T/start.err" 2>&1
        in_ns "$GOLDCTL" run --unit "$unit" --unit-path "$U" -- "$PY" "$T/bin/dump.py" "$T/o/g-$n.json" arg \
                >"$T/run.out" 2>&1
        check "$unit: goldctl run --unit gives what the manager gives" python3 - "$T/o/$n.json" "$T/o/g-$n.json" <<'EOF'
import json, sys
# set by the manager for one invocation, not by the unit's files
PER_INVOCATION = {"INVOCATION_ID", "SYSTEMD_EXEC_PID", "MANAGERPID", "JOURNAL_STREAM"}
sd, gold = (json.load(open(f)) for f in sys.argv[1:3])
def env(d): return {e.split("=", 1)[0]: e.split("=", 1)[1] for e in d["env"] if e.split("=", 1)[0] not in PER_INVOCATION}
bad = [f"{k}: systemd {sd[k]!r}, goldctl {gold[k]!r}" for k in ("cwd", "uid", "gid", "groups", "umask", "argv") if sd[k] != gold[k]]
e1, e2 = env(sd), env(gold)
bad += [f"{k}: systemd {e1.get(k)!r}, goldctl {e2.get(k)!r}" for k in sorted(set(e1) | set(e2)) if e1.get(k) != e2.get(k)]
assert not bad, "\n".join(bad)
EOF
}
compare u1
compare u2
compare u3
compare u4
compare u5
compare inst-foo inst@foo.service

# the comparisons are not empty: the tricky values are there, as systemd gives them
check "u1: env file values as systemd reads them" python3 - "$T/o/g-u1.json" <<'EOF'
import json, sys
e = dict(x.split("=", 1) for x in json.load(open(sys.argv[1]))["env"])
want = {"SPACES": "two words here", "DQ": 'double "quoted" value', "SQ": "single $HOME \\n",
        "HASH": "value # not a comment", "DOLLAR": "$HOME and ${PATH}",
        "INDENT": "padded", "EMPTY": "", "REPEAT": "from-b", "CRLF": "windows", "CRLF2": "quoted",
        "A": "override", "B": 'q"r', "C": "A", "F": "u1.service", "KEEP": "value", "DROPIN": "1",
        "MGR_VAR": "from-dropin", "MGR_SPACES": "a  b", "USER": "nobody", "LOGNAME": "nobody"}
bad = {k: (e.get(k), v) for k, v in want.items() if e.get(k) != v}
assert not bad, bad
# systemd 252 drops an "export NAME=..." line
for gone in ("DROPME", "GONE", "9BAD", "NOT_SET_ANYWHERE", "SHELL", "EXPORTED"):
    assert gone not in e, gone
assert e["XDG_CONFIG_HOME"], "PassEnvironment= from the manager's process"
assert e["BACK"].startswith("a"), e["BACK"]
EOF
check "u2: groups, ~, globbed files in order" python3 - "$T/o/g-u2.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); e = dict(x.split("=", 1) for x in d["env"])
assert d["cwd"] == "/usr/sbin" and d["uid"] == 1 and d["groups"] == [1, 2], d
assert e["GLOBBED"] == "from-g2" and e["G1"] == "1" and e["PATH"] == "/opt/x/bin:/usr/bin", e
EOF

# the dry run says where each value comes from, and hides secrets
printf 'API_SECRET=hunter2hunter2\n' >"$T/env/secret.env"
svc sec "WorkingDirectory=/" "EnvironmentFile=$T/env/secret.env"
in_ns systemctl daemon-reload
expect_rc 0 in_ns "$GOLDCTL" run --dry-run --unit u1.service --unit-path "$U" -- "$PY" "$T/bin/dump.py" "$T/o/g-dry.json"
expect_grep "^  ok      unit +unit u1.service: loaded from $U/u1.service and its drop-ins"
expect_grep "would run as nobody \(uid 65534, gid 65534, groups 65534\), umask 0002"
expect_grep "^  DROPIN=\"1\"  # Environment= at $U/u1.service.d/10-over.conf:2"
expect_grep "^  SPACES=\"two words here\"  # EnvironmentFile= $T/env/a.env:1"
expect_grep "^  MGR_SPACES=\"a  b\"  # the manager's environment"
check "a dry run runs nothing" test ! -e "$T/o/g-dry.json"
expect_rc 0 in_ns "$GOLDCTL" run --dry-run --unit sec.service --unit-path "$U" -- /bin/true
expect_grep "API_SECRET=\(hidden"
expect_no_grep "hunter2"
expect_rc 0 in_ns "$GOLDCTL" run --dry-run --format json --unit sec.service --unit-path "$U" -- /bin/true
check "json dry run" python3 - "$T/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["mode"] == "unit" and d["unit"] == "sec.service" and d["exit"] == 0, d
assert [c["status"] for c in d["checks"]] == ["ok"] * 5, d["checks"]
p = d["plan"]
assert p["user"] == "root" and p["uid"] == 0 and p["umask"] == "0022" and p["cwd"] == "/", p
assert p["argv"] == ["/bin/true"] and p["program"] == "/bin/true", p
s = [v for v in p["environment"] if v["name"] == "API_SECRET"]
assert s and s[0]["hidden"] and s[0]["value"] is None and "secret.env:1" in s[0]["origin"], s
EOF

# what the manager refuses, goldctl refuses, and runs nothing
refused() { # UNIT CODE PATTERN
        check "$1: the manager does not start it" bash -c "! bash '$SDMGR' exec root '$S' systemctl start '$1' 2>/dev/null"
        expect_rc "$2" in_ns "$GOLDCTL" run --unit "$1" --unit-path "$U" -- "$PY" "$T/bin/dump.py" "$T/o/ran.json"
        expect_grep "$3" "$T/err"
        check "$1: nothing ran" test ! -e "$T/o/ran.json"
}
refused bad-user.service 110 "check user failed: User=goldctl-no-such-user: no such user"
refused bad-group.service 110 "Group=goldctl-no-such-group: no such group"
refused bad-group-nobody.service 110 "Group=nobody: no such group"
refused bad-envfile.service 111 "check env-files failed: .*missing.env: no such file"
refused bad-wd.service 112 "check working-directory failed: .*nonexistent: No such file"
refused masked.service 109 "check unit failed: unit masked.service: masked"
refused no-such-unit.service 109 "no unit file for it"
expect_rc 113 in_ns "$GOLDCTL" run --unit u4.service --unit-path "$U" -- goldctl-no-such-command
expect_grep "check command failed: goldctl-no-such-command: not found in the service's PATH" "$T/err"
expect_rc 100 "$GOLDCTL" run --unit 'inst@.service' -- /bin/true
expect_grep "is not a unit name" "$T/err"
expect_rc 100 "$GOLDCTL" run --unit u1.service
expect_rc 100 "$GOLDCTL" run --unit u1.service --contract /dev/null -- /bin/true
expect_rc 100 "$GOLDCTL" run --unit u1.service --unit-path relative -- /bin/true
expect_rc 100 "$GOLDCTL" run --format json --unit u1.service -- /bin/true

# not root: only a unit that runs as the caller, with the caller's groups
svc asnobody "User=nobody" "Group=nogroup" "WorkingDirectory=/"
in_ns systemctl daemon-reload
NOBODY=(in_ns setpriv --reuid=65534 --regid=65534 --init-groups)
expect_rc 0 "${NOBODY[@]}" "$GOLDCTL" run --unit asnobody.service --unit-path "$U" --dry-run -- /bin/true
expect_rc 0 "${NOBODY[@]}" "$GOLDCTL" run --unit asnobody.service --unit-path "$U" -- /bin/true
expect_rc 108 "${NOBODY[@]}" "$GOLDCTL" run --unit u3.service --unit-path "$U" --dry-run -- /bin/true
expect_grep "the service runs as sync .*run this as root" "$T/err"
expect_rc 108 "${NOBODY[@]}" "$GOLDCTL" run --unit u2.service --unit-path "$U" -- "$PY" "$T/bin/dump.py" "$T/o/ran.json"
expect_grep "the service runs as daemon .*run this as root" "$T/err"
check "not allowed: nothing ran" test ! -e "$T/o/ran.json"

# without a manager to ask: systemd's default environment, said in a note
expect_rc 0 env DBUS_SYSTEM_BUS_ADDRESS=unix:path=$T/no-bus "$GOLDCTL" run --dry-run --unit u4.service --unit-path "$U" -- /bin/true
expect_grep "note: the service manager could not be asked"
expect_grep '^  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # the manager'"'"'s environment'

# ---- goldctl run SERVICE SCRIPT: the env file's values as the manager gives them ----
R=$T/repo
mkdir -p "$R/ops" "$T/venvs/ai-engine/bin" "$T/senv" "$T/data"
ln -s "$PY" "$T/venvs/ai-engine/bin/python"
cp "$T/bin/dump.py" "$R/ops/dump.py"
touch "$T/data/db.sqlite"
chmod -R a+rX "$R" "$T/venvs" "$T/data"
{ cat "$T/env/a.env" "$T/env/b.env"; } >"$T/senv/ai-engine.env"
chown root:nogroup "$T/senv/ai-engine.env"
chmod 0640 "$T/senv/ai-engine.env"
redis-server --port 0 --unixsocket "$T/redis.sock" --unixsocketperm 777 --daemonize no --dir "$T" --save '' \
        --appendonly no >"$T/redis.log" 2>&1 &
RP=$!
for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping >/dev/null 2>&1 && break; sleep 0.02; done
cat >"$T/contract.conf" <<EOF
[Contract]
User=nobody
Group=nogroup
[Paths]
RepoRoot=$R
DataDir=$T/data
VenvDir=$T/venvs
EnvDir=$T/senv
Database=$T/data/db.sqlite
[EnvFile]
Group=nogroup
[Redis]
Host=$T/redis.sock
EOF
svc envonly "User=nobody" "WorkingDirectory=/" "EnvironmentFile=$T/senv/ai-engine.env"
in_ns systemctl daemon-reload
in_ns systemctl start envonly.service
expect_rc 0 "$GOLDCTL" run --contract "$T/contract.conf" ai-engine ops/dump.py "$T/o/w-envonly.json" arg
check "goldctl run SERVICE: the env file's variables are those the manager gives a unit" \
        python3 - "$T/o/envonly.json" "$T/o/w-envonly.json" "$T/senv/ai-engine.env" <<'EOF'
import json, re, sys
sd, gold = (dict(e.split("=", 1) for e in json.load(open(f))["env"]) for f in sys.argv[1:3])
# the file's own names (what any line could set), compared; the rest is the
# manager's or the wrapper's
names = set(re.findall(rb"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", open(sys.argv[3], "rb").read(), re.M))
names = {n.decode() for n in names}
bad = [f"{n}: systemd {sd.get(n)!r}, goldctl run {gold.get(n)!r}" for n in sorted(names) if sd.get(n) != gold.get(n)]
assert len(names) > 15 and not bad, "\n".join(bad) or names
EOF

done_testing
