"""System instructions: hints, barriers, PSTATE, system register moves."""

from __future__ import annotations

from ..operands.sysops import AT_KIND, BRB_KIND, DC_KIND, IC_KIND, TLBI_KIND, SysOp
from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

A = Alias
E = Encoding

_HINT = "1101010100 0 00 011 0010"  # L=0 op0=00 op1=011 CRn=0010


def _hint(rid: str, crm: str, op2: str, asm: str, **flags: object) -> E:
    return E(rid, f"{_HINT} CRm={crm} op2={op2} 11111", asm, **flags)  # type: ignore[arg-type]


_SPECIFIC_HINTS = (
    _hint("NOP_HI_hints",        "0000", "000", "nop", hotpatch_safe=True),
    _hint("YIELD_HI_hints",      "0000", "001", "yield"),
    _hint("WFE_HI_hints",        "0000", "010", "wfe"),
    _hint("WFI_HI_hints",        "0000", "011", "wfi"),
    _hint("SEV_HI_hints",        "0000", "100", "sev"),
    _hint("SEVL_HI_hints",       "0000", "101", "sevl"),
    _hint("DGH_HI_hints",        "0000", "110", "dgh", feature="DGH"),
    _hint("XPACLRI_HI_hints",    "0000", "111", "xpaclri", feature="PAuth"),
    _hint("PACIA1716_HI_hints",  "0001", "000", "pacia1716", feature="PAuth"),
    _hint("PACIB1716_HI_hints",  "0001", "010", "pacib1716", feature="PAuth"),
    _hint("AUTIA1716_HI_hints",  "0001", "100", "autia1716", feature="PAuth"),
    _hint("AUTIB1716_HI_hints",  "0001", "110", "autib1716", feature="PAuth"),
    _hint("ESB_HI_hints",        "0010", "000", "esb", feature="RAS"),
    _hint("PSB_HC_hints",        "0010", "001", "psb csync", feature="SPE"),
    _hint("TSB_HC_hints",        "0010", "010", "tsb csync", feature="TRF"),
    _hint("CSDB_HI_hints",       "0010", "100", "csdb"),
    _hint("CLRBHB_HI_hints",     "0010", "110", "clrbhb", feature="CLRBHB"),
    _hint("PACIAZ_HI_hints",     "0011", "000", "paciaz", feature="PAuth"),
    _hint("PACIASP_HI_hints",    "0011", "001", "paciasp", feature="PAuth"),
    _hint("PACIBZ_HI_hints",     "0011", "010", "pacibz", feature="PAuth"),
    _hint("PACIBSP_HI_hints",    "0011", "011", "pacibsp", feature="PAuth"),
    _hint("AUTIAZ_HI_hints",     "0011", "100", "autiaz", feature="PAuth"),
    _hint("AUTIASP_HI_hints",    "0011", "101", "autiasp", feature="PAuth"),
    _hint("AUTIBZ_HI_hints",     "0011", "110", "autibz", feature="PAuth"),
    _hint("AUTIBSP_HI_hints",    "0011", "111", "autibsp", feature="PAuth"),
    _hint("BTI_HB_hints",        "0100", "xx0", "bti[[ {BTI:op2}]]", feature="BTI"),
)  # fmt: skip

_BARRIER = "1101010100 0 00 011 0011"  # CRn=0011

# MSR (immediate): the PSTATE fields, by op1:op2. PAN, UAO and SSBS take a
# 1-bit immediate (CRm<3:1> must be 000); SVCR{SM,ZA,SMZA} are op1=011 op2=011
# with the target in CRm<2:1> (001, 010, 011) and the value in CRm<0>.
_PSTATE_OK = (
    "(op1 << 3 | op2) in (5, 26, 28, 30, 31)"
    " or ((op1 << 3 | op2) in (3, 4, 25) and CRm < 2)"
    " or ((op1 << 3 | op2) == 27 and 2 <= CRm <= 7)"
)

