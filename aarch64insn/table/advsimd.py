"""Advanced SIMD (vector and scalar) and the structure loads/stores (Arm ARM C4.1.95, C4.1.88).

One row per Arm encoding ID. Rows that Arm draws with ``size`` and ``Q`` fields
keep them as fields; the operand kinds of :mod:`aarch64insn.operands.advsimd`
turn (size, Q) and friends into arrangements. Reserved combinations are
excluded (or the field is partly fixed), so they decode as unallocated.

Notation of the data below: ``u`` is the U bit, ``op`` the opcode bits as
Arm draws them, and the size classes say which ``size`` values are allocated:

====== ======================================================================
class  allocated
====== ======================================================================
all    every size; size=11 needs Q=1 (the 1d arrangement is reserved)
bhs    size != 11
hs     size = 01 or 10
b      size = 00 (fixed)
d      size = 11 (fixed; scalar forms)
0x     size = 0x (partly fixed)
====== ======================================================================
"""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding
A = Alias

#: the selector fields of each arrangement kind (see operands/advsimd.py)
_SEL = {
    "SQ": "size,Q", "B": "Q", "H": "Q", "S": "Q", "2H": "Q", "D": "Q", "FSZQ": "sz,Q", "HSZQ": "sz,Q",
    "WSZ": "sz", "LONG": "size", "LONGP": "size,Q", "IMMH": "immh,Q", "IMMHL": "immh", "IMM5": "imm5,Q",
    "FIMMH": "immh,Q", "P2": "sz",
}  # fmt: skip


def v(reg: str, arr: str) -> str:
    """A vector operand placeholder: ``v("Rd", "SQ")`` -> ``{VSQ:Rd,size,Q}``."""
    sel = _SEL.get(arr)
    return f"{{V{arr}:{reg},{sel}}}" if sel else f"{{V{arr}:{reg}}}"


def sc(reg: str, kind: str, sel: str = "") -> str:
    """A scalar operand placeholder: fixed width (``"S"``) or by a field (``"SIZE"``, ``"size"``)."""
    return f"{{SC{kind}:{reg},{sel}}}" if sel else f"{{{kind}REG:{reg}}}"


_EXCL = {
    "all": "size=xx", "bhs": "size=xx", "hs": "size=xx", "b": "size=00", "h": "size=01", "s": "size=10",
    "d": "size=11", "0x": "size=0x", "x0": "size=x0",
}  # fmt: skip


def _size_rule(cls: str, q: bool = True) -> tuple[str, tuple[str, ...]]:
    """(diagram token for size, exclusions) of a size class."""
    tok = _EXCL[cls]
    if tok == "size=xx":
        tok = "size:2"
    ex: tuple[str, ...] = ()
    if cls == "all" and q:
        ex = ("size == 3 and Q == 0",)
    elif cls == "bhs":
        ex = ("size == 3",)
    elif cls == "hs":
        ex = ("size == 0 or size == 3",)
    return tok, ex


# --------------------------------------------------------------------------------------
# Three same (C4.1.95.20)

#: (U, opcode, mnemonic, sizes)
_SAME = (
    (0, "00000", "shadd", "bhs"), (1, "00000", "uhadd", "bhs"),
    (0, "00001", "sqadd", "all"), (1, "00001", "uqadd", "all"),
    (0, "00010", "srhadd", "bhs"), (1, "00010", "urhadd", "bhs"),
    (0, "00100", "shsub", "bhs"), (1, "00100", "uhsub", "bhs"),
    (0, "00101", "sqsub", "all"), (1, "00101", "uqsub", "all"),
    (0, "00110", "cmgt", "all"), (1, "00110", "cmhi", "all"),
    (0, "00111", "cmge", "all"), (1, "00111", "cmhs", "all"),
    (0, "01000", "sshl", "all"), (1, "01000", "ushl", "all"),
    (0, "01001", "sqshl", "all"), (1, "01001", "uqshl", "all"),
    (0, "01010", "srshl", "all"), (1, "01010", "urshl", "all"),
    (0, "01011", "sqrshl", "all"), (1, "01011", "uqrshl", "all"),
    (0, "01100", "smax", "bhs"), (1, "01100", "umax", "bhs"),
    (0, "01101", "smin", "bhs"), (1, "01101", "umin", "bhs"),
    (0, "01110", "sabd", "bhs"), (1, "01110", "uabd", "bhs"),
    (0, "01111", "saba", "bhs"), (1, "01111", "uaba", "bhs"),
    (0, "10000", "add", "all"), (1, "10000", "sub", "all"),
    (0, "10001", "cmtst", "all"), (1, "10001", "cmeq", "all"),
    (0, "10010", "mla", "bhs"), (1, "10010", "mls", "bhs"),
    (0, "10011", "mul", "bhs"), (1, "10011", "pmul", "b"),
    (0, "10100", "smaxp", "bhs"), (1, "10100", "umaxp", "bhs"),
    (0, "10101", "sminp", "bhs"), (1, "10101", "uminp", "bhs"),
    (0, "10110", "sqdmulh", "hs"), (1, "10110", "sqrdmulh", "hs"),
    (0, "10111", "addp", "all"),
)  # fmt: skip

#: logical three-same: (U, size, mnemonic)
_SAME_LOGIC = (
    (0, "00", "and"), (0, "01", "bic"), (0, "10", "orr"), (0, "11", "orn"),
    (1, "00", "eor"), (1, "01", "bsl"), (1, "10", "bit"), (1, "11", "bif"),
)  # fmt: skip

#: FP three-same: (U, a, opcode, mnemonic); the FP16 forms use opcode<2:0>
_SAME_FP = (
    (0, 0, "11000", "fmaxnm"), (0, 0, "11001", "fmla"), (0, 0, "11010", "fadd"), (0, 0, "11011", "fmulx"),
    (0, 0, "11100", "fcmeq"), (0, 0, "11110", "fmax"), (0, 0, "11111", "frecps"),
    (0, 1, "11000", "fminnm"), (0, 1, "11001", "fmls"), (0, 1, "11010", "fsub"), (0, 1, "11110", "fmin"),
    (0, 1, "11111", "frsqrts"),
    (1, 0, "11000", "fmaxnmp"), (1, 0, "11010", "faddp"), (1, 0, "11011", "fmul"), (1, 0, "11100", "fcmge"),
    (1, 0, "11101", "facge"), (1, 0, "11110", "fmaxp"), (1, 0, "11111", "fdiv"),
    (1, 1, "11000", "fminnmp"), (1, 1, "11010", "fabd"), (1, 1, "11100", "fcmgt"), (1, 1, "11101", "facgt"),
    (1, 1, "11110", "fminp"),
)  # fmt: skip


