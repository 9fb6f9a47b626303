"""Branches, exception generation and system instructions, checked against the oracles.

* per-row sweeps: every value of each row's non-register fields (a dense
  seeded sample where there are more than 2**16), registers sampled, compared
  with capstone 5 at a non-zero pc;
* the whole MRS/MSR system register space (2 x 2**15 words);
* encode(decode(w)) == w per row (hypothesis), by fields and by operands;
* golden vectors produced by llvm-mc and objdump (provenance below);
* the ftrace simulator's flags (hotpatch_safe, branch, barrier).

A disagreement with capstone is accepted only when capstone rejects the word
and we raise DecodeError or flag the word unpredictable, or when
``tests/data/known_differences/system.toml`` documents it: per word
(``[[difference]]``, the shared format) or, for a whole family of words, as a
``[[difference_class]]`` (mask/value, a regex over each side's text, arbiter,
reason).
"""

from __future__ import annotations

import itertools
import random
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aarch64insn import DecodeError, decode, disassemble, encode, encode_operands
from aarch64insn.operands.sysops import TLBI_OPS
from aarch64insn.operands.sysregs import SYSREG_BY_NAME
from aarch64insn.spec import Encoding
from aarch64insn.table import ALIASES, UNSUPPORTED, branch, system
from tests.oracles import DATA, capstone_text, known_class, known_differences, llvm_mc_encode

ROWS: tuple[Encoding, ...] = tuple(branch.ENCODINGS) + tuple(system.ENCODINGS)
REGISTER_FIELDS = {"Rt", "Rn", "Rm", "Rd"}
REGISTER_SAMPLE = (0, 1, 30, 31)
PC = 0x40_1000


# --------------------------------------------------------------------------------------
# Known differences


@cache
def _classes() -> tuple[dict[str, Any], ...]:
    data = tomllib.loads((DATA / "known_differences" / "system.toml").read_text())
    out = []
    for entry in data.get("difference_class", []):
        for key in ("name", "mask", "value", "ours", "capstone", "arbiter", "reason"):
            assert key in entry, f"difference_class {entry.get('name')} lacks {key!r}"
        out.append(entry)
    return tuple(out)


def _known(word: int, row: str | None, ours: str | None, theirs: str | None) -> str | None:
    """The name of the documented difference that covers this disagreement, if any."""
    if row is not None and ours is not None:
        cls = known_class(row, ours, theirs)
        if cls is not None:
            return cls
    entry = known_differences().get(word)
    if entry is not None:
        want_ours = "reject" if ours is None else ours
        want_cs = "reject" if theirs is None else theirs
        if entry["ours"] == want_ours and entry["capstone"] == want_cs:
            return f"word {word:#010x}"
    for cls in _classes():
        if word & cls["mask"] != cls["value"]:
            continue
        if re.fullmatch(cls["ours"], "reject" if ours is None else ours) and re.fullmatch(
            cls["capstone"], "reject" if theirs is None else theirs
        ):
            return str(cls["name"])
    return None


def _ours(word: int, pc: int) -> tuple[str | None, str | None, str | None]:
    """(text, why unpredictable, row ID), all None when we raise DecodeError."""
    try:
        insn = decode(word)
    except DecodeError:
        return None, None, None
    return insn.text(pc), insn.unpredictable, insn.id


def _verdict(word: int, pc: int = PC) -> tuple[str, str | None, str | None]:
    """('agree' | 'known:<name>' | 'DIFF', ours, capstone)."""
    theirs = capstone_text(word, pc)
    ours, unpredictable, row = _ours(word, pc)
    if ours == theirs:
        return "agree", ours, theirs
    if theirs is None and (ours is None or unpredictable):
        return "agree", ours, theirs
    known = _known(word, row, ours, theirs)
    if known is not None:
        return "known:" + known, ours, theirs
    return "DIFF", ours, theirs


# --------------------------------------------------------------------------------------
# Sweep generation


def _spread(bits: list[int], value: int) -> int:
    out = 0
    for i, b in enumerate(bits):
        if value >> i & 1:
            out |= 1 << b
    return out


