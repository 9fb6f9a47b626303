"""Loads and stores (Arm ARM C4.1, "Loads and Stores"), except the AdvSIMD structure loads/stores.

Rows are generated per encoding class from the class's opcode table (size/opc/V
as the Arm ARM's decode tables give them), so every class reads as one table.
Register 31 is SP as a base (``Rn``) and the zero register as a transfer
register (``Rt``/``Rs``). Writeback to the transfer register, loads of a pair
into one register and exclusive stores whose status register overlaps are
CONSTRAINED UNPREDICTABLE: those words decode with ``Insn.unpredictable`` set.
"""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding
A = Alias

# (size, opc) -> ID stem, mnemonic stem, transfer-register kind, access size log2.
# General registers (V=0); "PRF" marks the prefetch slot (size=11 opc=10).
_INT: dict[tuple[str, str], tuple[str, str, str, int]] = {
    ("00", "00"): ("STRB_32", "strb", "W", 0),
    ("00", "01"): ("LDRB_32", "ldrb", "W", 0),
    ("00", "10"): ("LDRSB_64", "ldrsb", "X", 0),
    ("00", "11"): ("LDRSB_32", "ldrsb", "W", 0),
    ("01", "00"): ("STRH_32", "strh", "W", 1),
    ("01", "01"): ("LDRH_32", "ldrh", "W", 1),
    ("01", "10"): ("LDRSH_64", "ldrsh", "X", 1),
    ("01", "11"): ("LDRSH_32", "ldrsh", "W", 1),
    ("10", "00"): ("STR_32", "str", "W", 2),
    ("10", "01"): ("LDR_32", "ldr", "W", 2),
    ("10", "10"): ("LDRSW_64", "ldrsw", "X", 2),
    ("11", "00"): ("STR_64", "str", "X", 3),
    ("11", "01"): ("LDR_64", "ldr", "X", 3),
}
# SIMD&FP registers (V=1): (size, opc) -> register letter, access size log2.
_FP: dict[tuple[str, str], tuple[str, int]] = {
    ("00", "00"): ("B", 0), ("00", "01"): ("B", 0),
    ("01", "00"): ("H", 1), ("01", "01"): ("H", 1),
    ("10", "00"): ("S", 2), ("10", "01"): ("S", 2),
    ("11", "00"): ("D", 3), ("11", "01"): ("D", 3),
    ("00", "10"): ("Q", 4), ("00", "11"): ("Q", 4),
}  # fmt: skip

_WB_OVERLAP = ("Rn == Rt and Rn != 31", "writeback base is the transfer register")
_WB_OVERLAP_PAIR = ("(Rn == Rt or Rn == Rt2) and Rn != 31", "writeback base is a transfer register")
_LOAD_PAIR_SAME = ("Rt == Rt2", "both registers of the pair are the same")


def _single(cls: str, fixed: tuple[str, str], addr: str, *, writeback: bool, unpriv: bool = False) -> list[E]:
    """One row per (size, opc, V) of a single-register class.

    ``fixed`` is the diagram between ``opc`` and ``Rn`` (offset and class bits);
    ``addr`` the address template, with ``{N}`` for the access size in bytes.
    """
    rows: list[E] = []
    for (size, opc), (stem, mn, kind, lg) in _INT.items():
        if unpriv:
            mn = mn.replace("ldr", "ldtr").replace("str", "sttr")
        elif cls == "ldst_unscaled":
            mn = mn.replace("ldr", "ldur").replace("str", "stur")
        rid = (stem.replace("LDR", "LDTR").replace("STR", "STTR") if unpriv
               else stem.replace("LDR", "LDUR").replace("STR", "STUR") if cls == "ldst_unscaled" else stem)
        unp = (_WB_OVERLAP,) if writeback else ()
        rows.append(E(f"{rid}_{cls}", f"size={size} 111 V=0 {fixed[0]} opc={opc} {fixed[1]} Rn:5 Rt:5",
                      f"{mn} {{{kind}:Rt}}, {addr.replace('{N}', str(1 << lg))}", unpredictable=unp))
    if unpriv:
        return rows
    for (size, opc), (reg, lg) in _FP.items():
        load = opc in ("01", "11")
        mn = ("ldur" if load else "stur") if cls == "ldst_unscaled" else ("ldr" if load else "str")
        rows.append(E(f"{mn.upper()}_{reg}_{cls}",
                      f"size={size} 111 V=1 {fixed[0]} opc={opc} {fixed[1]} Rn:5 Rt:5",
                      f"{mn} {{{reg}REG:Rt}}, {addr.replace('{N}', str(1 << lg))}", feature="FP"))
    return rows


