"""The assembler against llvm-mc 14 and GNU as 2.40: same text, same word.

Corpora:

* **generated**: for every table row and every alias, seeded random words (should-be
  bits at their should-be values, CONSTRAINED UNPREDICTABLE words skipped), printed
  by :func:`aarch64insn.disassemble`. The text goes through llvm-mc (one process per
  20,000 lines) and through :func:`aarch64insn.asm.assemble`: the words must be
  equal. Words whose disassembly differs from capstone's (the known differences of
  the disassembler) are *not* skipped: llvm-mc either accepts our text, and must
  then give our word, or rejects it, and the line must then be one of the documented
  classes of ``tests/data/known_differences/asm.toml``. Each class names how its
  arbiter is checked here, line by line: ``gnu-as`` (GNU as 2.40 assembles the same
  text to the same word), ``base-form`` (llvm-mc gives the same word for the
  instruction written without the alias), ``equivalent`` (llvm-mc gives the same
  word for the class's equivalent text), ``llvm-mc-mattr`` (llvm-mc gives the same
  word once the class's extra ``-mattr`` is on) or ``arm-arm`` (the Arm ARM's syntax;
  the round trip is checked).
* **pc-relative rows** (templates with LABEL/PAGE operands): llvm-mc cannot take an
  absolute target, so the text is rewritten with a target relative to the
  instruction (``b .+0x40``), assembled by GNU as and linked at the same address
  (the link step resolves ADRP's page arithmetic), and compared word for word.
* **glibc**: every distinct word of Debian's arm64 ``libm.so.6`` (default run) and
  ``libc.so.6`` (slow run) outside SVE/SME: ``assemble(disassemble(w, pc), pc) == w``,
  and for the words without a pc-relative operand, llvm-mc gives the same word.

Where several encodings print the same text (a logical immediate's ignored immr
bits, DUP's imm5 above the element size), the word we pick must be llvm-mc's:
``test_noncanonical_choice_is_llvm_mc_choice``.
"""

from __future__ import annotations

import fnmatch
import functools
import random
import re
import struct
import subprocess
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aarch64insn import DecodeError, DecodeReason, decode, disassemble, table
from aarch64insn.asm import assemble
from aarch64insn.codec import ENCODINGS_BY_ID, format_insn
from aarch64insn.insn import Insn
from tests.aarch64insn.corpus import LIBS, text_words
from tests.oracles import DATA, LLVM_MC_MATTR, llvm_mc_encode, missing, need_tool

pytestmark = pytest.mark.oracle

PC = 0x400000
#: llvm-mc needs +sme for SMSTART/SMSTOP (the MSR SVCR aliases the table decodes)
MATTR = LLVM_MC_MATTR + ",+sme"
BATCH = 20_000
PC_KINDS = frozenset({"LABEL", "PAGE"})
ASM_TOML = DATA / "known_differences" / "asm.toml"
#: GNU as 2.40: -march for the pc-relative corpus (BC.cond is FEAT_HBC, Armv8.8)
GAS_MARCH = "armv8.8-a"


# --------------------------------------------------------------------------------------
# Corpora


@dataclass(frozen=True)
class Entry:
    """A row or an alias, as a word pattern to sample from."""

    id: str
    mask: int
    value: int
    should_mask: int
    should_value: int
    pc_relative: bool
    accept: Callable[[Insn], bool]


@functools.cache
def entries() -> tuple[Entry, ...]:
    out: list[Entry] = []
    for row in table.ENCODINGS:
        pcrel = any(ph.kind in PC_KINDS for ph in row.template.placeholders())
        out.append(Entry(row.id, row.mask, row.value, row.layout.should_mask, row.layout.should_value, pcrel,
                         lambda i, row=row: i.encoding is row))  # type: ignore[misc]
    for al in table.ALIASES:
        base = ENCODINGS_BY_ID[al.of]
        pcrel = any(ph.kind in PC_KINDS for ph in al.template.placeholders())
        out.append(Entry(al.id, al.mask, al.value, base.layout.should_mask, base.layout.should_value, pcrel,
                         lambda i, al=al: i.alias is al))  # type: ignore[misc]
    return tuple(out)


def sample(e: Entry, n: int, tries: int = 4) -> list[int]:
    """Up to *n* seeded random words of *e* that decode to it and are not UNPREDICTABLE."""
    rng = random.Random(e.id)
    free = 0xFFFFFFFF & ~e.mask & ~e.should_mask
    out: list[int] = []
    for _ in range(n * tries):
        if len(out) == n:
            break
        w = e.value | (e.should_value & ~e.mask) | (rng.getrandbits(32) & free)
        try:
            insn = decode(w)
        except DecodeError:
            continue
        if e.accept(insn) and not insn.unpredictable:
            out.append(w)
    return out


