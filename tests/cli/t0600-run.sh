#!/bin/bash
# goldctl run, the fail-closed ops wrapper, against a real Redis: each check
# failing in turn gives its exit code and message and runs nothing; the
# environment is built from nothing with the env file read as systemd reads
# it; arguments arrive byte for byte; as root the script runs as the
# contract's user with its groups and no_new_privs, and inherits no file
# descriptor above 2; the script's exit status is the status.
. "$(dirname "$0")/lib.sh"

if ! command -v redis-server >/dev/null; then
        [ -n "${CI:-}" ] && { echo "not ok - redis-server is not installed (CI must have it)"; exit 1; }
        echo "# skip: redis-server is not installed"; echo "1..0"; exit 0
fi
if [ "$(id -u)" != 0 ]; then
        [ -n "${CI:-}" ] && { echo "not ok - the run tests need root (CI runs as root)"; exit 1; }
        echo "# skip: needs root (owners, dropping privileges)"; echo "1..0"; exit 0
fi

# the contract's user and group: nobody:nogroup exist on every Debian system
chmod 755 "$T"
R=$T/repo
mkdir -p "$R/ops" "$T/venvs/ai-engine/bin" "$T/env" "$T/data" "$T/outside"
# Debian's python: every user can run it
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
ln -s "$PY" "$T/venvs/ai-engine/bin/python"
# the child reports what it got: the exec'ed environment from /proc (python
# adds nothing there), argv, cwd, ids, groups, no_new_privs, open fds
cat >"$R/ops/show.py" <<'EOF'
import json, os, sys
env = [e.decode("utf-8", "surrogateescape") for e in open("/proc/self/environ", "rb").read().split(b"\0") if e]
st = {l.split(":")[0]: l.split(":", 1)[1].strip() for l in open("/proc/self/status")}
fds = sorted(int(f) for f in os.listdir("/proc/self/fd"))
json.dump({"argv": [a.encode("utf-8", "surrogateescape").hex() for a in sys.argv[1:]], "env": env,
           "cwd": os.getcwd(), "uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(),
           "egid": os.getegid(), "groups": sorted(os.getgroups()), "nnp": st.get("NoNewPrivs"),
           "fds": fds, "script": sys.argv[0]}, open(os.environ["REPORT"], "w"))
EOF
printf 'import sys\nsys.exit(int(sys.argv[1]))\n' >"$R/ops/exit.py"
printf 'open(%s, "w").write("ran")\n' "'$T/ran'" >"$R/ops/mark.py"
touch "$T/data/db.sqlite"
echo 'print("outside")' >"$T/outside/evil.py"
ln -s "$T/outside/evil.py" "$R/ops/link.py"
chmod -R a+rX "$T"
mkdir -p "$T/report" && chown nobody:nogroup "$T/report"

redis-server --port 0 --unixsocket "$T/redis.sock" --unixsocketperm 777 --daemonize no --dir "$T" --save '' \
        --appendonly no >"$T/redis.log" 2>&1 &
RP=$!
trap 'kill $RP 2>/dev/null; wait $RP 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping >/dev/null 2>&1 && break; sleep 0.02; done

cat >"$T/contract.conf" <<EOF
[Contract]
User=nobody
Group=nogroup
[Paths]
RepoRoot=$R
DataDir=$T/data
VenvDir=$T/venvs
EnvDir=$T/env
Database=$T/data/db.sqlite
[EnvFile]
Group=nogroup
[Redis]
Host=$T/redis.sock
EOF
ENV=$T/env/ai-engine.env
write_env() { # CONTENT (printf format-free): the env file, 0640 root:nogroup
        printf '%s' "$1" >"$ENV"
        chown root:nogroup "$ENV"
        chmod 0640 "$ENV"
}
write_env "REPORT=$T/report/out.json
"
RUN=("$GOLDCTL" run --contract "$T/contract.conf")

# ---- everything in place ----
expect_rc 0 "${RUN[@]}" --dry-run ai-engine ops/show.py
for c in repo-root venv env-file script redis database data-dir; do
        expect_grep "^  ok      $c "
