"""Cold ``import aarch64insn`` time, in fresh interpreters (goal: under 150 ms).

The first import after the table's sources change runs the table checks and
writes a stamp and the row cache (like a .pyc); the figure that matters is every
import after that. With bytecode caching off (PYTHONDONTWRITEBYTECODE, or a
read-only tree), every import also compiles the package's modules it loads.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "import time; t = time.perf_counter(); import aarch64insn; print(time.perf_counter() - t)"


def once() -> float:
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    first = once()  # may run the table checks (sources changed since the last stamp)
    runs = [once() for _ in range(9)]
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t0
    print(f"first import (checks the table if its sources changed): {first * 1000:7.1f} ms")
    print(f"cold import, median of 9 fresh interpreters:            {statistics.median(runs) * 1000:7.1f} ms"
          f"  (min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}; goal < 150 ms)")
    print(f"(a bare interpreter start takes {bare * 1000:.1f} ms and is not included)")
    if sys.flags.dont_write_bytecode:
        print("(bytecode caching is off (PYTHONDONTWRITEBYTECODE): modules without a .pyc compile at each import)")


if __name__ == "__main__":
    main()
