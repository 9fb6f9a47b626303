"""Field encoders and decoders of the kernel's instruction API.

Mirrors the immediate/register helpers of ``arch/arm64/lib/insn.c`` at commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b: the imm shift/mask table, register field
positions, branch and ADRP offset helpers, and the logical (bitmask) immediate encoder.

C integer types are reproduced exactly: ``u32`` arguments are taken modulo 2**32, ``u64``
modulo 2**64, ``s32``/``int`` are wrapped to 32-bit two's complement, and C enums (whose
underlying type is ``unsigned int`` with GCC) modulo 2**32. Errors follow the kernel: a
``pr_err`` becomes ``logging.getLogger("aarch64insn.kernel").error`` with the kernel's
wording and the function returns what the kernel returns; ``BUG()``/``BUG_ON()`` raise
:class:`~aarch64insn.kernel.enums.KernelBUG`.
"""

from __future__ import annotations

import logging
from typing import Final

from . import funcs as _f
from .enums import (
    AARCH64_BREAK_FAULT,
    AARCH64_INSN_SF_BIT,
    ADR_IMM_HILOSPLIT,
    ADR_IMM_HIMASK,
    ADR_IMM_HISHIFT,
    ADR_IMM_LOMASK,
    ADR_IMM_LOSHIFT,
    ADR_IMM_SIZE,
    KernelBUG,
)

__all__ = [
    "aarch64_get_branch_offset",
    "aarch64_insn_adrp_get_offset",
    "aarch64_insn_adrp_set_offset",
    "aarch64_insn_decode_immediate",
    "aarch64_insn_decode_register",
    "aarch64_insn_encode_immediate",
    "aarch64_insn_extract_system_reg",
    "aarch64_set_branch_offset",
]

_log: Final = logging.getLogger("aarch64insn.kernel")

M32: Final = 0xFFFFFFFF
M64: Final = 0xFFFFFFFFFFFFFFFF
_BF: Final = AARCH64_BREAK_FAULT

# enum aarch64_insn_imm_type values (kept as plain ints on the hot path)
_IMM_ADR: Final = 0
_IMM_26: Final = 1
_IMM_19: Final = 2
_IMM_16: Final = 3
_IMM_14: Final = 4
_IMM_12: Final = 5
_IMM_9: Final = 6
_IMM_7: Final = 7
_IMM_6: Final = 8
_IMM_S: Final = 9
_IMM_R: Final = 10
_IMM_N: Final = 11

# aarch64_get_imm_shift_mask(): imm type -> (mask, shift)
_IMM_SHIFT_MASK: Final[dict[int, tuple[int, int]]] = {
    _IMM_26: ((1 << 26) - 1, 0),
    _IMM_19: ((1 << 19) - 1, 5),
    _IMM_16: ((1 << 16) - 1, 5),
    _IMM_14: ((1 << 14) - 1, 5),
    _IMM_12: ((1 << 12) - 1, 10),
    _IMM_9: ((1 << 9) - 1, 12),
    _IMM_7: ((1 << 7) - 1, 15),
    _IMM_6: ((1 << 6) - 1, 10),
    _IMM_S: ((1 << 6) - 1, 10),
    _IMM_R: ((1 << 6) - 1, 16),
    _IMM_N: (1, 22),
}

_ADR_MASK: Final = (ADR_IMM_LOMASK << ADR_IMM_LOSHIFT) | (ADR_IMM_HIMASK << ADR_IMM_HISHIFT)

# Register field shifts: encode knows RS, decode does not (quirk, as in the kernel).
# enum aarch64_insn_register_type: RT=0 RN=1 RT2=2 RM=3 RD=4 RA=5 RS=6
_REG_SHIFT_DECODE: Final[dict[int, int]] = {0: 0, 4: 0, 1: 5, 2: 10, 5: 10, 3: 16}
_REG_SHIFT_ENCODE: Final[dict[int, int]] = {0: 0, 4: 0, 1: 5, 2: 10, 5: 10, 3: 16, 6: 16}


