"""Sphinx extension: napoleon must not read prose before a colon as an attribute's type.

For an attribute, property or module constant, napoleon takes the text before the first
colon of the docstring as its type (``"int: the count"``). This project's docstrings are
prose (``"Reach of B/BL: +-128 MiB"``, ``#: Host trap page: ...``); the types come from
the annotations. This keeps napoleon's reading only when the text before the colon looks
like a type expression (``int``, ``list[str] | None``) and otherwise puts the sentence
back together.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.ext.napoleon.docstring import GoogleDocstring

_TYPE = re.compile(r"[A-Za-z_][\w.]*(\[[\w.,| \[\]]*\])?(\s*\|\s*[A-Za-z_][\w.]*(\[[\w.,| \[\]]*\])?)*")
_original = GoogleDocstring._consume_inline_attribute


def _consume_inline_attribute(self: GoogleDocstring) -> tuple[str, list[str]]:
    _type, descs = _original(self)
    if _type and not _TYPE.fullmatch(_type.strip()):
        first = f"{_type}: {descs[0]}" if descs else f"{_type}:"
        return "", [first, *descs[1:]]
    return _type, descs


def setup(app: Sphinx) -> dict[str, Any]:
    GoogleDocstring._consume_inline_attribute = _consume_inline_attribute  # type: ignore[method-assign]
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
