#!/usr/bin/python3
# goldctl gate, scoreboard and telemetry export against a real Redis started
# here. Every expected figure is computed independently, in this file, with
# numpy (Debian's python3-numpy; run with /usr/bin/python3): the stream's
# payloads are decoded by Python's json, the rules of DESIGN.md applied, and
# np.mean, np.std, np.percentile give the statistics. Output: TAP.
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
except ImportError:
    if os.environ.get("CI"):
        print("not ok 1 - python3-numpy is not installed (CI must have it: tools/setup.sh)")
        sys.exit(1)
    print("# skip: python3-numpy is not installed (run with /usr/bin/python3)")
    print("1..0")
    sys.exit(0)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDCTL = os.environ.get("GOLDCTL", os.path.join(REPO, "build", "goldctl"))
CI = bool(os.environ.get("CI"))
T = tempfile.mkdtemp(prefix="goldctl-gate.")
N = 0
FAILED = 0


def report(ok, name, detail=""):
    global N, FAILED
    N += 1
    if not ok:
        FAILED += 1
    print(f"{'ok' if ok else 'not ok'} {N} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print(f"#   {line}")


def check(name, fn):
    try:
        fn()
        report(True, name)
    except AssertionError as e:
        report(False, name, e)
    except Exception as e:  # a bug in the test is a failure too
        report(False, name, f"{type(e).__name__}: {e}")


# ---- Redis ----

def start_redis(name, *extra):
    sock = os.path.join(T, f"{name}.sock")
    p = subprocess.Popen(["redis-server", "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
                          "--save", "", "--appendonly", "no", "--dir", T, *extra],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(sock):
            r = subprocess.run(["redis-cli", "-s", sock, "ping"], capture_output=True, text=True)
            if "PONG" in r.stdout or "NOAUTH" in r.stdout + r.stderr:
                return p, sock
        time.sleep(0.02)
    raise RuntimeError("redis-server did not start")


def resp(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        b = a if isinstance(a, bytes) else str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


def pipe(sock, commands):
    r = subprocess.run(["redis-cli", "-s", sock, "--pipe"], input=b"".join(commands), capture_output=True)
    assert r.returncode == 0 and b"errors: 0" in r.stdout, r.stdout + r.stderr


def cli(sock, *args):
    return subprocess.run(["redis-cli", "-s", sock, *args], capture_output=True, text=True).stdout.strip()


BASE_MS = 1790000000000  # 2026-09-21T...


def load_stream(sock, key, payloads, fields_extra=True, base_ms=BASE_MS):
    cmds = [resp("DEL", key)]
    for i, p in enumerate(payloads):
        fields = []
        if fields_extra:
            fields += ["event_type", "trade.intent", "trace_id", f"t{i}", "timestamp",
                       time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime((base_ms + i * 1000) / 1000))]
        if p is not None:
            fields += ["payload", p]
        else:
            fields += ["source", "no-payload"]
        cmds.append(resp("XADD", key, f"{base_ms + i * 1000}-0", *fields))
    pipe(sock, cmds)


# ---- the reference: DESIGN.md's rules, in Python, with numpy ----

class Contract:
    def __init__(self, **kw):
        self.min_predictions = kw.get("MinPredictions", 200)
        self.max_class = kw.get("MaxClassShare", 0.70)
        self.min_std = kw.get("MinStd", 0.05)
        self.min_range = kw.get("MinP10P90", 0.12)
        self.max_hold = kw.get("MaxHoldShare", 0.85)
        self.min_agree = kw.get("MinAgreement", 0.10)
        self.max_buysell = kw.get("MaxHardDisagreement", 0.25)
        self.kw = kw

    def write(self, name, repo=None):
        path = os.path.join(T, f"{name}.conf")
        with open(path, "w") as f:
            f.write(f"[Paths]\nRepoRoot={repo or os.path.join(T, 'repo')}\n[Redis]\nHost={SOCK}\n[Gate]\n")
            for k, v in self.kw.items():
                f.write(f"{k}={v}\n")
        return path


def reference(payloads, c):
    models = {}
    ens_events = ens_agree = ens_bs = 0
    for p in payloads:
        if p is None:
            continue
        try:
            d = json.loads(p)
        except ValueError:
            continue
        if not isinstance(d, dict) or "model_breakdown" not in d or not isinstance(d["model_breakdown"], dict):
            continue
        acts = []
        for k, v in d["model_breakdown"].items():
            m = models.setdefault(k, {"conf": [], "actions": {"BUY": 0, "SELL": 0, "HOLD": 0, "other": 0},
                                      "invalid": 0, "inactive": 0, "logits": 0})
            if not isinstance(v, dict):
                m["invalid"] += 1
                continue
            if v.get("inactive") is True:
                m["inactive"] += 1
                continue
            x = v.get("confidence")
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
                m["invalid"] += 1
                continue
            if x > 1:
                x = 1 / (1 + math.exp(-x))
                m["logits"] += 1
            a = v.get("action")
            a = a if a in ("BUY", "SELL", "HOLD") else "other"
            m["conf"].append(float(x))
            m["actions"][a] += 1
            if a != "other":
                acts.append(a)
        if len(acts) >= 2:
            ens_events += 1
            ens_agree += len(set(acts)) == 1
            ens_bs += "BUY" in acts and "SELL" in acts
    out = {}
    for k, m in models.items():
        n = len(m["conf"])
        a = np.array(m["conf"], dtype=np.float64)
        r = {"n": n, "counts": m["actions"], "invalid": m["invalid"], "inactive": m["inactive"], "logits": m["logits"]}
        if n:
            shares = {x: m["actions"][x] / n for x in m["actions"]}
            r.update(mean=float(np.mean(a)), std=float(np.std(a)), p10=float(np.percentile(a, 10)),
                     p90=float(np.percentile(a, 90)), shares=shares)
        if m["invalid"]:
            r["verdict"] = "FAIL"
        elif n < c.min_predictions:
            r["verdict"] = "INSUFFICIENT"
        else:
            ok = (max(shares.values()) <= c.max_class and shares["HOLD"] <= c.max_hold and r["std"] >= c.min_std
                  and r["p90"] - r["p10"] >= c.min_range and a.max() > a.min())
            r["verdict"] = "PASS" if ok else "FAIL"
        out[k] = r
    ens = {"events": ens_events, "agreement": ens_agree / ens_events if ens_events else None,
           "hard": ens_bs / ens_events if ens_events else None}
    return out, ens


def close(a, b, tol=1e-9):
    return a is not None and b is not None and abs(a - b) <= tol * max(1.0, abs(b))


def compare(got, want, only=None):
    """goldctl's JSON models against the reference."""
    bad = []
    gm = {m["model"]: m for m in got["models"]}
    names = only if only is not None else sorted(want)
    if sorted(gm) != sorted(names):
        bad.append(f"models: goldctl {sorted(gm)}, reference {sorted(names)}")
    for k in names:
        g, w = gm.get(k), want.get(k, {"n": 0, "verdict": "INSUFFICIENT", "invalid": 0, "inactive": 0, "logits": 0,
                                           "counts": {"BUY": 0, "SELL": 0, "HOLD": 0, "other": 0}})
        if not g:
            continue
        for f in ("n", "invalid", "inactive", "logits", "verdict", "counts"):
            if g[f] != w[f]:
                bad.append(f"{k}.{f}: goldctl {g[f]!r}, reference {w[f]!r}")
        if w["n"]:
            for f in ("mean", "std", "p10", "p90"):
                if not close(g[f], w[f]):
                    bad.append(f"{k}.{f}: goldctl {g[f]!r}, reference {w[f]!r}")
            for a, s in w["shares"].items():
                if not close(g["shares"][a], s):
                    bad.append(f"{k}.share[{a}]: goldctl {g['shares'][a]!r}, reference {s!r}")
    assert not bad, "\n".join(bad)


def goldctl(*args, contract=None):
    cmd = [GOLDCTL, *args]
    if contract:
        cmd.insert(3 if args[0] == "telemetry" else 2, f"--contract={contract}")
    return subprocess.run(cmd, capture_output=True, text=True)


def gate_json(stream, contract, *extra, verb="gate"):
    r = goldctl(verb, "--format=json", "--no-report", f"--stream={stream}", *extra, contract=contract)
    try:
        return r, json.loads(r.stdout)
    except ValueError:
        return r, None


def payload(breakdown, **extra):
    return json.dumps({"symbol": "BTCUSDT", "side": "BUY", "model_breakdown": breakdown, **extra})


def pred(action, conf, **kw):
    return {"action": action, "confidence": conf, "model": "m", **kw}


# ---- the scenarios ----

def main():
    global SOCK
    if not shutil.which("redis-server"):
        if CI:
            print("not ok 1 - redis-server is not installed (CI must have it)")
            return 1
        print("# skip: redis-server is not installed")
        print("1..0")
        return 0
    rp, SOCK = start_redis("redis")
    procs = [rp]
    try:
        scenarios(procs)
    finally:
        for p in procs:
            p.kill()
            p.wait()
        shutil.rmtree(T, ignore_errors=True)
    print(f"1..{N}")
    return 1 if FAILED else 0


def scenarios(procs):
    rnd = random.Random(20261122)
    base = Contract()
    cpath = base.write("base")
    os.makedirs(os.path.join(T, "repo"))

    # 1. a realistic mixed stream: every figure against numpy
    pls = []
    for i in range(600):
        b = {"xgb": pred(rnd.choice(["BUY", "SELL", "HOLD"]), rnd.uniform(0.3, 0.95))}
        b["lgbm"] = pred("BUY" if rnd.random() < 0.8 else "SELL", rnd.uniform(0.2, 0.9))
        b["nhits"] = pred(rnd.choice(["BUY", "SELL", "HOLD"]), rnd.gauss(0.6, 0.01))
        if i % 5 == 0:
            b["patchtst"] = pred("HOLD", rnd.uniform(0, 1))
        b["tft"] = pred(rnd.choice(["BUY", "SELL"]), rnd.uniform(0.1, 4.0) if i % 3 else rnd.uniform(0, 1))
        b["dlinear"] = pred(rnd.choice(["BUY", "SELL", "HOLD", "WAIT"]), rnd.uniform(0, 1), inactive=(i % 2 == 0))
        if i == 17:
            b["fallback"] = {"action": "HOLD", "confidence": float("nan"), "model": "fb"}
        else:
            b["fallback"] = pred("HOLD", rnd.uniform(0.2, 0.8))
        pls.append(payload(b))
    pls[100] = "{not json"
    pls[200] = None
    load_stream(SOCK, "s:mixed", pls)
    want, ens = reference(pls, base)
    r, got = gate_json("s:mixed", cpath)

    def t_mixed():
        assert got is not None, r.stderr
        assert r.returncode == 2, (r.returncode, r.stderr)
        compare(got, want)
        assert got["entries"]["read"] == 600 and got["entries"]["malformed"] == 2, got["entries"]
        v = {m["model"]: m["verdict"] for m in got["models"]}
        assert v["xgb"] == "PASS" and v["lgbm"] == "FAIL" and v["nhits"] == "FAIL", v
        assert v["patchtst"] == "INSUFFICIENT" and v["fallback"] == "FAIL", v
    check("a mixed stream: n, shares, mean, std, P10, P90 and verdicts as numpy computes them", t_mixed)

    def t_mixed_details():
        m = {x["model"]: x for x in got["models"]}
        assert m["tft"]["logits"] > 0, m["tft"]
        # every other prediction inactive; entries 100 and 200 are malformed
        assert m["dlinear"]["inactive"] == 298 and m["dlinear"]["counts"]["other"] > 0, m["dlinear"]
        assert "NaN" in m["fallback"]["first_invalid"] and m["fallback"]["invalid"] == 1, m["fallback"]
        checks = {c["check"]: c for c in m["lgbm"]["checks"]}
        assert checks["class-share"]["passed"] is False and checks["class-share"]["threshold"] == 0.7
        assert "class-share" in m["lgbm"]["reason"], m["lgbm"]["reason"]
        assert m["patchtst"]["n"] == 118 and "200 needed" in m["patchtst"]["reason"], m["patchtst"]
    check("logits, inactive, other actions, NaN, each failed check with its value and threshold", t_mixed_details)

    r2, got2 = gate_json("s:mixed", cpath, "--model=xgb")
    check("--model gates one model (exit 0 when it passes)",
          lambda: (r2.returncode == 0 and [m["model"] for m in got2["models"]] == ["xgb"]) or
          (_ for _ in ()).throw(AssertionError((r2.returncode, r2.stderr))))
    r3, got3 = gate_json("s:mixed", cpath, "--model=absent")
    check("--model with no prediction: INSUFFICIENT, exit 2",
          lambda: (r3.returncode == 2 and got3["models"][0]["verdict"] == "INSUFFICIENT" and got3["models"][0]["n"] == 0)
          or (_ for _ in ()).throw(AssertionError((r3.returncode, r3.stdout[:500]))))

    # 2. each threshold on both sides of its boundary
    def boundary(name, contract, confs_actions, want_verdict):
        key = f"s:b:{name}"
        pls = [payload({"m": pred(a, c)}) for a, c in confs_actions]
        load_stream(SOCK, key, pls)
        w, _ = reference(pls, contract)
        cp = contract.write(f"b-{name}")
        r, g = gate_json(key, cp)

        def t():
            assert g is not None, r.stderr
            compare(g, w)
            assert w["m"]["verdict"] == want_verdict, ("reference", w["m"]["verdict"])
            assert g["models"][0]["verdict"] == want_verdict, g["models"][0]["reason"]
            assert r.returncode == (0 if want_verdict == "PASS" else 2), r.returncode
        check(f"boundary {name}: {want_verdict}", t)

    def spread(n, actions):
        return [(actions[i % len(actions)], 0.2 + 0.6 * i / (n - 1)) for i in range(n)]
    boundary("predictions-199", base, spread(199, ["BUY", "SELL", "HOLD"]), "INSUFFICIENT")
    boundary("predictions-200", base, spread(200, ["BUY", "SELL", "HOLD"]), "PASS")
    for buys, v in ((700, "PASS"), (701, "FAIL")):
        acts = ["BUY"] * buys + ["SELL"] * (1000 - buys)
        boundary(f"class-share-{buys}", base, [(a, 0.2 + 0.6 * ((i * 37) % 1000) / 999) for i, a in enumerate(acts)], v)
    wide = Contract(MaxClassShare=0.95)
    for holds, v in ((850, "PASS"), (851, "FAIL")):
        acts = ["HOLD"] * holds + ["BUY"] * (1000 - holds)
        boundary(f"hold-share-{holds}", wide, [(a, 0.2 + 0.6 * ((i * 37) % 1000) / 999) for i, a in enumerate(acts)], v)
    low_range = Contract(MinP10P90=0.05)
    for d, v in ((0.0502, "PASS"), (0.0498, "FAIL")):
        boundary(f"std-{d}", low_range, [(["BUY", "SELL", "HOLD"][i % 3], 0.5 + (d if i % 2 else -d)) for i in range(400)], v)
    for d, v in ((0.0602, "PASS"), (0.0598, "FAIL")):
        boundary(f"p10-p90-{2 * d:.4f}", base,
                 [(["BUY", "SELL", "HOLD"][i % 3], 0.5 + (d if i % 2 else -d)) for i in range(400)], v)
    loose = Contract(MinStd=0, MinP10P90=0)
    boundary("constant", loose, [(["BUY", "SELL", "HOLD"][i % 3], 0.61) for i in range(300)], "FAIL")
    boundary("not-constant", loose, [(["BUY", "SELL", "HOLD"][i % 3], 0.61 if i else 0.62) for i in range(300)], "PASS")

    # 3. per-model counting: a 250-entry stream, a model in 150 of them
    pls = [payload({"a": pred(["BUY", "SELL", "HOLD"][i % 3], 0.1 + 0.8 * (i % 50) / 49),
                    **({"b": pred(["BUY", "SELL"][i % 2], 0.1 + 0.8 * (i % 25) / 24)} if i < 150 else {})})
           for i in range(250)]
    load_stream(SOCK, "s:permodel", pls)
    w, _ = reference(pls, base)
    r, g = gate_json("s:permodel", cpath)
    check("predictions are counted per model, not per stream entry",
          lambda: (compare(g, w), (g["models"][1]["n"] == 150 and g["models"][1]["verdict"] == "INSUFFICIENT"
                                   and r.returncode == 2) or (_ for _ in ()).throw(AssertionError(g["models"][1]))))

    # 4. invalid confidences: each kind fails its model
    kinds = {"negative": -0.1, "string": "0.5", "null": None, "bool": True, "missing": "<missing>"}
    for kind, val in kinds.items():
        def make(i, kind=kind, val=val):
            p = pred(["BUY", "SELL", "HOLD"][i % 3], 0.2 + 0.6 * (i % 100) / 99)
            if i == 7:
                if val == "<missing>":
                    del p["confidence"]
                else:
                    p["confidence"] = val
            return payload({"m": p})
        pls = [make(i) for i in range(300)]
        load_stream(SOCK, f"s:inv:{kind}", pls)
        w, _ = reference(pls, base)
        r, g = gate_json(f"s:inv:{kind}", cpath)
        check(f"a {kind} confidence fails the model", lambda g=g, w=w, r=r: (compare(g, w), (
            g["models"][0]["verdict"] == "FAIL" and g["models"][0]["invalid"] == 1 and r.returncode == 2)
            or (_ for _ in ()).throw(AssertionError(g["models"][0]))))
    for tok in ("NaN", "Infinity", "-Infinity"):
        pls = [payload({"m": pred("BUY", 0.5)}).replace('"confidence": 0.5', f'"confidence": {tok}') if i == 3
               else payload({"m": pred(["BUY", "SELL"][i % 2], 0.1 + 0.8 * (i % 10) / 9)}) for i in range(300)]
        load_stream(SOCK, f"s:tok:{tok}", pls)
        r, g = gate_json(f"s:tok:{tok}", cpath)
        check(f"Python's {tok} in a payload fails the model, not the entry",
              lambda g=g, r=r, tok=tok: (g["entries"]["malformed"] == 0 and g["models"][0]["invalid"] == 1 and
                                         tok in g["models"][0]["first_invalid"] and r.returncode == 2)
              or (_ for _ in ()).throw(AssertionError((r.returncode, r.stdout[:800]))))

    # 5. malformed entries: a few are counted, too many make the telemetry unreadable
    good = [payload({"m": pred(["BUY", "SELL", "HOLD"][i % 3], 0.1 + 0.8 * (i % 10) / 9)}) for i in range(1000)]
    few = list(good)
    few[5] = "[1, 2]"
    few[6] = '{"model_breakdown": [1]}'
    few[7] = "\xff not json"
    load_stream(SOCK, "s:few-bad", few)
    r, g = gate_json("s:few-bad", cpath)
    check("3 malformed entries in 1000: counted, the gate runs", lambda: (
        r.returncode == 0 and g["entries"]["malformed"] == 3 and g["models"][0]["n"] == 997)
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr, r.stdout[:300]))))
    many = list(good)
    for i in range(0, 1000, 50):
        many[i] = "garbage"
    load_stream(SOCK, "s:many-bad", many)
    r = goldctl("gate", "--no-report", "--stream=s:many-bad", contract=cpath)
    check("20 malformed entries in 1000 (above MaxMalformedShare=0.01): exit 3", lambda: (
        r.returncode == 3 and "malformed" in r.stderr and "MaxMalformedShare" in r.stderr)
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))

    # 6. an empty stream, no stream, not a stream, Redis down, Redis wanting a password
    pipe(SOCK, [resp("DEL", "s:empty"), resp("XADD", "s:empty", "1-0", "a", "b"), resp("XDEL", "s:empty", "1-0")])
    r, g = gate_json("s:empty", cpath)
    check("an empty stream: INSUFFICIENT, exit 2", lambda: (
        r.returncode == 2 and g["verdict"] == "INSUFFICIENT" and g["models"] == [] and g["entries"]["read"] == 0)
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stdout, r.stderr))))
    r = goldctl("gate", "--no-report", "--stream=s:none", contract=cpath)
    check("no such stream: exit 3", lambda: (r.returncode == 3 and "does not exist" in r.stderr)
          or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    cli(SOCK, "SET", "s:string", "x")
    r = goldctl("gate", "--no-report", "--stream=s:string", contract=cpath)
    check("a key that is not a stream: exit 3", lambda: (r.returncode == 3 and "not a stream" in r.stderr)
          or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    r = goldctl("gate", "--no-report", f"--redis={T}/nothing.sock", "--redis-timeout=500", contract=cpath)
    check("Redis down: exit 3, never 0", lambda: (r.returncode == 3 and "cannot connect" in r.stderr)
          or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    ap, asock = start_redis("auth", "--requirepass", "sekrit")
    procs.append(ap)
    r = goldctl("gate", "--no-report", f"--redis={asock}", contract=cpath)
    check("Redis refusing (NOAUTH): exit 3", lambda: (r.returncode == 3 and "NOAUTH" in r.stderr)
          or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    r = goldctl("gate", "--no-report", "--redis=127.0.0.1:1", "--redis-timeout=500", contract=cpath)
    check("Redis down over TCP: exit 3", lambda: r.returncode == 3 or (_ for _ in ()).throw(AssertionError(r.stderr)))

    # 7. --count, --since (stream ID and ISO 8601), batches
    series = [payload({"m": pred(["BUY", "SELL", "HOLD"][i % 3], (i % 97) / 96)}) for i in range(2500)]
    load_stream(SOCK, "s:series", series)
    for extra, sel in ((["--count=700"], series[-700:]), (["--count=1", "--batch=1"], series[-1:]),
                       ([f"--since={BASE_MS + 1000 * 1234}-0"], series[1234:]),
                       ([f"--since={BASE_MS + 1000 * 1234}", "--batch=7"], series[1234:]),
                       (["--since=" + time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime((BASE_MS + 1000 * 2000) / 1000))],
                        series[2000:]),
                       (["--since=" + time.strftime("%Y-%m-%dT%H:%M:%S+01:00", time.gmtime((BASE_MS + 1000 * 2000) / 1000 + 3600))],
                        series[2000:]),
                       ([f"--since={BASE_MS + 1000 * 2000}-0", "--count=100"], series[-100:]),
                       ([f"--since={BASE_MS + 1000 * 2450}-0", "--count=100", "--batch=9"], series[2450:]),
                       (["--batch=3"], series)):
        w, _ = reference(sel, base)
        r, g = gate_json("s:series", cpath, *extra)
        check(f"{' '.join(extra)}: exactly the entries asked for", lambda g=g, w=w, r=r, n=len(sel): (
            compare(g, w), (g["entries"]["read"] == n) or (_ for _ in ()).throw(AssertionError(g["entries"]))))
    r = goldctl("gate", "--no-report", "--stream=s:series", "--since=yesterday", contract=cpath)
    check("a bad --since: usage, exit 4", lambda: r.returncode == 4 or (_ for _ in ()).throw(AssertionError(r.stderr)))

    # 8. telemetry export, then --input: the same figures
    out = os.path.join(T, "mixed.jsonl")
    r = goldctl("telemetry", "export", "--stream=s:mixed", f"--output={out}", contract=cpath)
    check("telemetry export writes one JSON line per entry", lambda: (
        r.returncode == 0 and sum(1 for _ in open(out)) == 600 and
        json.loads(open(out).readline())["fields"]["event_type"] == "trade.intent")
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    ri = goldctl("gate", "--format=json", "--no-report", f"--input={out}", contract=cpath)
    check("--input from the export gives the stream's figures", lambda: compare(json.loads(ri.stdout), want))
    with open("/dev/full", "w") as full:
        rf = subprocess.run([GOLDCTL, "gate", f"--contract={cpath}", "--format=json", "--no-report", "--model=xgb",
                             f"--input={out}"], stdout=full, stderr=subprocess.PIPE, text=True)
    check("a passing gate whose output cannot be written (a full disk): exit 3, never 0", lambda: (
        rf.returncode == 3 and "cannot write to standard output" in rf.stderr)
        or (_ for _ in ()).throw(AssertionError((rf.returncode, rf.stderr))))
    big_line = os.path.join(T, "long-line.jsonl")
    with open(big_line, "w") as f:
        f.write(json.dumps({"id": "1-0", "fields": {"payload": payload({"m": pred("BUY", 0.5)}) + " " * (16 << 20)}}) + "\n")
        for i in range(150):
            f.write(json.dumps({"id": f"{i + 2}-0", "fields": {"payload": payload({"m": pred("SELL", 0.5)})}}) + "\n")
    rl = goldctl("gate", "--format=json", "--no-report", f"--input={big_line}", contract=cpath)
    check("--input: a line past 16 MiB is a malformed entry, not decoded", lambda: (
        json.loads(rl.stdout)["entries"]["malformed"] == 1 and json.loads(rl.stdout)["models"][0]["n"] == 150 and
        "16 MiB" in json.loads(rl.stdout)["entries"]["first_malformed"])
        or (_ for _ in ()).throw(AssertionError((rl.returncode, rl.stdout[:500], rl.stderr))))
    ri = goldctl("gate", "--format=json", "--no-report", f"--input={out}", "--count=100", contract=cpath)
    wl, _ = reference([json.loads(x)["fields"].get("payload") for x in open(out)][-100:], base)
    check("--input --count: the file's last entries", lambda: compare(json.loads(ri.stdout), wl))

    # 9. the Markdown report: atomically, under the repository root
    r = goldctl("gate", "--stream=s:mixed", contract=cpath)
    rep_dir = os.path.join(T, "repo", "reports", "safety")

    def t_report():
        files = [f for f in os.listdir(rep_dir) if f.startswith("quality_gate_") and f.endswith(".md")]
        assert r.returncode == 2 and len(files) == 1, (r.returncode, files, r.stderr)
        text = open(os.path.join(rep_dir, files[0])).read()
        for s in ("# Quality gate: FAIL", "## xgb: PASS", "## lgbm: **FAIL**", "Confidence histogram", "| class-share |",
                  "| mean |", "First invalid confidence"):
            assert s in text, s
        assert f"report: {rep_dir}/{files[0]}" in r.stdout, r.stdout
        assert not [f for f in os.listdir(rep_dir) if f.startswith(".")], os.listdir(rep_dir)
    check("the report: reports/safety/quality_gate_<UTC>.md with every model's figures and histogram", t_report)
    r2 = goldctl("gate", "--stream=s:mixed", contract=cpath)
    check("a second gate in the same second keeps the first report", lambda: (
        len([f for f in os.listdir(rep_dir) if f.startswith("quality_gate_")]) == 2)
        or (_ for _ in ()).throw(AssertionError(os.listdir(rep_dir))))
    noroot = Contract().write("noroot", repo=os.path.join(T, "no-such-repo"))
    r = goldctl("gate", "--stream=s:b:predictions-200", contract=noroot)
    check("a report that cannot be written: exit 3 even when every model passes", lambda: (
        r.returncode == 3 and "cannot write the report" in r.stderr)
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))
    r = goldctl("gate", "--stream=s:b:predictions-200", f"--report-dir={T}", contract=noroot)
    check("--report-dir, every model passing: exit 0", lambda: r.returncode == 0 or (_ for _ in ()).throw(AssertionError(r.stderr)))

    # 10. the scoreboard
    pls = []
    for i in range(400):
        b = {"good": pred(["BUY", "SELL", "HOLD"][i % 3], 0.2 + 0.6 * (i % 40) / 39),
             "agree": pred(["BUY", "SELL", "HOLD"][i % 3] if i % 4 else "SELL", 0.2 + 0.6 * (i % 30) / 29),
             "off": pred("BUY", 0.9, inactive=True)}
        if i < 50:
            b["young"] = pred("HOLD", 0.5 + i / 200)
        pls.append(payload(b))
    load_stream(SOCK, "s:board", pls)
    w, ens = reference(pls, base)
    r, g = gate_json("s:board", cpath, verb="scoreboard")

    def t_board():
        assert g is not None, r.stderr
        compare(g, w)
        st = {m["model"]: m["status"] for m in g["models"]}
        assert st == {"good": "GO", "agree": "GO", "off": "WAIT", "young": "WAIT"}, st
        assert g["ensemble"]["events"] == ens["events"], (g["ensemble"], ens)
        assert close(g["ensemble"]["agreement"], ens["agreement"]) and close(g["ensemble"]["hard_disagreement"], ens["hard"])
        assert r.returncode == 2 and g["verdict"] == "NO-GO", (r.returncode, g["verdict"])
    check("scoreboard: GO, WAIT, the ensemble's agreement as computed independently", t_board)
    r, g = gate_json("s:board", Contract(MaxHardDisagreement=0.05).write("strict"), "--model=good", verb="scoreboard")
    check("scoreboard: BUY against SELL above its threshold is an alert, exit 2", lambda: (
        r.returncode == 2 and g["ensemble"]["disagreement_ok"] is False and g["models"][0]["status"] == "GO")
        or (_ for _ in ()).throw(AssertionError((r.returncode, r.stdout[:600]))))
    r, g = gate_json("s:board", Contract(MaxHardDisagreement=0.5).write("lenient"), "--model=good", verb="scoreboard")
    check("scoreboard: every model asked GO and the ensemble within bounds: exit 0", lambda: (
        r.returncode == 0 and g["verdict"] == "GO") or (_ for _ in ()).throw(AssertionError((r.returncode, r.stdout[:600]))))
    r = goldctl("scoreboard", "--stream=s:board", "--format=prometheus", "--no-report", contract=cpath)
    check("scoreboard --format prometheus", lambda: (
        'goldctl_model_status{model="good",status="GO"} 1' in r.stdout and
        'goldctl_model_status{model="young",status="WAIT"} 1' in r.stdout and
        "goldctl_scoreboard_success 1" in r.stdout and "goldctl_ensemble_agreement" in r.stdout)
        or (_ for _ in ()).throw(AssertionError(r.stdout)))
    r = goldctl("scoreboard", "--stream=s:none", "--format=prometheus", "--no-report", contract=cpath)
    check("scoreboard --format prometheus, unreadable: success 0, exit 3", lambda: (
        r.returncode == 3 and "goldctl_scoreboard_success 0" in r.stdout) or (_ for _ in ()).throw(AssertionError(r.stdout)))
    for _ in range(2):
        r = goldctl("scoreboard", "--stream=s:board", contract=cpath)
    check("scoreboard_latest.md is replaced, not multiplied", lambda: (
        os.listdir(rep_dir).count("scoreboard_latest.md") == 1 and
        "# Scoreboard: NO-GO" in open(os.path.join(rep_dir, "scoreboard_latest.md")).read())
        or (_ for _ in ()).throw(AssertionError(os.listdir(rep_dir))))

    # 11. usage
    for args in (["--count=0"], ["--count=x"], ["--format=yaml"], ["--redis="], ["--model="], ["extra"],
                 ["--input=x", "--redis=y"], ["--no-report", "--report-dir=x"], ["--output=x"]):
        r = goldctl("gate", *args, contract=cpath)
        check(f"gate {' '.join(args)}: exit 4", lambda r=r: r.returncode == 4 or (_ for _ in ()).throw(AssertionError((r.returncode, r.stderr))))

    # 12. a million entries
    rnd = random.Random(7)
    big = []
    for i in range(1000000):
        big.append('{"model_breakdown": {"xgb": {"action": "%s", "confidence": %r}, "lgbm": {"action": "%s", '
                   '"confidence": %r}, "nhits": {"action": "HOLD", "confidence": %r, "inactive": %s}}}'
                   % ("BUY" if i % 3 == 0 else "SELL" if i % 3 == 1 else "HOLD", rnd.random(),
                      "BUY" if i % 2 else "SELL", rnd.uniform(0.3, 0.7), rnd.random(), "true" if i % 4 == 0 else "false"))
    cmds = [resp("DEL", "s:million")]
    cmds += [resp("XADD", "s:million", f"{i + 1}-0", "payload", p) for i, p in enumerate(big)]
    pipe(SOCK, cmds)
    del cmds
    w, _ = reference(big, base)
    r, g = gate_json("s:million", cpath)
    check("a stream of a million entries: every figure exact", lambda: (
        compare(g, w), (g["entries"]["read"] == 1000000) or (_ for _ in ()).throw(AssertionError(g["entries"]))))


if __name__ == "__main__":
    sys.exit(main())
