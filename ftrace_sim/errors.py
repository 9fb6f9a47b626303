"""Typed errors of the simulated machine.

::

    SimError(Exception)
    ├── Fault(SimError)                  # .kind, .cpu, .pc, .word, .addr, .detail, .disasm
    ├── MapError(SimError, ValueError)   # a bad Memory.map() request (overlap, bad size ...)
    ├── ElfLoadError(SimError, ValueError)
    ├── PatchError(SimError)
    ├── KernelPanic(SimError)            # a kernel mirror's panic()/BUG() (e.g. "Bad frame pointer")
    └── CmodxViolation(SimError)         # .addr, .old, .new, .cpu

A :class:`Fault` is what simulated code gets instead of a Python traceback when
it does something wrong.  It is raised by the layer that detects the problem
(memory knows the address, the CPU knows the pc and the word) and may be
completed on its way up: the CPU fills ``cpu``, ``pc`` and ``word`` of a memory
fault, and whoever has a disassembler fills ``disasm``.  The message is built
when it is printed, so it always shows the most complete picture.
"""

from __future__ import annotations

import enum

__all__ = [
    "CmodxViolation",
    "ElfLoadError",
    "Fault",
    "FaultKind",
    "KernelPanic",
    "MapError",
    "PatchError",
    "SimError",
]


class SimError(Exception):
    """Base class of every error raised by ftrace_sim."""


class FaultKind(enum.Enum):
    """Why a simulated CPU (or the memory it accessed) stopped."""

    UNDEFINED = "undefined instruction"
    UNIMPLEMENTED = "unimplemented instruction"
    UNMAPPED = "unmapped address"
    PERMISSION = "permission fault"
    ALIGNMENT = "alignment fault"
    BRK = "breakpoint (BRK)"
    STEP_BUDGET = "step budget exhausted"


class Fault(SimError):  # noqa: N818 - the name is fixed by the design (DESIGN.md, STYLE.md §5)
    """A fault of simulated code: the kind, where it happened and what was executing.

    Attributes:
        kind: the :class:`FaultKind`.
        cpu: number of the CPU that faulted, or None when not known (yet).
        pc: address of the faulting instruction, or None.
        word: the 32-bit instruction word at ``pc``, or None.
        addr: the data or fetch address that faulted (memory faults), or None.
        detail: free text: what was attempted, with the values involved.
        disasm: disassembly of ``word``, filled in by a caller that has a
            disassembler (this module does not import one).
    """

    def __init__(
        self,
        kind: FaultKind,
        detail: str = "",
        *,
        cpu: int | None = None,
        pc: int | None = None,
        word: int | None = None,
        addr: int | None = None,
        disasm: str | None = None,
    ) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail
        self.cpu = cpu
        self.pc = pc
        self.word = word
        self.addr = addr
        self.disasm = disasm

    def __str__(self) -> str:
        where = [f"cpu{self.cpu}" if self.cpu is not None else "cpu?"]
        where.append(f"pc={self.pc:#x}" if self.pc is not None else "pc=?")
        if self.word is not None:
            insn = f"word={self.word:#010x}"
            if self.disasm is not None:
                insn += f" ({self.disasm})"
            where.append(insn)
        text = f"{' '.join(where)}: {self.kind.value}"
        if self.addr is not None:
            text += f" at {self.addr:#x}"
        if self.detail:
            text += f": {self.detail}"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_fault,
            (self.kind, self.detail, self.cpu, self.pc, self.word, self.addr, self.disasm),
        )


def _rebuild_fault(
    kind: FaultKind,
    detail: str,
    cpu: int | None,
    pc: int | None,
    word: int | None,
    addr: int | None,
    disasm: str | None,
) -> Fault:
    return Fault(kind, detail, cpu=cpu, pc=pc, word=word, addr=addr, disasm=disasm)


class MapError(SimError, ValueError):
    """A memory-map request that cannot be honoured (overlap, empty, outside 64 bits)."""


class ElfLoadError(SimError, ValueError):
    """An ELF object that cannot be loaded.

    The message names the file, the section or relocation and the offending value.
    """


class PatchError(SimError):
    """A Pythonic text-patching request was refused (the kernel mirrors return -errno instead)."""


class CmodxViolation(SimError):  # noqa: N818 - the name is fixed by the design
    """A live instruction swap that the concurrent-modification rule does not allow.

    Attributes:
        addr: address of the modified instruction.
        old: the word before the write.
        new: the word written.
        cpu: the CPU that may have executed ``addr`` concurrently, or None.
    """

    def __init__(self, addr: int, old: int, new: int, *, cpu: int | None = None, detail: str = "") -> None:
        super().__init__(addr, old, new, cpu, detail)
        self.addr = addr
        self.old = old
        self.new = new
        self.cpu = cpu
        self.detail = detail

    def __str__(self) -> str:
        who = f"cpu{self.cpu}" if self.cpu is not None else "a CPU"
        text = (
            f"concurrent modification of {self.addr:#x} from {self.old:#010x} to {self.new:#010x} "
            f"while {who} may execute it"
        )
        return f"{text}: {self.detail}" if self.detail else text

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_cmodx, (self.addr, self.old, self.new, self.cpu, self.detail))


def _rebuild_cmodx(addr: int, old: int, new: int, cpu: int | None, detail: str) -> CmodxViolation:
    return CmodxViolation(addr, old, new, cpu=cpu, detail=detail)


class KernelPanic(SimError):  # noqa: N818 - the kernel's word
    """A kernel mirror reached ``panic()``: e.g. the graph tracer's "Bad frame pointer" check."""
