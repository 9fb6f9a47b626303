"""The ELF loader on every committed fixture object, checked against binutils, and on bad input.

Oracles (``@pytest.mark.oracle``, skipped when binutils for AArch64 are missing):

* ``aarch64-linux-gnu-ld`` links the same object with a linker script that puts
  every section at the address the loader chose (undefined symbols bound with
  ``--defsym`` to what the resolver gave); the relocated section bytes must be
  identical.  Where ld inserted its own long-branch stub, both branches must
  reach the same final target.
* ``aarch64-linux-gnu-readelf`` gives the symbol table and the relocations
  (counts per type, the ``__patchable_function_entries`` records).
* capstone decodes the veneers.
"""

from __future__ import annotations

import collections
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import Section
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ftrace_sim
from ftrace_sim import layout
from ftrace_sim.elf import (
    SUPPORTED_RELOCATIONS,
    LoadedObject,
    load_object,
    resolver_from,
)
from ftrace_sim.errors import ElfLoadError, SimError
from ftrace_sim.memory import Memory, Perm

OBJ_DIR = Path(ftrace_sim.__file__).parent / "fixtures" / "obj"
VARIANTS = ("pfe2", "pfe42", "pg")
OBJECTS = ("core", "asm_relocs", "module")
NOP = 0xD503201F
MCOUNT = layout.CORE_TEXT.base + 0x0100_0000  # an address in the core area for -pg's _mcount

LD = "aarch64-linux-gnu-ld"
AS = "aarch64-linux-gnu-as"
READELF = "aarch64-linux-gnu-readelf"

needs_binutils = pytest.mark.skipif(
    shutil.which(LD) is None or shutil.which(AS) is None or shutil.which(READELF) is None,
    reason="binutils-aarch64-linux-gnu is not installed",
)

# Every relocation type the fixtures are written to contain (all that GCC -O2 emits for
# kernel-style code, plus the ones asm_relocs.c adds).  ABS16/PREL16 are supported but unused.
FIXTURE_RELOCATIONS = frozenset(
    f"R_AARCH64_{n}"
    for n in (
        "ABS64 ABS32 PREL64 PREL32 MOVW_UABS_G0 MOVW_UABS_G0_NC MOVW_UABS_G1 MOVW_UABS_G1_NC "
        "MOVW_UABS_G2 MOVW_UABS_G2_NC MOVW_UABS_G3 LD_PREL_LO19 ADR_PREL_LO21 ADR_PREL_PG_HI21 "
        "ADR_PREL_PG_HI21_NC ADD_ABS_LO12_NC LDST8_ABS_LO12_NC LDST16_ABS_LO12_NC LDST32_ABS_LO12_NC "
        "LDST64_ABS_LO12_NC LDST128_ABS_LO12_NC TSTBR14 CONDBR19 JUMP26 CALL26"
    ).split()
)


def obj_path(variant: str, name: str) -> Path:
    return OBJ_DIR / variant / f"{name}.o"


def load_all(variant: str, *, module_base: int = layout.MODULES.base) -> tuple[Memory, dict[str, LoadedObject]]:
    """Core at the core base, asm_relocs right after it, the module at ``module_base``."""
    m = Memory()
    extra = {"_mcount": MCOUNT}
    core = load_object(m, obj_path(variant, "core"), layout.CORE_TEXT.base, resolver_from(extra=extra))
    asm = load_object(m, obj_path(variant, "asm_relocs"), core.range.stop, resolver_from(core, extra=extra))
    module = load_object(m, obj_path(variant, "module"), module_base, resolver_from(core, extra=extra))
    return m, {"core": core, "asm_relocs": asm, "module": module}


def section(elf: ELFFile, name: str) -> Section:
    sec = elf.get_section_by_name(name)
    assert sec is not None, f"no section {name!r}"
    return sec


def run(*args: str | Path) -> str:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{args}: {proc.stderr}"
    return proc.stdout


# ------------------------------------------------------------------ layout


