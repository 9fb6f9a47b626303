"""SIMD&FP registers as scalars: ``b0``, ``h1``, ``s2``, ``d3``, ``q4`` (and ``v5`` by number)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import Bound, Kind, register

__all__ = ["VReg"]


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
