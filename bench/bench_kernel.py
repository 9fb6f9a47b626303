#!/usr/bin/env python3
"""Calls per second: aarch64insn.kernel generators vs keystone-engine, measured in one run.

Each row generates the same instruction both ways: the kernel-mirror call, and keystone's
``Ks(KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN).asm(text)`` one instruction per call. Both
results are compared before timing, so the table only lists like-for-like work.

Run from the repository root:  python bench/bench_kernel.py [--repeats N] [--number N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aarch64insn.kernel as k  # noqa: E402

CASES: list[tuple[str, Callable[[], int], str]] = [
    ("gen_nop", k.aarch64_insn_gen_nop, "nop"),
    ("gen_move_reg", lambda: k.aarch64_insn_gen_move_reg(9, 30, 1), "mov x9, x30"),
    ("gen_branch_imm", lambda: k.aarch64_insn_gen_branch_imm(0x1000, 0x2000, 1), "bl #0x1000"),
    ("gen_load_store_pair", lambda: k.aarch64_insn_gen_load_store_pair(29, 30, 31, -16, 1, 5),
     "stp x29, x30, [sp, #-16]!"),
    ("gen_add_sub_imm", lambda: k.aarch64_insn_gen_add_sub_imm(1, 2, 0x1000, 1, 0), "add x1, x2, #1, lsl #12"),
    ("gen_movewide", lambda: k.aarch64_insn_gen_movewide(16, 0x5678, 16, 1, 1), "movk x16, #0x5678, lsl #16"),
    ("gen_logical_immediate", lambda: k.aarch64_insn_gen_logical_immediate(0, 1, 1, 0, 0xFF),
     "and x0, x1, #0xff"),
    ("gen_load_store_imm", lambda: k.aarch64_insn_gen_load_store_imm(0, 1, 8, 3, 2), "ldr x0, [x1, #8]"),
    ("gen_branch_reg", lambda: k.aarch64_insn_gen_branch_reg(30, 2), "ret"),
    ("gen_adr (adrp)", lambda: k.aarch64_insn_gen_adr(0x1234, 0x2000, 16, 0), "adrp x16, #0x1000"),
]


def rate(func: Callable[[], object], number: int, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, time.perf_counter() - t0)
    return number / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--number", type=int, default=20000, help="calls per repeat (mirror)")
    args = parser.parse_args()
    from importlib.metadata import version

    from keystone import KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN, Ks

    ks = Ks(KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN)
    ks_number = max(200, args.number // 50)
    print(f"keystone-engine {version('keystone-engine')}; best of {args.repeats} repeats; "
          f"{args.number} mirror calls, {ks_number} keystone calls per repeat")
    print(f"{'helper':<24}{'instruction':<30}{'mirror calls/s':>16}{'keystone calls/s':>18}{'ratio':>9}")
    ratios = []
    for name, call, text in CASES:
        encoding, _ = ks.asm(text)
        assert encoding is not None
        assert call() == int.from_bytes(bytes(encoding), "little"), (name, text)
        mine = rate(call, args.number, args.repeats)
        theirs = rate(lambda text=text: ks.asm(text), ks_number, args.repeats)
        ratios.append(mine / theirs)
        print(f"{name:<24}{text:<30}{mine:>16,.0f}{theirs:>18,.0f}{mine / theirs:>8.0f}x")
    geo = 1.0
    for r in ratios:
        geo *= r
    print(f"geometric mean ratio: {geo ** (1 / len(ratios)):.0f}x (goal >= 30x); minimum {min(ratios):.0f}x")


if __name__ == "__main__":
    main()
