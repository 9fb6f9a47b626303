"""System register names, keyed by the 16-bit op0:op1:CRn:CRm:op2 value.

The facts are the Arm ARM's (op0, op1, CRn, CRm, op2) for each register, in
the set and spelling that LLVM's ``AArch64SystemOperands.td`` of the LLVM 14
era lists (the generation capstone 5 and Debian's llvm-mc 14 were built
from), lower-cased as both tools print them. A register is readable (MRS),
writeable (MSR) or both; a name is only printed for the direction(s) the
register allows, otherwise the generic ``s<op0>_<op1>_c<n>_c<m>_<op2>``
spelling is used, as LLVM's printer does.

Series (``dbgbvr<n>_el1``, ``pmevcntr<n>_el0``, ``trcrsctlr<n>``, ...) are
expanded by small loops below; everything else is a literal.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["SYSREG_BY_NAME", "SYSREG_NAMES", "SYSREG_READ_NAMES", "SYSREG_WRITE_NAMES", "sysreg_key"]


def sysreg_key(op0: int, op1: int, crn: int, crm: int, op2: int) -> int:
    """The 16-bit op0:op1:CRn:CRm:op2 value."""
    return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2


# name: (op0, op1, CRn, CRm, op2) -------------------------------------------------------

#: Read-only registers (MRS only).
_RO: dict[str, tuple[int, int, int, int, int]] = {
    "mdccsr_el0": (2, 3, 0, 1, 0),
    "dbgdtrrx_el0": (2, 3, 0, 5, 0),
    "mdrar_el1": (2, 0, 1, 0, 0),
    "oslsr_el1": (2, 0, 1, 1, 4),
    "dbgauthstatus_el1": (2, 0, 7, 14, 6),
    "pmceid0_el0": (3, 3, 9, 12, 6),
    "pmceid1_el0": (3, 3, 9, 12, 7),
    "midr_el1": (3, 0, 0, 0, 0),
    "ccsidr_el1": (3, 1, 0, 0, 0),
    "ccsidr2_el1": (3, 1, 0, 0, 2),
    "clidr_el1": (3, 1, 0, 0, 1),
    "ctr_el0": (3, 3, 0, 0, 1),
    "mpidr_el1": (3, 0, 0, 0, 5),
    "revidr_el1": (3, 0, 0, 0, 6),
    "aidr_el1": (3, 1, 0, 0, 7),
    "dczid_el0": (3, 3, 0, 0, 7),
    "id_pfr0_el1": (3, 0, 0, 1, 0),
    "id_pfr1_el1": (3, 0, 0, 1, 1),
    "id_pfr2_el1": (3, 0, 0, 3, 4),
    "id_dfr0_el1": (3, 0, 0, 1, 2),
    "id_afr0_el1": (3, 0, 0, 1, 3),
    "id_mmfr0_el1": (3, 0, 0, 1, 4),
    "id_mmfr1_el1": (3, 0, 0, 1, 5),
    "id_mmfr2_el1": (3, 0, 0, 1, 6),
    "id_mmfr3_el1": (3, 0, 0, 1, 7),
    "id_isar0_el1": (3, 0, 0, 2, 0),
    "id_isar1_el1": (3, 0, 0, 2, 1),
    "id_isar2_el1": (3, 0, 0, 2, 2),
    "id_isar3_el1": (3, 0, 0, 2, 3),
    "id_isar4_el1": (3, 0, 0, 2, 4),
    "id_isar5_el1": (3, 0, 0, 2, 5),
    "id_isar6_el1": (3, 0, 0, 2, 7),
    "id_aa64pfr0_el1": (3, 0, 0, 4, 0),
    "id_aa64pfr1_el1": (3, 0, 0, 4, 1),
    "id_aa64dfr0_el1": (3, 0, 0, 5, 0),
    "id_aa64dfr1_el1": (3, 0, 0, 5, 1),
    "id_aa64afr0_el1": (3, 0, 0, 5, 4),
    "id_aa64afr1_el1": (3, 0, 0, 5, 5),
    "id_aa64isar0_el1": (3, 0, 0, 6, 0),
    "id_aa64isar1_el1": (3, 0, 0, 6, 1),
    "id_aa64isar2_el1": (3, 0, 0, 6, 2),
    "id_aa64mmfr0_el1": (3, 0, 0, 7, 0),
    "id_aa64mmfr1_el1": (3, 0, 0, 7, 1),
    "id_aa64mmfr2_el1": (3, 0, 0, 7, 2),
    "mvfr0_el1": (3, 0, 0, 3, 0),
    "mvfr1_el1": (3, 0, 0, 3, 1),
    "mvfr2_el1": (3, 0, 0, 3, 2),
    "rvbar_el1": (3, 0, 12, 0, 1),
    "rvbar_el2": (3, 4, 12, 0, 1),
    "rvbar_el3": (3, 6, 12, 0, 1),
    "isr_el1": (3, 0, 12, 1, 0),
    "cntpct_el0": (3, 3, 14, 0, 1),
    "cntvct_el0": (3, 3, 14, 0, 2),
    "id_mmfr4_el1": (3, 0, 0, 2, 6),
    "id_mmfr5_el1": (3, 0, 0, 3, 6),
    # trace
    "trcstatr": (2, 1, 0, 3, 0),
    "trcoslsr": (2, 1, 1, 1, 4),
    "trcpdsr": (2, 1, 1, 5, 4),
    "trcdevaff0": (2, 1, 7, 10, 6),
    "trcdevaff1": (2, 1, 7, 11, 6),
    "trclsr": (2, 1, 7, 13, 6),
    "trcauthstatus": (2, 1, 7, 14, 6),
    "trcdevarch": (2, 1, 7, 15, 6),
    "trcdevid": (2, 1, 7, 2, 7),
    "trcdevtype": (2, 1, 7, 3, 7),
    # GICv3
    "icc_iar1_el1": (3, 0, 12, 12, 0),
    "icc_iar0_el1": (3, 0, 12, 8, 0),
    "icc_hppir1_el1": (3, 0, 12, 12, 2),
    "icc_hppir0_el1": (3, 0, 12, 8, 2),
    "icc_rpr_el1": (3, 0, 12, 11, 3),
    "ich_vtr_el2": (3, 4, 12, 11, 1),
    "ich_eisr_el2": (3, 4, 12, 11, 3),
    "ich_elrsr_el2": (3, 4, 12, 11, 5),
    "ich_misr_el2": (3, 4, 12, 11, 2),
    # SVE, LOR, RAS, RNG, SME
    "id_aa64zfr0_el1": (3, 0, 0, 4, 4),
    "lorid_el1": (3, 0, 10, 4, 7),
    "erridr_el1": (3, 0, 5, 3, 0),
    "erxfr_el1": (3, 0, 5, 4, 0),
    "rndr": (3, 3, 2, 4, 0),
    "rndrrs": (3, 3, 2, 4, 1),
    "id_aa64smfr0_el1": (3, 0, 0, 4, 5),
    "currentel": (3, 0, 4, 2, 2),
    # SPE, RAS v8.4, MPAM, AMU, MTE, TRBE, BRBE, SME
    "pmbidr_el1": (3, 0, 9, 10, 7),
    "pmsidr_el1": (3, 0, 9, 9, 7),
    "erxpfgf_el1": (3, 0, 5, 4, 4),
    "mpamidr_el1": (3, 0, 10, 4, 4),
    "amcfgr_el0": (3, 3, 13, 2, 1),
    "amcgcr_el0": (3, 3, 13, 2, 2),
    "amevtyper00_el0": (3, 3, 13, 6, 0),
    "amevtyper01_el0": (3, 3, 13, 6, 1),
    "amevtyper02_el0": (3, 3, 13, 6, 2),
    "amevtyper03_el0": (3, 3, 13, 6, 3),
    "gmid_el1": (3, 1, 0, 0, 4),
    "trbidr_el1": (3, 0, 9, 11, 7),
    "brbidr0_el1": (2, 1, 9, 2, 0),
    "smidr_el1": (3, 1, 0, 0, 6),
}

#: Write-only registers (MSR only).
_WO: dict[str, tuple[int, int, int, int, int]] = {
    "dbgdtrtx_el0": (2, 3, 0, 5, 0),
    "oslar_el1": (2, 0, 1, 0, 4),
    "pmswinc_el0": (3, 3, 9, 12, 4),
    "trcoslar": (2, 1, 1, 0, 4),
    "trclar": (2, 1, 7, 12, 6),
    "icc_eoir1_el1": (3, 0, 12, 12, 1),
    "icc_eoir0_el1": (3, 0, 12, 8, 1),
    "icc_dir_el1": (3, 0, 12, 11, 1),
    "icc_sgi1r_el1": (3, 0, 12, 11, 5),
    "icc_asgi1r_el1": (3, 0, 12, 11, 6),
    "icc_sgi0r_el1": (3, 0, 12, 11, 7),
}

#: Read-write registers.
_RW: dict[str, tuple[int, int, int, int, int]] = {
    "scxtnum_el0": (3, 3, 13, 0, 7),
    "scxtnum_el1": (3, 0, 13, 0, 7),
    "scxtnum_el2": (3, 4, 13, 0, 7),
    "scxtnum_el3": (3, 6, 13, 0, 7),
    "scxtnum_el12": (3, 5, 13, 0, 7),
    "mfar_el3": (3, 6, 6, 0, 5),
    "gpccr_el3": (3, 6, 2, 1, 6),
    "gptbr_el3": (3, 6, 2, 1, 4),
    "osdtrrx_el1": (2, 0, 0, 0, 2),
    "osdtrtx_el1": (2, 0, 0, 3, 2),
    "teecr32_el1": (2, 2, 0, 0, 0),
    "mdccint_el1": (2, 0, 0, 2, 0),
    "mdscr_el1": (2, 0, 0, 2, 2),
    "dbgdtr_el0": (2, 3, 0, 4, 0),
    "oseccr_el1": (2, 0, 0, 6, 2),
    "dbgvcr32_el2": (2, 4, 0, 7, 0),
    "teehbr32_el1": (2, 2, 1, 0, 0),
    "osdlr_el1": (2, 0, 1, 3, 4),
    "dbgprcr_el1": (2, 0, 1, 4, 4),
    "dbgclaimset_el1": (2, 0, 7, 8, 6),
    "dbgclaimclr_el1": (2, 0, 7, 9, 6),
    "csselr_el1": (3, 2, 0, 0, 0),
    "vpidr_el2": (3, 4, 0, 0, 0),
    "vmpidr_el2": (3, 4, 0, 0, 5),
    "cpacr_el1": (3, 0, 1, 0, 2),
    "sctlr_el1": (3, 0, 1, 0, 0),
    "sctlr_el2": (3, 4, 1, 0, 0),
    "sctlr_el3": (3, 6, 1, 0, 0),
    "actlr_el1": (3, 0, 1, 0, 1),
    "actlr_el2": (3, 4, 1, 0, 1),
    "actlr_el3": (3, 6, 1, 0, 1),
    "hcr_el2": (3, 4, 1, 1, 0),
    "hcrx_el2": (3, 4, 1, 2, 2),
    "scr_el3": (3, 6, 1, 1, 0),
    "mdcr_el2": (3, 4, 1, 1, 1),
    "sder32_el3": (3, 6, 1, 1, 1),
    "cptr_el2": (3, 4, 1, 1, 2),
    "cptr_el3": (3, 6, 1, 1, 2),
    "hstr_el2": (3, 4, 1, 1, 3),
    "hacr_el2": (3, 4, 1, 1, 7),
    "mdcr_el3": (3, 6, 1, 3, 1),
    "ttbr0_el1": (3, 0, 2, 0, 0),
    "ttbr0_el2": (3, 4, 2, 0, 0),
    "ttbr0_el3": (3, 6, 2, 0, 0),
    "ttbr1_el1": (3, 0, 2, 0, 1),
    "tcr_el1": (3, 0, 2, 0, 2),
    "tcr_el2": (3, 4, 2, 0, 2),
    "tcr_el3": (3, 6, 2, 0, 2),
    "vttbr_el2": (3, 4, 2, 1, 0),
    "vtcr_el2": (3, 4, 2, 1, 2),
    "dacr32_el2": (3, 4, 3, 0, 0),
    "spsr_el1": (3, 0, 4, 0, 0),
    "spsr_el2": (3, 4, 4, 0, 0),
    "spsr_el3": (3, 6, 4, 0, 0),
    "elr_el1": (3, 0, 4, 0, 1),
    "elr_el2": (3, 4, 4, 0, 1),
    "elr_el3": (3, 6, 4, 0, 1),
    "sp_el0": (3, 0, 4, 1, 0),
    "sp_el1": (3, 4, 4, 1, 0),
    "sp_el2": (3, 6, 4, 1, 0),
    "spsel": (3, 0, 4, 2, 0),
    "nzcv": (3, 3, 4, 2, 0),
    "daif": (3, 3, 4, 2, 1),
    "spsr_irq": (3, 4, 4, 3, 0),
    "spsr_abt": (3, 4, 4, 3, 1),
    "spsr_und": (3, 4, 4, 3, 2),
    "spsr_fiq": (3, 4, 4, 3, 3),
    "fpcr": (3, 3, 4, 4, 0),
    "fpsr": (3, 3, 4, 4, 1),
    "dspsr_el0": (3, 3, 4, 5, 0),
    "dlr_el0": (3, 3, 4, 5, 1),
    "ifsr32_el2": (3, 4, 5, 0, 1),
    "afsr0_el1": (3, 0, 5, 1, 0),
    "afsr0_el2": (3, 4, 5, 1, 0),
    "afsr0_el3": (3, 6, 5, 1, 0),
    "afsr1_el1": (3, 0, 5, 1, 1),
    "afsr1_el2": (3, 4, 5, 1, 1),
    "afsr1_el3": (3, 6, 5, 1, 1),
    "esr_el1": (3, 0, 5, 2, 0),
    "esr_el2": (3, 4, 5, 2, 0),
    "esr_el3": (3, 6, 5, 2, 0),
    "fpexc32_el2": (3, 4, 5, 3, 0),
    "far_el1": (3, 0, 6, 0, 0),
    "far_el2": (3, 4, 6, 0, 0),
    "far_el3": (3, 6, 6, 0, 0),
    "hpfar_el2": (3, 4, 6, 0, 4),
    "par_el1": (3, 0, 7, 4, 0),
    "pmcr_el0": (3, 3, 9, 12, 0),
    "pmcntenset_el0": (3, 3, 9, 12, 1),
    "pmcntenclr_el0": (3, 3, 9, 12, 2),
    "pmovsclr_el0": (3, 3, 9, 12, 3),
    "pmselr_el0": (3, 3, 9, 12, 5),
    "pmccntr_el0": (3, 3, 9, 13, 0),
    "pmxevtyper_el0": (3, 3, 9, 13, 1),
    "pmxevcntr_el0": (3, 3, 9, 13, 2),
    "pmuserenr_el0": (3, 3, 9, 14, 0),
    "pmintenset_el1": (3, 0, 9, 14, 1),
    "pmintenclr_el1": (3, 0, 9, 14, 2),
    "pmovsset_el0": (3, 3, 9, 14, 3),
    "mair_el1": (3, 0, 10, 2, 0),
    "mair_el2": (3, 4, 10, 2, 0),
    "mair_el3": (3, 6, 10, 2, 0),
    "amair_el1": (3, 0, 10, 3, 0),
    "amair_el2": (3, 4, 10, 3, 0),
    "amair_el3": (3, 6, 10, 3, 0),
    "vbar_el1": (3, 0, 12, 0, 0),
    "vbar_el2": (3, 4, 12, 0, 0),
    "vbar_el3": (3, 6, 12, 0, 0),
    "rmr_el1": (3, 0, 12, 0, 2),
    "rmr_el2": (3, 4, 12, 0, 2),
    "rmr_el3": (3, 6, 12, 0, 2),
    "contextidr_el1": (3, 0, 13, 0, 1),
    "tpidr_el0": (3, 3, 13, 0, 2),
    "tpidr_el2": (3, 4, 13, 0, 2),
    "tpidr_el3": (3, 6, 13, 0, 2),
    "tpidrro_el0": (3, 3, 13, 0, 3),
    "tpidr_el1": (3, 0, 13, 0, 4),
    "cntfrq_el0": (3, 3, 14, 0, 0),
    "cntvoff_el2": (3, 4, 14, 0, 3),
    "cntkctl_el1": (3, 0, 14, 1, 0),
    "cnthctl_el2": (3, 4, 14, 1, 0),
    "cntp_tval_el0": (3, 3, 14, 2, 0),
    "cnthp_tval_el2": (3, 4, 14, 2, 0),
    "cntps_tval_el1": (3, 7, 14, 2, 0),
    "cntp_ctl_el0": (3, 3, 14, 2, 1),
    "cnthp_ctl_el2": (3, 4, 14, 2, 1),
    "cntps_ctl_el1": (3, 7, 14, 2, 1),
    "cntp_cval_el0": (3, 3, 14, 2, 2),
    "cnthp_cval_el2": (3, 4, 14, 2, 2),
    "cntps_cval_el1": (3, 7, 14, 2, 2),
    "cntv_tval_el0": (3, 3, 14, 3, 0),
    "cntv_ctl_el0": (3, 3, 14, 3, 1),
    "cntv_cval_el0": (3, 3, 14, 3, 2),
    "pmccfiltr_el0": (3, 3, 14, 15, 7),
    # trace
    "trcprgctlr": (2, 1, 0, 1, 0),
    "trcprocselr": (2, 1, 0, 2, 0),
    "trcconfigr": (2, 1, 0, 4, 0),
    "trcauxctlr": (2, 1, 0, 6, 0),
    "trceventctl0r": (2, 1, 0, 8, 0),
    "trceventctl1r": (2, 1, 0, 9, 0),
    "trcstallctlr": (2, 1, 0, 11, 0),
    "trctsctlr": (2, 1, 0, 12, 0),
    "trcsyncpr": (2, 1, 0, 13, 0),
    "trcccctlr": (2, 1, 0, 14, 0),
    "trcbbctlr": (2, 1, 0, 15, 0),
    "trctraceidr": (2, 1, 0, 0, 1),
    "trcqctlr": (2, 1, 0, 1, 1),
    "trcvictlr": (2, 1, 0, 0, 2),
    "trcviiectlr": (2, 1, 0, 1, 2),
    "trcvissctlr": (2, 1, 0, 2, 2),
    "trcvipcssctlr": (2, 1, 0, 3, 2),
    "trcvdctlr": (2, 1, 0, 8, 2),
    "trcvdsacctlr": (2, 1, 0, 9, 2),
    "trcvdarcctlr": (2, 1, 0, 10, 2),
    "trcseqrstevr": (2, 1, 0, 6, 4),
    "trcseqstr": (2, 1, 0, 7, 4),
    "trcpdcr": (2, 1, 1, 4, 4),
    "trccidcctlr0": (2, 1, 3, 0, 2),
    "trccidcctlr1": (2, 1, 3, 1, 2),
    "trcvmidcctlr0": (2, 1, 3, 2, 2),
    "trcvmidcctlr1": (2, 1, 3, 3, 2),
    "trcitctrl": (2, 1, 7, 0, 4),
    "trcclaimset": (2, 1, 7, 8, 6),
    "trcclaimclr": (2, 1, 7, 9, 6),
    # GICv3
    "icc_bpr1_el1": (3, 0, 12, 12, 3),
    "icc_bpr0_el1": (3, 0, 12, 8, 3),
    "icc_pmr_el1": (3, 0, 4, 6, 0),
    "icc_ctlr_el1": (3, 0, 12, 12, 4),
    "icc_ctlr_el3": (3, 6, 12, 12, 4),
    "icc_sre_el1": (3, 0, 12, 12, 5),
    "icc_sre_el2": (3, 4, 12, 9, 5),
    "icc_sre_el3": (3, 6, 12, 12, 5),
    "icc_igrpen0_el1": (3, 0, 12, 12, 6),
    "icc_igrpen1_el1": (3, 0, 12, 12, 7),
    "icc_igrpen1_el3": (3, 6, 12, 12, 7),
    "ich_hcr_el2": (3, 4, 12, 11, 0),
    "ich_vmcr_el2": (3, 4, 12, 11, 7),
    # v8.1 PAN, LOR, VHE
    "pan": (3, 0, 4, 2, 3),
    "lorsa_el1": (3, 0, 10, 4, 0),
    "lorea_el1": (3, 0, 10, 4, 1),
    "lorn_el1": (3, 0, 10, 4, 2),
    "lorc_el1": (3, 0, 10, 4, 3),
    "ttbr1_el2": (3, 4, 2, 0, 1),
    "cnthv_tval_el2": (3, 4, 14, 3, 0),
    "cnthv_cval_el2": (3, 4, 14, 3, 2),
    "cnthv_ctl_el2": (3, 4, 14, 3, 1),
    "sctlr_el12": (3, 5, 1, 0, 0),
    "cpacr_el12": (3, 5, 1, 0, 2),
    "ttbr0_el12": (3, 5, 2, 0, 0),
    "ttbr1_el12": (3, 5, 2, 0, 1),
    "tcr_el12": (3, 5, 2, 0, 2),
    "afsr0_el12": (3, 5, 5, 1, 0),
    "afsr1_el12": (3, 5, 5, 1, 1),
    "esr_el12": (3, 5, 5, 2, 0),
    "far_el12": (3, 5, 6, 0, 0),
    "mair_el12": (3, 5, 10, 2, 0),
    "amair_el12": (3, 5, 10, 3, 0),
    "vbar_el12": (3, 5, 12, 0, 0),
    "contextidr_el12": (3, 5, 13, 0, 1),
    "cntkctl_el12": (3, 5, 14, 1, 0),
    "cntp_tval_el02": (3, 5, 14, 2, 0),
    "cntp_ctl_el02": (3, 5, 14, 2, 1),
    "cntp_cval_el02": (3, 5, 14, 2, 2),
    "cntv_tval_el02": (3, 5, 14, 3, 0),
    "cntv_ctl_el02": (3, 5, 14, 3, 1),
    "cntv_cval_el02": (3, 5, 14, 3, 2),
    "spsr_el12": (3, 5, 4, 0, 0),
    "elr_el12": (3, 5, 4, 0, 1),
    "contextidr_el2": (3, 4, 13, 0, 1),
    # v8.2 UAO, SPE, RAS
    "uao": (3, 0, 4, 2, 4),
    "pmblimitr_el1": (3, 0, 9, 10, 0),
    "pmbptr_el1": (3, 0, 9, 10, 1),
    "pmbsr_el1": (3, 0, 9, 10, 3),
    "pmscr_el2": (3, 4, 9, 9, 0),
    "pmscr_el12": (3, 5, 9, 9, 0),
    "pmscr_el1": (3, 0, 9, 9, 0),
    "pmsicr_el1": (3, 0, 9, 9, 2),
    "pmsirr_el1": (3, 0, 9, 9, 3),
    "pmsfcr_el1": (3, 0, 9, 9, 4),
    "pmsevfr_el1": (3, 0, 9, 9, 5),
    "pmslatfr_el1": (3, 0, 9, 9, 6),
    "errselr_el1": (3, 0, 5, 3, 1),
    "erxctlr_el1": (3, 0, 5, 4, 1),
    "erxstatus_el1": (3, 0, 5, 4, 2),
    "erxaddr_el1": (3, 0, 5, 4, 3),
    "erxmisc0_el1": (3, 0, 5, 5, 0),
    "erxmisc1_el1": (3, 0, 5, 5, 1),
    "disr_el1": (3, 0, 12, 1, 1),
    "vdisr_el2": (3, 4, 12, 1, 1),
    "vsesr_el2": (3, 4, 5, 2, 3),
    # v8.3 PAuth keys
    "apiakeylo_el1": (3, 0, 2, 1, 0),
    "apiakeyhi_el1": (3, 0, 2, 1, 1),
    "apibkeylo_el1": (3, 0, 2, 1, 2),
    "apibkeyhi_el1": (3, 0, 2, 1, 3),
    "apdakeylo_el1": (3, 0, 2, 2, 0),
    "apdakeyhi_el1": (3, 0, 2, 2, 1),
    "apdbkeylo_el1": (3, 0, 2, 2, 2),
    "apdbkeyhi_el1": (3, 0, 2, 2, 3),
    "apgakeylo_el1": (3, 0, 2, 3, 0),
    "apgakeyhi_el1": (3, 0, 2, 3, 1),
    # v8.4 SEL2, PMU, RAS, MPAM, AMU, trace, DIT, NV, SVE
    "vstcr_el2": (3, 4, 2, 6, 2),
    "vsttbr_el2": (3, 4, 2, 6, 0),
    "cnthvs_tval_el2": (3, 4, 14, 4, 0),
    "cnthvs_cval_el2": (3, 4, 14, 4, 2),
    "cnthvs_ctl_el2": (3, 4, 14, 4, 1),
    "cnthps_tval_el2": (3, 4, 14, 5, 0),
    "cnthps_cval_el2": (3, 4, 14, 5, 2),
    "cnthps_ctl_el2": (3, 4, 14, 5, 1),
    "sder32_el2": (3, 4, 1, 3, 1),
    "pmmir_el1": (3, 0, 9, 14, 6),
    "erxpfgctl_el1": (3, 0, 5, 4, 5),
    "erxpfgcdn_el1": (3, 0, 5, 4, 6),
    "erxmisc2_el1": (3, 0, 5, 5, 2),
    "erxmisc3_el1": (3, 0, 5, 5, 3),
    "mpam0_el1": (3, 0, 10, 5, 1),
    "mpam1_el1": (3, 0, 10, 5, 0),
    "mpam2_el2": (3, 4, 10, 5, 0),
    "mpam3_el3": (3, 6, 10, 5, 0),
    "mpam1_el12": (3, 5, 10, 5, 0),
    "mpamhcr_el2": (3, 4, 10, 4, 0),
    "mpamvpmv_el2": (3, 4, 10, 4, 1),
    "amcr_el0": (3, 3, 13, 2, 0),
    "amuserenr_el0": (3, 3, 13, 2, 3),
    "amcntenclr0_el0": (3, 3, 13, 2, 4),
    "amcntenset0_el0": (3, 3, 13, 2, 5),
    "amcntenclr1_el0": (3, 3, 13, 3, 0),
    "amcntenset1_el0": (3, 3, 13, 3, 1),
    "trfcr_el1": (3, 0, 1, 2, 1),
    "trfcr_el2": (3, 4, 1, 2, 1),
    "trfcr_el12": (3, 5, 1, 2, 1),
    "dit": (3, 3, 4, 2, 5),
    "vncr_el2": (3, 4, 2, 2, 0),
    "zcr_el1": (3, 0, 1, 2, 0),
    "zcr_el2": (3, 4, 1, 2, 0),
    "zcr_el3": (3, 6, 1, 2, 0),
    "zcr_el12": (3, 5, 1, 2, 0),
    # v8.5 SSBS, MTE
    "ssbs": (3, 3, 4, 2, 6),
    "tco": (3, 3, 4, 2, 7),
    "gcr_el1": (3, 0, 1, 0, 6),
    "rgsr_el1": (3, 0, 1, 0, 5),
    "tfsr_el1": (3, 0, 5, 6, 0),
    "tfsr_el2": (3, 4, 5, 6, 0),
    "tfsr_el3": (3, 6, 5, 6, 0),
    "tfsr_el12": (3, 5, 5, 6, 0),
    "tfsre0_el1": (3, 0, 5, 6, 1),
    # ETE, TRBE
    "trcrsr": (2, 1, 0, 10, 0),
    "trcextinselr0": (2, 1, 0, 8, 4),  # ETE name; ETMv4 calls it trcextinselr
    "trcextinselr": (2, 1, 0, 8, 4),
    "trcextinselr1": (2, 1, 0, 9, 4),
    "trcextinselr2": (2, 1, 0, 10, 4),
    "trcextinselr3": (2, 1, 0, 11, 4),
    "trblimitr_el1": (3, 0, 9, 11, 0),
    "trbptr_el1": (3, 0, 9, 11, 1),
    "trbbaser_el1": (3, 0, 9, 11, 2),
    "trbsr_el1": (3, 0, 9, 11, 3),
    "trbmar_el1": (3, 0, 9, 11, 4),
    "trbtrg_el1": (3, 0, 9, 11, 6),
    # v8.6 FGT, ECV; v8.7 LS64
    "hfgrtr_el2": (3, 4, 1, 1, 4),
    "hfgwtr_el2": (3, 4, 1, 1, 5),
    "hfgitr_el2": (3, 4, 1, 1, 6),
    "hdfgrtr_el2": (3, 4, 3, 1, 4),
    "hdfgwtr_el2": (3, 4, 3, 1, 5),
    "cntscale_el2": (3, 4, 14, 0, 4),
    "cntiscale_el2": (3, 4, 14, 0, 5),
    "cntpoff_el2": (3, 4, 14, 0, 6),
    "cntvfrq_el2": (3, 4, 14, 0, 7),
    "cntpctss_el0": (3, 3, 14, 0, 5),
    "cntvctss_el0": (3, 3, 14, 0, 6),
    "accdata_el1": (3, 0, 13, 0, 5),
    # BRBE
    "brbcr_el1": (2, 1, 9, 0, 0),
    "brbcr_el12": (2, 5, 9, 0, 0),
    "brbcr_el2": (2, 4, 9, 0, 0),
    "brbfcr_el1": (2, 1, 9, 0, 1),
    "brbinfinj_el1": (2, 1, 9, 1, 0),
    "brbsrcinj_el1": (2, 1, 9, 1, 1),
    "brbtgtinj_el1": (2, 1, 9, 1, 2),
    "brbts_el1": (2, 1, 9, 0, 2),
    # SPE EEF, Apple A7, SME
    "pmsnevfr_el1": (3, 0, 9, 9, 1),
    "cpm_ioacc_ctl_el3": (3, 7, 15, 2, 0),
    "smcr_el1": (3, 0, 1, 2, 6),
    "smcr_el2": (3, 4, 1, 2, 6),
    "smcr_el3": (3, 6, 1, 2, 6),
    "smcr_el12": (3, 5, 1, 2, 6),
    "svcr": (3, 3, 4, 2, 2),
    "smpri_el1": (3, 0, 1, 2, 4),
    "smprimap_el2": (3, 4, 1, 2, 5),
    "tpidr2_el0": (3, 3, 13, 0, 5),
    "mpamsm_el1": (3, 0, 10, 5, 3),
    # Armv8-R AArch64 (LLVM's v8r registers): protection regions
    "mpuir_el1": (3, 0, 0, 0, 4),
    "mpuir_el2": (3, 4, 0, 0, 4),
    "vsctlr_el2": (3, 4, 2, 0, 0),
    "prenr_el1": (3, 0, 6, 1, 1),
    "prenr_el2": (3, 4, 6, 1, 1),
    "prselr_el1": (3, 0, 6, 2, 1),
    "prselr_el2": (3, 4, 6, 2, 1),
    "prbar_el1": (3, 0, 6, 8, 0),
    "prbar_el2": (3, 4, 6, 8, 0),
    "prlar_el1": (3, 0, 6, 8, 1),
    "prlar_el2": (3, 4, 6, 8, 1),
}


def _series() -> None:
    """Expand the numbered register series (same facts, written as loops)."""
    for n in range(16):
        _RW[f"dbgbvr{n}_el1"] = (2, 0, 0, n, 4)
        _RW[f"dbgbcr{n}_el1"] = (2, 0, 0, n, 5)
        _RW[f"dbgwvr{n}_el1"] = (2, 0, 0, n, 6)
        _RW[f"dbgwcr{n}_el1"] = (2, 0, 0, n, 7)
        _RW[f"ich_lr{n}_el2"] = (3, 4, 12, 12 + (n >> 3), n & 7)
        _RW[f"amevcntr1{n}_el0"] = (3, 3, 13, 12 + (n >> 3), n & 7)
        _RW[f"amevtyper1{n}_el0"] = (3, 3, 13, 14 + (n >> 3), n & 7)
        for x in range(2):
            _RW[f"amevcntvoff{x}{n}_el2"] = (3, 4, 13, 8 + (x << 1) + (n >> 3), n & 7)
        _RW[f"trcrsctlr{n + 16}"] = (2, 1, 1, n, 1)
    for n in range(31):
        _RW[f"pmevcntr{n}_el0"] = (3, 3, 14, 8 + (n >> 3), n & 7)
        _RW[f"pmevtyper{n}_el0"] = (3, 3, 14, 12 + (n >> 3), n & 7)
    for n in range(2, 16):
        _RW[f"trcrsctlr{n}"] = (2, 1, 1, n, 0)
    for n in range(4):
        _RW[f"amevcntr0{n}_el0"] = (3, 3, 13, 4, n)
        _RW[f"icc_ap0r{n}_el1"] = (3, 0, 12, 8, 4 + n)
        _RW[f"icc_ap1r{n}_el1"] = (3, 0, 12, 9, n)
        _RW[f"ich_ap0r{n}_el2"] = (3, 4, 12, 8, n)
        _RW[f"ich_ap1r{n}_el2"] = (3, 4, 12, 9, n)
        _RW[f"trccntrldvr{n}"] = (2, 1, 0, n, 5)
        _RW[f"trccntctlr{n}"] = (2, 1, 0, 4 + n, 5)
        _RW[f"trccntvr{n}"] = (2, 1, 0, 8 + n, 5)
        _RO[f"trcpidr{n}"] = (2, 1, 7, 8 + n, 7)
        _RO[f"trcpidr{n + 4}"] = (2, 1, 7, 4 + n, 7)
        _RO[f"trccidr{n}"] = (2, 1, 7, 12 + n, 7)
    for n in range(3):
        _RW[f"trcseqevr{n}"] = (2, 1, 0, n, 4)
    for n in range(8):
        _RW[f"mpamvpm{n}_el2"] = (3, 4, 10, 6, n)
        _RW[f"trcimspec{n}"] = (2, 1, 0, n, 7)
        _RW[f"trcssccr{n}"] = (2, 1, 1, n, 2)
        _RW[f"trcsscsr{n}"] = (2, 1, 1, 8 + n, 2)
        _RW[f"trcsspcicr{n}"] = (2, 1, 1, n, 3)
        _RW[f"trcdvcvr{n}"] = (2, 1, 2, (n & 3) << 2, 4 + (n >> 2))
        _RW[f"trcdvcmr{n}"] = (2, 1, 2, (n & 3) << 2, 6 + (n >> 2))
        _RW[f"trccidcvr{n}"] = (2, 1, 3, n << 1, 0)
        _RW[f"trcvmidcvr{n}"] = (2, 1, 3, n << 1, 1)
        _RO[f"trcidr{n}"] = (2, 1, 0, 8 + n, 7)
    for n in range(8, 14):
        _RO[f"trcidr{n}"] = (2, 1, 0, n - 8, 6)
    for n in range(16):
        _RW[f"trcacvr{n}"] = (2, 1, 2, (n & 7) << 1, n >> 3)
        _RW[f"trcacatr{n}"] = (2, 1, 2, (n & 7) << 1, 2 + (n >> 3))
    for n in range(1, 16):
        for el, op1 in (("el1", 0), ("el2", 4)):
            _RW[f"prbar{n}_{el}"] = (3, op1, 6, 8 + (n >> 1), (n & 1) << 2)
            _RW[f"prlar{n}_{el}"] = (3, op1, 6, 8 + (n >> 1), ((n & 1) << 2) | 1)
    for n in range(32):
        _RO[f"brbinf{n}_el1"] = (2, 1, 8, n & 15, (n >> 4) << 2)
        _RO[f"brbsrc{n}_el1"] = (2, 1, 8, n & 15, ((n >> 4) << 2) | 1)
        _RO[f"brbtgt{n}_el1"] = (2, 1, 8, n & 15, ((n >> 4) << 2) | 2)


_series()


def _index() -> tuple[dict[int, str], dict[int, str], dict[str, int]]:
    read: dict[int, str] = {}
    write: dict[int, str] = {}
    by_name: dict[str, int] = {}
    for table, readable, writeable in ((_RO, True, False), (_WO, False, True), (_RW, True, True)):
        for name, enc in table.items():
            key = sysreg_key(*enc)
            by_name[name] = key
            if readable:
                read.setdefault(key, name)
            if writeable:
                write.setdefault(key, name)
    return read, write, by_name


_READ, _WRITE, _BY_NAME = _index()

#: 16-bit encoding -> name, for MRS (readable registers)
SYSREG_READ_NAMES: Mapping[int, str] = MappingProxyType(_READ)
#: 16-bit encoding -> name, for MSR (writeable registers)
SYSREG_WRITE_NAMES: Mapping[int, str] = MappingProxyType(_WRITE)
#: name -> 16-bit encoding (every register, either direction)
SYSREG_BY_NAME: Mapping[str, int] = MappingProxyType(_BY_NAME)
#: 16-bit encoding -> name, readable first (kept for callers that do not care about direction)
SYSREG_NAMES: Mapping[int, str] = MappingProxyType({**_WRITE, **_READ})