def _regoff() -> list[E]:
    rows: list[E] = []
    tail = "1 Rm:5 option=x1x S:1 10 Rn:5 Rt:5"
    for (size, opc), (stem, mn, kind, lg) in _INT.items():
        addr = f"[{{XSP:Rn}}, {{REGOFF{lg}:Rm,option,S}}]"
        if lg == 0:
            # byte accesses: the LSL form (option=011) is an encoding of its own
            rows.append(E(f"{stem}B_ldst_regoff", f"size={size} 111 V=0 00 opc={opc} {tail}",
                          f"{mn} {{{kind}:Rt}}, {addr}", exclude=("option == 0b011",)))
            rows.append(E(f"{stem}BL_ldst_regoff",
                          f"size={size} 111 V=0 00 opc={opc} 1 Rm:5 option=011 S:1 10 Rn:5 Rt:5",
                          f"{mn} {{{kind}:Rt}}, {addr}"))
        else:
            rows.append(E(f"{stem}_ldst_regoff", f"size={size} 111 V=0 00 opc={opc} {tail}",
                          f"{mn} {{{kind}:Rt}}, {addr}"))
    rows.append(E("PRFM_P_ldst_regoff", f"size=11 111 V=0 00 opc=10 {tail}",
                  "prfm {PRFOP:Rt}, [{XSP:Rn}, {REGOFF3:Rm,option,S}]"))
    for (size, opc), (reg, lg) in _FP.items():
        mn = "ldr" if opc in ("01", "11") else "str"
        addr = f"[{{XSP:Rn}}, {{REGOFF{lg}:Rm,option,S}}]"
        if lg == 0:
            rows.append(E(f"{mn.upper()}_B_ldst_regoff", f"size={size} 111 V=1 00 opc={opc} {tail}",
                          f"{mn} {{BREG:Rt}}, {addr}", feature="FP", exclude=("option == 0b011",)))
            rows.append(E(f"{mn.upper()}_BL_ldst_regoff",
                          f"size={size} 111 V=1 00 opc={opc} 1 Rm:5 option=011 S:1 10 Rn:5 Rt:5",
                          f"{mn} {{BREG:Rt}}, {addr}", feature="FP"))
        else:
            rows.append(E(f"{mn.upper()}_{reg}_ldst_regoff", f"size={size} 111 V=1 00 opc={opc} {tail}",
                          f"{mn} {{{reg}REG:Rt}}, {addr}", feature="FP"))
    return rows


def _literal() -> list[E]:
    lit = "{LABEL:imm19*4}"
    return [
        E("LDR_32_loadlit",   "opc=00 011 V=0 00 imm19:19 Rt:5", f"ldr {{W:Rt}}, {lit}", uses_literal=True),
        E("LDR_64_loadlit",   "opc=01 011 V=0 00 imm19:19 Rt:5", f"ldr {{X:Rt}}, {lit}", uses_literal=True),
        E("LDRSW_64_loadlit", "opc=10 011 V=0 00 imm19:19 Rt:5", f"ldrsw {{X:Rt}}, {lit}", uses_literal=True),
        E("PRFM_P_loadlit",   "opc=11 011 V=0 00 imm19:19 Rt:5", f"prfm {{PRFOP:Rt}}, {lit}", uses_literal=True),
        E("LDR_S_loadlit",    "opc=00 011 V=1 00 imm19:19 Rt:5", f"ldr {{SREG:Rt}}, {lit}", uses_literal=True,
          feature="FP"),
        E("LDR_D_loadlit",    "opc=01 011 V=1 00 imm19:19 Rt:5", f"ldr {{DREG:Rt}}, {lit}", uses_literal=True,
          feature="FP"),
        E("LDR_Q_loadlit",    "opc=10 011 V=1 00 imm19:19 Rt:5", f"ldr {{QREG:Rt}}, {lit}", uses_literal=True,
          feature="FP"),
    ]  # fmt: skip


