"""The kernel's own instruction predicates: one row per ``__AARCH64_INSN_FUNCS`` line.

Typed in verbatim, in source order, from ``arch/arm64/include/asm/insn.h`` matching mainline
``arch/arm64/lib/insn.c`` at commit 36ec807b627b4c0a0a382f0ae48eac7187d14b2b (the version
with the SIGNED_* ldst types and ``aarch64_insn_gen_mrs``; docs/kernel-mirror.md records
what was checked). Each row yields ``aarch64_insn_is_<abbr>(code)``, true when
``code & mask == value``, and ``aarch64_insn_get_<abbr>_value()``, which returns ``value``.

``covers`` lists the Arm encoding IDs the predicate is meant to match. The kernel's masks
are sometimes wider than the architecture; docs/kernel-mirror.md lists what each predicate
accepts beyond its ``covers``.
"""

from __future__ import annotations

from aarch64insn.spec import KernelFunc as K

from ._cache import shared


def _sizes(stem: str, cls: str, *, b: bool = True, h: bool = True) -> tuple[str, ...]:
    """The B/H/32/64 rows of one load/store, e.g. ``STRB_32_ldst_pos`` .. ``STR_64_ldst_pos``."""
    ids: list[str] = []
    if b:
        ids.append(f"{stem}B_32_{cls}")
    if h:
        ids.append(f"{stem}H_32_{cls}")
    ids += [f"{stem}_32_{cls}", f"{stem}_64_{cls}"]
    return tuple(ids)


def _memop(op: str) -> tuple[str, ...]:
    """Every size and ordering of one LSE atomic, e.g. ``LDADDB_32_memop`` .. ``LDADDAL_64_memop``."""
    ids: list[str] = []
    for order in ("", "A", "AL", "L"):
        ids += [f"{op}{order}B_32_memop", f"{op}{order}H_32_memop"]
    for order in ("", "A", "AL", "L"):
        ids += [f"{op}{order}_32_memop", f"{op}{order}_64_memop"]
    return tuple(ids)


def _cas() -> tuple[str, ...]:
    """Every size and ordering of CAS: ``CASB_C32_comswap`` .. ``CASAL_C64_comswap``."""
    ids: list[str] = []
    for order in ("", "A", "AL", "L"):
        ids += [f"CAS{order}B_C32_comswap", f"CAS{order}H_C32_comswap"]
    for order in ("", "A", "AL", "L"):
        ids += [f"CAS{order}_C32_comswap", f"CAS{order}_C64_comswap"]
    return tuple(ids)


def _w_x(stem32: str, stem64: str | None = None) -> tuple[str, str]:
    """The 32- and 64-bit rows of a data-processing instruction."""
    return (stem32, stem64 if stem64 is not None else stem32.replace("_32", "_64", 1))


_LOAD_EXCL = (
    "LDXRB_LR32_ldstexclr", "LDAXRB_LR32_ldstexclr", "LDXRH_LR32_ldstexclr", "LDAXRH_LR32_ldstexclr",
    "LDXR_LR32_ldstexclr", "LDXR_LR64_ldstexclr", "LDAXR_LR32_ldstexclr", "LDAXR_LR64_ldstexclr",
    "LDXP_LP32_ldstexclp", "LDXP_LP64_ldstexclp", "LDAXP_LP32_ldstexclp", "LDAXP_LP64_ldstexclp",
)
_STORE_EXCL = (
    "STXRB_SR32_ldstexclr", "STLXRB_SR32_ldstexclr", "STXRH_SR32_ldstexclr", "STLXRH_SR32_ldstexclr",
    "STXR_SR32_ldstexclr", "STXR_SR64_ldstexclr", "STLXR_SR32_ldstexclr", "STLXR_SR64_ldstexclr",
    "STXP_SP32_ldstexclp", "STXP_SP64_ldstexclp", "STLXP_SP32_ldstexclp", "STLXP_SP64_ldstexclp",
)
_MOPS = tuple(
    f"{op}{phase}_{cls}_memcms"
    for op, cls in (("CPYF", "CPY"), ("CPY", "CPY"), ("SET", "SET"), ("SETG", "SET"))
    for phase in ("P", "M", "E")
)

