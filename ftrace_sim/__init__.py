"""ftrace_sim: a small pure-Python AArch64 machine for running patched ftrace call sites.

>>> from ftrace_sim import Machine
>>> m = Machine(ncpus=2)
>>> len(m.cpus)
2

Public API: :class:`Machine` (memory, CPUs, object loading, host functions,
``call``/``step``), :class:`Cpu`, :class:`Memory` and :class:`Perm`,
:class:`Trace` and :class:`TraceEvent`, and the typed errors
(:class:`SimError`, :class:`Fault` with :class:`FaultKind`, :class:`ElfLoadError`,
:class:`MapError`, :class:`PatchError`, :class:`CmodxViolation`, :class:`KernelPanic`).

The ftrace side lives in its own modules, imported on demand:
:mod:`ftrace_sim.kernel` (the kernel's patching, ftrace and module-PLT code as
Python generators), :mod:`ftrace_sim.trampolines` and :mod:`ftrace_sim.designs`
(the four designs), :mod:`ftrace_sim.scenario` (what runs),
:mod:`ftrace_sim.sched` (the scheduler, fetch models, CMODX checker),
:mod:`ftrace_sim.invariants`, :mod:`ftrace_sim.explore` (the explorer) and
:mod:`ftrace_sim.__main__` (the ``ftrace-sim`` command).
"""

from ftrace_sim.cpu import Bus, Cpu, HostCall
from ftrace_sim.elf import LoadedObject, Symbol, load_object
from ftrace_sim.errors import (
    CmodxViolation,
    ElfLoadError,
    Fault,
    FaultKind,
    KernelPanic,
    MapError,
    PatchError,
    SimError,
)
from ftrace_sim.machine import Machine
from ftrace_sim.memory import Memory, Perm
from ftrace_sim.trace import Trace, TraceEvent, format_event

__all__ = [
    "Bus",
    "CmodxViolation",
    "Cpu",
    "ElfLoadError",
    "Fault",
    "FaultKind",
    "HostCall",
    "KernelPanic",
    "LoadedObject",
    "Machine",
    "MapError",
    "Memory",
    "PatchError",
    "Perm",
    "SimError",
    "Symbol",
    "Trace",
    "TraceEvent",
    "format_event",
    "load_object",
]
