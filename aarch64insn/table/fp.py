"""Scalar floating point (FEAT_FP, FEAT_FP16) and the cryptographic extension.

Written from the Arm ARM's encoding diagrams (A64 "Data Processing --
Scalar Floating-Point and Advanced SIMD", classes ``float2fix``, ``float2int``,
``floatdp1``, ``floatcmp``, ``floatimm``, ``floatccmp``, ``floatdp2``,
``floatsel``, ``floatdp3`` and the crypto classes ``cryptoaes``,
``cryptosha3``, ``cryptosha2``, ``cryptosha512_3``, ``cryptosha512_2``,
``crypto4``, ``crypto3_imm6``, ``crypto3_imm2``).

The scalar FP classes share ``M=0 0 S=0`` at the top and a 2-bit ``ftype``:
00 single (S), 01 double (D), 11 half (H, FEAT_FP16); 10 is unallocated
except in FMOV's top-half form and BFCVT. Arm gives each precision its own
encoding ID (``FADD_S_floatdp2``), so each gets its own row with ``ftype``
fixed: reserved combinations are simply absent and decode as UNALLOCATED,
with no exclude conditions to evaluate.
"""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding  # the table modules' shorthand for a row

#: (ftype bits, ID letter, register kind) for the three precisions
_PREC = (("11", "H", "HREG"), ("00", "S", "SREG"), ("01", "D", "DREG"))
_FP16 = {"H": "FP16"}
#: (sf, width as in IDs, GPR kind, fixed-point scale diagram token, fbits kind)
_GPR = (("0", "32", "W", "scale=1xxxxx", "FBITS32"), ("1", "64", "X", "scale:6", "FBITS64"))


def _feature(p: str, base: str = "FP") -> str:
    return _FP16.get(p, base)


# --------------------------------------------------------------------------------------
# Conversion between floating-point and fixed-point (float2fix)
#   sf 0 S 11110 ftype 0 rmode opcode scale Rn Rd
# For the 32-bit forms fbits = 64 - scale must be 1..32, so scale<5> is 1.


def _float2fix() -> list[E]:
    rows: list[E] = []
    for mn, rmode, opcode in (("FCVTZS", "11", "000"), ("FCVTZU", "11", "001")):
        for sf, w, gpr, scale, fbits in _GPR:
            for ftype, p, freg in _PREC:
                rows.append(E(
                    f"{mn}_{w}{p}_float2fix",
                    f"sf={sf} 0 S=0 11110 ftype={ftype} 0 rmode={rmode} opcode={opcode} {scale} Rn:5 Rd:5",
                    f"{mn.lower()} {{{gpr}:Rd}}, {{{freg}:Rn}}, {{{fbits}:scale}}",
                    feature=_feature(p),
                ))
    for mn, rmode, opcode in (("SCVTF", "00", "010"), ("UCVTF", "00", "011")):
        for sf, w, gpr, scale, fbits in _GPR:
            for ftype, p, freg in _PREC:
                rows.append(E(
                    f"{mn}_{p}{w}_float2fix",
                    f"sf={sf} 0 S=0 11110 ftype={ftype} 0 rmode={rmode} opcode={opcode} {scale} Rn:5 Rd:5",
                    f"{mn.lower()} {{{freg}:Rd}}, {{{gpr}:Rn}}, {{{fbits}:scale}}",
                    feature=_feature(p),
                ))
    return rows


# --------------------------------------------------------------------------------------
# Conversion between floating-point and integer (float2int)
#   sf 0 S 11110 ftype 1 rmode opcode 000000 Rn Rd

_TO_INT = (  # (mnemonic, rmode, opcode): FP -> general register
    ("FCVTNS", "00", "000"), ("FCVTNU", "00", "001"), ("FCVTAS", "00", "100"), ("FCVTAU", "00", "101"),
    ("FCVTPS", "01", "000"), ("FCVTPU", "01", "001"), ("FCVTMS", "10", "000"), ("FCVTMU", "10", "001"),
    ("FCVTZS", "11", "000"), ("FCVTZU", "11", "001"),
)  # fmt: skip
_F2I = "0 S=0 11110 ftype={ftype} 1 rmode={rmode} opcode={opcode} 000000 Rn:5 Rd:5"


