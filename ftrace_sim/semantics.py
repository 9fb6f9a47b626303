"""Instruction semantics, keyed by Arm encoding ID, with parameters named after the table's fields.

Each ``@semantics("ID", ...)`` function is a *compiler*: the CPU calls it once per
instruction address, with a :class:`Ctx` (the CPU's register file, memory, the
instruction's pc) and the decoded fields as keyword arguments spelled exactly as
in the table (``Rd``, ``Rn``, ``imm12``, ``sh`` ...).  It returns an
:data:`Op`: a closure specialised for that one instruction (register numbers,
immediates, branch targets and widths are baked in) that executes it and returns
the next pc.  This is the py65/tinyRV decorator table turned into a tiny
closure compiler: the style guide's example 5 executes with the fields on every
step, which costs a decode and a keyword dispatch per instruction; compiling once
per address is what makes single-stepping cheap (see bench/bench_sim.py).

Register file (``Ctx.r`` / ``Cpu.r``), one Python list per CPU::

    r[0..30]   X0..X30
    r[31]      the zero register: always 0, never written (reads of "31 means ZR")
    r[32]      SP (SP_EL1: the simulated CPU runs at EL1 with SPSel=1)
    r[33]      a sink: writes to "31 means ZR" destinations land here and are discarded
    r[34]      NZCV as four bits: N=8, Z=4, C=2, V=1

So ``x_or_zr(n)`` is ``r[n]``, ``sp_or_x(n)`` is ``r[32 if n == 31 else n]``,
and the compiler resolves "31 means ZR or SP" once, not at every step.  Values
are unsigned Python ints below 2**64; W results are zero-extended.

Simplifications (each matches what unicorn does in its default EL1 state):

* Memory is sequentially consistent: one step is atomic; DMB/DSB are no-ops and
  acquire/release accesses are plain accesses.  ISB is a context
  synchronisation event: it calls :meth:`Cpu.context_sync` (counter + hooks).
* Pointer authentication is disabled (SCTLR_EL1.EnIA/EnIB = 0), so PACIASP,
  AUTIASP and the other PAC hints execute as NOPs; BTI is not enforced.
  XPACLRI strips nothing (no pointer is ever signed).
* Exclusives use a simple global monitor: LDXR reserves a 16-byte granule for
  its CPU; any write to the granule (by any CPU, including plain stores and
  text pokes) clears every reservation on it; STXR succeeds only if its CPU
  still holds a reservation made at the same address with the same size.
* Misaligned data accesses are allowed (SCTLR_EL1.A = 0) except where the
  architecture requires alignment: exclusives, LSE atomics, CAS and
  load-acquire/store-release (no FEAT_LSE2).  SP used as a base register must
  be 16-byte aligned (SCTLR_EL1.SA = 1, as Linux sets it).
* CONSTRAINED UNPREDICTABLE words (``Insn.unpredictable``) are treated as
  UNDEFINED, one of the behaviours the architecture permits.
"""

from __future__ import annotations

import inspect
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from aarch64insn.bitmasks import decode_bit_masks
from aarch64insn.codec import ENCODINGS_BY_ID
from ftrace_sim.errors import Fault, FaultKind, SimError

if TYPE_CHECKING:
    from ftrace_sim.cpu import Bus, Cpu
    from ftrace_sim.memory import Memory

__all__ = [
    "COND_HOLDS",
    "NZCV",
    "REGISTRY",
    "SINK",
    "SP",
    "ZR",
    "Ctx",
    "Op",
    "Semantics",
    "add_with_carry",
    "semantics",
]

Op = Callable[[], int]
"""A compiled instruction: executes it and returns the next pc."""

ZR: Final = 31
"""Index of the always-zero slot of the register file."""
SP: Final = 32
"""Index of SP in the register file."""
SINK: Final = 33
"""Index of the discard slot: the destination of writes to the zero register."""
NZCV: Final = 34
"""Index of the flags (N=8, Z=4, C=2, V=1) in the register file."""

M64: Final = 0xFFFF_FFFF_FFFF_FFFF
M32: Final = 0xFFFF_FFFF


def _holds(cond: int, nzcv: int) -> bool:
    n, z, c, v = (nzcv >> 3) & 1, (nzcv >> 2) & 1, (nzcv >> 1) & 1, nzcv & 1
    base = cond >> 1
    if base == 0:
        result = z == 1
    elif base == 1:
        result = c == 1
    elif base == 2:
        result = n == 1
    elif base == 3:
        result = v == 1
    elif base == 4:
        result = c == 1 and z == 0
    elif base == 5:
        result = n == v
    elif base == 6:
        result = n == v and z == 0
    else:
        return True  # AL and NV both mean "always"
    return result != bool(cond & 1)


COND_HOLDS: tuple[tuple[bool, ...], ...] = tuple(tuple(_holds(c, f) for f in range(16)) for c in range(16))
"""``COND_HOLDS[cond][nzcv]``: does condition ``cond`` (EQ=0 ... NV=15) hold for these flags?"""


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class Semantics:
    """One registered compiler: the rows it serves, its field parameters, and its checks."""

    ids: tuple[str, ...]
    fn: Callable[..., Op]
    params: tuple[str, ...]
    base_register: bool
    """True for memory accesses whose ``Rn`` is a base register (31 = SP, alignment checked)."""


REGISTRY: dict[str, Semantics] = {}
"""Encoding ID -> its :class:`Semantics`; an ID missing here executes as Fault UNIMPLEMENTED."""


def semantics(*ids: str, base_register: bool = False) -> Callable[[Callable[..., Op]], Callable[..., Op]]:
    """Register a compiler for the encodings ``ids``.

    The function's first parameter is the :class:`Ctx`; every other parameter is
    keyword-only and named after a field of each row (checked at import).
    ``base_register=True`` marks a load/store whose ``Rn`` is a base register:
    when ``Rn`` is 31 (SP), the CPU checks SP's 16-byte alignment before the access.
    """

    def register(fn: Callable[..., Op]) -> Callable[..., Op]:
        sig = inspect.signature(fn)
        params = tuple(p.name for p in sig.parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY)
        entry = Semantics(tuple(ids), fn, params, base_register)
        for rid in ids:
            if rid in REGISTRY:
                raise SimError(f"{rid}: semantics registered twice ({REGISTRY[rid].fn.__name__}, {fn.__name__})")
            REGISTRY[rid] = entry
        return fn

    return register


def _check_registry() -> None:
    """Every key is a real table row and every parameter one of that row's fields."""
    for rid, entry in REGISTRY.items():
        row = ENCODINGS_BY_ID.get(rid)
        if row is None:
            raise SimError(f"{rid}: @semantics({entry.fn.__name__}) names no row of the aarch64insn table")
        missing = [p for p in entry.params if p not in row.fields]
        if missing:
            raise SimError(
                f"{rid}: {entry.fn.__name__}() takes field(s) {', '.join(missing)} that the row does not have; "
                f"its fields are {', '.join(row.fields)}"
            )
        if entry.base_register and "Rn" not in row.fields:
            raise SimError(f"{rid}: {entry.fn.__name__}() is marked base_register but the row has no Rn")


class Ctx:
    """What a compiler needs to specialise one instruction.

    Attributes:
        cpu: the CPU the closure is compiled for.
        r: its register file (see the module docstring for the layout).
        mem: the memory it accesses.
        bus: what the CPUs share (exclusive monitor).
        pc: the instruction's address; ``nxt`` is ``pc + 4``.
        id: the encoding ID of the row being compiled.
        sp_checked: set by a compiler whose closure checks SP alignment itself
            (otherwise the CPU wraps a ``base_register`` access whose Rn is SP).
    """

    __slots__ = ("bus", "cpu", "id", "mem", "nxt", "pc", "r", "sp_checked")

    def __init__(self, cpu: Cpu, pc: int, rid: str) -> None:
        self.cpu = cpu
        self.r: list[int] = cpu.r
        self.mem: Memory = cpu.memory
        self.bus: Bus = cpu.bus
        self.pc = pc
        self.nxt = (pc + 4) & M64
        self.id = rid
        self.sp_checked = False


