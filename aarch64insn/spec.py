"""The notation of the encoding table, its parser, and the checks run when the table loads.

This module knows the *notation* (bit diagrams, operand templates, conditions),
not the instruction set: every instruction fact lives in :mod:`aarch64insn.table`.

Bit diagrams
------------
A diagram lists the 32 bits of a word from bit 31 down to bit 0, as the Arm ARM
draws them. Tokens are separated by spaces:

============  =============================================  ==================
token         meaning                                        example
============  =============================================  ==================
``0101``      fixed bits                                     ``100010``
``name:w``    a variable field of width *w* (Arm spelling)   ``imm26:26``
``name=01``   a named field fixed to a value                 ``sf=1``, ``opc=10``
``name=0x``   a named field, partly fixed (``x`` is free)    ``hw=0x``
``(0)``       should-be bits: other values decode, but the   ``(0)``, ``Rt2=(11111)``
              word is CONSTRAINED UNPREDICTABLE
============  =============================================  ==================

Operand templates
-----------------
A template is the assembly text of the row with placeholders:
``{KIND:field}`` prints the field(s) with an operand kind from
:mod:`aarch64insn.operands`; several fields are separated by commas
(``{EXT:option,imm3}``); ``*N`` scales a single field (``{SIMM:imm7*8}``);
``=V`` gives a field's default (``{X:Rn=30}``). ``[[ ... ]]`` is an optional
group: it is printed unless every field it shows has its default value;
``[[sh? , lsl #12]]`` is printed when the 1-bit field ``sh`` is set.
Everything else is literal text.

Conditions
----------
``unpredictable``, ``Alias.cond`` and ``exclude`` use small Python expressions
over field names (``"Rn == Rt and Rn != 31"``) with the helpers of
:mod:`aarch64insn._bits` in scope. They are compiled once, when the table loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import CodeType, MappingProxyType

from . import _bits, bitmasks
from .errors import SpecError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import ClassVar, Final

__all__ = [
    "Alias",
    "Encoding",
    "Field",
    "KernelFunc",
    "Layout",
    "Opt",
    "OverlapGroup",
    "Placeholder",
    "Record",
    "Template",
    "check_table",
    "overlaps",
    "parse_diagram",
    "parse_template",
]

#: Names visible to table conditions, besides the row's fields.
CONDITION_HELPERS: Final[Mapping[str, object]] = MappingProxyType(
    {
        "__builtins__": {},
        "move_wide_preferred": _bits.move_wide_preferred,
        "bfx_preferred": _bits.bfx_preferred,
        "sign_extend": _bits.sign_extend,
        "ones": _bits.ones,
        "valid_bitmask": lambda n, imms, immr, width: (
            bitmasks.decode_bit_masks(n, imms, immr, width) is not None
        ),
    }
)


# --------------------------------------------------------------------------------------
# Records


class Record:
    """Base of the notation's immutable values: slots, and equality, hash, repr and pickling
    over the constructor's fields.

    It stands in for ``@dataclass(frozen=True, slots=True)``, whose class creation (and the
    import of ``dataclasses``) cost ``import aarch64insn`` several milliseconds a class.
    Subclasses list their constructor's fields, in order, in :attr:`FIELDS`; slots after
    those (lazily derived values) take no part in comparisons.
    """

    __slots__ = ()
    #: the constructor's fields, in order: compared, hashed, shown and pickled
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def _key(self) -> tuple[object, ...]:
        return tuple([getattr(self, n) for n in self.FIELDS])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        args = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.FIELDS)
        return f"{self.__class__.__qualname__}({args})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {self.__class__.__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {self.__class__.__name__} is immutable")

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        return self.__class__, self._key()


_set = object.__setattr__


# --------------------------------------------------------------------------------------
# Diagrams


class Field(Record):
    """A named bit field: bits ``lsb .. lsb+width-1`` of the word."""

    __slots__ = ("name", "lsb", "width")
    FIELDS = __slots__

    name: str
    lsb: int
    width: int

    def __init__(self, name: str, lsb: int, width: int) -> None:
        _set(self, "name", name)
        _set(self, "lsb", lsb)
        _set(self, "width", width)

    @property
    def msb(self) -> int:
        """The highest bit of the field."""
        return self.lsb + self.width - 1

    @property
    def mask(self) -> int:
        """The field's bits, in place."""
        return ((1 << self.width) - 1) << self.lsb

    def extract(self, word: int) -> int:
        """The field's value in *word* (unsigned)."""
        return (word >> self.lsb) & ((1 << self.width) - 1)