done
expect_grep '^  argv\[0\] "'"$T"'/venvs/ai-engine/bin/python"$'
expect_grep '^  argv\[1\] "'"$R"'/ops/show.py"$'
check "--dry-run ran nothing" test ! -e "$T/report/out.json"
expect_rc 0 "${RUN[@]}" --dry-run --format json ai-engine ops/show.py $'\xff' -v
check "--dry-run --format json: checks, plan, exit" python3 - "$T/out" "$T" "$R" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1])); T, R = sys.argv[2:4]
assert d["mode"] == "service" and d["service"] == "ai-engine" and d["exit"] == 0, d
assert [c["check"] for c in d["checks"]] == ["repo-root", "venv", "env-file", "script", "redis", "database", "data-dir"]
assert all(c["status"] == "ok" and c["fix"] is None for c in d["checks"]), d["checks"]
p = d["plan"]
assert p["argv"] == [f"{T}/venvs/ai-engine/bin/python", f"{R}/ops/show.py", {"escaped": "\\377"}, "-v"], p["argv"]
assert p["cwd"] == R and p["user"] == "nobody" and p["no_new_privs"] is True, p
env = {v["name"]: v["value"] for v in p["environment"]}
assert env["SERVICE_NAME"] == "ai-engine" and env["REPORT"] == f"{T}/report/out.json", env
EOF2
sed "s|^RepoRoot=.*|RepoRoot=$T/no-repo|" "$T/contract.conf" >"$T/bad-root.conf"
expect_rc 101 "$GOLDCTL" run --contract "$T/bad-root.conf" --dry-run --format json ai-engine ops/show.py
check "--format json: a failed check, the ones after it not run, no plan" python3 - "$T/out" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["exit"] == 101 and d["plan"] is None, d
assert d["checks"][0]["status"] == "failed" and d["checks"][0]["fix"], d["checks"][0]
assert {c["status"] for c in d["checks"][1:]} == {"not-run"}, d["checks"]
EOF2
expect_rc 100 "${RUN[@]}" --format json ai-engine ops/show.py
expect_rc 100 "${RUN[@]}" --dry-run --format yaml ai-engine ops/show.py

# ---- arguments byte for byte, the environment from nothing, the user ----
ARGS=(-x "a b" "" "--" "'\"quoted\"'" '$HOME' 'back\slash' $'new\nline' $'\xff\xfe' "-n")
rm -f "$T/report/out.json"
expect_rc 0 env INHERITED=leak "${RUN[@]}" ai-engine ops/show.py "${ARGS[@]}" 5>/dev/null 7</dev/null
check "the script ran" test -s "$T/report/out.json"
check "arguments arrive byte for byte" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
want=[a.encode("utf-8","surrogateescape").hex() for a in sys.argv[2:]]
assert d["argv"]==want, (d["argv"], want)' "$T/report/out.json" "${ARGS[@]}"
check "the environment is built from nothing, in the documented order" python3 -c '
import json,sys
T,R=sys.argv[2],sys.argv[3]
d=json.load(open(sys.argv[1]))
want=["REPORT=%s/report/out.json"%T, "REPO_ROOT=%s"%R, "DATA_DIR=%s/data"%T, "PYTHONPATH=%s"%R,
      "PATH=%s/venvs/ai-engine/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"%T,
      "VIRTUAL_ENV=%s/venvs/ai-engine"%T, "PYTHONUNBUFFERED=1", "SERVICE_NAME=ai-engine"]
assert d["env"]==want, d["env"]' "$T/report/out.json" "$T" "$R"
check "as root: runs as nobody:nogroup, its groups only, no_new_privs, in the repository" python3 -c '
import json,sys,pwd,grp,os
d=json.load(open(sys.argv[1]))
u=pwd.getpwnam("nobody"); g=grp.getgrnam("nogroup")
assert (d["uid"],d["euid"],d["gid"],d["egid"])==(u.pw_uid,u.pw_uid,g.gr_gid,g.gr_gid), d
want=sorted(set([g.gr_gid]+os.getgrouplist("nobody", g.gr_gid)))
assert d["groups"]==want, (d["groups"], want)
assert d["nnp"]=="1", d
assert d["cwd"]==sys.argv[2], d' "$T/report/out.json" "$R"
check "no inherited file descriptor above 2 (5 and 7 were open)" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
# the one above 2 is the directory listing /proc/self/fd itself
assert len([f for f in d["fds"] if f > 2]) <= 1 and 5 not in d["fds"] and 7 not in d["fds"], d["fds"]' "$T/report/out.json"

# ---- the env file as systemd reads it (never a shell) ----
write_env "REPORT=$T/report/out.json
SPACES=a b c
QUOTED=\"x y\"  z
HASH=v # not a comment
DOLLAR=\$HOME \${PATH}
BACKSLASH=a\\\\b\\
  continued