def _three_same() -> list[E]:
    rows: list[E] = []
    for u, op, mn, cls in _SAME:
        tok, ex = _size_rule(cls)
        rows.append(E(
            f"{mn.upper()}_asimdsame_only", f"0 Q:1 U={u} 01110 {tok} 1 Rm:5 opcode={op} 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}", exclude=ex,
        ))
    for u, size, mn in _SAME_LOGIC:
        rows.append(E(
            f"{mn.upper()}_asimdsame_only", f"0 Q:1 U={u} 01110 opc2={size} 1 Rm:5 opcode=00011 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'B')}, {v('Rn', 'B')}, {v('Rm', 'B')}",
        ))
    for u, a, op, mn in _SAME_FP:
        rows.append(E(
            f"{mn.upper()}_asimdsame_only", f"0 Q:1 U={u} 01110 a={a} sz:1 1 Rm:5 opcode={op} 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'FSZQ')}, {v('Rn', 'FSZQ')}, {v('Rm', 'FSZQ')}", exclude=("sz == 1 and Q == 0",),
        ))
        rows.append(E(
            f"{mn.upper()}_asimdsamefp16_only", f"0 Q:1 U={u} 01110 a={a} 10 Rm:5 00 opcode={op[2:]} 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'H')}, {v('Rn', 'H')}, {v('Rm', 'H')}", feature="FP16",
        ))
    # FMLAL and friends (FEAT_FHM): size = a:sz with sz = 0.
    for u, a, op, mn in ((0, 0, "11101", "fmlal"), (0, 1, "11101", "fmlsl"),
                         (1, 0, "11001", "fmlal2"), (1, 1, "11001", "fmlsl2")):
        rows.append(E(
            f"{mn.upper()}_asimdsame_F", f"0 Q:1 U={u} 01110 S={a} sz=0 1 Rm:5 opcode={op} 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'S')}, {v('Rn', '2H')}, {v('Rm', '2H')}", feature="FHM",
        ))
    return rows


def _three_same_extra() -> list[E]:
    rows: list[E] = []
    dots = (("SDOT", "sdot", 0, "0010"), ("UDOT", "udot", 1, "0010"), ("USDOT", "usdot", 0, "0011"))
    for name, mn, u, op in dots:
        rows.append(E(
            f"{name}_asimdsame2_D", f"0 Q:1 U={u} 01110 size=10 0 Rm:5 1 opcode={op} 1 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'S')}, {v('Rn', 'B')}, {v('Rm', 'B')}", feature="I8MM" if u == 0 and op == "0011" else "DOTPROD",
        ))
    for name, s in (("SQRDMLAH", "0"), ("SQRDMLSH", "1")):
        rows.append(E(
            f"{name}_asimdsame2_only", f"0 Q:1 U=1 01110 size:2 0 Rm:5 1 000 S={s} 1 Rn:5 Rd:5",
            f"{name.lower()} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}",
            exclude=("size == 0 or size == 3",), feature="RDM",
        ))
    rows.append(E(
        "FCMLA_asimdsame2_C", "0 Q:1 U=1 01110 size:2 0 Rm:5 1 10 rot:2 1 Rn:5 Rd:5",
        f"fcmla {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}, {{ROT:rot}}",
        exclude=("size == 0 or (size == 3 and Q == 0)",), feature="FCMA",
    ))
    rows.append(E(
        "FCADD_asimdsame2_C", "0 Q:1 U=1 01110 size:2 0 Rm:5 1 11 rot:1 0 1 Rn:5 Rd:5",
        f"fcadd {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}, {{ROT1:rot}}",
        exclude=("size == 0 or (size == 3 and Q == 0)",), feature="FCMA",
    ))
    rows.append(E(
        "BFDOT_asimdsame2_D", "0 Q:1 U=1 01110 size=01 0 Rm:5 1 opcode=1111 1 Rn:5 Rd:5",
        f"bfdot {v('Rd', 'S')}, {v('Rn', 'H')}, {v('Rm', 'H')}", feature="BF16",
    ))
    rows.append(E(
        "BFMLAL_asimdsame2_F_", "0 Q:1 U=1 01110 size=11 0 Rm:5 1 opcode=1111 1 Rn:5 Rd:5",
        f"bfmlal{{BT:Q}} {v('Rd', '4S')}, {v('Rn', '8H')}, {v('Rm', '8H')}", feature="BF16",
    ))
    rows.append(E(
        "BFMMLA_asimdsame2_E", "0 Q=1 U=1 01110 size=01 0 Rm:5 1 opcode=1101 1 Rn:5 Rd:5",
        f"bfmmla {v('Rd', '4S')}, {v('Rn', '8H')}, {v('Rm', '8H')}", feature="BF16",
    ))
    for name, u, op in (("SMMLA", 0, "0100"), ("UMMLA", 1, "0100"), ("USMMLA", 0, "0101")):
        rows.append(E(
            f"{name}_asimdsame2_G", f"0 Q=1 U={u} 01110 size=10 0 Rm:5 1 opcode={op} 1 Rn:5 Rd:5",
            f"{name.lower()} {v('Rd', '4S')}, {v('Rn', '16B')}, {v('Rm', '16B')}", feature="I8MM",
        ))
    return rows


# --------------------------------------------------------------------------------------
# Two-register miscellaneous (C4.1.95.22) and FP16 (C4.1.95.17)

#: integer: (U, opcode, mnemonic, form, sizes). Forms: R same arrangement, Z compare with #0,
#: N narrow (Vd.Tb, Vn.Ta), P pairwise long, S SHLL.
_MISC = (
    (0, "00000", "rev64", "R", "bhs"), (1, "00000", "rev32", "R", "0x"), (0, "00001", "rev16", "R", "b"),
    (0, "00010", "saddlp", "P", "bhs"), (1, "00010", "uaddlp", "P", "bhs"),
    (0, "00011", "suqadd", "R", "all"), (1, "00011", "usqadd", "R", "all"),
    (0, "00100", "cls", "R", "bhs"), (1, "00100", "clz", "R", "bhs"), (0, "00101", "cnt", "R", "b"),
    (0, "00110", "sadalp", "P", "bhs"), (1, "00110", "uadalp", "P", "bhs"),
    (0, "00111", "sqabs", "R", "all"), (1, "00111", "sqneg", "R", "all"),
    (0, "01000", "cmgt", "Z", "all"), (1, "01000", "cmge", "Z", "all"),
    (0, "01001", "cmeq", "Z", "all"), (1, "01001", "cmle", "Z", "all"), (0, "01010", "cmlt", "Z", "all"),
    (0, "01011", "abs", "R", "all"), (1, "01011", "neg", "R", "all"),
    (0, "10010", "xtn", "N", "bhs"), (1, "10010", "sqxtun", "N", "bhs"),
    (0, "10100", "sqxtn", "N", "bhs"), (1, "10100", "uqxtn", "N", "bhs"),
    (1, "10011", "shll", "S", "bhs"),
)  # fmt: skip

#: FP: (U, a, opcode, mnemonic, form); forms R (sz, Q), FZ compare with #0.0, and the converts.
_MISC_FP = (
    (0, 0, "11000", "frintn", "R"), (0, 0, "11001", "frintm", "R"), (0, 0, "11010", "fcvtns", "R"),
    (0, 0, "11011", "fcvtms", "R"), (0, 0, "11100", "fcvtas", "R"), (0, 0, "11101", "scvtf", "R"),
    (0, 1, "01100", "fcmgt", "FZ"), (0, 1, "01101", "fcmeq", "FZ"), (0, 1, "01110", "fcmlt", "FZ"),
    (0, 1, "01111", "fabs", "R"), (0, 1, "11000", "frintp", "R"), (0, 1, "11001", "frintz", "R"),
    (0, 1, "11010", "fcvtps", "R"), (0, 1, "11011", "fcvtzs", "R"), (0, 1, "11101", "frecpe", "R"),
    (1, 0, "11000", "frinta", "R"), (1, 0, "11001", "frintx", "R"), (1, 0, "11010", "fcvtnu", "R"),
    (1, 0, "11011", "fcvtmu", "R"), (1, 0, "11100", "fcvtau", "R"), (1, 0, "11101", "ucvtf", "R"),
    (1, 1, "01100", "fcmge", "FZ"), (1, 1, "01101", "fcmle", "FZ"), (1, 1, "01111", "fneg", "R"),
    (1, 1, "11001", "frinti", "R"), (1, 1, "11010", "fcvtpu", "R"), (1, 1, "11011", "fcvtzu", "R"),
    (1, 1, "11101", "frsqrte", "R"), (1, 1, "11111", "fsqrt", "R"),
)  # fmt: skip