class Layout(Record):
    """What a diagram says: fixed bits, should-be bits and fields."""

    __slots__ = ("mask", "value", "should_mask", "should_value", "fields", "variable", "fixed_in_field")
    FIELDS = __slots__

    mask: int
    value: int
    should_mask: int
    should_value: int
    fields: Mapping[str, Field]
    #: fields with at least one free bit (they are operands)
    variable: tuple[str, ...]
    #: for each field, the bits of it that the diagram fixes (mask, value) in place
    fixed_in_field: Mapping[str, tuple[int, int]]

    def __init__(
        self,
        mask: int,
        value: int,
        should_mask: int,
        should_value: int,
        fields: Mapping[str, Field],
        variable: tuple[str, ...],
        fixed_in_field: Mapping[str, tuple[int, int]],
    ) -> None:
        _set(self, "mask", mask)
        _set(self, "value", value)
        _set(self, "should_mask", should_mask)
        _set(self, "should_value", should_value)
        _set(self, "fields", fields)
        _set(self, "variable", variable)
        _set(self, "fixed_in_field", fixed_in_field)


_TOKEN = re.compile(
    r"""^(?:
        (?P<bits>[01]+)
      | \((?P<sbits>[01]+)\)
      | (?P<vname>[A-Za-z][A-Za-z0-9_]*):(?P<width>\d+)
      | (?P<fname>[A-Za-z][A-Za-z0-9_]*)=(?P<fbits>[01x]+|\([01]+\))
    )$""",
    re.VERBOSE,
)


def parse_diagram(diagram: str, *, row: str = "?") -> Layout:
    """Parse a bit diagram (bit 31 first). Raises :class:`SpecError` naming *row*."""
    pos = 32
    mask = value = should_mask = should_value = 0
    fields: dict[str, Field] = {}
    fixed_in: dict[str, tuple[int, int]] = {}
    variable: list[str] = []
    for tok in diagram.replace(")(", ") (").split():
        m = _TOKEN.match(tok)
        if m is None:
            raise SpecError(f"{row}: bad diagram token {tok!r} in {diagram!r}")
        if m["bits"] is not None:
            bits = m["bits"]
            width = len(bits)
            pos -= width
            if pos < 0:
                break
            mask |= ((1 << width) - 1) << pos
            value |= int(bits, 2) << pos
            continue
        if m["sbits"] is not None:
            bits = m["sbits"]
            width = len(bits)
            pos -= width
            if pos < 0:
                break
            should_mask |= ((1 << width) - 1) << pos
            should_value |= int(bits, 2) << pos
            continue
        name = m["vname"] or m["fname"]
        if name in fields:
            raise SpecError(f"{row}: field {name!r} appears twice in {diagram!r}")
        if m["vname"] is not None:
            width = int(m["width"])
            if width == 0:
                raise SpecError(f"{row}: field {name!r} has width 0 in {diagram!r}")
            pos -= width
            if pos < 0:
                break
            fields[name] = Field(name, pos, width)
            fixed_in[name] = (0, 0)
            variable.append(name)
            continue
        fbits = m["fbits"]
        if fbits.startswith("("):
            sb = fbits[1:-1]
            width = len(sb)
            pos -= width
            if pos < 0:
                break
            fields[name] = Field(name, pos, width)
            fixed_in[name] = (0, 0)
            should_mask |= ((1 << width) - 1) << pos
            should_value |= int(sb, 2) << pos
            continue
        width = len(fbits)
        pos -= width
        if pos < 0:
            break
        fmask = int(fbits.replace("0", "1").replace("x", "0"), 2) << pos
        fval = int(fbits.replace("x", "0"), 2) << pos
        fields[name] = Field(name, pos, width)
        fixed_in[name] = (fmask, fval)
        mask |= fmask
        value |= fval
        if "x" in fbits:
            variable.append(name)
    if pos != 0:
        covered = 32 - pos
        raise SpecError(f"{row}: diagram covers {covered} bits, expected 32: {diagram!r}")
    return Layout(
        mask=mask,
        value=value,
        should_mask=should_mask,
        should_value=should_value,
        fields=MappingProxyType(fields),
        variable=tuple(variable),
        fixed_in_field=MappingProxyType(fixed_in),
    )


