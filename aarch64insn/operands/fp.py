"""Scalar floating-point and cryptographic operands.

* SIMD&FP registers as scalars: ``b0``, ``h1``, ``s2``, ``d3``, ``q4`` (kinds
  ``BREG`` .. ``QREG``; the load/store and AdvSIMD families use them too).
* ``FPIMM8``: the 8-bit floating-point immediate of FMOV, printed as capstone
  (LLVM) does, ``#%.8f``.
* ``FBITS``: the number of fraction bits of a fixed-point conversion, ``64 - scale``.
* Minimal vector kinds for the crypto instructions, prefixed ``FPV_`` so they
  stay apart from the AdvSIMD family's own: ``v0.16b`` (``FPV_16B``), ``v0.4s``
  (``FPV_4S``), ``v0.2d`` (``FPV_2D``), the top half ``v0.d[1]`` of FMOV
  (``FPV_D1``) and an element ``v0.s[3]`` (``FPV_S_ELEM``, fields Rm, imm2).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import Bound, Kind, register
from .core import fmt_imm

__all__ = ["FLOAT_PATTERN", "FP_IMM8_BY_VALUE", "FPVElem", "FPVReg", "VReg", "fp_imm8_value", "parse_float"]


@dataclass(frozen=True, slots=True)
class VReg:
    """A SIMD&FP register viewed as a scalar of *width* bits (8/16/32/64/128)."""

    num: int
    width: int

    @property
    def name(self) -> str:
        """``b0``, ``h0``, ``s0``, ``d0`` or ``q0``."""
        return f"{_PREFIX[self.width]}{self.num}"

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return self.name.upper()


_PREFIX = {8: "b", 16: "h", 32: "s", 64: "d", 128: "q"}


class ScalarFP(Kind):
    """A SIMD&FP register of one scalar width, from a 5-bit register field."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.expected = f"a {width}-bit SIMD&FP register ({_PREFIX[width]}0-{_PREFIX[width]}31)"
        self._regs = [VReg(n, width) for n in range(32)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> VReg:
        return self._regs[vals[0]]

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        return self._regs[vals[0]].name

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, VReg)
        return value.name

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, VReg) or value.width != self.width:
            raise b.error(value, f"{_PREFIX[self.width]}0-{_PREFIX[self.width]}31")
        return (value.num,)


for _w, _p in _PREFIX.items():
    register(_p.upper() + "REG", ScalarFP(_w))


# --------------------------------------------------------------------------------------
# The FMOV immediate


def fp_imm8_value(imm8: int) -> float:
    """``VFPExpandImm``: imm8 = a:b:cd:efgh is (-1)^a * (16 + efgh)/16 * 2^e.

    The exponent is ``NOT(b):Replicate(b):cd`` less the bias, which comes to
    ``cd + 1`` when b is 0 and ``cd - 3`` when b is 1: magnitudes 0.125 .. 31.
    """
    sign = -1.0 if imm8 & 0x80 else 1.0
    b = (imm8 >> 6) & 1
    cd = (imm8 >> 4) & 3
    exponent = cd - 3 if b else cd + 1
    return sign * (16 + (imm8 & 0xF)) / 16 * 2.0**exponent


#: every value FMOV (immediate) can load, to its imm8
FP_IMM8_BY_VALUE: Mapping[float, int] = {fp_imm8_value(i): i for i in range(256)}


#: a floating-point immediate as written: ``#1.5``, ``#-0.125``, ``#1.50000000``, ``#2``, ``#1.5e+00``
FLOAT_PATTERN = r"#?\s*[-+]?\s*[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
_FLOAT = re.compile(r"#?\s*([-+]?)\s*([0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)")


def parse_float(text: str) -> float | None:
    """``#1.5``, ``-0.25``, ``#2`` -> float (decimal only: ``#0x70`` is not a value); None otherwise."""
    m = _FLOAT.fullmatch(text.strip())
    if m is None:
        return None
    return float(m[1] + m[2])


