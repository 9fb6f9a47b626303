"""Enums and constants of the Linux kernel's arm64 instruction API, with the kernel's values.

Mirror of the enums in ``arch/arm64/include/asm/insn.h`` and the constants of
``arch/arm64/include/asm/insn-def.h`` / ``arch/arm64/lib/insn.c`` at mainline commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b (see docs/kernel-mirror.md for what was checked).

Every C enumerator exists twice: as an :class:`enum.IntEnum` member (``BranchType.LINK``)
and as a module-level constant spelled as in C (``AARCH64_INSN_BRANCH_LINK``), which is the
same member object. The functions of :mod:`aarch64insn.kernel` accept any ``int`` where C
takes an enum, as C does.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

__all__: list[str] = []  # filled in at the end of the module


class KernelBUG(AssertionError):  # noqa: N818 - named after the kernel's BUG()
    """Raised where the kernel calls ``BUG()`` or a failing ``BUG_ON()``.

    The kernel would oops; the mirror raises instead. The message names the C function and
    the instruction word, e.g. ``"aarch64_get_branch_offset: BUG() on insn 0xd503201f"``.
    """


# --------------------------------------------------------------------------------------
# insn-def.h / brk-imm.h / debug-monitors.h constants
# --------------------------------------------------------------------------------------

AARCH64_INSN_SIZE: Final = 4
"""Size in bytes of one A64 instruction (``AARCH64_INSN_SIZE``)."""

AARCH64_BREAK_MON: Final = 0xD4200000
"""``BRK #0`` (``AARCH64_BREAK_MON``)."""

FAULT_BRK_IMM: Final = 0x100
"""BRK immediate the kernel reserves for its fault sentinel (``FAULT_BRK_IMM``)."""

KGDB_DYN_DBG_BRK_IMM: Final = 0x400
"""``KGDB_DYN_DBG_BRK_IMM`` from brk-imm.h."""

KGDB_COMPILED_DBG_BRK_IMM: Final = 0x401
"""``KGDB_COMPILED_DBG_BRK_IMM`` from brk-imm.h."""

BUG_BRK_IMM: Final = 0x800
"""``BUG_BRK_IMM`` from brk-imm.h."""

AARCH64_BREAK_FAULT: Final = AARCH64_BREAK_MON | (FAULT_BRK_IMM << 5)
"""``BRK #0x100`` = 0xd4202000: the value every ``aarch64_insn_gen_*`` returns on error."""

# Private to arch/arm64/lib/insn.c; kept here because the mirror needs them.
AARCH64_INSN_SF_BIT: Final = 1 << 31
"""``AARCH64_INSN_SF_BIT`` (private to insn.c): the sf bit, 64-bit operation."""

AARCH64_INSN_N_BIT: Final = 1 << 22
"""``AARCH64_INSN_N_BIT`` (private to insn.c): the N bit of bitfield/logical immediates."""

AARCH64_INSN_LSL_12: Final = 1 << 22
"""``AARCH64_INSN_LSL_12`` (private to insn.c): add/sub immediate shifted by 12."""

ADR_IMM_HILOSPLIT: Final = 2
"""``ADR_IMM_HILOSPLIT`` (private to insn.c)."""

ADR_IMM_SIZE: Final = 2 << 20
"""``ADR_IMM_SIZE`` = SZ_2M (private to insn.c)."""

ADR_IMM_LOMASK: Final = (1 << ADR_IMM_HILOSPLIT) - 1
"""``ADR_IMM_LOMASK`` = 0x3 (private to insn.c)."""

ADR_IMM_HIMASK: Final = (ADR_IMM_SIZE >> ADR_IMM_HILOSPLIT) - 1
"""``ADR_IMM_HIMASK`` = 0x7ffff (private to insn.c)."""

ADR_IMM_LOSHIFT: Final = 29
"""``ADR_IMM_LOSHIFT`` (private to insn.c)."""

ADR_IMM_HISHIFT: Final = 5
"""``ADR_IMM_HISHIFT`` (private to insn.c)."""

A32_RN_OFFSET: Final = 16
"""``A32_RN_OFFSET``: bit offset of Rn in an A32 instruction."""

A32_RT_OFFSET: Final = 12
"""``A32_RT_OFFSET``: bit offset of Rt in an A32 instruction."""

A32_RT2_OFFSET: Final = 0
"""``A32_RT2_OFFSET``: bit offset of Rt2 in an A32 instruction."""


# --------------------------------------------------------------------------------------
# Enums (insn.h declaration order and values)
# --------------------------------------------------------------------------------------


class EncodingClass(IntEnum):
    """``enum aarch64_insn_encoding_class`` with its v6.1 values.

    Removed from insn.h by "arm64: insn: simplify insn group identification" (v6.3), so it
    does not exist at the pinned commit; kept with the v6.1 values (``AARCH64_INSN_CLS_*``)
    for :func:`aarch64insn.kernel.aarch64_get_insn_class`.
    """

    UNKNOWN = 0
    SVE = 1
    DP_IMM = 2
    DP_REG = 3
    DP_FPSIMD = 4
    LDST = 5
    BR_SYS = 6


class HintCrOp(IntEnum):
    """``enum aarch64_insn_hint_cr_op``: ``CRm:op2`` of a HINT, already shifted left by 5."""

    NOP = 0x0 << 5
    YIELD = 0x1 << 5
    WFE = 0x2 << 5
    WFI = 0x3 << 5
    SEV = 0x4 << 5
    SEVL = 0x5 << 5
    XPACLRI = 0x07 << 5
    PACIA_1716 = 0x08 << 5
    PACIB_1716 = 0x0A << 5
    AUTIA_1716 = 0x0C << 5
    AUTIB_1716 = 0x0E << 5
    PACIAZ = 0x18 << 5
    PACIASP = 0x19 << 5
    PACIBZ = 0x1A << 5
    PACIBSP = 0x1B << 5
    AUTIAZ = 0x1C << 5
    AUTIASP = 0x1D << 5
    AUTIBZ = 0x1E << 5
    AUTIBSP = 0x1F << 5
    ESB = 0x10 << 5
    PSB = 0x11 << 5
    TSB = 0x12 << 5
    CSDB = 0x14 << 5
    CLEARBHB = 0x16 << 5
    BTI = 0x20 << 5
    BTIC = 0x22 << 5
    BTIJ = 0x24 << 5
    BTIJC = 0x26 << 5


