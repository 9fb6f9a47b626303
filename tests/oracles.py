"""Access to the external oracles, with one policy for a missing tool.

``need("capstone")`` returns the module or skips the test with the install
hint; under CI (``CI=true``) a missing oracle is a test FAILURE instead, so a
green CI run always means the oracle ran.
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"

HINTS = {
    "capstone": "pip install capstone==5.0.9 (see pyproject [test] extra)",
    "unicorn": "pip install unicorn",
    "keystone": "pip install keystone-engine",
    "llvm-mc": "apt-get install llvm",
    "aarch64-linux-gnu-objdump": "apt-get install binutils-aarch64-linux-gnu",
    "aarch64-linux-gnu-as": "apt-get install binutils-aarch64-linux-gnu",
    "aarch64-linux-gnu-gcc": "apt-get install gcc-aarch64-linux-gnu",
    "libc-arm64": "apt-get install libc6-arm64-cross",
}


def missing(name: str) -> None:
    """Skip (locally) or fail (CI) because oracle *name* is not available."""
    msg = f"oracle {name!r} is not available: {HINTS.get(name, 'install it')}"
    if os.environ.get("CI"):
        pytest.fail(msg + " (CI must run every oracle)")
    pytest.skip(msg, allow_module_level=True)


def import_oracle(module: str) -> Any:
    """Import an oracle module (``capstone``, ``unicorn``, ``keystone``) or skip/fail per the CI policy."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        missing(module)
        raise


def need_tool(name: str) -> str:
    """The path of command-line oracle *name*."""
    path = shutil.which(name)
    if path is None:
        missing(name)
    assert path is not None
    return path


@functools.cache
def _capstone() -> Any:
    try:
        import capstone
    except ImportError:
        return None
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    return md


def capstone_md() -> Any:
    """A capstone ``Cs`` handle for AArch64 (skips/fails if capstone is missing)."""
    md = _capstone()
    if md is None:
        missing("capstone")
    return md


def capstone_text(word: int, pc: int = 0) -> str | None:
    """capstone's ``mnemonic op_str`` for *word* at *pc*, or None if it rejects the word."""
    md = capstone_md()
    for _addr, _size, mnemonic, op_str in md.disasm_lite(struct.pack("<I", word), pc):
        return f"{mnemonic} {op_str}".strip()
    return None


#: llvm-mc 14 has no "+all": name every extension the table covers (unknown ones are ignored with a warning)
LLVM_MC_MATTR = (
    "+v8.7a,+lse,+rcpc,+rcpc-immo,+mte,+pauth,+bti,+sb,+ssbs,+predres,+fullfp16,+fp16fml,+dotprod,"
    "+i8mm,+bf16,+crypto,+aes,+sha2,+sha3,+sm4,+tme,+spe,+rand,+flagm,+altnzcv,+fptoint,+ls64,+xs,"
    "+wfxt,+hbc,+mops,+brbe,+crc,+rdm,+complxnum,+jsconv,+ccidx,+specrestrict,+trbe,+ete,+cssc"
)


