"""The CPU without oracles: per-encoding state tests (py65 style), faults, system registers,
pre-decode invalidation, the exclusive monitor, ISB hooks and the trace format.

Each test writes words with ``aarch64insn.encode`` under a comment in assembler syntax,
runs them on a bare :class:`Cpu` and checks registers, flags and memory.
"""

from __future__ import annotations

import struct

import pytest

from aarch64insn import decode, encode
from aarch64insn.codec import ENCODINGS_BY_ID
from ftrace_sim import Cpu, Fault, FaultKind, Memory, Perm, SimError, Trace, TraceEvent, format_event
from ftrace_sim.cpu import SYSREGS, Bus
from ftrace_sim.semantics import COND_HOLDS, REGISTRY, add_with_carry, semantics

CODE = 0x40_0000
DATA = 0x80_0000
STACK = 0xA0_0000
M64 = (1 << 64) - 1
NOP = encode("NOP_HI_hints")


def make(*words: int, ncpus: int = 1) -> list[Cpu]:
    mem = Memory()
    mem.map(CODE, 0x1000, Perm.RX, "text", struct.pack(f"<{len(words)}I", *words))
    mem.map(DATA, 0x1000, Perm.RW, "data")
    mem.map(STACK, 0x1000, Perm.RW, "stack")
    bus = Bus(mem)
    cpus = [Cpu(mem, i, bus=bus) for i in range(ncpus)]
    for c in cpus:
        c.pc = CODE
        c.sp = STACK + 0x800
    return cpus


def run(*words: int, **regs: int) -> Cpu:
    """Run ``words`` (then stop) on a fresh CPU whose registers are set from ``regs`` (x0=..., nzcv=...)."""
    (c,) = make(*words)
    for name, value in regs.items():
        if name == "nzcv":
            c.nzcv = value
        elif name == "sp":
            c.sp = value
        else:
            c.set_x(int(name[1:]), value)
    c.run(len(words))
    return c


# --------------------------------------------------------------------------- registry


def test_every_registered_id_is_a_table_row_and_its_parameters_are_fields() -> None:
    for rid, entry in REGISTRY.items():
        row = ENCODINGS_BY_ID[rid]
        assert set(entry.params) <= set(row.fields), rid


def test_registering_an_unknown_row_or_field_is_refused() -> None:
    from ftrace_sim import semantics as sem

    @semantics("NOT_A_ROW_at_all")
    def bogus(c: object) -> object:
        raise AssertionError

    try:
        with pytest.raises(SimError, match="NOT_A_ROW_at_all: @semantics"):
            sem._check_registry()
    finally:
        del REGISTRY["NOT_A_ROW_at_all"]
    with pytest.raises(SimError, match="registered twice"):
        semantics("NOP_HI_hints")(bogus)


def test_the_integer_base_isa_gcc_emits_is_covered() -> None:
    wanted = [
        "ADD_64_addsub_imm", "SUBS_64S_addsub_imm", "ORR_64_log_shift", "ANDS_32S_log_imm", "MOVK_64_movewide",
        "UBFM_64M_bitfield", "SBFM_32M_bitfield", "EXTR_64_extract", "ADD_64_addsub_ext", "CSINC_32_condsel",
        "CCMN_64_condcmp_imm", "MADD_64A_dp_3src", "UMULH_64_dp_3src", "SMADDL_64WA_dp_3src", "SDIV_64_dp_2src",
        "CLZ_64_dp_1src", "RBIT_32_dp_1src", "REV_64_dp_1src", "LDR_64_ldst_pos", "LDRSW_64_ldst_regoff",
        "LDRB_32BL_ldst_regoff", "STP_64_ldstpair_pre", "LDP_64_ldstpair_post", "LDUR_64_ldst_unscaled",
        "LDRSH_64_ldst_immpre", "LDR_64_loadlit", "LDXR_LR64_ldstexclr", "STLXR_SR32_ldstexclr",
        "LDAR_LR64_ldstord", "STLR_SL32_ldstord", "LDADDAL_64_memop", "SWPL_32_memop", "CASAL_C64_comswap",
        "CASP_CP64_comswappr", "LDCLRB_32_memop", "B_only_branch_imm", "BL_only_branch_imm",
        "B_only_condbranch", "CBNZ_64_compbranch", "TBZ_only_testbranch", "BR_64_branch_reg",
        "BLR_64_branch_reg", "RET_64R_branch_reg", "NOP_HI_hints", "BTI_HB_hints", "PACIASP_HI_hints",
        "AUTIASP_HI_hints", "YIELD_HI_hints", "DMB_BO_barriers", "DSB_BO_barriers", "ISB_BI_barriers",
        "MRS_RS_systemmove", "MSR_SR_systemmove", "MSR_SI_pstate", "BRK_EX_exception",
    ]  # fmt: skip
    assert [rid for rid in wanted if rid not in REGISTRY] == []


# --------------------------------------------------------------------------- data processing


