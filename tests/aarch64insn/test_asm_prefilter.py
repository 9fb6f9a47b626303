"""The assembler's template prefilter never rejects a text the template's regex matches.

(The prefilter decides which templates are built at all: a wrong rejection would
change what is assembled. The results themselves are covered by the other asm tests.)
"""

from __future__ import annotations

import random
import re

from aarch64insn import DecodeError, asm, decode, disassemble


def _texts(n: int) -> list[str]:
    rng = random.Random(1234)
    out: list[str] = []
    while len(out) < n:
        w = rng.getrandbits(32)
        try:
            decode(w)
        except DecodeError:
            continue
        text = disassemble(w, pc=0x10000)
        out.append(text)
        # other spellings the regexes allow: spaces around punctuation, upper case, a tab
        out.append(re.sub(r"([,\[\]!{}])", r" \1 ", text).upper().replace(" ", "\t", 1))
    return out


def test_prefilter_passes_every_text_the_regex_matches() -> None:
    for text in _texts(1500):
        mnemonic = text.split()[0]
        plan = asm._plan(mnemonic)
        for i, c in enumerate(plan.every()):
            if c.regex.fullmatch(text) is None:
                continue
            assert asm._may_match(text, *plan.filters[i]), (c.name, text, plan.filters[i])
            assert re.fullmatch(asm._prefilter_regex(*plan.filters[i]), text, re.IGNORECASE), (c.name, text)


def test_prefilter_rejects_other_forms() -> None:
    plan = asm._plan("stp")
    names = [r.id for r, _ in plan.entries]
    text = "stp x29, x30, [sp, #-16]!"
    passing = [names[i] for i in range(len(names)) if asm._may_match(text, *plan.filters[i])]
    assert passing == ["STP_32_ldstpair_pre", "STP_64_ldstpair_pre"]


def test_first_use_builds_only_what_it_needs() -> None:
    asm._PLANS.pop("ldnp", None)
    assert asm.assemble("ldnp x0, x1, [x2, #16]") == 0xA8410440
    plan = asm._PLANS["ldnp"]
    assert sum(c is not None for c in plan.built) < len(plan.entries)
