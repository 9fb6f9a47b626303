"""Operand kinds of the data-processing families: extended-register operands.

The add/subtract (extended register) forms print their last operand as
``<R><m>{, <extend> {#<amount>}}``, where:

* ``<R>`` is ``x`` only when the 64-bit form extends from 64 bits
  (``option`` = ``x11``: UXTX or SXTX), and ``w`` otherwise;
* the width-matching unsigned extend (UXTW in the 32-bit form, UXTX in the
  64-bit form) is spelled ``lsl`` when the stack pointer takes part, and is
  then left out entirely when the amount is 0. For ADD/SUB the stack pointer
  may be the destination or the first source (``Rd`` or ``Rn`` = 31); for
  ADDS/SUBS (and CMN/CMP) ``Rd`` = 31 is the zero register, so only ``Rn``
  counts.

Capstone (LLVM syntax) also prints shift amounts in decimal (``lsl #12``,
``lsl #32``) while other immediates go hex above 9, and it prints some
immediates as signed numbers: the 64-bit ANDS/TST bitmask, the bitmask of the
MOV (bitmask immediate) alias, and the value of MOV (wide immediate). The
kinds below print those forms.

The extended-register kinds read ``Rd``/``Rn``/``option`` from the decoded word's other
fields, so their placeholders name only the fields they encode (``option``,
``imm3`` or ``Rm``) and :func:`aarch64insn.codec.encode_operands` can build
the word from operand values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._bits import sign_extend
from ..registers import Reg, RegClass
from . import Bound, Kind, register
from .core import EXTENDS, HwShift, LogImm, MovImm, Shift, fmt_imm, parse_int

__all__ = ["DecimalHw", "DecimalShift", "ExtendedReg", "ExtendOp", "ImmShift12", "SignedLogImm", "SignedMovZ"]



class ExtendOp(Kind):
    """The ``, <extend> #<amount>`` of an extended-register operand, fields (option, imm3).

    ``sp_fields`` names the register fields whose value 31 means the stack
    pointer (``("Rd", "Rn")`` for ADD/SUB, ``("Rn",)`` for ADDS/SUBS).
    The value is ``(name, amount)`` with name ``lsl`` or an extend name (``uxtb`` ... ``sxtx``).
    """

    arity = 2
    expected = "an extend (uxtb ... sxtx, or lsl when SP takes part) with an amount 0-4"

    def __init__(self, width: int, sp_fields: tuple[str, ...]) -> None:
        self.width = width
        self.lsl_option = 2 if width == 32 else 3
        self.sp_fields = sp_fields

    def _sp(self, fields: Mapping[str, int]) -> bool:
        return any(fields.get(name) == 31 for name in self.sp_fields)

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> tuple[str, int]:
        option, imm3 = vals
        if option == self.lsl_option and self._sp(fields):
            return ("lsl", imm3)
        return (EXTENDS[option], imm3)

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        name, amount = value
        if name == "lsl":
            return f"lsl {fmt_imm(amount)}" if amount else ""
        return f"{name} {fmt_imm(amount)}" if amount else name

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        text = self.render(self.decode(b, vals, pc, fields), b)
        return ", " + text if text else ""

    pattern = r"(?:\s*,\s*(?:[us]xt[bhwx]|lsl)(?:\s*#?\s*(?:0x[0-9a-fA-F]+|[0-9]+))?)?"

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        t = text.strip().lstrip(",").strip().lower()
        if not t:
            return [(self.lsl_option, 0)]  # no modifier: only valid when SP takes part (checked on print-back)
        name, _, amount = t.partition(" ")
        if not amount and "#" in name:
            name, _, amount = name.partition("#")
        value = parse_int(amount) if amount.strip() else 0
        if value is None:
            return []
        if name == "lsl" and not 0 <= value <= 4:
            # ``lsl`` here only spells UXTW/UXTX next to SP (amounts 0-4): a larger amount is
            # meant for the shifted-register form, which reports the range
            return []
        return [self.encode(b, (name, value), pc)]

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        legal = f"(uxtb|uxth|uxtw|uxtx|sxtb|sxth|sxtw|sxtx|lsl, 0..4); lsl means {EXTENDS[self.lsl_option]}"
        if isinstance(value, str):
            value = (value, 0)
        if not isinstance(value, tuple) or len(value) != 2:
            raise b.error(value, legal)
        name, amount = value
        if not isinstance(name, str) or not isinstance(amount, int) or isinstance(amount, bool):
            raise b.error(value, legal)
        name = name.lower()
        if name == "lsl":
            option = self.lsl_option
        elif name in EXTENDS:
            option = EXTENDS.index(name)
        else:
            raise b.error(value, legal)
        if not 0 <= amount <= 4:
            raise b.error(value, legal)
        return (option, amount)


class ExtendedReg(Kind):
    """The register ``Rm`` of a 64-bit extended-register form: ``x`` if ``option`` is x11, else ``w``.

    Encoding takes either width; the extend operand decides ``option``.
    """

    expected = "a register (w0-w30, wzr, x0-x30 or xzr)"
    pattern = r"(?:[xXwW][0-9]{1,2}|[xXwW][zZ][rR])"

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        t = text.strip().lower()
        if t in ("xzr", "wzr"):
            return [(31,)]
        if t[:1] in "xw" and t[1:].isdigit() and int(t[1:]) <= 30:
            return [(int(t[1:]),)]
        return []

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> Reg:
        width = 64 if fields.get("option", 3) & 3 == 3 else 32
        num = vals[0]
        return Reg(num, width, RegClass.ZR) if num == 31 else Reg(num, width)

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, Reg)
        return value.name

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if not isinstance(value, Reg) or value.is_sp:
            raise b.error(value, "w0-w30, wzr, x0-x30 or xzr")
        return (value.num,)


register("EXTEND32", ExtendOp(32, ("Rd", "Rn")))
register("EXTEND64", ExtendOp(64, ("Rd", "Rn")))
register("EXTENDS32", ExtendOp(32, ("Rn",)))
register("EXTENDS64", ExtendOp(64, ("Rn",)))
register("WX_OPTION", ExtendedReg())


class DecimalShift(Shift):
    """A register shift (shift, imm6) printed with a decimal amount: ``lsl #12``."""

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        return f"{value[0]} #{value[1]}"