KERNEL_FUNCS: tuple[K, ...] = (
    # Verbatim from __AARCH64_INSN_FUNCS in insn.h at the pinned commit, in source order.
    # A whole encoding group (C3.1 op0 = x101x); it is not meant to name single encodings.
    K("class_branch_sys", 0x1c000000, 0x14000000),
    K("adr",        0x9F000000, 0x10000000, covers=("ADR_only_pcreladdr",)),
    K("adrp",       0x9F000000, 0x90000000, covers=("ADRP_only_pcreladdr",)),
    #  ^ prfm and signed_load_imm below share one mask/value: each also matches the other's words.
    K("prfm",       0x3FC00000, 0x39800000, covers=("PRFM_P_ldst_pos",)),
    K("prfm_lit",   0xFF000000, 0xD8000000, covers=("PRFM_P_loadlit",)),
    K("store_imm",  0x3FC00000, 0x39000000, covers=_sizes("STR", "ldst_pos")),
    K("load_imm",   0x3FC00000, 0x39400000, covers=_sizes("LDR", "ldst_pos")),
    K("signed_load_imm", 0X3FC00000, 0x39800000,      # "0X" as written in insn.h
      covers=("LDRSB_64_ldst_pos", "LDRSH_64_ldst_pos", "LDRSW_64_ldst_pos")),
    K("store_pre",  0x3FE00C00, 0x38000C00, covers=_sizes("STR", "ldst_immpre")),
    K("load_pre",   0x3FE00C00, 0x38400C00, covers=_sizes("LDR", "ldst_immpre")),
    K("store_post", 0x3FE00C00, 0x38000400, covers=_sizes("STR", "ldst_immpost")),
    K("load_post",  0x3FE00C00, 0x38400400, covers=_sizes("LDR", "ldst_immpost")),
    K("str_reg",    0x3FE0EC00, 0x38206800,           # option fixed to 011 (LSL): STRB's BL form
      # also the LSL words of STRH_32/STR_32/STR_64_ldst_regoff; covers lists whole rows only
      covers=("STRB_32BL_ldst_regoff",)),
    K("str_imm",    0x3FC00000, 0x39000000, covers=_sizes("STR", "ldst_pos")),
    K("ldadd",      0x3F20FC00, 0x38200000, covers=_memop("LDADD")),
    K("ldclr",      0x3F20FC00, 0x38201000, covers=_memop("LDCLR")),
    K("ldeor",      0x3F20FC00, 0x38202000, covers=_memop("LDEOR")),
    K("ldset",      0x3F20FC00, 0x38203000, covers=_memop("LDSET")),
    K("swp",        0x3F20FC00, 0x38208000, covers=_memop("SWP")),
    K("cas",        0x3FA07C00, 0x08A07C00, covers=_cas()),
    K("ldr_reg",    0x3FE0EC00, 0x38606800,
      # also the LSL words of LDRH_32/LDR_32/LDR_64_ldst_regoff; covers lists whole rows only
      covers=("LDRB_32BL_ldst_regoff",)),
    K("signed_ldr_reg", 0X3FE0FC00, 0x38A0E800,       # option fixed to 111 (SXTX), S=0
      # the SXTX, S=0 words of LDRSB_64B/LDRSH_64/LDRSW_64_ldst_regoff; covers lists whole rows only
      covers=()),
    K("ldr_imm",    0x3FC00000, 0x39400000, covers=_sizes("LDR", "ldst_pos")),
    K("ldr_lit",    0xBF000000, 0x18000000, covers=("LDR_32_loadlit", "LDR_64_loadlit")),
    K("ldrsw_lit",  0xFF000000, 0x98000000, covers=("LDRSW_64_loadlit",)),
    #  v bit 23 = 0 and bit 21 untested: also CASP*; load_ex/store_ex also LDAR/STLR and CAS*.
    K("exclusive",  0x3F800000, 0x08000000, covers=_LOAD_EXCL + _STORE_EXCL),
    K("load_ex",    0x3F400000, 0x08400000, covers=_LOAD_EXCL),
    K("store_ex",   0x3F400000, 0x08000000, covers=_STORE_EXCL),
    K("mops",       0x3B200C00, 0x19000400, covers=_MOPS),
    K("stp",        0x7FC00000, 0x29000000, covers=("STP_32_ldstpair_off", "STP_64_ldstpair_off")),
    K("ldp",        0x7FC00000, 0x29400000, covers=("LDP_32_ldstpair_off", "LDP_64_ldstpair_off")),
    K("stp_post",   0x7FC00000, 0x28800000, covers=("STP_32_ldstpair_post", "STP_64_ldstpair_post")),
    K("ldp_post",   0x7FC00000, 0x28C00000, covers=("LDP_32_ldstpair_post", "LDP_64_ldstpair_post")),
    K("stp_pre",    0x7FC00000, 0x29800000, covers=("STP_32_ldstpair_pre", "STP_64_ldstpair_pre")),
    K("ldp_pre",    0x7FC00000, 0x29C00000, covers=("LDP_32_ldstpair_pre", "LDP_64_ldstpair_pre")),
    #  v bit 23 untested: add_imm also accepts ADDG (0x91800000), sub_imm SUBG (0xd1800000).
    K("add_imm",    0x7F000000, 0x11000000, covers=_w_x("ADD_32_addsub_imm")),
    K("adds_imm",   0x7F000000, 0x31000000, covers=_w_x("ADDS_32S_addsub_imm", "ADDS_64S_addsub_imm")),
    K("sub_imm",    0x7F000000, 0x51000000, covers=_w_x("SUB_32_addsub_imm")),
    K("subs_imm",   0x7F000000, 0x71000000, covers=_w_x("SUBS_32S_addsub_imm", "SUBS_64S_addsub_imm")),
    K("movn",       0x7F800000, 0x12800000, covers=_w_x("MOVN_32_movewide")),
    K("sbfm",       0x7F800000, 0x13000000, covers=_w_x("SBFM_32M_bitfield", "SBFM_64M_bitfield")),
    K("bfm",        0x7F800000, 0x33000000, covers=_w_x("BFM_32M_bitfield", "BFM_64M_bitfield")),
    K("movz",       0x7F800000, 0x52800000, covers=_w_x("MOVZ_32_movewide")),
    K("ubfm",       0x7F800000, 0x53000000, covers=_w_x("UBFM_32M_bitfield", "UBFM_64M_bitfield")),
    K("movk",       0x7F800000, 0x72800000, covers=_w_x("MOVK_32_movewide")),
    K("add",        0x7F200000, 0x0B000000, covers=_w_x("ADD_32_addsub_shift")),
    K("adds",       0x7F200000, 0x2B000000, covers=_w_x("ADDS_32_addsub_shift")),
    K("sub",        0x7F200000, 0x4B000000, covers=_w_x("SUB_32_addsub_shift")),
    K("subs",       0x7F200000, 0x6B000000, covers=_w_x("SUBS_32_addsub_shift")),
    K("madd",       0x7FE08000, 0x1B000000, covers=_w_x("MADD_32A_dp_3src", "MADD_64A_dp_3src")),
    K("msub",       0x7FE08000, 0x1B008000, covers=_w_x("MSUB_32A_dp_3src", "MSUB_64A_dp_3src")),
    K("udiv",       0x7FE0FC00, 0x1AC00800, covers=_w_x("UDIV_32_dp_2src")),
    K("sdiv",       0x7FE0FC00, 0x1AC00C00, covers=_w_x("SDIV_32_dp_2src")),
    K("lslv",       0x7FE0FC00, 0x1AC02000, covers=_w_x("LSLV_32_dp_2src")),
    K("lsrv",       0x7FE0FC00, 0x1AC02400, covers=_w_x("LSRV_32_dp_2src")),
    K("asrv",       0x7FE0FC00, 0x1AC02800, covers=_w_x("ASRV_32_dp_2src")),
    K("rorv",       0x7FE0FC00, 0x1AC02C00, covers=_w_x("RORV_32_dp_2src")),
    K("rev16",      0x7FFFFC00, 0x5AC00400, covers=_w_x("REV16_32_dp_1src")),
    K("rev32",      0x7FFFFC00, 0x5AC00800, covers=("REV_32_dp_1src", "REV32_64_dp_1src")),
    #  v sf untested: the 32-bit word 0x5ac00c00 (unallocated) matches too.
    K("rev64",      0x7FFFFC00, 0x5AC00C00, covers=("REV_64_dp_1src",)),
    K("and",        0x7F200000, 0x0A000000, covers=_w_x("AND_32_log_shift")),
    K("bic",        0x7F200000, 0x0A200000, covers=_w_x("BIC_32_log_shift")),
    K("orr",        0x7F200000, 0x2A000000, covers=_w_x("ORR_32_log_shift")),
    K("mov_reg",    0x7FE0FFE0, 0x2A0003E0, covers=_w_x("MOV_ORR_32_log_shift")),
    K("orn",        0x7F200000, 0x2A200000, covers=_w_x("ORN_32_log_shift")),
    K("eor",        0x7F200000, 0x4A000000, covers=_w_x("EOR_32_log_shift")),
    K("eon",        0x7F200000, 0x4A200000, covers=_w_x("EON_32_log_shift")),
    K("ands",       0x7F200000, 0x6A000000, covers=_w_x("ANDS_32_log_shift")),
    K("bics",       0x7F200000, 0x6A200000, covers=_w_x("BICS_32_log_shift")),
    K("and_imm",    0x7F800000, 0x12000000, covers=_w_x("AND_32_log_imm")),
    K("orr_imm",    0x7F800000, 0x32000000, covers=_w_x("ORR_32_log_imm")),
    K("eor_imm",    0x7F800000, 0x52000000, covers=_w_x("EOR_32_log_imm")),
    K("ands_imm",   0x7F800000, 0x72000000, covers=_w_x("ANDS_32S_log_imm", "ANDS_64S_log_imm")),
    K("extr",       0x7FA00000, 0x13800000, covers=_w_x("EXTR_32_extract")),
    K("b",          0xFC000000, 0x14000000, covers=("B_only_branch_imm",)),
    K("bl",         0xFC000000, 0x94000000, covers=("BL_only_branch_imm",)),
    K("cbz",        0x7F000000, 0x34000000, covers=_w_x("CBZ_32_compbranch")),
    K("cbnz",       0x7F000000, 0x35000000, covers=_w_x("CBNZ_32_compbranch")),
    K("tbz",        0x7F000000, 0x36000000, covers=("TBZ_only_testbranch",)),
    K("tbnz",       0x7F000000, 0x37000000, covers=("TBNZ_only_testbranch",)),
    K("bcond",      0xFF000010, 0x54000000, covers=("B_only_condbranch",)),
    K("svc",        0xFFE0001F, 0xD4000001, covers=("SVC_EX_exception",)),
    K("hvc",        0xFFE0001F, 0xD4000002, covers=("HVC_EX_exception",)),
    K("smc",        0xFFE0001F, 0xD4000003, covers=("SMC_EX_exception",)),
    K("brk",        0xFFE0001F, 0xD4200000, covers=("BRK_EX_exception",)),
    K("exception",  0xFF000000, 0xD4000000,
      covers=("SVC_EX_exception", "HVC_EX_exception", "SMC_EX_exception", "BRK_EX_exception",
              "HLT_EX_exception", "DCPS1_DC_exception", "DCPS2_DC_exception", "DCPS3_DC_exception")),
    K("hint",       0xFFFFF01F, 0xD503201F, covers=("HINT_HM_hints",)),
    K("br",         0xFFFFFC1F, 0xD61F0000, covers=("BR_64_branch_reg",)),
    K("br_auth",    0xFEFFF800, 0xD61F0800,
      covers=("BRAAZ_64_branch_reg", "BRABZ_64_branch_reg", "BRAA_64P_branch_reg", "BRAB_64P_branch_reg")),
    K("blr",        0xFFFFFC1F, 0xD63F0000, covers=("BLR_64_branch_reg",)),
    K("blr_auth",   0xFEFFF800, 0xD63F0800,
      covers=("BLRAAZ_64_branch_reg", "BLRABZ_64_branch_reg", "BLRAA_64P_branch_reg", "BLRAB_64P_branch_reg")),
    K("ret",        0xFFFFFC1F, 0xD65F0000, covers=("RET_64R_branch_reg",)),
    K("ret_auth",   0xFFFFFBFF, 0xD65F0BFF, covers=("RETAA_64E_branch_reg", "RETAB_64E_branch_reg")),
    K("eret",       0xFFFFFFFF, 0xD69F03E0, covers=("ERET_64E_branch_reg",)),
    K("eret_auth",  0xFFFFFBFF, 0xD69F0BFF, covers=("ERETAA_64E_branch_reg", "ERETAB_64E_branch_reg")),
    K("mrs",        0xFFF00000, 0xD5300000, covers=("MRS_RS_systemmove",)),
    K("msr_imm",    0xFFF8F01F, 0xD500401F, covers=("MSR_SI_pstate",)),
    K("msr_reg",    0xFFF00000, 0xD5100000, covers=("MSR_SR_systemmove",)),
    K("dmb",        0xFFFFF0FF, 0xD50330BF, covers=("DMB_BO_barriers",)),
    K("dsb_base",   0xFFFFF0FF, 0xD503309F, covers=("DSB_BO_barriers",)),
    K("dsb_nxs",    0xFFFFF3FF, 0xD503323F, covers=("DSB_BOn_barriers",)),
    K("isb",        0xFFFFF0FF, 0xD50330DF, covers=("ISB_BI_barriers",)),
    K("sb",         0xFFFFFFFF, 0xD50330FF, covers=("SB_only_barriers",)),
    K("clrex",      0xFFFFF0FF, 0xD503305F, covers=("CLREX_BN_barriers",)),
    K("ssbb",       0xFFFFFFFF, 0xD503309F, covers=("SSBB_only_barriers",)),
    K("pssbb",      0xFFFFFFFF, 0xD503349F, covers=("PSSBB_only_barriers",)),
    K("bti",        0xFFFFFF3F, 0xD503241f, covers=("BTI_HB_hints",)),
)

# with the table read from its row cache, these are the table's own row objects
KERNEL_FUNCS = shared(__name__, "KERNEL_FUNCS", KERNEL_FUNCS)
