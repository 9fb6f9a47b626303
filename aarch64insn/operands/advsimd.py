"""Advanced SIMD operands: vectors with arrangements, elements, register lists, SIMD immediates.

Text follows LLVM's syntax as capstone 5 prints it: ``v0.16b``, ``v1.s[3]``,
``{ v0.16b, v1.16b }``, ``{ v2.s, v3.s }[1]``, ``#1.00000000``.

Most kinds here are *computed*: a pure function from the placeholder's field
values to a Python value (a :class:`VecReg`, :class:`VecElem`,
:class:`VecList`, :class:`~aarch64insn.operands.fp.VReg`, an ``int``...).
Encoding inverts that function by enumerating the field values once (the
fields of one placeholder span at most 16 bits), so decode and encode can
never disagree.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..registers import Reg, RegClass
from . import Bound, Kind, register
from .core import fmt_imm
from .fp import FLOAT_PATTERN, VReg, parse_float

__all__ = ["VecElem", "VecList", "VecReg", "Suffix"]


# --------------------------------------------------------------------------------------
# Values


@dataclass(frozen=True, slots=True)
class VecReg:
    """A vector register with an arrangement: ``v0.16b``."""

    num: int
    arrangement: str

    def __str__(self) -> str:
        return f"v{self.num}.{self.arrangement}"


@dataclass(frozen=True, slots=True)
class VecElem:
    """One element (or a group of elements, ``4b``/``2h``) of a vector register: ``v1.s[3]``."""

    num: int
    size: str
    index: int

    def __str__(self) -> str:
        return f"v{self.num}.{self.size}[{fmt_imm(self.index)[1:]}]"


@dataclass(frozen=True, slots=True)
class VecList:
    """Consecutive vector registers (modulo 32), whole or one lane: ``{ v0.4s, v1.4s }``."""

    first: int
    count: int
    arrangement: str
    index: int | None = None

    def __str__(self) -> str:
        regs = ", ".join(f"v{(self.first + i) % 32}.{self.arrangement}" for i in range(self.count))
        lane = "" if self.index is None else f"[{fmt_imm(self.index)[1:]}]"
        return f"{{{regs}}}{lane}"


@dataclass(frozen=True, slots=True)
class Suffix:
    """A mnemonic suffix chosen by a field (``2`` of ``saddl2``, ``b``/``t`` of ``bfmlalb``)."""

    text: str

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------------------------
# The computed kind


class Computed(Kind):
    """A kind given by a function of its field values; ``None`` means "not encodable".

    ``prefix`` is printed before the value (``", lsl #8"``) unless the value
    prints as the empty string.
    """

    def __init__(
        self,
        fn: Callable[[Sequence[int]], object],
        arity: int | None,
        expected: str,
        *,
        prefix: str = "",
    ) -> None:
        self.fn = fn
        self.arity = arity
        self.expected = expected
        self.prefix = prefix
        self._inverse: dict[tuple[int, ...], dict[object, list[tuple[int, ...]]]] = {}

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> object:
        return self.fn(vals)

    def render(self, value: object, b: Bound) -> str:
        text = "" if value is None else str(value)
        return self.prefix + text if text else ""

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        return self.render(self.fn(vals), b)

    def inverse(self, widths: tuple[int, ...]) -> dict[object, list[tuple[int, ...]]]:
        """Value -> every tuple of field values that decodes to it, smallest first."""
        inv = self._inverse.get(widths)
        if inv is None:
            inv = {}
            if sum(widths) <= 16:
                for vals in itertools.product(*(range(1 << w) for w in widths)):
                    value = self.fn(vals)
                    if value is not None:
                        inv.setdefault(value, []).append(vals)
            self._inverse[widths] = inv
        return inv

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        inv = self.inverse(b.widths)
        fixed = _fixed_bits(b)
        for vals in inv.get(value, ()) if _hashable(value) else ():
            if all(v & m == f for v, (m, f) in zip(vals, fixed, strict=True)):
                return vals
        legal = sorted({str(v) for v in inv}, key=lambda s: (len(s), s))
        shown = ", ".join(legal[:6]) + (", ..." if len(legal) > 6 else "")
        raise b.error(value, shown or self.expected)


def _fixed_bits(b: Bound) -> list[tuple[int, int]]:
    """(mask, value) that the row (or alias) fixes in each of the placeholder's fields."""
    from ..codec import _ALIASES_BY_ID, ENCODINGS_BY_ID  # noqa: PLC0415  (the table imports this module)

    alias = _ALIASES_BY_ID.get(b.row)
    row = ENCODINGS_BY_ID[alias.of] if alias else ENCODINGS_BY_ID.get(b.row)
    out: list[tuple[int, int]] = []
    for f in b.fields:
        mask, value = (row.mask, row.value) if row is not None else (0, 0)
        if alias is not None:
            mask, value = alias.mask, alias.value
        out.append(((mask & f.mask) >> f.lsb, (value & f.mask) >> f.lsb))
    return out


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _cat(vals: Sequence[int], widths: Sequence[int]) -> int:
    out = 0
    for v, w in zip(vals, widths, strict=True):
        out = (out << w) | v
    return out


