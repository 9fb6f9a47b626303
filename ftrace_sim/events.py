"""What kernel-side actors yield: one record per observable step.

The Python mirrors of the kernel's patching code (:mod:`ftrace_sim.kernel`) are
generator functions.  Each performs one observable action (an instruction
write, a cache-maintenance step, an IPI, entering or leaving stop_machine) and
then ``yield``\\ s the record of it, so that a scheduler
(:mod:`ftrace_sim.sched`) can run simulated CPUs between any two of them.  The
action has already happened when the record is yielded.  Called outside a
scheduler, :func:`ftrace_sim.kernel.sync` runs a mirror to completion and
returns its result.

>>> w = TextWrite(0x1000, 4, b"\\x1f\\x20\\x03\\xd5", b"\\xe9\\x03\\x1e\\xaa", ("ftrace_make_call",))
>>> w.describe()
'write [0x1000] nop -> mov x9, x30  (ftrace_make_call)'
>>> TextWrite(0x1000, 4, bytes(4), bytes(4), ("ftrace_make_call", "ftrace_modify_code", "aarch64_insn_write")).describe()
'write [0x1000] udf #0 -> udf #0  (ftrace_make_call)'
"""

from __future__ import annotations

from dataclasses import dataclass

from aarch64insn import DecodeError, disassemble

__all__ = ["CacheMaint", "ContextSyncAll", "Event", "StopMachine", "TextWrite", "describe_word", "responsible"]


_PLUMBING = frozenset(
    {"aarch64_insn_write", "aarch64_insn_write_literal_u64", "aarch64_insn_patch_text_nosync",
     "caches_clean_inval_pou", "ftrace_modify_code"}
)  # fmt: skip


def responsible(via: tuple[str, ...]) -> str:
    """The kernel function worth naming for a step: the innermost one on ``via`` that is not plumbing
    (``ftrace_make_call`` rather than ``aarch64_insn_write``); empty if ``via`` is."""
    for name in reversed(via):
        if name not in _PLUMBING:
            return name
    return via[-1] if via else ""


def _who(via: tuple[str, ...]) -> str:
    name = responsible(via)
    return f"  ({name})" if name else ""


def describe_word(word: int, pc: int | None = None) -> str:
    """The disassembly of ``word`` (at ``pc`` for branches), or ``.inst 0x...`` if it does not decode."""
    try:
        return disassemble(word, pc=pc if pc is not None else 0)
    except DecodeError:
        return f".inst {word:#010x}"


@dataclass(frozen=True)
class TextWrite:
    """A write through the text-patching alias (``aarch64_insn_write`` and friends).

    ``old`` and ``new`` are the bytes before and after; ``via`` names the kernel
    functions on the patcher's call stack, outermost first.
    """

    addr: int
    size: int
    old: bytes
    new: bytes
    via: tuple[str, ...] = ()

    @property
    def old_word(self) -> int:
        """The first 32-bit word before the write (little-endian)."""
        return int.from_bytes(self.old[:4], "little")

    @property
    def new_word(self) -> int:
        """The first 32-bit word after the write (little-endian)."""
        return int.from_bytes(self.new[:4], "little")

    def describe(self) -> str:
        """One line: address, old and new instruction (or value for an 8-byte literal), and the caller."""
        if self.size % 4 == 0 and self.size != 8:
            words = range(0, self.size, 4)
            old = "; ".join(describe_word(int.from_bytes(self.old[i : i + 4], "little"), self.addr + i) for i in words)
            new = "; ".join(describe_word(int.from_bytes(self.new[i : i + 4], "little"), self.addr + i) for i in words)
            change = f"{old} -> {new}"
        else:
            before, after = int.from_bytes(self.old, "little"), int.from_bytes(self.new, "little")
            change = f"u{8 * self.size} {before:#x} -> {after:#x}"
        return f"write [{self.addr:#x}] {change}{_who(self.via)}"


@dataclass(frozen=True)
class CacheMaint:
    """Cache maintenance over ``[addr, addr + size)`` by the patching CPU.

    Clean the D-cache to the point of unification, invalidate the I-cache,
    then DSB and ISB on the patching CPU (``caches_clean_inval_pou``).  It is
    not a context synchronisation event for any *other* CPU.
    """

    addr: int
    size: int
    via: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line naming the range."""
        return f"cache maintenance [{self.addr:#x}, +{self.size}): dc cvau; ic ivau; dsb ish; isb{_who(self.via)}"


@dataclass(frozen=True)
class ContextSyncAll:
    """An IPI that makes every online CPU take a context synchronisation event (``kick_all_cpus_sync``)."""

    reason: str
    via: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line."""
        return f"IPI to all CPUs: context synchronisation ({self.reason})"


@dataclass(frozen=True)
class StopMachine:
    """stop_machine: ``begin=True`` when every other CPU has stopped, False when they resume (after an ISB)."""

    begin: bool
    via: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line."""
        return "stop_machine: all CPUs stopped" if self.begin else "stop_machine: CPUs resume (isb on each)"


Event = TextWrite | CacheMaint | ContextSyncAll | StopMachine
"""Anything a kernel-side actor yields."""
