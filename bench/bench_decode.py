"""decode() and disassemble() against capstone 5, on the same words, in the same run.

Words: the .text of Debian's arm64 libc.so.6 (libc6-arm64-cross) when present, else a
seeded mix of table rows. Prints words/s for:
  * aarch64insn.decode over the buffer     vs  capstone disasm_lite over the whole buffer
  * aarch64insn.disassemble one word/call  vs  capstone disasm_lite one word per call

Each figure is the best of three runs; the word caches are cleared before every run. The
operand kinds, which ``import aarch64insn`` leaves to the first disassembly, are loaded before
timing (bench_import.py measures imports), as capstone's ``Cs()`` is made before timing.
"""

from __future__ import annotations

import random
import struct
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aarch64insn import DecodeError, decode, disassemble  # noqa: E402
from aarch64insn.codec import _CACHE  # noqa: E402

LIBC = Path("/usr/aarch64-linux-gnu/lib/libc.so.6")


def corpus(limit: int = 200_000) -> tuple[str, bytes]:
    try:
        from elftools.elf.elffile import ELFFile

        with LIBC.open("rb") as fh:
            data = ELFFile(fh).get_section_by_name(".text").data()
        return f"{LIBC} .text", data[: limit * 4]
    except (OSError, ImportError, AttributeError):
        from aarch64insn.table import ENCODINGS

        rng = random.Random(1)
        words = [e.value | (rng.getrandbits(32) & ~e.mask) for e in ENCODINGS for _ in range(50)]
        return "random table words", struct.pack(f"<{len(words)}I", *words)


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    import capstone

    name, data = corpus()
    words = list(struct.unpack(f"<{len(data) // 4}I", data))
    n = len(words)
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    md.skipdata = True

    def ours_decode() -> None:
        _CACHE.clear()
        for w in words:
            try:
                decode(w)
            except DecodeError:
                pass

    def cs_bulk() -> None:
        for _ in md.disasm_lite(data, 0):
            pass

    def ours_text() -> None:
        _CACHE.clear()
        for i, w in enumerate(words):
            try:
                disassemble(w, pc=i * 4)
            except DecodeError:
                pass

    packed = [struct.pack("<I", w) for w in words]

    def cs_per_word() -> None:
        for i, b in enumerate(packed):
            for _ in md.disasm_lite(b, i * 4):
                pass

    disassemble(0xD503201F)  # load the operand kinds (not part of per-word cost)
    t_dec, t_bulk = best(ours_decode), best(cs_bulk)
    t_txt, t_cs1 = best(ours_text), best(cs_per_word)

    # The same measures on the distinct words only (no repeated word can hit a cache).
    uniq = list(dict.fromkeys(words))
    udata = struct.pack(f"<{len(uniq)}I", *uniq)
    upacked = [struct.pack("<I", w) for w in uniq]

    def u_decode() -> None:
        _CACHE.clear()
        for w in uniq:
            try:
                decode(w)
            except DecodeError:
                pass

    def u_bulk() -> None:
        for _ in md.disasm_lite(udata, 0):
            pass

    def u_text() -> None:
        _CACHE.clear()
        for i, w in enumerate(uniq):
            try:
                disassemble(w, pc=i * 4)
            except DecodeError:
                pass

    def u_cs1() -> None:
        for i, b in enumerate(upacked):
            for _ in md.disasm_lite(b, i * 4):
                pass

    u = len(uniq)
    tu_dec, tu_bulk, tu_txt, tu_cs1 = best(u_decode), best(u_bulk), best(u_text), best(u_cs1)
    print(f"corpus: {name}, {n} words; capstone {capstone.__version__}")
    print(f"{'measure':44} {'words/s':>12}")
    print(f"{'aarch64insn.decode (cold cache, whole buffer)':44} {n / t_dec:12,.0f}")
    print(f"{'capstone disasm_lite (whole buffer)':44} {n / t_bulk:12,.0f}")
    print(f"{'  ratio decode / capstone bulk':44} {t_bulk / t_dec:12.2f}x")
    print(f"{'aarch64insn.disassemble (one word per call)':44} {n / t_txt:12,.0f}")
    print(f"{'capstone disasm_lite (one word per call)':44} {n / t_cs1:12,.0f}")
    print(f"{'  ratio disassemble / capstone per word':44} {t_cs1 / t_txt:12.2f}x")
    print(f"distinct words only ({u}):")
    print(f"{'aarch64insn.decode':44} {u / tu_dec:12,.0f}")
    print(f"{'capstone disasm_lite (whole buffer)':44} {u / tu_bulk:12,.0f}")
    print(f"{'  ratio':44} {tu_bulk / tu_dec:12.2f}x")
    print(f"{'aarch64insn.disassemble (one word per call)':44} {u / tu_txt:12,.0f}")
    print(f"{'capstone disasm_lite (one word per call)':44} {u / tu_cs1:12,.0f}")
    print(f"{'  ratio':44} {tu_cs1 / tu_txt:12.2f}x")


if __name__ == "__main__":
    main()