def test_add_sub_immediate_and_flags() -> None:
    # adds x0, x1, #1 ; sub w2, w3, #1, lsl #12
    c = run(
        encode("ADDS_64S_addsub_imm", sh=0, imm12=1, Rn=1, Rd=0),
        encode("SUB_32_addsub_imm", sh=1, imm12=1, Rn=3, Rd=2),
        x1=M64, x3=0x1_0000_0000,
    )  # fmt: skip
    assert c.x_or_zr(0) == 0 and c.nzcv == 0b0110  # Z and C
    assert c.x_or_zr(2) == (-0x1000) & 0xFFFF_FFFF


def test_cmp_sets_signed_overflow() -> None:
    # cmp x0, #1  (0x8000000000000000 - 1 overflows)
    c = run(encode("SUBS_64S_addsub_imm", sh=0, imm12=1, Rn=0, Rd=31), x0=1 << 63)
    assert c.nzcv == 0b0011  # C and V


def test_add_with_carry_matches_the_pseudocode_on_corners() -> None:
    assert add_with_carry(M64, 1, 0, 64) == (0, 0b0110)
    assert add_with_carry(0x7FFF_FFFF, 0, 1, 32) == (0x8000_0000, 0b1001)
    assert add_with_carry(5, (~5) & M64, 1, 64) == (0, 0b0110)


def test_mov_to_and_from_sp_and_xzr_reads() -> None:
    # mov x5, sp ; add sp, sp, #16 ; orr x6, xzr, x7 (mov x6, x7)
    c = run(
        encode("ADD_64_addsub_imm", sh=0, imm12=0, Rn=31, Rd=5),
        encode("ADD_64_addsub_imm", sh=0, imm12=16, Rn=31, Rd=31),
        encode("ORR_64_log_shift", shift=0, Rm=7, imm6=0, Rn=31, Rd=6),
        x7=42,
    )  # fmt: skip
    assert c.x_or_zr(5) == STACK + 0x800
    assert c.sp == STACK + 0x810
    assert c.x_or_zr(6) == 42
    assert c.x_or_zr(31) == 0 and c.sp_or_x(31) == STACK + 0x810


def test_writes_to_xzr_are_discarded() -> None:
    # add xzr? (adds xzr, x1, x1 = cmn) ; movz xzr, #5
    c = run(
        encode("ADDS_64_addsub_shift", shift=0, Rm=1, imm6=0, Rn=1, Rd=31),
        encode("MOVZ_64_movewide", hw=0, imm16=5, Rd=31),
        x1=3,
    )  # fmt: skip
    assert c.x_or_zr(31) == 0 and c.r[31] == 0


def test_logical_immediate_and_shifted_register() -> None:
    # and x0, x1, #0xff ; eon w2, w3, w4, ror #4 ; bics x5, x6, x7, lsr #60
    c = run(
        encode("AND_64_log_imm", N=1, immr=0, imms=7, Rn=1, Rd=0),
        encode("EON_32_log_shift", shift=3, Rm=4, imm6=4, Rn=3, Rd=2),
        encode("BICS_64_log_shift", shift=1, Rm=7, imm6=60, Rn=6, Rd=5),
        x1=0x1234, x3=0xF0F0_F0F0, x4=0x1, x6=0xF, x7=M64,
    )  # fmt: skip
    assert c.x_or_zr(0) == 0x34
    assert c.x_or_zr(2) == (0xF0F0_F0F0 ^ ~0x1000_0000) & 0xFFFF_FFFF
    assert c.x_or_zr(5) == 0 and c.nzcv == 0b0100


def test_move_wide() -> None:
    # movz x0, #0x1234, lsl #48 ; movk x0, #0xbeef ; movn w1, #0 ; movn x2, #1, lsl #16
    c = run(
        encode("MOVZ_64_movewide", hw=3, imm16=0x1234, Rd=0),
        encode("MOVK_64_movewide", hw=0, imm16=0xBEEF, Rd=0),
        encode("MOVN_32_movewide", hw=0, imm16=0, Rd=1),
        encode("MOVN_64_movewide", hw=1, imm16=1, Rd=2),
    )  # fmt: skip
    assert c.x_or_zr(0) == 0x1234_0000_0000_BEEF
    assert c.x_or_zr(1) == 0xFFFF_FFFF
    assert c.x_or_zr(2) == M64 ^ 0x1_0000


