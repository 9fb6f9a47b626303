"""Data processing (register): op0 = x101 (Arm ARM C4.1.87).

Logical (shifted register), add/subtract (shifted register, extended register,
with carry), rotate right into flags, evaluate into flags, conditional compare
(register and immediate), conditional select, data-processing (1 source,
2 source, 3 source). Rows are named by their Arm encoding IDs; diagrams use
Arm's field names (the MTE forms name their registers ``Xd``/``Xn``/``Xm``).
"""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding  # short names keep the rows on one line each
A = Alias

_LOGIC = (
    ("AND", "and", "00", "0"), ("BIC", "bic", "00", "1"), ("ORR", "orr", "01", "0"), ("ORN", "orn", "01", "1"),
    ("EOR", "eor", "10", "0"), ("EON", "eon", "10", "1"), ("ANDS", "ands", "11", "0"), ("BICS", "bics", "11", "1"),
)  # fmt: skip
_ADDSUB = (("ADD", "add", "0", "0"), ("ADDS", "adds", "0", "1"), ("SUB", "sub", "1", "0"), ("SUBS", "subs", "1", "1"))
#: (size, sf, register kind, imm6 pattern): imm6<5> = 1 is unallocated in the 32-bit forms
_SIZES = (("32", "0", "W", "0xxxxx"), ("64", "1", "X", "xxxxxx"))
_CONDSEL = (("CSEL", "0", "00"), ("CSINC", "0", "01"), ("CSINV", "1", "00"), ("CSNEG", "1", "01"))


def _shifted() -> list[E]:
    rows: list[E] = []
    for name, mn, opc, n in _LOGIC:
        for size, sf, r, imm6 in _SIZES:
            rows.append(E(
                f"{name}_{size}_log_shift",
                f"sf={sf} opc={opc} 01010 shift:2 N={n} Rm:5 imm6={imm6} Rn:5 Rd:5",
                f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}[[, {{LSHIFTD{size}:shift,imm6}}]]",
            ))
    for name, mn, op, s in _ADDSUB:
        for size, sf, r, imm6 in _SIZES:
            rows.append(E(
                f"{name}_{size}_addsub_shift",
                f"sf={sf} op={op} S={s} 01011 shift:2 0 Rm:5 imm6={imm6} Rn:5 Rd:5",
                f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFTD{size}:shift,imm6}}]]",
                exclude=("shift == 3",),  # ROR is reserved here
            ))
    return rows


def _extended() -> list[E]:
    rows: list[E] = []
    for name, mn, op, s in _ADDSUB:
        suffix = "S" if s == "1" else ""
        for size, sf, r, _ in _SIZES:
            rsp = "WSP" if size == "32" else "XSP"
            rd = r if s == "1" else rsp
            rm = "W" if size == "32" else "WX_OPTION"
            ext = f"EXTEND{suffix}{size}"
            rows.append(E(
                f"{name}_{size}{suffix}_addsub_ext",
                f"sf={sf} op={op} S={s} 01011 opt=00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5",
                f"{mn} {{{rd}:Rd}}, {{{rsp}:Rn}}, {{{rm}:Rm}}{{{ext}:option,imm3}}",
                exclude=("imm3 > 4",),  # shifts above 4 are reserved
            ))
    return rows


