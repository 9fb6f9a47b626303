"""Load AArch64 relocatable objects (``ET_REL``) into a simulated :class:`Memory`.

This is a small module loader in the spirit of the kernel's
``arch/arm64/kernel/module.c``: it lays out the object's ``SHF_ALLOC`` sections
at a given base, builds its symbol table, binds undefined symbols through a
resolver, applies the AArch64 relocations GCC -O2 emits for kernel-style code,
and reads ``__patchable_function_entries`` as the kernel's ftrace does.

Layout (each class starts on a new page and becomes one memory region)::

    base ─► text    r-x   SHF_EXECINSTR sections in file order, then the veneers
            rodata  r--   other read-only sections
            data    rw-   SHF_WRITE sections (.data, .bss, __patchable_function_entries)

Relocations (ELF for the Arm 64-bit Architecture, "Static AArch64 relocations").
``S`` is the symbol's address, ``A`` the addend, ``P`` the place, ``Page(x)`` is
``x & ~0xfff``; ``X`` is the computed value, checked before it is written:

    ======================  ==================  =========================  ================================
    relocation              X                   written into               overflow check
    ======================  ==================  =========================  ================================
    ABS64 / ABS32 / ABS16   S+A                 data word                  -2^(n-1) <= X < 2^n
    PREL64 / PREL32/PREL16  S+A-P               data word                  -2^(n-1) <= X < 2^n
    MOVW_UABS_G0..G3 (_NC)  S+A                 MOVZ/MOVK imm16 =          0 <= X < 2^(16(g+1))
                                                X[16g+15:16g]              (none for _NC and G3)
    LD_PREL_LO19            S+A-P               LDR (literal) imm19        -2^20 <= X < 2^20
    ADR_PREL_LO21           S+A-P               ADR immhi:immlo            -2^20 <= X < 2^20
    ADR_PREL_PG_HI21 (_NC)  Page(S+A)-Page(P)   ADRP immhi:immlo = X>>12   -2^32 <= X < 2^32 (not _NC)
    ADD_ABS_LO12_NC         S+A                 ADD imm12 = X[11:0]        none
    LDSTn_ABS_LO12_NC       S+A                 LDR/STR imm12 =            X[k-1:0] == 0, k=log2(n/8)
                                                X[11:k]
    TSTBR14                 S+A-P               TBZ/TBNZ imm14             -2^15 <= X < 2^15
    CONDBR19                S+A-P               B.cond/CBZ/CBNZ imm19      -2^20 <= X < 2^20
    JUMP26 / CALL26         S+A-P               B/BL imm26                 -2^27 <= X < 2^27, else veneer
    ======================  ==================  =========================  ================================

Every PC-relative instruction target must also be a multiple of 4.

A CALL26/JUMP26 to an external (undefined or absolute) symbol that is out of
BL range goes through a veneer placed at the end of the object's text, as a
module PLT does: ``ADRP x16, target ; ADD x16, x16, :lo12:target ; BR x16``
(AAPCS64 lets veneers clobber IP0/IP1).  One veneer per distinct target.

Bad input never escapes as a pyelftools or struct exception: everything is
reported as :class:`ElfLoadError` naming the file, the section or relocation,
the symbol, the place and the offending value.  Memory is changed only when the
whole object has been laid out and relocated.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from elftools.common.exceptions import ELFError
from elftools.construct import ConstructError
from elftools.elf.elffile import ELFFile
from elftools.elf.enums import ENUM_RELOC_TYPE_AARCH64
from elftools.elf.relocation import RelocationSection
from elftools.elf.sections import SymbolTableSection

from ftrace_sim.errors import ElfLoadError, MapError
from ftrace_sim.layout import BL_RANGE, PAGE_SIZE, align_up
from ftrace_sim.memory import Memory, Perm, Region

__all__ = [
    "MAX_OBJECT_SIZE",
    "MCOUNT_SYMBOL",
    "PATCHABLE_SECTION",
    "SUPPORTED_RELOCATIONS",
    "VENEER_SIZE",
    "AppliedRelocation",
    "LoadedObject",
    "LoadedSection",
    "Resolver",
    "Symbol",
    "Veneer",
    "load_object",
    "resolver_from",
]

Resolver = Callable[[str], "int | None"]
"""Maps an undefined symbol's name to its address, or None if it is unknown."""

PATCHABLE_SECTION = "__patchable_function_entries"
"""The section GCC's -fpatchable-function-entry fills with one absolute address per function."""

MCOUNT_SYMBOL = "_mcount"
"""The symbol -pg calls; every CALL26 against it is an mcount call site."""

VENEER_SIZE = 12
"""Bytes of one veneer: ADRP, ADD, BR."""

MAX_OBJECT_SIZE = 1 << 30
"""Largest address span one object may occupy (1 GiB): a corrupt size is refused, not allocated."""

