"""Loads and stores."""

from __future__ import annotations

from ..spec import Alias, Encoding, OverlapGroup

ENCODINGS: tuple[Encoding, ...] = ()
ALIASES: tuple[Alias, ...] = ()
OVERLAPS: tuple[OverlapGroup, ...] = ()
