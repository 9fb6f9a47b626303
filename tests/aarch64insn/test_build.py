"""Builders against llvm-mc (the assembler oracle) and their errors."""

from __future__ import annotations

import pytest

from aarch64insn import FP, LR, SP, WZR, X0, X1, X2, X9, X16, X29, X30, XZR, EncodeError, build, decode, disassemble
from aarch64insn.registers import W0, W1
from tests.oracles import capstone_text, llvm_mc_encode

# (builder call, the assembly text llvm-mc assembles to the same word)
CASES = [
    (lambda: build.nop(), "nop"),
    (lambda: build.mov(X9, LR), "mov x9, x30"),
    (lambda: build.mov(SP, X1), "mov sp, x1"),
    (lambda: build.mov(X0, SP), "mov x0, sp"),
    (lambda: build.mov(W0, W1), "mov w0, w1"),
    (lambda: build.mov(X0, 0x12340000), "mov x0, #0x12340000"),
    (lambda: build.mov(X0, -2), "mov x0, #-2"),
    (lambda: build.mov(X0, 0xFF00FF00FF00FF00), "mov x0, #0xff00ff00ff00ff00"),
    (lambda: build.movz(X0, 0x1234, 32), "movz x0, #0x1234, lsl #32"),
    (lambda: build.movk(X16, 0x5678, 16), "movk x16, #0x5678, lsl #16"),
    (lambda: build.movn(X2, 0), "movn x2, #0"),
    (lambda: build.add(X16, X16, 0x123), "add x16, x16, #0x123"),
    (lambda: build.add(X1, X2, 0x1000), "add x1, x2, #1, lsl #12"),
    (lambda: build.add(X0, X1, X2), "add x0, x1, x2"),
    (lambda: build.sub(SP, SP, 0x40), "sub sp, sp, #0x40"),
    (lambda: build.subs(XZR, X0, 1), "cmp x0, #1"),
    (lambda: build.and_(X0, X1, 0xFF), "and x0, x1, #0xff"),
    (lambda: build.orr(X0, XZR, X1), "mov x0, x1"),
    (lambda: build.eor(X0, X1, X2), "eor x0, x1, x2"),
    (lambda: build.br(X16), "br x16"),
    (lambda: build.blr(X1), "blr x1"),
    (lambda: build.ret(), "ret"),
    (lambda: build.ret(X1), "ret x1"),
    (lambda: build.brk(0x100), "brk #0x100"),
    (lambda: build.svc(0), "svc #0"),
    (lambda: build.isb(), "isb"),
    (lambda: build.dmb("ish"), "dmb ish"),
    (lambda: build.dsb("sy"), "dsb sy"),
    (lambda: build.hint(0x19), "paciasp"),
    (lambda: build.mrs(X0, "tpidr_el1"), "mrs x0, tpidr_el1"),
    (lambda: build.msr("sp_el0", X0), "msr sp_el0, x0"),
    (lambda: build.stp(X29, X30, build.pre(SP, -16)), "stp x29, x30, [sp, #-16]!"),
    (lambda: build.ldp(X29, X30, build.post(SP, 16)), "ldp x29, x30, [sp], #16"),
    (lambda: build.stp(FP, LR, build.off(SP, 64)), "stp x29, x30, [sp, #64]"),
    (lambda: build.ldr(X0, build.off(X1, 8)), "ldr x0, [x1, #8]"),
    (lambda: build.str_(W0, build.off(X1, 4)), "str w0, [x1, #4]"),
    (lambda: build.ldr(X0, build.pre(X1, -8)), "ldr x0, [x1, #-8]!"),
    (lambda: build.str_(X0, build.post(SP, 16)), "str x0, [sp], #16"),
]


@pytest.mark.oracle
def test_builders_agree_with_llvm_mc() -> None:
    words = [make() for make, _ in CASES]
    expected = llvm_mc_encode([text for _, text in CASES])
    for (_, text), word, exp in zip(CASES, words, expected, strict=True):
        assert exp is not None, f"llvm-mc rejected {text!r}"
        assert word == exp, f"{text}: built {word:#010x}, llvm-mc {exp:#010x}"


@pytest.mark.oracle
def test_pc_relative_builders_agree_with_capstone() -> None:
    pc = 0xFFFF800080101004
    cases = [
        (build.bl(pc - 0x91004, pc=pc), f"bl #{pc - 0x91004:#x}"),
        (build.b(pc + 0x7FFFFFC, pc=pc), f"b #{pc + 0x7FFFFFC:#x}"),
        (build.b_cond("ne", pc + 8, pc=pc), f"b.ne #{pc + 8:#x}"),
        (build.cbz(X0, pc - 4, pc=pc), f"cbz x0, #{pc - 4:#x}"),
        (build.cbnz(W1, pc + 0xFFFFC, pc=pc), f"cbnz w1, #{pc + 0xFFFFC:#x}"),
        (build.adr(X0, pc + 3, pc=pc), f"adr x0, #{pc + 3:#x}"),
        (build.adrp(X16, pc + 0x12345678, pc=pc), f"adrp x16, #{(pc + 0x12345678) & ~0xFFF:#x}"),
    ]
    for word, text in cases:
        assert capstone_text(word, pc) == text
        assert disassemble(word, pc=pc) == text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: build.bl(0x8001000, pc=0x1000), r"BL_only_branch_imm: .*0x8001000.*legal: pc=0x1000 -0x8000000\.\.\+0x7fffffc"),
        (lambda: build.bl(0x1102, pc=0x1000), "a multiple of 4"),
        (lambda: build.add(X0, XZR, 1), "ADD_64_addsub_imm: operand Rn=xzr .* register 31 is the stack pointer"),
        (lambda: build.mov(X0, 0x123456789), "not encodable as MOVZ, MOVN or a bitmask immediate"),
        (lambda: build.and_(X0, X1, 0), "0 and all-ones are not encodable"),
        (lambda: build.add(X0, X1, 0x1001), r"ADD_64_addsub_imm: operand imm12=0x1001 .* legal: 0\.\.0xfff"),
        (lambda: build.stp(X29, X30, build.pre(SP, -12)), "in steps of 8"),
        (lambda: build.stp(X29, X30, build.pre(SP, -1024)), r"legal: -0x200\.\.0x1f8"),
        (lambda: build.dmb("bogus"), "ish"),
        (lambda: build.mrs(X0, "s4_0_c0_c0_0"), "s<2-3>"),
        (lambda: build.mov(WZR, X0), "rd|legal"),
        (lambda: build.brk(0x10000), r"legal: 0\.\.0xffff"),
    ],
)
def test_bad_operands_raise_encode_error(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EncodeError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError)


def test_builder_words_decode_to_the_row_they_claim() -> None:
    assert decode(build.stp(X29, X30, build.pre(SP, -16))).id == "STP_64_ldstpair_pre"
    assert decode(build.mov(X9, LR)).alias is not None
    assert decode(build.nop()).is_hotpatch_safe
