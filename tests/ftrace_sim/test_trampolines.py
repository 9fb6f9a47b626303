"""The trampolines: pt_regs offsets, required entry points, and llvm-mc assembling the same text to the same words."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from ftrace_sim import Machine
from ftrace_sim.trampolines import FTRACE_REGS, PT_REGS, SOURCES, expand, source
from tests.oracles import import_oracle, need_tool

DATA = 0xFFFF8000A0000000
SYMBOLS = {"function_trace_op": DATA + 0x18}
HOSTS = ("prepare_ftrace_return", "ftrace_return_to_handler")


def test_pt_regs_offsets_are_the_fact_sheets() -> None:
    # kernel-insn-api.md section 4 (v5.5 asm-offsets), section 3.5 (ftrace_regs)
    assert (PT_REGS["S_X0"], PT_REGS["S_X8"], PT_REGS["S_X28"]) == (0, 64, 224)
    assert (PT_REGS["S_FP"], PT_REGS["S_LR"], PT_REGS["S_SP"], PT_REGS["S_PC"]) == (232, 240, 248, 256)
    assert (PT_REGS["S_STACKFRAME"], PT_REGS["S_FRAME_SIZE"]) == (304, 320)
    assert (FTRACE_REGS["FREGS_FP"], FTRACE_REGS["FREGS_LR"], FTRACE_REGS["FREGS_PC"], FTRACE_REGS["FREGS_SIZE"]) == (
        80, 88, 104, 112)  # fmt: skip


@pytest.mark.parametrize("design", sorted(SOURCES))
def test_entry_points(design: str) -> None:
    m = Machine()
    for h in HOSTS:
        m.host_function(h, lambda cpu: None)
    text = m.load_assembly(source(design, SYMBOLS), name="tramp", symbols=SYMBOLS)
    need = {"ftrace_caller", "ftrace_stub", "return_to_handler"}
    if design != "call-ops":
        need |= {"ftrace_call", "ftrace_graph_call", "ftrace_graph_caller"}
    if design in ("v6", "v5.5"):
        need |= {"ftrace_regs_caller", "ftrace_common", "ftrace_common_return"}
    if design == "mcount":
        need.add("_mcount")
    assert need <= set(text.symbols)


def test_expand_evaluates_named_immediates_and_refuses_unknown_names() -> None:
    assert expand("stp x29, x9, [sp, #S_FRAME_SIZE]", {}) == "stp x29, x9, [sp, #320]"
    assert expand("ldr x2, [x2, #:lo12:sym]", {"sym": 0x12345678}) == "ldr x2, [x2, #1656]"
    assert expand("ldur x11, [x11, #-(4 * AARCH64_INSN_SIZE)]", {}) == "ldur x11, [x11, #-16]"
    with pytest.raises(ValueError, match="unknown name 'S_NOPE'"):
        expand("add x0, sp, #S_NOPE", {})
    with pytest.raises(ValueError, match="unknown design"):
        source("v7", {})


def _llvm_text(design: str) -> str:
    """The design's source for llvm-mc: constants evaluated, ``#:lo12:sym`` left to the assembler."""
    text = SOURCES[design].replace("#:lo12:", "__LO12__")
    text = expand(text, {})
    return text.replace("__LO12__", ":lo12:")


@pytest.mark.oracle
@pytest.mark.parametrize("design", sorted(SOURCES))
def test_llvm_mc_assembles_the_same_words(design: str) -> None:
    """Every word not covered by a relocation (external symbols) is the word llvm-mc makes of the same line."""
    exe = need_tool("llvm-mc")
    elftools = import_oracle("elftools.elf.elffile")
    m = Machine()
    for h in HOSTS:
        m.host_function(h, lambda cpu: None)
    ours = m.load_assembly(source(design, SYMBOLS), name="tramp", symbols=SYMBOLS)
    data = m.memory.peek(ours.base, ours.size)
    with tempfile.TemporaryDirectory() as tmp:
        src, obj = Path(tmp, "t.s"), Path(tmp, "t.o")
        src.write_text(".text\n" + _llvm_text(design) + "\n")
        subprocess.run([exe, "-triple=aarch64", "-filetype=obj", "-o", str(obj), str(src)], check=True)
        with obj.open("rb") as f:
            elf = elftools.ELFFile(f)
            text = elf.get_section_by_name(".text").data()
            rela = elf.get_section_by_name(".rela.text")
            relocated = {r["r_offset"] for r in rela.iter_relocations()} if rela is not None else set()
    assert len(text) == len(data)
    compared = 0
    for off in range(0, len(data), 4):
        if off in relocated:
            continue
        assert data[off : off + 4] == text[off : off + 4], (
            f"{design}+{off:#x}: ours {data[off:off + 4].hex()} llvm-mc {text[off:off + 4].hex()}")  # fmt: skip
        compared += 1
    assert compared >= len(data) // 4 - 6
    assert re.search(r"return_to_handler", SOURCES[design])
