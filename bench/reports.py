"""Benchmark: time to write the seed report in each format, on the seed data set and on a
data set ten times larger (`make bench`). Prints a Markdown table for docs/benchmarks.md.

"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sijeong.core.seed import SEED_DIR, load_file
from sijeong.core.testing import enlarge
from sijeong.documents.model import Document
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


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def process_seconds(*command: str, runs: int = 3) -> float:
    """Median wall seconds of a whole process, start-up included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=os.environ)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_figures(report: Report, document: Document) -> None:
    """Issue 13's PDF targets: the seed warm, a report of 100 pages or more, and whole
    processes side by side (`build_report --format pdf` against `--format md`, and
    LibreOffice converting the same report's DOCX)."""
    seed = median_seconds(lambda: render(document, "pdf"))
    print("\n| PDF (Typst) | pages | seconds (warm, write only) | target |")
    print("|---|---|---|---|")
    print(f"| seed | {pages(render(document, 'pdf'))} | {seed:.3f} s | ≤ 0.2 s |")
    large = build(report)  # the ×10 data set
    count = pages(render(large, "pdf"))
    seconds = median_seconds(lambda: render(large, "pdf"))
    print(f"| ×10 data | {count} | {seconds:.3f} s | |")
    body = Document(large.title, list(large.blocks))
    while pages(render(body, "pdf")) < 100:
        body.add(*large.blocks)
    seconds = median_seconds(lambda: render(body, "pdf"))
    print(
        f"| ×10 report's blocks repeated | {pages(render(body, 'pdf'))} | {seconds:.3f} s | ≤ 2 s |"
    )

    folder = Path(tempfile.mkdtemp())
    manage = [sys.executable, "manage.py", "build_report", report.slug]
    md = process_seconds(*manage, "--format", "md", "--output", str(folder / "r.md"))
    pdf = process_seconds(*manage, "--format", "pdf", "--output", str(folder / "r.pdf"))
    print(f"\nWhole process, ×10 data, {count} pages (`manage.py build_report`, median of 3):")
    print(f"--format md {md:.2f} s, --format pdf {pdf:.2f} s: {pdf / md:.2f}× (target ≤ 1.5×)")
    soffice = shutil.which("soffice")
    if soffice:
        (folder / "r.docx").write_bytes(render(large, "docx"))
        office_seconds = process_seconds(
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "r.docx"),
        )
        print(f"LibreOffice converting the same report's DOCX to PDF: {office_seconds:.2f} s")


def main() -> None:
    office, _ = load_file(SEED_DIR / "seoul-secretariat-2024-09.toml")
    report = Report.objects.get(slug="secretariat-2024-09")
    seed = measure(report)
    seed_document = build(report)
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
    pdf_figures(report, seed_document)


if __name__ == "__main__":
    main()
