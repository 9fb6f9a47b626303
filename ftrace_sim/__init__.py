"""ftrace_sim: a small pure-Python AArch64 machine for running patched ftrace call sites.

>>> from ftrace_sim import Machine
>>> m = Machine(ncpus=2)
>>> len(m.cpus)
2

Public API: :class:`Machine` (memory, CPUs, object loading, host functions,
``call``/``step``), :class:`Cpu`, :class:`Memory` and :class:`Perm`,
:class:`Trace` and :class:`TraceEvent`, and the typed errors
(:class:`SimError`, :class:`Fault` with :class:`FaultKind`, :class:`ElfLoadError`,
:class:`MapError`, :class:`PatchError`, :class:`CmodxViolation`).
"""

from ftrace_sim.cpu import Bus, Cpu, HostCall
from ftrace_sim.elf import LoadedObject, Symbol, load_object
from ftrace_sim.errors import CmodxViolation, ElfLoadError, Fault, FaultKind, MapError, PatchError, SimError
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
