"""Named addresses of the simulated kernel's address space, and helpers to allocate in them.

::

    CORE_TEXT   0xffff800080000000  64 MiB  core kernel text: ftrace trampolines, core fixture objects
    MODULES     0xffff800090000000 128 MiB  module objects: 256 MiB above the core, out of BL range
                                            (±128 MiB), so calls between them need PLTs / veneers
    DATA        0xffff8000a0000000  64 MiB  scenario data: buffers, ftrace_ops, records
    STACKS      0xffff8000b0000000  per-CPU stacks, each below an unmapped guard gap

The core text base is the arm64 kernel's usual KIMAGE_VADDR.  Every area lies
within ±4 GiB of the core, so ADRP reaches across all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ftrace_sim.errors import MapError
from ftrace_sim.memory import Memory, Perm

__all__ = [
    "BL_RANGE",
    "CORE_TEXT",
    "DATA",
    "MODULES",
    "PAGE_SIZE",
    "STACKS",
    "STACK_ALIGN",
    "STACK_GUARD",
    "STACK_SIZE",
    "Area",
    "BumpAllocator",
    "Stack",
    "align_up",
    "map_stacks",
    "stack_for_cpu",
]

PAGE_SIZE = 0x1000
"""Granule of region mappings."""

BL_RANGE = 128 << 20
"""Reach of B/BL: a target must satisfy ``-BL_RANGE <= target - pc < BL_RANGE``."""

STACK_SIZE = 0x4000
"""Bytes of each per-CPU stack (16 KiB, the arm64 THREAD_SIZE without KASAN)."""

STACK_GUARD = PAGE_SIZE
"""Unmapped bytes below each stack, so an overflow faults instead of corrupting a neighbour."""

STACK_ALIGN = 16
"""SP alignment required by AAPCS64 at every public interface."""


def align_up(value: int, align: int) -> int:
    """Round ``value`` up to a multiple of ``align`` (a power of two)."""
    if align <= 0 or align & (align - 1):
        raise ValueError(f"alignment must be a positive power of two, got {align}")
    return (value + align - 1) & -align


@dataclass(frozen=True, slots=True)
class Area:
    """A named address range ``[base, base + size)`` reserved for one purpose."""

    name: str
    base: int
    size: int

    @property
    def end(self) -> int:
        """One past the last address of the area."""
        return self.base + self.size

    def __contains__(self, addr: object) -> bool:
        return isinstance(addr, int) and self.base <= addr < self.end


CORE_TEXT = Area("core", 0xFFFF_8000_8000_0000, 64 << 20)
"""Core kernel image: ftrace trampolines and the core fixture objects."""

MODULES = Area("modules", CORE_TEXT.base + 0x1000_0000, 128 << 20)
"""Module area: every address here is more than ±128 MiB (BL range) from every core address."""

DATA = Area("data", CORE_TEXT.base + 0x2000_0000, 64 << 20)
"""Scenario data: buffers, ops structures, records."""

STACKS = Area("stacks", CORE_TEXT.base + 0x3000_0000, 16 << 20)
"""Per-CPU stacks, each ``STACK_GUARD + STACK_SIZE`` bytes apart."""


class BumpAllocator:
    """Hands out aligned, non-overlapping address ranges from one :class:`Area`, in order.

    It only reserves addresses; mapping them (with the right permissions) is the
    caller's job, e.g. the ELF loader maps the sections it places.
    """

    def __init__(self, area: Area, *, start: int | None = None) -> None:
        self.area = area
        self.next = area.base if start is None else start
        if self.next not in area and self.next != area.end:
            raise ValueError(f"start {self.next:#x} is outside area {area.name!r}")

    def alloc(self, size: int, *, align: int = PAGE_SIZE) -> int:
        """Reserve ``size`` bytes aligned to ``align`` and return their base address.

        Raises MapError when the area is exhausted (naming the area and the request).
        """
        if size <= 0:
            raise ValueError(f"allocation size must be positive, got {size}")
        base = align_up(self.next, align)
        if base + size > self.area.end:
            raise MapError(
                f"area {self.area.name!r} ({self.area.base:#x}-{self.area.end:#x}) cannot fit "
                f"{size:#x} bytes aligned to {align:#x} after {self.next:#x}"
            )
        self.next = base + size
        return base


@dataclass(frozen=True, slots=True)
class Stack:
    """One CPU's stack: the mapped region ``[base, top)``; SP starts at ``top``."""

    cpu: int
    base: int
    top: int

    @property
    def size(self) -> int:
        """Mapped bytes of the stack."""
        return self.top - self.base


def stack_for_cpu(cpu: int, *, size: int = STACK_SIZE) -> Stack:
    """Return where CPU ``cpu``'s stack lives (a guard gap below it, nothing mapped yet)."""
    if cpu < 0:
        raise ValueError(f"cpu number must be >= 0, got {cpu}")
    if size <= 0 or size % STACK_ALIGN:
        raise ValueError(f"stack size must be a positive multiple of {STACK_ALIGN}, got {size:#x}")
    slot = align_up(STACK_GUARD + size, PAGE_SIZE)
    base = STACKS.base + cpu * slot + STACK_GUARD
    if base + size > STACKS.end:
        raise MapError(f"no room for cpu{cpu}'s stack of {size:#x} bytes in area {STACKS.name!r}")
    return Stack(cpu, base, base + size)


def map_stacks(memory: Memory, ncpus: int, *, size: int = STACK_SIZE) -> list[Stack]:
    """Map a read-write stack for each of ``ncpus`` CPUs (named ``stack.cpuN``) and return them."""
    stacks = [stack_for_cpu(cpu, size=size) for cpu in range(ncpus)]
    for stack in stacks:
        memory.map(stack.base, stack.size, Perm.RW, f"stack.cpu{stack.cpu}")
    return stacks