class ImmType(IntEnum):
    """``enum aarch64_insn_imm_type``: which immediate field to encode or decode."""

    IMM_ADR = 0
    IMM_26 = 1
    IMM_19 = 2
    IMM_16 = 3
    IMM_14 = 4
    IMM_12 = 5
    IMM_9 = 6
    IMM_7 = 7
    IMM_6 = 8
    IMM_S = 9
    IMM_R = 10
    IMM_N = 11
    IMM_MAX = 12


class RegisterType(IntEnum):
    """``enum aarch64_insn_register_type``: which register field (Rt, Rn, ...)."""

    RT = 0
    RN = 1
    RT2 = 2
    RM = 3
    RD = 4
    RA = 5
    RS = 6


class Register(IntEnum):
    """``enum aarch64_insn_register``: X0..X30, with FP=29, LR=30, ZR=SP=31."""

    REG_0 = 0
    REG_1 = 1
    REG_2 = 2
    REG_3 = 3
    REG_4 = 4
    REG_5 = 5
    REG_6 = 6
    REG_7 = 7
    REG_8 = 8
    REG_9 = 9
    REG_10 = 10
    REG_11 = 11
    REG_12 = 12
    REG_13 = 13
    REG_14 = 14
    REG_15 = 15
    REG_16 = 16
    REG_17 = 17
    REG_18 = 18
    REG_19 = 19
    REG_20 = 20
    REG_21 = 21
    REG_22 = 22
    REG_23 = 23
    REG_24 = 24
    REG_25 = 25
    REG_26 = 26
    REG_27 = 27
    REG_28 = 28
    REG_29 = 29
    FP = 29
    REG_30 = 30
    LR = 30
    ZR = 31
    SP = 31


class SpecialRegister(IntEnum):
    """``enum aarch64_insn_special_register``: op0:op1:CRn:CRm:op2 of MSR/MRS (bits 20:5)."""

    SPSR_EL1 = 0xC200
    ELR_EL1 = 0xC201
    SP_EL0 = 0xC208
    SPSEL = 0xC210
    CURRENTEL = 0xC212
    DAIF = 0xDA11
    NZCV = 0xDA10
    FPCR = 0xDA20
    DSPSR_EL0 = 0xDA28
    DLR_EL0 = 0xDA29
    SPSR_EL2 = 0xE200
    ELR_EL2 = 0xE201
    SP_EL1 = 0xE208
    SPSR_INQ = 0xE218
    SPSR_ABT = 0xE219
    SPSR_UND = 0xE21A
    SPSR_FIQ = 0xE21B
    SPSR_EL3 = 0xF200
    ELR_EL3 = 0xF201
    SP_EL2 = 0xF210


class SystemRegister(IntEnum):
    """``enum aarch64_insn_system_register`` (used by ``aarch64_insn_gen_mrs``): o0..op2 bits 19:5."""

    TPIDR_EL1 = 0x4684
    TPIDR_EL2 = 0x6682
    SP_EL0 = 0x4208


class Variant(IntEnum):
    """``enum aarch64_insn_variant``: 32-bit (W) or 64-bit (X) operation."""

    BIT32 = 0
    BIT64 = 1


class Condition(IntEnum):
    """``enum aarch64_insn_condition``: EQ..AL (there is no NV)."""

    EQ = 0x0
    NE = 0x1
    CS = 0x2
    CC = 0x3
    MI = 0x4
    PL = 0x5
    VS = 0x6
    VC = 0x7
    HI = 0x8
    LS = 0x9
    GE = 0xA
    LT = 0xB
    GT = 0xC
    LE = 0xD
    AL = 0xE


class BranchType(IntEnum):
    """``enum aarch64_insn_branch_type``."""

    NOLINK = 0
    LINK = 1
    RETURN = 2
    COMP_ZERO = 3
    COMP_NONZERO = 4


class SizeType(IntEnum):
    """``enum aarch64_insn_size_type``: access size of a load/store."""

    SIZE_8 = 0
    SIZE_16 = 1
    SIZE_32 = 2
    SIZE_64 = 3


class LdstType(IntEnum):
    """``enum aarch64_insn_ldst_type`` with the late-v6.x values (SIGNED_* appended)."""

    LOAD_REG_OFFSET = 0
    STORE_REG_OFFSET = 1
    LOAD_IMM_OFFSET = 2
    STORE_IMM_OFFSET = 3
    LOAD_PAIR_PRE_INDEX = 4
    STORE_PAIR_PRE_INDEX = 5
    LOAD_PAIR_POST_INDEX = 6
    STORE_PAIR_POST_INDEX = 7
    LOAD_EX = 8
    LOAD_ACQ_EX = 9
    STORE_EX = 10
    STORE_REL_EX = 11
    SIGNED_LOAD_IMM_OFFSET = 12
    SIGNED_LOAD_REG_OFFSET = 13


class AdsbType(IntEnum):
    """``enum aarch64_insn_adsb_type``: ADD, SUB, ADDS, SUBS."""

    ADD = 0
    SUB = 1
    ADD_SETFLAGS = 2
    SUB_SETFLAGS = 3


class MovewideType(IntEnum):
    """``enum aarch64_insn_movewide_type``: MOVZ, MOVK, MOVN."""

    ZERO = 0
    KEEP = 1
    INVERSE = 2


