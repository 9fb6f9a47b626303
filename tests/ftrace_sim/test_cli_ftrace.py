"""The ftrace-sim command: exit codes and what it prints."""

from __future__ import annotations

import io

import pytest

from ftrace_sim.__main__ import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_explore_v6_prints_the_race_and_exits_1() -> None:
    code, text = run("explore", "--design", "v6", "--cpus", "2", "--workers", "1")
    assert code == 1
    assert text.startswith("FAILED: design v6")
    assert "minimal counterexample:" in text and "nop -> mov x9, x30" in text
    assert "bad0000000000900" in text and "FAULT UNMAPPED" in text
    assert "CMODX: cmodx" in text


def test_explore_v55_verifies_and_exits_0() -> None:
    code, text = run("explore", "--design", "v5.5", "--cpus", "1", "--fetch", "stale", "--workers", "1")
    assert code == 0
    assert text.startswith("verified: design v5.5, 1 CPU(s), fetch stale")


def test_explore_stops_at_the_depth_limit_with_exit_3() -> None:
    code, text = run("explore", "--design", "v5.5", "--cpus", "1", "--workers", "1", "--max-depth", "3")
    assert code == 3
    assert text.startswith("incomplete: ")


def test_explore_broken_trampoline() -> None:
    code, text = run("explore", "--design", "v5.5", "--cpus", "1", "--workers", "1", "--broken", "wrong-ip")
    assert code == 1 and "tracer-ip" in text


def test_trace_prints_the_function_trace() -> None:
    code, text = run("trace", "--design", "mcount", "--cpus", "1")
    assert code == 0
    assert "# function trace:" in text
    assert "<traced_nonleaf+0x20> <- " in text and "<call_traced+0x2c>" in text  # the -pg build
    assert "graph return" in text


def test_trace_insns_and_a_given_schedule() -> None:
    code, text = run("trace", "--design", "v6", "--cpus", "1", "--insns", "--schedule", "cpu0 cpu0 patcher patcher patcher patcher patcher")
    assert code == 1
    assert "# instructions:" in text and "mov   x9, x30" not in text.split("# instructions:")[1].split("\n")[1]
    assert "tracer-parent-ip" in text
    insns = text.split("# instructions:")[1]
    # the patcher's writes appear in the instruction trace, between cpu0's NOP and its BL
    assert insns.index("cpu0 ffff800080001070: nop") < insns.index("kern ffff800080001070: <patch> nop -> mov x9, x30")
    assert insns.index("<patch> nop -> bl") < insns.index("cpu0 ffff800080001074: bl")


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["explore", "--design", "v7"])
    assert exc.value.code == 2
    assert main(["explore", "--design", "v5.5", "--phases", "enable,toggle"]) == 2
    assert "unknown phase" in capsys.readouterr().err