def _field_values(name: str, bits: list[int], rnd: random.Random) -> list[int]:
    if name in REGISTER_FIELDS:
        return sorted({_spread(bits, v & ((1 << len(bits)) - 1)) for v in REGISTER_SAMPLE})
    if len(bits) <= 16:
        return [_spread(bits, v) for v in range(1 << len(bits))]
    top = (1 << len(bits)) - 1
    sample = {0, 1, top, top >> 1, 1 << (len(bits) - 1)} | {rnd.getrandbits(len(bits)) for _ in range(4000)}
    return [_spread(bits, v) for v in sorted(sample)]


def row_words(e: Encoding, seed: int = 2024, cap: int = 1 << 16) -> Iterator[int]:
    """Every value of the row's non-register fields (or a dense sample), registers sampled,
    plus a sample of should-be bit variations."""
    rnd = random.Random(f"{e.id}/{seed}")
    base = e.value | e.layout.should_value
    sets: list[list[int]] = []
    for name in e.layout.variable:
        f = e.fields[name]
        free = f.mask & ~e.layout.fixed_in_field[name][0]
        bits = [b for b in range(32) if free >> b & 1]
        sets.append(_field_values(name, bits, rnd))
    total = 1
    for s in sets:
        total *= len(s)
    if total <= cap:
        for combo in itertools.product(*sets):
            yield base | sum(combo)
    else:
        for _ in range(cap):
            yield base | sum(rnd.choice(s) for s in sets)
    sm = e.layout.should_mask
    if sm:
        for _ in range(256):
            w = base | sum(rnd.choice(s) for s in sets)
            yield (w & ~sm) | (rnd.getrandbits(32) & sm)


# --------------------------------------------------------------------------------------
# Oracle sweeps


@pytest.mark.oracle
@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.id)
def test_row_sweep_matches_capstone(row: Encoding) -> None:
    diffs = []
    checked = 0
    for word in row_words(row, cap=1 << 12):
        checked += 1
        verdict, ours, theirs = _verdict(word)
        if verdict == "DIFF":
            diffs.append(f"{word:#010x}: ours={ours!r} capstone={theirs!r}")
    assert checked > 0
    assert not diffs, f"{row.id}: {len(diffs)} of {checked} words differ:\n" + "\n".join(diffs[:20])


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.id)
def test_row_sweep_dense(row: Encoding) -> None:
    """The same sweep with the full 2**16 budget per row."""
    diffs = [
        f"{w:#010x}: {ours!r} vs {theirs!r}"
        for w in row_words(row, seed=7)
        for verdict, ours, theirs in [_verdict(w)]
        if verdict == "DIFF"
    ]
    assert not diffs, f"{row.id}: {len(diffs)} differ:\n" + "\n".join(diffs[:20])


@pytest.mark.oracle
@pytest.mark.slow
def test_system_register_space_mrs_msr() -> None:
    """Every op0:op1:CRn:CRm:op2 of MRS and of MSR (register): 65536 words."""
    named = 0
    diffs = []
    for rt, l_bit in ((1, 1), (30, 0)):
        for enc in range(1 << 15):
            word = 0xD5100000 | (l_bit << 21) | (enc << 5) | rt
            verdict, ours, theirs = _verdict(word, pc=0)
            if verdict == "DIFF":
                diffs.append(f"{word:#010x}: ours={ours!r} capstone={theirs!r}")
            elif ours is not None and "_c" not in ours:
                named += 1
    assert not diffs, f"{len(diffs)} differ:\n" + "\n".join(diffs[:30])
    assert named > 1500  # the name table is really used, in both directions


@pytest.mark.oracle
def test_system_register_names_sample() -> None:
    """Every named register, both directions, against capstone (fast version of the space sweep)."""
    diffs = []
    for name, key in SYSREG_BY_NAME.items():
        for l_bit, rt in ((1, 3), (0, 4)):
            word = 0xD5100000 | (l_bit << 21) | ((key & 0x7FFF) << 5) | rt
            verdict, ours, theirs = _verdict(word, pc=0)
            if verdict == "DIFF":
                diffs.append(f"{name} {word:#010x}: ours={ours!r} capstone={theirs!r}")
    assert not diffs, "\n".join(diffs[:30])


