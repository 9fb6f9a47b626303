"""The Python mirrors of arm64 patching.c, ftrace.c and module-plts.c: results, errno paths, steps, quirks.

Expected words come from aarch64insn.kernel (itself checked bit-exactly against
llvm-mc in tests/kernel) and from the fact sheet's verified encodings
(../shared/reference/kernel-insn-api.md section 6: nop D503201F, mov x9,x30
AA1E03E9; section 3.7: the PLT worked example, checked with llvm-mc there).
"""

from __future__ import annotations

import logging

import pytest

import aarch64insn.kernel as K  # noqa: N812
from aarch64insn import disassemble
from ftrace_sim import Machine
from ftrace_sim.designs import DESIGNS
from ftrace_sim.errors import KernelPanic
from ftrace_sim.events import CacheMaint, StopMachine, TextWrite
from ftrace_sim.kernel import EFAULT, EINVAL, EPERM, DynFtrace, Kernel, Module, sync
from ftrace_sim.kernel.ftrace import (
    ftrace_init_nop,
    ftrace_make_call,
    ftrace_make_nop,
    ftrace_modify_call,
    ftrace_modify_code,
    ftrace_return_to_handler,
    ftrace_update_ftrace_func,
    gen_mov_x9_x30,
    prepare_ftrace_return,
)
from ftrace_sim.kernel.module_plts import (
    get_plt_entry,
    install_ftrace_trampoline,
    plt_entries_equal,
    plt_entry_is_initialized,
    read_plt_entry,
)
from ftrace_sim.kernel.patching import (
    AArch64InsnPatch,
    aarch64_insn_patch_text,
    aarch64_insn_patch_text_cb,
    aarch64_insn_patch_text_nosync,
    aarch64_insn_read,
)
from ftrace_sim.layout import MODULES

NOP = 0xD503201F  # fact sheet section 6 (llvm-mc)
MOV_X9_X30 = 0xAA1E03E9  # fact sheet section 6 (llvm-mc)

TEXT = """
ftrace_caller:
    ret
ftrace_regs_caller:
    ret
ftrace_call:
    bl      ftrace_caller
ftrace_graph_call:
    nop
ftrace_graph_caller:
    ret
func:
    nop
    nop
    ret
"""


def run(gen):  # type: ignore[no-untyped-def]
    """Run a mirror, returning (result, events)."""
    events = []
    while True:
        try:
            events.append(next(gen))
        except StopIteration as stop:
            return stop.value, events


@pytest.fixture
def kern() -> Kernel:
    m = Machine(ncpus=2)
    m.load_assembly(TEXT, name="text")
    return Kernel(m, DESIGNS["v5.5"].config)


def word(k: Kernel, addr: int) -> int:
    return k.machine.memory.read_u32(addr)


def test_gen_mov_x9_x30_is_the_fact_sheet_word() -> None:
    assert gen_mov_x9_x30() == MOV_X9_X30
    # the v6 patch built it with gen_logical_shifted_reg(REG_9, ZR, LR, 0, 64BIT, ORR): the same word
    assert K.aarch64_insn_gen_logical_shifted_reg(
        K.AARCH64_INSN_REG_9, K.AARCH64_INSN_REG_ZR, K.AARCH64_INSN_REG_LR, 0, K.AARCH64_INSN_VARIANT_64BIT,
        K.AARCH64_INSN_LOGIC_ORR,
    ) == MOV_X9_X30  # fmt: skip


def test_insn_read(kern: Kernel) -> None:
    func = kern.sym("func")
    assert aarch64_insn_read(kern, func) == (0, NOP)
    assert aarch64_insn_read(kern, 0x1000) == (-EFAULT, 0)


def test_patch_text_nosync_writes_then_maintains(kern: Kernel) -> None:
    func = kern.sym("func")
    ret, events = run(aarch64_insn_patch_text_nosync(kern, func, MOV_X9_X30))
    assert ret == 0
    assert word(kern, func) == MOV_X9_X30
    assert [type(e) for e in events] == [TextWrite, CacheMaint]
    w = events[0]
    assert (w.addr, w.old_word, w.new_word) == (func, NOP, MOV_X9_X30)
    assert w.via[0] == "aarch64_insn_patch_text_nosync"
    assert (events[1].addr, events[1].size) == (func, 4)


def test_patch_text_nosync_misaligned_is_einval_and_writes_nothing(kern: Kernel) -> None:
    func = kern.sym("func")
    ret, events = run(aarch64_insn_patch_text_nosync(kern, func + 2, MOV_X9_X30))
    assert (ret, events) == (-EINVAL, [])
    assert word(kern, func) == NOP


def test_modify_code_validation_mismatch_leaves_memory(kern: Kernel) -> None:
    func = kern.sym("func")
    before = kern.machine.memory.peek(func, 12)
    ret, events = run(ftrace_modify_code(kern, func, MOV_X9_X30, NOP, True))
    assert (ret, events) == (-EINVAL, [])
    assert kern.machine.memory.peek(func, 12) == before


