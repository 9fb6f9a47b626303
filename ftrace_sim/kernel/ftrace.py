"""Mirror of ``arch/arm64/kernel/ftrace.c`` and the generic ``kernel/trace/ftrace.c`` paths that drive it.

One function per kernel function, the ``#ifdef``\\ s as tests of
:class:`~ftrace_sim.kernel.KConfig`:

=============================  ==============================================================
``lr_saver="runtime"`` (v6)    ``rec->ip`` is the function entry; make_call writes
                               ``mov x9, x30`` at ip and then ``bl`` at ip+4; make_nop undoes
                               both; far calls use :func:`install_ftrace_trampoline`.
``lr_saver="init"`` (v5.5)     ``rec->ip`` is the second NOP (``ftrace_call_adjust`` +4);
                               :func:`ftrace_init_nop` writes the MOV once; run time toggles
                               NOP <-> BL only; far calls use the PLTs written at load.
``lr_saver="none"`` (mcount)   ``rec->ip`` is the ``bl _mcount``; init makes it a NOP.
``call_ops``                   as v5.5, plus the ops literal 8 bytes before the function,
                               written before the BL (and before the NOP on the way back).
=============================  ==============================================================

The generic side (:func:`ftrace_startup`, :func:`ftrace_shutdown`,
:func:`ftrace_modify_all_code`, ``__ftrace_replace_code``) keeps the
kernel's order of steps: switch ``ftrace_call`` to the list function, update the
call sites, then the final trace function and the graph caller.

The graph tracer's host-side halves (:func:`prepare_ftrace_return`,
:func:`function_graph_enter`, :func:`ftrace_return_to_handler`) run inside a
simulated CPU's call to a host function; they are plain functions.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Final

import aarch64insn.kernel as K  # noqa: N812 - reads like the kernel's AARCH64_INSN_* names
from ftrace_sim.errors import KernelPanic
from ftrace_sim.events import Event
from ftrace_sim.kernel import (
    EFAULT,
    EINVAL,
    EPERM,
    FTRACE_FL_CALL_OPS,
    FTRACE_FL_CALL_OPS_EN,
    FTRACE_FL_ENABLED,
    FTRACE_FL_REGS,
    FTRACE_FL_REGS_EN,
    SZ_128M,
    DynFtrace,
    Kernel,
    KernelGen,
    Module,
    RetStackEntry,
    log,
    traced,
)
from ftrace_sim.kernel.module_plts import get_ftrace_plt, install_ftrace_trampoline
from ftrace_sim.kernel.patching import (
    AARCH64_INSN_SIZE,
    aarch64_insn_patch_text_nosync,
    aarch64_insn_read,
    aarch64_insn_write_literal_u64,
    stop_machine,
)

if TYPE_CHECKING:
    from ftrace_sim.cpu import Cpu

__all__ = [
    "FTRACE_DISABLE_CALLS",
    "FTRACE_RETFUNC_DEPTH",
    "FTRACE_START_FUNC_RET",
    "FTRACE_STOP_FUNC_RET",
    "FTRACE_UPDATE_CALLS",
    "FTRACE_UPDATE_TRACE_FUNC",
    "MCOUNT_INSN_SIZE",
    "arch_ftrace_update_code",
    "arm64_rec_get_ops_addr",
    "ftrace_call_adjust",
    "ftrace_disable_ftrace_graph_caller",
    "ftrace_enable_ftrace_graph_caller",
    "ftrace_find_callable_addr",
    "ftrace_init_nop",
    "ftrace_make_call",
    "ftrace_make_nop",
    "ftrace_modify_all_code",
    "ftrace_modify_call",
    "ftrace_modify_code",
    "ftrace_modify_graph_caller",
    "ftrace_rec_set_nop_ops",
    "ftrace_rec_update_ops",
    "ftrace_return_to_handler",
    "ftrace_shutdown",
    "ftrace_startup",
    "ftrace_update_ftrace_func",
    "function_graph_enter",
    "gen_mov_x9_x30",
    "prepare_ftrace_return",
]

MCOUNT_INSN_SIZE: Final = AARCH64_INSN_SIZE
"""The BL at ``rec->ip`` (v5.5) or the ``bl _mcount``."""

FTRACE_RETFUNC_DEPTH: Final = 50
"""Depth of a task's return stack."""