class BitfieldType(IntEnum):
    """``enum aarch64_insn_bitfield_type``: BFM, UBFM, SBFM."""

    MOVE = 0
    MOVE_UNSIGNED = 1
    MOVE_SIGNED = 2


class Data1Type(IntEnum):
    """``enum aarch64_insn_data1_type``: REV16, REV32 (REV for W), REV (64)."""

    REVERSE_16 = 0
    REVERSE_32 = 1
    REVERSE_64 = 2


class Data2Type(IntEnum):
    """``enum aarch64_insn_data2_type``."""

    UDIV = 0
    SDIV = 1
    LSLV = 2
    LSRV = 3
    ASRV = 4
    RORV = 5


class Data3Type(IntEnum):
    """``enum aarch64_insn_data3_type``."""

    MADD = 0
    MSUB = 1


class LogicType(IntEnum):
    """``enum aarch64_insn_logic_type``."""

    AND = 0
    BIC = 1
    ORR = 2
    ORN = 3
    EOR = 4
    EON = 5
    AND_SETFLAGS = 6
    BIC_SETFLAGS = 7


class PrfmType(IntEnum):
    """``enum aarch64_insn_prfm_type`` (still declared at the pin; its generator was removed)."""

    PLD = 0
    PLI = 1
    PST = 2


class PrfmTarget(IntEnum):
    """``enum aarch64_insn_prfm_target``."""

    L1 = 0
    L2 = 1
    L3 = 2


class PrfmPolicy(IntEnum):
    """``enum aarch64_insn_prfm_policy``."""

    KEEP = 0
    STRM = 1


class AdrType(IntEnum):
    """``enum aarch64_insn_adr_type``."""

    ADRP = 0
    ADR = 1


class MemAtomicOp(IntEnum):
    """``enum aarch64_insn_mem_atomic_op``."""

    ADD = 0
    CLR = 1
    EOR = 2
    SET = 3
    SWP = 4


class MemOrderType(IntEnum):
    """``enum aarch64_insn_mem_order_type``."""

    NONE = 0
    ACQ = 1
    REL = 2
    ACQREL = 3


class MbType(IntEnum):
    """``enum aarch64_insn_mb_type``: barrier domain/type (gen_dmb rejects the OSH* values)."""

    SY = 0
    ST = 1
    LD = 2
    ISH = 3
    ISHST = 4
    ISHLD = 5
    NSH = 6
    NSHST = 7
    NSHLD = 8
    OSH = 9
    OSHST = 10
    OSHLD = 11


# --------------------------------------------------------------------------------------
# Kernel-spelled constants: generated once by tools in the mirror's history, kept explicit
# so that type checkers and autodoc see every name. Each is the IntEnum member itself.
# --------------------------------------------------------------------------------------

# EncodingClass
AARCH64_INSN_CLS_UNKNOWN: Final = EncodingClass.UNKNOWN
AARCH64_INSN_CLS_SVE: Final = EncodingClass.SVE
AARCH64_INSN_CLS_DP_IMM: Final = EncodingClass.DP_IMM
AARCH64_INSN_CLS_DP_REG: Final = EncodingClass.DP_REG
AARCH64_INSN_CLS_DP_FPSIMD: Final = EncodingClass.DP_FPSIMD
AARCH64_INSN_CLS_LDST: Final = EncodingClass.LDST
AARCH64_INSN_CLS_BR_SYS: Final = EncodingClass.BR_SYS

# HintCrOp
AARCH64_INSN_HINT_NOP: Final = HintCrOp.NOP
AARCH64_INSN_HINT_YIELD: Final = HintCrOp.YIELD
AARCH64_INSN_HINT_WFE: Final = HintCrOp.WFE
AARCH64_INSN_HINT_WFI: Final = HintCrOp.WFI
AARCH64_INSN_HINT_SEV: Final = HintCrOp.SEV
AARCH64_INSN_HINT_SEVL: Final = HintCrOp.SEVL
AARCH64_INSN_HINT_XPACLRI: Final = HintCrOp.XPACLRI
AARCH64_INSN_HINT_PACIA_1716: Final = HintCrOp.PACIA_1716
AARCH64_INSN_HINT_PACIB_1716: Final = HintCrOp.PACIB_1716
AARCH64_INSN_HINT_AUTIA_1716: Final = HintCrOp.AUTIA_1716
AARCH64_INSN_HINT_AUTIB_1716: Final = HintCrOp.AUTIB_1716
AARCH64_INSN_HINT_PACIAZ: Final = HintCrOp.PACIAZ
AARCH64_INSN_HINT_PACIASP: Final = HintCrOp.PACIASP
AARCH64_INSN_HINT_PACIBZ: Final = HintCrOp.PACIBZ
AARCH64_INSN_HINT_PACIBSP: Final = HintCrOp.PACIBSP
AARCH64_INSN_HINT_AUTIAZ: Final = HintCrOp.AUTIAZ
AARCH64_INSN_HINT_AUTIASP: Final = HintCrOp.AUTIASP
AARCH64_INSN_HINT_AUTIBZ: Final = HintCrOp.AUTIBZ
AARCH64_INSN_HINT_AUTIBSP: Final = HintCrOp.AUTIBSP
AARCH64_INSN_HINT_ESB: Final = HintCrOp.ESB
AARCH64_INSN_HINT_PSB: Final = HintCrOp.PSB
AARCH64_INSN_HINT_TSB: Final = HintCrOp.TSB
AARCH64_INSN_HINT_CSDB: Final = HintCrOp.CSDB
AARCH64_INSN_HINT_CLEARBHB: Final = HintCrOp.CLEARBHB
AARCH64_INSN_HINT_BTI: Final = HintCrOp.BTI
AARCH64_INSN_HINT_BTIC: Final = HintCrOp.BTIC
AARCH64_INSN_HINT_BTIJ: Final = HintCrOp.BTIJ
AARCH64_INSN_HINT_BTIJC: Final = HintCrOp.BTIJC