@functools.cache
def generated(n: int) -> tuple[tuple[str, int, str], ...]:
    """(row or alias ID, word, text at PC) for the rows without a pc-relative operand."""
    out: list[tuple[str, int, str]] = []
    for e in entries():
        if not e.pc_relative:
            out.extend((e.id, w, disassemble(w, pc=PC)) for w in sample(e, n))
    return tuple(out)


def insn_id(insn: Insn) -> str:
    return insn.alias.id if insn.alias is not None else insn.encoding.id


# --------------------------------------------------------------------------------------
# Documented differences (asm.toml)


@functools.cache
def asm_data() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``[[asm_difference]]`` entries and ``[[asm_rule]]`` class rules of asm.toml."""
    data = tomllib.loads(ASM_TOML.read_text())
    diffs = list(data.get("asm_difference", []))
    rules = [dict(r) for r in data.get("asm_rule", [])]
    for d in diffs:
        for key in ("class", "word", "ours", "llvm_mc", "arbiter", "reason"):
            assert key in d, f"asm.toml: asm_difference {d} lacks {key!r}"
    classes = {d["class"] for d in diffs}
    for r in rules:
        for key in ("class", "rows", "ours", "check"):
            assert key in r, f"asm.toml: asm_rule {r} lacks {key!r}"
        assert r["class"] in classes, f"asm.toml: rule class {r['class']!r} has no asm_difference entry"
        assert r["check"] in ("gnu-as", "base-form", "equivalent", "llvm-mc-mattr", "arm-arm"), r
        r["_ours"] = re.compile(r["ours"])
    return diffs, rules


def asm_class(rid: str, text: str) -> dict[str, Any] | None:
    """The asm.toml rule that documents llvm-mc rejecting our *text* for row/alias *rid*."""
    for rule in asm_data()[1]:
        if any(fnmatch.fnmatchcase(rid, p) for p in rule["rows"]) and rule["_ours"].fullmatch(text):
            return rule
    return None


# --------------------------------------------------------------------------------------
# GNU as


def gnu_as(lines: list[str], march: str, *, link_at: int | None = None) -> list[int]:
    """Assemble *lines* with GNU as (and link at *link_at*); the words of .text, in order."""
    from elftools.elf.elffile import ELFFile

    as_exe = need_tool("aarch64-linux-gnu-as")
    with tempfile.TemporaryDirectory() as tmp:
        src, obj, exe = Path(tmp) / "t.s", Path(tmp) / "t.o", Path(tmp) / "t"
        src.write_text("".join(f"{line}\n" for line in lines))
        proc = subprocess.run([as_exe, f"-march={march}", "-o", str(obj), str(src)],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, f"GNU as failed:\n{proc.stderr[:3000]}"
        out = obj
        if link_at is not None:
            ld = need_tool("aarch64-linux-gnu-ld")
            proc = subprocess.run([ld, f"-Ttext={link_at:#x}", "-e", f"{link_at:#x}", "--no-relax",
                                   "-o", str(exe), str(obj)], capture_output=True, text=True, check=False)
            assert proc.returncode == 0, f"ld failed:\n{proc.stderr[:3000]}"
            out = exe
        with out.open("rb") as fh:
            sec = ELFFile(fh).get_section_by_name(".text")
            assert sec is not None
            data = sec.data()
    return list(struct.unpack(f"<{len(data) // 4}I", data))


# --------------------------------------------------------------------------------------
# The comparison


@dataclass
class Report:
    """What a comparison with llvm-mc found."""

    name: str
    total: int = 0
    agree: int = 0
    noncanonical: int = 0  # llvm-mc and we both picked another word that prints the same text
    classes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        ok = self.total - len(self.failures)
        return (
            f"{self.name}: {self.total} lines: {self.agree} same word as llvm-mc "
            f"({self.noncanonical} of them a different word than the one printed, same text), "
            f"{sum(self.classes.values())} documented differences {dict(self.classes)}, "
            f"{len(self.failures)} failures ({100 * ok / max(self.total, 1):.4f}% ok)"
        )


def ours(text: str, pc: int) -> int | str:
    try:
        return assemble(text, pc=pc)
    except (ValueError, AssertionError) as err:  # AsmSyntaxError, EncodeError are ValueErrors
        return f"{type(err).__name__}: {err}"


def llvm_mc(lines: list[str], mattr: str = MATTR) -> list[int | None]:
    out: list[int | None] = []
    for i in range(0, len(lines), BATCH):
        out += llvm_mc_encode(lines[i : i + BATCH], mattr)
    return out


def compare_with_llvm(name: str, items: Iterable[tuple[str, int, str]], pc: int = PC) -> Report:
    """Each (row/alias ID, word, text): llvm-mc's word == ours, or a documented, arbitrated difference."""
    items = list(items)
    rep = Report(name, total=len(items))
    theirs = llvm_mc([t for _, _, t in items])
    rejected: dict[str, list[tuple[str, int, str, int]]] = {}
    for (rid, w, text), mc in zip(items, theirs, strict=True):
        got = ours(text, pc)
        if not isinstance(got, int):
            rep.failures.append(f"{w:#010x} {rid}: {text!r}: we raise {got}")
            continue
        if got != w and disassemble(got, pc=pc) != text:
            rep.failures.append(f"{w:#010x} {rid}: {text!r} -> {got:#010x}, which prints differently")
            continue
        if mc is not None:
            if mc == got:
                rep.agree += 1
                rep.noncanonical += got != w
            else:
                rep.failures.append(f"{w:#010x} {rid}: {text!r}: ours {got:#010x}, llvm-mc {mc:#010x}")
            continue
        rule = asm_class(rid, text)
        if rule is None:
            rep.failures.append(f"{w:#010x} {rid}: {text!r}: llvm-mc rejects it (no asm.toml class)")
            continue
        rejected.setdefault(rule["class"], []).append((rid, w, text, got))
    rules = {r["class"]: r for r in asm_data()[1]}
    for cls, lines in rejected.items():
        rep.failures += arbitrate(rules[cls], lines, pc)
        rep.classes[cls] += len(lines)
    return rep