_FRINTXX = ((0, "11110", "frint32z"), (0, "11111", "frint64z"), (1, "11110", "frint32x"), (1, "11111", "frint64x"))


def _misc() -> list[E]:
    rows: list[E] = []
    for u, op, mn, form, cls in _MISC:
        tok, ex = _size_rule(cls)
        enc = f"0 Q:1 U={u} 01110 {tok} 10000 opcode={op} 10 Rn:5 Rd:5"
        if form == "R":
            asm = f"{mn} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}"
        elif form == "Z":
            asm = f"{mn} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, #0"
        elif form == "N":
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'SQ')}, {v('Rn', 'LONG')}"
        elif form == "P":
            asm = f"{mn} {v('Rd', 'LONGP')}, {v('Rn', 'SQ')}"
        else:
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'LONG')}, {v('Rn', 'SQ')}, {{SHLL:size}}"
        rows.append(E(f"{mn.upper()}_asimdmisc_{form}", enc, asm, exclude=ex))
    for u, size, mn in ((1, "00", "not"), (1, "01", "rbit")):
        rows.append(E(f"{mn.upper()}_asimdmisc_R", f"0 Q:1 U={u} 01110 size={size} 10000 opcode=00101 10 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'B')}, {v('Rn', 'B')}"))
    for u, a, op, mn, form in _MISC_FP:
        zero = ", #0.0" if form == "FZ" else ""
        rows.append(E(
            f"{mn.upper()}_asimdmisc_{form}", f"0 Q:1 U={u} 01110 a={a} sz:1 10000 opcode={op} 10 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'FSZQ')}, {v('Rn', 'FSZQ')}{zero}", exclude=("sz == 1 and Q == 0",),
        ))
        rows.append(E(
            f"{mn.upper()}_asimdmiscfp16_{form}", f"0 Q:1 U={u} 01110 a={a} 1111 00 opcode={op} 10 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'H')}, {v('Rn', 'H')}{zero}", feature="FP16",
        ))
    for u, op, mn in _FRINTXX:
        rows.append(E(
            f"{mn.upper()}_asimdmisc_R", f"0 Q:1 U={u} 01110 a=0 sz:1 10000 opcode={op} 10 Rn:5 Rd:5",
            f"{mn} {v('Rd', 'FSZQ')}, {v('Rn', 'FSZQ')}", exclude=("sz == 1 and Q == 0",), feature="FRINTTS",
        ))
    for u, mn in ((0, "urecpe"), (1, "ursqrte")):
        rows.append(E(f"{mn.upper()}_asimdmisc_R", f"0 Q:1 U={u} 01110 a=1 sz=0 10000 opcode=11100 10 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'S')}, {v('Rn', 'S')}"))
    rows += [
        E("FCVTN_asimdmisc_N", "0 Q:1 U=0 01110 a=0 sz:1 10000 opcode=10110 10 Rn:5 Rd:5",
          f"fcvtn{{Q2:Q}} {v('Rd', 'HSZQ')}, {v('Rn', 'WSZ')}"),
        E("FCVTL_asimdmisc_L", "0 Q:1 U=0 01110 a=0 sz:1 10000 opcode=10111 10 Rn:5 Rd:5",
          f"fcvtl{{Q2:Q}} {v('Rd', 'WSZ')}, {v('Rn', 'HSZQ')}"),
        E("FCVTXN_asimdmisc_N", "0 Q:1 U=1 01110 a=0 sz=1 10000 opcode=10110 10 Rn:5 Rd:5",
          f"fcvtxn{{Q2:Q}} {v('Rd', 'S')}, {v('Rn', '2D')}"),
        E("BFCVTN_asimdmisc_4S", "0 Q:1 U=0 01110 a=1 sz=0 10000 opcode=10110 10 Rn:5 Rd:5",
          f"bfcvtn{{Q2:Q}} {v('Rd', 'H')}, {v('Rn', '4S')}", feature="BF16"),
    ]
    return rows


# --------------------------------------------------------------------------------------
# Across lanes (C4.1.95.10)


def _across() -> list[E]:
    rows: list[E] = []
    ex = ("size == 3 or (size == 2 and Q == 0)",)
    for u, op, mn, long_ in ((0, "00011", "saddlv", True), (1, "00011", "uaddlv", True),
                             (0, "01010", "smaxv", False), (1, "01010", "umaxv", False),
                             (0, "11010", "sminv", False), (1, "11010", "uminv", False), (0, "11011", "addv", False)):
        dest = sc("Rd", "SIZEL" if long_ else "SIZE", "size")
        rows.append(E(f"{mn.upper()}_asimdall_only", f"0 Q:1 U={u} 01110 size:2 11000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {dest}, {v('Rn', 'SQ')}", exclude=ex))
    for a, op, mn in ((0, "01100", "fmaxnmv"), (0, "01111", "fmaxv"), (1, "01100", "fminnmv"), (1, "01111", "fminv")):
        rows.append(E(f"{mn.upper()}_asimdall_only_H", f"0 Q:1 U=0 01110 a={a} 0 11000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'H')}, {v('Rn', 'H')}", feature="FP16"))
        rows.append(E(f"{mn.upper()}_asimdall_only_SD", f"0 Q=1 U=1 01110 a={a} sz=0 11000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'S')}, {v('Rn', '4S')}"))
    return rows


# --------------------------------------------------------------------------------------
# Three different (C4.1.95.19)

#: (U, opcode, mnemonic, form, sizes): L long, W wide, N narrow (high half)
_DIFF = (
    (0, "0000", "saddl", "L", "bhs"), (1, "0000", "uaddl", "L", "bhs"),
    (0, "0001", "saddw", "W", "bhs"), (1, "0001", "uaddw", "W", "bhs"),
    (0, "0010", "ssubl", "L", "bhs"), (1, "0010", "usubl", "L", "bhs"),
    (0, "0011", "ssubw", "W", "bhs"), (1, "0011", "usubw", "W", "bhs"),
    (0, "0100", "addhn", "N", "bhs"), (1, "0100", "raddhn", "N", "bhs"),
    (0, "0101", "sabal", "L", "bhs"), (1, "0101", "uabal", "L", "bhs"),
    (0, "0110", "subhn", "N", "bhs"), (1, "0110", "rsubhn", "N", "bhs"),
    (0, "0111", "sabdl", "L", "bhs"), (1, "0111", "uabdl", "L", "bhs"),
    (0, "1000", "smlal", "L", "bhs"), (1, "1000", "umlal", "L", "bhs"),
    (0, "1001", "sqdmlal", "L", "hs"),
    (0, "1010", "smlsl", "L", "bhs"), (1, "1010", "umlsl", "L", "bhs"),
    (0, "1011", "sqdmlsl", "L", "hs"),
    (0, "1100", "smull", "L", "bhs"), (1, "1100", "umull", "L", "bhs"),
    (0, "1101", "sqdmull", "L", "hs"),
)  # fmt: skip