# ImmType
AARCH64_INSN_IMM_ADR: Final = ImmType.IMM_ADR
AARCH64_INSN_IMM_26: Final = ImmType.IMM_26
AARCH64_INSN_IMM_19: Final = ImmType.IMM_19
AARCH64_INSN_IMM_16: Final = ImmType.IMM_16
AARCH64_INSN_IMM_14: Final = ImmType.IMM_14
AARCH64_INSN_IMM_12: Final = ImmType.IMM_12
AARCH64_INSN_IMM_9: Final = ImmType.IMM_9
AARCH64_INSN_IMM_7: Final = ImmType.IMM_7
AARCH64_INSN_IMM_6: Final = ImmType.IMM_6
AARCH64_INSN_IMM_S: Final = ImmType.IMM_S
AARCH64_INSN_IMM_R: Final = ImmType.IMM_R
AARCH64_INSN_IMM_N: Final = ImmType.IMM_N
AARCH64_INSN_IMM_MAX: Final = ImmType.IMM_MAX

# RegisterType
AARCH64_INSN_REGTYPE_RT: Final = RegisterType.RT
AARCH64_INSN_REGTYPE_RN: Final = RegisterType.RN
AARCH64_INSN_REGTYPE_RT2: Final = RegisterType.RT2
AARCH64_INSN_REGTYPE_RM: Final = RegisterType.RM
AARCH64_INSN_REGTYPE_RD: Final = RegisterType.RD
AARCH64_INSN_REGTYPE_RA: Final = RegisterType.RA
AARCH64_INSN_REGTYPE_RS: Final = RegisterType.RS

# Register
AARCH64_INSN_REG_0: Final = Register.REG_0
AARCH64_INSN_REG_1: Final = Register.REG_1
AARCH64_INSN_REG_2: Final = Register.REG_2
AARCH64_INSN_REG_3: Final = Register.REG_3
AARCH64_INSN_REG_4: Final = Register.REG_4
AARCH64_INSN_REG_5: Final = Register.REG_5
AARCH64_INSN_REG_6: Final = Register.REG_6
AARCH64_INSN_REG_7: Final = Register.REG_7
AARCH64_INSN_REG_8: Final = Register.REG_8
AARCH64_INSN_REG_9: Final = Register.REG_9
AARCH64_INSN_REG_10: Final = Register.REG_10
AARCH64_INSN_REG_11: Final = Register.REG_11
AARCH64_INSN_REG_12: Final = Register.REG_12
AARCH64_INSN_REG_13: Final = Register.REG_13
AARCH64_INSN_REG_14: Final = Register.REG_14
AARCH64_INSN_REG_15: Final = Register.REG_15
AARCH64_INSN_REG_16: Final = Register.REG_16
AARCH64_INSN_REG_17: Final = Register.REG_17
AARCH64_INSN_REG_18: Final = Register.REG_18
AARCH64_INSN_REG_19: Final = Register.REG_19
AARCH64_INSN_REG_20: Final = Register.REG_20
AARCH64_INSN_REG_21: Final = Register.REG_21
AARCH64_INSN_REG_22: Final = Register.REG_22
AARCH64_INSN_REG_23: Final = Register.REG_23
AARCH64_INSN_REG_24: Final = Register.REG_24
AARCH64_INSN_REG_25: Final = Register.REG_25
AARCH64_INSN_REG_26: Final = Register.REG_26
AARCH64_INSN_REG_27: Final = Register.REG_27
AARCH64_INSN_REG_28: Final = Register.REG_28
AARCH64_INSN_REG_29: Final = Register.REG_29
AARCH64_INSN_REG_FP: Final = Register.FP
AARCH64_INSN_REG_30: Final = Register.REG_30
AARCH64_INSN_REG_LR: Final = Register.LR
AARCH64_INSN_REG_ZR: Final = Register.ZR
AARCH64_INSN_REG_SP: Final = Register.SP

# SpecialRegister
AARCH64_INSN_SPCLREG_SPSR_EL1: Final = SpecialRegister.SPSR_EL1
AARCH64_INSN_SPCLREG_ELR_EL1: Final = SpecialRegister.ELR_EL1
AARCH64_INSN_SPCLREG_SP_EL0: Final = SpecialRegister.SP_EL0
AARCH64_INSN_SPCLREG_SPSEL: Final = SpecialRegister.SPSEL
AARCH64_INSN_SPCLREG_CURRENTEL: Final = SpecialRegister.CURRENTEL
AARCH64_INSN_SPCLREG_DAIF: Final = SpecialRegister.DAIF
AARCH64_INSN_SPCLREG_NZCV: Final = SpecialRegister.NZCV
AARCH64_INSN_SPCLREG_FPCR: Final = SpecialRegister.FPCR
AARCH64_INSN_SPCLREG_DSPSR_EL0: Final = SpecialRegister.DSPSR_EL0
AARCH64_INSN_SPCLREG_DLR_EL0: Final = SpecialRegister.DLR_EL0
AARCH64_INSN_SPCLREG_SPSR_EL2: Final = SpecialRegister.SPSR_EL2
AARCH64_INSN_SPCLREG_ELR_EL2: Final = SpecialRegister.ELR_EL2
AARCH64_INSN_SPCLREG_SP_EL1: Final = SpecialRegister.SP_EL1
AARCH64_INSN_SPCLREG_SPSR_INQ: Final = SpecialRegister.SPSR_INQ
AARCH64_INSN_SPCLREG_SPSR_ABT: Final = SpecialRegister.SPSR_ABT
AARCH64_INSN_SPCLREG_SPSR_UND: Final = SpecialRegister.SPSR_UND
AARCH64_INSN_SPCLREG_SPSR_FIQ: Final = SpecialRegister.SPSR_FIQ
AARCH64_INSN_SPCLREG_SPSR_EL3: Final = SpecialRegister.SPSR_EL3
AARCH64_INSN_SPCLREG_ELR_EL3: Final = SpecialRegister.ELR_EL3
AARCH64_INSN_SPCLREG_SP_EL2: Final = SpecialRegister.SP_EL2