def parse_bits_condition(text: str, fields: Mapping[str, Field], *, row: str) -> tuple[int, int]:
    """Parse ``"Rn=11111 shift=00"`` into (mask, value) over the whole word."""
    mask = value = 0
    for part in text.split():
        name, sep, bits = part.partition("=")
        if not sep or not re.fullmatch(r"[01x]+", bits):
            raise SpecError(f"{row}: bad field condition {part!r} in {text!r}")
        f = fields.get(name)
        if f is None:
            raise SpecError(f"{row}: condition names unknown field {name!r}")
        if len(bits) != f.width:
            raise SpecError(
                f"{row}: condition {part!r} gives {len(bits)} bits, field {name} has {f.width}"
            )
        mask |= int(bits.replace("0", "1").replace("x", "0"), 2) << f.lsb
        value |= int(bits.replace("x", "0"), 2) << f.lsb
    return mask, value


_COMPILED: dict[str, CodeType] = {}


def _compile_condition(expr: str, names: Iterable[str], *, row: str) -> CodeType:
    code = _COMPILED.get(expr)
    if code is None:
        code = _compile_uncached(expr, row=row)
        _COMPILED[expr] = code
    known = set(names) | set(CONDITION_HELPERS)
    unknown = sorted(set(code.co_names) - known - {"and", "or", "not"})
    if unknown:
        raise SpecError(f"{row}: condition {expr!r} names unknown {', '.join(unknown)}")
    return code


def _compile_uncached(expr: str, *, row: str) -> CodeType:
    try:
        code = compile(expr, "<table condition>", "eval")
    except SyntaxError as err:
        raise SpecError(f"{row}: condition {expr!r} does not parse: {err.msg}") from None
    return code


# --------------------------------------------------------------------------------------
# Templates


class Placeholder(Record):
    """``{KIND:fields}`` in a template."""

    __slots__ = ("kind", "fields", "scale", "defaults")
    FIELDS = __slots__

    kind: str
    fields: tuple[str, ...]
    scale: int
    defaults: tuple[int, ...]

    def __init__(self, kind: str, fields: tuple[str, ...], scale: int = 1, defaults: tuple[int, ...] = ()) -> None:
        _set(self, "kind", kind)
        _set(self, "fields", fields)
        _set(self, "scale", scale)
        _set(self, "defaults", defaults)


class Opt(Record):
    """``[[ ... ]]`` in a template: printed unless its fields hold their defaults."""

    __slots__ = ("items", "flag")
    FIELDS = __slots__

    items: tuple[str | Placeholder, ...]
    flag: str | None

    def __init__(self, items: tuple[str | Placeholder, ...], flag: str | None = None) -> None:
        _set(self, "items", items)
        _set(self, "flag", flag)


TemplateItem = str | Placeholder | Opt


