"""Sphinx extension: the encoding pages, generated from the table at build time.

When the builder starts (``builder-inited``), this writes reStructuredText pages into
``docs/generated/`` (gitignored, never committed):

* ``generated/encodings/index.rst`` and one page per table family (``branch``,
  ``system``, ``dpimm``, ``dpreg``, ``ldst``, ``fp``, ``advsimd``): for every
  :class:`~aarch64insn.spec.Encoding` row its Arm ID, a bit diagram (an inline SVG
  drawn here), the fields, the template, the aliases with their ``when`` / ``cond``,
  the kernel predicates that accept it, the hotpatch-safe flag, the feature and an
  example word with its disassembly (computed with :func:`aarch64insn.decode`);
* ``generated/kernel-predicates.rst``: for every kernel predicate, the rows it
  matches beyond its ``covers`` (what it accepts beyond the architecture);
* ``generated/known-differences.rst``: ``tests/data/known_differences/*.toml``
  rendered as tables.

A page is rewritten only when its text changes, so incremental builds stay
incremental. The build fails (an exception, not a warning) if a table row or
alias is missing from the pages.
"""

from __future__ import annotations

import html
import random
import re
import time
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from aarch64insn import decode, disassemble
from aarch64insn.codec import ALIASES_OF
from aarch64insn.errors import AArch64InsnError
from aarch64insn.operands import KINDS
from aarch64insn.spec import Alias, Encoding, KernelFunc, overlaps
from aarch64insn.table import _FAMILIES, ALIASES, ENCODINGS, KERNEL_FUNCS, OVERLAP_GROUPS

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
KNOWN_DIFFERENCES = ROOT / "tests" / "data" / "known_differences"

FAMILY_TITLES = {
    "branch": "Branches and exception generation",
    "system": "System: hints, barriers, PSTATE, system registers",
    "dpimm": "Data processing (immediate)",
    "dpreg": "Data processing (register)",
    "ldst": "Loads and stores",
    "fp": "Scalar floating point and cryptography",
    "advsimd": "Advanced SIMD",
}

#: what a few opcode fields mean wherever they appear (operand fields take their
#: meaning from the operand kind that shows them)
FIELD_GLOSSARY = {
    "sf": "operand size: 1 = 64-bit (X registers), 0 = 32-bit (W registers)",
    "size": "element or access size",
    "V": "1 = SIMD&FP register transfer, 0 = general-purpose",
    "L": "1 = load, 0 = store",
    "Q": "1 = 128-bit vector, 0 = 64-bit vector",
    "N": "bitmask immediate: 64-bit element when set",
    "sh": "1 = immediate shifted left by 12",
    "hw": "16-bit chunk position (shift = hw * 16)",
    "o0": "opcode bit",
    "o1": "opcode bit",
    "op": "opcode",
    "opc": "opcode",
    "S": "sets the flags / shift bit (depends on the class)",
}

#: register fields get readable numbers in example words (x0, x1, x2, ...)
NICE_VALUES = {"Rd": 0, "Rt": 0, "Rn": 1, "Rm": 2, "Rt2": 1, "Ra": 3, "Rs": 2}

BIT_W = 18  # px per bit in the diagrams


# --------------------------------------------------------------------------------------
# Small helpers


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _lit(text: str) -> str:
    """Inline literal for reStructuredText (double backquotes need no escaping inside)."""
    return f"``{text}``" if text else "(empty)"


def _label(prefix: str, rid: str) -> str:
    return f"{prefix}-{rid.lower()}"


def _ref(prefix: str, rid: str) -> str:
    if prefix == "enc" and rid in _ALIAS_IDS:
        prefix = "alias"
    return f":ref:`{rid} <{_label(prefix, rid)}>`"


_ALIAS_IDS = frozenset(a.id for a in ALIASES)


def _text(text: str) -> str:
    """Prose for reStructuredText: whitespace folded, markup characters escaped."""
    return re.sub(r"([\\`*_|])", r"\\\1", " ".join(text.split()))


def _heading(text: str, char: str, *, over: bool = False) -> list[str]:
    line = char * max(len(text), 4)
    return [line, text, line, ""] if over else [text, line, ""]


def _indent(lines: Iterable[str], n: int = 3) -> list[str]:
    pad = " " * n
    return [pad + ln if ln else "" for ln in lines]


