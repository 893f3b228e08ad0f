"""Benchmark: reading a work report into records (`make bench`). Prints a Markdown table.

Times the preview (read, outline, recognise, check) of the reference report when
../shared/seed/ is there, of the seed report as sijeong writes it in DOCX and HWPX, and of a
large text made of the report repeated; and applying the text into an empty database.
"""

from __future__ import annotations

from common import RUNS, median_seconds  # sets Django up first
from django.db import transaction

from sijeong.core.models import Office
from sijeong.core.seed import SEED_DIR, load_file
from sijeong.core.testing import reference_available, reference_text
from sijeong.ingest import actions
from sijeong.reports.models import Report
from sijeong.reports.writing import write


def main() -> None:
    with transaction.atomic():
        load_file(SEED_DIR / "seoul-secretariat-2024-09.toml")
        report = Report.objects.get(slug="secretariat-2024-09")
        written = {fmt: write(report, fmt) for fmt in ("md", "docx", "hwpx")}
        transaction.set_rollback(True)  # the import below starts from an empty database

    text = reference_text().encode() if reference_available() else written["md"]
    source = "reference text" if reference_available() else "seed report as Markdown"
    inputs = [
        (source, "report.txt", text),
        ("seed report, DOCX by sijeong", "report.docx", written["docx"]),
        ("seed report, HWPX by sijeong", "report.hwpx", written["hwpx"]),
    ]
    repeat = 4_000_000 // len(text)
    inputs.append((f"{source} ×{repeat}", "large.txt", b"\n".join([text] * repeat)))

    print(f"Command: make bench (BENCH_RUNS={RUNS}, median of runs; preview = read + recognise)\n")
    print("| input | size | lines | preview | throughput |")
    print("|---|---|---|---|---|")
    for label, name, content in inputs:
        runs = RUNS if len(content) < 1_000_000 else 1
        seconds = median_seconds(lambda c=content, n=name: actions.preview(c, n), runs)
        lines = len(actions.preview(content, name).lines)
        print(
            f"| {label} | {len(content) / 1024:,.0f} KB | {lines:,} | {seconds * 1000:,.1f} ms"
            f" | {len(content) / seconds / 1024 / 1024:.1f} MB/s |"
        )

    def apply_once() -> None:
        with transaction.atomic():
            target = Office.objects.create(slug="bench", organization="벤치", name="벤치")
            actions.apply(text, "report.txt", target, report="bench")
            transaction.set_rollback(True)

    print(f"\nApply {source} into an empty database with --report: ", end="")
    print(f"{median_seconds(apply_once) * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