def _carry_flags_cond() -> list[E]:
    rows: list[E] = []
    for name, mn, op, s in (("ADC", "adc", "0", "0"), ("ADCS", "adcs", "0", "1"),
                            ("SBC", "sbc", "1", "0"), ("SBCS", "sbcs", "1", "1")):
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}_addsub_carry", f"sf={sf} op={op} S={s} 11010000 Rm:5 000000 Rn:5 Rd:5",
                          f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"))
    rows += [
        # Rotate right into flags, evaluate into flags (FEAT_FlagM)
        E("RMIF_only_rmif", "sf=1 op=0 S=1 11010000 imm6:6 00001 Rn:5 o2=0 mask:4",
          "rmif {X:Rn}, {IMM:imm6}, {IMM:mask}", feature="FlagM"),
        E("SETF8_only_setf", "sf=0 op=0 S=1 11010000 opcode2=000000 sz=0 0010 Rn:5 o3=0 mask=1101",
          "setf8 {W:Rn}", feature="FlagM"),
        E("SETF16_only_setf", "sf=0 op=0 S=1 11010000 opcode2=000000 sz=1 0010 Rn:5 o3=0 mask=1101",
          "setf16 {W:Rn}", feature="FlagM"),
    ]
    for name, op in (("CCMN", "0"), ("CCMP", "1")):
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}_condcmp_reg",
                          f"sf={sf} op={op} S=1 11010010 Rm:5 cond:4 0 o2=0 Rn:5 o3=0 nzcv:4",
                          f"{name.lower()} {{{r}:Rn}}, {{{r}:Rm}}, {{IMM:nzcv}}, {{COND:cond}}"))
            rows.append(E(f"{name}_{size}_condcmp_imm",
                          f"sf={sf} op={op} S=1 11010010 imm5:5 cond:4 1 o2=0 Rn:5 o3=0 nzcv:4",
                          f"{name.lower()} {{{r}:Rn}}, {{IMM:imm5}}, {{IMM:nzcv}}, {{COND:cond}}"))
    for name, op, op2 in _CONDSEL:
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}_condsel", f"sf={sf} op={op} S=0 11010100 Rm:5 cond:4 op2={op2} Rn:5 Rd:5",
                          f"{name.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}, {{COND:cond}}"))
    return rows


_DP2 = (
    # (ID stem, size, opcode, mnemonic, Rm kind, feature)
    ("UDIV", "32", "000010", "udiv", "W", ""), ("UDIV", "64", "000010", "udiv", "X", ""),
    ("SDIV", "32", "000011", "sdiv", "W", ""), ("SDIV", "64", "000011", "sdiv", "X", ""),
    ("LSLV", "32", "001000", "lslv", "W", ""), ("LSLV", "64", "001000", "lslv", "X", ""),
    ("LSRV", "32", "001001", "lsrv", "W", ""), ("LSRV", "64", "001001", "lsrv", "X", ""),
    ("ASRV", "32", "001010", "asrv", "W", ""), ("ASRV", "64", "001010", "asrv", "X", ""),
    ("RORV", "32", "001011", "rorv", "W", ""), ("RORV", "64", "001011", "rorv", "X", ""),
    ("CRC32B", "32C", "010000", "crc32b", "W", "CRC32"), ("CRC32H", "32C", "010001", "crc32h", "W", "CRC32"),
    ("CRC32W", "32C", "010010", "crc32w", "W", "CRC32"), ("CRC32X", "64C", "010011", "crc32x", "X", "CRC32"),
    ("CRC32CB", "32C", "010100", "crc32cb", "W", "CRC32"), ("CRC32CH", "32C", "010101", "crc32ch", "W", "CRC32"),
    ("CRC32CW", "32C", "010110", "crc32cw", "W", "CRC32"), ("CRC32CX", "64C", "010111", "crc32cx", "X", "CRC32"),
    ("SMAX", "32", "011000", "smax", "W", "CSSC"), ("SMAX", "64", "011000", "smax", "X", "CSSC"),
    ("UMAX", "32", "011001", "umax", "W", "CSSC"), ("UMAX", "64", "011001", "umax", "X", "CSSC"),
    ("SMIN", "32", "011010", "smin", "W", "CSSC"), ("SMIN", "64", "011010", "smin", "X", "CSSC"),
    ("UMIN", "32", "011011", "umin", "W", "CSSC"), ("UMIN", "64", "011011", "umin", "X", "CSSC"),
)  # fmt: skip


