"""Every aarch64_insn_gen_* against golden words assembled by llvm-mc.

Oracle: tests/data/kernel/gen_vectors.tsv (header: tool, version, command; regenerate with
tests/data/kernel/regen_vectors.py). Calls the kernel rejects are paired with "brk #0x100",
so AARCH64_BREAK_FAULT itself is checked against llvm-mc too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, cast

import pytest

import aarch64insn.kernel as k
from aarch64insn.kernel import gen

DATA = Path(__file__).resolve().parents[1] / "data"


class Vector(NamedTuple):
    fn: str
    args: tuple[int, ...]
    asm: str
    word: int

    def call(self) -> int:
        func = cast(Callable[..., int], getattr(k, self.fn))
        return func(*self.args)


def parse_arg(token: str) -> int:
    token = token.strip()
    if token.lstrip("-")[:1].isdigit():
        return int(token, 0)
    value = getattr(k, token)
    assert isinstance(value, int), token
    return int(value)


def load_vectors() -> list[Vector]:
    out = []
    for line in (DATA / "kernel" / "gen_vectors.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        fn, args, asm, word = line.split("\t")
        parsed = tuple(parse_arg(a) for a in args.split(",")) if args.strip() else ()
        out.append(Vector(fn, parsed, asm, int(word, 16)))
    return out

VECTORS = load_vectors()


@pytest.mark.parametrize("v", VECTORS, ids=[f"{v.fn[17:]}:{v.asm}" for v in VECTORS])
def test_golden_word(v: Vector, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="aarch64insn.kernel"):
        assert v.call() == v.word, f"{v.fn}{v.args} should be {v.asm!r}"


def test_break_fault_is_brk_0x100_per_llvm_mc() -> None:
    words = {v.word for v in VECTORS if v.asm == "brk #0x100"}
    assert words == {k.AARCH64_BREAK_FAULT} == {0xD4202000}


def test_every_generator_has_vectors_and_a_break_fault_vector() -> None:
    gens = {n for n in gen.__all__ if n.startswith("aarch64_insn_gen_")}
    covered = {v.fn for v in VECTORS}
    assert gens <= covered
    failing = {v.fn for v in VECTORS if v.word == k.AARCH64_BREAK_FAULT}
    assert gens - failing == {"aarch64_insn_gen_hint", "aarch64_insn_gen_nop"}  # never fail


def test_enum_members_and_plain_ints_are_interchangeable() -> None:
    a = k.aarch64_insn_gen_load_store_pair(
        k.AARCH64_INSN_REG_FP, k.AARCH64_INSN_REG_LR, k.AARCH64_INSN_REG_SP, -16,
        k.Variant.BIT64, k.LdstType.STORE_PAIR_PRE_INDEX)
    assert a == k.aarch64_insn_gen_load_store_pair(29, 30, 31, -16, 1, 5) == 0xA9BF7BFD
    assert type(a) is int


REGISTER_ARGS = {
    # generator -> positions of its register arguments
    "aarch64_insn_gen_comp_branch_imm": (2,), "aarch64_insn_gen_branch_reg": (0,),
    "aarch64_insn_gen_load_store_reg": (0, 1, 2), "aarch64_insn_gen_load_store_imm": (0, 1),
    "aarch64_insn_gen_load_literal": (2,), "aarch64_insn_gen_load_store_pair": (0, 1, 2),
    "aarch64_insn_gen_load_store_ex": (0, 1, 2), "aarch64_insn_gen_atomic_ld_op": (0, 1, 2),
    "aarch64_insn_gen_cas": (0, 1, 2), "aarch64_insn_gen_prefetch": (0,),
    "aarch64_insn_gen_add_sub_imm": (0, 1), "aarch64_insn_gen_bitfield": (0, 1),
    "aarch64_insn_gen_movewide": (0,), "aarch64_insn_gen_add_sub_shifted_reg": (0, 1, 2),
    "aarch64_insn_gen_data1": (0, 1), "aarch64_insn_gen_data2": (0, 1, 2),
    "aarch64_insn_gen_data3": (0, 1, 2, 3), "aarch64_insn_gen_logical_shifted_reg": (0, 1, 2),
    "aarch64_insn_gen_move_reg": (0, 1), "aarch64_insn_gen_adr": (2,),
    "aarch64_insn_gen_logical_immediate": (2, 3), "aarch64_insn_gen_extr": (1, 2, 3),
    "aarch64_insn_gen_mrs": (0,),
}


_WITH_REGS = [v for v in VECTORS if REGISTER_ARGS.get(v.fn)]


@pytest.mark.parametrize("v", _WITH_REGS, ids=[f"{v.fn[17:]}:{v.asm}" for v in _WITH_REGS])
def test_wrapped_enum_arguments_take_the_general_path(v: Vector, caplog: pytest.LogCaptureFixture) -> None:
    """Registers given as r + 2**32 wrap like C's unsigned enum; this also runs the field
    encoders (the general path) on every golden vector, not only the in-range fast path."""
    positions = REGISTER_ARGS[v.fn]
    args = list(v.args)
    for i in positions:
        args[i] = (args[i] & 0xFFFFFFFF) + 2**32
    with caplog.at_level(logging.ERROR, logger="aarch64insn.kernel"):
        assert getattr(k, v.fn)(*args) == v.word
