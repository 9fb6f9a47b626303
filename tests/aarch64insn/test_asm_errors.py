"""Assembler errors: typed, precise, and never a wrong encoding.

* :class:`AsmSyntaxError` (a ValueError) carries the 1-based column, the token found
  there and what was expected: unknown mnemonics, operands a kind does not
  recognise, trailing junk, missing operands.
* :class:`EncodeError` (a ValueError) names the encoding, the operand (its fields), the
  value and the legal range: immediates out of range, misaligned or far branch
  targets, logical immediates that are not bitmask immediates (with the reason),
  register 31 of the wrong class (sp where xzr is meant, and the reverse).
* Property: random garbage and near misses of real instructions either raise one of
  the two, or give a word whose disassembly is the same text modulo number spelling.
"""

from __future__ import annotations

import functools
import os
import random
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aarch64insn import AsmSyntaxError, DecodeError, EncodeError, decode, disassemble, table
from aarch64insn.asm import assemble
from aarch64insn.codec import format_insn
from aarch64insn.operands import canonical

PC = 0x400000


# --------------------------------------------------------------------------------------
# Syntax errors

SYNTAX = [
    # text, column, token, words of the expectation
    ("frob x0, x1", 1, "frob", "known mnemonic"),
    ("  frob", 3, "frob", "known mnemonic"),
    ("add x0, x1, #foo", 13, "#foo", "immediate"),
    ("dmb foo", 5, "foo", "barrier option"),
    ("ret x33", 5, "x33", "64-bit register"),
    ("mrs x0, foo_el1", 9, "foo_el1", "system register"),
    ("tlbi foo, x1", 6, "foo, x1", "TLBI operation"),
    ("b.xx #0x10", 3, "xx", "condition"),
    ("ldr w0, [x1, w2]", 14, "w2", "index register"),
    ("add w0, w1, w2, ror #3", 17, "ror #3", "shift"),
    ("nop foo", 5, "foo", "end of the instruction"),
    ("add x0, x1, x2 junk", 16, "junk", "end of the instruction"),
    ("ret x0, x1", 7, ",", "end of the instruction"),
    ("add x0, x1", 11, "", "','"),
    ("add x0 x1, x2", 8, "x1", "','"),
    ("ldr x0, [x1", 12, "", "']'"),
    ("", 1, "", "mnemonic"),
]


@pytest.mark.parametrize(("text", "column", "token", "expected"), SYNTAX)
def test_syntax_error_points_at_the_problem(text: str, column: int, token: str, expected: str) -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble(text, pc=PC)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.column, err.token) == (column, token), str(err)
    assert expected in err.expected, str(err)
    assert f"column {column}" in str(err) and "expected" in str(err)


# --------------------------------------------------------------------------------------
# Encode errors

ENCODE = [
    # text, encoding, operand, value, words of the legal range
    ("add x0, x1, #0x1001", "ADD_64_addsub_imm", "imm12", 0x1001, "0..0xfff"),
    ("svc #0x10000", "SVC_EX_exception", "imm16", 0x10000, "0..0xffff"),
    ("ldr x0, [x1, #0x8001]", "LDR_64_ldst_pos", "imm12", 0x8001, "steps of 8"),
    ("ldp x0, x1, [sp, #4]", "LDP_64_ldstpair_off", "imm7", 4, "steps of 8"),
    ("ext v0.16b, v1.16b, v2.16b, #16", "EXT_asimdext_only", "imm4", 16, "0..0xf"),
    ("tbz x0, #64, #0x400010", "TBZ_only_testbranch", "b5,b40", 64, "0..0x3f"),
    ("lsl x0, x1, #64", "LSL_UBFM_64M_bitfield", "immr,imms", 64, "0..63"),
    ("add x0, x1, x2, lsl #64", "ADD_64_addsub_shift", "shift,imm6", ("lsl", 64), "0..63"),
    ("fmov d0, #1.3", "FMOV_D_floatimm", "imm8", 1.3, "0.125 .. 31.0"),
    ("mrs x0, s3_8_c1_c0_0", "MRS_RS_systemmove", "o0,op1,CRn,CRm,op2", "s3_8_c1_c0_0", "s<2-3>_<0-7>"),
    # branch and literal targets: alignment and range, relative to pc
    ("b #0x400002", "B_only_branch_imm", "imm26", 0x400002, "a multiple of 4"),
    ("b #0x8400000", "B_only_branch_imm", "imm26", 0x8400000, "-0x8000000..+0x7fffffc"),
    ("cbz x0, #0x500000", "CBZ_64_compbranch", "imm19", 0x500000, "-0x100000..+0xffffc"),
    ("ldr x0, #0x400003", "LDR_64_loadlit", "imm19", 0x400003, "a multiple of 4"),
    ("adr x0, #0x100000000", "ADR_only_pcreladdr", "immhi,immlo", 0x100000000, "-0x100000..+0xfffff"),
    ("cbz x0, nowhere", "CBZ_64_compbranch", "imm19", "nowhere", "undefined"),
    # logical immediates, with the reason
    ("and x0, x1, #0x1234", "AND_64_log_imm", "N,immr,imms", 0x1234, "0x1234 is not one"),
    ("orr w0, w1, #0", "ORR_32_log_imm", "N,immr,imms", 0, "0 and all-ones are not encodable"),
    ("eor x0, x1, #-1", "EOR_64_log_imm", "N,immr,imms", 0xFFFFFFFFFFFFFFFF, "0 and all-ones"),
    # register 31 of the wrong class
    ("orr x0, x1, sp", "ORR_64_log_shift", "Rm", "sp", "zero register"),
    ("add xzr, x1, #1", "ADD_64_addsub_imm", "Rd", "xzr", "stack pointer"),
    ("ldr x0, [x1, sp]", "LDR_64_ldst_regoff", "Rm,option,S", "sp", "zero register"),
    ("dc zva, sp", "DC_SYS_CR_systeminstrs", "op1,CRn,CRm,op2,Rt", "sp", "x0-x30 or xzr"),
]


