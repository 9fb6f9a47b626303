"""THE TABLE: every A64 encoding this package knows, as data.

One :class:`~aarch64insn.spec.Encoding` row per Arm encoding (named by its Arm
encoding ID, diagram in Arm field names, bit 31 first), one
:class:`~aarch64insn.spec.Alias` row per preferred disassembly, one
:class:`~aarch64insn.spec.KernelFunc` row per kernel ``__AARCH64_INSN_FUNCS``
line, one :class:`~aarch64insn.spec.OverlapGroup` per deliberate overlap.
The rows live in one module per instruction family; this module gathers
them and checks them (:func:`aarch64insn.spec.check_table`) when imported,
once per version of their sources, and then reads them from a cache
(``aarch64insn/table/_cache.py``) rather than running the family modules.

``UNSUPPORTED`` lists the (mask, value) spaces the table does not cover yet:
words there raise ``DecodeError`` with reason UNSUPPORTED, never a wrong
instruction and never "unallocated".
"""

from __future__ import annotations

import hashlib
import importlib
import os

from ..spec import Alias, Encoding, KernelFunc, OverlapGroup, check_table
from . import _cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["ALIASES", "ENCODINGS", "KERNEL_FUNCS", "OVERLAP_GROUPS", "UNSUPPORTED"]

#: the family modules, in table order (imported on first use)
_FAMILY_NAMES = ("branch", "system", "dpimm", "dpreg", "ldst", "fp", "advsimd")
_FAMILIES: tuple[ModuleType, ...]
_KERNEL = f"{__name__}.kernel"

ENCODINGS: tuple[Encoding, ...]
ALIASES: tuple[Alias, ...]
OVERLAP_GROUPS: tuple[OverlapGroup, ...]
KERNEL_FUNCS: tuple[KernelFunc, ...]

