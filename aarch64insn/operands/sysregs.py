"""System register names, keyed by the 16-bit op0:op1:CRn:CRm:op2 value.

The encodings are the Arm ARM's (op0, op1, CRn, CRm, op2) for each register;
the names are spelled in lower case as LLVM prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def _enc(op0: int, op1: int, crn: int, crm: int, op2: int) -> int:
    return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2


_REGS: dict[str, tuple[int, int, int, int, int]] = {
    # name: (op0, op1, CRn, CRm, op2)
    "midr_el1": (3, 0, 0, 0, 0),
    "mpidr_el1": (3, 0, 0, 0, 5),
    "revidr_el1": (3, 0, 0, 0, 6),
    "id_aa64pfr0_el1": (3, 0, 0, 4, 0),
    "id_aa64isar0_el1": (3, 0, 0, 6, 0),
    "id_aa64mmfr0_el1": (3, 0, 0, 7, 0),
    "sctlr_el1": (3, 0, 1, 0, 0),
    "cpacr_el1": (3, 0, 1, 0, 2),
    "ttbr0_el1": (3, 0, 2, 0, 0),
    "ttbr1_el1": (3, 0, 2, 0, 1),
    "tcr_el1": (3, 0, 2, 0, 2),
    "spsr_el1": (3, 0, 4, 0, 0),
    "elr_el1": (3, 0, 4, 0, 1),
    "sp_el0": (3, 0, 4, 1, 0),
    "spsel": (3, 0, 4, 2, 0),
    "currentel": (3, 0, 4, 2, 2),
    "esr_el1": (3, 0, 5, 2, 0),
    "far_el1": (3, 0, 6, 0, 0),
    "par_el1": (3, 0, 7, 4, 0),
    "mair_el1": (3, 0, 10, 2, 0),
    "vbar_el1": (3, 0, 12, 0, 0),
    "contextidr_el1": (3, 0, 13, 0, 1),
    "tpidr_el1": (3, 0, 13, 0, 4),
    "cntkctl_el1": (3, 0, 14, 1, 0),
    "ctr_el0": (3, 3, 0, 0, 1),
    "dczid_el0": (3, 3, 0, 0, 7),
    "nzcv": (3, 3, 4, 2, 0),
    "daif": (3, 3, 4, 2, 1),
    "fpcr": (3, 3, 4, 4, 0),
    "fpsr": (3, 3, 4, 4, 1),
    "dspsr_el0": (3, 3, 4, 5, 0),
    "dlr_el0": (3, 3, 4, 5, 1),
    "tpidr_el0": (3, 3, 13, 0, 2),
    "tpidrro_el0": (3, 3, 13, 0, 3),
    "cntfrq_el0": (3, 3, 14, 0, 0),
    "cntpct_el0": (3, 3, 14, 0, 1),
    "cntvct_el0": (3, 3, 14, 0, 2),
    "cntv_ctl_el0": (3, 3, 14, 3, 1),
    "cntv_cval_el0": (3, 3, 14, 3, 2),
    "spsr_el2": (3, 4, 4, 0, 0),
    "elr_el2": (3, 4, 4, 0, 1),
    "sp_el1": (3, 4, 4, 1, 0),
    "spsr_irq": (3, 4, 4, 3, 0),
    "spsr_abt": (3, 4, 4, 3, 1),
    "spsr_und": (3, 4, 4, 3, 2),
    "spsr_fiq": (3, 4, 4, 3, 3),
    "hcr_el2": (3, 4, 1, 1, 0),
    "vbar_el2": (3, 4, 12, 0, 0),
    "tpidr_el2": (3, 4, 13, 0, 2),
    "spsr_el3": (3, 6, 4, 0, 0),
    "elr_el3": (3, 6, 4, 0, 1),
    "sp_el2": (3, 6, 4, 1, 0),
}

#: name -> 16-bit encoding
SYSREG_BY_NAME: Mapping[str, int] = MappingProxyType({n: _enc(*e) for n, e in _REGS.items()})
#: 16-bit encoding -> name
SYSREG_NAMES: Mapping[int, str] = MappingProxyType({v: k for k, v in SYSREG_BY_NAME.items()})