ENCODINGS = (
    *_SPECIFIC_HINTS,
    E("HINT_HM_hints",  f"{_HINT} CRm:4 op2:3 11111",  "hint {IMM:CRm,op2}"),
    # System instructions with register argument (FEAT_WFxT)
    E("WFET_only_systeminstrswithreg", "1101010100 0 00 011 0001 0000 000 Rd:5",  "wfet {X:Rd}", feature="WFxT"),
    E("WFIT_only_systeminstrswithreg", "1101010100 0 00 011 0001 0000 001 Rd:5",  "wfit {X:Rd}", feature="WFxT"),
    # Barriers
    E("CLREX_BN_barriers", f"{_BARRIER} CRm:4 op2=010 11111",  "clrex[[ {IMM:CRm=15}]]",
      barrier=True),
    E("DSB_BOn_barriers",  f"{_BARRIER} imm2:2 10 op2=001 11111",  "dsb {BARRIER_NXS:imm2}",
      barrier=True, feature="XS"),
    E("TCOMMIT_only_barriers", f"{_BARRIER} CRm=0000 op2=011 11111",  "tcommit", feature="TME"),
    E("SSBB_only_barriers",  f"{_BARRIER} CRm=0000 op2=100 11111",  "ssbb", barrier=True),
    E("PSSBB_only_barriers", f"{_BARRIER} CRm=0100 op2=100 11111",  "pssbb", barrier=True),
    E("DSB_BO_barriers",   f"{_BARRIER} CRm:4 op2=100 11111",  "dsb {BARRIER:CRm}", barrier=True),
    E("DMB_BO_barriers",   f"{_BARRIER} CRm:4 op2=101 11111",  "dmb {BARRIER:CRm}", barrier=True),
    E("ISB_BI_barriers",   f"{_BARRIER} CRm:4 op2=110 11111",  "isb[[ {IMM:CRm=15}]]",
      barrier=True, hotpatch_safe=True),
    E("SB_only_barriers",  f"{_BARRIER} (0000) op2=111 11111",  "sb", barrier=True, feature="SB"),
    # PSTATE
    E("CFINV_M_pstate",   "1101010100 0 00 000 0100 (0000) 000 11111",  "cfinv", feature="FlagM"),
    E("XAFLAG_M_pstate",  "1101010100 0 00 000 0100 (0000) 001 11111",  "xaflag", feature="FlagM2"),
    E("AXFLAG_M_pstate",  "1101010100 0 00 000 0100 (0000) 010 11111",  "axflag", feature="FlagM2"),
    E("MSR_SI_pstate",    "1101010100 0 00 op1:3 0100 CRm:4 op2:3 11111",
      "msr {PSTATEFIELD:op1,op2}, {IMM:CRm}",
      exclude=(f"not ({_PSTATE_OK})",)),
    # System instructions with result (FEAT_TME)
    E("TSTART_BR_systemresult", "1101010100 1 00 011 0011 0000 011 Rt:5",  "tstart {X:Rt}", feature="TME"),
    E("TTEST_BR_systemresult",  "1101010100 1 00 011 0011 0001 011 Rt:5",  "ttest {X:Rt}", feature="TME"),
    # System instructions
    E("SYS_CR_systeminstrs",  "1101010100 L=0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5",
      "sys {IMM:op1}, {CR:CRn}, {CR:CRm}, {IMM:op2}[[, {X:Rt=31}]]"),
    E("SYSL_RC_systeminstrs", "1101010100 L=1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5",
      "sysl {X:Rt}, {IMM:op1}, {CR:CRn}, {CR:CRm}, {IMM:op2}"),
    # System register moves
    E("MRS_RS_systemmove", "1101010100 L=1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5",
      "mrs {X:Rt}, {SYSREG_R:o0,op1,CRn,CRm,op2}"),
    E("MSR_SR_systemmove", "1101010100 L=0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5",
      "msr {SYSREG_W:o0,op1,CRn,CRm,op2}, {X:Rt}"),
)  # fmt: skip


def _in(kind: SysOp) -> str:
    """An alias condition: op1:CRn:CRm:op2 is one of the operations *kind* names."""
    keys = ", ".join(str(k) for k in sorted(kind.keys()))
    return f"(op1 << 11 | CRn << 7 | CRm << 3 | op2) in ({keys},)"


_SYS = "SYS_CR_systeminstrs"
_SOP = "op1,CRn,CRm,op2,Rt"

ALIASES: tuple[A, ...] = (
    # SMSTART / SMSTOP (FEAT_SME): MSR SVCR{SM,ZA,SMZA}, #imm
    A("SMSTART_MSR_SI_pstate",    "MSR_SI_pstate", "op1=011 CRm=0111 op2=011", "smstart"),
    A("SMSTART_MSR_SI_pstate_sm", "MSR_SI_pstate", "op1=011 CRm=0011 op2=011", "smstart sm"),
    A("SMSTART_MSR_SI_pstate_za", "MSR_SI_pstate", "op1=011 CRm=0101 op2=011", "smstart za"),
    A("SMSTOP_MSR_SI_pstate",     "MSR_SI_pstate", "op1=011 CRm=0110 op2=011", "smstop"),
    A("SMSTOP_MSR_SI_pstate_sm",  "MSR_SI_pstate", "op1=011 CRm=0010 op2=011", "smstop sm"),
    A("SMSTOP_MSR_SI_pstate_za",  "MSR_SI_pstate", "op1=011 CRm=0100 op2=011", "smstop za"),
    # SYS aliases, by SysOp(op1, CRn, CRm, op2)
    A("AT_SYS_CR_systeminstrs",   _SYS, "CRn=0111", f"at {{ATOP:{_SOP}}}",   cond=_in(AT_KIND)),
    A("DC_SYS_CR_systeminstrs",   _SYS, "CRn=0111", f"dc {{DCOP:{_SOP}}}",   cond=_in(DC_KIND)),
    A("IC_SYS_CR_systeminstrs",   _SYS, "CRn=0111", f"ic {{ICOP:{_SOP}}}",   cond=_in(IC_KIND)),
    A("TLBI_SYS_CR_systeminstrs", _SYS, "",         f"tlbi {{TLBIOP:{_SOP}}}", cond=_in(TLBI_KIND)),
    A("BRB_SYS_CR_systeminstrs",  _SYS, "op1=001 CRn=0111 CRm=0010", f"brb {{BRBOP:{_SOP}}}",
      cond=_in(BRB_KIND)),
    A("CFP_SYS_CR_systeminstrs",  _SYS, "op1=011 CRn=0111 CRm=0011 op2=100", "cfp rctx, {X:Rt}"),
    A("DVP_SYS_CR_systeminstrs",  _SYS, "op1=011 CRn=0111 CRm=0011 op2=101", "dvp rctx, {X:Rt}"),
    A("CPP_SYS_CR_systeminstrs",  _SYS, "op1=011 CRn=0111 CRm=0011 op2=111", "cpp rctx, {X:Rt}"),
)  # fmt: skip

OVERLAPS = (
    OverlapGroup("hints", tuple(h.id for h in _SPECIFIC_HINTS) + ("HINT_HM_hints",)),
    OverlapGroup("dsb", ("SSBB_only_barriers", "PSSBB_only_barriers", "DSB_BO_barriers")),
    OverlapGroup("pstate-flags", ("CFINV_M_pstate", "XAFLAG_M_pstate", "AXFLAG_M_pstate", "MSR_SI_pstate")),
)

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
