"""The Machine API on the real fixture objects.

* Loading: core objects in the core text area, modules more than 128 MiB away (veneers),
  symbols, ``patch_sites()``.
* ``call`` results against Python models of the fixture functions (always on) and
  against the same C compiled for the host and called through ctypes (``@oracle``).
* Host functions (trap addresses), nested calls from them, multi-CPU stacks,
  ``step``, tracing, and every error path (typed, with a clear message).
"""

from __future__ import annotations

import ctypes
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ftrace_sim
from aarch64insn import decode
from ftrace_sim import Cpu, ElfLoadError, Fault, FaultKind, Machine, SimError
from ftrace_sim.layout import BL_RANGE, CORE_TEXT, MODULES
from ftrace_sim.machine import HOST_AREA
from tests.oracles import missing

FIXTURES = Path(ftrace_sim.__file__).parent / "fixtures"
OBJ = FIXTURES / "obj"
M64 = (1 << 64) - 1
NOP = 0xD503201F
u64 = st.integers(min_value=0, max_value=M64)


def boot(variant: str = "pfe2", *, ncpus: int = 1, mcount: bool = True) -> Machine:
    m = Machine(ncpus=ncpus)
    if variant == "pg" and mcount:
        m.host_function("_mcount", lambda cpu: None)
    m.load_object(OBJ / variant / "core.o")
    m.load_object(OBJ / variant / "asm_relocs.o")
    m.load_object(OBJ / variant / "module.o", module=True)
    return m


@pytest.fixture(scope="module")
def m() -> Machine:
    return boot()


# --------------------------------------------------------------------------- loading and symbols


def test_objects_are_laid_out_in_their_areas(m: Machine) -> None:
    core, asm, module = m.objects
    assert core.base == CORE_TEXT.base and asm.base >= core.range.stop
    assert module.base == MODULES.base
    assert module.base - core.range.stop > BL_RANGE
    assert module.veneers, "calls from the module into the core need veneers"
    assert m.symbol("fib") == core.address_of("fib")
    assert m.symbol("core_negate") == core.symbols["core_negate"].address  # a static function
    assert m.symbolize(m.symbol("fib") + 8) == "fib+0x8"
    assert m.symbolize(module.veneers[0].address) == f"<veneer {module.veneers[0].symbol}>"


def test_patch_sites_are_the_records_of_every_object(m: Machine) -> None:
    sites = m.patch_sites()
    assert sites == [s for o in m.objects for s in o.patch_sites]
    assert m.symbol("fib") in sites and m.symbol("module_entry") in sites
    assert m.symbol("core_untraced") not in sites
    for site in sites:
        assert struct.unpack("<II", m.memory.peek(site, 8)) == (NOP, NOP)


def test_pfe42_sites_have_two_nops_before_the_entry() -> None:
    m = Machine()
    core = m.load_object(OBJ / "pfe42" / "core.o")
    fib = m.symbol("fib")
    assert fib - 8 in core.patch_sites
    assert struct.unpack("<II", m.memory.peek(fib - 8, 8)) == (NOP, NOP)


def test_unknown_symbol_and_bad_object_are_typed_errors(m: Machine) -> None:
    with pytest.raises(KeyError, match="no symbol 'nope'"):
        m.symbol("nope")
    with pytest.raises(ElfLoadError, match="not an ELF file"):
        Machine().load_object(b"\x00" * 128, name="junk.o")
    with pytest.raises(ElfLoadError, match="undefined symbol '_mcount'"):
        Machine().load_object(OBJ / "pg" / "core.o")


# --------------------------------------------------------------------------- call results vs Python models


def _leaf(a: int, b: int) -> int:
    return ((a << 3) + (b ^ 0x5555) - (a >> 7)) & M64