@pytest.mark.parametrize("variant", VARIANTS)
def test_committed_objects_exist(variant: str) -> None:
    for name in OBJECTS:
        assert obj_path(variant, name).is_file()


@pytest.mark.parametrize("variant", VARIANTS)
def test_sections_are_laid_out_aligned_with_permissions(variant: str) -> None:
    m, objs = load_all(variant)
    for obj in objs.values():
        placed = sorted(obj.sections.values(), key=lambda s: s.address)
        for s in placed:
            assert s.address % s.align == 0, s
            assert s.address in obj.range or s.size == 0
            if s.size:
                region = m.region_at(s.address)
                assert region is not None and region.perms == s.perms, (s, region)
                assert m.region_at(s.end - 1) is region
        for a, b in zip(placed, placed[1:], strict=False):
            assert a.end <= b.address, (a, b)
        assert obj.sections[".text"].perms == Perm.RX
        assert obj.sections[".data"].perms == Perm.RW
        assert obj.sections["__patchable_function_entries" if variant != "pg" else ".bss"].perms == Perm.RW
        assert all(r.base % layout.PAGE_SIZE == 0 and r.size % layout.PAGE_SIZE == 0 for r in obj.regions)
    assert objs["core"].sections[".rodata"].perms == Perm.R


@pytest.mark.parametrize("variant", VARIANTS)
def test_unrelocated_bytes_are_copied_and_bss_is_zero(variant: str) -> None:
    m, objs = load_all(variant)
    elf = ELFFile(BytesIO(obj_path(variant, "core").read_bytes()))
    core = objs["core"]
    rodata = section(elf, ".rodata").data()
    relocated = {r.offset + i for r in core.relocations if r.section == ".rodata" for i in range(8)}
    mine = m.peek(core.sections[".rodata"].address, len(rodata))
    assert all(mine[i] == rodata[i] for i in range(len(rodata)) if i not in relocated)
    bss = core.sections[".bss"]
    assert m.read(bss.address, bss.size) == bytes(bss.size)


def test_symbols_are_found_with_addresses() -> None:
    _, objs = load_all("pfe2")
    core = objs["core"]
    assert core.address_of("core_square") == core.sections[".text"].address
    traced = core.symbols["traced_leaf"]
    assert (traced.kind, traced.binding, traced.section) == ("FUNC", "GLOBAL", ".text")
    assert core.symbols["core_mix"].binding == "LOCAL"
    assert core.symbols[".rodata"].kind == "SECTION"
    assert core.symbols[".rodata"].address == core.sections[".rodata"].address
    assert not any(name.startswith("$") for name in core.symbols)
    assert core.function_at(traced.address + 8) == traced
    assert core.function_at(core.sections[".data"].address) is None
    asm = objs["asm_relocs"]
    assert asm.symbols["reloc_abs48"].address == 0x123456789ABC
    assert asm.symbols["reloc_abs48"].section is None
    assert asm.imports == {"core_total64": core.address_of("core_total64"), "traced_leaf": traced.address}
    with pytest.raises(KeyError, match="core.o: no symbol 'nope'"):
        core.address_of("nope")
    names = [f.name for f in core.functions()]
    assert names[0] == "core_square" and "call_module_op" in names


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", OBJECTS)
def test_symbols_match_readelf(variant: str, name: str) -> None:
    _, objs = load_all(variant)
    obj = objs[name]
    by_index = {s.index: s for s in obj.sections.values()}
    out = run(READELF, "-sW", obj_path(variant, name))
    checked = 0
    for line in out.splitlines():
        f = line.split()
        if len(f) != 8 or not f[0].endswith(":") or f[3] not in ("FUNC", "OBJECT", "NOTYPE"):
            continue
        _, value, size, kind, bind, _, ndx, sym = f
        if ndx == "UND" or sym.startswith("$"):
            continue
        expected = int(value, 16) if ndx == "ABS" else by_index[int(ndx)].address + int(value, 16)
        got = obj.symbols[sym]
        assert (got.address, got.size, got.kind, got.binding) == (expected, int(size, 0), kind, bind), sym
        checked += 1
    assert checked >= 5


