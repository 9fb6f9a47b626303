"""Per-instruction trace records and the one formatter that prints them.

A :class:`Trace` attached to a CPU (``cpu.trace = Trace()``, or
:meth:`ftrace_sim.Machine.trace_on`) receives one :class:`TraceEvent` per
executed instruction: the CPU, the address, the disassembly, the registers it
changed and the memory it wrote.  Kernel-side actors (the patchers of later
issues) add their own lines with :meth:`Trace.note`.  Every line is printed by
:func:`format_event`, in fixed columns with the effects on the right (tinyRV's
layout)::

    cpu2 ffff800008101000: mov   x9, x30               # x9=ffff80000810204c
    cpu2 ffff800008101004: bl    #0xffff800008010000   # x30=ffff800008101008  -> ftrace_caller
    cpu0 ffff800008101004: <patch> bl -> nop           # by ftrace_make_nop, validate=ok

Columns: ``cpuN``, the 16-digit address, the mnemonic padded to 5, its
operands; the text column is 28 characters wide, then ``# `` and the effects:
changed registers (``x0..x30``, ``sp``, ``nzcv`` as 4 bits ``nZcv`` style
letters), memory writes as ``[address]=value`` (little-endian value of the
bytes written), then two spaces and the note (a branch target's symbol, a
fault).  Tracing only costs when enabled: an untraced CPU never builds events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["PATCHER", "TEXT_WIDTH", "Trace", "TraceEvent", "format_event", "format_nzcv"]

PATCHER = -1
"""The ``cpu`` of a note made by the kernel-side patcher (printed ``kern``)."""

TEXT_WIDTH = 28
"""Width of the disassembly column; the ``#`` of the effects starts right after it."""

MNEMONIC_WIDTH = 5
"""Width the mnemonic is padded to."""


def format_nzcv(nzcv: int) -> str:
    """Flags as four letters, upper case when set: ``nZCv`` for Z and C set."""
    return "".join(ch.upper() if nzcv & bit else ch for ch, bit in (("n", 8), ("z", 4), ("c", 2), ("v", 1)))


@dataclass(frozen=True, slots=True)
class TraceEvent:
    """One traced step (or one note by a kernel-side actor).

    Attributes:
        cpu: the CPU number, or :data:`PATCHER` for a note by the kernel-side patcher.
        addr: the instruction's address (or the patched address, for a note).
        text: the disassembly (``mov x9, x30``), ``<host name>`` for a host
            function, or free text for a note.
        regs: registers whose value changed, in order, as (name, new value).
        mem: memory writes, in order, as (address, bytes written).
        note: trailing remark: ``-> symbol`` for a taken branch, the fault, ...
        word: the instruction word, when there is one.
    """

    cpu: int
    addr: int
    text: str
    regs: tuple[tuple[str, int], ...] = ()
    mem: tuple[tuple[int, bytes], ...] = ()
    note: str = ""
    word: int | None = None

    def effects(self) -> str:
        """The register and memory effects as printed after ``#``."""
        parts = [f"{name}={format_nzcv(value)}" if name == "nzcv" else f"{name}={value:x}" for name, value in self.regs]
        parts += [f"[{addr:x}]={int.from_bytes(data, 'little'):0{2 * len(data)}x}" for addr, data in self.mem]
        return " ".join(parts)

    def __str__(self) -> str:
        return format_event(self)


def format_event(event: TraceEvent) -> str:
    """The one trace line for ``event`` (see the module docstring for the columns)."""
    mnemonic, _, operands = event.text.partition(" ")
    text = f"{mnemonic:<{MNEMONIC_WIDTH}} {operands}".rstrip() if operands else mnemonic
    right = event.effects()
    if event.note:
        right = f"{right}  {event.note}" if right else event.note
    head = f"{'kern' if event.cpu == PATCHER else f'cpu{event.cpu}'} {event.addr:016x}: "
    if not right:
        return head + text
    return f"{head}{text:<{TEXT_WIDTH - 1}} # {right}"


class Trace:
    """A sink for trace events: keeps them (``keep=True``) and/or passes each line to ``sink``.

    ``symbolize(addr)`` names an address (``fib+0x10``) or returns None; it is
    used for the ``-> target`` note of taken branches.  ``limit`` bounds how many
    events are kept (the oldest are dropped first); None keeps everything.
    """

    def __init__(
        self,
        *,
        keep: bool = True,
        sink: Callable[[str], None] | None = None,
        symbolize: Callable[[int], str | None] | None = None,
        limit: int | None = None,
    ) -> None:
        if limit is not None and limit <= 0:
            raise ValueError(f"trace limit must be positive or None, got {limit}")
        self.keep = keep
        self.sink = sink
        self.symbolize = symbolize
        self.limit = limit
        self.events: list[TraceEvent] = []

    def record(self, event: TraceEvent) -> None:
        """Add one event (kept and/or printed)."""
        if self.keep:
            self.events.append(event)
            if self.limit is not None and len(self.events) > self.limit:
                del self.events[: len(self.events) - self.limit]
        if self.sink is not None:
            self.sink(format_event(event))

    def note(self, cpu: int, addr: int, text: str, note: str = "") -> None:
        """Record a line that is not an executed instruction (``<patch> bl -> nop``, by a patcher)."""
        self.record(TraceEvent(cpu, addr, text, note=note))

    def lines(self) -> list[str]:
        """Every kept event, formatted."""
        return [format_event(e) for e in self.events]

    def clear(self) -> None:
        """Forget the kept events."""
        self.events.clear()

    def __iter__(self) -> Iterator[TraceEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __str__(self) -> str:
        return "\n".join(self.lines())
