"""Operand-level builders: ``build.bl(target, pc=...)``, ``build.mov(X9, LR)``...

Each builder picks the table row from its operands' types and fills the row's
template through the operand kinds (:func:`aarch64insn.encode_operands`), so
range and register-class checks are the kinds' own and every error names the
encoding, the operand, the value and the legal range. Builders return the
32-bit word as an ``int``, like the kernel's ``aarch64_insn_gen_*`` helpers.

>>> from aarch64insn import build, X9, LR, X29, X30, SP
>>> hex(build.bl(0x1100, pc=0x1000))
'0x94000040'
>>> hex(build.mov(X9, LR))
'0xaa1e03e9'
>>> hex(build.stp(X29, X30, build.pre(SP, -16)))
'0xa9bf7bfd'
"""

from __future__ import annotations

from dataclasses import dataclass

from .codec import encode_operands
from .errors import EncodeError
from .registers import Reg

__all__ = [
    "Mem",
    "add",
    "adds",
    "adr",
    "adrp",
    "and_",
    "b",
    "b_cond",
    "bl",
    "blr",
    "br",
    "brk",
    "cbnz",
    "cbz",
    "dmb",
    "dsb",
    "eor",
    "hint",
    "isb",
    "ldp",
    "ldr",
    "mov",
    "movk",
    "movn",
    "movz",
    "mrs",
    "msr",
    "nop",
    "off",
    "orr",
    "post",
    "pre",
    "ret",
    "stp",
    "str_",
    "sub",
    "subs",
    "svc",
]


@dataclass(frozen=True, slots=True)
class Mem:
    """A memory operand: base register, byte offset, addressing mode (``off``, ``pre``, ``post``)."""

    base: Reg
    offset: int = 0
    mode: str = "off"


def off(base: Reg, offset: int = 0) -> Mem:
    """``[base, #offset]``."""
    return Mem(base, offset, "off")


def pre(base: Reg, offset: int) -> Mem:
    """``[base, #offset]!`` (pre-index, writes back)."""
    return Mem(base, offset, "pre")


def post(base: Reg, offset: int) -> Mem:
    """``[base], #offset`` (post-index, writes back)."""
    return Mem(base, offset, "post")


def _size(reg: Reg, what: str) -> str:
    if not isinstance(reg, Reg):
        raise EncodeError(f"{what}: expected a register, got {reg!r}", argument=what, value=reg)
    return "64" if reg.width == 64 else "32"


# Branches ------------------------------------------------------------------------------


def b(target: int, *, pc: int) -> int:
    """``b target`` (reach: pc - 128 MiB .. pc + 128 MiB - 4)."""
    return encode_operands("B_only_branch_imm", target, pc=pc)


def bl(target: int, *, pc: int) -> int:
    """``bl target`` (reach: pc - 128 MiB .. pc + 128 MiB - 4)."""
    return encode_operands("BL_only_branch_imm", target, pc=pc)


def b_cond(cond: str, target: int, *, pc: int) -> int:
    """``b.<cond> target`` (reach: ±1 MiB)."""
    return encode_operands("B_only_condbranch", cond, target, pc=pc)


def cbz(rt: Reg, target: int, *, pc: int) -> int:
    """``cbz rt, target``."""
    return encode_operands(f"CBZ_{_size(rt, 'rt')}_compbranch", rt, target, pc=pc)


def cbnz(rt: Reg, target: int, *, pc: int) -> int:
    """``cbnz rt, target``."""
    return encode_operands(f"CBNZ_{_size(rt, 'rt')}_compbranch", rt, target, pc=pc)


def br(rn: Reg) -> int:
    """``br rn``."""
    return encode_operands("BR_64_branch_reg", rn)


def blr(rn: Reg) -> int:
    """``blr rn``."""
    return encode_operands("BLR_64_branch_reg", rn)


def ret(rn: Reg | None = None) -> int:
    """``ret`` (``ret rn`` when *rn* is given)."""
    return encode_operands("RET_64R_branch_reg", *(() if rn is None else (rn,)))


# Exceptions, hints, barriers, system ---------------------------------------------------


def brk(imm: int) -> int:
    """``brk #imm``."""
    return encode_operands("BRK_EX_exception", imm)


def svc(imm: int) -> int:
    """``svc #imm``."""
    return encode_operands("SVC_EX_exception", imm)


def nop() -> int:
    """``nop``."""
    return encode_operands("NOP_HI_hints")


def hint(imm: int) -> int:
    """``hint #imm`` (0..127); the word may print as a named hint."""
    return encode_operands("HINT_HM_hints", imm)


def isb() -> int:
    """``isb``."""
    return encode_operands("ISB_BI_barriers")


def dmb(option: str) -> int:
    """``dmb <option>`` (``ish``, ``ishst``, ``sy``...)."""
    return encode_operands("DMB_BO_barriers", option)


def dsb(option: str) -> int:
    """``dsb <option>``."""
    return encode_operands("DSB_BO_barriers", option)


def mrs(rt: Reg, sysreg: str) -> int:
    """``mrs rt, <sysreg>``."""
    return encode_operands("MRS_RS_systemmove", rt, sysreg)


def msr(sysreg: str, rt: Reg) -> int:
    """``msr <sysreg>, rt``."""
    return encode_operands("MSR_SR_systemmove", sysreg, rt)


# Moves and arithmetic -------------------------------------------------------------------