class FPImm8(Kind):
    """FMOV's 8-bit immediate as a float; printed ``#1.50000000`` (LLVM's ``#%.8f``)."""

    expected = "a floating-point immediate (+/-(1 + n/16) * 2^e, n 0-15, e -3..4)"
    pattern = FLOAT_PATTERN

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_float(text)
        return [] if value is None else [self.encode(b, value, pc)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> float:
        return fp_imm8_value(vals[0])

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, float)
        return f"#{value:.8f}"

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value not in FP_IMM8_BY_VALUE:
            raise b.error(value, "+/-(16 + n)/16 * 2^e for n in 0..15, e in -3..4 (0.125 .. 31.0)")
        return (FP_IMM8_BY_VALUE[float(value)],)


register("FPIMM8", FPImm8())


class FBits(Kind):
    """Fraction bits of a fixed-point conversion: ``64 - scale``; 1..32 or 1..64 by width."""

    expected = "a number of fraction bits"

    def __init__(self, width: int) -> None:
        self.width = width

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return 64 - vals[0]

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= self.width:
            raise b.error(value, f"1..{self.width}")
        return (64 - value,)


register("FBITS32", FBits(32))
register("FBITS64", FBits(64))


# --------------------------------------------------------------------------------------
# Vector registers for the crypto instructions and FMOV's top half


@dataclass(frozen=True, slots=True)
class FPVReg:
    """A SIMD&FP register with an arrangement: ``v0.16b``, ``v1.4s``, ``v2.2d``."""

    num: int
    arrangement: str

    @property
    def name(self) -> str:
        """``v<n>.<arrangement>``."""
        return f"v{self.num}.{self.arrangement}"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class FPVElem:
    """One element of a SIMD&FP register: ``v1.d[1]``, ``v2.s[3]``."""

    num: int
    size: str
    index: int

    @property
    def name(self) -> str:
        """``v<n>.<size>[<index>]``."""
        return f"v{self.num}.{self.size}[{self.index}]"

    def __str__(self) -> str:
        return self.name


class FPVector(Kind):
    """A whole vector register with one fixed arrangement, from a 5-bit register field."""

    def __init__(self, arrangement: str) -> None:
        self.arrangement = arrangement
        self.expected = f"a vector register v0.{arrangement}-v31.{arrangement}"
        self._regs = [FPVReg(n, arrangement) for n in range(32)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> FPVReg:
        return self._regs[vals[0]]

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        return self._regs[vals[0]].name

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, FPVReg)
        return value.name

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, FPVReg) or value.arrangement != self.arrangement or not 0 <= value.num < 32:
            raise b.error(value, f"v0.{self.arrangement}-v31.{self.arrangement}")
        return (value.num,)


for _arr in ("16b", "4s", "2d"):
    register(f"FPV_{_arr.upper()}", FPVector(_arr))


class FPVElement(Kind):
    """A vector element ``v<n>.<size>[<index>]``.

    With ``index`` given the element number is fixed (FMOV's ``v1.d[1]``, one
    field: the register); otherwise it comes from a second field (SM3TT's
    ``v2.s[imm2]``, fields Rm, imm2).
    """

    def __init__(self, size: str, index: int | None = None) -> None:
        self.size = size
        self.index = index
        self.arity = 1 if index is not None else 2
        where = f"[{index}]" if index is not None else "[i]"
        self.expected = f"a vector element v<n>.{size}{where}"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> FPVElem:
        index = self.index if self.index is not None else vals[1]
        return FPVElem(vals[0], self.size, index)

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, FPVElem)
        return value.name

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if self.index is not None:
            if not isinstance(value, FPVElem) or value.size != self.size or value.index != self.index \
                    or not 0 <= value.num < 32:
                raise b.error(value, f"v0.{self.size}[{self.index}]-v31.{self.size}[{self.index}]")
            return (value.num,)
        top = (1 << b.fields[1].width) - 1
        if not isinstance(value, FPVElem) or value.size != self.size or not 0 <= value.num < 32 \
                or not 0 <= value.index <= top:
            raise b.error(value, f"v0-v31 .{self.size}[0-{top}]")
        return (value.num, value.index)


register("FPV_D1", FPVElement("d", 1))
register("FPV_S_ELEM", FPVElement("s"))
