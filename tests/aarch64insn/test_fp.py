"""Scalar floating point and cryptography (aarch64insn/table/fp.py).

* per-row sweeps against capstone 5: every value of every non-register field,
  registers sampled (denser under ``slow``);
* space sweeps: seeded random words from the whole scalar-FP space and from
  the neighbourhood of every crypto class, so reserved values (ftype=10,
  FCVT to the same precision, 32-bit fbits > 32, ...) are checked to decode
  to no instruction, never to a wrong one;
* encode/decode inverses per row (hypothesis), at the field and operand level;
* golden vectors: words assembled by hand from the Arm ARM diagrams, text as
  LLVM prints it; checked both ways, with capstone and llvm-mc 14;
* real code: every FP/crypto word in the AArch64 glibc's libm ``.text``.
"""

from __future__ import annotations

import random
import re
import struct
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aarch64insn.codec import decode, disassemble, encode, encode_operands
from aarch64insn.errors import DecodeError, EncodeError
from aarch64insn.operands.fp import FP_IMM8_BY_VALUE, FPVElem, FPVReg, VReg, fp_imm8_value
from aarch64insn.spec import Encoding
from aarch64insn.table import fp as fp_table
from tests.oracles import LLVM_MC_MATTR, capstone_text, known_differences, llvm_mc_encode, need_tool

ROWS: tuple[Encoding, ...] = fp_table.ENCODINGS
FP_IDS = frozenset(e.id for e in ROWS)
FP_MNEMONICS = frozenset(e.mnemonic for e in ROWS)
#: mnemonics only the crypto rows use (scalar FP mnemonics are shared with AdvSIMD vector forms)
CRYPTO_MNEMONICS = frozenset(e.mnemonic for e in ROWS if "crypto" in e.id)


def in_scalar_fp_space(word: int) -> bool:
    """Bit 30 = 0 and bits 28:25 = 1111: every word here is scalar FP (this family's)."""
    return word & 0x5E000000 == 0x1E000000
_REG_FIELDS = ("Rd", "Rn", "Rm", "Ra")
_PCS = (0, 0x1000, 0xFFFF_FFFF_FFFF_F000)


# --------------------------------------------------------------------------------------
# Word generators


def _bits_of(mask: int) -> list[int]:
    return [1 << i for i in range(32) if mask >> i & 1]


def _subsets(mask: int) -> Iterator[int]:
    """Every value of the bits in *mask* (all 2^popcount of them)."""
    bits = _bits_of(mask)
    for n in range(1 << len(bits)):
        yield sum(b for i, b in enumerate(bits) if n >> i & 1)


def _reg_mask(e: Encoding) -> int:
    out = 0
    for name in _REG_FIELDS:
        f = e.fields.get(name)
        if f is not None:
            out |= f.mask
    return out


def row_words(e: Encoding, reg_samples: int, rng: random.Random) -> Iterator[int]:
    """Every value of the row's free non-register bits, times sampled registers.

    Should-be bits (FCMP's zero forms) are free bits too: the sweep visits
    their other values, which must decode with ``unpredictable`` set.
    """
    free = ~e.mask & 0xFFFFFFFF
    regs = _reg_mask(e) & free
    other = free & ~regs
    assert bin(other).count("1") <= 16, f"{e.id}: sweep of {other:#x} is too large to enumerate"
    for value in _subsets(other):
        # register 0 and 31 always, then random
        for k in range(reg_samples):
            r = 0 if k == 0 else regs if k == 1 else rng.getrandbits(32) & regs
            yield e.value | value | r


def check_word(word: int, pc: int, failures: list[str], *, strict_ours: bool = True) -> str:
    """Compare one word with capstone; record a failure; return the verdict.

    Verdicts: ``agree`` (same text), ``unpredictable`` (capstone rejects, we
    decode with Insn.unpredictable), ``both-reject``, ``known`` (documented in
    known_differences/fp.toml), ``other`` (not this family, not judged).
    """
    cs = capstone_text(word, pc)
    try:
        insn = decode(word)
    except DecodeError:
        if cs is None:
            return "both-reject"
        kd = known_differences().get(word)
        if kd is not None and kd["ours"] == "reject" and kd["capstone"] == cs:
            return "known"
        if strict_ours or in_scalar_fp_space(word) or cs.split(" ", 1)[0] in CRYPTO_MNEMONICS:
            failures.append(f"{word:#010x}: we reject, capstone says {cs!r}")
        return "other"
    if insn.id not in FP_IDS and not strict_ours:
        return "other"
    ours = insn.text(pc)
    if ours == cs:
        return "agree"
    kd = known_differences().get(word)
    if kd is not None and kd["ours"] == ours and kd["capstone"] == (cs if cs is not None else "reject"):
        return "known"
    if cs is None and insn.unpredictable:
        return "unpredictable"
    failures.append(f"{word:#010x} {insn.id}: ours {ours!r}, capstone {cs!r}")
    return "disagree"


