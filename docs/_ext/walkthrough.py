"""Sphinx extension: the ftrace walkthrough's generated parts, from real runs of ftrace_sim.

When the builder starts, this writes into ``docs/generated/ftrace/`` (gitignored):

* ``states.md``: for each design, the call-site words as compiled (the object
  file), after ``ftrace_init_nop`` (disabled) and after ``ftrace_startup`` (enabled);
* ``pt_regs.md``: the ``struct pt_regs`` offsets the trampolines use;
* ``trampoline-<design>.S``: each design's trampoline source, constants evaluated
  alongside the symbolic text;
* ``v6-race.svg`` and ``v6-race.txt``: the minimal counterexample that
  ``ftrace-sim explore --design v6 --cpus 2`` finds, as a picture and as the
  command's timeline;
* ``v6-stop-machine.txt``: the same search with every update under stop_machine;
* ``verified.md``: the fixed designs explored with 2 CPUs, with the figures.

Nothing here is typed in by hand: if the simulator changes, the page changes.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ftrace_sim.events import describe_word
from ftrace_sim.explore import Counterexample, explore, timeline, world_for
from ftrace_sim.scenario import ScenarioConfig, call_site_states
from ftrace_sim.trampolines import PT_REGS, SOURCES

ORDER = ("v6", "v5.5", "mcount", "call-ops")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def states() -> str:
    out = ["| design | address | compiled | disabled (after `ftrace_init_nop`) | enabled (after `ftrace_startup`) |",
           "|---|---|---|---|---|"]  # fmt: skip
    for name in ORDER:
        for w in call_site_states(world_for(ScenarioConfig(design=name, cpus=1))):
            words = (w.compiled, w.disabled, w.enabled)
            cells = [f"`.word {x:#010x}`" if w.literal else f"`{describe_word(x, w.addr)}`" for x in words]
            mark = " (rec->ip)" if w.rec_ip else ""
            out.append(f"| {name} | `{w.name}`{mark} | {' | '.join(cells)} |")
    out.append("")
    out.append("The call-ops rows before the function are the two halves of the 8-byte ops pointer (the "
               "literal), shown as data. Branch targets are absolute addresses in the simulated kernel.")  # fmt: skip
    return "\n".join(out) + "\n"


def pt_regs() -> str:
    rows = ["| field | offset | asm-offsets name |", "|---|---|---|"]
    names = {v: k for k, v in PT_REGS.items() if not k.startswith("S_X") or k in ("S_X0", "S_X8", "S_X28")}
    for off in sorted(names):
        rows.append(f"| {names[off][2:].lower()} | {off} | `{names[off]}` |")
    return "\n".join(rows) + "\n"


def _svg(ce: Counterexample, symbolize: Any) -> str:
    import textwrap

    steps = list(ce.steps)
    stop = next((i for i, s in enumerate(steps) if "FAULT" in s.text), len(steps) - 1)
    steps = steps[: stop + 1]
    lanes: list[str] = []
    for s in steps:
        if s.label not in lanes:
            lanes.append(s.label)
    lane_w, row_h, left, top = 430, 46, 40, 60
    width = left + lane_w * len(lanes) + 20
    notes = [line for v in ce.violations for line in textwrap.wrap(str(v), 118, subsequent_indent="    ")]
    height = top + row_h * len(steps) + 40 + 16 * len(notes)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans Mono, monospace" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for i, lane in enumerate(lanes):
        x = left + i * lane_w
        out.append(f'<text x="{x + lane_w / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">'
                   f"{html.escape(lane)}</text>")  # fmt: skip
        out.append(f'<line x1="{x + lane_w / 2}" y1="32" x2="{x + lane_w / 2}" y2="{top + row_h * len(steps)}" '
                   'stroke="#bbb" stroke-dasharray="4 3"/>')  # fmt: skip
    for n, s in enumerate(steps):
        i = lanes.index(s.label)
        x, y = left + i * lane_w + 8, top + n * row_h
        bad = "FAULT" in s.text or (s.x9 is not None and s.x9 >> 52 == 0xBAD and s.text.startswith("bl "))
        fill = "#fde0dc" if bad else ("#e8f0fe" if s.label == "patcher" else "#eef7ee")
        out.append(f'<rect x="{x}" y="{y}" width="{lane_w - 16}" height="{row_h - 8}" rx="5" fill="{fill}" '
                   'stroke="#888"/>')  # fmt: skip
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" fill="#666">{n + 1}</text>')
        where = (symbolize(s.addr) or f"{s.addr:#x}") if s.addr is not None else ""
        if s.label == "patcher":
            text = s.text.split("] ", 1)[-1] if s.text.startswith("write [") else s.text.split(":")[0]
            head, sub = f"{where}: {text}", f"{s.addr:#x}" if s.addr is not None else ""
        else:
            head = f"{where}: {s.text}" if where and not s.text.startswith("<host") else s.text
            sub = f"x9={s.x9:#x}  x30={s.x30:#x}" if s.x9 is not None and s.x30 is not None else ""
        head = head if len(head) <= 62 else head[:59] + "..."
        out.append(f'<text x="{x + 6}" y="{y + 15}">{html.escape(head)}</text>')
        out.append(f'<text x="{x + 6}" y="{y + 31}" fill="#444" font-size="10">{html.escape(sub)}</text>')
    y = top + row_h * len(steps) + 24
    for line in notes:
        out.append(f'<text x="{left}" y="{y}" fill="#b00020">{html.escape(line)}</text>')
        y += 16
    out.append("</svg>")
    return "\n".join(out) + "\n"


def race(outdir: Path) -> int:
    result = explore(ScenarioConfig(design="v6", cpus=2), workers=1)
    ce = result.counterexample
    if ce is None:
        raise RuntimeError("ftrace_sim did not find the v6 race; the walkthrough cannot be built")
    symbolize = world_for(result.config).machine.symbolize
    _write(outdir / "v6-race.svg", _svg(ce, symbolize))
    _write(outdir / "v6-race.txt", result.summary() + "\n\n" + timeline(ce) + "\n")
    return len(ce.schedule)


def stop_machine(outdir: Path) -> None:
    result = explore(ScenarioConfig(design="v6", cpus=2, stop_machine=True), workers=1)
    ce = result.counterexample
    if ce is None:
        raise RuntimeError("expected v6 under stop_machine to race")
    _write(outdir / "v6-stop-machine.txt", result.summary() + "\n\n" + timeline(ce) + "\n")


def verified() -> str:
    rows = ["| design | fetch model | verdict | schedules | states | transitions | final states |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    for name in ("v5.5", "mcount", "call-ops"):
        for fetch in ("strict", "stale"):
            r = explore(ScenarioConfig(design=name, cpus=2, fetch=fetch), workers=1)
            verdict = "verified" if r.verified else "**FAILED**"
            schedules = f"{r.schedules:,}" if r.schedules is not None else "-"
            rows.append(f"| {name} | {fetch} | {verdict} | {schedules} | {r.states:,} | {r.transitions:,} | "
                        f"{r.final_states:,} |")  # fmt: skip
    return "\n".join(rows) + "\n"


def generate(outdir: Path) -> dict[str, int]:
    _write(outdir / "states.md", states())
    _write(outdir / "pt_regs.md", pt_regs())
    for name in ORDER:
        _write(outdir / f"trampoline-{name}.S", SOURCES[name].strip() + "\n")
    n = race(outdir)
    stop_machine(outdir)
    _write(outdir / "verified.md", verified())
    return {"race_transitions": n}


def _on_builder_inited(app: Sphinx) -> None:
    generate(Path(app.srcdir) / "generated" / "ftrace")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True}