@pytest.mark.parametrize(
    ("rid", "immr", "imms", "src", "dst", "expected", "what"),
    [
        ("UBFM_64M_bitfield", 4, 63, 0xF0, 0, 0xF, "lsr x0, x1, #4"),
        ("UBFM_64M_bitfield", 60, 59, 0xF, 0, 0xF0, "lsl x0, x1, #4"),
        ("SBFM_64M_bitfield", 0, 7, 0x80, 0, M64 ^ 0x7F, "sxtb x0, w1"),
        ("SBFM_32M_bitfield", 4, 31, 0x8000_0000, 0, 0xF800_0000, "asr w0, w1, #4"),
        ("SBFM_64M_bitfield", 62, 1, 0x2, 0, M64 ^ 0x7, "sbfiz x0, x1, #2, #2"),
        ("BFM_64M_bitfield", 8, 15, 0xAB00, 0xFFFF, 0xFFAB, "bfxil x0, x1, #8, #8"),
        ("BFM_32M_bitfield", 28, 3, 0x5, 0xFFFF_FFFF, 0xFFFF_FF5F, "bfi w0, w1, #4, #4"),
        ("UBFM_32M_bitfield", 0, 15, 0xFFFF_1234, 0, 0x1234, "uxth w0, w1"),
    ],
)
def test_bitfield_aliases(rid: str, immr: int, imms: int, src: int, dst: int, expected: int, what: str) -> None:
    n = 1 if "64" in rid else 0
    c = run(encode(rid, immr=immr, imms=imms, Rn=1, Rd=0) if n == 0 else encode(rid, immr=immr, imms=imms, Rn=1, Rd=0),
            x0=dst, x1=src)  # fmt: skip
    assert c.x_or_zr(0) == expected, what


def test_extr_and_ror() -> None:
    # extr x0, x1, x2, #8 ; ror w3, w4, #4 (extr w3, w4, w4, #4)
    c = run(
        encode("EXTR_64_extract", Rm=2, imms=8, Rn=1, Rd=0),
        encode("EXTR_32_extract", Rm=4, imms=4, Rn=4, Rd=3),
        x1=0xAB, x2=0x1100_0000_0000_0000, x4=0x1234_5678,
    )  # fmt: skip
    assert c.x_or_zr(0) == 0xAB11_0000_0000_0000
    assert c.x_or_zr(3) == 0x8123_4567


def test_extended_register_add_with_sp() -> None:
    # add sp, sp, w1, sxtw #2 ; subs x2, x3, w4, uxtb
    c = run(
        encode("ADD_64_addsub_ext", Rm=1, option=6, imm3=2, Rn=31, Rd=31),
        encode("SUBS_64S_addsub_ext", Rm=4, option=0, imm3=0, Rn=3, Rd=2),
        x1=0xFFFF_FFFC, x3=0x100, x4=0x1FF,
    )  # fmt: skip
    assert c.sp == STACK + 0x800 - 16
    assert c.x_or_zr(2) == 1 and c.nzcv == 0b0010


def test_conditional_select_and_compare() -> None:
    # cmp x0, x1 ; csinc x2, x3, x4, eq ; csneg w5, w6, w7, ne ; ccmp x0, #3, #0b1000, ne
    c = run(
        encode("SUBS_64_addsub_shift", shift=0, Rm=1, imm6=0, Rn=0, Rd=31),
        encode("CSINC_64_condsel", Rm=4, cond=0, Rn=3, Rd=2),
        encode("CSNEG_32_condsel", Rm=7, cond=1, Rn=6, Rd=5),
        encode("CCMP_64_condcmp_imm", imm5=3, cond=1, Rn=0, nzcv=0b1000),
        x0=5, x1=5, x3=10, x4=20, x6=1, x7=1,
    )  # fmt: skip
    assert c.x_or_zr(2) == 10
    assert c.x_or_zr(5) == 0xFFFF_FFFF  # cond NE fails: -w7
    assert c.nzcv == 0b1000  # NE false -> flags from the immediate


def test_condition_table_matches_the_definitions() -> None:
    n, z, c, v = 8, 4, 2, 1
    assert COND_HOLDS[0][z] and not COND_HOLDS[0][0]  # EQ
    assert COND_HOLDS[8][c] and not COND_HOLDS[8][c | z]  # HI
    assert COND_HOLDS[10][n | v] and not COND_HOLDS[10][n]  # GE
    assert COND_HOLDS[13][z] and COND_HOLDS[13][n] and not COND_HOLDS[13][0]  # LE
    assert all(COND_HOLDS[14]) and all(COND_HOLDS[15])


def test_multiply_and_divide() -> None:
    # madd x0, x1, x2, x3 ; umulh x4, x1, x1 ; smull x5, w6, w7 ; sdiv x8, x9, x10 ; udiv w11, w12, wzr
    c = run(
        encode("MADD_64A_dp_3src", Rm=2, Ra=3, Rn=1, Rd=0),
        encode("UMULH_64_dp_3src", Rm=1, Rn=1, Rd=4),
        encode("SMADDL_64WA_dp_3src", Rm=7, Ra=31, Rn=6, Rd=5),
        encode("SDIV_64_dp_2src", Rm=10, Rn=9, Rd=8),
        encode("UDIV_32_dp_2src", Rm=31, Rn=12, Rd=11),
        x1=M64, x2=2, x3=5, x6=0xFFFF_FFFF, x7=3, x9=(-7) & M64, x10=2, x12=9,
    )  # fmt: skip
    assert c.x_or_zr(0) == 3
    assert c.x_or_zr(4) == M64 - 1
    assert c.x_or_zr(5) == (-3) & M64
    assert c.x_or_zr(8) == (-3) & M64  # truncates toward zero
    assert c.x_or_zr(11) == 0  # division by zero gives 0