FTRACE_UPDATE_CALLS: Final = 1 << 0
"""A command bit of ftrace_modify_all_code: enable the call sites of every enabled record."""
FTRACE_DISABLE_CALLS: Final = 1 << 1
"""A command bit: disable the call sites."""
FTRACE_UPDATE_TRACE_FUNC: Final = 1 << 2
"""A command bit: rewrite ``ftrace_call`` for the current trace function."""
FTRACE_START_FUNC_RET: Final = 1 << 3
"""A command bit: enable the graph caller."""
FTRACE_STOP_FUNC_RET: Final = 1 << 4
"""A command bit: disable the graph caller."""


def gen_mov_x9_x30() -> int:
    """``mov x9, x30`` as the kernel builds it (``gen_move_reg(REG_9, REG_LR, 64BIT)``; the v6 patch's
    ``gen_logical_shifted_reg(REG_9, ZR, LR, 0, 64BIT, ORR)`` gives the same word, 0xAA1E03E9)."""
    return K.aarch64_insn_gen_move_reg(K.AARCH64_INSN_REG_9, K.AARCH64_INSN_REG_LR, K.AARCH64_INSN_VARIANT_64BIT)


def _bl(pc: int, addr: int) -> int:
    return K.aarch64_insn_gen_branch_imm(pc, addr, K.AARCH64_INSN_BRANCH_LINK)


def _in_bl_range(pc: int, addr: int) -> bool:
    offset = pc - addr  # the sign the v5.5 code uses; see the quirk in the fact sheet
    return -SZ_128M <= offset < SZ_128M


def ftrace_call_adjust(k: Kernel, addr: int) -> int:
    """``ftrace_call_adjust(addr)``: from the recorded address to ``rec->ip``.

    mcount and the v6 patch: unchanged.  v5.5: +4 (the BL after the MOV).
    CALL_OPS: past the 8-byte literal, +4 (no BTI); 0 with a warning if misaligned.
    """
    if k.config.call_ops:
        if addr & 7:
            log.warning("Misaligned patch-site %#x", addr)
            return 0
        return addr + 8 + AARCH64_INSN_SIZE
    if k.config.with_regs and k.config.lr_saver == "init":
        return addr + AARCH64_INSN_SIZE
    return addr


# ---------------------------------------------------------------- text updates


@traced("ftrace_modify_code")
def ftrace_modify_code(k: Kernel, pc: int, old: int, new: int, validate: bool) -> KernelGen[int]:
    """``ftrace_modify_code(pc, old, new, validate)``: 0, -EFAULT, -EINVAL (old mismatch) or -EPERM.

    A refused update (-EFAULT, -EINVAL) writes nothing.  BREAK_FAULT in ``new``
    is written like any other word, as in the kernel.
    """
    if validate:
        ret, replaced = aarch64_insn_read(k, pc)
        if ret:
            return -EFAULT
        if replaced != old:
            return -EINVAL
    if (yield from aarch64_insn_patch_text_nosync(k, pc, new)):
        return -EPERM
    return 0


@traced("ftrace_update_ftrace_func")
def ftrace_update_ftrace_func(k: Kernel, func: int) -> KernelGen[int]:
    """``ftrace_update_ftrace_func(func)``: ``bl func`` at ``ftrace_call``, unvalidated; a no-op with CALL_OPS."""
    if k.config.call_ops:
        return 0
    pc = k.sym("ftrace_call")
    new = _bl(pc, func)
    k.ftrace_trace_function = func
    return (yield from ftrace_modify_code(k, pc, 0, new, False))


def ftrace_find_callable_addr(k: Kernel, rec: DynFtrace, mod: Module | None, addr: int) -> int | None:
    """v5.19+ ``ftrace_find_callable_addr(rec, mod, &addr)``: ``addr`` if BL reaches it, else the module's PLT.

    Returns the address to call, or None (the C function's false).
    """
    pc = rec.ip
    if -SZ_128M <= addr - pc < SZ_128M:
        return addr
    if not k.config.module_plts:
        return None
    return _module_plt(k, mod, pc, addr)


def _module_of(k: Kernel, mod: Module | None, pc: int) -> Module | None:
    """``mod ?: __module_text_address(pc)``, with the kernel's WARN_ON when no module holds ``pc``."""
    mod = mod or k.module_text_address(pc)
    if mod is None:
        log.warning("WARN_ON(!mod): no module holds %#x", pc)
    return mod


