"""The invariants checked on every run of a :class:`~ftrace_sim.sched.World`.

=====================  ===================================================================
kind                   what must hold
=====================  ===================================================================
``wrong-result``       the traced function returns its untraced result to its caller,
                       and the caller returns its untraced result to the harness
``callee-saved``       x19..x29 and SP are as they were at the traced function's entry
                       when it returns (and the harness's canaries when the caller returns)
``tracer-ip``          the tracer's ``ip`` is the call site as the design defines it
                       (v6: the function entry; v5.5, call-ops, mcount: the BL)
``tracer-parent-ip``   ``parent_ip`` is the caller's return address
``tracer-args``        ``regs`` (pt_regs / ftrace_regs) holds the caller's x0 and x1
``unwind``             a frame-record walk from inside the tracer goes through the traced
                       function, the caller and reaches the harness (the caller's caller)
``tracer-outside``     the tracer runs only inside a call of the traced function
``graph-entry``        the graph tracer's entry names the call site and the real return
``graph-return``       its return reports the right return value, and every entry has
                       its return before the caller returns (``graph-unpaired``)
``fault``, ``panic``   no simulated fault, no kernel panic (e.g. "Bad frame pointer")
``stuck``              a CPU reaches a visible instruction within the step budget
``cmodx``              (in :mod:`ftrace_sim.sched`) no forbidden concurrent modification
``patch-failed``       the patcher's kernel functions return 0
=====================  ===================================================================
"""

from __future__ import annotations

from typing import Final

from ftrace_sim.cpu import SP, Cpu
from ftrace_sim.kernel import Kernel, RetStackEntry
from ftrace_sim.layout import STACK_SIZE
from ftrace_sim.sched import CpuActor, Frame, Violation, World
from ftrace_sim.trampolines import FTRACE_REGS, PT_REGS

__all__ = [
    "MAX_UNWIND",
    "check_call_end",
    "check_graph_entry",
    "check_graph_return",
    "check_return",
    "check_tracer",
    "unwind",
]

MAX_UNWIND: Final = 16
"""Frame records an unwind follows at most."""


def check_return(world: World, a: CpuActor, frame: Frame) -> list[Violation]:
    """The traced function is back at its return address: result and callee-saved registers."""
    cpu = a.cpu
    out = []
    want = world.expected(frame.args[:2])
    if want is not None and cpu.r[0] != want:
        out.append(Violation("wrong-result", f"the traced function returned {cpu.r[0]:#x}, expected {want:#x}",
                             a.index, cpu.pc))  # fmt: skip
    now = tuple(cpu.r[19:30])
    if now != frame.saved or cpu.r[SP] != frame.sp:
        diffs = [f"x{19 + i}={v:#x} (was {w:#x})" for i, (v, w) in enumerate(zip(now, frame.saved, strict=True)) if v != w]
        if cpu.r[SP] != frame.sp:
            diffs.append(f"sp={cpu.r[SP]:#x} (was {frame.sp:#x})")
        out.append(Violation("callee-saved", "the traced function did not preserve " + ", ".join(diffs), a.index,
                             cpu.pc))  # fmt: skip
    return out


def check_call_end(world: World, a: CpuActor) -> list[Violation]:
    """The caller returned to the harness: its result, the canaries, nothing left pending."""
    cpu = a.cpu
    out = []
    args = a.calls[a.call_no]
    want = world.expected_caller(args)
    if cpu.r[0] != want:
        out.append(Violation("wrong-result", f"the caller returned {cpu.r[0]:#x}, expected {want:#x}", a.index,
                             cpu.pc))  # fmt: skip
    if tuple(cpu.r[19:29]) != world.canaries:
        out.append(Violation("callee-saved", "the caller returned with x19..x28 changed", a.index, cpu.pc))
    if a.pending:
        out.append(Violation("wrong-result", "the traced function never returned to its caller", a.index, cpu.pc))
    task = world.kernel.tasks[a.index]
    if task.ret_stack:
        out.append(Violation("graph-unpaired", f"{len(task.ret_stack)} graph entries without a return", a.index,
                             cpu.pc))  # fmt: skip
    return out


