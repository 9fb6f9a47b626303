"""The ftrace trampolines of each design, as assembly text that :mod:`aarch64insn` assembles.

Offsets come from named constants: :data:`PT_REGS` (``struct pt_regs`` of
v5.1-v5.9, which includes v5.5: ``S_X0``..``S_LR``, ``S_SP``, ``S_PC``,
``S_STACKFRAME``, ``S_FRAME_SIZE``) and :data:`FTRACE_REGS` (``struct
ftrace_regs`` of v6.2+, for the CALL_OPS trampoline).  An immediate may be an
expression over them (``#(S_FRAME_SIZE + 16)``) or ``:lo12:symbol``;
:func:`expand` evaluates those before assembling.  A line's ``// comment`` is
kept in the listing.

Entry points every design defines: ``ftrace_caller``, ``ftrace_stub``,
``return_to_handler`` and, where the design has them, ``ftrace_regs_caller``,
``ftrace_common``, ``ftrace_common_return``, ``ftrace_call``,
``ftrace_graph_call``, ``ftrace_graph_caller``, ``_mcount``.  Labels starting
with ``visible_`` mark loads of data another actor may write (the scheduler
treats them as shared accesses).

>>> expand("sub sp, sp, #(S_FRAME_SIZE + 16)", {})
'sub sp, sp, #336'
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from typing import Final

__all__ = [
    "AARCH64_INSN_SIZE",
    "FTRACE_OPS_FUNC",
    "FTRACE_REGS",
    "PT_REGS",
    "SOURCES",
    "expand",
    "source",
]

AARCH64_INSN_SIZE: Final = 4

PT_REGS: Final[dict[str, int]] = {
    **{f"S_X{n}": 8 * n for n in range(29)},
    "S_FP": 232,  # regs[29], added in v5.5
    "S_LR": 240,  # regs[30]
    "S_SP": 248,
    "S_PC": 256,
    "S_PSTATE": 264,
    "S_ORIG_X0": 272,
    "S_SYSCALLNO": 280,
    "S_ORIG_ADDR_LIMIT": 288,
    "S_PMR_SAVE": 296,
    "S_STACKFRAME": 304,  # struct stackframe: {fp, lr}
    "S_FRAME_SIZE": 320,  # sizeof(struct pt_regs), v4.x-v5.9
}
"""asm-offsets of ``struct pt_regs`` (v5.5)."""

FTRACE_REGS: Final[dict[str, int]] = {
    **{f"FREGS_X{n}": 8 * n for n in range(9)},
    "FREGS_DIRECT_TRAMP": 72,
    "FREGS_FP": 80,
    "FREGS_LR": 88,
    "FREGS_SP": 96,
    "FREGS_PC": 104,
    "FREGS_SIZE": 112,
}
"""asm-offsets of ``struct ftrace_regs`` (v6.2+, DYNAMIC_FTRACE_WITH_ARGS)."""

FTRACE_OPS_FUNC: Final = 0
"""Offset of ``func`` in ``struct ftrace_ops`` (its first member)."""

CONSTANTS: Final[dict[str, int]] = {
    **PT_REGS,
    **FTRACE_REGS,
    "AARCH64_INSN_SIZE": AARCH64_INSN_SIZE,
    "FTRACE_OPS_FUNC": FTRACE_OPS_FUNC,
}

_OPS: Final[dict[type, Callable[[int, int], int]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.LShift: operator.lshift,
}


def _eval(expr: str, names: Mapping[str, int]) -> int:
    def ev(node: ast.AST) -> int:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise ValueError(f"unknown name {node.id!r} in immediate {expr!r}")
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            return ~ev(node.operand)
        raise ValueError(f"unsupported expression {expr!r}")

    return ev(ast.parse(expr, mode="eval"))


_IMM = re.compile(r"#([^,\]\n/]+)")
_LO12 = re.compile(r":lo12:([A-Za-z_]\w*)")


def expand(text: str, symbols: Mapping[str, int]) -> str:
    """Evaluate the symbolic immediates of ``text`` (constants of this module, ``:lo12:sym`` of ``symbols``)."""
    names = {**CONSTANTS, **symbols}

    def lo12(m: re.Match[str]) -> str:
        if m[1] not in symbols:
            raise ValueError(f"unknown symbol {m[1]!r} in :lo12:")
        return str(symbols[m[1]] & 0xFFF)

    def imm(m: re.Match[str]) -> str:
        body = _LO12.sub(lo12, m[1]).strip()
        try:
            int(body, 0)
        except ValueError:
            return f"#{_eval(body, names)}"
        return f"#{body}"

    out = []
    for line in text.splitlines():
        code, sep, comment = line.partition("//")
        out.append(_IMM.sub(imm, code) + sep + comment)
    return "\n".join(out)


# ------------------------------------------------------------------ shared pieces

_STUB = """
ftrace_stub:
    ret
