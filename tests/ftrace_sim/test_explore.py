"""The explorer: the v6 race is found and shrunk, the fixed designs verify, broken trampolines are caught.

The facts checked come from the 2019 review (the race: "a CPU might have
executed the first NOP as a NOP before another CPU patches both instructions
... X9 contains some UNKNOWN value") and from the Arm ARM's list of
instructions that may be modified concurrently (B, BL, BRK, HVC, ISB, NOP,
SMC, SVC; MOV is not one of them).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from ftrace_sim.explore import explore, replay, shrink, timeline
from ftrace_sim.scenario import BREAKAGES, ScenarioConfig, build
from ftrace_sim.sched import cmodx_safe

FIXED = ("v5.5", "mcount", "call-ops")


@pytest.fixture(scope="module")
def v6() -> object:
    return explore(ScenarioConfig(design="v6", cpus=2), workers=1)


def test_v6_race_is_found_and_minimal(v6) -> None:  # type: ignore[no-untyped-def]
    assert not v6.verified
    ce = v6.counterexample
    assert ce is not None
    # cpu0 reaches the call site and runs the first NOP as a NOP; the patcher writes ftrace_call (+ maintenance),
    # the MOV (+ maintenance) and the BL; completing the run, cpu0 executes the BL
    assert ce.schedule == ("cpu0", "cpu0", "patcher", "patcher", "patcher", "patcher", "patcher")
    kinds = [v.kind for v in ce.violations]
    assert "tracer-parent-ip" in kinds and "fault" in kinds
    parent = next(v for v in ce.violations if v.kind == "tracer-parent-ip")
    assert "parent_ip=0xbad0000000000900" in parent.message  # x9: the unknown value the harness left
    fault = next(v for v in ce.violations if v.kind == "fault")
    assert fault.pc == 0xBAD0000000000900  # the traced function's return goes astray
    steps = [s for s in ce.steps if s.label == "cpu0"]
    assert steps[1].text.startswith("nop") and steps[2].text.startswith("bl ")
    assert steps[2].x9 == 0xBAD0000000000900
    text = timeline(ce)
    assert "nop -> mov x9, x30" in text and "FAULT UNMAPPED" in text


def test_v6_cmodx_flags_the_runtime_mov(v6) -> None:  # type: ignore[no-untyped-def]
    assert v6.cmodx is not None
    first = next(v for v in v6.cmodx.violations if v.kind == "cmodx")
    assert "nop -> mov x9, x30" in first.message and "ftrace_make_call" in first.message
    assert not cmodx_safe(0xAA1E03E9) and cmodx_safe(0xD503201F) and cmodx_safe(0x94000000)
    assert cmodx_safe(0xD5033FDF)  # ISB is in the architecture's list (not in the kernel's predicate)


def test_cmodx_can_raise() -> None:
    from ftrace_sim.errors import CmodxViolation

    world = build(ScenarioConfig(design="v6", cpus=1))
    world.raise_on_cmodx = True
    with pytest.raises(CmodxViolation, match="from 0xd503201f to 0xaa1e03e9 while cpu0 may execute it: written by ftrace_make_call"):
        world.run(["patcher"] * 3)
    world.raise_on_cmodx = False
    world.reset()
    assert world.run(["patcher"] * 3, complete=False) and world.violations[0].kind == "cmodx"


def test_patcher_replay_refuses_foreign_text_writes() -> None:
    from ftrace_sim.errors import PatchError

    world = build(ScenarioConfig(design="v5.5", cpus=1))
    site = world.kernel.records[0].ip
    world.machine.memory.poke(site, (0xD4200000).to_bytes(4, "little"))  # somebody else writes the call site
    with pytest.raises(PatchError, match="something other than the patcher wrote kernel text"):
        world.run(["patcher"] * 3, complete=False)


def test_shrink_and_replay_agree(v6) -> None:  # type: ignore[no-untyped-def]
    config = ScenarioConfig(design="v6", cpus=2)
    long = ["cpu0", "cpu0", "cpu1", "patcher", "patcher", "patcher", "patcher", "patcher", "cpu1", "cpu1"]
    violations, _ = replay(config, long)
    short = shrink(config, long)
    assert any(v.kind == "tracer-parent-ip" for v in violations)
    assert len(short) < len(long)
    assert any(v.kind != "cmodx" for v in replay(config, short)[0])


@pytest.mark.parametrize("fetch", ["strict", "stale"])
@pytest.mark.parametrize("design", FIXED)
def test_fixed_designs_verify(design: str, fetch: str) -> None:
    result = explore(ScenarioConfig(design=design, cpus=2, fetch=fetch), workers=1)
    assert result.verified, result.summary()
    assert result.summary().startswith("verified: ")
    assert result.states > 100 and result.final_states >= 1


@pytest.mark.parametrize("design", FIXED)
def test_fixed_designs_verify_through_the_module_plt(design: str) -> None:
    result = explore(ScenarioConfig(design=design, cpus=2, module=True), workers=1)
    assert result.verified, result.summary()


def test_v6_races_through_the_module_plt_too() -> None:
    result = explore(ScenarioConfig(design="v6", cpus=2, module=True), workers=1)
    assert result.counterexample is not None
    assert any(v.kind == "tracer-parent-ip" for v in result.counterexample.violations)


def test_stop_machine_does_not_save_v6() -> None:
    """A CPU stopped between the two words resumes at the BL: the race remains, only the CMODX write goes."""
    result = explore(ScenarioConfig(design="v6", cpus=2, stop_machine=True), workers=1)
    ce = result.counterexample
    assert ce is not None and result.cmodx is None
    assert ce.schedule == ("cpu0", "cpu0", "patcher")  # cpu0 ran the first NOP; stop_machine begins
    assert any(s.text.startswith("stop_machine: all CPUs stopped") for s in ce.steps)
    assert any(v.kind == "tracer-parent-ip" for v in ce.violations)


@pytest.mark.parametrize("fetch", ["strict", "stale"])
def test_v55_under_stop_machine_verifies(fetch: str) -> None:
    assert explore(ScenarioConfig(design="v5.5", cpus=2, fetch=fetch, stop_machine=True), workers=1).verified


def test_module_calls_go_through_the_plt() -> None:
    world = build(ScenarioConfig(design="v5.5", cpus=1, module=True))
    world.record = True
    world.run(["patcher"] * 6)
    targets = [s.text for s in world.steps if s.label == "cpu0" and s.text.startswith("bl ")]
    plt = world.kernel.modules["module"].ftrace_trampolines
    assert any(f"#{plt + 12:#x}" in t for t in targets), targets  # the FTRACE_REGS_ADDR entry
    assert ("entry", 0) == world.ftrace_log[0][:2]


EXPECTED = {
    "no-fp-restore": "callee-saved",
    "wrong-lr": "stuck",
    "wrong-ip": "tracer-ip",
    "wrong-parent-ip": "tracer-parent-ip",
    "no-arg-save": "tracer-args",
    "no-callsite-frame": "unwind",
    "graph-wrong-fp": "panic",
    "graph-wrong-slot": "graph-entry",
    "rth-loses-x0": "graph-return",
    "no-arg-restore": "wrong-result",
}


def test_every_breakage_has_an_expectation() -> None:
    assert set(EXPECTED) == set(BREAKAGES)


@pytest.mark.parametrize("breakage", sorted(EXPECTED))
def test_invariants_catch_broken_trampolines(breakage: str) -> None:
    result = explore(ScenarioConfig(design="v5.5", cpus=1, breakage=breakage), workers=1)
    assert result.counterexample is not None, result.summary()
    kinds = {v.kind for v in result.counterexample.violations}
    assert EXPECTED[breakage] in kinds, kinds


def test_the_unbroken_trampoline_passes_the_same_checks() -> None:
    assert explore(ScenarioConfig(design="v5.5", cpus=1), workers=1).verified


def test_results_do_not_depend_on_the_executor() -> None:
    config = ScenarioConfig(design="v5.5", cpus=2, fetch="stale")
    serial = explore(config, workers=1)
    with ProcessPoolExecutor(2) as pool:
        procs = explore(config, executor=pool)
    with ThreadPoolExecutor(2) as threads:
        thr = explore(config, executor=threads)
    figures = [(r.verified, r.states, r.transitions, r.final_states, r.depth) for r in (serial, procs, thr)]
    assert figures[0] == figures[1] == figures[2]
    # the module scenario's frames leave padding slots unwritten: the figures still may not depend on history
    module = ScenarioConfig(design="v5.5", cpus=2, module=True)
    with ProcessPoolExecutor(2) as pool:
        a = explore(module, executor=pool)
    b = explore(module, workers=1)
    assert (a.states, a.transitions, a.final_states) == (b.states, b.transitions, b.final_states)
    v6 = ScenarioConfig(design="v6", cpus=2)
    with ProcessPoolExecutor(2) as pool:
        assert explore(v6, executor=pool).counterexample.schedule == explore(v6, workers=1).counterexample.schedule  # type: ignore[union-attr]


def test_scenario_config_errors() -> None:
    with pytest.raises(ValueError, match="unknown design 'v7'"):
        ScenarioConfig(design="v7")
    with pytest.raises(ValueError, match="fetch must be one of"):
        ScenarioConfig(fetch="lazy")
    with pytest.raises(ValueError, match="unknown phase"):
        ScenarioConfig(phases=("enable", "toggle"))
    with pytest.raises(ValueError, match="v5.5 trampoline only"):
        ScenarioConfig(design="v6", breakage="wrong-ip")


@pytest.mark.slow
@pytest.mark.parametrize("fetch", ["strict", "stale"])
@pytest.mark.parametrize("design", FIXED)
def test_fixed_designs_verify_with_three_cpus(design: str, fetch: str) -> None:
    result = explore(ScenarioConfig(design=design, cpus=3, fetch=fetch))
    assert result.verified, result.summary()


@pytest.mark.slow
def test_stale_copies_from_an_earlier_call() -> None:
    """Two calls per CPU: the second may run words the CPU fetched in the first (stale model)."""
    result = explore(ScenarioConfig(design="call-ops", cpus=2, fetch="stale", calls=2))
    assert result.verified, result.summary()


@pytest.mark.slow
def test_v6_three_cpus_stale_still_races() -> None:
    result = explore(ScenarioConfig(design="v6", cpus=3, fetch="stale"))
    assert result.counterexample is not None
    assert any(v.kind == "tracer-parent-ip" for v in result.counterexample.violations)


@pytest.mark.parametrize(
    ("design", "disabled", "enabled"),
    [
        ("v6", ["nop", "nop"], ["mov x9, x30", "bl"]),
        ("v5.5", ["mov x9, x30", "nop"], ["mov x9, x30", "bl"]),
        ("mcount", ["nop"], ["bl"]),
        ("call-ops", ["mov x9, x30", "nop"], ["mov x9, x30", "bl"]),
    ],
)
def test_call_site_states(design: str, disabled: list[str], enabled: list[str]) -> None:
    """The patch-site table of the review and the fact sheet (sections 3.1-3.6), read from simulated memory."""
    from aarch64insn import disassemble
    from ftrace_sim.scenario import call_site_states

    words = [w for w in call_site_states(build(ScenarioConfig(design=design, cpus=1))) if not w.literal]
    assert [disassemble(w.disabled, pc=w.addr) for w in words] == disabled
    assert [disassemble(w.enabled, pc=w.addr).split(" #")[0] for w in words] == enabled
    compiled = [disassemble(w.compiled, pc=w.addr).split(" #")[0] for w in words]
    assert compiled == (["bl"] if design == "mcount" else ["nop", "nop"])  # bl _mcount, or the two NOPs
    # rec->ip: the function entry in the v6 patch, the BL everywhere else
    assert [w.rec_ip for w in words] == ([True, False] if design == "v6" else [False] * (len(words) - 1) + [True])
