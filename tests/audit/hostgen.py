#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates an offline root tree of a Quantum host that follows the golden
contract to the letter: `goldctl audit --root TREE` finds nothing in it.
Tests change one thing in such a tree and expect exactly the rule for it;
bench/audit generates large ones.

    hostgen.py ROOT [--services N] [--repo-files N] [--no-git]

Owners are set with chown (root needed; uid/gid 1000 is qt in the tree's
/etc/passwd and /etc/group).
"""
import argparse
import os
import shutil
import subprocess
import sys

QT = 1000
CHAIN = ["backend", "ai-engine", "execution", "rl-sizer"]
VENVS = {"backend": "backend", "ai-engine": "ai-engine", "execution": "execution", "rl-sizer": "rl-agent"}

ENV_TEMPLATE = """# /etc/quantum/{name}.env
REPO_ROOT=/home/qt/quantum_trader
DATA_DIR=/opt/quantum/data
MODEL_DIR=/opt/quantum/ai_engine/models
SERVICE_NAME={name}
LOG_LEVEL=INFO
PYTHONUNBUFFERED=1
REDIS_HOST=localhost
REDIS_PORT=6379
REDIS_DB=0
DB_PATH=/opt/quantum/data/quantum_trader.db
AUTO_ACTIVATION=disabled
SHADOW_MODE=enabled
"""

UNIT_TEMPLATE = """[Unit]
Description=Quantum Trading System - {name}
After=network-online.target redis-server.service{after}
Wants=network-online.target
BindsTo=redis-server.service

[Service]
Type=simple
User=qt
Group=qt
WorkingDirectory=/home/qt/quantum_trader
EnvironmentFile=/etc/quantum/{name}.env
ExecStart=/opt/quantum/venvs/{venv}/bin/python microservices/{module}/main.py
Restart=always
RestartSec=10
StandardOutput=journal
StandardError=journal
SyslogIdentifier=quantum-{name}

[Install]
WantedBy=multi-user.target
"""

OPS_SERVICE = """[Unit]
Description=Quantum Trading System - verify the ensemble (ops job)
After=network-online.target redis-server.service
Wants=network-online.target

[Service]
Type=oneshot
User=qt
Group=qt
WorkingDirectory=/home/qt/quantum_trader
EnvironmentFile=/etc/quantum/ai-engine.env
ExecStart=/opt/quantum/venvs/ai-engine/bin/python ops/model_safety/verify_ensemble.py
StandardOutput=journal
StandardError=journal
SyslogIdentifier=quantum-verify-ensemble
"""

OPS_TIMER = """[Unit]
Description=Verify the ensemble every hour

[Timer]
OnCalendar=hourly
Persistent=true

[Install]
WantedBy=timers.target
"""

SYSTEM_UNITS = {
    "redis-server.service": "[Unit]\nDescription=Advanced key-value store\nAfter=network.target\n\n"
                            "[Service]\nType=notify\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf\n"
                            "User=redis\nGroup=redis\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
    "network.target": "[Unit]\nDescription=Network\n",
    "network-online.target": "[Unit]\nDescription=Network is Online\nAfter=network.target\n",
    "sysinit.target": "[Unit]\nDescription=System Initialization\n",
    "basic.target": "[Unit]\nDescription=Basic System\nRequires=sysinit.target\nAfter=sysinit.target\n",
    "multi-user.target": "[Unit]\nDescription=Multi-User System\nRequires=basic.target\nAfter=basic.target\n",
    "timers.target": "[Unit]\nDescription=Timer Units\n",
}

MAKEFILE = """# Every target goes through the fail-closed wrapper (contract 001 G).
quality-gate:
\tgoldctl run ai-engine ops/model_safety/quality_gate.py

scoreboard:
\tgoldctl run ai-engine ops/model_safety/scoreboard.py

train:
\tgoldctl run ai-engine ops/training/train_patchtst.py