"""

_RETURN_TO_HANDLER = """
// Where a graph-traced function returns to: hand the return value to the tracer,
// get the real return address back.
return_to_handler:
    sub     sp, sp, #64
    stp     x0, x1, [sp]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    mov     x0, x29                         // the parent's frame pointer
    bl      ftrace_return_to_handler        // returns the original return address
    mov     x30, x0
    ldp     x0, x1, [sp]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    add     sp, sp, #64
    ret
"""


# ------------------------------------------------------------------ v5.5 (merged)


def _regs_entry(allregs: bool) -> str:
    """The ``ftrace_regs_entry`` macro the review asked for (v5.5)."""
    saves = (
        "\n".join(f"    stp     x{n}, x{n + 1}, [sp, #S_X{n}]" for n in range(10, 29, 2))
        if allregs
        else "    str     x29, [sp, #S_FP]"
    )
    return f"""
    sub     sp, sp, #(S_FRAME_SIZE + 16)    // pt_regs, then the call site's frame record
    stp     x0, x1, [sp, #S_X0]
    stp     x2, x3, [sp, #S_X2]
    stp     x4, x5, [sp, #S_X4]
    stp     x6, x7, [sp, #S_X6]
    stp     x8, x9, [sp, #S_X8]             // x9 (the call site's LR) too, for simplicity
{saves}
    add     x10, sp, #(S_FRAME_SIZE + 16)   // the SP at the call site
    stp     x9, x10, [sp, #S_LR]            // regs[30] = the call site's LR, regs->sp
    str     x30, [sp, #S_PC]                // regs->pc = the instruction after the BL
    stp     x29, x9, [sp, #S_FRAME_SIZE]    // the call site's frame record {{fp, lr}}
    add     x29, sp, #S_FRAME_SIZE
    stp     x29, x30, [sp, #S_STACKFRAME]   // our frame record, inside pt_regs
    add     x29, sp, #S_STACKFRAME
"""


V5_5: Final = f"""
// arm64 DYNAMIC_FTRACE_WITH_REGS as merged in v5.5 (entry-ftrace.S).
// Call site:  func+0: mov x9, x30 (written once by ftrace_init_nop)
//             func+4: nop <-> bl ftrace_regs_caller
ftrace_regs_caller:
{_regs_entry(True)}
    b       ftrace_common

ftrace_caller:
{_regs_entry(False)}
    b       ftrace_common

ftrace_common:
    sub     x0, x30, #AARCH64_INSN_SIZE     // ip: the call site's BL
    mov     x1, x9                          // parent_ip: the call site's LR
    adrp    x2, function_trace_op
    ldr     x2, [x2, #:lo12:function_trace_op]
    mov     x3, sp                          // pt_regs
ftrace_call:
    bl      ftrace_stub                     // patched by ftrace_update_ftrace_func
ftrace_graph_call:
    nop                                     // nop <-> b ftrace_graph_caller
ftrace_common_return:
    ldp     x0, x1, [sp]
    ldp     x2, x3, [sp, #S_X2]
    ldp     x4, x5, [sp, #S_X4]
    ldp     x6, x7, [sp, #S_X6]
    ldr     x8, [sp, #S_X8]
    ldr     x29, [sp, #S_FP]
    ldr     x30, [sp, #S_LR]                // the LR the traced function returns with
    ldr     x9, [sp, #S_PC]                 // where it resumes
    add     sp, sp, #(S_FRAME_SIZE + 16)
    ret     x9

ftrace_graph_caller:
    ldr     x0, [sp, #S_PC]
    sub     x0, x0, #AARCH64_INSN_SIZE      // ip: the call site's BL
    add     x1, sp, #S_LR                   // &regs->regs[30]
    ldr     x2, [sp, #S_FRAME_SIZE]         // the call site's frame pointer
    bl      prepare_ftrace_return
    b       ftrace_common_return
{_STUB}{_RETURN_TO_HANDLER}"""
"""The v5.5 trampolines (the ``ftrace_regs_entry`` layout of the review)."""


# ------------------------------------------------------------------ v6 (as posted)


def _v6_frames() -> str:
    return """
    stp     x29, x9, [sp, #-16]!            // callee's preliminary stack frame
    mov     x29, sp
    stp     x29, x30, [sp, #-S_FRAME_SIZE]! // our stack frame
    add     x9, sp, #16                     // offset to pt_regs
"""


V6: Final = f"""
// arm64 "ftrace with regs", v6 as posted (2019-01-04), with the two stack frames as posted.
// Call site:  func+0: nop <-> mov x9, x30   (both written at run time by ftrace_make_call)
//             func+4: nop <-> bl ftrace_regs_caller
ftrace_regs_caller:
{_v6_frames()}
    stp     x10, x11, [x9, #S_X10]
    stp     x12, x13, [x9, #S_X12]
    stp     x14, x15, [x9, #S_X14]
    stp     x16, x17, [x9, #S_X16]
    stp     x18, x19, [x9, #S_X18]
    stp     x20, x21, [x9, #S_X20]
    stp     x22, x23, [x9, #S_X22]
    stp     x24, x25, [x9, #S_X24]
    stp     x26, x27, [x9, #S_X26]
    b       ftrace_common

ftrace_caller:
{_v6_frames()}
ftrace_common:
    stp     x0, x1, [x9]                    // save function arguments
    stp     x2, x3, [x9, #S_X2]
    stp     x4, x5, [x9, #S_X4]
    stp     x6, x7, [x9, #S_X6]
    str     x8, [x9, #S_X8]
    ldr     x0, [x29]
    stp     x28, x0, [x9, #S_X28]           // FP in pt_regs + "our" x28
    str     x30, [x9, #S_PC]                // the pc just after the call site
    add     x28, x29, #16
    str     x28, [x9, #S_SP]                // the SP at ftrace_caller entry
    ldr     x28, [x29, #8]
    str     x28, [x9, #S_LR]                // the LR at callee entry (x9 from the MOV)
    adrp    x0, function_trace_op
    ldr     x2, [x0, #:lo12:function_trace_op]
    ldr     x1, [x29, #8]                   // parent_ip
    sub     x0, x30, #8                     // ip: function entry
    mov     x3, x9                          // pt_regs
    mov     x29, sp
ftrace_call:
    bl      ftrace_stub
ftrace_graph_call:
    nop
ftrace_common_return:
    add     x9, sp, #16                     // advance to pt_regs for restore
    ldp     x0, x1, [x9]
    ldp     x2, x3, [x9, #S_X2]
    ldp     x4, x5, [x9, #S_X4]
    ldp     x6, x7, [x9, #S_X6]
    ldr     x8, [x9, #S_X8]
    ldp     x28, x29, [x9, #S_X28]
    ldr     x30, [x9, #S_LR]
    ldr     x9, [x9, #S_PC]
    add     sp, sp, #(S_FRAME_SIZE + 16)    // both frames
    ret     x9

ftrace_graph_caller:
    add     x9, sp, #16
    ldr     x0, [x9, #S_PC]
    sub     x0, x0, #8                      // start of the call site
    add     x1, x9, #S_LR                   // &lr
    ldr     x2, [x9, #S_STACKFRAME]         // fp
    bl      prepare_ftrace_return
    b       ftrace_common_return
{_STUB}{_RETURN_TO_HANDLER}"""
"""The trampolines of the posted v6 patch."""


# ------------------------------------------------------------------ mcount


MCOUNT: Final = f"""
// arm64 dynamic ftrace of the -pg era (<= v5.4): gcc emits `mov x0, x30; bl _mcount`
// after the prologue; the BL is patched nop <-> bl ftrace_caller.
_mcount:
    ret

ftrace_caller:
    stp     x29, x30, [sp, #-16]!           // mcount_enter
    mov     x29, sp
    sub     x0, x30, #AARCH64_INSN_SIZE     // ip: the bl _mcount site
    ldr     x1, [x29]                       // the traced function's frame record
    ldr     x1, [x1, #8]                    // parent_ip: its saved LR
ftrace_call:
    bl      ftrace_stub
ftrace_graph_call:
    nop
    ldp     x29, x30, [sp], #16             // mcount_exit
    ret

ftrace_graph_caller:
    ldr     x0, [x29, #8]
    sub     x0, x0, #AARCH64_INSN_SIZE      // ip
    ldr     x1, [x29]
    add     x1, x1, #8                      // &the traced function's saved LR
    ldr     x2, [x29]
    ldr     x2, [x2]                        // the parent's frame pointer
    bl      prepare_ftrace_return
    ldp     x29, x30, [sp], #16
    ret
{_STUB}{_RETURN_TO_HANDLER}"""
"""The mcount-era trampolines."""


# ------------------------------------------------------------------ CALL_OPS


CALL_OPS: Final = f"""
// arm64 DYNAMIC_FTRACE_WITH_CALL_OPS (v6.3+): -fpatchable-function-entry=4,2,
// an 8-byte ops pointer before the function, read by the trampoline.
// Call site:  func-8: ops literal;  func+0: mov x9, x30 (init);  func+4: nop <-> bl ftrace_caller
ftrace_caller:
    and     x11, x30, #0xfffffffffffffff8   // bic x11, x30, #7: LR = literal + 16
visible_ops_load:
    ldur    x11, [x11, #-(4 * AARCH64_INSN_SIZE)]   // the ops pointer (ldr in the kernel source; gas picks LDUR)
    mov     x10, sp                         // the SP at the call site
    sub     sp, sp, #(FREGS_SIZE + 32)
    stp     x0, x1, [sp, #FREGS_X0]
    stp     x2, x3, [sp, #FREGS_X2]
    stp     x4, x5, [sp, #FREGS_X4]
    stp     x6, x7, [sp, #FREGS_X6]
    str     x8, [sp, #FREGS_X8]
    str     x29, [sp, #FREGS_FP]
    str     x9, [sp, #FREGS_LR]
    str     x10, [sp, #FREGS_SP]
    str     x30, [sp, #FREGS_PC]
    stp     x29, x9, [sp, #(FREGS_SIZE + 16)]       // the call site's frame record
    add     x29, sp, #(FREGS_SIZE + 16)
    stp     x29, x30, [sp, #FREGS_SIZE]             // our frame record
    add     x29, sp, #FREGS_SIZE
    sub     x0, x30, #AARCH64_INSN_SIZE     // ip: the call site's BL
    mov     x1, x9                          // parent_ip
    mov     x2, x11                         // op
    mov     x3, sp                          // fregs
    ldr     x4, [x2, #FTRACE_OPS_FUNC]
    blr     x4
ftrace_common_return:
    ldp     x0, x1, [sp, #FREGS_X0]
    ldp     x2, x3, [sp, #FREGS_X2]
    ldp     x4, x5, [sp, #FREGS_X4]
    ldp     x6, x7, [sp, #FREGS_X6]
    ldr     x8, [sp, #FREGS_X8]
    ldr     x29, [sp, #FREGS_FP]
    ldr     x30, [sp, #FREGS_LR]
    ldr     x9, [sp, #FREGS_PC]
    add     sp, sp, #(FREGS_SIZE + 32)
    ret     x9
{_STUB}{_RETURN_TO_HANDLER}"""
"""The CALL_OPS trampoline (no direct calls)."""


SOURCES: Final[dict[str, str]] = {"v6": V6, "v5.5": V5_5, "mcount": MCOUNT, "call-ops": CALL_OPS}
"""Trampoline source of each design, by design name."""


def source(design: str, symbols: Mapping[str, int]) -> str:
    """The design's trampolines with every symbolic immediate evaluated (``symbols`` for ``:lo12:``)."""
    try:
        text = SOURCES[design]
    except KeyError:
        raise ValueError(f"unknown design {design!r}; known: {', '.join(SOURCES)}") from None
    return expand(text, symbols)