# Pairs: (opc, V) -> ID size, register kind, scale; and which of STP/LDP exist.
_PAIRS = (
    ("00", "0", "32", "W", 4),
    ("10", "0", "64", "X", 8),
    ("00", "1", "S", "SREG", 4),
    ("01", "1", "D", "DREG", 8),
    ("10", "1", "Q", "QREG", 16),
)
_PAIR_MODES = (
    # class, bits 25:23, address template
    ("ldstpair_post", "001", "[{XSP:Rn}], {SIMM:imm7*S}"),
    ("ldstpair_off",  "010", "[{XSP:Rn}[[, {SIMM:imm7*S}]]]"),
    ("ldstpair_pre",  "011", "[{XSP:Rn}, {SIMM:imm7*S}]!"),
)  # fmt: skip


def _pairs() -> list[E]:
    rows: list[E] = []
    for cls, bits, addr in (*_PAIR_MODES, ("ldstnapair_offs", "000", _PAIR_MODES[1][2])):
        wb = cls in ("ldstpair_post", "ldstpair_pre")
        nt = cls == "ldstnapair_offs"
        for opc, v, sz, kind, scale in _PAIRS:
            fp = v == "1"
            a = addr.replace("*S", f"*{scale}")
            for load in (False, True):
                mn = ("ld" if load else "st") + ("np" if nt else "p")
                unp: list[tuple[str, str]] = []
                if load:
                    unp.append(_LOAD_PAIR_SAME)
                if wb and not fp:
                    unp.append(_WB_OVERLAP_PAIR)
                rows.append(E(f"{mn.upper()}_{sz}_{cls}",
                              f"opc={opc} 101 V={v} {bits} L={int(load)} imm7:7 Rt2:5 Rn:5 Rt:5",
                              f"{mn} {{{kind}:Rt}}, {{{kind}:Rt2}}, {a}",
                              unpredictable=tuple(unp), feature="FP" if fp else ""))
        if nt:
            continue
        a = addr.replace("*S", "*4")
        unp = [_LOAD_PAIR_SAME] + ([_WB_OVERLAP_PAIR] if wb else [])
        rows.append(E(f"LDPSW_64_{cls}", f"opc=01 101 V=0 {bits} L=1 imm7:7 Rt2:5 Rn:5 Rt:5",
                      f"ldpsw {{X:Rt}}, {{X:Rt2}}, {a}", unpredictable=tuple(unp)))
        rows.append(E(f"STGP_64_{cls}", f"opc=01 101 V=0 {bits} L=0 simm7:7 Xt2:5 Xn:5 Xt:5",
                      f"stgp {{X:Xt}}, {{X:Xt2}}, {addr.replace('imm7*S', 'simm7*16').replace('Rn', 'Xn')}",
                      feature="MTE"))
    return rows


# Exclusives, ordered, compare-and-swap: "size 001000 o2 L o1 Rs o0 Rt2 Rn Rt".
_SZ = (("00", "B", "W"), ("01", "H", "W"), ("10", "", "W"), ("11", "", "X"))


