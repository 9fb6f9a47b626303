"""Quirks the mirror reproduces on purpose, and the field/offset helpers.

Expected words come from llvm-mc (tests/data/kernel/gen_vectors.tsv, same tool and
command) or from capstone 5 where noted; helper semantics are from arch/arm64/lib/insn.c
at 36ec807b627b4c0a0a382f0ae48eac7187d14b2b.
"""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

import aarch64insn.kernel as k
from aarch64insn.kernel import gen, imm
from tests.oracles import import_oracle

BF = k.AARCH64_BREAK_FAULT


def test_cond_branch_out_of_range_emits_minus_1mib(caplog: pytest.LogCaptureFixture) -> None:
    # llvm-mc: "b.eq #-0x100000" = 0x54800000 (gen_vectors.tsv)
    with caplog.at_level(logging.ERROR, logger="aarch64insn.kernel"):
        assert k.aarch64_insn_gen_cond_branch_imm(0, 0x100000, k.AARCH64_INSN_COND_EQ) == 0x54800000
        assert k.aarch64_insn_gen_cond_branch_imm(0x1000, 0x1002, k.AARCH64_INSN_COND_EQ) == 0x54800000
    assert [r.getMessage() for r in caplog.records] == [
        "label_imm_common: offset out of range", "label_imm_common: A64 instructions must be word aligned"]


def test_adr_offsets_are_truncated_to_s32() -> None:
    # llvm-mc: "adr x0, #0" = 0x10000000, "adrp x0, #0" = 0x90000000
    assert k.aarch64_insn_gen_adr(0, 1 << 32, 0, k.AARCH64_INSN_ADR_TYPE_ADR) == 0x10000000
    assert k.aarch64_insn_gen_adr(0, 1 << 44, 0, k.AARCH64_INSN_ADR_TYPE_ADRP) == 0x90000000
    assert k.aarch64_insn_gen_adr(0, (1 << 32) + 8, 0, k.AARCH64_INSN_ADR_TYPE_ADR) == \
        k.aarch64_insn_gen_adr(0, 8, 0, k.AARCH64_INSN_ADR_TYPE_ADR)


def test_negative_immediates_are_rejected_by_bit_tests() -> None:
    assert k.aarch64_insn_gen_add_sub_imm(0, 1, -1, 1, k.AARCH64_INSN_ADSB_SUB) == BF
    assert k.aarch64_insn_gen_movewide(0, -1, 0, 1, k.AARCH64_INSN_MOVEWIDE_INVERSE) == BF


def test_decode_register_does_not_know_rs() -> None:
    word = k.aarch64_insn_gen_cas(1, 2, 3, k.AARCH64_INSN_SIZE_64, 0)
    assert (word >> 16) & 0x1F == 3
    assert k.aarch64_insn_decode_register(k.AARCH64_INSN_REGTYPE_RS, word) == 0
    assert k.aarch64_insn_decode_register(k.AARCH64_INSN_REGTYPE_RM, word) == 3


def test_field_helpers_do_not_pass_break_fault_through() -> None:
    # encode_ldst_size / encode_ldst_order / encode_cas_order / encode_prfm_imm rewrite bits
    # of an incoming sentinel instead of passing it on (no kernel caller feeds them one)
    assert gen._aarch64_insn_encode_ldst_size(0, BF) == 0x14202000
    assert gen._aarch64_insn_encode_ldst_order(3, BF) == 0xD4E02000
    assert gen._aarch64_insn_encode_cas_order(3, BF) == 0xD460A000
    assert gen._aarch64_insn_encode_prfm_imm(2, 2, 1, BF) == 0xD4202015


def test_extr_lsb_is_u8() -> None:
    # llvm-mc: "extr x0, x1, x2, #7" = 0x93c21c20
    assert k.aarch64_insn_gen_extr(1, 2, 1, 0, 7 + 256) == 0x93C21C20