def _diff() -> list[E]:
    rows: list[E] = []
    for u, op, mn, form, cls in _DIFF:
        tok, ex = _size_rule(cls)
        if form == "L":
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'LONG')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}"
        elif form == "W":
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'LONG')}, {v('Rn', 'LONG')}, {v('Rm', 'SQ')}"
        else:
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'SQ')}, {v('Rn', 'LONG')}, {v('Rm', 'LONG')}"
        rows.append(E(f"{mn.upper()}_asimddiff_{form}", f"0 Q:1 U={u} 01110 {tok} 1 Rm:5 opcode={op} 00 Rn:5 Rd:5",
                      asm, exclude=ex))
    # PMULL: size 00 (8h from 8b) or 11 (1q from 1d, FEAT_PMULL).
    rows.append(E("PMULL_asimddiff_L", "0 Q:1 U=0 01110 size:2 1 Rm:5 opcode=1110 00 Rn:5 Rd:5",
                  f"pmull{{Q2:Q}} {v('Rd', 'LONG')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}",
                  exclude=("size == 1 or size == 2",)))
    return rows


# --------------------------------------------------------------------------------------
# Copy (C4.1.95.13), modified immediate (C4.1.95.24), shift by immediate (C4.1.95.25)


def _copy() -> list[E]:
    return [
        E("DUP_asimdins_DV_v", "0 Q:1 op=0 01110000 imm5:5 0 imm4=0000 1 Rn:5 Rd:5",
          f"dup {v('Rd', 'IMM5')}, {{ELEM5:Rn,imm5}}", exclude=("imm5 & 15 == 0 or (imm5 & 15 == 8 and Q == 0)",)),
        E("DUP_asimdins_DR_r", "0 Q:1 op=0 01110000 imm5:5 0 imm4=0001 1 Rn:5 Rd:5",
          f"dup {v('Rd', 'IMM5')}, {{GPR5:Rn,imm5}}", exclude=("imm5 & 15 == 0 or (imm5 & 15 == 8 and Q == 0)",)),
        E("INS_asimdins_IR_r", "0 Q=1 op=0 01110000 imm5:5 0 imm4=0011 1 Rn:5 Rd:5",
          "ins {ELEM5:Rd,imm5}, {GPR5:Rn,imm5}", exclude=("imm5 & 15 == 0",)),
        E("SMOV_asimdins_W_w", "0 Q=0 op=0 01110000 imm5:5 0 imm4=0101 1 Rn:5 Rd:5",
          "smov {W:Rd}, {ELEM5:Rn,imm5}", exclude=("imm5 & 3 == 0",)),
        E("SMOV_asimdins_X_x", "0 Q=1 op=0 01110000 imm5:5 0 imm4=0101 1 Rn:5 Rd:5",
          "smov {X:Rd}, {ELEM5:Rn,imm5}", exclude=("imm5 & 7 == 0",)),
        E("UMOV_asimdins_W_w", "0 Q=0 op=0 01110000 imm5:5 0 imm4=0111 1 Rn:5 Rd:5",
          "umov {W:Rd}, {ELEM5:Rn,imm5}", exclude=("imm5 & 7 == 0",)),
        E("UMOV_asimdins_X_x", "0 Q=1 op=0 01110000 imm5=x1000 0 imm4=0111 1 Rn:5 Rd:5",
          "umov {X:Rd}, {ELEM5:Rn,imm5}"),
        E("INS_asimdins_IV_v", "0 Q=1 op=1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5",
          "ins {ELEM5:Rd,imm5}, {ELEM4:Rn,imm5,imm4}", exclude=("imm5 & 15 == 0",)),
    ]


_ABCDEFGH = "a:1 b:1 c:1 cmode={cmode} o2={o2} 1 d:1 e:1 f:1 g:1 h:1 Rd:5"
_IMM8 = "a,b,c,d,e,f,g,h"


def _modimm() -> list[E]:
    def e(rid: str, q: str, op: str, cmode: str, asm: str, o2: str = "0") -> E:
        return E(rid, f"0 {q} op={op} 0111100000 " + _ABCDEFGH.format(cmode=cmode, o2=o2), asm)

    s, h = v("Rd", "S"), v("Rd", "H")
    return [
        e("MOVI_asimdimm_L_sl", "Q:1", "0", "0xx0", f"movi {s}, {{IMM8:{_IMM8}}}{{LSL32:cmode}}"),
        e("ORR_asimdimm_L_sl", "Q:1", "0", "0xx1", f"orr {s}, {{IMM8:{_IMM8}}}{{LSL32:cmode}}"),
        e("MOVI_asimdimm_L_hl", "Q:1", "0", "10x0", f"movi {h}, {{IMM8:{_IMM8}}}{{LSL16:cmode}}"),
        e("ORR_asimdimm_L_hl", "Q:1", "0", "10x1", f"orr {h}, {{IMM8:{_IMM8}}}{{LSL16:cmode}}"),
        e("MOVI_asimdimm_M_sm", "Q:1", "0", "110x", f"movi {s}, {{IMM8:{_IMM8}}}{{MSL:cmode}}"),
        e("MOVI_asimdimm_N_b", "Q:1", "0", "1110", f"movi {v('Rd', 'B')}, {{IMM8:{_IMM8}}}"),
        e("FMOV_asimdimm_S_s", "Q:1", "0", "1111", f"fmov {s}, {{VFPIMM:{_IMM8}}}"),
        e("FMOV_asimdimm_H_h", "Q:1", "0", "1111", f"fmov {h}, {{VFPIMM:{_IMM8}}}", o2="1"),
        e("MVNI_asimdimm_L_sl", "Q:1", "1", "0xx0", f"mvni {s}, {{IMM8:{_IMM8}}}{{LSL32:cmode}}"),
        e("BIC_asimdimm_L_sl", "Q:1", "1", "0xx1", f"bic {s}, {{IMM8:{_IMM8}}}{{LSL32:cmode}}"),
        e("MVNI_asimdimm_L_hl", "Q:1", "1", "10x0", f"mvni {h}, {{IMM8:{_IMM8}}}{{LSL16:cmode}}"),
        e("BIC_asimdimm_L_hl", "Q:1", "1", "10x1", f"bic {h}, {{IMM8:{_IMM8}}}{{LSL16:cmode}}"),
        e("MVNI_asimdimm_M_sm", "Q:1", "1", "110x", f"mvni {s}, {{IMM8:{_IMM8}}}{{MSL:cmode}}"),
        e("MOVI_asimdimm_D_ds", "Q=0", "1", "1110", f"movi {sc('Rd', 'D')}, {{IMM64:{_IMM8}}}"),
        e("MOVI_asimdimm_D2_d", "Q=1", "1", "1110", f"movi {v('Rd', '2D')}, {{IMM64:{_IMM8}}}"),
        e("FMOV_asimdimm_D2_d", "Q=1", "1", "1111", f"fmov {v('Rd', '2D')}, {{VFPIMM:{_IMM8}}}"),
    ]


