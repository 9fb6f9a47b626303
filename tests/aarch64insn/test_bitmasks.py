"""Logical immediates: DecodeBitMasks and its inverse, by exhaustion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aarch64insn import bitmasks, disassemble
from tests.oracles import capstone_text


def _all_encodings(width: int) -> dict[int, tuple[int, int, int]]:
    out: dict[int, tuple[int, int, int]] = {}
    for n in (0, 1) if width == 64 else (0,):
        for imms in range(64):
            for immr in range(64):
                v = bitmasks.decode_bit_masks(n, imms, immr, width)
                if v is not None:
                    out.setdefault(v, (n, immr, imms))
    return out


@pytest.mark.parametrize(("width", "count"), [(64, 5334), (32, 1302)])
def test_every_valid_value_round_trips(width: int, count: int) -> None:
    values = _all_encodings(width)
    assert len(values) == count  # the architecture's count of bitmask immediates
    for value in values:
        enc = bitmasks.encode_bit_masks(value, width)
        assert enc is not None
        assert bitmasks.decode_bit_masks(enc[0], enc[2], enc[1], width) == value


@given(st.integers(min_value=0, max_value=(1 << 64) - 1))
def test_other_values_are_rejected(value: int) -> None:
    valid = set(_cached(64))
    assert (bitmasks.encode_bit_masks(value, 64) is not None) == (value in valid)


_CACHE: dict[int, dict[int, tuple[int, int, int]]] = {}


def _cached(width: int) -> dict[int, tuple[int, int, int]]:
    if width not in _CACHE:
        _CACHE[width] = _all_encodings(width)
    return _CACHE[width]


def test_zero_and_all_ones_are_not_encodable() -> None:
    for width in (32, 64):
        assert bitmasks.encode_bit_masks(0, width) is None
        assert bitmasks.encode_bit_masks((1 << width) - 1, width) is None
        assert "not encodable" in bitmasks.why_not(0, width)


@pytest.mark.oracle
def test_capstone_prints_the_same_value_for_every_64_bit_immediate() -> None:
    # AND x0, x1, #imm with (N, immr, imms) from our encoder; capstone decodes the value.
    for value, (n, immr, imms) in _cached(64).items():
        word = 0x92000020 | (n << 22) | (immr << 16) | (imms << 10)
        text = capstone_text(word)
        assert text is not None and text.startswith("and x0, x1, #")
        assert int(text.rsplit("#", 1)[1], 0) == value
        assert disassemble(word) == text
