"""The kernel's instruction generators, ``aarch64_insn_gen_*``, bit for bit.

Mirror of the generators of ``arch/arm64/lib/insn.c`` at mainline commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b, built as with ``CONFIG_ARM64_LSE_ATOMICS=y``.
Same names, same positional argument order (a C parameter named ``type`` is ``type_``),
results are plain ``int`` in 0..2**32-1.

Error convention, the kernel's: on error a generator returns
:data:`~aarch64insn.kernel.enums.AARCH64_BREAK_FAULT` (0xd4202000, ``BRK #0x100``) and,
where the kernel calls ``pr_err``, logs the kernel's message (without its ``\\n``) at ERROR
level on ``logging.getLogger("aarch64insn.kernel")``; the field encoders pass the sentinel
through exactly where the kernel's do. Nothing is validated beyond what the kernel
validates, and every quirk is kept (docs/kernel-mirror.md lists them with examples). Use the
Pythonic layer of :mod:`aarch64insn` to get exceptions instead.

C argument types are honoured: ``unsigned long`` pc/addr are taken modulo 2**64, ``int``
arguments wrap to 32 bits, ``unsigned int`` modulo 2**32, ``u8`` modulo 256, ``u64`` modulo
2**64, and every enum parameter accepts any ``int`` (as ``unsigned int``, GCC's underlying
type for these enums): out-of-range values give what the kernel gives.

Base opcodes come from the ``aarch64_insn_get_<abbr>_value()`` functions, i.e. from the
:class:`~aarch64insn.spec.KernelFunc` rows of :mod:`aarch64insn.table.kernel`.
"""

from __future__ import annotations

import logging
from typing import Final

from . import funcs as _f
from .enums import (
    AARCH64_BREAK_FAULT,
    AARCH64_INSN_LSL_12,
    AARCH64_INSN_N_BIT,
    AARCH64_INSN_SF_BIT,
)
from .funcs import aarch64_insn_gen_hint, aarch64_insn_gen_nop
from .imm import (
    _IMM_6,
    _IMM_7,
    _IMM_12,
    _IMM_16,
    _IMM_19,
    _IMM_ADR,
    _IMM_N,
    _IMM_R,
    _IMM_S,
    M32,
    M64,
    _aarch64_encode_immediate,
    _aarch64_insn_encode_register,
    aarch64_insn_encode_immediate,
    s32,
    s64,
)

__all__ = [
    "SZ_1M",
    "SZ_128M",
    "aarch64_insn_gen_add_sub_imm",
    "aarch64_insn_gen_add_sub_shifted_reg",
    "aarch64_insn_gen_adr",
    "aarch64_insn_gen_atomic_ld_op",
    "aarch64_insn_gen_bitfield",
    "aarch64_insn_gen_branch_imm",
    "aarch64_insn_gen_branch_reg",
    "aarch64_insn_gen_cas",
    "aarch64_insn_gen_comp_branch_imm",
    "aarch64_insn_gen_cond_branch_imm",
    "aarch64_insn_gen_data1",
    "aarch64_insn_gen_data2",
    "aarch64_insn_gen_data3",
    "aarch64_insn_gen_dmb",
    "aarch64_insn_gen_extr",
    "aarch64_insn_gen_hint",
    "aarch64_insn_gen_load_literal",
    "aarch64_insn_gen_load_store_ex",
    "aarch64_insn_gen_load_store_imm",
    "aarch64_insn_gen_load_store_pair",
    "aarch64_insn_gen_load_store_reg",
    "aarch64_insn_gen_logical_immediate",
    "aarch64_insn_gen_logical_shifted_reg",
    "aarch64_insn_gen_move_reg",
    "aarch64_insn_gen_movewide",
    "aarch64_insn_gen_mrs",
    "aarch64_insn_gen_nop",
    "aarch64_insn_gen_prefetch",
]

_log: Final = logging.getLogger("aarch64insn.kernel")
_err: Final = _log.error
_BF: Final = AARCH64_BREAK_FAULT
_SF: Final = AARCH64_INSN_SF_BIT
_enc_reg: Final = _aarch64_insn_encode_register
_enc_imm: Final = aarch64_insn_encode_immediate

SZ_1M: Final = 1 << 20
"""``SZ_1M``: range of the 19-bit label immediates (CBZ/CBNZ, B.cond, LDR literal)."""

SZ_128M: Final = 128 << 20
"""``SZ_128M``: range of B/BL."""

# enum aarch64_insn_register_type as plain ints (RT=0 RN=1 RT2=2 RM=3 RD=4 RA=5 RS=6)
_RT: Final = 0
_RN: Final = 1
_RT2: Final = 2
_RM: Final = 3
_RD: Final = 4
_RA: Final = 5
_RS: Final = 6
_ZR: Final = 31