def _class_space(seed: int, count: int) -> Iterator[int]:
    """Random words of the branch/exception/system class (op0 = x101, x00x)."""
    rnd = random.Random(seed)
    for _ in range(count):
        word = rnd.getrandbits(32)
        yield (word & ~0x1C000000) | rnd.choice((0x14000000, 0x10000000, 0x18000000))


@pytest.mark.oracle
def test_class_space_random_words() -> None:
    """Random words anywhere in the class, including unallocated corners."""
    diffs = []
    for word in _class_space(11, 20000):
        if word & 0x1C000000 != 0x14000000:
            continue
        verdict, ours, theirs = _verdict(word)
        if verdict == "DIFF":
            diffs.append(f"{word:#010x}: ours={ours!r} capstone={theirs!r}")
    assert not diffs, "\n".join(diffs[:30])


@pytest.mark.oracle
@pytest.mark.slow
def test_op0_00_space_full() -> None:
    """All of hints / barriers / PSTATE / WFxT / TME (L=0 or 1, op0=00): 2**20 words, Rt sampled."""
    diffs = []
    for hi in range(1 << 15):  # L:op1:CRn:CRm:op2 (+ bit 20/19 = 00)
        l_bit, rest = hi >> 14, hi & 0x3FFF
        for rt in (31, 0, 17):
            word = 0xD5000000 | (l_bit << 21) | (rest << 5) | rt
            verdict, ours, theirs = _verdict(word)
            if verdict == "DIFF":
                diffs.append(f"{word:#010x}: ours={ours!r} capstone={theirs!r}")
    assert not diffs, f"{len(diffs)} differ:\n" + "\n".join(diffs[:30])


def test_known_differences_are_still_differences() -> None:
    """Each per-word entry of system.toml still describes what both sides print, and every
    class rule covers its representative word."""
    pytest.importorskip("capstone")
    for word, entry in known_differences().items():
        if not entry.get("family") == "system":
            continue
        ours, _, _ = _ours(word, 0)
        assert ("reject" if ours is None else ours) == entry["ours"], hex(word)
        theirs = capstone_text(word, 0)
        assert ("reject" if theirs is None else theirs) == entry["capstone"], hex(word)
        if "class" in entry:
            assert known_class(decode(word).id, entry["ours"], theirs) == entry["class"], hex(word)
    for cls in _classes():
        assert cls["arbiter"] and cls["reason"] and cls["mask"] & cls["value"] == cls["value"]


# --------------------------------------------------------------------------------------
# Encode / decode inverse


def _rows_words() -> st.SearchStrategy[tuple[Encoding, int]]:
    def build(e: Encoding) -> st.SearchStrategy[tuple[Encoding, int]]:
        free = 0xFFFFFFFF & ~e.mask & ~e.layout.should_mask
        return st.integers(0, 0xFFFFFFFF).map(lambda r: (e, e.value | e.layout.should_value | (r & free)))

    return st.sampled_from(ROWS).flatmap(build)


@settings(max_examples=600, deadline=None)
@given(_rows_words(), st.integers(0, (1 << 48) - 1).map(lambda x: x & ~3))
def test_encode_decode_inverse(case: tuple[Encoding, int], pc: int) -> None:
    e, word = case
    try:
        insn = decode(word)
    except DecodeError:
        assert any(eval(c, {}, dict(_fields(e, word))) for c in e.exclude_code)  # noqa: S307
        return
    if insn.id != e.id:  # a more specific row of an overlap group won
        assert any(e.id in g.order and insn.id in g.order for g in (*branch.OVERLAPS, *system.OVERLAPS))
        return
    assert encode(e.id, **{n: insn.fields[n] for n in e.layout.variable}) == word
    rid = insn.alias.id if insn.alias else e.id
    assert encode_operands(rid, *insn.operands(pc), pc=pc) == word


def _fields(e: Encoding, word: int) -> dict[str, int]:
    return {n: f.extract(word) for n, f in e.fields.items()}