def _module_plt(k: Kernel, mod: Module | None, pc: int, addr: int) -> int | None:
    """The PLT entry of the module holding ``pc`` that reaches ``addr`` (pr_err and None if there is none)."""
    mod = _module_of(k, mod, pc)
    if mod is None:
        return None
    plt = get_ftrace_plt(k, mod, addr)
    if plt is None:
        log.error("ftrace: no module PLT for %#x", addr)
    return plt


@traced("ftrace_make_call")
def ftrace_make_call(k: Kernel, rec: DynFtrace, addr: int) -> KernelGen[int]:
    """``ftrace_make_call(rec, addr)``: turn the call site on (NOP -> BL addr, through a PLT if far)."""
    cfg = k.config
    if cfg.lr_saver == "runtime":
        return (yield from _make_call_v6(k, rec, addr))
    pc = rec.ip
    if cfg.call_ops:
        yield from ftrace_rec_update_ops(k, rec)
        target = ftrace_find_callable_addr(k, rec, None, addr)
        if target is None:
            return -EINVAL
        addr = target
    elif not _in_bl_range(pc, addr):
        if not cfg.module_plts:
            return -EINVAL
        plt = _module_plt(k, None, pc, addr)
        if plt is None:
            return -EINVAL
        addr = plt
    old = K.aarch64_insn_gen_nop()
    new = _bl(pc, addr)
    return (yield from ftrace_modify_code(k, pc, old, new, True))


def _make_call_v6(k: Kernel, rec: DynFtrace, addr: int) -> Generator[Event, None, int]:
    """The posted v6 patch: MOV into the first NOP, then BL into the second, each validated."""
    pc = rec.ip + AARCH64_INSN_SIZE  # REC_IP_BRANCH_OFFSET
    if not _in_bl_range(pc, addr):
        if not k.config.module_plts:
            return -EINVAL
        mod = _module_of(k, None, pc)
        if mod is None:
            return -EINVAL
        if addr in (k.FTRACE_ADDR, k.FTRACE_REGS_ADDR):
            ret, addr = yield from install_ftrace_trampoline(k, mod, addr)
            if ret < 0:
                return ret
        else:
            return -EINVAL
    old = K.aarch64_insn_gen_nop()
    if k.config.with_regs:
        ret = yield from ftrace_modify_code(k, pc - AARCH64_INSN_SIZE, old, gen_mov_x9_x30(), True)
        if ret:
            return ret
    new = _bl(pc, addr)
    return (yield from ftrace_modify_code(k, pc, old, new, True))


@traced("ftrace_modify_call")
def ftrace_modify_call(k: Kernel, rec: DynFtrace, old_addr: int, addr: int) -> KernelGen[int]:
    """``ftrace_modify_call(rec, old_addr, addr)`` (WITH_REGS): BL old_addr -> BL addr, validated.

    v5.5 translates neither address through a PLT (from v5.19 both go through
    :func:`ftrace_find_callable_addr`, which the CALL_OPS configuration uses).
    """
    pc = rec.ip + (AARCH64_INSN_SIZE if k.config.lr_saver == "runtime" else 0)
    if k.config.call_ops:
        yield from ftrace_rec_update_ops(k, rec)
        old_target = ftrace_find_callable_addr(k, rec, None, old_addr)
        new_target = ftrace_find_callable_addr(k, rec, None, addr)
        if old_target is None or new_target is None:
            return -EINVAL
        old_addr, addr = old_target, new_target
    old = _bl(pc, old_addr)
    new = _bl(pc, addr)
    return (yield from ftrace_modify_code(k, pc, old, new, True))