#: (U, opcode, mnemonic, form): R right shift, L left shift, N narrow, W long (SSHLL), C fixed-point convert
_SHF = (
    (0, "00000", "sshr", "R"), (1, "00000", "ushr", "R"), (0, "00010", "ssra", "R"), (1, "00010", "usra", "R"),
    (0, "00100", "srshr", "R"), (1, "00100", "urshr", "R"), (0, "00110", "srsra", "R"), (1, "00110", "ursra", "R"),
    (1, "01000", "sri", "R"), (0, "01010", "shl", "L"), (1, "01010", "sli", "L"), (1, "01100", "sqshlu", "L"),
    (0, "01110", "sqshl", "L"), (1, "01110", "uqshl", "L"),
    (0, "10000", "shrn", "N"), (1, "10000", "sqshrun", "N"), (0, "10001", "rshrn", "N"),
    (1, "10001", "sqrshrun", "N"), (0, "10010", "sqshrn", "N"), (1, "10010", "uqshrn", "N"),
    (0, "10011", "sqrshrn", "N"), (1, "10011", "uqrshrn", "N"),
    (0, "10100", "sshll", "W"), (1, "10100", "ushll", "W"),
    (0, "11100", "scvtf", "C"), (1, "11100", "ucvtf", "C"), (0, "11111", "fcvtzs", "C"), (1, "11111", "fcvtzu", "C"),
)  # fmt: skip


def _shift() -> list[E]:
    rows: list[E] = []
    for u, op, mn, form in _SHF:
        enc = f"0 Q:1 U={u} 011110 immh:4 immb:3 opcode={op} 1 Rn:5 Rd:5"
        if form in "RL":
            amount = "SHR" if form == "R" else "SHL"
            asm = f"{mn} {v('Rd', 'IMMH')}, {v('Rn', 'IMMH')}, {{{amount}:immh,immb}}"
            ex = "immh == 0 or (immh >= 8 and Q == 0)"
        elif form == "N":
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'IMMH')}, {v('Rn', 'IMMHL')}, {{SHR:immh,immb}}"
            ex = "immh == 0 or immh >= 8"
        elif form == "W":
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'IMMHL')}, {v('Rn', 'IMMH')}, {{SHL:immh,immb}}"
            ex = "immh == 0 or immh >= 8"
        else:
            asm = f"{mn} {v('Rd', 'FIMMH')}, {v('Rn', 'FIMMH')}, {{SHR:immh,immb}}"
            ex = "immh < 2 or (immh >= 8 and Q == 0)"
        suffix = {"W": "L"}.get(form, form)
        rows.append(E(f"{mn.upper()}_asimdshf_{suffix}", enc, asm, exclude=(ex,)))
    return rows


# --------------------------------------------------------------------------------------
# Vector x indexed element (C4.1.95.27)

#: integer: (U, opcode, mnemonic, form); R same arrangement, L long; sizes h and s
_ELEM = (
    (1, "0000", "mla", "R"), (1, "0100", "mls", "R"), (0, "1000", "mul", "R"),
    (0, "0010", "smlal", "L"), (1, "0010", "umlal", "L"), (0, "0011", "sqdmlal", "L"),
    (0, "0110", "smlsl", "L"), (1, "0110", "umlsl", "L"), (0, "0111", "sqdmlsl", "L"),
    (0, "1010", "smull", "L"), (1, "1010", "umull", "L"), (0, "1011", "sqdmull", "L"),
    (0, "1100", "sqdmulh", "R"), (0, "1101", "sqrdmulh", "R"),
    (1, "1101", "sqrdmlah", "R"), (1, "1111", "sqrdmlsh", "R"),
)  # fmt: skip

_ELEM_FP = ((0, "0001", "fmla"), (0, "0101", "fmls"), (0, "1001", "fmul"), (1, "1001", "fmulx"))
_IDX_FIELDS = "size:2 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5"


def _elem() -> list[E]:
    rows: list[E] = []
    for u, op, mn, form in _ELEM:
        enc = f"0 Q:1 U={u} 01111 " + _IDX_FIELDS.format(op=op)
        idx = "{IDX:size,H,L,M,Rm}"
        if form == "R":
            asm = f"{mn} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {idx}"
        else:
            asm = f"{mn}{{Q2:Q}} {v('Rd', 'LONG')}, {v('Rn', 'SQ')}, {idx}"
        rows.append(E(f"{mn.upper()}_asimdelem_{form}", enc, asm, exclude=("size == 0 or size == 3",)))
    for u, op, mn in _ELEM_FP:
        rows.append(E(f"{mn.upper()}_asimdelem_RH_H", f"0 Q:1 U={u} 01111 size=00 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'H')}, {v('Rn', 'H')}, {{IDXH_HLM:H,L,M,Rm}}", feature="FP16"))
        rows.append(E(f"{mn.upper()}_asimdelem_R_SD", f"0 Q:1 U={u} 01111 1 sz:1 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'FSZQ')}, {v('Rn', 'FSZQ')}, {{IDXSZ:sz,H,L,M,Rm}}",
                      exclude=("sz == 1 and (Q == 0 or L == 1)",)))
    for u, op, mn in ((0, "0000", "fmlal"), (0, "0100", "fmlsl"), (1, "1000", "fmlal2"), (1, "1100", "fmlsl2")):
        rows.append(E(f"{mn.upper()}_asimdelem_LH", f"0 Q:1 U={u} 01111 size=10 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'S')}, {v('Rn', '2H')}, {{IDXH_HLM:H,L,M,Rm}}", feature="FHM"))
    for name, u, size, op, src, feat in (("SDOT", 0, "10", "1110", "B", "DOTPROD"), ("UDOT", 1, "10", "1110", "B", "DOTPROD"),
                                         ("SUDOT", 0, "00", "1111", "B", "I8MM"), ("USDOT", 0, "10", "1111", "B", "I8MM"),
                                         ("BFDOT", 0, "01", "1111", "H", "BF16")):
        idx = "{IDX4B_HL:H,L,M,Rm}" if src == "B" else "{IDX2H_HL:H,L,M,Rm}"
        rid = f"{name}_asimdelem_{'E' if name == 'BFDOT' else 'D'}"
        rows.append(E(rid, f"0 Q:1 U={u} 01111 size={size} L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{name.lower()} {v('Rd', 'S')}, {v('Rn', src)}, {idx}", feature=feat))
    rows.append(E("BFMLAL_asimdelem_F", "0 Q:1 U=0 01111 size=11 L:1 M:1 Rm:4 opcode=1111 H:1 0 Rn:5 Rd:5",
                  f"bfmlal{{BT:Q}} {v('Rd', '4S')}, {v('Rn', '8H')}, {{IDXH_HLM:H,L,M,Rm}}", feature="BF16"))
    rows.append(E("FCMLA_asimdelem_C_H", "0 Q:1 U=1 01111 size=01 L:1 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5",
                  f"fcmla {v('Rd', 'H')}, {v('Rn', 'H')}, {{IDXH_HL:H,L,M,Rm}}, {{ROT:rot}}", feature="FCMA",
                  exclude=("H == 1 and Q == 0",)))
    rows.append(E("FCMLA_asimdelem_C_S", "0 Q=1 U=1 01111 size=10 L=0 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5",
                  "fcmla {V4S:Rd}, {V4S:Rn}, {IDXS_H:H,L,M,Rm}, {ROT:rot}", feature="FCMA"))
    return rows


# --------------------------------------------------------------------------------------
# Permute, extract, table lookup (C4.1.95.7, .8, .6)


