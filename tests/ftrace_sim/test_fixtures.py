"""The compiled fixtures: reproducible rebuilds, and a native host build of the same sources.

The host build (``build.sh --host``) is what later tests compare simulated
results with; here it checks that the fixture sources compute what their
comments say, against plain Python.
"""

from __future__ import annotations

import ctypes
import filecmp
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ftrace_sim

FIXTURES = Path(ftrace_sim.__file__).parent / "fixtures"
BUILD = FIXTURES / "build.sh"
VARIANTS = ("pfe2", "pfe42", "pg")
M64 = (1 << 64) - 1


def committed_objects() -> list[Path]:
    return sorted((FIXTURES / "obj").glob("*/*.o"))


def test_every_source_has_an_object_per_variant() -> None:
    sources = sorted(p.stem for p in (FIXTURES / "src").glob("*.c"))
    assert sources == ["asm_relocs", "core", "module"]
    for variant in VARIANTS:
        assert sorted(p.stem for p in (FIXTURES / "obj" / variant).glob("*.o")) == sources
    assert len(committed_objects()) == len(sources) * len(VARIANTS)


def _rebuild(script_dir: Path, out: Path) -> None:
    proc = subprocess.run(["sh", str(script_dir / "build.sh"), str(out)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("aarch64-linux-gnu-gcc") is None, reason="aarch64-linux-gnu-gcc is not installed")
def test_rebuild_from_another_checkout_path_is_byte_identical(tmp_path: Path) -> None:
    """Rebuilding in place and from a copy at another path both reproduce the committed objects."""
    _rebuild(FIXTURES, tmp_path / "here")
    copy = tmp_path / "elsewhere" / "deeper" / "fixtures"
    shutil.copytree(FIXTURES / "src", copy / "src")
    shutil.copy2(BUILD, copy / "build.sh")
    _rebuild(copy, tmp_path / "there")
    for obj in committed_objects():
        rel = obj.relative_to(FIXTURES / "obj")
        for out in ("here", "there"):
            assert filecmp.cmp(obj, tmp_path / out / rel, shallow=False), (
                f"{out}/{rel} differs from the committed object"
            )


# ------------------------------------------------------------------- host


class Vec4(ctypes.Structure):
    _fields_ = [("a", ctypes.c_uint64), ("b", ctypes.c_uint64), ("c", ctypes.c_uint64), ("d", ctypes.c_uint64)]


UNARY = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_uint64)


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ctypes.CDLL]:
    if shutil.which("gcc") is None:
        pytest.skip("no host gcc")
    out = tmp_path_factory.mktemp("host")
    proc = subprocess.run(["sh", str(BUILD), "--host", str(out)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    lib = ctypes.CDLL(str(out / "fixtures_host.so"))
    u64, u32, s64 = ctypes.c_uint64, ctypes.c_uint32, ctypes.c_int64
    sigs: dict[str, tuple[object, list[object]]] = {
        "traced_leaf": (u64, [u64, u64]),
        "traced_nonleaf": (u64, [u64, u64]),
        "call_traced": (u64, [u64, u64]),
        "fib": (u64, [u64]),
        "factorial": (u64, [u64]),
        "checksum": (u64, [ctypes.c_char_p, u64]),
        "copy_bytes": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_void_p, u64]),
        "fill_bytes": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_int, u64]),
        "classify": (u64, [u32, u64, u64]),
        "vec4_add": (None, [ctypes.POINTER(Vec4)] * 3),
        "vec4_scale": (Vec4, [Vec4, u64]),
        "vec4_sum": (u64, [ctypes.POINTER(Vec4)]),
        "arith_mix": (u64, [u64, u64]),
        "sdiv_mod": (s64, [s64, s64]),
        "rotl64": (u64, [u64, u32]),
        "rotr64": (u64, [u64, u32]),
        "mulhi64": (u64, [u64, u64]),
        "apply": (u64, [UNARY, u64]),
        "apply_op": (u64, [u32, u64]),
        "ops_count": (u64, []),
        "counter_bump": (u64, [u64]),
        "counter_read": (u64, []),
        "call_module_op": (u64, [u64]),
        "module_init": (ctypes.c_int, []),
        "module_entry": (u64, [u64]),
        "module_tail": (u64, [u64]),
        "module_checksum_pair": (u64, [ctypes.c_char_p, ctypes.c_char_p, u64]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    yield lib


def traced_leaf(a: int, b: int) -> int:
    return (((a << 3) & M64) + (b ^ 0x5555) - (a >> 7)) & M64


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & M64
    return h


def c_div(a: int, b: int) -> tuple[int, int]:
    q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
    return q, a - q * b


u64s = st.integers(min_value=0, max_value=M64)


@given(a=u64s, b=u64s)
@settings(max_examples=50, deadline=None)
def test_host_traced_functions(host: ctypes.CDLL, a: int, b: int) -> None:
    assert host.traced_leaf(a, b) == traced_leaf(a, b)
    x = traced_leaf(a, b)
    nonleaf = (x + traced_leaf(b, x) * 3 + a) & M64
    assert host.traced_nonleaf(a, b) == nonleaf
    assert host.call_traced(a, b) == nonleaf ^ traced_leaf(nonleaf, (a + 1) & M64)


def test_host_recursion(host: ctypes.CDLL) -> None:
    assert [host.fib(n) for n in range(12)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    assert host.factorial(20) == 2432902008176640000
    assert host.factorial(0) == 1


@given(data=st.binary(max_size=100))
@settings(max_examples=50, deadline=None)
def test_host_buffers(host: ctypes.CDLL, data: bytes) -> None:
    assert host.checksum(data, len(data)) == fnv1a(data)
    src = ctypes.create_string_buffer(data, len(data) + 1)
    dst = ctypes.create_string_buffer(len(data) + 1)
    host.copy_bytes(dst, src, len(data))
    assert dst.raw[: len(data)] == data
    host.fill_bytes(dst, 0x1AB, len(data))
    assert dst.raw[: len(data)] == b"\xab" * len(data)


@given(op=st.integers(min_value=0, max_value=20), a=u64s, b=u64s)
@settings(max_examples=100, deadline=None)
def test_host_jump_table(host: ctypes.CDLL, op: int, a: int, b: int) -> None:
    s = b & 63
    signed_a = a - (1 << 64) if a >> 63 else a
    expected = {
        0: (a + b) & M64,
        1: (a - b) & M64,
        2: (a * b) & M64,
        3: a // b if b else M64,
        4: a & b,
        5: a | b,
        6: a ^ b,
        7: (a << s) & M64,
        8: a >> s,
        9: (signed_a >> s) & M64,
        10: min(a, b),
        11: max(a, b),
    }.get(op, 0xDEAD + op)
    assert host.classify(op, a, b) == expected


@given(a=u64s, b=u64s, r=st.integers(min_value=0, max_value=(1 << 32) - 1))
@settings(max_examples=100, deadline=None)
def test_host_arithmetic(host: ctypes.CDLL, a: int, b: int, r: int) -> None:
    assert host.mulhi64(a, b) == (a * b) >> 64
    k = r & 63
    assert host.rotl64(a, r) == ((a << k) | (a >> ((64 - k) & 63))) & M64
    assert host.rotr64(a, r) == ((a >> k) | (a << ((64 - k) & 63))) & M64
    q, rem = (a // b, a % b) if b else (0, a)
    expected = ((q << 17) & M64) ^ (rem >> 3) ^ ((a * b) & M64) ^ (a >> (b & 31)) ^ ((b << (a & 15)) & M64)
    assert host.arith_mix(a, b) == expected
    sa, sb = a - (1 << 63), b - (1 << 63)
    if sb == 0 or (sb == -1 and sa == -(1 << 63)):
        assert host.sdiv_mod(sa, sb) == 0
    else:
        q, rem = c_div(sa, sb)
        assert host.sdiv_mod(sa, sb) == ((q * 1000 + rem + (1 << 63)) % (1 << 64)) - (1 << 63)


def test_host_structs(host: ctypes.CDLL) -> None:
    x, y, out = Vec4(1, 2, 3, M64), Vec4(10, 20, 30, 2), Vec4()
    host.vec4_add(ctypes.byref(out), ctypes.byref(x), ctypes.byref(y))
    assert (out.a, out.b, out.c, out.d) == (11, 22, 33, 1)
    scaled = host.vec4_scale(Vec4(1, 2, 3, 4), 5)
    assert (scaled.a, scaled.b, scaled.c, scaled.d) == (5, 10, 15, 20)
    assert host.vec4_sum(ctypes.byref(Vec4(1, 2, 3, 4))) == 20


def test_host_function_pointers_and_module(host: ctypes.CDLL) -> None:
    assert host.apply(UNARY(lambda v: v * 7), 6) == 43
    assert host.ops_count() == 4
    assert [host.apply_op(i, 9) for i in range(4)] == [81, 27, (-9) & M64, host.apply_op(7, 9)]
    assert host.call_module_op(5) == M64  # nothing registered yet
    assert host.module_init() == 0
    assert host.module_init() == -16  # -EBUSY
    assert host.call_module_op(5) == 5 * 3 + 25 + 5 + 42
    assert host.module_tail(4) == (4 + 1) * 3  # one module_op call so far
    data = b"fixture"
    rot = fnv1a(data)
    assert host.module_checksum_pair(data, data, len(data)) == fnv1a(data) ^ (((rot << 17) | (rot >> 47)) & M64)
    before = host.counter_read()
    assert host.counter_bump(3) == 3
    assert host.counter_read() == before + 4 * 3