# ----------------------------------------------------------- patch sites


def traced_functions(obj: LoadedObject) -> list[int]:
    """C functions compiled with a patchable entry: all FUNCs in .text but the notrace one and asm probes."""
    return [
        f.address
        for f in obj.functions()
        if f.section == ".text" and f.name != "core_untraced" and not f.name.startswith("reloc_probe_")
    ] + [f.address for f in obj.functions() if f.name == "reloc_probe_marker"]


@pytest.mark.parametrize("name", OBJECTS)
def test_patch_sites_are_the_function_entries_pfe2(name: str) -> None:
    m, objs = load_all("pfe2")
    obj = objs[name]
    assert sorted(obj.patch_sites) == sorted(traced_functions(obj))
    for site in obj.patch_sites:
        assert m.fetch_u32(site) == NOP and m.fetch_u32(site + 4) == NOP


@pytest.mark.parametrize("name", OBJECTS)
def test_patch_sites_are_two_nops_before_the_entry_pfe42(name: str) -> None:
    m, objs = load_all("pfe42")
    obj = objs[name]
    assert sorted(obj.patch_sites) == sorted(f - 8 for f in traced_functions(obj))
    for site in obj.patch_sites:
        assert site % 8 == 0  # CALL_OPS needs an 8-byte aligned literal slot
        assert [m.fetch_u32(site + 4 * i) for i in range(4)] == [NOP] * 4


def test_pg_objects_have_mcount_calls_and_no_patch_sites() -> None:
    _, objs = load_all("pg")
    core, module = objs["core"], objs["module"]
    assert core.patch_sites == [] and module.patch_sites == []
    assert len(core.mcount_sites) == len(traced_functions(core))
    assert len(module.mcount_sites) == len(traced_functions(module))
    for site in core.mcount_sites:
        fn = core.function_at(site)
        assert fn is not None and fn.name != "core_untraced"
    assert core.imports == {"_mcount": MCOUNT}
    # The module is out of range of _mcount: its calls go through one veneer.
    assert [v.symbol for v in module.veneers].count("_mcount") == 1


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize("variant", ["pfe2", "pfe42"])
@pytest.mark.parametrize("name", OBJECTS)
def test_patch_sites_match_readelf_relocations(variant: str, name: str) -> None:
    _, objs = load_all(variant)
    obj = objs[name]
    out = run(READELF, "-rW", obj_path(variant, name))
    section = out.split("Relocation section '.rela__patchable_function_entries'")[1].split("Relocation section")[0]
    expected = []
    for line in section.splitlines():
        m = re.match(r"^([0-9a-f]{16})\s+\S+\s+R_AARCH64_ABS64\s+[0-9a-f]+\s+(\S+) \+ ([0-9a-f]+)$", line.strip())
        if m:
            expected.append((int(m[1], 16), obj.sections[m[2]].address + int(m[3], 16)))
    assert expected and obj.patch_sites == [addr for _, addr in sorted(expected)]


# ------------------------------------------------------------ relocations


@pytest.mark.parametrize("variant", VARIANTS)
def test_fixtures_exercise_every_relocation_type(variant: str) -> None:
    _, objs = load_all(variant)
    applied = {r.type for obj in objs.values() for r in obj.relocations}
    assert applied == FIXTURE_RELOCATIONS
    assert FIXTURE_RELOCATIONS <= SUPPORTED_RELOCATIONS


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", OBJECTS)
def test_relocation_counts_match_readelf(variant: str, name: str) -> None:
    _, objs = load_all(variant)
    out = run(READELF, "-rW", obj_path(variant, name))
    expected = collections.Counter(re.findall(r"\b(R_AARCH64_\w+)\b", out))
    assert collections.Counter(r.type for r in objs[name].relocations) == expected