# SystemRegister
AARCH64_INSN_SYSREG_TPIDR_EL1: Final = SystemRegister.TPIDR_EL1
AARCH64_INSN_SYSREG_TPIDR_EL2: Final = SystemRegister.TPIDR_EL2
AARCH64_INSN_SYSREG_SP_EL0: Final = SystemRegister.SP_EL0

# Variant
AARCH64_INSN_VARIANT_32BIT: Final = Variant.BIT32
AARCH64_INSN_VARIANT_64BIT: Final = Variant.BIT64

# Condition
AARCH64_INSN_COND_EQ: Final = Condition.EQ
AARCH64_INSN_COND_NE: Final = Condition.NE
AARCH64_INSN_COND_CS: Final = Condition.CS
AARCH64_INSN_COND_CC: Final = Condition.CC
AARCH64_INSN_COND_MI: Final = Condition.MI
AARCH64_INSN_COND_PL: Final = Condition.PL
AARCH64_INSN_COND_VS: Final = Condition.VS
AARCH64_INSN_COND_VC: Final = Condition.VC
AARCH64_INSN_COND_HI: Final = Condition.HI
AARCH64_INSN_COND_LS: Final = Condition.LS
AARCH64_INSN_COND_GE: Final = Condition.GE
AARCH64_INSN_COND_LT: Final = Condition.LT
AARCH64_INSN_COND_GT: Final = Condition.GT
AARCH64_INSN_COND_LE: Final = Condition.LE
AARCH64_INSN_COND_AL: Final = Condition.AL

# BranchType
AARCH64_INSN_BRANCH_NOLINK: Final = BranchType.NOLINK
AARCH64_INSN_BRANCH_LINK: Final = BranchType.LINK
AARCH64_INSN_BRANCH_RETURN: Final = BranchType.RETURN
AARCH64_INSN_BRANCH_COMP_ZERO: Final = BranchType.COMP_ZERO
AARCH64_INSN_BRANCH_COMP_NONZERO: Final = BranchType.COMP_NONZERO

# SizeType
AARCH64_INSN_SIZE_8: Final = SizeType.SIZE_8
AARCH64_INSN_SIZE_16: Final = SizeType.SIZE_16
AARCH64_INSN_SIZE_32: Final = SizeType.SIZE_32
AARCH64_INSN_SIZE_64: Final = SizeType.SIZE_64

# LdstType
AARCH64_INSN_LDST_LOAD_REG_OFFSET: Final = LdstType.LOAD_REG_OFFSET
AARCH64_INSN_LDST_STORE_REG_OFFSET: Final = LdstType.STORE_REG_OFFSET
AARCH64_INSN_LDST_LOAD_IMM_OFFSET: Final = LdstType.LOAD_IMM_OFFSET
AARCH64_INSN_LDST_STORE_IMM_OFFSET: Final = LdstType.STORE_IMM_OFFSET
AARCH64_INSN_LDST_LOAD_PAIR_PRE_INDEX: Final = LdstType.LOAD_PAIR_PRE_INDEX
AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX: Final = LdstType.STORE_PAIR_PRE_INDEX
AARCH64_INSN_LDST_LOAD_PAIR_POST_INDEX: Final = LdstType.LOAD_PAIR_POST_INDEX
AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX: Final = LdstType.STORE_PAIR_POST_INDEX
AARCH64_INSN_LDST_LOAD_EX: Final = LdstType.LOAD_EX
AARCH64_INSN_LDST_LOAD_ACQ_EX: Final = LdstType.LOAD_ACQ_EX
AARCH64_INSN_LDST_STORE_EX: Final = LdstType.STORE_EX
AARCH64_INSN_LDST_STORE_REL_EX: Final = LdstType.STORE_REL_EX
AARCH64_INSN_LDST_SIGNED_LOAD_IMM_OFFSET: Final = LdstType.SIGNED_LOAD_IMM_OFFSET
AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET: Final = LdstType.SIGNED_LOAD_REG_OFFSET

# AdsbType
AARCH64_INSN_ADSB_ADD: Final = AdsbType.ADD
AARCH64_INSN_ADSB_SUB: Final = AdsbType.SUB
AARCH64_INSN_ADSB_ADD_SETFLAGS: Final = AdsbType.ADD_SETFLAGS
AARCH64_INSN_ADSB_SUB_SETFLAGS: Final = AdsbType.SUB_SETFLAGS

# MovewideType
AARCH64_INSN_MOVEWIDE_ZERO: Final = MovewideType.ZERO
AARCH64_INSN_MOVEWIDE_KEEP: Final = MovewideType.KEEP
AARCH64_INSN_MOVEWIDE_INVERSE: Final = MovewideType.INVERSE

# BitfieldType
AARCH64_INSN_BITFIELD_MOVE: Final = BitfieldType.MOVE
AARCH64_INSN_BITFIELD_MOVE_UNSIGNED: Final = BitfieldType.MOVE_UNSIGNED
AARCH64_INSN_BITFIELD_MOVE_SIGNED: Final = BitfieldType.MOVE_SIGNED

# Data1Type
AARCH64_INSN_DATA1_REVERSE_16: Final = Data1Type.REVERSE_16
AARCH64_INSN_DATA1_REVERSE_32: Final = Data1Type.REVERSE_32
AARCH64_INSN_DATA1_REVERSE_64: Final = Data1Type.REVERSE_64

# Data2Type
AARCH64_INSN_DATA2_UDIV: Final = Data2Type.UDIV
AARCH64_INSN_DATA2_SDIV: Final = Data2Type.SDIV
AARCH64_INSN_DATA2_LSLV: Final = Data2Type.LSLV
AARCH64_INSN_DATA2_LSRV: Final = Data2Type.LSRV
AARCH64_INSN_DATA2_ASRV: Final = Data2Type.ASRV
AARCH64_INSN_DATA2_RORV: Final = Data2Type.RORV