def _hsb(value: int) -> int:
    return value.bit_length() - 1


def _lsb(value: int) -> int:
    return (value & -value).bit_length() - 1


# --------------------------------------------------------------------------------------
# Arrangements, as functions of the selector fields

_SQ = ("8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d")
_SIZE_CH = "bhsdq"


def _arr_sq(size: int, q: int) -> str:
    return _SQ[size * 2 + q]


def _arr_immh(immh: int, q: int) -> str | None:
    return None if immh == 0 else _SQ[_hsb(immh) * 2 + q]


def _arr_imm5(imm5: int, q: int) -> str | None:
    low = imm5 & 0xF
    return None if low == 0 else _SQ[_lsb(low) * 2 + q]


_LONG = ("8h", "4s", "2d", "1q")

#: name -> (number of selector fields, arrangement function)
_ARRANGEMENTS: dict[str, tuple[int, Callable[..., str | None]]] = {
    "SQ": (2, _arr_sq),                                       # (size, Q): 8b..2d
    "B": (1, lambda q: ("8b", "16b")[q]),                     # (Q)
    "H": (1, lambda q: ("4h", "8h")[q]),
    "S": (1, lambda q: ("2s", "4s")[q]),
    "2H": (1, lambda q: ("2h", "4h")[q]),                     # FMLAL sources
    "FSZQ": (2, lambda sz, q: _SQ[4 + sz * 2 + q]),           # (sz, Q): 2s 4s 1d 2d
    "HSZQ": (2, lambda sz, q: _SQ[2 + sz * 2 + q]),           # (sz, Q): 4h 8h 2s 4s (FCVTN dest)
    "WSZ": (1, lambda sz: ("4s", "2d")[sz]),                  # (sz): FCVTN source / FCVTL dest
    "LONG": (1, lambda size: _LONG[size]),                    # (size): 8h 4s 2d 1q
    "LONGP": (2, lambda size, q: _SQ[2 + size * 2 + q]),      # (size, Q): pairwise-long dest 4h..2d
    "IMMH": (2, _arr_immh),                                   # (immh, Q): shift by immediate
    "IMMHL": (1, lambda immh: None if immh == 0 else _LONG[_hsb(immh)]),  # (immh): long/narrow side
    "IMM5": (2, _arr_imm5),                                   # (imm5, Q): DUP
    "FIMMH": (2, lambda immh, q: None if immh < 2 else _SQ[_hsb(immh) * 2 + q]),  # SCVTF fixed: 4h..2d
    "D": (1, lambda q: ("1d", "2d")[q]),
    "P2": (1, lambda sz: ("2s", "2d")[sz]),                   # (sz): scalar pairwise source
    "2HX": (0, lambda: "2h"),
    **{a.upper(): (0, (lambda a=a: a)) for a in ("8b", "16b", "4h", "8h", "4s", "2d", "1q")},
}  # fmt: skip