def test_every_alias_round_trips() -> None:
    """Each SYS/PSTATE alias, each named operation: decode -> operands -> encode."""
    mine = [a for a in ALIASES if a.of in {e.id for e in ROWS}]
    assert len(mine) >= 14
    for name, (op1, crn, crm, op2, needs_reg) in TLBI_OPS.items():
        for rt in (0, 31):
            word = 0xD5080000 | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | rt
            insn = decode(word)
            assert insn.alias is not None and insn.alias.id == "TLBI_SYS_CR_systeminstrs", name
            text = insn.text()
            assert text.startswith(f"tlbi {name}")
            assert (", " in text) == (needs_reg or rt != 31)
            assert encode_operands(insn.alias.id, *insn.operands()) == word


# --------------------------------------------------------------------------------------
# Golden vectors

#: (text, word): produced by ``llvm-mc -triple=aarch64 -show-encoding`` (Debian LLVM 14.0.6,
#: -mattr=+v8.7a,+sme,+tme,+xs,+wfxt,+predres,+brbe,+mte,+ccdp) and cross-checked with
#: ``aarch64-linux-gnu-objdump -D -b binary -m aarch64`` (GNU Binutils 2.40); the text is
#: capstone 5's spelling (hex immediates above 9).
GOLDEN = (
    ("nop", 0xD503201F), ("isb", 0xD5033FDF), ("dsb ish", 0xD5033B9F), ("dmb ishld", 0xD50339BF),
    ("dsb nshnxs", 0xD503363F), ("sb", 0xD50330FF), ("ssbb", 0xD503309F), ("pssbb", 0xD503349F),
    ("clrex", 0xD5033F5F), ("clrex #0", 0xD503305F), ("bti c", 0xD503245F), ("paciasp", 0xD503233F), ("autiasp", 0xD50323BF),
    ("esb", 0xD503221F), ("psb csync", 0xD503223F), ("csdb", 0xD503229F), ("hint #0x7f", 0xD5032FFF),
    ("svc #0", 0xD4000001), ("hvc #1", 0xD4000022), ("smc #0x1234", 0xD4024683),
    ("brk #0x800", 0xD4210000), ("hlt #0xf000", 0xD45E0000), ("udf #1", 0x00000001),
    ("tcancel #1", 0xD4600020), ("dcps1", 0xD4A00001), ("tstart x1", 0xD5233061),
    ("ttest x2", 0xD5233162), ("tcommit", 0xD503307F), ("wfet x3", 0xD5031003), ("wfit x4", 0xD5031024),
    ("cfinv", 0xD500401F), ("xaflag", 0xD500403F), ("axflag", 0xD500405F),
    ("msr daifset, #0xf", 0xD5034FDF), ("msr pan, #1", 0xD500419F), ("msr spsel, #1", 0xD50041BF),
    ("smstart", 0xD503477F), ("smstop za", 0xD503447F),
    ("mrs x0, midr_el1", 0xD5380000), ("msr sctlr_el1, x1", 0xD5181001), ("mrs x2, nzcv", 0xD53B4202),
    ("mrs x3, s3_0_c15_c2_0", 0xD538F203), ("msr tpidr_el0, x30", 0xD51BD05E),
    ("dc civac, x1", 0xD50B7E21), ("dc zva, x2", 0xD50B7422), ("ic ivau, x3", 0xD50B7523),
    ("ic iallu", 0xD508751F), ("at s1e1r, x4", 0xD5087804), ("tlbi vmalle1is", 0xD508831F),
    ("tlbi vae1, x5", 0xD5088725), ("tlbi vae1isnxs, x6", 0xD5089326), ("cfp rctx, x7", 0xD50B7387),
    ("brb iall", 0xD509729F), ("sys #0, c7, c0, #0", 0xD508701F), ("sysl x8, #1, c2, c3, #4", 0xD5292388),
    ("ret", 0xD65F03C0), ("br x16", 0xD61F0200), ("blr x1", 0xD63F0020), ("retaa", 0xD65F0BFF),
    ("braa x1, x2", 0xD71F0822), ("eret", 0xD69F03E0), ("eretab", 0xD69F0FFF), ("drps", 0xD6BF03E0),
)  # fmt: skip


@pytest.mark.parametrize(("text", "word"), GOLDEN, ids=[t for t, _ in GOLDEN])
def test_golden_vectors(text: str, word: int) -> None:
    assert disassemble(word, pc=PC) == text


