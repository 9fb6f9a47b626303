"""Operand kinds of the loads and stores: register offsets, pairs, concatenated offsets.

The bracket punctuation of an address (``[x1, #8]!``) is template text in
:mod:`aarch64insn.table.ldst`; the kinds here print what sits between the
commas. Text follows LLVM's AArch64 syntax as capstone 5 prints it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .._bits import sign_extend
from ..errors import EncodeError
from ..registers import Reg, RegClass
from . import Bound, Kind, register
from .core import EXTENDS, INT_PATTERN, fmt_imm, parse_int

__all__ = ["RegOffset"]

_LSL_OPTION = 0b011
_REGOFF = re.compile(r"([a-z]+[0-9]*)(?:\s*,\s*(lsl|[us]xt[bhwx])\s*(#?\s*-?\s*(?:0x[0-9a-f]+|[0-9]+))?)?")


def _reg(num: int, width: int) -> Reg:
    return Reg(31, width, RegClass.ZR) if num == 31 else Reg(num, width)


class RegOffset(Kind):
    """The index of a register-offset address, from (Rm, option, S).

    ``option`` picks the index register and its extend (``option<0>`` set: an X
    register); ``S`` scales it by the access size, ``1 << shift``. LLVM writes
    the amount whenever S is 1, even when it is ``#0`` (byte accesses), and the
    LSL form without a modifier when S is 0. The decoded value is
    ``(register, modifier, amount or None)``.
    """

    arity = 3
    expected = "an index register with optional extend/shift"

    pattern = (
        r"(?:[xXwW][0-9]{1,2}|[xXwW][zZ][rR]|[wW]?[sS][pP]|[lL][rR]|[fF][pP])"
        r"(?:\s*,\s*(?:[lL][sS][lL]|[uUsS][xX][tT][bBhHwWxX])(?:\s*" + INT_PATTERN + ")?)?"
    )

    def __init__(self, shift: int) -> None:
        self.shift = shift

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        m = _REGOFF.fullmatch(text.strip().lower())
        if m is None:
            return []
        name = {"lr": "x30", "fp": "x29"}.get(m[1], m[1])
        if name in ("sp", "wsp"):
            raise b.error(name, "x0-x30, xzr, w0-w30 or wzr (register 31 is the zero register here)")
        if name in ("xzr", "wzr"):
            reg = Reg(31, 64 if name[0] == "x" else 32, RegClass.ZR)
        elif name[1:].isdigit() and int(name[1:]) <= 30:
            reg = Reg(int(name[1:]), 64 if name[0] == "x" else 32)
        else:
            return []
        extend = m[2] or "lsl"
        amount = None if m[3] is None else parse_int(m[3])
        if m[2] is None:
            if reg.width != 64:
                return []  # a W index needs an extend
        elif extend == "lsl" and amount is None:
            return []  # a bare "lsl" is not an operand
        try:
            return [self.encode(b, (reg, extend, amount), pc)]
        except EncodeError:
            raise b.error(
                text.strip(),
                f"xN{{, lsl #{self.shift}}}, wN, uxtw|sxtw{{ #{self.shift}}} or xN, sxtx{{ #{self.shift}}}",
            ) from None

    def decode(
        self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]
    ) -> tuple[Reg, str, int | None]:
        rm, option, s = vals
        reg = _reg(rm, 64 if option & 1 else 32)
        name = "lsl" if option == _LSL_OPTION else EXTENDS[option]
        return (reg, name, self.shift if s else None)

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        reg, name, amount = value
        if name == "lsl":
            return str(reg) if amount is None else f"{reg}, lsl {fmt_imm(amount)}"
        return f"{reg}, {name}" if amount is None else f"{reg}, {name} {fmt_imm(amount)}"

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        legal = (
            f"(Xm, 'lsl', None|{self.shift}) or (Wm, 'uxtw'|'sxtw', None|{self.shift}) "
            f"or (Xm, 'sxtx', None|{self.shift})"
        )
        if not isinstance(value, tuple) or len(value) != 3:
            raise b.error(value, legal)
        reg, name, amount = value
        option = _LSL_OPTION if name == "lsl" else EXTENDS.index(name) if name in EXTENDS else -1
        if option < 0 or not option & 0b010 or not isinstance(reg, Reg) or reg.is_sp:
            raise b.error(value, legal)
        if reg.width != (64 if option & 1 else 32) or amount not in (None, self.shift):
            raise b.error(value, legal)
        return (reg.num, option, 0 if amount is None else 1)


for _shift in range(5):
    register(f"REGOFF{_shift}", RegOffset(_shift))


class SImmCat(Kind):
    """A signed immediate split over several fields (``S:imm9`` of LDRAA), times the scale."""

    arity = None
    expected = "a signed immediate"

    def __init__(self, scale: int) -> None:
        # templates cannot scale a multi-field placeholder, so the kind carries it
        self.scale = scale

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        raw = 0
        for f, v in zip(b.fields, vals, strict=True):
            raw = (raw << f.width) | v
        return sign_extend(raw, sum(b.widths)) * self.scale

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        scale, width = self.scale, sum(b.widths)
        lo, hi = -(1 << (width - 1)) * scale, ((1 << (width - 1)) - 1) * scale
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi or value % scale:
            raise b.error(value, f"{lo}..{hi} in steps of {scale}")
        raw = (value // scale) & ((1 << width) - 1)
        out: list[int] = []
        for f in reversed(b.fields):
            out.append(raw & ((1 << f.width) - 1))
            raw >>= f.width
        return tuple(reversed(out))


register("SIMMCAT8", SImmCat(8))


class RegPair(Kind):
    """A consecutive register pair ``x4, x5`` from one even register field (CASP)."""

    expected = "an even-numbered register pair"

    def __init__(self, width: int) -> None:
        self.width = width

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> tuple[Reg, Reg]:
        return (_reg(vals[0], self.width), _reg(vals[0] + 1, self.width))

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        return f"{value[0]}, {value[1]}"

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        first = value[0] if isinstance(value, tuple) and value else value
        p = "x" if self.width == 64 else "w"
        if not isinstance(first, Reg) or first.width != self.width or first.num % 2 or first.is_sp:
            raise b.error(value, f"{p}0, {p}2, ... {p}30 (the first of an even/odd pair)")
        if isinstance(value, tuple) and len(value) == 2 and value[1] != _reg(first.num + 1, self.width):
            raise b.error(value, "a register and its successor")
        return (first.num,)


register("WPAIR", RegPair(32))
register("XPAIR", RegPair(64))