export EXPORTED=1
CRLF=yes"$'\r'"
SINGLE='it''s'
"
rm -f "$T/report/out.json"
expect_rc 0 "${RUN[@]}" ai-engine ops/show.py
check "values reach the script as systemd gives them, not as bash would" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
e=dict(x.split("=",1) for x in d["env"])
assert e["SPACES"]=="a b c", e
assert e["QUOTED"]=="x yz", e
assert e["HASH"]=="v # not a comment", e
assert e["DOLLAR"]=="$HOME ${PATH}", e
# an unquoted value continued with a backslash keeps the next line blanks
# and all (systemd 252: the env-file vectors of tests/oracle check it)
assert e["BACKSLASH"]=="a\\b  continued", repr(e["BACKSLASH"])
assert "EXPORTED" not in e and "export EXPORTED" not in e, e
assert e["CRLF"]=="yes", repr(e["CRLF"])
assert e["SINGLE"]=="its", e' "$T/report/out.json"
check "goldctl env show agrees with what the script got" python3 -c '
import json,sys,subprocess
d=json.load(open(sys.argv[1]))
g=json.loads(subprocess.run([sys.argv[2],"env","show","--format","json",sys.argv[3]],capture_output=True).stdout)
shown=[(v["name"],v["value"]) for v in g["environment"] if v["applied"]]
got=[tuple(x.split("=",1)) for x in d["env"]][:len(shown)]
assert shown and got==shown, (got, shown)' "$T/report/out.json" "$GOLDCTL" "$ENV"

# ---- the script's exit status is the status ----
write_env ""
expect_rc 3 "${RUN[@]}" ai-engine ops/exit.py 3
expect_rc 0 "${RUN[@]}" ai-engine ops/exit.py 0
expect_rc 2 "${RUN[@]}" ai-engine ops/exit.py 2

# ---- each check failing in turn: its code, its message, nothing run ----
fails() { # CODE CHECK TEXT SETUP UNDO
        rm -f "$T/ran"
        eval "$4"
        expect_rc "$1" "${RUN[@]}" ai-engine ops/mark.py
        check "$2 failing: exit $1, nothing ran" test ! -e "$T/ran"
        check "$2 failing: one line names the check" grep -q "^goldctl run: check $2 failed: " "$T/err"
        check "$2 failing: a fix is given" grep -q "^  fix: " "$T/err"
        [ -n "$3" ] && check "$2 failing: says '$3'" grep -qF -- "$3" "$T/err"
        eval "$5"
}
fails 101 repo-root "No such file" 'mv "$R" "$R.off"' 'mv "$R.off" "$R"'
fails 102 venv "No such file" 'mv "$T/venvs/ai-engine" "$T/venvs/x"' 'mv "$T/venvs/x" "$T/venvs/ai-engine"'
fails 102 venv "No such file" 'ln -sf /nonexistent/python "$T/venvs/ai-engine/bin/python"' \
        'ln -sf "$PY" "$T/venvs/ai-engine/bin/python"'
fails 103 env-file "No such file" 'mv "$ENV" "$ENV.off"' 'mv "$ENV.off" "$ENV"'
fails 103 env-file "mode 0644, more permissive than 0640" 'chmod 0644 "$ENV"' 'chmod 0640 "$ENV"'
fails 103 env-file "owned by root:root; the contract says root:nogroup" 'chgrp root "$ENV"' 'chgrp nogroup "$ENV"'
fails 103 env-file "a symbolic link" 'mv "$ENV" "$ENV.real"; ln -s "$ENV.real" "$ENV"' 'rm "$ENV"; mv "$ENV.real" "$ENV"'
fails 103 env-file "REPO_ROOT=/elsewhere, but the contract" 'write_env "REPO_ROOT=/elsewhere
"' 'write_env ""'
fails 103 env-file "DATA_DIR=/tmp, but the contract" 'write_env "DATA_DIR=/tmp
"' 'write_env ""'
fails 103 env-file "not valid UTF-8" 'write_env "A="$'"'"'\xff'"'"'"
"' 'write_env ""'
fails 105 redis "REDIS_PORT=70000" 'write_env "REDIS_HOST=127.0.0.1
REDIS_PORT=70000
"' 'write_env ""'
fails 105 redis "no answer to PING" 'write_env "REDIS_HOST=127.0.0.1
REDIS_PORT=1
"' 'write_env ""'
fails 106 database "No such file" 'mv "$T/data/db.sqlite" "$T/db.off"' 'mv "$T/db.off" "$T/data/db.sqlite"'
fails 106 database "relative" 'write_env "DB_PATH=data/db.sqlite
"' 'write_env ""'
fails 107 data-dir "No such file" 'mv "$T/data/db.sqlite" "$T/db.keep"; printf "DB_PATH=%s\n" "$T/db.keep" >"$ENV"; mv "$T/data" "$T/data.off"' \
        'mv "$T/data.off" "$T/data"; mv "$T/db.keep" "$T/data/db.sqlite"; write_env ""'

