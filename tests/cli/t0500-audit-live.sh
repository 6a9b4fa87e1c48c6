#!/bin/bash
# The live checks against real components: Redis PING (QTL001) with a real
# redis-server, and the units' load state (QTL002) from a real systemd
# manager (../shared/testenv/sdmgr.sh). A dead Redis or an unreachable
# manager is a finding, never a pass. In CI a missing component fails.
. "$(dirname "$0")/lib.sh"

need() {
        if ! command -v "$1" >/dev/null; then
                if [ -n "${CI:-}" ]; then
                        echo "not ok - $1 is not installed (CI must have it)"; exit 1
                fi
                echo "# skip: $1 is not installed"; echo "1..0"; exit 0
        fi
}
need redis-server
need python3

H=$T/host
python3 "$REPO/tests/audit/hostgen.py" "$H" --services 4 --repo-files 0

# --- Redis ---
redis-server --port 0 --unixsocket "$T/redis.sock" --unixsocketperm 700 --daemonize no --dir "$T" \
        --save '' --appendonly no >"$T/redis.log" 2>&1 &
RP=$!
for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping >/dev/null 2>&1 && break; sleep 0.02; done
printf '[Redis]\nHost=%s\n' "$T/redis.sock" >"$T/contract.conf"

json_rules() { python3 -c 'import json,sys; print(" ".join(sorted({f["rule"] for f in json.load(open(sys.argv[1]))["findings"]})))' "$T/out"; }

expect_rc 1 "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
check "Redis answers: no QTL001" bash -c "! grep -q QTL001 <<<'$(json_rules)'"
# no manager reachable from here: not a pass, a finding
check "the manager cannot be asked: QTA003" grep -q '"rule": "QTA003"' "$T/out"
check "QTA003 names the manager" grep -q 'systemd manager could not be asked' "$T/out"

redis-cli -s "$T/redis.sock" shutdown nosave >/dev/null 2>&1 || true
wait $RP 2>/dev/null
expect_rc 1 "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
check "Redis down: QTL001" grep -q '"rule": "QTL001"' "$T/out"
check "QTL001 says why" grep -q 'does not answer PING' "$T/out"

# something that is not Redis on the socket: it answers, but not PONG
python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(4)
open(sys.argv[2], "w").close()
while True:
    c, _ = s.accept(); c.recv(100); c.sendall(b"-ERR not redis\r\n"); c.close()' "$T/fake.sock" "$T/fake.ready" &
FP=$!
for _ in $(seq 100); do [ -e "$T/fake.ready" ] && break; sleep 0.02; done
printf '[Redis]\nHost=%s\n' "$T/fake.sock" >"$T/fake.conf"
expect_rc 1 "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/fake.conf" --format json
check "an error reply: QTL001" grep -q '"rule": "QTL001"' "$T/out"
check "the reply is quoted" grep -q 'not redis' "$T/out"
kill $FP 2>/dev/null; wait $FP 2>/dev/null

# without --live, an offline tree has no live findings and says so
expect_rc 0 "$GOLDCTL" audit --root "$H" --no-repo --contract "$T/fake.conf"
expect_grep "not checked: live checks"

# --- the systemd manager ---
SDMGR=$SHARED/testenv/sdmgr.sh
if [ "$(id -u)" != 0 ] || [ ! -x "$SDMGR" ]; then
        if [ -n "${CI:-}" ]; then echo "not ok - a systemd manager cannot be started here"; exit 1; fi
        echo "# skip: a systemd manager needs root and $SDMGR"
        done_testing
fi
S=$T/sd
if ! bash "$SDMGR" start root "$S" >"$T/sd.log" 2>&1; then
        cat "$T/sd.log"
        if [ -n "${CI:-}" ]; then echo "not ok - sdmgr.sh start failed"; exit 1; fi
        echo "# skip: sdmgr.sh start failed"; done_testing
fi
trap 'bash "$SDMGR" stop root "$S" >/dev/null 2>&1; rm -rf "$T"' EXIT
cp "$H"/etc/systemd/system/quantum-* "$S/config/systemd/user/"
bash "$SDMGR" exec root "$S" systemctl daemon-reload
# Redis back for this part, so only the manager speaks
redis-server --port 0 --unixsocket "$T/redis.sock" --daemonize no --dir "$T" --save '' --appendonly no \
        >"$T/redis.log" 2>&1 &
RP=$!
for _ in $(seq 100); do redis-cli -s "$T/redis.sock" ping >/dev/null 2>&1 && break; sleep 0.02; done
expect_rc 0 bash "$SDMGR" exec root "$S" "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
check "every unit loaded by the manager: no QTL002, no QTA003" bash -c "! grep -Eq 'QTL002|QTA003' '$T/out'"
rm "$S/config/systemd/user/quantum-backend.service"
bash "$SDMGR" exec root "$S" systemctl daemon-reload
expect_rc 1 bash "$SDMGR" exec root "$S" "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
check "a unit the manager lacks: QTL002" python3 -c '
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "QTL002"]
assert len(f) == 1 and f[0]["unit"] == "quantum-backend.service", f
assert "not-found" in f[0]["message"] and "daemon-reload" in f[0]["message"], f' "$T/out"
# a unit file edited after the last daemon-reload: the manager runs the old
# reading. Only a unit the manager holds in memory has an old reading (one
# that nothing references is read afresh when asked for): an active target
# ordered after it keeps it loaded.
cp "$H/etc/systemd/system/quantum-backend.service" "$S/config/systemd/user/"
printf '[Unit]\nAfter=quantum-ai-engine.service\n' >"$S/config/systemd/user/goldctl-holder.target"
bash "$SDMGR" exec root "$S" systemctl daemon-reload
bash "$SDMGR" exec root "$S" systemctl start goldctl-holder.target
sleep 1 # mtimes must differ from the last load
expect_rc 0 bash "$SDMGR" exec root "$S" "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
echo "# edited" >>"$S/config/systemd/user/quantum-ai-engine.service"
expect_rc 1 bash "$SDMGR" exec root "$S" "$GOLDCTL" audit --root "$H" --live --no-repo --contract "$T/contract.conf" --format json
check "a unit edited since daemon-reload: QTL002 (NeedDaemonReload)" python3 -c '
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "QTL002"]
assert len(f) == 1 and f[0]["unit"] == "quantum-ai-engine.service", f
assert "daemon-reload" in f[0]["message"] and "NeedDaemonReload" in f[0]["message"], f' "$T/out"
redis-cli -s "$T/redis.sock" shutdown nosave >/dev/null 2>&1 || true
wait $RP 2>/dev/null
done_testing
