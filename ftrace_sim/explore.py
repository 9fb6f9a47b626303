"""The explorer: every interleaving of the CPUs and the patcher, up to equivalent states.

:func:`explore` searches the transitions of a :class:`~ftrace_sim.sched.World`
breadth first, level by level, and keeps one copy of each distinct state
(:meth:`Snapshot.key <ftrace_sim.sched.Snapshot.key>`): two schedules that
reach the same registers, stacks, kernel text, stale copies and actor
positions continue identically, so the second is not explored again.  Together
with the reduction to visible operations of :mod:`ftrace_sim.sched` this makes
the search exhaustive for the scenario: a design is *verified* when no reachable
state violates an invariant.

Breadth first gives a shortest failing schedule; :func:`shrink` then deletes
every transition it can while the replay (completed by running each actor to
its end) still fails, and :func:`timeline` prints what happened.

Each level's states are expanded in chunks by a :class:`concurrent.futures.Executor`
(a process pool by default, one worker per core; a Dask or Ray executor works
the same way).  Chunks are made and merged in a fixed order, so the result does
not depend on the executor or on the number of workers.

CMODX violations are reported (with a schedule that shows one) but do not stop
the search: they say the design breaks the architecture's rule, while the search
goes on to find what actually goes wrong.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Final

from ftrace_sim.scenario import ScenarioConfig, build
from ftrace_sim.sched import Snapshot, Step, Violation, World

__all__ = [
    "CHUNK",
    "Counterexample",
    "ExploreResult",
    "explore",
    "replay",
    "shrink",
    "timeline",
    "world_for",
]

CHUNK: Final = 48
"""Fewest states per task handed to the executor (a level is split in about four tasks per worker)."""

_WORLDS: dict[tuple[ScenarioConfig, int], World] = {}


def world_for(config: ScenarioConfig) -> World:
    """The world of ``config``, reset to its initial state (built once per process and thread)."""
    key = (config, threading.get_ident())
    world = _WORLDS.get(key)
    if world is None:
        world = _WORLDS[key] = build(config)
    world.reset()
    world.record = False
    return world


@dataclass(frozen=True)
class Counterexample:
    """A failing schedule, the violations its replay shows, and the replay's steps (for :func:`timeline`)."""

    schedule: tuple[str, ...]
    violations: tuple[Violation, ...]
    steps: tuple[Step, ...]
    found_at: int
    """Length of the schedule the search found, before shrinking."""


@dataclass(frozen=True)
class ExploreResult:
    """What :func:`explore` found.

    Attributes:
        config: the scenario.
        verified: no reachable state violates an invariant (and no CMODX violation).
        states: distinct states reached.
        transitions: transitions executed (each is one edge of the search).
        final_states: distinct states in which every actor had finished.
        depth: the longest schedule explored.
        elapsed: seconds.
        counterexample: the shrunk failing schedule, or None.
        cmodx: a schedule showing a CMODX violation, or None.
        truncated: the search stopped at ``max_states`` before it was complete.
    """

    config: ScenarioConfig
    verified: bool
    states: int
    transitions: int
    final_states: int
    depth: int
    schedules: int | None
    """Complete schedules the search covered (paths from the initial state to a final one, through the
    state graph); None when the search stopped early or the graph has a cycle."""
    elapsed: float
    counterexample: Counterexample | None = None
    cmodx: Counterexample | None = None
    truncated: bool = False
    workers: int = 1

    def summary(self) -> str:
        """``verified: ...`` or ``FAILED: ...`` with the figures."""
        schedules = f"{self.schedules:,} schedules, " if self.schedules is not None else ""
        figures = (
            f"{schedules}{self.states:,} states, {self.transitions:,} transitions, {self.final_states:,} final states, "
            f"depth {self.depth}, {self.elapsed:.2f} s ({self.transitions / max(self.elapsed, 1e-9):,.0f} "
            f"transitions/s, {self.workers} worker{'s' if self.workers != 1 else ''})"
        )
        scenario = self.config.describe()
        if self.verified:
            return f"verified: {scenario}: {figures}"
        if self.truncated and self.counterexample is None and self.cmodx is None:
            return f"incomplete: {scenario}: stopped at the state limit after {figures}"
        shown = self.counterexample or self.cmodx
        functional = [v for v in shown.violations if v.kind != "cmodx"] if shown else []
        what = functional[0] if functional else (shown.violations[0] if shown and shown.violations else "?")
        return f"FAILED: {scenario}: {what}; after {figures}"