def test_gen_hint_does_not_validate() -> None:
    assert k.aarch64_insn_gen_hint(0x1000) == 0xD503301F
    assert k.aarch64_insn_is_hint(0xD503301F) is False


def test_gen_mrs_does_not_validate_sysreg() -> None:
    word = k.aarch64_insn_gen_mrs(0, 0x20000)
    assert word == 0xD5700000
    assert not k.aarch64_insn_is_mrs(word)


def test_signed_load_of_64_bits_is_prfm() -> None:
    # llvm-mc (gen_vectors.tsv): prfm pldl1keep, [x1, x2, sxtx] / prfm #2, [x3, #8]
    assert k.aarch64_insn_gen_load_store_reg(0, 1, 2, 3, k.AARCH64_INSN_LDST_SIGNED_LOAD_REG_OFFSET) == 0xF8A2E820
    assert k.aarch64_insn_gen_load_store_imm(2, 3, 8, 3, k.AARCH64_INSN_LDST_SIGNED_LOAD_IMM_OFFSET) == 0xF9800462


def test_enums_wrap_like_c_unsigned_int() -> None:
    assert k.aarch64_insn_gen_branch_reg(16 + 2**32, 0) == k.aarch64_insn_gen_branch_reg(16, 0) == 0xD61F0200
    assert k.aarch64_insn_gen_dmb(3 + 2**32) == 0xD5033BBF


# ---- immediates and offsets --------------------------------------------------------
@given(st.integers(1, 11), st.integers(0, 2**32 - 1), st.integers(-(2**63), 2**64 - 1))
def test_encode_decode_immediate_roundtrip(t: int, insn: int, value: int) -> None:
    if insn == BF:
        return
    mask, shift = imm._aarch64_get_imm_shift_mask(t) or (0, 0)
    word = k.aarch64_insn_encode_immediate(t, insn, value)
    assert k.aarch64_insn_decode_immediate(t, word) == value & mask
    assert word & ~(mask << shift) & 0xFFFFFFFF == insn & ~(mask << shift) & 0xFFFFFFFF


@given(st.integers(-(2**20), 2**20 - 1))
def test_adr_immediate_roundtrip(value: int) -> None:
    word = k.aarch64_insn_encode_immediate(k.AARCH64_INSN_IMM_ADR, 0x10000000, value)
    assert k.aarch64_insn_decode_immediate(k.AARCH64_INSN_IMM_ADR, word) == value & 0x1FFFFF


@given(st.integers(-(2**25), 2**25 - 1).map(lambda x: x * 4), st.sampled_from([0x14000000, 0x94000000]))
def test_branch_offset_roundtrip_b_bl(offset: int, base: int) -> None:
    word = k.aarch64_set_branch_offset(base, offset)
    assert k.aarch64_get_branch_offset(word) == offset
    assert word == k.aarch64_insn_gen_branch_imm(2**20, 2**20 + offset, 1 if base >> 31 else 0)


@given(st.integers(-(2**18), 2**18 - 1).map(lambda x: x * 4),
       st.sampled_from([0x34000003, 0xB5000003, 0x5400000C]))
def test_branch_offset_roundtrip_imm19(offset: int, base: int) -> None:
    assert k.aarch64_get_branch_offset(k.aarch64_set_branch_offset(base, offset)) == offset


@given(st.integers(-(2**13), 2**13 - 1).map(lambda x: x * 4), st.sampled_from([0x36000000, 0xB7F80000]))
def test_branch_offset_roundtrip_tbz(offset: int, base: int) -> None:
    assert k.aarch64_get_branch_offset(k.aarch64_set_branch_offset(base, offset)) == offset


