"""assemble() and assemble_lines() against keystone-engine, on the same lines, in the same run.

Lines: the disassembly of distinct words of Debian's arm64 libc.so.6 .text without
pc-relative operands, kept where keystone assembles them to the same word (keystone
0.9.2 is LLVM 3.x: it knows fewer extensions). Two spellings of the same lines:

  * as printed: exactly what the disassembler prints (``ldr x0, [x1, #0x10]``)
  * respelled:  a tab after the mnemonic and decimal immediates (``ldr\tx0, [x1, #16]``),
    so the text differs from the printed form and the full print-back comparison runs

Prints lines/s for aarch64insn.assemble, one instruction per call, in three states:

  * cold:        every line new to its text cache (operand texts such as ``x0`` or
                 ``#8`` seen before: that is the steady state of a long run)
  * first sight: also the parse memos and the decoder's cache cleared, as in a fresh
                 process whose templates are compiled already
  * warm:        every line seen before (the text cache answers)

and keystone's Ks.asm one instruction per call; then assemble_lines on a 10,000-line
listing (the text cache cleared) against keystone on the same listing; then the cold
process: a fresh interpreter assembling the first COLD_LINES distinct lines, one per call
(the time from the first call to the last, imports excluded; keystone's includes making
its Ks), against keystone doing the same in a fresh interpreter. Each figure is
the best of several runs, ours and keystone's interleaved; the load average is shown
because the machine may be shared.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aarch64insn import DecodeError, codec, decode, disassemble  # noqa: E402
from aarch64insn import asm as asm_mod  # noqa: E402
from aarch64insn.asm import assemble, assemble_lines  # noqa: E402

LIBC = Path("/usr/aarch64-linux-gnu/lib/libc.so.6")
PC_KINDS = {"LABEL", "PAGE"}
RUNS = 5
COLD_LINES = 200
#: a fresh interpreter: assemble the lines read from stdin (one per line), print the seconds
COLD_OURS = """
import sys, time
from aarch64insn.asm import assemble
texts = sys.stdin.read().splitlines()
t0 = time.perf_counter()
for t in texts:
    assemble(t)
print(time.perf_counter() - t0)
"""
COLD_KS = """
import sys, time
from keystone import KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN, Ks
texts = sys.stdin.read().splitlines()
t0 = time.perf_counter()
ks = Ks(KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN)
for t in texts:
    ks.asm(t)
print(time.perf_counter() - t0)
"""


def lines(limit: int) -> list[tuple[str, int]]:
    from elftools.elf.elffile import ELFFile

    with LIBC.open("rb") as fh:
        text = ELFFile(fh).get_section_by_name(".text")
        assert text is not None
        data = text.data()
    out: list[tuple[str, int]] = []
    seen: set[int] = set()
    for (w,) in struct.iter_unpack("<I", data[: len(data) // 4 * 4]):
        if w in seen:
            continue
        seen.add(w)
        try:
            insn = decode(w)
        except DecodeError:
            continue
        t = insn.alias.template if insn.alias else insn.encoding.template
        if any(ph.kind in PC_KINDS for ph in t.placeholders()):
            continue
        out.append((disassemble(w), w))
        if len(out) >= limit:
            break
    return out


def respell(text: str) -> str:
    """A tab after the mnemonic, immediates in decimal: the same instruction, other text."""
    text = re.sub(r"#(-?)0x([0-9a-f]+)", lambda m: f"#{m[1]}{int(m[2], 16)}", text)
    return text.replace(" ", "\t", 1)


def best_of(fns: dict[str, Callable[[], None]], runs: int = RUNS) -> dict[str, tuple[float, float]]:
    """The best (process CPU, wall) time of each function over *runs* rounds, interleaved.

    keystone runs in this process too, so CPU time compares like with like and
    suffers less than wall time from other jobs on a shared machine.
    """
    times = {name: (float("inf"), float("inf")) for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            c1, t1 = time.process_time(), time.perf_counter()
            times[name] = (min(times[name][0], c1 - c0), min(times[name][1], t1 - t0))
    return times


def row(label: str, n: int, t: tuple[float, float]) -> str:
    return f"  {label:54} {n / t[0]:10,.0f} {n / t[1]:10,.0f}"


def ratio(label: str, ks: tuple[float, float], ours: tuple[float, float], goal: str = "") -> str:
    return f"  {label:54} {ks[0] / ours[0]:9.2f}x {ks[1] / ours[1]:9.2f}x{goal}"


def fresh(script: str, texts: list[str]) -> float:
    """The seconds *script* reports for *texts* in a fresh interpreter."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script], input="\n".join(texts), cwd=root, capture_output=True,
                         text=True, check=True)
    return float(out.stdout)


