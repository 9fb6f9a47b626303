"""Every public name of both packages is documented.

Two checks, the first independent of a docs build:

* every class, function and method named in a public module's ``__all__`` has a
  docstring of its own (what autodoc renders), and every public module has one;
* when the site has been built since the sources last changed (``make docs``), every name of every ``__all__`` has an entry in ``docs/_build/html/objects.inv``:
  under its module, or, for a re-export, under the module that defines it.
"""

from __future__ import annotations

import importlib
import inspect
import posixpath
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
INVENTORY = ROOT / "docs" / "_build" / "html" / "objects.inv"

#: the public modules: the API pages (docs/api/*.rst) document each of them
PUBLIC_MODULES = (
    "aarch64insn",
    "aarch64insn._bits",
    "aarch64insn.asm",
    "aarch64insn.bitmasks",
    "aarch64insn.build",
    "aarch64insn.codec",
    "aarch64insn.errors",
    "aarch64insn.insn",
    "aarch64insn.registers",
    "aarch64insn.spec",
    "aarch64insn.strategies",
    "aarch64insn.table",
    "aarch64insn.operands",
    "aarch64insn.operands.core",
    "aarch64insn.operands.dp",
    "aarch64insn.operands.ldst",
    "aarch64insn.operands.fp",
    "aarch64insn.operands.advsimd",
    "aarch64insn.operands.system",
    "aarch64insn.operands.sysops",
    "aarch64insn.operands.sysregs",
    "aarch64insn.kernel",
    "aarch64insn.kernel.enums",
    "aarch64insn.kernel.funcs",
    "aarch64insn.kernel.gen",
    "aarch64insn.kernel.imm",
    "aarch64insn.kernel.aarch32",
    "ftrace_sim",
    "ftrace_sim.cpu",
    "ftrace_sim.elf",
    "ftrace_sim.errors",
    "ftrace_sim.layout",
    "ftrace_sim.machine",
    "ftrace_sim.memory",
    "ftrace_sim.semantics",
    "ftrace_sim.events",
    "ftrace_sim.kernel",
    "ftrace_sim.kernel.patching",
    "ftrace_sim.kernel.ftrace",
    "ftrace_sim.kernel.module_plts",
    "ftrace_sim.trampolines",
    "ftrace_sim.designs",
    "ftrace_sim.scenario",
    "ftrace_sim.sched",
    "ftrace_sim.invariants",
    "ftrace_sim.explore",
    "ftrace_sim.__main__",
    "ftrace_sim.trace",
)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def _documentable(obj: object) -> bool:
    """Classes and functions carry their own docstring; constants are documented by the API pages."""
    return inspect.isclass(obj) or inspect.isfunction(obj) or inspect.isbuiltin(obj)


@pytest.mark.parametrize("modname", PUBLIC_MODULES)
def test_public_names_have_docstrings(modname: str) -> None:
    mod = _module(modname)
    assert (mod.__doc__ or "").strip(), f"{modname} has no module docstring"
    names = getattr(mod, "__all__", None)
    assert names is not None, f"{modname} has no __all__"
    missing = []
    for name in names:
        obj = getattr(mod, name)
        if _documentable(obj) and not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj) and obj.__module__ == modname:
            for attr, member in vars(obj).items():
                func = getattr(member, "__func__", member)
                if attr.startswith("_") or not inspect.isfunction(func):
                    continue
                if not (inspect.getdoc(getattr(obj, attr)) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, f"{modname}: public names without a docstring: {missing}"


def _inventory() -> set[str]:
    from sphinx.util.inventory import InventoryFile

    with INVENTORY.open("rb") as f:
        inv = InventoryFile.load(f, "", posixpath.join)
    data = inv.data if hasattr(inv, "data") else inv  # Sphinx >= 8.2 returns an _Inventory
    return {name for kind, entries in data.items() if kind.startswith("py:") for name in entries}


def _homes(modname: str, name: str, obj: object) -> list[str]:
    """The names under which *obj* may be documented."""
    homes = [f"{modname}.{name}"]
    owner = getattr(obj, "__module__", None)
    if (inspect.isclass(obj) or inspect.isfunction(obj)) and isinstance(owner, str):
        homes.append(f"{owner}.{obj.__qualname__}")
    if inspect.ismodule(obj):
        homes.append(obj.__name__)
    # a re-exported constant: documented in the submodule it comes from
    for sub in PUBLIC_MODULES:
        if sub.startswith(modname + ".") and name in getattr(_module(sub), "__all__", ()):
            if getattr(_module(sub), name) is obj:
                homes.append(f"{sub}.{name}")
    return homes


def _fresh_inventory() -> bool:
    """The inventory exists and is newer than every source it documents."""
    if not INVENTORY.exists():
        return False
    built = INVENTORY.stat().st_mtime
    sources = [*(ROOT / "aarch64insn").rglob("*.py"), *(ROOT / "ftrace_sim").glob("*.py"),
               *(ROOT / "docs").glob("api/*.rst")]
    return all(p.stat().st_mtime <= built for p in sources)


@pytest.mark.skipif(not _fresh_inventory(), reason="docs not built since the last change (make docs)")
@pytest.mark.parametrize("modname", PUBLIC_MODULES)
def test_public_names_in_inventory(modname: str) -> None:
    documented = _inventory()
    mod = _module(modname)
    assert modname in documented, f"module {modname} has no entry in the API reference"
    missing = [
        name for name in mod.__all__ if not any(h in documented for h in _homes(modname, name, getattr(mod, name)))
    ]
    assert not missing, f"{modname}: names without an entry in the API reference: {missing}"