@traced("ftrace_make_nop")
def ftrace_make_nop(k: Kernel, mod: Module | None, rec: DynFtrace, addr: int) -> KernelGen[int]:
    """``ftrace_make_nop(mod, rec, addr)``: turn the call site off (BL addr -> NOP).

    A far target (a module calling through its PLT) cannot be validated
    word for word: the BL must point into the module instead (then
    validate=false).  The v6 patch returns 0 for MCOUNT_ADDR (nothing to undo
    at init) and afterwards turns the MOV back into a NOP too.
    """
    cfg = k.config
    runtime_lr = cfg.lr_saver == "runtime"
    pc = rec.ip + (AARCH64_INSN_SIZE if runtime_lr else 0)
    if runtime_lr and cfg.with_regs and addr == k.MCOUNT_ADDR:
        return 0
    if cfg.call_ops:
        yield from ftrace_rec_set_nop_ops(k, rec)
    validate = True
    old = 0
    if cfg.call_ops:
        target = ftrace_find_callable_addr(k, rec, mod, addr)
        if target is None:
            return -EINVAL
        old = _bl(pc, target)
    elif not _in_bl_range(pc, addr):
        if not cfg.module_plts:
            return -EINVAL
        mod = _module_of(k, mod, pc)
        if mod is None:
            return -EINVAL
        ret, replaced = aarch64_insn_read(k, pc)
        if ret:
            return -EFAULT
        if not K.aarch64_insn_is_bl(replaced) or not mod.within(pc + K.aarch64_get_branch_offset(replaced)):
            return -EINVAL
        validate = False
    else:
        old = _bl(pc, addr)
    new = K.aarch64_insn_gen_nop()
    ret = yield from ftrace_modify_code(k, pc, old, new, validate)
    if ret:
        return ret
    if runtime_lr and cfg.with_regs:
        ret = yield from ftrace_modify_code(k, pc - AARCH64_INSN_SIZE, gen_mov_x9_x30(), new, True)
    return ret


@traced("ftrace_init_nop")
def ftrace_init_nop(k: Kernel, mod: Module | None, rec: DynFtrace) -> KernelGen[int]:
    """``ftrace_init_nop(mod, rec)``: a call site's one-time set-up, before it can run.

    v5.5 and CALL_OPS: ``mov x9, x30`` into the NOP before ``rec->ip`` (after
    pointing the literal at ``ftrace_nop_ops``).  Otherwise the generic
    default, ``ftrace_make_nop(mod, rec, MCOUNT_ADDR)``.
    """
    if k.config.lr_saver != "init":
        return (yield from ftrace_make_nop(k, mod, rec, k.MCOUNT_ADDR))
    if k.config.call_ops:
        yield from ftrace_rec_set_nop_ops(k, rec)
    pc = rec.ip - AARCH64_INSN_SIZE
    return (yield from ftrace_modify_code(k, pc, K.aarch64_insn_gen_nop(), gen_mov_x9_x30(), True))


# ---------------------------------------------------------------- CALL_OPS literal


def _literal_addr(rec: DynFtrace) -> int:
    return (rec.ip - 12) & ~7  # ALIGN_DOWN(rec->ip - 12, 8)


def arm64_rec_get_ops_addr(k: Kernel, rec: DynFtrace) -> int:
    """``arm64_rec_get_ops(rec)``: the one ops if ``FTRACE_FL_CALL_OPS_EN``, else ``&ftrace_list_ops``."""
    if rec.flags & FTRACE_FL_CALL_OPS_EN:
        return k.sym("tracer_ops")
    return k.sym("ftrace_list_ops")


@traced("ftrace_rec_set_nop_ops")
def ftrace_rec_set_nop_ops(k: Kernel, rec: DynFtrace) -> KernelGen[int]:
    """Point the site's literal at ``ftrace_nop_ops`` (CALL_OPS; 0 otherwise)."""
    if not k.config.call_ops:
        return 0
    return (yield from aarch64_insn_write_literal_u64(k, _literal_addr(rec), k.sym("ftrace_nop_ops")))


@traced("ftrace_rec_update_ops")
def ftrace_rec_update_ops(k: Kernel, rec: DynFtrace) -> KernelGen[int]:
    """Point the site's literal at the ops that will trace it (CALL_OPS; 0 otherwise)."""
    if not k.config.call_ops:
        return 0
    return (yield from aarch64_insn_write_literal_u64(k, _literal_addr(rec), arm64_rec_get_ops_addr(k, rec)))


# ---------------------------------------------------------------- graph caller


@traced("ftrace_modify_graph_caller")
def ftrace_modify_graph_caller(k: Kernel, enable: bool) -> KernelGen[int]:
    """``ftrace_modify_graph_caller(enable)``: NOP <-> ``b ftrace_graph_caller`` at ``ftrace_graph_call``."""
    pc = k.sym("ftrace_graph_call")
    branch = K.aarch64_insn_gen_branch_imm(pc, k.sym("ftrace_graph_caller"), K.AARCH64_INSN_BRANCH_NOLINK)
    nop = K.aarch64_insn_gen_nop()
    old, new = (nop, branch) if enable else (branch, nop)
    return (yield from ftrace_modify_code(k, pc, old, new, True))