# Data3Type
AARCH64_INSN_DATA3_MADD: Final = Data3Type.MADD
AARCH64_INSN_DATA3_MSUB: Final = Data3Type.MSUB

# LogicType
AARCH64_INSN_LOGIC_AND: Final = LogicType.AND
AARCH64_INSN_LOGIC_BIC: Final = LogicType.BIC
AARCH64_INSN_LOGIC_ORR: Final = LogicType.ORR
AARCH64_INSN_LOGIC_ORN: Final = LogicType.ORN
AARCH64_INSN_LOGIC_EOR: Final = LogicType.EOR
AARCH64_INSN_LOGIC_EON: Final = LogicType.EON
AARCH64_INSN_LOGIC_AND_SETFLAGS: Final = LogicType.AND_SETFLAGS
AARCH64_INSN_LOGIC_BIC_SETFLAGS: Final = LogicType.BIC_SETFLAGS

# PrfmType
AARCH64_INSN_PRFM_TYPE_PLD: Final = PrfmType.PLD
AARCH64_INSN_PRFM_TYPE_PLI: Final = PrfmType.PLI
AARCH64_INSN_PRFM_TYPE_PST: Final = PrfmType.PST

# PrfmTarget
AARCH64_INSN_PRFM_TARGET_L1: Final = PrfmTarget.L1
AARCH64_INSN_PRFM_TARGET_L2: Final = PrfmTarget.L2
AARCH64_INSN_PRFM_TARGET_L3: Final = PrfmTarget.L3

# PrfmPolicy
AARCH64_INSN_PRFM_POLICY_KEEP: Final = PrfmPolicy.KEEP
AARCH64_INSN_PRFM_POLICY_STRM: Final = PrfmPolicy.STRM

# AdrType
AARCH64_INSN_ADR_TYPE_ADRP: Final = AdrType.ADRP
AARCH64_INSN_ADR_TYPE_ADR: Final = AdrType.ADR

# MemAtomicOp
AARCH64_INSN_MEM_ATOMIC_ADD: Final = MemAtomicOp.ADD
AARCH64_INSN_MEM_ATOMIC_CLR: Final = MemAtomicOp.CLR
AARCH64_INSN_MEM_ATOMIC_EOR: Final = MemAtomicOp.EOR
AARCH64_INSN_MEM_ATOMIC_SET: Final = MemAtomicOp.SET
AARCH64_INSN_MEM_ATOMIC_SWP: Final = MemAtomicOp.SWP

# MemOrderType
AARCH64_INSN_MEM_ORDER_NONE: Final = MemOrderType.NONE
AARCH64_INSN_MEM_ORDER_ACQ: Final = MemOrderType.ACQ
AARCH64_INSN_MEM_ORDER_REL: Final = MemOrderType.REL
AARCH64_INSN_MEM_ORDER_ACQREL: Final = MemOrderType.ACQREL

# MbType
AARCH64_INSN_MB_SY: Final = MbType.SY
AARCH64_INSN_MB_ST: Final = MbType.ST
AARCH64_INSN_MB_LD: Final = MbType.LD
AARCH64_INSN_MB_ISH: Final = MbType.ISH
AARCH64_INSN_MB_ISHST: Final = MbType.ISHST
AARCH64_INSN_MB_ISHLD: Final = MbType.ISHLD
AARCH64_INSN_MB_NSH: Final = MbType.NSH
AARCH64_INSN_MB_NSHST: Final = MbType.NSHST
AARCH64_INSN_MB_NSHLD: Final = MbType.NSHLD
AARCH64_INSN_MB_OSH: Final = MbType.OSH
AARCH64_INSN_MB_OSHST: Final = MbType.OSHST
AARCH64_INSN_MB_OSHLD: Final = MbType.OSHLD

