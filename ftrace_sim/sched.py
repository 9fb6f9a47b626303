"""The scheduler: simulated CPUs and a kernel-side patcher interleaved by an explicit, replayable schedule.

A :class:`World` holds a machine with its kernel (:mod:`ftrace_sim.kernel`), one
:class:`CpuActor` per CPU (each calls a caller of the traced function a few
times) and one :class:`PatcherActor` (the kernel's ftrace code enabling and
disabling tracing).  A *schedule* is a list of transition labels:

``cpuN``
    CPU N executes the instruction it is at, then runs up to (not including)
    its next *visible* instruction: a fetch of a word the patcher writes, a
    load the trampoline marks ``visible_`` (the CALL_OPS literal), or a call
    into a host function (the tracer, which reads the patcher's state).
    Everything a CPU does in between touches only its own registers and stack,
    so running it in one go loses no behaviour (the usual reduction to visible
    operations).
``patcher``
    the patcher makes its next observable step: one instruction (or literal)
    write, one cache-maintenance step, one IPI, entering or leaving stop_machine.
``cpuN:WORD``
    (``stale`` fetch model only) as ``cpuN``, but the patched word at the CPU's
    pc is executed as ``WORD``: a value it held since the CPU last fetched it
    or took a context synchronisation event (a prefetch may have kept it).

Fetch models: ``strict`` (every fetch sees the latest write) and ``stale`` (a
CPU may keep executing the word it fetched at an address until a context
synchronisation event on that CPU: an ISB, the IPI of ``kick_all_cpus_sync``,
the end of stop_machine), and may have fetched it at any time since its last
such event.  So each time a CPU is about to execute a patched word, the
schedule chooses between its default (its own copy, or memory if it has none)
and every other value the word has held since that CPU last fetched it or
synchronised (``cpuN:WORD``): every mix of old and new words is reachable.

The patcher's generator is run once against the initial state when the world
is built and its steps are recorded; a ``patcher`` transition replays the next
step.  That is exact because the patcher reads only words it writes itself
(no CPU writes text); each replayed write checks that the bytes it replaces
are the ones the generator saw, and raises :class:`~ftrace_sim.errors.SimError`
otherwise.

The CMODX checker looks at every instruction write made while CPUs run: if a
running CPU may fetch the word (it lies in a function or trampoline, or some CPU
holds a copy) and the old or the new word is not one of B, BL, BRK, HVC, ISB,
NOP, SMC, SVC, the write is a ``cmodx`` violation.

Invariants (:mod:`ftrace_sim.invariants`) are checked as the CPUs run; each
failure is a :class:`Violation`.  :meth:`World.snapshot` / :meth:`World.restore`
save and restore everything that can differ between two points of a search,
and :meth:`Snapshot.key` names a state for the explorer's visited set.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, NamedTuple

from aarch64insn import DecodeError, decode
from aarch64insn.table import ENCODINGS
from ftrace_sim.cpu import SINK, SP, Cpu
from ftrace_sim.errors import CmodxViolation, Fault, FaultKind, KernelPanic, PatchError, SimError
from ftrace_sim.events import ContextSyncAll, Event, StopMachine, TextWrite, describe_word, responsible
from ftrace_sim.kernel import Kernel, RetStackEntry
from ftrace_sim.layout import STACK_SIZE
from ftrace_sim.trace import PATCHER

if TYPE_CHECKING:
    from ftrace_sim.designs import Design
    from ftrace_sim.machine import Machine

__all__ = [
    "CMODX_SAFE",
    "FETCH_MODELS",
    "SEGMENT_BUDGET",
    "CpuActor",
    "Frame",
    "PatchStep",
    "PatcherActor",
    "Snapshot",
    "Step",
    "Violation",
    "World",
    "cmodx_safe",
]

FETCH_MODELS: Final = ("strict", "stale")
"""The instruction-fetch models."""

SEGMENT_BUDGET: Final = 20_000
"""Instructions a CPU may run without reaching a visible one before it counts as stuck."""

CMODX_SAFE: Final = frozenset(e.id for e in ENCODINGS if e.hotpatch_safe)
"""Encodings that may be modified while another CPU executes them (Arm ARM, "Concurrent modification
and execution of instructions": B, BL, BRK, HVC, ISB, NOP, SMC, SVC): the table's ``hotpatch_safe`` rows."""


def cmodx_safe(word: int) -> bool:
    """True if ``word`` is one of B, BL, BRK, HVC, ISB, NOP, SMC, SVC (:attr:`aarch64insn.Insn.is_hotpatch_safe`)."""
    try:
        return decode(word).is_hotpatch_safe
    except DecodeError:
        return False


@dataclass(frozen=True)
class Violation:
    """An invariant that failed: ``kind`` (e.g. ``tracer-parent-ip``, ``fault``, ``cmodx``), where, and why."""

    kind: str
    message: str
    cpu: int | None = None
    pc: int | None = None

    def __str__(self) -> str:
        where = f"cpu{self.cpu}" if self.cpu is not None else "patcher"
        at = f" at {self.pc:#x}" if self.pc is not None else ""
        return f"{self.kind} ({where}{at}): {self.message}"


class Frame(NamedTuple):
    """A call of the traced function in progress: its arguments, return address and the registers it must keep."""

    args: tuple[int, ...]
    ret: int
    sp: int
    saved: tuple[int, ...]
    """x19..x29 at entry."""


@dataclass
class CpuActor:
    """CPU ``index`` calling ``caller`` with each of ``calls`` (argument tuples) in turn."""

    index: int
    cpu: Cpu
    calls: list[tuple[int, ...]]
    call_no: int = 0
    running: bool = False
    done: bool = False
    pending: list[Frame] = field(default_factory=list)
    probed: int | None = None
    """The pc whose entry/return checks already ran (the instruction there has not run yet)."""

    @property
    def name(self) -> str:
        """``cpuN``."""
        return f"cpu{self.index}"


@dataclass(frozen=True)
class PatchStep:
    """One recorded step of the patcher: the event and the kernel's patcher-side state after it."""

    event: Event
    kstate: tuple[object, ...]
    phase: int = 0
    """Which phase of the patcher's program the step belongs to (``Kernel.phase`` when it was made)."""


@dataclass
class PatcherActor:
    """The recorded steps of the kernel-side patcher and how many have been replayed."""

    steps: list[PatchStep]
    pos: int = 0
    result: int = 0

    @property
    def done(self) -> bool:
        """All steps replayed."""
        return self.pos >= len(self.steps)


@dataclass(frozen=True)
class Step:
    """What one transition did, for timelines: who, the visible address, its word and disassembly, x9/x30."""

    label: str
    addr: int | None
    word: int | None
    text: str
    x9: int | None = None
    x30: int | None = None
    count: int = 0
    """Instructions the CPU executed in the transition."""


@dataclass(frozen=True)
class Snapshot:
    """Everything about a :class:`World` that a schedule can change (see :meth:`World.snapshot`)."""

    cpus: tuple[tuple[tuple[int, ...], int], ...]
    stacks: tuple[bytes, ...]
    rw: tuple[bytes | None, ...]
    """Each writable region's bytes, or None where they are as in the initial state."""
    watched: bytes
    stale: tuple[tuple[tuple[int | None, tuple[int, ...]], ...], ...]
    """``stale`` model: per CPU, per watched word, the copy it holds (or None) and the values it may still
    execute there (see :attr:`World.avail`)."""
    actors: tuple[tuple[object, ...], ...]
    patcher: int
    stopped: bool
    tasks: tuple[tuple[tuple[tuple[int, ...], ...], int], ...]

    def key(self) -> bytes:
        """A 16-byte digest naming the state (the scratch register SINK is left out)."""
        h = hashlib.blake2b(digest_size=16)
        small = (
            tuple((r[:SINK], r[SINK + 1 :], pc) for r, pc in self.cpus),
            self.stale,
            self.actors,
            self.patcher,
            self.stopped,
            self.tasks,
        )
        h.update(pickle.dumps(small, protocol=5))
        for piece in self.stacks:
            h.update(piece)
            h.update(b"|")
        h.update(self.watched)
        for data in self.rw:
            h.update(b"-" if data is None else data)
        return h.digest()


class World:
    """A machine, its kernel, the CPU actors and the patcher, run transition by transition.

    Built by :func:`ftrace_sim.scenario.build`; see the module docstring for the
    transitions, fetch models and the CMODX checker.

    Attributes:
        machine, kernel, design: what runs.
        fetch: the fetch model, ``"strict"`` or ``"stale"``.
        actors: the CPU actors, by CPU number.
        patcher: the patcher actor.
        watched: addresses of the 4-byte words the patcher writes.
        stops: addresses whose execution ends a CPU transition (watched words,
            ``visible_`` loads, host functions).
        violations: what failed so far (in order).
        steps: what each transition did (filled only when ``record`` is True).
        ftrace_log: what the tracers saw: ``(kind, cpu, a, b)`` tuples
            (``("entry", cpu, ip, parent_ip)``, ``("graph-entry", cpu, func, ret)``,
            ``("graph-return", cpu, func, retval)``).
    """

    def __init__(
        self,
        machine: Machine,
        kernel: Kernel,
        design: Design,
        *,
        fetch: str,
        actors: list[CpuActor],
        caller: int,
        traced: tuple[int, int],
        sentinel: int,
        expected: Callable[[tuple[int, ...]], int | None],
        expected_caller: Callable[[tuple[int, ...]], int],
        canaries: Sequence[int],
        poison: Sequence[int],
    ) -> None:
        if fetch not in FETCH_MODELS:
            raise ValueError(f"fetch model must be one of {', '.join(FETCH_MODELS)}, got {fetch!r}")
        self.machine = machine
        self.kernel = kernel
        self.design = design
        self.fetch = fetch
        self.actors = actors
        self.patcher = PatcherActor([])
        self.caller = caller
        self.traced = traced
        self.sentinel = sentinel
        self.expected = expected
        self.expected_caller = expected_caller
        self.canaries = tuple(canaries)
        self.poison = tuple(poison)
        self.stopped = False
        self.violations: list[Violation] = []
        self.steps: list[Step] = []
        self.record = False
        self.raise_on_cmodx = False
        """Raise :class:`~ftrace_sim.errors.CmodxViolation` at a forbidden write instead of recording it."""
        self.ftrace_log: list[tuple[str, int, int, int]] = []
        self.watched: tuple[int, ...] = ()
        self.stops: frozenset[int] = frozenset()
        self.fetchable: list[range] = []
        self.call_site: dict[int, int] = {}
        """The traced function's call-site words as compiled (before ``ftrace_init_nop``), by address."""
        machine.bus.coherent_fetch = fetch == "strict"
        for cpu in machine.cpus:
            cpu.on_context_sync.append(self._context_sync)
        self._stack_tops = [s.top for s in machine.stacks]
        memory = machine.memory
        self._rw = [r for r in memory.regions() if r.writable and not r.name.startswith("stack")]
        self._rw_initial = [bytes(r.data) for r in self._rw]
        self._stack_views = []
        for top in self._stack_tops:
            region = memory.region_at(top - 1)
            assert region is not None
            self._stack_views.append((region.data, region.base))
        self._initial: Snapshot | None = None
        self._watched_views: list[tuple[bytearray, int]] = []
        self.avail: list[dict[int, tuple[int, ...]]] = [{} for _ in machine.cpus]
        """``stale`` model: per CPU, per watched word, the values it may execute there, oldest first: every
        value the word has held since the CPU last fetched it or took a context synchronisation event."""
        self.avail_ok: frozenset[int] = frozenset()

    # ------------------------------------------------------------ set-up (scenario.build)

    def prepare(self, patcher: Iterable[Event], *, extra_stops: Iterable[int] = ()) -> None:
        """Record the patcher's steps from the current (initial) state, then return to that state.

        The words the patcher writes become :attr:`watched`; they, ``extra_stops``
        and the host functions become :attr:`stops`.
        """
        k = self.kernel
        start = self._snapshot_raw(patcher_pos=0)
        kstart = self._kstate()
        steps: list[PatchStep] = []
        gen = iter(patcher)
        while True:
            try:
                event = next(gen)
            except StopIteration as stop:
                self.patcher.result = stop.value if isinstance(stop.value, int) else 0
                break
            steps.append(PatchStep(event, self._kstate(), k.phase))
        watched: set[int] = set()
        for step in steps:
            if isinstance(step.event, TextWrite):
                ev = step.event
                watched.update(range(ev.addr & ~3, ev.addr + ev.size, 4))
        self.patcher = PatcherActor(steps, 0, self.patcher.result)
        self.watched = tuple(sorted(watched))
        self.avail_ok = frozenset(self.watched)
        self._reset_avail()
        self._watched_views = []
        for addr in self.watched:
            region = self.machine.memory.region_at(addr)
            assert region is not None
            self._watched_views.append((region.data, addr - region.base))
        self._kstart = kstart
        self._set_kstate(kstart)
        self.stops = frozenset(self.watched) | frozenset(extra_stops) | frozenset(self.machine.bus.traps)
        for step in reversed(steps):  # undo the dry run's writes
            if isinstance(step.event, TextWrite):
                _raw_write(self.machine.memory, step.event.addr, step.event.old)
        self._restore_raw(replace(start, stale=(), watched=b""))  # taken before the watched words were known
        for cpu in self.machine.cpus:
            cpu.flush()
        k.patch_stack.clear()
        self._initial = self.snapshot()

    def _reset_avail(self, cpu: int | None = None) -> None:
        """Stale model: the CPU(s) may execute only what memory holds now (start, context synchronisation)."""
        memory = self.machine.memory
        now = {addr: (memory.read_u32(addr),) for addr in self.watched}
        for i in range(len(self.avail)) if cpu is None else (cpu,):
            self.avail[i] = dict(now)

    def _kstate(self) -> tuple[object, ...]:
        k = self.kernel
        return (tuple(r.flags for r in k.records), k.tracing, k.graph_active, k.ftrace_trace_function)

    def _set_kstate(self, state: tuple[object, ...]) -> None:
        k = self.kernel
        flags, tracing, graph, func = state
        assert isinstance(flags, tuple)
        for rec, f in zip(k.records, flags, strict=True):
            rec.flags = int(f)
        k.tracing = bool(tracing)
        k.graph_active = bool(graph)
        k.ftrace_trace_function = int(func)  # type: ignore[call-overload]

    # ------------------------------------------------------------ transitions

    def enabled(self) -> list[str]:
        """The transitions possible now, in a fixed order (CPUs, with their refetch choices, then the patcher)."""
        out = []
        if not self.stopped:
            stale = self.fetch == "stale"
            for a in self.actors:
                if a.done:
                    continue
                out.append(a.name)
                if stale and a.running:
                    pc = a.cpu.pc
                    avail = self.avail[a.index].get(pc)
                    if avail is not None:
                        default = a.cpu.decoded_word(pc)
                        if default is None:
                            default = avail[-1]
                        out += [f"{a.name}:{w:08x}" for w in sorted(set(avail)) if w != default]
        if not self.patcher.done:
            out.append("patcher")
        return out

    @property
    def finished(self) -> bool:
        """Every actor is done."""
        return self.patcher.done and all(a.done for a in self.actors)

    def apply(self, label: str) -> None:
        """Run one transition (see the module docstring); violations go to :attr:`violations`."""
        if label == "patcher":
            self._patcher_step()
        elif label.startswith("cpu"):
            who, _, word = label.partition(":")
            actor = self.actors[int(who[3:])]
            if actor.done:
                raise SimError(f"{who} has finished; it cannot run")
            if self.stopped:
                raise SimError(f"{who} is stopped by stop_machine")
            self._cpu_step(actor, int(word, 16) if word else None)
        else:
            raise ValueError(f"unknown transition {label!r}")

    def run(self, schedule: Iterable[str], *, complete: bool = True) -> list[Violation]:
        """Apply ``schedule`` (labels of actors that are done are skipped), then, with ``complete``,
        run every actor to the end (CPUs in order, then the patcher); return the violations."""
        for label in schedule:
            if label in self.enabled():
                self.apply(label)
        if complete:
            self.complete()
        return self.violations

    def complete(self, *, limit: int = 100_000) -> None:
        """Run actors until all are done: the first enabled CPU (keeping its copies), else the patcher."""
        for _ in range(limit):
            choices = [c for c in self.enabled() if ":" not in c]
            if not choices:
                return
            self.apply(choices[0])
        raise SimError(f"the world did not finish within {limit} transitions")

    # ------------------------------------------------------------ the patcher

    def _patcher_step(self) -> None:
        p = self.patcher
        if p.done:
            raise SimError("the patcher has finished; it cannot run")
        step = p.steps[p.pos]
        p.pos += 1
        ev = step.event
        memory = self.machine.memory
        if isinstance(ev, TextWrite):
            now = memory.peek(ev.addr, ev.size)
            if now != ev.old:
                raise PatchError(
                    f"patcher replay: {ev.addr:#x} holds {now.hex()} but the recorded write saw {ev.old.hex()}; "
                    "something other than the patcher wrote kernel text"
                )
            self._check_cmodx(ev)
            memory.poke(ev.addr, ev.new)
            if self.fetch == "stale":
                for off in range(0, ev.size - 3, 4):
                    word = int.from_bytes(ev.new[off : off + 4], "little")
                    for avail in self.avail:
                        seen = avail.get(ev.addr + off)
                        if seen is not None and seen[-1] != word:
                            avail[ev.addr + off] = (*seen, word)
        elif isinstance(ev, ContextSyncAll):
            for cpu in self.machine.cpus:
                cpu.context_sync()
        elif isinstance(ev, StopMachine):
            self.stopped = ev.begin
            if not ev.begin:
                for cpu in self.machine.cpus:
                    cpu.context_sync()
        self._set_kstate(step.kstate)
        trace = self.machine.trace
        if trace is not None:
            text, _, via = ev.describe().partition("  (")
            trace.note(PATCHER, getattr(ev, "addr", 0), f"<patch> {text.split('] ', 1)[-1]}", f"by {via.rstrip(')')}" if via else "")
        if self.record:
            where: int | None = getattr(ev, "addr", None)
            written = ev.new_word if isinstance(ev, TextWrite) else None
            self.steps.append(Step("patcher", where, written, ev.describe()))
        if p.done and p.result:
            self.violations.append(Violation("patch-failed", f"the patcher returned {p.result}"))

    def _check_cmodx(self, ev: TextWrite) -> None:
        running = [a for a in self.actors if not a.done and not self.stopped]
        if not running:
            return
        for off in range(0, ev.size - 3, 4):
            addr = ev.addr + off
            if not self._may_fetch(addr):
                continue
            old = int.from_bytes(ev.old[off : off + 4], "little")
            new = int.from_bytes(ev.new[off : off + 4], "little")
            if old == new or (cmodx_safe(old) and cmodx_safe(new)):
                continue
            who = ", ".join(a.name for a in running)
            via = f" by {responsible(ev.via)}" if ev.via else ""
            if self.raise_on_cmodx:
                raise CmodxViolation(addr, old, new, cpu=running[0].index, detail=f"written{via}, running: {who}")
            self.violations.append(
                Violation(
                    "cmodx",
                    f"{describe_word(old, addr)} -> {describe_word(new, addr)} at {addr:#x}{via} while {who} "
                    "may execute it: only B, BL, BRK, HVC, ISB, NOP, SMC, SVC may be modified concurrently",
                    None,
                    addr,
                )
            )

    def _may_fetch(self, addr: int) -> bool:
        if any(addr in r for r in self.fetchable):
            return True
        return any(cpu.decoded_word(addr) is not None for cpu in self.machine.cpus)

    def _context_sync(self, cpu: Cpu) -> None:
        if self.fetch == "stale":
            for addr in self.watched:
                cpu.invalidate(addr, 4)
            self._reset_avail(cpu.index)

    # ------------------------------------------------------------ the CPUs

    def _start_call(self, a: CpuActor) -> None:
        cpu = a.cpu
        r = cpu.r
        args = a.calls[a.call_no]
        for i in range(9):
            r[i] = args[i] if i < len(args) else 0
        for i, value in enumerate(self.poison):
            r[9 + i] = value
        for i, value in enumerate(self.canaries):
            r[19 + i] = value
        r[29] = 0
        r[30] = self.sentinel
        r[SP] = self._stack_tops[a.index]
        cpu.pc = self.caller
        a.running = True

    def _cpu_step(self, a: CpuActor, fetch: int | None = None) -> None:
        cpu = a.cpu
        if not a.running:
            self._start_call(a)
        stops = self.stops
        entry, sentinel = self.traced[0], self.sentinel
        pending = a.pending
        r = cpu.r
        count = 0
        first = True
        while True:
            pc = cpu.pc
            if a.probed != pc:
                if pc == entry:
                    self._enter(a)
                    a.probed = pc
                elif pending and pc == pending[-1].ret and r[SP] == pending[-1].sp:
                    self._return(a)
                    a.probed = pc
                elif pc == sentinel:
                    self._end_call(a)
                    if first:
                        self._record(a, pc, None, count, "returns to the harness")
                    return
            if not first and pc in stops:
                return
            try:
                if first:
                    if self.fetch == "stale" and pc in self.avail_ok:
                        self._fetch(a, pc, fetch)
                    n = cpu.run_segment((), (pc,), 1)
                    self._record(a, pc, cpu.decoded_word(pc), n, "")
                    first = False
                else:
                    probes = {entry, sentinel, pending[-1].ret} if pending else {entry, sentinel}
                    probes.discard(pc)
                    n = cpu.run_segment(probes | stops, (), SEGMENT_BUDGET - count)
                    self._extend(n)
            except Fault as fault:
                self.violations.append(Violation("fault", str(fault), a.index, fault.pc))
                a.done = True
                self._record(a, cpu.pc, fault.word, 0, f"FAULT {fault.kind.name}")
                return
            except KernelPanic as panic:
                self.violations.append(Violation("panic", str(panic), a.index, cpu.pc))
                a.done = True
                self._record(a, cpu.pc, None, 0, "kernel panic")
                return
            if n:
                a.probed = None
            count += n
            if count >= SEGMENT_BUDGET:
                self.violations.append(
                    Violation("stuck", f"{count} instructions without reaching a visible one", a.index, cpu.pc)
                )
                a.done = True
                return

    def _fetch(self, a: CpuActor, pc: int, word: int | None) -> None:
        """Stale model: the CPU is about to execute watched word ``pc``: its copy, or memory if it has none,
        or (``word`` given) a value the word held since the CPU last fetched it or synchronised."""
        avail = self.avail[a.index]
        cpu = a.cpu
        seen = avail[pc]
        if word is not None:
            if word not in seen:
                raise SimError(f"cpu{a.index} cannot execute {word:#010x} at {pc:#x}: not held there since its "
                               "last fetch or context synchronisation")  # fmt: skip
            cpu.install_word(pc, word)
            avail[pc] = seen[seen.index(word) :]  # fetched then: later refetches see only what came after
        elif cpu.decoded_word(pc) is None:
            avail[pc] = seen[-1:]  # a fetch now: memory

    def _record(self, a: CpuActor, pc: int, word: int | None, count: int, note: str) -> None:
        if not self.record:
            return
        r = a.cpu.r
        if pc in self.machine.bus.traps:
            text = f"<host {self.machine.bus.traps[pc].name}>"
        elif word is not None:
            text = describe_word(word, pc)
        else:
            text = ""
        if note:
            text = f"{text}  ({note})" if text else note
        self.steps.append(Step(a.name, pc, word, text, r[9], r[30], count))

    def _extend(self, n: int) -> None:
        """Add ``n`` instructions to the last recorded CPU step."""
        if self.record and self.steps and n:
            last = self.steps[-1]
            self.steps[-1] = replace(last, count=last.count + n)

    def _enter(self, a: CpuActor) -> None:
        r = a.cpu.r
        a.pending.append(Frame(tuple(r[0:8]), r[30], r[SP], tuple(r[19:30])))

    def _return(self, a: CpuActor) -> None:
        from ftrace_sim.invariants import check_return

        frame = a.pending.pop()
        self.violations.extend(check_return(self, a, frame))

    def _end_call(self, a: CpuActor) -> None:
        from ftrace_sim.invariants import check_call_end

        self.violations.extend(check_call_end(self, a))
        a.pending.clear()
        a.running = False
        a.call_no += 1
        if a.call_no >= len(a.calls):
            a.done = True

    # ------------------------------------------------------------ snapshots

    def _snapshot_raw(self, *, patcher_pos: int) -> Snapshot:
        machine = self.machine
        cpus = tuple((tuple(c.r), c.pc) for c in machine.cpus)
        stacks = []
        for c, top, (data, base) in zip(machine.cpus, self._stack_tops, self._stack_views, strict=True):
            sp = c.r[SP]
            lo = sp if top - STACK_SIZE <= sp <= top else top
            stacks.append(bytes(data[lo - base : top - base]))
        rw = tuple(None if r.data == init else bytes(r.data) for r, init in zip(self._rw, self._rw_initial, strict=True))
        watched = b"".join(bytes(data[off : off + 4]) for data, off in self._watched_views)
        if self.fetch == "stale":
            stale = tuple(
                tuple((c.decoded_word(w), avail[w]) for w in self.watched)
                for c, avail in zip(machine.cpus, self.avail, strict=True)
            )
        else:
            stale = ()
        actors = tuple(
            (a.call_no, a.running, a.done, tuple(tuple(f) for f in a.pending), a.probed) for a in self.actors
        )
        tasks = tuple((tuple(tuple(e) for e in t.ret_stack), t.tracing_graph_pause) for t in self.kernel.tasks)
        return Snapshot(cpus, tuple(stacks), rw, watched, stale, actors, patcher_pos, self.stopped, tasks)

    def snapshot(self) -> Snapshot:
        """The current state (see :class:`Snapshot`)."""
        return self._snapshot_raw(patcher_pos=self.patcher.pos)

    def _restore_raw(self, snap: Snapshot) -> None:
        machine = self.machine
        for c, (regs, pc) in zip(machine.cpus, snap.cpus, strict=True):
            c.r[:] = regs
            c.pc = pc
        for top, (data, base), piece in zip(self._stack_tops, self._stack_views, snap.stacks, strict=True):
            live = top - base - len(piece)
            # Below SP is dead, but a frame allocated later may leave slots unwritten: zero it, so that
            # what those slots hold (and so the state's key) never depends on the search's history.
            data[top - base - STACK_SIZE : live] = _ZEROS[: live - (top - base - STACK_SIZE)]
            if piece:
                data[live : top - base] = piece
        for region, init, saved in zip(self._rw, self._rw_initial, snap.rw, strict=True):
            content = init if saved is None else saved
            if region.data != content:
                region.data[:] = content
        if snap.watched:  # (empty only in the snapshot prepare() takes before it knows the watched words)
            for i, (data, off) in enumerate(self._watched_views):
                data[off : off + 4] = snap.watched[4 * i : 4 * i + 4]
        for a, (call_no, running, done, pending, probed) in zip(self.actors, snap.actors, strict=True):
            a.call_no, a.running, a.done, a.probed = call_no, running, done, probed  # type: ignore[assignment]
            a.pending = [Frame(*f) for f in pending]  # type: ignore[attr-defined]
        for t, (stack, pause) in zip(self.kernel.tasks, snap.tasks, strict=True):
            t.ret_stack = [RetStackEntry(*e) for e in stack]
            t.tracing_graph_pause = pause
        self.stopped = snap.stopped
        # Pre-decoded copies: strict -> agree with memory; stale -> exactly the snapshot's copies.
        for ci, c in enumerate(machine.cpus):
            for i, addr in enumerate(self.watched):
                held = c.decoded_word(addr)
                if snap.stale:
                    want, words = snap.stale[ci][i]
                    self.avail[ci][addr] = words
                    if want is None:
                        if held is not None:
                            c.invalidate(addr, 4)
                    elif held != want:
                        c.install_word(addr, want)
                elif held is not None and held != machine.memory.read_u32(addr):
                    c.invalidate(addr, 4)

    def restore(self, snap: Snapshot) -> None:
        """Return to ``snap`` (taken from this world); violations and recorded steps are cleared."""
        self._restore_raw(snap)
        self.patcher.pos = snap.patcher
        self._set_kstate(self.patcher.steps[snap.patcher - 1].kstate if snap.patcher else self._kstart)
        self.violations.clear()
        self.steps.clear()

    def reset(self) -> None:
        """Return to the initial state (every actor at its start, tracing off)."""
        if self._initial is None:
            raise SimError("the world is not prepared yet (scenario.build prepares it)")
        self.restore(self._initial)
        self.ftrace_log.clear()

    @property
    def initial(self) -> Snapshot:
        """The state the world starts in."""
        if self._initial is None:
            raise SimError("the world is not prepared yet")
        return self._initial


_ZEROS = memoryview(bytes(STACK_SIZE))


def _raw_write(memory: object, addr: int, data: bytes) -> None:
    """Put bytes into memory without running the write observers (a state restore, not a store)."""
    from ftrace_sim.memory import Memory

    assert isinstance(memory, Memory)
    region = memory.region_at(addr)
    if region is None or addr + len(data) > region.end:
        raise Fault(FaultKind.UNMAPPED, f"restore of {len(data)} bytes at {addr:#x}", addr=addr)
    off = addr - region.base
    region.data[off : off + len(data)] = data