def ftrace_enable_ftrace_graph_caller(k: Kernel) -> KernelGen[int]:
    """``ftrace_enable_ftrace_graph_caller()`` (0 when the graph tracer hooks in through its ops)."""
    if not k.config.graph_call_site:
        return 0
    return (yield from ftrace_modify_graph_caller(k, True))


def ftrace_disable_ftrace_graph_caller(k: Kernel) -> KernelGen[int]:
    """``ftrace_disable_ftrace_graph_caller()``."""
    if not k.config.graph_call_site:
        return 0
    return (yield from ftrace_modify_graph_caller(k, False))


# ---------------------------------------------------------------- generic core


def _addr_new(k: Kernel, rec: DynFtrace) -> int:
    return k.FTRACE_REGS_ADDR if rec.flags & FTRACE_FL_REGS else k.FTRACE_ADDR


def _addr_curr(k: Kernel, rec: DynFtrace) -> int:
    return k.FTRACE_REGS_ADDR if rec.flags & FTRACE_FL_REGS_EN else k.FTRACE_ADDR


@traced("__ftrace_replace_code")
def __ftrace_replace_code(k: Kernel, rec: DynFtrace, enable: bool) -> KernelGen[int]:
    """``__ftrace_replace_code(rec, enable)``: MAKE_CALL, MAKE_NOP or IGNORE for one record."""
    if enable and not rec.flags & FTRACE_FL_ENABLED:
        rec.flags |= FTRACE_FL_ENABLED
        if rec.flags & FTRACE_FL_REGS:
            rec.flags |= FTRACE_FL_REGS_EN
        if rec.flags & FTRACE_FL_CALL_OPS:
            rec.flags |= FTRACE_FL_CALL_OPS_EN
        return (yield from ftrace_make_call(k, rec, _addr_new(k, rec)))
    if not enable and rec.flags & FTRACE_FL_ENABLED:
        addr = _addr_curr(k, rec)
        rec.flags &= ~(FTRACE_FL_ENABLED | FTRACE_FL_REGS_EN | FTRACE_FL_CALL_OPS_EN)
        return (yield from ftrace_make_nop(k, None, rec, addr))
    return 0


@traced("ftrace_modify_all_code")
def ftrace_modify_all_code(k: Kernel, command: int) -> KernelGen[int]:
    """``ftrace_modify_all_code(command)``, arm64's ``arch_ftrace_update_code`` body (no stop_machine).

    Switch ``ftrace_call`` to ``ftrace_ops_list_func`` first, update every
    record, then install the final trace function and the graph caller.
    Returns the first error (logged with the failing record, like ftrace_bug).
    """
    update = bool(command & FTRACE_UPDATE_TRACE_FUNC)
    list_func = k.sym("ftrace_ops_list_func")
    if update:
        ret = yield from ftrace_update_ftrace_func(k, list_func)
        if ret:
            return ret
    if command & (FTRACE_UPDATE_CALLS | FTRACE_DISABLE_CALLS):
        enable = bool(command & FTRACE_UPDATE_CALLS)
        for rec in k.records:
            ret = yield from __ftrace_replace_code(k, rec, enable)
            if ret:
                log.error("ftrace failed to modify %s (%#x): %d", rec.func, rec.ip, ret)
                return ret
    final = list_func if k.tracing else k.sym("ftrace_stub")
    if update and final != list_func:
        ret = yield from ftrace_update_ftrace_func(k, final)
        if ret:
            return ret
    if command & FTRACE_START_FUNC_RET:
        return (yield from ftrace_enable_ftrace_graph_caller(k))
    if command & FTRACE_STOP_FUNC_RET:
        return (yield from ftrace_disable_ftrace_graph_caller(k))
    return 0


def _modify_code_cb(k: Kernel, command: int, cpu: int) -> KernelGen[int]:
    """``__ftrace_modify_code(data)``: the stop_machine callback of ftrace_run_stop_machine."""
    return (yield from ftrace_modify_all_code(k, command))


@traced("arch_ftrace_update_code")
def arch_ftrace_update_code(k: Kernel, command: int) -> KernelGen[int]:
    """``arch_ftrace_update_code(command)``: arm64 calls ftrace_modify_all_code directly.

    With ``KConfig.update_with_stop_machine`` it is the generic default
    instead, ``ftrace_run_stop_machine``: the update runs on one CPU inside
    ``stop_machine(__ftrace_modify_code, &command, NULL)``.
    """
    if k.config.update_with_stop_machine:
        return (yield from stop_machine(k, _modify_code_cb, command, all_cpus=False))
    return (yield from ftrace_modify_all_code(k, command))