def _perm() -> list[E]:
    rows: list[E] = []
    for op, mn in (("001", "uzp1"), ("010", "trn1"), ("011", "zip1"), ("101", "uzp2"), ("110", "trn2"), ("111", "zip2")):
        rows.append(E(f"{mn.upper()}_asimdperm_only", f"0 Q:1 001110 size:2 0 Rm:5 0 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {v('Rd', 'SQ')}, {v('Rn', 'SQ')}, {v('Rm', 'SQ')}", exclude=("size == 3 and Q == 0",)))
    rows.append(E("EXT_asimdext_only", "0 Q:1 101110 op2=00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5",
                  f"ext {v('Rd', 'B')}, {v('Rn', 'B')}, {v('Rm', 'B')}, {{IMM:imm4}}",
                  exclude=("Q == 0 and imm4 >= 8",)))
    for n, len_ in ((1, "00"), (2, "01"), (3, "10"), (4, "11")):
        for op, mn in (("0", "tbl"), ("1", "tbx")):
            rows.append(E(f"{mn.upper()}_asimdtbl_L{n}_{n}", f"0 Q:1 001110 op2=00 0 Rm:5 0 len={len_} op={op} 00 Rn:5 Rd:5",
                          f"{mn} {v('Rd', 'B')}, {{TLIST{n}:Rn}}, {v('Rm', 'B')}"))
    return rows


# --------------------------------------------------------------------------------------
# Scalar forms (C4.1.95.1 - C4.1.95.5, .12, .14, .16, .18)

#: scalar three same, integer: (U, opcode, mnemonic, sizes)
_SSAME = (
    (0, "00001", "sqadd", "all"), (1, "00001", "uqadd", "all"), (0, "00101", "sqsub", "all"),
    (1, "00101", "uqsub", "all"), (0, "00110", "cmgt", "d"), (1, "00110", "cmhi", "d"),
    (0, "00111", "cmge", "d"), (1, "00111", "cmhs", "d"), (0, "01000", "sshl", "d"), (1, "01000", "ushl", "d"),
    (0, "01001", "sqshl", "all"), (1, "01001", "uqshl", "all"), (0, "01010", "srshl", "d"),
    (1, "01010", "urshl", "d"), (0, "01011", "sqrshl", "all"), (1, "01011", "uqrshl", "all"),
    (0, "10000", "add", "d"), (1, "10000", "sub", "d"), (0, "10001", "cmtst", "d"), (1, "10001", "cmeq", "d"),
    (0, "10110", "sqdmulh", "hs"), (1, "10110", "sqrdmulh", "hs"),
)  # fmt: skip

_SSAME_FP = (
    (0, 0, "11011", "fmulx"), (0, 0, "11100", "fcmeq"), (0, 0, "11111", "frecps"), (0, 1, "11111", "frsqrts"),
    (1, 0, "11100", "fcmge"), (1, 0, "11101", "facge"), (1, 1, "11010", "fabd"), (1, 1, "11100", "fcmgt"),
    (1, 1, "11101", "facgt"),
)  # fmt: skip

#: scalar two-register misc, integer: (U, opcode, mnemonic, form, sizes)
_SMISC = (
    (0, "00011", "suqadd", "R", "all"), (1, "00011", "usqadd", "R", "all"),
    (0, "00111", "sqabs", "R", "all"), (1, "00111", "sqneg", "R", "all"),
    (0, "01000", "cmgt", "Z", "d"), (1, "01000", "cmge", "Z", "d"), (0, "01001", "cmeq", "Z", "d"),
    (1, "01001", "cmle", "Z", "d"), (0, "01010", "cmlt", "Z", "d"), (0, "01011", "abs", "R", "d"),
    (1, "01011", "neg", "R", "d"),
    (1, "10010", "sqxtun", "N", "bhs"), (0, "10100", "sqxtn", "N", "bhs"), (1, "10100", "uqxtn", "N", "bhs"),
)  # fmt: skip

_SMISC_FP = (
    (0, 0, "11010", "fcvtns", "R"), (0, 0, "11011", "fcvtms", "R"), (0, 0, "11100", "fcvtas", "R"),
    (0, 0, "11101", "scvtf", "R"), (0, 1, "01100", "fcmgt", "FZ"), (0, 1, "01101", "fcmeq", "FZ"),
    (0, 1, "01110", "fcmlt", "FZ"), (0, 1, "11010", "fcvtps", "R"), (0, 1, "11011", "fcvtzs", "R"),
    (0, 1, "11101", "frecpe", "R"), (0, 1, "11111", "frecpx", "R"),
    (1, 0, "11010", "fcvtnu", "R"), (1, 0, "11011", "fcvtmu", "R"), (1, 0, "11100", "fcvtau", "R"),
    (1, 0, "11101", "ucvtf", "R"), (1, 1, "01100", "fcmge", "FZ"), (1, 1, "01101", "fcmle", "FZ"),
    (1, 1, "11010", "fcvtpu", "R"), (1, 1, "11011", "fcvtzu", "R"), (1, 1, "11101", "frsqrte", "R"),
)  # fmt: skip