@dataclass
class _Edge:
    parent: int
    label: str
    key: bytes
    snap: Snapshot | None
    violations: list[Violation]
    finished: bool


def _expand(config: ScenarioConfig, snaps: Sequence[Snapshot]) -> list[list[_Edge]]:
    """Every transition from each of ``snaps`` (runs in a worker)."""
    world = world_for(config)
    out: list[list[_Edge]] = []
    for i, snap in enumerate(snaps):
        world.restore(snap)
        labels = world.enabled()
        edges = []
        for j, label in enumerate(labels):
            if j:
                world.restore(snap)
            world.apply(label)
            child = world.snapshot()
            finished = world.finished
            edges.append(_Edge(i, label, child.key(), None if finished else child, list(world.violations), finished))
        out.append(edges)
    return out


def _path(parents: dict[bytes, tuple[bytes, str] | None], key: bytes) -> list[str]:
    labels = []
    link = parents[key]
    while link is not None:
        key, label = link
        labels.append(label)
        link = parents[key]
    return labels[::-1]


def explore(
    config: ScenarioConfig,
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    max_states: int = 5_000_000,
    max_depth: int = 10_000,
    progress: Callable[[int, int, int], None] | None = None,
    shrink_counterexample: bool = True,
) -> ExploreResult:
    """Search every schedule of ``config``'s world; return the verdict and the figures.

    ``executor`` runs the chunks of each level (default: a process pool of
    ``workers`` processes, default one per core; ``workers=1`` runs in this
    process).  ``progress(level, states, transitions)`` is called after each
    level.  The search stops at the first level where an invariant fails, or
    at ``max_states`` states or ``max_depth`` transitions deep (then
    ``truncated`` is set: the verdict covers only the schedules explored).
    """
    t0 = time.perf_counter()
    world = world_for(config)
    init = world.initial
    init_key = init.key()
    parents: dict[bytes, tuple[bytes, str] | None] = {init_key: None}
    children: dict[bytes, list[bytes]] = {}
    frontier: list[tuple[bytes, Snapshot]] = [(init_key, init)]
    transitions = finals = depth = 0
    failing: tuple[bytes, str] | None = None
    cmodx: tuple[bytes, str] | None = None
    truncated = False
    own_pool: ProcessPoolExecutor | None = None
    nworkers = workers if workers is not None else (os.cpu_count() or 1)
    if executor is None and nworkers > 1:
        own_pool = executor = ProcessPoolExecutor(max_workers=nworkers)
    try:
        while frontier:
            depth += 1
            size = max(CHUNK, math.ceil(len(frontier) / (4 * nworkers)))
            chunks = [frontier[i : i + size] for i in range(0, len(frontier), size)]
            snaps = [[s for _, s in chunk] for chunk in chunks]
            if executor is None or len(chunks) == 1:
                results = [_expand(config, s) for s in snaps]
            else:
                results = list(executor.map(_expand, [config] * len(snaps), snaps))
            nxt: list[tuple[bytes, Snapshot]] = []
            for chunk, chunk_edges in zip(chunks, results, strict=True):
                for edges in chunk_edges:
                    for e in edges:
                        transitions += 1
                        parent_key = chunk[e.parent][0]
                        children.setdefault(parent_key, []).append(e.key)
                        functional = [v for v in e.violations if v.kind != "cmodx"]
                        if len(functional) < len(e.violations) and cmodx is None:
                            cmodx = (parent_key, e.label)
                        if functional and failing is None:
                            failing = (parent_key, e.label)
                        if e.key in parents:
                            continue
                        parents[e.key] = (parent_key, e.label)
                        if e.finished:
                            finals += 1
                        elif e.snap is not None and not functional:
                            nxt.append((e.key, e.snap))
            if progress is not None:
                progress(depth, len(parents), transitions)
            if failing is not None:
                break
            if len(parents) >= max_states or (nxt and depth >= max_depth):
                truncated = True
                break
            frontier = nxt
    finally:
        if own_pool is not None:
            own_pool.shutdown(cancel_futures=True)

    def counterexample(link: tuple[bytes, str]) -> Counterexample:
        schedule = [*_path(parents, link[0]), link[1]]
        kind = "cmodx" if link is cmodx and link is not failing else None
        found = len(schedule)
        if shrink_counterexample:
            schedule = shrink(config, schedule, cmodx_only=kind == "cmodx")
        violations, steps = replay(config, schedule)
        return Counterexample(tuple(schedule), tuple(violations), tuple(steps), found)

    ce = counterexample(failing) if failing is not None else None
    cm = counterexample(cmodx) if cmodx is not None else None
    return ExploreResult(
        config,
        verified=ce is None and cm is None and not truncated,
        states=len(parents),
        transitions=transitions,
        final_states=finals,
        depth=depth,
        schedules=_count_paths(init_key, children) if failing is None and not truncated else None,
        elapsed=time.perf_counter() - t0,
        counterexample=ce,
        cmodx=cm,
        truncated=truncated,
        workers=nworkers if executor is not None else 1,
    )


