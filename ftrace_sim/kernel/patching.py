"""Mirror of ``arch/arm64/kernel/patching.c`` (and the stop_machine / IPI paths it uses).

* :func:`aarch64_insn_read`: 4 bytes through a fault-tolerant read; 0 or -EFAULT.
* :func:`aarch64_insn_write`: through the writable fixmap alias (here
  :meth:`Memory.poke <ftrace_sim.memory.Memory.poke>`, which ignores the
  read-only permission as the alias does); 0 or -EFAULT.  One step.
* :func:`aarch64_insn_write_literal_u64`: one 8-byte copy, no cache maintenance (CALL_OPS literals).
* :func:`aarch64_insn_patch_text_nosync`: -EINVAL if misaligned, else write, then
  on success :func:`caches_clean_inval_pou` as its own step.  No IPI: other
  CPUs are not synchronised.
* :func:`aarch64_insn_patch_text`: ``stop_machine`` with
  :func:`aarch64_insn_patch_text_cb` on every online CPU; the last CPU to arrive
  is the master (the 2022 fix; ``KConfig.stop_machine_master="first"`` gives
  the older rule).  The master patches, the others spin, then each runs an ISB.

Generators yield :mod:`ftrace_sim.events` records; see :mod:`ftrace_sim.kernel`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

from ftrace_sim.errors import Fault
from ftrace_sim.events import CacheMaint, ContextSyncAll, Event, StopMachine, TextWrite
from ftrace_sim.kernel import EFAULT, EINVAL, Kernel, KernelGen, traced

__all__ = [
    "AARCH64_INSN_SIZE",
    "AArch64InsnPatch",
    "aarch64_insn_patch_text",
    "aarch64_insn_patch_text_cb",
    "aarch64_insn_patch_text_nosync",
    "aarch64_insn_read",
    "aarch64_insn_write",
    "aarch64_insn_write_literal_u64",
    "caches_clean_inval_pou",
    "kick_all_cpus_sync",
    "stop_machine",
]

AARCH64_INSN_SIZE = 4
"""Bytes per instruction."""

T = TypeVar("T")


def aarch64_insn_read(k: Kernel, addr: int) -> tuple[int, int]:
    """``aarch64_insn_read(addr, &insn)``: returns ``(0, insn)``, or ``(-EFAULT, 0)`` if unmapped."""
    try:
        data = k.machine.memory.peek(addr, 4)
    except Fault:
        return -EFAULT, 0
    return 0, int.from_bytes(data, "little")


def _poke(k: Kernel, addr: int, data: bytes) -> Generator[Event, None, int]:
    memory = k.machine.memory
    try:
        old = memory.peek(addr, len(data))
        memory.poke(addr, data)
    except Fault:
        return -EFAULT
    yield TextWrite(addr, len(data), old, data, k.via())
    return 0


@traced("aarch64_insn_write")
def aarch64_insn_write(k: Kernel, addr: int, insn: int) -> KernelGen[int]:
    """``aarch64_insn_write(addr, insn)``: one little-endian word through the fixmap alias; 0 or -EFAULT."""
    return (yield from _poke(k, addr, (insn & 0xFFFF_FFFF).to_bytes(4, "little")))


@traced("aarch64_insn_write_literal_u64")
def aarch64_insn_write_literal_u64(k: Kernel, addr: int, val: int) -> KernelGen[int]:
    """``aarch64_insn_write_literal_u64(addr, val)``: a single 8-byte copy (no cache maintenance); 0 or -EFAULT."""
    return (yield from _poke(k, addr, (val & (2**64 - 1)).to_bytes(8, "little")))


@traced("caches_clean_inval_pou")
def caches_clean_inval_pou(k: Kernel, start: int, end: int) -> KernelGen[None]:
    """Clean D / invalidate I to the PoU over ``[start, end)``, then DSB and ISB on the patching CPU."""
    yield CacheMaint(start, end - start, k.via())


@traced("aarch64_insn_patch_text_nosync")
def aarch64_insn_patch_text_nosync(k: Kernel, addr: int, insn: int) -> KernelGen[int]:
    """``aarch64_insn_patch_text_nosync(addr, insn)``: -EINVAL if misaligned; write; maintenance on success."""
    if addr & 0x3:
        return -EINVAL
    ret = yield from aarch64_insn_write(k, addr, insn)
    if ret == 0:
        yield from caches_clean_inval_pou(k, addr, addr + AARCH64_INSN_SIZE)
    return ret


@traced("kick_all_cpus_sync")
def kick_all_cpus_sync(k: Kernel) -> KernelGen[None]:
    """An IPI to every online CPU, each of which takes a context synchronisation event."""
    yield ContextSyncAll("kick_all_cpus_sync", k.via())


class AArch64InsnPatch:
    """``struct aarch64_insn_patch``: what stop_machine hands each CPU's callback."""

    def __init__(self, addrs: Sequence[int], insns: Sequence[int], cnt: int) -> None:
        self.text_addrs = list(addrs)
        self.new_insns = list(insns)
        self.insn_cnt = cnt
        self.cpu_count = 0  # atomic_t: stop_machine runs the callbacks one at a time here


@traced("aarch64_insn_patch_text_cb")
def aarch64_insn_patch_text_cb(k: Kernel, pp: AArch64InsnPatch, cpu: int) -> KernelGen[int]:
    """The stop_machine callback on ``cpu``: the master patches every instruction, the others wait and ISB."""
    ncpus = len(k.machine.cpus)
    pp.cpu_count += 1
    arrived = pp.cpu_count
    master = arrived == ncpus if k.config.stop_machine_master == "last" else arrived == 1
    ret = 0
    if master:
        for i in range(pp.insn_cnt):
            ret = yield from aarch64_insn_patch_text_nosync(k, pp.text_addrs[i], pp.new_insns[i])
            if ret:
                break
        pp.cpu_count += 1  # release the waiters
    # The others spin until the master's extra increment, then isb(): the scheduler's
    # StopMachine(begin=False) gives every CPU that context synchronisation event.
    return ret


@traced("stop_machine")
def stop_machine(
    k: Kernel, fn: Callable[[Kernel, T, int], KernelGen[int]], data: T, *, all_cpus: bool = True
) -> KernelGen[int]:
    """Stop every online CPU, run ``fn(k, data, cpu)``, resume them; the first non-zero result.

    ``all_cpus=True`` is ``stop_machine(fn, data, cpu_online_mask)``: ``fn``
    runs on every CPU, in CPU order.  ``all_cpus=False`` is a NULL mask: ``fn``
    runs once (on CPU 0) while the others spin.  Either way every CPU takes a
    context synchronisation event when it resumes.
    """
    yield StopMachine(True, k.via())
    ret = 0
    for cpu in range(len(k.machine.cpus) if all_cpus else 1):
        r = yield from fn(k, data, cpu)
        ret = ret or r
    yield StopMachine(False, k.via())
    return ret


@traced("aarch64_insn_patch_text")
def aarch64_insn_patch_text(k: Kernel, addrs: Sequence[int], insns: Sequence[int], cnt: int) -> KernelGen[int]:
    """``aarch64_insn_patch_text(addrs, insns, cnt)``: -EINVAL if cnt <= 0, else stop_machine patching."""
    if cnt <= 0:
        return -EINVAL
    pp = AArch64InsnPatch(addrs, insns, cnt)
    return (yield from stop_machine(k, aarch64_insn_patch_text_cb, pp))
