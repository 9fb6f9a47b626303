"""Operand kinds: the only place that knows assembly operand syntax.

An operand kind turns the raw field values of one template placeholder into a
Python value (a :class:`~aarch64insn.registers.Reg`, an ``int``, a name), back
again, and to or from text. The table's templates (:mod:`aarch64insn.table`)
supply the punctuation around the operands; the kinds supply the operands.

Every kind implements four conversions, which are inverses of each other::

    fields --decode--> value --render--> text
    fields <--encode-- value <--parse--- text

``encode`` validates: it raises :class:`~aarch64insn.errors.EncodeError` naming
the encoding, the operand, the value and the legal range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import EncodeError
from ..spec import Field, Placeholder

__all__ = ["KINDS", "Bound", "Kind", "register"]


@dataclass(frozen=True, slots=True)
class Bound:
    """A placeholder resolved against its row: field objects and the row ID."""

    row: str
    ph: Placeholder
    fields: tuple[Field, ...]

    @property
    def widths(self) -> tuple[int, ...]:
        """The widths of the placeholder's fields."""
        return tuple(f.width for f in self.fields)

    @property
    def label(self) -> str:
        """How errors name this operand (its field names)."""
        return ",".join(self.ph.fields)

    def error(self, value: object, legal: str) -> EncodeError:
        """An :class:`EncodeError` for an operand value outside *legal*."""
        return EncodeError(
            f"{self.row}: operand {self.label}={_show(value)} is out of range; legal: {legal}",
            encoding=self.row,
            argument=self.label,
            value=value,
        )


def _show(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return hex(value) if abs(value) > 9 else str(value)
    return str(value)


class Kind:
    """Base class of operand kinds. Subclasses set :attr:`arity` and the conversions."""

    #: how many fields the kind takes (None: any number)
    arity: int | None = 1
    #: a short description used in docs and parse errors
    expected: str = "an operand"

    def decode(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> object:
        """Field values -> Python value."""
        raise NotImplementedError

    def render(self, value: object, b: Bound) -> str:
        """Python value -> assembly text."""
        raise NotImplementedError

    def encode(self, b: Bound, value: object, pc: int) -> tuple[int, ...]:
        """Python value -> field values; raises EncodeError when out of range."""
        raise NotImplementedError

    def format(self, b: Bound, vals: Sequence[int], pc: int, fields: Mapping[str, int]) -> str:
        """Field values -> text."""
        return self.render(self.decode(b, vals, pc, fields), b)


KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    """Add an operand kind under *name* (upper case, used in templates)."""
    if name in KINDS:
        raise ValueError(f"operand kind {name} registered twice")
    KINDS[name] = kind


def _load() -> None:
    from . import advsimd, core, dp, fp, ldst, sysops, system  # noqa: F401  (registration side effects)


_load()
