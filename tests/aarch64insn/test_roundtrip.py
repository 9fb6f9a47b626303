"""The assembler inverts the disassembler: assemble(disassemble(w)) == w for every row.

Where several words print the same text (a logical immediate's ignored immr bits,
DUP's imm5 above the element size), the assembler must give a word that prints
the same text; llvm-mc's choice for those is checked in test_asm_llvm.py.
"""

from __future__ import annotations

import random

import pytest

from aarch64insn import DecodeError, decode, disassemble
from aarch64insn.asm import assemble
from aarch64insn.spec import Encoding
from aarch64insn.table import ENCODINGS

PC = 0xFFFF800080010000


def _words(row: Encoding, n: int, seed: str) -> list[int]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        w = row.value | row.layout.should_value | (rng.getrandbits(32) & ~row.mask & ~row.layout.should_mask)
        try:
            insn = decode(w)
        except DecodeError:
            continue
        if insn.encoding is row and not insn.unpredictable:
            out.append(w)
    return out


@pytest.mark.parametrize("row", ENCODINGS, ids=lambda e: e.id)
def test_assemble_inverts_disassemble(row: Encoding) -> None:
    for w in _words(row, 8, row.id):
        text = disassemble(w, pc=PC)
        got = assemble(text, pc=PC)
        if got != w:
            # another encoding of the same text: it must print identically
            assert disassemble(got, pc=PC) == text, f"{w:#010x} {text!r} -> {got:#010x}"
            assert decode(got).encoding is row