class DecimalHw(HwShift):
    """``lsl #16*hw`` of the move-wide instructions, amount in decimal: ``lsl #32``."""

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return f"#{value}"


class SignedLogImm(LogImm):
    """A bitmask immediate (N, immr, imms) read as a signed *width*-bit number."""

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        value = super().decode(b, vals, pc, fields)
        return sign_extend(value, self.width) if value >= 0 else value

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return fmt_imm(value)


class SignedMovZ(MovImm):
    """The value MOVZ writes (imm16, hw), read as a signed *width*-bit number."""

    def __init__(self, width: int) -> None:
        super().__init__(width, inverted=False)

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return sign_extend(vals[0] << (16 * vals[1]), self.width)


for _w in (32, 64):
    register(f"SHIFTD{_w}", DecimalShift(_w, ror=False))
    register(f"LSHIFTD{_w}", DecimalShift(_w, ror=True))
    register(f"SLOGIMM{_w}", SignedLogImm(_w))
    register(f"SMOVZ{_w}", SignedMovZ(_w))
register("HWD", DecimalHw())


class ImmShift12(Kind):
    """The ``lsl #12`` of the add/subtract immediates, from the 1-bit ``sh`` (value 0 or 12)."""

    expected = "a shift of 0 or 12"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return 12 * vals[0]

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, int)
        return f"lsl #{value}"

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if value not in (0, 12) or isinstance(value, bool):
            raise b.error(value, "0 or 12")
        assert isinstance(value, int)
        return (value // 12,)


register("LSL12", ImmShift12())