class Template(Record):
    """A parsed operand template."""

    __slots__ = ("text", "items")
    FIELDS = __slots__

    text: str
    items: tuple[str | Placeholder | Opt, ...]

    def __init__(self, text: str, items: tuple[str | Placeholder | Opt, ...]) -> None:
        _set(self, "text", text)
        _set(self, "items", items)

    @property
    def mnemonic(self) -> str:
        """The leading literal word (``b.`` for ``b.{COND:cond}``)."""
        head = self.items[0] if self.items and isinstance(self.items[0], str) else ""
        return head.split(" ", 1)[0]

    def placeholders(self) -> Iterable[Placeholder]:
        """Every placeholder, including those inside optional groups."""
        for item in self.items:
            if isinstance(item, Placeholder):
                yield item
            elif isinstance(item, Opt):
                yield from (i for i in item.items if isinstance(i, Placeholder))

    def shown_fields(self) -> set[str]:
        """The fields that some placeholder (or group flag) prints."""
        out = {f for ph in self.placeholders() for f in ph.fields}
        out |= {i.flag for i in self.items if isinstance(i, Opt) and i.flag}
        return out


_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*):([^{}]*)\}")
_FIELD_SPEC = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)(?:\*(\d+))?(?:=(\d+))?$")


def _parse_items(text: str, *, row: str) -> list[str | Placeholder]:
    items: list[str | Placeholder] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            items.append(text[pos : m.start()])
        kind, spec = m[1], m[2]
        names: list[str] = []
        defaults: list[int] = []
        scale = 1
        parts = [p.strip() for p in spec.split(",")]
        for part in parts:
            fm = _FIELD_SPEC.match(part)
            if fm is None:
                raise SpecError(f"{row}: bad placeholder field {part!r} in {text!r}")
            names.append(fm[1])
            if fm[2]:
                if len(parts) != 1:
                    raise SpecError(f"{row}: scale needs a single field in {m[0]!r}")
                scale = int(fm[2])
            defaults.append(int(fm[3]) if fm[3] else 0)
        items.append(Placeholder(kind, tuple(names), scale, tuple(defaults)))
        pos = m.end()
    if pos < len(text):
        items.append(text[pos:])
    for item in items:
        if isinstance(item, str) and ("{" in item or "}" in item):
            raise SpecError(f"{row}: stray brace in template {text!r}")
    return items


def parse_template(text: str, *, row: str = "?") -> Template:
    """Parse an operand template (see the module docstring)."""
    items: list[TemplateItem] = []
    rest = text
    while rest:
        start = rest.find("[[")
        if start < 0:
            items.extend(_parse_items(rest, row=row))
            break
        end = rest.find("]]", start)
        if end < 0:
            raise SpecError(f"{row}: unclosed '[[' in template {text!r}")
        if start:
            items.extend(_parse_items(rest[:start], row=row))
        inner = rest[start + 2 : end]
        flag = None
        fm = re.match(r"^([A-Za-z][A-Za-z0-9_]*)\?", inner)
        if fm:
            flag = fm[1]
            inner = inner[fm.end() :]
        group = tuple(_parse_items(inner, row=row))
        if flag is None and not any(isinstance(i, Placeholder) for i in group):
            raise SpecError(f"{row}: optional group [[{inner}]] shows no field and has no flag")
        items.append(Opt(group, flag))
        rest = rest[end + 2 :]
    if "]]" in "".join(i for i in items if isinstance(i, str)):
        raise SpecError(f"{row}: stray ']]' in template {text!r}")
    return Template(text, tuple(items))


# --------------------------------------------------------------------------------------
# Rows


