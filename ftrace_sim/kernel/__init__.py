"""Python mirrors of the arm64 kernel's text patching and ftrace code, run against a simulated :class:`Machine`.

Names, arguments, control flow and errno results follow the kernel
(``arch/arm64/kernel/patching.c``, ``arch/arm64/kernel/ftrace.c``,
``arch/arm64/kernel/module-plts.c``, the generic ``kernel/trace/ftrace.c``
and ``kernel/stop_machine.c`` paths they use), with the instruction words built
by :mod:`aarch64insn.kernel`.  Two things differ, both on purpose:

* every mirror takes the simulated kernel, a :class:`Kernel`, as its first
  argument (the kernel reaches the same state through globals and ``current``);
* every function that makes an observable change is a *generator*: it makes
  the change and yields its record (:mod:`ftrace_sim.events`), so a scheduler
  can run the simulated CPUs between any two steps.  ``yield from`` composes
  them exactly as the C functions call each other, and the generator's return
  value is the C function's return value.  Outside a scheduler,
  :func:`sync` runs one to completion.

Which kernel is mirrored is a :class:`KConfig`: the ``#ifdef``\\ s of the C
source become tests of its flags, so the posted v6 patch, the v5.5 merge, the
mcount era and DYNAMIC_FTRACE_WITH_CALL_OPS each run their own code path.

>>> from ftrace_sim.kernel import EINVAL, sync
>>> def refuse():
...     return -EINVAL
...     yield
>>> sync(refuse())
-22
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, NamedTuple, TypeVar

from ftrace_sim.events import Event

if TYPE_CHECKING:
    from ftrace_sim.cpu import Cpu
    from ftrace_sim.elf import LoadedObject
    from ftrace_sim.machine import Machine

__all__ = [
    "EFAULT",
    "EINVAL",
    "EPERM",
    "FTRACE_FL_CALL_OPS",
    "FTRACE_FL_CALL_OPS_EN",
    "FTRACE_FL_ENABLED",
    "FTRACE_FL_REGS",
    "FTRACE_FL_REGS_EN",
    "GraphEntry",
    "GraphReturn",
    "SZ_128M",
    "DynFtrace",
    "KConfig",
    "Kernel",
    "KernelGen",
    "Module",
    "RetStackEntry",
    "Task",
    "log",
    "sync",
]

T = TypeVar("T")

EPERM: Final = 1
"""The errno "operation not permitted" (a failed text write in ftrace_modify_code)."""
EFAULT: Final = 14
"""The errno "bad address" (aarch64_insn_read of unmapped text)."""
EINVAL: Final = 22
"""The errno "invalid argument" (misaligned pc, mismatching old instruction, no PLT)."""

SZ_128M: Final = 128 << 20
"""The reach of B/BL."""

FTRACE_FL_ENABLED: Final = 1 << 31
"""dyn_ftrace flag: the call site calls a trampoline."""
FTRACE_FL_REGS: Final = 1 << 30
"""dyn_ftrace flag: an ops that wants pt_regs traces the site."""
FTRACE_FL_REGS_EN: Final = 1 << 29
"""dyn_ftrace flag: the site currently calls the regs trampoline."""
FTRACE_FL_CALL_OPS: Final = 1 << 22
"""dyn_ftrace flag: exactly one ops traces the site (CALL_OPS can hand it over directly)."""
FTRACE_FL_CALL_OPS_EN: Final = 1 << 21
"""dyn_ftrace flag: the site's literal currently points at that one ops."""

log = logging.getLogger("ftrace_sim.kernel")
"""Where pr_err() and WARN() of the mirrors go (level ERROR and WARNING)."""

KernelGen = Generator[Event, None, T]
"""A kernel mirror: yields one :data:`~ftrace_sim.events.Event` per observable step, returns the C result."""


