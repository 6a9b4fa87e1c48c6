#!/bin/bash
# Gives the demo host what git does not keep: owners, modes, empty
# directories, the database file and the repository's own git history.
# Idempotent. Owners need root; without it they are left as they are (and
# the audit says so).
set -euo pipefail
cd "$(dirname "$0")"
own() { [ "$(id -u)" = 0 ] && chown "$@" || true; }

# env files: the compliant ones 0640 root:qt (gid 1000 in etc/group); execution.env
# keeps the 0644 root:root it was left with during an incident
for f in etc/quantum/ai-engine.env etc/quantum/backend.env; do
        chmod 0640 "$f"
        own 0:1000 "$f"
done
chmod 0644 etc/quantum/execution.env
own 0:0 etc/quantum/execution.env

mkdir -p opt/quantum/data/backups opt/quantum/ai_engine/models/{active,shadow,archive} opt/quantum/secrets
[ -e opt/quantum/data/quantum_trader.db ] || : >opt/quantum/data/quantum_trader.db
chmod 0755 opt/quantum/data
chmod 0750 opt/quantum/secrets
own -R 1000:1000 opt/quantum/data opt/quantum/ai_engine
own 0:1000 opt/quantum/secrets
chmod 0644 etc/systemd/system/*.service etc/systemd/system/*.target etc/systemd/system/*.timer

repo=home/qt/quantum_trader
if [ ! -d "$repo/.git" ]; then
        git -C "$repo" init -q
        git -C "$repo" -c user.name=demo -c user.email=demo@quantum.invalid add -A
        git -C "$repo" -c user.name=demo -c user.email=demo@quantum.invalid commit -qm "demo repository"
fi
