"""Scenarios: a design's trampolines, the GCC-compiled fixtures, the kernel mirror and the actors, wired up.

:func:`build` makes a :class:`~ftrace_sim.sched.World` from a
:class:`ScenarioConfig`:

1. a :class:`~ftrace_sim.machine.Machine` with ``cpus`` CPUs; host functions for
   ``ftrace_ops_list_func`` (calls the tracer), ``prepare_ftrace_return``,
   ``ftrace_return_to_handler`` and ``tracer_ops_func`` (CALL_OPS: the ops'
   own function);
2. the ``ftrace_ops`` structures and ``function_trace_op`` in the data area;
3. the design's trampolines (:mod:`ftrace_sim.trampolines`), assembled into the core text;
4. the fixture objects built for the design (``pfe2``, ``pfe42`` or ``pg``): the
   core object, and with ``module=True`` the module object in the module
   area, with its two ftrace PLT entries (``.text.ftrace_trampoline``);
5. one ``dyn_ftrace`` record for the traced function, initialised by
   ``ftrace_init_nop`` before any CPU runs;
6. the reference results (each caller call run once, untraced);
7. the patcher: ``ftrace_startup`` / ``ftrace_shutdown`` for each phase, recorded.

The traced function is ``traced_nonleaf`` called by ``call_traced`` (core), or
``module_traced`` called by ``module_caller`` (module: the call site calls
the trampolines through the module PLT, more than 128 MiB away).

``breakage`` selects a deliberately broken trampoline (:data:`BREAKAGES`), to
show that the invariants catch it.
"""

from __future__ import annotations

import struct
from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from ftrace_sim.cpu import SP, Cpu
from ftrace_sim.designs import Design, design
from ftrace_sim.errors import SimError
from ftrace_sim.events import Event
from ftrace_sim.invariants import check_graph_entry, check_graph_return, check_tracer
from ftrace_sim.kernel import DynFtrace, Kernel, Module, RetStackEntry, sync
from ftrace_sim.kernel.ftrace import (
    ftrace_call_adjust,
    ftrace_init_nop,
    ftrace_return_to_handler,
    ftrace_shutdown,
    ftrace_startup,
    prepare_ftrace_return,
)
from ftrace_sim.kernel.module_plts import NR_FTRACE_PLTS, PLT_ENTRY_SIZE, module_init_ftrace_plt
from ftrace_sim.machine import HOST_AREA, Machine
from ftrace_sim.sched import FETCH_MODELS, CpuActor, World
from ftrace_sim.trampolines import FTRACE_REGS, SOURCES, expand

__all__ = ["BREAKAGES", "FIXTURES", "PHASES", "ScenarioConfig", "SiteWord", "build", "call_site_states"]

FIXTURES: Final = Path(__file__).resolve().parent / "fixtures" / "obj"
"""The committed fixture objects, one directory per build variant."""

PHASES: Final = ("enable", "disable")
"""What a patcher phase can be."""

