"""Data processing (immediate): op0 = 100 (Arm ARM C4.1.86).

PC-relative addressing, add/subtract (immediate, and with tags), min/max
(immediate, FEAT_CSSC), logical (immediate), move wide, bitfield, extract.
Rows are named by their Arm encoding IDs; diagrams use Arm's field names
(ADDG/SUBG name their registers ``Xn``/``Xd``, as the Arm ARM does).
"""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup
from ._cache import shared_family

E = Encoding  # short names keep the rows on one line each
A = Alias

#: (stem, mnemonic, op, S, ID suffix): the flag-setting forms carry an ``S`` in their Arm IDs
_ADDSUB = (
    ("ADD", "add", "0", "0", ""), ("ADDS", "adds", "0", "1", "S"),
    ("SUB", "sub", "1", "0", ""), ("SUBS", "subs", "1", "1", "S"),
)  # fmt: skip
#: (stem, mnemonic, opc, ID suffix)
_LOGIC = (("AND", "and", "00", ""), ("ORR", "orr", "01", ""), ("EOR", "eor", "10", ""), ("ANDS", "ands", "11", "S"))
#: (stem, ID suffix, mnemonic, opc, signed)
_MINMAX = (
    ("SMAX", "", "smax", "0000", True), ("UMAX", "U", "umax", "0001", False),
    ("SMIN", "", "smin", "0010", True), ("UMIN", "U", "umin", "0011", False),
)  # fmt: skip


def _addsub_imm() -> list[E]:
    rows = []
    for name, mn, op, s, suffix in _ADDSUB:
        for sf, size, r, rsp in (("0", "32", "W", "WSP"), ("1", "64", "X", "XSP")):
            rd = rsp if s == "0" else r
            rows.append(E(
                f"{name}_{size}{suffix}_addsub_imm",
                f"sf={sf} op={op} S={s} 100010 sh:1 imm12:12 Rn:5 Rd:5",
                f"{mn} {{{rd}:Rd}}, {{{rsp}:Rn}}, {{IMM:imm12}}[[, {{LSL12:sh}}]]",
            ))
    return rows


def _minmax_imm() -> list[E]:
    rows = []
    for name, suffix, mn, opc, signed in _MINMAX:
        for sf, size, r in (("0", "32", "W"), ("1", "64", "X")):
            rows.append(E(
                f"{name}_{size}{suffix}_minmax_imm",
                f"sf={sf} op=0 S=0 1000111 opc={opc} imm8:8 Rn:5 Rd:5",
                f"{mn} {{{r}:Rd}}, {{{r}:Rn}}, {{{'SIMM' if signed else 'IMM'}:imm8}}",
                feature="CSSC",
            ))
    return rows


def _logical_imm() -> list[E]:
    rows = []
    for name, mn, opc, suffix in _LOGIC:
        rd32, rd64 = ("W", "X") if opc == "11" else ("WSP", "XSP")
        # 32-bit: N=1 is unallocated; within N=0 some imms values are reserved.
        rows.append(E(f"{name}_32{suffix}_log_imm", f"sf=0 opc={opc} 100100 N=0 immr:6 imms:6 Rn:5 Rd:5",
                      f"{mn} {{{rd32}:Rd}}, {{W:Rn}}, {{LOGIMM32:N,immr,imms}}",
                      exclude=("not valid_bitmask(N, imms, immr, 32)",)))
        imm64 = "SLOGIMM64" if opc == "11" else "LOGIMM64"  # capstone prints the ANDS mask signed
        rows.append(E(f"{name}_64{suffix}_log_imm", f"sf=1 opc={opc} 100100 N:1 immr:6 imms:6 Rn:5 Rd:5",
                      f"{mn} {{{rd64}:Rd}}, {{X:Rn}}, {{{imm64}:N,immr,imms}}",
                      exclude=("not valid_bitmask(N, imms, immr, 64)",)))
    return rows