# switch (type) tables: enum value -> base opcode, taken from the KernelFunc rows.
_BRANCH_IMM: Final = {1: _f.aarch64_insn_get_bl_value(), 0: _f.aarch64_insn_get_b_value()}
_COMP_BRANCH: Final = {3: _f.aarch64_insn_get_cbz_value(), 4: _f.aarch64_insn_get_cbnz_value()}
_BRANCH_REG: Final = {
    0: _f.aarch64_insn_get_br_value(),
    1: _f.aarch64_insn_get_blr_value(),
    2: _f.aarch64_insn_get_ret_value(),
}
_LDST_REG: Final = {
    0: _f.aarch64_insn_get_ldr_reg_value(),          # LOAD_REG_OFFSET
    13: _f.aarch64_insn_get_signed_ldr_reg_value(),  # SIGNED_LOAD_REG_OFFSET
    1: _f.aarch64_insn_get_str_reg_value(),          # STORE_REG_OFFSET
}
_LDST_IMM: Final = {
    2: _f.aarch64_insn_get_ldr_imm_value(),            # LOAD_IMM_OFFSET
    12: _f.aarch64_insn_get_signed_load_imm_value(),   # SIGNED_LOAD_IMM_OFFSET
    3: _f.aarch64_insn_get_str_imm_value(),            # STORE_IMM_OFFSET
}
_LDST_PAIR: Final = {
    4: _f.aarch64_insn_get_ldp_pre_value(),
    5: _f.aarch64_insn_get_stp_pre_value(),
    6: _f.aarch64_insn_get_ldp_post_value(),
    7: _f.aarch64_insn_get_stp_post_value(),
}
_LDST_EX: Final = {
    8: _f.aarch64_insn_get_load_ex_value(),
    9: _f.aarch64_insn_get_load_ex_value() | (1 << 15),
    10: _f.aarch64_insn_get_store_ex_value(),
    11: _f.aarch64_insn_get_store_ex_value() | (1 << 15),
}
_ATOMIC_OP: Final = {
    0: _f.aarch64_insn_get_ldadd_value(),
    1: _f.aarch64_insn_get_ldclr_value(),
    2: _f.aarch64_insn_get_ldeor_value(),
    3: _f.aarch64_insn_get_ldset_value(),
    4: _f.aarch64_insn_get_swp_value(),
}
_LDST_ORDER: Final = {0: 0, 1: 2, 2: 1, 3: 3}                       # NONE, ACQ, REL, ACQREL
_CAS_ORDER: Final = {0: 0, 1: 1 << 22, 2: 1 << 15, 3: (1 << 15) | (1 << 22)}
_ADD_SUB_IMM: Final = {
    0: _f.aarch64_insn_get_add_imm_value(),
    1: _f.aarch64_insn_get_sub_imm_value(),
    2: _f.aarch64_insn_get_adds_imm_value(),
    3: _f.aarch64_insn_get_subs_imm_value(),
}
_BITFIELD: Final = {
    0: _f.aarch64_insn_get_bfm_value(),
    1: _f.aarch64_insn_get_ubfm_value(),
    2: _f.aarch64_insn_get_sbfm_value(),
}
_MOVEWIDE: Final = {
    0: _f.aarch64_insn_get_movz_value(),
    1: _f.aarch64_insn_get_movk_value(),
    2: _f.aarch64_insn_get_movn_value(),
}
_ADD_SUB_SHIFTED: Final = {
    0: _f.aarch64_insn_get_add_value(),
    1: _f.aarch64_insn_get_sub_value(),
    2: _f.aarch64_insn_get_adds_value(),
    3: _f.aarch64_insn_get_subs_value(),
}
_DATA2: Final = {
    0: _f.aarch64_insn_get_udiv_value(),
    1: _f.aarch64_insn_get_sdiv_value(),
    2: _f.aarch64_insn_get_lslv_value(),
    3: _f.aarch64_insn_get_lsrv_value(),
    4: _f.aarch64_insn_get_asrv_value(),
    5: _f.aarch64_insn_get_rorv_value(),
}
_DATA3: Final = {0: _f.aarch64_insn_get_madd_value(), 1: _f.aarch64_insn_get_msub_value()}
_LOGIC_SHIFTED: Final = {
    0: _f.aarch64_insn_get_and_value(),
    1: _f.aarch64_insn_get_bic_value(),
    2: _f.aarch64_insn_get_orr_value(),
    3: _f.aarch64_insn_get_orn_value(),
    4: _f.aarch64_insn_get_eor_value(),
    5: _f.aarch64_insn_get_eon_value(),
    6: _f.aarch64_insn_get_ands_value(),
    7: _f.aarch64_insn_get_bics_value(),
}
_LOGIC_IMM: Final = {
    0: _f.aarch64_insn_get_and_imm_value(),
    2: _f.aarch64_insn_get_orr_imm_value(),
    4: _f.aarch64_insn_get_eor_imm_value(),
    6: _f.aarch64_insn_get_ands_imm_value(),
}
_ADR: Final = {1: _f.aarch64_insn_get_adr_value(), 0: _f.aarch64_insn_get_adrp_value()}
# gen_dmb: MB_SY..MB_NSHLD -> CRm (the OSH* types are not handled)
_DMB_OPT: Final = {0: 0xF, 1: 0xE, 2: 0xD, 3: 0xB, 4: 0xA, 5: 0x9, 6: 0x7, 7: 0x6, 8: 0x5}
_BCOND: Final = _f.aarch64_insn_get_bcond_value()
_LDR_LIT: Final = _f.aarch64_insn_get_ldr_lit_value()
_CAS: Final = _f.aarch64_insn_get_cas_value()
_EXTR: Final = _f.aarch64_insn_get_extr_value()
_DMB: Final = _f.aarch64_insn_get_dmb_value()
_MRS: Final = _f.aarch64_insn_get_mrs_value()
_PRFM: Final = _f.aarch64_insn_get_prfm_value()
_REV16: Final = _f.aarch64_insn_get_rev16_value()
_REV32: Final = _f.aarch64_insn_get_rev32_value()
_REV64: Final = _f.aarch64_insn_get_rev64_value()


