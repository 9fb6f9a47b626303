"""Real-code and random-word corpora compared against capstone (shared by tests and reports).

``compare(words, pc0)`` returns the mismatches between ``aarch64insn.disassemble``
and capstone 5, after the documented known differences; SVE/SME words must raise
``DecodeError`` with reason UNSUPPORTED.
"""

from __future__ import annotations

import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aarch64insn import DecodeError, DecodeReason, decode
from aarch64insn.codec import format_insn
from tests.oracles import known_class, known_word_class

LIBS = {
    "libc.so.6": Path("/usr/aarch64-linux-gnu/lib/libc.so.6"),
    "libm.so.6": Path("/usr/aarch64-linux-gnu/lib/libm.so.6"),
}


def text_words(path: Path) -> tuple[int, list[int]]:
    """(address, words) of the .text section of an AArch64 ELF file."""
    from elftools.elf.elffile import ELFFile

    with path.open("rb") as fh:
        sec = ELFFile(fh).get_section_by_name(".text")
        assert sec is not None, f"{path}: no .text"
        data = sec.data()
        return sec["sh_addr"], list(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))


@dataclass
class Report:
    """What a comparison found."""

    total: int = 0
    agree: int = 0
    known: int = 0
    unsupported: int = 0
    newer: int = 0
    unpredictable_rejected: int = 0
    mismatches: list[tuple[int, int, str, str]] = field(default_factory=list)
    by_row: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line of figures."""
        bad = len(self.mismatches)
        return (
            f"{self.total} words: {self.agree} identical, {self.known} known differences, "
            f"{self.unsupported} SVE/SME (out of scope), {self.newer} newer extensions (unsupported; "
            f"capstone rejects too), {self.unpredictable_rejected} unpredictable "
            f"(capstone rejects), {bad} mismatches ({100 * (self.total - bad) / max(self.total, 1):.4f}% ok)"
        )


def compare(words: list[int], pc0: int, capstone_text, known: dict[int, dict[str, object]]) -> Report:  # type: ignore[no-untyped-def]
    """Compare every word; mismatches are (pc, word, ours, capstone)."""
    rep = Report()
    for i, w in enumerate(words):
        pc = pc0 + 4 * i
        rep.total += 1
        cs = capstone_text(w, pc)
        try:
            insn = decode(w)
            ours = format_insn(insn, pc)
        except DecodeError as err:
            if err.reason is DecodeReason.UNSUPPORTED:
                if err.detail.startswith(("SVE", "SME")):
                    rep.unsupported += 1
                    continue
                if cs is None:
                    # an allocated encoding of an extension newer than the table and than capstone
                    rep.newer += 1
                    continue
            ours = f"<{err.reason.value}>"
            insn = None
        if ours == cs or (cs is None and ours.startswith("<unallocated")):
            rep.agree += 1
            continue
        if w in known:
            rep.known += 1
            continue
        if cs is None and insn is not None and insn.unpredictable:
            rep.unpredictable_rejected += 1
            continue
        if insn is not None and known_class(insn.id, ours, cs) is not None:
            rep.known += 1
            continue
        if known_word_class(w, None if insn is None else ours, cs) is not None:
            rep.known += 1
            continue
        rep.mismatches.append((pc, w, ours, cs or "<capstone rejects>"))
        rep.by_row[insn.id if insn is not None else ours] += 1
    return rep