def main() -> None:
    from keystone import KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN, Ks

    load0 = os.getloadavg()
    ks = Ks(KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN)
    cand = lines(6000)

    def agreed(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
        out = []
        for text, w in pairs:
            try:
                enc, _ = ks.asm(text)
            except Exception:  # noqa: BLE001 - keystone raises its own KsError for unknown syntax
                continue
            if enc and bytes(enc) == struct.pack("<I", w):
                out.append((text, w))
        return out

    corpora = {"as printed": agreed(cand), "respelled": agreed([(respell(t), w) for t, w in cand])}
    print(f"corpus: {len(cand)} distinct libc.so.6 lines without pc-relative operands; keystone "
          "assembles to the same word " + ", ".join(f"{len(v)} {k}" for k, v in corpora.items()))
    print(f"load average at start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f} ({os.cpu_count()} cpus)")

    for label, same in corpora.items():
        for text, w in same:  # compile the per-template regexes and kind tables once
            assert assemble(text) == w, text
        texts = [t for t, _ in same]

        def ours_cold(texts: list[str] = texts) -> None:
            asm_mod._CACHE.clear()
            for t in texts:
                assemble(t)

        def ours_first(texts: list[str] = texts) -> None:
            getattr(asm_mod, "_forget", asm_mod._CACHE.clear)()  # (older versions had only the text cache)
            codec._CACHE.clear()
            for t in texts:
                assemble(t)

        def ours_warm(texts: list[str] = texts) -> None:
            for t in texts:
                assemble(t)

        def theirs(texts: list[str] = texts) -> None:
            for t in texts:
                ks.asm(t)

        tm = best_of({"cold": ours_cold, "first": ours_first, "warm": ours_warm, "ks": theirs})
        n = len(texts)
        print(f"\n{label} ({n} lines), one instruction per call; lines/s by{'CPU time':>11} {'wall time':>10}")
        print(row("aarch64insn.assemble, cold (text cache cleared)", n, tm["cold"]))
        print(row("aarch64insn.assemble, first sight (all caches cleared)", n, tm["first"]))
        print(row("aarch64insn.assemble, warm (lines seen before)", n, tm["warm"]))
        print(row("keystone Ks.asm", n, tm["ks"]))
        print(ratio("ratio, cold", tm["ks"], tm["cold"], "  (goal >= 3x)"))
        print(ratio("ratio, first sight", tm["ks"], tm["first"]))
        print(ratio("ratio, warm", tm["ks"], tm["warm"]))

    texts = [t for t, _ in corpora["as printed"]]
    listing = "\n".join((texts * (10000 // max(len(texts), 1) + 1))[:10000])
    assert assemble_lines(listing) == ks.asm(listing, as_bytes=True)[0]

    def ours_listing() -> None:
        asm_mod._CACHE.clear()
        assemble_lines(listing)

    def ks_listing() -> None:
        ks.asm(listing)

    tm = best_of({"ours": ours_listing, "ks": ks_listing}, 3)
    print(f"\n10,000-line listing; lines/s by{'CPU time':>36} {'wall time':>10}")
    print(row("assemble_lines (text cache cleared)", 10000, tm["ours"]))
    print(row("keystone Ks.asm, the listing in one call", 10000, tm["ks"]))
    print(ratio("ratio", tm["ks"], tm["ours"]))
    cold = texts[:COLD_LINES]
    print(f"\ncold process: {len(cold)} distinct lines in a fresh interpreter, one per call; best of {RUNS}")
    print(f"  {'':54} {'lines/s':>10} {'seconds':>10}")
    best = {"ours": float("inf"), "ks": float("inf")}
    for _ in range(RUNS):  # interleaved, as best_of
        for name, script in (("ours", COLD_OURS), ("ks", COLD_KS)):
            best[name] = min(best[name], fresh(script, cold))
    print(f"  {'aarch64insn.assemble (imports excluded)':54} {len(cold) / best['ours']:10,.0f} {best['ours']:10.3f}")
    print(f"  {'keystone Ks() and Ks.asm (imports excluded)':54} {len(cold) / best['ks']:10,.0f} {best['ks']:10.3f}")
    print(f"  {'ratio':54} {best['ks'] / best['ours']:9.2f}x")
    load1 = os.getloadavg()
    print(f"\nload average at end: {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")


if __name__ == "__main__":
    main()
