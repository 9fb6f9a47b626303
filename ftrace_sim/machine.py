"""The simulated machine: memory, N CPUs with their stacks, loaded objects and host functions.

>>> from ftrace_sim import Machine
>>> m = Machine(ncpus=2)
>>> core = m.load_object(FIXTURES / "pfe2" / "core.o")          # doctest: +SKIP
>>> m.call("fib", 10)                                            # doctest: +SKIP
55

Address space (see :mod:`ftrace_sim.layout`)::

    CORE_TEXT  core objects, loaded one after the other from its base
    ...        (the last HOST_AREA_SIZE bytes of CORE_TEXT: the host trap page, below)
    MODULES    module objects (``load_object(..., module=True)``): out of BL range of the
               core, so the loader's veneers (ADRP/ADD/BR x16) connect them
    DATA       buffers from :meth:`Machine.alloc`
    STACKS     one stack per CPU, each above an unmapped guard page

Host functions and the return sentinel
--------------------------------------
The host trap area is mapped r-x and filled with ``BRK`` words.  Its first 16
words are the return sentinels of :meth:`Machine.call` (one per nesting level):
``call`` sets X30 to the sentinel and runs the CPU until pc reaches it, so the
function returns exactly as it would to a caller.  Each :meth:`Machine.host_function`
gets the next word after them; the CPUs treat a host address as a trap (see
:mod:`ftrace_sim.cpu`): reaching it runs the Python function with the
:class:`Cpu` and continues at X30 with X0 set to the function's result.  The
undefined symbol resolves to that address, so a ``BL host_fn`` from loaded
code (through a veneer if it is out of range) calls into Python.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from aarch64insn import encode
from ftrace_sim.cpu import Bus, Cpu, HostCall, HostFunction
from ftrace_sim.elf import LoadedObject, Symbol, load_object, resolver_from
from ftrace_sim.errors import ElfLoadError, MapError, SimError
from ftrace_sim.layout import (
    CORE_TEXT,
    DATA,
    MODULES,
    PAGE_SIZE,
    STACK_SIZE,
    Area,
    BumpAllocator,
    Stack,
    align_up,
    map_stacks,
)
from ftrace_sim.memory import Memory, Perm, Region
from ftrace_sim.trace import Trace

__all__ = ["DEFAULT_MAX_STEPS", "HOST_AREA", "MAX_CALL_DEPTH", "LoadedText", "Machine"]

M64: Final = 0xFFFF_FFFF_FFFF_FFFF

HOST_AREA_SIZE: Final = 16 * PAGE_SIZE
HOST_AREA: Final = Area("host", CORE_TEXT.end - HOST_AREA_SIZE, HOST_AREA_SIZE)
"""Host trap page(s): return sentinels, then one word per host function (top of the core text area)."""

_CORE_OBJECTS: Final = Area("core-objects", CORE_TEXT.base, CORE_TEXT.size - HOST_AREA_SIZE)

MAX_CALL_DEPTH: Final = 16
"""Nesting limit of :meth:`Machine.call` from host functions on one CPU."""

DEFAULT_MAX_STEPS: Final = 10_000_000
"""Step budget of :meth:`Machine.call` when none is given."""

_HOST_SLOTS: Final = (HOST_AREA_SIZE // 4) - MAX_CALL_DEPTH
_BRK_RETURN: Final = 0xE000  # brk imm16 of the return sentinels (+ depth)
_BRK_HOST: Final = 0xF000  # brk imm16 of host slots (+ slot, modulo 0x1000)
_SCRATCH: Final = 256  # bytes a nested call leaves below the interrupted frame's SP


@dataclass
class LoadedText:
    """Assembled text placed by :meth:`Machine.load_assembly`: name, base, size, its labels, its region."""

    name: str
    base: int
    size: int
    symbols: dict[str, int]
    region: Region

    def symbolize(self, addr: int) -> str:
        """``label`` or ``label+0x8`` for the nearest label at or below ``addr`` (public or not)."""
        best: tuple[int, str] | None = None
        for label, where in self.symbols.items():
            if where <= addr and (best is None or where > best[0] or (where == best[0] and label < best[1])):
                best = (where, label)
        if best is None:
            return f"{self.name}+{addr - self.base:#x}"
        off = addr - best[0]
        return best[1] if off == 0 else f"{best[1]}+{off:#x}"


class Machine:
    """A memory, ``ncpus`` CPUs (each with a stack), and the objects and host functions loaded into it.

    Attributes:
        memory: the shared :class:`Memory`.
        bus: what the CPUs share (pre-decode coherence, exclusive monitor, host traps).
        cpus: the CPUs, ``cpus[i].index == i``.
        stacks: the CPUs' stacks (SP starts at ``stacks[i].top``).
        objects: loaded objects, in load order.
        trace: the trace attached by :meth:`trace_on`, or None.
    """

    def __init__(self, ncpus: int = 1, *, stack_size: int = STACK_SIZE) -> None:
        if not isinstance(ncpus, int) or ncpus < 1:
            raise ValueError(f"ncpus must be a positive int, got {ncpus!r}")
        self.memory = Memory()
        self.bus = Bus(self.memory)
        self.cpus = [Cpu(self.memory, i, bus=self.bus) for i in range(ncpus)]
        self.stacks: list[Stack] = map_stacks(self.memory, ncpus, size=stack_size)
        for cpu, stack in zip(self.cpus, self.stacks, strict=True):
            cpu.sp = stack.top
        self.objects: list[LoadedObject] = []
        self.trace: Trace | None = None
        self._core = BumpAllocator(_CORE_OBJECTS)
        self._modules = BumpAllocator(MODULES)
        self._data = BumpAllocator(DATA)
        self._hosts: dict[str, int] = {}
        self._texts: list[LoadedText] = []
        self._depth = [0] * ncpus
        traps = [encode("BRK_EX_exception", imm16=_BRK_RETURN + i) for i in range(MAX_CALL_DEPTH)]
        traps += [encode("BRK_EX_exception", imm16=_BRK_HOST + (i & 0xFFF)) for i in range(_HOST_SLOTS)]
        self.memory.map(HOST_AREA.base, HOST_AREA.size, Perm.RX, "host-traps", struct.pack(f"<{len(traps)}I", *traps))

    def __repr__(self) -> str:
        names = ", ".join(o.name for o in self.objects)
        return f"<Machine ncpus={len(self.cpus)} objects=[{names}] hosts={len(self._hosts)}>"

    # ------------------------------------------------------------------ loading

    def load_object(
        self,
        path: str | os.PathLike[str] | bytes,
        *,
        base: int | None = None,
        name: str | None = None,
        module: bool = False,
    ) -> LoadedObject:
        """Load a relocatable AArch64 object (a path or the file's bytes) and return it.

        Without ``base`` it goes after the previous core object in the core text
        area, or, with ``module=True``, after the previous module in the module
        area (more than 128 MiB from the core: calls into the core go through
        veneers).  Undefined symbols bind to host functions first, then to the
        global symbols of the objects loaded before.  Raises
        :class:`ElfLoadError` (memory unchanged) for anything the loader refuses.
        """
        alloc = self._modules if module else self._core
        where = alloc.next if base is None else base
        resolve = resolver_from(*self.objects, extra={**self._text_symbols(), **self._hosts})
        obj = load_object(self.memory, path, where, resolve, name=name)
        if base is None or alloc.area.base <= base < alloc.area.end:
            if obj.range.stop > alloc.area.end:
                for region in obj.regions:
                    self.memory.unmap(region.base)
                raise ElfLoadError(
                    f"{obj.name}: does not fit in area {alloc.area.name!r} "
                    f"({obj.range.start:#x}-{obj.range.stop:#x} ends past {alloc.area.end:#x})"
                )
            alloc.next = max(alloc.next, align_up(obj.range.stop, PAGE_SIZE))
        self.objects.append(obj)
        return obj

    def host_function(self, name: str, fn: HostFunction) -> int:
        """Bind symbol ``name`` to the Python callable ``fn(cpu) -> x0 | None`` and return its address.

        Bind before loading the objects that call it.  Binding a name again
        replaces the function at the same address.  Raises ValueError if a
        loaded object defines ``name`` or already imported it from elsewhere.
        """
        if not callable(fn):
            raise TypeError(f"host function {name!r}: {fn!r} is not callable")
        addr = self._hosts.get(name)
        if addr is None:
            for obj in self.objects:
                sym = obj.symbols.get(name)
                if sym is not None and sym.is_global:
                    raise ValueError(f"host function {name!r}: {obj.name} already defines it at {sym.address:#x}")
                if name in obj.imports:
                    raise ValueError(
                        f"host function {name!r}: {obj.name} was loaded first and bound it to "
                        f"{obj.imports[name]:#x}; bind host functions before loading their callers"
                    )
            slot = len(self._hosts)
            if slot >= _HOST_SLOTS:
                raise MapError(f"host function {name!r}: all {_HOST_SLOTS} host slots are used")
            addr = HOST_AREA.base + 4 * (MAX_CALL_DEPTH + slot)
            self._hosts[name] = addr
        self.bus.traps[addr] = HostCall(name, fn)
        for cpu in self.cpus:
            cpu.invalidate(addr, 4)
        return addr

    def load_assembly(
        self,
        source: str,
        *,
        name: str,
        symbols: Mapping[str, int] | None = None,
        module: bool = False,
    ) -> LoadedText:
        """Assemble ``source`` (labels, ``.global``, ``.quad`` ...) into a new r-x region and return it.

        The text goes after the previous object in the core text area (or the
        module area with ``module=True``), page aligned.  ``symbols`` names
        addresses outside the listing (host functions, data, other objects);
        every symbol the listing defines becomes visible to :meth:`symbol`,
        :meth:`symbolize` and to objects loaded afterwards (a ``-pg`` object
        needs ``_mcount``).  Raises AsmSyntaxError / EncodeError (naming the
        line) for bad source; memory is then unchanged.
        """
        from aarch64insn.asm import assemble_listing

        alloc = self._modules if module else self._core
        base = align_up(alloc.next, PAGE_SIZE)
        externs = {**self._text_symbols(), **self._hosts, **(symbols or {})}
        for obj in self.objects:
            externs.update({s.name: s.address for s in obj.symbols.values() if s.is_global and s.name not in externs})
        labels = set(re.findall(r"(?m)^\s*([A-Za-z_.$][\w.$]*):", source))
        listing = assemble_listing(source, base=base, symbols={k: v for k, v in externs.items() if k not in labels})
        size = align_up(max(len(listing.data), 4), PAGE_SIZE)
        if base + size > alloc.area.end:
            raise MapError(f"{name}: {size:#x} bytes of text do not fit in area {alloc.area.name!r}")
        region = self.memory.map(base, size, Perm.RX, name, listing.data)
        alloc.next = base + size
        text = LoadedText(name, base, len(listing.data), dict(listing.symbols), region)
        self._texts.append(text)
        return text

    def _text_symbols(self) -> dict[str, int]:
        return {k: v for t in self._texts for k, v in t.symbols.items()}

    def alloc(
        self,
        size: int,
        *,
        data: bytes | bytearray | None = None,
        perms: Perm = Perm.RW,
        name: str | None = None,
    ) -> int:
        """Map a fresh zero-filled (or ``data``-initialised) region of ``size`` bytes in the data area.

        Returns its page-aligned address.  Use it for buffers passed to functions.
        """
        if data is not None and size < len(data):
            raise ValueError(f"alloc: {len(data)} bytes of data do not fit in size {size}")
        base = self._data.alloc(max(size, 1), align=PAGE_SIZE)
        span = align_up(max(size, 1), PAGE_SIZE)
        self._data.next = base + span
        self.memory.map(base, span, perms, name or f"data@{base:#x}", data)
        return base

    # ------------------------------------------------------------------ symbols

    def symbol(self, name: str) -> int:
        """The address of ``name``: a host function, a global symbol, else a local one (first object first)."""
        if name in self._hosts:
            return self._hosts[name]
        for text in self._texts:
            if name in text.symbols:
                return text.symbols[name]
        local: Symbol | None = None
        for obj in self.objects:
            sym = obj.symbols.get(name)
            if sym is not None:
                if sym.is_global:
                    return sym.address
                local = local or sym
        if local is not None:
            return local.address
        loaded = ", ".join(o.name for o in self.objects) or "nothing loaded"
        raise KeyError(f"no symbol {name!r} in the machine ({loaded})")

    def symbolize(self, addr: int) -> str | None:
        """Name an address: ``func``, ``func+0x14``, ``<host name>`` or ``<return>``; None if unknown."""
        for host, where in self._hosts.items():
            if where == addr:
                return f"<host {host}>"
        if HOST_AREA.base <= addr < HOST_AREA.base + 4 * MAX_CALL_DEPTH:
            return "<return>"
        for text in self._texts:
            if text.base <= addr < text.base + text.size:
                return text.symbolize(addr)
        for obj in self.objects:
            if addr in obj.range:
                sym = obj.function_at(addr)
                if sym is not None:
                    off = addr - sym.address
                    return sym.name if off == 0 else f"{sym.name}+{off:#x}"
                for veneer in obj.veneers:
                    if veneer.address <= addr < veneer.address + 12:
                        return f"<veneer {veneer.symbol}>"
        return None

    def patch_sites(self) -> list[int]:
        """The ``__patchable_function_entries`` records of all loaded objects, in load order."""
        return [site for obj in self.objects for site in obj.patch_sites]

    # ---------------------------------------------------------------- running

    def cpu(self, index: int = 0) -> Cpu:
        """CPU number ``index`` (IndexError naming the CPU count if there is none)."""
        if not 0 <= index < len(self.cpus):
            raise IndexError(f"no cpu{index}: the machine has {len(self.cpus)} CPU(s)")
        return self.cpus[index]

    def step(self, cpu: int = 0) -> None:
        """Execute one instruction on CPU ``cpu`` (a Fault leaves it at the faulting instruction)."""
        self.cpus[cpu].step()

    def call(
        self,
        target: str | int,
        *args: int,
        cpu: int = 0,
        max_steps: int = DEFAULT_MAX_STEPS,
        x8: int | None = None,
    ) -> int:
        """Call ``target`` (a symbol or an address) on CPU ``cpu`` with AAPCS64 arguments; return X0.

        Arguments go in X0..X7 (ints, taken modulo 2**64; at most eight);
        ``x8`` sets the indirect result register (functions returning a large
        struct write it there).  SP starts at the CPU's stack top, X30 is a
        return sentinel, and the CPU runs until it returns there.  Raises
        :class:`Fault` on any fault, STEP_BUDGET after ``max_steps``
        instructions.  A host function may call back into the machine on its
        own CPU: the interrupted state is saved and restored around the call.
        """
        c = self.cpu(cpu)
        addr = self.symbol(target) if isinstance(target, str) else target
        if not isinstance(addr, int) or not 0 <= addr <= M64:
            raise ValueError(f"call target must be a symbol or a 64-bit address, got {target!r}")
        if len(args) > 8:
            raise ValueError(f"call {target!r}: {len(args)} arguments; AAPCS64 passes at most 8 in registers")
        for i, arg in enumerate(args):
            if not isinstance(arg, int) or isinstance(arg, bool):
                raise TypeError(f"call {target!r}: argument {i} is {arg!r}, expected an int")
        depth = self._depth[cpu]
        if depth >= MAX_CALL_DEPTH:
            raise SimError(f"call {target!r} on cpu{cpu}: nested more than {MAX_CALL_DEPTH} deep")
        saved: tuple[list[int], int] | None = None
        if depth:
            saved = (c.r[:], c.pc)
            sp = (c.sp - _SCRATCH) & ~15
        else:
            sp = self.stacks[cpu].top
        r = c.r
        for i, arg in enumerate(args):
            r[i] = arg & M64
        if x8 is not None:
            r[8] = x8 & M64
        ret = HOST_AREA.base + 4 * depth
        r[30] = ret
        c.sp = sp
        c.pc = addr
        self._depth[cpu] = depth + 1
        try:
            c.run(max_steps, stop_at=ret)
        finally:
            self._depth[cpu] = depth
        result = r[0]
        if saved is not None:
            r[:] = saved[0]
            c.pc = saved[1]
        return result

    # ---------------------------------------------------------------- tracing

    def trace_on(self, trace: Trace | None = None, *, cpus: Iterable[int] | None = None) -> Trace:
        """Attach ``trace`` (default: a new one, symbolized by this machine) to the CPUs; return it."""
        if trace is None:
            trace = Trace(symbolize=self.symbolize)
        elif trace.symbolize is None:
            trace.symbolize = self.symbolize
        for i in range(len(self.cpus)) if cpus is None else cpus:
            self.cpu(i).trace = trace
        self.trace = trace
        return trace

    def trace_off(self) -> None:
        """Detach tracing from every CPU."""
        for c in self.cpus:
            c.trace = None
        self.trace = None