def s32(value: int) -> int:
    """Wrap *value* to a C ``s32``/``int`` (32-bit two's complement)."""
    return ((value + 0x80000000) & M32) - 0x80000000


def s64(value: int) -> int:
    """Wrap *value* to a C ``long`` (64-bit two's complement)."""
    return ((value + 0x8000000000000000) & M64) - 0x8000000000000000


def _aarch64_get_imm_shift_mask(type_: int) -> tuple[int, int] | None:
    """Mirror of the static aarch64_get_imm_shift_mask() in arch/arm64/lib/insn.c.

    Returns ``(mask, shift)``, or ``None`` where the kernel returns ``-EINVAL``.
    """
    return _IMM_SHIFT_MASK.get(type_ & M32)


def aarch64_insn_decode_immediate(type_: int, insn: int) -> int:
    """Mirror of aarch64_insn_decode_immediate() in arch/arm64/lib/insn.c.

    Returns the field as an unsigned ``u64``; ``IMM_ADR`` gives the unsigned 21-bit
    ``immhi:immlo``. An unknown type logs ``"aarch64_insn_decode_immediate: unknown
    immediate encoding %d"`` and returns 0.
    """
    insn &= M32
    t = type_ & M32
    if t == _IMM_ADR:
        immlo = (insn >> ADR_IMM_LOSHIFT) & ADR_IMM_LOMASK
        immhi = (insn >> ADR_IMM_HISHIFT) & ADR_IMM_HIMASK
        return ((immhi << ADR_IMM_HILOSPLIT) | immlo) & (ADR_IMM_SIZE - 1)
    sm = _IMM_SHIFT_MASK.get(t)
    if sm is None:
        _log.error("%s: unknown immediate encoding %d", "aarch64_insn_decode_immediate", s32(t))
        return 0
    mask, shift = sm
    return (insn >> shift) & mask


def aarch64_insn_encode_immediate(type_: int, insn: int, imm: int) -> int:
    """Mirror of aarch64_insn_encode_immediate() in arch/arm64/lib/insn.c.

    Passes ``AARCH64_BREAK_FAULT`` through. ``imm`` is a ``u64``: a negative value is
    sign-extended first and high bits beyond the field are silently dropped. An unknown
    type logs ``"...: unknown immediate encoding %d"`` and returns ``AARCH64_BREAK_FAULT``.
    """
    insn &= M32
    if insn == _BF:
        return _BF
    imm &= M64
    t = type_ & M32
    if t == _IMM_ADR:
        immlo = (imm & ADR_IMM_LOMASK) << ADR_IMM_LOSHIFT
        immhi = ((imm >> ADR_IMM_HILOSPLIT) & ADR_IMM_HIMASK) << ADR_IMM_HISHIFT
        return (insn & ~_ADR_MASK) | immlo | immhi
    sm = _IMM_SHIFT_MASK.get(t)
    if sm is None:
        _log.error("%s: unknown immediate encoding %d", "aarch64_insn_encode_immediate", s32(t))
        return _BF
    mask, shift = sm
    return (insn & ~(mask << shift) & M32) | ((imm & mask) << shift)


def aarch64_insn_decode_register(type_: int, insn: int) -> int:
    """Mirror of aarch64_insn_decode_register() in arch/arm64/lib/insn.c.

    Quirk: ``AARCH64_INSN_REGTYPE_RS`` is not handled, so it logs ``"...: unknown register
    type encoding 6"`` and returns 0, although the encoder knows RS (bits 20:16).
    """
    t = type_ & M32
    shift = _REG_SHIFT_DECODE.get(t)
    if shift is None:
        _log.error("%s: unknown register type encoding %d", "aarch64_insn_decode_register", s32(t))
        return 0
    return ((insn & M32) >> shift) & 0x1F


