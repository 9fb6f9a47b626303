"""The typed errors of :mod:`aarch64insn`.

::

    AArch64InsnError(Exception)
    ├── SpecError            the table itself is wrong (raised at import time)
    ├── EncodeError          a field or operand value that the encoding cannot hold
    ├── DecodeError          a word that is not an instruction we can decode
    └── AsmSyntaxError       assembly text that does not parse

``EncodeError``, ``DecodeError`` and ``AsmSyntaxError`` are also :class:`ValueError`,
so callers that only know the standard library can still catch them.

UNPREDICTABLE is not an error: such a word decodes, and
:attr:`aarch64insn.Insn.unpredictable` says why (LLVM calls this a *soft fail*).

The kernel mirror (:mod:`aarch64insn.kernel`) never raises these for bad
arguments: it returns ``AARCH64_BREAK_FAULT`` as the kernel does.
"""

from __future__ import annotations

import enum

__all__ = [
    "AArch64InsnError",
    "AsmSyntaxError",
    "DecodeError",
    "DecodeReason",
    "EncodeError",
    "SpecError",
]


class AArch64InsnError(Exception):
    """Base class of every error this package raises."""


class SpecError(AArch64InsnError):
    """The encoding table is inconsistent; the message starts with the row ID."""


class EncodeError(AArch64InsnError, ValueError):
    """A value cannot be encoded.

    The message names the encoding, the argument, its value and the legal range.
    The same facts are available as attributes.
    """

    def __init__(
        self,
        message: str,
        *,
        encoding: str | None = None,
        argument: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        #: the Arm encoding ID (``BL_only_branch_imm``), when one is known
        self.encoding = encoding
        #: the argument or operand that is out of range (``imm26``, ``N,immr,imms``)
        self.argument = argument
        #: the value that was given
        self.value = value


class DecodeReason(enum.Enum):
    """Why a word did not decode."""

    #: The architecture does not allocate this encoding (it is UNDEFINED).
    UNALLOCATED = "unallocated"
    #: The word is in an instruction space this package does not cover yet
    #: (SVE, SME). It is *not* claimed to be undefined.
    UNSUPPORTED = "unsupported"


class DecodeError(AArch64InsnError, ValueError):
    """A word does not decode to an instruction.

    :attr:`reason` separates "the architecture does not allocate this word"
    from "this package does not cover that part of the architecture".
    """

    def __init__(self, word: int, reason: DecodeReason, detail: str = "") -> None:
        #: the 32-bit word
        self.word = word
        #: why it did not decode
        self.reason = reason
        #: more about the reason (the unsupported extension's name), or ``""``
        self.detail = detail
        text = f"{word:#010x}: {reason.value}"
        if detail:
            text += f" ({detail})"
        super().__init__(text)


class AsmSyntaxError(AArch64InsnError, ValueError):
    """Assembly text that does not parse.

    :attr:`column` is 1-based; :attr:`expected` says what the parser wanted.
    """

    def __init__(self, text: str, column: int, expected: str, token: str = "") -> None:
        #: the line of assembly text
        self.text = text
        #: the 1-based column of the error
        self.column = column
        #: what the parser wanted there
        self.expected = expected
        #: the token it found instead (``""``: end of line)
        self.token = token
        got = f"got {token!r}" if token else "got end of line"
        super().__init__(f"column {column}: expected {expected}, {got}: {text!r}")