def xw(n: int) -> int:
    """Register-file index of destination ``n`` where 31 means the zero register."""
    return SINK if n == 31 else n


def sx(n: int) -> int:
    """Register-file index of register ``n`` where 31 means SP (source or destination)."""
    return SP if n == 31 else n


def sign_extend(value: int, bits: int) -> int:
    """The low ``bits`` of ``value`` as a signed integer."""
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def add_with_carry(x: int, y: int, carry: int, width: int) -> tuple[int, int]:
    """Arm's ``AddWithCarry()``: the ``width``-bit sum and its NZCV (N=8, Z=4, C=2, V=1)."""
    mask = (1 << width) - 1
    total = x + y + carry
    res = total & mask
    top = width - 1
    nzcv = (
        ((res >> top) << 3)
        | ((res == 0) << 2)
        | ((total >> width) << 1)
        | ((((x ^ res) & (y ^ res)) >> top) & 1)
    )
    return res, nzcv


def _shifter(shift: int, amount: int, width: int) -> Callable[[int], int]:
    """``ShiftReg()`` for a fixed shift type (LSL, LSR, ASR, ROR) and amount, on a masked operand."""
    mask = (1 << width) - 1
    sb = 1 << (width - 1)
    if shift == 0:
        return lambda v: (v << amount) & mask
    if shift == 1:
        return lambda v: (v & mask) >> amount
    if shift == 2:
        return lambda v: ((((v & mask) ^ sb) - sb) >> amount) & mask
    if amount == 0:
        return lambda v: v & mask
    return lambda v: (((v & mask) >> amount) | (v << (width - amount))) & mask


def _extender(option: int, amount: int, width: int) -> Callable[[int], int]:
    """``ExtendReg()``: UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX, then LSL ``amount``."""
    mask = (1 << width) - 1
    bits = 8 << (option & 3)
    low = (1 << bits) - 1
    if option & 4:
        sb = 1 << (bits - 1)
        return lambda v: ((((v & low) ^ sb) - sb) << amount) & mask
    return lambda v: ((v & low) << amount) & mask


def _width(sf: int) -> tuple[int, int]:
    return (64, M64) if sf else (32, M32)


# --------------------------------------------------------------------------- data processing: immediate


@semantics("ADR_only_pcreladdr")
def adr(c: Ctx, *, immlo: int, immhi: int, Rd: int) -> Op:
    """ADR: Rd = pc + imm (the address is a constant of the compiled instruction)."""
    r, d, nxt = c.r, xw(Rd), c.nxt
    value = (c.pc + sign_extend((immhi << 2) | immlo, 21)) & M64

    def op() -> int:
        r[d] = value
        return nxt

    return op


@semantics("ADRP_only_pcreladdr")
def adrp(c: Ctx, *, immlo: int, immhi: int, Rd: int) -> Op:
    """ADRP: Rd = page(pc) + imm * 4096."""
    r, d, nxt = c.r, xw(Rd), c.nxt
    value = ((c.pc & ~0xFFF) + (sign_extend((immhi << 2) | immlo, 21) << 12)) & M64

    def op() -> int:
        r[d] = value
        return nxt

    return op


@semantics(
    "ADD_32_addsub_imm", "ADD_64_addsub_imm", "SUB_32_addsub_imm", "SUB_64_addsub_imm",
    "ADDS_32S_addsub_imm", "ADDS_64S_addsub_imm", "SUBS_32S_addsub_imm", "SUBS_64S_addsub_imm",
)  # fmt: skip
def addsub_imm(c: Ctx, *, sf: int, op: int, S: int, sh: int, imm12: int, Rn: int, Rd: int) -> Op:
    """ADD/SUB/ADDS/SUBS (immediate); also MOV to/from SP, CMP and CMN (immediate)."""
    r, nxt = c.r, c.nxt
    width, mask = _width(sf)
    imm = imm12 << (12 * sh)
    n = sx(Rn)
    if not S:
        d = sx(Rd)
        addend = (-imm if op else imm) & mask

        def add_imm() -> int:
            r[d] = (r[n] + addend) & mask
            return nxt

        return add_imm
    d = xw(Rd)
    y, carry = ((~imm) & mask, 1) if op else (imm, 0)
    top = width - 1

    def adds_imm() -> int:
        x = r[n] & mask
        total = x + y + carry
        res = total & mask
        r[d] = res
        r[NZCV] = (
            ((res >> top) << 3) | ((res == 0) << 2) | ((total >> width) << 1) | ((((x ^ res) & (y ^ res)) >> top) & 1)
        )
        return nxt

    return adds_imm


@semantics(
    "AND_32_log_imm", "AND_64_log_imm", "ORR_32_log_imm", "ORR_64_log_imm",
    "EOR_32_log_imm", "EOR_64_log_imm", "ANDS_32S_log_imm", "ANDS_64S_log_imm",
)  # fmt: skip
def logical_imm(c: Ctx, *, sf: int, opc: int, N: int, immr: int, imms: int, Rn: int, Rd: int) -> Op:
    """AND/ORR/EOR/ANDS (immediate); also MOV (bitmask immediate) and TST (immediate)."""
    r, nxt, n = c.r, c.nxt, Rn
    width, _ = _width(sf)
    imm = decode_bit_masks(N, imms, immr, width)
    if imm is None:  # the table excludes these words; be loud if it ever does not
        raise Fault(FaultKind.UNDEFINED, f"{c.id}: reserved bitmask immediate N={N} immr={immr} imms={imms}")
    if opc == 3:
        d = xw(Rd)
        top = width - 1

        def ands() -> int:
            res = r[n] & imm
            r[d] = res
            r[NZCV] = ((res >> top) << 3) | ((res == 0) << 2)
            return nxt

        return ands
    d = sx(Rd)
    if opc == 0:

        def and_() -> int:
            r[d] = r[n] & imm
            return nxt

        return and_
    mask = (1 << width) - 1
    if opc == 1:

        def orr() -> int:
            r[d] = (r[n] & mask) | imm
            return nxt

        return orr

    def eor() -> int:
        r[d] = (r[n] & mask) ^ imm
        return nxt

    return eor


@semantics(
    "MOVN_32_movewide", "MOVN_64_movewide", "MOVZ_32_movewide", "MOVZ_64_movewide",
    "MOVK_32_movewide", "MOVK_64_movewide",
)  # fmt: skip
def movewide(c: Ctx, *, sf: int, opc: int, hw: int, imm16: int, Rd: int) -> Op:
    """MOVN, MOVZ, MOVK; also MOV (wide immediate, inverted wide immediate)."""
    r, nxt, d = c.r, c.nxt, xw(Rd)
    _, mask = _width(sf)
    pos = 16 * hw
    if opc == 3:
        keep = mask & ~(0xFFFF << pos)
        bits = imm16 << pos

        def movk() -> int:
            r[d] = (r[d] & keep) | bits
            return nxt

        return movk
    value = (imm16 << pos) if opc == 2 else (~(imm16 << pos)) & mask

    def movz() -> int:
        r[d] = value
        return nxt

    return movz


@semantics("SBFM_32M_bitfield", "SBFM_64M_bitfield", "BFM_32M_bitfield", "BFM_64M_bitfield",
           "UBFM_32M_bitfield", "UBFM_64M_bitfield")  # fmt: skip