def test_data_relocations_have_their_meaning() -> None:
    m, objs = load_all("pfe2")
    asm, core = objs["asm_relocs"], objs["core"]
    table = asm.address_of("reloc_table")
    prel = [struct.unpack("<i", m.read(table + 4 * i, 4))[0] for i in (0, 1, 3)]
    assert table + prel[0] == asm.address_of("reloc_probe_branches")
    assert asm.sections[".text.reloc_far"].address <= table + 4 + prel[1] < asm.sections[".text.reloc_far"].end
    assert m.read_u32(table + 8) == 0x89ABCDEF  # ABS32 of an absolute symbol
    assert table + 12 + prel[2] == core.address_of("core_total64")
    lit64 = table + 16 + struct.unpack("<q", m.read(table + 16, 8))[0]  # PREL64
    assert m.read_u64(lit64) == 0x1122334455667788
    assert m.read_u64(table + 24) == core.address_of("traced_leaf")  # ABS64
    ops = [m.read_u64(core.sections[".rodata"].address + r.offset) for r in core.relocations if r.section == ".rodata"]
    assert ops == [core.address_of(n) for n in ("core_square", "core_triple", "core_negate", "core_mix")]


def _ld_link(tmp_path: Path, path: Path, obj: LoadedObject) -> ELFFile:
    script = ["SECTIONS {"]
    script += [f"  {s.name} {s.address:#x} : {{ *({s.name}) }}" for s in obj.sections.values()]
    script.append("}")
    (tmp_path / "link.ld").write_text("\n".join(script) + "\n")
    out = tmp_path / "linked.elf"
    defsyms = [f"--defsym={k}={v:#x}" for k, v in obj.imports.items()]
    run(LD, "--no-relax", "-nostdlib", "-static", "-e", "0", "-T", tmp_path / "link.ld", "-o", out, path, *defsyms)
    return ELFFile(BytesIO(out.read_bytes()))


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", OBJECTS)
def test_relocated_sections_match_ld_at_the_same_addresses(tmp_path: Path, variant: str, name: str) -> None:
    # The module goes next to the core here, so every call is in range and ld makes no stubs.
    m, objs = load_all(variant, module_base=layout.CORE_TEXT.base + 0x0020_0000)
    obj = objs[name]
    assert obj.veneers == []
    linked = _ld_link(tmp_path, obj_path(variant, name), obj)
    compared = 0
    for s in obj.sections.values():
        if s.nobits or not s.size:
            continue
        out = section(linked, s.name)
        assert out is not None and out["sh_addr"] == s.address, s.name
        assert m.peek(s.address, s.size) == out.data()[: s.size], s.name
        compared += 1
    assert compared


def _follow(read_word: Callable[[int], int], pc: int) -> int:
    """Where a B/BL at ``pc`` finally lands, through at most one ADRP/ADD/BR x16 stub (capstone decodes)."""
    from capstone import CS_ARCH_ARM64, CS_MODE_ARM, Cs

    cs = Cs(CS_ARCH_ARM64, CS_MODE_ARM)

    def dis(addr: int) -> tuple[str, str]:
        insn = next(cs.disasm(read_word(addr).to_bytes(4, "little"), addr))
        return insn.mnemonic, insn.op_str

    mnemonic, op = dis(pc)
    assert mnemonic in ("b", "bl"), (mnemonic, op)
    target = int(op.lstrip("#"), 16)
    mnemonic, op = dis(target)
    if mnemonic != "adrp":
        return target
    assert op.startswith("x16, #"), op
    page = int(op.split("#")[1], 16)
    mnemonic, op = dis(target + 4)
    assert (mnemonic, op.split("#")[0]) == ("add", "x16, x16, "), op
    lo = int(op.split("#")[1], 16)
    assert dis(target + 8) == ("br", "x16")
    return page + lo


