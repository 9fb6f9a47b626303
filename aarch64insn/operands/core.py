"""General-purpose registers, immediates, labels, conditions, shifts and extends.

Text follows LLVM's AArch64 syntax as capstone 5 prints it: registers in lower
case, immediates as ``#n`` up to 9 and ``#0x..`` above (``#-0x..`` below -9),
branch and literal targets as absolute addresses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .. import bitmasks
from .._bits import sign_extend
from ..registers import Reg, RegClass
from . import Bound, Kind, number, register, reverse_map

__all__ = ["INT_PATTERN", "fmt_addr", "fmt_imm", "parse_int"]

MASK64 = (1 << 64) - 1


def fmt_imm(value: int) -> str:
    """An immediate as capstone prints it: ``#7``, ``#0x10``, ``#-0x10``."""
    if value < 0:
        return f"#-{-value:#x}" if value < -9 else f"#{value}"
    return f"#{value:#x}" if value > 9 else f"#{value}"


_INT = re.compile(r"#?\s*(-?)\s*(0x[0-9a-f]+|[0-9]+)", re.IGNORECASE)
#: regular expression of an integer operand, ``#`` optional
INT_PATTERN = r"#?\s*-?\s*(?:0x[0-9a-fA-F]+|[0-9]+)"


def parse_int(text: str) -> int | None:
    """``#16``, ``16``, ``#0x10``, ``#-0x10`` -> int; None if *text* is not an integer."""
    m = _INT.fullmatch(text.strip())
    if m is None:
        return None
    return number(m[1] + m[2])


def fmt_addr(value: int) -> str:
    """An absolute address (branch or literal target), wrapped to 64 bits."""
    return f"#{value & MASK64:#x}"


# --------------------------------------------------------------------------------------
# Registers


class GPR(Kind):
    """A general-purpose register where 31 is the zero register or SP."""

    expected = "a register"
    pattern = r"(?:[xXwW][0-9]{1,2}|[xXwW][zZ][rR]|[wW]?[sS][pP]|[lL][rR]|[fF][pP])"

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        t = text.strip().lower()
        t = {"lr": "x30", "fp": "x29"}.get(t, t) if self.width == 64 else t
        try:
            return [(self._names.index(t),)]
        except ValueError:
            pass
        if t == self._other31:
            # register 31 of the other class (sp where xzr is meant, or the reverse): this
            # operand, but a register the encoding cannot name here
            raise self._wrong31(b, t)
        return []

    def _wrong31(self, b: Bound, value: object) -> Exception:
        meaning = "the zero register" if self.r31 is RegClass.ZR else "the stack pointer"
        return b.error(value, f"{self.legal}; register 31 is {meaning} in this operand")

    def __init__(self, width: int, r31: RegClass) -> None:
        self.width = width
        self.r31 = r31
        prefix = "x" if width == 64 else "w"
        alt = ("sp" if width == 64 else "wsp") if r31 is RegClass.SP else prefix + "zr"
        self.legal = f"{prefix}0-{prefix}30 or {alt}"
        self.expected = f"a {width}-bit register ({self.legal})"
        self._regs = [Reg(n, width) for n in range(31)] + [Reg(31, width, r31)]
        self._names = [r.name for r in self._regs]
        other = RegClass.SP if r31 is RegClass.ZR else RegClass.ZR
        self._other31 = Reg(31, width, other).name

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> Reg:
        return self._regs[vals[0]]

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, Reg)
        return value.name

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        return self._names[vals[0]]

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, Reg) or value.width != self.width:
            raise b.error(value, self.legal)
        if value.num == 31 and value.cls is not self.r31:
            raise self._wrong31(b, value)
        return (value.num,)


register("X", GPR(64, RegClass.ZR))
register("XSP", GPR(64, RegClass.SP))
register("W", GPR(32, RegClass.ZR))
register("WSP", GPR(32, RegClass.SP))


# --------------------------------------------------------------------------------------
# Immediates