@traced("ftrace_startup")
def ftrace_startup(k: Kernel, *, graph: bool = True) -> KernelGen[int]:
    """Register the tracer (and the graph tracer): every record is enabled with FL_REGS (and FL_CALL_OPS).

    The simplified generic path of ``register_ftrace_function`` +
    ``register_ftrace_graph``: one ops that wants regs and traces every record.
    """
    k.tracing = True
    k.graph_active = graph
    for rec in k.records:
        rec.flags |= (FTRACE_FL_REGS if k.config.with_regs else 0) | (FTRACE_FL_CALL_OPS if k.config.call_ops else 0)
    command = FTRACE_UPDATE_CALLS | FTRACE_UPDATE_TRACE_FUNC | (FTRACE_START_FUNC_RET if graph else 0)
    return (yield from arch_ftrace_update_code(k, command))


@traced("ftrace_shutdown")
def ftrace_shutdown(k: Kernel) -> KernelGen[int]:
    """Unregister the tracers: disable every record, ``ftrace_call`` back to ``ftrace_stub``, graph caller off."""
    graph = k.graph_active
    k.tracing = False
    k.graph_active = False
    for rec in k.records:
        rec.flags &= ~(FTRACE_FL_REGS | FTRACE_FL_CALL_OPS)
    command = FTRACE_DISABLE_CALLS | FTRACE_UPDATE_TRACE_FUNC | (FTRACE_STOP_FUNC_RET if graph else 0)
    return (yield from arch_ftrace_update_code(k, command))


# ---------------------------------------------------------------- graph tracer (host side)


def function_graph_enter(k: Kernel, cpu: Cpu, ret: int, func: int, frame_pointer: int, retp: int) -> int:
    """``function_graph_enter(ret, func, frame_pointer, retp)``: push a return-stack entry; 0 or -EBUSY."""
    task = k.current(cpu)
    if len(task.ret_stack) >= FTRACE_RETFUNC_DEPTH:
        return -16  # -EBUSY
    entry = RetStackEntry(ret, func, frame_pointer, retp)
    task.ret_stack.append(entry)
    if k.graph_entry is not None and not k.graph_entry(k, cpu, entry):
        task.ret_stack.pop()
        return -16
    return 0


def prepare_ftrace_return(k: Kernel, cpu: Cpu, self_addr: int, parent: int, frame_pointer: int) -> None:
    """``prepare_ftrace_return(self_addr, parent, frame_pointer)``: hook the return at ``*parent``.

    ``parent`` is the address of the saved return address (``&regs->regs[30]``,
    or the traced function's frame record slot in the mcount design).
    """
    task = k.current(cpu)
    if task.tracing_graph_pause:
        return
    memory = k.machine.memory
    old = memory.read_u64(parent)
    if function_graph_enter(k, cpu, old, self_addr, frame_pointer, 0) == 0:
        memory.write_u64(parent, k.sym("return_to_handler"))


def ftrace_return_to_handler(k: Kernel, cpu: Cpu, frame_pointer: int, retval: int) -> int:
    """``ftrace_return_to_handler(frame_pointer)``: pop the entry, report the return, give back the address.

    ``retval`` is the traced function's x0, which ``return_to_handler`` saved
    on its stack (what CONFIG_FUNCTION_GRAPH_RETVAL reports).  A frame pointer that does not match the one pushed is the kernel's
    "Bad frame pointer" panic (:class:`KernelPanic`), as is an empty stack.
    """
    task = k.current(cpu)
    if not task.ret_stack:
        raise KernelPanic(f"cpu{cpu.index}: ftrace_return_to_handler with an empty return stack")
    entry = task.ret_stack.pop()
    if entry.fp != frame_pointer:
        raise KernelPanic(
            f"cpu{cpu.index}: Bad frame pointer: expected {entry.fp:#x}, received {frame_pointer:#x}"
            f"  from func {k.machine.symbolize(entry.func) or hex(entry.func)} return to {entry.ret:#x}"
        )
    if k.graph_return is not None:
        k.graph_return(k, cpu, entry, retval)
    return entry.ret