def mov(rd: Reg, src: Reg | int) -> int:
    """``mov rd, src``: register (ORR, or ADD #0 when SP is involved) or immediate (MOVZ/MOVN/ORR)."""
    size = _size(rd, "rd")
    if isinstance(src, Reg):
        if rd.is_sp or src.is_sp:
            return encode_operands(f"MOV_ADD_{size}_addsub_imm", rd, src)
        return encode_operands(f"MOV_ORR_{size}_log_shift", rd, src)
    errors: list[str] = []
    for rid in (f"MOV_MOVZ_{size}_movewide", f"MOV_MOVN_{size}_movewide", f"MOV_ORR_{size}_log_imm"):
        try:
            return encode_operands(rid, rd, src)
        except EncodeError as err:
            errors.append(str(err))
    raise EncodeError(
        f"mov {rd}, {src!r}: not encodable as MOVZ, MOVN or a bitmask immediate ({'; '.join(errors)})",
        argument="src",
        value=src,
    )


def movz(rd: Reg, imm16: int, shift: int = 0) -> int:
    """``movz rd, #imm16, lsl #shift``."""
    return encode_operands(f"MOVZ_{_size(rd, 'rd')}_movewide", rd, imm16, shift)


def movk(rd: Reg, imm16: int, shift: int = 0) -> int:
    """``movk rd, #imm16, lsl #shift``."""
    return encode_operands(f"MOVK_{_size(rd, 'rd')}_movewide", rd, imm16, shift)


def movn(rd: Reg, imm16: int, shift: int = 0) -> int:
    """``movn rd, #imm16, lsl #shift``."""
    return encode_operands(f"MOVN_{_size(rd, 'rd')}_movewide", rd, imm16, shift)


def _addsub(name: str, rd: Reg, rn: Reg, op: Reg | int) -> int:
    size = _size(rd, "rd")
    if isinstance(op, Reg):
        return encode_operands(f"{name}_{size}_addsub_shift", rd, rn, op)
    rid = f"{name}_{size}{'S' if name.endswith('S') else ''}_addsub_imm"  # Arm: ADDS_64S_addsub_imm
    if isinstance(op, int) and op >= 0 and op > 0xFFF and op & 0xFFF == 0:
        return encode_operands(rid, rd, rn, op >> 12, sh=1)
    return encode_operands(rid, rd, rn, op)


def add(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``add rd, rn, #imm`` (12 bits, or 12 bits shifted by 12) or ``add rd, rn, rm``."""
    return _addsub("ADD", rd, rn, op)


def adds(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``adds rd, rn, op``."""
    return _addsub("ADDS", rd, rn, op)


def sub(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``sub rd, rn, op``."""
    return _addsub("SUB", rd, rn, op)


def subs(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``subs rd, rn, op``."""
    return _addsub("SUBS", rd, rn, op)


def _logical(name: str, rd: Reg, rn: Reg, op: Reg | int) -> int:
    size = _size(rd, "rd")
    if isinstance(op, Reg):
        return encode_operands(f"{name}_{size}_log_shift", rd, rn, op)
    return encode_operands(f"{name}_{size}{'S' if name == 'ANDS' else ''}_log_imm", rd, rn, op)


def and_(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``and rd, rn, op`` (bitmask immediate or register)."""
    return _logical("AND", rd, rn, op)


def orr(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``orr rd, rn, op``."""
    return _logical("ORR", rd, rn, op)


def eor(rd: Reg, rn: Reg, op: Reg | int) -> int:
    """``eor rd, rn, op``."""
    return _logical("EOR", rd, rn, op)


def adr(rd: Reg, target: int, *, pc: int) -> int:
    """``adr rd, target`` (±1 MiB)."""
    return encode_operands("ADR_only_pcreladdr", rd, target, pc=pc)


def adrp(rd: Reg, target: int, *, pc: int) -> int:
    """``adrp rd, target`` (the 4 KiB page of *target*, ±4 GiB)."""
    return encode_operands("ADRP_only_pcreladdr", rd, target, pc=pc)


# Loads and stores -----------------------------------------------------------------------

_PAIR = {"off": "off", "pre": "pre", "post": "post"}
_SINGLE = {"off": "pos", "pre": "immpre", "post": "immpost"}


def _pair(name: str, rt: Reg, rt2: Reg, mem: Mem) -> int:
    size = _size(rt, "rt")
    return encode_operands(f"{name}_{size}_ldstpair_{_PAIR[mem.mode]}", rt, rt2, mem.base, mem.offset)


def stp(rt: Reg, rt2: Reg, mem: Mem) -> int:
    """``stp rt, rt2, <mem>`` with ``off``/``pre``/``post`` addressing."""
    return _pair("STP", rt, rt2, mem)


def ldp(rt: Reg, rt2: Reg, mem: Mem) -> int:
    """``ldp rt, rt2, <mem>``."""
    return _pair("LDP", rt, rt2, mem)


def _single(name: str, rt: Reg, mem: Mem) -> int:
    size = _size(rt, "rt")
    return encode_operands(f"{name}_{size}_ldst_{_SINGLE[mem.mode]}", rt, mem.base, mem.offset)


def ldr(rt: Reg, mem: Mem) -> int:
    """``ldr rt, <mem>`` (unsigned scaled offset, or pre/post-index)."""
    return _single("LDR", rt, mem)


def str_(rt: Reg, mem: Mem) -> int:
    """``str rt, <mem>``."""
    return _single("STR", rt, mem)