def _concat(b: Bound, vals: Sequence[int]) -> int:
    out = 0
    for f, v in zip(b.fields, vals, strict=True):
        out = (out << f.width) | v
    return out


def _split(b: Bound, value: int) -> tuple[int, ...]:
    out: list[int] = []
    for f in reversed(b.fields):
        out.append(value & ((1 << f.width) - 1))
        value >>= f.width
    return tuple(reversed(out))


class Imm(Kind):
    """An unsigned immediate: the fields concatenated (first is most significant), times the scale."""

    arity = None
    expected = "an immediate"

    pattern = INT_PATTERN

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        if len(vals) == 1:
            return fmt_imm(vals[0] * b.ph.scale)
        return fmt_imm(_concat(b, vals) * b.ph.scale)

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        return [] if value is None else [self.encode(b, value, pc)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return _concat(b, vals) * b.ph.scale

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        scale = b.ph.scale
        top = ((1 << sum(b.widths)) - 1) * scale
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top or value % scale:
            step = f" in steps of {scale}" if scale > 1 else ""
            raise b.error(value, f"0..{top:#x}{step}")
        return _split(b, value // scale)


class SImm(Kind):
    """A signed immediate (two's complement in its field), times the scale."""

    expected = "a signed immediate"
    pattern = INT_PATTERN

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        return [] if value is None else [self.encode(b, value, pc)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return sign_extend(vals[0], b.fields[0].width) * b.ph.scale

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        scale = b.ph.scale
        width = b.fields[0].width
        lo, hi = -(1 << (width - 1)) * scale, ((1 << (width - 1)) - 1) * scale
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi or value % scale:
            step = f" in steps of {scale}" if scale > 1 else ""
            raise b.error(value, f"{fmt_imm(lo)[1:]}..{fmt_imm(hi)[1:]}{step}")
        return ((value // scale) & ((1 << width) - 1),)


register("IMM", Imm())
register("SIMM", SImm())


class Label(Kind):
    """A pc-relative target printed as an absolute address.

    ``page=True`` is ADRP's 4 KiB page arithmetic. The fields are concatenated
    (``immhi,immlo``) and sign-extended; the scale is the step (4 for branches).
    """

    arity = None
    expected = "a target address"
    pattern = INT_PATTERN + r"|[A-Za-z_.$][\w.$]*"

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        if value is None:
            name = text.strip()
            if name not in symbols:
                raise b.error(name, "an address or a defined label (this one is undefined)")
            value = symbols[name]  # a label: ADRP takes its page
        elif self.page and value & 0xFFF:
            raise b.error(text.strip(), "a 4 KiB-aligned page address (ADRP's target; a label may be anywhere)")
        return [self.encode(b, value & MASK64 if value >= 0 else value, pc)]

    def __init__(self, *, page: bool = False) -> None:
        self.page = page

    def _base(self, pc: int) -> int:
        return pc & ~0xFFF if self.page else pc

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        if len(vals) == 1 and not self.page:
            width = b.fields[0].width
            v = vals[0]
            if v >> (width - 1):
                v -= 1 << width
            return f"#{(pc + v * b.ph.scale) & MASK64:#x}"
        return fmt_addr(self.decode(b, vals, pc, fields))

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        offset = sign_extend(_concat(b, vals), sum(b.widths)) * b.ph.scale
        if self.page:
            offset <<= 12
        return (self._base(pc) + offset) & MASK64

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_addr(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, int) or isinstance(value, bool):
            raise b.error(value, "an address")
        width = sum(b.widths)
        step = b.ph.scale << (12 if self.page else 0)
        base = self._base(pc)
        target = value & ~0xFFF if self.page else value
        delta = ((target - base + (1 << 63)) & MASK64) - (1 << 63)
        lo, hi = -(1 << (width - 1)) * step, ((1 << (width - 1)) - 1) * step
        if delta % step or not lo <= delta <= hi:
            raise b.error(
                value,
                f"pc{'&~0xfff' if self.page else ''}={base:#x} {'-' if lo < 0 else '+'}{-lo:#x}"
                f"..+{hi:#x}" + (f", a multiple of {step}" if step > 1 and not self.page else ""),
            )
        return _split(b, (delta // step) & ((1 << width) - 1))


register("LABEL", Label())
register("PAGE", Label(page=True))


# --------------------------------------------------------------------------------------
# Conditions, shifts, extends

CONDITIONS = ("eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv")


class Cond(Kind):
    """A condition code; ``invert=True`` prints the inverse (for cset, cinc...)."""

    expected = "a condition (eq, ne, hs, lo, ...)"

    def __init__(self, *, invert: bool = False) -> None:
        self.invert = invert

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        return CONDITIONS[vals[0] ^ 1 if self.invert else vals[0]]

    def render(self, value: object, b: Bound) -> str:
        return str(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        name = {"cs": "hs", "cc": "lo"}.get(str(value).lower(), str(value).lower())
        if name not in CONDITIONS or (self.invert and name in ("al", "nv")):
            raise b.error(value, "eq ne hs lo mi pl vs vc hi ls ge lt gt le" + ("" if self.invert else " al nv"))
        code = CONDITIONS.index(name)
        return (code ^ 1 if self.invert else code,)


register("COND", Cond())
register("INVCOND", Cond(invert=True))

SHIFTS = ("lsl", "lsr", "asr", "ror")


class Shift(Kind):
    """A register shift ``lsl #n`` from (shift, imm6); ``ror`` only where allowed."""

    arity = 2
    expected = "a shift (lsl/lsr/asr #n)"

    pattern = r"(?:[lL][sS][lL]|[lL][sS][rR]|[aA][sS][rR]|[rR][oO][rR])\s*" + INT_PATTERN

    def __init__(self, width: int, *, ror: bool) -> None:
        self.width = width
        self.ror = ror

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        name, _, amount = text.strip().lower().partition(" ")
        if "#" in name:
            name, _, amount = name.partition("#")
        value = parse_int(amount)
        if value is None or name not in (SHIFTS if self.ror else SHIFTS[:3]):
            return []
        return [self.encode(b, (name, value), pc)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> tuple[str, int]:
        return (SHIFTS[vals[0]], vals[1])

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        return f"{value[0]} #{value[1]}"  # shift amounts print in decimal

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        allowed = SHIFTS if self.ror else SHIFTS[:3]
        if (
            not isinstance(value, tuple)
            or len(value) != 2
            or value[0] not in allowed
            or not isinstance(value[1], int)
            or not 0 <= value[1] < self.width
        ):
            raise b.error(value, f"({'|'.join(allowed)}, 0..{self.width - 1})")
        return (SHIFTS.index(value[0]), value[1])


register("SHIFT32", Shift(32, ror=False))
register("SHIFT64", Shift(64, ror=False))
register("LSHIFT32", Shift(32, ror=True))
register("LSHIFT64", Shift(64, ror=True))

EXTENDS = ("uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx")


class LogImm(Kind):
    """A logical (bitmask) immediate from (N, immr, imms)."""

    arity = 3
    expected = "a bitmask immediate"
    pattern = INT_PATTERN

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        if value is None:
            return []
        return [self.encode(b, value & ((1 << self.width) - 1), pc)]

    def __init__(self, width: int) -> None:
        self.width = width

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        value = bitmasks.decode_bit_masks(vals[0], vals[2], vals[1], self.width)
        if value is None:
            return -1
        return value

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, int) or isinstance(value, bool):
            raise b.error(value, f"a {self.width}-bit bitmask immediate")
        enc = bitmasks.encode_bit_masks(value & ((1 << self.width) - 1) if value < 0 else value, self.width)
        if enc is None:
            raise b.error(value, bitmasks.why_not(value, self.width))
        n, immr, imms = enc
        return (n, immr, imms)


register("LOGIMM32", LogImm(32))
register("LOGIMM64", LogImm(64))


class MovImm(Kind):
    """The value a MOVZ/MOVN writes, for the ``mov`` aliases; fields (imm16, hw)."""

    arity = 2
    expected = "a move-wide immediate"
    pattern = INT_PATTERN

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        return [] if value is None else [self.encode(b, value, pc)]

    def __init__(self, width: int, *, inverted: bool) -> None:
        self.width = width
        self.inverted = inverted

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        value = vals[0] << (16 * vals[1])
        if self.inverted:
            value = ~value & ((1 << self.width) - 1)
        return sign_extend(value, self.width) if self.inverted else value

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, int) or isinstance(value, bool):
            raise b.error(value, "an integer")
        v = value & ((1 << self.width) - 1)
        if self.inverted:
            v = ~v & ((1 << self.width) - 1)
        for hw in range(self.width // 16):
            if v & ~(0xFFFF << (16 * hw)) == 0:
                return (v >> (16 * hw), hw)
        raise b.error(value, "a 16-bit value shifted by 0, 16" + (", 32 or 48" if self.width == 64 else ""))


register("MOVZ32", MovImm(32, inverted=False))
register("MOVZ64", MovImm(64, inverted=False))
register("MOVN32", MovImm(32, inverted=True))
register("MOVN64", MovImm(64, inverted=True))


class HwShift(Kind):
    """``lsl #16*hw`` of the move-wide instructions."""

    expected = "a shift of 0, 16, 32 or 48"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return vals[0] * 16

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return f"#{value}"  # shift amounts print in decimal

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        top = ((1 << b.fields[0].width) - 1) * 16
        if not isinstance(value, int) or value % 16 or not 0 <= value <= top:
            raise b.error(value, f"0..{top} in steps of 16")
        return (value // 16,)


register("HW", HwShift())


class BitfieldView(Kind):
    """One operand of a bitfield alias, computed from immr/imms.

    ``what`` is ``lsl`` (shift of LSL), ``width`` (imms-immr+1 of UBFX/SBFX/BFXIL),
    ``lsb_iz`` ((size-immr) % size of UBFIZ/SBFIZ/BFI), ``width_iz`` (imms+1).
    """

    arity = 2
    expected = "an immediate"

    pattern = INT_PATTERN

    def __init__(self, width: int, what: str) -> None:
        self.width = width
        self.what = what

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        value = parse_int(text)
        if value is None:
            return []
        found = reverse_map(self, b).get(f"#{value}", [])
        if not found:
            w = self.width
            legal = {"lsl": f"0..{w - 1}", "lsb_iz": f"0..{w - 1}"}.get(self.what, f"1..{w}")
            raise b.error(value, legal + (f" (lsb + width <= {w})" if self.what.startswith("width") else ""))
        return found

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        immr, imms = vals
        if self.what == "lsl":
            return self.width - 1 - imms
        if self.what == "width":
            return imms - immr + 1
        if self.what == "lsb_iz":
            return (self.width - immr) % self.width
        return imms + 1

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        raise b.error(value, "(bitfield aliases are built by the assembler)")


for _w in (32, 64):
    register(f"BF_LSL{_w}", BitfieldView(_w, "lsl"))
    register(f"BF_WIDTH{_w}", BitfieldView(_w, "width"))
    register(f"BF_LSB_IZ{_w}", BitfieldView(_w, "lsb_iz"))
    register(f"BF_WIDTH_IZ{_w}", BitfieldView(_w, "width_iz"))


class GprByB5(Kind):
    """TBZ/TBNZ's register: ``w`` when b5 is 0, ``x`` when it is 1 (fields b5, Rt)."""

    arity = 2
    expected = "a register"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> Reg:
        width = 64 if vals[0] else 32
        return Reg(31, width, RegClass.ZR) if vals[1] == 31 else Reg(vals[1], width)

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, Reg)
        return value.name

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, Reg) or value.is_sp:
            raise b.error(value, "w0-w30, wzr, x0-x30 or xzr")
        return (1 if value.width == 64 else 0, value.num)


register("GPR_B5", GprByB5())