def test_sdiv_overflow_case() -> None:
    c = run(encode("SDIV_64_dp_2src", Rm=1, Rn=0, Rd=2), x0=1 << 63, x1=M64)
    assert c.x_or_zr(2) == 1 << 63


def test_bit_counting_and_reversal() -> None:
    # clz x0, x1 ; cls w2, w3 ; rbit w4, w5 ; rev x6, x7 ; rev16 w8, w9 ; rev32 x10, x7
    c = run(
        encode("CLZ_64_dp_1src", Rn=1, Rd=0),
        encode("CLS_32_dp_1src", Rn=3, Rd=2),
        encode("RBIT_32_dp_1src", Rn=5, Rd=4),
        encode("REV_64_dp_1src", Rn=7, Rd=6),
        encode("REV16_32_dp_1src", Rn=9, Rd=8),
        encode("REV32_64_dp_1src", Rn=7, Rd=10),
        x1=1 << 40, x3=0xFFFF_0000, x5=1, x7=0x0102_0304_0506_0708, x9=0x1122_3344,
    )  # fmt: skip
    assert c.x_or_zr(0) == 23
    assert c.x_or_zr(2) == 15
    assert c.x_or_zr(4) == 0x8000_0000
    assert c.x_or_zr(6) == 0x0807_0605_0403_0201
    assert c.x_or_zr(8) == 0x2211_4433
    assert c.x_or_zr(10) == 0x0403_0201_0807_0605


def test_crc32_matches_zlib() -> None:
    import zlib

    # crc32b w0, w0, w1 over b"abc" with the usual pre/post inversion done by the caller
    words = [encode("CRC32B_32C_dp_2src", Rm=1, Rn=0, Rd=0)]
    (c,) = make(*words)
    crc = 0xFFFF_FFFF
    for byte in b"abc":
        c.pc = CODE
        c.set_x(0, crc)
        c.set_x(1, byte)
        c.step()
        crc = c.x_or_zr(0)
    assert crc ^ 0xFFFF_FFFF == zlib.crc32(b"abc")


# --------------------------------------------------------------------------- branches


def test_branches_and_links() -> None:
    # 0: bl +8 ; 4: brk ; 8: cbz x0, +8 ; c: brk ; 10: tbnz x1, #40, +8 ; 14: brk ; 18: ret
    words = [
        encode("BL_only_branch_imm", imm26=2),
        encode("BRK_EX_exception", imm16=1),
        encode("CBZ_64_compbranch", imm19=2, Rt=0),
        encode("BRK_EX_exception", imm16=2),
        encode("TBNZ_only_testbranch", b5=1, b40=8, imm14=2, Rt=1),
        encode("BRK_EX_exception", imm16=3),
        encode("RET_64R_branch_reg", Rn=30),
    ]
    (c,) = make(*words)
    c.set_x(1, 1 << 40)
    c.run(4)
    assert c.pc == CODE + 4 and c.x_or_zr(30) == CODE + 4


def test_blr_x30_reads_the_target_first() -> None:
    (c,) = make(encode("BLR_64_branch_reg", Rn=30), NOP, NOP)
    c.set_x(30, CODE + 8)
    c.step()
    assert c.pc == CODE + 8 and c.x_or_zr(30) == CODE + 4


def test_conditional_branch_backwards_loop() -> None:
    # movz x0, #5 ; loop: subs x0, x0, #1 ; b.ne loop
    c = run(
        encode("MOVZ_64_movewide", hw=0, imm16=5, Rd=0),
        encode("SUBS_64S_addsub_imm", sh=0, imm12=1, Rn=0, Rd=0),
        encode("B_only_condbranch", imm19=(-1) & 0x7FFFF, cond=1),
    )  # fmt: skip
    # run() executed only 3 steps: one iteration
    assert c.x_or_zr(0) == 4 and c.pc == CODE + 4


# --------------------------------------------------------------------------- loads and stores


def test_stp_ldp_pre_and_post_index_on_sp() -> None:
    # stp x29, x30, [sp, #-16]! ; ldp x0, x1, [sp], #16
    c = run(
        encode("STP_64_ldstpair_pre", imm7=(-2) & 0x7F, Rt2=30, Rn=31, Rt=29),
        encode("LDP_64_ldstpair_post", imm7=2, Rt2=1, Rn=31, Rt=0),
        x29=0x1111, x30=0x2222,
    )  # fmt: skip
    assert (c.x_or_zr(0), c.x_or_zr(1)) == (0x1111, 0x2222)
    assert c.sp == STACK + 0x800
    assert c.memory.read_u64(STACK + 0x7F0) == 0x1111