# ELF constants (ELF gABI; values as in <elf.h>).
_ELFMAG = b"\x7fELF"
_ELFCLASS64 = 2
_ELFDATA2LSB = 1
_SHF_WRITE = 0x1
_SHF_ALLOC = 0x2
_SHF_EXECINSTR = 0x4
_SHF_TLS = 0x400
_SHN_UNDEF = "SHN_UNDEF"
_SHN_ABS = "SHN_ABS"
_SHN_COMMON = "SHN_COMMON"
_LOADABLE_TYPES = frozenset(
    {"SHT_PROGBITS", "SHT_NOBITS", "SHT_INIT_ARRAY", "SHT_FINI_ARRAY", "SHT_PREINIT_ARRAY", "SHT_NOTE"}
)

_MASK64 = (1 << 64) - 1

# Instruction words of the veneer, kept here until the aarch64insn encoder can build them.
# TODO(aarch64insn): build these with aarch64insn.build.adrp / add / br.
_ADRP_X16 = 0x90000010  # adrp x16, .
_ADD_X16_X16 = 0x91000210  # add x16, x16, #0
_BR_X16 = 0xD61F0200  # br x16


# ---------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Symbol:
    """A symbol of a loaded object, with its final address.

    ``kind`` and ``binding`` are the ELF names without prefix (``FUNC``,
    ``OBJECT``, ``NOTYPE``, ``SECTION``; ``LOCAL``, ``GLOBAL``, ``WEAK``);
    ``section`` is the defining section's name, or None for an absolute symbol.
    """

    name: str
    address: int
    size: int
    kind: str
    binding: str
    section: str | None

    @property
    def is_global(self) -> bool:
        """True for GLOBAL and WEAK symbols (the ones other objects may bind to)."""
        return self.binding in ("GLOBAL", "WEAK")

    def __contains__(self, addr: object) -> bool:
        return isinstance(addr, int) and self.address <= addr < self.address + self.size


@dataclass(frozen=True, slots=True)
class LoadedSection:
    """Where one SHF_ALLOC section of the object was placed."""

    name: str
    index: int
    address: int
    size: int
    align: int
    perms: Perm
    nobits: bool

    @property
    def end(self) -> int:
        """One past the section's last byte."""
        return self.address + self.size


@dataclass(frozen=True, slots=True)
class Veneer:
    """A long-branch stub: ``ADRP x16 ; ADD x16 ; BR x16`` at ``address``, reaching ``target``."""

    address: int
    target: int
    symbol: str


@dataclass(frozen=True, slots=True)
class AppliedRelocation:
    """One relocation as applied: for inspection, tracing and tests.

    ``value`` is the X of the relocation formula (before it is cut into the
    instruction field); for a branch through a veneer it is the distance to the
    veneer, and ``veneer`` is the veneer's address.
    """

    type: str
    section: str
    offset: int
    place: int
    symbol: str
    symbol_value: int
    addend: int
    value: int
    veneer: int | None = None


@dataclass(slots=True)
class LoadedObject:
    """An object file loaded into memory.

    Attributes:
        name: the file name (or ``<bytes>``).
        base: the address the object was loaded at.
        range: the addresses it occupies, ``range(base, end)`` (regions are page-rounded).
        sections: SHF_ALLOC sections by name.
        symbols: defined symbols by name.  Section symbols are named after their
            section; mapping symbols (``$x``, ``$d``) are left out.  When names
            clash a GLOBAL/WEAK symbol wins over a LOCAL one, and a named symbol
            over a section symbol.
        imports: the undefined symbols that relocations referenced, and the
            addresses the resolver gave them (0 for an unresolved weak symbol).
        patch_sites: the ``__patchable_function_entries`` records as the kernel
            reads them: each the absolute address of a function's first
            patchable NOP, in section order.
        mcount_sites: places of the ``BL _mcount`` calls of a ``-pg`` object
            (what recordmcount would collect into ``__mcount_loc``).
        veneers: long-branch stubs the loader created.
        relocations: every relocation applied, in file order.
        regions: the memory regions that hold the object.
    """

    name: str
    base: int
    range: range
    sections: dict[str, LoadedSection]
    symbols: dict[str, Symbol]
    imports: dict[str, int]
    patch_sites: list[int]
    mcount_sites: list[int]
    veneers: list[Veneer]
    relocations: list[AppliedRelocation]
    regions: list[Region] = field(default_factory=list)

    def address_of(self, name: str) -> int:
        """Return the address of symbol ``name`` (KeyError naming the object if it is not defined)."""
        try:
            return self.symbols[name].address
        except KeyError:
            raise KeyError(f"{self.name}: no symbol {name!r}") from None

    def function_at(self, addr: int) -> Symbol | None:
        """Return the FUNC symbol whose ``[address, address + size)`` contains ``addr``, if any."""
        for sym in self.symbols.values():
            if sym.kind == "FUNC" and addr in sym:
                return sym
        return None

    def functions(self) -> list[Symbol]:
        """Return the FUNC symbols, sorted by address."""
        return sorted((s for s in self.symbols.values() if s.kind == "FUNC"), key=lambda s: s.address)


