"""Test-suite plumbing: the reference document, and no silent skips in CI.

Tests marked `reference` read the seed report under ../shared/seed/. Where that folder is
absent they are left out with one clear line; in CI (CI=true) its absence is an error, and so
is any skipped test.
"""

from __future__ import annotations

import os

import pytest

from sijeong.core.testing import REFERENCE_DIR, reference_available

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

_left_out: list[str] = []
_skipped: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if reference_available():
        return
    if IN_CI:
        raise pytest.UsageError(f"CI needs the reference document folder {REFERENCE_DIR}")
    kept = [item for item in items if item.get_closest_marker("reference") is None]
    _left_out.extend(item.nodeid for item in items if item not in kept)
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _left_out:
        terminalreporter.write_line(
            f"reference: {len(_left_out)} tests left out: {REFERENCE_DIR} is not there",
            yellow=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI does not allow skipped tests: {', '.join(_skipped)}")
