"""``ftrace-sim``: explore, trace and demonstrate the arm64 ftrace designs on the simulator.

::

    ftrace-sim explore --design v6 --cpus 2            # finds the race, prints it, exits 1
    ftrace-sim explore --design v5.5 --fetch stale     # prints "verified: ...", exits 0
    ftrace-sim trace --design mcount --insns           # the function trace (and instructions)
    ftrace-sim demo                                    # the 2019 review's story, end to end

Exit status: 0 verified / ran cleanly, 1 an invariant failed (the counterexample
is printed), 2 bad usage or a scenario that cannot be built, 3 the search hit
``--max-states`` / ``--max-depth`` before it was complete (nothing found so far).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ftrace_sim.designs import DESIGNS
from ftrace_sim.errors import SimError
from ftrace_sim.events import describe_word
from ftrace_sim.explore import ExploreResult, explore, timeline, world_for
from ftrace_sim.scenario import BREAKAGES, ScenarioConfig, call_site_states
from ftrace_sim.sched import FETCH_MODELS, World

__all__ = ["main"]


def _config(args: argparse.Namespace) -> ScenarioConfig:
    phases = tuple(p.strip() for p in args.phases.split(",") if p.strip())
    return ScenarioConfig(
        design=args.design,
        cpus=args.cpus,
        fetch=args.fetch,
        phases=phases,
        calls=args.calls,
        module=args.module,
        graph=not args.no_graph,
        breakage=args.broken,
        stop_machine=args.stop_machine,
    )


def _progress(out: TextIO) -> tuple[Callable[[int, int, int], None], Callable[[], None]]:
    """A tqdm status bar on ``out`` when it is a terminal (levels, states, transitions)."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm comes with the [sim] extra
        return (lambda d, s, t: None), (lambda: None)
    bar = tqdm(total=None, unit=" states", file=out, disable=None, leave=False, dynamic_ncols=True)
    seen = [0]

    def update(depth: int, states: int, transitions: int) -> None:
        bar.update(states - seen[0])
        seen[0] = states
        bar.set_postfix(level=depth, transitions=f"{transitions:,}")

    return update, bar.close


def _report(result: ExploreResult, out: TextIO) -> int:
    print(result.summary(), file=out)
    if result.counterexample is not None:
        print("", file=out)
        print(timeline(result.counterexample, title="minimal counterexample:"), file=out)
    if result.cmodx is not None:
        first = next(v for v in result.cmodx.violations if v.kind == "cmodx")
        print("", file=out)
        print(f"CMODX: {first}", file=out)
        print(f"  shown by the schedule: {' '.join(result.cmodx.schedule)}", file=out)
    if result.truncated and result.counterexample is None and result.cmodx is None:
        return 3
    return 0 if result.verified else 1


def _cmd_explore(args: argparse.Namespace, out: TextIO) -> int:
    config = _config(args)
    update, close = _progress(sys.stderr)
    try:
        result = explore(
            config, workers=args.workers, max_states=args.max_states, max_depth=args.max_depth, progress=update
        )
    finally:
        close()
    return _report(result, out)


def _sym(world: World, addr: int) -> str:
    name = world.machine.symbolize(addr)
    return f"{addr:#x} <{name}>" if name else f"{addr:#x}"


def _cmd_trace(args: argparse.Namespace, out: TextIO) -> int:
    config = _config(args)
    world = world_for(config)
    if args.insns:
        world.machine.trace_on()
    schedule = args.schedule.split() if args.schedule else _default_schedule(world)
    world.record = True
    violations = world.run(schedule)
    trace = world.machine.trace
    world.machine.trace_off()
    world.record = False
    print(f"# {config.describe()}", file=out)
    shown = " ".join(schedule) if len(schedule) <= 40 else " ".join(schedule[:40]) + " ..."
    print(f"# schedule: {shown or '(empty)'} (then each CPU to its end, then the patcher)", file=out)
    if trace is not None:
        print("# instructions:", file=out)
        for line in trace.lines():
            print(line, file=out)
    print("# function trace:", file=out)
    for kind, cpu, a, b in world.ftrace_log:
        if kind == "entry":
            print(f"cpu{cpu}  {_sym(world, a)} <- {_sym(world, b)}   (ip, parent_ip)", file=out)
        elif kind == "graph-entry":
            print(f"cpu{cpu}  graph entry  {_sym(world, a)}, returns to {_sym(world, b)}", file=out)
        else:
            print(f"cpu{cpu}  graph return {_sym(world, a)} = {b:#x}", file=out)
    if not world.ftrace_log:
        print("(nothing traced)", file=out)
    print("# patcher:", file=out)
    for step in world.steps:
        if step.label == "patcher":
            print(f"  {step.text}", file=out)
    if violations:
        print("# violations:", file=out)
        for v in violations:
            print(f"  {v}", file=out)
        return 1
    return 0


