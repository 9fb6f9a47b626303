"""The decoded instruction, :class:`Insn`."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .spec import CONDITION_HELPERS, Alias, Encoding, Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from bitstring import Bits

__all__ = ["FieldView", "Insn"]

_CODEC: Any = None


def _codec() -> Any:
    """The codec module (imported late: it imports this one)."""
    global _CODEC
    if _CODEC is None:
        from . import codec

        _CODEC = codec
    return _CODEC


class FieldView(Record):
    """One field of an instruction word, as :meth:`Insn.explain` shows it."""

    __slots__ = ("name", "msb", "lsb", "bits", "fixed")
    FIELDS = __slots__

    name: str
    msb: int
    lsb: int
    bits: Bits
    fixed: bool

    def __init__(self, name: str, msb: int, lsb: int, bits: Bits, fixed: bool) -> None:
        _set = object.__setattr__
        _set(self, "name", name)
        _set(self, "msb", msb)
        _set(self, "lsb", lsb)
        _set(self, "bits", bits)
        _set(self, "fixed", fixed)

    @property
    def value(self) -> int:
        """The field's unsigned value."""
        return int(self.bits.uint)


class Insn:
    """A decoded instruction: immutable, hashable, cheap to create.

    ``id`` is the Arm encoding ID of the row that matched; ``alias`` the alias
    that disassembly prefers (or None). ``fields`` maps every field of the
    diagram (Arm spelling) to its value.
    """

    __slots__ = ("word", "encoding", "_fields", "_alias", "_text")

    word: int
    encoding: Encoding
    _fields: Mapping[str, int] | None
    _alias: Alias | None | bool
    #: the text, once printed, when it does not depend on the address
    _text: str | None

    def __init__(self, word: int, encoding: Encoding) -> None:
        object.__setattr__(self, "word", word)
        object.__setattr__(self, "encoding", encoding)
        object.__setattr__(self, "_fields", None)
        object.__setattr__(self, "_alias", False)
        object.__setattr__(self, "_text", None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Insn is immutable; cannot set {name!r}")

    def __repr__(self) -> str:
        return f"Insn({self.word:#010x}, {self.id})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Insn) and other.word == self.word

    def __hash__(self) -> int:
        return hash(self.word)

    @property
    def id(self) -> str:
        """The Arm encoding ID (``ADD_64_addsub_imm``)."""
        return self.encoding.id

    @property
    def fields(self) -> Mapping[str, int]:
        """Field name -> value, for every field of the diagram."""
        f = self._fields
        if f is None:
            w = self.word
            f = MappingProxyType(
                {n: (w >> x.lsb) & ((1 << x.width) - 1) for n, x in self.encoding.fields.items()}
            )
            object.__setattr__(self, "_fields", f)
        return f

    @property
    def alias(self) -> Alias | None:
        """The alias disassembly prefers, or None."""
        a = self._alias
        if a is False:
            a = _codec().choose_alias(self.encoding, self.word, self.fields)
            object.__setattr__(self, "_alias", a)
        assert a is None or isinstance(a, Alias)
        return a

    @property
    def mnemonic(self) -> str:
        """The mnemonic as printed (alias included): ``mov``, ``b.eq``."""
        return self.text().split(" ", 1)[0]

    @property
    def unpredictable(self) -> str | None:
        """Why the word is CONSTRAINED UNPREDICTABLE, or None."""
        e = self.encoding
        sm = e.layout.should_mask
        if sm and (self.word & sm) != e.layout.should_value:
            return "should-be bits differ"
        for code, why in e.unpredictable_code:
            if eval(code, dict(CONDITION_HELPERS), dict(self.fields)):  # noqa: S307
                return why
        return None

    def text(self, pc: int = 0) -> str:
        """Disassembly text at address *pc* (capstone's LLVM syntax)."""
        return str(_codec().format_insn(self, pc))

    def operands(self, pc: int = 0) -> tuple[object, ...]:
        """The operand values in template order (registers, ints, names)."""
        return tuple(_codec().operand_values(self, pc))

    # Flags of the row -------------------------------------------------------------

    @property
    def is_branch(self) -> bool:
        """Any branch (immediate, register, conditional, compare-and-branch)."""
        return self.encoding.branch

    @property
    def is_branch_imm(self) -> bool:
        """A pc-relative immediate branch."""
        return self.encoding.branch_imm

    @property
    def uses_literal(self) -> bool:
        """A pc-relative literal access (LDR literal, ADR, ADRP, PRFM literal)."""
        return self.encoding.uses_literal

    @property
    def is_barrier(self) -> bool:
        """A barrier (DMB, DSB, ISB, SB, CLREX, SSBB, PSSBB)."""
        return self.encoding.barrier

    @property
    def is_hotpatch_safe(self) -> bool:
        """One of B, BL, BRK, HVC, ISB, NOP, SMC, SVC: the instructions the
        architecture lets software swap while another CPU may execute them."""
        return self.encoding.hotpatch_safe

    @property
    def kernel_predicates(self) -> tuple[str, ...]:
        """The kernel ``aarch64_insn_is_<abbr>`` predicates true for this word."""
        from .table import KERNEL_FUNCS

        return tuple(k.abbr for k in KERNEL_FUNCS if k.matches(self.word))

    def explain(self) -> list[FieldView]:
        """Each field of the diagram as a ``bitstring`` view with its position, bit 31 first.

        Fixed bits that the diagram does not name appear as ``"fixed"`` views.
        """
        from bitstring import Bits

        views: list[FieldView] = []
        e = self.encoding
        named = sorted(e.fields.values(), key=lambda f: -f.lsb)
        pos = 31
        for f in named + [None]:
            top = f.msb if f is not None else -1
            if pos > top:
                width = pos - top
                lsb = top + 1
                chunk = (self.word >> lsb) & ((1 << width) - 1)
                views.append(FieldView("fixed", pos, lsb, Bits(uint=chunk, length=width), True))
            if f is None:
                break
            fixed = f.name not in e.layout.variable
            views.append(FieldView(f.name, f.msb, f.lsb, Bits(uint=f.extract(self.word), length=f.width), fixed))
            pos = f.lsb - 1
        return views