@pytest.mark.oracle
def test_branch_offset_against_capstone() -> None:
    # words from llvm-mc (gen_vectors.tsv); capstone decodes them at pc = 1 << 32
    pc = 1 << 32
    for word in (0x95FFFFFF, 0x96000000, 0x54800000, 0xB407FFE3, 0x35F00007, 0x36000000 | (0x1FFF << 5)):
        capstone = import_oracle("capstone")
        insn = next(capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM).disasm(word.to_bytes(4, "little"), pc))
        target = int(insn.op_str.split("#")[-1], 0)
        assert pc + k.aarch64_get_branch_offset(word) == target, (hex(word), insn.op_str)


def test_branch_helpers_bug_on_other_words() -> None:
    with pytest.raises(k.KernelBUG, match=r"aarch64_get_branch_offset: BUG\(\) on insn 0xd503201f"):
        k.aarch64_get_branch_offset(0xD503201F)
    with pytest.raises(k.KernelBUG):
        k.aarch64_set_branch_offset(0xD503201F, 8)
    with pytest.raises(k.KernelBUG, match="aarch64_insn_adrp_get_offset"):
        k.aarch64_insn_adrp_get_offset(0x10000000)  # ADR, not ADRP
    with pytest.raises(k.KernelBUG):
        k.aarch64_insn_adrp_set_offset(0x10000000, 0)
    assert issubclass(k.KernelBUG, AssertionError)


def test_adrp_offsets() -> None:
    for pages in (0, 1, -1, 0x7FFFF, -0x80000, 12345):
        word = k.aarch64_insn_adrp_set_offset(0x90000003, pages << 12)
        assert k.aarch64_insn_adrp_get_offset(word) == pages << 12
    # quirk: imm21 << 12 is truncated to s32, so -4 GiB (imm21 = 0x100000) reads as 0
    assert k.aarch64_insn_adrp_get_offset(0x90800000) == 0


def test_extract_system_reg() -> None:
    word = k.aarch64_insn_gen_mrs(0, k.AARCH64_INSN_SYSREG_TPIDR_EL1)
    assert word == 0xD538D080  # llvm-mc: mrs x0, tpidr_el1
    assert k.aarch64_insn_extract_system_reg(word) == 0xC684  # op0=3 (0b11), as SpecialRegister spells it
    # llvm-mc 14: "mrs x0, nzcv" = 0xd53b4200, "mrs x0, daif" = 0xd53b4220
    assert k.aarch64_insn_extract_system_reg(0xD53B4200) == k.AARCH64_INSN_SPCLREG_NZCV
    assert k.aarch64_insn_extract_system_reg(0xD53B4220) == k.AARCH64_INSN_SPCLREG_DAIF


# ---- aarch32 ---------------------------------------------------------------------------
def test_aarch32_field_helpers() -> None:
    assert k.aarch32_insn_is_wide(0xE800) and not k.aarch32_insn_is_wide(0xE7FF)
    word = 0xEE1D0F70  # mrc p15, 0, r0, c13, c0, 3 (A32)
    assert k.aarch32_insn_extract_reg_num(word, k.A32_RT_OFFSET) == 0
    assert k.aarch32_insn_extract_reg_num(word, k.A32_RN_OFFSET) == 13
    assert k.aarch32_insn_mcr_extract_opc2(word) == 3
    assert k.aarch32_insn_mcr_extract_crm(word) == 0


def _condition_holds(cond: int, n: bool, z: bool, c: bool, v: bool) -> bool:
    # Arm ARM shared/functions ConditionHolds()
    base = [z, c, n, v, c and not z, n == v, (n == v) and not z, True][cond >> 1]
    return (not base) if (cond & 1 and cond != 15) else base


def test_aarch32_condition_checks_match_condition_holds() -> None:
    for cond in range(16):
        for flags in range(16):
            n, z, c, v = (bool(flags & 8), bool(flags & 4), bool(flags & 2), bool(flags & 1))
            pstate = (flags << 28) | 0x3C5
            assert k.aarch32_opcode_cond_checks[cond](pstate) is _condition_holds(cond, n, z, c, v), (cond, flags)