__all__ += [
    "A32_RN_OFFSET",
    "A32_RT2_OFFSET",
    "A32_RT_OFFSET",
    "AARCH64_BREAK_FAULT",
    "AARCH64_BREAK_MON",
    "AARCH64_INSN_ADR_TYPE_ADR",
    "AARCH64_INSN_ADR_TYPE_ADRP",
    "AARCH64_INSN_ADSB_ADD",
    "AARCH64_INSN_ADSB_ADD_SETFLAGS",
    "AARCH64_INSN_ADSB_SUB",
    "AARCH64_INSN_ADSB_SUB_SETFLAGS",
    "AARCH64_INSN_BITFIELD_MOVE",
    "AARCH64_INSN_BITFIELD_MOVE_SIGNED",
    "AARCH64_INSN_BITFIELD_MOVE_UNSIGNED",
    "AARCH64_INSN_BRANCH_COMP_NONZERO",
    "AARCH64_INSN_BRANCH_COMP_ZERO",
    "AARCH64_INSN_BRANCH_LINK",
    "AARCH64_INSN_BRANCH_NOLINK",
    "AARCH64_INSN_BRANCH_RETURN",
    "AARCH64_INSN_CLS_BR_SYS",
    "AARCH64_INSN_CLS_DP_FPSIMD",
    "AARCH64_INSN_CLS_DP_IMM",
    "AARCH64_INSN_CLS_DP_REG",
    "AARCH64_INSN_CLS_LDST",
    "AARCH64_INSN_CLS_SVE",
    "AARCH64_INSN_CLS_UNKNOWN",
    "AARCH64_INSN_COND_AL",
    "AARCH64_INSN_COND_CC",
    "AARCH64_INSN_COND_CS",
    "AARCH64_INSN_COND_EQ",
    "AARCH64_INSN_COND_GE",
    "AARCH64_INSN_COND_GT",
    "AARCH64_INSN_COND_HI",
    "AARCH64_INSN_COND_LE",
    "AARCH64_INSN_COND_LS",
    "AARCH64_INSN_COND_LT",
    "AARCH64_INSN_COND_MI",
    "AARCH64_INSN_COND_NE",
    "AARCH64_INSN_COND_PL",
    "AARCH64_INSN_COND_VC",
    "AARCH64_INSN_COND_VS",
    "AARCH64_INSN_DATA1_REVERSE_16",
    "AARCH64_INSN_DATA1_REVERSE_32",
    "AARCH64_INSN_DATA1_REVERSE_64",
    "AARCH64_INSN_DATA2_ASRV",
    "AARCH64_INSN_DATA2_LSLV",
    "AARCH64_INSN_DATA2_LSRV",
    "AARCH64_INSN_DATA2_RORV",
    "AARCH64_INSN_DATA2_SDIV",
    "AARCH64_INSN_DATA2_UDIV",
    "AARCH64_INSN_DATA3_MADD",
    "AARCH64_INSN_DATA3_MSUB",
    "AARCH64_INSN_REG_FP",
    "AARCH64_INSN_HINT_AUTIASP",
    "AARCH64_INSN_HINT_AUTIAZ",
    "AARCH64_INSN_HINT_AUTIA_1716",
    "AARCH64_INSN_HINT_AUTIBSP",
    "AARCH64_INSN_HINT_AUTIBZ",
    "AARCH64_INSN_HINT_AUTIB_1716",
    "AARCH64_INSN_HINT_BTI",
    "AARCH64_INSN_HINT_BTIC",
    "AARCH64_INSN_HINT_BTIJ",
    "AARCH64_INSN_HINT_BTIJC",
    "AARCH64_INSN_HINT_CLEARBHB",
    "AARCH64_INSN_HINT_CSDB",
    "AARCH64_INSN_HINT_ESB",
    "AARCH64_INSN_HINT_NOP",
    "AARCH64_INSN_HINT_PACIASP",
    "AARCH64_INSN_HINT_PACIAZ",
    "AARCH64_INSN_HINT_PACIA_1716",
    "AARCH64_INSN_HINT_PACIBSP",
    "AARCH64_INSN_HINT_PACIBZ",
    "AARCH64_INSN_HINT_PACIB_1716",
    "AARCH64_INSN_HINT_PSB",
    "AARCH64_INSN_HINT_SEV",
    "AARCH64_INSN_HINT_SEVL",
    "AARCH64_INSN_HINT_TSB",
    "AARCH64_INSN_HINT_WFE",
    "AARCH64_INSN_HINT_WFI",
    "AARCH64_INSN_HINT_XPACLRI",
    "AARCH64_INSN_HINT_YIELD",
    "AARCH64_INSN_IMM_6",
    "AARCH64_INSN_IMM_7",
    "AARCH64_INSN_IMM_9",
    "AARCH64_INSN_IMM_12",
    "AARCH64_INSN_IMM_14",
    "AARCH64_INSN_IMM_16",
    "AARCH64_INSN_IMM_19",
    "AARCH64_INSN_IMM_26",
    "AARCH64_INSN_IMM_ADR",
    "AARCH64_INSN_IMM_MAX",
    "AARCH64_INSN_IMM_N",
    "AARCH64_INSN_IMM_R",
    "AARCH64_INSN_IMM_S",
    "AARCH64_INSN_LDST_LOAD_ACQ_EX",
    "AARCH64_INSN_LDST_LOAD_EX",
    "AARCH64_INSN_LDST_LOAD_IMM_OFFSET",
    "AARCH64_INSN_LDST_LOAD_PAIR_POST_INDEX",
    "AARCH64_INSN_LDST_LOAD_PAIR_PRE_INDEX",
    "AARCH64_INSN_LDST_LOAD_REG_OFFSET",
    "AARCH64_INSN_LDST_SIGNED_LOAD_IMM_OFFSET",
    "AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET",
    "AARCH64_INSN_LDST_STORE_EX",
    "AARCH64_INSN_LDST_STORE_IMM_OFFSET",
    "AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX",
    "AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX",
    "AARCH64_INSN_LDST_STORE_REG_OFFSET",
    "AARCH64_INSN_LDST_STORE_REL_EX",
    "AARCH64_INSN_LOGIC_AND",
    "AARCH64_INSN_LOGIC_AND_SETFLAGS",
    "AARCH64_INSN_LOGIC_BIC",
    "AARCH64_INSN_LOGIC_BIC_SETFLAGS",
    "AARCH64_INSN_LOGIC_EON",
    "AARCH64_INSN_LOGIC_EOR",
    "AARCH64_INSN_LOGIC_ORN",
    "AARCH64_INSN_LOGIC_ORR",
    "AARCH64_INSN_REG_LR",
    "AARCH64_INSN_LSL_12",
    "AARCH64_INSN_MB_ISH",
    "AARCH64_INSN_MB_ISHLD",
    "AARCH64_INSN_MB_ISHST",
    "AARCH64_INSN_MB_LD",
    "AARCH64_INSN_MB_NSH",
    "AARCH64_INSN_MB_NSHLD",
    "AARCH64_INSN_MB_NSHST",
    "AARCH64_INSN_MB_OSH",
    "AARCH64_INSN_MB_OSHLD",
    "AARCH64_INSN_MB_OSHST",
    "AARCH64_INSN_MB_ST",
    "AARCH64_INSN_MB_SY",
    "AARCH64_INSN_MEM_ATOMIC_ADD",
    "AARCH64_INSN_MEM_ATOMIC_CLR",
    "AARCH64_INSN_MEM_ATOMIC_EOR",
    "AARCH64_INSN_MEM_ATOMIC_SET",
    "AARCH64_INSN_MEM_ATOMIC_SWP",
    "AARCH64_INSN_MEM_ORDER_ACQ",
    "AARCH64_INSN_MEM_ORDER_ACQREL",
    "AARCH64_INSN_MEM_ORDER_NONE",
    "AARCH64_INSN_MEM_ORDER_REL",
    "AARCH64_INSN_MOVEWIDE_INVERSE",
    "AARCH64_INSN_MOVEWIDE_KEEP",
    "AARCH64_INSN_MOVEWIDE_ZERO",
    "AARCH64_INSN_N_BIT",
    "AARCH64_INSN_PRFM_POLICY_KEEP",
    "AARCH64_INSN_PRFM_POLICY_STRM",
    "AARCH64_INSN_PRFM_TARGET_L1",
    "AARCH64_INSN_PRFM_TARGET_L2",
    "AARCH64_INSN_PRFM_TARGET_L3",
    "AARCH64_INSN_PRFM_TYPE_PLD",
    "AARCH64_INSN_PRFM_TYPE_PLI",
    "AARCH64_INSN_PRFM_TYPE_PST",
    "AARCH64_INSN_REGTYPE_RA",
    "AARCH64_INSN_REGTYPE_RD",
    "AARCH64_INSN_REGTYPE_RM",
    "AARCH64_INSN_REGTYPE_RN",
    "AARCH64_INSN_REGTYPE_RS",
    "AARCH64_INSN_REGTYPE_RT",
    "AARCH64_INSN_REGTYPE_RT2",
    "AARCH64_INSN_REG_0",
    "AARCH64_INSN_REG_1",
    "AARCH64_INSN_REG_2",
    "AARCH64_INSN_REG_3",
    "AARCH64_INSN_REG_4",
    "AARCH64_INSN_REG_5",
    "AARCH64_INSN_REG_6",
    "AARCH64_INSN_REG_7",
    "AARCH64_INSN_REG_8",
    "AARCH64_INSN_REG_9",
    "AARCH64_INSN_REG_10",
    "AARCH64_INSN_REG_11",
    "AARCH64_INSN_REG_12",
    "AARCH64_INSN_REG_13",
    "AARCH64_INSN_REG_14",
    "AARCH64_INSN_REG_15",
    "AARCH64_INSN_REG_16",
    "AARCH64_INSN_REG_17",
    "AARCH64_INSN_REG_18",
    "AARCH64_INSN_REG_19",
    "AARCH64_INSN_REG_20",
    "AARCH64_INSN_REG_21",
    "AARCH64_INSN_REG_22",
    "AARCH64_INSN_REG_23",
    "AARCH64_INSN_REG_24",
    "AARCH64_INSN_REG_25",
    "AARCH64_INSN_REG_26",
    "AARCH64_INSN_REG_27",
    "AARCH64_INSN_REG_28",
    "AARCH64_INSN_REG_29",
    "AARCH64_INSN_REG_30",
    "AARCH64_INSN_SF_BIT",
    "AARCH64_INSN_SIZE",
    "AARCH64_INSN_SIZE_8",
    "AARCH64_INSN_SIZE_16",
    "AARCH64_INSN_SIZE_32",
    "AARCH64_INSN_SIZE_64",
    "AARCH64_INSN_REG_SP",
    "AARCH64_INSN_SPCLREG_CURRENTEL",
    "AARCH64_INSN_SPCLREG_DAIF",
    "AARCH64_INSN_SPCLREG_DLR_EL0",
    "AARCH64_INSN_SPCLREG_DSPSR_EL0",
    "AARCH64_INSN_SPCLREG_ELR_EL1",
    "AARCH64_INSN_SPCLREG_ELR_EL2",
    "AARCH64_INSN_SPCLREG_ELR_EL3",
    "AARCH64_INSN_SPCLREG_FPCR",
    "AARCH64_INSN_SPCLREG_NZCV",
    "AARCH64_INSN_SPCLREG_SPSEL",
    "AARCH64_INSN_SPCLREG_SPSR_ABT",
    "AARCH64_INSN_SPCLREG_SPSR_EL1",
    "AARCH64_INSN_SPCLREG_SPSR_EL2",
    "AARCH64_INSN_SPCLREG_SPSR_EL3",
    "AARCH64_INSN_SPCLREG_SPSR_FIQ",
    "AARCH64_INSN_SPCLREG_SPSR_INQ",
    "AARCH64_INSN_SPCLREG_SPSR_UND",
    "AARCH64_INSN_SPCLREG_SP_EL0",
    "AARCH64_INSN_SPCLREG_SP_EL1",
    "AARCH64_INSN_SPCLREG_SP_EL2",
    "AARCH64_INSN_SYSREG_SP_EL0",
    "AARCH64_INSN_SYSREG_TPIDR_EL1",
    "AARCH64_INSN_SYSREG_TPIDR_EL2",
    "AARCH64_INSN_VARIANT_32BIT",
    "AARCH64_INSN_VARIANT_64BIT",
    "AARCH64_INSN_REG_ZR",
    "ADR_IMM_HILOSPLIT",
    "ADR_IMM_HIMASK",
    "ADR_IMM_HISHIFT",
    "ADR_IMM_LOMASK",
    "ADR_IMM_LOSHIFT",
    "ADR_IMM_SIZE",
    "BUG_BRK_IMM",
    "FAULT_BRK_IMM",
    "KGDB_COMPILED_DBG_BRK_IMM",
    "KGDB_DYN_DBG_BRK_IMM",
    "AdrType",
    "AdsbType",
    "BitfieldType",
    "BranchType",
    "Condition",
    "Data1Type",
    "Data2Type",
    "Data3Type",
    "EncodingClass",
    "HintCrOp",
    "ImmType",
    "KernelBUG",
    "LdstType",
    "LogicType",
    "MbType",
    "MemAtomicOp",
    "MemOrderType",
    "MovewideType",
    "PrfmPolicy",
    "PrfmTarget",
    "PrfmType",
    "Register",
    "RegisterType",
    "SizeType",
    "SpecialRegister",
    "SystemRegister",
    "Variant",
]