@pytest.mark.oracle
@pytest.mark.parametrize("variant", VARIANTS)
def test_far_calls_go_through_veneers_that_reach_the_target(variant: str) -> None:
    pytest.importorskip("capstone")
    m, objs = load_all(variant)
    module = objs["module"]
    assert module.veneers
    text = module.sections[".text"]
    for v in module.veneers:
        assert text.end <= v.address < module.range.stop and v.address % 4 == 0
        region = m.region_at(v.address)
        assert region is not None and region.perms == Perm.RX
    branches = [r for r in module.relocations if r.type in ("R_AARCH64_CALL26", "R_AARCH64_JUMP26")]
    far = [r for r in branches if r.symbol_value + r.addend not in module.range]
    near = [r for r in branches if r.symbol_value + r.addend in module.range]
    assert near, "module_caller calls module_traced directly"
    assert {r.veneer for r in far} == {v.address for v in module.veneers}
    assert all(r.veneer is None for r in near)
    for r in branches:
        assert _follow(m.fetch_u32, r.place) == r.symbol_value + r.addend, r


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize("variant", VARIANTS)
def test_far_module_matches_ld_except_where_both_use_a_stub(tmp_path: Path, variant: str) -> None:
    pytest.importorskip("capstone")
    m, objs = load_all(variant)
    module = objs["module"]
    linked = _ld_link(tmp_path, obj_path(variant, "module"), module)
    text = module.sections[".text"]
    out = section(linked, ".text")
    ld_bytes = out.data()

    def ld_word(addr: int) -> int:
        off = addr - out["sh_addr"]
        return int.from_bytes(ld_bytes[off : off + 4], "little")

    mine = m.peek(text.address, text.size)
    via_veneer = {r.place for r in module.relocations if r.veneer is not None}
    assert via_veneer
    for off in range(0, text.size, 4):
        place = text.address + off
        if mine[off : off + 4] == ld_bytes[off : off + 4]:
            continue
        assert place in via_veneer, f"{place:#x} differs from ld"
        assert _follow(m.fetch_u32, place) == _follow(ld_word, place)
    for s in module.sections.values():
        if s.name != ".text" and s.size and not s.nobits:
            assert m.peek(s.address, s.size) == section(linked, s.name).data(), s.name


# ------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def core_bytes() -> bytes:
    return obj_path("pfe2", "core").read_bytes()


def load_bytes(data: bytes, resolve: Callable[[str], int | None] | None = None, base: int = 0x10000) -> LoadedObject:
    return load_object(Memory(), data, base, resolve, name="t.o")


@pytest.mark.parametrize("length", [0, 10, 63, 64, 200, 0x800, -1, -0x40])
def test_truncated_files_are_refused(core_bytes: bytes, length: int) -> None:
    with pytest.raises(ElfLoadError, match=r"^t\.o: .*") as e:
        load_bytes(core_bytes[:length])
    assert isinstance(e.value, ValueError) and isinstance(e.value, SimError)


def test_truncated_header_message(core_bytes: bytes) -> None:
    with pytest.raises(ElfLoadError, match="truncated: 63 bytes, an ELF64 header needs 64"):
        load_bytes(core_bytes[:63])


def test_truncated_section_message(core_bytes: bytes) -> None:
    elf = ELFFile(BytesIO(core_bytes))
    text = section(elf, ".text")
    data = bytearray(core_bytes)
    # Point .text past the end of the file.
    shdr = elf["e_shoff"] + elf["e_shentsize"] * elf.get_section_index(".text")
    struct.pack_into("<Q", data, shdr + 24, len(core_bytes) - 4)
    with pytest.raises(
        ElfLoadError,
        match=rf"section '\.text' \(offset {len(core_bytes) - 4:#x}, size {text['sh_size']:#x}\) extends past",
    ):
        load_bytes(bytes(data))


