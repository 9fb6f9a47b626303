"""Encode and decode, derived from the table.

``decode`` finds the row whose (mask, value) matches a word: rows are bucketed
by the word's top 11 bits, deliberate overlaps are tried in their
:class:`~aarch64insn.spec.OverlapGroup` order, then more specific rows first.
The index is built on first use, so ``import aarch64insn`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import CodeType, MappingProxyType

from . import operands, table
from .errors import DecodeError, DecodeReason, EncodeError
from .insn import Insn
from .operands import Bound
from .spec import CONDITION_HELPERS, Alias, Encoding, Opt, Placeholder

__all__ = [
    "ALIASES_OF",
    "ENCODINGS_BY_ID",
    "decode",
    "disassemble",
    "encode",
    "encode_operands",
    "format_insn",
    "row",
]

#: every encoding, by its Arm encoding ID
ENCODINGS_BY_ID: Mapping[str, Encoding] = MappingProxyType({e.id: e for e in table.ENCODINGS})
_ALIASES_BY_ID: dict[str, Alias] = {a.id: a for a in table.ALIASES}


def _aliases_of() -> dict[str, tuple[Alias, ...]]:
    out: dict[str, list[Alias]] = {}
    for a in table.ALIASES:
        out.setdefault(a.of, []).append(a)
    return {k: tuple(v) for k, v in out.items()}


#: the aliases of each encoding, in preference order
ALIASES_OF: Mapping[str, tuple[Alias, ...]] = MappingProxyType(_aliases_of())

_KEY_SHIFT = 21
#: globals for evaluating table conditions (one dict, reused)
_GLOBALS: dict[str, object] = dict(CONDITION_HELPERS)


_Candidate = tuple[int, int, bool, Encoding]


@cache
def _buckets() -> tuple[tuple[_Candidate, ...], ...]:
    """Candidates by the word's top 11 bits: (mask, value, has_exclusions, row), in match order."""
    rank: dict[str, tuple[int, int]] = {}
    for gi, g in enumerate(table.OVERLAP_GROUPS):
        for i, rid in enumerate(g.order):
            rank.setdefault(rid, (gi, i))
    keymask = 0xFFFFFFFF >> _KEY_SHIFT << _KEY_SHIFT
    lists: list[list[Encoding]] = [[] for _ in range(1 << (32 - _KEY_SHIFT))]
    for e in table.ENCODINGS:
        fixed = e.mask & keymask
        free = keymask & ~fixed
        sub = free
        while True:
            lists[((e.value & fixed) | sub) >> _KEY_SHIFT].append(e)
            if sub == 0:
                break
            sub = (sub - 1) & free

    def order(e: Encoding) -> tuple[int, int, int]:
        g = rank.get(e.id)
        # grouped rows keep their declared order; otherwise most specific first
        return (0, g[0], g[1]) if g else (1, -bin(e.mask).count("1"), 0)

    return tuple(
        tuple((e.mask, e.value, bool(e.exclude), e) for e in sorted(lst, key=order)) for lst in lists
    )


def _unsupported(word: int) -> str | None:
    for mask, value, reason in table.UNSUPPORTED:
        if word & mask == value:
            return reason
    return None


def _fields_of(e: Encoding, word: int) -> dict[str, int]:
    return {n: (word >> f.lsb) & ((1 << f.width) - 1) for n, f in e.fields.items()}


def _excluded(e: Encoding, word: int) -> bool:
    env = _fields_of(e, word)
    return any(eval(c, _GLOBALS, env) for c in e.exclude_code)  # noqa: S307


_CACHE: dict[int, Insn] = {}


def decode(word: int) -> Insn:
    """Decode a 32-bit instruction word.

    Raises :class:`~aarch64insn.errors.DecodeError` with reason UNALLOCATED for
    a word the architecture does not allocate, UNSUPPORTED for SVE/SME and
    other spaces the table does not cover yet. CONSTRAINED UNPREDICTABLE words
    decode, with :attr:`Insn.unpredictable` set.
    """
    insn = _CACHE.get(word)
    if insn is not None:
        return insn
    if not 0 <= word <= 0xFFFFFFFF:
        raise DecodeError(word & 0xFFFFFFFF, DecodeReason.UNALLOCATED, f"{word:#x} is not a 32-bit word")
    for mask, value, has_excl, e in _buckets()[word >> _KEY_SHIFT]:
        if word & mask == value and not (has_excl and _excluded(e, word)):
            insn = Insn(word, e)
            if len(_CACHE) > 1 << 16:
                _CACHE.clear()
            _CACHE[word] = insn
            return insn
    reason = _unsupported(word)
    if reason is not None:
        raise DecodeError(word, DecodeReason.UNSUPPORTED, reason)
    raise DecodeError(word, DecodeReason.UNALLOCATED)


def row(rid: str) -> Encoding:
    """The encoding row with Arm encoding ID *rid*."""
    try:
        return ENCODINGS_BY_ID[rid]
    except KeyError:
        raise KeyError(f"no encoding {rid!r} in the table") from None


