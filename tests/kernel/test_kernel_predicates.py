"""aarch64_insn_is_* / get_*_value against an independent transcription of insn.h.

Oracle: tests/data/kernel_insn_funcs.tsv, typed by hand from the pinned insn.h (its first
line records the commit), independently of aarch64insn/table/kernel.py.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import aarch64insn.kernel as k
from aarch64insn.kernel import funcs
from aarch64insn.table.kernel import KERNEL_FUNCS

TSV = Path(__file__).resolve().parents[1] / "data" / "kernel_insn_funcs.tsv"


def _load() -> list[tuple[str, int, int]]:
    rows = []
    for line in TSV.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        abbr, mask, value = line.split("\t")
        rows.append((abbr, int(mask, 16), int(value, 16)))
    return rows


ROWS = _load()
ORACLE = {abbr: (mask, value) for abbr, mask, value in ROWS}


def test_tsv_records_the_pinned_commit() -> None:
    assert "36ec807b627b4c0a0a382f0ae48eac7187d14b2b" in TSV.read_text().splitlines()[0]


def test_same_rows_in_the_same_order() -> None:
    assert [k.abbr for k in KERNEL_FUNCS] == [abbr for abbr, _, _ in ROWS]
    assert list(funcs.ROW_PREDICATES) == [f"aarch64_insn_is_{a}" for a, _, _ in ROWS]


def test_table_masks_values_match_the_transcription() -> None:
    for row in KERNEL_FUNCS:
        assert (row.mask, row.value) == ORACLE[row.abbr], row.abbr
        assert row.value & ~row.mask == 0, row.abbr  # the kernel's BUILD_BUG_ON


@pytest.mark.parametrize(("abbr", "mask", "value"), ROWS, ids=[r[0] for r in ROWS])
def test_predicate_and_value(abbr: str, mask: int, value: int) -> None:
    pred = getattr(k, f"aarch64_insn_is_{abbr}")
    get = getattr(k, f"aarch64_insn_get_{abbr}_value")
    assert get() == value
    assert pred(value) is True
    rng = random.Random(abbr)
    for _ in range(2000):
        word = rng.getrandbits(32)
        assert pred(word) is ((word & mask) == value)
        # words that agree with the row on its mask always match, whatever the other bits
        forced = (word & ~mask & 0xFFFFFFFF) | value
        assert pred(forced) is True
    for bit in range(32):
        if mask >> bit & 1:
            assert pred(value ^ (1 << bit)) is False, f"{abbr}: bit {bit} is tested"
        else:
            assert pred(value ^ (1 << bit)) is True, f"{abbr}: bit {bit} is not tested"


def _m(abbr: str, word: int) -> bool:
    mask, value = ORACLE[abbr]
    return (word & mask) == value


# The composite predicates, restated from the pinned insn.h over the oracle rows.
COMPOSITES = {
    "aarch64_insn_is_branch": lambda w: any(_m(a, w) for a in (
        "b", "bl", "cbz", "cbnz", "tbz", "tbnz", "ret", "ret_auth", "br", "br_auth", "blr",
        "blr_auth", "bcond")),
    "aarch64_insn_is_branch_imm": lambda w: any(_m(a, w) for a in (
        "b", "bl", "tbz", "tbnz", "cbz", "cbnz", "bcond")),
    "aarch64_insn_is_adr_adrp": lambda w: _m("adr", w) or _m("adrp", w),
    "aarch64_insn_is_dsb": lambda w: _m("dsb_base", w) or _m("dsb_nxs", w),
    "aarch64_insn_is_barrier": lambda w: any(_m(a, w) for a in (
        "dmb", "dsb_base", "dsb_nxs", "isb", "sb", "clrex", "ssbb", "pssbb")),
    "aarch64_insn_is_store_single": lambda w: any(_m(a, w) for a in ("store_imm", "store_pre", "store_post")),
    "aarch64_insn_is_store_pair": lambda w: any(_m(a, w) for a in ("stp", "stp_pre", "stp_post")),
    "aarch64_insn_is_load_single": lambda w: any(_m(a, w) for a in ("load_imm", "load_pre", "load_post")),
    "aarch64_insn_is_load_pair": lambda w: any(_m(a, w) for a in ("ldp", "ldp_pre", "ldp_post")),
    "aarch64_insn_uses_literal": lambda w: any(_m(a, w) for a in (
        "ldr_lit", "ldrsw_lit", "adr", "adrp", "prfm_lit")),
    "aarch64_insn_is_nop": lambda w: w == 0xD503201F,
    # CRm:op2 values of XPACLRI, PACIA1716, PACIB1716, PACIAZ, PACIASP, PACIBZ, PACIBSP,
    # BTI, BTI c, BTI j, BTI jc and NOP (Arm ARM HINT table)
    "aarch64_insn_is_steppable_hint": lambda w: _m("hint", w) and ((w >> 5) & 0x7F) in {
        0x07, 0x08, 0x0A, 0x18, 0x19, 0x1A, 0x1B, 0x20, 0x22, 0x24, 0x26, 0x00},
}


@pytest.mark.parametrize("name", sorted(COMPOSITES))
def test_composite_predicates(name: str) -> None:
    pred = getattr(k, name)
    oracle = COMPOSITES[name]
    rng = random.Random(name)
    words = [rng.getrandbits(32) for _ in range(5000)]
    # plus every row value and neighbours, so each disjunct is exercised
    words += [v for _, _, v in ROWS] + [v | 0x1F for _, _, v in ROWS] + [v ^ 0x800 for _, _, v in ROWS]
    words += [0xD503201F | (crmop2 << 5) for crmop2 in range(128)]
    for w in words:
        assert pred(w) is bool(oracle(w)), f"{name}({w:#010x})"


def test_get_insn_class_v61_table() -> None:
    # ARM ARM C3.1 op0 decode (bits 28:25), with the v6.1 enum values
    expected = {0: 0, 1: 0, 2: 1, 3: 0, 4: 5, 5: 3, 6: 5, 7: 4, 8: 2, 9: 2, 10: 6, 11: 6,
                12: 5, 13: 3, 14: 5, 15: 4}
    for op0, cls in expected.items():
        for hi in (0, 1 << 31, 0x61FFFFFF & ~(0xF << 25)):
            assert k.aarch64_get_insn_class(hi | (op0 << 25)) == cls
    assert k.aarch64_get_insn_class(0x91000000) is k.EncodingClass.DP_IMM


def test_class_branch_sys_agrees_with_class_table() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        w = rng.getrandbits(32)
        assert k.aarch64_insn_is_class_branch_sys(w) is (
            k.aarch64_get_insn_class(w) == k.AARCH64_INSN_CLS_BR_SYS)