def _default_schedule(world: World) -> list[str]:
    """The patcher's first phase; completing the run then takes every CPU to its end, then the patcher."""
    return ["patcher"] * sum(1 for step in world.patcher.steps if step.phase == 0)


def _states_table(name: str) -> list[str]:
    """The call-site words of design ``name``, disabled -> enabled, disassembled."""
    return [
        f"    {w.name:<24} {describe_word(w.disabled, w.addr):<30} -> {describe_word(w.enabled, w.addr)}"
        for w in call_site_states(world_for(ScenarioConfig(design=name, cpus=1)))
        if not w.literal
    ]


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    def say(text: str = "") -> None:
        print(text, file=out)

    say("The 2019 review of arm64 \"ftrace with regs\" v6, replayed on ftrace_sim")
    say("=" * 72)
    say()
    say("v6 patches both NOPs at function entry at run time: the first becomes")
    say("`mov x9, x30` (save the LR), the second `bl ftrace_regs_caller`.")
    say("Mark Rutland: \"a CPU might have executed the first NOP as a NOP before")
    say("another CPU patches both instructions ... X9 contains some UNKNOWN value\".")
    say()
    say("Call site of traced_nonleaf (GCC -fpatchable-function-entry=2), disabled -> enabled:")
    for row in _states_table("v6"):
        say(row)
    say()
    say("Searching every interleaving of 2 CPUs calling call_traced() with a patcher")
    say("that enables, disables and re-enables tracing (ftrace_startup/ftrace_shutdown):")
    say()
    v6 = explore(ScenarioConfig(design="v6", cpus=2), workers=args.workers)
    _report(v6, out)
    say()
    say("The fix merged in v5.5 writes `mov x9, x30` once, in ftrace_init_nop(), before")
    say("the function can run; at run time only NOP <-> BL changes, which the architecture")
    say("allows to be modified while another CPU executes it.")
    say()
    say("Call site of traced_nonleaf under v5.5, disabled -> enabled:")
    for row in _states_table("v5.5"):
        say(row)
    say()
    status = 0 if not v6.verified else 1
    for name in ("v5.5", "mcount", "call-ops"):
        for fetch in FETCH_MODELS:
            result = explore(ScenarioConfig(design=name, cpus=2, fetch=fetch), workers=args.workers)
            say(result.summary())
            if not result.verified:
                status = 1
    return status


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the command)."""
    parser = argparse.ArgumentParser(
        prog="ftrace-sim", description="Explore, trace and demonstrate arm64 ftrace designs on a simulated machine."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def scenario_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--design", choices=sorted(DESIGNS), default="v5.5", help="the ftrace design (default v5.5)")
        p.add_argument("--cpus", type=int, default=2, help="CPUs calling the traced function (default 2)")
        p.add_argument("--fetch", choices=FETCH_MODELS, default="strict", help="instruction-fetch model")
        p.add_argument("--phases", default="enable,disable,enable",
                       help="the patcher's program, comma-separated enable/disable (default enable,disable,enable)")
        p.add_argument("--calls", type=int, default=1, help="calls of the caller per CPU (default 1)")
        p.add_argument("--module", action="store_true", help="trace the module function (calls through the PLT)")
        p.add_argument("--no-graph", action="store_true", help="do not register the graph tracer")
        p.add_argument("--broken", choices=sorted(BREAKAGES), help="a deliberately broken v5.5 trampoline")
        p.add_argument("--stop-machine", action="store_true",
                       help="run each tracing update under stop_machine (the generic default) instead of directly")
        p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")

    p_explore = sub.add_parser("explore", help="search every interleaving; print the counterexample or 'verified'")
    scenario_args(p_explore)
    p_explore.add_argument("--max-states", type=int, default=5_000_000, help="stop after this many states")
    p_explore.add_argument("--max-depth", type=int, default=10_000, help="explore schedules up to this length")
    p_trace = sub.add_parser("trace", help="run one schedule and print the function trace")
    scenario_args(p_trace)
    p_trace.add_argument("--insns", action="store_true", help="also print every instruction executed")
    p_trace.add_argument("--schedule", help="transition labels separated by spaces (default: enable, run the CPUs, "
                         "then the rest of the patcher)")  # fmt: skip
    p_demo = sub.add_parser("demo", help="the review's story end to end")
    p_demo.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "explore":
            return _cmd_explore(args, out)
        if args.command == "trace":
            return _cmd_trace(args, out)
        return _cmd_demo(args, out)
    except (SimError, ValueError) as err:
        print(f"ftrace-sim: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `ftrace-sim trace ... | head`: stop quietly, like objdump
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
