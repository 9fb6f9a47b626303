"""Memory semantics, every memory error, and the address layout."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftrace_sim import layout
from ftrace_sim.errors import Fault, FaultKind, MapError, SimError
from ftrace_sim.memory import Memory, Perm

BASE = 0xFFFF_8000_8000_0000


def make() -> Memory:
    m = Memory()
    m.map(BASE, 0x1000, Perm.RX, "text")
    m.map(BASE + 0x1000, 0x1000, Perm.R, "rodata")
    m.map(BASE + 0x2000, 0x1000, Perm.RW, "data")
    m.map(BASE + 0x4000, 0x1000, Perm.X, "xonly")
    return m


# ------------------------------------------------------------------ mapping


def test_regions_are_sorted_and_found() -> None:
    m = Memory()
    m.map(0x3000, 0x100, Perm.RW, "c")
    m.map(0x1000, 0x100, Perm.RW, "a")
    m.map(0x2000, 0x100, Perm.RW, "b")
    assert [r.name for r in m.regions()] == ["a", "b", "c"]
    region = m.region_at(0x20FF)
    assert region is not None and region.name == "b"
    assert 0x20FF in region and 0x2100 not in region
    assert m.region_at(0x2100) is None
    assert m.region_at(0xFFF) is None


def test_initial_data_and_zero_fill() -> None:
    m = Memory()
    m.map(0x1000, 0x10, Perm.R, "r", b"\x01\x02")
    assert m.read(0x1000, 4) == b"\x01\x02\x00\x00"


@pytest.mark.parametrize(
    ("base", "size"),
    [(0x1000, 0x1000), (0x0800, 0x1000), (0x1800, 0x100), (0x1FFF, 1), (0x0, 0x1001), (0x0, 0x10000)],
)
def test_overlapping_map_is_refused_and_names_both(base: int, size: int) -> None:
    m = Memory()
    m.map(0x1000, 0x1000, Perm.RW, "first")
    with pytest.raises(MapError, match=r"'second'.*overlaps region 'first' at 0x1000-0x2000"):
        m.map(base, size, Perm.RW, "second")
    assert len(m.regions()) == 1


def test_adjacent_maps_are_allowed() -> None:
    m = Memory()
    m.map(0x1000, 0x1000, Perm.RW, "a")
    m.map(0x2000, 0x1000, Perm.RW, "b")
    m.map(0x0, 0x1000, Perm.RW, "c")
    assert len(m.regions()) == 3


@pytest.mark.parametrize(
    ("base", "size", "data", "message"),
    [
        (0x1000, 0, None, "size must be positive"),
        (0x1000, -4, None, "size must be positive"),
        (-0x1000, 0x10, None, "outside the 64-bit address space"),
        ((1 << 64) - 0x10, 0x20, None, "outside the 64-bit address space"),
        (0x1000, 2, b"abc", "do not fit"),
    ],
)
def test_bad_map_requests(base: int, size: int, data: bytes | None, message: str) -> None:
    with pytest.raises(MapError, match=message):
        Memory().map(base, size, Perm.RW, "bad", data)


def test_map_error_is_a_value_error_and_a_sim_error() -> None:
    with pytest.raises(ValueError):
        Memory().map(0, 0, Perm.RW, "x")
    with pytest.raises(SimError):
        Memory().map(0, 0, Perm.RW, "x")


def test_perms_must_be_perm() -> None:
    with pytest.raises(MapError, match="must be a Perm"):
        Memory().map(0, 16, 3, "x")  # type: ignore[arg-type]


def test_map_up_to_the_top_of_the_address_space() -> None:
    m = Memory()
    m.map((1 << 64) - 0x1000, 0x1000, Perm.RW, "top")
    m.write_u64((1 << 64) - 8, 0x1122334455667788)
    assert m.read_u64((1 << 64) - 8) == 0x1122334455667788
    with pytest.raises(Fault) as e:
        m.read_u64((1 << 64) - 4)
    assert e.value.kind is FaultKind.UNMAPPED and e.value.addr == 1 << 64


def test_unmap() -> None:
    m = make()
    assert m.read_u8(BASE + 0x2000) == 0  # warm the cache
    m.unmap(BASE + 0x2000)
    with pytest.raises(Fault) as e:
        m.read_u8(BASE + 0x2000)
    assert e.value.kind is FaultKind.UNMAPPED
    with pytest.raises(MapError, match="no region starts at"):
        m.unmap(BASE + 0x2001)


def test_perm_describe() -> None:
    assert Perm.RX.describe() == "r-x"
    assert Perm.RW.describe() == "rw-"
    assert Perm.NONE.describe() == "---"


# ---------------------------------------------------------- reads and writes


def test_fixed_width_round_trip_is_little_endian() -> None:
    m = make()
    a = BASE + 0x2000
    m.write_u64(a, 0x0102030405060708)
    assert m.read(a, 8) == bytes([8, 7, 6, 5, 4, 3, 2, 1])
    assert m.read_u32(a) == 0x05060708
    assert m.read_u32(a + 4) == 0x01020304
    assert m.read_u16(a + 1) == 0x0607
    assert m.read_u8(a + 7) == 0x01
    m.write_u32(a + 2, 0xAABBCCDD)
    m.write_u16(a, 0xEEFF)
    m.write_u8(a + 7, 0x99)
    assert m.read_u64(a) == 0x9902AABBCCDDEEFF


@pytest.mark.parametrize(
    ("method", "value"),
    [("write_u8", 0x100), ("write_u16", 0x10000), ("write_u32", 1 << 32), ("write_u64", 1 << 64), ("write_u64", -1)],
)
def test_out_of_range_values_are_refused(method: str, value: int) -> None:
    m = make()
    with pytest.raises(ValueError, match="does not fit"):
        getattr(m, method)(BASE + 0x2000, value)
    assert m.read_u64(BASE + 0x2000) == 0


def test_unaligned_data_access_is_allowed() -> None:
    m = make()
    m.write_u64(BASE + 0x2003, 0x1122334455667788)
    assert m.read_u64(BASE + 0x2003) == 0x1122334455667788


@pytest.mark.parametrize("width", [1, 2, 4, 8])
def test_unmapped_read_faults_with_address(width: int) -> None:
    m = make()
    read = getattr(m, f"read_u{width * 8}")
    with pytest.raises(Fault) as e:
        read(BASE + 0x3000)
    assert e.value.kind is FaultKind.UNMAPPED
    assert e.value.addr == BASE + 0x3000
    assert f"{BASE + 0x3000:#x}" in str(e.value)


@pytest.mark.parametrize("width", [2, 4, 8])
def test_access_running_off_the_end_faults_at_the_first_unmapped_byte(width: int) -> None:
    m = make()
    with pytest.raises(Fault) as e:
        getattr(m, f"read_u{width * 8}")(BASE + 0x3000 - 1)
    assert e.value.kind is FaultKind.UNMAPPED and e.value.addr == BASE + 0x3000
    with pytest.raises(Fault) as e:
        getattr(m, f"write_u{width * 8}")(BASE + 0x3000 - 1, 0)
    assert e.value.kind is FaultKind.UNMAPPED and e.value.addr == BASE + 0x3000


def test_unmapped_write_faults() -> None:
    m = make()
    with pytest.raises(Fault) as e:
        m.write(BASE + 0x3800, b"x")
    assert e.value.kind is FaultKind.UNMAPPED
    with pytest.raises(Fault):
        m.write_u32(0, 1)


def test_access_spanning_adjacent_regions() -> None:
    m = Memory()
    m.map(0x1000, 0x1000, Perm.RW, "a")
    m.map(0x2000, 0x1000, Perm.RW, "b")
    m.write_u64(0x1FFC, 0x1122334455667788)
    assert m.read_u64(0x1FFC) == 0x1122334455667788
    assert m.read(0x1FFE, 4) == bytes([0x66, 0x55, 0x44, 0x33])


def test_access_spanning_into_a_read_only_region_is_refused_whole() -> None:
    m = Memory()
    m.map(0x1000, 0x1000, Perm.RW, "a")
    m.map(0x2000, 0x1000, Perm.R, "b")
    with pytest.raises(Fault) as e:
        m.write_u64(0x1FFC, 0xFFFFFFFFFFFFFFFF)
    assert e.value.kind is FaultKind.PERMISSION and e.value.addr == 0x2000
    assert m.read_u32(0x1FFC) == 0  # nothing was written


def test_write_to_read_only_or_text_faults_permission() -> None:
    m = make()
    for addr in (BASE, BASE + 0x1000):
        with pytest.raises(Fault) as e:
            m.write_u32(addr, 0)
        assert e.value.kind is FaultKind.PERMISSION
        assert e.value.addr == addr
        assert "needs -w-" in str(e.value)


def test_read_from_execute_only_faults_permission() -> None:
    m = make()
    with pytest.raises(Fault) as e:
        m.read_u32(BASE + 0x4000)
    assert e.value.kind is FaultKind.PERMISSION
    assert "'xonly' is --x" in str(e.value)


def test_fetch_needs_execute_and_alignment() -> None:
    m = make()
    m.poke(BASE + 0x10, bytes.fromhex("1f2003d5"))
    assert m.fetch_u32(BASE + 0x10) == 0xD503201F
    assert m.fetch_u32(BASE + 0x4000) == 0  # execute-only is fine for fetch
    with pytest.raises(Fault) as e:
        m.fetch_u32(BASE + 0x2000)
    assert e.value.kind is FaultKind.PERMISSION
    with pytest.raises(Fault) as e:
        m.fetch_u32(BASE + 0x12)
    assert e.value.kind is FaultKind.ALIGNMENT and e.value.addr == BASE + 0x12
    with pytest.raises(Fault) as e:
        m.fetch_u32(BASE + 0x5000)
    assert e.value.kind is FaultKind.UNMAPPED


def test_poke_writes_text_and_peek_reads_anything_mapped() -> None:
    m = make()
    m.poke(BASE + 0x1000, b"\xaa\xbb")
    m.poke(BASE + 0x4000, b"\xcc")
    assert m.read(BASE + 0x1000, 2) == b"\xaa\xbb"
    assert m.peek(BASE + 0x4000, 1) == b"\xcc"
    with pytest.raises(Fault) as e:
        m.poke(BASE + 0x3000, b"\x00")
    assert e.value.kind is FaultKind.UNMAPPED
    with pytest.raises(Fault):
        m.peek(BASE + 0x3000, 1)


def test_zero_length_and_negative_reads() -> None:
    m = make()
    assert m.read(BASE + 0x2000, 0) == b""
    with pytest.raises(ValueError, match="negative"):
        m.read(BASE + 0x2000, -1)


def test_is_mapped() -> None:
    m = make()
    assert m.is_mapped(BASE, 0x3000)
    assert not m.is_mapped(BASE + 0x2FFF, 2)


# ---------------------------------------------------------------- observers


def test_observers_see_every_write_and_poke_after_the_fact() -> None:
    m = make()
    seen: list[tuple[int, int, int]] = []

    def observer(addr: int, size: int) -> None:
        seen.append((addr, size, int.from_bytes(m.peek(addr, size), "little")))

    m.add_write_observer(observer)
    m.write_u8(BASE + 0x2000, 1)
    m.write_u16(BASE + 0x2002, 2)
    m.write_u32(BASE + 0x2004, 3)
    m.write_u64(BASE + 0x2008, 4)
    m.write(BASE + 0x2010, b"\x05\x00")
    m.poke(BASE + 0x20, b"\x06\x00\x00\x00")
    assert seen == [
        (BASE + 0x2000, 1, 1),
        (BASE + 0x2002, 2, 2),
        (BASE + 0x2004, 4, 3),
        (BASE + 0x2008, 8, 4),
        (BASE + 0x2010, 2, 5),
        (BASE + 0x20, 4, 6),
    ]
    m.remove_write_observer(observer)
    m.write_u8(BASE + 0x2000, 7)
    assert len(seen) == 6


def test_observers_are_not_called_for_refused_writes() -> None:
    m = make()
    seen: list[tuple[int, int]] = []
    m.add_write_observer(lambda a, n: seen.append((a, n)))
    with pytest.raises(Fault):
        m.write_u32(BASE, 0)
    with pytest.raises(ValueError):
        m.write_u8(BASE + 0x2000, 256)
    assert seen == []


# ------------------------------------------------------- model-based check

_ops = st.lists(
    st.tuples(
        st.sampled_from(["r1", "r2", "r4", "r8", "w1", "w2", "w4", "w8", "f", "poke", "read"]),
        st.integers(min_value=-16, max_value=0x3010),
        st.integers(min_value=0, max_value=(1 << 64) - 1),
    ),
    max_size=60,
)


@given(ops=_ops)
@settings(max_examples=300)
def test_memory_agrees_with_a_flat_model(ops: list[tuple[str, int, int]]) -> None:
    """Random accesses (which switch regions and so exercise the caches) behave like a flat model."""
    m = Memory()
    perms = {0: Perm.RW, 1: Perm.RX, 2: Perm.R}
    for i, p in perms.items():
        m.map(0x1000 * i, 0x1000, p, f"r{i}")
    model = bytearray(0x3000)

    def allowed(addr: int, n: int, right: Perm) -> bool:
        return all(
            0 <= a < 0x3000 and (right == Perm.NONE or perms[a // 0x1000] & right) for a in range(addr, addr + n)
        )

    for op, addr, value in ops:
        n = int(op[1:]) if op[1:].isdigit() else 4
        if op.startswith("w"):
            v = value & ((1 << (8 * n)) - 1)
            if allowed(addr, n, Perm.W):
                getattr(m, f"write_u{8 * n}")(addr, v)
                model[addr : addr + n] = v.to_bytes(n, "little")
            else:
                with pytest.raises(Fault):
                    getattr(m, f"write_u{8 * n}")(addr, v)
        elif op.startswith("r") and op != "read":
            if allowed(addr, n, Perm.R):
                assert getattr(m, f"read_u{8 * n}")(addr) == int.from_bytes(model[addr : addr + n], "little")
            else:
                with pytest.raises(Fault):
                    getattr(m, f"read_u{8 * n}")(addr)
        elif op == "f":
            if allowed(addr, 4, Perm.X) and addr % 4 == 0:
                assert m.fetch_u32(addr) == int.from_bytes(model[addr : addr + 4], "little")
            else:
                with pytest.raises(Fault):
                    m.fetch_u32(addr)
        elif op == "poke":
            data = value.to_bytes(8, "little")[: 1 + value % 8]
            if allowed(addr, len(data), Perm.NONE):
                m.poke(addr, data)
                model[addr : addr + len(data)] = data
            else:
                with pytest.raises(Fault):
                    m.poke(addr, data)
        else:
            k = value % 24
            if allowed(addr, k, Perm.R):
                assert m.read(addr, k) == bytes(model[addr : addr + k])
            else:
                with pytest.raises(Fault):
                    m.read(addr, k)


# --------------------------------------------------------------------- errors


def test_fault_message_names_cpu_pc_word_and_disassembly() -> None:
    f = Fault(FaultKind.BRK, "brk #0x100", cpu=2, pc=0xFFFF800080001000, word=0xD4202000)
    assert str(f) == "cpu2 pc=0xffff800080001000 word=0xd4202000: breakpoint (BRK): brk #0x100"
    f.disasm = "brk #0x100"
    assert "word=0xd4202000 (brk #0x100)" in str(f)
    g = Fault(FaultKind.UNMAPPED, "load", addr=0x10)
    assert str(g) == "cpu? pc=?: unmapped address at 0x10: load"


def test_fault_pickles_with_its_attributes() -> None:
    f = Fault(FaultKind.ALIGNMENT, "x", cpu=1, pc=4, word=5, addr=6, disasm="nop")
    g = pickle.loads(pickle.dumps(f))
    assert (g.kind, g.cpu, g.pc, g.word, g.addr, g.disasm, str(g)) == (
        f.kind,
        f.cpu,
        f.pc,
        f.word,
        f.addr,
        f.disasm,
        str(f),
    )


def test_every_fault_kind_has_a_description() -> None:
    assert {k.name for k in FaultKind} == {
        "UNDEFINED",
        "UNIMPLEMENTED",
        "UNMAPPED",
        "PERMISSION",
        "ALIGNMENT",
        "BRK",
        "STEP_BUDGET",
    }
    assert all(k.value for k in FaultKind)


# --------------------------------------------------------------------- layout


def test_module_area_is_out_of_bl_range_of_the_core() -> None:
    assert layout.MODULES.base - layout.CORE_TEXT.end >= layout.BL_RANGE
    areas = [layout.CORE_TEXT, layout.MODULES, layout.DATA, layout.STACKS]
    for a, b in zip(areas, areas[1:], strict=False):
        assert a.end <= b.base
    # ADRP reaches every area from every other one.
    assert layout.STACKS.end - layout.CORE_TEXT.base < 1 << 32


def test_stacks_are_aligned_separated_by_unmapped_guards() -> None:
    m = Memory()
    stacks = layout.map_stacks(m, 4)
    for s in stacks:
        assert s.top % layout.STACK_ALIGN == 0 and s.size == layout.STACK_SIZE
        m.write_u64(s.top - 8, s.cpu)
        with pytest.raises(Fault) as e:
            m.write_u64(s.base - 8, 0)
        assert e.value.kind is FaultKind.UNMAPPED
        region = m.region_at(s.base)
        assert region is not None and region.name == f"stack.cpu{s.cpu}"
    assert [m.read_u64(s.top - 8) for s in stacks] == [0, 1, 2, 3]


def test_bad_stack_requests() -> None:
    with pytest.raises(ValueError, match="cpu number"):
        layout.stack_for_cpu(-1)
    with pytest.raises(ValueError, match="multiple of 16"):
        layout.stack_for_cpu(0, size=0x1008)
    with pytest.raises(MapError, match="no room"):
        layout.stack_for_cpu(100000)


def test_bump_allocator() -> None:
    alloc = layout.BumpAllocator(layout.DATA)
    a = alloc.alloc(10)
    b = alloc.alloc(10, align=16)
    c = alloc.alloc(0x100)
    assert a == layout.DATA.base and b == a + 16 and c == a + 0x1000
    with pytest.raises(MapError, match="cannot fit"):
        alloc.alloc(layout.DATA.size)
    with pytest.raises(ValueError, match="power of two"):
        alloc.alloc(8, align=3)
    with pytest.raises(ValueError, match="positive"):
        alloc.alloc(0)