def _exclusive() -> list[E]:
    rows: list[E] = []
    for size, suffix, kind in _SZ:
        bits = "32" if kind == "W" else "64"
        for l_, o0, mn in (("0", "0", "stxr"), ("0", "1", "stlxr"), ("1", "0", "ldxr"), ("1", "1", "ldaxr")):
            name = mn.upper() + suffix
            store = l_ == "0"
            rid = f"{name}_{'S' if store else 'L'}R{bits}_ldstexclr"
            if store:
                rows.append(E(rid, f"size={size} 001000 0 L=0 0 Rs:5 o0={o0} Rt2=(11111) Rn:5 Rt:5",
                              f"{mn}{suffix.lower()} {{W:Rs}}, {{{kind}:Rt}}, [{{XSP:Rn}}]",
                              unpredictable=(("Rs == Rt or (Rs == Rn and Rn != 31)",
                                              "status register overlaps a transfer or base register"),)))
            else:
                rows.append(E(rid, f"size={size} 001000 0 L=1 0 Rs=(11111) o0={o0} Rt2=(11111) Rn:5 Rt:5",
                              f"{mn}{suffix.lower()} {{{kind}:Rt}}, [{{XSP:Rn}}]"))
        for l_, o0, mn, feat in (("0", "0", "stllr", "LOR"), ("0", "1", "stlr", ""),
                                 ("1", "0", "ldlar", "LOR"), ("1", "1", "ldar", "")):
            rid = f"{mn.upper()}{suffix}_{'SL' if l_ == '0' else 'LR'}{bits}_ldstord"
            rows.append(E(rid, f"size={size} 001000 1 L={l_} 0 Rs=(11111) o0={o0} Rt2=(11111) Rn:5 Rt:5",
                          f"{mn}{suffix.lower()} {{{kind}:Rt}}, [{{XSP:Rn}}]", feature=feat))
        for l_, o0, order in (("0", "0", ""), ("1", "0", "A"), ("1", "1", "AL"), ("0", "1", "L")):
            mn = f"cas{order.lower()}{suffix.lower()}"
            rid = f"CAS{order}{suffix}_C{bits}_comswap"
            rows.append(E(rid, f"size={size} 001000 1 L={l_} 1 Rs:5 o0={o0} Rt2=11111 Rn:5 Rt:5",
                          f"{mn} {{{kind}:Rs}}, {{{kind}:Rt}}, [{{XSP:Rn}}]", feature="LSE"))
    for sz, kind, bits in (("0", "W", "32"), ("1", "X", "64")):
        for l_, o0, mn in (("0", "0", "stxp"), ("0", "1", "stlxp"), ("1", "0", "ldxp"), ("1", "1", "ldaxp")):
            store = l_ == "0"
            rid = f"{mn.upper()}_{'SP' if store else 'LP'}{bits}_ldstexclp"
            if store:
                rows.append(E(rid, f"1 sz={sz} 001000 0 L=0 1 Rs:5 o0={o0} Rt2:5 Rn:5 Rt:5",
                              f"{mn} {{W:Rs}}, {{{kind}:Rt}}, {{{kind}:Rt2}}, [{{XSP:Rn}}]",
                              unpredictable=(("Rs == Rt or Rs == Rt2 or (Rs == Rn and Rn != 31)",
                                              "status register overlaps a transfer or base register"),)))
            else:
                rows.append(E(rid, f"1 sz={sz} 001000 0 L=1 1 Rs=(11111) o0={o0} Rt2:5 Rn:5 Rt:5",
                              f"{mn} {{{kind}:Rt}}, {{{kind}:Rt2}}, [{{XSP:Rn}}]",
                              unpredictable=(_LOAD_PAIR_SAME,)))
        for l_, o0, order in (("0", "0", ""), ("1", "0", "A"), ("1", "1", "AL"), ("0", "1", "L")):
            # the pairs are even/odd: an odd Rs or Rt is UNDEFINED
            rows.append(E(f"CASP{order}_CP{bits}_comswappr",
                          f"0 sz={sz} 001000 0 L={l_} 1 Rs=xxxx0 o0={o0} Rt2=11111 Rn:5 Rt=xxxx0",
                          f"casp{order.lower()} {{{kind}PAIR:Rs}}, {{{kind}PAIR:Rt}}, [{{XSP:Rn}}]",
                          feature="LSE"))
    return rows


