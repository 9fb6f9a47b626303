"""The AArch32 helpers of the kernel's instruction API.

Mirror of the ``aarch32_insn_*`` functions of ``arch/arm64/lib/insn.c`` at commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b, and of ``aarch32_opcode_cond_checks``, which
insn.h declares and, at that commit, ``arch/arm64/kernel/traps.c`` defines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = [
    "PSR_C_BIT",
    "PSR_N_BIT",
    "PSR_V_BIT",
    "PSR_Z_BIT",
    "aarch32_insn_extract_reg_num",
    "aarch32_insn_is_wide",
    "aarch32_insn_mcr_extract_crm",
    "aarch32_insn_mcr_extract_opc2",
    "aarch32_opcode_cond_checks",
]

_M32: Final = 0xFFFFFFFF
_M64: Final = 0xFFFFFFFFFFFFFFFF

PSR_N_BIT: Final = 0x80000000
"""``PSR_N_BIT``: negative flag in PSTATE."""
PSR_Z_BIT: Final = 0x40000000
"""``PSR_Z_BIT``: zero flag in PSTATE."""
PSR_C_BIT: Final = 0x20000000
"""``PSR_C_BIT``: carry flag in PSTATE."""
PSR_V_BIT: Final = 0x10000000
"""``PSR_V_BIT``: overflow flag in PSTATE."""


def aarch32_insn_is_wide(insn: int) -> bool:
    """Mirror of aarch32_insn_is_wide() in arch/arm64/lib/insn.c.

    True when the first halfword of a T32 instruction starts a 32-bit encoding:
    ``insn >= 0xe800``.
    """
    return (insn & _M32) >= 0xE800


def aarch32_insn_extract_reg_num(insn: int, offset: int) -> int:
    """Mirror of aarch32_insn_extract_reg_num() in arch/arm64/lib/insn.c.

    The 4-bit register number at bit *offset* (A32_RN_OFFSET=16, A32_RT_OFFSET=12,
    A32_RT2_OFFSET=0). Offsets outside 0..31 are undefined behaviour in C; here they
    raise ``ValueError``.
    """
    if not 0 <= offset <= 31:
        raise ValueError(f"aarch32_insn_extract_reg_num: offset {offset} is outside 0..31")
    return ((insn & _M32) >> offset) & 0xF


def aarch32_insn_mcr_extract_opc2(insn: int) -> int:
    """Mirror of aarch32_insn_mcr_extract_opc2() in arch/arm64/lib/insn.c: bits 7:5."""
    return ((insn & _M32) >> 5) & 0x7


def aarch32_insn_mcr_extract_crm(insn: int) -> int:
    """Mirror of aarch32_insn_mcr_extract_crm() in arch/arm64/lib/insn.c: bits 3:0."""
    return insn & 0xF


def _check_eq(pstate: int) -> bool:
    return (pstate & PSR_Z_BIT) != 0


def _check_ne(pstate: int) -> bool:
    return (pstate & PSR_Z_BIT) == 0


def _check_cs(pstate: int) -> bool:
    return (pstate & PSR_C_BIT) != 0


def _check_cc(pstate: int) -> bool:
    return (pstate & PSR_C_BIT) == 0


def _check_mi(pstate: int) -> bool:
    return (pstate & PSR_N_BIT) != 0


def _check_pl(pstate: int) -> bool:
    return (pstate & PSR_N_BIT) == 0


def _check_vs(pstate: int) -> bool:
    return (pstate & PSR_V_BIT) != 0


def _check_vc(pstate: int) -> bool:
    return (pstate & PSR_V_BIT) == 0


def _check_hi(pstate: int) -> bool:
    # C set and Z clear: clear C wherever Z (one bit above) is set
    return (pstate & ~(pstate >> 1) & PSR_C_BIT) != 0


def _check_ls(pstate: int) -> bool:
    return (pstate & ~(pstate >> 1) & PSR_C_BIT) == 0


def _check_ge(pstate: int) -> bool:
    # N == V: fold V (three bits below N) into N
    return ((pstate ^ (pstate << 3)) & PSR_N_BIT) == 0


def _check_lt(pstate: int) -> bool:
    return ((pstate ^ (pstate << 3)) & PSR_N_BIT) != 0


def _check_gt(pstate: int) -> bool:
    # Z clear and N == V
    return (((pstate ^ (pstate << 3)) | (pstate << 1)) & PSR_N_BIT) == 0


def _check_le(pstate: int) -> bool:
    return (((pstate ^ (pstate << 3)) | (pstate << 1)) & PSR_N_BIT) != 0


def _check_al(pstate: int) -> bool:
    return True


aarch32_opcode_cond_checks: Final[tuple[Callable[[int], bool], ...]] = (
    _check_eq, _check_ne, _check_cs, _check_cc,
    _check_mi, _check_pl, _check_vs, _check_vc,
    _check_hi, _check_ls, _check_ge, _check_lt,
    _check_gt, _check_le, _check_al, _check_al,
)
"""Mirror of ``aarch32_opcode_cond_checks[16]`` (insn.h; defined in arch/arm64/kernel/traps.c).

Index by an A32 condition code (EQ=0 .. AL=14); each checker takes PSTATE and tells
whether the condition passes. Code 15 ("nv") behaves as AL, as the Arm ARM states.
"""