def llvm_mc_encode(lines: list[str], mattr: str = LLVM_MC_MATTR) -> list[int | None]:
    """Assemble each line with llvm-mc; the word, or None where llvm-mc rejects it.

    One llvm-mc process for all lines: it prints the encodings of the lines it
    accepts in order and names the others on stderr (``<stdin>:LINE:COL: error``),
    so the two lists line up.
    """
    import re

    exe = need_tool("llvm-mc")
    proc = subprocess.run(
        [exe, "-triple=aarch64", f"-mattr={mattr}", "-show-encoding"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=False,
    )
    failed = {int(m[1]) - 1 for m in re.finditer(r"^<stdin>:(\d+):\d+: error", proc.stderr, re.M)}
    encodings = iter(
        struct.unpack("<I", bytes(int(x, 16) for x in t.split("encoding: [", 1)[1].split("]", 1)[0].split(",")))[0]
        for t in proc.stdout.splitlines()
        if "encoding: [" in t
    )
    return [None if i in failed else next(encodings) for i in range(len(lines))]


@functools.cache
def known_differences() -> dict[int, dict[str, Any]]:
    """The documented oracle disagreements, keyed by word (tests/data/known_differences/*.toml).

    Each entry: word, ours, capstone (text or "reject"), arbiter, reason.
    """
    out: dict[int, dict[str, Any]] = {}
    for path in sorted((DATA / "known_differences").glob("*.toml")):
        data = tomllib.loads(path.read_text())
        for entry in data.get("difference", []):
            for key in ("word", "ours", "capstone", "arbiter", "reason"):
                if key not in entry:
                    raise AssertionError(f"{path.name}: entry {entry} lacks {key!r}")
            out[int(entry["word"])] = entry
    return out


@functools.cache
def known_rules() -> list[dict[str, Any]]:
    """Class rules of the known differences (``[[rule]]`` tables in tests/data/known_differences/*.toml).

    A rule names a ``class`` (which must also have at least one ``[[difference]]``
    entry with an arbiter), the ``rows`` it applies to (fnmatch patterns over Arm
    encoding IDs), and regular expressions ``ours`` and ``capstone`` that both texts
    must match in full (``capstone = "reject"`` when capstone rejects the word).
    """
    import re

    rules: list[dict[str, Any]] = []
    classes = {e.get("class") for e in known_differences().values()}
    for path in sorted((DATA / "known_differences").glob("*.toml")):
        for rule in tomllib.loads(path.read_text()).get("rule", []):
            for key in ("class", "rows", "ours", "capstone"):
                if key not in rule:
                    raise AssertionError(f"{path.name}: rule {rule} lacks {key!r}")
            if rule["class"] not in classes:
                raise AssertionError(f"{path.name}: rule class {rule['class']!r} has no [[difference]] entry")
            rule = dict(rule)
            rule["_ours"] = re.compile(rule["ours"])
            rule["_cs"] = None if rule["capstone"] == "reject" else re.compile(rule["capstone"])
            rules.append(rule)
    return rules


def known_class(row: str, ours: str, capstone: str | None) -> str | None:
    """The known-difference class that explains this disagreement, or None."""
    import fnmatch

    for rule in known_rules():
        if not any(fnmatch.fnmatchcase(row, pat) for pat in rule["rows"]):
            continue
        if not rule["_ours"].fullmatch(ours):
            continue
        if rule["_cs"] is None:
            if capstone is None:
                return str(rule["class"])
        elif capstone is not None and rule["_cs"].fullmatch(capstone):
            return str(rule["class"])
    return None


@functools.cache
def known_word_classes() -> list[dict[str, Any]]:
    """``[[difference_class]]`` tables: disagreements selected by word pattern.

    For words with no row to name (we reject them): ``mask``/``value`` select the
    words, ``ours`` is ``"reject"`` or a regex, ``capstone`` a regex or ``"reject"``,
    and ``arbiter``/``reason`` say who is right and why.
    """
    import re

    out: list[dict[str, Any]] = []
    for path in sorted((DATA / "known_differences").glob("*.toml")):
        for entry in tomllib.loads(path.read_text()).get("difference_class", []):
            for key in ("mask", "value", "ours", "capstone", "arbiter", "reason"):
                if key not in entry:
                    raise AssertionError(f"{path.name}: difference_class {entry.get('name')} lacks {key!r}")
            e = dict(entry)
            e["_ours"] = None if e["ours"] == "reject" else re.compile(e["ours"])
            e["_cs"] = None if e["capstone"] == "reject" else re.compile(e["capstone"])
            out.append(e)
    return out


def known_word_class(word: int, ours: str | None, capstone: str | None) -> str | None:
    """The ``[[difference_class]]`` that explains this disagreement (``ours`` None = we reject)."""
    for e in known_word_classes():
        if word & e["mask"] != e["value"]:
            continue
        if (e["_ours"] is None) != (ours is None):
            continue
        if ours is not None and not e["_ours"].fullmatch(ours):
            continue
        if (e["_cs"] is None) != (capstone is None):
            continue
        if capstone is not None and not e["_cs"].fullmatch(capstone):
            continue
        return str(e.get("name", "class"))
    return None