# LSE atomic memory operations: "size 111 V=0 00 A R 1 Rs o3 opc 00 Rn Rt".
_MEMOPS = (
    ("0", "000", "LDADD", "STADD"), ("0", "001", "LDCLR", "STCLR"), ("0", "010", "LDEOR", "STEOR"),
    ("0", "011", "LDSET", "STSET"), ("0", "100", "LDSMAX", "STSMAX"), ("0", "101", "LDSMIN", "STSMIN"),
    ("0", "110", "LDUMAX", "STUMAX"), ("0", "111", "LDUMIN", "STUMIN"), ("1", "000", "SWP", ""),
)
_ORDERS = (("0", "0", ""), ("1", "0", "A"), ("1", "1", "AL"), ("0", "1", "L"))


def _memops() -> tuple[list[E], list[A]]:
    rows: list[E] = []
    aliases: list[A] = []
    for size, suffix, kind in _SZ:
        bits = "32" if kind == "W" else "64"
        for o3, opc, name, st in _MEMOPS:
            for a_, r_, order in _ORDERS:
                base = f"{name}{order}{suffix}"
                rid = f"{base}_{bits}_memop"
                rows.append(E(rid, f"size={size} 111 V=0 00 A={a_} R={r_} 1 Rs:5 o3={o3} opc={opc} 00 Rn:5 Rt:5",
                              f"{base.lower()} {{{kind}:Rs}}, {{{kind}:Rt}}, [{{XSP:Rn}}]", feature="LSE"))
                if st and a_ == "0":
                    alias = f"{st}{order}{suffix}"
                    aliases.append(A(f"{alias}_{base}_{bits}_memop", of=rid, when="Rt=11111",
                                     asm=f"{alias.lower()} {{{kind}:Rs}}, [{{XSP:Rn}}]"))
        if size == "11":
            rows += _ls64()
        rows.append(E(f"LDAPR{suffix}_{bits}L_memop",
                      f"size={size} 111 V=0 00 A=1 R=0 1 Rs=(11111) o3=1 opc=100 00 Rn:5 Rt:5",
                      f"ldapr{suffix.lower()} {{{kind}:Rt}}, [{{XSP:Rn}}]", feature="LRCPC"))
    return rows, aliases


def _ls64() -> list[E]:
    """The 64-byte single-copy-atomic accesses (FEAT_LS64*), in the atomic-memory-operation class.

    ``Rt`` names the first of eight consecutive registers: it must be even and at most 22.
    """
    mem = "[{XSP:Rn}]"
    rt = "Rt=xxxx0"
    return [
        E("ST64B_64L_memop", f"size=11 111 V=0 00 A=0 R=0 1 Rs=11111 o3=1 opc=001 00 Rn:5 {rt}",
          f"st64b {{X:Rt}}, {mem}", feature="LS64", exclude=("Rt > 22",)),
        E("LD64B_64L_memop", f"size=11 111 V=0 00 A=0 R=0 1 Rs=11111 o3=1 opc=101 00 Rn:5 {rt}",
          f"ld64b {{X:Rt}}, {mem}", feature="LS64", exclude=("Rt > 22",)),
        E("ST64BV_64_memop", f"size=11 111 V=0 00 A=0 R=0 1 Rs:5 o3=1 opc=011 00 Rn:5 {rt}",
          f"st64bv {{X:Rs}}, {{X:Rt}}, {mem}", feature="LS64_V", exclude=("Rt > 22",)),
        E("ST64BV0_64_memop", f"size=11 111 V=0 00 A=0 R=0 1 Rs:5 o3=1 opc=010 00 Rn:5 {rt}",
          f"st64bv0 {{X:Rs}}, {{X:Rt}}, {mem}", feature="LS64_ACCDATA", exclude=("Rt > 22",)),
    ]


