"""Data processing, immediate and register (aarch64insn/table/dpimm.py, dpreg.py).

Capstone 5 is the text oracle. Where it is wrong per the Arm ARM the word belongs to a
*class* of known differences (a rule below, with a representative entry in
tests/data/known_differences/dp.toml); every class word met by a sweep is checked again
against the class's arbiter: llvm-mc 14 (``--disassemble``) or binutils objdump 2.40
(which knows FEAT_CSSC, unlike capstone 5 and llvm-mc 14).
"""

from __future__ import annotations

import itertools
import random
import re
import struct
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aarch64insn.codec import decode, disassemble, encode, encode_operands, operand_values
from aarch64insn.errors import DecodeError, EncodeError
from aarch64insn.spec import CONDITION_HELPERS, Encoding
from aarch64insn.table import UNSUPPORTED, dpimm, dpreg
from tests.oracles import DATA, capstone_text, known_differences, need_tool

ROWS: tuple[Encoding, ...] = dpimm.ENCODINGS + dpreg.ENCODINGS
REGISTER_FIELDS = frozenset({"Rd", "Rn", "Rm", "Ra", "Xd", "Xn", "Xm"})
PC = 0x400000
#: non-register combinations per row: the fast sweep samples, the slow sweep enumerates
FAST_LIMIT = 1 << 10
FULL_LIMIT = 1 << 16


# --------------------------------------------------------------------------------------
# Word generation


def _field_values(row: Encoding, name: str) -> list[int]:
    """Every value of a field that the row's diagram allows (partly fixed fields included)."""
    f = row.fields[name]
    fmask, fvalue = row.layout.fixed_in_field[name]
    fmask >>= f.lsb
    fvalue >>= f.lsb
    return [v for v in range(1 << f.width) if v & fmask == fvalue]


def _excluded(row: Encoding, word: int) -> bool:
    """Whether *word* hits one of the row's reserved values (its ``exclude`` conditions)."""
    fields = {n: f.extract(word) for n, f in row.fields.items()}
    return any(eval(c, dict(CONDITION_HELPERS), fields) for c in row.exclude_code)


def _word(row: Encoding, fields: dict[str, int]) -> int:
    word = row.value | row.layout.should_value
    for name, value in fields.items():
        word |= value << row.fields[name].lsb
    return word