class Encoding(Record):
    """One Arm encoding, named by its Arm encoding ID (``STP_64_ldstpair_pre``).

    ``asm`` is the operand template; the flags drive derived predicates and the
    simulator's rules. ``unpredictable`` maps a condition over the fields to the
    reason the word is CONSTRAINED UNPREDICTABLE; ``exclude`` lists conditions
    under which the word is *not* this encoding (reserved values).
    """

    FIELDS = (
        "id", "diagram", "asm", "branch", "branch_imm", "hotpatch_safe", "uses_literal", "barrier",
        "feature", "unpredictable", "exclude",
    )  # fmt: skip
    # Derived from the strings above on first use (keeps ``import aarch64insn`` cheap);
    # check_table() forces them all, so a bad row is still reported when the table loads.
    __slots__ = (*FIELDS, "_layout", "_template", "_unpredictable_code", "_exclude_code")

    id: str
    diagram: str
    asm: str
    branch: bool
    branch_imm: bool
    hotpatch_safe: bool
    uses_literal: bool
    barrier: bool
    feature: str
    unpredictable: tuple[tuple[str, str], ...]
    exclude: tuple[str, ...]
    _layout: Layout | None
    _template: Template | None
    _unpredictable_code: tuple[tuple[CodeType, str], ...] | None
    _exclude_code: tuple[CodeType, ...] | None

    def __init__(
        self,
        id: str,  # noqa: A002  (the Arm encoding ID)
        diagram: str,
        asm: str,
        branch: bool = False,
        branch_imm: bool = False,
        hotpatch_safe: bool = False,
        uses_literal: bool = False,
        barrier: bool = False,
        feature: str = "",
        unpredictable: tuple[tuple[str, str], ...] = (),
        exclude: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "diagram", diagram)
        _set(self, "asm", asm)
        _set(self, "branch", branch)
        _set(self, "branch_imm", branch_imm)
        _set(self, "hotpatch_safe", hotpatch_safe)
        _set(self, "uses_literal", uses_literal)
        _set(self, "barrier", barrier)
        _set(self, "feature", feature)
        _set(self, "unpredictable", unpredictable)
        _set(self, "exclude", exclude)
        _set(self, "_layout", None)
        _set(self, "_template", None)
        _set(self, "_unpredictable_code", None)
        _set(self, "_exclude_code", None)

    @property
    def layout(self) -> Layout:
        """The parsed diagram."""
        lay = self._layout
        if lay is None:
            lay = parse_diagram(self.diagram, row=self.id)
            _set(self, "_layout", lay)
        return lay

    @property
    def template(self) -> Template:
        """The parsed operand template."""
        t = self._template
        if t is None:
            t = parse_template(self.asm, row=self.id)
            _set(self, "_template", t)
        return t

    @property
    def unpredictable_code(self) -> tuple[tuple[CodeType, str], ...]:
        """The compiled ``unpredictable`` conditions with their reasons."""
        code = self._unpredictable_code
        if code is None:
            names = list(self.layout.fields)
            code = tuple((_compile_condition(c, names, row=self.id), why) for c, why in self.unpredictable)
            _set(self, "_unpredictable_code", code)
        return code

    @property
    def exclude_code(self) -> tuple[CodeType, ...]:
        """The compiled ``exclude`` conditions."""
        code = self._exclude_code
        if code is None:
            names = list(self.layout.fields)
            code = tuple(_compile_condition(c, names, row=self.id) for c in self.exclude)
            _set(self, "_exclude_code", code)
        return code

    def force(self) -> None:
        """Parse and compile everything now (raises SpecError for a bad row)."""
        _ = self.layout, self.template, self.unpredictable_code, self.exclude_code

    @property
    def mask(self) -> int:
        """Bits that identify the encoding."""
        return self.layout.mask

    @property
    def value(self) -> int:
        """Their values."""
        return self.layout.value

    @property
    def fields(self) -> Mapping[str, Field]:
        """Every named field of the diagram."""
        return self.layout.fields

    @property
    def mnemonic(self) -> str:
        """The mnemonic as the template starts."""
        return self.template.mnemonic


