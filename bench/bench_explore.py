"""The explorer: time to the v6 counterexample and to verifying the fixed designs, in one run.

Goals (issue "ftrace on the simulator"): the v6 counterexample in under 1 s;
v5.5 verified for 2 CPUs x (enable, disable, enable) under both fetch models
in under 30 s.  Each scenario runs in a fresh process, with one worker and
with one per core; the table splits the time into the imports, building the
world (assembling the trampolines, loading the fixtures, the reference runs,
recording the patcher) and the search itself (``explore()`` on the built world,
shrinking and replaying the counterexample included), and gives states and
transitions per second of search.  Peers: none exist for this task; the figures are for
tracking.  ``--quick`` runs the two goal scenarios only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = """
import json, sys, time
t0 = time.perf_counter()
from ftrace_sim.explore import explore, world_for
from ftrace_sim.scenario import ScenarioConfig
t1 = time.perf_counter()
kw = json.loads(sys.argv[1])
workers = kw.pop("workers")
config = ScenarioConfig(**kw)
world_for(config)
t2 = time.perf_counter()
r = explore(config, workers=workers)
t3 = time.perf_counter()
print(json.dumps(dict(wall=t3 - t0, imports=t1 - t0, build=t2 - t1, search=t3 - t2, verified=r.verified,
                      states=r.states, transitions=r.transitions,
                      schedule=len(r.counterexample.schedule) if r.counterexample else 0)))
"""

SCENARIOS = [
    ("v6 counterexample (goal < 1 s)", dict(design="v6", cpus=2, fetch="strict")),
    ("v5.5 verified, strict", dict(design="v5.5", cpus=2, fetch="strict")),
    ("v5.5 verified, stale", dict(design="v5.5", cpus=2, fetch="stale")),
    ("mcount verified, strict", dict(design="mcount", cpus=2, fetch="strict")),
    ("mcount verified, stale", dict(design="mcount", cpus=2, fetch="stale")),
    ("call-ops verified, strict", dict(design="call-ops", cpus=2, fetch="strict")),
    ("call-ops verified, stale", dict(design="call-ops", cpus=2, fetch="stale")),
    ("v5.5 verified, module PLT, strict", dict(design="v5.5", cpus=2, fetch="strict", module=True)),
]


def once(kw: dict[str, object], workers: int) -> dict[str, float]:
    arg = json.dumps({**kw, "workers": workers})
    out = subprocess.run([sys.executable, "-c", CODE, arg], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    quick = "--quick" in sys.argv
    cores = os.cpu_count() or 1
    print(f"{'scenario':<36} {'workers':>7} {'search s':>8} {'build s':>7} {'imports':>7} {'total s':>7} "
          f"{'states':>8} {'trans.':>8} {'trans./s':>9}  verdict")  # fmt: skip
    v55 = {}
    for name, kw in SCENARIOS:
        if quick and not (name.startswith("v6") or name.startswith("v5.5 verified, st")):
            continue
        for workers in sorted({1, cores}):
            r = once(kw, workers)
            verdict = "verified" if r["verified"] else f"counterexample ({int(r['schedule'])} transitions)"
            rate = r["transitions"] / max(r["search"], 1e-9)
            print(f"{name:<36} {workers:>7} {r['search']:>8.2f} {r['build']:>7.2f} {r['imports']:>7.2f} "
                  f"{r['wall']:>7.2f} {int(r['states']):>8,} {int(r['transitions']):>8,} {rate:>9,.0f}  {verdict}")  # fmt: skip
            if name.startswith("v5.5 verified, st") and workers == cores:
                v55[kw["fetch"]] = r["wall"]
    if len(v55) == 2:
        print(f"v5.5, 2 CPUs, both fetch models: {sum(v55.values()):.2f} s in all, fresh processes with {cores} "
              "worker(s) (goal < 30 s)")  # fmt: skip


if __name__ == "__main__":
    main()
