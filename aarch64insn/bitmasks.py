"""Logical (bitmask) immediates: the Arm ARM's ``DecodeBitMasks()`` and its inverse.

A bitmask immediate is an element of 2, 4, 8, 16, 32 or 64 bits holding one
contiguous run of ones, rotated right, and replicated to the register width.
There are 5,334 such 64-bit values and 1,302 32-bit values.
"""

from __future__ import annotations

from functools import cache

from ._bits import highest_set_bit, ones, replicate, ror

__all__ = ["decode_bit_masks", "encode_bit_masks", "is_bitmask_immediate", "why_not"]


def decode_bit_masks(immN: int, imms: int, immr: int, width: int) -> int | None:  # noqa: N803
    """The value of (N, imms, immr) as a *width*-bit immediate, or None if reserved."""
    length = highest_set_bit((immN << 6) | (~imms & 0x3F))
    if length < 1 or (width == 32 and immN):
        return None
    esize = 1 << length
    levels = ones(length)
    s = imms & levels
    r = immr & levels
    if s == levels:
        return None
    welem = ones(s + 1)
    return replicate(ror(welem, r, esize), esize, width)


@cache
def _table(width: int) -> dict[int, tuple[int, int, int]]:
    out: dict[int, tuple[int, int, int]] = {}
    for n in (0, 1) if width == 64 else (0,):
        for imms in range(64):
            for immr in range(64):
                value = decode_bit_masks(n, imms, immr, width)
                if value is None:
                    continue
                length = highest_set_bit((n << 6) | (~imms & 0x3F))
                if immr >> length:
                    continue  # immr bits above the element size are ignored; keep the canonical form
                out.setdefault(value, (n, immr, imms))
    return out


def encode_bit_masks(value: int, width: int) -> tuple[int, int, int] | None:
    """(N, immr, imms) for *value* as a *width*-bit bitmask immediate, or None."""
    return _table(width).get(value)


def is_bitmask_immediate(value: int, width: int) -> bool:
    """Whether *value* can be encoded as a *width*-bit logical immediate."""
    return value in _table(width)


def why_not(value: int, width: int) -> str:
    """A sentence saying why *value* is not a *width*-bit bitmask immediate."""
    if value < 0 or value >> width:
        return f"a {width}-bit value (got {value.bit_length()} bits)"
    if value == 0 or value == ones(width):
        return f"a {width}-bit bitmask immediate (0 and all-ones are not encodable)"
    return (
        f"a {width}-bit bitmask immediate (a rotated run of ones in a 2/4/8/16/32/64-bit "
        f"element, replicated; {value:#x} is not one)"
    )