def _aarch64_insn_encode_register(type_: int, insn: int, reg: int) -> int:
    """Mirror of the static aarch64_insn_encode_register() in arch/arm64/lib/insn.c.

    Passes ``AARCH64_BREAK_FAULT`` through; a register outside 0..31 or an unknown field
    type logs and returns ``AARCH64_BREAK_FAULT``.
    """
    insn &= M32
    if insn == _BF:
        return _BF
    reg &= M32
    if reg > 31:
        _log.error("%s: unknown register encoding %d", "aarch64_insn_encode_register", s32(reg))
        return _BF
    shift = _REG_SHIFT_ENCODE.get(type_ & M32)
    if shift is None:
        _log.error(
            "%s: unknown register type encoding %d", "aarch64_insn_encode_register", s32(type_ & M32)
        )
        return _BF
    return (insn & ~(0x1F << shift) & M32) | (reg << shift)


def _bug(func: str, what: str, insn: int) -> KernelBUG:
    return KernelBUG(f"{func}: {what} on insn {insn & M32:#010x}")


def aarch64_get_branch_offset(insn: int) -> int:
    """Mirror of aarch64_get_branch_offset() in arch/arm64/lib/insn.c.

    Returns the signed byte offset (``s32``) of a B/BL, CBZ/CBNZ/B.cond or TBZ/TBNZ, as
    matched by the kernel's predicates. Any other word is ``BUG()``: raises
    :class:`KernelBUG`.
    """
    insn &= M32
    if _f.aarch64_insn_is_b(insn) or _f.aarch64_insn_is_bl(insn):
        imm = s32(aarch64_insn_decode_immediate(_IMM_26, insn))
        return s32(imm << 6) >> 4
    if _f.aarch64_insn_is_cbz(insn) or _f.aarch64_insn_is_cbnz(insn) or _f.aarch64_insn_is_bcond(insn):
        imm = s32(aarch64_insn_decode_immediate(_IMM_19, insn))
        return s32(imm << 13) >> 11
    if _f.aarch64_insn_is_tbz(insn) or _f.aarch64_insn_is_tbnz(insn):
        imm = s32(aarch64_insn_decode_immediate(_IMM_14, insn))
        return s32(imm << 18) >> 16
    raise _bug("aarch64_get_branch_offset", "BUG()", insn)


def aarch64_set_branch_offset(insn: int, offset: int) -> int:
    """Mirror of aarch64_set_branch_offset() in arch/arm64/lib/insn.c.

    Encodes ``offset >> 2`` (arithmetic, ``s32``) into imm26/imm19/imm14 with no range
    check: out-of-range offsets are silently truncated to the field. Any word that is not
    a B/BL/CBZ/CBNZ/B.cond/TBZ/TBNZ is ``BUG()``: raises :class:`KernelBUG`.
    """
    insn &= M32
    off = s32(offset) >> 2
    if _f.aarch64_insn_is_b(insn) or _f.aarch64_insn_is_bl(insn):
        return aarch64_insn_encode_immediate(_IMM_26, insn, off)
    if _f.aarch64_insn_is_cbz(insn) or _f.aarch64_insn_is_cbnz(insn) or _f.aarch64_insn_is_bcond(insn):
        return aarch64_insn_encode_immediate(_IMM_19, insn, off)
    if _f.aarch64_insn_is_tbz(insn) or _f.aarch64_insn_is_tbnz(insn):
        return aarch64_insn_encode_immediate(_IMM_14, insn, off)
    raise _bug("aarch64_set_branch_offset", "BUG()", insn)


def aarch64_insn_adrp_get_offset(insn: int) -> int:
    """Mirror of aarch64_insn_adrp_get_offset() in arch/arm64/lib/insn.c.

    ``BUG_ON(!aarch64_insn_is_adrp(insn))`` raises :class:`KernelBUG`. Quirk: the result is
    ``imm21 << 12`` truncated to ``s32``, exact only for page offsets within +-2 GiB; e.g.
    imm21 = 0x100000 (-4 GiB) returns 0.
    """
    insn &= M32
    if not _f.aarch64_insn_is_adrp(insn):
        raise _bug("aarch64_insn_adrp_get_offset", "BUG_ON(!aarch64_insn_is_adrp(insn))", insn)
    return s32(aarch64_insn_decode_immediate(_IMM_ADR, insn) << 12)


