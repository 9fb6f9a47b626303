"""Real compiled code: every word of Debian's arm64 libc.so.6 / libm.so.6 against capstone 5.

Done means: 100% identical or a documented known difference; libc's SVE words raise
DecodeError(UNSUPPORTED). Also: random words, verdict and text against capstone.
"""

from __future__ import annotations

import random

import pytest

from tests.aarch64insn.corpus import LIBS, compare, text_words
from tests.oracles import capstone_text, known_differences, missing


@pytest.mark.oracle
@pytest.mark.parametrize("lib", sorted(LIBS))
def test_glibc_text_matches_capstone(lib: str) -> None:
    path = LIBS[lib]
    if not path.exists():
        missing("libc-arm64")
    pc0, words = text_words(path)
    rep = compare(words, pc0, capstone_text, known_differences())
    print(f"{lib}: {rep.summary()}")
    shown = "\n".join(f"  {pc:#x}: {w:08x}  ours={o!r}  capstone={c!r}" for pc, w, o, c in rep.mismatches[:40])
    assert not rep.mismatches, f"{lib}: {rep.summary()}\nby row: {rep.by_row.most_common(20)}\n{shown}"
    assert rep.newer == 0, "real code uses an extension the table reports as unsupported"


SHARDS = 8
WORDS_PER_SHARD = 125_000  # 1,000,000 seeded random words in all


@pytest.mark.oracle
@pytest.mark.parametrize("shard", range(SHARDS))
def test_random_words_match_capstone(shard: int) -> None:
    rng = random.Random(20261126 + shard)
    words = [rng.getrandbits(32) for _ in range(WORDS_PER_SHARD)]
    # SVE/SME are out of scope: count them out the same way for both tools
    rep = compare(words, 0x400000, capstone_text, known_differences())
    verdict_ok = rep.total - sum(1 for _, _, o, c in rep.mismatches if (o.startswith("<")) != (c.startswith("<")))
    print(f"shard {shard}: {rep.summary()}; verdict agreement {100 * verdict_ok / rep.total:.4f}%")
    assert verdict_ok / rep.total >= 0.999, f"verdict agreement below 99.9%: {rep.by_row.most_common(20)}"
    text_bad = [m for m in rep.mismatches if not m[2].startswith("<") and not m[3].startswith("<")]
    shown = "\n".join(f"  {w:08x}  ours={o!r}  capstone={c!r}" for _, w, o, c in text_bad[:30])
    assert not text_bad, f"{len(text_bad)} text mismatches where both decode:\n{shown}"
