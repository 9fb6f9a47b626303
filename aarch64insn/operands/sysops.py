"""Operand kinds of the SYS aliases: DC, IC, AT, TLBI (incl. nXS), BRB and the RCTX prediction restrictions.

The operation names and their (op1, CRn, CRm, op2) come from the Arm ARM's
system instruction tables, in the set LLVM 14's ``AArch64SystemOperands.td``
lists. An operation either takes a register (``dc civac, x0``) or not
(``tlbi vmalle1``); for the latter the register is optional in the Arm
syntax (``{, <Xt>}``, default 31) and is printed only when it is not 31.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..registers import Reg, RegClass
from . import Bound, Kind, register

__all__ = ["AT_OPS", "BRB_OPS", "DC_OPS", "IC_OPS", "TLBI_OPS", "sysop_key"]


def sysop_key(op1: int, crn: int, crm: int, op2: int) -> int:
    """The 14-bit op1:CRn:CRm:op2 value."""
    return (op1 << 11) | (crn << 7) | (crm << 3) | op2


# name: (op1, CRn, CRm, op2, needs a register) -----------------------------------------

#: DC <dc_op>, <Xt> (CRn = 7); every DC operation takes a register.
DC_OPS: Mapping[str, tuple[int, int, int, int, bool]] = {
    "zva": (3, 7, 4, 1, True), "ivac": (0, 7, 6, 1, True), "isw": (0, 7, 6, 2, True),
    "cvac": (3, 7, 10, 1, True), "csw": (0, 7, 10, 2, True), "cvau": (3, 7, 11, 1, True),
    "civac": (3, 7, 14, 1, True), "cisw": (0, 7, 14, 2, True), "cvap": (3, 7, 12, 1, True),
    "cvadp": (3, 7, 13, 1, True),
    "igvac": (0, 7, 6, 3, True), "igsw": (0, 7, 6, 4, True), "cgsw": (0, 7, 10, 4, True),
    "cigsw": (0, 7, 14, 4, True), "cgvac": (3, 7, 10, 3, True), "cgvap": (3, 7, 12, 3, True),
    "cgvadp": (3, 7, 13, 3, True), "cigvac": (3, 7, 14, 3, True), "gva": (3, 7, 4, 3, True),
    "igdvac": (0, 7, 6, 5, True), "igdsw": (0, 7, 6, 6, True), "cgdsw": (0, 7, 10, 6, True),
    "cigdsw": (0, 7, 14, 6, True), "cgdvac": (3, 7, 10, 5, True), "cgdvap": (3, 7, 12, 5, True),
    "cgdvadp": (3, 7, 13, 5, True), "cigdvac": (3, 7, 14, 5, True), "gzva": (3, 7, 4, 4, True),
}  # fmt: skip

#: IC <ic_op>{, <Xt>} (CRn = 7).
IC_OPS: Mapping[str, tuple[int, int, int, int, bool]] = {
    "ialluis": (0, 7, 1, 0, False), "iallu": (0, 7, 5, 0, False), "ivau": (3, 7, 5, 1, True),
}  # fmt: skip

#: AT <at_op>, <Xt> (CRn = 7).
AT_OPS: Mapping[str, tuple[int, int, int, int, bool]] = {
    "s1e1r": (0, 7, 8, 0, True), "s1e2r": (4, 7, 8, 0, True), "s1e3r": (6, 7, 8, 0, True),
    "s1e1w": (0, 7, 8, 1, True), "s1e2w": (4, 7, 8, 1, True), "s1e3w": (6, 7, 8, 1, True),
    "s1e0r": (0, 7, 8, 2, True), "s1e0w": (0, 7, 8, 3, True), "s12e1r": (4, 7, 8, 4, True),
    "s12e1w": (4, 7, 8, 5, True), "s12e0r": (4, 7, 8, 6, True), "s12e0w": (4, 7, 8, 7, True),
    "s1e1rp": (0, 7, 9, 0, True), "s1e1wp": (0, 7, 9, 1, True),
}  # fmt: skip

#: TLBI <tlbi_op>{, <Xt>} with CRn = 8; each also exists as <op>nxs with CRn = 9 (FEAT_XS).
_TLBI_BASE: dict[str, tuple[int, int, int, bool]] = {
    # name: (op1, CRm, op2, needs a register)
    "ipas2e1is": (4, 0, 1, True), "ipas2le1is": (4, 0, 5, True), "vmalle1is": (0, 3, 0, False),
    "alle2is": (4, 3, 0, False), "alle3is": (6, 3, 0, False), "vae1is": (0, 3, 1, True),
    "vae2is": (4, 3, 1, True), "vae3is": (6, 3, 1, True), "aside1is": (0, 3, 2, True),
    "vaae1is": (0, 3, 3, True), "alle1is": (4, 3, 4, False), "vale1is": (0, 3, 5, True),
    "vale2is": (4, 3, 5, True), "vale3is": (6, 3, 5, True), "vmalls12e1is": (4, 3, 6, False),
    "vaale1is": (0, 3, 7, True), "ipas2e1": (4, 4, 1, True), "ipas2le1": (4, 4, 5, True),
    "vmalle1": (0, 7, 0, False), "alle2": (4, 7, 0, False), "alle3": (6, 7, 0, False),
    "vae1": (0, 7, 1, True), "vae2": (4, 7, 1, True), "vae3": (6, 7, 1, True),
    "aside1": (0, 7, 2, True), "vaae1": (0, 7, 3, True), "alle1": (4, 7, 4, False),
    "vale1": (0, 7, 5, True), "vale2": (4, 7, 5, True), "vale3": (6, 7, 5, True),
    "vmalls12e1": (4, 7, 6, False), "vaale1": (0, 7, 7, True),
    # FEAT_TLBIOS, FEAT_TLBIRANGE (Armv8.4)
    "vmalle1os": (0, 1, 0, False), "vae1os": (0, 1, 1, True), "aside1os": (0, 1, 2, True),
    "vaae1os": (0, 1, 3, True), "vale1os": (0, 1, 5, True), "vaale1os": (0, 1, 7, True),
    "ipas2e1os": (4, 4, 0, True), "ipas2le1os": (4, 4, 4, True), "vae2os": (4, 1, 1, True),
    "vale2os": (4, 1, 5, True), "vmalls12e1os": (4, 1, 6, False), "vae3os": (6, 1, 1, True),
    "vale3os": (6, 1, 5, True), "alle2os": (4, 1, 0, False), "alle1os": (4, 1, 4, False),
    "alle3os": (6, 1, 0, False),
    "rvae1": (0, 6, 1, True), "rvaae1": (0, 6, 3, True), "rvale1": (0, 6, 5, True),
    "rvaale1": (0, 6, 7, True), "rvae1is": (0, 2, 1, True), "rvaae1is": (0, 2, 3, True),
    "rvale1is": (0, 2, 5, True), "rvaale1is": (0, 2, 7, True), "rvae1os": (0, 5, 1, True),
    "rvaae1os": (0, 5, 3, True), "rvale1os": (0, 5, 5, True), "rvaale1os": (0, 5, 7, True),
    "ripas2e1is": (4, 0, 2, True), "ripas2le1is": (4, 0, 6, True), "ripas2e1": (4, 4, 2, True),
    "ripas2le1": (4, 4, 6, True), "ripas2e1os": (4, 4, 3, True), "ripas2le1os": (4, 4, 7, True),
    "rvae2": (4, 6, 1, True), "rvale2": (4, 6, 5, True), "rvae2is": (4, 2, 1, True),
    "rvale2is": (4, 2, 5, True), "rvae2os": (4, 5, 1, True), "rvale2os": (4, 5, 5, True),
    "rvae3": (6, 6, 1, True), "rvale3": (6, 6, 5, True), "rvae3is": (6, 2, 1, True),
    "rvale3is": (6, 2, 5, True), "rvae3os": (6, 5, 1, True), "rvale3os": (6, 5, 5, True),
    # FEAT_RME
    "rpaos": (6, 4, 3, True), "rpalos": (6, 4, 7, True), "paallos": (6, 1, 4, False),
    "paall": (6, 7, 4, False),
}  # fmt: skip

TLBI_OPS: Mapping[str, tuple[int, int, int, int, bool]] = {
    **{n: (op1, 8, crm, op2, reg) for n, (op1, crm, op2, reg) in _TLBI_BASE.items()},
    **{n + "nxs": (op1, 9, crm, op2, reg) for n, (op1, crm, op2, reg) in _TLBI_BASE.items()},
}

#: BRB <brb_op>{, <Xt>} (FEAT_BRBE): SYS #1, C7, C2, #4/#5.
BRB_OPS: Mapping[str, tuple[int, int, int, int, bool]] = {
    "iall": (1, 7, 2, 4, False), "inj": (1, 7, 2, 5, False),
}  # fmt: skip


_OPERAND = re.compile(r"([a-z0-9]+)(?:\s*,\s*([a-z0-9]+))?")


class SysOp(Kind):
    """A SYS alias operand from (op1, CRn, CRm, op2, Rt): ``civac, x0``, ``vmalle1``.

    The value is ``(name, Reg | None)``; the register is None when the
    operation takes none and Rt is 31.
    """

    arity = 5
    #: the operation name, then an optional ``, <Xt>``
    pattern = r"[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)?"

    def __init__(self, ops: Mapping[str, tuple[int, int, int, int, bool]], what: str) -> None:
        self.ops = ops
        self.by_key = {sysop_key(*v[:4]): (n, v[4]) for n, v in ops.items()}
        self.expected = f"a {what} operation ({', '.join(list(ops)[:4])}, ...)"
        self.what = what

    def keys(self) -> frozenset[int]:
        """The op1:CRn:CRm:op2 values this kind names (for alias conditions and tests)."""
        return frozenset(self.by_key)

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> object:
        op1, crn, crm, op2, rt = vals
        name, needs_reg = self.by_key[sysop_key(op1, crn, crm, op2)]
        if not needs_reg and rt == 31:
            return (name, None)
        return (name, Reg(31, 64, RegClass.ZR) if rt == 31 else Reg(rt, 64))

    def render(self, value: object, b: Bound) -> str:
        assert isinstance(value, tuple)
        name, reg = value
        return name if reg is None else f"{name}, {reg.name}"

    def parse(self, b: Bound, text: str, pc: int, symbols: Mapping[str, int]) -> list[tuple[int, ...]]:
        """``civac, x0`` / ``vmalle1``: the fields are 19 bits wide, too many to enumerate."""
        m = _OPERAND.fullmatch(text.strip().lower())
        if m is None or m[1] not in self.ops:
            return []
        reg: Reg | None = None
        if m[2] is not None:
            name = {"lr": "x30", "fp": "x29"}.get(m[2], m[2])
            if name == "xzr":
                reg = Reg(31, 64, RegClass.ZR)
            elif name[0] == "x" and name[1:].isdigit() and int(name[1:]) <= 30:
                reg = Reg(int(name[1:]), 64)
            elif name in ("sp", "wsp", "wzr") or (name[0] == "w" and name[1:].isdigit()):
                raise b.error(name, "a 64-bit register x0-x30 or xzr")
            else:
                return []
        return [self.encode(b, (m[1], reg), pc)]

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        if isinstance(value, str):
            value = (value, None)
        if not isinstance(value, tuple) or len(value) != 2 or not isinstance(value[0], str):
            raise b.error(value, f"({self.what} operation name, register or None)")
        name, reg = value[0].lower(), value[1]
        op = self.ops.get(name)
        if op is None:
            raise b.error(value, ", ".join(self.ops))
        if reg is None:
            if op[4]:
                raise b.error(value, f"{self.what} {name} needs a register x0-x30 or xzr")
            rt = 31
        elif isinstance(reg, Reg) and reg.width == 64 and not reg.is_sp:
            rt = reg.num
        else:
            raise b.error(value, "a 64-bit register x0-x30 or xzr")
        return (op[0], op[1], op[2], op[3], rt)


DC_KIND = SysOp(DC_OPS, "DC")
IC_KIND = SysOp(IC_OPS, "IC")
AT_KIND = SysOp(AT_OPS, "AT")
TLBI_KIND = SysOp(TLBI_OPS, "TLBI")
BRB_KIND = SysOp(BRB_OPS, "BRB")
register("DCOP", DC_KIND)
register("ICOP", IC_KIND)
register("ATOP", AT_KIND)
register("TLBIOP", TLBI_KIND)
register("BRBOP", BRB_KIND)