def _bits_pattern(mask: int, value: int, lsb: int, width: int) -> str:
    """The bits ``lsb+width-1 .. lsb`` of (mask, value), ``x`` where not tested."""
    out = []
    for bit in range(lsb + width - 1, lsb - 1, -1):
        out.append(str(value >> bit & 1) if mask >> bit & 1 else "x")
    return "".join(out)


def _bit_range(msb: int, lsb: int) -> str:
    return str(msb) if msb == lsb else f"{msb}:{lsb}"


# --------------------------------------------------------------------------------------
# Diagram tokens and the SVG


def _tokens(diagram: str) -> list[tuple[str, str, int, str]]:
    """(kind, name, width, bits) per diagram token; kind is fixed / should / field / named."""
    out: list[tuple[str, str, int, str]] = []
    for tok in diagram.split():
        if tok.startswith("("):
            bits = tok.strip("()")
            out.append(("should", "", len(bits), bits))
        elif ":" in tok:
            name, width = tok.split(":")
            out.append(("field", name, int(width), ""))
        elif "=" in tok:
            name, bits = tok.split("=")
            should = bits.startswith("(")
            bits = bits.strip("()")
            out.append(("named-should" if should else "named", name, len(bits), bits))
        else:
            out.append(("fixed", "", len(tok), tok))
    return out