@pytest.mark.parametrize(
    ("offset", "value", "message"),
    [
        (0, b"\x7fELG", "not an ELF file"),
        (4, b"\x01", r"EI_CLASS is 1, expected 2 \(ELFCLASS64\)"),
        (5, b"\x02", r"EI_DATA is 2, expected 1 \(ELFDATA2LSB"),
        (16, struct.pack("<H", 2), "e_type is ET_EXEC, expected ET_REL"),
        (16, struct.pack("<H", 3), "e_type is ET_DYN, expected ET_REL"),
        (18, struct.pack("<H", 62), "e_machine is EM_X86_64, expected EM_AARCH64"),
        (18, struct.pack("<H", 40), "e_machine is EM_ARM, expected EM_AARCH64"),
    ],
)
def test_wrong_header_fields_are_named(core_bytes: bytes, offset: int, value: bytes, message: str) -> None:
    data = bytearray(core_bytes)
    data[offset : offset + len(value)] = value
    with pytest.raises(ElfLoadError, match=message):
        load_bytes(bytes(data))


def test_a_host_object_is_refused(tmp_path: Path) -> None:
    if shutil.which("gcc") is None:
        pytest.skip("no host gcc")
    src = tmp_path / "x.c"
    src.write_text("int f(int x) { return x + 1; }\n")
    run("gcc", "-O2", "-c", src, "-o", tmp_path / "x.o")
    with pytest.raises(ElfLoadError, match="x.o: e_machine is EM_X86_64"):
        load_object(Memory(), tmp_path / "x.o", 0x10000)


def test_absurd_section_size_is_refused_not_allocated(core_bytes: bytes) -> None:
    elf = ELFFile(BytesIO(core_bytes))
    data = bytearray(core_bytes)
    shdr = elf["e_shoff"] + elf["e_shentsize"] * elf.get_section_index(".bss")
    struct.pack_into("<Q", data, shdr + 32, 1 << 40)
    with pytest.raises(ElfLoadError, match=r"section '\.bss': size 0x10000000000 exceeds the 0x40000000-byte limit"):
        load_bytes(bytes(data))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ElfLoadError, match="cannot read"):
        load_object(Memory(), tmp_path / "nope.o", 0x10000)


def _patch_first_rela(data: bytes, name: str, *, field: str, value: int) -> bytes:
    elf = ELFFile(BytesIO(data))
    rela = section(elf, name)
    out = bytearray(data)
    entry = rela["sh_offset"]
    r_offset, r_info, _ = struct.unpack_from("<QQq", data, entry)
    if field == "type":
        struct.pack_into("<Q", out, entry + 8, (r_info & ~0xFFFFFFFF) | value)
    elif field == "sym":
        struct.pack_into("<Q", out, entry + 8, (value << 32) | (r_info & 0xFFFFFFFF))
    else:
        struct.pack_into("<Q", out, entry, value)
    return bytes(out)


def test_unsupported_relocation_type_is_named(core_bytes: bytes) -> None:
    data = _patch_first_rela(core_bytes, ".rela.text", field="type", value=311)
    with pytest.raises(
        ElfLoadError,
        match=r"unsupported relocation type R_AARCH64_ADR_GOT_PAGE \(311\) at \.text\+0x3c against '\.rodata'",
    ):
        load_bytes(data)
    data = _patch_first_rela(core_bytes, ".rela.text", field="type", value=9999)
    with pytest.raises(ElfLoadError, match=r"R_AARCH64_<9999> \(9999\)"):
        load_bytes(data)


def test_relocation_symbol_index_out_of_range(core_bytes: bytes) -> None:
    data = _patch_first_rela(core_bytes, ".rela.text", field="sym", value=5000)
    with pytest.raises(ElfLoadError, match=r"symbol index 5000 out of range"):
        load_bytes(data)


def test_relocation_outside_its_section(core_bytes: bytes) -> None:
    data = _patch_first_rela(core_bytes, ".rela.text", field="offset", value=0x100000)
    with pytest.raises(ElfLoadError, match=r"R_AARCH64_ADR_PREL_PG_HI21 at \.text\+0x100000 .* outside the section"):
        load_bytes(data)


def test_undefined_symbol_without_resolver() -> None:
    with pytest.raises(
        ElfLoadError, match=r"module.o: undefined symbol '(\w+)' \(referenced by R_AARCH64_\w+ at \.text\+0x"
    ):
        load_object(Memory(), obj_path("pfe2", "module"), layout.MODULES.base)
    with pytest.raises(ElfLoadError, match=r"undefined symbol '_mcount'"):
        load_object(Memory(), obj_path("pg", "core"), layout.CORE_TEXT.base, lambda name: None)


