"""What keeps ``import aarch64insn`` cheap: the table's row cache and the lazy imports.

The cache tests run fresh interpreters on a copy of the package, so that the
stamps and cache files they create, edit and break are their own. No timings
are asserted (bench/bench_import.py measures them).
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import aarch64insn
from aarch64insn import table
from aarch64insn.spec import Encoding, Field, Placeholder

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import sys, aarch64insn; print(' '.join(sorted(m for m in sys.modules if m.startswith('aarch64insn'))))"
FAMILIES = {f"aarch64insn.table.{n}" for n in ("branch", "system", "dpimm", "dpreg", "ldst", "fp", "advsimd")}


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "aarch64insn", tmp_path / "aarch64insn", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _modules(root: Path) -> set[str]:
    """The aarch64insn modules that ``import aarch64insn`` loads in a fresh interpreter on *root*'s copy."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=root, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def _cache_files(root: Path) -> list[str]:
    return sorted(os.listdir(root / "aarch64insn" / "table" / "__pycache__"))


def test_the_first_import_checks_and_caches_later_imports_read_the_cache(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    first = _modules(root)
    assert FAMILIES <= first and "aarch64insn.operands.core" in first  # checked: rows and kinds loaded
    stamp, rows = _cache_files(root)
    assert stamp.startswith("table-checked-") and rows == f"table-rows-{stamp.removeprefix('table-checked-')}.marshal"
    later = _modules(root)
    assert not later & FAMILIES, "the rows come from the cache"
    assert not {"aarch64insn.asm", "aarch64insn.build", "aarch64insn.operands.core"} & later, "loaded on first use"


def test_an_edit_after_the_cache_was_written_is_checked_again(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _modules(root)
    branch = root / "aarch64insn" / "table" / "branch.py"
    branch.write_text(branch.read_text() + 'ENCODINGS = (*ENCODINGS, E("X_bad", "op=0 00101 imm26:25", "b {LABEL:imm26*4}"))\n')
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True)
    assert out.returncode != 0 and "X_bad: diagram covers 31 bits" in out.stderr


def test_an_unreadable_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _modules(root)
    cache_dir = root / "aarch64insn" / "table" / "__pycache__"
    (rows,) = [p for p in cache_dir.iterdir() if p.suffix == ".marshal"]
    rows.write_bytes(b"not a marshal file")
    assert FAMILIES <= _modules(root)  # rebuilt from the sources, not checked again
    assert not _modules(root) & FAMILIES  # and cached again
    rows.write_bytes(rows.read_bytes()[:1000])  # truncated
    assert FAMILIES <= _modules(root)


def test_family_modules_hold_the_table_s_own_rows() -> None:
    from aarch64insn.table import kernel, ldst, system

    ids = {id(r) for r in (*table.ENCODINGS, *table.ALIASES, *table.OVERLAP_GROUPS, *table.KERNEL_FUNCS)}
    for fam in table._FAMILIES:
        assert all(id(r) in ids for r in (*fam.ENCODINGS, *fam.ALIASES, *fam.OVERLAPS)), fam.__name__
    assert all(id(k) in ids for k in kernel.KERNEL_FUNCS)
    assert aarch64insn.decode(ldst.ENCODINGS[0].value).encoding is ldst.ENCODINGS[0]
    assert system.ALIASES[0].mask  # attached to its base


def test_lazy_top_level_names() -> None:
    from aarch64insn import asm, build

    assert aarch64insn.assemble is asm.assemble and aarch64insn.assemble_lines is asm.assemble_lines
    assert aarch64insn.build is build
    assert {"assemble", "assemble_lines", "build"} <= set(dir(aarch64insn))
    namespace: dict[str, object] = {}
    exec("from aarch64insn import *", namespace)  # noqa: S102
    assert set(aarch64insn.__all__) <= set(namespace)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        aarch64insn.nope  # type: ignore[attr-defined]  # noqa: B018


def test_records_are_immutable_values() -> None:
    f = Field("Rn", 5, 5)
    assert f == Field("Rn", 5, 5) and hash(f) == hash(Field("Rn", 5, 5)) and f != Field("Rn", 5, 4)
    assert repr(f) == "Field(name='Rn', lsb=5, width=5)"
    with pytest.raises(AttributeError, match="immutable"):
        f.lsb = 6  # type: ignore[misc]
    ph = Placeholder("X", ("Rn",))
    assert (ph.scale, ph.defaults) == (1, ()) and pickle.loads(pickle.dumps(ph)) == ph
    row = Encoding("B_only_branch_imm", "op=0 00101 imm26:26", "b {LABEL:imm26*4}")
    assert row.mask == 0xFC000000  # the lazily parsed diagram takes no part in equality
    again = pickle.loads(pickle.dumps(row))
    assert again == row and again.mask == row.mask and hash(again) == hash(row)
