"""Loads and stores (aarch64insn/table/ldst.py): oracle sweeps, inverses, golden vectors.

Capstone 5 is the text oracle; llvm-mc 14 checks what capstone cannot (it rejects every
STGP) and that our text assembles back to the same word. Systematic capstone errors are
rules here, each backed by a representative entry in tests/data/known_differences/ldst.toml.
"""

from __future__ import annotations

import itertools
import random
import re
import struct
import subprocess
from collections.abc import Iterator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from aarch64insn.codec import decode, disassemble, encode, format_insn
from aarch64insn.errors import DecodeError
from aarch64insn.operands.core import fmt_imm
from aarch64insn.operands.system import PREFETCH_OPS
from aarch64insn.spec import CONDITION_HELPERS, Encoding
from aarch64insn.table import ldst
from tests.oracles import capstone_text, known_differences, need_tool

ROWS: tuple[Encoding, ...] = ldst.ENCODINGS
REGISTER_FIELDS = frozenset({"Rt", "Rt2", "Rn", "Rs", "Rm", "Rd", "Xt", "Xt2", "Xn"})
#: llvm-mc 14 does not know "+all"; these are the extensions the family uses
MATTR = "+v8.7a,+mte,+lse,+rcpc,+rcpc-immo,+mops,+pauth,+ls64,+fp-armv8"
FULL_LIMIT = 1 << 16


# --------------------------------------------------------------------------------------
# Field enumeration


def _field_values(row: Encoding, name: str) -> list[int]:
    """Every value of a field that the row's diagram allows (partly fixed fields included)."""
    f = row.fields[name]
    fmask, fvalue = row.layout.fixed_in_field[name]
    fmask >>= f.lsb
    fvalue >>= f.lsb
    return [v for v in range(1 << f.width) if v & fmask == fvalue]


def _excluded(row: Encoding, fields: dict[str, int]) -> bool:
    return any(eval(c, dict(CONDITION_HELPERS), dict(fields)) for c in row.exclude_code)  # noqa: S307


