"""assemble_lines / assemble_listing: labels, local labels, directives, external symbols, errors.

Each listing's bytes are compared with what :func:`assemble` gives for the same
instructions at the same addresses, so these tests pin the listing layer only.
"""

from __future__ import annotations

import doctest
import struct

import pytest

from aarch64insn import AsmSyntaxError, EncodeError, asm
from aarch64insn.asm import assemble, assemble_lines, assemble_listing

BASE = 0x1000


def words(data: bytes) -> list[int]:
    return [w for (w,) in struct.iter_unpack("<I", data)]


def test_labels_locals_and_comments() -> None:
    source = """
    f:  mov x0, #3          // count down
    1:  subs x0, x0, #1     ; the loop
        b.ne 1b
        cbz x0, 2f
        nop
    2:  b f
    """
    listing = assemble_listing(source, base=BASE)
    assert listing.symbols == {"f": BASE}
    assert words(listing.data) == [
        assemble("mov x0, #3"),
        assemble("subs x0, x0, #1"),
        assemble(f"b.ne #{BASE + 4:#x}", pc=BASE + 8),
        assemble(f"cbz x0, #{BASE + 20:#x}", pc=BASE + 12),
        assemble("nop"),
        assemble(f"b #{BASE:#x}", pc=BASE + 20),
    ]


def test_directives() -> None:
    source = ".text\n.globl f\nf: ret\n.word 0x11223344, f\n.hword 1\n.byte 2, 3\n.balign 8\n.quad -1\n"
    listing = assemble_listing(source, base=BASE)
    assert listing.globals == ["f"] and listing.sections == [".text"]
    assert listing.data == (
        struct.pack("<IIIHBB", assemble("ret"), 0x11223344, BASE, 1, 2, 3) + bytes(0) + struct.pack("<q", -1)
    )


def test_external_symbols() -> None:
    symbols = {"prepare_ftrace_return": 0x8000, "function_trace_op": 0x123456}
    source = "ftrace_caller:\n bl prepare_ftrace_return\n adrp x0, function_trace_op\n.quad function_trace_op\n"
    listing = assemble_listing(source, base=BASE, symbols=symbols)
    assert listing.symbols == {"ftrace_caller": BASE}  # the listing's own labels only
    assert listing.data[:8] == struct.pack(
        "<II",
        assemble("bl prepare_ftrace_return", pc=BASE, symbols=symbols),
        assemble("adrp x0, function_trace_op", pc=BASE + 4, symbols=symbols),
    )
    assert words(listing.data[:8]) == [
        assemble("bl #0x8000", pc=BASE),
        assemble("adrp x0, #0x123000", pc=BASE + 4),
    ]
    assert listing.data[8:] == struct.pack("<Q", 0x123456)
    assert assemble_lines(source, base=BASE, symbols=symbols) == listing.data
    # labels of the listing and external symbols together
    mixed = assemble_lines("b here\n bl there\nhere: ret\n", base=BASE, symbols={"there": 0x4000})
    assert words(mixed) == [assemble("b #0x1008", pc=BASE), assemble("bl #0x4000", pc=BASE + 4), assemble("ret")]


def test_label_redefining_an_external_symbol_is_a_syntax_error() -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble_listing("nop\n  helper: ret\n", symbols={"helper": 0x2000})
    err = info.value
    assert (err.column, err.token) == (3, "helper")
    assert "external symbol" in err.expected


def test_label_defined_twice_is_a_syntax_error() -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble_listing("f: nop\nf: ret\n")
    assert (info.value.column, info.value.token, info.value.expected) == (1, "f", "a new label")


def test_undefined_symbol_names_the_line() -> None:
    with pytest.raises(EncodeError) as info:
        assemble_lines("nop\n bl nowhere\n", symbols={"somewhere": 0})
    assert str(info.value).startswith("line 2: ") and "nowhere" in str(info.value)


def test_syntax_error_names_the_line_and_column() -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble_lines("nop\n  add x0, x1, #foo\n")
    err = info.value
    assert err.text == "line 2: add x0, x1, #foo"
    assert (err.column, err.token) == (13, "#foo")


def test_missing_local_label() -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble_lines("1: nop\n b 1f\n")
    assert info.value.token == "1f" and "after this line" in info.value.expected


def test_repeated_lines_and_cleared_caches_give_the_same_bytes() -> None:
    source = "\n".join(["ldr x0, [x1, #0x10]", "lsl x2, x3, #3", "ubfiz x0, x23, #3, #0x20"] * 3)
    first = assemble_lines(source)
    asm._forget()
    assert assemble_lines(source) == first
    assert words(first)[:3] == [0xF9400820, 0xD37DF062, 0xD37D7EE0]


def test_module_doctests() -> None:
    assert doctest.testmod(asm).failed == 0