ENCODINGS = (
    # PC-relative addressing
    E("ADR_only_pcreladdr",   "op=0 immlo:2 10000 immhi:19 Rd:5",  "adr {X:Rd}, {LABEL:immhi,immlo}",
      uses_literal=True),
    E("ADRP_only_pcreladdr",  "op=1 immlo:2 10000 immhi:19 Rd:5",  "adrp {X:Rd}, {PAGE:immhi,immlo}",
      uses_literal=True),
    # Add/subtract (immediate)
    *_addsub_imm(),
    # Add/subtract (immediate, with tags) (FEAT_MTE); o2=1 and S=1 are unallocated
    E("ADDG_64_addsub_immtags", "sf=1 op=0 S=0 100011 o2=0 uimm6:6 op3=(00) uimm4:4 Xn:5 Xd:5",
      "addg {XSP:Xd}, {XSP:Xn}, {IMM:uimm6*16}, {IMM:uimm4}", feature="MTE"),
    E("SUBG_64_addsub_immtags", "sf=1 op=1 S=0 100011 o2=0 uimm6:6 op3=(00) uimm4:4 Xn:5 Xd:5",
      "subg {XSP:Xd}, {XSP:Xn}, {IMM:uimm6*16}, {IMM:uimm4}", feature="MTE"),
    # Min/max (immediate) (FEAT_CSSC); opc=01xx and 1xxx are unallocated
    *_minmax_imm(),
    # Logical (immediate)
    *_logical_imm(),
    # Move wide (immediate); opc=01 is unallocated, and hw<1> must be 0 in the 32-bit forms
    E("MOVN_32_movewide",  "sf=0 opc=00 100101 hw=0x imm16:16 Rd:5",  "movn {W:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    E("MOVN_64_movewide",  "sf=1 opc=00 100101 hw:2 imm16:16 Rd:5",   "movn {X:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    E("MOVZ_32_movewide",  "sf=0 opc=10 100101 hw=0x imm16:16 Rd:5",  "movz {W:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    E("MOVZ_64_movewide",  "sf=1 opc=10 100101 hw:2 imm16:16 Rd:5",   "movz {X:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    E("MOVK_32_movewide",  "sf=0 opc=11 100101 hw=0x imm16:16 Rd:5",  "movk {W:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    E("MOVK_64_movewide",  "sf=1 opc=11 100101 hw:2 imm16:16 Rd:5",   "movk {X:Rd}, {IMM:imm16}[[, lsl {HWD:hw}]]"),
    # Bitfield; opc=11 is unallocated, N must equal sf, and imms/immr are 5-bit in the 32-bit forms
    E("SBFM_32M_bitfield", "sf=0 opc=00 100110 N=0 immr=0xxxxx imms=0xxxxx Rn:5 Rd:5",
      "sbfm {W:Rd}, {W:Rn}, {IMM:immr}, {IMM:imms}"),
    E("SBFM_64M_bitfield", "sf=1 opc=00 100110 N=1 immr:6 imms:6 Rn:5 Rd:5",
      "sbfm {X:Rd}, {X:Rn}, {IMM:immr}, {IMM:imms}"),
    E("BFM_32M_bitfield",  "sf=0 opc=01 100110 N=0 immr=0xxxxx imms=0xxxxx Rn:5 Rd:5",
      "bfm {W:Rd}, {W:Rn}, {IMM:immr}, {IMM:imms}"),
    E("BFM_64M_bitfield",  "sf=1 opc=01 100110 N=1 immr:6 imms:6 Rn:5 Rd:5",
      "bfm {X:Rd}, {X:Rn}, {IMM:immr}, {IMM:imms}"),
    E("UBFM_32M_bitfield", "sf=0 opc=10 100110 N=0 immr=0xxxxx imms=0xxxxx Rn:5 Rd:5",
      "ubfm {W:Rd}, {W:Rn}, {IMM:immr}, {IMM:imms}"),
    E("UBFM_64M_bitfield", "sf=1 opc=10 100110 N=1 immr:6 imms:6 Rn:5 Rd:5",
      "ubfm {X:Rd}, {X:Rn}, {IMM:immr}, {IMM:imms}"),
    # Extract; op21/o0 other than 00/0 are unallocated, N must equal sf
    E("EXTR_32_extract",   "sf=0 op21=00 100111 N=0 o0=0 Rm:5 imms=0xxxxx Rn:5 Rd:5",
      "extr {W:Rd}, {W:Rn}, {W:Rm}, {IMM:imms}"),
    E("EXTR_64_extract",   "sf=1 op21=00 100111 N=1 o0=0 Rm:5 imms:6 Rn:5 Rd:5",
      "extr {X:Rd}, {X:Rn}, {X:Rm}, {IMM:imms}"),
)  # fmt: skip


def _bitfield_aliases() -> list[A]:
    """The bitfield aliases, in the Arm ARM's order of preference for each base."""
    out: list[A] = []
    for sf, w, r in ((0, 32, "W"), (1, 64, "X")):
        top = w - 1
        base = f"{'32M' if sf == 0 else '64M'}_bitfield"
        out += [
            A(f"ASR_SBFM_{base}", f"SBFM_{base}", f"imms={top:06b}", f"asr {{{r}:Rd}}, {{{r}:Rn}}, {{IMM:immr}}"),
            A(f"SBFIZ_SBFM_{base}", f"SBFM_{base}", "",
              f"sbfiz {{{r}:Rd}}, {{{r}:Rn}}, {{BF_LSB_IZ{w}:immr,imms}}, {{BF_WIDTH_IZ{w}:immr,imms}}",
              cond="imms < immr"),
            A(f"SBFX_SBFM_{base}", f"SBFM_{base}", "",
              f"sbfx {{{r}:Rd}}, {{{r}:Rn}}, {{IMM:immr}}, {{BF_WIDTH{w}:immr,imms}}",
              cond=f"bfx_preferred({sf}, 0, imms, immr)"),
            A(f"SXTB_SBFM_{base}", f"SBFM_{base}", "immr=000000 imms=000111", f"sxtb {{{r}:Rd}}, {{W:Rn}}"),
            A(f"SXTH_SBFM_{base}", f"SBFM_{base}", "immr=000000 imms=001111", f"sxth {{{r}:Rd}}, {{W:Rn}}"),
            A(f"BFC_BFM_{base}", f"BFM_{base}", "Rn=11111",
              f"bfc {{{r}:Rd}}, {{BF_LSB_IZ{w}:immr,imms}}, {{BF_WIDTH_IZ{w}:immr,imms}}",
              cond="imms < immr"),
            A(f"BFI_BFM_{base}", f"BFM_{base}", "",
              f"bfi {{{r}:Rd}}, {{{r}:Rn}}, {{BF_LSB_IZ{w}:immr,imms}}, {{BF_WIDTH_IZ{w}:immr,imms}}",
              cond="Rn != 31 and imms < immr"),
            A(f"BFXIL_BFM_{base}", f"BFM_{base}", "",
              f"bfxil {{{r}:Rd}}, {{{r}:Rn}}, {{IMM:immr}}, {{BF_WIDTH{w}:immr,imms}}",
              cond="imms >= immr"),
            A(f"LSL_UBFM_{base}", f"UBFM_{base}", "", f"lsl {{{r}:Rd}}, {{{r}:Rn}}, {{BF_LSL{w}:immr,imms}}",
              cond=f"imms != {top} and imms + 1 == immr"),
            A(f"LSR_UBFM_{base}", f"UBFM_{base}", f"imms={top:06b}", f"lsr {{{r}:Rd}}, {{{r}:Rn}}, {{IMM:immr}}"),
            A(f"UBFIZ_UBFM_{base}", f"UBFM_{base}", "",
              f"ubfiz {{{r}:Rd}}, {{{r}:Rn}}, {{BF_LSB_IZ{w}:immr,imms}}, {{BF_WIDTH_IZ{w}:immr,imms}}",
              cond="imms < immr"),
            A(f"UBFX_UBFM_{base}", f"UBFM_{base}", "",
              f"ubfx {{{r}:Rd}}, {{{r}:Rn}}, {{IMM:immr}}, {{BF_WIDTH{w}:immr,imms}}",
              cond=f"bfx_preferred({sf}, 1, imms, immr)"),
        ]
        if sf == 1:
            out.append(A("SXTW_SBFM_64M_bitfield", "SBFM_64M_bitfield", "immr=000000 imms=011111",
                         "sxtw {X:Rd}, {W:Rn}"))
        else:
            out += [
                A("UXTB_UBFM_32M_bitfield", "UBFM_32M_bitfield", "immr=000000 imms=000111", "uxtb {W:Rd}, {W:Rn}"),
                A("UXTH_UBFM_32M_bitfield", "UBFM_32M_bitfield", "immr=000000 imms=001111", "uxth {W:Rd}, {W:Rn}"),
            ]
    return out


ALIASES = (
    *(A(f"MOV_ADD_{n}_addsub_imm", f"ADD_{n}_addsub_imm", "sh=0 imm12=000000000000",
        f"mov {{{r}:Rd}}, {{{r}:Rn}}", cond="Rd == 31 or Rn == 31")
      for n, r in (("32", "WSP"), ("64", "XSP"))),
    *(A(f"CMN_ADDS_{n}S_addsub_imm", f"ADDS_{n}S_addsub_imm", "Rd=11111",
        f"cmn {{{r}:Rn}}, {{IMM:imm12}}[[, {{LSL12:sh}}]]") for n, r in (("32", "WSP"), ("64", "XSP"))),
    *(A(f"CMP_SUBS_{n}S_addsub_imm", f"SUBS_{n}S_addsub_imm", "Rd=11111",
        f"cmp {{{r}:Rn}}, {{IMM:imm12}}[[, {{LSL12:sh}}]]") for n, r in (("32", "WSP"), ("64", "XSP"))),
    A("MOV_ORR_32_log_imm", "ORR_32_log_imm", "Rn=11111", "mov {WSP:Rd}, {SLOGIMM32:N,immr,imms}",
      cond="not move_wide_preferred(0, N, imms, immr)"),
    A("MOV_ORR_64_log_imm", "ORR_64_log_imm", "Rn=11111", "mov {XSP:Rd}, {SLOGIMM64:N,immr,imms}",
      cond="not move_wide_preferred(1, N, imms, immr)"),
    A("TST_ANDS_32S_log_imm", "ANDS_32S_log_imm", "Rd=11111", "tst {W:Rn}, {LOGIMM32:N,immr,imms}"),
    A("TST_ANDS_64S_log_imm", "ANDS_64S_log_imm", "Rd=11111", "tst {X:Rn}, {SLOGIMM64:N,immr,imms}"),
    A("MOV_MOVN_32_movewide", "MOVN_32_movewide", "", "mov {W:Rd}, {MOVN32:imm16,hw}",
      cond="not (imm16 == 0 and hw != 0) and imm16 != 0xFFFF", prefer=True),
    A("MOV_MOVN_64_movewide", "MOVN_64_movewide", "", "mov {X:Rd}, {MOVN64:imm16,hw}",
      cond="not (imm16 == 0 and hw != 0)", prefer=True),
    A("MOV_MOVZ_32_movewide", "MOVZ_32_movewide", "", "mov {W:Rd}, {SMOVZ32:imm16,hw}",
      cond="not (imm16 == 0 and hw != 0)", prefer=True),
    A("MOV_MOVZ_64_movewide", "MOVZ_64_movewide", "", "mov {X:Rd}, {SMOVZ64:imm16,hw}",
      cond="not (imm16 == 0 and hw != 0)", prefer=True),
    *_bitfield_aliases(),
    A("ROR_EXTR_32_extract", "EXTR_32_extract", "", "ror {W:Rd}, {W:Rn}, {IMM:imms}", cond="Rn == Rm"),
    A("ROR_EXTR_64_extract", "EXTR_64_extract", "", "ror {X:Rd}, {X:Rn}, {IMM:imms}", cond="Rn == Rm"),
)  # fmt: skip

OVERLAPS: tuple[OverlapGroup, ...] = ()

# with the table read from its row cache, these are the table's own row objects
ENCODINGS, ALIASES, OVERLAPS = shared_family(__name__, ENCODINGS, ALIASES, OVERLAPS)