BREAKAGES: Final[dict[str, tuple[str, str, str]]] = {
    # name: (what it breaks, text in the v5.5 trampoline, replacement)
    "no-fp-restore": (
        "ftrace_common_return does not restore x29",
        "    ldr     x29, [sp, #S_FP]\n",
        "    nop\n",
    ),
    "wrong-lr": (
        "the entry saves x30 (the trampoline's return) as regs[30] instead of x9 (the caller's)",
        "    stp     x9, x10, [sp, #S_LR]",
        "    stp     x30, x10, [sp, #S_LR]",
    ),
    "wrong-ip": (
        "ftrace_common passes the return address as ip instead of the BL",
        "    sub     x0, x30, #AARCH64_INSN_SIZE     // ip: the call site's BL",
        "    mov     x0, x30",
    ),
    "no-arg-save": (
        "the entry does not save x0/x1 into pt_regs",
        "    stp     x0, x1, [sp, #S_X0]\n",
        "    nop\n",
    ),
    "no-callsite-frame": (
        "the call site's frame record {x29, x9} is not written (the unwinder skips the caller)",
        "    stp     x29, x9, [sp, #S_FRAME_SIZE]    // the call site's frame record {fp, lr}",
        "    stp     x29, xzr, [sp, #S_FRAME_SIZE]",
    ),
    "graph-wrong-fp": (
        "ftrace_graph_caller passes its own SP as the frame pointer",
        "    ldr     x2, [sp, #S_FRAME_SIZE]         // the call site's frame pointer",
        "    mov     x2, sp",
    ),
    "wrong-parent-ip": (
        "ftrace_common passes the trampoline's return address as parent_ip instead of x9",
        "    mov     x1, x9                          // parent_ip: the call site's LR",
        "    mov     x1, x30",
    ),
    "graph-wrong-slot": (
        "ftrace_graph_caller hands prepare_ftrace_return &regs->pc instead of &regs->regs[30]",
        "    add     x1, sp, #S_LR                   // &regs->regs[30]",
        "    add     x1, sp, #S_PC",
    ),
    "rth-loses-x0": (
        "return_to_handler saves xzr instead of x0, so the return value is lost",
        "    stp     x0, x1, [sp]\n    stp     x2, x3, [sp, #16]",
        "    stp     xzr, x1, [sp]\n    stp     x2, x3, [sp, #16]",
    ),
    "no-arg-restore": (
        "ftrace_common_return does not restore x0/x1 (the traced function sees the tracer's values)",
        "    ldp     x0, x1, [sp]\n    ldp     x2, x3, [sp, #S_X2]",
        "    nop\n    ldp     x2, x3, [sp, #S_X2]",
    ),
}
"""Deliberately broken v5.5 trampolines: name -> (what is wrong, original text, replacement)."""

_POISON: Final = tuple(0xBAD0_0000_0000_0000 | (n << 8) for n in range(9, 19))
"""x9..x18 at each call: "unknown" values that are no address (x9 = 0xbad0000000000900)."""
_CANARIES: Final = tuple(0xC0DE_0000_0000_0000 | n for n in range(19, 29))


@dataclass(frozen=True)
class ScenarioConfig:
    """What to run.

    Attributes:
        design: a name from :data:`ftrace_sim.designs.DESIGNS`.
        cpus: CPUs calling the caller of the traced function.
        fetch: ``"strict"`` or ``"stale"``.
        phases: the patcher's program, e.g. ``("enable", "disable", "enable")``.
        calls: calls of the caller per CPU.
        module: trace the module function (calls through the module PLT).
        graph: register the graph tracer along with the function tracer.
        breakage: a name from :data:`BREAKAGES` (v5.5 only), or None.
        stop_machine: run each tracing update under stop_machine (the generic
            ``ftrace_run_stop_machine``) instead of directly as arm64 does.
    """

    design: str = "v5.5"
    cpus: int = 2
    fetch: str = "strict"
    phases: tuple[str, ...] = ("enable", "disable", "enable")
    calls: int = 1
    module: bool = False
    graph: bool = True
    breakage: str | None = None
    stop_machine: bool = False

    def __post_init__(self) -> None:
        design(self.design)
        if not isinstance(self.cpus, int) or not 1 <= self.cpus <= 8:
            raise ValueError(f"cpus must be 1..8, got {self.cpus!r}")
        if self.fetch not in FETCH_MODELS:
            raise ValueError(f"fetch must be one of {', '.join(FETCH_MODELS)}, got {self.fetch!r}")
        bad = [p for p in self.phases if p not in PHASES]
        if bad:
            raise ValueError(f"unknown phase(s) {', '.join(bad)}; a phase is one of {', '.join(PHASES)}")
        if not 1 <= self.calls <= 16:
            raise ValueError(f"calls must be 1..16, got {self.calls!r}")
        if self.breakage is not None:
            if self.breakage not in BREAKAGES:
                raise ValueError(f"unknown breakage {self.breakage!r}; known: {', '.join(BREAKAGES)}")
            if self.design != "v5.5":
                raise ValueError("breakages apply to the v5.5 trampoline only")

    def describe(self) -> str:
        """One line: design, CPUs, fetch model, phases, and the options that differ from the defaults."""
        extra = []
        if self.module:
            extra.append("module (through the PLT)")
        if self.calls != 1:
            extra.append(f"{self.calls} calls per CPU")
        if not self.graph:
            extra.append("no graph tracer")
        if self.breakage:
            extra.append(f"broken trampoline: {self.breakage}")
        if self.stop_machine:
            extra.append("updates under stop_machine")
        more = f", {', '.join(extra)}" if extra else ""
        return f"design {self.design}, {self.cpus} CPU(s), fetch {self.fetch}, patcher {'/'.join(self.phases)}{more}"