def _fnv(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & M64
    return h


def _s64(v: int) -> int:
    return v - (1 << 64) if v >> 63 else v


def _sdiv_mod(a: int, b: int) -> int:
    sa, sb = _s64(a), _s64(b)
    if sb == 0 or (sb == -1 and sa == -(1 << 63)):
        return 0
    q = abs(sa) // abs(sb) * (1 if (sa < 0) == (sb < 0) else -1)
    return (q * 1000 + (sa - q * sb)) & M64


@settings(max_examples=40, deadline=None)
@given(a=u64, b=u64)
def test_leaf_nonleaf_and_arithmetic_match_python_models(m: Machine, a: int, b: int) -> None:
    assert m.call("traced_leaf", a, b) == _leaf(a, b)
    x = _leaf(a, b)
    assert m.call("traced_nonleaf", a, b) == (x + _leaf(b, x) * 3 + a) & M64
    assert m.call("mulhi64", a, b) == (a * b) >> 64
    assert m.call("rotl64", a, b & 0xFFFF_FFFF) == ((a << (b & 63)) | (a >> ((64 - (b & 63)) & 63))) & M64
    assert m.call("sdiv_mod", a, b) == _sdiv_mod(a, b)
    assert m.call("classify", 0, a, b) == (a + b) & M64
    assert m.call("classify", 9, a, b) == (_s64(a) >> (b & 63)) & M64
    assert m.call("classify", 10, a, b) == min(a, b)


def test_recursion_and_struct_return(m: Machine) -> None:
    assert [m.call("fib", n) for n in range(12)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    assert m.call("factorial", 20) == 2432902008176640000
    v = m.alloc(64, data=struct.pack("<4Q", 1, 2, 3, 4))
    out = m.alloc(64)
    m.call("vec4_scale", v, 10, x8=out)
    assert struct.unpack("<4Q", m.memory.read(out, 32)) == (10, 20, 30, 40)
    assert m.call("vec4_sum", v) == 20


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200), offset=st.integers(0, 7))
def test_buffers_checksum_and_copy(m: Machine, data: bytes, offset: int) -> None:
    src = m.alloc(256, data=bytes(offset) + data)
    dst = m.alloc(256)
    assert m.call("checksum", src + offset, len(data)) == _fnv(data)
    assert m.call("copy_bytes", dst + 1, src + offset, len(data)) == dst + 1
    assert m.memory.read(dst + 1, len(data)) == data


def test_module_calls_into_the_core_through_veneers(m: Machine) -> None:
    assert m.call("module_tail", 5) == 3 * (5 + m.memory.read_u64(m.symbol("module_calls")))
    assert m.call("reloc_probe_tail", 3, 4) == _leaf(3, 4)
    assert m.call("reloc_probe_branches", 0) == 1
    assert m.call("reloc_probe_branches", 1 << 63) == 3
    assert m.call("reloc_probe_movw_addr") == m.symbol("core_total64")


def test_every_variant_runs_the_same() -> None:
    results = set()
    for variant in ("pfe2", "pfe42", "pg"):
        vm = boot(variant)
        results.add((vm.call("call_traced", 11, 22), vm.call("module_entry", 9), vm.call("apply_op", 3, 77)))
    assert len(results) == 1


def test_pg_objects_call_mcount_at_every_function_entry() -> None:
    calls: list[int] = []
    m = Machine()
    m.host_function("_mcount", lambda cpu: calls.append(cpu.x_or_zr(30)) or None)
    m.load_object(OBJ / "pg" / "core.o")
    assert m.call("fib", 5) == 5
    assert len(calls) > 1  # one per (non-inlined) activation of fib
    assert all(m.symbolize(lr) and m.symbolize(lr).startswith("fib+") for lr in calls)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- host functions and nesting


def test_host_function_is_called_through_a_function_pointer(m: Machine) -> None:
    seen: list[int] = []

    def double(cpu: Cpu) -> int:
        seen.append(cpu.x_or_zr(0))
        return cpu.x_or_zr(0) * 2

    addr = m.host_function("double_it", double)
    assert HOST_AREA.base <= addr < HOST_AREA.end
    assert decode(m.memory.read_u32(addr) if False else int.from_bytes(m.memory.peek(addr, 4), "little")).id == (
        "BRK_EX_exception"
    )
    assert m.call("apply", addr, 21) == 43
    assert seen == [21]
    assert m.symbol("double_it") == addr and m.symbolize(addr) == "<host double_it>"
    m.host_function("double_it", lambda cpu: -1)  # rebinding keeps the address
    assert m.call("apply", addr, 1) == 0
    assert m.host_function("double_it", lambda cpu: None) == addr
    assert m.call("apply", addr, 7) == 8  # None leaves x0 alone


def test_host_function_can_call_back_into_the_machine(m: Machine) -> None:
    def square_via_sim(cpu: Cpu) -> int:
        return m.call("core_square", cpu.x_or_zr(0), cpu=cpu.index) + 1

    addr = m.host_function("square_via_sim", square_via_sim)
    sp_before = m.cpus[0].sp
    assert m.call("apply", addr, 9) == 81 + 1 + 1
    assert m.cpus[0].sp == m.stacks[0].top
    assert sp_before is not None


def test_host_function_errors() -> None:
    m = Machine()
    m.load_object(OBJ / "pfe2" / "core.o")
    with pytest.raises(ValueError, match="already defines it"):
        m.host_function("fib", lambda cpu: 0)
    with pytest.raises(TypeError, match="not callable"):
        m.host_function("x", 3)  # type: ignore[arg-type]
    bad = m.host_function("bad", lambda cpu: "zero")  # type: ignore[arg-type,return-value]
    with pytest.raises(SimError, match="returned 'zero'"):
        m.call("apply", bad, 1)