def _vec(arr: Callable[..., str | None]) -> Callable[[Sequence[int]], object]:
    def fn(vals: Sequence[int]) -> object:
        try:
            a = arr(*vals[1:])
        except IndexError:  # a reserved selector value past the end of the table
            return None
        return None if a is None else VecReg(vals[0], a)

    return fn


for _name, (_n, _fn) in _ARRANGEMENTS.items():
    register(f"V{_name}", Computed(_vec(_fn), 1 + _n, f"a vector register v0-v31 with an arrangement ({_name})"))


def _list(count: int, arr: Callable[..., str | None]) -> Callable[[Sequence[int]], object]:
    def fn(vals: Sequence[int]) -> object:
        a = arr(*vals[1:])
        return None if a is None else VecList(vals[0], count, a)

    return fn


for _c in range(1, 5):
    register(f"LIST{_c}", Computed(_list(_c, _arr_sq), 3, f"a list of {_c} vector registers"))
    register(f"TLIST{_c}", Computed(_list(_c, lambda: "16b"), 1, f"a list of {_c} 16b registers"))


# Single-structure lists: { v0.s, v1.s }[index]; fields (Rt, Q, S[, size]).
def _lane(count: int, ch: str) -> Callable[[Sequence[int]], object]:
    def fn(vals: Sequence[int]) -> object:
        if ch == "b":
            rt, q, s, size = vals
            index = (q << 3) | (s << 2) | size
        elif ch == "h":
            rt, q, s, size = vals
            index = (q << 2) | (s << 1) | (size >> 1)
        elif ch == "s":
            rt, q, s = vals
            index = (q << 1) | s
        else:
            rt, q = vals
            index = q
        return VecList(rt, count, ch, index)

    return fn


for _c in range(1, 5):
    for _ch, _ar in (("b", 4), ("h", 4), ("s", 3), ("d", 2)):
        register(f"LANE{_c}{_ch.upper()}", Computed(_lane(_c, _ch), _ar, f"a list of {_c} {_ch} lanes"))


# --------------------------------------------------------------------------------------
# Scalars (SIMD&FP registers whose width comes from a field)

_WIDTH = {"b": 8, "h": 16, "s": 32, "d": 64, "q": 128}


def _scalar(width_of: Callable[..., str | None]) -> Callable[[Sequence[int]], object]:
    def fn(vals: Sequence[int]) -> object:
        try:
            ch = width_of(*vals[1:])
        except IndexError:
            return None
        return None if ch is None else VReg(vals[0], _WIDTH[ch])

    return fn


_SCALARS: dict[str, tuple[int, Callable[..., str | None]]] = {
    "SIZE": (1, lambda size: _SIZE_CH[size]),                 # b h s d
    "SIZEL": (1, lambda size: _SIZE_CH[size + 1]),            # h s d (q): the wide side
    "SZ": (1, lambda sz: "sd"[sz]),                           # s d
    "IMMH": (1, lambda immh: None if immh == 0 else _SIZE_CH[_hsb(immh)]),
    "IMMHL": (1, lambda immh: None if immh == 0 else _SIZE_CH[_hsb(immh) + 1]),
    "FIMMH": (1, lambda immh: None if immh < 2 else _SIZE_CH[_hsb(immh)]),
    "IMM5": (1, lambda imm5: None if imm5 & 0xF == 0 else _SIZE_CH[_lsb(imm5 & 0xF)]),
}  # fmt: skip

for _name, (_n, _fn) in _SCALARS.items():
    register(f"SC{_name}", Computed(_scalar(_fn), 1 + _n, f"a SIMD&FP scalar register ({_name})"))


# --------------------------------------------------------------------------------------
# Elements


def _elem_imm5(vals: Sequence[int]) -> object:
    rn, imm5 = vals
    low = imm5 & 0xF
    if low == 0:
        return None
    size = _lsb(low)
    return VecElem(rn, _SIZE_CH[size], imm5 >> (size + 1))


def _elem_imm4(vals: Sequence[int]) -> object:
    # INS (element): the source index is imm4 >> size; imm5 names the size.
    rn, imm5, imm4 = vals
    low = imm5 & 0xF
    if low == 0:
        return None
    size = _lsb(low)
    return VecElem(rn, _SIZE_CH[size], imm4 >> size)


