"""Operand kinds: the only place that knows assembly operand syntax.

An operand kind turns the raw field values of one template placeholder into a
Python value (a :class:`~aarch64insn.registers.Reg`, an ``int``, a name), back
again, and to or from text. The table's templates (:mod:`aarch64insn.table`)
supply the punctuation around the operands; the kinds supply the operands.

Every kind implements four conversions, which are inverses of each other::

    fields --decode--> value --render--> text
    fields <--encode-- value <--parse--- text

``encode`` validates: it raises :class:`~aarch64insn.errors.EncodeError` naming
the encoding, the operand, the value and the legal range.

The kinds live in the submodules and register themselves in :data:`KINDS`;
the submodules load on the first use of :data:`KINDS` (decoding needs none
of them, so ``import aarch64insn`` does not load them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from ..errors import EncodeError
from ..spec import Field, Placeholder, Record

__all__ = ["KINDS", "Bound", "Kind", "canonical", "derived_pattern", "number", "register", "reverse_map"]


class Bound(Record):
    """A placeholder resolved against its row: field objects and the row ID."""

    __slots__ = ("row", "ph", "fields")
    FIELDS = __slots__

    row: str
    ph: Placeholder
    fields: tuple[Field, ...]

    def __init__(self, row: str, ph: Placeholder, fields: tuple[Field, ...]) -> None:
        _set = object.__setattr__
        _set(self, "row", row)
        _set(self, "ph", ph)
        _set(self, "fields", fields)

    @property
    def widths(self) -> tuple[int, ...]:
        """The widths of the placeholder's fields."""
        return tuple(f.width for f in self.fields)

    @property
    def label(self) -> str:
        """How errors name this operand (its field names)."""
        return ",".join(self.ph.fields)

    def error(self, value: object, legal: str) -> EncodeError:
        """An :class:`EncodeError` for an operand value outside *legal*."""
        return EncodeError(
            f"{self.row}: operand {self.label}={_show(value)} is out of range; legal: {legal}",
            encoding=self.row,
            argument=self.label,
            value=value,
        )


