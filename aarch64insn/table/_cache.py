"""The row cache: the checked table's rows, marshalled, next to its check stamp.

Once a version of the table's sources has passed the checks (the
``table-checked-<digest>`` stamp in ``__pycache__``), the constructor arguments
of every row are written to ``table-rows-<digest>.marshal`` beside the stamp.
Later imports rebuild the rows from that file instead of compiling and running
the family modules, which is most of what ``import aarch64insn`` would cost.
A file that is missing, unreadable, of another format or another digest is
ignored (and rewritten); the digest covers this module too.

A family module imported after the table was read from the cache (tests and
tools import ``aarch64insn.table.ldst``) still runs its source, and then hands
back the very row objects the table holds (:func:`shared`), so a row from a
family module ``is`` the row that :func:`aarch64insn.decode` returns.
"""

from __future__ import annotations

import marshal
import os

from ..spec import Alias, Encoding, KernelFunc, OverlapGroup, Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import TypeVar

    _Rows = TypeVar("_Rows", bound=tuple[Record, ...])
    _E = TypeVar("_E", bound=tuple[Encoding, ...])
    _A = TypeVar("_A", bound=tuple[Alias, ...])
    _O = TypeVar("_O", bound=tuple[OverlapGroup, ...])

__all__ = ["Family", "Rows", "read", "shared", "shared_family", "write"]

#: bumped when the file layout changes
FORMAT = 1
_PREFIX = "table-rows-"

#: one family module's rows: (module name, encodings, aliases, overlap groups)
Family = tuple[str, tuple[Encoding, ...], tuple[Alias, ...], tuple[OverlapGroup, ...]]
#: the whole table: the families in table order, and the kernel predicates
Rows = tuple[tuple[Family, ...], tuple[KernelFunc, ...]]

#: (module, name) -> the rows read from the cache, for :func:`shared`
_LOADED: dict[tuple[str, str], tuple[Record, ...]] = {}


def _path(directory: str, digest: str) -> str:
    return os.path.join(directory, f"{_PREFIX}{digest}.marshal")


def read(directory: str, digest: str, kernel_module: str) -> Rows | None:
    """The rows cached for *digest*, or None when there is no usable cache file."""
    try:
        with open(_path(directory, digest), "rb") as fh:
            data = marshal.loads(fh.read())
        fmt, got, families, kernel = data
        if fmt != FORMAT or got != digest:
            return None
        fams = tuple(
            (
                module,
                tuple([Encoding(*args) for args in encs]),
                tuple([Alias(*args) for args in aliases]),
                tuple([OverlapGroup(*args) for args in groups]),
            )
            for module, encs, aliases, groups in families
        )
        kfs = tuple([KernelFunc(*args) for args in kernel])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    for module, encs_, aliases_, groups_ in fams:
        _LOADED[module, "ENCODINGS"] = encs_
        _LOADED[module, "ALIASES"] = aliases_
        _LOADED[module, "OVERLAPS"] = groups_
    _LOADED[kernel_module, "KERNEL_FUNCS"] = kfs
    return fams, kfs


def write(directory: str, digest: str, rows: Rows) -> None:
    """Cache *rows* for *digest* (atomically; older cache files go; errors are ignored)."""
    families, kernel = rows
    data = (
        FORMAT,
        digest,
        tuple(
            (module, tuple(e._key() for e in encs), tuple(a._key() for a in aliases), tuple(g._key() for g in groups))
            for module, encs, aliases, groups in families
        ),
        tuple(k._key() for k in kernel),
    )
    path = _path(directory, digest)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(data))  # type: ignore[arg-type]  # (tuples of str, int, bool)
        os.replace(tmp, path)
        for name in os.listdir(directory):
            if name.startswith(_PREFIX) and os.path.join(directory, name) != path:
                os.unlink(os.path.join(directory, name))
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def shared(module: str, name: str, rows: _Rows) -> _Rows:
    """The rows the table read from the cache for ``module.name``, when they equal *rows*; else *rows*.

    The row modules end by passing their row tuples through this, so that, with the
    table read from the cache, importing a row module yields the table's own row
    objects rather than equal copies.
    """
    cached = _LOADED.get((module, name))
    if cached is not None and cached == rows:
        return cached
    return rows


def shared_family(module: str, encodings: _E, aliases: _A, overlaps: _O) -> tuple[_E, _A, _O]:
    """:func:`shared` for the three row tuples of a family module."""
    return (
        shared(module, "ENCODINGS", encodings),
        shared(module, "ALIASES", aliases),
        shared(module, "OVERLAPS", overlaps),
    )