def resolver_from(*objects: LoadedObject, extra: Mapping[str, int] | None = None) -> Resolver:
    """Return a resolver that looks names up in ``extra`` first, then in the objects' global symbols."""
    table: dict[str, int] = {}
    for obj in reversed(objects):
        table.update({s.name: s.address for s in obj.symbols.values() if s.is_global})
    if extra:
        table.update(extra)
    return table.get


# -------------------------------------------------------- relocation helpers


class _FieldRangeError(Exception):
    """Raised by a field helper; turned into an ElfLoadError with the relocation's context."""


def _check_signed(value: int, bits: int, what: str) -> None:
    if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
        raise _FieldRangeError(f"{what} {value:#x} out of range [-{1 << (bits - 1):#x}, {1 << (bits - 1):#x})")


def _check_aligned(value: int, align: int, what: str) -> None:
    if value & (align - 1):
        raise _FieldRangeError(f"{what} {value:#x} is not a multiple of {align}")


def _data_field(value: int, nbytes: int) -> bytes:
    """ABS16/32/64, PREL16/32/64: a little-endian data word, checked for -2^(n-1) <= X < 2^n."""
    bits = nbytes * 8
    if bits < 64 and not -(1 << (bits - 1)) <= value < 1 << bits:
        raise _FieldRangeError(f"value {value:#x} out of range [-{1 << (bits - 1):#x}, {1 << bits:#x})")
    return (value & ((1 << bits) - 1)).to_bytes(nbytes, "little")


def _branch26_field(word: int, value: int) -> int:
    """JUMP26, CALL26: B/BL imm26 (bits 25:0) = X[27:2]."""
    _check_aligned(value, 4, "branch offset")
    _check_signed(value, 28, "branch offset")
    return (word & ~0x03FFFFFF) | ((value >> 2) & 0x03FFFFFF)


def _imm19_field(word: int, value: int) -> int:
    """CONDBR19, LD_PREL_LO19: B.cond/CBZ/CBNZ/LDR (literal) imm19 (bits 23:5) = X[20:2]."""
    _check_aligned(value, 4, "offset")
    _check_signed(value, 21, "offset")
    return (word & ~(0x7FFFF << 5)) | (((value >> 2) & 0x7FFFF) << 5)


def _imm14_field(word: int, value: int) -> int:
    """TSTBR14: TBZ/TBNZ imm14 (bits 18:5) = X[15:2]."""
    _check_aligned(value, 4, "offset")
    _check_signed(value, 16, "offset")
    return (word & ~(0x3FFF << 5)) | (((value >> 2) & 0x3FFF) << 5)


def _adr_field(word: int, imm: int) -> int:
    """ADR/ADRP immediate: immlo (bits 30:29) = imm[1:0], immhi (bits 23:5) = imm[20:2]."""
    return (word & ~((0x3 << 29) | (0x7FFFF << 5))) | ((imm & 0x3) << 29) | (((imm >> 2) & 0x7FFFF) << 5)


def _adr_lo21_field(word: int, value: int) -> int:
    """ADR_PREL_LO21: ADR imm = X[20:0], checked for -2^20 <= X < 2^20."""
    _check_signed(value, 21, "offset")
    return _adr_field(word, value)


def _adrp_field(word: int, value: int, *, checked: bool) -> int:
    """ADR_PREL_PG_HI21 (_NC): ADRP imm = X[32:12], X = Page(S+A) - Page(P)."""
    if checked:
        _check_signed(value, 33, "page offset")
    return _adr_field(word, value >> 12)


def _lo12_field(word: int, value: int, shift: int) -> int:
    """ADD_ABS_LO12_NC (shift 0), LDSTn_ABS_LO12_NC: imm12 (bits 21:10) = X[11:shift]."""
    _check_aligned(value & 0xFFF, 1 << shift, f"low 12 bits of {1 << shift}-byte access")
    return (word & ~(0xFFF << 10)) | (((value & 0xFFF) >> shift) << 10)


def _movw_field(word: int, value: int, group: int, *, checked: bool) -> int:
    """MOVW_UABS_Gn (_NC): MOVZ/MOVK imm16 (bits 20:5) = X[16n+15:16n]; checked: 0 <= X < 2^(16(n+1))."""
    if checked and not 0 <= value < 1 << (16 * (group + 1)):
        raise _FieldRangeError(f"value {value:#x} out of range [0, {1 << (16 * (group + 1)):#x})")
    return (word & ~(0xFFFF << 5)) | (((value >> (16 * group)) & 0xFFFF) << 5)