def _sweep(rows: tuple[Encoding, ...], reg_samples: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    failures: list[str] = []
    verdicts: dict[str, int] = {}
    for e in rows:
        for i, w in enumerate(row_words(e, reg_samples, rng)):
            insn = decode(w)
            assert insn.id == e.id, f"{w:#010x}: decodes as {insn.id}, swept as {e.id}"
            v = check_word(w, _PCS[i % len(_PCS)], failures)
            verdicts[v] = verdicts.get(v, 0) + 1
    assert not failures, f"{len(failures)} disagreements, first: " + "\n".join(failures[:20])
    return verdicts


# --------------------------------------------------------------------------------------
# Sweeps


@pytest.mark.oracle
def test_every_row_agrees_with_capstone_on_every_non_register_value() -> None:
    verdicts = _sweep(ROWS, reg_samples=6, seed=2024)
    assert verdicts.get("agree", 0) > 5000
    assert "both-reject" not in verdicts


@pytest.mark.oracle
@pytest.mark.slow
def test_every_row_agrees_with_capstone_dense_registers() -> None:
    verdicts = _sweep(ROWS, reg_samples=96, seed=7)
    assert verdicts.get("agree", 0) > 100_000


#: (value, free mask) of the scalar FP space and the crypto classes' neighbourhoods
_SPACES = (
    (0x1E000000, 0xA1FFFFFF),  # scalar FP: bit 30 = 0, bits 28:25 = 1111 (bit 24: dp3)
    (0x4E280800, 0x00DFF3FF),  # cryptoaes and its size/opcode neighbours
    (0x5E000000, 0x00DFFFFF),  # cryptosha3 / cryptosha2 and neighbours
    (0xCE000000, 0x01FFFFFF),  # SHA512/SHA3/SM3/SM4
)


def _space_sweep(n: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    failures: list[str] = []
    verdicts: dict[str, int] = {}
    for value, free in _SPACES:
        for _ in range(n):
            w = value | (rng.getrandbits(32) & free)
            v = check_word(w, 0, failures, strict_ours=False)
            verdicts[v] = verdicts.get(v, 0) + 1
    assert not failures, f"{len(failures)} disagreements, first: " + "\n".join(failures[:20])
    return verdicts


@pytest.mark.oracle
def test_reserved_neighbours_never_decode_as_a_wrong_instruction() -> None:
    verdicts = _space_sweep(6000, seed=11)
    assert verdicts.get("agree", 0) > 1000 and verdicts.get("both-reject", 0) > 1000


@pytest.mark.oracle
@pytest.mark.slow
def test_reserved_neighbours_dense() -> None:
    _space_sweep(150_000, seed=12)


def test_fp_space_words_outside_the_rows_are_refused() -> None:
    # ftype=10 FADD, FCVT S->S, 32-bit SCVTF with fbits 64 - 0 = 64, FMOV W <-> D, FCMP opc2 bits set
    for w in (0x1EA22820, 0x1E224020, 0x1E020020, 0x1E670020, 0x1E202001, 0x3E202800, 0x1E20A800):
        with pytest.raises(DecodeError):
            decode(w)


def test_fcmp_zero_with_nonzero_rm_is_constrained_unpredictable() -> None:
    canonical = decode(0x1E202008)
    assert canonical.id == "FCMP_SZ_floatcmp" and canonical.unpredictable is None
    odd = decode(0x1E212008)  # Rm = 1: the diagram's (0)(0)(0)(0)(0)
    assert odd.id == "FCMP_SZ_floatcmp" and odd.unpredictable is not None
    assert odd.text() == "fcmp s0, #0.0"


# --------------------------------------------------------------------------------------
# Inverses


def _with_fixed(mask: int, value: int) -> Callable[[int], int]:
    """Force the bits of a partly fixed field (``scale=1xxxxx``) to their fixed values."""
    return lambda v: (v & ~mask) | value


def _field_values(e: Encoding) -> st.SearchStrategy[dict[str, int]]:
    parts: dict[str, st.SearchStrategy[int]] = {}
    for name in e.layout.variable:
        f = e.fields[name]
        fmask, fval = e.layout.fixed_in_field[name]
        fixed_mask, fixed_val = fmask >> f.lsb, fval >> f.lsb
        parts[name] = st.integers(0, (1 << f.width) - 1).map(_with_fixed(fixed_mask, fixed_val))
    return st.fixed_dictionaries(parts)


@given(data=st.data(), e=st.sampled_from(ROWS))
def test_encode_and_decode_are_inverses(data: st.DataObject, e: Encoding) -> None:
    fields = data.draw(_field_values(e))
    word = encode(e.id, **fields)
    insn = decode(word)
    assert insn.id == e.id
    assert {n: insn.fields[n] for n in fields} == fields
    assert insn.unpredictable is None


@given(data=st.data(), e=st.sampled_from(ROWS))
def test_operands_round_trip(data: st.DataObject, e: Encoding) -> None:
    word = encode(e.id, **data.draw(_field_values(e)))
    insn = decode(word)
    assert encode_operands(e.id, *insn.operands(), pc=0) == word


def test_every_row_is_reached_by_its_own_words() -> None:
    rng = random.Random(5)
    for e in ROWS:
        for w in row_words(e, 2, rng):
            assert decode(w).id == e.id


def test_fp_immediates_are_the_256_architectural_values() -> None:
    values = sorted(abs(v) for v in FP_IMM8_BY_VALUE)
    assert len(FP_IMM8_BY_VALUE) == 256
    assert values[0] == 0.125 and values[-1] == 31.0
    assert fp_imm8_value(0x70) == 1.0 and fp_imm8_value(0x00) == 2.0 and fp_imm8_value(0xF8) == -1.5
    assert encode_operands("FMOV_D_floatimm", VReg(0, 64), 1.5) == 0x1E6F1000


@pytest.mark.parametrize(
    ("rid", "operands", "why"),
    [
        ("FMOV_D_floatimm", (VReg(0, 64), 0.1), "0.1"),
        ("FMOV_D_floatimm", (VReg(0, 64), 32.0), "32.0"),
        ("FMOV_S_floatimm", (VReg(0, 64), 1.0), "d0"),
        ("SCVTF_S32_float2fix", (VReg(0, 32), None, 33), "legal: 1..32"),
        ("FCVTZS_64D_float2fix", (None, VReg(0, 64), 0), "legal: 1..64"),
        ("AESE_B_cryptoaes", (FPVReg(0, "4s"), FPVReg(1, "16b")), "4s"),
        ("SM3TT1A_VVV4_crypto3_imm2", (FPVReg(0, "4s"), FPVReg(1, "4s"), FPVElem(2, "s", 4)), "4"),
        ("FMOV_V64I_float2int", (FPVElem(1, "d", 0), None), "d"),
    ],
)
def test_out_of_range_operands_are_refused(rid: str, operands: tuple[object, ...], why: str) -> None:
    from aarch64insn.registers import Reg

    ops = tuple(Reg(1, 32 if "32" in rid else 64) if o is None else o for o in operands)
    with pytest.raises(EncodeError, match=rid) as err:
        encode_operands(rid, *ops)
    assert why in str(err.value)


# --------------------------------------------------------------------------------------
# Golden vectors. Provenance: words assembled by hand from the Arm ARM encoding
# diagrams (DDI 0487, the classes named in table/fp.py); text in LLVM's syntax.
# Checked here against capstone 5 (decode) and llvm-mc 14 (-mattr=+all, encode).

GOLDEN: tuple[tuple[int, str], ...] = (
    (0x1E602820, "fadd d0, d1, d0"),
    (0x1E222820, "fadd s0, s1, s2"),
    (0x1EE22820, "fadd h0, h1, h2"),
    (0x1E630841, "fmul d1, d2, d3"),
    (0x1E2218A4, "fdiv s4, s5, s2"),
    (0x1E628A20, "fnmul d0, d17, d2"),
    (0x1F420C20, "fmadd d0, d1, d2, d3"),
    (0x1F628C20, "fnmsub d0, d1, d2, d3"),
    (0x1E6F1000, "fmov d0, #1.50000000"),
    (0x1E3E1001, "fmov s1, #-1.00000000"),
    (0x1E6E1000, "fmov d0, #1.00000000"),
    (0x1EE81000, "fmov h0, #0.12500000"),
    (0x1E604020, "fmov d0, d1"),
    (0x1E20C020, "fabs s0, s1"),
    (0x1E61C020, "fsqrt d0, d1"),
    (0x1E22C020, "fcvt d0, s1"),
    (0x1E624020, "fcvt s0, d1"),
    (0x1EE2C020, "fcvt d0, h1"),
    (0x1E63C020, "fcvt h0, d1"),
    (0x1E634020, "bfcvt h0, s1"),
    (0x1E664020, "frinta d0, d1"),
    (0x1E284020, "frint32z s0, s1"),
    (0x1E69C020, "frint64x d0, d1"),
    (0x1E602000, "fcmp d0, d0"),
    (0x1E202008, "fcmp s0, #0.0"),
    (0x1E602018, "fcmpe d0, #0.0"),
    (0x1E610410, "fccmpe d0, d1, #0, eq"),
    (0x1E21B42F, "fccmp s1, s1, #0xf, lt"),
    (0x1E621C20, "fcsel d0, d1, d2, ne"),
    (0x1E220020, "scvtf s0, w1"),
    (0x9E620020, "scvtf d0, x1"),
    (0x1E630020, "ucvtf d0, w1"),
    (0x9E780020, "fcvtzs x0, d1"),
    (0x1E390020, "fcvtzu w0, s1"),
    (0x9E640020, "fcvtas x0, d1"),
    (0x1E280020, "fcvtps w0, s1"),
    (0x1EF00020, "fcvtms w0, h1"),
    (0x1E7E0020, "fjcvtzs w0, d1"),
    (0x1E260020, "fmov w0, s1"),
    (0x1E270020, "fmov s0, w1"),
    (0x9E660020, "fmov x0, d1"),
    (0x9E670020, "fmov d0, x1"),
    (0x1EE60020, "fmov w0, h1"),
    (0x9EE70020, "fmov h0, x1"),
    (0x9EAE0020, "fmov x0, v1.d[1]"),
    (0x9EAF0001, "fmov v1.d[1], x0"),
    (0x1E02C020, "scvtf s0, w1, #0x10"),
    (0x9E420820, "scvtf d0, x1, #0x3e"),
    (0x1E58FC20, "fcvtzs w0, d1, #1"),
    (0x9E198020, "fcvtzu x0, s1, #0x20"),
    (0x4E284820, "aese v0.16b, v1.16b"),
    (0x4E285820, "aesd v0.16b, v1.16b"),
    (0x4E286820, "aesmc v0.16b, v1.16b"),
    (0x4E287820, "aesimc v0.16b, v1.16b"),
    (0x5E020020, "sha1c q0, s1, v2.4s"),
    (0x5E021020, "sha1p q0, s1, v2.4s"),
    (0x5E022020, "sha1m q0, s1, v2.4s"),
    (0x5E023020, "sha1su0 v0.4s, v1.4s, v2.4s"),
    (0x5E024020, "sha256h q0, q1, v2.4s"),
    (0x5E025020, "sha256h2 q0, q1, v2.4s"),
    (0x5E026020, "sha256su1 v0.4s, v1.4s, v2.4s"),
    (0x5E280820, "sha1h s0, s1"),
    (0x5E281820, "sha1su1 v0.4s, v1.4s"),
    (0x5E282820, "sha256su0 v0.4s, v1.4s"),
    (0xCE628020, "sha512h q0, q1, v2.2d"),
    (0xCE628420, "sha512h2 q0, q1, v2.2d"),
    (0xCE628820, "sha512su1 v0.2d, v1.2d, v2.2d"),
    (0xCE628C20, "rax1 v0.2d, v1.2d, v2.2d"),
    (0xCE62C020, "sm3partw1 v0.4s, v1.4s, v2.4s"),
    (0xCE62C420, "sm3partw2 v0.4s, v1.4s, v2.4s"),
    (0xCE62C820, "sm4ekey v0.4s, v1.4s, v2.4s"),
    (0xCEC08020, "sha512su0 v0.2d, v1.2d"),
    (0xCEC08420, "sm4e v0.4s, v1.4s"),
    (0xCE020C20, "eor3 v0.16b, v1.16b, v2.16b, v3.16b"),
    (0xCE220C20, "bcax v0.16b, v1.16b, v2.16b, v3.16b"),
    (0xCE420C20, "sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s"),
    (0xCE821420, "xar v0.2d, v1.2d, v2.2d, #5"),
    (0xCE42B020, "sm3tt1a v0.4s, v1.4s, v2.s[3]"),
    (0xCE42BC20, "sm3tt2b v0.4s, v1.4s, v2.s[3]"),
)


@pytest.mark.parametrize(("word", "text"), GOLDEN, ids=[t for _, t in GOLDEN])
def test_golden_vectors_disassemble(word: int, text: str) -> None:
    assert disassemble(word) == text
    assert decode(word).id in FP_IDS


def test_golden_vectors_cover_every_class() -> None:
    classes = {decode(w).id.rsplit("_", 1)[-1] for w, _ in GOLDEN}
    classes |= {"_".join(decode(w).id.split("_")[-2:]) for w, _ in GOLDEN}
    expected = {"float2fix", "float2int", "floatdp1", "floatdp2", "floatdp3", "floatcmp", "floatccmp",
                "floatsel", "floatimm", "cryptoaes", "cryptosha3", "cryptosha2", "cryptosha512_3",
                "cryptosha512_2", "crypto4", "crypto3_imm6", "crypto3_imm2"}
    assert expected <= classes


@pytest.mark.oracle
def test_golden_vectors_match_capstone() -> None:
    mismatches = [(hex(w), t, capstone_text(w)) for w, t in GOLDEN if capstone_text(w) != t]
    assert not mismatches


@pytest.mark.oracle
def test_golden_vectors_assemble_with_llvm_mc() -> None:
    words = llvm_mc_encode([t for _, t in GOLDEN])
    mismatches = [(t, hex(w), got) for (w, t), got in zip(GOLDEN, words, strict=True) if got != w]
    assert not mismatches


def _llvm_mc_batch(lines: list[str]) -> list[int | None]:
    """llvm-mc over many lines in one process: the word of each line, None where it errs.

    llvm-mc prints the encodings of the lines it accepts in order and names the
    others on stderr (``<stdin>:LINE:COL: error``), so the two lists line up.
    """
    exe = need_tool("llvm-mc")
    proc = subprocess.run(
        [exe, "-triple=aarch64", f"-mattr={LLVM_MC_MATTR}", "-show-encoding"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=False,
    )
    failed = {int(m[1]) - 1 for m in re.finditer(r"^<stdin>:(\d+):\d+: error", proc.stderr, re.M)}
    encodings = iter(
        struct.unpack("<I", bytes(int(x, 16) for x in t.split("encoding: [", 1)[1].split("]", 1)[0].split(",")))[0]
        for t in proc.stdout.splitlines()
        if "encoding: [" in t
    )
    return [None if i in failed else next(encodings) for i in range(len(lines))]


@pytest.mark.oracle
def test_llvm_mc_assembles_our_text_back_to_the_word() -> None:
    rng = random.Random(99)
    cases: list[tuple[int, str]] = []
    for e in ROWS:
        free = ~e.mask & ~e.layout.should_mask & 0xFFFFFFFF
        for _ in range(4):
            w = e.value | e.layout.should_value | (rng.getrandbits(32) & free)
            cases.append((w, disassemble(w)))
    got = _llvm_mc_batch([t for _, t in cases])
    mismatches = [(t, f"{w:#010x}", g) for (w, t), g in zip(cases, got, strict=True) if g != w]
    assert not mismatches, mismatches[:20]


# --------------------------------------------------------------------------------------
# Real code: the AArch64 glibc's libm

LIBM = Path("/usr/aarch64-linux-gnu/lib/libm.so.6")


def _text_words(path: Path) -> Iterator[tuple[int, int]]:
    from elftools.elf.elffile import ELFFile

    with path.open("rb") as fh:
        elf = ELFFile(fh)
        text = elf.get_section_by_name(".text")
        assert text is not None
        data, base = text.data(), text["sh_addr"]
    for off in range(0, len(data) - 3, 4):
        yield base + off, struct.unpack_from("<I", data, off)[0]


@pytest.mark.oracle
def test_libm_fp_instructions_agree_with_capstone() -> None:
    if not LIBM.exists():
        pytest.skip(f"{LIBM} is not installed (apt-get install libc6-arm64-cross)")
    pytest.importorskip("elftools")
    failures: list[str] = []
    seen = 0
    for pc, word in _text_words(LIBM):
        try:
            insn = decode(word)
        except DecodeError:
            cs = capstone_text(word, pc)
            if cs is not None and (in_scalar_fp_space(word) or cs.split(" ", 1)[0] in CRYPTO_MNEMONICS):
                failures.append(f"{pc:#x} {word:#010x}: we reject, capstone {cs!r}")
            continue
        if insn.id in FP_IDS:
            seen += 1
            check_word(word, pc, failures)
    assert not failures, "\n".join(failures[:20])
    assert seen > 5_000