# RCpc unscaled: "size 011001 opc 0 imm9 00 Rn Rt" (FEAT_LRCPC2).
_RCPC_UNSCALED = (
    ("00", "00", "STLURB_32", "W"), ("00", "01", "LDAPURB_32", "W"),
    ("00", "10", "LDAPURSB_64", "X"), ("00", "11", "LDAPURSB_32", "W"),
    ("01", "00", "STLURH_32", "W"), ("01", "01", "LDAPURH_32", "W"),
    ("01", "10", "LDAPURSH_64", "X"), ("01", "11", "LDAPURSH_32", "W"),
    ("10", "00", "STLUR_32", "W"), ("10", "01", "LDAPUR_32", "W"), ("10", "10", "LDAPURSW_64", "X"),
    ("11", "00", "STLUR_64", "X"), ("11", "01", "LDAPUR_64", "X"),
)


def _rcpc_unscaled() -> list[E]:
    return [
        E(f"{stem}_ldapstl_unscaled", f"size={size} 011001 opc={opc} 0 imm9:9 00 Rn:5 Rt:5",
          f"{stem.split('_')[0].lower()} {{{kind}:Rt}}, [{{XSP:Rn}}[[, {{SIMM:imm9}}]]]", feature="LRCPC2")
        for size, opc, stem, kind in _RCPC_UNSCALED
    ]


def _pac() -> list[E]:
    rows: list[E] = []
    for m, key in (("0", "A"), ("1", "B")):
        rows.append(E(f"LDRA{key}_64_ldst_pac", f"size=11 111 V=0 00 M={m} S:1 1 imm9:9 W=0 1 Rn:5 Rt:5",
                      f"ldra{key.lower()} {{X:Rt}}, [{{XSP:Rn}}[[, {{SIMMCAT8:S,imm9}}]]]", feature="PAuth"))
        rows.append(E(f"LDRA{key}_64W_ldst_pac", f"size=11 111 V=0 00 M={m} S:1 1 imm9:9 W=1 1 Rn:5 Rt:5",
                      f"ldra{key.lower()} {{X:Rt}}, [{{XSP:Rn}}, {{SIMMCAT8:S,imm9}}]!", feature="PAuth",
                      unpredictable=(_WB_OVERLAP,)))
    return rows


def _tags() -> list[E]:
    """Load/store memory tags: "11011001 opc 1 imm9 op2 Rn Rt" (FEAT_MTE)."""
    rows: list[E] = []
    off = "[{XSP:Rn}[[, {SIMM:imm9*16}]]]"
    modes = (("Spost", "01", "[{XSP:Rn}], {SIMM:imm9*16}"), ("Soffset", "10", off),
             ("Spre", "11", "[{XSP:Rn}, {SIMM:imm9*16}]!"))
    for opc, name in (("00", "STG"), ("01", "STZG"), ("10", "ST2G"), ("11", "STZ2G")):
        for mode, op2, addr in modes:
            rows.append(E(f"{name}_64{mode}_ldsttags", f"11011001 opc={opc} 1 imm9:9 op2={op2} Rn:5 Rt:5",
                          f"{name.lower()} {{XSP:Rt}}, {addr}", feature="MTE"))
    rows += [
        E("LDG_64Loffset_ldsttags", "11011001 opc=01 1 imm9:9 op2=00 Rn:5 Rt:5", f"ldg {{X:Rt}}, {off}",
          feature="MTE"),
        E("STZGM_64bulk_ldsttags", "11011001 opc=00 1 imm9=000000000 op2=00 Rn:5 Rt:5",
          "stzgm {X:Rt}, [{XSP:Rn}]", feature="MTE2"),
        E("STGM_64bulk_ldsttags", "11011001 opc=10 1 imm9=000000000 op2=00 Rn:5 Rt:5",
          "stgm {X:Rt}, [{XSP:Rn}]", feature="MTE2"),
        E("LDGM_64bulk_ldsttags", "11011001 opc=11 1 imm9=000000000 op2=00 Rn:5 Rt:5",
          "ldgm {X:Rt}, [{XSP:Rn}]", feature="MTE2"),
    ]
    return rows