def bitfield(c: Ctx, *, sf: int, opc: int, immr: int, imms: int, Rn: int, Rd: int) -> Op:
    """SBFM, BFM, UBFM; also ASR/LSL/LSR (immediate), SBFX/UBFX, SBFIZ/UBFIZ, BFI/BFXIL, SXT*/UXT*."""
    r, nxt, n, d = c.r, c.nxt, Rn, xw(Rd)
    width, mask = _width(sf)
    if imms >= immr:  # extract bits [imms:immr] to the bottom
        length = imms - immr + 1
        field = (1 << length) - 1
        pos = 0
        lsb = immr
    else:  # insert bits [imms:0] at width - immr
        length = imms + 1
        field = (1 << length) - 1
        pos = width - immr
        lsb = 0
    sb = 1 << (length - 1)
    if opc == 2:  # UBFM
        if pos == 0:

            def ubfx() -> int:
                r[d] = ((r[n] & mask) >> lsb) & field
                return nxt

            return ubfx

        def ubfiz() -> int:
            r[d] = ((r[n] & field) << pos) & mask
            return nxt

        return ubfiz
    if opc == 0:  # SBFM

        def sbfm() -> int:
            v = ((r[n] >> lsb) & field) ^ sb
            r[d] = ((v - sb) << pos) & mask
            return nxt

        return sbfm
    hole = mask & ~(field << pos)  # BFM: the destination keeps its other bits

    def bfm() -> int:
        r[d] = (r[d] & hole) | ((((r[n] >> lsb) & field) << pos) & mask)
        return nxt

    return bfm


@semantics("EXTR_32_extract", "EXTR_64_extract")
def extr(c: Ctx, *, sf: int, Rm: int, imms: int, Rn: int, Rd: int) -> Op:
    """EXTR; also ROR (immediate)."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    width, mask = _width(sf)
    lsb = imms

    def op() -> int:
        r[d] = ((((r[n] & mask) << width) | (r[m] & mask)) >> lsb) & mask
        return nxt

    return op


# --------------------------------------------------------------------------- data processing: register


@semantics(*(f"{name}_{size}_log_shift" for name in ("AND", "BIC", "ORR", "ORN", "EOR", "EON", "ANDS", "BICS")
             for size in ("32", "64")))  # fmt: skip
def logical_shift(c: Ctx, *, sf: int, opc: int, shift: int, N: int, Rm: int, imm6: int, Rn: int, Rd: int) -> Op:
    """AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register); also MOV, MVN and TST (register)."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    width, mask = _width(sf)
    invert = mask if N else 0
    plain = shift == 0 and imm6 == 0
    sh = _shifter(shift, imm6, width)
    if opc == 1 and n == ZR and plain and not N:  # MOV (register): the hottest form

        def mov() -> int:
            r[d] = r[m] & mask
            return nxt

        return mov
    if opc == 3:
        top = width - 1

        def ands() -> int:
            res = r[n] & (sh(r[m]) ^ invert)
            r[d] = res
            r[NZCV] = ((res >> top) << 3) | ((res == 0) << 2)
            return nxt

        return ands
    if plain:
        if opc == 0:

            def and_() -> int:
                r[d] = r[n] & ((r[m] ^ invert) & mask)
                return nxt

            return and_
        if opc == 1:

            def orr() -> int:
                r[d] = (r[n] | (r[m] ^ invert)) & mask
                return nxt

            return orr

        def eor() -> int:
            r[d] = (r[n] ^ r[m] ^ invert) & mask
            return nxt

        return eor
    if opc == 0:

        def and_sh() -> int:
            r[d] = r[n] & (sh(r[m]) ^ invert)
            return nxt

        return and_sh
    if opc == 1:

        def orr_sh() -> int:
            r[d] = ((r[n] & mask) | (sh(r[m]) ^ invert)) & mask
            return nxt

        return orr_sh

    def eor_sh() -> int:
        r[d] = ((r[n] & mask) ^ sh(r[m]) ^ invert) & mask
        return nxt

    return eor_sh


def _addsub(c: Ctx, sf: int, op: int, S: int, n: int, d: int, operand: Callable[[], int] | None, m: int) -> Op:
    """Shared tail of ADD/SUB (shifted and extended register): ``operand()`` or ``r[m]`` is added or subtracted."""
    r, nxt = c.r, c.nxt
    width, mask = _width(sf)
    if not S:
        if operand is None:
            if op:

                def sub() -> int:
                    r[d] = (r[n] - r[m]) & mask
                    return nxt

                return sub

            def add() -> int:
                r[d] = (r[n] + r[m]) & mask
                return nxt

            return add
        get = operand
        if op:

            def sub_op() -> int:
                r[d] = (r[n] - get()) & mask
                return nxt

            return sub_op

        def add_op() -> int:
            r[d] = (r[n] + get()) & mask
            return nxt

        return add_op
    top = width - 1
    inv = mask if op else 0
    carry = 1 if op else 0
    fetch = operand if operand is not None else (lambda: r[m] & mask)

    def adds() -> int:
        x = r[n] & mask
        y = fetch() ^ inv
        total = x + y + carry
        res = total & mask
        r[d] = res
        r[NZCV] = (
            ((res >> top) << 3) | ((res == 0) << 2) | ((total >> width) << 1) | ((((x ^ res) & (y ^ res)) >> top) & 1)
        )
        return nxt

    return adds


@semantics(*(f"{name}_{size}_addsub_shift" for name in ("ADD", "ADDS", "SUB", "SUBS") for size in ("32", "64")))
def addsub_shift(c: Ctx, *, sf: int, op: int, S: int, shift: int, Rm: int, imm6: int, Rn: int, Rd: int) -> Op:
    """ADD/ADDS/SUB/SUBS (shifted register); also NEG, NEGS, CMP and CMN (shifted register)."""
    r = c.r
    width, _ = _width(sf)
    operand: Callable[[], int] | None = None
    if shift or imm6:
        sh = _shifter(shift, imm6, width)
        m = Rm
        operand = lambda: sh(r[m])  # noqa: E731
    elif not sf:
        m = Rm
        operand = lambda: r[m] & M32  # noqa: E731
    return _addsub(c, sf, op, S, Rn, xw(Rd), operand, Rm)


@semantics("ADD_32_addsub_ext", "ADD_64_addsub_ext", "SUB_32_addsub_ext", "SUB_64_addsub_ext",
           "ADDS_32S_addsub_ext", "ADDS_64S_addsub_ext", "SUBS_32S_addsub_ext", "SUBS_64S_addsub_ext")  # fmt: skip
def addsub_ext(c: Ctx, *, sf: int, op: int, S: int, Rm: int, option: int, imm3: int, Rn: int, Rd: int) -> Op:
    """ADD/ADDS/SUB/SUBS (extended register); Rn (and Rd unless flag-setting) 31 means SP."""
    r, m = c.r, Rm
    width, _ = _width(sf)
    ext = _extender(option, imm3, width)
    return _addsub(c, sf, op, S, sx(Rn), xw(Rd) if S else sx(Rd), lambda: ext(r[m]), Rm)