def unwind(cpu: Cpu, stack_top: int) -> list[int]:
    """The return addresses of the frame records from X29 up (stops at fp 0, outside the stack, or 16 deep)."""
    memory = cpu.memory
    fp = cpu.r[29]
    out: list[int] = []
    for _ in range(MAX_UNWIND):
        if fp == 0 or fp & 7 or not stack_top - STACK_SIZE <= fp < stack_top:
            break
        out.append(memory.read_u64(fp + 8))
        fp = memory.read_u64(fp)
    return out


def check_tracer(world: World, cpu: Cpu, ip: int, parent_ip: int, regs: int) -> list[Violation]:
    """The function tracer was called (from the host function) with ``ip``, ``parent_ip``, ``regs``."""
    a = world.actors[cpu.index]
    pc = cpu.pc
    if not a.pending:
        return [Violation("tracer-outside", f"tracer called with ip={ip:#x} outside a traced call", a.index, pc)]
    frame = a.pending[-1]
    out = []
    rec = world.kernel.records[0]
    if ip != rec.ip:
        out.append(Violation("tracer-ip", f"ip={ip:#x}, expected the call site {rec.ip:#x}", a.index, pc))
    if parent_ip != frame.ret:
        out.append(Violation(
            "tracer-parent-ip",
            f"parent_ip={parent_ip:#x} ({world.machine.symbolize(parent_ip) or 'not code'}), expected the caller's "
            f"return address {frame.ret:#x} ({world.machine.symbolize(frame.ret)})",
            a.index, pc))  # fmt: skip
    layout = world.design.regs
    if layout is not None:
        base = PT_REGS["S_X0"] if layout == "pt_regs" else FTRACE_REGS["FREGS_X0"]
        memory = cpu.memory
        try:
            got = (memory.read_u64(regs + base), memory.read_u64(regs + base + 8))
        except Exception:  # noqa: BLE001 - an unreadable regs pointer is the finding
            got = None
        if got != frame.args[:2]:
            shown = "unreadable" if got is None else f"x0={got[0]:#x} x1={got[1]:#x}"
            out.append(Violation("tracer-args", f"{layout} at {regs:#x} holds {shown}, expected x0={frame.args[0]:#x}"
                                 f" x1={frame.args[1]:#x}", a.index, pc))  # fmt: skip
    lrs = unwind(cpu, world.machine.stacks[cpu.index].top)
    start, end = world.traced
    ok = len(lrs) >= 3 and start <= lrs[0] < end and lrs[1] == frame.ret and lrs[2] == world.sentinel
    if not ok:
        names = " -> ".join(world.machine.symbolize(x) or f"{x:#x}" for x in lrs) or "(no frame record)"
        out.append(Violation("unwind", f"frame records from the tracer: {names}; expected the traced function, "
                             f"then {world.machine.symbolize(frame.ret)}, then the harness", a.index, pc))  # fmt: skip
    world.ftrace_log.append(("entry", cpu.index, ip, parent_ip))
    return out


def check_graph_entry(world: World, k: Kernel, cpu: Cpu, entry: RetStackEntry) -> list[Violation]:
    """prepare_ftrace_return hooked a return: it names the call site and the real return address."""
    a = world.actors[cpu.index]
    out = []
    world.ftrace_log.append(("graph-entry", cpu.index, entry.func, entry.ret))
    if not a.pending:
        return [Violation("graph-entry", "graph entry outside a traced call", a.index, cpu.pc)]
    frame = a.pending[-1]
    rec = k.records[0]
    if entry.func != rec.ip:
        out.append(Violation("graph-entry", f"func={entry.func:#x}, expected {rec.ip:#x}", a.index, cpu.pc))
    if entry.ret != frame.ret:
        out.append(Violation("graph-entry", f"hooked return address {entry.ret:#x}, expected {frame.ret:#x}",
                             a.index, cpu.pc))  # fmt: skip
    return out


def check_graph_return(world: World, k: Kernel, cpu: Cpu, entry: RetStackEntry, retval: int) -> list[Violation]:
    """ftrace_return_to_handler popped ``entry`` with return value ``retval``."""
    a = world.actors[cpu.index]
    world.ftrace_log.append(("graph-return", cpu.index, entry.func, retval))
    if not a.pending:
        return [Violation("graph-return", "graph return outside a traced call", a.index, cpu.pc)]
    want = world.expected(a.pending[-1].args[:2])
    if want is not None and retval != want:
        return [Violation("graph-return", f"return value {retval:#x}, expected {want:#x}", a.index, cpu.pc)]
    return []

