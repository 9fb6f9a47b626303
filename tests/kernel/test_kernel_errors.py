"""Every BREAK_FAULT branch of every generator, with the kernel's log line.

Expected messages are the pr_err format strings of arch/arm64/lib/insn.c at commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b (read from the source, "%s" = __func__), without
their trailing newline; "silent" branches return the sentinel without a pr_err, as in C.
The sentinel value itself is checked against llvm-mc in test_kernel_gen_vectors.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

import aarch64insn.kernel as k
from aarch64insn.kernel import gen, imm

BF = k.AARCH64_BREAK_FAULT
V32, V64 = k.AARCH64_INSN_VARIANT_32BIT, k.AARCH64_INSN_VARIANT_64BIT

G = "aarch64_insn_gen_"
ALIGN = "label_imm_common: A64 instructions must be word aligned"
RANGE = "label_imm_common: offset out of range"
REG = "aarch64_insn_encode_register: unknown register encoding {}"

# (id, call, expected log lines)
CASES: list[tuple[str, Callable[[], int], list[str]]] = [
    ("branch_imm/align-pc", lambda: k.aarch64_insn_gen_branch_imm(2, 8, 0), [ALIGN]),
    ("branch_imm/align-addr", lambda: k.aarch64_insn_gen_branch_imm(0, 9, 0), [ALIGN]),
    ("branch_imm/range+", lambda: k.aarch64_insn_gen_branch_imm(0, 128 << 20, 1), [RANGE]),
    ("branch_imm/range-", lambda: k.aarch64_insn_gen_branch_imm(0, -(128 << 20) - 4, 1), [RANGE]),
    ("branch_imm/type", lambda: k.aarch64_insn_gen_branch_imm(0, 8, 2),
     [G + "branch_imm: unknown branch encoding 2"]),
    ("comp_branch/align", lambda: k.aarch64_insn_gen_comp_branch_imm(0, 1, 0, V64, 3), [ALIGN]),
    ("comp_branch/range", lambda: k.aarch64_insn_gen_comp_branch_imm(0, 1 << 20, 0, V64, 3), [RANGE]),
    ("comp_branch/type", lambda: k.aarch64_insn_gen_comp_branch_imm(0, 8, 0, V64, 1),
     [G + "comp_branch_imm: unknown branch encoding 1"]),
    ("comp_branch/variant", lambda: k.aarch64_insn_gen_comp_branch_imm(0, 8, 0, 2, 3),
     [G + "comp_branch_imm: unknown variant encoding 2"]),
    ("comp_branch/reg", lambda: k.aarch64_insn_gen_comp_branch_imm(0, 8, 32, V64, 4), [REG.format(32)]),
    ("cond_branch/cond", lambda: k.aarch64_insn_gen_cond_branch_imm(0, 8, 15),
     [G + "cond_branch_imm: unknown condition encoding 15"]),
    ("cond_branch/cond-neg", lambda: k.aarch64_insn_gen_cond_branch_imm(0, 8, -1),
     [G + "cond_branch_imm: unknown condition encoding -1"]),
    ("branch_reg/type", lambda: k.aarch64_insn_gen_branch_reg(0, 3),
     [G + "branch_reg: unknown branch encoding 3"]),
    ("branch_reg/reg", lambda: k.aarch64_insn_gen_branch_reg(-1, 0), [REG.format(-1)]),
    ("ldst_reg/type", lambda: k.aarch64_insn_gen_load_store_reg(0, 1, 2, 3, 2),
     [G + "load_store_reg: unknown load/store encoding 2"]),
    ("ldst_reg/size", lambda: k.aarch64_insn_gen_load_store_reg(0, 1, 2, 4, 0),
     ["aarch64_insn_encode_ldst_size: unknown size encoding 4"]),
    ("ldst_reg/rt", lambda: k.aarch64_insn_gen_load_store_reg(33, 1, 2, 3, 0), [REG.format(33)]),
    ("ldst_reg/rn", lambda: k.aarch64_insn_gen_load_store_reg(0, 33, 2, 3, 1), [REG.format(33)]),
    ("ldst_reg/rm", lambda: k.aarch64_insn_gen_load_store_reg(0, 1, 33, 3, 13), [REG.format(33)]),
    ("ldst_imm/size", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, 8, 4, 3),
     [G + "load_store_imm: unknown size encoding 3"]),  # quirk: prints type, not size
    ("ldst_imm/misaligned", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, 2, 2, 2),
     [G + "load_store_imm: invalid imm: 2"]),
    ("ldst_imm/too-big", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, 4096, 0, 2),
     [G + "load_store_imm: invalid imm: 4096"]),
    ("ldst_imm/negative", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, -8, 3, 2),
     [G + "load_store_imm: invalid imm: -8"]),
    ("ldst_imm/type", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, 8, 3, 0),
     [G + "load_store_imm: unknown load/store encoding 0"]),
    ("ldst_imm/rt", lambda: k.aarch64_insn_gen_load_store_imm(40, 1, 8, 3, 12), [REG.format(40)]),
    ("ldst_imm/rn", lambda: k.aarch64_insn_gen_load_store_imm(0, 40, 8, 3, 3), [REG.format(40)]),
    ("literal/align", lambda: k.aarch64_insn_gen_load_literal(4, 6, 0, True), [ALIGN]),
    ("literal/range", lambda: k.aarch64_insn_gen_load_literal(0, 1 << 20, 0, True), [RANGE]),
    ("literal/reg", lambda: k.aarch64_insn_gen_load_literal(0, 8, 32, False), [REG.format(32)]),
    ("pair/type", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 8, V64, 0),
     [G + "load_store_pair: unknown load/store encoding 0"]),
    ("pair/32-align", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 6, V32, 4),
     [G + "load_store_pair: offset must be multiples of 4 in the range of [-256, 252] 6"]),
    ("pair/32-low", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, -260, V32, 4),
     [G + "load_store_pair: offset must be multiples of 4 in the range of [-256, 252] -260"]),
    ("pair/32-high", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 256, V32, 4),
     [G + "load_store_pair: offset must be multiples of 4 in the range of [-256, 252] 256"]),
    ("pair/64-align", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 12, V64, 5),
     [G + "load_store_pair: offset must be multiples of 8 in the range of [-512, 504] 12"]),
    ("pair/64-low", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, -520, V64, 6),
     [G + "load_store_pair: offset must be multiples of 8 in the range of [-512, 504] -520"]),
    ("pair/64-high", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 512, V64, 7),
     [G + "load_store_pair: offset must be multiples of 8 in the range of [-512, 504] 512"]),
    ("pair/variant", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 2, 8, 3, 7),
     [G + "load_store_pair: unknown variant encoding 3"]),
    ("pair/rt", lambda: k.aarch64_insn_gen_load_store_pair(32, 1, 2, 8, V64, 7), [REG.format(32)]),
    ("pair/rt2", lambda: k.aarch64_insn_gen_load_store_pair(0, 32, 2, 8, V64, 7), [REG.format(32)]),
    ("pair/rn", lambda: k.aarch64_insn_gen_load_store_pair(0, 1, 32, 8, V64, 7), [REG.format(32)]),
    ("ex/type", lambda: k.aarch64_insn_gen_load_store_ex(0, 1, 2, 3, 12),
     [G + "load_store_ex: unknown load/store exclusive encoding 12"]),
    ("ex/size", lambda: k.aarch64_insn_gen_load_store_ex(0, 1, 2, 5, 8),
     ["aarch64_insn_encode_ldst_size: unknown size encoding 5"]),
    ("ex/rt", lambda: k.aarch64_insn_gen_load_store_ex(32, 1, 2, 3, 9), [REG.format(32)]),
    ("ex/rn", lambda: k.aarch64_insn_gen_load_store_ex(0, 32, 2, 3, 10), [REG.format(32)]),
    ("ex/rs", lambda: k.aarch64_insn_gen_load_store_ex(0, 1, 32, 3, 11), [REG.format(32)]),
    ("atomic/op", lambda: k.aarch64_insn_gen_atomic_ld_op(0, 1, 2, 7, 5, 9),  # op checked first
     [G + "atomic_ld_op: unimplemented mem atomic op 5"]),
    ("atomic/size", lambda: k.aarch64_insn_gen_atomic_ld_op(0, 1, 2, 1, 0, 0),
     [G + "atomic_ld_op: unimplemented size encoding 1"]),
    ("atomic/order", lambda: k.aarch64_insn_gen_atomic_ld_op(0, 1, 2, 3, 4, 4),
     ["aarch64_insn_encode_ldst_order: unknown mem order 4"]),
    ("atomic/rt", lambda: k.aarch64_insn_gen_atomic_ld_op(32, 1, 2, 3, 1, 0), [REG.format(32)]),
    ("atomic/rn", lambda: k.aarch64_insn_gen_atomic_ld_op(0, 32, 2, 3, 2, 1), [REG.format(32)]),
    ("atomic/rs", lambda: k.aarch64_insn_gen_atomic_ld_op(0, 1, 32, 2, 3, 2), [REG.format(32)]),
    ("cas/size", lambda: k.aarch64_insn_gen_cas(0, 1, 2, 0, 9),  # size checked first
     [G + "cas: unimplemented size encoding 0"]),
    ("cas/order", lambda: k.aarch64_insn_gen_cas(0, 1, 2, 3, 9),
     ["aarch64_insn_encode_cas_order: unknown mem order 9"]),
    ("cas/rt", lambda: k.aarch64_insn_gen_cas(32, 1, 2, 3, 0), [REG.format(32)]),
    ("cas/rn", lambda: k.aarch64_insn_gen_cas(0, 32, 2, 3, 1), [REG.format(32)]),
    ("cas/rs", lambda: k.aarch64_insn_gen_cas(0, 1, 32, 2, 2), [REG.format(32)]),
    ("prefetch/type", lambda: k.aarch64_insn_gen_prefetch(0, 3, 0, 0),
     ["aarch64_insn_encode_prfm_imm: unknown prfm type encoding 3"]),
    ("prefetch/target", lambda: k.aarch64_insn_gen_prefetch(0, 0, 3, 0),
     ["aarch64_insn_encode_prfm_imm: unknown prfm target encoding 3"]),
    ("prefetch/policy", lambda: k.aarch64_insn_gen_prefetch(0, 0, 0, 2),
     ["aarch64_insn_encode_prfm_imm: unknown prfm policy encoding 2"]),
    ("prefetch/rn", lambda: k.aarch64_insn_gen_prefetch(32, 0, 0, 0), [REG.format(32)]),
    ("add_imm/type", lambda: k.aarch64_insn_gen_add_sub_imm(0, 1, 1, V64, 4),
     [G + "add_sub_imm: unknown add/sub encoding 4"]),
    ("add_imm/variant", lambda: k.aarch64_insn_gen_add_sub_imm(0, 1, 1, 2, 0),
     [G + "add_sub_imm: unknown variant encoding 2"]),
    ("add_imm/24bit", lambda: k.aarch64_insn_gen_add_sub_imm(0, 1, 1 << 24, V64, 0),
     [G + "add_sub_imm: invalid immediate encoding 16777216"]),
    ("add_imm/both-halves", lambda: k.aarch64_insn_gen_add_sub_imm(0, 1, 0x1001, V64, 1),
     [G + "add_sub_imm: invalid immediate encoding 4097"]),
    ("add_imm/negative", lambda: k.aarch64_insn_gen_add_sub_imm(0, 1, -4, V32, 2),
     [G + "add_sub_imm: invalid immediate encoding -4"]),
    ("add_imm/rd", lambda: k.aarch64_insn_gen_add_sub_imm(32, 1, 1, V64, 3), [REG.format(32)]),
    ("add_imm/rn", lambda: k.aarch64_insn_gen_add_sub_imm(0, 32, 1, V64, 3), [REG.format(32)]),
    ("bitfield/type", lambda: k.aarch64_insn_gen_bitfield(0, 1, 2, 3, V64, 3),
     [G + "bitfield: unknown bitfield encoding 3"]),
    ("bitfield/variant", lambda: k.aarch64_insn_gen_bitfield(0, 1, 2, 3, 2, 0),
     [G + "bitfield: unknown variant encoding 2"]),
    ("bitfield/immr", lambda: k.aarch64_insn_gen_bitfield(0, 1, 32, 3, V32, 1),
     [G + "bitfield: invalid immr encoding 32"]),
    ("bitfield/immr-neg", lambda: k.aarch64_insn_gen_bitfield(0, 1, -1, 3, V64, 1),
     [G + "bitfield: invalid immr encoding -1"]),
    ("bitfield/imms", lambda: k.aarch64_insn_gen_bitfield(0, 1, 3, 64, V64, 2),
     [G + "bitfield: invalid imms encoding 64"]),
    ("bitfield/rd", lambda: k.aarch64_insn_gen_bitfield(32, 1, 3, 4, V64, 2), [REG.format(32)]),
    ("bitfield/rn", lambda: k.aarch64_insn_gen_bitfield(0, 32, 3, 4, V64, 2), [REG.format(32)]),
    ("movewide/type", lambda: k.aarch64_insn_gen_movewide(0, 1, 0, V64, 3),
     [G + "movewide: unknown movewide encoding 3"]),
    ("movewide/imm", lambda: k.aarch64_insn_gen_movewide(0, 0x10000, 0, 7, 0),  # before variant
     [G + "movewide: invalid immediate encoding 65536"]),
    ("movewide/imm-neg", lambda: k.aarch64_insn_gen_movewide(0, -1, 0, V64, 2),
     [G + "movewide: invalid immediate encoding -1"]),
    ("movewide/shift32", lambda: k.aarch64_insn_gen_movewide(0, 1, 32, V32, 0),
     [G + "movewide: invalid shift encoding 32"]),
    ("movewide/shift64", lambda: k.aarch64_insn_gen_movewide(0, 1, 8, V64, 1),
     [G + "movewide: invalid shift encoding 8"]),
    ("movewide/variant", lambda: k.aarch64_insn_gen_movewide(0, 1, 0, 2, 1),
     [G + "movewide: unknown variant encoding 2"]),
    ("movewide/rd", lambda: k.aarch64_insn_gen_movewide(32, 1, 0, V64, 1), [REG.format(32)]),
    ("add_shift/type", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 1, 2, 0, V64, 9),
     [G + "add_sub_shifted_reg: unknown add/sub encoding 9"]),
    ("add_shift/shift32", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 1, 2, 32, V32, 0),
     [G + "add_sub_shifted_reg: invalid shift encoding 32"]),
    ("add_shift/shift64", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 1, 2, 64, V64, 1),
     [G + "add_sub_shifted_reg: invalid shift encoding 64"]),
    ("add_shift/variant", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 1, 2, 0, 2, 1),
     [G + "add_sub_shifted_reg: unknown variant encoding 2"]),
    ("add_shift/rd", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(32, 1, 2, 0, V64, 2), [REG.format(32)]),
    ("add_shift/rn", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 32, 2, 0, V64, 2), [REG.format(32)]),
    ("add_shift/rm", lambda: k.aarch64_insn_gen_add_sub_shifted_reg(0, 1, 32, 0, V64, 3), [REG.format(32)]),
    ("data1/rev64-variant", lambda: k.aarch64_insn_gen_data1(0, 1, V32, 2),
     [G + "data1: invalid variant for reverse64 0"]),
    ("data1/type", lambda: k.aarch64_insn_gen_data1(0, 1, V64, 3),
     [G + "data1: unknown data1 encoding 3"]),
    ("data1/variant", lambda: k.aarch64_insn_gen_data1(0, 1, 2, 0),
     [G + "data1: unknown variant encoding 2"]),
    ("data1/rd", lambda: k.aarch64_insn_gen_data1(32, 1, V64, 1), [REG.format(32)]),
    ("data1/rn", lambda: k.aarch64_insn_gen_data1(0, 32, V64, 1), [REG.format(32)]),
    ("data2/type", lambda: k.aarch64_insn_gen_data2(0, 1, 2, V64, 6),
     [G + "data2: unknown data2 encoding 6"]),
    ("data2/variant", lambda: k.aarch64_insn_gen_data2(0, 1, 2, 2, 0),
     [G + "data2: unknown variant encoding 2"]),
    ("data2/rd", lambda: k.aarch64_insn_gen_data2(32, 1, 2, V64, 0), [REG.format(32)]),
    ("data2/rn", lambda: k.aarch64_insn_gen_data2(0, 32, 2, V64, 0), [REG.format(32)]),
    ("data2/rm", lambda: k.aarch64_insn_gen_data2(0, 1, 32, V64, 0), [REG.format(32)]),
    ("data3/type", lambda: k.aarch64_insn_gen_data3(0, 1, 2, 3, V64, 2),
     [G + "data3: unknown data3 encoding 2"]),
    ("data3/variant", lambda: k.aarch64_insn_gen_data3(0, 1, 2, 3, 2, 0),
     [G + "data3: unknown variant encoding 2"]),
    ("data3/rd", lambda: k.aarch64_insn_gen_data3(32, 1, 2, 3, V64, 0), [REG.format(32)]),
    ("data3/ra", lambda: k.aarch64_insn_gen_data3(0, 32, 2, 3, V64, 0), [REG.format(32)]),
    ("data3/rn", lambda: k.aarch64_insn_gen_data3(0, 1, 32, 3, V64, 1), [REG.format(32)]),
    ("data3/rm", lambda: k.aarch64_insn_gen_data3(0, 1, 2, 32, V64, 1), [REG.format(32)]),
    ("logic_shift/type", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 1, 2, 0, V64, 8),
     [G + "logical_shifted_reg: unknown logical encoding 8"]),
    ("logic_shift/shift32", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 1, 2, 32, V32, 0),
     [G + "logical_shifted_reg: invalid shift encoding 32"]),
    ("logic_shift/shift64", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 1, 2, -1, V64, 0),
     [G + "logical_shifted_reg: invalid shift encoding -1"]),
    ("logic_shift/variant", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 1, 2, 0, 2, 0),
     [G + "logical_shifted_reg: unknown variant encoding 2"]),
    ("logic_shift/rd", lambda: k.aarch64_insn_gen_logical_shifted_reg(32, 1, 2, 0, V64, 0), [REG.format(32)]),
    ("logic_shift/rn", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 32, 2, 0, V64, 0), [REG.format(32)]),
    ("logic_shift/rm", lambda: k.aarch64_insn_gen_logical_shifted_reg(0, 1, 32, 0, V64, 0), [REG.format(32)]),
    ("move_reg/variant", lambda: k.aarch64_insn_gen_move_reg(0, 1, 2),
     [G + "logical_shifted_reg: unknown variant encoding 2"]),
    ("move_reg/rd", lambda: k.aarch64_insn_gen_move_reg(32, 1, V64), [REG.format(32)]),
    ("adr/type", lambda: k.aarch64_insn_gen_adr(0, 0, 0, 2), [G + "adr: unknown adr encoding 2"]),
    ("adr/range-silent", lambda: k.aarch64_insn_gen_adr(0, 1 << 20, 0, 1), []),
    ("adrp/range-silent", lambda: k.aarch64_insn_gen_adr(0, -(1 << 32) - 4096, 0, 0), []),
    ("adr/rd", lambda: k.aarch64_insn_gen_adr(0, 4, 32, 1), [REG.format(32)]),
    ("logic_imm/type", lambda: k.aarch64_insn_gen_logical_immediate(1, V64, 1, 0, 0xFF),
     [G + "logical_immediate: unknown logical encoding 1"]),
    ("logic_imm/rd", lambda: k.aarch64_insn_gen_logical_immediate(0, V64, 1, 32, 0xFF), [REG.format(32)]),
    ("logic_imm/rn", lambda: k.aarch64_insn_gen_logical_immediate(0, V64, 32, 0, 0xFF), [REG.format(32)]),
    ("logic_imm/variant", lambda: k.aarch64_insn_gen_logical_immediate(0, 5, 1, 0, 0xFF),
     ["aarch64_encode_immediate: unknown variant encoding 5"]),
    ("logic_imm/zero-silent", lambda: k.aarch64_insn_gen_logical_immediate(0, V32, 1, 0, 0), []),
    ("logic_imm/ones-silent", lambda: k.aarch64_insn_gen_logical_immediate(0, V32, 1, 0, 0xFFFFFFFF), []),
    ("logic_imm/wide-silent", lambda: k.aarch64_insn_gen_logical_immediate(0, V32, 1, 0, 1 << 32), []),
    ("logic_imm/runs-silent", lambda: k.aarch64_insn_gen_logical_immediate(0, V64, 1, 0, 0b1011), []),
    ("extr/lsb32-silent", lambda: k.aarch64_insn_gen_extr(V32, 2, 1, 0, 32), []),
    ("extr/lsb64-silent", lambda: k.aarch64_insn_gen_extr(V64, 2, 1, 0, 64), []),
    ("extr/variant", lambda: k.aarch64_insn_gen_extr(2, 2, 1, 0, 0), [G + "extr: unknown variant encoding 2"]),
    ("extr/rd", lambda: k.aarch64_insn_gen_extr(V64, 2, 1, 32, 0), [REG.format(32)]),
    ("extr/rn", lambda: k.aarch64_insn_gen_extr(V64, 2, 32, 0, 0), [REG.format(32)]),
    ("extr/rm", lambda: k.aarch64_insn_gen_extr(V64, 32, 1, 0, 0), [REG.format(32)]),
    ("dmb/osh", lambda: k.aarch64_insn_gen_dmb(9), [G + "dmb: unknown dmb type 9"]),
    ("dmb/other", lambda: k.aarch64_insn_gen_dmb(12), [G + "dmb: unknown dmb type 12"]),
    ("mrs/rt", lambda: k.aarch64_insn_gen_mrs(32, 0x4684), [REG.format(32)]),
]


@pytest.mark.parametrize(("call", "messages"), [(c, m) for _, c, m in CASES], ids=[i for i, _, _ in CASES])
def test_break_fault_branch(
    call: Callable[[], int], messages: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="aarch64insn.kernel"):
        assert call() == BF
    assert [r.getMessage() for r in caplog.records] == messages
    assert all(r.levelno == logging.ERROR and r.name == "aarch64insn.kernel" for r in caplog.records)


def test_every_generator_has_an_error_case() -> None:
    called = {c.__code__.co_names for _, c, _ in CASES}
    names = {n for c in called for n in c if n.startswith("aarch64_insn_gen_")}
    gens = {n for n in gen.__all__ if n.startswith("aarch64_insn_gen_")}
    assert gens - names == {"aarch64_insn_gen_hint", "aarch64_insn_gen_nop"}  # they never fail


def test_encoders_pass_the_sentinel_through_and_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="aarch64insn.kernel"):
        for t in range(12):
            assert k.aarch64_insn_encode_immediate(t, BF, 0) == BF
        for t in range(7):
            assert imm._aarch64_insn_encode_register(t, BF, 0) == BF
    assert caplog.records == []


def test_helper_errors(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="aarch64insn.kernel"):
        assert k.aarch64_insn_encode_immediate(12, 0, 0) == BF            # IMM_MAX
        assert k.aarch64_insn_decode_immediate(99, 0xFFFFFFFF) == 0
        assert imm._aarch64_insn_encode_register(7, 0, 0) == BF
        assert k.aarch64_insn_decode_register(7, 0xFFFFFFFF) == 0
    assert [r.getMessage() for r in caplog.records] == [
        "aarch64_insn_encode_immediate: unknown immediate encoding 12",
        "aarch64_insn_decode_immediate: unknown immediate encoding 99",
        "aarch64_insn_encode_register: unknown register type encoding 7",
        "aarch64_insn_decode_register: unknown register type encoding 7",
    ]


def test_happy_path_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="aarch64insn.kernel"):
        assert k.aarch64_insn_gen_branch_imm(0x1000, 0x2000, 1) == 0x94000400
        assert k.aarch64_insn_gen_move_reg(9, 30, V64) == 0xAA1E03E9
    assert caplog.records == []
