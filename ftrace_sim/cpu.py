"""A simulated AArch64 CPU: register state, pre-decoded instructions, single-step and run loops.

Execution model
---------------
Each CPU keeps a cache *address -> compiled closure* (:data:`~ftrace_sim.semantics.Op`).
The first time a CPU reaches an address it fetches the word (which needs X
permission), decodes it with :func:`aarch64insn.decode`, looks its encoding ID
up in :data:`~ftrace_sim.semantics.REGISTRY` and lets that compiler build a
closure specialised for the instruction.  Every later execution is one dict
lookup and one call, which returns the next pc.  The caches are per CPU, so a
later fetch model can let one CPU keep a stale view of patched text until its
next context synchronisation event.

Coherence with memory is kept by a :class:`Bus` (one per :class:`Memory`,
shared by the CPUs on it): its write observer drops the pre-decoded closure of
every word that a write or a poke touches, on every CPU (STRICT fetch
semantics), and clears exclusive reservations on the written granule.

Faults
------
Anything simulated code does wrong raises :class:`~ftrace_sim.errors.Fault`
with ``cpu``, ``pc``, ``word`` and ``disasm`` filled in: undefined or
unsupported words, encodings without semantics (UNIMPLEMENTED, naming the row
ID), unmapped or permission-violating accesses and fetches, alignment (SP as a
base register not 16-byte aligned, exclusives/atomics), BRK and an exhausted
step budget.  The CPU stops *at* the faulting instruction (``cpu.pc`` is its
address) and nothing is cached for an instruction that could not be compiled.

Host traps
----------
``bus.traps`` maps addresses to :class:`HostCall` records.  When a CPU reaches
such an address it does not fetch: it calls the Python function with the CPU,
puts the returned value (unless None) in X0 and continues at X30, like a
``BL`` to a leaf function.  :class:`ftrace_sim.Machine` places the trap
addresses in a page of BRK words, so that anything else that executes them
faults.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import Final

from aarch64insn import DecodeError, DecodeReason, decode, disassemble
from aarch64insn.operands.sysregs import SYSREG_BY_NAME, SYSREG_NAMES
from ftrace_sim.errors import Fault, FaultKind, SimError
from ftrace_sim.memory import Memory
from ftrace_sim.semantics import NZCV, REGISTRY, SINK, SP, Ctx, Op, sp_fault
from ftrace_sim.trace import Trace, TraceEvent

__all__ = [
    "NREGS",
    "NZCV",
    "SINK",
    "SP",
    "SYSREGS",
    "ZR",
    "Bus",
    "Cpu",
    "HostCall",
    "HostFunction",
]

ZR: Final = 31
NREGS: Final = 35
"""Length of the register file (X0-X30, ZR, SP, SINK, NZCV)."""

M64: Final = 0xFFFF_FFFF_FFFF_FFFF
PAGE_SHIFT: Final = 12

HostFunction = Callable[["Cpu"], "int | None"]
"""A Python function bound to a simulated address: gets the CPU, returns X0 (None leaves X0 alone)."""

# Modelled system registers. "state" ones are plain storage (MSR/MRS), "const" ones are read-only.
_STATE_REGS: Final = (
    "tpidr_el0", "tpidr_el1", "tpidrro_el0", "sp_el0", "contextidr_el1", "vbar_el1", "elr_el1", "spsr_el1",
    "esr_el1", "far_el1", "par_el1", "mair_el1", "tcr_el1", "ttbr0_el1", "ttbr1_el1", "cntkctl_el1",
    "cpacr_el1", "fpcr", "fpsr", "cntv_ctl_el0", "cntv_cval_el0",
)  # fmt: skip
_CONST_REGS: Final = {
    "midr_el1": 0x410F_D034,  # Arm Cortex-A53 r0p4: a typical arm64 kernel target
    "revidr_el1": 0,
    "ctr_el0": 0x8444_C004,  # 64-byte I and D cache lines, PIPT I-cache, IDC=0, DIC=0
    "dczid_el0": 0x10,  # DZP=1: DC ZVA prohibited (not modelled)
    "cntfrq_el0": 62_500_000,
    "id_aa64pfr0_el1": 0x11,  # EL0 and EL1 in AArch64 only
    "id_aa64isar0_el1": 0x0000_0000_0010_0000,  # LSE atomics (the ISA this simulator executes)
    "id_aa64mmfr0_el1": 0,
    "sctlr_el1": 0x0000_0000_3050_198D,  # M, C, SA, SA0, I ...: Linux's value; only SA is modelled
}
_DYNAMIC_REGS: Final = ("nzcv", "daif", "currentel", "spsel", "mpidr_el1", "cntvct_el0", "cntpct_el0")

SYSREGS: Final = tuple(sorted((*_STATE_REGS, *_CONST_REGS, *_DYNAMIC_REGS)))
"""Names of the system registers MRS can read (lower case, as aarch64insn prints them)."""

_WRITABLE: Final = frozenset((*_STATE_REGS, "nzcv", "daif"))


@dataclass(frozen=True, slots=True)
class HostCall:
    """A host function bound to an address: ``name`` (for traces and faults) and the callable."""

    name: str
    fn: HostFunction


class _ReachedStopError(Exception):
    """Raised by the stop marker a run installs at its stop address."""


def _stop() -> int:
    raise _ReachedStopError


def _disasm(word: int, pc: int) -> str:
    try:
        return disassemble(word, pc=pc)
    except DecodeError:
        return f".inst {word:#010x}"


class Bus:
    """What the CPUs on one :class:`Memory` share.

    Attributes:
        memory: the shared memory.
        cpus: the CPUs attached (in order of creation).
        traps: host-call addresses (see the module docstring).
        reservations: exclusive monitor state, CPU number -> (address, size)
            of the reservation LDXR made.  Any write that touches the 16-byte
            granule of a reservation clears it.
        code_pages: pages that hold pre-decoded instructions of some CPU
            (a write elsewhere costs one set lookup).
        coherent_fetch: True (the ``strict`` fetch model): a write drops every
            CPU's pre-decoded copy of the written words, so the next fetch sees
            it.  False (``stale``): CPUs keep executing the word they fetched
            until they invalidate it (:meth:`Cpu.invalidate`, e.g. at a context
            synchronisation event); :mod:`ftrace_sim.sched` drives that.
    """

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self.cpus: list[Cpu] = []
        self.traps: dict[int, HostCall] = {}
        self.reservations: dict[int, tuple[int, int]] = {}
        self.code_pages: set[int] = set()
        self.capture: list[tuple[int, int]] | None = None
        self.coherent_fetch = True
        memory.add_write_observer(self._on_write)

    def _on_write(self, addr: int, size: int) -> None:
        if self.capture is not None:
            self.capture.append((addr, size))
        pages = self.code_pages
        if pages and self.coherent_fetch:
            first, last = addr >> PAGE_SHIFT, (addr + size - 1) >> PAGE_SHIFT
            if first in pages or last in pages or any(p in pages for p in range(first + 1, last)):
                for cpu in self.cpus:
                    cpu.invalidate(addr, size)
        if self.reservations:
            end = addr + size
            for index, (base, _) in list(self.reservations.items()):
                granule = base & ~15
                if addr < granule + 16 and granule < end:
                    del self.reservations[index]


class Cpu:
    """One simulated AArch64 CPU at EL1 (SPSel=1) running from a shared :class:`Memory`.

    State: ``r`` is the register file (X0-X30 at 0..30, the zero register at
    31, SP at 32, a write sink at 33, NZCV at 34; see :mod:`ftrace_sim.semantics`),
    ``pc``, ``daif`` (the D, A, I, F mask bits 9:6) and ``sysregs`` (the stored
    system registers by lower-case name).  ``steps`` counts retired
    instructions.  ``csync_count`` counts context synchronisation events (ISB)
    and ``on_context_sync`` holds callbacks run at each one.
    """

    def __init__(self, memory: Memory, index: int = 0, *, bus: Bus | None = None) -> None:
        if bus is not None and bus.memory is not memory:
            raise ValueError(f"cpu{index}: the bus belongs to another Memory")
        self.index = index
        self.memory = memory
        self.bus = bus if bus is not None else Bus(memory)
        self.bus.cpus.append(self)
        self.r: list[int] = [0] * NREGS
        self.pc = 0
        self.daif = 0x3C0  # interrupts masked, as out of reset
        self.sysregs: dict[str, int] = dict.fromkeys(_STATE_REGS, 0)
        self.sysregs.update(_CONST_REGS)
        self.steps = 0
        self.last_pc = 0
        self.csync_count = 0
        self.on_context_sync: list[Callable[[Cpu], None]] = []
        self.trace: Trace | None = None
        self._cache: dict[int, Op] = {}
        self._words: dict[int, int] = {}
        self._installed: dict[tuple[int, int], Op] = {}  # install_word's compiled copies, reused
        self._ticks = 0

    def __repr__(self) -> str:
        return f"<Cpu {self.index} pc={self.pc:#x} sp={self.sp:#x} steps={self.steps}>"

    # ------------------------------------------------------------------ registers

    @staticmethod
    def _check_reg(n: int) -> None:
        if not isinstance(n, int) or not 0 <= n <= 31:
            raise ValueError(f"register number must be 0..31, got {n!r}")

    def x_or_zr(self, n: int) -> int:
        """X\\ ``n``, where 31 means the zero register (reads 0)."""
        self._check_reg(n)
        return self.r[n]

    def w_or_zr(self, n: int) -> int:
        """W\\ ``n`` (the low 32 bits of X\\ ``n``), where 31 means WZR."""
        return self.x_or_zr(n) & 0xFFFF_FFFF

    def sp_or_x(self, n: int) -> int:
        """X\\ ``n``, where 31 means SP."""
        self._check_reg(n)
        return self.r[SP if n == 31 else n]

    def set_x(self, n: int, value: int) -> None:
        """Write X\\ ``n`` (value taken modulo 2**64); writing register 31 (XZR) is discarded."""
        self._check_reg(n)
        if n != 31:
            self.r[n] = value & M64

    def set_sp_or_x(self, n: int, value: int) -> None:
        """Write X\\ ``n``, where 31 means SP."""
        self._check_reg(n)
        self.r[SP if n == 31 else n] = value & M64

    @property
    def sp(self) -> int:
        """The stack pointer (SP_EL1)."""
        return self.r[SP]

    @sp.setter
    def sp(self, value: int) -> None:
        self.r[SP] = value & M64

    @property
    def nzcv(self) -> int:
        """The condition flags as four bits: N=8, Z=4, C=2, V=1 (MRS NZCV gives them in bits 31:28)."""
        return self.r[NZCV]

    @nzcv.setter
    def nzcv(self, value: int) -> None:
        if not 0 <= value <= 15:
            raise ValueError(f"nzcv is four bits (N=8 Z=4 C=2 V=1), got {value!r}")
        self.r[NZCV] = value

    def regs(self) -> dict[str, int]:
        """A snapshot: ``x0``..``x30``, ``sp``, ``pc``, ``nzcv``."""
        out = {f"x{i}": self.r[i] for i in range(31)}
        out.update(sp=self.r[SP], pc=self.pc, nzcv=self.r[NZCV])
        return out

    # ---------------------------------------------------------- system registers

    def sysreg(self, name: str) -> int:
        """Read a modelled system register by name (``tpidr_el1``, ``currentel``, ...), as MRS would."""
        key = SYSREG_BY_NAME.get(name.lower())
        if key is None:
            raise KeyError(f"unknown system register {name!r}; modelled: {', '.join(SYSREGS)}")
        return self.sysreg_reader(key)()

    def set_sysreg(self, name: str, value: int) -> None:
        """Set a system register from Python (read-only ones too, e.g. to model another MIDR)."""
        name = name.lower()
        if name == "nzcv":
            self.r[NZCV] = (value >> 28) & 15
        elif name == "daif":
            self.daif = value & 0x3C0
        elif name in self.sysregs:
            self.sysregs[name] = value & M64
        else:
            raise KeyError(f"system register {name!r} cannot be set; settable: {', '.join(sorted(self.sysregs))}")

    def _counter(self) -> int:
        self._ticks += 1
        return self.steps + self._ticks

    def sysreg_reader(self, key: int) -> Callable[[], int]:
        """A function reading the register numbered ``key`` (op0:op1:CRn:CRm:op2); Fault if not modelled."""
        name = SYSREG_NAMES.get(key)
        r = self.r
        if name == "nzcv":
            return lambda: r[NZCV] << 28
        if name == "daif":
            return lambda: self.daif
        if name == "currentel":
            return lambda: 1 << 2  # EL1
        if name == "spsel":
            return lambda: 1
        if name == "mpidr_el1":
            value = (1 << 31) | self.index  # Aff0 = CPU number
            return lambda: value
        if name in ("cntvct_el0", "cntpct_el0"):
            return self._counter
        if name is not None and name in self.sysregs:
            regs = self.sysregs
            return lambda: regs[name]
        raise Fault(FaultKind.UNIMPLEMENTED, f"MRS of system register {_sysreg_name(key)} is not modelled")

    def sysreg_writer(self, key: int) -> Callable[[int], None]:
        """A function writing the register numbered ``key``; Fault if read-only or not modelled."""
        name = SYSREG_NAMES.get(key)
        r = self.r
        if name == "nzcv":

            def write_nzcv(value: int) -> None:
                r[NZCV] = (value >> 28) & 15

            return write_nzcv
        if name == "daif":

            def write_daif(value: int) -> None:
                self.daif = value & 0x3C0

            return write_daif
        if name is not None and name in _WRITABLE:
            regs = self.sysregs

            def write(value: int) -> None:
                regs[name] = value

            return write
        if name is not None and name in SYSREGS:
            raise Fault(FaultKind.UNDEFINED, f"MSR to read-only system register {name}")
        raise Fault(FaultKind.UNIMPLEMENTED, f"MSR to system register {_sysreg_name(key)} is not modelled")

    # ------------------------------------------------------------- fetch model hooks

    def context_sync(self) -> None:
        """A context synchronisation event on this CPU (ISB): count it and run ``on_context_sync``."""
        self.csync_count += 1
        for hook in self.on_context_sync:
            hook(self)

    def invalidate(self, addr: int, size: int) -> None:
        """Forget the pre-decoded instructions overlapping ``[addr, addr + size)``."""
        cache, words = self._cache, self._words
        for a in range(addr & ~3, addr + size, 4):
            if cache.pop(a, None) is not None:
                words.pop(a, None)

    def flush(self) -> None:
        """Forget every pre-decoded instruction of this CPU."""
        self._cache.clear()
        self._words.clear()

    def decoded_word(self, addr: int) -> int | None:
        """The word this CPU pre-decoded at ``addr`` (what it will execute), or None."""
        return self._words.get(addr)

    def install_word(self, addr: int, word: int) -> None:
        """Make this CPU execute ``word`` at ``addr`` (a stale copy) whatever memory holds there.

        Fault if the word cannot be compiled, as a fetch of it would.
        """
        op = self._installed.get((addr, word))
        if op is None:
            op = self._installed[(addr, word)] = self._compile_word(addr, word)
        self._cache[addr] = op
        self._words[addr] = word
        self.bus.code_pages.add(addr >> PAGE_SHIFT)

    # ----------------------------------------------------------------- compiling

    def _compile(self, pc: int) -> Op:
        trap = self.bus.traps.get(pc)
        if trap is not None:
            op = self._trap_op(pc, trap)
        else:
            word = self.memory.fetch_u32(pc)
            op = self._compile_word(pc, word)
            self._words[pc] = word
        self._cache[pc] = op
        self.bus.code_pages.add(pc >> PAGE_SHIFT)
        return op

    def _compile_word(self, pc: int, word: int) -> Op:
        try:
            insn = decode(word)
        except DecodeError as e:
            kind = FaultKind.UNIMPLEMENTED if e.reason is DecodeReason.UNSUPPORTED else FaultKind.UNDEFINED
            raise Fault(kind, f"cannot decode: {e}", word=word, disasm=f".inst {word:#010x}") from None
        entry = REGISTRY.get(insn.id)
        if entry is None:
            raise Fault(
                FaultKind.UNIMPLEMENTED,
                f"encoding {insn.id} has no semantics in ftrace_sim.semantics",
                word=word,
                disasm=_disasm(word, pc),
            )
        why = insn.unpredictable
        if why is not None:
            raise Fault(
                FaultKind.UNDEFINED,
                f"{insn.id} is CONSTRAINED UNPREDICTABLE here ({why}); the simulator treats it as UNDEFINED",
                word=word,
                disasm=_disasm(word, pc),
            )
        fields = insn.fields
        ctx = Ctx(self, pc, insn.id)
        try:
            op = entry.fn(ctx, **{p: fields[p] for p in entry.params})
        except Fault as e:
            e.word = word
            raise
        if entry.base_register and fields["Rn"] == 31 and not ctx.sp_checked:
            op = _sp_checked(op, self.r)
        return op

    def _trap_op(self, pc: int, trap: HostCall) -> Op:
        r, fn, name, cpu = self.r, trap.fn, trap.name, self

        def host() -> int:
            cpu.pc = pc
            value = fn(cpu)
            if value is not None:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise SimError(f"host function {name!r} returned {value!r}; expected an int (X0) or None")
                r[0] = value & M64
            return r[30]

        return host

    # ----------------------------------------------------------------- executing

    def _complete(self, fault: Fault, pc: int) -> Fault:
        self.pc = pc
        if fault.cpu is None:
            fault.cpu = self.index
        if fault.pc is None:
            fault.pc = pc
        if fault.word is None and fault.pc == pc:
            fault.word = self._words.get(pc)
        if fault.disasm is None and fault.word is not None:
            fault.disasm = _disasm(fault.word, pc)
        if fault.word is None and pc in self.bus.traps:
            fault.disasm = f"<host {self.bus.traps[pc].name}>"
        return fault

    def step(self) -> None:
        """Execute one instruction (Fault on error; the CPU then stays at the faulting pc)."""
        if self.trace is not None:
            self._step_traced()
            return
        pc = self.pc
        try:
            self.pc = (self._cache.get(pc) or self._compile(pc))()
        except Fault as fault:
            raise self._complete(fault, pc) from None
        self.steps += 1

    def run(self, max_steps: int, *, stop_at: int | None = None) -> int:
        """Execute up to ``max_steps`` instructions, stopping early when pc reaches ``stop_at``.

        The instruction at ``stop_at`` is not executed.  Returns the number of
        instructions executed.  With ``stop_at`` given, not reaching it within
        ``max_steps`` raises Fault STEP_BUDGET.
        """
        if max_steps < 0:
            raise ValueError(f"max_steps must be >= 0, got {max_steps}")
        if self.trace is not None:
            return self._run_traced(max_steps, stop_at)
        cache = self._cache
        saved: Op | None = None
        if stop_at is not None:
            saved = cache.get(stop_at)
            cache[stop_at] = _stop
        get = cache.get
        compile_ = self._compile
        pc = self.pc
        n = 0
        stopped = False
        try:
            for n in range(max_steps):  # noqa: B007  (n is the count of retired steps on exit)
                pc = (get(pc) or compile_(pc))()
            else:
                n = max_steps
        except _ReachedStopError:
            stopped = True
        except Fault as fault:
            raise self._complete(fault, pc) from None
        finally:  # whatever happened (even a host function raising), the CPU state is current
            self.pc = pc
            self.steps += n
            if stop_at is not None:
                if saved is None:
                    cache.pop(stop_at, None)
                else:
                    cache[stop_at] = saved
        if stop_at is not None and not stopped and pc != stop_at:
            raise self.budget_fault(max_steps, stop_at)
        return n

    def run_segment(self, before: Container[int], after: Container[int], max_steps: int) -> int:
        """Run until pc is in ``before`` (that instruction is not executed), or just after executing an
        instruction whose address is in ``after``, or ``max_steps`` instructions; return how many ran.

        The scheduler's inner loop (:mod:`ftrace_sim.sched`); ``last_pc`` is
        then the address of the last instruction executed.  Faults propagate
        as from :meth:`step`, with the CPU at the faulting instruction.
        """
        n = 0
        if self.trace is not None:
            while n < max_steps and self.pc not in before:
                self.last_pc = self.pc
                self._step_traced()
                n += 1
                if self.last_pc in after:
                    break
            return n
        get = self._cache.get
        compile_ = self._compile
        pc = last = self.pc
        try:
            while n < max_steps:
                if pc in before:
                    break
                last = pc
                pc = (get(pc) or compile_(pc))()
                n += 1
                if last in after:
                    break
        except Fault as fault:
            raise self._complete(fault, pc) from None
        finally:
            self.pc = pc
            self.last_pc = last
            self.steps += n
        return n

    def budget_fault(self, max_steps: int, stop_at: int | None) -> Fault:
        """The STEP_BUDGET fault for a run that executed ``max_steps`` without reaching ``stop_at``."""
        pc = self.pc
        word = self._words.get(pc)
        if word is None:
            try:
                word = int.from_bytes(self.memory.peek(pc, 4), "little")
            except Fault:
                word = None
        target = f" without reaching {stop_at:#x}" if stop_at is not None else ""
        return Fault(
            FaultKind.STEP_BUDGET,
            f"{max_steps} instructions executed{target}; stopped before this one",
            cpu=self.index,
            pc=pc,
            word=word,
            disasm=_disasm(word, pc) if word is not None else None,
        )

    # ------------------------------------------------------------------ tracing

    def _run_traced(self, max_steps: int, stop_at: int | None) -> int:
        for n in range(max_steps):
            if self.pc == stop_at:
                return n
            self._step_traced()
        if stop_at is not None and self.pc != stop_at:
            raise self.budget_fault(max_steps, stop_at)
        return max_steps

    def _step_traced(self) -> None:
        trace = self.trace
        assert trace is not None
        bus = self.bus
        pc = self.pc
        before = self.r[:]
        outer = bus.capture
        writes: list[tuple[int, int]] = []
        bus.capture = writes
        fault: Fault | None = None
        try:
            try:
                self.pc = (self._cache.get(pc) or self._compile(pc))()
            except Fault as f:
                fault = self._complete(f, pc)
                raise fault from None
            self.steps += 1
        finally:
            bus.capture = outer
            if outer is not None:
                outer.extend(writes)
            trace.record(self._event(trace, pc, before, writes, fault))

    def _event(
        self, trace: Trace, pc: int, before: list[int], writes: list[tuple[int, int]], fault: Fault | None
    ) -> TraceEvent:
        word = self._words.get(pc)
        if pc in self.bus.traps:
            text = f"<host {self.bus.traps[pc].name}>"
        elif word is not None:
            text = _disasm(word, pc)
        elif fault is not None and fault.word is not None:
            word = fault.word
            text = fault.disasm or _disasm(word, pc)
        else:
            text = "<no instruction>"
        r = self.r
        regs = [(f"x{i}", r[i]) for i in range(31) if r[i] != before[i]]
        if r[SP] != before[SP]:
            regs.append(("sp", r[SP]))
        if r[NZCV] != before[NZCV]:
            regs.append(("nzcv", r[NZCV]))
        mem = []
        for addr, size in writes:
            try:
                mem.append((addr, self.memory.peek(addr, size)))
            except Fault:
                continue
        note = ""
        if fault is not None:
            note = f"FAULT {fault.kind.name}: {fault.detail}" if fault.detail else f"FAULT {fault.kind.name}"
        elif self.pc != (pc + 4) & M64 and trace.symbolize is not None:
            name = trace.symbolize(self.pc)
            note = f"-> {name}" if name else ""
        return TraceEvent(self.index, pc, text, tuple(regs), tuple(mem), note, word)


def _sp_checked(op: Op, r: list[int]) -> Op:
    """Wrap a load/store whose base register is SP: fault unless SP is 16-byte aligned (SCTLR_EL1.SA)."""

    def checked() -> int:
        sp = r[SP]
        if sp & 15:
            raise sp_fault(sp)
        return op()

    return checked


def _sysreg_name(key: int) -> str:
    name = SYSREG_NAMES.get(key)
    if name is not None:
        return name
    op0, op1, crn, crm, op2 = key >> 14, (key >> 11) & 7, (key >> 7) & 15, (key >> 3) & 15, key & 7
    return f"s{op0}_{op1}_c{crn}_c{crm}_{op2}"