def _veneer_words(place: int, target: int) -> bytes:
    """The 12 bytes of a veneer at ``place`` that jumps to ``target`` through x16."""
    page_delta = (target & ~0xFFF) - (place & ~0xFFF)
    _check_signed(page_delta, 33, "veneer page offset")
    adrp = _adrp_field(_ADRP_X16, page_delta, checked=True)
    add = _lo12_field(_ADD_X16_X16, target, 0)
    return struct.pack("<III", adrp, add, _BR_X16)


# Relocation recipes: type number -> (name, formula, how to write X).
# formula: "abs" S+A, "prel" S+A-P, "page" Page(S+A)-Page(P).
@dataclass(frozen=True, slots=True)
class _Recipe:
    name: str
    formula: str
    data_bytes: int = 0  # > 0: a data word of that many bytes
    insn: Callable[[int, int], int] | None = None  # (word, X) -> new word
    branch: bool = False  # CALL26/JUMP26: may go through a veneer


def _movw(group: int, checked: bool) -> Callable[[int, int], int]:
    return lambda word, value: _movw_field(word, value, group, checked=checked)


def _lo12(shift: int) -> Callable[[int, int], int]:
    return lambda word, value: _lo12_field(word, value, shift)


_RECIPES: dict[int, _Recipe] = {
    257: _Recipe("R_AARCH64_ABS64", "abs", data_bytes=8),
    258: _Recipe("R_AARCH64_ABS32", "abs", data_bytes=4),
    259: _Recipe("R_AARCH64_ABS16", "abs", data_bytes=2),
    260: _Recipe("R_AARCH64_PREL64", "prel", data_bytes=8),
    261: _Recipe("R_AARCH64_PREL32", "prel", data_bytes=4),
    262: _Recipe("R_AARCH64_PREL16", "prel", data_bytes=2),
    263: _Recipe("R_AARCH64_MOVW_UABS_G0", "abs", insn=_movw(0, True)),
    264: _Recipe("R_AARCH64_MOVW_UABS_G0_NC", "abs", insn=_movw(0, False)),
    265: _Recipe("R_AARCH64_MOVW_UABS_G1", "abs", insn=_movw(1, True)),
    266: _Recipe("R_AARCH64_MOVW_UABS_G1_NC", "abs", insn=_movw(1, False)),
    267: _Recipe("R_AARCH64_MOVW_UABS_G2", "abs", insn=_movw(2, True)),
    268: _Recipe("R_AARCH64_MOVW_UABS_G2_NC", "abs", insn=_movw(2, False)),
    269: _Recipe("R_AARCH64_MOVW_UABS_G3", "abs", insn=_movw(3, False)),
    273: _Recipe("R_AARCH64_LD_PREL_LO19", "prel", insn=_imm19_field),
    274: _Recipe("R_AARCH64_ADR_PREL_LO21", "prel", insn=_adr_lo21_field),
    275: _Recipe("R_AARCH64_ADR_PREL_PG_HI21", "page", insn=lambda w, v: _adrp_field(w, v, checked=True)),
    276: _Recipe("R_AARCH64_ADR_PREL_PG_HI21_NC", "page", insn=lambda w, v: _adrp_field(w, v, checked=False)),
    277: _Recipe("R_AARCH64_ADD_ABS_LO12_NC", "abs", insn=_lo12(0)),
    278: _Recipe("R_AARCH64_LDST8_ABS_LO12_NC", "abs", insn=_lo12(0)),
    279: _Recipe("R_AARCH64_TSTBR14", "prel", insn=_imm14_field),
    280: _Recipe("R_AARCH64_CONDBR19", "prel", insn=_imm19_field),
    282: _Recipe("R_AARCH64_JUMP26", "prel", insn=_branch26_field, branch=True),
    283: _Recipe("R_AARCH64_CALL26", "prel", insn=_branch26_field, branch=True),
    284: _Recipe("R_AARCH64_LDST16_ABS_LO12_NC", "abs", insn=_lo12(1)),
    285: _Recipe("R_AARCH64_LDST32_ABS_LO12_NC", "abs", insn=_lo12(2)),
    286: _Recipe("R_AARCH64_LDST64_ABS_LO12_NC", "abs", insn=_lo12(3)),
    299: _Recipe("R_AARCH64_LDST128_ABS_LO12_NC", "abs", insn=_lo12(4)),
}
_R_AARCH64_NONE = (0, 256)
_RELOC_NAMES: dict[int, str] = {v: k for k, v in ENUM_RELOC_TYPE_AARCH64.items()}

SUPPORTED_RELOCATIONS: frozenset[str] = frozenset(r.name for r in _RECIPES.values())
"""Names of the relocation types the loader applies (R_AARCH64_NONE is accepted and ignored)."""


def _reloc_name(rtype: int) -> str:
    if rtype in _RECIPES:
        return _RECIPES[rtype].name
    return _RELOC_NAMES.get(rtype, f"R_AARCH64_<{rtype}>")


# ------------------------------------------------------------------- loading


