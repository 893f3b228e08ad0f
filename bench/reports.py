"""Benchmark: time to write the seed report in each format, on the seed data set and on a
data set ten times larger (`make bench`). Prints a Markdown table for docs/benchmarks.md.

"""

from __future__ import annotations

import os
import platform
from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sijeong.core.seed import SEED_DIR, load_file
from sijeong.core.testing import enlarge
from sijeong.reports.build import build
from sijeong.reports.models import Report
from sijeong.reports.writing import FORMATS, render


def measure(report: Report) -> dict[str, tuple[float, int]]:
    """Median seconds to build and write each format, and the SQL queries of one build."""
    results = {}
    for fmt in FORMATS:
        seconds = median_seconds(lambda f=fmt: render(build(report), f))
        with CaptureQueriesContext(connection) as queries:
            build(report)
        results[fmt] = (seconds, len(queries))
    return results


def main() -> None:
    office, _ = load_file(SEED_DIR / "seoul-secretariat-2024-09.toml")
    report = Report.objects.get(slug="secretariat-2024-09")
    seed = measure(report)
    enlarge(office, 10)
    large = measure(report)
    size = {fmt: len(render(build(report), fmt)) for fmt in ("md",)}
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite")
    print(f"Command: make bench (BENCH_RUNS={RUNS}, median of runs; build + write)")
    print(f"Large data set: every listed item ×10 (Markdown {size['md']:,} bytes)\n")
    print("| format | seed | ×10 data | ratio | SQL queries (seed / ×10) |")
    print("|---|---|---|---|---|")
    for fmt in FORMATS:
        (a, qa), (b, qb) = seed[fmt], large[fmt]
        print(f"| {fmt} | {a:.3f} s | {b:.3f} s | {b / a:.1f}× | {qa} / {qb} |")


if __name__ == "__main__":
    main()
