"""The README's main job: the arm64 ftrace patch-site words, built with the kernel mirror.

Each word is produced by the same ``aarch64_insn_gen_*`` call that
``arch/arm64/kernel/ftrace.c`` makes, then disassembled by this package's
table-driven decoder. The designs are those of the 2019 "ftrace with regs"
review (``-fpatchable-function-entry=2``), the classic ``-pg`` design and
the module PLT that reaches a far trampoline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .codec import decode, format_insn
from .kernel import (
    AARCH64_BREAK_FAULT,
    AARCH64_INSN_ADR_TYPE_ADRP,
    AARCH64_INSN_ADSB_ADD,
    AARCH64_INSN_BRANCH_LINK,
    AARCH64_INSN_BRANCH_NOLINK,
    AARCH64_INSN_REG_9,
    AARCH64_INSN_REG_16,
    AARCH64_INSN_REG_LR,
    AARCH64_INSN_VARIANT_64BIT,
    aarch64_insn_gen_add_sub_imm,
    aarch64_insn_gen_adr,
    aarch64_insn_gen_branch_imm,
    aarch64_insn_gen_branch_reg,
    aarch64_insn_gen_move_reg,
    aarch64_insn_gen_nop,
    aarch64_insn_is_bl,
    aarch64_insn_is_nop,
)

__all__ = ["run"]

#: Where the demo places things (a kernel-like layout).
FUNC = 0xFFFF800080101000  # a traced function's entry (the first patchable NOP)
FTRACE_CALLER = 0xFFFF800080010000  # ftrace_caller / ftrace_regs_caller
MODULE_FUNC = 0xFFFF800090203000  # a function in a module, > 128 MiB away
MODULE_PLT = 0xFFFF800090200000  # that module's ftrace PLT slot


def _line(addr: int, word: int, call: str, out: Callable[[str], None]) -> None:
    text = format_insn(decode(word), addr) if word != AARCH64_BREAK_FAULT else "brk #0x100  (AARCH64_BREAK_FAULT)"
    out(f"  {addr:016x}:  {word:08x}  {text:<28} <- {call}")


class _PrErr(logging.Handler):
    """Show the mirror's pr_err() lines inline, as the kernel log would."""

    def __init__(self, out: Callable[[str], None]) -> None:
        super().__init__()
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out(f"  [pr_err] {record.getMessage()}")


def run(out: Callable[[str], None] = print) -> None:
    """Print the patch-site states of each design, built with the kernel mirror."""
    log = logging.getLogger("aarch64insn.kernel")
    handler = _PrErr(out)
    log.addHandler(handler)
    try:
        _run(out)
    finally:
        log.removeHandler(handler)


def _run(out: Callable[[str], None]) -> None:
    nop = aarch64_insn_gen_nop()
    mov = aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR, AARCH64_INSN_VARIANT_64BIT)
    bl = aarch64_insn_gen_branch_imm(FUNC + 4, FTRACE_CALLER, AARCH64_INSN_BRANCH_LINK)

    out("arm64 ftrace patch sites, built with aarch64insn.kernel (mirror of arch/arm64/lib/insn.c)\n")
    out("-fpatchable-function-entry=2: the compiler leaves two NOPs at the entry")
    for state, first, second in (("compiled", nop, nop), ("disabled", mov, nop), ("enabled", mov, bl)):
        out(f" {state}:")
        _line(FUNC, first, "aarch64_insn_gen_nop()" if first == nop else
              "aarch64_insn_gen_move_reg(REG_9, REG_LR, VARIANT_64BIT)", out)
        _line(FUNC + 4, second, "aarch64_insn_gen_nop()" if second == nop else
              "aarch64_insn_gen_branch_imm(pc, ftrace_caller, BRANCH_LINK)", out)
    out("\n v6 (as posted) writes BOTH words at run time; another CPU may run the first NOP as a NOP,")
    out(" then the new BL, and ftrace_regs_caller returns through a stale x9. v5.5 (as merged) writes")
    out(" MOV X9, LR once in ftrace_init_nop(); run time toggles only NOP <-> BL, which the architecture")
    out(f" allows while other CPUs execute it: is_hotpatch_safe(nop)={decode(nop).is_hotpatch_safe},"
        f" (bl)={decode(bl).is_hotpatch_safe}, (mov)={decode(mov).is_hotpatch_safe}.")

    out("\n-pg (mcount era): `bl _mcount` after the prologue, patched to NOP, then to BL ftrace_caller")
    mcount_site = FUNC + 0x10
    _line(mcount_site, aarch64_insn_gen_branch_imm(mcount_site, FTRACE_CALLER + 0x800, AARCH64_INSN_BRANCH_LINK),
          "compiled: bl _mcount", out)
    _line(mcount_site, nop, "ftrace_make_nop(): aarch64_insn_gen_nop()", out)
    _line(mcount_site, aarch64_insn_gen_branch_imm(mcount_site, FTRACE_CALLER, AARCH64_INSN_BRANCH_LINK),
          "ftrace_make_call(): gen_branch_imm(pc, ftrace_caller, LINK)", out)

    out("\nA module function more than 128 MiB from ftrace_caller calls it through a module PLT")
    far = aarch64_insn_gen_branch_imm(MODULE_FUNC + 4, FTRACE_CALLER, AARCH64_INSN_BRANCH_LINK)
    _line(MODULE_FUNC + 4, far, "gen_branch_imm(pc, ftrace_caller, LINK): out of range", out)
    _line(MODULE_FUNC + 4, aarch64_insn_gen_branch_imm(MODULE_FUNC + 4, MODULE_PLT, AARCH64_INSN_BRANCH_LINK),
          "gen_branch_imm(pc, plt, LINK)", out)
    _line(MODULE_PLT, aarch64_insn_gen_adr(MODULE_PLT, FTRACE_CALLER, AARCH64_INSN_REG_16, AARCH64_INSN_ADR_TYPE_ADRP),
          "get_plt_entry(): gen_adr(pc, dst, REG_16, ADRP)", out)
    _line(MODULE_PLT + 4, aarch64_insn_gen_add_sub_imm(AARCH64_INSN_REG_16, AARCH64_INSN_REG_16,
                                                         FTRACE_CALLER % 4096, AARCH64_INSN_VARIANT_64BIT,
                                                         AARCH64_INSN_ADSB_ADD),
          "gen_add_sub_imm(REG_16, REG_16, dst % SZ_4K, 64BIT, ADD)", out)
    _line(MODULE_PLT + 8, aarch64_insn_gen_branch_reg(AARCH64_INSN_REG_16, AARCH64_INSN_BRANCH_NOLINK),
          "gen_branch_reg(REG_16, BRANCH_NOLINK)", out)
    out(f"\nchecks: aarch64_insn_is_nop(nop)={aarch64_insn_is_nop(nop)}, aarch64_insn_is_bl(bl)={aarch64_insn_is_bl(bl)}")