class Alias(Record):
    """A preferred disassembly of a base encoding, when ``when`` and ``cond`` hold.

    An alias never decodes on its own: :func:`aarch64insn.decode` returns the
    base encoding and names the alias chosen for printing.
    """

    FIELDS = ("id", "of", "when", "asm", "cond", "hotpatch_safe", "prefer")
    __slots__ = (*FIELDS, "_template", "_base", "_bound")

    id: str
    of: str
    when: str
    asm: str
    cond: str
    hotpatch_safe: bool
    #: the assembler tries this alias first when several encodings print the same
    #: text (``mov x0, #-2``: MOVN before ORR), as llvm-mc does
    prefer: bool
    _template: Template | None
    _base: Encoding | None
    _bound: tuple[int, int, CodeType | None] | None

    def __init__(
        self,
        id: str,  # noqa: A002  (the alias ID)
        of: str,
        when: str,
        asm: str,
        cond: str = "",
        hotpatch_safe: bool = False,
        prefer: bool = False,
    ) -> None:
        _set(self, "id", id)
        _set(self, "of", of)
        _set(self, "when", when)
        _set(self, "asm", asm)
        _set(self, "cond", cond)
        _set(self, "hotpatch_safe", hotpatch_safe)
        _set(self, "prefer", prefer)
        _set(self, "_template", None)
        _set(self, "_base", None)
        _set(self, "_bound", None)

    @property
    def template(self) -> Template:
        """The parsed operand template."""
        t = self._template
        if t is None:
            t = parse_template(self.asm, row=self.id)
            _set(self, "_template", t)
        return t

    def attach(self, base: Encoding) -> None:
        """Name the base row (cheap; :meth:`bind` resolves ``when`` lazily against it)."""
        _set(self, "_base", base)

    def _binding(self) -> tuple[int, int, CodeType | None]:
        b = self._bound
        if b is None:
            if self._base is None:
                raise SpecError(f"{self.id}: alias used before its base {self.of!r} was attached")
            self.bind(self._base)
            b = self._bound
            assert b is not None
        return b

    @property
    def mask(self) -> int:
        """Bits fixed by the base and by ``when``."""
        return self._binding()[0]

    @property
    def value(self) -> int:
        """Their values."""
        return self._binding()[1]

    @property
    def cond_code(self) -> CodeType | None:
        """The compiled ``cond``, or None."""
        return self._binding()[2]

    def equalities(self) -> list[tuple[str, str]]:
        """``a == b`` field equalities stated by ``cond`` (``ror``'s ``Rn == Rm``)."""
        return [(m[1], m[2]) for m in re.finditer(r"\b([A-Za-z]\w*) == ([A-Za-z]\w*)\b", self.cond)]

    def implied_fields(self) -> set[str]:
        """Fields that ``cond`` sets equal to a field the template shows."""
        shown = self.template.shown_fields()
        out: set[str] = set()
        for a, b in self.equalities():
            if a in shown and b not in shown:
                out.add(b)
            elif b in shown and a not in shown:
                out.add(a)
        return out

    def bind(self, base: Encoding) -> None:
        """Resolve ``when`` and ``cond`` against the base row (done by :func:`check_table`)."""
        wmask, wvalue = parse_bits_condition(self.when, base.fields, row=self.id)
        code = _compile_condition(self.cond, base.fields, row=self.id) if self.cond else None
        _set(self, "_base", base)
        _set(self, "_bound", (base.mask | wmask, base.value | wvalue, code))
        clash = base.mask & wmask & (base.value ^ wvalue)
        if clash:
            raise SpecError(
                f"{self.id}: not a specialisation of {base.id}: 'when' {self.when!r} "
                f"contradicts the base's fixed bits {clash:#010x}"
            )