# --------------------------------------------------------------------------------------
# Static helpers of insn.c
# --------------------------------------------------------------------------------------


def _aarch64_insn_encode_ldst_size(type_: int, insn: int) -> int:
    """Mirror of the static aarch64_insn_encode_ldst_size() in arch/arm64/lib/insn.c.

    Quirk: it does not check for an incoming ``AARCH64_BREAK_FAULT``; it would rewrite its
    bits 31:30 (no caller feeds it one).
    """
    t = type_ & M32
    if t > 3:
        _err("%s: unknown size encoding %d", "aarch64_insn_encode_ldst_size", s32(t))
        return _BF
    return (insn & 0x3FFFFFFF) | (t << 30)


def _aarch64_insn_encode_ldst_order(type_: int, insn: int) -> int:
    """Mirror of the static aarch64_insn_encode_ldst_order() in arch/arm64/lib/insn.c.

    NONE/ACQ/REL/ACQREL -> bits 23:22 = 0/2/1/3. Like encode_ldst_size, it does not pass
    ``AARCH64_BREAK_FAULT`` through.
    """
    order = _LDST_ORDER.get(type_ & M32)
    if order is None:
        _err("%s: unknown mem order %d", "aarch64_insn_encode_ldst_order", s32(type_ & M32))
        return _BF
    return (insn & ~(3 << 22) & M32) | (order << 22)


def _aarch64_insn_encode_cas_order(type_: int, insn: int) -> int:
    """Mirror of the static aarch64_insn_encode_cas_order() in arch/arm64/lib/insn.c.

    NONE/ACQ/REL/ACQREL -> L (bit 22) and o0 (bit 15). Does not pass the sentinel through.
    """
    order = _CAS_ORDER.get(type_ & M32)
    if order is None:
        _err("%s: unknown mem order %d", "aarch64_insn_encode_cas_order", s32(type_ & M32))
        return _BF
    return (insn & ~((1 << 15) | (1 << 22)) & M32) | order


def _aarch64_insn_encode_prfm_imm(type_: int, target: int, policy: int, insn: int) -> int:
    """Mirror of the static aarch64_insn_encode_prfm_imm() of arch/arm64/lib/insn.c (<= v6.1).

    Puts ``policy | target << 1 | type << 3`` into the Rt field. Does not pass the sentinel
    through.
    """
    t, tg, p = type_ & M32, target & M32, policy & M32
    if t > 2:
        _err("%s: unknown prfm type encoding %d", "aarch64_insn_encode_prfm_imm", s32(t))
        return _BF
    if tg > 2:
        _err("%s: unknown prfm target encoding %d", "aarch64_insn_encode_prfm_imm", s32(tg))
        return _BF
    if p > 1:
        _err("%s: unknown prfm policy encoding %d", "aarch64_insn_encode_prfm_imm", s32(p))
        return _BF
    return (insn & ~0x1F & M32) | p | (tg << 1) | (t << 3)


def _label_imm_common(pc: int, addr: int, range_: int) -> int:
    """Mirror of the static inline label_imm_common() in arch/arm64/lib/insn.c.

    Returns the signed 64-bit ``addr - pc``, or *range_* (after logging) when either is not
    word aligned or the offset is outside ``[-range_, range_)``.
    """
    if (pc & 3) or (addr & 3):
        _err("%s: A64 instructions must be word aligned", "label_imm_common")
        return range_
    offset = s64(addr - pc)
    if offset < -range_ or offset >= range_:
        _err("%s: offset out of range", "label_imm_common")
        return range_
    return offset


def _unknown_variant(func: str, variant: int) -> int:
    _err("%s: unknown variant encoding %d", func, s32(variant))
    return _BF


# --------------------------------------------------------------------------------------
# Generators, in insn.c order
# --------------------------------------------------------------------------------------