def svg_diagram(enc: Encoding) -> str:
    """An inline SVG of the row's bit diagram, in the Arm ARM's layout (bit 31 on the left)."""
    toks = _tokens(enc.diagram)
    assert sum(t[2] for t in toks) == 32, enc.id
    width = 32 * BIT_W + 2
    parts = [
        f'<svg class="encd" role="img" aria-label="{_esc(enc.id)} bit diagram" '
        f'viewBox="0 0 {width} 54" width="{width}" height="54">'
    ]
    ticks: list[str] = []
    pos = 31
    for kind, name, w, bits in toks:
        msb, lsb = pos, pos - w + 1
        x = 1 + (31 - msb) * BIT_W
        wpx = w * BIT_W
        cls = {"fixed": "f", "should": "s", "field": "v", "named": "f", "named-should": "s"}[kind]
        parts.append(f'<rect class="{cls}" x="{x}" y="14" width="{wpx}" height="22"/>')
        # bit numbers at the token's edges, as the Arm ARM prints them
        parts.append(f'<text class="b" x="{x + BIT_W / 2:g}" y="10">{msb}</text>')
        if w > 1:
            parts.append(f'<text class="b" x="{x + wpx - BIT_W / 2:g}" y="10">{lsb}</text>')
        if bits:
            xs = " ".join(f"{x + (i + 0.5) * BIT_W:g}" for i in range(w))
            # should-be bits are styled (grey cell, italic), not bracketed
            parts.append(f'<text class="{"d" if cls == "f" else "ds"}" x="{xs}" y="29">{bits}</text>')
            for i in range(1, w):
                ticks.append(f"M{x + i * BIT_W} 31v5")
            if name:
                parts.append(f'<text class="l" x="{x + wpx / 2:g}" y="49">{_esc(name)}</text>')
        else:
            label = _esc(name)
            fit = ""
            if len(name) * 6.2 > wpx - 3:
                fit = f' textLength="{wpx - 3}" lengthAdjust="spacingAndGlyphs"'
            parts.append(f'<text class="n" x="{x + wpx / 2:g}" y="29"{fit}>{label}</text>')
        pos -= w
    if ticks:
        parts.append(f'<path class="t" d="{"".join(ticks)}"/>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------
# Example words


def _accepts(enc: Encoding, word: int) -> bool:
    try:
        insn = decode(word)
    except AArch64InsnError:
        return False
    return insn.encoding is enc and insn.unpredictable is None


def example_word(enc: Encoding) -> int | None:
    """A representative word of *enc*: readable register numbers, other fields 0 if possible."""
    lay = enc.layout
    base = lay.value | lay.should_value
    free = {n: lay.fields[n].mask & ~lay.mask & ~lay.should_mask for n in lay.variable}

    def with_values(values: Mapping[str, int]) -> int:
        w = base
        for n, v in values.items():
            w |= (v << lay.fields[n].lsb) & free[n]
        return w

    nice = with_values({n: NICE_VALUES[n] for n in lay.variable if n in NICE_VALUES})
    for w in (nice, base):
        if _accepts(enc, w):
            return w
    rng = random.Random(enc.id)
    all_free = 0
    for m in free.values():
        all_free |= m
    nice_mask = 0
    for n in NICE_VALUES:
        nice_mask |= free.get(n, 0)
    for attempt in range(400):
        w = base | (rng.getrandbits(32) & all_free)
        if attempt < 200:  # keep the readable registers while trying the other fields
            w = (w & ~nice_mask) | (nice & nice_mask)
        if _accepts(enc, w):
            return w
    return None


# --------------------------------------------------------------------------------------
# Kernel predicates


def _condition_text(enc: Encoding, mask: int, value: int) -> str:
    """Bits of (mask, value) that *enc* leaves free, spelled in the row's field names."""
    extra = mask & ~enc.mask
    parts = []
    for name, f in enc.fields.items():
        m = extra & f.mask
        if m:
            parts.append(f"{name}={_bits_pattern(mask & f.mask, value, f.lsb, f.width)}")
            extra &= ~f.mask
    if extra:
        parts.append(f"bits {extra:#010x}={value & extra:#010x}")
    return " ".join(parts)


def kernel_matches(enc: Encoding) -> list[tuple[KernelFunc, bool, str]]:
    """(predicate, accepts every word of the row, condition when only some) for *enc*."""
    out = []
    for kf in KERNEL_FUNCS:
        if overlaps(kf.mask, kf.value, enc.mask, enc.value):
            full = (kf.mask & ~enc.mask) == 0
            out.append((kf, full, "" if full else _condition_text(enc, kf.mask, kf.value)))
    return out


def _kfunc(kf: KernelFunc) -> str:
    return f":py:func:`aarch64_insn_is_{kf.abbr} <aarch64insn.kernel.funcs.aarch64_insn_is_{kf.abbr}>`"


# --------------------------------------------------------------------------------------
# Field table


def _field_rows(enc: Encoding) -> str:
    """An HTML table of the row's named fields."""
    shown: dict[str, str] = {}
    for ph in enc.template.placeholders():
        kind = KINDS.get(ph.kind)
        what = str(getattr(kind, "expected", "")) if kind is not None else ""
        extra = []
        if ph.scale != 1:
            extra.append(f"times {ph.scale}")
        if len(ph.fields) > 1:
            extra.append("from " + ", ".join(ph.fields))
        note = f" ({'; '.join(extra)})" if extra else ""
        for n in ph.fields:
            shown.setdefault(n, f"<code>{_esc(ph.kind)}</code>: {_esc(what)}{_esc(note)}")
    lay = enc.layout
    rows = []
    for name, f in sorted(lay.fields.items(), key=lambda kv: -kv[1].lsb):
        fm, fv = lay.fixed_in_field.get(name, (0, 0))
        sm = lay.should_mask & f.mask
        if sm:
            val = f"should be <code>{_bits_pattern(sm, lay.should_value, f.lsb, f.width)}</code>"
        elif fm == f.mask:
            val = f"fixed <code>{_bits_pattern(fm, fv, f.lsb, f.width)}</code>"
        elif fm:
            val = f"partly fixed <code>{_bits_pattern(fm, fv, f.lsb, f.width)}</code>"
        else:
            val = "free"
        meaning = shown.get(name) or _esc(FIELD_GLOSSARY.get(name, ""))
        if sm and not meaning:
            meaning = "unused by the instruction: other values are CONSTRAINED UNPREDICTABLE"
        if not meaning and name in lay.variable:
            meaning = "not shown in the text (implied by the template or the alias)"
        rows.append(
            f"<tr><td><code>{_esc(name)}</code></td><td>{_bit_range(f.msb, f.lsb)}</td>"
            f"<td>{val}</td><td>{meaning}</td></tr>"
        )
    if not rows:
        return ""
    return (
        '<table class="encf"><thead><tr><th>field</th><th>bits</th><th>value</th>'
        "<th>meaning</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


# --------------------------------------------------------------------------------------
# Pages


def _group_of() -> dict[str, tuple[str, int, int]]:
    out = {}
    for g in OVERLAP_GROUPS:
        for i, rid in enumerate(g.order):
            out[rid] = (g.name, i + 1, len(g.order))
    return out


def _alias_lines(al: Alias, base_word: int | None) -> list[str]:
    lines = [f".. _{_label('alias', al.id)}:", "", f"* **{al.id}**: {_lit(al.asm)} when {_lit(al.when)}"]
    if al.cond:
        lines[-1] += f" and {_lit(al.cond)}"
    notes = []
    if al.prefer:
        notes.append("preferred by the assembler")
    if al.hotpatch_safe:
        notes.append("hotpatch-safe")
    if base_word is not None:
        w = (base_word & ~al.mask) | al.value
        try:
            insn = decode(w)
            if insn.alias is al:
                notes.append(f"e.g. ``{w:#010x}`` = {_lit(insn.text())}")
        except AArch64InsnError:
            pass
    if notes:
        lines[-1] += " (" + "; ".join(notes) + ")"
    return lines + [""]


def family_page(
    fam: str, encodings: tuple[Encoding, ...], examples: dict[str, int | None], counts: dict[str, int]
) -> str:
    groups = _group_of()
    title = f"{fam}: {FAMILY_TITLES.get(fam, fam)}"
    n_alias = sum(len(ALIASES_OF.get(e.id, ())) for e in encodings)
    out = [
        ".. This page is generated by docs/_ext/encodings.py from aarch64insn.table; do not edit.",
        "",
        f".. _encodings-{fam}:",
        "",
        *_heading(title, "=", over=True),
        f"{len(encodings)} encodings and {n_alias} aliases from ``aarch64insn/table/{fam}.py``, in table "
        "order. Each diagram shows bit 31 on the left; fixed bits are printed in their cells, "
        "grey cells are should-be bits (other values decode but are CONSTRAINED "
        "UNPREDICTABLE), blue cells are operand fields.",
        "",
    ]
    for enc in encodings:
        counts["rows"] += 1
        out += [f".. _{_label('enc', enc.id)}:", "", *_heading(enc.id, "-")]
        out += [".. raw:: html", "", "   " + svg_diagram(enc), ""]
        out += [f"Template: {_lit(enc.asm)}", ""]
        facts = [f"mask/value ``{enc.mask:#010x}`` / ``{enc.value:#010x}``"]
        facts.append(f"feature {_lit(enc.feature) if enc.feature else 'base (Armv8.0)'}")
        facts.append("**hotpatch-safe**" if enc.hotpatch_safe else "not hotpatch-safe")
        flags = [n for n in ("branch", "branch_imm", "uses_literal", "barrier") if getattr(enc, n)]
        if flags:
            facts.append("flags " + ", ".join(flags))
        out += ["* " + "; ".join(facts)]
        if enc.id in groups:
            g, i, n = groups[enc.id]
            out += [f"* overlap group {_lit(g)}: position {i} of {n} (first match wins)"]
        for cond, why in enc.unpredictable:
            out += [f"* CONSTRAINED UNPREDICTABLE when {_lit(cond)}: {_text(why)}"]
        for cond in enc.exclude:
            out += [f"* not this encoding when {_lit(cond)}"]
        word = examples[enc.id]
        if word is not None:
            out += [f"* example ``{word:#010x}`` = {_lit(disassemble(word))}"]
            counts["examples"] += 1
        else:
            out += ["* example: none found by the generator (every simple choice is reserved)"]
        kms = kernel_matches(enc)
        if kms:
            items = []
            for kf, full, cond in kms:
                where = "" if full else f" when {_lit(cond)}"
                if not kf.covers:
                    meant = " (an encoding group)"
                else:
                    meant = "" if enc.id in kf.covers else " (beyond its ``covers``)"
                items.append(f"{_kfunc(kf)}{where}{meant}")
            out += ["* kernel predicates: " + ", ".join(items)]
        else:
            out += ["* kernel predicates: none"]
        out += [""]
        field_html = _field_rows(enc)
        if field_html:
            out += [".. raw:: html", "", "   " + field_html, ""]
        aliases = ALIASES_OF.get(enc.id, ())
        if aliases:
            out += ["Aliases (printed instead of the base when their condition holds):", ""]
            for al in aliases:
                counts["aliases"] += 1
                out += _alias_lines(al, word)
    return "\n".join(out) + "\n"


def encodings_index(fams: list[tuple[str, tuple[Encoding, ...]]]) -> str:
    out = [
        ".. This page is generated by docs/_ext/encodings.py from aarch64insn.table; do not edit.",
        "",
        ".. _encodings:",
        "",
        *_heading("Encodings", "=", over=True),
        f"Every row of :mod:`aarch64insn.table`: {len(ENCODINGS)} encodings, {len(ALIASES)} aliases, "
        f"{len(KERNEL_FUNCS)} kernel predicates and {len(OVERLAP_GROUPS)} overlap groups. These pages "
        "are generated from the table when the documentation is built; the example words are "
        "decoded and disassembled by :func:`aarch64insn.disassemble` at that time.",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - family",
        "     - encodings",
        "     - aliases",
        "     - hotpatch-safe",
    ]
    for fam, encs in fams:
        out += [
            f"   * - :ref:`{fam} <encodings-{fam}>`",
            f"     - {len(encs)}",
            f"     - {sum(len(ALIASES_OF.get(e.id, ())) for e in encs)}",
            f"     - {sum(e.hotpatch_safe for e in encs)}",
        ]
    out += [
        "",
        "Not covered yet (words there raise ``DecodeError`` with reason ``UNSUPPORTED``):",
        "",
    ]
    from aarch64insn.table import UNSUPPORTED

    seen = set()
    for _, _, why in UNSUPPORTED:
        if why not in seen:
            seen.add(why)
            out.append(f"* {why}")
    out += ["", ".. toctree::", "   :maxdepth: 1", ""]
    out += [f"   {fam}" for fam, _ in fams]
    return "\n".join(out) + "\n"


def kernel_page(examples: dict[str, int | None]) -> str:
    by_id = {e.id: e for e in ENCODINGS}
    out = [
        ".. This page is generated by docs/_ext/encodings.py from aarch64insn.table; do not edit.",
        "",
        ".. _kernel-predicates:",
        "",
        *_heading("What each kernel predicate accepts", "=", over=True),
        "For every ``__AARCH64_INSN_FUNCS`` row (:mod:`aarch64insn.table.kernel`, the kernel's own "
        "mask and value), the encodings it is meant to match (``covers``) and every other "
        "table row it matches, computed from the masks when the documentation is built. A row "
        "is matched *fully* when the predicate accepts all its words, *partly* when only the "
        "words satisfying the condition shown. The example is a word of that row the predicate "
        "accepts, disassembled. A predicate that matches a row beyond its ``covers`` accepts "
        "more than the architecture's instruction it is named after "
        "(:doc:`/kernel-mirror` explains the quirks).",
        "",
    ]
    for kf in KERNEL_FUNCS:
        out += [f".. _{_label('kpred', kf.abbr)}:", "", *_heading(kf.abbr, "-")]
        out += [
            f"{_kfunc(kf)}: ``(insn & {kf.mask:#010x}) == {kf.value:#010x}``.",
            "",
        ]
        covers = ", ".join(_ref("enc", c) for c in kf.covers) if kf.covers else "(an encoding group)"
        out += [f"Meant to match: {covers}", ""]
        extras = []
        for enc in ENCODINGS:
            if enc.id in kf.covers or not overlaps(kf.mask, kf.value, enc.mask, enc.value):
                continue
            full = (kf.mask & ~enc.mask) == 0
            cond = "" if full else _condition_text(enc, kf.mask, kf.value)
            ex = ""
            base = examples.get(enc.id)
            if base is not None:
                w = (base & ~kf.mask) | kf.value
                if _accepts(enc, w):
                    ex = f"``{w:#010x}`` = {_lit(disassemble(w))}"
            extras.append((enc, full, cond, ex))
        if not extras:
            out += ["Beyond the architecture: nothing; it matches no other table row.", ""]
            continue
        if len(extras) > 40:
            fulls = [e for e, f, _, _ in extras if f]
            out += [
                f"Beyond the architecture: {len(extras)} other rows ({len(fulls)} fully), "
                "so this predicate tests a group, not an instruction: "
                + ", ".join(_ref("enc", e.id) for e, _, _, _ in extras),
                "",
            ]
            continue
        out += [f"Beyond the architecture: {len(extras)} other rows.", "", ".. list-table::",
                "   :header-rows: 1", "   :widths: 30 30 40", "", "   * - row", "     - matched",
                "     - example word the predicate accepts"]
        for enc, full, cond, ex in extras:
            out += [
                f"   * - {_ref('enc', enc.id)}",
                f"     - {'fully' if full else 'when ' + _lit(cond)}",
                f"     - {ex or '(no valid example)'}",
            ]
        out += [""]
    assert by_id  # keeps the lookup used for type checkers
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Known differences


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return f"``{value:#010x}``"
    if isinstance(value, list):
        return ", ".join(_lit(str(v)) for v in value)
    text = " ".join(str(value).split())
    return _lit(text) if text != "reject" else "reject"


def _table(entries: list[dict[str, Any]], columns: list[str]) -> list[str]:
    cols = [c for c in columns if any(c in e for e in entries)]
    out = [".. list-table::", "   :header-rows: 1", ""]
    out += ["   * - " + cols[0]] + [f"     - {c}" for c in cols[1:]]
    for e in entries:
        cells = [_cell(e.get(c)) if c in ("word", "mask", "value", "ours", "capstone", "llvm_mc", "rows",
                                            "equivalent", "mattr", "march")
                 else _text(str(e.get(c, ""))) for c in cols]
        out += ["   * - " + (cells[0] or "..")] + [f"     - {c or '..'}" for c in cells[1:]]
    return out + [""]


KD_TABLES = {
    "difference": ("Differences", ["word", "class", "ours", "capstone", "arbiter", "reason", "alias", "family"]),
    "rule": ("Class rules", ["class", "rows", "ours", "capstone"]),
    "difference_class": ("Word classes", ["name", "mask", "value", "ours", "capstone", "arbiter", "reason"]),
    "asm_difference": ("Assembler differences", ["class", "word", "ours", "llvm_mc", "arbiter", "reason"]),
    "asm_rule": ("Assembler class rules", ["class", "rows", "ours", "check", "march", "mattr", "equivalent"]),
}


def known_differences_page() -> str:
    out = [
        ".. This page is generated by docs/_ext/encodings.py from tests/data/known_differences; do not edit.",
        "",
        ".. _known-differences:",
        "",
        *_heading("Known oracle differences", "=", over=True),
        "Every entry of ``tests/data/known_differences/*.toml``, rendered when the documentation "
        "is built. The format is described in that directory's ``README.md``; the oracle tests "
        "accept a disagreement with capstone or llvm-mc only when an entry below names the word "
        "or a rule explains it. ``reject`` means the tool refuses the word or the text.",
        "",
    ]
    for path in sorted(KNOWN_DIFFERENCES.glob("*.toml")):
        data = tomllib.loads(path.read_text())
        out += _heading(f"{path.name}", "-")
        total = sum(len(v) for v in data.values() if isinstance(v, list))
        if not total:
            header = [ln[1:].strip() for ln in path.read_text().splitlines() if ln.startswith("#")]
            note = " ".join(h for h in header[2:] if h and not h.startswith("Format"))
            out += [f"No entries. {note}".strip(), ""]
            continue
        for key, (title, columns) in KD_TABLES.items():
            entries = data.get(key) or []
            if entries:
                out += _heading(f"{title} ({len(entries)})", "~")
                out += _table(entries, columns)
        unknown = set(data) - set(KD_TABLES)
        if unknown:
            raise ValueError(f"{path}: tables the docs do not render: {sorted(unknown)}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Sphinx glue


def _write(path: Path, text: str) -> None:
    """Write *text* unless the file already holds it (keeps Sphinx's incremental build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def generate(outdir: Path) -> dict[str, int]:
    """Write every generated page under *outdir*; returns the counts the build checks."""
    counts = {"rows": 0, "aliases": 0, "examples": 0}
    examples = {e.id: example_word(e) for e in ENCODINGS}
    fams = [(fam.__name__.rsplit(".", 1)[1], tuple(fam.ENCODINGS)) for fam in _FAMILIES]
    for name, encs in fams:
        _write(outdir / "encodings" / f"{name}.rst", family_page(name, encs, examples, counts))
    _write(outdir / "encodings" / "index.rst", encodings_index(fams))
    _write(outdir / "kernel-predicates.rst", kernel_page(examples))
    _write(outdir / "known-differences.rst", known_differences_page())
    # Every row and every alias must be on a page.
    if counts["rows"] != len(ENCODINGS) or counts["aliases"] != len(ALIASES):
        raise RuntimeError(
            f"encoding pages cover {counts['rows']}/{len(ENCODINGS)} rows and "
            f"{counts['aliases']}/{len(ALIASES)} aliases"
        )
    return counts


def _on_builder_inited(app: Sphinx) -> None:
    start = time.perf_counter()
    counts = generate(Path(app.srcdir) / "generated")
    logger.info(
        "encodings: %d rows, %d aliases, %d example words in %.1fs",
        counts["rows"], counts["aliases"], counts["examples"], time.perf_counter() - start,
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.add_css_file("encodings.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