# --------------------------------------------------------------------------------------
# Encoding


def encode(rid: str, /, **fields: int) -> int:
    """Build a word from field values (Arm field names).

    Every variable field must be given; named fixed fields may be given if they
    hold their fixed value. Should-be bits take their should-be value.
    Raises :class:`EncodeError` naming the encoding, the field, its value and range.
    """
    e = ENCODINGS_BY_ID.get(rid)
    if e is None:
        raise EncodeError(f"no encoding {rid!r} in the table", encoding=rid)
    word = e.value | e.layout.should_value
    for name, value in fields.items():
        f = e.fields.get(name)
        if f is None:
            raise EncodeError(
                f"{rid}: no field {name!r}; fields are {', '.join(e.fields)}",
                encoding=rid,
                argument=name,
                value=value,
            )
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < (1 << f.width):
            raise EncodeError(
                f"{rid}: field {name}={value!r} does not fit {f.width} bits; legal: 0..{(1 << f.width) - 1:#x}",
                encoding=rid,
                argument=name,
                value=value,
            )
        fmask, fvalue = e.layout.fixed_in_field[name]
        placed = value << f.lsb
        if (placed ^ fvalue) & fmask:
            fixed = f"{(fvalue >> f.lsb):0{f.width}b}"
            raise EncodeError(
                f"{rid}: field {name}={value:#x} contradicts its fixed bits {fixed} (mask {fmask >> f.lsb:#x})",
                encoding=rid,
                argument=name,
                value=value,
            )
        word = (word & ~f.mask) | placed
    missing = [n for n in e.layout.variable if n not in fields]
    if missing:
        raise EncodeError(
            f"{rid}: missing field(s) {', '.join(missing)}",
            encoding=rid,
            argument=missing[0],
        )
    return word


def _bound(rid: str, ph: Placeholder, e: Encoding) -> Bound:
    return Bound(rid, ph, tuple(e.fields[n] for n in ph.fields))


def encode_operands(rid: str, /, *values: object, pc: int = 0, **flags: int) -> int:
    """Build a word from operand values, in the order the row's template shows them.

    Operands inside optional groups may be left out at the end; they take their
    defaults. ``rid`` may name an alias: its fixed fields come from ``when``.
    Keyword arguments set fields that the template shows only as a group flag
    (``sh=1`` for ``[[sh?, lsl #12]]``).
    """
    alias = _ALIASES_BY_ID.get(rid)
    e = ENCODINGS_BY_ID[alias.of] if alias else ENCODINGS_BY_ID.get(rid)
    if e is None:
        raise EncodeError(f"no encoding or alias {rid!r} in the table", encoding=rid)
    template = alias.template if alias else e.template
    placeholders = list(template.placeholders())
    if len(values) > len(placeholders):
        raise EncodeError(
            f"{rid}: {len(values)} operands given, the template {template.text!r} has {len(placeholders)}",
            encoding=rid,
        )
    fields: dict[str, int] = dict(flags)
    if alias:
        for f in e.fields.values():
            if (alias.mask & f.mask) == f.mask and (f.mask & ~e.mask):  # wholly fixed by `when`
                fields[f.name] = f.extract(alias.value)
    for i, ph in enumerate(placeholders):
        b = _bound(rid, ph, e)
        if i < len(values):
            vals = operands.KINDS[ph.kind].encode(b, values[i], pc)
        else:
            if not _in_optional(template.items, ph):
                raise EncodeError(f"{rid}: operand {b.label} is missing", encoding=rid, argument=b.label)
            # an omitted optional operand keeps a value given by keyword, else its default
            vals = tuple(fields.get(n, d) for n, d in zip(ph.fields, ph.defaults, strict=True))
        for name, v in zip(ph.fields, vals, strict=True):
            if name in fields and fields[name] != v:
                raise EncodeError(
                    f"{rid}: operand {b.label} needs {name}={v}, another operand set it to {fields[name]}",
                    encoding=rid,
                    argument=b.label,
                    value=values[i] if i < len(values) else None,
                )
            fields[name] = v
    for item in template.items:
        if isinstance(item, Opt) and item.flag and item.flag not in fields:
            fields[item.flag] = 0
    if alias:
        for left, right in alias.equalities():
            if left not in fields and right in fields:
                fields[left] = fields[right]
            elif right not in fields and left in fields:
                fields[right] = fields[left]
    if alias and alias.cond_code is not None:
        env = {n: fields.get(n, 0) for n in e.fields}
        if not eval(alias.cond_code, dict(CONDITION_HELPERS), env):  # noqa: S307
            raise EncodeError(f"{rid}: operands {values!r} do not satisfy the alias condition {alias.cond!r}",
                              encoding=rid)
    return encode(e.id, **fields)


def _in_optional(items: Sequence[object], ph: Placeholder) -> bool:
    return any(isinstance(i, Opt) and ph in i.items for i in items)