#: (mask, value, reason) of the instruction spaces not covered yet
UNSUPPORTED: tuple[tuple[int, int, str], ...] = (
    (0x1E000000, 0x04000000, "SVE (op0=x010) is not covered"),
    (0x9E000000, 0x80000000, "SME (op0=1000) is not covered"),
    # Load/store encodings of newer extensions (bit patterns from binutils opcodes/aarch64-tbl.h,
    # checked against LLVM's MC disassembler tests; see tests/aarch64insn/test_unsupported.py).
    # FEAT_LRCPC3: size=1x 011001 opc 0 Rt2 opc2 10 Rn Rt (LDIAPP/STILP; STLR pre-, LDAPR post-index)
    (0xBFA0EC00, 0x99000800, "FEAT_LRCPC3 (LDIAPP/STILP) is not covered"),
    (0xBFBFFC00, 0x99800800, "FEAT_LRCPC3 (STLR pre-index/LDAPR post-index) is not covered"),
    # FEAT_LRCPC3: size 011101 opc 0 imm9 10 Rn Rt (B/H/S/D: opc<1>=0; Q: size=00 opc<1>=1)
    (0x3FA00C00, 0x1D000800, "FEAT_LRCPC3 (LDAPUR/STLUR, SIMD&FP) is not covered"),
    (0xFFA00C00, 0x1D800800, "FEAT_LRCPC3 (LDAPUR/STLUR, SIMD&FP) is not covered"),
    # FEAT_LRCPC3: 0 Q 0011010 L 0 00001 100001 Rn Rt
    (0xBFBFFC00, 0x0D018400, "FEAT_LRCPC3 (LDAP1/STL1) is not covered"),
    # FEAT_LSE128: 00011001 A R 1 Rt2 o3 opc 00 Rn Rt
    (0xFF20DC00, 0x19201000, "FEAT_LSE128 (LDCLRP/LDSETP/SWPP) is not covered"),
    (0xFF20FC00, 0x19208000, "FEAT_LSE128 (LDCLRP/LDSETP/SWPP) is not covered"),
    # FEAT_THE: 0 S 011001 A R 1 Rs 00001x Rn Rt (RCW[S]CAS, RCW[S]CASP: even register pairs)
    (0xBF20FC00, 0x19200800, "FEAT_THE (RCWCAS/RCWSCAS) is not covered"),
    (0xBF21FC01, 0x19200C00, "FEAT_THE (RCWCASP/RCWSCASP) is not covered"),
    # FEAT_THE: 0 S 111000 A R 1 Rs 1 opc 00 Rn Rt, opc = 001/010/011 (RCW[S]CLR/SWP/SET)
    (0xBF20FC00, 0x38209000, "FEAT_THE (RCWCLR/RCWSWP/RCWSET) is not covered"),
    (0xBF20EC00, 0x3820A000, "FEAT_THE (RCWCLR/RCWSWP/RCWSET) is not covered"),
    # FEAT_THE + FEAT_D128: 0 S 011001 A R 1 Rt2 1 opc 00 Rn Rt (RCW[S]CLRP/SWPP/SETP)
    (0xBF20FC00, 0x19209000, "FEAT_THE (RCWCLRP/RCWSWPP/RCWSETP) is not covered"),
    (0xBF20EC00, 0x1920A000, "FEAT_THE (RCWCLRP/RCWSWPP/RCWSETP) is not covered"),
    # FEAT_GCS: 11011001 000 11111 000 x 11 Rn Rt
    (0xFFFFEC00, 0xD91F0C00, "FEAT_GCS (GCSSTR/GCSSTTR) is not covered"),
    # FEAT_LSUI: 0 sz 011001 A R 1 Rs o3 opc 01 Rn Rt (LDTADD, LDTCLR/LDTSET, SWPT)
    (0xBF20FC00, 0x19200400, "FEAT_LSUI (LDTADD/LDTCLR/LDTSET/SWPT) is not covered"),
    (0xBF20DC00, 0x19201400, "FEAT_LSUI (LDTADD/LDTCLR/LDTSET/SWPT) is not covered"),
    (0xBF20FC00, 0x19208400, "FEAT_LSUI (LDTADD/LDTCLR/LDTSET/SWPT) is not covered"),
    # FEAT_LSUI: 11 001001 1 L 0 Rs o0 11111 Rn Rt (CAST); 01 ... with even pairs (CASPT)
    (0xFFA07C00, 0xC9807C00, "FEAT_LSUI (CAST/CASPT) is not covered"),
    (0xFFA17C01, 0x49807C00, "FEAT_LSUI (CAST/CASPT) is not covered"),
    # FEAT_LSUI: 1 sz 001001 0 L 0 Rs o0 11111 Rn Rt (LDTXR/LDATXR with Rs=11111, STTXR/STLTXR)
    (0xBFFF7C00, 0x895F7C00, "FEAT_LSUI (LDTXR/LDATXR/STTXR/STLTXR) is not covered"),
    (0xBFE07C00, 0x89007C00, "FEAT_LSUI (LDTXR/LDATXR/STTXR/STLTXR) is not covered"),
    # FEAT_LSUI: opc=11 101 V 0 xx L imm7 Rt2 Rn Rt (LDTP/STTP, LDTNP/STTNP; X and Q registers)
    (0xFA000000, 0xE8000000, "FEAT_LSUI (LDTP/STTP/LDTNP/STTNP) is not covered"),
    # FEAT_LSFE: size 111 1 00 A R 1 Rs 0 opc 00 Rn Rt, opc = 000/1xx (LDFADD.. / LDBFADD..)
    (0x3F20FC00, 0x3C200000, "FEAT_LSFE (LDFADD/LDFMAX/LDFMIN/LDFMAXNM/LDFMINNM, BF16 forms) is not covered"),
    (0x3F20CC00, 0x3C204000, "FEAT_LSFE (LDFADD/LDFMAX/LDFMIN/LDFMAXNM/LDFMINNM, BF16 forms) is not covered"),
    # FEAT_LSFE: size 111 1 00 0 R 1 Rs 1 opc 00 Rn 11111, opc = 000/1xx (STFADD.. / STBFADD..)
    (0x3FA0FC1F, 0x3C20801F, "FEAT_LSFE (STFADD/STFMAX/STFMIN/STFMAXNM/STFMINNM, BF16 forms) is not covered"),
    (0x3FA0CC1F, 0x3C20C01F, "FEAT_LSFE (STFADD/STFMAX/STFMIN/STFMAXNM/STFMINNM, BF16 forms) is not covered"),
)