def arbitrate(rule: dict[str, Any], lines: list[tuple[str, int, str, int]], pc: int) -> list[str]:
    """Check the arbiter of a documented class on each of its lines."""
    check = rule["check"]
    bad: list[str] = []
    if check == "gnu-as":
        words = gnu_as([t for _, _, t, _ in lines], rule["march"])
        bad += [f"{w:#010x} {rid}: {t!r}: ours {o:#010x}, GNU as {g:#010x}"
                for (rid, w, t, o), g in zip(lines, words, strict=True) if g != o]
    elif check == "llvm-mc-mattr":
        texts = [t for _, _, t, _ in lines]
        bad += [f"{w:#010x} {rid}: {t!r}: ours {o:#010x}; llvm-mc -mattr=...,{rule['mattr']}: {m}"
                for (rid, w, t, o), m in zip(lines, llvm_mc(texts, f"{MATTR},{rule['mattr']}"), strict=True)
                if m != o]
    elif check in ("base-form", "equivalent"):
        alt = [format_insn(decode(o), pc, use_alias=False) if check == "base-form" else rule["equivalent"]
               for _, _, _, o in lines]
        bad += [f"{w:#010x} {rid}: {t!r}: ours {o:#010x}; llvm-mc on {a!r}: {m}"
                for (rid, w, t, o), a, m in zip(lines, alt, llvm_mc(alt), strict=True) if m != o]
    # every check, arm-arm included: the word prints back as the same text
    bad += [f"{w:#010x} {rid}: {t!r} -> {o:#010x} prints {disassemble(o, pc=pc)!r}"
            for rid, w, t, o in lines if disassemble(o, pc=pc) != t]
    return bad


def check(rep: Report) -> None:
    print(rep.summary())
    shown = "\n".join(rep.failures[:40])
    assert not rep.failures, f"{rep.summary()}\n{shown}"


# --------------------------------------------------------------------------------------
# Tests: generated corpus


def test_generated_corpus_agrees_with_llvm_mc() -> None:
    check(compare_with_llvm("generated corpus, 8 words per row/alias", generated(8)))


@pytest.mark.slow
def test_generated_corpus_agrees_with_llvm_mc_large() -> None:
    check(compare_with_llvm("generated corpus, 48 words per row/alias", generated(48)))


NONCANONICAL = ("*_log_imm", "DUP_asimdins_*", "INS_asimdins_*", "MOV_INS_*", "MOV_UMOV_*", "UMOV_*",
                "SMOV_*", "MOV_DUP_*", "MOV_ORR_*_log_imm", "MOV_AND_*")


def test_noncanonical_choice_is_llvm_mc_choice() -> None:
    """Where several words print the same text, we pick the word llvm-mc picks."""
    items = [
        (e.id, w, disassemble(w, pc=PC))
        for e in entries()
        if any(fnmatch.fnmatchcase(e.id, p) for p in NONCANONICAL)
        for w in sample(e, 48)
    ]
    rep = compare_with_llvm("rows with don't-care bits", items)
    check(rep)
    assert rep.noncanonical >= 100, f"only {rep.noncanonical} non-canonical words met"