def test_signed_and_unsigned_loads() -> None:
    # ldrsb x0, [x9] ; ldrsh w1, [x9] ; ldrb w2, [x9, #1] ; ldrsw x3, [x9, x10, lsl #2] ; ldur x4, [x9, #-1]
    c = make(
        encode("LDRSB_64_ldst_pos", imm12=0, Rn=9, Rt=0),
        encode("LDRSH_32_ldst_pos", imm12=0, Rn=9, Rt=1),
        encode("LDRB_32_ldst_pos", imm12=1, Rn=9, Rt=2),
        encode("LDRSW_64_ldst_regoff", Rm=10, option=3, S=1, Rn=9, Rt=3),
        encode("LDUR_64_ldst_unscaled", imm9=0x1FF, Rn=9, Rt=4),
    )[0]  # fmt: skip
    c.memory.write(DATA + 0x10, bytes([0x80, 0xFF, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF]))
    c.set_x(9, DATA + 0x10)
    c.set_x(10, 1)
    c.run(5)
    assert c.x_or_zr(0) == M64 ^ 0x7F
    assert c.x_or_zr(1) == 0xFFFF_FF80
    assert c.x_or_zr(2) == 0xFF
    assert c.x_or_zr(3) == (-2) & M64
    assert c.x_or_zr(4) == 0xFFFF_FE00_00FF_8000


def test_register_offset_sign_extended_index() -> None:
    # str w1, [x9, w10, sxtw #2]
    (c,) = make(encode("STR_32_ldst_regoff", Rm=10, option=6, S=1, Rn=9, Rt=1))
    c.set_x(9, DATA + 0x100)
    c.set_x(10, 0xFFFF_FFFF)  # -1
    c.set_x(1, 0xDEAD_BEEF_1234_5678)
    c.step()
    assert c.memory.read_u32(DATA + 0xFC) == 0x1234_5678


def test_literal_load() -> None:
    # ldr x0, lit ; ldrsw x1, lit ; lit: .quad
    (c,) = make(
        encode("LDR_64_loadlit", imm19=2, Rt=0), encode("LDRSW_64_loadlit", imm19=1, Rt=1), 0x8000_0001, 0x7
    )
    c.run(2)
    assert c.x_or_zr(0) == 0x7_8000_0001
    assert c.x_or_zr(1) == (-0x7FFF_FFFF) & M64


def test_lse_atomics() -> None:
    # ldaddal x1, x2, [x9] ; ldclrh w3, w4, [x9] ; swpb w5, w6, [x9] ; casal x7, x8, [x9]
    (c,) = make(
        encode("LDADDAL_64_memop", Rs=1, Rn=9, Rt=2),
        encode("LDCLRH_32_memop", Rs=3, Rn=9, Rt=4),
        encode("SWPB_32_memop", Rs=5, Rn=9, Rt=6),
        encode("CASAL_C64_comswap", Rs=7, Rn=9, Rt=8),
    )
    c.memory.write_u64(DATA, 0x10)
    for n, v in ((9, DATA), (1, 0xFF), (3, 0xF), (5, 0xAA), (7, 0x1AA), (8, 0x55)):
        c.set_x(n, v)
    c.run(4)
    assert c.x_or_zr(2) == 0x10  # old value
    assert c.x_or_zr(4) == 0x10F
    assert c.x_or_zr(6) == 0x00
    assert c.x_or_zr(7) == 0x1AA  # old value; it matched
    assert c.memory.read_u64(DATA) == 0x55


@pytest.mark.parametrize(
    ("rid", "rs", "mem", "size", "expected"),
    [
        ("LDSMINH_32_memop", 0x8000, 0x0000, 2, 0x8000),  # -32768 < 0 (unicorn 2.1.4 gets this wrong)
        ("LDSMAXH_32_memop", 0x7FFF, 0x8000, 2, 0x7FFF),
        ("LDSMINB_32_memop", 0x80, 0x01, 1, 0x80),
        ("LDSMIN_32_memop", 0x8000_0000, 0, 4, 0x8000_0000),
        ("LDUMIN_32_memop", 0x8000_0000, 1, 4, 1),
        ("LDSMAX_64_memop", 1, 1 << 63, 8, 1),
    ],
)
def test_signed_atomic_min_max_compare_at_the_access_size(rid: str, rs: int, mem: int, size: int, expected: int) -> None:
    (c,) = make(encode(rid, Rs=1, Rn=9, Rt=2))
    c.memory.write(DATA, mem.to_bytes(size, "little"))
    c.set_x(9, DATA)
    c.set_x(1, rs)
    c.step()
    assert int.from_bytes(c.memory.read(DATA, size), "little") == expected
    assert c.x_or_zr(2) == mem


