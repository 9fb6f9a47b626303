"""Branches and exception generation (Arm ARM C4.1.65-ish: "Branches, Exception Generating and System")."""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding

ENCODINGS = (
    # Unconditional branch (immediate)
    E("B_only_branch_imm",     "op=0 00101 imm26:26",      "b {LABEL:imm26*4}",
      branch=True, branch_imm=True, hotpatch_safe=True),
    E("BL_only_branch_imm",    "op=1 00101 imm26:26",      "bl {LABEL:imm26*4}",
      branch=True, branch_imm=True, hotpatch_safe=True),
    # Conditional branch (immediate)
    E("B_only_condbranch",     "0101010 o1=0 imm19:19 o0=0 cond:4",  "b.{COND:cond} {LABEL:imm19*4}",
      branch=True, branch_imm=True),
    E("BC_only_condbranch",    "0101010 o1=0 imm19:19 o0=1 cond:4",  "bc.{COND:cond} {LABEL:imm19*4}",
      branch=True, branch_imm=True, feature="HBC"),
    # Compare and branch (immediate)
    E("CBZ_32_compbranch",     "sf=0 011010 op=0 imm19:19 Rt:5",  "cbz {W:Rt}, {LABEL:imm19*4}",
      branch=True, branch_imm=True),
    E("CBZ_64_compbranch",     "sf=1 011010 op=0 imm19:19 Rt:5",  "cbz {X:Rt}, {LABEL:imm19*4}",
      branch=True, branch_imm=True),
    E("CBNZ_32_compbranch",    "sf=0 011010 op=1 imm19:19 Rt:5",  "cbnz {W:Rt}, {LABEL:imm19*4}",
      branch=True, branch_imm=True),
    E("CBNZ_64_compbranch",    "sf=1 011010 op=1 imm19:19 Rt:5",  "cbnz {X:Rt}, {LABEL:imm19*4}",
      branch=True, branch_imm=True),
    # Test and branch (immediate): the register is W unless b5 selects a bit above 31
    E("TBZ_only_testbranch",   "b5:1 011011 op=0 b40:5 imm14:14 Rt:5",
      "tbz {GPR_B5:b5,Rt}, {IMM:b5,b40}, {LABEL:imm14*4}", branch=True, branch_imm=True),
    E("TBNZ_only_testbranch",  "b5:1 011011 op=1 b40:5 imm14:14 Rt:5",
      "tbnz {GPR_B5:b5,Rt}, {IMM:b5,b40}, {LABEL:imm14*4}", branch=True, branch_imm=True),
    # Unconditional branch (register)
    E("BR_64_branch_reg",      "1101011 Z=0 0 op=00 11111 0000 A=0 M=0 Rn:5 Rm=00000",  "br {X:Rn}",
      branch=True),
    E("BLR_64_branch_reg",     "1101011 Z=0 0 op=01 11111 0000 A=0 M=0 Rn:5 Rm=00000",  "blr {X:Rn}",
      branch=True),
    E("RET_64R_branch_reg",    "1101011 Z=0 0 op=10 11111 0000 A=0 M=0 Rn:5 Rm=00000",  "ret[[ {X:Rn=30}]]",
      branch=True),
    E("ERET_64E_branch_reg",   "1101011 0 1 00 11111 0000 0 0 11111 00000",  "eret"),
    E("DRPS_64E_branch_reg",   "1101011 0 1 01 11111 0000 0 0 11111 00000",  "drps"),
    E("BRAAZ_64_branch_reg",   "1101011 Z=0 0 op=00 11111 0000 A=1 M=0 Rn:5 Rm=11111",  "braaz {X:Rn}",
      branch=True, feature="PAuth"),
    E("BRABZ_64_branch_reg",   "1101011 Z=0 0 op=00 11111 0000 A=1 M=1 Rn:5 Rm=11111",  "brabz {X:Rn}",
      branch=True, feature="PAuth"),
    E("BLRAAZ_64_branch_reg",  "1101011 Z=0 0 op=01 11111 0000 A=1 M=0 Rn:5 Rm=11111",  "blraaz {X:Rn}",
      branch=True, feature="PAuth"),
    E("BLRABZ_64_branch_reg",  "1101011 Z=0 0 op=01 11111 0000 A=1 M=1 Rn:5 Rm=11111",  "blrabz {X:Rn}",
      branch=True, feature="PAuth"),
    E("RETAA_64E_branch_reg",  "1101011 Z=0 0 op=10 11111 0000 A=1 M=0 Rn=11111 Rm=11111",  "retaa",
      branch=True, feature="PAuth"),
    E("RETAB_64E_branch_reg",  "1101011 Z=0 0 op=10 11111 0000 A=1 M=1 Rn=11111 Rm=11111",  "retab",
      branch=True, feature="PAuth"),
    E("ERETAA_64E_branch_reg", "1101011 0 1 00 11111 0000 1 M=0 11111 11111",  "eretaa", feature="PAuth"),
    E("ERETAB_64E_branch_reg", "1101011 0 1 00 11111 0000 1 M=1 11111 11111",  "eretab", feature="PAuth"),
    E("BRAA_64P_branch_reg",   "1101011 Z=1 0 op=00 11111 0000 A=1 M=0 Rn:5 Rm:5",  "braa {X:Rn}, {XSP:Rm}",
      branch=True, feature="PAuth"),
    E("BRAB_64P_branch_reg",   "1101011 Z=1 0 op=00 11111 0000 A=1 M=1 Rn:5 Rm:5",  "brab {X:Rn}, {XSP:Rm}",
      branch=True, feature="PAuth"),
    E("BLRAA_64P_branch_reg",  "1101011 Z=1 0 op=01 11111 0000 A=1 M=0 Rn:5 Rm:5",  "blraa {X:Rn}, {XSP:Rm}",
      branch=True, feature="PAuth"),
    E("BLRAB_64P_branch_reg",  "1101011 Z=1 0 op=01 11111 0000 A=1 M=1 Rn:5 Rm:5",  "blrab {X:Rn}, {XSP:Rm}",
      branch=True, feature="PAuth"),
    # Exception generation
    E("SVC_EX_exception",      "11010100 opc=000 imm16:16 op2=000 LL=01",  "svc {IMM:imm16}",
      hotpatch_safe=True),
    E("HVC_EX_exception",      "11010100 opc=000 imm16:16 op2=000 LL=10",  "hvc {IMM:imm16}",
      hotpatch_safe=True),
    E("SMC_EX_exception",      "11010100 opc=000 imm16:16 op2=000 LL=11",  "smc {IMM:imm16}",
      hotpatch_safe=True),
    E("BRK_EX_exception",      "11010100 opc=001 imm16:16 op2=000 LL=00",  "brk {IMM:imm16}",
      hotpatch_safe=True),
    E("HLT_EX_exception",      "11010100 opc=010 imm16:16 op2=000 LL=00",  "hlt {IMM:imm16}"),
    E("TCANCEL_EX_exception",  "11010100 opc=011 imm16:16 op2=000 LL=00",  "tcancel {IMM:imm16}",
      feature="TME"),
    E("DCPS1_DC_exception",    "11010100 opc=101 imm16:16 op2=000 LL=01",  "dcps1[[ {IMM:imm16}]]"),
    E("DCPS2_DC_exception",    "11010100 opc=101 imm16:16 op2=000 LL=10",  "dcps2[[ {IMM:imm16}]]"),
    E("DCPS3_DC_exception",    "11010100 opc=101 imm16:16 op2=000 LL=11",  "dcps3[[ {IMM:imm16}]]"),
    # Permanently undefined
    E("UDF_only_perm_undef",   "0000000000000000 imm16:16",  "udf {IMM:imm16}"),
)  # fmt: skip

ALIASES: tuple[Alias, ...] = ()
OVERLAPS: tuple[OverlapGroup, ...] = ()

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