@semantics(*(f"{name}_{size}_addsub_carry" for name in ("ADC", "ADCS", "SBC", "SBCS") for size in ("32", "64")))
def addsub_carry(c: Ctx, *, sf: int, op: int, S: int, Rm: int, Rn: int, Rd: int) -> Op:
    """ADC/ADCS/SBC/SBCS; also NGC and NGCS."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    width, mask = _width(sf)
    inv = mask if op else 0
    set_flags = bool(S)

    def op_() -> int:
        res, nzcv = add_with_carry(r[n] & mask, (r[m] & mask) ^ inv, (r[NZCV] >> 1) & 1, width)
        r[d] = res
        if set_flags:
            r[NZCV] = nzcv
        return nxt

    return op_


def _condcmp(c: Ctx, sf: int, op: int, cond: int, Rn: int, nzcv: int, rhs: Callable[[], int]) -> Op:
    r, nxt, n = c.r, c.nxt, Rn
    width, mask = _width(sf)
    holds = COND_HOLDS[cond]
    inv = mask if op else 0
    carry = 1 if op else 0

    def ccmp() -> int:
        if holds[r[NZCV]]:
            r[NZCV] = add_with_carry(r[n] & mask, rhs() ^ inv, carry, width)[1]
        else:
            r[NZCV] = nzcv
        return nxt

    return ccmp


@semantics(*(f"{name}_{size}_condcmp_reg" for name in ("CCMN", "CCMP") for size in ("32", "64")))
def condcmp_reg(c: Ctx, *, sf: int, op: int, Rm: int, cond: int, Rn: int, nzcv: int) -> Op:
    """CCMN/CCMP (register): compare Rn with Rm if ``cond`` holds, else set the flags to ``nzcv``."""
    r, m = c.r, Rm
    _, mask = _width(sf)
    return _condcmp(c, sf, op, cond, Rn, nzcv, lambda: r[m] & mask)


@semantics(*(f"{name}_{size}_condcmp_imm" for name in ("CCMN", "CCMP") for size in ("32", "64")))
def condcmp_imm(c: Ctx, *, sf: int, op: int, imm5: int, cond: int, Rn: int, nzcv: int) -> Op:
    """CCMN/CCMP (immediate): compare Rn with imm5 if ``cond`` holds, else set the flags to ``nzcv``."""
    return _condcmp(c, sf, op, cond, Rn, nzcv, lambda: imm5)


@semantics(*(f"{name}_{size}_condsel" for name in ("CSEL", "CSINC", "CSINV", "CSNEG") for size in ("32", "64")))
def condsel(c: Ctx, *, sf: int, op: int, Rm: int, cond: int, op2: int, Rn: int, Rd: int) -> Op:
    """CSEL/CSINC/CSINV/CSNEG; also CSET, CSETM, CINC, CINV and CNEG."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    _, mask = _width(sf)
    holds = COND_HOLDS[cond]
    kind = (op << 1) | (op2 & 1)  # 0 CSEL, 1 CSINC, 2 CSINV, 3 CSNEG
    if kind == 0:

        def csel() -> int:
            r[d] = (r[n] if holds[r[NZCV]] else r[m]) & mask
            return nxt

        return csel
    if kind == 1:

        def csinc() -> int:
            r[d] = (r[n] if holds[r[NZCV]] else r[m] + 1) & mask
            return nxt

        return csinc
    if kind == 2:

        def csinv() -> int:
            r[d] = (r[n] if holds[r[NZCV]] else ~r[m]) & mask
            return nxt

        return csinv

    def csneg() -> int:
        r[d] = (r[n] if holds[r[NZCV]] else -r[m]) & mask
        return nxt

    return csneg


def _sdiv(a: int, b: int, width: int) -> int:
    mask = (1 << width) - 1
    a, b = sign_extend(a, width), sign_extend(b, width)
    if b == 0:
        return 0
    q = abs(a) // abs(b)
    return (-q if (a < 0) != (b < 0) else q) & mask


def _crc_table(poly: int) -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ (poly if crc & 1 else 0)
        table.append(crc)
    return tuple(table)


_CRC32 = _crc_table(0xEDB88320)  # CRC-32 (IEEE 802.3), bit-reflected
_CRC32C = _crc_table(0x82F63B78)  # CRC-32C (Castagnoli), bit-reflected


@semantics(*(f"{name}_{size}_dp_2src" for name in ("UDIV", "SDIV", "LSLV", "LSRV", "ASRV", "RORV")
             for size in ("32", "64")))  # fmt: skip
def dp_2src(c: Ctx, *, sf: int, Rm: int, opcode: int, Rn: int, Rd: int) -> Op:
    """UDIV, SDIV, LSLV, LSRV, ASRV, RORV; also LSL/LSR/ASR/ROR (register). Division by zero gives 0."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    width, mask = _width(sf)
    if opcode == 0b000010:

        def udiv() -> int:
            b = r[m] & mask
            r[d] = (r[n] & mask) // b if b else 0
            return nxt

        return udiv
    if opcode == 0b000011:

        def sdiv() -> int:
            r[d] = _sdiv(r[n], r[m], width)
            return nxt

        return sdiv
    shift = opcode & 3
    modulo = width - 1
    if shift == 0:

        def lslv() -> int:
            r[d] = (r[n] << (r[m] & modulo)) & mask
            return nxt

        return lslv
    if shift == 1:

        def lsrv() -> int:
            r[d] = (r[n] & mask) >> (r[m] & modulo)
            return nxt

        return lsrv

    def shiftv() -> int:
        r[d] = _shifter(shift, r[m] & modulo, width)(r[n])
        return nxt

    return shiftv


@semantics("CRC32B_32C_dp_2src", "CRC32H_32C_dp_2src", "CRC32W_32C_dp_2src", "CRC32X_64C_dp_2src",
           "CRC32CB_32C_dp_2src", "CRC32CH_32C_dp_2src", "CRC32CW_32C_dp_2src", "CRC32CX_64C_dp_2src")  # fmt: skip
def crc32(c: Ctx, *, Rm: int, opcode: int, Rn: int, Rd: int) -> Op:
    """CRC32{B,H,W,X} and CRC32C{B,H,W,X}: bit-reflected CRC update, no pre/post inversion."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    table = _CRC32C if opcode & 0b100 else _CRC32
    nbytes = 1 << (opcode & 3)

    def op() -> int:
        crc = r[n] & M32
        data = r[m]
        for _ in range(nbytes):
            crc = table[(crc ^ data) & 0xFF] ^ (crc >> 8)
            data >>= 8
        r[d] = crc
        return nxt

    return op


def _rev_bytes(value: int, nbytes: int, chunk: int) -> int:
    """Reverse the byte order inside each ``chunk``-byte container of an ``nbytes`` value."""
    raw = value.to_bytes(nbytes, "little")
    out = b"".join(raw[i : i + chunk][::-1] for i in range(0, nbytes, chunk))
    return int.from_bytes(out, "little")


@semantics(*(f"{name}_{size}_dp_1src" for name, sizes in (
    ("RBIT", ("32", "64")), ("REV16", ("32", "64")), ("REV", ("32", "64")), ("REV32", ("64",)),
    ("CLZ", ("32", "64")), ("CLS", ("32", "64"))) for size in sizes))  # fmt: skip
def dp_1src(c: Ctx, *, sf: int, opcode: int, Rn: int, Rd: int) -> Op:
    """RBIT, REV16, REV32, REV, CLZ, CLS."""
    r, nxt, n, d = c.r, c.nxt, Rn, xw(Rd)
    width, mask = _width(sf)
    nbytes = width // 8
    fn: Callable[[int], int]
    if opcode == 0b000000:
        fn = lambda v: int(f"{v & mask:0{width}b}"[::-1], 2)  # noqa: E731
    elif opcode in (0b000001, 0b000010, 0b000011):
        chunk = 1 << opcode  # REV16: 2-byte containers, REV (32) / REV32: 4, REV (64): 8
        fn = lambda v: _rev_bytes(v & mask, nbytes, chunk)  # noqa: E731
    elif opcode == 0b000100:
        fn = lambda v: width - (v & mask).bit_length()  # noqa: E731
    else:
        low = (1 << (width - 1)) - 1
        fn = lambda v: (width - 1) - (((v >> 1) ^ v) & low).bit_length()  # noqa: E731

    def op() -> int:
        r[d] = fn(r[n])
        return nxt

    return op


@semantics("MADD_32A_dp_3src", "MADD_64A_dp_3src", "MSUB_32A_dp_3src", "MSUB_64A_dp_3src")
def madd(c: Ctx, *, sf: int, Rm: int, o0: int, Ra: int, Rn: int, Rd: int) -> Op:
    """MADD, MSUB; also MUL and MNEG."""
    r, nxt, n, m, a, d = c.r, c.nxt, Rn, Rm, Ra, xw(Rd)
    _, mask = _width(sf)
    if o0:

        def msub() -> int:
            r[d] = (r[a] - r[n] * r[m]) & mask
            return nxt

        return msub

    def madd_() -> int:
        r[d] = (r[a] + r[n] * r[m]) & mask
        return nxt

    return madd_