def _data2() -> list[E]:
    rows: list[E] = []
    for stem, size, opcode, mn, rm, feature in _DP2:
        sf = "1" if size.startswith("64") else "0"
        r = "X" if sf == "1" else "W"
        if stem.startswith("CRC32"):
            r = "W"  # the CRC value is always 32 bits; only CRC32X/CX read an X register
        rows.append(E(f"{stem}_{size}_dp_2src", f"sf={sf} 0 S=0 11010110 Rm:5 opcode={opcode} Rn:5 Rd:5",
                      f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{rm}:Rm}}", feature=feature))
    rows += [
        # FEAT_MTE
        E("SUBP_64S_dp_2src",  "sf=1 0 S=0 11010110 Xm:5 opcode=000000 Xn:5 Xd:5",
          "subp {X:Xd}, {XSP:Xn}, {XSP:Xm}", feature="MTE"),
        E("SUBPS_64S_dp_2src", "sf=1 0 S=1 11010110 Xm:5 opcode=000000 Xn:5 Xd:5",
          "subps {X:Xd}, {XSP:Xn}, {XSP:Xm}", feature="MTE"),
        E("IRG_64I_dp_2src",   "sf=1 0 S=0 11010110 Xm:5 opcode=000100 Xn:5 Xd:5",
          "irg {XSP:Xd}, {XSP:Xn}[[, {X:Xm=31}]]", feature="MTE"),
        E("GMI_64G_dp_2src",   "sf=1 0 S=0 11010110 Xm:5 opcode=000101 Xn:5 Xd:5",
          "gmi {X:Xd}, {XSP:Xn}, {X:Xm}", feature="MTE"),
        # FEAT_PAuth
        E("PACGA_64P_dp_2src", "sf=1 0 S=0 11010110 Rm:5 opcode=001100 Rn:5 Rd:5",
          "pacga {X:Rd}, {X:Rn}, {XSP:Rm}", feature="PAuth"),
    ]
    return rows


def _data1() -> list[E]:
    ops = (
        ("RBIT", "32", "000000", "rbit", ""), ("RBIT", "64", "000000", "rbit", ""),
        ("REV16", "32", "000001", "rev16", ""), ("REV16", "64", "000001", "rev16", ""),
        ("REV", "32", "000010", "rev", ""), ("REV32", "64", "000010", "rev32", ""), ("REV", "64", "000011", "rev", ""),
        ("CLZ", "32", "000100", "clz", ""), ("CLZ", "64", "000100", "clz", ""),
        ("CLS", "32", "000101", "cls", ""), ("CLS", "64", "000101", "cls", ""),
        ("CTZ", "32", "000110", "ctz", "CSSC"), ("CTZ", "64", "000110", "ctz", "CSSC"),
        ("CNT", "32", "000111", "cnt", "CSSC"), ("CNT", "64", "000111", "cnt", "CSSC"),
        ("ABS", "32", "001000", "abs", "CSSC"), ("ABS", "64", "001000", "abs", "CSSC"),
    )  # fmt: skip
    rows: list[E] = []
    for name, size, opcode, mn, feature in ops:
        sf, r = ("0", "W") if size == "32" else ("1", "X")
        rows.append(E(f"{name}_{size}_dp_1src", f"sf={sf} 1 S=0 11010110 opcode2=00000 opcode={opcode} Rn:5 Rd:5",
                      f"{mn} {{{r}:Rd}}, {{{r}:Rn}}", feature=feature))
    # FEAT_PAuth: opcode2=00001, opcode = 00 Z key<2:0>; the Z forms fix Rn to 11111
    pac = "sf=1 1 S=0 11010110 opcode2=00001"
    for i, key in enumerate(("IA", "IB", "DA", "DB")):
        for op, base in (("PAC", 0), ("AUT", 4)):
            low = f"{base + i:03b}"
            rows.append(E(f"{op}{key}_64P_dp_1src", f"{pac} 00 Z=0 {low} Rn:5 Rd:5",
                          f"{op.lower()}{key.lower()} {{X:Rd}}, {{XSP:Rn}}", feature="PAuth"))
            zname = f"{op}{key[0]}Z{key[1]}"
            rows.append(E(f"{zname}_64Z_dp_1src", f"{pac} 00 Z=1 {low} Rn=11111 Rd:5",
                          f"{zname.lower()} {{X:Rd}}", feature="PAuth"))
    rows += [
        E("XPACI_64Z_dp_1src", f"{pac} 010 00 D=0 Rn=11111 Rd:5", "xpaci {X:Rd}", feature="PAuth"),
        E("XPACD_64Z_dp_1src", f"{pac} 010 00 D=1 Rn=11111 Rd:5", "xpacd {X:Rd}", feature="PAuth"),
    ]
    return rows