def aarch64_insn_gen_branch_imm(pc: int, addr: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_branch_imm() in arch/arm64/lib/insn.c.

    B (``BRANCH_NOLINK``) or BL (``BRANCH_LINK``) from *pc* to *addr*, reach [-128M, 128M).
    BREAK_FAULT when pc/addr are not word aligned or out of range (checked first, logged
    by label_imm_common) or for any other branch type.
    """
    offset = _label_imm_common(pc, addr, SZ_128M)
    if offset >= SZ_128M:
        return _BF
    insn = _BRANCH_IMM.get(type_ & M32)
    if insn is None:
        _err("%s: unknown branch encoding %d", "aarch64_insn_gen_branch_imm", s32(type_ & M32))
        return _BF
    return insn | ((offset >> 2) & 0x3FFFFFF)


def aarch64_insn_gen_comp_branch_imm(pc: int, addr: int, reg: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_comp_branch_imm() in arch/arm64/lib/insn.c.

    CBZ (``BRANCH_COMP_ZERO``) / CBNZ (``BRANCH_COMP_NONZERO``) on W/X *reg*, reach
    [-1M, 1M). BREAK_FAULT on misalignment, range, type, variant or register (in that
    order).
    """
    offset = _label_imm_common(pc, addr, SZ_1M)
    if offset >= SZ_1M:
        return _BF
    insn = _COMP_BRANCH.get(type_ & M32)
    if insn is None:
        _err("%s: unknown branch encoding %d", "aarch64_insn_gen_comp_branch_imm", s32(type_ & M32))
        return _BF
    v = variant & M32
    if v == 1:
        insn |= _SF
    elif v != 0:
        return _unknown_variant("aarch64_insn_gen_comp_branch_imm", v)
    if not reg & ~31:
        return insn | reg | (((offset >> 2) & 0x7FFFF) << 5)
    insn = _enc_reg(_RT, insn, reg)
    return _enc_imm(_IMM_19, insn, offset >> 2)


def aarch64_insn_gen_cond_branch_imm(pc: int, addr: int, cond: int) -> int:
    """Mirror of aarch64_insn_gen_cond_branch_imm() in arch/arm64/lib/insn.c.

    B.cond from *pc* to *addr*. BREAK_FAULT only for a condition outside EQ..AL.
    Quirk: a misaligned or out-of-range target is logged but *not* rejected: the word is
    emitted with imm19 = 0x40000 (label_imm_common's SZ_1M >> 2), i.e. a branch of -1 MiB;
    for EQ that is 0x54800000.
    """
    offset = _label_imm_common(pc, addr, SZ_1M)
    c = cond & M32
    if c > 0xE:
        _err("%s: unknown condition encoding %d", "aarch64_insn_gen_cond_branch_imm", s32(c))
        return _BF
    return _BCOND | c | (((offset >> 2) & 0x7FFFF) << 5)


def aarch64_insn_gen_branch_reg(reg: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_branch_reg() in arch/arm64/lib/insn.c.

    BR (NOLINK), BLR (LINK) or RET (RETURN) on *reg*; BREAK_FAULT for COMP_* types or a bad
    register.
    """
    insn = _BRANCH_REG.get(type_ & M32)
    if insn is None:
        _err("%s: unknown branch encoding %d", "aarch64_insn_gen_branch_reg", s32(type_ & M32))
        return _BF
    if not reg & ~31:
        return insn | (reg << 5)
    return _enc_reg(_RN, insn, reg)


def aarch64_insn_gen_load_store_reg(reg: int, base: int, offset: int, size: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_load_store_reg() in arch/arm64/lib/insn.c.

    LDR/STR (register offset, option LSL, S=0) or, for ``LDST_SIGNED_LOAD_REG_OFFSET``,
    LDRS* with option SXTX (bits 15:13 = 111) as the ``signed_ldr_reg`` row has it.
    BREAK_FAULT for another type, a size outside SIZE_8..SIZE_64 or a bad register.
    """
    insn = _LDST_REG.get(type_ & M32)
    if insn is None:
        _err("%s: unknown load/store encoding %d", "aarch64_insn_gen_load_store_reg", s32(type_ & M32))
        return _BF
    insn = _aarch64_insn_encode_ldst_size(size, insn)
    if not (reg | base | offset) & ~31 and insn != _BF:
        return insn | reg | (base << 5) | (offset << 16)
    insn = _enc_reg(_RT, insn, reg)
    insn = _enc_reg(_RN, insn, base)
    return _enc_reg(_RM, insn, offset)


def aarch64_insn_gen_load_store_imm(reg: int, base: int, imm: int, size: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_load_store_imm() in arch/arm64/lib/insn.c.

    LDR/STR/LDRS* (unsigned offset): *imm* (``unsigned int``) must be a multiple of the
    access size below ``4096 << size``. The size is checked first; quirk: its error message
    prints *type_*, not *size*.
    """
    imm &= M32
    sz = size & M32
    if sz > 3:
        _err("%s: unknown size encoding %d", "aarch64_insn_gen_load_store_imm", s32(type_ & M32))
        return _BF
    if imm & ~((1 << (12 + sz)) - (1 << sz)):
        _err("%s: invalid imm: %d", "aarch64_insn_gen_load_store_imm", s32(imm))
        return _BF
    imm >>= sz
    insn = _LDST_IMM.get(type_ & M32)
    if insn is None:
        _err("%s: unknown load/store encoding %d", "aarch64_insn_gen_load_store_imm", s32(type_ & M32))
        return _BF
    insn = _aarch64_insn_encode_ldst_size(sz, insn)
    if not (reg | base) & ~31:
        return insn | reg | (base << 5) | (imm << 10)
    insn = _enc_reg(_RT, insn, reg)
    insn = _enc_reg(_RN, insn, base)
    return _enc_imm(_IMM_12, insn, imm)


def aarch64_insn_gen_load_literal(pc: int, addr: int, reg: int, is64bit: bool) -> int:
    """Mirror of aarch64_insn_gen_load_literal() in arch/arm64/lib/insn.c.

    LDR (literal) of W/X *reg*, reach [-1M, 1M). Takes a ``bool`` where every other
    generator takes a variant. BREAK_FAULT on misalignment, range or a bad register.
    """
    offset = _label_imm_common(pc, addr, SZ_1M)
    if offset >= SZ_1M:
        return _BF
    insn = _LDR_LIT | (1 << 30) if is64bit else _LDR_LIT
    if not reg & ~31:
        return insn | reg | (((offset >> 2) & 0x7FFFF) << 5)
    insn = _enc_reg(_RT, insn, reg)
    return _enc_imm(_IMM_19, insn, offset >> 2)


def aarch64_insn_gen_load_store_pair(
    reg1: int, reg2: int, base: int, offset: int, variant: int, type_: int
) -> int:
    """Mirror of aarch64_insn_gen_load_store_pair() in arch/arm64/lib/insn.c.

    LDP/STP, pre- or post-index. *offset* (``int``) must be a multiple of 4 in [-256, 252]
    for 32-bit, of 8 in [-512, 504] for 64-bit. BREAK_FAULT for another type (checked
    first), a bad offset or variant, or a bad register.
    """
    insn = _LDST_PAIR.get(type_ & M32)
    if insn is None:
        _err("%s: unknown load/store encoding %d", "aarch64_insn_gen_load_store_pair", s32(type_ & M32))
        return _BF
    if not -0x80000000 <= offset <= 0x7FFFFFFF:
        offset = s32(offset)
    v = variant & M32
    if v == 0:
        if (offset & 0x3) or offset < -256 or offset > 252:
            _err(
                "%s: offset must be multiples of 4 in the range of [-256, 252] %d",
                "aarch64_insn_gen_load_store_pair",
                offset,
            )
            return _BF
        shift = 2
    elif v == 1:
        if (offset & 0x7) or offset < -512 or offset > 504:
            _err(
                "%s: offset must be multiples of 8 in the range of [-512, 504] %d",
                "aarch64_insn_gen_load_store_pair",
                offset,
            )
            return _BF
        shift = 3
        insn |= _SF
    else:
        return _unknown_variant("aarch64_insn_gen_load_store_pair", v)
    if not (reg1 | reg2 | base) & ~31:
        return insn | reg1 | (reg2 << 10) | (base << 5) | (((offset >> shift) & 0x7F) << 15)
    insn = _enc_reg(_RT, insn, reg1)
    insn = _enc_reg(_RT2, insn, reg2)
    insn = _enc_reg(_RN, insn, base)
    return _enc_imm(_IMM_7, insn, offset >> shift)


def aarch64_insn_gen_load_store_ex(reg: int, base: int, state: int, size: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_load_store_ex() in arch/arm64/lib/insn.c.

    LDXR (LOAD_EX), LDAXR (LOAD_ACQ_EX), STXR (STORE_EX), STLXR (STORE_REL_EX); Rt2 is
    forced to 31 and *state* goes in Rs (callers pass ZR for loads). BREAK_FAULT for
    another type, a bad size or a bad register.
    """
    insn = _LDST_EX.get(type_ & M32)
    if insn is None:
        _err(
            "%s: unknown load/store exclusive encoding %d",
            "aarch64_insn_gen_load_store_ex",
            s32(type_ & M32),
        )
        return _BF
    insn = _aarch64_insn_encode_ldst_size(size, insn)
    if not (reg | base | state) & ~31 and insn != _BF:
        return insn | reg | (base << 5) | (_ZR << 10) | (state << 16)
    insn = _enc_reg(_RT, insn, reg)
    insn = _enc_reg(_RN, insn, base)
    insn = _enc_reg(_RT2, insn, _ZR)
    return _enc_reg(_RS, insn, state)


def aarch64_insn_gen_atomic_ld_op(
    result: int, address: int, value: int, size: int, op: int, order: int
) -> int:
    """Mirror of aarch64_insn_gen_atomic_ld_op() in arch/arm64/lib/insn.c (LSE built in).

    LDADD/LDCLR/LDEOR/LDSET/SWP with A/L from *order*; ``result=ZR`` gives the ST* aliases.
    BREAK_FAULT for an unknown op (checked first), a size other than SIZE_32/SIZE_64, an
    unknown order or a bad register.
    """
    insn = _ATOMIC_OP.get(op & M32)
    if insn is None:
        _err("%s: unimplemented mem atomic op %d", "aarch64_insn_gen_atomic_ld_op", s32(op & M32))
        return _BF
    sz = size & M32
    if sz != 2 and sz != 3:
        _err("%s: unimplemented size encoding %d", "aarch64_insn_gen_atomic_ld_op", s32(sz))
        return _BF
    insn = _aarch64_insn_encode_ldst_size(sz, insn)
    insn = _aarch64_insn_encode_ldst_order(order, insn)
    if not (result | address | value) & ~31 and insn != _BF:
        return insn | result | (address << 5) | (value << 16)
    insn = _enc_reg(_RT, insn, result)
    insn = _enc_reg(_RN, insn, address)
    return _enc_reg(_RS, insn, value)


def aarch64_insn_gen_cas(result: int, address: int, value: int, size: int, order: int) -> int:
    """Mirror of aarch64_insn_gen_cas() in arch/arm64/lib/insn.c (LSE built in).

    CAS/CASA/CASL/CASAL of W/X: Rt=*result* (Xt), Rn=*address*, Rs=*value* (Xs).
    BREAK_FAULT for a size other than SIZE_32/SIZE_64 (checked first), an unknown order or
    a bad register.
    """
    sz = size & M32
    if sz != 2 and sz != 3:
        _err("%s: unimplemented size encoding %d", "aarch64_insn_gen_cas", s32(sz))
        return _BF
    insn = _aarch64_insn_encode_ldst_size(sz, _CAS)
    insn = _aarch64_insn_encode_cas_order(order, insn)
    if not (result | address | value) & ~31 and insn != _BF:
        return insn | result | (address << 5) | (value << 16)
    insn = _enc_reg(_RT, insn, result)
    insn = _enc_reg(_RN, insn, address)
    return _enc_reg(_RS, insn, value)


def aarch64_insn_gen_prefetch(base: int, type_: int, target: int, policy: int) -> int:
    """Mirror of aarch64_insn_gen_prefetch() as it was in arch/arm64/lib/insn.c up to v6.1.

    Not present at the pinned commit: it was removed by 1b6bf2da7b1d ("arm64: insn: remove
    aarch64_insn_gen_prefetch()"); kept for code written against older kernels.
    ``PRFM <type><target><policy>, [base]``. BREAK_FAULT for an unknown type, target or
    policy, or a bad base register.
    """
    insn = _aarch64_insn_encode_ldst_size(3, _PRFM)
    insn = _aarch64_insn_encode_prfm_imm(type_, target, policy, insn)
    insn = _enc_reg(_RN, insn, base)
    return _enc_imm(_IMM_12, insn, 0)


def aarch64_insn_gen_add_sub_imm(dst: int, src: int, imm: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_add_sub_imm() in arch/arm64/lib/insn.c.

    ADD/SUB/ADDS/SUBS (immediate). *imm* (``int``) must fit 12 bits, or 24 bits with the low
    12 clear (then encoded with LSL #12). Quirk: negative values are always rejected by the
    bit test. BREAK_FAULT for a bad type, variant, immediate or register, in that order.
    """
    insn = _ADD_SUB_IMM.get(type_ & M32)
    if insn is None:
        _err("%s: unknown add/sub encoding %d", "aarch64_insn_gen_add_sub_imm", s32(type_ & M32))
        return _BF
    v = variant & M32
    if v == 1:
        insn |= _SF
    elif v != 0:
        return _unknown_variant("aarch64_insn_gen_add_sub_imm", v)
    if not -0x80000000 <= imm <= 0x7FFFFFFF:
        imm = s32(imm)
    if imm & ~((1 << 24) - 1) or ((imm & ~0xFFF) and (imm & 0xFFF)):
        _err("%s: invalid immediate encoding %d", "aarch64_insn_gen_add_sub_imm", imm)
        return _BF
    if imm & ~0xFFF:
        imm >>= 12
        insn |= AARCH64_INSN_LSL_12
    if not (dst | src) & ~31:
        return insn | dst | (src << 5) | (imm << 10)
    insn = _enc_reg(_RD, insn, dst)
    insn = _enc_reg(_RN, insn, src)
    return _enc_imm(_IMM_12, insn, imm)


def aarch64_insn_gen_bitfield(dst: int, src: int, immr: int, imms: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_bitfield() in arch/arm64/lib/insn.c.

    BFM (MOVE), UBFM (MOVE_UNSIGNED), SBFM (MOVE_SIGNED); the 64-bit variant sets SF and N.
    *immr*/*imms* must fit 5 bits (32-bit) or 6 bits (64-bit); negative values fail.
    """
    insn = _BITFIELD.get(type_ & M32)
    if insn is None:
        _err("%s: unknown bitfield encoding %d", "aarch64_insn_gen_bitfield", s32(type_ & M32))
        return _BF
    v = variant & M32
    if v == 0:
        mask = 0x1F
    elif v == 1:
        insn |= _SF | AARCH64_INSN_N_BIT
        mask = 0x3F
    else:
        return _unknown_variant("aarch64_insn_gen_bitfield", v)
    if not -0x80000000 <= immr <= 0x7FFFFFFF:
        immr = s32(immr)
    if not -0x80000000 <= imms <= 0x7FFFFFFF:
        imms = s32(imms)
    if immr & ~mask:
        _err("%s: invalid immr encoding %d", "aarch64_insn_gen_bitfield", immr)
        return _BF
    if imms & ~mask:
        _err("%s: invalid imms encoding %d", "aarch64_insn_gen_bitfield", imms)
        return _BF
    if not (dst | src) & ~31:
        return insn | dst | (src << 5) | (immr << 16) | (imms << 10)
    insn = _enc_reg(_RD, insn, dst)
    insn = _enc_reg(_RN, insn, src)
    insn = _enc_imm(_IMM_R, insn, immr)
    return _enc_imm(_IMM_S, insn, imms)


def aarch64_insn_gen_movewide(dst: int, imm: int, shift: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_movewide() in arch/arm64/lib/insn.c.

    MOVZ (ZERO), MOVK (KEEP), MOVN (INVERSE). *imm* must be 0..0xffff (checked before the
    variant; negative values fail); *shift* 0/16 (32-bit) or 0/16/32/48 (64-bit).
    """
    insn = _MOVEWIDE.get(type_ & M32)
    if insn is None:
        _err("%s: unknown movewide encoding %d", "aarch64_insn_gen_movewide", s32(type_ & M32))
        return _BF
    if not -0x80000000 <= imm <= 0x7FFFFFFF:
        imm = s32(imm)
    if imm & ~0xFFFF:
        _err("%s: invalid immediate encoding %d", "aarch64_insn_gen_movewide", imm)
        return _BF
    if not -0x80000000 <= shift <= 0x7FFFFFFF:
        shift = s32(shift)
    v = variant & M32
    if v == 0:
        if shift != 0 and shift != 16:
            _err("%s: invalid shift encoding %d", "aarch64_insn_gen_movewide", shift)
            return _BF
    elif v == 1:
        insn |= _SF
        if shift != 0 and shift != 16 and shift != 32 and shift != 48:
            _err("%s: invalid shift encoding %d", "aarch64_insn_gen_movewide", shift)
            return _BF
    else:
        return _unknown_variant("aarch64_insn_gen_movewide", v)
    insn |= (shift >> 4) << 21
    if not dst & ~31:
        return insn | dst | (imm << 5)
    insn = _enc_reg(_RD, insn, dst)
    return _enc_imm(_IMM_16, insn, imm)


def _shift_ok(func: str, insn: int, shift: int, v: int) -> int:
    """The variant/shift switch shared by the two shifted-register generators."""
    if v == 0:
        if shift & ~31:
            _err("%s: invalid shift encoding %d", func, shift)
            return _BF
        return insn
    if v == 1:
        if shift & ~63:
            _err("%s: invalid shift encoding %d", func, shift)
            return _BF
        return insn | _SF
    return _unknown_variant(func, v)


def _shifted_reg(
    fn: str, what: str, bases: dict[int, int], dst: int, src: int, reg: int, shift: int, variant: int, type_: int
) -> int:
    """The body shared by the kernel's two shifted-register generators (same steps, same messages)."""
    insn = bases.get(type_ & M32)
    if insn is None:
        _err("%s: unknown %s encoding %d", fn, what, s32(type_ & M32))
        return _BF
    if not -0x80000000 <= shift <= 0x7FFFFFFF:
        shift = s32(shift)
    insn = _shift_ok(fn, insn, shift, variant & M32)
    if insn == _BF:
        return _BF
    if not (dst | src | reg) & ~31:
        return insn | dst | (src << 5) | (reg << 16) | (shift << 10)
    insn = _enc_reg(_RD, insn, dst)
    insn = _enc_reg(_RN, insn, src)
    insn = _enc_reg(_RM, insn, reg)
    return _enc_imm(_IMM_6, insn, shift)


def aarch64_insn_gen_add_sub_shifted_reg(
    dst: int, src: int, reg: int, shift: int, variant: int, type_: int
) -> int:
    """Mirror of aarch64_insn_gen_add_sub_shifted_reg() in arch/arm64/lib/insn.c.

    ADD/SUB/ADDS/SUBS (shifted register), always LSL #*shift* (0..31 or 0..63).
    """
    return _shifted_reg(
        "aarch64_insn_gen_add_sub_shifted_reg", "add/sub", _ADD_SUB_SHIFTED, dst, src, reg, shift, variant, type_
    )


def aarch64_insn_gen_data1(dst: int, src: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_data1() in arch/arm64/lib/insn.c.

    REV16 (REVERSE_16), REV32 (REVERSE_32: ``rev w`` for 32-bit, ``rev32 x`` for 64-bit),
    REV (REVERSE_64, 64-bit only: checked before the variant switch).
    """
    t = type_ & M32
    v = variant & M32
    if t == 0:
        insn = _REV16
    elif t == 1:
        insn = _REV32
    elif t == 2:
        if v != 1:
            _err("%s: invalid variant for reverse64 %d", "aarch64_insn_gen_data1", s32(v))
            return _BF
        insn = _REV64
    else:
        _err("%s: unknown data1 encoding %d", "aarch64_insn_gen_data1", s32(t))
        return _BF
    if v == 1:
        insn |= _SF
    elif v != 0:
        return _unknown_variant("aarch64_insn_gen_data1", v)
    if not (dst | src) & ~31:
        return insn | dst | (src << 5)
    insn = _enc_reg(_RD, insn, dst)
    return _enc_reg(_RN, insn, src)


def aarch64_insn_gen_data2(dst: int, src: int, reg: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_data2() in arch/arm64/lib/insn.c.

    UDIV/SDIV/LSLV/LSRV/ASRV/RORV: Rd=*dst*, Rn=*src*, Rm=*reg*.
    """
    insn = _DATA2.get(type_ & M32)
    if insn is None:
        _err("%s: unknown data2 encoding %d", "aarch64_insn_gen_data2", s32(type_ & M32))
        return _BF
    v = variant & M32
    if v == 1:
        insn |= _SF
    elif v != 0:
        return _unknown_variant("aarch64_insn_gen_data2", v)
    if not (dst | src | reg) & ~31:
        return insn | dst | (src << 5) | (reg << 16)
    insn = _enc_reg(_RD, insn, dst)
    insn = _enc_reg(_RN, insn, src)
    return _enc_reg(_RM, insn, reg)


def aarch64_insn_gen_data3(dst: int, src: int, reg1: int, reg2: int, variant: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_data3() in arch/arm64/lib/insn.c.

    MADD/MSUB: Rd=*dst*, **Ra=*src***, Rn=*reg1*, Rm=*reg2*.
    """
    insn = _DATA3.get(type_ & M32)
    if insn is None:
        _err("%s: unknown data3 encoding %d", "aarch64_insn_gen_data3", s32(type_ & M32))
        return _BF
    v = variant & M32
    if v == 1:
        insn |= _SF
    elif v != 0:
        return _unknown_variant("aarch64_insn_gen_data3", v)
    if not (dst | src | reg1 | reg2) & ~31:
        return insn | dst | (src << 10) | (reg1 << 5) | (reg2 << 16)
    insn = _enc_reg(_RD, insn, dst)
    insn = _enc_reg(_RA, insn, src)
    insn = _enc_reg(_RN, insn, reg1)
    return _enc_reg(_RM, insn, reg2)


def aarch64_insn_gen_logical_shifted_reg(
    dst: int, src: int, reg: int, shift: int, variant: int, type_: int
) -> int:
    """Mirror of aarch64_insn_gen_logical_shifted_reg() in arch/arm64/lib/insn.c.

    AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register), always LSL #*shift*.
    """
    return _shifted_reg(
        "aarch64_insn_gen_logical_shifted_reg", "logical", _LOGIC_SHIFTED, dst, src, reg, shift, variant, type_
    )


def aarch64_insn_gen_move_reg(dst: int, src: int, variant: int) -> int:
    """Mirror of aarch64_insn_gen_move_reg() in arch/arm64/lib/insn.c.

    MOV (register) as ORR *dst*, ZR, *src*; ``gen_move_reg(9, 30, 64BIT)`` is 0xaa1e03e9.
    Errors are logged under ``aarch64_insn_gen_logical_shifted_reg``, as in C.
    """
    return aarch64_insn_gen_logical_shifted_reg(dst, _ZR, src, 0, variant, 2)


def aarch64_insn_gen_adr(pc: int, addr: int, reg: int, type_: int) -> int:
    """Mirror of aarch64_insn_gen_adr() in arch/arm64/lib/insn.c.

    ADR (``ADR_TYPE_ADR``): offset = addr - pc. ADRP (``ADR_TYPE_ADRP``): offset =
    (addr - (pc & ~0xfff)) >> 12 (logical shift of the unsigned difference). Quirk: the
    offset is truncated to ``s32`` before the range check [-1M, 1M), so distances of
    2**32 bytes (ADR) or 2**44 bytes (ADRP) alias back into range. Out of range returns
    BREAK_FAULT without logging; ADR has no alignment requirement.
    """
    t = type_ & M32
    insn = _ADR.get(t)
    if insn is None:
        _err("%s: unknown adr encoding %d", "aarch64_insn_gen_adr", s32(t))
        return _BF
    if t == 1:
        offset = s32(addr - pc)
    else:
        offset = s32(((addr - ((pc & M64) & ~0xFFF)) & M64) >> 12)
    if offset < -SZ_1M or offset >= SZ_1M:
        return _BF
    if not reg & ~31:
        return insn | reg | ((offset & 3) << 29) | (((offset >> 2) & 0x7FFFF) << 5)
    insn = _enc_reg(_RD, insn, reg)
    return _enc_imm(_IMM_ADR, insn, offset)


def aarch64_insn_gen_logical_immediate(type_: int, variant: int, Rn: int, Rd: int, imm: int) -> int:  # noqa: N803
    """Mirror of aarch64_insn_gen_logical_immediate() in arch/arm64/lib/insn.c.

    AND/ORR/EOR/ANDS (immediate) of the bitmask *imm* (``u64``); BIC/ORN/EON/BICS are not
    supported (BREAK_FAULT). Encodes Rd, then Rn, then the immediate (see
    ``_aarch64_encode_immediate``: 0, all-ones, too-wide and non-bitmask values give
    BREAK_FAULT without logging).
    """
    insn = _LOGIC_IMM.get(type_ & M32)
    if insn is None:
        _err("%s: unknown logical encoding %d", "aarch64_insn_gen_logical_immediate", s32(type_ & M32))
        return _BF
    if not (Rd | Rn) & ~31:
        return _aarch64_encode_immediate(imm, variant, insn | Rd | (Rn << 5))
    insn = _enc_reg(_RD, insn, Rd)
    insn = _enc_reg(_RN, insn, Rn)
    return _aarch64_encode_immediate(imm, variant, insn)


def aarch64_insn_gen_extr(variant: int, Rm: int, Rn: int, Rd: int, lsb: int) -> int:  # noqa: N803
    """Mirror of aarch64_insn_gen_extr() in arch/arm64/lib/insn.c.

    EXTR Rd, Rn, Rm, #lsb. *lsb* is a ``u8``: quirk, values are taken modulo 256 (so 263
    encodes #7), and a too-large lsb returns BREAK_FAULT without logging.
    """
    lsb &= 0xFF
    insn = _EXTR
    v = variant & M32
    if v == 0:
        if lsb > 31:
            return _BF
    elif v == 1:
        if lsb > 63:
            return _BF
        insn |= _SF
        insn = _enc_imm(_IMM_N, insn, 1)
    else:
        return _unknown_variant("aarch64_insn_gen_extr", v)
    if not (Rd | Rn | Rm) & ~31:
        return insn | (lsb << 10) | Rd | (Rn << 5) | (Rm << 16)
    insn = _enc_imm(_IMM_S, insn, lsb)
    insn = _enc_reg(_RD, insn, Rd)
    insn = _enc_reg(_RN, insn, Rn)
    return _enc_reg(_RM, insn, Rm)


def aarch64_insn_gen_dmb(type_: int) -> int:
    """Mirror of aarch64_insn_gen_dmb() in arch/arm64/lib/insn.c.

    DMB SY/ST/LD/ISH/ISHST/ISHLD/NSH/NSHST/NSHLD; the OSH* types (and anything else) give
    BREAK_FAULT after ``"aarch64_insn_gen_dmb: unknown dmb type %d"``.
    """
    opt = _DMB_OPT.get(type_ & M32)
    if opt is None:
        _err("%s: unknown dmb type %d", "aarch64_insn_gen_dmb", s32(type_ & M32))
        return _BF
    return (_DMB & ~0xF00) | (opt << 8)


def aarch64_insn_gen_mrs(result: int, sysreg: int) -> int:
    """Mirror of aarch64_insn_gen_mrs() in arch/arm64/lib/insn.c.

    MRS *result*, <sysreg>, with *sysreg* an ``o0:op1:CRn:CRm:op2`` value
    (:class:`~aarch64insn.kernel.enums.SystemRegister`) ORed in at bit 5. Quirk: *sysreg*
    is not validated; bits above 14 spill into the opcode (``sysreg << 5`` wraps at 32 bits).
    """
    insn = (_MRS & ~0xFFFFF) | (((sysreg & M32) << 5) & M32)
    if not result & ~31:
        return (insn & ~0x1F) | result
    return _enc_reg(_RT, insn, result)