@dataclass(slots=True)
class _Sec:
    """A section being laid out."""

    index: int
    name: str
    size: int
    align: int
    perms: Perm
    nobits: bool
    data: bytes
    address: int = 0


@dataclass(slots=True)
class _Sym:
    """A symbol-table entry being bound."""

    name: str
    value: int
    size: int
    kind: str
    binding: str
    shndx: int | str


@dataclass(slots=True)
class _Rel:
    """A relocation waiting to be applied."""

    section: _Sec
    offset: int
    rtype: int
    symbol: _Sym
    addend: int


def _read_source(source: str | os.PathLike[str] | bytes | bytearray) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<bytes>"
    path = os.fspath(source)
    try:
        with open(path, "rb") as f:
            return f.read(), os.path.basename(path)
    except OSError as e:
        raise ElfLoadError(f"{path}: cannot read: {e.strerror or e}") from e


def _check_ident(data: bytes, name: str) -> None:
    """Check what pyelftools would otherwise report vaguely: size, magic, class, byte order."""
    if len(data) < 64:
        raise ElfLoadError(f"{name}: truncated: {len(data)} bytes, an ELF64 header needs 64")
    if data[:4] != _ELFMAG:
        raise ElfLoadError(f"{name}: not an ELF file (magic {data[:4].hex()}, expected 7f454c46)")
    if data[4] != _ELFCLASS64:
        raise ElfLoadError(f"{name}: EI_CLASS is {data[4]}, expected {_ELFCLASS64} (ELFCLASS64)")
    if data[5] != _ELFDATA2LSB:
        raise ElfLoadError(f"{name}: EI_DATA is {data[5]}, expected {_ELFDATA2LSB} (ELFDATA2LSB, little-endian)")


def _int(value: Any) -> int:
    if not isinstance(value, int):
        raise ElfLoadError(f"unexpected non-integer field value {value!r}")
    return value


