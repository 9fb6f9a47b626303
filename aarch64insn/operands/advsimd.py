"""Operand kinds for the advsimd family (filled in by its table rows)."""

from __future__ import annotations
