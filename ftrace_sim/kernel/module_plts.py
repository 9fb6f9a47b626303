"""Mirror of the module PLT code ftrace uses (``arch/arm64/kernel/module-plts.c``, ``asm/module.h``, ftrace.c).

A module placed more than 128 MiB from the trampolines cannot ``BL`` them, so
its call sites call a 12-byte place-relative PLT entry in the module instead
(v5.0+ layout)::

    adrp x16, dst          // gen_adr(pc, dst, X16, ADRP)
    add  x16, x16, :lo12:dst
    br   x16

Two entries per module: index ``FTRACE_PLT_IDX`` for FTRACE_ADDR and
``FTRACE_REGS_PLT_IDX`` for FTRACE_REGS_ADDR.  The posted v6 patch writes an
entry lazily at the first far ``ftrace_make_call`` (:func:`install_ftrace_trampoline`);
v5.5 writes both at module load (:func:`module_init_ftrace_plt`) and never again.

>>> e = get_plt_entry(0xFFFF000010123456, 0xFFFF000008001000)
>>> f"{e.adrp:08X} {e.add:08X} {e.br:08X}"
'D0040910 91115A10 D61F0200'
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

import aarch64insn.kernel as K  # noqa: N812 - reads like the kernel's AARCH64_INSN_* names
from ftrace_sim.events import TextWrite
from ftrace_sim.kernel import EINVAL, Kernel, KernelGen, Module, log, traced

__all__ = [
    "FTRACE_PLT_IDX",
    "FTRACE_REGS_PLT_IDX",
    "NR_FTRACE_PLTS",
    "PLT_ENTRY_SIZE",
    "PltEntry",
    "get_ftrace_plt",
    "get_plt_entry",
    "install_ftrace_trampoline",
    "module_init_ftrace_plt",
    "plt_entries_equal",
    "plt_entry_is_initialized",
    "read_plt_entry",
]

FTRACE_PLT_IDX: Final = 0
"""Index of the FTRACE_ADDR entry in ``mod->arch.ftrace_trampolines``."""
FTRACE_REGS_PLT_IDX: Final = 1
"""Index of the FTRACE_REGS_ADDR entry."""
NR_FTRACE_PLTS: Final = 2
"""Entries in ``.text.ftrace_trampoline``."""
PLT_ENTRY_SIZE: Final = 12
"""``sizeof(struct plt_entry)`` (ADRP, ADD, BR)."""

_PACK = struct.Struct("<3I")


@dataclass(frozen=True)
class PltEntry:
    """``struct plt_entry``: the three instruction words."""

    adrp: int
    add: int
    br: int

    def to_bytes(self) -> bytes:
        """The 12 bytes as stored."""
        return _PACK.pack(self.adrp, self.add, self.br)


def get_plt_entry(dst: int, pc: int) -> PltEntry:
    """``get_plt_entry(dst, pc)``: the entry at ``pc`` that branches to ``dst`` through x16."""
    adrp = K.aarch64_insn_gen_adr(pc, dst, K.AARCH64_INSN_REG_16, K.AARCH64_INSN_ADR_TYPE_ADRP)
    add = K.aarch64_insn_gen_add_sub_imm(
        K.AARCH64_INSN_REG_16, K.AARCH64_INSN_REG_16, dst % 4096, K.AARCH64_INSN_VARIANT_64BIT, K.AARCH64_INSN_ADSB_ADD
    )
    br = K.aarch64_insn_gen_branch_reg(K.AARCH64_INSN_REG_16, K.AARCH64_INSN_BRANCH_NOLINK)
    return PltEntry(adrp, add, br)


def read_plt_entry(k: Kernel, addr: int) -> PltEntry:
    """The entry stored at ``addr`` in simulated memory."""
    return PltEntry(*_PACK.unpack(k.machine.memory.peek(addr, PLT_ENTRY_SIZE)))


def plt_entries_equal(a: PltEntry, b: PltEntry, a_addr: int, b_addr: int) -> bool:
    """``plt_entries_equal(a, b)``: both entries (stored at ``a_addr``/``b_addr``) reach the same target.

    The C function takes pointers and uses their page addresses; Python
    passes the addresses explicitly.
    """
    if a.add != b.add or a.br != b.br:
        return False
    p = a_addr & ~0xFFF
    q = b_addr & ~0xFFF
    if a.adrp == b.adrp and p == q:
        return True
    return (p + K.aarch64_insn_adrp_get_offset(a.adrp)) == (q + K.aarch64_insn_adrp_get_offset(b.adrp))


def plt_entry_is_initialized(e: PltEntry) -> bool:
    """``plt_entry_is_initialized(e)``: any of the three words is non-zero."""
    return bool(e.adrp or e.add or e.br)


def module_init_ftrace_plt(k: Kernel, mod: Module) -> int:
    """v5.5 ``module_init_ftrace_plt``: write both entries at module load (before any of its code runs).

    Not a generator: module loading is not concurrent with the module's code.
    Returns 0, or -EINVAL if the module has no ``.text.ftrace_trampoline``.
    """
    plts = mod.ftrace_trampolines
    if plts is None:
        return -EINVAL
    memory = k.machine.memory
    slot = plts + FTRACE_PLT_IDX * PLT_ENTRY_SIZE
    memory.poke(slot, get_plt_entry(k.FTRACE_ADDR, slot).to_bytes())
    if k.config.with_regs:
        slot = plts + FTRACE_REGS_PLT_IDX * PLT_ENTRY_SIZE
        memory.poke(slot, get_plt_entry(k.FTRACE_REGS_ADDR, slot).to_bytes())
    return 0


def get_ftrace_plt(k: Kernel, mod: Module, addr: int) -> int | None:
    """v5.5 ``get_ftrace_plt(mod, addr)``: the entry for FTRACE_ADDR or FTRACE_REGS_ADDR, else None.

    This is the corrected test (``CONFIG_DYNAMIC_FTRACE_WITH_REGS``); the text
    merged in v5.5 tested a symbol that does not exist and so never returned
    the REGS entry.
    """
    plts = mod.ftrace_trampolines
    if plts is None:
        return None
    if addr == k.FTRACE_ADDR:
        return plts + FTRACE_PLT_IDX * PLT_ENTRY_SIZE
    if addr == k.FTRACE_REGS_ADDR and k.config.with_regs:
        return plts + FTRACE_REGS_PLT_IDX * PLT_ENTRY_SIZE
    return None


@traced("install_ftrace_trampoline")
def install_ftrace_trampoline(k: Kernel, mod: Module, addr: int) -> KernelGen[tuple[int, int]]:
    """The v6 patch's ``install_ftrace_trampoline(mod, &addr)``: returns ``(ret, addr)``.

    Picks entry 0 for FTRACE_ADDR, 1 for FTRACE_REGS_ADDR (-EINVAL otherwise);
    if the stored entry does not already reach ``addr``, writes it
    (module_disable_ro, a 12-byte store, module_enable_ro, smp_wmb) as one
    step.  ``addr`` comes back as the entry's address.
    """
    plts = mod.ftrace_trampolines
    if plts is None:
        log.error("ftrace: module %s has no .text.ftrace_trampoline", mod.name)
        return -EINVAL, addr
    if addr == k.FTRACE_ADDR:
        slot = plts
    elif addr == k.FTRACE_REGS_ADDR:
        slot = plts + PLT_ENTRY_SIZE
    else:
        return -EINVAL, addr
    trampoline = get_plt_entry(addr, slot)
    current = read_plt_entry(k, slot)
    if not plt_entries_equal(current, trampoline, slot, slot):
        memory = k.machine.memory
        old = memory.peek(slot, PLT_ENTRY_SIZE)
        memory.poke(slot, trampoline.to_bytes())
        yield TextWrite(slot, PLT_ENTRY_SIZE, old, trampoline.to_bytes(), k.via())
    return 0, slot