@pytest.mark.parametrize(("text", "encoding", "operand", "value", "legal"), ENCODE)
def test_encode_error_names_encoding_operand_value_range(
    text: str, encoding: str, operand: str, value: object, legal: str
) -> None:
    with pytest.raises(EncodeError) as info:
        assemble(text, pc=PC)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.encoding, err.argument) == (encoding, operand), str(err)
    assert err.value == value or str(err.value).lower() == str(value), str(err)
    assert str(err).startswith(encoding) and operand in str(err) and legal in str(err), str(err)


def test_unencodable_combination_names_the_encoding() -> None:
    with pytest.raises(EncodeError) as info:
        assemble("ubfx x0, x1, #60, #8")  # lsb + width > 64
    assert info.value.encoding == "UBFX_UBFM_64M_bitfield"


# --------------------------------------------------------------------------------------
# Never a wrong encoding

_NUMBER_SPELLING = re.compile(r"#(-?\d+)\.0(?![\d])")
_BARE_NUMBER = re.compile(r"(?<=[\s,])(?=-?\d)")
_ZERO_SHIFT = re.compile(r",lsl#0$")


def same_text(a: str, b: str) -> bool:
    """Equal modulo number spelling (hex/decimal, ``#`` or not, ``#2`` / ``#2.0``), case and
    spacing, and the zero offsets and shifts the printer leaves out (``[x1, #0]``, ``, lsl #0``)."""

    def norm(t: str) -> str:
        t = _NUMBER_SPELLING.sub(r"#\1", canonical(_BARE_NUMBER.sub("#", t.strip().lower())))
        return _ZERO_SHIFT.sub("", t.replace(",#0]", "]"))

    return norm(a) == norm(b)


@functools.cache
def real_texts() -> list[str]:
    """One disassembled text per row and alias (seeded), the seeds of the near misses."""
    rng = random.Random(20261126)
    out: list[str] = []
    for e in list(table.ENCODINGS) + list(table.ALIASES):
        mask, value = e.mask, e.value
        for _ in range(16):
            w = value | (rng.getrandbits(32) & ~mask)
            try:
                insn = decode(w)
            except DecodeError:
                continue
            if not insn.unpredictable:
                out.append(format_insn(insn, PC))
                break
    return out


def check_never_wrong(text: str) -> None:
    try:
        word = assemble(text, pc=PC)
    except (AsmSyntaxError, EncodeError):
        return
    insn = decode(word)
    printed = [format_insn(insn, PC), format_insn(insn, PC, use_alias=False)]
    assert any(same_text(text, p) for p in printed), f"{text!r} -> {word:#010x} prints {printed[0]!r}"


_ALPHABET = "xwvqdsbh0123456789#,.[]{}!-+ abcdefghijklmnopqrstuvwxyz_"


@st.composite
def near_miss(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(real_texts()))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["delete", "insert", "replace", "swap", "digit"]))
        i = draw(st.integers(0, max(len(text) - 1, 0)))
        if how == "delete" and text:
            text = text[:i] + text[i + 1 :]
        elif how == "insert":
            text = text[:i] + draw(st.sampled_from(_ALPHABET)) + text[i:]
        elif how == "replace" and text:
            text = text[:i] + draw(st.sampled_from(_ALPHABET)) + text[i + 1 :]
        elif how == "swap":
            parts = text.split(", ")
            if len(parts) > 2:
                j = draw(st.integers(1, len(parts) - 2))
                parts[j], parts[j + 1] = parts[j + 1], parts[j]
                text = ", ".join(parts)
        elif how == "digit":
            text = re.sub(r"\d+", lambda m: str(int(m[0]) + draw(st.integers(-2, 40))), text, count=1)
    return text


@settings(max_examples=int(os.environ.get("ASM_NEAR_MISSES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(near_miss())
@example("add x0, x1, x2, lsl #64")
@example("mov x0, #0x1_0000")
@example("tlbi vmalle1, xzr")
def test_near_misses_never_encode_wrongly(text: str) -> None:
    check_never_wrong(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40)
       | st.builds(lambda m, rest: m + " " + rest, st.sampled_from(["add", "ldr", "mov", "b", "fmov", "ld1", "tlbi"]),
                   st.text(alphabet=st.sampled_from(_ALPHABET), max_size=30)))
def test_garbage_raises_typed_errors(text: str) -> None:
    check_never_wrong(text)


def test_real_texts_assemble_back() -> None:
    """The seeds of the near misses assemble to words that print the same."""
    for text in real_texts():
        assert disassemble(assemble(text, pc=PC), pc=PC) == text