@semantics("SMADDL_64WA_dp_3src", "SMSUBL_64WA_dp_3src", "UMADDL_64WA_dp_3src", "UMSUBL_64WA_dp_3src")
def maddl(c: Ctx, *, U: int, Rm: int, o0: int, Ra: int, Rn: int, Rd: int) -> Op:
    """SMADDL, SMSUBL, UMADDL, UMSUBL (32x32 -> 64); also SMULL, UMULL, SMNEGL, UMNEGL."""
    r, nxt, n, m, a, d = c.r, c.nxt, Rn, Rm, Ra, xw(Rd)
    sb = 0 if U else 0x8000_0000
    sign = -1 if o0 else 1

    def op() -> int:
        x = ((r[n] & M32) ^ sb) - sb
        y = ((r[m] & M32) ^ sb) - sb
        r[d] = (r[a] + sign * x * y) & M64
        return nxt

    return op


@semantics("SMULH_64_dp_3src", "UMULH_64_dp_3src")
def mulh(c: Ctx, *, U: int, Rm: int, Rn: int, Rd: int) -> Op:
    """SMULH, UMULH: the high 64 bits of the 128-bit product."""
    r, nxt, n, m, d = c.r, c.nxt, Rn, Rm, xw(Rd)
    sb = 0 if U else 1 << 63

    def op() -> int:
        r[d] = ((((r[n] ^ sb) - sb) * ((r[m] ^ sb) - sb)) >> 64) & M64
        return nxt

    return op


# --------------------------------------------------------------------------- branches


@semantics("B_only_branch_imm")
def b(c: Ctx, *, imm26: int) -> Op:
    """B: the target is a constant of the compiled instruction."""
    target = (c.pc + sign_extend(imm26, 26) * 4) & M64

    def op() -> int:
        return target

    return op


@semantics("BL_only_branch_imm")
def bl(c: Ctx, *, imm26: int) -> Op:
    """BL: X30 = pc + 4."""
    r, nxt = c.r, c.nxt
    target = (c.pc + sign_extend(imm26, 26) * 4) & M64

    def op() -> int:
        r[30] = nxt
        return target

    return op


@semantics("B_only_condbranch")
def b_cond(c: Ctx, *, imm19: int, cond: int) -> Op:
    """B.cond."""
    r, nxt = c.r, c.nxt
    holds = COND_HOLDS[cond]
    target = (c.pc + sign_extend(imm19, 19) * 4) & M64

    def op() -> int:
        return target if holds[r[NZCV]] else nxt

    return op


def _branch_on_bits(c: Ctx, t: int, bits: int, target: int, *, nonzero: bool) -> Op:
    """CBZ/CBNZ/TBZ/TBNZ: branch when the tested bits of register *t* are (non)zero."""
    r, nxt = c.r, c.nxt
    if nonzero:

        def taken_if_set() -> int:
            return target if r[t] & bits else nxt

        return taken_if_set

    def taken_if_clear() -> int:
        return nxt if r[t] & bits else target

    return taken_if_clear


@semantics("CBZ_32_compbranch", "CBZ_64_compbranch", "CBNZ_32_compbranch", "CBNZ_64_compbranch")
def cbz(c: Ctx, *, sf: int, op: int, imm19: int, Rt: int) -> Op:
    """CBZ, CBNZ."""
    _, mask = _width(sf)
    return _branch_on_bits(c, Rt, mask, (c.pc + sign_extend(imm19, 19) * 4) & M64, nonzero=bool(op))


@semantics("TBZ_only_testbranch", "TBNZ_only_testbranch")
def tbz(c: Ctx, *, b5: int, op: int, b40: int, imm14: int, Rt: int) -> Op:
    """TBZ, TBNZ."""
    bit = 1 << ((b5 << 5) | b40)
    return _branch_on_bits(c, Rt, bit, (c.pc + sign_extend(imm14, 14) * 4) & M64, nonzero=bool(op))


@semantics("BR_64_branch_reg", "RET_64R_branch_reg")
def br(c: Ctx, *, Rn: int) -> Op:
    """BR, RET."""
    r, n = c.r, Rn

    def op() -> int:
        return r[n]

    return op


@semantics("BLR_64_branch_reg")
def blr(c: Ctx, *, Rn: int) -> Op:
    """BLR: the target is read before X30 is written (BLR X30 works)."""
    r, n, nxt = c.r, Rn, c.nxt

    def op() -> int:
        target = r[n]
        r[30] = nxt
        return target

    return op


# --------------------------------------------------------------------------- exceptions, hints, barriers, system


@semantics("BRK_EX_exception")
def brk(c: Ctx, *, imm16: int) -> Op:
    """BRK: raises Fault BRK; the detail starts with ``brk #<imm16>``."""

    def op() -> int:
        raise Fault(FaultKind.BRK, f"brk #{imm16:#x} (imm16={imm16})")

    return op


@semantics("UDF_only_perm_undef")
def udf(c: Ctx, *, imm16: int) -> Op:
    """UDF: permanently undefined."""

    def op() -> int:
        raise Fault(FaultKind.UNDEFINED, f"permanently undefined: udf #{imm16:#x}")

    return op


@semantics(
    "NOP_HI_hints", "YIELD_HI_hints", "WFE_HI_hints", "WFI_HI_hints", "SEV_HI_hints", "SEVL_HI_hints",
    "DGH_HI_hints", "XPACLRI_HI_hints", "PACIA1716_HI_hints", "PACIB1716_HI_hints", "AUTIA1716_HI_hints",
    "AUTIB1716_HI_hints", "ESB_HI_hints", "PSB_HC_hints", "TSB_HC_hints", "CSDB_HI_hints", "CLRBHB_HI_hints",
    "PACIAZ_HI_hints", "PACIASP_HI_hints", "PACIBZ_HI_hints", "PACIBSP_HI_hints", "AUTIAZ_HI_hints",
    "AUTIASP_HI_hints", "AUTIBZ_HI_hints", "AUTIBSP_HI_hints", "BTI_HB_hints", "HINT_HM_hints",
    "DMB_BO_barriers", "DSB_BO_barriers", "DSB_BOn_barriers", "SSBB_only_barriers", "PSSBB_only_barriers",
    "SB_only_barriers", "PRFM_P_loadlit",
)  # fmt: skip
def nop(c: Ctx) -> Op:
    """Hints and barriers that change no modelled state (see the module docstring for PAC and BTI)."""
    nxt = c.nxt

    def op() -> int:
        return nxt

    return op


@semantics("PRFM_P_ldst_pos", "PRFUM_P_ldst_unscaled", "PRFM_P_ldst_regoff")
def prfm(c: Ctx, *, Rn: int) -> Op:
    """PRFM, PRFUM: a prefetch never faults and changes nothing (no SP alignment check either)."""
    return nop(c)


@semantics("ISB_BI_barriers")
def isb(c: Ctx, *, CRm: int) -> Op:
    """ISB: a context synchronisation event on this CPU (:meth:`Cpu.context_sync`)."""
    cpu, nxt = c.cpu, c.nxt

    def op() -> int:
        cpu.context_sync()
        return nxt

    return op


@semantics("CLREX_BN_barriers")
def clrex(c: Ctx, *, CRm: int) -> Op:
    """CLREX: drop this CPU's exclusive reservation."""
    bus, index, nxt = c.bus, c.cpu.index, c.nxt

    def op() -> int:
        bus.reservations.pop(index, None)
        return nxt

    return op


def _sysreg_key(o0: int, op1: int, CRn: int, CRm: int, op2: int) -> int:
    """The 16-bit op0:op1:CRn:CRm:op2 number of a system register (op0 = 2 + o0)."""
    return ((2 + o0) << 14) | (op1 << 11) | (CRn << 7) | (CRm << 3) | op2


@semantics("MRS_RS_systemmove")
def mrs(c: Ctx, *, o0: int, op1: int, CRn: int, CRm: int, op2: int, Rt: int) -> Op:
    """MRS of a modelled system register (:data:`ftrace_sim.cpu.SYSREGS`); others are UNIMPLEMENTED."""
    r, nxt, t, cpu = c.r, c.nxt, xw(Rt), c.cpu
    read = cpu.sysreg_reader(_sysreg_key(o0, op1, CRn, CRm, op2))

    def op() -> int:
        r[t] = read()
        return nxt

    return op