# --------------------------------------------------------------------------------------
# Printing


_Op = Callable[[int, int, Mapping[str, int]], str]


def _compile(rid: str, items: Sequence[object], e: Encoding) -> tuple[_Op, ...]:
    """Turn template items into printing closures (word, pc, fields) -> text."""
    ops: list[_Op] = []
    for item in items:
        if isinstance(item, str):

            def lit(w: int, pc: int, f: Mapping[str, int], _t: str = item) -> str:
                return _t

            ops.append(lit)
        elif isinstance(item, Placeholder):
            b = _bound(rid, item, e)
            getters = tuple((fo.lsb, (1 << fo.width) - 1) for fo in b.fields)
            fmt = operands.KINDS[item.kind].format

            def op(w: int, pc: int, f: Mapping[str, int], _fmt=fmt, _b=b, _g=getters) -> str:  # type: ignore[no-untyped-def]
                return _fmt(_b, [(w >> lsb) & m for lsb, m in _g], pc, f)  # type: ignore[no-any-return]

            ops.append(op)
        elif isinstance(item, Opt):
            sub = _compile(rid, item.items, e)
            test: tuple[tuple[int, int, int], ...]
            if item.flag is not None:
                fl = e.fields[item.flag]
                test = ((fl.lsb, (1 << fl.width) - 1, 0),)
            else:
                test = tuple(
                    (e.fields[n].lsb, (1 << e.fields[n].width) - 1, d)
                    for ph in item.items
                    if isinstance(ph, Placeholder)
                    for n, d in zip(ph.fields, ph.defaults, strict=True)
                )

            def opt(w: int, pc: int, f: Mapping[str, int], _sub=sub, _test=test) -> str:  # type: ignore[no-untyped-def]
                for lsb, m, d in _test:
                    if (w >> lsb) & m != d:
                        return "".join(o(w, pc, f) for o in _sub)
                return ""

            ops.append(opt)
    return tuple(ops)


_PRINTERS: dict[str, tuple[_Op, ...]] = {}


def _printer(e: Encoding, alias: Alias | None) -> tuple[_Op, ...]:
    key = alias.id if alias else e.id
    ops = _PRINTERS.get(key)
    if ops is None:
        template = alias.template if alias else e.template
        ops = _compile(key, template.items, e)
        _PRINTERS[key] = ops
    return ops


@cache
def _alias_tests(rid: str) -> tuple[tuple[int, int, CodeType | None, Alias], ...]:
    return tuple((a.mask, a.value, a.cond_code, a) for a in ALIASES_OF.get(rid, ()))


def choose_alias(e: Encoding, word: int, fields: Mapping[str, int] | None = None) -> Alias | None:
    """The preferred alias for *word* of encoding *e*, or None."""
    for mask, value, code, a in _alias_tests(e.id):
        if word & mask == value:
            if code is None:
                return a
            env = dict(fields) if fields is not None else _fields_of(e, word)
            if eval(code, _GLOBALS, env):  # noqa: S307
                return a
    return None


_PC_KINDS = frozenset({"LABEL", "PAGE"})
_PC_FREE: dict[str, bool] = {}


def _pc_free(e: Encoding, alias: Alias | None) -> bool:
    """Whether the text of this row/alias does not depend on the address."""
    key = alias.id if alias else e.id
    free = _PC_FREE.get(key)
    if free is None:
        template = alias.template if alias else e.template
        free = not any(ph.kind in _PC_KINDS for ph in template.placeholders())
        _PC_FREE[key] = free
    return free


def format_insn(insn: Insn, pc: int = 0, *, use_alias: bool = True) -> str:
    """The disassembly text of a decoded instruction at address *pc*.

    ``use_alias=False`` prints the base encoding's own form (``orr x9, xzr, x30``
    rather than ``mov x9, x30``).
    """
    if not use_alias:
        e = insn.encoding
        return "".join([op(insn.word, pc, insn.fields) for op in _printer(e, None)]).rstrip()
    text = insn._text
    if text is not None:
        return text
    e, alias = insn.encoding, insn.alias
    w = insn.word
    f = insn.fields
    text = "".join([op(w, pc, f) for op in _printer(e, alias)]).rstrip()
    if _pc_free(e, alias):
        object.__setattr__(insn, "_text", text)
    return text


def disassemble(word: int, *, pc: int = 0) -> str:
    """Decode *word* and print it as capstone (LLVM syntax) does, at address *pc*."""
    return format_insn(decode(word), pc)


def operand_values(insn: Insn, pc: int = 0) -> tuple[object, ...]:
    """The Python values of *insn*'s operands, in the order its text shows them."""
    e = insn.encoding
    alias = insn.alias
    template = alias.template if alias else e.template
    rid = alias.id if alias else e.id
    fields = insn.fields
    kinds = operands.KINDS
    return tuple(
        kinds[ph.kind].decode(_bound(rid, ph, e), [fields[n] for n in ph.fields], pc, fields)
        for ph in template.placeholders()
    )
