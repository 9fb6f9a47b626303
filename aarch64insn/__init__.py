"""aarch64insn: a pure-Python AArch64 encoder, decoder, assembler and disassembler.

One table (:mod:`aarch64insn.table`) declares every encoding; everything here
is derived from it. The kernel's own API lives in :mod:`aarch64insn.kernel`.

>>> from aarch64insn import decode, disassemble
>>> disassemble(0xAA1E03E9)
'mov x9, x30'
>>> insn = decode(0xD503201F)
>>> insn.id, insn.is_hotpatch_safe
('NOP_HI_hints', True)
>>> disassemble(0x94000040, pc=0x1000)
'bl #0x1100'

The assembler (:func:`~aarch64insn.asm.assemble`,
:func:`~aarch64insn.asm.assemble_lines`) and the builders (:mod:`aarch64insn.build`)
load on first use, which keeps ``import aarch64insn`` cheap for programs that only
decode.
"""

from __future__ import annotations

from .codec import decode, disassemble, encode, encode_operands
from .errors import AArch64InsnError, AsmSyntaxError, DecodeError, DecodeReason, EncodeError, SpecError
from .insn import FieldView, Insn
from .registers import *  # noqa: F403  (X0..X30, W0..W30, XZR, WZR, SP, WSP, FP, LR)
from .registers import __all__ as _register_names

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from . import build
    from .asm import assemble, assemble_lines

__all__ = [
    *_register_names,
    "AArch64InsnError",
    "AsmSyntaxError",
    "DecodeError",
    "DecodeReason",
    "EncodeError",
    "FieldView",
    "Insn",
    "SpecError",
    "assemble",
    "assemble_lines",
    "build",
    "decode",
    "disassemble",
    "encode",
    "encode_operands",
]

__version__ = "0.1.0"

_LAZY = {"assemble": "asm", "assemble_lines": "asm", "build": None}


def __getattr__(name: str) -> object:
    """Import the assembler and the builders on their first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module = _LAZY[name]
    value: object = importlib.import_module(f".{module or name}", __name__)
    if module is not None:
        value = getattr(value, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
