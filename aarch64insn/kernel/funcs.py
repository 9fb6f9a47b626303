"""The kernel's instruction predicates, ``aarch64_insn_is_*`` and ``aarch64_insn_get_*_value``.

Mirror of the ``__AARCH64_INSN_FUNCS`` table and the inline predicates of
``arch/arm64/include/asm/insn.h`` matching ``arch/arm64/lib/insn.c`` at commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b.

The per-row functions are generated when this module is imported, from the
:class:`~aarch64insn.spec.KernelFunc` rows of :mod:`aarch64insn.table.kernel` (the only place
that holds their masks and values); each is also bound below to an explicit, typed module
attribute so that type checkers and autodoc see it. Importing checks that the two lists
agree, so a row added to the table without its two names here fails at import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from aarch64insn.spec import KernelFunc
from aarch64insn.table.kernel import KERNEL_FUNCS

from .enums import AARCH64_INSN_HINT_NOP, EncodingClass

_ROWS: Final[dict[str, KernelFunc]] = {k.abbr: k for k in KERNEL_FUNCS}
_M32: Final = 0xFFFFFFFF
_MADE: set[str] = set()


def _pred(abbr: str) -> Callable[[int], bool]:
    """Build ``aarch64_insn_is_<abbr>`` from its table row."""
    row = _ROWS[abbr]
    mask, value = row.mask, row.value

    def pred(code: int) -> bool:
        return (code & mask) == value

    name = f"aarch64_insn_is_{abbr}"
    pred.__name__ = pred.__qualname__ = name
    pred.__module__ = __name__
    extra = f" Meant to match: {', '.join(row.covers)}." if row.covers else ""
    pred.__doc__ = (
        f"Mirror of {name}() in arch/arm64/include/asm/insn.h.\n\n"
        f"True when ``code & {mask:#010x} == {value:#010x}`` "
        f"(``__AARCH64_INSN_FUNCS({abbr}, 0x{mask:08X}, 0x{value:08X})``).{extra}"
    )
    _MADE.add(name)
    return pred


def _value(abbr: str) -> Callable[[], int]:
    """Build ``aarch64_insn_get_<abbr>_value`` from its table row."""
    value = _ROWS[abbr].value

    def get() -> int:
        return value

    name = f"aarch64_insn_get_{abbr}_value"
    get.__name__ = get.__qualname__ = name
    get.__module__ = __name__
    get.__doc__ = (
        f"Mirror of {name}() in arch/arm64/include/asm/insn.h.\n\n"
        f"Returns {value:#010x}, the value of the ``{abbr}`` row."
    )
    _MADE.add(name)
    return get


# fmt: off
aarch64_insn_is_class_branch_sys: Final = _pred("class_branch_sys")
aarch64_insn_get_class_branch_sys_value: Final = _value("class_branch_sys")
aarch64_insn_is_adr: Final = _pred("adr")
aarch64_insn_get_adr_value: Final = _value("adr")
aarch64_insn_is_adrp: Final = _pred("adrp")
aarch64_insn_get_adrp_value: Final = _value("adrp")
aarch64_insn_is_prfm: Final = _pred("prfm")
aarch64_insn_get_prfm_value: Final = _value("prfm")
aarch64_insn_is_prfm_lit: Final = _pred("prfm_lit")
aarch64_insn_get_prfm_lit_value: Final = _value("prfm_lit")
aarch64_insn_is_store_imm: Final = _pred("store_imm")
aarch64_insn_get_store_imm_value: Final = _value("store_imm")
aarch64_insn_is_load_imm: Final = _pred("load_imm")
aarch64_insn_get_load_imm_value: Final = _value("load_imm")
aarch64_insn_is_signed_load_imm: Final = _pred("signed_load_imm")
aarch64_insn_get_signed_load_imm_value: Final = _value("signed_load_imm")
aarch64_insn_is_store_pre: Final = _pred("store_pre")
aarch64_insn_get_store_pre_value: Final = _value("store_pre")
aarch64_insn_is_load_pre: Final = _pred("load_pre")
aarch64_insn_get_load_pre_value: Final = _value("load_pre")
aarch64_insn_is_store_post: Final = _pred("store_post")
aarch64_insn_get_store_post_value: Final = _value("store_post")
aarch64_insn_is_load_post: Final = _pred("load_post")
aarch64_insn_get_load_post_value: Final = _value("load_post")
aarch64_insn_is_str_reg: Final = _pred("str_reg")
aarch64_insn_get_str_reg_value: Final = _value("str_reg")
aarch64_insn_is_str_imm: Final = _pred("str_imm")
aarch64_insn_get_str_imm_value: Final = _value("str_imm")
aarch64_insn_is_ldadd: Final = _pred("ldadd")
aarch64_insn_get_ldadd_value: Final = _value("ldadd")
aarch64_insn_is_ldclr: Final = _pred("ldclr")
aarch64_insn_get_ldclr_value: Final = _value("ldclr")
aarch64_insn_is_ldeor: Final = _pred("ldeor")
aarch64_insn_get_ldeor_value: Final = _value("ldeor")
aarch64_insn_is_ldset: Final = _pred("ldset")
aarch64_insn_get_ldset_value: Final = _value("ldset")
aarch64_insn_is_swp: Final = _pred("swp")
aarch64_insn_get_swp_value: Final = _value("swp")
aarch64_insn_is_cas: Final = _pred("cas")
aarch64_insn_get_cas_value: Final = _value("cas")
aarch64_insn_is_ldr_reg: Final = _pred("ldr_reg")
aarch64_insn_get_ldr_reg_value: Final = _value("ldr_reg")
aarch64_insn_is_signed_ldr_reg: Final = _pred("signed_ldr_reg")
aarch64_insn_get_signed_ldr_reg_value: Final = _value("signed_ldr_reg")
aarch64_insn_is_ldr_imm: Final = _pred("ldr_imm")
aarch64_insn_get_ldr_imm_value: Final = _value("ldr_imm")
aarch64_insn_is_ldr_lit: Final = _pred("ldr_lit")
aarch64_insn_get_ldr_lit_value: Final = _value("ldr_lit")
aarch64_insn_is_ldrsw_lit: Final = _pred("ldrsw_lit")
aarch64_insn_get_ldrsw_lit_value: Final = _value("ldrsw_lit")
aarch64_insn_is_exclusive: Final = _pred("exclusive")
aarch64_insn_get_exclusive_value: Final = _value("exclusive")
aarch64_insn_is_load_ex: Final = _pred("load_ex")
aarch64_insn_get_load_ex_value: Final = _value("load_ex")
aarch64_insn_is_store_ex: Final = _pred("store_ex")
aarch64_insn_get_store_ex_value: Final = _value("store_ex")
aarch64_insn_is_mops: Final = _pred("mops")
aarch64_insn_get_mops_value: Final = _value("mops")
aarch64_insn_is_stp: Final = _pred("stp")
aarch64_insn_get_stp_value: Final = _value("stp")
aarch64_insn_is_ldp: Final = _pred("ldp")
aarch64_insn_get_ldp_value: Final = _value("ldp")
aarch64_insn_is_stp_post: Final = _pred("stp_post")
aarch64_insn_get_stp_post_value: Final = _value("stp_post")
aarch64_insn_is_ldp_post: Final = _pred("ldp_post")
aarch64_insn_get_ldp_post_value: Final = _value("ldp_post")
aarch64_insn_is_stp_pre: Final = _pred("stp_pre")
aarch64_insn_get_stp_pre_value: Final = _value("stp_pre")
aarch64_insn_is_ldp_pre: Final = _pred("ldp_pre")
aarch64_insn_get_ldp_pre_value: Final = _value("ldp_pre")
aarch64_insn_is_add_imm: Final = _pred("add_imm")
aarch64_insn_get_add_imm_value: Final = _value("add_imm")
aarch64_insn_is_adds_imm: Final = _pred("adds_imm")
aarch64_insn_get_adds_imm_value: Final = _value("adds_imm")
aarch64_insn_is_sub_imm: Final = _pred("sub_imm")
aarch64_insn_get_sub_imm_value: Final = _value("sub_imm")
aarch64_insn_is_subs_imm: Final = _pred("subs_imm")
aarch64_insn_get_subs_imm_value: Final = _value("subs_imm")
aarch64_insn_is_movn: Final = _pred("movn")
aarch64_insn_get_movn_value: Final = _value("movn")
aarch64_insn_is_sbfm: Final = _pred("sbfm")
aarch64_insn_get_sbfm_value: Final = _value("sbfm")
aarch64_insn_is_bfm: Final = _pred("bfm")
aarch64_insn_get_bfm_value: Final = _value("bfm")
aarch64_insn_is_movz: Final = _pred("movz")
aarch64_insn_get_movz_value: Final = _value("movz")
aarch64_insn_is_ubfm: Final = _pred("ubfm")
aarch64_insn_get_ubfm_value: Final = _value("ubfm")
aarch64_insn_is_movk: Final = _pred("movk")
aarch64_insn_get_movk_value: Final = _value("movk")
aarch64_insn_is_add: Final = _pred("add")
aarch64_insn_get_add_value: Final = _value("add")
aarch64_insn_is_adds: Final = _pred("adds")
aarch64_insn_get_adds_value: Final = _value("adds")
aarch64_insn_is_sub: Final = _pred("sub")
aarch64_insn_get_sub_value: Final = _value("sub")
aarch64_insn_is_subs: Final = _pred("subs")
aarch64_insn_get_subs_value: Final = _value("subs")
aarch64_insn_is_madd: Final = _pred("madd")
aarch64_insn_get_madd_value: Final = _value("madd")
aarch64_insn_is_msub: Final = _pred("msub")
aarch64_insn_get_msub_value: Final = _value("msub")
aarch64_insn_is_udiv: Final = _pred("udiv")
aarch64_insn_get_udiv_value: Final = _value("udiv")
aarch64_insn_is_sdiv: Final = _pred("sdiv")
aarch64_insn_get_sdiv_value: Final = _value("sdiv")
aarch64_insn_is_lslv: Final = _pred("lslv")
aarch64_insn_get_lslv_value: Final = _value("lslv")
aarch64_insn_is_lsrv: Final = _pred("lsrv")
aarch64_insn_get_lsrv_value: Final = _value("lsrv")
aarch64_insn_is_asrv: Final = _pred("asrv")
aarch64_insn_get_asrv_value: Final = _value("asrv")
aarch64_insn_is_rorv: Final = _pred("rorv")
aarch64_insn_get_rorv_value: Final = _value("rorv")
aarch64_insn_is_rev16: Final = _pred("rev16")
aarch64_insn_get_rev16_value: Final = _value("rev16")
aarch64_insn_is_rev32: Final = _pred("rev32")
aarch64_insn_get_rev32_value: Final = _value("rev32")
aarch64_insn_is_rev64: Final = _pred("rev64")
aarch64_insn_get_rev64_value: Final = _value("rev64")
aarch64_insn_is_and: Final = _pred("and")
aarch64_insn_get_and_value: Final = _value("and")
aarch64_insn_is_bic: Final = _pred("bic")
aarch64_insn_get_bic_value: Final = _value("bic")
aarch64_insn_is_orr: Final = _pred("orr")
aarch64_insn_get_orr_value: Final = _value("orr")
aarch64_insn_is_mov_reg: Final = _pred("mov_reg")
aarch64_insn_get_mov_reg_value: Final = _value("mov_reg")
aarch64_insn_is_orn: Final = _pred("orn")
aarch64_insn_get_orn_value: Final = _value("orn")
aarch64_insn_is_eor: Final = _pred("eor")
aarch64_insn_get_eor_value: Final = _value("eor")
aarch64_insn_is_eon: Final = _pred("eon")
aarch64_insn_get_eon_value: Final = _value("eon")
aarch64_insn_is_ands: Final = _pred("ands")
aarch64_insn_get_ands_value: Final = _value("ands")
aarch64_insn_is_bics: Final = _pred("bics")
aarch64_insn_get_bics_value: Final = _value("bics")
aarch64_insn_is_and_imm: Final = _pred("and_imm")
aarch64_insn_get_and_imm_value: Final = _value("and_imm")
aarch64_insn_is_orr_imm: Final = _pred("orr_imm")
aarch64_insn_get_orr_imm_value: Final = _value("orr_imm")
aarch64_insn_is_eor_imm: Final = _pred("eor_imm")
aarch64_insn_get_eor_imm_value: Final = _value("eor_imm")
aarch64_insn_is_ands_imm: Final = _pred("ands_imm")
aarch64_insn_get_ands_imm_value: Final = _value("ands_imm")
aarch64_insn_is_extr: Final = _pred("extr")
aarch64_insn_get_extr_value: Final = _value("extr")
aarch64_insn_is_b: Final = _pred("b")
aarch64_insn_get_b_value: Final = _value("b")
aarch64_insn_is_bl: Final = _pred("bl")
aarch64_insn_get_bl_value: Final = _value("bl")
aarch64_insn_is_cbz: Final = _pred("cbz")
aarch64_insn_get_cbz_value: Final = _value("cbz")
aarch64_insn_is_cbnz: Final = _pred("cbnz")
aarch64_insn_get_cbnz_value: Final = _value("cbnz")
aarch64_insn_is_tbz: Final = _pred("tbz")
aarch64_insn_get_tbz_value: Final = _value("tbz")
aarch64_insn_is_tbnz: Final = _pred("tbnz")
aarch64_insn_get_tbnz_value: Final = _value("tbnz")
aarch64_insn_is_bcond: Final = _pred("bcond")
aarch64_insn_get_bcond_value: Final = _value("bcond")
aarch64_insn_is_svc: Final = _pred("svc")
aarch64_insn_get_svc_value: Final = _value("svc")
aarch64_insn_is_hvc: Final = _pred("hvc")
aarch64_insn_get_hvc_value: Final = _value("hvc")
aarch64_insn_is_smc: Final = _pred("smc")
aarch64_insn_get_smc_value: Final = _value("smc")
aarch64_insn_is_brk: Final = _pred("brk")
aarch64_insn_get_brk_value: Final = _value("brk")
aarch64_insn_is_exception: Final = _pred("exception")
aarch64_insn_get_exception_value: Final = _value("exception")
aarch64_insn_is_hint: Final = _pred("hint")
aarch64_insn_get_hint_value: Final = _value("hint")
aarch64_insn_is_br: Final = _pred("br")
aarch64_insn_get_br_value: Final = _value("br")
aarch64_insn_is_br_auth: Final = _pred("br_auth")
aarch64_insn_get_br_auth_value: Final = _value("br_auth")
aarch64_insn_is_blr: Final = _pred("blr")
aarch64_insn_get_blr_value: Final = _value("blr")
aarch64_insn_is_blr_auth: Final = _pred("blr_auth")
aarch64_insn_get_blr_auth_value: Final = _value("blr_auth")
aarch64_insn_is_ret: Final = _pred("ret")
aarch64_insn_get_ret_value: Final = _value("ret")
aarch64_insn_is_ret_auth: Final = _pred("ret_auth")
aarch64_insn_get_ret_auth_value: Final = _value("ret_auth")
aarch64_insn_is_eret: Final = _pred("eret")
aarch64_insn_get_eret_value: Final = _value("eret")
aarch64_insn_is_eret_auth: Final = _pred("eret_auth")
aarch64_insn_get_eret_auth_value: Final = _value("eret_auth")
aarch64_insn_is_mrs: Final = _pred("mrs")
aarch64_insn_get_mrs_value: Final = _value("mrs")
aarch64_insn_is_msr_imm: Final = _pred("msr_imm")
aarch64_insn_get_msr_imm_value: Final = _value("msr_imm")
aarch64_insn_is_msr_reg: Final = _pred("msr_reg")
aarch64_insn_get_msr_reg_value: Final = _value("msr_reg")
aarch64_insn_is_dmb: Final = _pred("dmb")
aarch64_insn_get_dmb_value: Final = _value("dmb")
aarch64_insn_is_dsb_base: Final = _pred("dsb_base")
aarch64_insn_get_dsb_base_value: Final = _value("dsb_base")
aarch64_insn_is_dsb_nxs: Final = _pred("dsb_nxs")
aarch64_insn_get_dsb_nxs_value: Final = _value("dsb_nxs")
aarch64_insn_is_isb: Final = _pred("isb")
aarch64_insn_get_isb_value: Final = _value("isb")
aarch64_insn_is_sb: Final = _pred("sb")
aarch64_insn_get_sb_value: Final = _value("sb")
aarch64_insn_is_clrex: Final = _pred("clrex")
aarch64_insn_get_clrex_value: Final = _value("clrex")
aarch64_insn_is_ssbb: Final = _pred("ssbb")
aarch64_insn_get_ssbb_value: Final = _value("ssbb")
aarch64_insn_is_pssbb: Final = _pred("pssbb")
aarch64_insn_get_pssbb_value: Final = _value("pssbb")
aarch64_insn_is_bti: Final = _pred("bti")
aarch64_insn_get_bti_value: Final = _value("bti")
# fmt: on

_EXPECTED = {f"aarch64_insn_is_{a}" for a in _ROWS} | {f"aarch64_insn_get_{a}_value" for a in _ROWS}
if _MADE != _EXPECTED:  # pragma: no cover - guards against the table and this file drifting
    raise ImportError(f"aarch64insn.kernel.funcs: rows without names: {sorted(_EXPECTED - _MADE)}")

ROW_PREDICATES: Final[tuple[str, ...]] = tuple(f"aarch64_insn_is_{a}" for a in _ROWS)
"""Names of the per-row predicates, in insn.h source order."""

ROW_VALUE_GETTERS: Final[tuple[str, ...]] = tuple(f"aarch64_insn_get_{a}_value" for a in _ROWS)
"""Names of the per-row ``get_*_value`` functions, in insn.h source order."""


# --------------------------------------------------------------------------------------
# The inline helpers of insn.h, as the pinned header writes them
# --------------------------------------------------------------------------------------

_STEPPABLE_HINTS: Final = frozenset({
    0x07 << 5, 0x08 << 5, 0x0A << 5,            # XPACLRI, PACIA_1716, PACIB_1716
    0x18 << 5, 0x19 << 5, 0x1A << 5, 0x1B << 5,  # PACIAZ, PACIASP, PACIBZ, PACIBSP
    0x20 << 5, 0x22 << 5, 0x24 << 5, 0x26 << 5,  # BTI, BTIC, BTIJ, BTIJC
    0x00,                                        # NOP
})


def aarch64_insn_gen_hint(op: int) -> int:
    """Mirror of aarch64_insn_gen_hint() in arch/arm64/include/asm/insn.h (inline at the pin).

    Returns ``aarch64_insn_get_hint_value() | op``. Quirk: ``op`` is not validated, so bits
    outside 11:5 corrupt the word (``gen_hint(0x1000)`` is ``0xd503301f``, a DSB encoding).
    """
    return (aarch64_insn_get_hint_value() | op) & _M32


def aarch64_insn_gen_nop() -> int:
    """Mirror of aarch64_insn_gen_nop() in arch/arm64/include/asm/insn.h: 0xd503201f."""
    return aarch64_insn_gen_hint(AARCH64_INSN_HINT_NOP)


def aarch64_insn_is_nop(insn: int) -> bool:
    """Mirror of aarch64_insn_is_nop() in arch/arm64/include/asm/insn.h.

    Modern semantics (v5.7+): ``insn == aarch64_insn_gen_nop()``. Older kernels treated
    every HINT other than YIELD/WFE/WFI/SEV/SEVL as a NOP.
    """
    return insn == aarch64_insn_gen_nop()


def aarch64_insn_is_steppable_hint(insn: int) -> bool:
    """Mirror of aarch64_insn_is_steppable_hint() in arch/arm64/include/asm/insn.h.

    A HINT whose ``insn & 0xfe0`` is XPACLRI, PACIA_1716, PACIB_1716, PACIAZ, PACIASP,
    PACIBZ, PACIBSP, BTI, BTIC, BTIJ, BTIJC or NOP.
    """
    if not aarch64_insn_is_hint(insn):
        return False
    return (insn & 0xFE0) in _STEPPABLE_HINTS


def aarch64_insn_is_branch(insn: int) -> bool:
    """Mirror of aarch64_insn_is_branch() in arch/arm64/include/asm/insn.h.

    b, bl, cbz, cbnz, tbz, tbnz, ret, ret_auth, br, br_auth, blr, blr_auth or bcond.
    """
    return (
        aarch64_insn_is_b(insn)
        or aarch64_insn_is_bl(insn)
        or aarch64_insn_is_cbz(insn)
        or aarch64_insn_is_cbnz(insn)
        or aarch64_insn_is_tbz(insn)
        or aarch64_insn_is_tbnz(insn)
        or aarch64_insn_is_ret(insn)
        or aarch64_insn_is_ret_auth(insn)
        or aarch64_insn_is_br(insn)
        or aarch64_insn_is_br_auth(insn)
        or aarch64_insn_is_blr(insn)
        or aarch64_insn_is_blr_auth(insn)
        or aarch64_insn_is_bcond(insn)
    )


def aarch64_insn_is_branch_imm(insn: int) -> bool:
    """Mirror of aarch64_insn_is_branch_imm() in arch/arm64/include/asm/insn.h.

    b, bl, tbz, tbnz, cbz, cbnz or bcond.
    """
    return (
        aarch64_insn_is_b(insn)
        or aarch64_insn_is_bl(insn)
        or aarch64_insn_is_tbz(insn)
        or aarch64_insn_is_tbnz(insn)
        or aarch64_insn_is_cbz(insn)
        or aarch64_insn_is_cbnz(insn)
        or aarch64_insn_is_bcond(insn)
    )


def aarch64_insn_is_adr_adrp(insn: int) -> bool:
    """Mirror of aarch64_insn_is_adr_adrp() in arch/arm64/include/asm/insn.h: adr or adrp."""
    return aarch64_insn_is_adr(insn) or aarch64_insn_is_adrp(insn)


def aarch64_insn_is_dsb(insn: int) -> bool:
    """Mirror of aarch64_insn_is_dsb() in arch/arm64/include/asm/insn.h: dsb_base or dsb_nxs.

    (v5.x required ``insn & 0xb00`` for dsb_base; the pinned header does not.)
    """
    return aarch64_insn_is_dsb_base(insn) or aarch64_insn_is_dsb_nxs(insn)


def aarch64_insn_is_barrier(insn: int) -> bool:
    """Mirror of aarch64_insn_is_barrier() in arch/arm64/include/asm/insn.h.

    dmb, dsb, isb, sb, clrex, ssbb or pssbb.
    """
    return (
        aarch64_insn_is_dmb(insn)
        or aarch64_insn_is_dsb(insn)
        or aarch64_insn_is_isb(insn)
        or aarch64_insn_is_sb(insn)
        or aarch64_insn_is_clrex(insn)
        or aarch64_insn_is_ssbb(insn)
        or aarch64_insn_is_pssbb(insn)
    )


def aarch64_insn_is_store_single(insn: int) -> bool:
    """Mirror of aarch64_insn_is_store_single() in arch/arm64/include/asm/insn.h.

    store_imm, store_pre or store_post.
    """
    return (
        aarch64_insn_is_store_imm(insn)
        or aarch64_insn_is_store_pre(insn)
        or aarch64_insn_is_store_post(insn)
    )


def aarch64_insn_is_store_pair(insn: int) -> bool:
    """Mirror of aarch64_insn_is_store_pair() in arch/arm64/include/asm/insn.h.

    stp, stp_pre or stp_post.
    """
    return aarch64_insn_is_stp(insn) or aarch64_insn_is_stp_pre(insn) or aarch64_insn_is_stp_post(insn)


def aarch64_insn_is_load_single(insn: int) -> bool:
    """Mirror of aarch64_insn_is_load_single() in arch/arm64/include/asm/insn.h.

    load_imm, load_pre or load_post.
    """
    return (
        aarch64_insn_is_load_imm(insn)
        or aarch64_insn_is_load_pre(insn)
        or aarch64_insn_is_load_post(insn)
    )


def aarch64_insn_is_load_pair(insn: int) -> bool:
    """Mirror of aarch64_insn_is_load_pair() in arch/arm64/include/asm/insn.h.

    ldp, ldp_pre or ldp_post.
    """
    return aarch64_insn_is_ldp(insn) or aarch64_insn_is_ldp_pre(insn) or aarch64_insn_is_ldp_post(insn)


def aarch64_insn_uses_literal(insn: int) -> bool:
    """Mirror of aarch64_insn_uses_literal() in arch/arm64/include/asm/insn.h.

    ldr_lit, ldrsw_lit, adr_adrp or prfm_lit.
    """
    return (
        aarch64_insn_is_ldr_lit(insn)
        or aarch64_insn_is_ldrsw_lit(insn)
        or aarch64_insn_is_adr_adrp(insn)
        or aarch64_insn_is_prfm_lit(insn)
    )


# v6.1 class table, indexed by op0 = bits 28:25 (Arm ARM C3.1 "A64 instruction index by
# encoding"):
#   28 27 26 25   group
#    0  0  0  0   reserved            -> UNKNOWN
#    0  0  0  1   unallocated         -> UNKNOWN
#    0  0  1  0   SVE                 -> SVE
#    0  0  1  1   unallocated         -> UNKNOWN
#    x  1  x  0   loads and stores    -> LDST
#    x  1  0  1   data processing reg -> DP_REG
#    x  1  1  1   SIMD and FP         -> DP_FPSIMD
#    1  0  0  x   data processing imm -> DP_IMM
#    1  0  1  x   branch/exc/system   -> BR_SYS
_CLASS_TABLE: Final[tuple[EncodingClass, ...]] = (
    EncodingClass.UNKNOWN, EncodingClass.UNKNOWN, EncodingClass.SVE, EncodingClass.UNKNOWN,
    EncodingClass.LDST, EncodingClass.DP_REG, EncodingClass.LDST, EncodingClass.DP_FPSIMD,
    EncodingClass.DP_IMM, EncodingClass.DP_IMM, EncodingClass.BR_SYS, EncodingClass.BR_SYS,
    EncodingClass.LDST, EncodingClass.DP_REG, EncodingClass.LDST, EncodingClass.DP_FPSIMD,
)


def aarch64_get_insn_class(insn: int) -> EncodingClass:
    """Mirror of aarch64_get_insn_class() as defined in arch/arm64/lib/insn.c up to v6.2.

    At the pinned commit insn.h still declares this function but nothing defines it (the
    class table was removed in v6.3 in favour of ``aarch64_insn_is_class_branch_sys``);
    this is the v6.1 definition: ``table[(insn >> 25) & 0xf]`` with the v6.1 values
    (UNKNOWN=0, SVE=1, DP_IMM=2, DP_REG=3, DP_FPSIMD=4, LDST=5, BR_SYS=6).
    """
    return _CLASS_TABLE[(insn >> 25) & 0xF]


__all__ = [
    "ROW_PREDICATES",
    "ROW_VALUE_GETTERS",
    "aarch64_get_insn_class",
    "aarch64_insn_get_add_imm_value",
    "aarch64_insn_get_add_value",
    "aarch64_insn_get_adds_imm_value",
    "aarch64_insn_get_adds_value",
    "aarch64_insn_get_adr_value",
    "aarch64_insn_get_adrp_value",
    "aarch64_insn_get_and_imm_value",
    "aarch64_insn_get_and_value",
    "aarch64_insn_get_ands_imm_value",
    "aarch64_insn_get_ands_value",
    "aarch64_insn_get_asrv_value",
    "aarch64_insn_get_b_value",
    "aarch64_insn_get_bcond_value",
    "aarch64_insn_get_bfm_value",
    "aarch64_insn_get_bic_value",
    "aarch64_insn_get_bics_value",
    "aarch64_insn_get_bl_value",
    "aarch64_insn_get_blr_auth_value",
    "aarch64_insn_get_blr_value",
    "aarch64_insn_get_br_auth_value",
    "aarch64_insn_get_br_value",
    "aarch64_insn_get_brk_value",
    "aarch64_insn_get_bti_value",
    "aarch64_insn_get_cas_value",
    "aarch64_insn_get_cbnz_value",
    "aarch64_insn_get_cbz_value",
    "aarch64_insn_get_class_branch_sys_value",
    "aarch64_insn_get_clrex_value",
    "aarch64_insn_get_dmb_value",
    "aarch64_insn_get_dsb_base_value",
    "aarch64_insn_get_dsb_nxs_value",
    "aarch64_insn_get_eon_value",
    "aarch64_insn_get_eor_imm_value",
    "aarch64_insn_get_eor_value",
    "aarch64_insn_get_eret_auth_value",
    "aarch64_insn_get_eret_value",
    "aarch64_insn_get_exception_value",
    "aarch64_insn_get_exclusive_value",
    "aarch64_insn_get_extr_value",
    "aarch64_insn_get_hint_value",
    "aarch64_insn_get_hvc_value",
    "aarch64_insn_get_isb_value",
    "aarch64_insn_get_ldadd_value",
    "aarch64_insn_get_ldclr_value",
    "aarch64_insn_get_ldeor_value",
    "aarch64_insn_get_ldp_post_value",
    "aarch64_insn_get_ldp_pre_value",
    "aarch64_insn_get_ldp_value",
    "aarch64_insn_get_ldr_imm_value",
    "aarch64_insn_get_ldr_lit_value",
    "aarch64_insn_get_ldr_reg_value",
    "aarch64_insn_get_ldrsw_lit_value",
    "aarch64_insn_get_ldset_value",
    "aarch64_insn_get_load_ex_value",
    "aarch64_insn_get_load_imm_value",
    "aarch64_insn_get_load_post_value",
    "aarch64_insn_get_load_pre_value",
    "aarch64_insn_get_lslv_value",
    "aarch64_insn_get_lsrv_value",
    "aarch64_insn_get_madd_value",
    "aarch64_insn_get_mops_value",
    "aarch64_insn_get_mov_reg_value",
    "aarch64_insn_get_movk_value",
    "aarch64_insn_get_movn_value",
    "aarch64_insn_get_movz_value",
    "aarch64_insn_get_mrs_value",
    "aarch64_insn_get_msr_imm_value",
    "aarch64_insn_get_msr_reg_value",
    "aarch64_insn_get_msub_value",
    "aarch64_insn_get_orn_value",
    "aarch64_insn_get_orr_imm_value",
    "aarch64_insn_get_orr_value",
    "aarch64_insn_get_prfm_lit_value",
    "aarch64_insn_get_prfm_value",
    "aarch64_insn_get_pssbb_value",
    "aarch64_insn_get_ret_auth_value",
    "aarch64_insn_get_ret_value",
    "aarch64_insn_get_rev16_value",
    "aarch64_insn_get_rev32_value",
    "aarch64_insn_get_rev64_value",
    "aarch64_insn_get_rorv_value",
    "aarch64_insn_get_sb_value",
    "aarch64_insn_get_sbfm_value",
    "aarch64_insn_get_sdiv_value",
    "aarch64_insn_get_signed_ldr_reg_value",
    "aarch64_insn_get_signed_load_imm_value",
    "aarch64_insn_get_smc_value",
    "aarch64_insn_get_ssbb_value",
    "aarch64_insn_get_store_ex_value",
    "aarch64_insn_get_store_imm_value",
    "aarch64_insn_get_store_post_value",
    "aarch64_insn_get_store_pre_value",
    "aarch64_insn_get_stp_post_value",
    "aarch64_insn_get_stp_pre_value",
    "aarch64_insn_get_stp_value",
    "aarch64_insn_get_str_imm_value",
    "aarch64_insn_get_str_reg_value",
    "aarch64_insn_get_sub_imm_value",
    "aarch64_insn_get_sub_value",
    "aarch64_insn_get_subs_imm_value",
    "aarch64_insn_get_subs_value",
    "aarch64_insn_get_svc_value",
    "aarch64_insn_get_swp_value",
    "aarch64_insn_get_tbnz_value",
    "aarch64_insn_get_tbz_value",
    "aarch64_insn_get_ubfm_value",
    "aarch64_insn_get_udiv_value",
    "aarch64_insn_is_add",
    "aarch64_insn_is_add_imm",
    "aarch64_insn_is_adds",
    "aarch64_insn_is_adds_imm",
    "aarch64_insn_is_adr",
    "aarch64_insn_is_adr_adrp",
    "aarch64_insn_is_adrp",
    "aarch64_insn_is_and",
    "aarch64_insn_is_and_imm",
    "aarch64_insn_is_ands",
    "aarch64_insn_is_ands_imm",
    "aarch64_insn_is_asrv",
    "aarch64_insn_is_b",
    "aarch64_insn_is_barrier",
    "aarch64_insn_is_bcond",
    "aarch64_insn_is_bfm",
    "aarch64_insn_is_bic",
    "aarch64_insn_is_bics",
    "aarch64_insn_is_bl",
    "aarch64_insn_is_blr",
    "aarch64_insn_is_blr_auth",
    "aarch64_insn_is_br",
    "aarch64_insn_is_br_auth",
    "aarch64_insn_is_branch",
    "aarch64_insn_is_branch_imm",
    "aarch64_insn_is_brk",
    "aarch64_insn_is_bti",
    "aarch64_insn_is_cas",
    "aarch64_insn_is_cbnz",
    "aarch64_insn_is_cbz",
    "aarch64_insn_is_class_branch_sys",
    "aarch64_insn_is_clrex",
    "aarch64_insn_is_dmb",
    "aarch64_insn_is_dsb",
    "aarch64_insn_is_dsb_base",
    "aarch64_insn_is_dsb_nxs",
    "aarch64_insn_is_eon",
    "aarch64_insn_is_eor",
    "aarch64_insn_is_eor_imm",
    "aarch64_insn_is_eret",
    "aarch64_insn_is_eret_auth",
    "aarch64_insn_is_exception",
    "aarch64_insn_is_exclusive",
    "aarch64_insn_is_extr",
    "aarch64_insn_is_hint",
    "aarch64_insn_is_hvc",
    "aarch64_insn_is_isb",
    "aarch64_insn_is_ldadd",
    "aarch64_insn_is_ldclr",
    "aarch64_insn_is_ldeor",
    "aarch64_insn_is_ldp",
    "aarch64_insn_is_ldp_post",
    "aarch64_insn_is_ldp_pre",
    "aarch64_insn_is_ldr_imm",
    "aarch64_insn_is_ldr_lit",
    "aarch64_insn_is_ldr_reg",
    "aarch64_insn_is_ldrsw_lit",
    "aarch64_insn_is_ldset",
    "aarch64_insn_is_load_ex",
    "aarch64_insn_is_load_imm",
    "aarch64_insn_is_load_pair",
    "aarch64_insn_is_load_post",
    "aarch64_insn_is_load_pre",
    "aarch64_insn_is_load_single",
    "aarch64_insn_is_lslv",
    "aarch64_insn_is_lsrv",
    "aarch64_insn_is_madd",
    "aarch64_insn_is_mops",
    "aarch64_insn_is_mov_reg",
    "aarch64_insn_is_movk",
    "aarch64_insn_is_movn",
    "aarch64_insn_is_movz",
    "aarch64_insn_is_mrs",
    "aarch64_insn_is_msr_imm",
    "aarch64_insn_is_msr_reg",
    "aarch64_insn_is_msub",
    "aarch64_insn_is_nop",
    "aarch64_insn_is_orn",
    "aarch64_insn_is_orr",
    "aarch64_insn_is_orr_imm",
    "aarch64_insn_is_prfm",
    "aarch64_insn_is_prfm_lit",
    "aarch64_insn_is_pssbb",
    "aarch64_insn_is_ret",
    "aarch64_insn_is_ret_auth",
    "aarch64_insn_is_rev16",
    "aarch64_insn_is_rev32",
    "aarch64_insn_is_rev64",
    "aarch64_insn_is_rorv",
    "aarch64_insn_is_sb",
    "aarch64_insn_is_sbfm",
    "aarch64_insn_is_sdiv",
    "aarch64_insn_is_signed_ldr_reg",
    "aarch64_insn_is_signed_load_imm",
    "aarch64_insn_is_smc",
    "aarch64_insn_is_ssbb",
    "aarch64_insn_is_steppable_hint",
    "aarch64_insn_is_store_ex",
    "aarch64_insn_is_store_imm",
    "aarch64_insn_is_store_pair",
    "aarch64_insn_is_store_post",
    "aarch64_insn_is_store_pre",
    "aarch64_insn_is_store_single",
    "aarch64_insn_is_stp",
    "aarch64_insn_is_stp_post",
    "aarch64_insn_is_stp_pre",
    "aarch64_insn_is_str_imm",
    "aarch64_insn_is_str_reg",
    "aarch64_insn_is_sub",
    "aarch64_insn_is_sub_imm",
    "aarch64_insn_is_subs",
    "aarch64_insn_is_subs_imm",
    "aarch64_insn_is_svc",
    "aarch64_insn_is_swp",
    "aarch64_insn_is_tbnz",
    "aarch64_insn_is_tbz",
    "aarch64_insn_is_ubfm",
    "aarch64_insn_is_udiv",
    "aarch64_insn_uses_literal",
]  # written out so type checkers see every name