def _count_paths(root: bytes, children: dict[bytes, list[bytes]]) -> int | None:
    """Paths from ``root`` to a leaf (a state without successors) of the state graph; None on a cycle."""
    count: dict[bytes, int] = {}
    busy: set[bytes] = set()
    stack: list[tuple[bytes, int]] = [(root, 0)]
    while stack:
        node, i = stack.pop()
        kids = children.get(node, ())
        if i == 0:
            if node in count:
                continue
            busy.add(node)
        if i < len(kids):
            stack.append((node, i + 1))
            kid = kids[i]
            if kid in busy:
                return None
            if kid not in count:
                stack.append((kid, 0))
            continue
        busy.discard(node)
        count[node] = sum(count[k] for k in kids) if kids else 1
    return count[root]


def replay(config: ScenarioConfig, schedule: Sequence[str], *, complete: bool = True) -> tuple[list[Violation], list[Step]]:
    """Run ``schedule`` (then every actor to its end) from the initial state, recording each step."""
    world = world_for(config)
    world.record = True
    try:
        violations = list(world.run(schedule, complete=complete))
        return violations, list(world.steps)
    finally:
        world.record = False


def _fails(config: ScenarioConfig, schedule: Sequence[str], cmodx_only: bool) -> bool:
    world = world_for(config)
    violations = world.run(schedule)
    if cmodx_only:
        return any(v.kind == "cmodx" for v in violations)
    return any(v.kind != "cmodx" for v in violations)


def shrink(config: ScenarioConfig, schedule: Sequence[str], *, cmodx_only: bool = False) -> list[str]:
    """Delete transitions from a failing ``schedule`` while its replay still fails; the shortest found.

    Repeats passes that try to delete each transition (last first) and
    then each run of equal labels, until a pass changes nothing.
    """
    current = list(schedule)
    if not _fails(config, current, cmodx_only):
        return current
    changed = True
    while changed:
        changed = False
        i = len(current) - 1
        while i >= 0:
            candidate = current[:i] + current[i + 1 :]
            if _fails(config, candidate, cmodx_only):
                current = candidate
                changed = True
            i -= 1
    return current


def timeline(ce: Counterexample, *, title: str = "") -> str:
    """The counterexample as a table: step, who, address, word, disassembly (or what was written), x9, x30."""
    lines = []
    if title:
        lines.append(title)
    lines.append(f"schedule ({len(ce.schedule)} transitions, found at {ce.found_at}): {' '.join(ce.schedule)}")
    lines.append("then every actor runs to its end.")
    lines.append("")
    head = f"{'step':>4}  {'who':<8} {'address':<18} {'word':<8}  {'x9':<18} {'x30':<18} what"
    lines.append(head)
    lines.append("-" * len(head))
    steps = list(ce.steps)
    last_cpu = max((i for i, s in enumerate(steps) if s.label.startswith("cpu")), default=len(steps) - 1)
    omitted = len(steps) - 1 - last_cpu
    for n, s in enumerate(steps[: last_cpu + 1], 1):
        addr = f"{s.addr:016x}" if s.addr is not None else ""
        word = f"{s.word:08x}" if s.word is not None else ""
        x9 = f"{s.x9:016x}" if s.x9 is not None else ""
        x30 = f"{s.x30:016x}" if s.x30 is not None else ""
        what = s.text
        if s.label.startswith("cpu") and s.count > 1:
            what = f"{what}  [then {s.count - 1} more]"
        lines.append(f"{n:>4}  {s.label:<8} {addr:<18} {word:<8}  {x9:<18} {x30:<18} {what}")
    if omitted:
        lines.append(f"      (the patcher's {omitted} remaining steps, after every CPU has finished, are not shown)")
    lines.append("")
    lines.append("violations:")
    lines.extend(f"  {v}" for v in ce.violations)
    return "\n".join(lines)

