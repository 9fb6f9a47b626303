"""System operands: barrier options, prefetch operations, system registers, PSTATE fields."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from . import Bound, Kind, register
from .core import fmt_imm
from .sysregs import SYSREG_BY_NAME, SYSREG_NAMES, SYSREG_READ_NAMES, SYSREG_WRITE_NAMES

__all__ = ["BARRIER_OPTIONS", "PREFETCH_OPS", "PSTATE_FIELDS"]


class Named(Kind):
    """A field (or fields, concatenated) printed by name, else as ``#imm``."""

    arity = None

    def __init__(self, names: Mapping[int, str], expected: str) -> None:
        self.names = dict(names)
        self.by_name = {v: k for k, v in self.names.items()}
        self.expected = expected

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> object:
        value = 0
        for f, v in zip(b.fields, vals, strict=True):
            value = (value << f.width) | v
        return self.names.get(value, value)

    def render(self, value: object, b: Bound) -> str:
        return value if isinstance(value, str) else fmt_imm(int(value))  # type: ignore[call-overload]

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        width = sum(b.widths)
        if isinstance(value, str):
            if value.lower() not in self.by_name:
                raise b.error(value, ", ".join(sorted(self.by_name)) + f" or #0-{(1 << width) - 1}")
            num = self.by_name[value.lower()]
        elif isinstance(value, int) and 0 <= value < (1 << width):
            num = value
        else:
            raise b.error(value, f"a name or #0-{(1 << width) - 1}")
        out: list[int] = []
        for f in reversed(b.fields):
            out.append(num & ((1 << f.width) - 1))
            num >>= f.width
        return tuple(reversed(out))


#: DMB/DSB option names by CRm (Arm ARM, "DMB"/"DSB" <option>).
BARRIER_OPTIONS: Mapping[int, str] = {
    0b0001: "oshld", 0b0010: "oshst", 0b0011: "osh",
    0b0101: "nshld", 0b0110: "nshst", 0b0111: "nsh",
    0b1001: "ishld", 0b1010: "ishst", 0b1011: "ish",
    0b1101: "ld", 0b1110: "st", 0b1111: "sy",
}  # fmt: skip
register("BARRIER", Named(BARRIER_OPTIONS, "a barrier option (sy, ish, ishld, ...)"))

#: DSB nXS option names by imm2 (FEAT_XS).
register("BARRIER_NXS", Named({0: "oshnxs", 1: "nshnxs", 2: "ishnxs", 3: "synxs"}, "an nXS barrier option"))


def _prefetch_ops() -> dict[int, str]:
    ops: dict[int, str] = {}
    for t, tname in enumerate(("pld", "pli", "pst")):
        for target in range(3):
            for policy, pname in enumerate(("keep", "strm")):
                ops[(t << 3) | (target << 1) | policy] = f"{tname}l{target + 1}{pname}"
    return ops


#: PRFM <prfop> names by Rt (type:target:policy).
PREFETCH_OPS: Mapping[int, str] = _prefetch_ops()
register("PRFOP", Named(PREFETCH_OPS, "a prefetch operation (pldl1keep, ...)"))

#: MSR (immediate) PSTATE field names by op1:op2.
PSTATE_FIELDS: Mapping[int, str] = {
    (0 << 3) | 3: "uao", (0 << 3) | 4: "pan", (0 << 3) | 5: "spsel",
    (3 << 3) | 1: "ssbs", (3 << 3) | 2: "dit", (3 << 3) | 4: "tco",
    (3 << 3) | 6: "daifset", (3 << 3) | 7: "daifclr",
}  # fmt: skip
register("PSTATEFIELD", Named(PSTATE_FIELDS, "a PSTATE field (spsel, daifset, ...)"))


_GENERIC = re.compile(r"s[0-9]+_[0-9]+_c[0-9]+_c[0-9]+_[0-9]+")


class SysReg(Kind):
    """A system register from (o0, op1, CRn, CRm, op2), by name or ``s<op0>_<op1>_c<n>_c<m>_<op2>``.

    ``names`` decides which registers print by name: MRS uses the readable
    ones, MSR the writeable ones (a read-only register written by MSR prints
    generically, as LLVM does).
    """

    arity = 5
    expected = "a system register (a name, or s<op0>_<op1>_c<n>_c<m>_<op2>)"
    pattern = r"[A-Za-z][A-Za-z0-9_]*"

    def __init__(self, names: Mapping[int, str]) -> None:
        self.names = names

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        """A register name, or the generic ``s3_0_c1_c0_0`` spelling (also for named registers)."""
        t = text.strip().lower()
        if t not in SYSREG_BY_NAME and _GENERIC.fullmatch(t) is None:
            return []  # not a system register name: a syntax error, not a range error
        return [self.encode(b, t, pc)]

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        o0, op1, crn, crm, op2 = vals
        key = (o0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2
        name = self.names.get(key | 0x8000)
        return name if name else f"s{2 + o0}_{op1}_c{crn}_c{crm}_{op2}"

    def render(self, value: object, b: Bound) -> str:
        return str(value)

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        text = str(value).lower()
        enc = SYSREG_BY_NAME.get(text)
        if enc is None:
            parts = text.split("_")
            try:
                if len(parts) != 5 or parts[0][0] != "s" or parts[2][0] != "c" or parts[3][0] != "c":
                    raise ValueError(text)
                op0, op1 = int(parts[0][1:]), int(parts[1])
                crn, crm, op2 = int(parts[2][1:]), int(parts[3][1:]), int(parts[4])
            except (ValueError, IndexError):
                raise b.error(value, "a system register name or s<2-3>_<0-7>_c<0-15>_c<0-15>_<0-7>") from None
            if op0 not in (2, 3) or op1 > 7 or crn > 15 or crm > 15 or op2 > 7:
                raise b.error(value, "s<2-3>_<0-7>_c<0-15>_c<0-15>_<0-7>")
            enc = (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2
        return ((enc >> 14) & 1, (enc >> 11) & 7, (enc >> 7) & 15, (enc >> 3) & 15, enc & 7)


register("SYSREG", SysReg(SYSREG_NAMES))
register("SYSREG_R", SysReg(SYSREG_READ_NAMES))
register("SYSREG_W", SysReg(SYSREG_WRITE_NAMES))


class CReg(Kind):
    """A SYS/SYSL ``Cn`` operand (``c7``): CRn or CRm, 0-15."""

    expected = "c0-c15"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> int:
        return vals[0]

    def render(self, value: object, b: Bound) -> str:
        return f"c{value}"

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if isinstance(value, str) and value.lower().startswith("c") and value[1:].isdigit():
            value = int(value[1:])
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 15:
            raise b.error(value, "c0-c15")
        return (value,)


register("CR", CReg())

#: BTI targets by op2 (bits 7:6 of the hint: op2<2:1>).
register("BTI", Named({0b000: "", 0b010: "c", 0b100: "j", 0b110: "jc"}, "a BTI target (c, j, jc)"))