def test_casp_pair() -> None:
    # casp x0, x1, x2, x3, [x9]
    (c,) = make(encode("CASP_CP64_comswappr", Rs=0, Rn=9, Rt=2))
    c.memory.write(DATA, struct.pack("<QQ", 1, 2))
    for n, v in ((0, 1), (1, 2), (2, 7), (3, 8), (9, DATA)):
        c.set_x(n, v)
    c.step()
    assert struct.unpack("<QQ", c.memory.read(DATA, 16)) == (7, 8)


def test_exclusive_monitor_is_cleared_by_another_cpu_store() -> None:
    # ldxr x0, [x9] ; stxr w1, x2, [x9]          on cpu0
    # str x3, [x9]                               on cpu1, in between
    words = [
        encode("LDXR_LR64_ldstexclr", Rn=9, Rt=0),
        encode("STXR_SR64_ldstexclr", Rs=1, Rn=9, Rt=2),
        encode("STR_64_ldst_pos", imm12=0, Rn=9, Rt=3),
    ]
    c0, c1 = make(*words, ncpus=2)
    for c in (c0, c1):
        c.set_x(9, DATA)
    c0.set_x(2, 0x77)
    c0.step()
    c1.pc = CODE + 8
    c1.step()
    c0.step()
    assert c0.x_or_zr(1) == 1  # failed
    c0.pc = CODE
    c0.run(2)
    assert c0.x_or_zr(1) == 0 and c0.memory.read_u64(DATA) == 0x77


def test_stxr_without_reservation_fails_and_clrex_drops_it() -> None:
    # ldxr w0, [x9] ; clrex ; stxr w1, w2, [x9]
    (c,) = make(
        encode("LDXR_LR32_ldstexclr", Rn=9, Rt=0),
        encode("CLREX_BN_barriers", CRm=15),
        encode("STXR_SR32_ldstexclr", Rs=1, Rn=9, Rt=2),
    )
    c.set_x(9, DATA)
    c.run(3)
    assert c.x_or_zr(1) == 1


# --------------------------------------------------------------------------- system


def test_isb_is_a_context_synchronisation_event_with_hooks() -> None:
    (c,) = make(encode("ISB_BI_barriers", CRm=15), encode("DMB_BO_barriers", CRm=11), NOP)
    seen: list[int] = []
    c.on_context_sync.append(lambda cpu: seen.append(cpu.pc))
    c.run(3)
    assert c.csync_count == 1 and seen == [CODE]


def test_pac_and_bti_hints_are_nops() -> None:
    words = [encode(rid) for rid in ("PACIASP_HI_hints", "AUTIASP_HI_hints", "XPACLRI_HI_hints", "YIELD_HI_hints")]
    words.append(encode("BTI_HB_hints", op2=2))
    c = run(*words, x30=0x1234)
    assert c.x_or_zr(30) == 0x1234 and c.pc == CODE + 20


def test_system_registers() -> None:
    # msr tpidr_el1, x0 ; mrs x1, tpidr_el1 ; mrs x2, currentel ; msr daifclr, #2 ; mrs x3, daif ; mrs x4, nzcv
    # mrs x5, mpidr_el1
    c = run(
        encode("MSR_SR_systemmove", o0=1, op1=0, CRn=13, CRm=0, op2=4, Rt=0),
        encode("MRS_RS_systemmove", o0=1, op1=0, CRn=13, CRm=0, op2=4, Rt=1),
        encode("MRS_RS_systemmove", o0=1, op1=0, CRn=4, CRm=2, op2=2, Rt=2),
        encode("MSR_SI_pstate", op1=3, CRm=2, op2=7),
        encode("MRS_RS_systemmove", o0=1, op1=3, CRn=4, CRm=2, op2=1, Rt=3),
        encode("MRS_RS_systemmove", o0=1, op1=3, CRn=4, CRm=2, op2=0, Rt=4),
        encode("MRS_RS_systemmove", o0=1, op1=0, CRn=0, CRm=0, op2=5, Rt=5),
        x0=0xFFFF_0000_1234, nzcv=0b1010,
    )  # fmt: skip
    assert c.x_or_zr(1) == 0xFFFF_0000_1234 == c.sysreg("tpidr_el1")
    assert c.x_or_zr(2) == 4
    assert c.x_or_zr(3) == 0x340
    assert c.x_or_zr(4) == 0xA000_0000
    assert c.x_or_zr(5) == 0x8000_0000
    assert "cntvct_el0" in SYSREGS and "sp_el0" in SYSREGS


def test_counter_is_monotonic() -> None:
    (c,) = make(*[encode("MRS_RS_systemmove", o0=1, op1=3, CRn=14, CRm=0, op2=2, Rt=n) for n in range(3)])
    c.run(3)
    assert c.x_or_zr(0) < c.x_or_zr(1) < c.x_or_zr(2)