@semantics("MSR_SR_systemmove")
def msr(c: Ctx, *, o0: int, op1: int, CRn: int, CRm: int, op2: int, Rt: int) -> Op:
    """MSR (register) to a modelled, writable system register."""
    r, nxt, t, cpu = c.r, c.nxt, Rt, c.cpu
    write = cpu.sysreg_writer(_sysreg_key(o0, op1, CRn, CRm, op2))

    def op() -> int:
        write(r[t])
        return nxt

    return op


@semantics("MSR_SI_pstate")
def msr_imm(c: Ctx, *, op1: int, CRm: int, op2: int) -> Op:
    """MSR (immediate): DAIFSet and DAIFClr are modelled; other PSTATE fields are UNIMPLEMENTED."""
    cpu, nxt = c.cpu, c.nxt
    field = (op1 << 3) | op2
    bits = CRm << 6
    if field == 0b011_110:

        def daifset() -> int:
            cpu.daif |= bits
            return nxt

        return daifset
    if field == 0b011_111:

        def daifclr() -> int:
            cpu.daif &= ~bits & 0x3C0
            return nxt

        return daifclr
    raise Fault(FaultKind.UNIMPLEMENTED, f"{c.id}: PSTATE field op1={op1} op2={op2} is not modelled")


# --------------------------------------------------------------------------- loads and stores

_READERS = ("read_u8", "read_u16", "read_u32", "read_u64")
_WRITERS = ("write_u8", "write_u16", "write_u32", "write_u64")
_UNPACK = tuple(struct.Struct(f).unpack_from for f in ("<B", "<H", "<I", "<Q"))


def _reader(mem: Memory, size: int) -> Callable[[int], int]:
    """A reader of ``1 << size`` bytes with its own one-entry region cache.

    Each load instruction gets its own reader, so an instruction that always
    reads one region (a global, the stack, a buffer) hits its cache even when
    its neighbours touch other regions.  A miss (or an access the cached region
    cannot serve alone) goes through :class:`Memory`, which checks permissions
    and raises the Fault; only readable regions are ever cached.
    """
    unpack = _UNPACK[size]
    nbytes = 1 << size
    slow: Callable[[int], int] = getattr(mem, _READERS[size])
    base = 1 << 64  # matches nothing until the first miss
    limit = -1
    data = bytearray()

    def read(addr: int) -> int:
        off = addr - base
        if 0 <= off <= limit:
            return int(unpack(data, off)[0])
        return miss(addr)

    def miss(addr: int) -> int:
        nonlocal base, limit, data
        value = slow(addr)  # faults exactly as Memory does
        region = mem.region_at(addr)
        if region is not None and region.readable and addr + nbytes <= region.end:
            base, limit, data = region.base, region.size - nbytes, region.data
        return value

    return read


def _writer(mem: Memory, size: int) -> Callable[[int, int], None]:
    """Memory's writer of ``1 << size`` bytes (it checks W and tells the write observers)."""
    fn: Callable[[int, int], None] = getattr(mem, _WRITERS[size])
    return fn


@dataclass(frozen=True, slots=True)
class _Access:
    """What a single-register load/store does with the value: from (size, opc)."""

    store: bool
    size: int  # log2 bytes
    sign_bit: int  # 0 for a zero-extending load
    dest_mask: int


def _access(size: int, opc: int) -> _Access:
    if opc == 0:
        return _Access(True, size, 0, M64)
    if opc == 1:
        return _Access(False, size, 0, M64)
    sign = 1 << ((8 << size) - 1)
    return _Access(False, size, sign, M64 if opc == 2 else M32)


def _load_store(c: Ctx, acc: _Access, Rn: int, Rt: int, offset: int, mode: str) -> Op:
    """A single-register access at base + offset; ``mode`` is "off", "pre" or "post" (writeback)."""
    r, nxt = c.r, c.nxt
    n = sx(Rn)
    if n == SP:
        return _load_store_sp(c, acc, Rt, offset, mode)
    if acc.store:
        t = Rt
        write = _writer(c.mem, acc.size)
        vmask = (1 << (8 << acc.size)) - 1
        if mode == "off":

            def st_off() -> int:
                write((r[n] + offset) & M64, r[t] & vmask)
                return nxt

            return st_off
        if mode == "pre":

            def st_pre() -> int:
                addr = (r[n] + offset) & M64
                write(addr, r[t] & vmask)
                r[n] = addr
                return nxt

            return st_pre

        def st_post() -> int:
            addr = r[n]
            write(addr, r[t] & vmask)
            r[n] = (addr + offset) & M64
            return nxt

        return st_post
    t = xw(Rt)
    read = _reader(c.mem, acc.size)
    sb, dm = acc.sign_bit, acc.dest_mask
    if not sb:
        if mode == "off":

            def ld_off() -> int:
                r[t] = read((r[n] + offset) & M64)
                return nxt

            return ld_off
        if mode == "pre":

            def ld_pre() -> int:
                addr = (r[n] + offset) & M64
                r[t] = read(addr)
                r[n] = addr
                return nxt

            return ld_pre

        def ld_post() -> int:
            addr = r[n]
            r[t] = read(addr)
            r[n] = (addr + offset) & M64
            return nxt

        return ld_post

    def lds() -> int:
        base = r[n]
        addr = (base + offset) & M64 if mode != "post" else base
        r[t] = ((read(addr) ^ sb) - sb) & dm
        if mode != "off":
            r[n] = (base + offset) & M64
        return nxt

    return lds


def sp_fault(sp: int) -> Fault:
    """The alignment fault of SP used as a base register while not 16-byte aligned (SCTLR_EL1.SA)."""
    return Fault(FaultKind.ALIGNMENT, f"SP={sp:#x} used as a base register is not 16-byte aligned", addr=sp)


def _load_store_sp(c: Ctx, acc: _Access, Rt: int, offset: int, mode: str) -> Op:
    """A single-register access with SP as the base: checks SP's alignment inline."""
    r, nxt = c.r, c.nxt
    c.sp_checked = True
    pre = 0 if mode == "post" else offset
    wb = mode != "off"
    if acc.store:
        t = Rt
        write = _writer(c.mem, acc.size)
        vmask = (1 << (8 << acc.size)) - 1

        def st_sp() -> int:
            base = r[SP]
            if base & 15:
                raise sp_fault(base)
            write((base + pre) & M64, r[t] & vmask)
            if wb:
                r[SP] = (base + offset) & M64
            return nxt

        return st_sp
    t = xw(Rt)
    read = _reader(c.mem, acc.size)
    sb, dm = acc.sign_bit, acc.dest_mask

    def ld_sp() -> int:
        base = r[SP]
        if base & 15:
            raise sp_fault(base)
        r[t] = ((read((base + pre) & M64) ^ sb) - sb) & dm
        if wb:
            r[SP] = (base + offset) & M64
        return nxt

    return ld_sp


_SINGLE_STEMS = ("STRB_32", "LDRB_32", "LDRSB_64", "LDRSB_32", "STRH_32", "LDRH_32", "LDRSH_64", "LDRSH_32",
                 "STR_32", "LDR_32", "LDRSW_64", "STR_64", "LDR_64")  # fmt: skip


def _stems(cls: str) -> list[str]:
    out = []
    for stem in _SINGLE_STEMS:
        if cls == "ldst_unscaled":
            stem = stem.replace("LDR", "LDUR").replace("STR", "STUR")
        elif cls == "ldst_unpriv":
            stem = stem.replace("LDR", "LDTR").replace("STR", "STTR")
        out.append(f"{stem}_{cls}")
    return out


@semantics(*_stems("ldst_pos"), base_register=True)
def ldst_pos(c: Ctx, *, size: int, opc: int, imm12: int, Rn: int, Rt: int) -> Op:
    """LDR/STR/LDRB/STRB/LDRH/STRH/LDRS* (unsigned offset): address = base + imm12 * access size."""
    return _load_store(c, _access(size, opc), Rn, Rt, imm12 << size, "off")