def test_modify_code_unmapped_is_efault(kern: Kernel) -> None:
    assert run(ftrace_modify_code(kern, 0x1000, NOP, MOV_X9_X30, True)) == (-EFAULT, [])


def test_modify_code_failed_write_is_eperm(kern: Kernel) -> None:
    # unvalidated, misaligned: aarch64_insn_patch_text_nosync says -EINVAL, ftrace reports -EPERM
    func = kern.sym("func")
    assert run(ftrace_modify_code(kern, func + 1, 0, MOV_X9_X30, False)) == (-EPERM, [])
    assert word(kern, func) == NOP


def test_modify_code_writes_break_fault_without_checking(kern: Kernel) -> None:
    func = kern.sym("func")
    ret, _ = run(ftrace_modify_code(kern, func, NOP, K.AARCH64_BREAK_FAULT, True))
    assert ret == 0 and word(kern, func) == K.AARCH64_BREAK_FAULT


def test_init_nop_v55_writes_mov_before_the_bl(kern: Kernel) -> None:
    func = kern.sym("func")
    rec = DynFtrace(func + 4)
    assert sync(ftrace_init_nop(kern, None, rec)) == 0
    assert (word(kern, func), word(kern, func + 4)) == (MOV_X9_X30, NOP)
    # a second init finds the MOV, not the NOP it expects: -EINVAL, nothing written
    assert sync(ftrace_init_nop(kern, None, rec)) == -EINVAL


def test_make_call_then_nop_v55(kern: Kernel) -> None:
    func = kern.sym("func")
    rec = DynFtrace(func + 4)
    sync(ftrace_init_nop(kern, None, rec))
    ret, events = run(ftrace_make_call(kern, rec, kern.FTRACE_REGS_ADDR))
    assert ret == 0
    assert disassemble(word(kern, func + 4), pc=func + 4) == f"bl #{kern.FTRACE_REGS_ADDR:#x}"
    assert [e.via[0] for e in events] == ["ftrace_make_call", "ftrace_make_call"]
    assert sync(ftrace_modify_call(kern, rec, kern.FTRACE_REGS_ADDR, kern.FTRACE_ADDR)) == 0
    assert disassemble(word(kern, func + 4), pc=func + 4) == f"bl #{kern.FTRACE_ADDR:#x}"
    assert sync(ftrace_make_nop(kern, None, rec, kern.FTRACE_ADDR)) == 0
    assert (word(kern, func), word(kern, func + 4)) == (MOV_X9_X30, NOP)
    # make_nop against the wrong target: validation fails, memory unchanged
    sync(ftrace_make_call(kern, rec, kern.FTRACE_ADDR))
    assert sync(ftrace_make_nop(kern, None, rec, kern.FTRACE_REGS_ADDR)) == -EINVAL
    assert disassemble(word(kern, func + 4), pc=func + 4) == f"bl #{kern.FTRACE_ADDR:#x}"


def test_v6_make_call_patches_both_words_and_make_nop_undoes_them() -> None:
    m = Machine()
    m.load_assembly(TEXT, name="text")
    k = Kernel(m, DESIGNS["v6"].config)
    func = k.sym("func")
    rec = DynFtrace(func)
    # init: the magic MCOUNT_ADDR makes ftrace_make_nop return 0 without writing
    assert run(ftrace_init_nop(k, None, rec)) == (0, [])
    ret, events = run(ftrace_make_call(k, rec, k.FTRACE_REGS_ADDR))
    writes = [e for e in events if isinstance(e, TextWrite)]
    assert ret == 0 and [w.addr for w in writes] == [func, func + 4]
    assert writes[0].new_word == MOV_X9_X30
    assert sync(ftrace_make_nop(k, None, rec, k.FTRACE_REGS_ADDR)) == 0
    assert (word(k, func), word(k, func + 4)) == (NOP, NOP)


def test_v55_range_quirk_writes_break_fault(kern: Kernel) -> None:
    """pc - addr is tested, so addr = pc + 128 MiB passes; gen_branch_imm then gives BREAK_FAULT."""
    func = kern.sym("func")
    rec = DynFtrace(func + 4)
    sync(ftrace_init_nop(kern, None, rec))
    assert sync(ftrace_make_call(kern, rec, func + 4 + (128 << 20))) == 0
    assert word(kern, func + 4) == K.AARCH64_BREAK_FAULT


def test_make_call_far_without_module_is_einval(kern: Kernel, caplog: pytest.LogCaptureFixture) -> None:
    func = kern.sym("func")
    rec = DynFtrace(func + 4)
    with caplog.at_level(logging.WARNING, logger="ftrace_sim.kernel"):
        assert sync(ftrace_make_call(kern, rec, func + (512 << 20))) == -EINVAL
    assert "no module holds" in caplog.text
    assert word(kern, func + 4) == NOP