def test_resolver_address_outside_64_bits() -> None:
    with pytest.raises(ElfLoadError, match=r"resolver gave '\w+' the address 0x10000000000000000"):
        load_object(Memory(), obj_path("pfe2", "module"), layout.MODULES.base, lambda name: 1 << 64)


def test_bad_load_base() -> None:
    with pytest.raises(ElfLoadError, match="load base 0x10010 is not a page-aligned"):
        load_object(Memory(), obj_path("pfe2", "core"), 0x10010)


def test_loading_over_mapped_memory_is_refused_and_changes_nothing() -> None:
    m = Memory()
    m.map(layout.CORE_TEXT.base + 0x2000, 0x1000, Perm.RW, "in the way")
    before = m.regions()
    with pytest.raises(
        ElfLoadError, match=r"core.o: cannot map the object at 0xffff800080000000: .*overlaps region 'in the way'"
    ):
        load_object(m, obj_path("pfe2", "core"), layout.CORE_TEXT.base)
    assert m.regions() == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0, max_value=(1 << 16) - 1), st.integers(min_value=1, max_value=255)),
        min_size=1,
        max_size=8,
    )
)
def test_corrupted_objects_load_or_raise_elf_load_error(core_bytes: bytes, flips: list[tuple[int, int]]) -> None:
    data = bytearray(core_bytes)
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    try:
        load_bytes(bytes(data), resolver_from(extra={}), base=layout.CORE_TEXT.base)
    except ElfLoadError:
        pass


# ------------------------------------- hand-made objects for each overflow


def assemble(tmp_path: Path, source: str) -> bytes:
    src = tmp_path / "t.s"
    src.write_text(source)
    run(AS, "-o", tmp_path / "t.o", src)
    return (tmp_path / "t.o").read_bytes()


BASE = 0xFFFF_8000_8000_0000


@needs_binutils
@pytest.mark.oracle
@pytest.mark.parametrize(
    ("source", "far", "message"),
    [
        (
            ".data\n.4byte far\n",
            1 << 32,
            r"R_AARCH64_ABS32 against 'far' at \.data\+0x0 .*: value 0x100000000 out of range \[-0x80000000, 0x100000000\)",
        ),
        (".data\n.4byte far\n", 0xFFFF_FFFF, None),
        (
            ".data\n.4byte far - .\n",
            BASE + 0x1000 + (1 << 32),
            r"R_AARCH64_PREL32 against 'far' at \.data\+0x0 \(place 0xffff800080000000, S=0xffff800180001000\)",
        ),
        (".data\n.2byte far\n", 0x10000, r"R_AARCH64_ABS16 against 'far'.*out of range \[-0x8000, 0x10000\)"),
        (
            "movz x0, #:abs_g0:far\n",
            0x10000,
            r"R_AARCH64_MOVW_UABS_G0 against 'far' at \.text\+0x0.*out of range \[0, 0x10000\)",
        ),
        ("movz x0, #:abs_g1:far\n", 1 << 32, r"R_AARCH64_MOVW_UABS_G1 .*out of range \[0, 0x100000000\)"),
        ("movz x0, #:abs_g2:far\n", 1 << 48, r"R_AARCH64_MOVW_UABS_G2 .*out of range \[0, 0x1000000000000\)"),
        ("movz x0, #:abs_g0_nc:far\n", 0x10000, None),
        (
            "adrp x0, far\n",
            BASE + (1 << 32) + 0x1000,
            r"R_AARCH64_ADR_PREL_PG_HI21 against 'far' .*page offset 0x100001000 out of range",
        ),
        ("adrp x0, :pg_hi21_nc:far\n", BASE + (1 << 32) + 0x1000, None),
        (
            "adr x0, far\n",
            BASE + (1 << 20),
            r"R_AARCH64_ADR_PREL_LO21 .*offset 0x100000 out of range \[-0x100000, 0x100000\)",
        ),
        ("ldr x0, far\n", BASE + (1 << 20), r"R_AARCH64_LD_PREL_LO19 .*offset 0x100000 out of range"),
        ("ldr x0, far\n", BASE + 0x102, r"R_AARCH64_LD_PREL_LO19 .*offset 0x102 is not a multiple of 4"),
        ("b.eq far\n", BASE - (1 << 20) - 4, r"R_AARCH64_CONDBR19 .*offset -0x100004 out of range"),
        ("cbz x0, far\n", BASE + (1 << 20), r"R_AARCH64_CONDBR19"),
        ("tbz x0, #3, far\n", BASE + (1 << 15), r"R_AARCH64_TSTBR14 .*offset 0x8000 out of range \[-0x8000, 0x8000\)"),
        (
            "ldr x0, [x0, :lo12:far]\n",
            0x1004,
            r"R_AARCH64_LDST64_ABS_LO12_NC .*low 12 bits of 8-byte access 0x4 is not a multiple of 8",
        ),
        ("ldrh w0, [x0, :lo12:far]\n", 0x1001, r"R_AARCH64_LDST16_ABS_LO12_NC .*not a multiple of 2"),
        ("bl far\n", BASE + 0x1002, r"R_AARCH64_CALL26 .*branch offset 0x1002 is not a multiple of 4"),
        ("bl far\n", BASE + (1 << 33), r"veneer at 0xffff800080000008 for 'far' cannot reach 0xffff800280000000"),
    ],
)
def test_each_overflow_is_named(tmp_path: Path, source: str, far: int, message: str | None) -> None:
    data = assemble(tmp_path, source)
    if message is None:
        load_object(Memory(), data, BASE, {"far": far}.get)
        return
    with pytest.raises(ElfLoadError, match=message):
        load_object(Memory(), data, BASE, {"far": far}.get, name="t.o")


