#!/usr/bin/env python3
"""Regenerate tests/data/kernel/gen_vectors.tsv: golden words for aarch64insn.kernel.

Each case pairs a kernel generator call with the assembly text that the call is expected
to produce; llvm-mc (the oracle) assembles the text, and the word it prints becomes the
expected value. Cases where the kernel returns AARCH64_BREAK_FAULT use "brk #0x100", so the
sentinel itself is also checked against llvm-mc. Nothing here imports aarch64insn.

Run from the repository root:  python tests/data/kernel/regen_vectors.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LLVM_MC = "llvm-mc"
ARGS = ["-triple=aarch64", "-mattr=+lse,+v8.3a,+bti,+mte", "-show-encoding"]
OUT = Path(__file__).with_name("gen_vectors.tsv")
BF = "brk #0x100"

# (function, arguments: ints or aarch64insn.kernel constant names, assembly text)
CASES: list[tuple[str, str, str]] = [
    # branch_imm: pc, addr, type
    ("aarch64_insn_gen_branch_imm", "0x1000, 0x2000, AARCH64_INSN_BRANCH_NOLINK", "b #0x1000"),
    ("aarch64_insn_gen_branch_imm", "0, 0x7fffffc, AARCH64_INSN_BRANCH_LINK", "bl #0x7fffffc"),
    ("aarch64_insn_gen_branch_imm", "0x8000000, 0, AARCH64_INSN_BRANCH_LINK", "bl #-0x8000000"),
    ("aarch64_insn_gen_branch_imm", "0, 0x8000000, AARCH64_INSN_BRANCH_LINK", BF),
    ("aarch64_insn_gen_branch_imm", "0, 2, AARCH64_INSN_BRANCH_NOLINK", BF),
    ("aarch64_insn_gen_branch_imm", "0, 4, AARCH64_INSN_BRANCH_RETURN", BF),
    # comp_branch_imm: pc, addr, reg, variant, type
    ("aarch64_insn_gen_comp_branch_imm", "0, 0xfffc, 3, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BRANCH_COMP_ZERO", "cbz x3, #0xfffc"),
    ("aarch64_insn_gen_comp_branch_imm", "0x100000, 0, 7, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_BRANCH_COMP_NONZERO", "cbnz w7, #-0x100000"),
    ("aarch64_insn_gen_comp_branch_imm", "0, 0x100000, 3, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BRANCH_COMP_ZERO", BF),
    ("aarch64_insn_gen_comp_branch_imm", "0, 8, 3, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BRANCH_LINK", BF),
    ("aarch64_insn_gen_comp_branch_imm", "0, 8, 3, 2, AARCH64_INSN_BRANCH_COMP_ZERO", BF),
    ("aarch64_insn_gen_comp_branch_imm", "0, 8, 32, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BRANCH_COMP_ZERO", BF),
    # cond_branch_imm: pc, addr, cond (quirk: range/alignment errors give imm19 = 0x40000)
    ("aarch64_insn_gen_cond_branch_imm", "0x1000, 0x1040, AARCH64_INSN_COND_NE", "b.ne #0x40"),
    ("aarch64_insn_gen_cond_branch_imm", "0, 0xffffc, AARCH64_INSN_COND_AL", "b.al #0xffffc"),
    ("aarch64_insn_gen_cond_branch_imm", "0, 0x100000, AARCH64_INSN_COND_EQ", "b.eq #-0x100000"),
    ("aarch64_insn_gen_cond_branch_imm", "0, 6, AARCH64_INSN_COND_GT", "b.gt #-0x100000"),
    ("aarch64_insn_gen_cond_branch_imm", "0, 8, 15", BF),
    # hint / nop
    ("aarch64_insn_gen_hint", "AARCH64_INSN_HINT_PACIASP", "paciasp"),
    ("aarch64_insn_gen_hint", "AARCH64_INSN_HINT_BTIC", "bti c"),
    ("aarch64_insn_gen_hint", "AARCH64_INSN_HINT_BTIJC", "bti jc"),
    ("aarch64_insn_gen_hint", "AARCH64_INSN_HINT_AUTIASP", "autiasp"),
    ("aarch64_insn_gen_hint", "AARCH64_INSN_HINT_YIELD", "yield"),
    ("aarch64_insn_gen_nop", "", "nop"),
    # branch_reg: reg, type
    ("aarch64_insn_gen_branch_reg", "16, AARCH64_INSN_BRANCH_NOLINK", "br x16"),
    ("aarch64_insn_gen_branch_reg", "9, AARCH64_INSN_BRANCH_LINK", "blr x9"),
    ("aarch64_insn_gen_branch_reg", "AARCH64_INSN_REG_LR, AARCH64_INSN_BRANCH_RETURN", "ret"),
    ("aarch64_insn_gen_branch_reg", "1, AARCH64_INSN_BRANCH_COMP_ZERO", BF),
    ("aarch64_insn_gen_branch_reg", "-1, AARCH64_INSN_BRANCH_NOLINK", BF),
    # load_store_reg: reg, base, offset, size, type
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_REG_OFFSET", "ldr x0, [x1, x2]"),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_8, AARCH64_INSN_LDST_STORE_REG_OFFSET", "strb w0, [x1, x2]"),
    ("aarch64_insn_gen_load_store_reg", "3, 4, 5, AARCH64_INSN_SIZE_16, AARCH64_INSN_LDST_LOAD_REG_OFFSET", "ldrh w3, [x4, x5]"),
    ("aarch64_insn_gen_load_store_reg", "3, 4, 5, AARCH64_INSN_SIZE_32, AARCH64_INSN_LDST_STORE_REG_OFFSET", "str w3, [x4, x5]"),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_32, AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET", "ldrsw x0, [x1, x2, sxtx]"),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_8, AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET", "ldrsb x0, [x1, x2, sxtx]"),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET", "prfm pldl1keep, [x1, x2, sxtx]"),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", BF),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 2, 4, AARCH64_INSN_LDST_LOAD_REG_OFFSET", BF),
    ("aarch64_insn_gen_load_store_reg", "0, 1, 32, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_REG_OFFSET", BF),
    # load_store_imm: reg, base, imm, size, type
    ("aarch64_insn_gen_load_store_imm", "0, 1, 8, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", "ldr x0, [x1, #8]"),
    ("aarch64_insn_gen_load_store_imm", "0, 31, 32760, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_STORE_IMM_OFFSET", "str x0, [sp, #32760]"),
    ("aarch64_insn_gen_load_store_imm", "2, 3, 4095, AARCH64_INSN_SIZE_8, AARCH64_INSN_LDST_STORE_IMM_OFFSET", "strb w2, [x3, #4095]"),
    ("aarch64_insn_gen_load_store_imm", "2, 3, 2, AARCH64_INSN_SIZE_16, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", "ldrh w2, [x3, #2]"),
    ("aarch64_insn_gen_load_store_imm", "2, 3, 4, AARCH64_INSN_SIZE_32, AARCH64_INSN_LDST_SIGNED_LOAD_IMM_OFFSET", "ldrsw x2, [x3, #4]"),
    ("aarch64_insn_gen_load_store_imm", "2, 3, 8, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_SIGNED_LOAD_IMM_OFFSET", "prfm #2, [x3, #8]"),
    ("aarch64_insn_gen_load_store_imm", "0, 1, 8, 4, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", BF),
    ("aarch64_insn_gen_load_store_imm", "0, 1, 4, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", BF),
    ("aarch64_insn_gen_load_store_imm", "0, 1, 32768, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_IMM_OFFSET", BF),
    ("aarch64_insn_gen_load_store_imm", "0, 1, 8, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_REG_OFFSET", BF),
    # load_literal: pc, addr, reg, is64bit
    ("aarch64_insn_gen_load_literal", "0, 0x100, 17, 1", "ldr x17, #0x100"),
    ("aarch64_insn_gen_load_literal", "0x100000, 0, 3, 0", "ldr w3, #-0x100000"),
    ("aarch64_insn_gen_load_literal", "0, 0x100000, 3, 0", BF),
    ("aarch64_insn_gen_load_literal", "0, 0x101, 3, 0", BF),
    # load_store_pair: reg1, reg2, base, offset, variant, type
    ("aarch64_insn_gen_load_store_pair", "29, 30, 31, -16, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX", "stp x29, x30, [sp, #-16]!"),
    ("aarch64_insn_gen_load_store_pair", "29, 30, 31, 16, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LDST_LOAD_PAIR_POST_INDEX", "ldp x29, x30, [sp], #16"),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, 252, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX", "stp w1, w2, [x3], #252"),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, -512, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LDST_LOAD_PAIR_PRE_INDEX", "ldp x1, x2, [x3, #-512]!"),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, 256, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX", BF),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, 4, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX", BF),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, 8, 2, AARCH64_INSN_LDST_STORE_PAIR_POST_INDEX", BF),
    ("aarch64_insn_gen_load_store_pair", "1, 2, 3, 8, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LDST_LOAD_EX", BF),
    # load_store_ex: reg, base, state, size, type
    ("aarch64_insn_gen_load_store_ex", "0, 1, AARCH64_INSN_REG_ZR, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_EX", "ldxr x0, [x1]"),
    ("aarch64_insn_gen_load_store_ex", "0, 1, AARCH64_INSN_REG_ZR, AARCH64_INSN_SIZE_32, AARCH64_INSN_LDST_LOAD_ACQ_EX", "ldaxr w0, [x1]"),
    ("aarch64_insn_gen_load_store_ex", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_STORE_EX", "stxr w2, x0, [x1]"),
    ("aarch64_insn_gen_load_store_ex", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_STORE_REL_EX", "stlxr w2, x0, [x1]"),
    ("aarch64_insn_gen_load_store_ex", "0, 1, AARCH64_INSN_REG_ZR, AARCH64_INSN_SIZE_8, AARCH64_INSN_LDST_LOAD_EX", "ldxrb w0, [x1]"),
    ("aarch64_insn_gen_load_store_ex", "0, 1, 2, AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_LOAD_REG_OFFSET", BF),
    ("aarch64_insn_gen_load_store_ex", "0, 1, 2, 7, AARCH64_INSN_LDST_STORE_EX", BF),
    # atomic_ld_op: result, address, value, size, op, order
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_ADD, AARCH64_INSN_MEM_ORDER_ACQREL", "ldaddal x0, x1, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "AARCH64_INSN_REG_ZR, 2, 0, AARCH64_INSN_SIZE_32, AARCH64_INSN_MEM_ATOMIC_ADD, AARCH64_INSN_MEM_ORDER_NONE", "stadd w0, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_CLR, AARCH64_INSN_MEM_ORDER_ACQ", "ldclra x0, x1, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_32, AARCH64_INSN_MEM_ATOMIC_EOR, AARCH64_INSN_MEM_ORDER_REL", "ldeorl w0, w1, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_SET, AARCH64_INSN_MEM_ORDER_NONE", "ldset x0, x1, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_SWP, AARCH64_INSN_MEM_ORDER_ACQREL", "swpal x0, x1, [x2]"),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, 5, AARCH64_INSN_MEM_ORDER_NONE", BF),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_16, AARCH64_INSN_MEM_ATOMIC_ADD, AARCH64_INSN_MEM_ORDER_NONE", BF),
    ("aarch64_insn_gen_atomic_ld_op", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_ADD, 4", BF),
    ("aarch64_insn_gen_atomic_ld_op", "1, 40, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ATOMIC_ADD, 0", BF),
    # cas: result, address, value, size, order
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ORDER_ACQREL", "casal x0, x1, [x2]"),
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_32, AARCH64_INSN_MEM_ORDER_NONE", "cas w0, w1, [x2]"),
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_64, AARCH64_INSN_MEM_ORDER_ACQ", "casa x0, x1, [x2]"),
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_32, AARCH64_INSN_MEM_ORDER_REL", "casl w0, w1, [x2]"),
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_8, AARCH64_INSN_MEM_ORDER_NONE", BF),
    ("aarch64_insn_gen_cas", "1, 2, 0, AARCH64_INSN_SIZE_64, 9", BF),
    # prefetch (pre-v6.2): base, type, target, policy
    ("aarch64_insn_gen_prefetch", "0, AARCH64_INSN_PRFM_TYPE_PLD, AARCH64_INSN_PRFM_TARGET_L1, AARCH64_INSN_PRFM_POLICY_KEEP", "prfm pldl1keep, [x0]"),
    ("aarch64_insn_gen_prefetch", "3, AARCH64_INSN_PRFM_TYPE_PLI, AARCH64_INSN_PRFM_TARGET_L2, AARCH64_INSN_PRFM_POLICY_STRM", "prfm plil2strm, [x3]"),
    ("aarch64_insn_gen_prefetch", "31, AARCH64_INSN_PRFM_TYPE_PST, AARCH64_INSN_PRFM_TARGET_L3, AARCH64_INSN_PRFM_POLICY_KEEP", "prfm pstl3keep, [sp]"),
    ("aarch64_insn_gen_prefetch", "0, 3, 0, 0", BF),
    ("aarch64_insn_gen_prefetch", "0, 0, 3, 0", BF),
    ("aarch64_insn_gen_prefetch", "0, 0, 0, 2", BF),
    # add_sub_imm: dst, src, imm, variant, type
    ("aarch64_insn_gen_add_sub_imm", "16, 16, 0x123, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", "add x16, x16, #0x123"),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, 0x1000, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", "add x1, x2, #1, lsl #12"),
    ("aarch64_insn_gen_add_sub_imm", "1, 31, 0xfff000, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_ADSB_SUB", "sub w1, wsp, #0xfff, lsl #12"),
    ("aarch64_insn_gen_add_sub_imm", "31, 2, 4095, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_ADSB_ADD_SETFLAGS", "adds wzr, w2, #4095"),
    ("aarch64_insn_gen_add_sub_imm", "31, 2, 7, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_SUB_SETFLAGS", "subs xzr, x2, #7"),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, 0x1001, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, 0x1000000, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, -1, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, 1, 2, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_imm", "1, 2, 1, AARCH64_INSN_VARIANT_64BIT, 4", BF),
    # bitfield: dst, src, immr, imms, variant, type
    ("aarch64_insn_gen_bitfield", "0, 1, 4, 63, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BITFIELD_MOVE_UNSIGNED", "ubfm x0, x1, #4, #63"),
    ("aarch64_insn_gen_bitfield", "0, 1, 31, 7, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_BITFIELD_MOVE_SIGNED", "sbfm w0, w1, #31, #7"),
    ("aarch64_insn_gen_bitfield", "5, 6, 8, 15, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BITFIELD_MOVE", "bfm x5, x6, #8, #15"),
    ("aarch64_insn_gen_bitfield", "0, 1, 32, 7, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_BITFIELD_MOVE", BF),
    ("aarch64_insn_gen_bitfield", "0, 1, 3, 64, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_BITFIELD_MOVE", BF),
    ("aarch64_insn_gen_bitfield", "0, 1, 3, 4, 2, AARCH64_INSN_BITFIELD_MOVE", BF),
    ("aarch64_insn_gen_bitfield", "0, 1, 3, 4, AARCH64_INSN_VARIANT_64BIT, 3", BF),
    # movewide: dst, imm, shift, variant, type
    ("aarch64_insn_gen_movewide", "0, 0x1234, 32, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_ZERO", "movz x0, #0x1234, lsl #32"),
    ("aarch64_insn_gen_movewide", "1, 0xffff, 16, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_MOVEWIDE_KEEP", "movk w1, #0xffff, lsl #16"),
    ("aarch64_insn_gen_movewide", "16, 0x1234, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_INVERSE", "movn x16, #0x1234"),
    ("aarch64_insn_gen_movewide", "16, 0x9abc, 48, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_KEEP", "movk x16, #0x9abc, lsl #48"),
    ("aarch64_insn_gen_movewide", "0, 0x10000, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_ZERO", BF),
    ("aarch64_insn_gen_movewide", "0, -1, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_ZERO", BF),
    ("aarch64_insn_gen_movewide", "0, 1, 32, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_MOVEWIDE_ZERO", BF),
    ("aarch64_insn_gen_movewide", "0, 1, 8, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_MOVEWIDE_ZERO", BF),
    ("aarch64_insn_gen_movewide", "0, 1, 0, 2, AARCH64_INSN_MOVEWIDE_ZERO", BF),
    ("aarch64_insn_gen_movewide", "0, 1, 0, AARCH64_INSN_VARIANT_64BIT, 3", BF),
    # add_sub_shifted_reg: dst, src, reg, shift, variant, type
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 3, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", "add x0, x1, x2, lsl #3"),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 31, 2, 0, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_ADSB_SUB", "sub w0, wzr, w2"),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 31, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_ADSB_ADD_SETFLAGS", "adds w0, w1, w2, lsl #31"),
    ("aarch64_insn_gen_add_sub_shifted_reg", "31, 1, 2, 63, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_SUB_SETFLAGS", "subs xzr, x1, x2, lsl #63"),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 32, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 64, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 0, 2, AARCH64_INSN_ADSB_ADD", BF),
    ("aarch64_insn_gen_add_sub_shifted_reg", "0, 1, 2, 0, AARCH64_INSN_VARIANT_64BIT, 4", BF),
    # data1: dst, src, variant, type
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_DATA1_REVERSE_32", "rev w0, w1"),
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA1_REVERSE_32", "rev32 x0, x1"),
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA1_REVERSE_16", "rev16 x0, x1"),
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA1_REVERSE_64", "rev x0, x1"),
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_DATA1_REVERSE_64", BF),
    ("aarch64_insn_gen_data1", "0, 1, 2, AARCH64_INSN_DATA1_REVERSE_16", BF),
    ("aarch64_insn_gen_data1", "0, 1, AARCH64_INSN_VARIANT_64BIT, 3", BF),
    # data2: dst, src, reg, variant, type
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA2_SDIV", "sdiv x0, x1, x2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_DATA2_UDIV", "udiv w0, w1, w2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA2_LSLV", "lsl x0, x1, x2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA2_LSRV", "lsr x0, x1, x2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_DATA2_ASRV", "asr w0, w1, w2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA2_RORV", "ror x0, x1, x2"),
    ("aarch64_insn_gen_data2", "0, 1, 2, AARCH64_INSN_VARIANT_64BIT, 6", BF),
    ("aarch64_insn_gen_data2", "0, 1, 2, 2, AARCH64_INSN_DATA2_SDIV", BF),
    # data3: dst, src (Ra), reg1 (Rn), reg2 (Rm), variant, type
    ("aarch64_insn_gen_data3", "0, 3, 1, 2, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA3_MADD", "madd x0, x1, x2, x3"),
    ("aarch64_insn_gen_data3", "0, 3, 1, 2, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_DATA3_MSUB", "msub w0, w1, w2, w3"),
    ("aarch64_insn_gen_data3", "0, 3, 1, 2, AARCH64_INSN_VARIANT_64BIT, 2", BF),
    ("aarch64_insn_gen_data3", "0, 3, 1, 2, 2, AARCH64_INSN_DATA3_MADD", BF),
    # logical_shifted_reg: dst, src, reg, shift, variant, type
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_AND", "and x0, x1, x2"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 4, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LOGIC_BIC", "bic w0, w1, w2, lsl #4"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 63, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_ORR", "orr x0, x1, x2, lsl #63"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 31, 2, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_ORN", "mvn x0, x2"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 1, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LOGIC_EOR", "eor w0, w1, w2, lsl #1"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_EON", "eon x0, x1, x2"),
    ("aarch64_insn_gen_logical_shifted_reg", "31, 1, 2, 0, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_AND_SETFLAGS", "tst x1, x2"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 0, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LOGIC_BIC_SETFLAGS", "bics w0, w1, w2"),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 32, AARCH64_INSN_VARIANT_32BIT, AARCH64_INSN_LOGIC_AND", BF),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, -1, AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_LOGIC_AND", BF),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 0, 5, AARCH64_INSN_LOGIC_AND", BF),
    ("aarch64_insn_gen_logical_shifted_reg", "0, 1, 2, 0, AARCH64_INSN_VARIANT_64BIT, 8", BF),
    # move_reg: dst, src, variant
    ("aarch64_insn_gen_move_reg", "9, AARCH64_INSN_REG_LR, AARCH64_INSN_VARIANT_64BIT", "mov x9, x30"),
    ("aarch64_insn_gen_move_reg", "3, 4, AARCH64_INSN_VARIANT_32BIT", "mov w3, w4"),
    ("aarch64_insn_gen_move_reg", "3, 4, 7", BF),
    # adr: pc, addr, reg, type
    ("aarch64_insn_gen_adr", "0x1000, 0x1003, 5, AARCH64_INSN_ADR_TYPE_ADR", "adr x5, #3"),
    ("aarch64_insn_gen_adr", "0x100000, 0, 0, AARCH64_INSN_ADR_TYPE_ADR", "adr x0, #-0x100000"),
    ("aarch64_insn_gen_adr", "0x1234, 0x2000, 16, AARCH64_INSN_ADR_TYPE_ADRP", "adrp x16, #0x1000"),
    ("aarch64_insn_gen_adr", "0x100000000, 0, 3, AARCH64_INSN_ADR_TYPE_ADRP", "adrp x3, #-0x100000000"),
    ("aarch64_insn_gen_adr", "0, 0x100000000, 0, AARCH64_INSN_ADR_TYPE_ADR", "adr x0, #0"),
    ("aarch64_insn_gen_adr", "0, 0x100000000000, 0, AARCH64_INSN_ADR_TYPE_ADRP", "adrp x0, #0"),
    ("aarch64_insn_gen_adr", "0, 0x100000, 0, AARCH64_INSN_ADR_TYPE_ADR", BF),
    ("aarch64_insn_gen_adr", "0, 0x100000000, 0, AARCH64_INSN_ADR_TYPE_ADRP", BF),
    ("aarch64_insn_gen_adr", "0, 0, 0, 2", BF),
    # logical_immediate: type, variant, Rn, Rd, imm
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, 1, 0, 0xff", "and x0, x1, #0xff"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_ORR, AARCH64_INSN_VARIANT_32BIT, 1, 0, 1", "orr w0, w1, #1"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_EOR, AARCH64_INSN_VARIANT_64BIT, 3, 2, 0x5555555555555555", "eor x2, x3, #0x5555555555555555"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, 5, 4, 0xfffffffffffffffe", "and x4, x5, #0xfffffffffffffffe"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND_SETFLAGS, AARCH64_INSN_VARIANT_32BIT, 7, 6, 0x80000001", "ands w6, w7, #0x80000001"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_ORR, AARCH64_INSN_VARIANT_64BIT, 9, 8, 0x00ff00ff00ff00ff", "orr x8, x9, #0x00ff00ff00ff00ff"),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, 1, 0, 0", BF),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, 1, 0, 0xffffffffffffffff", BF),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_32BIT, 1, 0, 0x100000000", BF),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, 1, 0, 0b1011", BF),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_BIC, AARCH64_INSN_VARIANT_64BIT, 1, 0, 0xff", BF),
    ("aarch64_insn_gen_logical_immediate", "AARCH64_INSN_LOGIC_AND, 2, 1, 0, 0xff", BF),
    # extr: variant, Rm, Rn, Rd, lsb
    ("aarch64_insn_gen_extr", "AARCH64_INSN_VARIANT_64BIT, 2, 1, 0, 7", "extr x0, x1, x2, #7"),
    ("aarch64_insn_gen_extr", "AARCH64_INSN_VARIANT_32BIT, 2, 1, 0, 31", "extr w0, w1, w2, #31"),
    ("aarch64_insn_gen_extr", "AARCH64_INSN_VARIANT_64BIT, 2, 1, 0, 263", "extr x0, x1, x2, #7"),
    ("aarch64_insn_gen_extr", "AARCH64_INSN_VARIANT_32BIT, 2, 1, 0, 32", BF),
    ("aarch64_insn_gen_extr", "AARCH64_INSN_VARIANT_64BIT, 2, 1, 0, 64", BF),
    ("aarch64_insn_gen_extr", "2, 2, 1, 0, 1", BF),
    # dmb: type
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_SY", "dmb sy"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_ST", "dmb st"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_LD", "dmb ld"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_ISH", "dmb ish"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_ISHST", "dmb ishst"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_ISHLD", "dmb ishld"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_NSH", "dmb nsh"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_NSHST", "dmb nshst"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_NSHLD", "dmb nshld"),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_OSH", BF),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_OSHST", BF),
    ("aarch64_insn_gen_dmb", "AARCH64_INSN_MB_OSHLD", BF),
    # mrs: result, sysreg
    ("aarch64_insn_gen_mrs", "0, AARCH64_INSN_SYSREG_TPIDR_EL1", "mrs x0, tpidr_el1"),
    ("aarch64_insn_gen_mrs", "7, AARCH64_INSN_SYSREG_TPIDR_EL2", "mrs x7, tpidr_el2"),
    ("aarch64_insn_gen_mrs", "1, AARCH64_INSN_SYSREG_SP_EL0", "mrs x1, sp_el0"),
    ("aarch64_insn_gen_mrs", "32, AARCH64_INSN_SYSREG_SP_EL0", BF),
]


def llvm_mc_version() -> str:
    out = subprocess.run([LLVM_MC, "--version"], capture_output=True, text=True, check=True).stdout
    line = next((ln for ln in out.splitlines() if "version" in ln), out.strip())
    return "llvm-mc " + " ".join(line.split())


def assemble(lines: list[str]) -> list[int]:
    proc = subprocess.run(
        [LLVM_MC, *ARGS], input="\n".join(lines) + "\n", capture_output=True, text=True, check=False
    )
    if proc.returncode != 0 or "error" in proc.stderr:
        sys.exit(f"llvm-mc failed:\n{proc.stderr}")
    words = []
    for m in re.finditer(r"encoding: \[0x(..),0x(..),0x(..),0x(..)\]", proc.stdout):
        words.append(int("".join(reversed(m.groups())), 16))
    if len(words) != len(lines):
        sys.exit(f"llvm-mc printed {len(words)} encodings for {len(lines)} lines")
    return words


def main() -> None:
    words = assemble([asm for _, _, asm in CASES])
    header = [
        "# Golden words for aarch64insn.kernel generators; generated, do not edit by hand.",
        f"# tool: {llvm_mc_version()} (Debian package llvm)",
        f"# command: printf '<asm>\\n...' | {LLVM_MC} {' '.join(ARGS)}",
        "# regenerate: python tests/data/kernel/regen_vectors.py",
        "# asm 'brk #0x100' marks a call the kernel rejects with AARCH64_BREAK_FAULT.",
        "# function\targuments\tasm\tword",
    ]
    rows = [f"{fn}\t{args}\t{asm}\t{word:#010x}" for (fn, args, asm), word in zip(CASES, words, strict=True)]
    OUT.write_text("\n".join(header + rows) + "\n")
    print(f"wrote {len(rows)} vectors to {OUT}")


if __name__ == "__main__":
    main()