def test_register_accessors_validate() -> None:
    (c,) = make(NOP)
    c.set_x(3, -1)
    assert c.x_or_zr(3) == M64 and c.w_or_zr(3) == 0xFFFF_FFFF
    c.set_sp_or_x(31, 0x100)
    assert c.sp == 0x100
    with pytest.raises(ValueError, match="0..31"):
        c.x_or_zr(32)
    with pytest.raises(ValueError, match="four bits"):
        c.nzcv = 16
    with pytest.raises(KeyError, match="unknown system register"):
        c.sysreg("nonsense_el9")
    assert c.regs()["pc"] == CODE


# --------------------------------------------------------------------------- pre-decode cache


def test_predecoded_code_is_invalidated_by_a_poke() -> None:
    # movz x0, #1 ; b .-4  -> patched to movz x0, #2
    (c,) = make(encode("MOVZ_64_movewide", hw=0, imm16=1, Rd=0), encode("B_only_branch_imm", imm26=(-1) & 0x3FFFFFF))
    c.run(2)
    assert c.x_or_zr(0) == 1 and c.decoded_word(CODE) is not None
    c.memory.poke(CODE, encode("MOVZ_64_movewide", hw=0, imm16=2, Rd=0).to_bytes(4, "little"))
    assert c.decoded_word(CODE) is None
    c.run(1)
    assert c.x_or_zr(0) == 2


def test_self_modifying_store_is_seen_on_the_next_fetch() -> None:
    mem = Memory()
    words = [
        encode("STR_32_ldst_pos", imm12=2, Rn=9, Rt=1),  # overwrite word 2
        NOP,
        encode("BRK_EX_exception", imm16=7),
    ]
    mem.map(CODE, 0x1000, Perm.RWX, "rwx", struct.pack("<3I", *words))
    c = Cpu(mem)
    c.pc = CODE
    c.set_x(9, CODE)
    c.set_x(1, NOP)
    c.run(1)
    c.run(2)  # the BRK was replaced before it was first fetched; pre-decode it, then replace again
    c.pc = CODE + 8
    c.memory.write_u32(CODE + 8, encode("BRK_EX_exception", imm16=9))
    with pytest.raises(Fault, match="brk #0x9"):
        c.step()


# --------------------------------------------------------------------------- faults


def test_fault_messages_name_cpu_pc_word_and_disassembly() -> None:
    (c,) = make(encode("BRK_EX_exception", imm16=0x800))
    with pytest.raises(Fault) as info:
        c.step()
    f = info.value
    assert (f.kind, f.cpu, f.pc, f.word) == (FaultKind.BRK, 0, CODE, 0xD4210000)
    assert f.disasm == "brk #0x800"
    assert str(f).startswith(f"cpu0 pc={CODE:#x} word=0xd4210000 (brk #0x800): breakpoint")
    assert c.pc == CODE and c.steps == 0


def test_undefined_word_faults() -> None:
    (c,) = make(encode("UDF_only_perm_undef", imm16=1))  # udf #1
    with pytest.raises(Fault, match="permanently undefined") as info:
        c.step()
    assert info.value.kind is FaultKind.UNDEFINED and info.value.disasm == "udf #1"


def test_unallocated_word_faults_with_inst_disassembly() -> None:
    word = 0xFFFF_FFFF
    try:
        decode(word)
        pytest.skip("the table allocates 0xffffffff")
    except ValueError:
        pass
    (c,) = make(word)
    with pytest.raises(Fault) as info:
        c.step()
    assert info.value.kind in (FaultKind.UNDEFINED, FaultKind.UNIMPLEMENTED)
    assert info.value.word == word and info.value.disasm == ".inst 0xffffffff"


def test_encoding_without_semantics_is_unimplemented_naming_the_row() -> None:
    word = encode("HVC_EX_exception", imm16=0)
    (c,) = make(word)
    with pytest.raises(Fault, match="HVC_EX_exception has no semantics") as info:
        c.step()
    assert info.value.kind is FaultKind.UNIMPLEMENTED and info.value.disasm == "hvc #0"


def test_unpredictable_word_is_undefined() -> None:
    word = encode("LDP_64_ldstpair_off", imm7=0, Rt2=1, Rn=9, Rt=1)  # ldp x1, x1, [x9]
    (c,) = make(word)
    with pytest.raises(Fault, match="CONSTRAINED UNPREDICTABLE") as info:
        c.step()
    assert info.value.kind is FaultKind.UNDEFINED


def test_unmapped_and_permission_data_faults() -> None:
    (c,) = make(encode("LDR_64_ldst_pos", imm12=0, Rn=9, Rt=0), encode("STR_64_ldst_pos", imm12=0, Rn=9, Rt=0))
    c.set_x(9, 0x1234_0000)
    with pytest.raises(Fault) as info:
        c.step()
    f = info.value
    assert f.kind is FaultKind.UNMAPPED and f.addr == 0x1234_0000 and f.disasm == "ldr x0, [x9]"
    c.pc = CODE + 4
    c.set_x(9, CODE)
    with pytest.raises(Fault) as info:
        c.step()
    assert info.value.kind is FaultKind.PERMISSION and info.value.pc == CODE + 4