def test_rebinding_after_load_keeps_the_imported_address() -> None:
    m = Machine()
    first = m.host_function("_mcount", lambda cpu: None)
    core = m.load_object(OBJ / "pg" / "core.o")
    assert core.imports["_mcount"] == first
    hits: list[int] = []
    assert m.host_function("_mcount", lambda cpu: hits.append(1) or None) == first
    m.call("core_triple", 1)
    assert hits == [1]


# --------------------------------------------------------------------------- CPUs, stepping, budgets, faults


def test_each_cpu_has_its_own_stack_and_calls_interleave_by_step() -> None:
    m = boot(ncpus=3)
    assert len({c.sp for c in m.cpus}) == 3
    assert m.call("fib", 10, cpu=2) == 55
    # step two CPUs through the same function one instruction at a time
    for c in m.cpus[:2]:
        c.set_x(0, 12)
        c.set_x(30, HOST_AREA.base)
        c.sp = m.stacks[c.index].top
        c.pc = m.symbol("fib")
    while any(c.pc != HOST_AREA.base for c in m.cpus[:2]):
        for i in (0, 1):
            if m.cpus[i].pc != HOST_AREA.base:
                m.step(i)
    assert m.cpus[0].x_or_zr(0) == m.cpus[1].x_or_zr(0) == 144
    assert m.cpus[0].steps == m.cpus[1].steps > 1000


def test_step_budget_fault_names_cpu_pc_and_instruction(m: Machine) -> None:
    with pytest.raises(Fault) as info:
        m.call("fib", 25, max_steps=1000, cpu=0)
    f = info.value
    assert f.kind is FaultKind.STEP_BUDGET and f.cpu == 0 and f.pc is not None and f.disasm
    assert m.symbolize(f.pc) is not None and str(f).startswith(f"cpu0 pc={f.pc:#x} word=")
    assert m.call("fib", 5) == 5  # the machine is usable afterwards


def test_fp_instruction_is_unimplemented_with_its_row(m: Machine) -> None:
    with pytest.raises(Fault, match="LDR_Q_ldst_pos has no semantics") as info:
        m.call("reloc_probe_ldst128")
    assert info.value.kind is FaultKind.UNIMPLEMENTED and info.value.disasm is not None
    assert info.value.disasm.startswith("ldr q0, [x0")


def test_null_pointer_is_an_unmapped_fault(m: Machine) -> None:
    with pytest.raises(Fault) as info:
        m.call("checksum", 0, 4)
    f = info.value
    assert f.kind is FaultKind.UNMAPPED and f.addr == 0 and m.symbolize(f.pc or 0).startswith("checksum")  # type: ignore[union-attr]
    assert "ldrb" in (f.disasm or "")


def test_call_argument_errors(m: Machine) -> None:
    with pytest.raises(ValueError, match="at most 8"):
        m.call("fib", *range(9))
    with pytest.raises(TypeError, match="argument 0 is '3'"):
        m.call("fib", "3")  # type: ignore[arg-type]
    with pytest.raises(IndexError, match="no cpu5"):
        m.call("fib", 3, cpu=5)
    with pytest.raises(ValueError, match="ncpus"):
        Machine(ncpus=0)


def test_negative_arguments_are_twos_complement(m: Machine) -> None:
    assert m.call("sdiv_mod", -7, 2) == _sdiv_mod((-7) & M64, 2)


# --------------------------------------------------------------------------- tracing


def test_trace_of_a_call_shows_effects_and_branch_targets() -> None:
    m = boot()
    trace = m.trace_on()
    m.call("call_traced", 1, 2)
    m.trace_off()
    lines = trace.lines()
    assert len(lines) == len(trace) > 20
    fib_entry = m.symbol("call_traced")
    assert lines[0].startswith(f"cpu0 {fib_entry:016x}: nop")
    assert any("-> traced_nonleaf" in line for line in lines)
    assert any(line.split(": ", 1)[1].startswith("stp   x29, x30, [sp, #-") and "sp=" in line for line in lines)
    assert lines[-1].endswith("-> <return>")
    assert m.call("fib", 3) == 2 and len(trace) == len(lines)  # off again


# --------------------------------------------------------------------------- host-compiled oracle (ctypes)