def _data3() -> list[E]:
    rows: list[E] = []
    for name, o0 in (("MADD", "0"), ("MSUB", "1")):
        for size, sf, r, _ in _SIZES:
            rows.append(E(f"{name}_{size}A_dp_3src", f"sf={sf} op54=00 11011 op31=000 Rm:5 o0={o0} Ra:5 Rn:5 Rd:5",
                          f"{name.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}, {{{r}:Ra}}"))
    for name, u, o0 in (("SMADDL", "0", "0"), ("SMSUBL", "0", "1"), ("UMADDL", "1", "0"), ("UMSUBL", "1", "1")):
        rows.append(E(f"{name}_64WA_dp_3src", f"sf=1 op54=00 11011 U={u} 01 Rm:5 o0={o0} Ra:5 Rn:5 Rd:5",
                      f"{name.lower()} {{X:Rd}}, {{W:Rn}}, {{W:Rm}}, {{X:Ra}}"))
    for name, u in (("SMULH", "0"), ("UMULH", "1")):
        rows.append(E(f"{name}_64_dp_3src", f"sf=1 op54=00 11011 U={u} 10 Rm:5 o0=0 Ra=(11111) Rn:5 Rd:5",
                      f"{name.lower()} {{X:Rd}}, {{X:Rn}}, {{X:Rm}}"))
    return rows


ENCODINGS = (*_shifted(), *_extended(), *_carry_flags_cond(), *_data2(), *_data1(), *_data3())