def _words(row: Encoding, limit: int, seed: int = 0, least: int = 64) -> Iterator[int]:
    """Every combination of the row's non-register fields (a seeded sample above *limit*),
    registers drawn at random with 31 and equal registers often (aliases test both).
    Small spaces are repeated until about *least* words, for more register draws."""
    rng = random.Random(f"{row.id}:{seed}")
    names = [n for n in row.layout.variable if n not in REGISTER_FIELDS]
    regs = [n for n in row.layout.variable if n in REGISTER_FIELDS]
    choices = [_field_values(row, n) for n in names]
    total = 1
    for c in choices:
        total *= len(c)
    combos: Iterator[tuple[int, ...]]
    if total <= limit:
        repeat = max(1, least // total)
        combos = itertools.chain.from_iterable(itertools.repeat(tuple(itertools.product(*choices)), repeat))
    else:
        combos = (tuple(rng.choice(c) for c in choices) for _ in range(limit))
    for combo in combos:
        fields = dict(zip(names, combo, strict=True))
        same = rng.randrange(32)
        for n in regs:
            r = rng.random()
            fields[n] = same if r < 0.3 else 31 if r < 0.5 else rng.randrange(32)
        yield _word(row, fields)


# --------------------------------------------------------------------------------------
# Known differences: classes of words, each with an arbiter


@dataclass(frozen=True)
class DiffClass:
    """A systematic capstone error: the words (mask, value) cover, what each side prints."""

    name: str
    patterns: tuple[tuple[int, int], ...]
    ours: str  # our mnemonic
    capstone: str  # capstone's mnemonic, or "reject"
    arbiter: str  # "llvm-mc" or "objdump"

    def covers(self, word: int) -> bool:
        return any(word & m == v for m, v in self.patterns)


CLASSES = (
    # FEAT_CSSC: min/max (immediate), SMAX/UMAX/SMIN/UMIN (register), CTZ/CNT, ABS
    DiffClass("cssc-minmax-imm", ((0x7FF00000, 0x11C00000),), "*", "reject", "objdump"),
    DiffClass("cssc-minmax-reg", ((0x7FE0F000, 0x1AC06000),), "*", "reject", "objdump"),
    DiffClass("cssc-1src", ((0x7FFFF800, 0x5AC01800), (0x7FFFFC00, 0x5AC02000)), "*", "reject", "objdump"),
    # BFM with Rn = ZR and immr = 0 is BFXIL (imms >= immr); capstone prints BFC. llvm-mc 14 shares
    # capstone's printer (it prints BFC too once v8.2a is on), so binutils arbitrates, with the Arm rule
    DiffClass("bfc-lsb0", ((0xFFFF03E0, 0x330003E0), (0xFFFF03E0, 0xB34003E0)), "bfxil", "bfc", "objdump"),
    # ORR (immediate) with Rn = ZR where MoveWidePreferred(): the Arm ARM keeps ORR; capstone prints MOV
    DiffClass("orr-movewide-preferred", ((0xFFC003E0, 0x320003E0), (0xFF8003E0, 0xB20003E0)), "orr", "mov",
              "llvm-mc"),
    # SUBPS with Xd = ZR is CMPP (Arm ARM); LLVM declares the alias but never prints it (capstone, llvm-mc 14)
    DiffClass("cmpp", ((0xFFE0FC1F, 0xBAC0001F),), "cmpp", "subps", "objdump"),
)  # fmt: skip


def _class_of(word: int) -> DiffClass | None:
    return next((c for c in CLASSES if c.covers(word)), None)


def _mnemonic(text: str | None) -> str:
    return "reject" if text is None else text.split(" ", 1)[0]


_IMM = re.compile(r"#(-?)(0x[0-9a-f]+|\d+)")


def normalise(text: str) -> str:
    """Tool text without layout and with every immediate as a decimal number."""
    text = text.split("//", 1)[0].strip().lower()
    text = re.sub(r"\s+", " ", text.replace("\t", " "))
    return _IMM.sub(lambda m: f"#{int(m[1] + m[2], 0)}", text)


def objdump_texts(words: list[int]) -> dict[int, str]:
    """binutils' disassembly of each word (one objdump run)."""
    exe = need_tool("aarch64-linux-gnu-objdump")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "words.bin"
        path.write_bytes(b"".join(struct.pack("<I", w) for w in words))
        out = subprocess.run([exe, "-D", "-b", "binary", "-m", "aarch64", str(path)],
                             capture_output=True, text=True, check=True).stdout
    texts: dict[int, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$", line)
        if m:
            texts[int(m[2], 16)] = m[3]
    return texts


def llvm_mc_texts(words: list[int]) -> dict[int, str]:
    """llvm-mc 14's disassembly of each word (one run per 4096 words)."""
    exe = need_tool("llvm-mc")
    texts: dict[int, str] = {}
    for i in range(0, len(words), 4096):
        chunk = words[i : i + 4096]
        src = "\n".join(",".join(f"{b:#04x}" for b in struct.pack("<I", w)) for w in chunk)
        out = subprocess.run([exe, "--disassemble", "-triple=aarch64", "-mattr=+v8.5a,+mte,+flagm"],
                             input=src, capture_output=True, text=True, check=False).stdout
        lines = [ln for ln in out.splitlines() if ln.strip() and not ln.strip().startswith(".")]
        assert len(lines) == len(chunk), "llvm-mc rejected a word of a class it arbitrates"
        texts.update(zip(chunk, lines, strict=True))
    return texts


ARBITERS: dict[str, Callable[[list[int]], dict[int, str]]] = {"objdump": objdump_texts, "llvm-mc": llvm_mc_texts}


# --------------------------------------------------------------------------------------
# The sweep


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    by_class: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def check(self, word: int) -> None:
        theirs = capstone_text(word, PC)
        try:
            insn = decode(word)
            ours: str | None = disassemble(word, pc=PC)
            unpredictable = insn.unpredictable
        except DecodeError:
            ours, unpredictable = None, None
        known = known_differences().get(word)
        cls = _class_of(word)
        if ours == theirs:
            self.counts["agree"] += 1
        elif theirs is None and (ours is None or unpredictable):
            self.counts["capstone rejects, so do we (or UNPREDICTABLE)"] += 1
        elif known is not None and known["ours"] == ours and known["capstone"] in (theirs, "reject"):
            self.counts["known difference (entry)"] += 1
        elif (
            cls is not None
            and ours is not None
            and cls.capstone == _mnemonic(theirs)
            and cls.ours in ("*", _mnemonic(ours))
        ):
            self.counts[f"known difference ({cls.name})"] += 1
            self.by_class.setdefault(cls.name, []).append((word, ours))
        else:
            self.counts["DISAGREE"] += 1
            if len(self.failures) < 20:
                self.failures.append(f"{word:#010x}: ours={ours!r} capstone={theirs!r}")

    def verify_arbiters(self) -> None:
        """Every class word met: the arbiter prints what we print."""
        for cls in CLASSES:
            items = self.by_class.get(cls.name, [])
            if not items:
                continue
            texts = ARBITERS[cls.arbiter]([w for w, _ in items])
            for word, ours in items:
                assert normalise(texts.get(word, "<none>")) == normalise(ours), (
                    f"{cls.name}: {word:#010x}: {cls.arbiter} says {texts.get(word)!r}, we say {ours!r}"
                )


def _sweep(rows: tuple[Encoding, ...], limit: int, least: int = 64) -> Tally:
    tally = Tally()
    for row in rows:
        for word in _words(row, limit, least=least):
            tally.check(word)
    assert not tally.failures, "\n".join(tally.failures)
    tally.verify_arbiters()
    return tally


@pytest.mark.oracle
@pytest.mark.parametrize("rows", [dpimm.ENCODINGS, dpreg.ENCODINGS], ids=["dpimm", "dpreg"])
def test_every_row_agrees_with_capstone_sampled(rows: tuple[Encoding, ...]) -> None:
    tally = _sweep(rows, FAST_LIMIT)
    assert tally.counts["agree"] > sum(tally.counts.values()) // 2, tally.counts


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("rows", [dpimm.ENCODINGS, dpreg.ENCODINGS], ids=["dpimm", "dpreg"])
def test_every_row_agrees_with_capstone_full(rows: tuple[Encoding, ...]) -> None:
    tally = _sweep(rows, FULL_LIMIT, least=4096)
    print(dict(tally.counts))
    assert tally.counts["agree"] > sum(tally.counts.values()) // 2, tally.counts


@pytest.mark.oracle
@pytest.mark.slow
def test_whole_dp_register_space_agrees_with_capstone_sampled() -> None:
    """Random words anywhere in op0 = x101 and op0 = 100: nothing we decode is wrong,
    unallocated gaps are refused, and no word falls through to UNSUPPORTED any more."""
    rng = random.Random(7)
    tally = Tally()
    for _ in range(40000):
        word = rng.getrandbits(32)
        word = (word & ~0x0E000000) | 0x0A000000 if rng.random() < 0.5 else (word & ~0x1C000000) | 0x10000000
        tally.check(word)
    assert not tally.failures, "\n".join(tally.failures)
    tally.verify_arbiters()
    print(dict(tally.counts))
    assert tally.counts["agree"] > 10000


def test_unsupported_no_longer_lists_data_processing() -> None:
    for word in (0x0A000000, 0x1A000000, 0x5AC00000, 0x10000000, 0x13000000, 0x12000000):
        assert not any(word & m == v for m, v, _ in UNSUPPORTED), f"{word:#010x} still UNSUPPORTED"


@pytest.mark.parametrize(
    "word",
    [0x1AC00000 | (op << 10) for op in (0, 1, 0b000100, 0b000101, 0b001100, 0b001101, 0b011100, 0b100000)]
    + [0x5AC00000 | (op << 10) for op in (0b001001, 0b010000, 0b100000)]
    + [0x7A400000 | (1 << 10), 0x3A400010, 0x1A800800, 0x3A800000, 0x5AC00C00]
    + [0x12800000 | (1 << 29), 0x72C00000, 0x33400000, 0x13C00000, 0x93800000, 0x11E00000, 0x11D00000, 0x13A00000]
    + [0x0B600000, 0x0B20A000 | (5 << 10), 0x8BC00000, 0x9AC01400 ^ (1 << 29), 0x9BC00000 | (1 << 15)],
    ids=lambda w: f"{w:#010x}",
)
def test_unallocated_words_raise(word: int) -> None:
    with pytest.raises(DecodeError) as err:
        decode(word)
    assert err.value.reason.name == "UNALLOCATED"


# --------------------------------------------------------------------------------------
# Known-difference entries are what they claim to be


def _dp_entries() -> list[dict[str, object]]:
    import tomllib

    return list(tomllib.loads((DATA / "known_differences" / "dp.toml").read_text())["difference"])


@pytest.mark.oracle
@pytest.mark.parametrize("entry", _dp_entries(), ids=lambda e: str(e["class"]))
def test_known_difference_entries_hold(entry: dict[str, object]) -> None:
    word = int(str(entry["word"]))
    assert disassemble(word, pc=PC) == entry["ours"]
    theirs = capstone_text(word, PC)
    assert (theirs or "reject") == entry["capstone"]
    cls = next(c for c in CLASSES if c.name == entry["class"])
    assert cls.covers(word)
    arbiter = ARBITERS[cls.arbiter]([word])[word]
    assert normalise(arbiter) == normalise(str(entry["ours"]))


def test_every_class_has_an_entry() -> None:
    assert {c.name for c in CLASSES} <= {str(e["class"]) for e in _dp_entries()}


# --------------------------------------------------------------------------------------
# Inverses


def _field_strategy(row: Encoding, name: str) -> st.SearchStrategy[int]:
    if row.layout.fixed_in_field[name][0] == 0:
        return st.integers(0, (1 << row.fields[name].width) - 1)
    return st.sampled_from(_field_values(row, name))


def _fields_strategy(row: Encoding) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries({n: _field_strategy(row, n) for n in row.layout.variable})


# Kinds whose encode is left to the assembler (core: extends, bitfield views)
_NO_OPERAND_ENCODE = re.compile(r"\{(EXT32|EXT64|BF_[A-Z_]+\d+):")


@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.id)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_encode_and_decode_are_inverses(row: Encoding, data: st.DataObject) -> None:
    fields = data.draw(_fields_strategy(row))
    word = encode(row.id, **fields)
    if _excluded(row, word):
        with pytest.raises(DecodeError):
            decode(word)
        return
    insn = decode(word)
    assert insn.id == row.id
    assert {n: insn.fields[n] for n in row.layout.variable} == fields
    # operand level: the values printed for the word build the same word again
    template = insn.alias.template if insn.alias else row.template
    if _NO_OPERAND_ENCODE.search(template.text):
        return
    rid = insn.alias.id if insn.alias else row.id
    again = encode_operands(rid, *operand_values(insn, PC), pc=PC)
    if again != word:
        # several encodings of one operand value (immr<5> of a 32-bit bitmask is ignored,
        # imms above the element size...): the canonical word must mean the same
        assert (decode(again).id, operand_values(decode(again), PC)) == (row.id, operand_values(insn, PC))


def test_extended_register_operands_encode() -> None:
    from aarch64insn.registers import SP, Reg

    x0, w1, x1 = Reg(0, 64), Reg(1, 32), Reg(1, 64)
    word = encode_operands("ADD_64_addsub_ext", x0, SP, w1, ("uxtw", 2))
    assert disassemble(word) == "add x0, sp, w1, uxtw #2"
    word = encode_operands("ADD_64_addsub_ext", SP, SP, x1, ("lsl", 0))
    assert disassemble(word) == "add sp, sp, x1"
    # llvm-mc 14: "cmp sp, x1, lsl #3" encodes to [0xff,0x6f,0x21,0xeb]
    assert encode_operands("CMP_SUBS_64S_addsub_ext", SP, x1, ("lsl", 3)) == 0xEB216FFF
    assert disassemble(0xEB216FFF) == "cmp sp, x1, lsl #3"
    assert disassemble(0xEB210FFF) == "cmp sp, w1, uxtb #3"
    with pytest.raises(EncodeError):
        encode_operands("ADD_64_addsub_ext", x0, SP, w1, ("uxtw", 5))
    with pytest.raises(EncodeError):
        encode_operands("ADD_64_addsub_ext", x0, SP, w1, ("ror", 0))


# --------------------------------------------------------------------------------------
# Golden vectors


GOLDEN = [
    # (word, text, id, alias); provenance in the comment of each line
    (0x910003FD, "mov x29, sp", "ADD_64_addsub_imm", "MOV_ADD_64_addsub_imm"),  # glibc prologue; objdump 2.40 "mov x29, sp"
    (0xAA1E03E9, "mov x9, x30", "ORR_64_log_shift", "MOV_ORR_64_log_shift"),  # kernel ftrace_init_nop; llvm-mc 14
    (0x8B214800, "add x0, x0, w1, uxtw #2", "ADD_64_addsub_ext", None),  # llvm-mc 14 -show-encoding [0x00,0x48,0x21,0x8b]
    (0x9A9F17E0, "cset x0, eq", "CSINC_64_condsel", "CSET_CSINC_64_condsel"),  # llvm-mc 14 [0xe0,0x17,0x9f,0x9a]
    (0x1A9F07E0, "cset w0, ne", "CSINC_32_condsel", "CSET_CSINC_32_condsel"),  # llvm-mc 14 [0xe0,0x07,0x9f,0x1a]
    (0xD3407C00, "ubfx x0, x0, #0, #0x20", "UBFM_64M_bitfield", "UBFX_UBFM_64M_bitfield"),  # objdump 2.40 "ubfx x0, x0, #0, #32"
    (0x93407C00, "sxtw x0, w0", "SBFM_64M_bitfield", "SXTW_SBFM_64M_bitfield"),  # objdump 2.40
    (0x9B217C00, "smull x0, w0, w1", "SMADDL_64WA_dp_3src", "SMULL_SMADDL_64WA_dp_3src"),  # llvm-mc 14
    (0xDAC103E0, "pacia x0, sp", "PACIA_64P_dp_1src", None),  # llvm-mc 14 -mattr=+pauth [0xe0,0x03,0xc1,0xda]
    (0x11C00000, "smax w0, w0, #0", "SMAX_32_minmax_imm", None),  # STYLE.md 7 / disarm64 smoke test; objdump 2.40
    (0x3A00082D, "setf8 w1", "SETF8_only_setf", None),  # objdump 2.40 "setf8 w1"
    (0x9AC21041, "irg x1, x2, x2", "IRG_64I_dp_2src", None),  # objdump 2.40
    (0x9ADF13E1, "irg x1, sp", "IRG_64I_dp_2src", None),  # llvm-mc 14 -mattr=+mte "irg x1, sp" [0xe1,0x13,0xdf,0x9a]
    (0xF2A24680, "movk x0, #0x1234, lsl #16", "MOVK_64_movewide", None),  # llvm-mc 14 [0x80,0x46,0xa2,0xf2]
]  # fmt: skip


@pytest.mark.parametrize("word,text,rid,alias", GOLDEN, ids=lambda v: f"{v:#010x}" if isinstance(v, int) else "")
def test_golden_vectors(word: int, text: str, rid: str, alias: str | None) -> None:
    insn = decode(word)
    assert (insn.id, insn.alias.id if insn.alias else None) == (rid, alias)
    assert disassemble(word) == text


def test_smulh_with_ra_not_31_is_unpredictable() -> None:
    insn = decode(0x9B427C20 & ~(0x1F << 10) | (3 << 10))
    assert insn.id == "SMULH_64_dp_3src"
    assert insn.unpredictable