@pytest.fixture(scope="module")
def host_lib(tmp_path_factory: pytest.TempPathFactory) -> ctypes.CDLL:
    if shutil.which("gcc") is None:
        missing("gcc")
    out = tmp_path_factory.mktemp("fixtures_host")
    subprocess.run(["sh", str(FIXTURES / "build.sh"), "--host", str(out)], check=True, capture_output=True)
    return ctypes.CDLL(str(out / "fixtures_host.so"))


def _sig(lib: ctypes.CDLL, name: str, nargs: int) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    fn = getattr(lib, name)
    fn.restype = ctypes.c_uint64
    fn.argtypes = [ctypes.c_uint64] * nargs
    return fn  # type: ignore[no-any-return]


SCALAR = {
    "traced_leaf": 2, "traced_nonleaf": 2, "call_traced": 2, "arith_mix": 2, "sdiv_mod": 2, "mulhi64": 2,
    "rotl64": 2, "rotr64": 2, "classify": 3, "apply_op": 2, "widths_mix": 1, "core_untraced": 1,
    "module_tail": 1, "module_entry": 1, "factorial": 1,
}  # fmt: skip


@pytest.mark.oracle
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(SCALAR)), a=u64, b=u64 | st.integers(0, 3), c=u64)
def test_scalar_functions_match_host_compiled_c(host_lib: ctypes.CDLL, m: Machine, name: str, a: int, b: int, c: int) -> None:
    n = SCALAR[name]
    args = [a, b, c][:n]
    if name == "classify":
        args[0] &= 0xF
    if name in ("rotl64", "rotr64", "widths_mix", "apply_op"):
        args[1 if name != "widths_mix" else 0] &= 0xFFFF_FFFF
    if name == "factorial":
        args[0] &= 0x3F
    host = _sig(host_lib, name, n)(*args) & M64
    if name in ("module_tail", "module_entry"):  # read module_calls, a counter with separate copies
        return
    assert m.call(name, *args) == host


@pytest.mark.oracle
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=120), other=st.binary(min_size=120, max_size=120), k=u64, n=st.integers(0, 3))
def test_buffer_functions_match_host_compiled_c(
    host_lib: ctypes.CDLL, m: Machine, data: bytes, other: bytes, k: int, n: int
) -> None:
    hbuf = ctypes.create_string_buffer(data, 128)
    sim = m.alloc(128, data=data)
    assert m.call("checksum", sim, len(data)) == _sig(host_lib, "checksum", 2)(ctypes.addressof(hbuf), len(data))
    hb = ctypes.create_string_buffer(other, 128)
    simb = m.alloc(128, data=other)
    host_pair = _sig(host_lib, "module_checksum_pair", 3)(ctypes.addressof(hbuf), ctypes.addressof(hb), len(data))
    assert m.call("module_checksum_pair", sim, simb, len(data)) == host_pair
    # vec4 routines on 4 x 32-byte structs
    vec = (other * 2)[: 4 * 32]
    hv, hout = ctypes.create_string_buffer(vec, 128), ctypes.create_string_buffer(128)
    sv, sout = m.alloc(128, data=vec), m.alloc(128)
    _sig(host_lib, "vec4_copy_n", 3)(ctypes.addressof(hout), ctypes.addressof(hv), n)
    m.call("vec4_copy_n", sout, sv, n)
    assert m.memory.read(sout, 128) == hout.raw
    assert m.call("vec4_sum", sv) == _sig(host_lib, "vec4_sum", 1)(ctypes.addressof(hv))
    _sig(host_lib, "fill_bytes", 3)(ctypes.addressof(hout), k & 0xFF, len(data))
    m.call("fill_bytes", sout, k & 0xFF, len(data))
    assert m.memory.read(sout, 128) == hout.raw


@pytest.mark.oracle
def test_stateful_functions_match_host_compiled_c(host_lib: ctypes.CDLL) -> None:
    m = boot()
    bump, read = _sig(host_lib, "counter_bump", 1), _sig(host_lib, "counter_read", 0)
    core_data = _sig(host_lib, "module_read_core_data", 0)
    for by in (1, 0xFFFF_FFFF_FFFF, 7, 1 << 63):
        assert m.call("counter_bump", by) == bump(by)
        assert m.call("counter_read") == read()
        assert m.call("module_read_core_data") == core_data()


def test_a_host_function_exception_leaves_the_cpu_at_the_trap() -> None:
    m = Machine()
    m.load_object(OBJ / "pfe2" / "core.o")

    def boom(cpu: Cpu) -> int:
        raise RuntimeError("tracer bug")

    addr = m.host_function("boom", boom)
    with pytest.raises(RuntimeError, match="tracer bug"):
        m.call("apply", addr, 1)
    assert m.cpus[0].pc == addr and m.cpus[0].steps > 0
    assert m.call("fib", 6) == 8