# Memory copy and memory set (FEAT_MOPS): "sz 011 o0 01 op1 0 Rs op2 01 Rn Rd".
_CPY_OPTS = ("", "WT", "RT", "T")  # op2<1:0>: write/read unprivileged
_CPY_NT = ("", "WN", "RN", "N")  # op2<3:2>: write/read non-temporal
_MOPS_OVERLAP = "registers overlap or are register 31"


def _mops() -> list[E]:
    rows: list[E] = []
    for o0, stem in (("0", "CPYF"), ("1", "CPY")):
        for op1, phase in (("00", "P"), ("01", "M"), ("10", "E")):
            for op2 in range(16):
                name = f"{stem}{phase}{_CPY_OPTS[op2 & 3]}{_CPY_NT[op2 >> 2]}"
                rows.append(E(f"{name}_CPY_memcms", f"sz=00 011 o0={o0} 01 op1={op1} 0 Rs:5 op2={op2:04b} 01 Rn:5 Rd:5",
                              f"{name.lower()} [{{X:Rd}}]!, [{{X:Rs}}]!, {{X:Rn}}!", feature="MOPS",
                              unpredictable=(("Rd == Rs or Rd == Rn or Rs == Rn or 31 in (Rd, Rs, Rn)",
                                              _MOPS_OVERLAP),)))
    for o0, stem in (("0", "SET"), ("1", "SETG")):
        for op2hi, phase in (("00", "P"), ("01", "M"), ("10", "E")):
            for op2lo, opt in (("00", ""), ("01", "T"), ("10", "N"), ("11", "TN")):
                name = f"{stem}{phase}{opt}"
                rows.append(E(f"{name}_SET_memcms",
                              f"sz=00 011 o0={o0} 01 op1=11 0 Rs:5 op2={op2hi}{op2lo} 01 Rn:5 Rd:5",
                              f"{name.lower()} [{{X:Rd}}]!, {{X:Rn}}!, {{X:Rs}}", feature="MOPS",
                              unpredictable=(("Rd == Rs or Rd == Rn or Rs == Rn or 31 in (Rd, Rn)",
                                              _MOPS_OVERLAP),)))
    return rows


_MEMOP_ROWS, _MEMOP_ALIASES = _memops()

ENCODINGS: tuple[E, ...] = (
    *_literal(),
    *_pairs(),
    *_single("ldst_unscaled", ("00", "0 imm9:9 00"), "[{XSP:Rn}[[, {SIMM:imm9}]]]", writeback=False),
    *_single("ldst_immpost", ("00", "0 imm9:9 01"), "[{XSP:Rn}], {SIMM:imm9}", writeback=True),
    *_single("ldst_unpriv", ("00", "0 imm9:9 10"), "[{XSP:Rn}[[, {SIMM:imm9}]]]", writeback=False,
             unpriv=True),
    *_single("ldst_immpre", ("00", "0 imm9:9 11"), "[{XSP:Rn}, {SIMM:imm9}]!", writeback=True),
    *_single("ldst_pos", ("01", "imm12:12"), "[{XSP:Rn}[[, {IMM:imm12*{N}}]]]", writeback=False),
    E("PRFUM_P_ldst_unscaled", "size=11 111 V=0 00 opc=10 0 imm9:9 00 Rn:5 Rt:5",
      "prfum {PRFOP:Rt}, [{XSP:Rn}[[, {SIMM:imm9}]]]"),
    E("PRFM_P_ldst_pos", "size=11 111 V=0 01 opc=10 imm12:12 Rn:5 Rt:5",
      "prfm {PRFOP:Rt}, [{XSP:Rn}[[, {IMM:imm12*8}]]]"),
    *_regoff(),
    *_exclusive(),
    *_MEMOP_ROWS,
    *_rcpc_unscaled(),
    *_pac(),
    *_tags(),
    *_mops(),
)

ALIASES: tuple[A, ...] = (*_MEMOP_ALIASES,)
OVERLAPS: tuple[OverlapGroup, ...] = ()

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
