"""Register values: ``X0``..``X30``, ``XZR``, ``SP``, ``W0``..``W30``, ``WZR``, ``WSP``.

Register number 31 means the zero register or the stack pointer depending on
the operand; the objects keep the two apart, so an encoder can refuse ``SP``
where the encoding reads 31 as ``XZR`` (the kernel's ``AARCH64_INSN_REG_SP``
and ``AARCH64_INSN_REG_ZR`` are both 31 and cannot).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

__all__ = [
    "FP",
    "LR",
    "SP",
    "WSP",
    "WZR",
    "XZR",
    "Reg",
    "RegClass",
    "gpr",
]


class RegClass(enum.Enum):
    """What kind of register a :class:`Reg` is."""

    GPR = "gpr"  # x0-x30 / w0-w30
    ZR = "zr"  # xzr / wzr (number 31)
    SP = "sp"  # sp / wsp (number 31)


@dataclass(frozen=True, slots=True)
class Reg:
    """A general-purpose register operand: its number, width and class."""

    num: int
    width: int
    cls: RegClass = RegClass.GPR

    @property
    def name(self) -> str:
        """The assembly name (``x9``, ``wzr``, ``sp``)."""
        if self.cls is RegClass.SP:
            return "sp" if self.width == 64 else "wsp"
        if self.cls is RegClass.ZR:
            return "xzr" if self.width == 64 else "wzr"
        return f"{'x' if self.width == 64 else 'w'}{self.num}"

    def __repr__(self) -> str:
        return self.name.upper()

    def __str__(self) -> str:
        return self.name

    @property
    def is_sp(self) -> bool:
        """True for ``sp`` and ``wsp``."""
        return self.cls is RegClass.SP

    @property
    def is_zr(self) -> bool:
        """True for ``xzr`` and ``wzr``."""
        return self.cls is RegClass.ZR


def gpr(num: int, width: int = 64) -> Reg:
    """``x<num>`` / ``w<num>`` for 0..30 (31 is ambiguous: use XZR or SP)."""
    if not 0 <= num <= 30:
        raise ValueError(f"gpr(num={num}): general registers are 0..30; use XZR/WZR or SP/WSP for 31")
    if width not in (32, 64):
        raise ValueError(f"gpr(width={width}): width is 32 or 64")
    return Reg(num, width)


XZR: Final = Reg(31, 64, RegClass.ZR)
WZR: Final = Reg(31, 32, RegClass.ZR)
SP: Final = Reg(31, 64, RegClass.SP)
WSP: Final = Reg(31, 32, RegClass.SP)

_g = globals()
for _n in range(31):
    _g[f"X{_n}"] = Reg(_n, 64)
    _g[f"W{_n}"] = Reg(_n, 32)
del _g, _n

X0: Reg
X1: Reg
X2: Reg
X3: Reg
X4: Reg
X5: Reg
X6: Reg
X7: Reg
X8: Reg
X9: Reg
X10: Reg
X11: Reg
X12: Reg
X13: Reg
X14: Reg
X15: Reg
X16: Reg
X17: Reg
X18: Reg
X19: Reg
X20: Reg
X21: Reg
X22: Reg
X23: Reg
X24: Reg
X25: Reg
X26: Reg
X27: Reg
X28: Reg
X29: Reg
X30: Reg
W0: Reg
W1: Reg
W2: Reg
W3: Reg
W4: Reg
W5: Reg
W6: Reg
W7: Reg
W8: Reg
W9: Reg
W10: Reg
W11: Reg
W12: Reg
W13: Reg
W14: Reg
W15: Reg
W16: Reg
W17: Reg
W18: Reg
W19: Reg
W20: Reg
W21: Reg
W22: Reg
W23: Reg
W24: Reg
W25: Reg
W26: Reg
W27: Reg
W28: Reg
W29: Reg
W30: Reg

#: The frame pointer, ``x29``.
FP: Final = Reg(29, 64)
#: The link register, ``x30``.
LR: Final = Reg(30, 64)

__all__ += [f"X{n}" for n in range(31)] + [f"W{n}" for n in range(31)]