def _words(row: Encoding, limit: int, seed: int) -> Iterator[tuple[int, dict[str, int]]]:
    """Words of *row*: every combination of its non-register fields (a seeded sample above
    *limit*), each with registers drawn to hit 31 and equal registers often."""
    rng = random.Random(f"{row.id}:{seed}")
    names = [n for n in row.layout.variable if n not in REGISTER_FIELDS]
    regs = [n for n in row.layout.variable if n in REGISTER_FIELDS]
    choices = [_field_values(row, n) for n in names]
    total = 1
    for c in choices:
        total *= len(c)
    combos: Iterator[tuple[int, ...]]
    if total <= limit:
        # small spaces are repeated so that the registers get several draws
        repeat = max(1, min(limit, 32) // total)
        combos = itertools.chain.from_iterable(itertools.repeat(tuple(itertools.product(*choices)), repeat))
    else:
        combos = (tuple(rng.choice(c) for c in choices) for _ in range(limit))
    reg_values = {n: _field_values(row, n) for n in regs}
    for combo in combos:
        fields = dict(zip(names, combo, strict=True))
        for n in regs:
            r = rng.random()
            pick = [v for v in reg_values[n] if v in fields.values()] if r < 0.2 else []
            if pick:
                fields[n] = rng.choice(pick)
            elif r < 0.35 and 31 in reg_values[n]:
                fields[n] = 31
            else:
                fields[n] = rng.choice(reg_values[n])
        yield encode(row.id, **fields), fields


# --------------------------------------------------------------------------------------
# Capstone comparison, with the documented systematic differences

_NEG64 = re.compile(r", #0x(f[0-9a-f]{15})$")


def _capstone_rule(row: Encoding, word: int, fields: dict[str, int], ours: str, cs: str | None) -> str | None:
    """The class rule of ldst.toml that explains capstone's *cs*, or None."""
    rid = row.id
    if cs is None:
        if rid.startswith("STGP_"):
            return "stgp-reject"
        if rid.startswith("LDTR") and fields["Rt"] == fields["Rn"] != 31:
            return "ldtr-same-register"
        return None
    if rid.endswith("_ldst_immpost"):
        m = _NEG64.search(cs)
        if m and cs[: m.start()] + ", " + fmt_imm(int(m[1], 16) - (1 << 64)) == ours:
            return "postindex-negative"
    if rid.startswith(("PRFM_", "PRFUM_")) and fields["Rt"] not in PREFETCH_OPS:
        mn = ours.split(" ", 1)[0]
        if cs.startswith(mn + " , ") and cs.replace(" , ", f" {fmt_imm(fields['Rt'])}, ", 1) == ours:
            return "prfop-unnamed"
    return None


def _check(row: Encoding, word: int, fields: dict[str, int], pc: int) -> str | None:
    """None when we agree with capstone (or a documented rule explains it), else a message."""
    cs = capstone_text(word, pc)
    try:
        insn = decode(word)
    except DecodeError:
        return None if cs is None else f"{word:#010x}: we reject, capstone {cs!r}"
    ours = format_insn(insn, pc)
    if insn.id != row.id:
        return f"{word:#010x}: decodes as {insn.id}, built as {row.id}"
    if ours == cs or (cs is None and insn.unpredictable):
        return None
    kd = known_differences().get(word)
    if kd is not None and kd["ours"] == ours:
        return None
    if _capstone_rule(row, word, fields, ours, cs) is not None:
        return None
    return f"{word:#010x} at pc={pc:#x}: ours {ours!r}, capstone {cs!r}"


def _sweep(rows: tuple[Encoding, ...], limit: int, seed: int) -> tuple[int, list[str]]:
    checked, problems = 0, []
    pcs = (0, 0x400000, 0xFFFF_FFFF_FFF0_0000)
    for row in rows:
        for i, (word, fields) in enumerate(_words(row, limit, seed)):
            if row.exclude_code and _excluded(row, fields):
                continue
            checked += 1
            msg = _check(row, word, fields, pcs[i % 3])
            if msg:
                problems.append(f"{row.id}: {msg}")
    return checked, problems


@pytest.mark.oracle
def test_every_row_agrees_with_capstone_on_a_sample() -> None:
    checked, problems = _sweep(ROWS, 96, seed=1)
    assert checked > 25_000
    assert not problems, f"{len(problems)} of {checked} disagree:\n" + "\n".join(problems[:30])


@pytest.mark.oracle
@pytest.mark.slow
def test_every_row_agrees_with_capstone_over_all_its_immediates() -> None:
    checked, problems = _sweep(ROWS, FULL_LIMIT, seed=2)
    assert checked > 250_000
    assert not problems, f"{len(problems)} of {checked} disagree:\n" + "\n".join(problems[:30])


@pytest.mark.oracle
def test_each_systematic_difference_has_its_documented_representative() -> None:
    mine = {"postindex-negative", "stgp-reject", "ldtr-same-register", "prfop-unnamed"}
    entries = [e for e in known_differences().values() if e.get("class") in mine]
    assert {e["class"] for e in entries} == mine
    for e in entries:
        word = int(e["word"])
        assert disassemble(word) == e["ours"]
        cs = capstone_text(word)
        assert (cs if cs is not None else "reject") == e["capstone"]
        row = decode(word).encoding
        if cs is not None:
            assert _capstone_rule(row, word, dict(decode(word).fields), e["ours"], cs) == e["class"]


# --------------------------------------------------------------------------------------
# llvm-mc: our text assembles back to our word (and settles what capstone rejects)


def _assemble(lines: list[str]) -> list[int]:
    proc = subprocess.run(
        [need_tool("llvm-mc"), "-triple=aarch64", f"-mattr={MATTR}", "-show-encoding"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=False,
    )
    words = []
    for text in proc.stdout.splitlines():
        if "encoding: [" in text:
            raw = text.split("encoding: [", 1)[1].split("]", 1)[0]
            words.append(struct.unpack("<I", bytes(int(x, 16) for x in raw.split(",")))[0])
    assert len(words) == len(lines), proc.stderr[:2000]
    return words


@pytest.mark.oracle
def test_our_text_assembles_to_the_same_word_with_llvm_mc() -> None:
    lines, expected = [], []
    for row in ROWS:
        n = 0
        for word, fields in _words(row, 4096, seed=3):
            if (row.exclude_code and _excluded(row, fields)) or decode(word).unpredictable:
                continue
            if row.uses_literal and fields.get("imm19", 0) >> 18:
                continue  # llvm-mc reads "#imm" as the offset: keep the target >= 0 at pc=0
            lines.append(disassemble(word))
            expected.append(word)
            n += 1
            if n == 6:
                break
        assert n, f"{row.id}: no predictable word sampled"
    assert _assemble(lines) == expected


# --------------------------------------------------------------------------------------
# Inverses


def _free_fields(row: Encoding) -> dict[str, st.SearchStrategy[int]]:
    return {n: st.sampled_from(_field_values(row, n)) for n in row.layout.variable}


@given(data=st.data(), row=st.sampled_from(ROWS))
def test_encode_and_decode_are_inverses(data: st.DataObject, row: Encoding) -> None:
    fields = data.draw(st.fixed_dictionaries(_free_fields(row)))
    assume(not (row.exclude_code and _excluded(row, fields)))
    insn = decode(encode(row.id, **fields))
    assert insn.id == row.id
    assert {n: insn.fields[n] for n in fields} == fields


def test_excluded_words_are_unallocated() -> None:
    # LDRB (register) with option=011 is the BL encoding; ST64B with Rt > 22 is UNDEFINED
    assert decode(0x38626820).id == "LDRB_32BL_ldst_regoff"
    with pytest.raises(DecodeError):
        decode(encode("ST64B_64L_memop", Rn=1, Rt=24))
    with pytest.raises(DecodeError):
        decode(0x48217FE2)  # CASP with odd Rs


def test_unpredictable_forms_decode_with_a_reason() -> None:
    assert decode(0xF8408C20).unpredictable is None  # ldr x0, [x1, #8]!
    assert decode(0xF8408C21).unpredictable  # ldr x1, [x1, #8]!: writeback to Rt
    assert decode(0x29400420).unpredictable is None  # ldp w0, w1, [x1]: no writeback, no overlap...
    assert decode(0x29400000 | (1 << 10) | (1 << 5) | 1).unpredictable  # ...ldp w1, w1, [x1]
    assert decode(0xC8037CA3).unpredictable  # stxr w3, x3, [x5]: status overlaps Rt


# --------------------------------------------------------------------------------------
# Golden vectors: words and text from llvm-mc 14 (-show-encoding, -mattr=MATTR above)

GOLDEN = (
    (0xF8627820, "ldr x0, [x1, x2, lsl #3]", "LDR_64_ldst_regoff"),
    (0x38627820, "ldrb w0, [x1, x2, lsl #0]", "LDRB_32BL_ldst_regoff"),
    (0xB8625820, "ldr w0, [x1, w2, uxtw #2]", "LDR_32_ldst_regoff"),
    (0xF860E800, "ldr x0, [x0, x0, sxtx]", "LDR_64_ldst_regoff"),
    (0xA9BF7BFD, "stp x29, x30, [sp, #-0x10]!", "STP_64_ldstpair_pre"),
    (0x3CD00441, "ldr q1, [x2], #-0x100", "LDR_Q_ldst_immpost"),
    (0xC87F0440, "ldxp x0, x1, [x2]", "LDXP_LP64_ldstexclp"),
    (0xC803FCA4, "stlxr w3, x4, [x5]", "STLXR_SR64_ldstexclr"),
    (0xB861005F, "staddl w1, [x2]", "LDADDL_32_memop"),
    (0x38BFC3E0, "ldaprb w0, [sp]", "LDAPRB_32L_memop"),
    (0x18008001, "ldr w1, #0x1000", "LDR_32_loadlit"),
    (0xF9800400, "prfm pldl1keep, [x0, #8]", "PRFM_P_ldst_pos"),
    (0xD9F00C3F, "stz2g sp, [x1, #-0x1000]!", "STZ2G_64Spre_ldsttags"),
    (0xD9601041, "ldg x1, [x2, #0x10]", "LDG_64Loffset_ldsttags"),
    (0x08DF7C20, "ldlarb w0, [x1]", "LDLARB_LR32_ldstord"),
    (0x1DC20420, "setgp [x0]!, x1!, x2", "SETGP_SET_memcms"),
    (0x19010440, "cpyfp [x0]!, [x1]!, x2!", "CPYFP_CPY_memcms"),
    (0xF87FFC20, "ldraa x0, [x1, #-8]!", "LDRAA_64W_ldst_pac"),
    (0x48207FE2, "casp x0, x1, x2, x3, [sp]", "CASP_CP64_comswappr"),
    (0x19DFD041, "ldapursb w1, [x2, #-3]", "LDAPURSB_32_ldapstl_unscaled"),
    (0x68B3BA83, "stgp x3, x14, [x20], #-0x190", "STGP_64_ldstpair_post"),
    (0xF83F9182, "st64b x2, [x12]", "ST64B_64L_memop"),
)


@pytest.mark.parametrize(("word", "text", "rid"), GOLDEN)
def test_golden_vectors(word: int, text: str, rid: str) -> None:
    insn = decode(word)
    assert insn.id == rid
    assert insn.unpredictable is None
    assert disassemble(word) == text