class _Holder:
    world: World | None = None

    def get(self) -> World:
        if self.world is None:
            raise SimError("a host function ran before the world was built")
        return self.world


def _trampoline_text(d: Design, config: ScenarioConfig, symbols: dict[str, int]) -> str:
    text = SOURCES[d.name]
    if config.breakage is not None:
        _, old, new = BREAKAGES[config.breakage]
        if old not in text:
            raise SimError(f"breakage {config.breakage!r}: its text is not in the {d.name} trampoline")
        text = text.replace(old, new, 1)
    return expand(text, symbols)


def build(config: ScenarioConfig) -> World:
    """Build, initialise and prepare the world for ``config`` (see the module docstring)."""
    d = design(config.design)
    m = Machine(ncpus=config.cpus)
    holder = _Holder()
    kconfig = replace(d.config, update_with_stop_machine=True) if config.stop_machine else d.config
    k = Kernel(m, kconfig)

    def list_func(cpu: Cpu) -> None:
        world = holder.get()
        r = cpu.r
        ip, parent_ip, regs = r[0], r[1], r[3]
        if world.kernel.tracing:
            world.violations.extend(check_tracer(world, cpu, ip, parent_ip, regs))

    def tracer_ops_func(cpu: Cpu) -> None:
        world = holder.get()
        r = cpu.r
        ip, parent_ip, fregs = r[0], r[1], r[3]
        world.violations.extend(check_tracer(world, cpu, ip, parent_ip, fregs))
        if world.kernel.graph_active:  # ftrace_graph_func: prepare_ftrace_return(ip, &fregs->lr, fregs->fp)
            fp = cpu.memory.read_u64(fregs + FTRACE_REGS["FREGS_FP"])
            prepare_ftrace_return(world.kernel, cpu, ip, fregs + FTRACE_REGS["FREGS_LR"], fp)

    def prepare_return(cpu: Cpu) -> None:
        r = cpu.r
        prepare_ftrace_return(holder.get().kernel, cpu, r[0], r[1], r[2])

    def return_handler(cpu: Cpu) -> int:
        # return_to_handler saved x0..x7 at [sp] before passing the frame pointer in x0
        return ftrace_return_to_handler(holder.get().kernel, cpu, cpu.r[0], cpu.memory.read_u64(cpu.r[SP]))

    m.host_function("ftrace_ops_list_func", list_func)
    m.host_function("tracer_ops_func", tracer_ops_func)
    m.host_function("prepare_ftrace_return", prepare_return)
    m.host_function("ftrace_return_to_handler", return_handler)

    def graph_entry(kk: Kernel, cpu: Cpu, entry: RetStackEntry) -> bool:
        world = holder.get()
        world.violations.extend(check_graph_entry(world, kk, cpu, entry))
        return True

    def graph_return(kk: Kernel, cpu: Cpu, entry: RetStackEntry, retval: int) -> None:
        world = holder.get()
        world.violations.extend(check_graph_return(world, kk, cpu, entry, retval))

    k.graph_entry = graph_entry
    k.graph_return = graph_return

    # struct ftrace_ops (func first) and function_trace_op, in the data area
    data = m.alloc(0x1000, name="ftrace-data")
    syms = {
        "function_trace_op": data,
        "ftrace_nop_ops": data + 0x40,
        "ftrace_list_ops": data + 0x80,
        "tracer_ops": data + 0xC0,
    }
    text = m.load_assembly(_trampoline_text(d, config, syms), name=f"ftrace-trampolines-{d.name}", symbols=syms)
    k.extra_symbols.update(syms)
    mem = m.memory
    mem.write(syms["ftrace_nop_ops"], struct.pack("<Q", m.symbol("ftrace_stub")))
    mem.write(syms["ftrace_list_ops"], struct.pack("<Q", m.symbol("ftrace_ops_list_func")))
    mem.write(syms["tracer_ops"], struct.pack("<Q", m.symbol("tracer_ops_func")))
    mem.write(syms["function_trace_op"], struct.pack("<Q", syms["ftrace_list_ops"]))

    core = m.load_object(FIXTURES / d.variant / "core.o")
    fetchable = [range(text.base, text.base + text.size)]
    fetchable += [range(s.address, s.address + s.size) for s in core.functions()]
    mod: Module | None = None
    obj = core
    traced_name, caller_name = "traced_nonleaf", "call_traced"
    if config.module:
        obj = m.load_object(FIXTURES / d.variant / "module.o", module=True)
        fetchable += [range(s.address, s.address + s.size) for s in obj.functions()]
        plt = m.load_assembly(
            "ftrace_trampolines:\n" + "    .word 0\n" * (NR_FTRACE_PLTS * PLT_ENTRY_SIZE // 4),
            name="module.text.ftrace_trampoline",
            module=True,
        )
        mod = Module("module", obj, plt.base)
        k.modules[mod.name] = mod
        if d.config.lr_saver != "runtime" and module_init_ftrace_plt(k, mod) != 0:
            raise SimError("module_init_ftrace_plt failed")
        traced_name, caller_name = "module_traced", "module_caller"

    traced = obj.symbols[traced_name]
    site = _patch_site(d, obj, traced.address, traced.address + traced.size)
    rec = DynFtrace(ftrace_call_adjust(k, site), mod=mod, func=traced_name)
    k.records.append(rec)
    entry = traced.address
    addrs = [rec.ip] if d.variant == "pg" else list(range(entry - (8 if d.variant == "pfe42" else 0), entry + 8, 4))
    compiled = {a: m.memory.read_u32(a) for a in addrs}
    ret = sync(ftrace_init_nop(k, mod, rec))
    if ret:
        raise SimError(f"ftrace_init_nop({traced_name}) returned {ret}")

    # reference results, untraced
    calls = [
        [((0x1234_5678 * (i + 1) + 0x1111 * j) & 0xFFFF_FFFF, (0x9E37 + 77 * i + 5 * j)) for j in range(config.calls)]
        for i in range(config.cpus)
    ]
    results, inner = _reference(m, m.symbol(caller_name), traced.address, [c for cs in calls for c in cs])
    for cpu in m.cpus:
        cpu.flush()
        cpu.r[:] = [0] * len(cpu.r)
        cpu.sp = m.stacks[cpu.index].top

    actors = [CpuActor(i, m.cpus[i], list(calls[i])) for i in range(config.cpus)]
    world = World(
        m,
        k,
        d,
        fetch=config.fetch,
        actors=actors,
        caller=m.symbol(caller_name),
        traced=(traced.address, traced.address + traced.size),
        sentinel=HOST_AREA.base,
        expected=inner.get,
        expected_caller=results.__getitem__,
        canaries=_CANARIES,
        poison=_POISON,
    )
    world.fetchable = fetchable
    world.call_site = compiled
    holder.world = world
    visible = [addr for name, addr in text.symbols.items() if name.startswith("visible_")]
    world.prepare(_patcher(k, config), extra_stops=visible)
    return world


@dataclass(frozen=True)
class SiteWord:
    """One word of a call site in the three states of the design's table."""

    addr: int
    name: str
    """The address symbolized (``traced_nonleaf+0x4``)."""
    compiled: int
    """As the object file has it (before ``ftrace_init_nop``)."""
    disabled: int
    """After the one-time initialisation."""
    enabled: int
    """After the patcher's first phase (``ftrace_startup``)."""
    rec_ip: bool
    """This is ``rec->ip``."""
    literal: bool
    """Data, not an instruction (the CALL_OPS ops pointer)."""


def call_site_states(world: World) -> list[SiteWord]:
    """The traced function's call-site words compiled, disabled and enabled, read from simulated memory.

    Runs the patcher's first phase on ``world`` and resets it afterwards; the
    first phase must enable tracing (the default phases do).
    """
    world.reset()
    memory = world.machine.memory
    disabled = {a: memory.read_u32(a) for a in world.call_site}
    world.run(["patcher"] * sum(1 for s in world.patcher.steps if s.phase == 0), complete=False)
    enabled = {a: memory.read_u32(a) for a in world.call_site}
    world.reset()
    rec, entry = world.kernel.records[0], world.traced[0]
    return [
        SiteWord(a, (world.machine.symbolize(a) or f"{a:#x}") if a >= entry else f"{rec.func}-{entry - a:#x}", w, disabled[a],
                 enabled[a], a == rec.ip, world.design.config.call_ops and a < entry)  # fmt: skip
        for a, w in world.call_site.items()
    ]


def _patcher(k: Kernel, config: ScenarioConfig) -> Generator[Event, None, int]:
    for number, phase in enumerate(config.phases):
        k.phase = number
        if phase == "enable":
            ret = yield from ftrace_startup(k, graph=config.graph)
        else:
            ret = yield from ftrace_shutdown(k)
        if ret:
            return ret
    return 0


def _patch_site(d: Design, obj: object, start: int, end: int) -> int:
    from ftrace_sim.elf import LoadedObject

    assert isinstance(obj, LoadedObject)
    if d.variant == "pg":
        sites = [s for s in obj.mcount_sites if start <= s < end]
    elif d.variant == "pfe42":
        sites = [s for s in obj.patch_sites if s == start - 8]
    else:
        sites = [s for s in obj.patch_sites if s == start]
    if len(sites) != 1:
        raise SimError(f"expected one patch site for the function at {start:#x}, found {len(sites)}")
    return sites[0]


def _reference(
    m: Machine, caller: int, traced: int, args_list: list[tuple[int, int]]
) -> tuple[dict[tuple[int, ...], int], dict[tuple[int, ...], int]]:
    """Run each call untraced on CPU 0; the caller's results and the traced function's (by its x0, x1)."""
    cpu = m.cpus[0]
    results: dict[tuple[int, ...], int] = {}
    inner: dict[tuple[int, ...], int] = {}
    for args in args_list:
        r = cpu.r
        r[0], r[1] = args
        r[29] = 0
        r[30] = HOST_AREA.base
        cpu.sp = m.stacks[0].top
        cpu.pc = caller
        open_calls: list[tuple[tuple[int, ...], int, int]] = []
        for _ in range(1_000_000):
            pc = cpu.pc
            if pc == HOST_AREA.base:
                break
            if pc == traced:
                open_calls.append(((r[0], r[1]), r[30], r[SP]))
            elif open_calls and pc == open_calls[-1][1] and r[SP] == open_calls[-1][2]:
                inner[open_calls.pop()[0]] = r[0]
            cpu.step()
        else:
            raise SimError(f"reference run of {args} did not return")
        results[args] = r[0]
    return results, inner
