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

import hashlib
from pathlib import Path

from ..operands import KINDS
from ..spec import Alias, Encoding, OverlapGroup, check_table
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
    (0x0A000000, 0x08000000, "loads and stores are not all in the table yet"),
)

def _arity(kind: str) -> int | None:
    return KINDS[kind].arity


def check() -> None:
    """Run every table check now (:func:`aarch64insn.spec.check_table`)."""
    check_table(ENCODINGS, ALIASES, KERNEL_FUNCS, OVERLAP_GROUPS, kinds=KINDS, kind_arity=_arity)


def _digest() -> str | None:
    """A hash of every source file the checks depend on (the table, the notation, the kinds)."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    try:
        for path in sorted([*here.glob("*.py"), *(here.parent / "operands").glob("*.py"), here.parent / "spec.py"]):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    except OSError:
        return None
    return h.hexdigest()[:24]


def _check_once() -> None:
    """Check the table when it loads, once per version of its sources.

    Like a ``.pyc``, a stamp in ``__pycache__`` records that this exact table
    passed; any edit to a table, kind or notation file changes the digest, and
    the next import checks again (and reports the offending row). Without a
    writable cache directory, every import checks.
    """
    digest = _digest()
    stamp = Path(__file__).resolve().parent / "__pycache__" / f"table-checked-{digest}"
    if digest is not None and stamp.exists():
        by_id = {e.id: e for e in ENCODINGS}
        for al in ALIASES:
            al.attach(by_id[al.of])
        return
    check()
    if digest is not None:
        try:
            stamp.parent.mkdir(exist_ok=True)
            for old in stamp.parent.glob("table-checked-*"):
                old.unlink()
            stamp.touch()
        except OSError:
            pass


_check_once()
