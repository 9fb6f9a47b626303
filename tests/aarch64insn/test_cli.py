"""The command line: dis / explain / demo."""

from __future__ import annotations

import pytest

from aarch64insn.__main__ import main


def test_dis_hex_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dis", "d503201f", "aa1e03e9", "94000040", "--base", "0x1000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["1000:", "d503201f", "nop"]
    assert out[1].split() == ["1004:", "aa1e03e9", "mov", "x9,", "x30"]
    assert out[2].split() == ["1008:", "94000040", "bl", "#0x1108"]


def test_dis_reports_undefined_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dis", "00800000"]) == 1
    assert "unallocated" in capsys.readouterr().out


def test_dis_rejects_bad_hex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dis", "xyz"]) == 2
    assert "not a hex word" in capsys.readouterr().err


def test_explain_shows_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "a9bf7bfd"]) == 0
    out = capsys.readouterr().out
    assert "stp x29, x30, [sp, #-0x10]!" in out
    assert "STP_64_ldstpair_pre" in out
    assert "imm7" in out and "1111110" in out
    assert "aarch64_insn_is_stp_pre" in out


def test_demo_prints_patch_site_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "aa1e03e9  mov x9, x30" in out
    assert "d503201f  nop" in out
    assert " bl #0xffff800080010000" in out
    assert "d61f0200  br x16" in out
