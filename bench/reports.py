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

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import Office
from sijeong.core.seed import SEED_DIR, load_file
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Narrative, TrackedItem
from sijeong.relations.models import Agreement
from sijeong.reports.build import build
from sijeong.reports.models import Report
from sijeong.reports.writing import FORMATS, render
from sijeong.schedule.models import Event


def enlarge(office: Office, factor: int) -> None:
    """Copy every item record the report lists `factor - 1` more times (a bigger office)."""
    for model, query in (
        (Event, Event.objects.filter(office=office)),
        (MediaEngagement, MediaEngagement.objects.filter(office=office)),
        (Agreement, Agreement.objects.filter(office=office)),
        (TrackedItem, TrackedItem.objects.filter(program__office=office)),
        (Narrative, Narrative.objects.filter(program__office=office)),
    ):
        originals = list(query)
        copies = []
        for n in range(1, factor):
            for item in originals:
                item.pk = None
                item.id = None
                if hasattr(item, "title") and model is not TrackedItem:
                    item.title = f"{item.title} ({n})"
                copies.append(
                    model(
                        **{f.attname: getattr(item, f.attname) for f in model._meta.concrete_fields}
                    )
                )
        model.objects.bulk_create(copies)
    for line in list(BudgetLine.objects.filter(office=office)):
        spending = list(line.expenditures.all())
        for n in range(1, factor):
            line.pk = None
            line.subject = f"{line.subject} {n}"
            line.save()
            Expenditure.objects.bulk_create(
                Expenditure(line=line, date=e.date, period_start=e.period_start, amount=e.amount)
                for e in spending
            )


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