def _show(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return hex(value) if abs(value) > 9 else str(value)
    return str(value)


class Kind:
    """Base class of operand kinds. Subclasses set :attr:`arity` and the conversions."""

    #: how many fields the kind takes (None: any number)
    arity: int | None = 1
    #: a short description used in docs and parse errors
    expected: str = "an operand"
    #: a regular expression for the operand's text; None: derived from the printed forms
    pattern: str | None = None

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> object:
        """Field values -> Python value."""
        raise NotImplementedError

    def render(self, value: object, b: Bound) -> str:
        """Python value -> assembly text."""
        raise NotImplementedError

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        """Python value -> field values; raises EncodeError when out of range."""
        raise NotImplementedError

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        """Field values -> text."""
        return self.render(self.decode(b, vals, pc, fields), b)

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        """Text -> the field tuples that print as *text*, best first (empty: not this operand).

        The default inverts :meth:`format` over every value of the fields (at
        most 2**16 combinations, enumerated once per field layout), comparing
        texts in :func:`canonical` form. Kinds with wide fields (immediates,
        labels) override it; they may raise EncodeError for a value out of range.
        """
        return reverse_map(self, b).get(canonical(text), [])


_NUM = re.compile(r"#(-?)(0x[0-9a-f]+|[0-9]+)(?![0-9a-fx._])")
_FLOAT = re.compile(r"#(-?[0-9]+\.[0-9]+(?:e[+-]?[0-9]+)?)")
_INDEX = re.compile(r"\[(0x[0-9a-f]+|[0-9]+)\]")


def number(digits: str) -> int | None:
    """``0x1f`` (hex), ``017`` (octal, as llvm-mc and GNU as read a leading zero), ``15``; None if malformed."""
    d = digits.strip().lower()
    neg = d.startswith("-")
    d = d[1:].strip() if neg else d
    try:
        if d.startswith("0x"):
            value = int(d[2:], 16)
        elif len(d) > 1 and d.startswith("0"):
            value = int(d[1:], 8)
        else:
            value = int(d, 10)
    except ValueError:
        return None
    return -value if neg else value


def _num(sign: str, digits: str, fallback: str) -> str:
    value = number(sign + digits)
    return fallback if value is None else str(value)


def canonical(text: str) -> str:
    """Operand text in a form where spelling differences vanish.

    Lower case, no white space, ``#`` numbers in decimal (``#0x10`` and ``#16``
    are equal), floating-point immediates by value, bracketed lane indices in
    decimal.
    """
    t = text.strip().lower()
    if "#" in t:
        if "." in t:
            t = _FLOAT.sub(lambda m: "#" + repr(float(m[1])), t)
        # a number prints differently only when it starts with 0 (hex, octal, "-0", "00")
        if "#-0" in t or "#0" in t:
            t = _NUM.sub(lambda m: "#" + _num(m[1], m[2], m[1] + m[2]), t)
    if "[0" in t:
        t = _INDEX.sub(lambda m: f"[{_num('', m[1], m[1])}]", t)
    return "".join(t.split())


_REVERSE: dict[tuple[int, tuple[int, ...], int, tuple[str, ...]], dict[str, list[tuple[int, ...]]]] = {}
_PATTERNS: dict[tuple[int, tuple[int, ...], int, tuple[str, ...]], str] = {}
_RENDERED: dict[tuple[int, tuple[int, ...], int, tuple[str, ...]], set[str]] = {}
_GEN_NUM = re.compile(r"#-?(?:0x[0-9a-f]+|[0-9]+(?:\.[0-9]+(?:e[+-]?[0-9]+)?)?)|\[(?:0x[0-9a-f]+|[0-9]+)\]")
NUM_RX = r"#\s*-?\s*(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?)?)"


def _generalise(text: str) -> str:
    """A regex for a rendered operand text: any spacing, any spelling of its numbers."""
    out: list[str] = []
    pos = 0
    for m in _GEN_NUM.finditer(text):
        out.append(_escape(text[pos : m.start()]))
        out.append(NUM_RX if m[0].startswith("#") else r"\[\s*(?:0x[0-9a-fA-F]+|[0-9]+)\s*\]")
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    return "".join(r"\s*" if ch == " " else r"\s*" + re.escape(ch) + r"\s*" if ch in ",{}[]" else re.escape(ch)
                   for ch in text)


def derived_pattern(kind: Kind, b: Bound) -> str | None:
    """A regex matching every text the kind prints for this placeholder (None: too many to list)."""
    key = (id(kind), b.widths, b.ph.scale, b.ph.fields)
    pat = _PATTERNS.get(key)
    if pat is None:
        reverse_map(kind, b)
        rendered = _RENDERED.get(key)
        if not rendered:
            pat = ""
        else:
            alts = sorted({_generalise(t) for t in rendered if t}, key=len, reverse=True)
            pat = "|".join(alts) if len(alts) <= 4096 else ""
            if "" in rendered:
                pat = f"(?:{pat})?" if pat else ""
        _PATTERNS[key] = pat
    return pat or None


def reverse_map(kind: Kind, b: Bound) -> dict[str, list[tuple[int, ...]]]:
    """Canonical text -> field tuples, for every value of the placeholder's fields."""
    key = (id(kind), b.widths, b.ph.scale, b.ph.fields)
    inv = _REVERSE.get(key)
    if inv is None:
        inv = {}
        widths = b.widths
        if sum(widths) <= 16:
            names = b.ph.fields
            for vals in itertools.product(*(range(1 << w) for w in widths)):
                try:
                    text = kind.format(b, vals, 0, dict(zip(names, vals, strict=True)))
                except (KeyError, ValueError, IndexError, AssertionError, TypeError):
                    continue
                inv.setdefault(canonical(text), []).append(tuple(vals))
                _RENDERED.setdefault(key, set()).add(text.strip().lower())
        _REVERSE[key] = inv
    return inv


_KINDS: dict[str, Kind] = {}

#: Every operand kind, by the name templates use. The name is bound on first use,
#: once the kind modules have loaded and registered their kinds.
KINDS: dict[str, Kind]


def register(name: str, kind: Kind) -> None:
    """Add an operand kind under *name* (upper case, used in templates)."""
    if name in _KINDS:
        raise ValueError(f"operand kind {name} registered twice")
    _KINDS[name] = kind


def __getattr__(name: str) -> object:
    """Load the kind modules when :data:`KINDS` is first asked for."""
    if name != "KINDS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import advsimd, core, dp, fp, ldst, sysops, system  # noqa: F401  (registration side effects)

    globals()["KINDS"] = _KINDS
    return _KINDS