def sync(gen: Generator[Event, None, T]) -> T:
    """Run a kernel mirror to completion outside a scheduler and return its result."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]


@dataclass(frozen=True)
class KConfig:
    """The kernel configuration a :class:`Kernel` mirrors (the ``#ifdef``\\ s of the C source).

    Attributes:
        name: the design's name (``v6``, ``v5.5``, ``mcount``, ``call-ops``).
        with_regs: CONFIG_DYNAMIC_FTRACE_WITH_REGS (``-fpatchable-function-entry=2``).
        call_ops: CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS (``=4,2``, the ops literal before the function).
        lr_saver: where ``mov x9, x30`` comes from: ``"runtime"`` (the posted v6 patch:
            ftrace_make_call writes it next to the BL), ``"init"`` (v5.5 and later:
            ftrace_init_nop writes it once) or ``"none"`` (mcount).
        module_plts: CONFIG_ARM64_MODULE_PLTS (far calls from modules go through a PLT).
        graph_call_site: the trampoline has the ``ftrace_graph_call`` NOP that is
            patched to ``b ftrace_graph_caller`` (False: the graph tracer hooks in through its ops).
        stop_machine_master: which CPU patches in aarch64_insn_patch_text_cb:
            ``"last"`` (the 2022 fix) or ``"first"`` (before it).
        update_with_stop_machine: ``arch_ftrace_update_code`` runs the update under
            stop_machine (the generic default, ``ftrace_run_stop_machine``) instead
            of directly (what arm64 does, relying on the B/BL/NOP rule).
    """

    name: str
    with_regs: bool
    call_ops: bool
    lr_saver: str
    module_plts: bool = True
    graph_call_site: bool = True
    stop_machine_master: str = "last"
    update_with_stop_machine: bool = False

    def __post_init__(self) -> None:
        if self.lr_saver not in ("runtime", "init", "none"):
            raise ValueError(f"KConfig.lr_saver must be 'runtime', 'init' or 'none', got {self.lr_saver!r}")
        if self.stop_machine_master not in ("last", "first"):
            raise ValueError(f"KConfig.stop_machine_master must be 'last' or 'first', got {self.stop_machine_master!r}")


@dataclass
class Module:
    """``struct module``, what ftrace needs of it: the loaded object and ``mod->arch.ftrace_trampolines``."""

    name: str
    obj: LoadedObject
    ftrace_trampolines: int | None = None
    """Address of the module's ``.text.ftrace_trampoline`` PLT entries (NR_FTRACE_PLTS x 12 bytes), or None."""

    def within(self, addr: int) -> bool:
        """``within_module(addr, mod)``: the address lies in the module's text or data, or its PLTs."""
        if addr in self.obj.range:
            return True
        plts = self.ftrace_trampolines
        return plts is not None and plts <= addr < plts + 24


@dataclass
class DynFtrace:
    """``struct dyn_ftrace``: one call site (``ip`` as ftrace_call_adjust left it) and its flags."""

    ip: int
    flags: int = 0
    mod: Module | None = None
    func: str = ""
    """The function the site belongs to (for messages; the kernel finds it with kallsyms)."""


class RetStackEntry(NamedTuple):
    """One entry of a task's return stack (``struct ftrace_ret_stack``)."""

    ret: int
    func: int
    fp: int
    retp: int


@dataclass
class Task:
    """What ftrace keeps in ``current``: the graph tracer's return stack and its pause count."""

    ret_stack: list[RetStackEntry] = field(default_factory=list)
    tracing_graph_pause: int = 0


GraphEntry = Callable[["Kernel", "Cpu", RetStackEntry], bool]
"""The graph tracer's entry callback: ``(kernel, cpu, entry) -> trace it?``."""
GraphReturn = Callable[["Kernel", "Cpu", RetStackEntry, int], None]
"""The graph tracer's return callback: ``(kernel, cpu, entry, return value)``."""


class Kernel:
    """The simulated kernel's ftrace state on a :class:`~ftrace_sim.machine.Machine`.

    Attributes:
        machine: the machine whose memory is patched.
        config: the :class:`KConfig` mirrored.
        records: the ``dyn_ftrace`` records (``ftrace_process_locs`` order).
        modules: loaded modules by name.
        tasks: ``current`` of each CPU.
        graph_entry: the graph tracer's entry callback (``trace_graph_entry``), or None.
        graph_return: its return callback (``trace_graph_return``), or None.
        patch_stack: the mirrors the patcher is inside, outermost first (for the records).
    """

    def __init__(self, machine: Machine, config: KConfig) -> None:
        self.machine = machine
        self.config = config
        self.records: list[DynFtrace] = []
        self.modules: dict[str, Module] = {}
        self.tasks = [Task() for _ in machine.cpus]
        self.graph_entry: GraphEntry | None = None
        self.graph_return: GraphReturn | None = None
        self.patch_stack: list[str] = []
        self.phase = 0
        """A label the patcher's driver may set (the scenario numbers its enable/disable phases)."""
        self.extra_symbols: dict[str, int] = {}
        """Kernel data symbols that are not in the machine (``function_trace_op``, the ops structures)."""
        self.tracing = False
        """A function tracer is registered (ftrace_startup ran, ftrace_shutdown did not)."""
        self.graph_active = False
        """The graph tracer is registered."""
        self.ftrace_trace_function = 0
        """The address ``ftrace_call`` currently calls (set by ftrace_update_ftrace_func)."""

    # ------------------------------------------------------------ symbols

    def sym(self, name: str) -> int:
        """The address of a kernel symbol (a trampoline label, a host function, data)."""
        if name in self.extra_symbols:
            return self.extra_symbols[name]
        return self.machine.symbol(name)

    @property
    def FTRACE_ADDR(self) -> int:  # noqa: N802 - the kernel's macro name
        """``FTRACE_ADDR``: ``&ftrace_caller``."""
        return self.sym("ftrace_caller")

    @property
    def FTRACE_REGS_ADDR(self) -> int:  # noqa: N802
        """``FTRACE_REGS_ADDR``: ``&ftrace_regs_caller`` with WITH_REGS, else FTRACE_ADDR."""
        return self.sym("ftrace_regs_caller") if self.config.with_regs else self.FTRACE_ADDR

    @property
    def MCOUNT_ADDR(self) -> int:  # noqa: N802
        """``MCOUNT_ADDR``: ``&_mcount``; the v6 patch's magic ``"_mCount:"`` constant with WITH_REGS."""
        if self.config.with_regs:
            return 0x5F6D_436F_756E_743A
        return self.sym("_mcount")

    def current(self, cpu: Cpu) -> Task:
        """``current`` on ``cpu``."""
        return self.tasks[cpu.index]

    def module_text_address(self, addr: int) -> Module | None:
        """``__module_text_address(addr)``: the module whose text holds ``addr``, or None."""
        for mod in self.modules.values():
            if addr in mod.obj.range:
                return mod
        return None

    # ------------------------------------------------------------ patcher context

    def entering(self, name: str) -> None:
        """Note that the patcher entered kernel function ``name`` (events record the stack)."""
        self.patch_stack.append(name)

    def leaving(self) -> None:
        """Note that the patcher left the innermost kernel function."""
        self.patch_stack.pop()

    def via(self) -> tuple[str, ...]:
        """The patcher's kernel call stack, outermost first."""
        return tuple(self.patch_stack)


def traced(name: str) -> Callable[[Callable[..., Generator[Event, None, T]]], Callable[..., Generator[Event, None, T]]]:
    """Decorate a mirror so that :meth:`Kernel.via` names it while it runs (its first argument is the Kernel)."""

    def wrap(fn: Callable[..., Generator[Event, None, T]]) -> Callable[..., Generator[Event, None, T]]:
        def mirror(k: Kernel, *args: object, **kwargs: object) -> Generator[Event, None, T]:
            k.entering(name)
            try:
                return (yield from fn(k, *args, **kwargs))
            finally:
                k.leaving()

        mirror.__name__ = fn.__name__
        mirror.__qualname__ = fn.__qualname__
        mirror.__doc__ = fn.__doc__
        mirror.__wrapped__ = fn  # type: ignore[attr-defined]
        return mirror

    return wrap