class KernelFunc(Record):
    """One ``__AARCH64_INSN_FUNCS(abbr, mask, val)`` line of the kernel, verbatim.

    ``covers`` names the Arm encodings the predicate is meant to match; the
    kernel's mask may accept more (see the docs' list of extras).
    """

    __slots__ = ("abbr", "mask", "value", "covers")
    FIELDS = __slots__

    abbr: str
    mask: int
    value: int
    covers: tuple[str, ...]

    def __init__(self, abbr: str, mask: int, value: int, covers: tuple[str, ...] = ()) -> None:
        _set(self, "abbr", abbr)
        _set(self, "mask", mask)
        _set(self, "value", value)
        _set(self, "covers", covers)

    def matches(self, word: int) -> bool:
        """``aarch64_insn_is_<abbr>(word)``."""
        return (word & self.mask) == self.value


class OverlapGroup(Record):
    """Encodings that deliberately overlap; the first in ``order`` that matches wins."""

    __slots__ = ("name", "order")
    FIELDS = __slots__

    name: str
    order: tuple[str, ...]

    def __init__(self, name: str, order: tuple[str, ...]) -> None:
        _set(self, "name", name)
        _set(self, "order", order)


# --------------------------------------------------------------------------------------
# Checks


def overlaps(mask_a: int, value_a: int, mask_b: int, value_b: int) -> bool:
    """Whether some word matches both (mask, value) patterns."""
    return ((value_a ^ value_b) & mask_a & mask_b) == 0


def _excluded(enc: Encoding, mask: int, value: int) -> bool:
    """Whether every word of the pattern (mask, value) is excluded from *enc*.

    Only exclusions that test fixed bits of the pattern are decidable here: the
    condition is evaluated on the fields the pattern fixes completely.
    """
    if not enc.exclude_code:
        return False
    env: dict[str, int] = {}
    for name, f in enc.fields.items():
        if (mask & f.mask) == f.mask:
            env[name] = f.extract(value)
    for code in enc.exclude_code:
        try:
            if eval(code, dict(CONDITION_HELPERS), env):  # noqa: S307 - table expressions
                return True
        except NameError:
            continue
    return False