def _families() -> tuple[ModuleType, ...]:
    families = tuple(importlib.import_module(f"{__name__}.{n}") for n in _FAMILY_NAMES)
    globals()["_FAMILIES"] = families
    return families


def __getattr__(name: str) -> object:
    """Import the family modules when they are first asked for (``table.ldst``, ``_FAMILIES``)."""
    if name == "_FAMILIES":
        return _families()
    if name in _FAMILY_NAMES or name == "kernel":
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check() -> None:
    """Run every table check now (:func:`aarch64insn.spec.check_table`)."""
    from ..operands import KINDS

    def arity(kind: str) -> int | None:
        return KINDS[kind].arity

    check_table(ENCODINGS, ALIASES, KERNEL_FUNCS, OVERLAP_GROUPS, kinds=KINDS, kind_arity=arity)


_HERE = os.path.dirname(os.path.realpath(__file__))
_CACHE_DIR = os.path.join(_HERE, "__pycache__")


def _sources() -> list[str]:
    """Every source file the checks depend on (the table, the notation, the kinds), sorted."""
    package = os.path.dirname(_HERE)
    operands = os.path.join(package, "operands")
    paths = [os.path.join(d, n) for d in (_HERE, operands) for n in os.listdir(d) if n.endswith(".py")]
    paths.append(os.path.join(package, "spec.py"))
    return sorted(paths)


def _digest() -> str | None:
    """A hash of every source file the checks depend on (the table, the notation, the kinds)."""
    h = hashlib.sha256()
    try:
        for path in _sources():
            h.update(os.path.basename(path).encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
    except OSError:
        return None
    return h.hexdigest()[:24]


def _from_sources() -> _cache.Rows:
    """The rows, from the family modules (imports them)."""
    families = tuple((fam.__name__, fam.ENCODINGS, fam.ALIASES, fam.OVERLAPS) for fam in _families())
    return families, importlib.import_module(_KERNEL).KERNEL_FUNCS


def _load() -> None:
    """Gather the rows and check them, once per version of their sources.

    Like a ``.pyc``, a stamp in ``__pycache__`` records that this exact table
    passed; any edit to a table, kind or notation file changes the digest, and
    the next import checks again (and reports the offending row). Once checked,
    the rows come from the row cache beside the stamp, when it is there and
    readable. Without a writable cache directory, every import checks.
    """
    global ENCODINGS, ALIASES, OVERLAP_GROUPS, KERNEL_FUNCS
    digest = _digest()
    stamp = os.path.join(_CACHE_DIR, f"table-checked-{digest}")
    checked = digest is not None and os.path.exists(stamp)
    rows = _cache.read(_CACHE_DIR, digest, _KERNEL) if checked and digest is not None else None
    cached = rows is not None
    if rows is None:
        rows = _from_sources()
    families, KERNEL_FUNCS = rows
    ENCODINGS = tuple(e for fam in families for e in fam[1])
    ALIASES = tuple(a for fam in families for a in fam[2])
    OVERLAP_GROUPS = tuple(g for fam in families for g in fam[3])
    if checked:
        by_id = {e.id: e for e in ENCODINGS}
        for al in ALIASES:
            al.attach(by_id[al.of])
    else:
        check()
    if digest is None:
        return
    if not checked:
        try:
            os.makedirs(_CACHE_DIR, exist_ok=True)
            for old in os.listdir(_CACHE_DIR):
                if old.startswith("table-checked-"):
                    os.unlink(os.path.join(_CACHE_DIR, old))
            with open(stamp, "a"):
                pass
        except OSError:
            return
    if not cached:
        _cache.write(_CACHE_DIR, digest, rows)


_load()
