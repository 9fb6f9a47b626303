"""The four arm64 ftrace designs the simulator knows, selectable by name.

* ``v6``: the posted v6 "ftrace with regs" patch, built with ``-fpatchable-function-entry=2``.
  Call site: ``nop; nop`` as compiled and disabled, ``mov x9, x30; bl ftrace_regs_caller``
  enabled (both words patched at run time).  The tracer's ``ip`` is the function entry.
* ``v5.5``: as merged, same build.  ``nop; nop`` compiled, ``mov x9, x30; nop`` disabled
  (``ftrace_init_nop``), ``mov x9, x30; bl ftrace_regs_caller`` enabled.  ``ip`` is the BL (func+4).
* ``mcount``: the ``-pg`` era.  ``bl _mcount`` compiled, ``nop`` disabled, ``bl ftrace_caller``
  enabled, after the prologue.  ``ip`` is that BL.
* ``call-ops``: DYNAMIC_FTRACE_WITH_CALL_OPS, ``-fpatchable-function-entry=4,2``.  An 8-byte ops
  literal before the function (``&ftrace_nop_ops`` disabled, the tracer's ops enabled), then
  ``mov x9, x30; nop`` / ``mov x9, x30; bl ftrace_caller``.  ``ip`` is the BL (func+4).

>>> DESIGNS["v6"].config.lr_saver
'runtime'
>>> sorted(DESIGNS)
['call-ops', 'mcount', 'v5.5', 'v6']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ftrace_sim.kernel import KConfig

__all__ = ["DESIGNS", "Design", "design"]


@dataclass(frozen=True)
class Design:
    """One ftrace design.

    Attributes:
        name: the name used on the command line.
        title: one line saying what it is.
        config: the :class:`~ftrace_sim.kernel.KConfig` its kernel mirror runs with.
        variant: the fixture build (directory under ``fixtures/obj``): ``pfe2``, ``pfe42`` or ``pg``.
        regs: what the tracer's fourth argument points at: ``"pt_regs"``, ``"ftrace_regs"``
            or ``None`` (mcount passes nothing).
        safe: whether the design is meant to be safe (the explorer should verify it).
    """

    name: str
    title: str
    config: KConfig
    variant: str
    regs: str | None
    safe: bool


DESIGNS: Final[dict[str, Design]] = {
    "v6": Design(
        "v6",
        'the posted v6 "ftrace with regs" patch (2019-01-04): both NOPs patched at run time',
        KConfig("v6", with_regs=True, call_ops=False, lr_saver="runtime"),
        "pfe2",
        "pt_regs",
        safe=False,
    ),
    "v5.5": Design(
        "v5.5",
        "DYNAMIC_FTRACE_WITH_REGS as merged in v5.5: mov x9, x30 written once at init, NOP <-> BL at run time",
        KConfig("v5.5", with_regs=True, call_ops=False, lr_saver="init"),
        "pfe2",
        "pt_regs",
        safe=True,
    ),
    "mcount": Design(
        "mcount",
        "the -pg era (<= v5.4): bl _mcount after the prologue, patched NOP <-> BL",
        KConfig("mcount", with_regs=False, call_ops=False, lr_saver="none"),
        "pg",
        None,
        safe=True,
    ),
    "call-ops": Design(
        "call-ops",
        "DYNAMIC_FTRACE_WITH_CALL_OPS (v6.3+): ops pointer before the function, loaded by the trampoline",
        KConfig("call-ops", with_regs=False, call_ops=True, lr_saver="init", graph_call_site=False),
        "pfe42",
        "ftrace_regs",
        safe=True,
    ),
}
"""Every design, by name."""


def design(name: str) -> Design:
    """The design called ``name`` (ValueError listing the known names otherwise)."""
    try:
        return DESIGNS[name]
    except KeyError:
        raise ValueError(f"unknown design {name!r}; known: {', '.join(DESIGNS)}") from None