@semantics(*_stems("ldst_unscaled"), *_stems("ldst_unpriv"), base_register=True)
def ldst_unscaled(c: Ctx, *, size: int, opc: int, imm9: int, Rn: int, Rt: int) -> Op:
    """LDUR/STUR* and LDTR/STTR* (EL1 accesses run as ordinary ones): address = base + imm9."""
    return _load_store(c, _access(size, opc), Rn, Rt, sign_extend(imm9, 9), "off")


@semantics(*_stems("ldst_immpre"), base_register=True)
def ldst_pre(c: Ctx, *, size: int, opc: int, imm9: int, Rn: int, Rt: int) -> Op:
    """Pre-index: address = base + imm9, written back."""
    return _load_store(c, _access(size, opc), Rn, Rt, sign_extend(imm9, 9), "pre")


@semantics(*_stems("ldst_immpost"), base_register=True)
def ldst_post(c: Ctx, *, size: int, opc: int, imm9: int, Rn: int, Rt: int) -> Op:
    """Post-index: address = base; base + imm9 written back."""
    return _load_store(c, _access(size, opc), Rn, Rt, sign_extend(imm9, 9), "post")


def _regoff_ids() -> list[str]:
    out = []
    for stem in _SINGLE_STEMS:
        if stem.startswith(("STRB", "LDRB", "LDRSB")):  # byte accesses: extended and LSL forms are two rows
            out += [f"{stem}B_ldst_regoff", f"{stem}BL_ldst_regoff"]
        else:
            out.append(f"{stem}_ldst_regoff")
    return out


@semantics(*_regoff_ids(), base_register=True)
def ldst_regoff(c: Ctx, *, size: int, opc: int, Rm: int, option: int, S: int, Rn: int, Rt: int) -> Op:
    """Register offset: address = base + (extend(Rm, option) << (S ? size : 0))."""
    acc = _access(size, opc)
    r, nxt, n, m = c.r, c.nxt, sx(Rn), Rm
    amount = size if S else 0
    if option in (0b011, 0b111) and not acc.store and not acc.sign_bit:
        read = _reader(c.mem, size)
        t = xw(Rt)

        def ld_lsl() -> int:
            r[t] = read((r[n] + (r[m] << amount)) & M64)
            return nxt

        return ld_lsl
    ext = _extender(option, amount, 64)
    if acc.store:
        write = _writer(c.mem, size)
        vmask = (1 << (8 << size)) - 1
        t = Rt

        def st_reg() -> int:
            write((r[n] + ext(r[m])) & M64, r[t] & vmask)
            return nxt

        return st_reg
    read = _reader(c.mem, size)
    t = xw(Rt)
    sb, dm = acc.sign_bit, acc.dest_mask

    def ld_reg() -> int:
        r[t] = ((read((r[n] + ext(r[m])) & M64) ^ sb) - sb) & dm
        return nxt

    return ld_reg


@semantics("LDR_32_loadlit", "LDR_64_loadlit", "LDRSW_64_loadlit")
def ldr_literal(c: Ctx, *, opc: int, imm19: int, Rt: int) -> Op:
    """LDR (literal), LDRSW (literal): the address is a constant of the compiled instruction."""
    r, nxt, t = c.r, c.nxt, xw(Rt)
    addr = (c.pc + sign_extend(imm19, 19) * 4) & M64
    read = _reader(c.mem, 3 if opc == 1 else 2)
    sb = 0x8000_0000 if opc == 2 else 0

    def op() -> int:
        r[t] = ((read(addr) ^ sb) - sb) & M64
        return nxt

    return op


def _pair_ids() -> list[str]:
    out = []
    for cls in ("ldstpair_post", "ldstpair_off", "ldstpair_pre"):
        out += [f"{mn}_{sz}_{cls}" for mn in ("STP", "LDP") for sz in ("32", "64")]
        out.append(f"LDPSW_64_{cls}")
    out += [f"{mn}_{sz}_ldstnapair_offs" for mn in ("STNP", "LDNP") for sz in ("32", "64")]
    return out


@semantics(*_pair_ids(), base_register=True)
def ldst_pair(c: Ctx, *, opc: int, L: int, imm7: int, Rt2: int, Rn: int, Rt: int) -> Op:
    """STP/LDP/LDPSW/STNP/LDNP (offset, pre- and post-index): two accesses at base and base + size."""
    r, nxt, n = c.r, c.nxt, sx(Rn)
    size = 3 if opc == 2 else 2
    scale = 1 << size
    offset = sign_extend(imm7, 7) * scale
    post_index = c.id.endswith("_post")
    wb = post_index or c.id.endswith("_pre")
    pre = 0 if post_index else offset
    spmask = 15 if n == SP else 0  # SP as the base must be 16-byte aligned: checked inline
    c.sp_checked = True
    if not L:
        write = _writer(c.mem, size)
        vmask = (1 << (8 * scale)) - 1
        t1, t2 = Rt, Rt2

        def stp() -> int:
            base = r[n]
            if base & spmask:
                raise sp_fault(base)
            addr = (base + pre) & M64
            write(addr, r[t1] & vmask)
            write((addr + scale) & M64, r[t2] & vmask)
            if wb:
                r[n] = (base + offset) & M64
            return nxt

        return stp
    read = _reader(c.mem, size)
    d1, d2 = xw(Rt), xw(Rt2)
    sb = 0x8000_0000 if opc == 1 else 0

    def ldp() -> int:
        base = r[n]
        if base & spmask:
            raise sp_fault(base)
        addr = (base + pre) & M64
        v1 = read(addr)
        v2 = read((addr + scale) & M64)
        r[d1] = ((v1 ^ sb) - sb) & M64
        r[d2] = ((v2 ^ sb) - sb) & M64
        if wb:
            r[n] = (base + offset) & M64
        return nxt

    return ldp


def _check_aligned(addr: int, nbytes: int, what: str) -> None:
    if addr & (nbytes - 1):
        raise Fault(
            FaultKind.ALIGNMENT, f"{what} of {nbytes} bytes at {addr:#x} must be {nbytes}-byte aligned", addr=addr
        )


_EXCL_SUFFIX = (("B", "32"), ("H", "32"), ("", "32"), ("", "64"))
_ERG = 16  # bytes of an exclusives reservation granule in this model


@semantics(*(f"{mn}{sfx}_LR{bits}_ldstexclr" for mn in ("LDXR", "LDAXR") for sfx, bits in _EXCL_SUFFIX), base_register=True)
def ldxr(c: Ctx, *, size: int, Rn: int, Rt: int) -> Op:
    """LDXR/LDAXR{B,H}: load and reserve the granule for this CPU (alignment required)."""
    r, nxt, n, t, bus, index = c.r, c.nxt, sx(Rn), xw(Rt), c.bus, c.cpu.index
    read = _reader(c.mem, size)
    nbytes = 1 << size

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "exclusive load")
        value = read(addr)
        bus.reservations[index] = (addr, nbytes)
        r[t] = value
        return nxt

    return op


@semantics(*(f"{mn}{sfx}_SR{bits}_ldstexclr" for mn in ("STXR", "STLXR") for sfx, bits in _EXCL_SUFFIX), base_register=True)
def stxr(c: Ctx, *, size: int, Rs: int, Rn: int, Rt: int) -> Op:
    """STXR/STLXR{B,H}: store if this CPU still holds the reservation; Ws = 0 on success, 1 on failure."""
    r, nxt, n, t, s, bus, index = c.r, c.nxt, sx(Rn), Rt, xw(Rs), c.bus, c.cpu.index
    write = _writer(c.mem, size)
    nbytes = 1 << size
    vmask = (1 << (8 * nbytes)) - 1

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "exclusive store")
        held = bus.reservations.pop(index, None)
        if held == (addr, nbytes):
            write(addr, r[t] & vmask)
            r[s] = 0
        else:
            r[s] = 1
        return nxt

    return op