def _float2int() -> list[E]:
    rows: list[E] = []
    for mn, rmode, opcode in _TO_INT:
        for sf, w, gpr, _, _ in _GPR:
            for ftype, p, freg in _PREC:
                rows.append(E(
                    f"{mn}_{w}{p}_float2int",
                    f"sf={sf} " + _F2I.format(ftype=ftype, rmode=rmode, opcode=opcode),
                    f"{mn.lower()} {{{gpr}:Rd}}, {{{freg}:Rn}}",
                    feature=_feature(p),
                ))
    for mn, opcode in (("SCVTF", "010"), ("UCVTF", "011")):
        for sf, w, gpr, _, _ in _GPR:
            for ftype, p, freg in _PREC:
                rows.append(E(
                    f"{mn}_{p}{w}_float2int",
                    f"sf={sf} " + _F2I.format(ftype=ftype, rmode="00", opcode=opcode),
                    f"{mn.lower()} {{{freg}:Rd}}, {{{gpr}:Rn}}",
                    feature=_feature(p),
                ))
    # FMOV (general): opcode 110 moves FP -> general, 111 general -> FP; bit patterns
    # exist only for same-size pairs, plus the half-precision forms and the top half.
    fmov = (
        # (to-general ID, to-FP ID, sf, ftype, rmode, GPR kind, FP kind, feature)
        ("FMOV_32H", "FMOV_H32", "0", "11", "00", "W", "HREG", "FP16"),
        ("FMOV_32S", "FMOV_S32", "0", "00", "00", "W", "SREG", "FP"),
        ("FMOV_64H", "FMOV_H64", "1", "11", "00", "X", "HREG", "FP16"),
        ("FMOV_64D", "FMOV_D64", "1", "01", "00", "X", "DREG", "FP"),
        ("FMOV_64VX", "FMOV_V64I", "1", "10", "01", "X", "FPV_D1", "FP"),
    )
    for to_gpr, to_fp, sf, ftype, rmode, gpr, freg, feat in fmov:
        rows.append(E(f"{to_gpr}_float2int", f"sf={sf} " + _F2I.format(ftype=ftype, rmode=rmode, opcode="110"),
                      f"fmov {{{gpr}:Rd}}, {{{freg}:Rn}}", feature=feat))
        rows.append(E(f"{to_fp}_float2int", f"sf={sf} " + _F2I.format(ftype=ftype, rmode=rmode, opcode="111"),
                      f"fmov {{{freg}:Rd}}, {{{gpr}:Rn}}", feature=feat))
    rows.append(E("FJCVTZS_32D_float2int", "sf=0 " + _F2I.format(ftype="01", rmode="11", opcode="110"),
                  "fjcvtzs {W:Rd}, {DREG:Rn}", feature="JSCVT"))
    return rows


# --------------------------------------------------------------------------------------
# Data-processing (1 source) (floatdp1)
#   M 0 S 11110 ftype 1 opcode:6 10000 Rn Rd

_DP1 = (  # (mnemonic, opcode, precisions, feature)
    ("FMOV", "000000", "HSD", "FP"), ("FABS", "000001", "HSD", "FP"), ("FNEG", "000010", "HSD", "FP"),
    ("FSQRT", "000011", "HSD", "FP"),
    ("FRINTN", "001000", "HSD", "FP"), ("FRINTP", "001001", "HSD", "FP"), ("FRINTM", "001010", "HSD", "FP"),
    ("FRINTZ", "001011", "HSD", "FP"), ("FRINTA", "001100", "HSD", "FP"), ("FRINTX", "001110", "HSD", "FP"),
    ("FRINTI", "001111", "HSD", "FP"),
    ("FRINT32Z", "010000", "SD", "FRINTTS"), ("FRINT32X", "010001", "SD", "FRINTTS"),
    ("FRINT64Z", "010010", "SD", "FRINTTS"), ("FRINT64X", "010011", "SD", "FRINTTS"),
)  # fmt: skip
_DP1_HEAD = "M=0 0 S=0 11110 ftype={ftype} 1 opcode={opcode} 10000 Rn:5 Rd:5"