def _scalar() -> list[E]:
    rows: list[E] = []
    for u, op, mn, cls in _SSAME:
        tok, ex = _size_rule(cls, q=False)
        reg = "SIZE" if cls != "d" else ""
        ops = [sc(r, "SIZE", "size") if reg else sc(r, "D") for r in ("Rd", "Rn", "Rm")]
        rows.append(E(f"{mn.upper()}_asisdsame_only", f"01 U={u} 11110 {tok} 1 Rm:5 opcode={op} 1 Rn:5 Rd:5",
                      f"{mn} {', '.join(ops)}", exclude=ex))
    for u, a, op, mn in _SSAME_FP:
        ops = [sc(r, "SZ", "sz") for r in ("Rd", "Rn", "Rm")]
        rows.append(E(f"{mn.upper()}_asisdsame_only", f"01 U={u} 11110 a={a} sz:1 1 Rm:5 opcode={op} 1 Rn:5 Rd:5",
                      f"{mn} {', '.join(ops)}"))
        ops = [sc(r, "H") for r in ("Rd", "Rn", "Rm")]
        rows.append(E(f"{mn.upper()}_asisdsamefp16_only", f"01 U={u} 11110 a={a} 10 Rm:5 00 opcode={op[2:]} 1 Rn:5 Rd:5",
                      f"{mn} {', '.join(ops)}", feature="FP16"))
    for name, s in (("SQRDMLAH", "0"), ("SQRDMLSH", "1")):
        ops = [sc(r, "SIZE", "size") for r in ("Rd", "Rn", "Rm")]
        rows.append(E(f"{name}_asisdsame2_only", f"01 U=1 11110 size:2 0 Rm:5 1 000 S={s} 1 Rn:5 Rd:5",
                      f"{name.lower()} {', '.join(ops)}", exclude=("size == 0 or size == 3",), feature="RDM"))
    for op, mn in (("1001", "sqdmlal"), ("1011", "sqdmlsl"), ("1101", "sqdmull")):
        rows.append(E(f"{mn.upper()}_asisddiff_only", f"01 U=0 11110 size:2 1 Rm:5 opcode={op} 00 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'SIZEL', 'size')}, {sc('Rn', 'SIZE', 'size')}, {sc('Rm', 'SIZE', 'size')}",
                      exclude=("size == 0 or size == 3",)))
    for u, op, mn, form, cls in _SMISC:
        tok, ex = _size_rule(cls, q=False)
        if form == "N":
            asm = f"{mn} {sc('Rd', 'SIZE', 'size')}, {sc('Rn', 'SIZEL', 'size')}"
        elif cls == "d":
            asm = f"{mn} {sc('Rd', 'D')}, {sc('Rn', 'D')}" + (", #0" if form == "Z" else "")
        else:
            asm = f"{mn} {sc('Rd', 'SIZE', 'size')}, {sc('Rn', 'SIZE', 'size')}"
        rows.append(E(f"{mn.upper()}_asisdmisc_{form}", f"01 U={u} 11110 {tok} 10000 opcode={op} 10 Rn:5 Rd:5",
                      asm, exclude=ex))
    for u, a, op, mn, form in _SMISC_FP:
        zero = ", #0.0" if form == "FZ" else ""
        rows.append(E(f"{mn.upper()}_asisdmisc_{form}", f"01 U={u} 11110 a={a} sz:1 10000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'SZ', 'sz')}, {sc('Rn', 'SZ', 'sz')}{zero}"))
        rows.append(E(f"{mn.upper()}_asisdmiscfp16_{form}", f"01 U={u} 11110 a={a} 1111 00 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'H')}, {sc('Rn', 'H')}{zero}", feature="FP16"))
    rows.append(E("FCVTXN_asisdmisc_N", "01 U=1 11110 a=0 sz=1 10000 opcode=10110 10 Rn:5 Rd:5",
                  f"fcvtxn {sc('Rd', 'S')}, {sc('Rn', 'D')}"))
    # pairwise
    rows.append(E("ADDP_asisdpair_only", "01 U=0 11110 size=11 11000 opcode=11011 10 Rn:5 Rd:5",
                  f"addp {sc('Rd', 'D')}, {v('Rn', '2D')}"))
    for a, op, mn in ((0, "01100", "fmaxnmp"), (0, "01101", "faddp"), (0, "01111", "fmaxp"),
                      (1, "01100", "fminnmp"), (1, "01111", "fminp")):
        rows.append(E(f"{mn.upper()}_asisdpair_only_H", f"01 U=0 11110 a={a} sz=0 11000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'H')}, {v('Rn', '2HX')}", feature="FP16"))
        rows.append(E(f"{mn.upper()}_asisdpair_only_SD", f"01 U=1 11110 a={a} sz:1 11000 opcode={op} 10 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'SZ', 'sz')}, {{VP2:Rn,sz}}"))
    # copy: DUP (element), scalar
    rows.append(E("DUP_asisdone_only", "01 op=0 11110000 imm5:5 0 imm4=0000 1 Rn:5 Rd:5",
                  f"dup {sc('Rd', 'IMM5', 'imm5')}, {{ELEM5:Rn,imm5}}", exclude=("imm5 & 15 == 0",)))
    # shift by immediate
    for u, op, mn, form in _SSHF:
        enc = f"01 U={u} 111110 immh:4 immb:3 opcode={op} 1 Rn:5 Rd:5"
        if form in "RL" and mn in _D_ONLY:
            amount = "SHR" if form == "R" else "SHL"
            asm = f"{mn} {sc('Rd', 'D')}, {sc('Rn', 'D')}, {{{amount}:immh,immb}}"
            cond = "immh < 8"
        elif form in "RL":
            asm = f"{mn} {sc('Rd', 'IMMH', 'immh')}, {sc('Rn', 'IMMH', 'immh')}, {{SHL:immh,immb}}"
            cond = "immh == 0"
        elif form == "N":
            asm = f"{mn} {sc('Rd', 'IMMH', 'immh')}, {sc('Rn', 'IMMHL', 'immh')}, {{SHR:immh,immb}}"
            cond = "immh == 0 or immh >= 8"
        else:
            asm = f"{mn} {sc('Rd', 'FIMMH', 'immh')}, {sc('Rn', 'FIMMH', 'immh')}, {{SHR:immh,immb}}"
            cond = "immh < 2"
        rows.append(E(f"{mn.upper()}_asisdshf_{form}", enc, asm, exclude=(cond,)))
    # by element
    for u, op, mn, form in ((0, "0011", "sqdmlal", "L"), (0, "0111", "sqdmlsl", "L"), (0, "1011", "sqdmull", "L"),
                            (0, "1100", "sqdmulh", "R"), (0, "1101", "sqrdmulh", "R"),
                            (1, "1101", "sqrdmlah", "R"), (1, "1111", "sqrdmlsh", "R")):
        dest = sc("Rd", "SIZEL" if form == "L" else "SIZE", "size")
        rows.append(E(f"{mn.upper()}_asisdelem_{form}", f"01 U={u} 11111 " + _IDX_FIELDS.format(op=op),
                      f"{mn} {dest}, {sc('Rn', 'SIZE', 'size')}, {{IDX:size,H,L,M,Rm}}",
                      exclude=("size == 0 or size == 3",)))
    for u, op, mn in _ELEM_FP:
        rows.append(E(f"{mn.upper()}_asisdelem_RH_H", f"01 U={u} 11111 size=00 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'H')}, {sc('Rn', 'H')}, {{IDXH_HLM:H,L,M,Rm}}", feature="FP16"))
        rows.append(E(f"{mn.upper()}_asisdelem_R_SD", f"01 U={u} 11111 1 sz:1 L:1 M:1 Rm:4 opcode={op} H:1 0 Rn:5 Rd:5",
                      f"{mn} {sc('Rd', 'SZ', 'sz')}, {sc('Rn', 'SZ', 'sz')}, {{IDXSZ:sz,H,L,M,Rm}}",
                      exclude=("sz == 1 and L == 1",)))
    return rows


#: scalar shift by immediate: (U, opcode, mnemonic, form)
_SSHF = (
    (0, "00000", "sshr", "R"), (1, "00000", "ushr", "R"), (0, "00010", "ssra", "R"), (1, "00010", "usra", "R"),
    (0, "00100", "srshr", "R"), (1, "00100", "urshr", "R"), (0, "00110", "srsra", "R"), (1, "00110", "ursra", "R"),
    (1, "01000", "sri", "R"), (0, "01010", "shl", "L"), (1, "01010", "sli", "L"), (1, "01100", "sqshlu", "L"),
    (0, "01110", "sqshl", "L"), (1, "01110", "uqshl", "L"),
    (1, "10000", "sqshrun", "N"), (1, "10001", "sqrshrun", "N"), (0, "10010", "sqshrn", "N"),
    (1, "10010", "uqshrn", "N"), (0, "10011", "sqrshrn", "N"), (1, "10011", "uqrshrn", "N"),
    (0, "11100", "scvtf", "C"), (1, "11100", "ucvtf", "C"), (0, "11111", "fcvtzs", "C"), (1, "11111", "fcvtzu", "C"),
)  # fmt: skip
#: the scalar shifts that exist only for 64-bit elements
_D_ONLY = frozenset(("sshr", "ushr", "ssra", "usra", "srshr", "urshr", "srsra", "ursra", "sri", "shl", "sli"))


# --------------------------------------------------------------------------------------
# Structure loads and stores (C4.1.88.1 - .4)