@semantics("LDXP_LP32_ldstexclp", "LDAXP_LP32_ldstexclp", "LDXP_LP64_ldstexclp", "LDAXP_LP64_ldstexclp", base_register=True)
def ldxp(c: Ctx, *, sz: int, Rt2: int, Rn: int, Rt: int) -> Op:
    """LDXP/LDAXP: load a pair and reserve (aligned to the pair's size)."""
    r, nxt, n, t1, t2, bus, index = c.r, c.nxt, sx(Rn), xw(Rt), xw(Rt2), c.bus, c.cpu.index
    size = 3 if sz else 2
    read = _reader(c.mem, size)
    half = 1 << size

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, 2 * half, "exclusive pair load")
        v1, v2 = read(addr), read(addr + half)
        bus.reservations[index] = (addr, 2 * half)
        r[t1] = v1
        r[t2] = v2
        return nxt

    return op


@semantics("STXP_SP32_ldstexclp", "STLXP_SP32_ldstexclp", "STXP_SP64_ldstexclp", "STLXP_SP64_ldstexclp", base_register=True)
def stxp(c: Ctx, *, sz: int, Rs: int, Rt2: int, Rn: int, Rt: int) -> Op:
    """STXP/STLXP: store a pair if the reservation is still held; Ws = 0 on success."""
    r, nxt, n, t1, t2, s, bus, index = c.r, c.nxt, sx(Rn), Rt, Rt2, xw(Rs), c.bus, c.cpu.index
    size = 3 if sz else 2
    write = _writer(c.mem, size)
    half = 1 << size
    vmask = (1 << (8 * half)) - 1

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, 2 * half, "exclusive pair store")
        held = bus.reservations.pop(index, None)
        if held == (addr, 2 * half):
            write(addr, r[t1] & vmask)
            write(addr + half, r[t2] & vmask)
            r[s] = 0
        else:
            r[s] = 1
        return nxt

    return op


def _ordered_ids(kind: str) -> list[str]:
    out = []
    for sfx, bits in _EXCL_SUFFIX:
        if kind == "load":
            out += [f"LDAR{sfx}_LR{bits}_ldstord", f"LDLAR{sfx}_LR{bits}_ldstord", f"LDAPR{sfx}_{bits}L_memop"]
        else:
            out += [f"STLR{sfx}_SL{bits}_ldstord", f"STLLR{sfx}_SL{bits}_ldstord"]
    return out


@semantics(*_ordered_ids("load"), base_register=True)
def load_acquire(c: Ctx, *, size: int, Rn: int, Rt: int) -> Op:
    """LDAR, LDLAR, LDAPR{B,H}: an aligned load (ordering is implicit in this sequential model)."""
    r, nxt, n, t = c.r, c.nxt, sx(Rn), xw(Rt)
    read = _reader(c.mem, size)
    nbytes = 1 << size

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "load-acquire")
        r[t] = read(addr)
        return nxt

    return op


@semantics(*_ordered_ids("store"), base_register=True)
def store_release(c: Ctx, *, size: int, Rn: int, Rt: int) -> Op:
    """STLR, STLLR{B,H}: an aligned store."""
    r, nxt, n, t = c.r, c.nxt, sx(Rn), Rt
    write = _writer(c.mem, size)
    nbytes = 1 << size
    vmask = (1 << (8 * nbytes)) - 1

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "store-release")
        write(addr, r[t] & vmask)
        return nxt

    return op


_RCPC = ("STLURB_32", "LDAPURB_32", "LDAPURSB_64", "LDAPURSB_32", "STLURH_32", "LDAPURH_32", "LDAPURSH_64",
         "LDAPURSH_32", "STLUR_32", "LDAPUR_32", "LDAPURSW_64", "STLUR_64", "LDAPUR_64")  # fmt: skip


@semantics(*(f"{stem}_ldapstl_unscaled" for stem in _RCPC), base_register=True)
def rcpc_unscaled(c: Ctx, *, size: int, opc: int, imm9: int, Rn: int, Rt: int) -> Op:
    """LDAPUR*/STLUR* (FEAT_LRCPC2): ordinary accesses at base + imm9 in this model."""
    return _load_store(c, _access(size, opc), Rn, Rt, sign_extend(imm9, 9), "off")


_MEMOP_OPS = ("LDADD", "LDCLR", "LDEOR", "LDSET", "LDSMAX", "LDSMIN", "LDUMAX", "LDUMIN", "SWP")
_ORDERS = ("", "A", "AL", "L")


@semantics(*(f"{name}{order}{sfx}_{bits}_memop" for name in _MEMOP_OPS for order in _ORDERS
             for sfx, bits in _EXCL_SUFFIX), base_register=True)  # fmt: skip
def atomic(c: Ctx, *, size: int, Rs: int, o3: int, opc: int, Rn: int, Rt: int) -> Op:
    """LDADD/LDCLR/LDEOR/LDSET/LD{S,U}{MAX,MIN}/SWP (all orderings and sizes); also the ST* aliases.

    One atomic step: Rt = old value; memory = op(old, Rs).
    """
    r, nxt, n, s, t = c.r, c.nxt, sx(Rn), Rs, xw(Rt)
    read, write = _reader(c.mem, size), _writer(c.mem, size)
    nbytes = 1 << size
    vmask = (1 << (8 * nbytes)) - 1
    sb = 1 << (8 * nbytes - 1)
    combine: Callable[[int, int], int]
    if o3:
        combine = lambda old, v: v  # noqa: E731  (SWP)
    else:
        combine = (
            lambda old, v: (old + v) & vmask,
            lambda old, v: old & ~v & vmask,
            lambda old, v: old ^ v,
            lambda old, v: old | v,
            lambda old, v: old if (old ^ sb) - sb >= (v ^ sb) - sb else v,
            lambda old, v: old if (old ^ sb) - sb <= (v ^ sb) - sb else v,
            lambda old, v: max(old, v),
            lambda old, v: min(old, v),
        )[opc]

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "atomic")
        value = r[s] & vmask
        old = read(addr)
        write(addr, combine(old, value))
        r[t] = old
        return nxt

    return op


@semantics(*(f"CAS{order}{sfx}_C{bits}_comswap" for order in _ORDERS for sfx, bits in _EXCL_SUFFIX), base_register=True)
def cas(c: Ctx, *, size: int, Rs: int, Rn: int, Rt: int) -> Op:
    """CAS{,A,AL,L}{B,H}: if [Rn] == Rs then [Rn] = Rt; Rs = old value (zero-extended)."""
    r, nxt, n, s, t = c.r, c.nxt, sx(Rn), Rs, Rt
    ds = xw(Rs)
    read, write = _reader(c.mem, size), _writer(c.mem, size)
    nbytes = 1 << size
    vmask = (1 << (8 * nbytes)) - 1

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, nbytes, "compare-and-swap")
        old = read(addr)
        if old == r[s] & vmask:
            write(addr, r[t] & vmask)
        r[ds] = old
        return nxt

    return op


@semantics(*(f"CASP{order}_CP{bits}_comswappr" for order in _ORDERS for bits in ("32", "64")), base_register=True)
def casp(c: Ctx, *, sz: int, Rs: int, Rn: int, Rt: int) -> Op:
    """CASP{,A,AL,L}: compare-and-swap a register pair (Rs, Rs+1) against memory, new value (Rt, Rt+1)."""
    r, nxt, n = c.r, c.nxt, sx(Rn)
    s1, s2, t1, t2 = Rs, Rs + 1, Rt, Rt + 1
    d1, d2 = xw(Rs), xw(Rs + 1)
    size = 3 if sz else 2
    read, write = _reader(c.mem, size), _writer(c.mem, size)
    half = 1 << size
    vmask = (1 << (8 * half)) - 1

    def op() -> int:
        addr = r[n]
        _check_aligned(addr, 2 * half, "compare-and-swap pair")
        old1, old2 = read(addr), read(addr + half)
        if old1 == r[s1] & vmask and old2 == r[s2] & vmask:
            write(addr, r[t1] & vmask)
            write(addr + half, r[t2] & vmask)
        r[d1] = old1
        r[d2] = old2
        return nxt

    return op


_check_registry()
