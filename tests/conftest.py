"""Shared test configuration: markers, hypothesis profiles, oracle gating.

Markers:
  oracle  needs an external tool (capstone, llvm-mc, binutils, unicorn, the
          arm64 libc). A missing oracle SKIPS with the install hint locally and
          FAILS when CI=true, so CI can never pass without running the oracles.
  slow    long sweeps; run with ``-m slow`` or the full suite (``make test``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", deadline=None, derandomize=True, max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config: object) -> None:
    config.addinivalue_line("markers", "oracle: needs an external oracle tool (capstone, llvm-mc, ...)")  # type: ignore[attr-defined]
    config.addinivalue_line("markers", "slow: long-running sweep")  # type: ignore[attr-defined]


import pytest  # noqa: E402


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under CI, an oracle test that skipped (for whatever reason) is a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and item.get_closest_marker("oracle") is not None:
        report.outcome = "failed"
        report.longrepr = f"oracle test skipped under CI: {call.excinfo.value if call.excinfo else ''}"