def test_fetch_faults() -> None:
    (c,) = make(encode("BR_64_branch_reg", Rn=0))
    c.set_x(0, DATA)
    c.step()
    with pytest.raises(Fault) as info:
        c.step()
    assert info.value.kind is FaultKind.PERMISSION and info.value.pc == DATA and info.value.word is None
    c.pc = CODE + 2
    with pytest.raises(Fault) as info:
        c.step()
    assert info.value.kind is FaultKind.ALIGNMENT


def test_misaligned_sp_base_faults() -> None:
    # ldr x0, [sp] with SP = ...8
    (c,) = make(encode("LDR_64_ldst_pos", imm12=0, Rn=31, Rt=0))
    c.sp = STACK + 8
    with pytest.raises(Fault, match="not 16-byte aligned") as info:
        c.step()
    assert info.value.kind is FaultKind.ALIGNMENT and info.value.disasm == "ldr x0, [sp]"


def test_misaligned_exclusive_faults() -> None:
    (c,) = make(encode("LDAXR_LR64_ldstexclr", Rn=9, Rt=0))
    c.set_x(9, DATA + 4)
    with pytest.raises(Fault, match="must be 8-byte aligned") as info:
        c.step()
    assert info.value.kind is FaultKind.ALIGNMENT


def test_unmodelled_system_register_is_unimplemented() -> None:
    (c,) = make(encode("MRS_RS_systemmove", o0=1, op1=0, CRn=15, CRm=15, op2=7, Rt=0))
    with pytest.raises(Fault, match="s3_0_c15_c15_7 is not modelled") as info:
        c.step()
    assert info.value.kind is FaultKind.UNIMPLEMENTED


def test_msr_to_read_only_register_is_undefined() -> None:
    (c,) = make(encode("MSR_SR_systemmove", o0=1, op1=0, CRn=0, CRm=0, op2=0, Rt=0))  # msr midr_el1, x0
    with pytest.raises(Fault, match="read-only system register midr_el1") as info:
        c.step()
    assert info.value.kind is FaultKind.UNDEFINED


def test_step_budget_fault_when_a_stop_address_is_not_reached() -> None:
    (c,) = make(encode("B_only_branch_imm", imm26=0))  # b .
    with pytest.raises(Fault) as info:
        c.run(100, stop_at=CODE + 0x100)
    f = info.value
    assert f.kind is FaultKind.STEP_BUDGET and f.pc == CODE and f.disasm is not None
    assert "100 instructions executed" in str(f) and c.steps == 100


def test_run_stops_before_the_stop_address() -> None:
    (c,) = make(NOP, NOP, NOP)
    assert c.run(10, stop_at=CODE + 8) == 2 and c.pc == CODE + 8


# --------------------------------------------------------------------------- trace


def test_trace_format_fixed_columns() -> None:
    ev = TraceEvent(2, 0xFFFF_8000_0810_1000, "mov x9, x30", regs=(("x9", 0xFFFF_8000_0810_204C),))
    assert format_event(ev) == "cpu2 ffff800008101000: mov   x9, x30               # x9=ffff80000810204c"
    note = TraceEvent(0, 0xFFFF_8000_0810_1004, "<patch> bl -> nop", note="by ftrace_make_nop, validate=ok")
    assert format_event(note) == "cpu0 ffff800008101004: <patch> bl -> nop           # by ftrace_make_nop, validate=ok"
    bare = TraceEvent(1, 0x10, "nop")
    assert format_event(bare) == "cpu1 0000000000000010: nop"


def test_trace_records_register_memory_and_flag_effects() -> None:
    # stp x1, x2, [sp, #-16]! ; cmp x1, x1
    (c,) = make(
        encode("STP_64_ldstpair_pre", imm7=(-2) & 0x7F, Rt2=2, Rn=31, Rt=1),
        encode("SUBS_64_addsub_shift", shift=0, Rm=1, imm6=0, Rn=1, Rd=31),
    )
    c.set_x(1, 0xAA)
    c.set_x(2, 0xBB)
    c.trace = Trace()
    c.run(2)
    first, second = c.trace.events
    assert first.regs == (("sp", STACK + 0x7F0),)
    assert first.mem == ((STACK + 0x7F0, (0xAA).to_bytes(8, "little")), (STACK + 0x7F8, (0xBB).to_bytes(8, "little")))
    assert "[a007f0]=00000000000000aa" in format_event(first)
    assert format_event(second).endswith("# nzcv=nZCv")


def test_trace_records_the_fault() -> None:
    (c,) = make(encode("BRK_EX_exception", imm16=3))
    lines: list[str] = []
    c.trace = Trace(sink=lines.append)
    with pytest.raises(Fault):
        c.step()
    assert lines == [f"cpu0 {CODE:016x}: brk   #3                    # FAULT BRK: brk #0x3 (imm16=3)"]
