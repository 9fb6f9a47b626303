"""ftrace_sim instructions/s against unicorn on the same fixture code, in the same run.

Workloads (GCC -O2 kernel-style C from ftrace_sim/fixtures, pfe2 objects):
  * checksum(buf, 4096)   a byte loop: ldrb, eor, mul, add, cmp, b.ne
  * fib(18)               calls: stp/ldp pre/post-index on SP, bl, ret, cbz
  * copy_bytes(d, s, 4000) word loop then byte loop

For each, simulated instructions per second for:
  * ours, run()         Machine.call: the pre-decoded closure loop (what call() uses)
  * ours, step()        Cpu.step() called once per instruction from Python (the scheduler's path)
  * unicorn single-step emu_start(pc, ret, count=1) per instruction, reading PC after each
  * unicorn hook        one emu_start with a UC_HOOK_CODE hook that reads PC and X0
  * unicorn free run    one emu_start, no hook (native JIT speed, for scale only)

Usage: .venv/bin/python bench/bench_sim.py [--quick]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ftrace_sim  # noqa: E402
from ftrace_sim import Machine  # noqa: E402
from ftrace_sim.machine import HOST_AREA  # noqa: E402

OBJ = Path(ftrace_sim.__file__).parent / "fixtures" / "obj" / "pfe2"
RET = HOST_AREA.base


def machine() -> tuple[Machine, int, int]:
    m = Machine(ncpus=1)
    m.load_object(OBJ / "core.o")
    src = m.alloc(0x2000, data=bytes((i * 7 + 3) & 0xFF for i in range(0x2000)))
    dst = m.alloc(0x2000)
    return m, src, dst


def best_rate(run: Callable[[], int], repeat: int) -> float:
    """Instructions per second of the fastest of ``repeat`` runs (``run`` returns its instruction count)."""
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = run()
        dt = time.perf_counter() - t0
        best = max(best, n / dt)
    return best


def ours_run(m: Machine, name: str, args: tuple[int, ...]) -> Callable[[], int]:
    cpu = m.cpus[0]

    def run() -> int:
        before = cpu.steps
        m.call(name, *args)
        return cpu.steps - before

    return run


def ours_step(m: Machine, name: str, args: tuple[int, ...]) -> Callable[[], int]:
    cpu = m.cpus[0]
    entry = m.symbol(name)

    def run() -> int:
        for i, a in enumerate(args):
            cpu.r[i] = a
        cpu.r[30] = RET
        cpu.sp = m.stacks[0].top
        cpu.pc = entry
        step = cpu.step
        n = 0
        while cpu.pc != RET:
            step()
            n += 1
        return n

    return run


class Unicorn:
    """A unicorn engine holding a copy of the machine's memory."""

    def __init__(self, m: Machine) -> None:
        import unicorn
        from unicorn import arm64_const as a64

        self.a64 = a64
        uc = unicorn.Uc(unicorn.UC_ARCH_ARM64, unicorn.UC_MODE_ARM)
        uc.ctl_set_cpu_model(a64.UC_CPU_ARM64_MAX)
        for region in m.memory.regions():
            uc.mem_map(region.base, region.size, unicorn.UC_PROT_ALL)
            uc.mem_write(region.base, bytes(region.data))
        self.uc = uc
        self.m = m
        self.unicorn = unicorn

    def setup(self, entry: int, args: tuple[int, ...]) -> None:
        a64, uc = self.a64, self.uc
        for i, a in enumerate(args):
            uc.reg_write(getattr(a64, f"UC_ARM64_REG_X{i}"), a)
        uc.reg_write(a64.UC_ARM64_REG_X30, RET)
        uc.reg_write(a64.UC_ARM64_REG_SP, self.m.stacks[0].top)
        uc.reg_write(a64.UC_ARM64_REG_PC, entry)

    def single_step(self, name: str, args: tuple[int, ...]) -> Callable[[], int]:
        entry = self.m.symbol(name)
        uc, pc_reg = self.uc, self.a64.UC_ARM64_REG_PC

        def run() -> int:
            self.setup(entry, args)
            pc, n = entry, 0
            while pc != RET:
                uc.emu_start(pc, RET, count=1)
                pc = uc.reg_read(pc_reg)
                n += 1
            return n

        return run

    def hooked(self, name: str, args: tuple[int, ...]) -> Callable[[], int]:
        entry = self.m.symbol(name)
        uc, a64 = self.uc, self.a64
        count = [0]

        def hook(uc_: object, address: int, size: int, data: object) -> None:
            uc.reg_read(a64.UC_ARM64_REG_PC)
            uc.reg_read(a64.UC_ARM64_REG_X0)
            count[0] += 1

        def run() -> int:
            self.setup(entry, args)
            count[0] = 0
            handle = uc.hook_add(self.unicorn.UC_HOOK_CODE, hook)
            try:
                uc.emu_start(entry, RET)
            finally:
                uc.hook_del(handle)
            return count[0]

        return run

    def free(self, name: str, args: tuple[int, ...], n: int) -> Callable[[], int]:
        entry = self.m.symbol(name)

        def run() -> int:
            self.setup(entry, args)
            self.uc.emu_start(entry, RET)
            return n

        return run


def main() -> None:
    quick = "--quick" in sys.argv
    repeat = 2 if quick else 3
    m, src, dst = machine()
    workloads = [
        ("checksum(buf, 4096)", "checksum", (src, 1024 if quick else 4096)),
        ("fib(18)", "fib", (15 if quick else 18,)),
        ("copy_bytes(4000)", "copy_bytes", (dst, src + 1, 1000 if quick else 4000)),
    ]
    try:
        uc: Unicorn | None = Unicorn(m)
    except ImportError:
        uc = None
        print("unicorn is not installed: only ftrace_sim figures")
    print(f"{'workload':<22}{'insns':>9}  {'ours run()':>12}{'ours step()':>13}{'uc 1-step':>12}"
          f"{'uc hook':>12}{'uc free':>14}  {'run/1-step':>10}{'run/hook':>9}")  # fmt: skip
    for label, name, args in workloads:
        ours_run(m, name, args)()  # pre-decode once (the steady state is what a scheduler sees)
        cpu = m.cpus[0]
        before = cpu.steps
        m.call(name, *args)
        n = cpu.steps - before
        run_rate = best_rate(ours_run(m, name, args), repeat)
        step_rate = best_rate(ours_step(m, name, args), repeat)
        if uc is not None:
            one = best_rate(uc.single_step(name, args), repeat)
            hook = best_rate(uc.hooked(name, args), repeat)
            free = best_rate(uc.free(name, args, n), repeat)
            print(f"{label:<22}{n:>9}  {run_rate:>12,.0f}{step_rate:>13,.0f}{one:>12,.0f}{hook:>12,.0f}"
                  f"{free:>14,.0f}  {run_rate / one:>9.1f}x{run_rate / hook:>8.2f}x")  # fmt: skip
        else:
            print(f"{label:<22}{n:>9}  {run_rate:>12,.0f}{step_rate:>13,.0f}")
    print("instructions/s; best of", repeat, "runs; same code, memory and arguments for every engine")


if __name__ == "__main__":
    main()