@pytest.mark.oracle
def test_golden_vectors_still_assemble_with_llvm_mc() -> None:
    """Regenerates the provenance: llvm-mc 14 assembles each golden text to its word."""
    mattr = "+v8.7a,+sme,+tme,+xs,+wfxt,+predres,+brbe,+mte,+ccdp,+pauth,+bti,+sb,+ssbs,+ras,+spe,+flagm,+altnzcv"
    texts = [t.replace("#0x", "#0x") for t, _ in GOLDEN]
    words = llvm_mc_encode(texts, mattr=mattr)
    wrong = [(t, hex(w), None if got is None else hex(got)) for (t, w), got in zip(GOLDEN, words, strict=True)
             if got is not None and got != w]
    assert not wrong, wrong
    assert sum(got is not None for got in words) >= len(GOLDEN) - 2


# --------------------------------------------------------------------------------------
# Flags the simulator relies on, and the class bookkeeping


def test_hotpatch_safe_is_exactly_the_cmodx_list() -> None:
    safe = {e.id for e in ROWS if e.hotpatch_safe}
    assert safe == {
        "B_only_branch_imm", "BL_only_branch_imm", "BRK_EX_exception", "HVC_EX_exception",
        "ISB_BI_barriers", "NOP_HI_hints", "SMC_EX_exception", "SVC_EX_exception",
    }  # fmt: skip
    assert decode(0xD503201F).is_hotpatch_safe and decode(0x94000001).is_hotpatch_safe
    assert not decode(0xD503203F).is_hotpatch_safe  # yield


def test_branch_and_barrier_flags() -> None:
    for e in branch.ENCODINGS:
        is_branch = e.mnemonic not in ("svc", "hvc", "smc", "brk", "hlt", "tcancel", "dcps1", "dcps2",
                                       "dcps3", "udf", "eret", "drps", "eretaa", "eretab")
        assert e.branch == is_branch, e.id
        assert e.branch_imm == ("LABEL" in e.asm), e.id
    barriers = {e.id for e in system.ENCODINGS if e.barrier}
    assert barriers == {
        "CLREX_BN_barriers", "DSB_BOn_barriers", "SSBB_only_barriers", "PSSBB_only_barriers",
        "DSB_BO_barriers", "DMB_BO_barriers", "ISB_BI_barriers", "SB_only_barriers",
    }  # fmt: skip


def test_class_is_no_longer_unsupported() -> None:
    assert not any(value == 0x14000000 and mask == 0x1C000000 for mask, value, _ in UNSUPPORTED)
    for word in _class_space(3, 3000):
        if word & 0x1C000000 != 0x14000000:
            continue
        try:
            decode(word)
        except DecodeError as err:
            assert err.reason.name == "UNALLOCATED", hex(word)


def test_reserved_values_are_unallocated() -> None:
    for word in (0xD50040DF, 0xD503423F, 0xD500429F, 0xD503407F, 0xD503301F, 0xD503311F, 0xD503307E):
        with pytest.raises(DecodeError) as info:
            decode(word)
        assert info.value.reason.name == "UNALLOCATED"


def test_sysreg_names_encode() -> None:
    assert encode_operands("MRS_RS_systemmove", gpr_x(0), "midr_el1") == 0xD5380000
    assert encode_operands("MSR_SR_systemmove", "s3_0_c15_c2_0", gpr_x(1)) == 0xD518F201
    assert disassemble(0xD5130500) == "msr dbgdtrtx_el0, x0"  # write-only name for MSR
    assert disassemble(0xD5330500) == "mrs x0, dbgdtrrx_el0"  # read-only name for MRS
    assert disassemble(0xD5180000) == "msr s3_0_c0_c0_0, x0"  # midr_el1 is read-only


def gpr_x(n: int) -> object:
    from aarch64insn import gpr

    return gpr(n, 64)


@pytest.mark.parametrize("word", [0xD50330FF | 0x300, 0xD500401F | 0x500])
def test_should_be_bits_flag_unpredictable(word: int) -> None:
    assert decode(word).unpredictable