register("ELEM5", Computed(_elem_imm5, 2, "a vector element (v0.s[1])"))
register("ELEM4", Computed(_elem_imm4, 3, "a vector element (v0.s[1])"))


def _gpr_imm5(vals: Sequence[int]) -> object:
    rn, imm5 = vals
    width = 64 if imm5 & 0xF == 0b1000 else 32
    return Reg(31, width, RegClass.ZR) if rn == 31 else Reg(rn, width)


register("GPR5", Computed(_gpr_imm5, 2, "a general register (w or x by element size)"))


def _idx(ch: str, how: str) -> Callable[[Sequence[int]], object]:
    """By-element operands of (H, L, M, Rm): ``how`` gives the index bits and register."""

    def fn(vals: Sequence[int]) -> object:
        h, l_, m, rm = vals
        if how == "HLM":
            return VecElem(rm, ch, (h << 2) | (l_ << 1) | m)
        if how == "HL":
            return VecElem((m << 4) | rm, ch, (h << 1) | l_)
        return VecElem((m << 4) | rm, ch, h)  # "H"

    return fn


for _ch, _how in (("h", "HLM"), ("s", "HL"), ("d", "H"), ("4b", "HL"), ("2h", "HL"), ("h", "HL"), ("s", "H")):
    register(f"IDX{_ch.upper()}_{_how}", Computed(_idx(_ch, _how), 4, f"a vector element ({_ch})"))


def _idx_size(vals: Sequence[int]) -> object:
    # Integer by-element: size 01 -> h (index H:L:M, Rm<3:0>), size 10 -> s (index H:L, M:Rm).
    size, h, l_, m, rm = vals
    if size == 1:
        return VecElem(rm, "h", (h << 2) | (l_ << 1) | m)
    if size == 2:
        return VecElem((m << 4) | rm, "s", (h << 1) | l_)
    return None


def _idx_sz(vals: Sequence[int]) -> object:
    # FP by-element, sz: 0 -> s (index H:L), 1 -> d (index H).
    sz, h, l_, m, rm = vals
    if sz == 0:
        return VecElem((m << 4) | rm, "s", (h << 1) | l_)
    return VecElem((m << 4) | rm, "d", h)


def _idx_fcmla(vals: Sequence[int]) -> object:
    size, h, l_, m, rm = vals
    if size == 1:
        return VecElem((m << 4) | rm, "h", (h << 1) | l_)
    if size == 2:
        return VecElem((m << 4) | rm, "s", h)
    return None


register("IDX", Computed(_idx_size, 5, "a vector element (h or s)"))
register("IDXSZ", Computed(_idx_sz, 5, "a vector element (s or d)"))
register("IDXCM", Computed(_idx_fcmla, 5, "a vector element (h or s)"))


# --------------------------------------------------------------------------------------
# Immediates and suffixes


class Imm(int):
    """An immediate that prints as capstone does (``#7``, ``#0x10``)."""

    def __str__(self) -> str:
        return fmt_imm(int(self))

    __repr__ = __str__


class Dec(int):
    """An immediate that capstone prints in decimal (shift amounts, transfer sizes): ``#16``."""

    def __str__(self) -> str:
        return f"#{int(self)}"

    __repr__ = __str__


def _shr(vals: Sequence[int]) -> object:
    immh, immb = vals
    if immh == 0:
        return None
    esize = 8 << _hsb(immh)
    return Imm(2 * esize - ((immh << 3) | immb))


def _shl(vals: Sequence[int]) -> object:
    immh, immb = vals
    if immh == 0:
        return None
    esize = 8 << _hsb(immh)
    return Imm(((immh << 3) | immb) - esize)


