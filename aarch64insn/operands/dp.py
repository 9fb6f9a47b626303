"""Operand kinds for the dp family (filled in by its table rows)."""

from __future__ import annotations
