"""Hypothesis strategies derived from the encoding table, for property-based tests.

Everything here is built from :mod:`aarch64insn.table`, so coverage grows with
the table: a new row is drawn by :func:`words` the day it is added.

This module is the only part of :mod:`aarch64insn` that imports
`hypothesis <https://hypothesis.readthedocs.io>`_; ``import aarch64insn`` never
does. The strategies follow Hypothesis's own API style: keyword arguments with
defaults, arguments validated when the strategy is *created* (a bad one raises
:class:`hypothesis.errors.InvalidArgument` naming the argument and its value),
and values that shrink toward simple ones: registers toward ``x0``, immediates
toward 0, rows toward the first row of the table (``b``).

>>> from hypothesis import find
>>> from aarch64insn.strategies import registers, words
>>> find(registers(), lambda r: r.num > 3)
X4
>>> hex(find(words(families=["branch"]), lambda w: True))
'0x14000000'

=======================  ==========================================================
strategy                 draws
=======================  ==========================================================
:func:`registers`        :class:`~aarch64insn.registers.Reg` objects
:func:`field_values`     ``{field: value}`` dicts that encode to a given row
:func:`immediates`       the values of one immediate operand of a row
:func:`words`            instruction words (``int``) that decode to their row
:func:`instructions`     decoded :class:`~aarch64insn.insn.Insn` objects
:func:`assembly`         ``(text, word, pc)`` triples for assembler tests
=======================  ==========================================================
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache
from types import CodeType, MappingProxyType
from typing import Final, TypeVar, cast

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as _err:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "aarch64insn.strategies needs the 'hypothesis' package, which is an optional dependency "
        "of aarch64insn: install it with `pip install hypothesis` (or `pip install aarch64insn[test]`)"
    ) from _err

from .codec import ENCODINGS_BY_ID, decode, encode, format_insn
from .errors import DecodeError
from .insn import Insn
from .operands import KINDS, Bound
from .registers import SP, WSP, WZR, XZR, Reg, gpr
from .spec import CONDITION_HELPERS, Encoding, Placeholder
from .table import ENCODINGS, OVERLAP_GROUPS, advsimd, branch, dpimm, dpreg, fp, ldst, system

__all__ = [
    "ASSEMBLY_EXCLUDED",
    "FAMILIES",
    "assembly",
    "field_values",
    "immediates",
    "instructions",
    "registers",
    "words",
]

#: The instruction families :func:`words` accepts, one per table module, each
#: mapped to the IDs of its rows in table order.
FAMILIES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        name: tuple(e.id for e in mod.ENCODINGS)
        for name, mod in (
            ("branch", branch),
            ("system", system),
            ("dpimm", dpimm),
            ("dpreg", dpreg),
            ("ldst", ldst),
            ("fp", fp),
            ("advsimd", advsimd),
        )
    }
)

#: Rows that :func:`assembly` leaves out because ``aarch64insn.asm.assemble``
#: does not yet turn their printed text back into the same word, with the
#: reason. The test suite checks that each entry still fails, so an entry is
#: removed as soon as the assembler is fixed.
ASSEMBLY_EXCLUDED: Final[Mapping[str, str]] = MappingProxyType({})

_T = TypeVar("_T")
_MASK64: Final = (1 << 64) - 1
#: operand kinds whose leading field is a two's complement number
_SIGNED_KINDS: Final = frozenset({"SIMM", "SIMMCAT8", "LABEL", "PAGE"})
_PC_KINDS: Final = frozenset({"LABEL", "PAGE"})
#: enumerate a group of jointly constrained fields (see _groups) up to this many free bits;
#: wider groups are filtered instead (only STXP/STLXP's four registers today)
_ENUMERATE_BITS: Final = 16


# --------------------------------------------------------------------------------------
# Argument validation (Hypothesis style: name the argument, show the value)


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be a bool (True or False)")


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


def _check_row_id(name: str, value: object) -> Encoding:
    if not isinstance(value, str):
        raise InvalidArgument(f"{name}={value!r} must be an Arm encoding ID (a str such as 'ADD_64_addsub_imm')")
    row = ENCODINGS_BY_ID.get(value)
    if row is None:
        raise InvalidArgument(
            f"{name}={value!r} is not an encoding ID in the table{_suggest(value, ENCODINGS_BY_ID)}"
        )
    return row


def _names(name: str, value: object) -> tuple[str, ...]:
    """A collection of strings, refusing a bare str (a classic slip: rows='B_only_branch_imm')."""
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidArgument(f"{name}={value!r} must be a collection of str (a list, tuple or set), not a single value")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidArgument(f"{name}={value!r} contains {item!r}, which is not a str")
    if not items:
        raise InvalidArgument(f"{name}={value!r} is empty; pass None to mean every one")
    return items


def _select(rows: Collection[str] | None, families: Collection[str] | None) -> tuple[Encoding, ...]:
    """The rows named by ``rows`` and ``families`` (both given: rows in those families), in table order."""
    chosen: set[str] | None = None
    if rows is not None:
        names = _names("rows", rows)
        for rid in names:
            if rid not in ENCODINGS_BY_ID:
                raise InvalidArgument(
                    f"rows={rows!r} names {rid!r}, which is not an encoding ID in the table"
                    f"{_suggest(rid, ENCODINGS_BY_ID)}"
                )
        chosen = set(names)
    if families is not None:
        fams = _names("families", families)
        in_families: set[str] = set()
        for fam in fams:
            if fam not in FAMILIES:
                raise InvalidArgument(
                    f"families={families!r} names {fam!r}, which is not a family; "
                    f"families are {', '.join(map(repr, FAMILIES))}"
                )
            in_families.update(FAMILIES[fam])
        if chosen is not None:
            chosen &= in_families
            if not chosen:
                raise InvalidArgument(f"rows={rows!r} has no row in families={families!r}")
        else:
            chosen = in_families
    if chosen is None:
        return ENCODINGS
    return tuple(e for e in ENCODINGS if e.id in chosen)


# --------------------------------------------------------------------------------------
# Registers


def registers(*, width: int = 64, sp: bool = False, zr: bool = True) -> st.SearchStrategy[Reg]:
    """General-purpose registers of one width: ``x0``..``x30`` (or ``w0``..``w30``),
    plus the zero register if *zr* and the stack pointer if *sp*.

    *width* is 32 or 64. Register 31 is never drawn as a plain number: it comes
    as :data:`~aarch64insn.XZR`/:data:`~aarch64insn.WZR` or
    :data:`~aarch64insn.SP`/:data:`~aarch64insn.WSP`, so a drawn register is
    always one an encoder can tell apart. Shrinks toward ``x0``, then toward
    the zero register, then the stack pointer.

    >>> from hypothesis import find
    >>> find(registers(), lambda r: r.num > 3)
    X4
    >>> find(registers(width=32, sp=True, zr=False), lambda r: r.num == 31)
    WSP
    """
    if width not in (32, 64) or isinstance(width, bool):
        raise InvalidArgument(f"width={width!r} must be 32 or 64")
    _check_bool("sp", sp)
    _check_bool("zr", zr)
    extra: list[Reg] = []
    if zr:
        extra.append(XZR if width == 64 else WZR)
    if sp:
        extra.append(SP if width == 64 else WSP)
    top = 30 + len(extra)

    def pick(n: int) -> Reg:
        return gpr(n, width) if n <= 30 else extra[n - 31]

    return st.integers(min_value=0, max_value=top).map(pick)


# --------------------------------------------------------------------------------------
# Field values


def _free_bits(row: Encoding, name: str) -> list[int]:
    """The bit positions (within the field) that the diagram leaves free."""
    f = row.fields[name]
    fmask = row.layout.fixed_in_field[name][0] >> f.lsb
    return [i for i in range(f.width) if not fmask >> i & 1]


def _condition_env(row: Encoding) -> dict[str, int]:
    """Values of the non-variable fields, as a canonical word holds them."""
    word = row.value | row.layout.should_value
    return {n: f.extract(word) for n, f in row.fields.items() if n not in row.layout.variable}


def _excluded(row: Encoding, env: Mapping[str, int]) -> bool:
    return any(eval(code, dict(CONDITION_HELPERS), dict(env)) for code in row.exclude_code)  # noqa: S307


#: (field names, each field's possible values, the allowed combinations in lexicographic order)
_Group = tuple[tuple[str, ...], tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]


def _read(codes: Iterable[CodeType], row: Encoding) -> list[str]:
    """The variable fields that compiled conditions read, in diagram order."""
    names = {n for code in codes for n in code.co_names}
    return [n for n in row.layout.variable if n in names]


@cache
def _enumerate(
    codes: tuple[CodeType, ...], names: tuple[str, ...], choices: tuple[tuple[int, ...], ...],
    env: tuple[tuple[str, int], ...],
) -> tuple[tuple[int, ...], ...]:
    """Every assignment of *names* (values from *choices*) for which no condition holds.

    Cached by the conditions and the fields' shapes: many rows share both
    (``Rd == Rs or ...`` in 96 rows of memory copies).
    """
    scope = dict(env)
    allowed = []
    for combo in itertools.product(*choices):
        scope.update(zip(names, combo, strict=True))
        if not any(eval(code, dict(CONDITION_HELPERS), scope) for code in codes):  # noqa: S307
            allowed.append(combo)
    return tuple(allowed)


@cache
def _groups(row: Encoding, allow_unpredictable: bool) -> tuple[tuple[_Group, ...], bool, bool]:
    """The fields drawn jointly, from their allowed combinations, so conditions need no filter.

    Three things constrain fields jointly: ``exclude`` (reserved values),
    ``unpredictable`` (unless allowed) and the earlier rows of an overlap group
    (``hint #0`` is ``nop``, not HINT). The fields each one reads form a group
    (overlapping groups merge); a group narrow enough is enumerated once.
    Returns the groups and whether ``exclude`` and ``unpredictable`` still need
    a filter (their fields are too wide to enumerate).
    """
    unp = tuple(code for code, _why in row.unpredictable_code) if not allow_unpredictable else ()
    pending: list[tuple[tuple[CodeType, ...], set[str], bool]] = []
    if row.exclude_code:
        pending.append((row.exclude_code, set(_read(row.exclude_code, row)), False))
    if unp:
        pending.append((unp, set(_read(unp, row)), False))
    shadow = _shadow_fields(row)
    if shadow:
        pending.append(((), set(shadow), True))
    merged: list[tuple[tuple[CodeType, ...], set[str], bool]] = []
    for codes, reads, by_decoding in pending:
        # fold in every group this one shares a field with (a field belongs to one group)
        for other in [m for m in merged if m[1] & reads]:
            merged.remove(other)
            codes, reads, by_decoding = other[0] + codes, other[1] | reads, other[2] or by_decoding
        merged.append((codes, reads, by_decoding))
    env = _condition_env(row)
    groups: list[_Group] = []
    filter_exclude = filter_unpredictable = False
    for codes, name_set, by_decoding in merged:
        names = tuple(n for n in row.layout.variable if n in name_set)
        if not names or sum(len(_free_bits(row, n)) for n in names) > _ENUMERATE_BITS:
            filter_exclude |= any(c in row.exclude_code for c in codes)
            filter_unpredictable |= any(c in unp for c in codes)
            continue
        choices: list[tuple[int, ...]] = []
        for n in names:
            f = row.fields[n]
            fmask, fvalue = row.layout.fixed_in_field[n]
            choices.append(tuple(v for v in range(1 << f.width) if ((v << f.lsb) ^ fvalue) & fmask == 0))
        read = {x for code in codes for x in code.co_names}
        fixed_env = tuple(sorted((k, v) for k, v in env.items() if k in read))
        allowed = _enumerate(codes, names, tuple(choices), fixed_env)
        if by_decoding and len(allowed) <= 1 << 12:
            # other fields at 0: the earlier rows' bits all lie in this group (see _shadow_fields)
            zeros = {n: _free_value(row, n) for n in row.layout.variable if n not in name_set}
            kept = tuple(
                c for c in allowed if _decodes_to(row, encode(row.id, **zeros, **dict(zip(names, c, strict=True))), True)
            )
            allowed = kept or allowed
        groups.append((names, tuple(choices), allowed))
    return tuple(groups), filter_exclude, filter_unpredictable


def _free_value(row: Encoding, name: str) -> int:
    """The field's value with its free bits 0."""
    f = row.fields[name]
    return row.layout.fixed_in_field[name][1] >> f.lsb


@cache
def _shadow_fields(row: Encoding) -> tuple[str, ...]:
    """The variable fields in which earlier rows of the row's overlap group fix bits."""
    bits = 0
    for g in OVERLAP_GROUPS:
        if row.id in g.order:
            for rid in g.order[: g.order.index(row.id)]:
                bits |= ENCODINGS_BY_ID[rid].mask
    bits &= ~row.mask
    return tuple(n for n in row.layout.variable if row.fields[n].mask & bits)


@cache
def _shadowed(row: Encoding) -> bool:
    """Whether an earlier row of an overlap group can claim some of this row's words."""
    return any(row.id in g.order and g.order[0] != row.id for g in OVERLAP_GROUPS)


def _decodes_to(row: Encoding, word: int, allow_unpredictable: bool) -> bool:
    try:
        insn = decode(word)
    except DecodeError:
        return False
    return insn.encoding is row and (allow_unpredictable or insn.unpredictable is None)


# Every value is built from "nodes": integers in [0, 2**32) that Hypothesis draws
# and shrinks. A row uses one node per field (one per signed operand spread over
# several fields), and a node maps onto its field so that 0 maps to 0 and small
# nodes to small values (signed values zigzag: 0, -1, 1, -2, ...); jointly
# constrained fields then move to the next allowed combination. Every row draws the same kind of node, so when the shrinker moves a
# failure to an earlier row the remaining nodes still mean something there.
_NODE: Final = st.integers(min_value=0, max_value=(1 << 32) - 1)

#: (how many nodes it reads, how it writes fields from them)
_Slot = tuple[int, Callable[[Sequence[int], dict[str, int]], None]]


def _field_slot(row: Encoding, name: str, signed: bool) -> _Slot:
    f = row.fields[name]
    fixed = row.layout.fixed_in_field[name][1] >> f.lsb
    free = _free_bits(row, name)
    size = 1 << f.width
    if len(free) == f.width and signed:

        def put_signed(nodes: Sequence[int], out: dict[str, int]) -> None:
            v = nodes[0] % size
            out[name] = ((v >> 1) ^ -(v & 1)) & (size - 1)

        return 1, put_signed
    if len(free) == f.width:

        def put(nodes: Sequence[int], out: dict[str, int]) -> None:
            out[name] = nodes[0] % size

        return 1, put

    def put_scattered(nodes: Sequence[int], out: dict[str, int]) -> None:
        v = fixed
        for i, pos in enumerate(free):
            v |= (nodes[0] >> i & 1) << pos
        out[name] = v

    return 1, put_scattered


def _joint_slot(group: _Group) -> _Slot:
    """One node per field; a combination that is not allowed moves to the next allowed one.

    So each field shrinks on its own, toward its smallest value, as far as the
    other fields and the conditions let it.
    """
    names, choices, allowed = group

    def put(nodes: Sequence[int], out: dict[str, int]) -> None:
        wanted = tuple(c[node % len(c)] for c, node in zip(choices, nodes, strict=True))
        at = bisect.bisect_left(allowed, wanted)
        out.update(zip(names, allowed[at % len(allowed)], strict=True))

    return len(names), put


def _concat_slot(row: Encoding, names: tuple[str, ...]) -> _Slot:
    """One signed number spread over several fields, high part first (``adr``'s ``immhi:immlo``)."""
    fields = [row.fields[n] for n in names]
    width = sum(f.width for f in fields)
    size = 1 << width

    def put(nodes: Sequence[int], out: dict[str, int]) -> None:
        v = nodes[0] % size
        v = ((v >> 1) ^ -(v & 1)) & (size - 1)
        for f in reversed(fields):
            out[f.name] = v & ((1 << f.width) - 1)
            v >>= f.width

    return 1, put


@cache
def _plan(row: Encoding, allow_unpredictable: bool) -> tuple[_Slot, ...]:
    """How the row's fields are built from nodes."""
    groups = _groups(row, allow_unpredictable)[0]
    first_of: dict[str, _Slot] = {g[0][0]: _joint_slot(g) for g in groups}
    taken = {n for g in groups for n in g[0]}
    signed: set[str] = set()
    for ph in row.template.placeholders():
        if ph.kind not in _SIGNED_KINDS or any(n in taken or n not in row.layout.variable for n in ph.fields):
            continue
        if len(ph.fields) == 1:
            signed.add(ph.fields[0])
        elif all(len(_free_bits(row, n)) == row.fields[n].width for n in ph.fields):
            first_of[ph.fields[0]] = _concat_slot(row, ph.fields)
            taken.update(ph.fields)
    slots: list[_Slot] = []
    for name in row.layout.variable:
        if name in first_of:
            slots.append(first_of[name])
        elif name not in taken:
            slots.append(_field_slot(row, name, name in signed))
    return tuple(slots)


@cache
def _node_count(row: Encoding, allow_unpredictable: bool) -> int:
    """How many nodes the row's fields are built from."""
    return sum(arity for arity, _ in _plan(row, allow_unpredictable))


@cache
def _checks(row: Encoding, allow_unpredictable: bool) -> tuple[bool, bool]:
    """(filter on exclude, check by decoding): what a built dict still needs."""
    _, filter_exclude, filter_unpredictable = _groups(row, allow_unpredictable)
    return filter_exclude, filter_exclude or filter_unpredictable or _shadowed(row)


def _build(row: Encoding, nodes: tuple[int, ...], allow_unpredictable: bool) -> dict[str, int] | None:
    """The fields for *nodes*, or None when they fall in a reserved value or another row."""
    out: dict[str, int] = {}
    at = 0
    for arity, put in _plan(row, allow_unpredictable):
        put(nodes[at : at + arity], out)
        at += arity
    fields = {n: out[n] for n in row.layout.variable}
    filter_exclude, by_decoding = _checks(row, allow_unpredictable)
    if filter_exclude and _excluded(row, {**_condition_env(row), **fields}):
        return None
    if by_decoding and not _decodes_to(row, encode(row.id, **fields), allow_unpredictable):
        return None
    return fields


def _nodes(n: int) -> st.SearchStrategy[tuple[int, ...]]:
    return st.tuples(*[_NODE] * n)


@cache
def _field_values(row: Encoding, allow_unpredictable: bool) -> st.SearchStrategy[dict[str, int]]:
    built = _nodes(_node_count(row, allow_unpredictable)).map(lambda nodes: _build(row, nodes, allow_unpredictable))
    return _present(built)


def _present(strategy: st.SearchStrategy[_T | None]) -> st.SearchStrategy[_T]:
    """*strategy* without its None values (the draws that fell outside the row)."""
    return cast("st.SearchStrategy[_T]", strategy.filter(lambda v: v is not None))


def field_values(row_id: str, *, allow_unpredictable: bool = False) -> st.SearchStrategy[dict[str, int]]:
    """Values for every variable field of the row *row_id*, as a dict in diagram order.

    The values respect the row's partly fixed fields (``hw=0x`` draws only the
    free bit), stay out of its ``exclude`` conditions (reserved values: built
    from the allowed combinations, not filtered) and out of the earlier rows of
    its overlap group, so ``decode(encode(row_id, **values))`` is always that
    row with those values. Should-be bits are not fields here: :func:`encode`
    puts them at their required values. Unless *allow_unpredictable*, the word
    is not CONSTRAINED UNPREDICTABLE. Every value shrinks toward 0 (signed
    immediates and branch offsets toward 0, not toward their most negative
    value).

    >>> from hypothesis import find
    >>> find(field_values("ADD_64_addsub_imm"), lambda f: f["imm12"] > 100)
    {'sh': 0, 'imm12': 101, 'Rn': 0, 'Rd': 0}
    >>> find(field_values("MOVZ_64_movewide"), lambda f: f["hw"] > 0)
    {'hw': 1, 'imm16': 0, 'Rd': 0}
    """
    row = _check_row_id("row_id", row_id)
    _check_bool("allow_unpredictable", allow_unpredictable)
    return _field_values(row, allow_unpredictable)


# --------------------------------------------------------------------------------------
# Immediates


def _int_kind(kind: str) -> bool:
    return KINDS[kind].decode.__annotations__.get("return") == "int"


def _placeholder_of(row: Encoding, name: str) -> Placeholder | None:
    """The operand that shows *name*: an immediate one if the field is in several (``tbz``'s b5)."""
    shown = [ph for ph in row.template.placeholders() if name in ph.fields]
    return next((ph for ph in shown if _int_kind(ph.kind)), shown[0] if shown else None)


def _operand_value(row: Encoding, ph: Placeholder, fields: Mapping[str, int]) -> int:
    b = Bound(row.id, ph, tuple(row.fields[n] for n in ph.fields))
    full = dict(_condition_env(row))
    full.update(fields)
    value = KINDS[ph.kind].decode(b, [full[n] for n in ph.fields], 0, full)
    assert isinstance(value, int)
    if ph.kind in _PC_KINDS and value >> 63:
        value -= 1 << 64  # a backward offset from pc = 0
    return value


def immediates(row_id: str, field: str) -> st.SearchStrategy[int]:
    """The values of the immediate operand that *field* belongs to, in row *row_id*.

    A value is what the operand means, as :meth:`Insn.operands` reports it and
    :func:`aarch64insn.encode_operands` accepts it: scaled (``ldr x0, [x1,
    #8]`` has ``imm12 = 1`` and the value 8), signed where the operand is
    signed, a logical-immediate mask for ``N,immr,imms``. For a pc-relative
    operand (``b``, ``adr``, ``ldr`` literal) it is the byte offset from the
    instruction (from its 4 KiB page for ``adrp``). Values stay within the
    operand's range and shrink toward 0.

    >>> from hypothesis import find
    >>> find(immediates("B_only_branch_imm", "imm26"), lambda v: v < 0)
    -4
    >>> find(immediates("LDR_64_ldst_pos", "imm12"), lambda v: v > 0)
    8
    """
    row = _check_row_id("row_id", row_id)
    if not isinstance(field, str) or field not in row.fields:
        raise InvalidArgument(
            f"field={field!r} is not a field of {row.id}; its fields are {', '.join(row.fields)}"
        )
    ph = _placeholder_of(row, field)
    if field not in row.layout.variable or ph is None:
        raise InvalidArgument(f"field={field!r} is fixed in {row.id} ({row.diagram!r}); it has one value")
    if not _int_kind(ph.kind):
        raise InvalidArgument(
            f"field={field!r} of {row.id} is part of a {ph.kind} operand, not an immediate; "
            f"immediate fields of this row: {', '.join(_immediate_fields(row)) or 'none'}"
        )
    return _field_values(row, False).map(lambda d: _operand_value(row, ph, d))


def _immediate_fields(row: Encoding) -> list[str]:
    return [n for ph in row.template.placeholders() if _int_kind(ph.kind) for n in ph.fields]


# --------------------------------------------------------------------------------------
# Words


@cache
def _free_mask(row: Encoding) -> int:
    """Bits of variable fields that the diagram leaves free (should-be bits excluded)."""
    m = 0
    for n in row.layout.variable:
        m |= row.fields[n].mask
    return m & ~row.mask & ~row.layout.should_mask


def _canonical(row: Encoding, word: int) -> int:
    """Clear every free bit whose clearing leaves the row and the text unchanged.

    Such bits are ignored by the instruction (the high ``immr`` bits of a
    logical immediate with small elements, the index bits of ``dup`` above the
    element size): an assembler writes them as 0, so the canonical word of a
    text is the one without them.
    """
    insn = decode(word)
    text = format_insn(insn, 0)
    unpredictable = insn.unpredictable is None
    bits = word & _free_mask(row)
    while bits:
        bit = bits & -bits
        bits ^= bit
        trial = word & ~bit
        try:
            other = decode(trial)
        except DecodeError:
            continue
        if (
            other.encoding is row
            and (other.unpredictable is None) == unpredictable
            and format_insn(other, 0) == text
        ):
            word = trial
    return word


def _should_bits(row: Encoding) -> tuple[int, ...]:
    should = row.layout.should_mask
    return tuple(i for i in range(32) if should >> i & 1)


def _word(
    row: Encoding, nodes: tuple[int, ...], canonical: bool, allow_unpredictable: bool
) -> int | None:
    """The word of *row* that *nodes* describe (None: not one of the row's valid words)."""
    fields = _build(row, nodes, allow_unpredictable)
    if fields is None:
        return None
    word = encode(row.id, **fields)
    if not canonical and allow_unpredictable and row.layout.should_mask:
        # one more node: how the should-be bits stray from their required values (0: not at all)
        used = _node_count(row, allow_unpredictable)
        stray = nodes[used] if len(nodes) > used else 0
        for i, pos in enumerate(_should_bits(row)):
            word ^= (stray >> i & 1) << pos
        if not _decodes_to(row, word, True):
            return None
    if canonical:
        word = _canonical(row, word)
    return word


def _row_and_word(
    rows: tuple[Encoding, ...], canonical: bool, allow_unpredictable: bool
) -> st.SearchStrategy[tuple[Encoding, int]]:
    """A row (uniformly), then one of its words; every row draws the same number of nodes."""
    stray = not canonical and allow_unpredictable and any(r.layout.should_mask for r in rows)
    most = max(_node_count(r, allow_unpredictable) for r in rows) + stray

    def make(drawn: tuple[Encoding, tuple[int, ...]]) -> tuple[Encoding, int] | None:
        row, nodes = drawn
        word = _word(row, nodes, canonical, allow_unpredictable)
        return None if word is None else (row, word)

    pairs = st.tuples(st.sampled_from(rows), _nodes(most)).map(make)
    return _present(pairs)


def words(
    *,
    rows: Collection[str] | None = None,
    families: Collection[str] | None = None,
    canonical: bool = True,
    allow_unpredictable: bool = False,
) -> st.SearchStrategy[int]:
    """32-bit instruction words that decode to the row they were drawn for.

    *rows* (Arm encoding IDs) and *families* (keys of :data:`FAMILIES`:
    ``"branch"``, ``"system"``, ``"dpimm"``, ``"dpreg"``, ``"ldst"``, ``"fp"``,
    ``"advsimd"``) narrow the rows drawn from; with both, only the named rows
    in those families. By default every row of the table is drawn from, and a
    row is picked uniformly, then its fields (see :func:`field_values`).

    *canonical* words are the ones an assembler writes for their text:
    should-be bits hold their required values and bits the instruction
    ignores are 0 (a ``dup v0.8b, w1`` has one word, not sixteen). With
    ``canonical=False`` those bits are drawn too, so a text may have several
    words.

    Unless *allow_unpredictable*, no word is CONSTRAINED UNPREDICTABLE
    (:attr:`Insn.unpredictable` is None). With it, words meeting the row's
    ``unpredictable`` conditions are drawn as well, and with
    ``canonical=False`` so are words whose should-be bits differ.

    Shrinks toward the first row (``b``) and, within a row, toward fields of 0.

    >>> from hypothesis import find
    >>> from aarch64insn import disassemble
    >>> disassemble(find(words(families=["dpimm"]), lambda w: True))
    'adr x0, #0x0'
    """
    _check_bool("canonical", canonical)
    _check_bool("allow_unpredictable", allow_unpredictable)
    selected = _select(rows, families)
    return _row_and_word(selected, canonical, allow_unpredictable).map(lambda pair: pair[1])


def instructions(
    *,
    rows: Collection[str] | None = None,
    families: Collection[str] | None = None,
    canonical: bool = True,
    allow_unpredictable: bool = False,
) -> st.SearchStrategy[Insn]:
    """Decoded instructions: :func:`words` (same arguments), decoded.

    >>> from hypothesis import find
    >>> insn = find(instructions(rows=["ADD_64_addsub_imm"]), lambda i: i.fields["Rd"] == 31)
    >>> insn.text(), insn.alias.id
    ('mov sp, x0', 'MOV_ADD_64_addsub_imm')
    """
    return words(
        rows=rows, families=families, canonical=canonical, allow_unpredictable=allow_unpredictable
    ).map(decode)


# --------------------------------------------------------------------------------------
# Assembly


def _pc_offset(insn: Insn) -> int:
    """The signed byte offset of *insn*'s pc-relative operand (0 when it has none)."""
    row = insn.encoding
    alias = insn.alias
    template = alias.template if alias is not None else row.template
    for ph in template.placeholders():
        if ph.kind in _PC_KINDS:
            return _operand_value(row, ph, insn.fields)
    return 0


@st.composite
def _triple(draw: st.DrawFn, selected: tuple[Encoding, ...]) -> tuple[str, int, int]:
    _, word = draw(_row_and_word(selected, True, False))
    insn = decode(word)
    offset = _pc_offset(insn)
    # a pc whose target lies in [0, 2**64): shrinks toward the lowest such pc
    low = max(0, -offset)
    high = _MASK64 - 3 - max(0, offset)
    pc = draw(st.integers(min_value=(low + 3) >> 2, max_value=high >> 2)) << 2  # adr's offsets are bytes
    return format_insn(insn, pc), word, pc


def assembly(
    *,
    rows: Collection[str] | None = None,
    families: Collection[str] | None = None,
) -> st.SearchStrategy[tuple[str, int, int]]:
    """``(text, word, pc)``: *text* is the disassembly of *word* at address *pc*,
    so an assembler given *text* and *pc* must produce *word*.

    The words are :func:`words` with ``canonical=True`` (one word per text) and
    no CONSTRAINED UNPREDICTABLE ones. Every pc is a multiple of 4 anywhere in
    the 64-bit address space; for a pc-relative row (branches, ``adr``,
    ``adrp``, literal loads) it is drawn so that the target is an address too
    (no wrap-around), and the text shows that target. *rows* and *families*
    select rows as for :func:`words`; rows listed in
    :data:`ASSEMBLY_EXCLUDED` are left out (naming one in *rows* is an
    error). Shrinks toward the first row, fields of 0 and the lowest pc.

    >>> from hypothesis import find
    >>> from aarch64insn.asm import assemble
    >>> text, word, pc = find(assembly(rows=["BL_only_branch_imm"]), lambda t: t[2] > 0)
    >>> text, hex(word), pc
    ('bl #0x4', '0x94000000', 4)
    >>> assemble(text, pc=pc) == word
    True
    """
    if rows is not None:
        for rid in _names("rows", rows):
            if rid in ASSEMBLY_EXCLUDED:
                raise InvalidArgument(
                    f"rows={rows!r} names {rid!r}, which assembly() leaves out: {ASSEMBLY_EXCLUDED[rid]}"
                )
    selected = tuple(e for e in _select(rows, families) if e.id not in ASSEMBLY_EXCLUDED)
    return _triple(selected)

