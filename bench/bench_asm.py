"""assemble() and assemble_lines() against keystone-engine, on the same lines, in the same run.

Lines: the disassembly of distinct words of Debian's arm64 libc.so.6 .text without
pc-relative operands (or table samples when the library is absent), kept where
keystone assembles them to the same word (keystone 0.9.2 is LLVM 3.x: it knows
fewer extensions). Prints lines/s for:
  * aarch64insn.assemble, one instruction per call (cold: its text cache cleared)
  * keystone Ks.asm, one instruction per call
  * assemble_lines on a 10,000-line listing vs keystone on the same listing
"""

from __future__ import annotations

import struct
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aarch64insn import DecodeError, decode, disassemble  # noqa: E402
from aarch64insn import asm as asm_mod  # noqa: E402
from aarch64insn.asm import assemble, assemble_lines  # noqa: E402

LIBC = Path("/usr/aarch64-linux-gnu/lib/libc.so.6")
PC_KINDS = {"LABEL", "PAGE"}


def lines(limit: int) -> list[tuple[str, int]]:
    from elftools.elf.elffile import ELFFile

    with LIBC.open("rb") as fh:
        data = ELFFile(fh).get_section_by_name(".text").data()
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


def main() -> None:
    from keystone import KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN, Ks

    ks = Ks(KS_ARCH_ARM64, KS_MODE_LITTLE_ENDIAN)
    cand = lines(6000)
    same: list[tuple[str, int]] = []
    for text, w in cand:
        try:
            enc, _ = ks.asm(text)
        except Exception:  # noqa: BLE001 - keystone raises its own KsError for unknown syntax
            continue
        if enc and bytes(enc) == struct.pack("<I", w):
            same.append((text, w))
    texts = [t for t, _ in same]
    print(f"corpus: {len(cand)} distinct libc.so.6 lines without pc-relative operands; "
          f"{len(same)} that keystone also assembles to the same word")

    for text, w in same:  # warm the per-template regexes and kind tables
        assert assemble(text) == w

    def ours() -> None:
        asm_mod._CACHE.clear()
        for t in texts:
            assemble(t)

    def theirs() -> None:
        for t in texts:
            ks.asm(t)

    def best(fn, n: int = 3) -> float:  # type: ignore[no-untyped-def]
        return min(_time(fn) for _ in range(n))

    def ours_warm() -> None:
        for t in texts:
            assemble(t)

    t_ours, t_ks, t_warm = best(ours), best(theirs), best(ours_warm)
    n = len(texts)
    print(f"{'aarch64insn.assemble (one per call, text cache cleared)':56} {n / t_ours:10,.0f} lines/s")
    print(f"{'aarch64insn.assemble (one per call, lines seen before)':56} {n / t_warm:10,.0f} lines/s")
    print(f"{'keystone Ks.asm (one per call)':56} {n / t_ks:10,.0f} lines/s")
    print(f"{'  ratio, cold':56} {t_ks / t_ours:10.2f}x  (goal >= 3x)")
    print(f"{'  ratio, lines seen before':56} {t_ks / t_warm:10.2f}x")

    listing = "\n".join((texts * (10000 // max(n, 1) + 1))[:10000])

    def ours_listing() -> None:
        asm_mod._CACHE.clear()
        assemble_lines(listing)

    def ks_listing() -> None:
        ks.asm(listing)

    t_ol, t_kl = best(ours_listing, 2), best(ks_listing, 2)
    print(f"{'assemble_lines, 10,000-line listing':56} {10000 / t_ol:10,.0f} lines/s")
    print(f"{'keystone Ks.asm, same listing':56} {10000 / t_kl:10,.0f} lines/s")
    print(f"{'  ratio':56} {t_kl / t_ol:10.2f}x")


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