def test_update_ftrace_func_is_unvalidated(kern: Kernel) -> None:
    pc = kern.sym("ftrace_call")
    target = kern.sym("ftrace_graph_caller")
    assert sync(ftrace_update_ftrace_func(kern, target)) == 0
    assert disassemble(word(kern, pc), pc=pc) == f"bl #{target:#x}"
    assert kern.ftrace_trace_function == target


def test_patch_text_stops_the_machine(kern: Kernel) -> None:
    func = kern.sym("func")
    ret, events = run(aarch64_insn_patch_text(kern, [func, func + 4], [MOV_X9_X30, NOP], 2))
    assert ret == 0
    kinds = [type(e) for e in events]
    assert kinds[0] is StopMachine and kinds[-1] is StopMachine
    assert events[0].begin and not events[-1].begin
    assert [e.addr for e in events if isinstance(e, TextWrite)] == [func, func + 4]  # a NOP over a NOP is written too
    assert run(aarch64_insn_patch_text(kern, [], [], 0)) == (-EINVAL, [])


@pytest.mark.parametrize(("rule", "master"), [("last", 1), ("first", 0)])
def test_patch_text_master_cpu(rule: str, master: int) -> None:
    from dataclasses import replace

    m = Machine(ncpus=2)
    m.load_assembly(TEXT, name="text")
    k = Kernel(m, replace(DESIGNS["v5.5"].config, stop_machine_master=rule))
    func = k.sym("func")
    pp = AArch64InsnPatch([func], [MOV_X9_X30], 1)
    wrote = [bool(run(aarch64_insn_patch_text_cb(k, pp, cpu))[1]) for cpu in range(2)]
    assert wrote == [cpu == master for cpu in range(2)]


def test_plt_entries() -> None:
    # fact sheet 3.7 worked example (checked with llvm-mc there)
    e = get_plt_entry(0xFFFF000010123456, 0xFFFF000008001000)
    assert (e.adrp, e.add, e.br) == (0xD0040910, 0x91115A10, 0xD61F0200)
    # the same target from another page: different ADRP, same destination
    f = get_plt_entry(0xFFFF000010123456, 0xFFFF000008105000)
    assert f.adrp != e.adrp
    assert plt_entries_equal(e, f, 0xFFFF000008001000, 0xFFFF000008105000)
    g = get_plt_entry(0xFFFF000010124456, 0xFFFF000008105000)
    assert not plt_entries_equal(e, g, 0xFFFF000008001000, 0xFFFF000008105000)
    assert plt_entry_is_initialized(e) and not plt_entry_is_initialized(type(e)(0, 0, 0))


def test_install_ftrace_trampoline_writes_once() -> None:
    m = Machine()
    m.load_assembly(TEXT, name="text")
    plt = m.load_assembly("ftrace_trampolines:\n" + "    .word 0\n" * 6, name="plt", module=True)
    assert plt.base >= MODULES.base
    k = Kernel(m, DESIGNS["v6"].config)
    mod = Module("mod", m.objects[0] if m.objects else None, plt.base)  # type: ignore[arg-type]
    (ret, addr), events = run(install_ftrace_trampoline(k, mod, k.FTRACE_REGS_ADDR))
    assert (ret, addr) == (0, plt.base + 12) and len(events) == 1
    entry = read_plt_entry(k, addr)
    assert entry == get_plt_entry(k.FTRACE_REGS_ADDR, addr)
    assert run(install_ftrace_trampoline(k, mod, k.FTRACE_REGS_ADDR)) == ((0, addr), [])
    assert run(install_ftrace_trampoline(k, mod, k.sym("func"))) == ((-EINVAL, k.sym("func")), [])


def test_graph_return_with_a_bad_frame_pointer_panics(kern: Kernel) -> None:
    m = kern.machine
    cpu = m.cpus[0]
    slot = m.alloc(16)
    m.memory.write_u64(slot, 0x1234)
    m.load_assembly("return_to_handler:\n    ret\n", name="rth")
    prepare_ftrace_return(kern, cpu, 0x5000, slot, 0xF00)
    assert m.memory.read_u64(slot) == kern.sym("return_to_handler")
    with pytest.raises(KernelPanic, match="Bad frame pointer: expected 0xf00, received 0xbad"):
        ftrace_return_to_handler(kern, cpu, 0xBAD, 0)
    with pytest.raises(KernelPanic, match="empty return stack"):
        ftrace_return_to_handler(kern, cpu, 0xF00, 0)
    prepare_ftrace_return(kern, cpu, 0x5000, slot, 0xF00)
    assert ftrace_return_to_handler(kern, cpu, 0xF00, 7) == kern.sym("return_to_handler")