def aarch64_insn_adrp_set_offset(insn: int, offset: int) -> int:
    """Mirror of aarch64_insn_adrp_set_offset() in arch/arm64/lib/insn.c.

    Encodes ``offset >> 12`` (arithmetic, ``s32``) as the ADRP immediate, truncated to 21
    bits. ``BUG_ON(!aarch64_insn_is_adrp(insn))`` raises :class:`KernelBUG`.
    """
    insn &= M32
    if not _f.aarch64_insn_is_adrp(insn):
        raise _bug("aarch64_insn_adrp_set_offset", "BUG_ON(!aarch64_insn_is_adrp(insn))", insn)
    return aarch64_insn_encode_immediate(_IMM_ADR, insn, s32(offset) >> 12)


def aarch64_insn_extract_system_reg(insn: int) -> int:
    """Mirror of aarch64_insn_extract_system_reg() in arch/arm64/lib/insn.c.

    Returns bits 20:5 of an MRS/MSR word: the 16-bit ``op0:op1:CRn:CRm:op2`` value that
    :class:`~aarch64insn.kernel.enums.SpecialRegister` uses.
    """
    return ((insn & M32) & 0x1FFFE0) >> 5


_NRS_MASK: Final = (1 << 22) | (0x3F << 16) | (0x3F << 10)
_LOW_ONES: Final = {t: (1 << t) - 1 for t in (2, 4, 8, 16, 32)}
# 0xf << ffs(esz); ffs(2**k) == k + 1 == (2**k).bit_length()
_IMMS_PREFIX: Final = {e: 0xF << e.bit_length() for e in (2, 4, 8, 16, 32, 64)}


def _range_of_ones(val: int) -> bool:
    """Mirror of the static range_of_ones() in arch/arm64/lib/insn.c (``val`` != 0)."""
    sval = val >> ((val & -val).bit_length() - 1)
    return (((sval + 1) & M64) & sval) == 0


def _aarch64_encode_immediate(imm: int, variant: int, insn: int) -> int:
    """Mirror of the static aarch64_encode_immediate() in arch/arm64/lib/insn.c.

    Encodes a logical (bitmask) immediate into N:immr:imms of *insn*. Rejects, silently
    with ``AARCH64_BREAK_FAULT``: 0, all-ones at the variant width, bits above the width,
    and any element that is not one (possibly rotated) run of ones. An unknown variant
    logs ``"aarch64_encode_immediate: unknown variant encoding %d"``. For the 64-bit
    variant SF is ORed into *insn* before anything is checked (harmless for the sentinel,
    whose bit 31 is set).
    """
    imm &= M64
    insn &= M32
    v = variant & M32
    if v == 0:
        esz = 32
        mask = M32
    elif v == 1:
        insn |= AARCH64_INSN_SF_BIT
        esz = 64
        mask = M64
    else:
        _log.error("%s: unknown variant encoding %d", "aarch64_encode_immediate", s32(v))
        return _BF
    if not imm or imm == mask or imm & ~mask:
        return _BF
    # inverse of Replicate(): halve the element while both halves agree
    tmp = esz >> 1
    while tmp >= 2:
        emask = _LOW_ONES[tmp]
        if (imm & emask) != ((imm >> tmp) & emask):
            break
        esz = tmp
        mask = emask
        tmp >>= 1
    n = 1 if esz == 64 else 0
    imm &= mask
    imms = ((imm.bit_count() - 1) | _IMMS_PREFIX[esz]) & 0x3F
    low = imm & -imm
    sval = imm // low  # range_of_ones(imm): imm >> __ffs64(imm), then the bithack
    if not (sval + 1) & sval:
        ror = low.bit_length() - 1  # __ffs64
    else:
        inv = ~(imm | ~mask) & M64
        if not _range_of_ones(inv):
            return _BF
        ror = inv.bit_length()  # fls64
    immr = (esz - ror) % esz
    # encode_immediate(IMM_N), (IMM_R), (IMM_S) in turn; each passes the sentinel through
    if insn == _BF:
        return _BF
    return (insn & ~_NRS_MASK) | (n << 22) | (immr << 16) | (imms << 10)