class _Loader:
    """One load: parse, lay out, bind, relocate, then map."""

    def __init__(self, data: bytes, name: str, base: int, resolve: Resolver | None) -> None:
        self.data = data
        self.name = name
        self.base = base
        self.resolve = resolve
        self.sections: dict[int, _Sec] = {}
        self.symtab: list[_Sym] = []
        self.relocs: list[_Rel] = []
        self.imports: dict[str, int] = {}

    def fail(self, message: str) -> ElfLoadError:
        """An ElfLoadError whose message starts with the object's name."""
        return ElfLoadError(f"{self.name}: {message}")

    # -- parsing -----------------------------------------------------------

    def parse(self) -> None:
        """Read the header, the SHF_ALLOC sections, the symbol table and the RELA relocations."""
        elf = ELFFile(BytesIO(self.data))
        header = elf.header
        if header["e_machine"] != "EM_AARCH64":
            raise self.fail(f"e_machine is {header['e_machine']}, expected EM_AARCH64")
        if header["e_type"] != "ET_REL":
            raise self.fail(f"e_type is {header['e_type']}, expected ET_REL (a relocatable object)")
        raw_sections = list(elf.iter_sections())
        for index, sec in enumerate(raw_sections):
            hdr = sec.header
            sh_type = hdr["sh_type"]
            size = _int(hdr["sh_size"])
            if sh_type not in ("SHT_NOBITS", "SHT_NULL") and _int(hdr["sh_offset"]) + size > len(self.data):
                raise self.fail(
                    f"section {sec.name!r} (offset {hdr['sh_offset']:#x}, size {size:#x}) extends past "
                    f"the end of the file ({len(self.data):#x} bytes): truncated?"
                )
            flags = _int(hdr["sh_flags"])
            if not flags & _SHF_ALLOC:
                continue
            if size > MAX_OBJECT_SIZE:
                raise self.fail(f"section {sec.name!r}: size {size:#x} exceeds the {MAX_OBJECT_SIZE:#x}-byte limit")
            if flags & _SHF_TLS:
                raise self.fail(f"section {sec.name!r}: thread-local sections (SHF_TLS) are not supported")
            if sh_type not in _LOADABLE_TYPES:
                raise self.fail(f"section {sec.name!r}: cannot load an SHF_ALLOC section of type {sh_type}")
            align = max(_int(hdr["sh_addralign"]), 1)
            if align & (align - 1):
                raise self.fail(f"section {sec.name!r}: sh_addralign {align} is not a power of two")
            perms = Perm.RX if flags & _SHF_EXECINSTR else Perm.RW if flags & _SHF_WRITE else Perm.R
            nobits = sh_type == "SHT_NOBITS"
            data = b"" if nobits else bytes(sec.data())
            self.sections[index] = _Sec(index, sec.name, size, align, perms, nobits, data)

        symtabs = [s for s in raw_sections if isinstance(s, SymbolTableSection) and s.header["sh_type"] == "SHT_SYMTAB"]
        if len(symtabs) > 1:
            raise self.fail(f"{len(symtabs)} SHT_SYMTAB sections, expected at most one")
        if symtabs:
            for sym in symtabs[0].iter_symbols():
                shndx = sym["st_shndx"]
                self.symtab.append(
                    _Sym(
                        sym.name,
                        _int(sym["st_value"]),
                        _int(sym["st_size"]),
                        str(sym["st_info"]["type"]).removeprefix("STT_"),
                        str(sym["st_info"]["bind"]).removeprefix("STB_"),
                        shndx if isinstance(shndx, (int, str)) else str(shndx),
                    )
                )

        for sec in raw_sections:
            sh_type = sec.header["sh_type"]
            if sh_type == "SHT_REL":
                raise self.fail(f"section {sec.name!r}: SHT_REL relocations are not used on AArch64 (expected RELA)")
            if sh_type != "SHT_RELA" or not isinstance(sec, RelocationSection):
                continue
            target_index = _int(sec.header["sh_info"])
            if target_index not in self.sections:
                if 0 < target_index < len(raw_sections):
                    continue  # relocations of a non-allocated section (debug info): not loaded
                raise self.fail(f"relocation section {sec.name!r}: sh_info {target_index} names no section")
            if not symtabs or _int(sec.header["sh_link"]) != raw_sections.index(symtabs[0]):
                raise self.fail(f"relocation section {sec.name!r}: sh_link does not name the symbol table")
            target = self.sections[target_index]
            for rel in sec.iter_relocations():
                sym_index = _int(rel["r_info_sym"])
                if sym_index >= len(self.symtab):
                    raise self.fail(
                        f"relocation {_reloc_name(_int(rel['r_info_type']))} at {target.name}+"
                        f"{rel['r_offset']:#x}: symbol index {sym_index} out of range "
                        f"(the symbol table has {len(self.symtab)} entries)"
                    )
                self.relocs.append(
                    _Rel(
                        target,
                        _int(rel["r_offset"]),
                        _int(rel["r_info_type"]),
                        self.symtab[sym_index],
                        _int(rel["r_addend"]),
                    )
                )

    # -- symbols -----------------------------------------------------------

    def symbol_value(self, sym: _Sym, rel: _Rel | None = None) -> int:
        """The address a symbol stands for (sections must be placed)."""
        if sym.shndx == _SHN_UNDEF:
            return self.bind(sym, rel)
        if sym.shndx == _SHN_ABS:
            return sym.value
        if sym.shndx == _SHN_COMMON:
            raise self.fail(f"symbol {sym.name!r} is SHN_COMMON: build with -fno-common")
        if not isinstance(sym.shndx, int) or sym.shndx not in self.sections:
            raise self.fail(f"symbol {sym.name!r} is defined in section {sym.shndx}, which is not loaded")
        return self.sections[sym.shndx].address + sym.value

    def bind(self, sym: _Sym, rel: _Rel | None) -> int:
        """Resolve an undefined symbol once (weak and unresolved: 0)."""
        if sym.name in self.imports:
            return self.imports[sym.name]
        value = self.resolve(sym.name) if self.resolve is not None else None
        if value is None:
            if sym.binding == "WEAK":
                value = 0
            else:
                used = f" (referenced by {_reloc_name(rel.rtype)} at {rel.section.name}+{rel.offset:#x})" if rel else ""
                raise self.fail(f"undefined symbol {sym.name!r}{used}")
        if not 0 <= value <= _MASK64:
            raise self.fail(f"resolver gave {sym.name!r} the address {value:#x}, outside the 64-bit address space")
        self.imports[sym.name] = value
        return value

    @staticmethod
    def display_name(sym: _Sym, sections: Mapping[int, _Sec]) -> str:
        """The name to show for a symbol: a section symbol is named after its section."""
        if sym.kind == "SECTION" and isinstance(sym.shndx, int) and sym.shndx in sections:
            return sections[sym.shndx].name
        return sym.name

    # -- layout ------------------------------------------------------------

    def place(self, secs: Iterable[_Sec], cursor: int) -> int:
        """Give each section an aligned address from ``cursor`` on; return the end."""
        for sec in secs:
            cursor = align_up(cursor, sec.align)
            sec.address = cursor
            cursor += sec.size
        return cursor

    def run(self, memory: Memory) -> LoadedObject:
        """Lay out, make veneers, relocate into private images, then map them."""
        if self.base & (PAGE_SIZE - 1) or not 0 <= self.base <= _MASK64:
            raise self.fail(f"load base {self.base:#x} is not a page-aligned 64-bit address")
        ordered = sorted(self.sections.values(), key=lambda s: s.index)
        classes = {
            Perm.RX: [s for s in ordered if s.perms == Perm.RX],
            Perm.R: [s for s in ordered if s.perms == Perm.R],
            Perm.RW: [s for s in ordered if s.perms == Perm.RW],
        }

        # Text first: veneer decisions need the places of branches, which are all in text.
        text_start = self.base
        text_end = self.place(classes[Perm.RX], text_start)
        veneer_targets: dict[int, str] = {}
        for rel in self.relocs:
            recipe = _RECIPES.get(rel.rtype)
            if recipe is None or not recipe.branch or rel.symbol.shndx not in (_SHN_UNDEF, _SHN_ABS):
                continue
            target = (self.symbol_value(rel.symbol, rel) + rel.addend) & _MASK64
            place = rel.section.address + rel.offset
            if not -BL_RANGE <= _signed64(target - place) < BL_RANGE and target not in veneer_targets:
                veneer_targets[target] = rel.symbol.name
        veneer_start = align_up(text_end, 8)
        veneers = {
            target: Veneer(veneer_start + i * VENEER_SIZE, target, sym)
            for i, (target, sym) in enumerate(veneer_targets.items())
        }
        if veneers:
            text_end = veneer_start + len(veneers) * VENEER_SIZE

        spans: dict[Perm, tuple[int, int]] = {Perm.RX: (text_start, text_end)}
        cursor = align_up(text_end, PAGE_SIZE)
        for perms in (Perm.R, Perm.RW):
            start = cursor
            end = self.place(classes[perms], start)
            spans[perms] = (start, end)
            cursor = align_up(end, PAGE_SIZE)
        if cursor - self.base > MAX_OBJECT_SIZE:
            raise self.fail(
                f"object would span {cursor - self.base:#x} bytes, more than the {MAX_OBJECT_SIZE:#x}-byte limit"
            )
        if cursor - 1 > _MASK64:
            raise self.fail(f"object does not fit below 2^64 when loaded at {self.base:#x}")

        images = {perms: bytearray(end - start) for perms, (start, end) in spans.items()}
        for perms, secs in classes.items():
            start = spans[perms][0]
            for sec in secs:
                if not sec.nobits:
                    off = sec.address - start
                    images[perms][off : off + sec.size] = sec.data

        for veneer in veneers.values():
            off = veneer.address - text_start
            try:
                images[Perm.RX][off : off + VENEER_SIZE] = _veneer_words(veneer.address, veneer.target)
            except _FieldRangeError as e:
                raise self.fail(
                    f"veneer at {veneer.address:#x} for {veneer.symbol!r} cannot reach {veneer.target:#x}: {e}"
                ) from None

        applied = [
            self.apply(rel, images[rel.section.perms], spans[rel.section.perms][0], veneers) for rel in self.relocs
        ]
        applied_list = [a for a in applied if a is not None]

        symbols = self.build_symbols()
        patch_sites: list[int] = []
        for sec in ordered:
            if sec.name != PATCHABLE_SECTION:
                continue
            if sec.size % 8:
                raise self.fail(f"section {sec.name!r} has size {sec.size:#x}, not a multiple of 8")
            start = spans[sec.perms][0]
            raw = images[sec.perms][sec.address - start : sec.address - start + sec.size]
            patch_sites.extend(v for (v,) in struct.iter_unpack("<Q", raw))
        mcount_sites = [a.place for a in applied_list if a.symbol == MCOUNT_SYMBOL and a.type == "R_AARCH64_CALL26"]

        regions = self.map(memory, spans, images)
        end = max(r.end for r in regions) if regions else self.base
        return LoadedObject(
            name=self.name,
            base=self.base,
            range=range(self.base, end),
            sections={
                s.name: LoadedSection(s.name, s.index, s.address, s.size, s.align, s.perms, s.nobits) for s in ordered
            },
            symbols=symbols,
            imports=dict(self.imports),
            patch_sites=patch_sites,
            mcount_sites=mcount_sites,
            veneers=list(veneers.values()),
            relocations=applied_list,
            regions=regions,
        )

    # -- relocation --------------------------------------------------------

    def apply(
        self, rel: _Rel, image: bytearray, image_base: int, veneers: Mapping[int, Veneer]
    ) -> AppliedRelocation | None:
        """Apply one relocation to ``image`` (which starts at ``image_base``)."""
        if rel.rtype in _R_AARCH64_NONE:
            return None
        sym_name = self.display_name(rel.symbol, self.sections)
        where = f"{rel.section.name}+{rel.offset:#x}"
        recipe = _RECIPES.get(rel.rtype)
        if recipe is None:
            raise self.fail(
                f"unsupported relocation type {_reloc_name(rel.rtype)} ({rel.rtype}) at {where} against {sym_name!r}"
            )
        width = recipe.data_bytes or 4
        if rel.offset < 0 or rel.offset + width > rel.section.size:
            raise self.fail(
                f"{recipe.name} at {where} against {sym_name!r}: offset {rel.offset:#x} + {width} is outside "
                f"the section (size {rel.section.size:#x})"
            )
        if rel.section.nobits:
            raise self.fail(f"{recipe.name} at {where}: cannot relocate inside SHT_NOBITS section {rel.section.name!r}")
        place = rel.section.address + rel.offset
        sym_value = self.symbol_value(rel.symbol, rel)
        target = sym_value + rel.addend
        if recipe.formula == "abs":
            value = target
        elif recipe.formula == "prel":
            value = _signed64(target - place)
        else:
            value = _signed64((target & ~0xFFF) - (place & ~0xFFF))
        via: int | None = None
        if recipe.branch and (target & _MASK64) in veneers and not -BL_RANGE <= value < BL_RANGE:
            via = veneers[target & _MASK64].address
            value = via - place
        off = place - image_base
        try:
            if recipe.data_bytes:
                image[off : off + width] = _data_field(value, width)
            else:
                assert recipe.insn is not None
                word = int.from_bytes(image[off : off + 4], "little")
                image[off : off + 4] = recipe.insn(word, value).to_bytes(4, "little")
        except _FieldRangeError as e:
            hint = ""
            if recipe.branch:
                hint = " (a veneer is only made for undefined or absolute symbols)"
            raise self.fail(
                f"{recipe.name} against {sym_name!r}{_fmt_addend(rel.addend)} at {where} "
                f"(place {place:#x}, S={sym_value:#x}): {e}{hint}"
            ) from None
        return AppliedRelocation(
            recipe.name, rel.section.name, rel.offset, place, sym_name, sym_value, rel.addend, value, via
        )

    # -- results -----------------------------------------------------------

    def build_symbols(self) -> dict[str, Symbol]:
        """The defined symbols by name (see LoadedObject.symbols for the clash rules)."""

        def rank(s: Symbol) -> int:
            return 2 if s.is_global else 0 if s.kind == "SECTION" else 1

        out: dict[str, Symbol] = {}
        for sym in self.symtab:
            if sym.shndx == _SHN_UNDEF or sym.kind == "FILE":
                continue
            if sym.name.startswith("$"):
                continue  # mapping symbols: $x (code), $d (data)
            if sym.kind != "SECTION" and not sym.name:
                continue
            if isinstance(sym.shndx, int) and sym.shndx not in self.sections:
                continue  # e.g. the section symbol of .note.GNU-stack or .comment
            section = self.sections[sym.shndx].name if isinstance(sym.shndx, int) else None
            name = self.display_name(sym, self.sections)
            entry = Symbol(name, self.symbol_value(sym), sym.size, sym.kind, sym.binding, section)
            if name not in out or rank(entry) > rank(out[name]):
                out[name] = entry
        return out

    def map(
        self, memory: Memory, spans: Mapping[Perm, tuple[int, int]], images: Mapping[Perm, bytearray]
    ) -> list[Region]:
        """Map the images; on a clash unmap what was mapped and report it."""
        suffix = {Perm.RX: "text", Perm.R: "rodata", Perm.RW: "data"}
        regions: list[Region] = []
        try:
            for perms, (start, end) in spans.items():
                if end == start:
                    continue
                size = align_up(end - start, PAGE_SIZE)
                regions.append(memory.map(start, size, perms, f"{self.name}:{suffix[perms]}", images[perms]))
        except MapError as e:
            for region in regions:
                memory.unmap(region.base)
            raise self.fail(f"cannot map the object at {self.base:#x}: {e}") from e
        return regions


