"""Data processing (register): logical and add/sub (shifted, extended), 1/2/3-source."""

from __future__ import annotations

from ..spec import Alias as A, Encoding as E, OverlapGroup

_LOGIC = (
    ("AND", "and", "00", "0"), ("BIC", "bic", "00", "1"), ("ORR", "orr", "01", "0"), ("ORN", "orn", "01", "1"),
    ("EOR", "eor", "10", "0"), ("EON", "eon", "10", "1"), ("ANDS", "ands", "11", "0"), ("BICS", "bics", "11", "1"),
)  # fmt: skip
_ADDSUB = (("ADD", "add", "0", "0"), ("ADDS", "adds", "0", "1"), ("SUB", "sub", "1", "0"), ("SUBS", "subs", "1", "1"))
_SIZES = (("32", "0", "W", "0xxxxx"), ("64", "1", "X", "xxxxxx"))


def _rows() -> list[E]:
    rows: list[E] = []
    for name, mn, opc, n in _LOGIC:
        for size, sf, r, imm6 in _SIZES:
            rows.append(E(
                f"{name}_{size}_log_shift",
                f"sf={sf} opc={opc} 01010 shift:2 N={n} Rm:5 imm6={imm6} Rn:5 Rd:5",
                f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}[[, {{LSHIFT{size}:shift,imm6}}]]",
            ))
    for name, mn, op, s in _ADDSUB:
        for size, sf, r, imm6 in _SIZES:
            rows.append(E(
                f"{name}_{size}_addsub_shift",
                f"sf={sf} op={op} S={s} 01011 shift:2 0 Rm:5 imm6={imm6} Rn:5 Rd:5",
                f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFT{size}:shift,imm6}}]]",
                exclude=("shift == 3",),
            ))
    return rows


def _data2() -> list[E]:
    rows: list[E] = []
    for name, opcode in (("UDIV", "000010"), ("SDIV", "000011"), ("LSLV", "001000"), ("LSRV", "001001"),
                         ("ASRV", "001010"), ("RORV", "001011")):
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}_dp_2src", f"sf={sf} 0 S=0 11010110 Rm:5 opcode={opcode} Rn:5 Rd:5",
                          f"{name.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"))
    return rows


def _data1() -> list[E]:
    ops = (
        ("RBIT", "32", "000000", "rbit"), ("RBIT", "64", "000000", "rbit"),
        ("REV16", "32", "000001", "rev16"), ("REV16", "64", "000001", "rev16"),
        ("REV", "32", "000010", "rev"), ("REV32", "64", "000010", "rev32"), ("REV", "64", "000011", "rev"),
        ("CLZ", "32", "000100", "clz"), ("CLZ", "64", "000100", "clz"),
        ("CLS", "32", "000101", "cls"), ("CLS", "64", "000101", "cls"),
    )  # fmt: skip
    rows: list[E] = []
    for name, size, opcode, mn in ops:
        sf, r = ("0", "W") if size == "32" else ("1", "X")
        rows.append(E(f"{name}_{size}_dp_1src", f"sf={sf} 1 S=0 11010110 opcode2=00000 opcode={opcode} Rn:5 Rd:5",
                      f"{mn} {{{r}:Rd}}, {{{r}:Rn}}"))
    return rows


def _data3() -> list[E]:
    rows: list[E] = []
    for name, o0 in (("MADD", "0"), ("MSUB", "1")):
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}A_dp_3src", f"sf={sf} op54=00 11011 op31=000 Rm:5 o0={o0} Ra:5 Rn:5 Rd:5",
                          f"{name.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}, {{{r}:Ra}}"))
    return rows


ENCODINGS = (*_rows(), *_data2(), *_data1(), *_data3())


def _aliases() -> list[A]:
    out: list[A] = []
    for size, _, r, _ in _SIZES:
        out += [
            A(f"MOV_ORR_{size}_log_shift", f"ORR_{size}_log_shift", "shift=00 imm6=000000 Rn=11111",
              f"mov {{{r}:Rd}}, {{{r}:Rm}}"),
            A(f"MVN_ORN_{size}_log_shift", f"ORN_{size}_log_shift", "Rn=11111",
              f"mvn {{{r}:Rd}}, {{{r}:Rm}}[[, {{LSHIFT{size}:shift,imm6}}]]"),
            A(f"TST_ANDS_{size}_log_shift", f"ANDS_{size}_log_shift", "Rd=11111",
              f"tst {{{r}:Rn}}, {{{r}:Rm}}[[, {{LSHIFT{size}:shift,imm6}}]]"),
            A(f"CMN_ADDS_{size}_addsub_shift", f"ADDS_{size}_addsub_shift", "Rd=11111",
              f"cmn {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFT{size}:shift,imm6}}]]"),
            A(f"NEG_SUB_{size}_addsub_shift", f"SUB_{size}_addsub_shift", "Rn=11111",
              f"neg {{{r}:Rd}}, {{{r}:Rm}}[[, {{SHIFT{size}:shift,imm6}}]]"),
            A(f"CMP_SUBS_{size}_addsub_shift", f"SUBS_{size}_addsub_shift", "Rd=11111",
              f"cmp {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFT{size}:shift,imm6}}]]"),
            A(f"NEGS_SUBS_{size}_addsub_shift", f"SUBS_{size}_addsub_shift", "Rn=11111",
              f"negs {{{r}:Rd}}, {{{r}:Rm}}[[, {{SHIFT{size}:shift,imm6}}]]"),
            A(f"MUL_MADD_{size}A_dp_3src", f"MADD_{size}A_dp_3src", "Ra=11111",
              f"mul {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"),
            A(f"MNEG_MSUB_{size}A_dp_3src", f"MSUB_{size}A_dp_3src", "Ra=11111",
              f"mneg {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"),
        ]
        for base, mn in (("LSLV", "lsl"), ("LSRV", "lsr"), ("ASRV", "asr"), ("RORV", "ror")):
            out.append(A(f"{mn.upper()}_{base}_{size}_dp_2src", f"{base}_{size}_dp_2src", "",
                         f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"))
    return out


ALIASES = tuple(_aliases())
OVERLAPS: tuple[OverlapGroup, ...] = ()