def test_asm_known_differences_hold() -> None:
    """Each asm.toml entry: we print `ours` for its word, assemble it back, llvm-mc rejects
    the text, and its class rule covers it."""
    diffs, _ = asm_data()
    texts = [d["ours"] for d in diffs]
    for d, mc in zip(diffs, llvm_mc(texts), strict=True):
        word = int(d["word"])
        insn = decode(word)
        assert format_insn(insn, PC) == d["ours"], hex(word)
        assert assemble(d["ours"], pc=PC) == word, hex(word)
        assert d["llvm_mc"] == "reject" and mc is None, f"{word:#010x}: llvm-mc now gives {mc}"
        rule = asm_class(insn_id(insn), d["ours"])
        assert rule is not None and rule["class"] == d["class"], hex(word)
        assert not arbitrate(rule, [(insn_id(insn), word, d["ours"], word)], PC)


# --------------------------------------------------------------------------------------
# Tests: pc-relative rows against GNU as


_TARGET = re.compile(r"#(0x[0-9a-f]+)$")


def relative(text: str, pc: int) -> str:
    """``b #0x400040`` at pc 0x400000 -> ``b .+0x40`` (GNU as resolves it without a symbol)."""
    m = _TARGET.search(text)
    assert m is not None, text
    delta = ((int(m[1], 16) - pc + (1 << 63)) % (1 << 64)) - (1 << 63)
    return text[: m.start()] + (f".+{delta:#x}" if delta >= 0 else f".-{-delta:#x}")


LINK_AT = 0x1_0000_0000


def compare_pc_relative(n: int) -> tuple[int, list[str]]:
    items = [(e.id, w) for e in entries() if e.pc_relative for w in sample(e, n)]
    lines: list[str] = []
    ours_words: list[int] = []
    bad: list[str] = []
    for i, (rid, w) in enumerate(items):
        pc = LINK_AT + 4 * i
        text = disassemble(w, pc=pc)
        got = ours(text, pc)
        if not isinstance(got, int) or got != w:
            bad.append(f"{w:#010x} {rid} at {pc:#x}: {text!r}: ours {got}")
        lines.append(relative(text, pc))
        ours_words.append(w)
    for (rid, w), line, g in zip(items, lines, gnu_as(lines, GAS_MARCH, link_at=LINK_AT), strict=True):
        if g != w:
            bad.append(f"{w:#010x} {rid}: {line!r}: GNU as {g:#010x}")
    return len(items), bad


def test_pc_relative_rows_agree_with_gnu_as() -> None:
    total, bad = compare_pc_relative(32)
    print(f"pc-relative rows: {total} words, {len(bad)} failures")
    assert not bad, "\n".join(bad[:40])


@pytest.mark.slow
def test_pc_relative_rows_agree_with_gnu_as_large() -> None:
    total, bad = compare_pc_relative(256)
    print(f"pc-relative rows: {total} words, {len(bad)} failures")
    assert not bad, "\n".join(bad[:40])


# --------------------------------------------------------------------------------------
# Tests: glibc


@pytest.mark.parametrize("lib", [pytest.param("libm.so.6"), pytest.param("libc.so.6", marks=pytest.mark.slow)])
def test_glibc_round_trip_and_llvm_mc(lib: str) -> None:
    path = LIBS[lib]
    if not path.exists():
        missing("libc-arm64")
    pc0, words = text_words(path)
    seen: set[int] = set()
    sve = 0
    trips: list[str] = []
    fixed: list[tuple[str, int, str]] = []
    pcrel = 0
    for i, w in enumerate(words):
        if w in seen:
            continue
        seen.add(w)
        pc = pc0 + 4 * i
        try:
            insn = decode(w)
        except DecodeError as err:
            assert err.reason is DecodeReason.UNSUPPORTED and err.detail.startswith(("SVE", "SME")), hex(w)
            sve += 1
            continue
        text = format_insn(insn, pc)
        got = ours(text, pc)
        if got != w:
            trips.append(f"{pc:#x}: {w:#010x} {text!r} -> {got if isinstance(got, str) else hex(got)}")
        template = insn.alias.template if insn.alias is not None else insn.encoding.template
        if any(ph.kind in PC_KINDS for ph in template.placeholders()):
            pcrel += 1
        else:
            fixed.append((insn_id(insn), w, format_insn(insn, PC)))
    total = len(seen) - sve
    print(f"{lib}: {len(seen)} distinct words, {sve} SVE/SME (out of scope); round trip "
          f"{total - len(trips)}/{total} ({100 * (total - len(trips)) / total:.4f}%), {pcrel} pc-relative")
    assert not trips, "\n".join(trips[:40])
    check(compare_with_llvm(f"{lib} words without a pc-relative operand", fixed))
