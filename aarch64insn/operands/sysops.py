"""Operand kinds for the sysops family (filled in by its table rows)."""

from __future__ import annotations
