"""Sphinx configuration for the aarch64insn / ftrace_sim reference site.

``make docs`` builds it with ``-W --keep-going -n``: every warning, including an
unresolved cross-reference, fails the build. The encoding, kernel-predicate and
known-differences pages are generated into ``generated/`` at build time by
``_ext/encodings.py`` (never committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # the local extensions, imported as _ext.<name>

project = "aarch64insn"
author = "aarch64insn team"
copyright = "the aarch64insn team"  # noqa: A001 (Sphinx setting)
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "_ext.encodings",
    "_ext.pyrefs",
    "_ext.attrdocs",
    "_ext.walkthrough",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
templates_path: list[str] = []
html_static_path = ["_static"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options: dict[str, object] = {}
napoleon_use_ivar = True  # "Attributes:" sections become fields, not duplicate entries
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "alabaster"
html_theme_options = {"page_width": "1240px", "sidebar_width": "230px"}
suppress_warnings = ["myst.header"]

# Every reference must resolve. There is no network (so no intersphinx): types from the
# standard library and third-party packages are external and listed here, nothing else.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"collections\.abc\..*"),
    (r"py:.*", r"typing\..*"),
    (r"py:.*", r"types\..*"),
    (r"py:.*", r"enum\..*"),
    (r"py:.*", r"re\.(Pattern|Match)"),
    (r"py:.*", r"logging\..*"),
    (r"py:.*", r"pathlib\..*"),
    (r"py:.*", r"dataclasses\..*"),
    (r"py:.*", r"hypothesis\..*"),
    (r"py:.*", r"bitstring\..*"),
    (r"py:.*", r"elftools\..*"),
    (r"py:.*", r"unicorn\..*"),
    (r"py:.*", r"capstone\..*"),
    (r"py:.*", r"(os|struct)\..*"),
    (r"py:.*", r"concurrent\.futures\..*"),
    # type variables of generic signatures
    (r"py:.*", r"(ftrace_sim\.[\w.]+\.)?T"),
    # bitstring.Bits, as the annotations of aarch64insn.insn spell it
    (r"py:class", r"Bits"),
]