@needs_binutils
@pytest.mark.oracle
def test_out_of_range_branch_to_a_local_symbol_has_no_veneer(tmp_path: Path) -> None:
    data = assemble(tmp_path, ".text\nbl far_local\n.bss\n.skip 0x8000000\nfar_local:\n.skip 4\n")
    with pytest.raises(
        ElfLoadError,
        match=r"R_AARCH64_CALL26 against '\.bss'\+0x8000000 at \.text\+0x0 .*out of range.*veneer is only made",
    ):
        load_object(Memory(), data, BASE)


@needs_binutils
@pytest.mark.oracle
def test_veneers_are_shared_per_target_and_weak_undefined_is_zero(tmp_path: Path) -> None:
    pytest.importorskip("capstone")
    data = assemble(tmp_path, ".weak w\n.text\nbl far\nb far\nbl far2\nbl near\n.data\n.8byte w\n")
    m = Memory()
    m.map(BASE + 0x100000, 0x1000, Perm.RX, "near", NOP.to_bytes(4, "little"))
    targets = {"far": BASE + (1 << 30), "far2": BASE - (1 << 30) + 0x124, "near": BASE + 0x100000}
    obj = load_object(m, data, BASE, targets.get)
    assert [(v.symbol, v.target) for v in obj.veneers] == [("far", targets["far"]), ("far2", targets["far2"])]
    for i, name in enumerate(["far", "far", "far2", "near"]):
        assert _follow(m.fetch_u32, BASE + 4 * i) == targets[name]
    assert obj.relocations[3].veneer is None
    assert m.read_u64(obj.sections[".data"].address) == 0
    assert "w" not in obj.imports or obj.imports["w"] == 0


@needs_binutils
@pytest.mark.oracle
def test_rel_sections_and_common_symbols_are_refused(tmp_path: Path) -> None:
    data = assemble(tmp_path, ".comm c, 8, 8\n.data\n.8byte c\n")
    with pytest.raises(ElfLoadError, match=r"symbol 'c' is SHN_COMMON"):
        load_object(Memory(), data, BASE)