#: multiple structures: (opcode, mnemonic stem, registers, structure ID part)
_LDST_MULT = (
    ("0111", "1", 1, "R1_1v"), ("1010", "1", 2, "R2_2v"), ("0110", "1", 3, "R3_3v"), ("0010", "1", 4, "R4_4v"),
    ("1000", "2", 2, "R2"), ("0100", "3", 3, "R3"), ("0000", "4", 4, "R4"),
)  # fmt: skip


def _post_ids(part: str, n: int) -> tuple[str, str]:
    """The post-index IDs of a multiple-structure form: (immediate, register)."""
    if part.endswith("v"):
        return f"I{n}_i{n}", f"R{n}_r{n}"
    return f"I{n}_i", f"R{n}_r"


def _ldst() -> tuple[list[E], list[OverlapGroup]]:
    rows: list[E] = []
    groups: list[OverlapGroup] = []
    for l_, ls in ((0, "ST"), (1, "LD")):
        for op, k, n, part in _LDST_MULT:
            mn = f"{ls.lower()}{k}"
            ex = ("size == 3 and Q == 0",) if k != "1" else ()
            lst = f"{{LIST{n}:Rt,size,Q}}"
            rows.append(E(f"{ls}{k}_asisdlse_{part}", f"0 Q:1 0011000 L={l_} 000000 opcode={op} size:2 Rn:5 Rt:5",
                          f"{mn} {lst}, [{{XSP:Rn}}]", exclude=ex))
            pi, pr = _post_ids(part, n)
            rows.append(E(f"{ls}{k}_asisdlsep_{pi}", f"0 Q:1 0011001 L={l_} 0 Rm=11111 opcode={op} size:2 Rn:5 Rt:5",
                          f"{mn} {lst}, [{{XSP:Rn}}], {{POST{n}:Q}}", exclude=ex))
            rows.append(E(f"{ls}{k}_asisdlsep_{pr}", f"0 Q:1 0011001 L={l_} 0 Rm:5 opcode={op} size:2 Rn:5 Rt:5",
                          f"{mn} {lst}, [{{XSP:Rn}}], {{X:Rm}}", exclude=ex))
            groups.append(OverlapGroup(f"{ls}{k}_{n}_post", (f"{ls}{k}_asisdlsep_{pi}", f"{ls}{k}_asisdlsep_{pr}")))
        # single structure: opcode<2:1> picks the element size, opcode<0>:R the structure count
        for n in range(1, 5):
            r = (n - 1) & 1
            o0 = (n - 1) >> 1
            mn = f"{ls.lower()}{n}"
            for ch, opc, s_tok, size_tok, fields in (
                ("B", "00", "S:1", "size:2", "Q,S,size"), ("H", "01", "S:1", "size=x0", "Q,S,size"),
                ("S", "10", "S:1", "size=00", "Q,S"), ("D", "10", "S=0", "size=01", "Q"),
            ):
                lanes = f"{{LANE{n}{ch}:Rt,{fields}}}"
                diag = f"{{Q}} 0011010 L={l_} R={r} {{rm}} opcode={opc}{o0} {s_tok} {size_tok} Rn:5 Rt:5"
                lo = ch.lower()
                base = f"{ls}{n}_asisdlso_{ch}{n}_{n}{lo}"
                rows.append(E(base, "0 " + diag.format(Q="Q:1", rm="00000"),
                              f"{mn} {lanes}, [{{XSP:Rn}}]"))
                nbytes = n * {"B": 1, "H": 2, "S": 4, "D": 8}[ch]
                pi = f"{ls}{n}_asisdlsop_{ch}{n}_i{n}{lo}"
                pr = f"{ls}{n}_asisdlsop_{ch}X{n}_r{n}{lo}"
                rows.append(E(pi, "0 " + diag.format(Q="Q:1", rm="Rm=11111").replace("0011010", "0011011"),
                              f"{mn} {lanes}, [{{XSP:Rn}}], #{nbytes}"))
                rows.append(E(pr, "0 " + diag.format(Q="Q:1", rm="Rm:5").replace("0011010", "0011011"),
                              f"{mn} {lanes}, [{{XSP:Rn}}], {{X:Rm}}"))
                groups.append(OverlapGroup(f"{base}_post", (pi, pr)))
            if ls == "LD":
                lst = f"{{LIST{n}:Rt,size,Q}}"
                mr = f"ld{n}r"
                diag = f"0 Q:1 {{op}} L=1 R={r} {{rm}} opcode=11{o0} S=0 size:2 Rn:5 Rt:5"
                base = f"LD{n}R_asisdlso_R{n}"
                pi, pr = f"LD{n}R_asisdlsop_R{n}_i", f"LD{n}R_asisdlsop_RX{n}_r"
                rows.append(E(base, diag.format(op="0011010", rm="00000"), f"{mr} {lst}, [{{XSP:Rn}}]"))
                rows.append(E(pi, diag.format(op="0011011", rm="Rm=11111"), f"{mr} {lst}, [{{XSP:Rn}}], {{POSTR{n}:size}}"))
                rows.append(E(pr, diag.format(op="0011011", rm="Rm:5"), f"{mr} {lst}, [{{XSP:Rn}}], {{X:Rm}}"))
                groups.append(OverlapGroup(f"{base}_post", (pi, pr)))
    return rows, groups


_LDST_ROWS, _LDST_GROUPS = _ldst()


ENCODINGS: tuple[Encoding, ...] = (
    *_three_same(), *_three_same_extra(), *_misc(), *_across(), *_diff(), *_copy(), *_modimm(), *_shift(),
    *_elem(), *_perm(), *_scalar(), *_LDST_ROWS,
)


def _aliases() -> list[A]:
    out = [
        A("MOV_ORR_asimdsame_only", "ORR_asimdsame_only", "", f"mov {v('Rd', 'B')}, {v('Rn', 'B')}", cond="Rn == Rm"),
        A("MVN_NOT_asimdmisc_R", "NOT_asimdmisc_R", "", f"mvn {v('Rd', 'B')}, {v('Rn', 'B')}"),
        A("MOV_INS_asimdins_IR_r", "INS_asimdins_IR_r", "", "mov {ELEM5:Rd,imm5}, {GPR5:Rn,imm5}"),
        A("MOV_INS_asimdins_IV_v", "INS_asimdins_IV_v", "", "mov {ELEM5:Rd,imm5}, {ELEM4:Rn,imm5,imm4}"),
        A("MOV_UMOV_asimdins_W_w", "UMOV_asimdins_W_w", "imm5=xx100", "mov {W:Rd}, {ELEM5:Rn,imm5}"),
        A("MOV_UMOV_asimdins_X_x", "UMOV_asimdins_X_x", "", "mov {X:Rd}, {ELEM5:Rn,imm5}"),
        A("MOV_DUP_asisdone_only", "DUP_asisdone_only", "", f"mov {sc('Rd', 'IMM5', 'imm5')}, {{ELEM5:Rn,imm5}}"),
    ]
    for u, mn in ((0, "sxtl"), (1, "uxtl")):
        base = f"{'SU'[u]}SHLL_asimdshf_L"
        out.append(A(f"{mn.upper()}_{base}", base, "immb=000", f"{mn}{{Q2:Q}} {v('Rd', 'IMMHL')}, {v('Rn', 'IMMH')}",
                     cond="immh in (1, 2, 4)"))
    return out


ALIASES: tuple[Alias, ...] = tuple(_aliases())
OVERLAPS: tuple[OverlapGroup, ...] = tuple(_LDST_GROUPS)

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