def _aliases() -> list[A]:
    out: list[A] = []
    for size, _, r, _ in _SIZES:
        rsp = "WSP" if size == "32" else "XSP"
        rm = "W" if size == "32" else "WX_OPTION"
        out += [
            A(f"MOV_ORR_{size}_log_shift", f"ORR_{size}_log_shift", "shift=00 imm6=000000 Rn=11111",
              f"mov {{{r}:Rd}}, {{{r}:Rm}}"),
            A(f"MVN_ORN_{size}_log_shift", f"ORN_{size}_log_shift", "Rn=11111",
              f"mvn {{{r}:Rd}}, {{{r}:Rm}}[[, {{LSHIFTD{size}:shift,imm6}}]]"),
            A(f"TST_ANDS_{size}_log_shift", f"ANDS_{size}_log_shift", "Rd=11111",
              f"tst {{{r}:Rn}}, {{{r}:Rm}}[[, {{LSHIFTD{size}:shift,imm6}}]]"),
            A(f"CMN_ADDS_{size}_addsub_shift", f"ADDS_{size}_addsub_shift", "Rd=11111",
              f"cmn {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFTD{size}:shift,imm6}}]]"),
            A(f"NEG_SUB_{size}_addsub_shift", f"SUB_{size}_addsub_shift", "Rn=11111",
              f"neg {{{r}:Rd}}, {{{r}:Rm}}[[, {{SHIFTD{size}:shift,imm6}}]]"),
            A(f"CMP_SUBS_{size}_addsub_shift", f"SUBS_{size}_addsub_shift", "Rd=11111",
              f"cmp {{{r}:Rn}}, {{{r}:Rm}}[[, {{SHIFTD{size}:shift,imm6}}]]"),
            A(f"NEGS_SUBS_{size}_addsub_shift", f"SUBS_{size}_addsub_shift", "Rn=11111",
              f"negs {{{r}:Rd}}, {{{r}:Rm}}[[, {{SHIFTD{size}:shift,imm6}}]]"),
            A(f"CMN_ADDS_{size}S_addsub_ext", f"ADDS_{size}S_addsub_ext", "Rd=11111",
              f"cmn {{{rsp}:Rn}}, {{{rm}:Rm}}{{EXTENDS{size}:option,imm3}}"),
            A(f"CMP_SUBS_{size}S_addsub_ext", f"SUBS_{size}S_addsub_ext", "Rd=11111",
              f"cmp {{{rsp}:Rn}}, {{{rm}:Rm}}{{EXTENDS{size}:option,imm3}}"),
            A(f"NGC_SBC_{size}_addsub_carry", f"SBC_{size}_addsub_carry", "Rn=11111",
              f"ngc {{{r}:Rd}}, {{{r}:Rm}}"),
            A(f"NGCS_SBCS_{size}_addsub_carry", f"SBCS_{size}_addsub_carry", "Rn=11111",
              f"ngcs {{{r}:Rd}}, {{{r}:Rm}}"),
            # cond = 111x (AL/NV) has no inverse, so those words keep the base form
            A(f"CINC_CSINC_{size}_condsel", f"CSINC_{size}_condsel", "",
              f"cinc {{{r}:Rd}}, {{{r}:Rn}}, {{INVCOND:cond}}", cond="Rm != 31 and cond >> 1 != 7 and Rn != 31 and Rn == Rm"),
            A(f"CSET_CSINC_{size}_condsel", f"CSINC_{size}_condsel", "Rm=11111 Rn=11111",
              f"cset {{{r}:Rd}}, {{INVCOND:cond}}", cond="cond >> 1 != 7"),
            A(f"CINV_CSINV_{size}_condsel", f"CSINV_{size}_condsel", "",
              f"cinv {{{r}:Rd}}, {{{r}:Rn}}, {{INVCOND:cond}}", cond="Rm != 31 and cond >> 1 != 7 and Rn != 31 and Rn == Rm"),
            A(f"CSETM_CSINV_{size}_condsel", f"CSINV_{size}_condsel", "Rm=11111 Rn=11111",
              f"csetm {{{r}:Rd}}, {{INVCOND:cond}}", cond="cond >> 1 != 7"),
            A(f"CNEG_CSNEG_{size}_condsel", f"CSNEG_{size}_condsel", "",
              f"cneg {{{r}:Rd}}, {{{r}:Rn}}, {{INVCOND:cond}}", cond="cond >> 1 != 7 and Rn == Rm"),
            A(f"MUL_MADD_{size}A_dp_3src", f"MADD_{size}A_dp_3src", "Ra=11111",
              f"mul {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"),
            A(f"MNEG_MSUB_{size}A_dp_3src", f"MSUB_{size}A_dp_3src", "Ra=11111",
              f"mneg {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"),
        ]
        for base, mn in (("LSLV", "lsl"), ("LSRV", "lsr"), ("ASRV", "asr"), ("RORV", "ror")):
            out.append(A(f"{mn.upper()}_{base}_{size}_dp_2src", f"{base}_{size}_dp_2src", "",
                         f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}"))
    for base, mn in (("SMADDL", "smull"), ("SMSUBL", "smnegl"), ("UMADDL", "umull"), ("UMSUBL", "umnegl")):
        out.append(A(f"{mn.upper()}_{base}_64WA_dp_3src", f"{base}_64WA_dp_3src", "Ra=11111",
                     f"{mn} {{X:Rd}}, {{W:Rn}}, {{W:Rm}}"))
    out.append(A("CMPP_SUBPS_64S_dp_2src", "SUBPS_64S_dp_2src", "Xd=11111", "cmpp {XSP:Xn}, {XSP:Xm}"))
    return out


ALIASES = tuple(_aliases())
OVERLAPS: tuple[OverlapGroup, ...] = ()

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
