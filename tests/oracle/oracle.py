#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""systemd is the judge: load the same unit files into a real systemd 252
manager (shared/testenv/sdmgr.sh) and into goldctl, and compare
`systemctl show -p ...` with `goldctl unit show -p ...` property by property.

Sets compared:
  vectors   tests/oracle/fixtures.py: spec 2.17 vectors and more rules
  dropins   drop-in discovery and precedence across search-path levels
  lib       every unit under /lib/systemd/system
  corpus-N  every unit file and drop-in under shared/corpus/quantum-trader
            (files with the same name go to different batches)

Where the manager adds what no file says, the difference is excluded by a
named rule (see exclusion() below) and counted; everything else must be equal.
The bar is 0 differences.

Usage: oracle.py [--set NAME]... [--verbose]
Environment: GOLDCTL (binary), GOLDCTL_SHARED (the shared/ directory),
CI (when set, failing to start the manager is a failure, not a skip).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import fixtures  # noqa: E402

SHARED = os.environ.get("GOLDCTL_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
SDMGR = os.path.join(SHARED, "testenv", "sdmgr.sh")
GOLDCTL = os.path.abspath(os.environ.get("GOLDCTL", os.path.join(REPO, "build", "goldctl")))
CORPUS = os.path.join(SHARED, "corpus", "quantum-trader")

UNIT_SUFFIXES = (".service", ".socket", ".target", ".timer", ".path", ".mount", ".automount",
                 ".swap", ".slice", ".scope", ".device")

DEP_PROPS = {"Requires", "Requisite", "Wants", "BindsTo", "PartOf", "Upholds", "RequiredBy",
             "RequisiteOf", "WantedBy", "BoundBy", "UpheldBy", "ConsistsOf", "Conflicts",
             "ConflictedBy", "Before", "After", "OnSuccess", "OnSuccessOf", "OnFailure",
             "OnFailureOf", "Triggers", "TriggeredBy", "PropagatesReloadTo",
             "ReloadPropagatedFrom", "PropagatesStopTo", "StopPropagatedFrom", "JoinsNamespaceOf"}
SET_PROPS = DEP_PROPS | {"Names"}
# Properties whose value is a list systemctl prints in hash-table order.

HOST_SPECIFIERS = "aAbBHlqmMovwWgGuUhsCdELStTVcrR"


def log(*a):
    print(*a, flush=True)


class Manager:
    def __init__(self):
        self.state = tempfile.mkdtemp(prefix="goldctl-oracle-")
        self.uid = os.getuid()
        self.dirs = {
            "control": os.path.join(self.state, "config", "systemd", "user.control"),
            "runtime-control": f"/run/user/{self.uid}/systemd/user.control",
            "config": os.path.join(self.state, "config", "systemd", "user"),
            "runtime": f"/run/user/{self.uid}/systemd/user",
        }

    def start(self):
        r = subprocess.run(["bash", SDMGR, "start", "root", self.state], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("cannot start a systemd manager: " + r.stdout + r.stderr)
        for d in self.dirs.values():
            os.makedirs(d, exist_ok=True)

    def stop(self):
        subprocess.run(["bash", SDMGR, "stop", "root", self.state], capture_output=True)

    def run(self, *cmd, check=True):
        r = subprocess.run(["bash", SDMGR, "exec", "root", self.state, *cmd], capture_output=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"{cmd}: rc {r.returncode}: {r.stderr.decode(errors='replace')}")
        return r


def write_tree(base, files, extra_root):
    for rel, content in files.items():
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, tuple) and content[0] == "symlink":
            target = content[1]
            if target == "LINKED_TARGET":
                os.makedirs(extra_root, exist_ok=True)
                target = os.path.join(extra_root, os.path.basename(rel))
                with open(target, "wb") as f:
                    f.write(b"[Unit]\nDescription=linked %n\n[Service]\nExecStart=/bin/true\n")
            os.symlink(target, path)
        else:
            with open(path, "wb") as f:
                f.write(content)


def unit_names_in(dirs):
    """Every unit name with a file or symlink at the top of the directories;
    templates are replaced by an instance."""
    names = []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for n in sorted(os.listdir(d)):
            p = os.path.join(d, n)
            if not n.endswith(UNIT_SUFFIXES) or (os.path.isdir(p) and not os.path.islink(p)):
                continue
            if n.endswith(".d") or n.endswith(".wants") or n.endswith(".requires"):
                continue
            if "@." in n:
                n = n.replace("@.", "@oracle-inst.")
            if n not in names:
                names.append(n)
    return names


def parse_show(text, names):
    """Splits `show` output into one {prop: [values]} per unit."""
    blocks = text.split("\n\n")
    if blocks and blocks[-1].strip() == "":
        blocks = blocks[:-1]
    out = []
    for b in blocks:
        props = {}
        for line in b.split("\n"):
            if not line:
                continue
            k, _, v = line.partition("=")
            props.setdefault(k, []).append(v)
        out.append(props)
    if len(out) != len(names):
        raise RuntimeError(f"expected {len(names)} units, got {len(out)} blocks")
    return out


def unquote(w):
    """Undoes systemctl's shell_maybe_quote()."""
    if not (len(w) >= 2 and w[0] == '"' and w[-1] == '"'):
        return w
    out, i, body = "", 0, w[1:-1]
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n in simple:
                out += simple[n]
                i += 2
            elif n in "01234567" and i + 3 < len(body):
                out += chr(int(body[i + 1:i + 4], 8))
                i += 4
            else:
                out += n
                i += 2
        else:
            out += c
            i += 1
    return out


def split_words(v):
    """A systemctl list value: words separated by spaces, quoted ones in "..."."""
    words, cur, q, i = [], "", False, 0
    while i < len(v):
        c = v[i]
        if q:
            if c == "\\" and i + 1 < len(v):
                cur += c + v[i + 1]
                i += 2
                continue
            if c == '"':
                q = False
            cur += c
        elif c == '"':
            q = True
            cur += c
        elif c == " ":
            if cur:
                words.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur:
        words.append(cur)
    return words


def spec_regex(value):
    """goldctl leaves host-dependent specifiers visible; they match anything."""
    parts = re.split(r"(%[" + HOST_SPECIFIERS + "])", value)
    return "^" + "".join(".*" if re.fullmatch(r"%[" + HOST_SPECIFIERS + "]", p) else re.escape(p)
                         for p in parts) + "$"


def has_host_specifier(v):
    return re.search(r"%[" + HOST_SPECIFIERS + "]", v) is not None


# ---- exclusions: what the (user) manager adds that no file says ----

def _is_slice(n):
    return n.endswith(".slice")


def _is_mount(n):
    return n.endswith(".mount")


def exclusion(unit_id, unit_type, prop, name, gold_all, gold_unit, home):
    """Returns the rule that explains a manager-only dependency entry, or None."""
    if prop in ("After", "Requires") and name == "basic.target":
        return "default-dependencies (user manager: Requires=/After=basic.target)"
    if prop in ("Before", "Conflicts") and name == "shutdown.target":
        return "default-dependencies (Conflicts=/Before=shutdown.target)"
    if prop in ("Requires", "After", "Wants") and (_is_slice(name)):
        return "default-slice (every unit is placed in a slice: Requires=/After= on it)"
    if prop in ("Requires", "After", "Wants", "BindsTo") and _is_mount(name):
        return "mount-dependencies (RequiresMountsFor= of the unit's paths, from /proc/self/mountinfo)"
    if prop == "Before" and ((unit_type == "socket" and name == "sockets.target") or
                             (unit_type == "timer" and name == "timers.target") or
                             (unit_type == "path" and name == "paths.target")):
        return "default-dependencies (sockets/timers/paths order Before= their target)"
    if prop == "After" and unit_type == "timer" and name in ("time-set.target", "time-sync.target"):
        return "default-dependencies (timers order After=time-set.target)"
    # reverse edges of the above, on the special units themselves
    if unit_id == "basic.target" and prop in ("RequiredBy", "Before"):
        return "default-dependencies (reverse, on basic.target)"
    if unit_id == "shutdown.target" and prop in ("ConflictedBy", "After"):
        return "default-dependencies (reverse, on shutdown.target)"
    if _is_slice(unit_id) and prop in ("RequiredBy", "Before", "WantedBy", "ConsistsOf"):
        return "default-slice (reverse, on the slice)"
    if _is_mount(unit_id) and prop in ("RequiredBy", "Before", "WantedBy", "BoundBy"):
        return "mount-dependencies (reverse, on the mount unit)"
    if unit_id in ("sockets.target", "timers.target", "paths.target") and prop == "After":
        return "default-dependencies (reverse, on sockets/timers/paths.target)"
    if unit_id in ("time-set.target", "time-sync.target") and prop == "Before":
        return "default-dependencies (reverse, on time-set.target)"
    # targets order themselves After= the units they pull in (target_add_default_dependencies)
    if unit_type == "target" and prop == "After":
        pulled = set()
        for p in ("Wants", "Requires", "Requisite", "BindsTo", "Upholds"):
            pulled |= set(gold_unit.get(p, []))
        if name in pulled:
            return "default-dependencies (a target is ordered After= the units it wants)"
    if name == HOLDER and prop in ("WantedBy", "ReferencedBy"):
        return "oracle holder (a target of the test that keeps every unit loaded)"
    if prop == "Before" and name.endswith(".target"):
        g = gold_all.get(name, {})
        pulled = set()
        for p in ("Wants", "Requires", "Requisite", "BindsTo", "Upholds"):
            pulled |= set(g.get(p, []))
        if unit_id in pulled:
            return "default-dependencies (reverse: ordered Before= the target that wants it)"
    return None


HOLDER = "goldctl-oracle-holder.target"


def alias_equivalent(sv, gv, names):
    """Whether the values differ only by which of the unit's names the
    unit-name specifiers were expanded with (word by word)."""
    def forms(n):
        base = n.rsplit(".", 1)[0]
        prefix = base.split("@", 1)[0]
        return [n, base, prefix, prefix.rsplit("-", 1)[-1]]
    if len(names) < 2 or len(sv) != len(gv):
        return False
    for a in names:
        for b in names:
            if a == b:
                continue
            mapping = dict(zip(forms(b), forms(a)))
            ok = True
            for x, y in zip(sv, gv):
                tx = re.split(r"([\s/=])", x)
                ty = re.split(r"([\s/=])", y)
                if len(tx) != len(ty) or any(p != q and mapping.get(q) != p for p, q in zip(tx, ty)):
                    ok = False
                    break
            if ok:
                return True
    return False


def compare_set(name, levels, extra_names, verbose, stats):
    m = Manager()
    try:
        m.start()
    except RuntimeError as e:
        if os.environ.get("CI"):
            raise
        log(f"SKIP {name}: {e}")
        return None
    try:
        for lvl, files in levels.items():
            write_tree(m.dirs[lvl], files, os.path.join(m.state, "linked"))
        names = unit_names_in([m.dirs[l] for l in fixtures.LEVELS]) + extra_names
        # The manager unloads units nothing references, and with them the
        # inverse dependencies they give other units. A holder target that
        # an always-active unit wants keeps every test unit loaded.
        holder_dir = m.dirs["control"]
        with open(os.path.join(holder_dir, HOLDER), "w") as f:
            f.write("[Unit]\nDefaultDependencies=no\n")
            for n in names:
                f.write("Wants=" + n.replace("\\", "\\\\") + "\n")
        os.makedirs(os.path.join(holder_dir, "app.slice.wants"), exist_ok=True)
        os.symlink("../" + HOLDER, os.path.join(holder_dir, "app.slice.wants", HOLDER))
        m.run("systemctl", "daemon-reload")
        unit_path = m.run("systemctl", "show", "-p", "UnitPath", "--value").stdout.decode().split()
        props = subprocess.run([GOLDCTL, "unit", "show", "--help"], capture_output=True)  # binary sanity
        if props.returncode != 0:
            raise RuntimeError("goldctl does not run: " + props.stderr.decode())
        plist = PROPERTIES
        sd = m.run("systemctl", "show", "-p", ",".join(plist), "--", *names)
        gd = m.run(GOLDCTL, "unit", "show", "--unit-path", ":".join(unit_path), "-p", ",".join(plist), "--",
                   *names, check=False)
        if gd.returncode != 0:
            raise RuntimeError("goldctl unit show failed: " + gd.stderr.decode(errors="replace"))
        sd_units = parse_show(sd.stdout.decode(errors="surrogateescape"), names)
        gd_units = parse_show(gd.stdout.decode(errors="surrogateescape"), names)
        home = os.path.expanduser("~root")
        gold_by_id = {}
        for g in gd_units:
            gid = g.get("Id", [""])[0]
            gold_by_id[gid] = {p: [unquote(w) for w in split_words(g[p][0])] for p in DEP_PROPS | {"Names"} if p in g}
        diffs = 0
        for n, s, g in zip(names, sd_units, gd_units):
            uid = s.get("Id", [n])[0]
            utype = uid.rsplit(".", 1)[-1]
            stats["units"] += 1
            for p in sorted(set(s) | set(g)):
                sv, gv = s.get(p), g.get(p)
                stats["properties"] += 1
                if p in SET_PROPS:
                    sset = set(map(unquote, split_words(sv[0]))) if sv else set()
                    gset = set(map(unquote, split_words(gv[0]))) if gv else set()
                    extra_g = gset - sset
                    extra_s = set()
                    for x in sset - gset:
                        rule = exclusion(uid, utype, p, x, gold_by_id, gold_by_id.get(uid, {}), home)
                        if rule:
                            stats["excluded"][rule] = stats["excluded"].get(rule, 0) + 1
                        else:
                            extra_s.add(x)
                    if extra_g or extra_s:
                        diffs += 1
                        log(f"DIFF {name} {n} {p}: systemd-only={sorted(extra_s)} goldctl-only={sorted(extra_g)}")
                    continue
                if p == "WorkingDirectory" and sv and gv and sv[0] == "!" + (gv[0].lstrip("!") or home) and \
                        not gv[0].lstrip("!").startswith("/"):
                    rule = "user-manager default WorkingDirectory=~ (missing ok) where the files set none"
                    stats["excluded"][rule] = stats["excluded"].get(rule, 0) + 1
                    continue
                if sv == gv:
                    continue
                if sv and gv and alias_equivalent(sv, gv, gold_by_id.get(uid, {}).get("Names", [])):
                    rule = "alias specifiers: systemd expands %n/%N/%p/%j with the name that loaded the unit first"
                    stats["excluded"][rule] = stats["excluded"].get(rule, 0) + 1
                    continue
                if sv and gv and len(sv) == len(gv) and all(
                        has_host_specifier(b) and re.match(spec_regex(b), a, re.S) for a, b in zip(sv, gv) if a != b):
                    rule = "host-dependent specifier left unexpanded by goldctl"
                    stats["excluded"][rule] = stats["excluded"].get(rule, 0) + 1
                    continue
                diffs += 1
                log(f"DIFF {name} {n} {p}:\n  systemd: {sv}\n  goldctl: {gv}")
        stats["differences"] += diffs
        if verbose:
            log(f"{name}: {len(names)} units, {diffs} differences")
        return diffs
    finally:
        m.stop()


# Variables the (user) manager gives every service whatever the file says.
MANAGER_ENV = {"PATH", "HOME", "LANG", "LANGUAGE", "USER", "LOGNAME", "SHELL", "INVOCATION_ID",
               "JOURNAL_STREAM", "SYSTEMD_EXEC_PID", "MANAGERPID", "XDG_RUNTIME_DIR",
               "XDG_CONFIG_HOME", "DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_DIRS", "TERM"}


def compare_env(name, files, verbose, stats):
    """Each env file is given to a oneshot service that dumps its
    environment; goldctl env show must give exactly that."""
    m = Manager()
    try:
        m.start()
    except RuntimeError as e:
        if os.environ.get("CI"):
            raise
        log(f"SKIP {name}: {e}")
        return None
    try:
        envdir = os.path.join(m.state, "envfiles")
        os.makedirs(envdir)
        units = []
        for i, (fname, data) in enumerate(sorted(files.items())):
            path = os.path.join(envdir, fname)
            with open(path, "wb") as f:
                f.write(data)
            out = os.path.join(envdir, f"out-{i}")
            unit = f"goldctl-envdump-{i}.service"
            with open(os.path.join(m.dirs["config"], unit), "w") as f:
                f.write(f"[Service]\nType=oneshot\nEnvironmentFile={path}\n"
                        f"ExecStart=/usr/bin/env -0\nStandardOutput=file:{out}\n")
            units.append((fname, path, out, unit))
        m.run("systemctl", "daemon-reload")
        manager_env = set(MANAGER_ENV)
        for line in m.run("systemctl", "show-environment").stdout.decode(errors="replace").splitlines():
            manager_env.add(line.partition("=")[0])
        diffs = 0
        for fname, path, out, unit in units:
            started = m.run("systemctl", "start", unit, check=False).returncode == 0
            stats["env_files"] += 1
            got = {}
            if started:
                with open(out, "rb") as f:
                    for item in f.read().split(b"\0"):
                        if item:
                            k, _, v = item.partition(b"=")
                            got[k.decode(errors="surrogateescape")] = v.decode(errors="surrogateescape")
            g = subprocess.run([GOLDCTL, "env", "show", "--format", "json", path], capture_output=True)
            if g.returncode not in (0, 1):
                raise RuntimeError(f"goldctl env show {fname}: rc {g.returncode}: {g.stderr.decode()}")
            import json
            gj = json.loads(g.stdout.decode(errors="surrogateescape"))
            refused = gj["refused"]
            if refused == started:
                diffs += 1
                log(f"DIFF env {fname}: systemd {'started' if started else 'refused to start'} the service, "
                    f"goldctl says refused={refused}")
                continue
            if not started:
                continue
            applied = {e["name"]: e["value"] for e in gj["environment"] if e["applied"]}
            for k, v in sorted(got.items()):
                stats["env_vars"] += 1
                if k in applied:
                    if applied[k] != v:
                        diffs += 1
                        log(f"DIFF env {fname} {k}: systemd {v!r} goldctl {applied[k]!r}")
                elif k not in manager_env:
                    diffs += 1
                    log(f"DIFF env {fname} {k}: systemd sets it ({v!r}), goldctl does not")
            for k, v in sorted(applied.items()):
                if k not in got:
                    diffs += 1
                    log(f"DIFF env {fname} {k}: goldctl applies {v!r}, systemd does not")
        stats["differences"] += diffs
        if verbose:
            log(f"{name}: {len(units)} env files, {diffs} differences")
        return diffs
    finally:
        m.stop()


def corpus_env_files():
    files = {}
    for root, _, fnames in sorted(os.walk(CORPUS)):
        for f in sorted(fnames):
            if ".env" in f:
                rel = os.path.relpath(os.path.join(root, f), CORPUS).replace("/", "__")
                with open(os.path.join(root, f), "rb") as fh:
                    files[rel] = fh.read()
    return files


def lib_set():
    files = {}
    base = "/lib/systemd/system"
    for root, dirs, fnames in os.walk(base):
        for f in fnames + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            p = os.path.join(root, f)
            rel = os.path.relpath(p, base)
            if os.path.islink(p):
                files[rel] = ("symlink", os.readlink(p))
            elif os.path.isfile(p):
                with open(p, "rb") as fh:
                    files[rel] = fh.read()
    return files


def corpus_sets():
    """Unit files of the corpus in batches with unique names; the two flat
    drop-ins go where the corpus README says they belong."""
    batches = []
    dropins = {
        "10-zombiefix.conf": "quantum-execution.service.d/10-zombiefix.conf",
        "systemd-drop-in-control.conf": "quantum-exitbrain-v35.service.d/control.conf",
    }
    for root, _, fnames in sorted(os.walk(CORPUS)):
        for f in sorted(fnames):
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                data = fh.read()
            if f in dropins:
                rel = dropins[f]
            elif f.endswith(UNIT_SUFFIXES):
                rel = f
            else:
                continue
            for b in batches:
                if rel not in b:
                    b[rel] = data
                    break
            else:
                batches.append({rel: data})
    return batches


def main():
    want = []
    verbose = "--verbose" in sys.argv
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--set":
            want.append(args.pop(0))
    if os.geteuid() != 0:
        msg = "the systemd oracle needs root (sdmgr.sh runs a manager in a mount namespace)"
        if os.environ.get("CI"):
            log("FAIL: " + msg)
            return 1
        log("SKIP: " + msg)
        return 0
    if not os.path.exists(SDMGR):
        log(f"FAIL: {SDMGR} not found (set GOLDCTL_SHARED)")
        return 1
    sets = []
    for name, levels, extra in fixtures.fixture_sets():
        sets.append((name, levels, extra))
    sets.append(("lib", {"config": lib_set()}, []))
    for i, b in enumerate(corpus_sets()):
        sets.append((f"corpus-{i + 1}", {"config": b}, []))
    env_sets = [("env-vectors", fixtures.ENV_FILES), ("env-corpus", corpus_env_files())]
    if want:
        sets = [s for s in sets if s[0] in want]
        env_sets = [s for s in env_sets if s[0] in want]
    stats = {"units": 0, "properties": 0, "differences": 0, "excluded": {}, "env_files": 0, "env_vars": 0}
    for name, levels, extra in sets:
        r = compare_set(name, levels, extra, verbose, stats)
        if r is None:
            return 0
    for name, files in env_sets:
        r = compare_env(name, files, verbose, stats)
        if r is None:
            return 0
    log(f"oracle: compared {stats['units']} units and {stats['properties']} properties, "
        f"{stats['env_files']} environment files and {stats['env_vars']} variables "
        f"with systemd 252: {stats['differences']} differences")
    for rule, n in sorted(stats["excluded"].items()):
        log(f"  excluded {n:6d}: {rule}")
    return 0 if stats["differences"] == 0 else 1


PROPERTIES = [
    "Type", "Restart", "RestartUSec", "RemainAfterExit", "Where", "What", "Options",
    "ExecCondition", "ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop",
    "ExecStopPre", "ExecStopPost", "Environment", "EnvironmentFiles", "UMask", "WorkingDirectory",
    "StandardOutput", "StandardError", "SyslogIdentifier", "User", "Group", "DynamicUser",
    "SupplementaryGroups", "ReadWritePaths", "ProtectHome", "ProtectSystem", "Id", "Names",
    "Requires", "Requisite", "Wants", "BindsTo", "PartOf", "Upholds", "RequiredBy", "RequisiteOf",
    "WantedBy", "BoundBy", "UpheldBy", "ConsistsOf", "Conflicts", "ConflictedBy", "Before", "After",
    "OnSuccess", "OnSuccessOf", "OnFailure", "OnFailureOf", "Triggers", "TriggeredBy",
    "PropagatesReloadTo", "ReloadPropagatedFrom", "PropagatesStopTo", "StopPropagatedFrom",
    "JoinsNamespaceOf", "Description", "LoadState", "FragmentPath", "DropInPaths",
]

if __name__ == "__main__":
    sys.exit(main())