# a script the contract ties to another venv ([Venvs] ops/training/*=ai-engine)
rm -f "$T/ran"
expect_rc 102 "${RUN[@]}" backend ops/training/train.py
expect_grep "the contract runs ops/training/train.py with the ai-engine venv" "$T/err"
check "a script under the wrong service ran nothing" test ! -e "$T/ran"

# a server that answers PING with an error (a Redis with a password, or not Redis)
python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(4)
open(sys.argv[2], "w").close()
while True:
    c, _ = s.accept(); c.recv(100); c.sendall(b"-NOAUTH Authentication required.\r\n"); c.close()' "$T/fake.sock" "$T/fake.ready" &
FP=$!
for _ in $(seq 100); do [ -e "$T/fake.ready" ] && break; sleep 0.02; done
fails 105 redis "answered, but not with PONG: NOAUTH" "write_env \"REDIS_HOST=$T/fake.sock
\"" 'write_env ""'
kill $FP 2>/dev/null; wait $FP 2>/dev/null

# the contract's user must exist and must not be root, before any check, --dry-run too
printf '[Contract]\nUser=no-such-user\n' >"$T/nouser.conf"
cat "$T/contract.conf" "$T/nouser.conf" >"$T/c-nouser.conf"
expect_rc 108 "$GOLDCTL" run --contract "$T/c-nouser.conf" --dry-run ai-engine ops/mark.py
expect_grep "user no-such-user does not exist" "$T/err"
printf '[Contract]\nUser=root\n' >"$T/root.conf"
cat "$T/contract.conf" "$T/root.conf" >"$T/c-root.conf"
expect_rc 108 "$GOLDCTL" run --contract "$T/c-root.conf" ai-engine ops/mark.py
expect_grep "does not run scripts as root" "$T/err"
check "no script ran as root" test ! -e "$T/ran"

# the script: outside the repository through a link or "..", missing, not a file
for s in ops/link.py ../outside/evil.py "$T/outside/evil.py"; do
        rm -f "$T/ran"
        expect_rc 104 "${RUN[@]}" ai-engine "$s"
        check "script $s: refused, outside the repository" grep -q "outside the repository" "$T/err"
done
expect_rc 104 "${RUN[@]}" ai-engine ops/missing.py
expect_grep "check script failed" "$T/err"
expect_rc 104 "${RUN[@]}" ai-engine ops
expect_grep "not a regular file" "$T/err"

# Redis down: 105, and nothing runs
kill $RP; wait $RP 2>/dev/null
fails 105 redis "no answer to PING" ':' ':'

# ---- usage: exit 100, nothing run ----
expect_rc 100 "${RUN[@]}" ai-engine
expect_rc 100 "${RUN[@]}" ../etc ops/mark.py
expect_rc 100 "${RUN[@]}" "a/b" ops/mark.py
expect_rc 100 "${RUN[@]}" --bogus ai-engine ops/mark.py
expect_rc 100 "${RUN[@]}" --redis-timeout=0 ai-engine ops/mark.py
printf '[Contract]\nUsr=x\n' >"$T/bad.conf"
expect_rc 100 "$GOLDCTL" run --contract "$T/bad.conf" ai-engine ops/mark.py
expect_grep "contract is not valid" "$T/err"
check "usage errors ran nothing" test ! -e "$T/ran"

# ---- not root and not the contract's user: refused before anything runs ----
if command -v setpriv >/dev/null; then
        redis-server --port 0 --unixsocket "$T/redis.sock" --unixsocketperm 777 --daemonize no --dir "$T" --save '' \
                --appendonly no >"$T/redis.log" 2>&1 &
        RP=$!
        for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping >/dev/null 2>&1 && break; sleep 0.02; done
        chmod 0644 "$T/contract.conf"
        rm -f "$T/ran"
        # the env file is 0640 root:nogroup: a member of nogroup can read it
        expect_rc 108 setpriv --reuid=daemon --regid=nogroup --clear-groups "${RUN[@]}" ai-engine ops/mark.py
        expect_grep "run it as root or as nobody" "$T/err"
        check "a caller who is not the contract's user ran nothing" test ! -e "$T/ran"
        expect_rc 0 setpriv --reuid=nobody --regid=nogroup --clear-groups "${RUN[@]}" ai-engine ops/exit.py 0
fi
done_testing