register("SHR", Computed(_shr, 2, "a right shift amount"))
register("SHL", Computed(_shl, 2, "a left shift amount"))
register("SHLL", Computed(lambda v: Dec(8 << v[0]), 1, "the element width (#8, #16, #32)"))
register("Q2", Computed(lambda v: Suffix("2" if v[0] else ""), 1, "'' or '2'"))
register("BT", Computed(lambda v: Suffix("t" if v[0] else "b"), 1, "'b' or 't'"))
register("ROT", Computed(lambda v: Imm(90 * v[0]), 1, "a rotation (#0, #90, #180, #270)"))
register("ROT1", Computed(lambda v: Imm(90 + 180 * v[0]), 1, "a rotation (#90, #270)"))


def _post(count: int) -> Callable[[Sequence[int]], object]:
    return lambda v: Dec(count * (16 if v[0] else 8))


def _post_r(count: int) -> Callable[[Sequence[int]], object]:
    return lambda v: Dec(count << v[0])


for _c in range(1, 5):
    register(f"POST{_c}", Computed(_post(_c), 1, "the transfer size (by Q)"))
    register(f"POSTR{_c}", Computed(_post_r(_c), 1, "the transfer size (by size)"))


# Modified immediates: the eight bits a:b:c:d:e:f:g:h.


def _imm8(vals: Sequence[int]) -> int:
    out = 0
    for v in vals:
        out = (out << 1) | v
    return out


class Hex64(int):
    """MOVI's 64-bit byte mask, printed as LLVM prints it (``#0xff00ff00ff00ff00``)."""

    def __str__(self) -> str:
        return f"#{int(self):#016x}" if self else "#0000000000000000"


def _imm64(vals: Sequence[int]) -> object:
    imm8 = _imm8(vals)
    out = 0
    for i in range(8):
        if imm8 >> i & 1:
            out |= 0xFF << (8 * i)
    return Hex64(out)


class FPImm(float):
    """An FP immediate printed as LLVM does (``#1.00000000``)."""

    def __str__(self) -> str:
        return f"#{float(self):.8f}"

    __repr__ = __str__


def _vfp_expand(vals: Sequence[int]) -> object:
    # VFPExpandImm for single precision; the value is exact in every width.
    imm8 = _imm8(vals)
    sign = imm8 >> 7
    b6 = (imm8 >> 6) & 1
    exp = ((b6 ^ 1) << 7) | ((0x1F if b6 else 0) << 2) | ((imm8 >> 4) & 3)
    frac = (imm8 & 0xF) << 19
    bits = (sign << 31) | (exp << 23) | frac
    return FPImm(struct.unpack("<f", struct.pack("<I", bits))[0])


class FPComputed(Computed):
    """A computed FP immediate: any decimal spelling of the value (``#1.5``, ``#2``) parses."""

    pattern = FLOAT_PATTERN

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_float(text)
        if value is None:
            return []
        if value not in self.inverse(b.widths):
            raise b.error(value, "+/-(16 + n)/16 * 2^e for n in 0..15, e in -3..4 (0.125 .. 31.0)")
        return [self.encode(b, FPImm(value), pc)]


register("IMM8", Computed(lambda v: Imm(_imm8(v)), 8, "an 8-bit immediate"))
register("IMM64", Computed(_imm64, 8, "a 64-bit byte mask (each byte 0x00 or 0xff)"))
register("VFPIMM", FPComputed(_vfp_expand, 8, "an FP immediate (+/-(1 + n/16) * 2^e, n 0-15, e -3..4)"))


class Shifter(str):
    """``lsl #8`` / ``msl #16``; the empty shifter (``lsl #0``) prints nothing."""


def _lsl_cmode(step: int) -> Callable[[Sequence[int]], object]:
    # cmode<2:1> (32-bit) or cmode<1> (16-bit) gives the shift in bytes; zero prints nothing.
    def fn(vals: Sequence[int]) -> object:
        cmode = vals[0]
        amount = 8 * ((cmode >> 1) & step)
        return Shifter(f"lsl #{amount}" if amount else "")

    return fn


register("LSL32", Computed(_lsl_cmode(3), 1, "lsl #0/8/16/24", prefix=", "))
register("LSL16", Computed(_lsl_cmode(1), 1, "lsl #0/8", prefix=", "))
register("MSL", Computed(lambda v: Shifter(f"msl #{8 << (v[0] & 1)}"), 1, "msl #8/16", prefix=", "))