audit:
\tgoldctl audit
"""

PY = '''import os

import redis

REDIS = redis.Redis(host=os.getenv("REDIS_HOST", "localhost"), port=int(os.getenv("REDIS_PORT", "6379")))
DB_PATH = os.getenv("DB_PATH")


def main():
    print("{name}", DB_PATH)


if __name__ == "__main__":
    main()
'''


def write(root, rel, text, mode=0o644, owner=(0, 0)):
    p = os.path.join(root, rel.lstrip("/"))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
    os.chmod(p, mode)
    os.chown(p, *owner)
    return p


def mkdir(root, rel, mode=0o755, owner=(0, 0)):
    p = os.path.join(root, rel.lstrip("/"))
    os.makedirs(p, exist_ok=True)
    os.chmod(p, mode)
    os.chown(p, *owner)
    return p


def service_names(n):
    names = CHAIN[:min(n, len(CHAIN))]
    for i in range(len(names), n):
        names.append("worker-%05d" % i)
    return names


def generate(root, services=6, repo_files=20, git=True):
    os.makedirs(root, exist_ok=True)
    write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nredis:x:104:106::/var/lib/redis:/usr/sbin/nologin\n"
                               "qt:x:1000:1000:Quantum Trader:/home/qt:/bin/bash\n")
    write(root, "/etc/group", "root:x:0:\nredis:x:106:\nqt:x:1000:\n")
    sysdir = "/lib/systemd/system"
    for name, text in SYSTEM_UNITS.items():
        write(root, f"{sysdir}/{name}", text)
    os.symlink("multi-user.target", os.path.join(root, sysdir.lstrip("/"), "default.target"))

    etc = "/etc/systemd/system"
    names = service_names(services)
    wants = []
    for i, name in enumerate(names):
        venv = VENVS.get(name, name)
        after = ""
        if name in CHAIN and CHAIN.index(name) > 0:
            after = " quantum-%s.service" % CHAIN[CHAIN.index(name) - 1]
        write(root, f"{etc}/quantum-{name}.service",
              UNIT_TEMPLATE.format(name=name, venv=venv, after=after, module=name.replace("-", "_")))
        write(root, f"/etc/quantum/{name}.env", ENV_TEMPLATE.format(name=name), mode=0o640, owner=(0, QT))
        vbin = mkdir(root, f"/opt/quantum/venvs/{venv}/bin", owner=(QT, QT))
        py = os.path.join(vbin, "python")
        if not os.path.exists(py):
            write(root, f"/opt/quantum/venvs/{venv}/bin/python", "#!/bin/sh\nexit 0\n", mode=0o755, owner=(QT, QT))
        link = os.path.join(root, etc.lstrip("/"), "multi-user.target.wants", f"quantum-{name}.service")
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(f"../quantum-{name}.service", link)
        wants.append(f"quantum-{name}.service")
    if "ai-engine" not in names:
        # the ops job needs the ai-engine venv and env file
        write(root, "/etc/quantum/ai-engine.env", ENV_TEMPLATE.format(name="ai-engine"), mode=0o640, owner=(0, QT))
        mkdir(root, "/opt/quantum/venvs/ai-engine/bin", owner=(QT, QT))
        write(root, "/opt/quantum/venvs/ai-engine/bin/python", "#!/bin/sh\nexit 0\n", mode=0o755, owner=(QT, QT))
    write(root, f"{etc}/quantum-verify-ensemble.service", OPS_SERVICE)
    write(root, f"{etc}/quantum-verify-ensemble.timer", OPS_TIMER)
    tw = os.path.join(root, etc.lstrip("/"), "timers.target.wants")
    os.makedirs(tw, exist_ok=True)
    os.symlink("../quantum-verify-ensemble.timer", os.path.join(tw, "quantum-verify-ensemble.timer"))
    write(root, f"{etc}/quantum-trader.target",
          "[Unit]\nDescription=Quantum Trading System (all services)\nWants=" + " ".join(wants) + "\n")

    mkdir(root, "/opt/quantum/data", owner=(QT, QT))
    mkdir(root, "/opt/quantum/data/backups", owner=(QT, QT))
    write(root, "/opt/quantum/data/quantum_trader.db", "", owner=(QT, QT))
    for d in ("", "/active", "/shadow", "/archive"):
        mkdir(root, "/opt/quantum/ai_engine/models" + d, owner=(QT, QT))
    mkdir(root, "/opt/quantum/secrets", mode=0o750, owner=(0, QT))

    repo = "/home/qt/quantum_trader"
    mkdir(root, "/home/qt", owner=(QT, QT))
    mkdir(root, repo, owner=(QT, QT))
    write(root, f"{repo}/Makefile", MAKEFILE, owner=(QT, QT))
    write(root, f"{repo}/.gitignore", ".env\n*.env\n", owner=(QT, QT))
    for name in names[:50]:
        write(root, f"{repo}/microservices/{name.replace('-', '_')}/main.py", PY.format(name=name), owner=(QT, QT))
    write(root, f"{repo}/ops/model_safety/verify_ensemble.py", PY.format(name="verify"), owner=(QT, QT))
    for i in range(repo_files):
        write(root, f"{repo}/lib/pkg{i // 500:03d}/module_{i:05d}.py", PY.format(name=f"module {i}"), owner=(QT, QT))
    if git:
        full = os.path.join(root, repo.lstrip("/"))
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t.invalid", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t.invalid")
        g = ["git", "-c", "safe.directory=*", "-C", full]
        subprocess.run(g + ["init", "-q"], check=True, env=env)
        subprocess.run(g + ["add", "-A"], check=True, env=env)
        subprocess.run(g + ["commit", "-qm", "generated"], check=True, env=env)
        subprocess.run(["chown", "-R", f"{QT}:{QT}", os.path.join(full, ".git")], check=True)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--services", type=int, default=6)
    ap.add_argument("--repo-files", type=int, default=20)
    ap.add_argument("--no-git", action="store_true")
    a = ap.parse_args()
    if os.path.exists(a.root):
        shutil.rmtree(a.root)
    generate(a.root, a.services, a.repo_files, not a.no_git)


if __name__ == "__main__":
    sys.exit(main())