def _signed64(value: int) -> int:
    value &= _MASK64
    return value - (1 << 64) if value >> 63 else value


def _fmt_addend(addend: int) -> str:
    if addend == 0:
        return ""
    return f"+{addend:#x}" if addend > 0 else f"-{-addend:#x}"


def load_object(
    memory: Memory,
    source: str | os.PathLike[str] | bytes | bytearray,
    base: int,
    resolve: Resolver | None = None,
    *,
    name: str | None = None,
) -> LoadedObject:
    """Load the AArch64 relocatable object ``source`` (a path or the file's bytes) at ``base``.

    ``resolve(name)`` gives the address of each undefined symbol (another loaded
    object's symbol, a host function's address ...), or None; an unresolved
    non-weak symbol is an error, an unresolved weak one is 0.  ``name`` overrides
    the name used in messages and region names (default: the file name).

    Returns the :class:`LoadedObject`.  Raises :class:`ElfLoadError` for anything
    that is not a loadable little-endian ELF64 AArch64 ET_REL object, for an
    unsupported or overflowing relocation, an undefined symbol, or a clash with
    memory already mapped; memory is unchanged when it does.
    """
    data, default_name = _read_source(source)
    loader = _Loader(data, name or default_name, base, resolve)
    _check_ident(data, loader.name)
    try:
        loader.parse()
    except ElfLoadError:
        raise
    except (
        ELFError,
        ConstructError,
        struct.error,
        ValueError,
        KeyError,
        IndexError,
        TypeError,
        OverflowError,
        UnicodeDecodeError,
    ) as e:
        raise loader.fail(f"malformed ELF: {type(e).__name__}: {e}") from e
    return loader.run(memory)
