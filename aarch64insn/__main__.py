"""Command line: ``python -m aarch64insn {dis,asm,explain,demo}`` (also the ``aarch64insn`` script).

``dis``      disassemble hex words, a raw binary file, or an ELF file's executable
             sections, printing ``address: word  text`` like ``objdump -d``
``asm``      assemble a line, a file or stdin (``-``) with labels and directives;
             print ``address: word  text`` or write raw bytes (``-o``)
``explain``  the encoding diagram of a word: each field's bits, name and value
``demo``     the arm64 ftrace patch-site words built with the kernel mirror
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .codec import decode, format_insn
from .errors import DecodeError

__all__ = ["iter_disassembly", "main"]


def iter_disassembly(data: bytes, *, base: int = 0) -> Iterator[tuple[int, int, str]]:
    """(address, word, text) for each 4-byte word of *data*; undecodable words print as ``.inst``."""
    for off in range(0, len(data) - len(data) % 4, 4):
        (word,) = struct.unpack_from("<I", data, off)
        pc = base + off
        try:
            text = format_insn(decode(word), pc)
        except DecodeError as err:
            text = f".inst {word:#010x}  // {err.reason.value}"
        yield pc, word, text


def _print_lines(data: bytes, base: int, symbols: dict[int, str] | None = None) -> None:
    for pc, word, text in iter_disassembly(data, base=base):
        if symbols and pc in symbols:
            print(f"\n{pc:016x} <{symbols[pc]}>:")
        print(f"{pc:8x}:\t{word:08x} \t{text.replace(' ', chr(9), 1)}")


def _cmd_dis(args: argparse.Namespace) -> int:
    if args.elf:
        return _dis_elf(Path(args.elf), args.section)
    if args.file:
        data = Path(args.file).read_bytes()
        _print_lines(data, args.base)
        return 0
    if not args.words:
        print("dis: give hex words, --file FILE or --elf FILE", file=sys.stderr)
        return 2
    status = 0
    pc = args.base
    for token in args.words:
        try:
            word = int(token, 16)
        except ValueError:
            print(f"dis: {token!r} is not a hex word", file=sys.stderr)
            return 2
        try:
            text = format_insn(decode(word), pc)
        except DecodeError as err:
            text = f"<{err}>"
            status = 1
        print(f"{pc:8x}:\t{word:08x} \t{text.replace(' ', chr(9), 1)}")
        pc += 4
    return status


def _dis_elf(path: Path, only: str | None) -> int:
    try:
        from elftools.common.exceptions import ELFError
        from elftools.elf.elffile import ELFFile
        from elftools.elf.sections import SymbolTableSection
    except ImportError:
        print("dis --elf needs pyelftools: pip install 'aarch64insn[sim]'", file=sys.stderr)
        return 2
    try:
        with path.open("rb") as fh:
            elf = ELFFile(fh)
            if elf["e_machine"] != "EM_AARCH64":
                print(f"{path}: not an AArch64 ELF file (e_machine={elf['e_machine']})", file=sys.stderr)
                return 2
            syms: dict[int, dict[int, str]] = {}
            for sec in elf.iter_sections():
                if isinstance(sec, SymbolTableSection):
                    for sym in sec.iter_symbols():
                        if sym["st_info"]["type"] == "STT_FUNC" and sym.name:
                            syms.setdefault(sym["st_shndx"] if isinstance(sym["st_shndx"], int) else -1, {})[
                                sym["st_value"]
                            ] = sym.name
            print(f"\n{path}:     file format elf64-littleaarch64\n")
            for idx, sec in enumerate(elf.iter_sections()):
                if not sec["sh_flags"] & 0x4 or sec["sh_type"] != "SHT_PROGBITS":
                    continue
                if only and sec.name != only:
                    continue
                print(f"\nDisassembly of section {sec.name}:")
                base = sec["sh_addr"]
                table = syms.get(idx, {})
                rel = {(base + (v - base if elf["e_type"] != "ET_REL" else v)): n for v, n in table.items()}
                _print_lines(sec.data(), base, rel)
    except BrokenPipeError:
        raise
    except (ELFError, OSError) as err:
        print(f"{path}: {err}", file=sys.stderr)
        return 2
    return 0


def _cmd_asm(args: argparse.Namespace) -> int:
    from .asm import assemble_listing
    from .errors import AsmSyntaxError, EncodeError

    if args.file == "-":
        source = sys.stdin.read()
    elif args.file:
        try:
            source = Path(args.file).read_text()
        except OSError as err:
            print(f"asm: {err}", file=sys.stderr)
            return 2
    elif args.text:
        source = "\n".join(args.text)
    else:
        print("asm: give instruction text, or -f FILE (- for stdin)", file=sys.stderr)
        return 2
    try:
        listing = assemble_listing(source, base=args.base)
    except (AsmSyntaxError, EncodeError) as err:
        print(f"asm: error: {err}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_bytes(listing.data)
        return 0
    names = {addr: name for name, addr in listing.symbols.items()}
    data = listing.data
    for off in range(0, len(data) - len(data) % 4, 4):
        pc = args.base + off
        if pc in names:
            print(f"{pc:016x} <{names[pc]}>:")
        word = int.from_bytes(data[off : off + 4], "little")
        try:
            text = format_insn(decode(word), pc)
        except DecodeError:
            text = f".word {word:#010x}"
        print(f"{pc:8x}:\t{word:08x} \t{text.replace(' ', chr(9), 1)}")
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    try:
        word = int(args.word, 16)
        insn = decode(word)
    except ValueError as err:
        print(f"explain: {err}", file=sys.stderr)
        return 1
    print(f"{word:08x}  {format_insn(insn, args.pc)}")
    print(f"encoding  {insn.id}" + (f"  (printed as alias {insn.alias.id})" if insn.alias else ""))
    if insn.unpredictable:
        print(f"CONSTRAINED UNPREDICTABLE: {insn.unpredictable}")
    print()
    for view in insn.explain():
        span = f"{view.msb}" if view.msb == view.lsb else f"{view.msb}:{view.lsb}"
        kind = "fixed" if view.fixed else f"= {view.value:#x}"
        print(f"  {span:>6}  {view.bits.bin:>26}  {view.name:<8} {kind}")
    preds = insn.kernel_predicates
    if preds:
        print("\nkernel predicates: " + ", ".join(f"aarch64_insn_is_{p}" for p in preds))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run

    run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m aarch64insn``."""
    parser = argparse.ArgumentParser(prog="aarch64insn", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("dis", help="disassemble hex words, a raw file or an ELF file")
    p.add_argument("words", nargs="*", help="32-bit words in hex")
    p.add_argument("--file", help="raw little-endian binary")
    p.add_argument("--elf", help="ELF file: disassemble its executable sections")
    p.add_argument("--section", help="with --elf: only this section")
    p.add_argument("--base", type=lambda s: int(s, 0), default=0, help="address of the first word")
    p.set_defaults(func=_cmd_dis)
    p = sub.add_parser("asm", help="assemble a line, a file or stdin")
    p.add_argument("text", nargs="*", help="instruction text (one instruction per argument)")
    p.add_argument("-f", "--file", help="source file with labels and directives; - for stdin")
    p.add_argument("-o", "--output", help="write the raw little-endian bytes to this file")
    p.add_argument("--base", type=lambda s: int(s, 0), default=0, help="address of the first byte")
    p.set_defaults(func=_cmd_asm)
    p = sub.add_parser("explain", help="show a word's encoding diagram")
    p.add_argument("word")
    p.add_argument("--pc", type=lambda s: int(s, 0), default=0)
    p.set_defaults(func=_cmd_explain)
    p = sub.add_parser("demo", help="build the arm64 ftrace patch-site words with the kernel mirror")
    p.set_defaults(func=_cmd_demo)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, as objdump does
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
