"""Operand kinds for the ldst family (filled in by its table rows)."""

from __future__ import annotations