def check_table(
    encodings: Iterable[Encoding],
    aliases: Iterable[Alias],
    kernel_funcs: Iterable[KernelFunc],
    groups: Iterable[OverlapGroup],
    *,
    kinds: Mapping[str, object] | None = None,
    kind_arity: Callable[[str], int | None] | None = None,
) -> None:
    """Run every table check; raise :class:`SpecError` on the first failure.

    * each diagram covers 32 bits (done by the parser), no field twice;
    * row IDs are unique;
    * two encodings overlap only when an :class:`OverlapGroup` orders them, or
      when one excludes the overlap;
    * every alias is a specialisation of an existing base encoding;
    * every :class:`KernelFunc` has its value inside its mask and covers only
      rows inside its (mask, value);
    * every template placeholder names known fields and kinds, and the
      template shows every variable field that the row (or alias) leaves free.
    """
    encs = list(encodings)
    aliases = list(aliases)
    for e in encs:
        e.force()
    by_id: dict[str, Encoding] = {}
    for e in encs:
        if e.id in by_id:
            raise SpecError(f"{e.id}: duplicate encoding ID")
        by_id[e.id] = e

    grouped: dict[frozenset[str], bool] = {}
    for g in groups:
        for name in g.order:
            if name not in by_id:
                raise SpecError(f"{g.name}: overlap group names unknown encoding {name!r}")
        for i, first in enumerate(g.order):
            for second in g.order[i + 1 :]:
                grouped[frozenset((first, second))] = True

    # Overlaps: bucket by the top 8 bits where both rows fix them, so the
    # pairwise test stays cheap as the table grows.
    buckets: dict[int, list[Encoding]] = {}
    top = 0xFF000000
    for e in encs:
        fixed = e.mask & top
        free = top & ~fixed
        # enumerate the top-byte values this row can take (at most 256)
        sub = free
        while True:
            buckets.setdefault(((e.value & fixed) | sub) >> 24, []).append(e)
            if sub == 0:
                break
            sub = (sub - 1) & free
    seen: set[frozenset[str]] = set()
    for rows in buckets.values():
        for i, ra in enumerate(rows):
            for rb in rows[i + 1 :]:
                key = frozenset((ra.id, rb.id))
                if key in seen:
                    continue
                seen.add(key)
                if not overlaps(ra.mask, ra.value, rb.mask, rb.value):
                    continue
                if key in grouped:
                    continue
                both_mask = ra.mask | rb.mask
                both_value = (ra.value & ra.mask) | (rb.value & rb.mask)
                if _excluded(ra, both_mask, both_value) or _excluded(rb, both_mask, both_value):
                    continue
                raise SpecError(
                    f"{ra.id}: overlaps {rb.id} ({ra.mask:#010x}/{ra.value:#010x} vs "
                    f"{rb.mask:#010x}/{rb.value:#010x}) and no OverlapGroup orders them"
                )

    alias_ids: set[str] = set()
    for al in aliases:
        if al.id in alias_ids or al.id in by_id:
            raise SpecError(f"{al.id}: duplicate alias ID")
        alias_ids.add(al.id)
        base = by_id.get(al.of)
        if base is None:
            raise SpecError(f"{al.id}: alias of unknown encoding {al.of!r}")
        al.bind(base)
        fixed_by_when = al.mask & ~base.mask
        free_fields = {
            n
            for n in base.layout.variable
            if (base.fields[n].mask & ~base.mask & ~fixed_by_when) != 0
        }
        _check_template(al.id, al.template, base, free_fields - al.implied_fields(), kinds, kind_arity)

    for e in encs:
        _check_template(e.id, e.template, e, set(e.layout.variable), kinds, kind_arity)

    bound_aliases = {al.id: al for al in aliases}
    for kf in kernel_funcs:
        if kf.value & ~kf.mask:
            raise SpecError(
                f"aarch64_insn_is_{kf.abbr}: value {kf.value:#010x} has bits outside "
                f"mask {kf.mask:#010x}"
            )
        for rid in kf.covers:
            row: Encoding | Alias | None = by_id.get(rid) or bound_aliases.get(rid)
            if row is None:
                raise SpecError(f"aarch64_insn_is_{kf.abbr}: covers unknown encoding {rid!r}")
            # the row's canonical words (should-be bits at their should-be values)
            rmask, rvalue = row.mask, row.value
            if isinstance(row, Encoding):
                rmask |= row.layout.should_mask
                rvalue |= row.layout.should_value
            if (rmask & kf.mask) != kf.mask or (rvalue & kf.mask) != kf.value:
                raise SpecError(
                    f"aarch64_insn_is_{kf.abbr}: covers {rid} ({row.mask:#010x}/"
                    f"{row.value:#010x}), which is not inside {kf.mask:#010x}/{kf.value:#010x}"
                )


def _check_template(
    rid: str,
    template: Template,
    row: Encoding,
    free_fields: set[str],
    kinds: Mapping[str, object] | None,
    kind_arity: Callable[[str], int | None] | None,
) -> None:
    for ph in template.placeholders():
        for name in ph.fields:
            if name not in row.fields:
                raise SpecError(f"{rid}: template {template.text!r} names unknown field {name!r}")
        if kinds is not None and ph.kind not in kinds:
            raise SpecError(f"{rid}: template {template.text!r} uses unknown operand kind {ph.kind}")
        if kind_arity is not None:
            arity = kind_arity(ph.kind)
            if arity is not None and arity != len(ph.fields):
                raise SpecError(
                    f"{rid}: operand kind {ph.kind} takes {arity} field(s), "
                    f"template gives {len(ph.fields)}"
                )
    for item in template.items:
        if isinstance(item, Opt) and item.flag and item.flag not in row.fields:
            raise SpecError(f"{rid}: optional group flag names unknown field {item.flag!r}")
    missing = sorted(free_fields - template.shown_fields())
    if missing:
        raise SpecError(f"{rid}: template {template.text!r} does not show field(s) {', '.join(missing)}")
