"""Bit helpers named after the Arm ARM pseudocode (snake_cased). No ISA knowledge here."""

from __future__ import annotations

__all__ = [
    "bfx_preferred",
    "count_ones",
    "highest_set_bit",
    "move_wide_preferred",
    "ones",
    "replicate",
    "ror",
    "sign_extend",
    "to_signed",
]


def ones(n: int) -> int:
    """``Ones(N)``: an integer with the low *n* bits set."""
    return (1 << n) - 1


def sign_extend(value: int, width: int) -> int:
    """``SInt()`` of the low *width* bits of *value*."""
    value &= (1 << width) - 1
    if value >> (width - 1):
        return value - (1 << width)
    return value


to_signed = sign_extend


def ror(value: int, shift: int, width: int) -> int:
    """``ROR(x, shift)`` on a *width*-bit value."""
    shift %= width
    value &= (1 << width) - 1
    if shift == 0:
        return value
    return ((value >> shift) | (value << (width - shift))) & ((1 << width) - 1)


def replicate(value: int, esize: int, width: int) -> int:
    """``Replicate()``: repeat an *esize*-bit element to fill *width* bits."""
    out = 0
    for pos in range(0, width, esize):
        out |= value << pos
    return out


def highest_set_bit(value: int) -> int:
    """``HighestSetBit()``: index of the top set bit, -1 for zero."""
    return value.bit_length() - 1


def count_ones(value: int) -> int:
    """``BitCount()``."""
    return bin(value).count("1")


def move_wide_preferred(sf: int, immN: int, imms: int, immr: int) -> bool:  # noqa: N803
    """``MoveWidePreferred()``: would MOVZ/MOVN express this bitmask immediate?

    Decides whether ``ORR Xd, XZR, #imm`` prints as ``mov`` (bitmask form).
    """
    width = 64 if sf else 32
    if sf == 1 and immN != 1:
        return False
    if sf == 0 and (immN != 0 or (imms >> 5) & 1):
        return False
    # A run of 16 or fewer ones that a MOVZ can place.
    if imms < 16:
        return (-immr % 16) <= (15 - imms)
    # A run of zeros of 16 or fewer bits that a MOVN can place.
    if imms >= width - 15:
        return (immr % 16) <= (imms - (width - 15))
    return False


def bfx_preferred(sf: int, uns: int, imms: int, immr: int) -> bool:
    """``BFXPreferred()``: prefer UBFX/SBFX over the other bitfield aliases."""
    if imms < immr:
        return False
    if imms == (31 if sf == 0 else 63):
        return False
    if immr == 0:
        if sf == 0 and imms in (7, 15):
            return False
        if sf == 1 and uns == 0 and imms in (7, 15, 31):
            return False
    return True
