"""Test-suite plumbing: the reference document, system programs, and no silent skips in CI.

Tests marked `reference` read the seed report under ../shared/seed/; tests marked
`system("libreoffice", …)` run programs from Debian's packages (`.ci/run` installs them).
Where the folder or a program is absent they are left out with one clear line; in CI
(CI=true) that absence is an error, and so is any skipped test.
"""

from __future__ import annotations

import os
import shutil

import pytest

from sijeong.core.testing import REFERENCE_DIR, reference_available

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

_left_out: list[str] = []
_missing_programs: set[str] = set()
_skipped: list[str] = []


def _missing(item: pytest.Item) -> list[str]:
    """Why this test cannot run here: the reference folder or system programs it needs."""
    reasons = []
    if item.get_closest_marker("reference") and not reference_available():
        reasons.append(str(REFERENCE_DIR))
    for marker in item.iter_markers("system"):
        reasons.extend(p for p in marker.args if shutil.which(p) is None)
    return reasons


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {item.nodeid: _missing(item) for item in items}
    absent = sorted({reason for reasons in missing.values() for reason in reasons})
    if not absent:
        return
    if IN_CI:
        raise pytest.UsageError(f"CI needs these, which are not there: {', '.join(absent)}")
    kept = [item for item in items if not missing[item.nodeid]]
    _left_out.extend(item.nodeid for item in items if item not in kept)
    _missing_programs.update(absent)
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _left_out:
        terminalreporter.write_line(
            f"{len(_left_out)} tests left out; not there: {', '.join(sorted(_missing_programs))}"
            " (reference documents or Debian packages that .ci/run installs)",
            yellow=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI does not allow skipped tests: {', '.join(_skipped)}")
