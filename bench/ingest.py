"""Benchmark: reading a work report into records (`make bench`). Prints Markdown tables.

Times the preview (read, outline, recognise, check) of the reference report when
../shared/seed/ is there, of the seed report as sijeong writes it in DOCX and HWPX, and of a
large text made of the report repeated up to the character limit; and applying the text into
an empty database. Then hostile files (issue 10): each refused by `import_report` and by the
upload page, each in a process of its own measured with /usr/bin/time -v (wall time, peak
memory, exit status).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first
from django.db import transaction

from sijeong.core.models import Office
from sijeong.core.seed import SEED_DIR, load_file
from sijeong.core.testing import reference_available, reference_text
from sijeong.documents.reading.text import MAX_CHARACTERS, ReadError
from sijeong.ingest import actions
from sijeong.ingest.tests.hostile import bomb, document_xml, lying, package
from sijeong.reports.models import Report
from sijeong.reports.writing import write

ROOT = Path(__file__).resolve().parent.parent


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
    repeat = MAX_CHARACTERS * 9 // 10 // len(text.decode())
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
    hostile()


def _measured(report: str) -> str:
    """Wall time and peak RSS from /usr/bin/time -v, as two table cells."""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", report)
    assert rss is not None and wall is not None, report
    minutes, seconds = wall[1].rsplit(":", 1)
    return (
        f"{int(minutes.split(':')[-1]) * 60 + float(seconds):.2f} s | {int(rss[1]) / 1024:,.0f} MB"
    )


def hostile() -> None:
    """Refusals of hostile files, each measured in a fresh process by /usr/bin/time -v."""
    folder = Path(tempfile.mkdtemp())
    # Numbered paragraphs compress like real XML (about 20:1), so they pass the directory
    # checks and are refused by the limits that apply while the part streams.
    numbered = "".join(f"<w:p><w:r><w:t>점검 {n}</w:t></w:r></w:p>" for n in range(60_000))
    files = {
        "bomb.docx": bomb("docx"),
        "bomb.hwpx": bomb("hwpx"),
        "lying.docx": lying("docx"),
        "lines.docx": package(
            "docx",
            document_xml("docx", paragraphs=0).replace(
                b"<w:body>", b"<w:body>" + numbered.encode()
            ),
        ),
    }
    print("\nHostile files, refused inside a running process (median of runs):\n")
    print("| file | size | refused in | reason |")
    print("|---|---|---|---|")
    for name, content in files.items():
        reason = ""

        def refuse(content: bytes = content, name: str = name) -> None:
            nonlocal reason
            try:
                actions.preview(content, name)
            except ReadError as error:
                reason = str(error)

        seconds = median_seconds(refuse)
        print(f"| {name} | {len(content) / 1024:,.0f} KB | {seconds * 1000:,.1f} ms | {reason} |")
    print("\nThe same, each in a process of its own (`/usr/bin/time -v`; wall includes Django):\n")
    print("| file | size | path | exit | wall | peak RSS | reason |")
    print("|---|---|---|---|---|---|---|")
    baseline = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    print(
        f"| (none: Django starting, `manage.py check`) | | | 0 | {_measured(baseline.stderr)} | |"
    )
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content)
        for label, command in (
            ("import_report", [sys.executable, "manage.py", "import_report", str(path)]),
            ("upload page", [sys.executable, str(ROOT / "bench" / "upload_once.py"), str(path)]),
        ):
            result = subprocess.run(
                ["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT
            )
            reason = next(
                (
                    line
                    for line in (result.stdout + result.stderr).splitlines()
                    if re.search("[가-힣]", line) and not line.startswith("time=")
                ),
                "",
            )
            print(
                f"| {name} | {len(content) / 1024:,.0f} KB | {label} | {result.returncode} | "
                f"{_measured(result.stderr)} | {reason.strip()} |"
            )


if __name__ == "__main__":
    main()