def _floatdp1() -> list[E]:
    rows: list[E] = []
    for mn, opcode, precs, feat in _DP1:
        for ftype, p, freg in _PREC:
            if p in precs:
                rows.append(E(f"{mn}_{p}_floatdp1", _DP1_HEAD.format(ftype=ftype, opcode=opcode),
                              f"{mn.lower()} {{{freg}:Rd}}, {{{freg}:Rn}}", feature=_feature(p, feat)))
    # FCVT between precisions: opcode = 0001:opc, opc names the destination (00 S, 01 D,
    # 11 H); ID letters are destination then source. opc == ftype is unallocated.
    for src_ftype, src, src_reg in _PREC:
        for opc, dst, dst_reg in (("11", "H", "HREG"), ("00", "S", "SREG"), ("01", "D", "DREG")):
            if opc == src_ftype:
                continue
            rows.append(E(f"FCVT_{dst}{src}_floatdp1", _DP1_HEAD.format(ftype=src_ftype, opcode="0001" + opc),
                          f"fcvt {{{dst_reg}:Rd}}, {{{src_reg}:Rn}}",
                          feature="FP16" if "H" in (src, dst) else "FP"))
    rows.append(E("BFCVT_BS_floatdp1", _DP1_HEAD.format(ftype="01", opcode="000110"),
                  "bfcvt {HREG:Rd}, {SREG:Rn}", feature="BF16"))
    return rows


# --------------------------------------------------------------------------------------
# Compare (floatcmp), immediate (floatimm), conditional compare (floatccmp),
# 2 source (floatdp2), conditional select (floatsel), 3 source (floatdp3)

_DP2 = (
    ("FMUL", "0000"), ("FDIV", "0001"), ("FADD", "0010"), ("FSUB", "0011"), ("FMAX", "0100"),
    ("FMIN", "0101"), ("FMAXNM", "0110"), ("FMINNM", "0111"), ("FNMUL", "1000"),
)  # fmt: skip
_DP3 = (("FMADD", "0", "0"), ("FMSUB", "0", "1"), ("FNMADD", "1", "0"), ("FNMSUB", "1", "1"))


def _float_ops() -> list[E]:
    rows: list[E] = []
    for ftype, p, r in _PREC:
        feat = _feature(p)
        head = f"M=0 0 S=0 11110 ftype={ftype} 1"
        # FCMP/FCMPE: opc<1> signals on quiet NaNs (E), opc<0> compares with zero;
        # the zero forms ignore Rm, which the diagram gives as (0)(0)(0)(0)(0).
        for mn, e in (("FCMP", "0"), ("FCMPE", "1")):
            rows.append(E(f"{mn}_{p}_floatcmp", f"{head} Rm:5 op=00 1000 Rn:5 opc={e}0 000",
                          f"{mn.lower()} {{{r}:Rn}}, {{{r}:Rm}}", feature=feat))
            rows.append(E(f"{mn}_{p}Z_floatcmp", f"{head} Rm=(00000) op=00 1000 Rn:5 opc={e}1 000",
                          f"{mn.lower()} {{{r}:Rn}}, #0.0", feature=feat))
        rows.append(E(f"FMOV_{p}_floatimm", f"{head} imm8:8 100 imm5=00000 Rd:5",
                      f"fmov {{{r}:Rd}}, {{FPIMM8:imm8}}", feature=feat))
        for mn, op in (("FCCMP", "0"), ("FCCMPE", "1")):
            rows.append(E(f"{mn}_{p}_floatccmp", f"{head} Rm:5 cond:4 01 Rn:5 op={op} nzcv:4",
                          f"{mn.lower()} {{{r}:Rn}}, {{{r}:Rm}}, {{IMM:nzcv}}, {{COND:cond}}", feature=feat))
        for mn, opcode in _DP2:
            rows.append(E(f"{mn}_{p}_floatdp2", f"{head} Rm:5 opcode={opcode} 10 Rn:5 Rd:5",
                          f"{mn.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}", feature=feat))
        rows.append(E(f"FCSEL_{p}_floatsel", f"{head} Rm:5 cond:4 11 Rn:5 Rd:5",
                      f"fcsel {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}, {{COND:cond}}", feature=feat))
        for mn, o1, o0 in _DP3:
            rows.append(E(f"{mn}_{p}_floatdp3",
                          f"M=0 0 S=0 11111 ftype={ftype} o1={o1} Rm:5 o0={o0} Ra:5 Rn:5 Rd:5",
                          f"{mn.lower()} {{{r}:Rd}}, {{{r}:Rn}}, {{{r}:Rm}}, {{{r}:Ra}}", feature=feat))
    return rows


# --------------------------------------------------------------------------------------
# Cryptographic extension

_CRYPTO = (
    # AES (cryptoaes): 01001110 size 10100 opcode:5 10 Rn Rd
    E("AESE_B_cryptoaes",    "01001110 size=00 10100 opcode=00100 10 Rn:5 Rd:5",
      "aese {FPV_16B:Rd}, {FPV_16B:Rn}", feature="AES"),
    E("AESD_B_cryptoaes",    "01001110 size=00 10100 opcode=00101 10 Rn:5 Rd:5",
      "aesd {FPV_16B:Rd}, {FPV_16B:Rn}", feature="AES"),
    E("AESMC_B_cryptoaes",   "01001110 size=00 10100 opcode=00110 10 Rn:5 Rd:5",
      "aesmc {FPV_16B:Rd}, {FPV_16B:Rn}", feature="AES"),
    E("AESIMC_B_cryptoaes",  "01001110 size=00 10100 opcode=00111 10 Rn:5 Rd:5",
      "aesimc {FPV_16B:Rd}, {FPV_16B:Rn}", feature="AES"),
    # SHA, three registers (cryptosha3): 01011110 size 0 Rm 0 opcode:3 00 Rn Rd
    E("SHA1C_QSV_cryptosha3",   "01011110 size=00 0 Rm:5 0 opcode=000 00 Rn:5 Rd:5",
      "sha1c {QREG:Rd}, {SREG:Rn}, {FPV_4S:Rm}", feature="SHA1"),
    E("SHA1P_QSV_cryptosha3",   "01011110 size=00 0 Rm:5 0 opcode=001 00 Rn:5 Rd:5",
      "sha1p {QREG:Rd}, {SREG:Rn}, {FPV_4S:Rm}", feature="SHA1"),
    E("SHA1M_QSV_cryptosha3",   "01011110 size=00 0 Rm:5 0 opcode=010 00 Rn:5 Rd:5",
      "sha1m {QREG:Rd}, {SREG:Rn}, {FPV_4S:Rm}", feature="SHA1"),
    E("SHA1SU0_VVV_cryptosha3", "01011110 size=00 0 Rm:5 0 opcode=011 00 Rn:5 Rd:5",
      "sha1su0 {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}", feature="SHA1"),
    E("SHA256H_QQV_cryptosha3",   "01011110 size=00 0 Rm:5 0 opcode=100 00 Rn:5 Rd:5",
      "sha256h {QREG:Rd}, {QREG:Rn}, {FPV_4S:Rm}", feature="SHA256"),
    E("SHA256H2_QQV_cryptosha3",  "01011110 size=00 0 Rm:5 0 opcode=101 00 Rn:5 Rd:5",
      "sha256h2 {QREG:Rd}, {QREG:Rn}, {FPV_4S:Rm}", feature="SHA256"),
    E("SHA256SU1_VVV_cryptosha3", "01011110 size=00 0 Rm:5 0 opcode=110 00 Rn:5 Rd:5",
      "sha256su1 {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}", feature="SHA256"),
    # SHA, two registers (cryptosha2): 01011110 size 10100 opcode:5 10 Rn Rd
    E("SHA1H_SS_cryptosha2",     "01011110 size=00 10100 opcode=00000 10 Rn:5 Rd:5",
      "sha1h {SREG:Rd}, {SREG:Rn}", feature="SHA1"),
    E("SHA1SU1_VV_cryptosha2",   "01011110 size=00 10100 opcode=00001 10 Rn:5 Rd:5",
      "sha1su1 {FPV_4S:Rd}, {FPV_4S:Rn}", feature="SHA1"),
    E("SHA256SU0_VV_cryptosha2", "01011110 size=00 10100 opcode=00010 10 Rn:5 Rd:5",
      "sha256su0 {FPV_4S:Rd}, {FPV_4S:Rn}", feature="SHA256"),
    # SHA512, SHA3 and SM3/SM4, three registers (cryptosha512_3): 11001110 011 Rm 1 O 00 opcode Rn Rd
    E("SHA512H_QQV_cryptosha512_3",    "11001110 011 Rm:5 1 O=0 00 opcode=00 Rn:5 Rd:5",
      "sha512h {QREG:Rd}, {QREG:Rn}, {FPV_2D:Rm}", feature="SHA512"),
    E("SHA512H2_QQV_cryptosha512_3",   "11001110 011 Rm:5 1 O=0 00 opcode=01 Rn:5 Rd:5",
      "sha512h2 {QREG:Rd}, {QREG:Rn}, {FPV_2D:Rm}", feature="SHA512"),
    E("SHA512SU1_VVV2_cryptosha512_3", "11001110 011 Rm:5 1 O=0 00 opcode=10 Rn:5 Rd:5",
      "sha512su1 {FPV_2D:Rd}, {FPV_2D:Rn}, {FPV_2D:Rm}", feature="SHA512"),
    E("RAX1_VVV2_cryptosha512_3",      "11001110 011 Rm:5 1 O=0 00 opcode=11 Rn:5 Rd:5",
      "rax1 {FPV_2D:Rd}, {FPV_2D:Rn}, {FPV_2D:Rm}", feature="SHA3"),
    E("SM3PARTW1_VVV4_cryptosha512_3", "11001110 011 Rm:5 1 O=1 00 opcode=00 Rn:5 Rd:5",
      "sm3partw1 {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}", feature="SM3"),
    E("SM3PARTW2_VVV4_cryptosha512_3", "11001110 011 Rm:5 1 O=1 00 opcode=01 Rn:5 Rd:5",
      "sm3partw2 {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}", feature="SM3"),
    E("SM4EKEY_VVV4_cryptosha512_3",   "11001110 011 Rm:5 1 O=1 00 opcode=10 Rn:5 Rd:5",
      "sm4ekey {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}", feature="SM4"),
    # two registers (cryptosha512_2): 11001110 110000001000 opcode Rn Rd
    E("SHA512SU0_VV2_cryptosha512_2", "11001110 110000001000 opcode=00 Rn:5 Rd:5",
      "sha512su0 {FPV_2D:Rd}, {FPV_2D:Rn}", feature="SHA512"),
    E("SM4E_VV4_cryptosha512_2",      "11001110 110000001000 opcode=01 Rn:5 Rd:5",
      "sm4e {FPV_4S:Rd}, {FPV_4S:Rn}", feature="SM4"),
    # four registers (crypto4): 110011100 Op0 Rm 0 Ra Rn Rd; Op0=11 is unallocated
    E("EOR3_VVV16_crypto4",  "110011100 Op0=00 Rm:5 0 Ra:5 Rn:5 Rd:5",
      "eor3 {FPV_16B:Rd}, {FPV_16B:Rn}, {FPV_16B:Rm}, {FPV_16B:Ra}", feature="SHA3"),
    E("BCAX_VVV16_crypto4",  "110011100 Op0=01 Rm:5 0 Ra:5 Rn:5 Rd:5",
      "bcax {FPV_16B:Rd}, {FPV_16B:Rn}, {FPV_16B:Rm}, {FPV_16B:Ra}", feature="SHA3"),
    E("SM3SS1_VVV4_crypto4", "110011100 Op0=10 Rm:5 0 Ra:5 Rn:5 Rd:5",
      "sm3ss1 {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_4S:Rm}, {FPV_4S:Ra}", feature="SM3"),
    # three registers and a rotate (crypto3_imm6)
    E("XAR_VVV2_crypto3_imm6", "11001110100 Rm:5 imm6:6 Rn:5 Rd:5",
      "xar {FPV_2D:Rd}, {FPV_2D:Rn}, {FPV_2D:Rm}, {IMM:imm6}", feature="SHA3"),
    # three registers and an element index (crypto3_imm2)
    E("SM3TT1A_VVV4_crypto3_imm2", "11001110010 Rm:5 10 imm2:2 opcode=00 Rn:5 Rd:5",
      "sm3tt1a {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_S_ELEM:Rm,imm2}", feature="SM3"),
    E("SM3TT1B_VVV4_crypto3_imm2", "11001110010 Rm:5 10 imm2:2 opcode=01 Rn:5 Rd:5",
      "sm3tt1b {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_S_ELEM:Rm,imm2}", feature="SM3"),
    E("SM3TT2A_VVV4_crypto3_imm2", "11001110010 Rm:5 10 imm2:2 opcode=10 Rn:5 Rd:5",
      "sm3tt2a {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_S_ELEM:Rm,imm2}", feature="SM3"),
    # Arm's ID really is VVV here, not VVV4
    E("SM3TT2B_VVV_crypto3_imm2",  "11001110010 Rm:5 10 imm2:2 opcode=11 Rn:5 Rd:5",
      "sm3tt2b {FPV_4S:Rd}, {FPV_4S:Rn}, {FPV_S_ELEM:Rm,imm2}", feature="SM3"),
)  # fmt: skip


ENCODINGS: tuple[E, ...] = (*_float2fix(), *_float2int(), *_floatdp1(), *_float_ops(), *_CRYPTO)
ALIASES: tuple[Alias, ...] = ()
OVERLAPS: tuple[OverlapGroup, ...] = ()

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
