"""Benchmark: the readers of every format (`sijeong.documents.reading`) on the published
documents of data/corpus/binary/, in a warm process (each reader's libraries loaded once).

Prints a Markdown table: file, format, pages, size, lines and tables read, median time, and
for PDF and HWP the time for ten pages at that rate. Targets (issue 23): a 10-page PDF with
tables in at most 1 s; a 10-page HWP in at most 0.3 s; text at 5 MB/s (bench/checking.py).
"""

from __future__ import annotations

from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first

from sijeong.documents.reading import Table, lay_out, read

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "data" / "corpus" / "binary"
TARGET_10_PAGES = {"pdf": 1.0, "hwp": 0.3}


def main() -> None:
    files = sorted(p for p in BINARY.iterdir() if p.suffix in {".hwp", ".hwpx", ".pdf", ".xlsx"})
    print(f"Command: make bench (BENCH_RUNS={RUNS}, median of runs; read + lay_out)\n")
    print("| file | format | pages | size | lines | tables | read | 10 pages at this rate |")
    print("|---|---|---|---|---|---|---|---|")
    for path in files:
        content = path.read_bytes()
        document = read(content, path.name)  # loads the format's libraries once
        seconds = median_seconds(lambda c=content, n=path.name: lay_out(read(c, n)))
        laid = lay_out(document)
        tables = sum(isinstance(block, Table) for block in document.blocks)
        pages = document.pages or 0
        ten = ""
        if pages and document.format in TARGET_10_PAGES:
            at_ten = seconds / pages * 10
            target = TARGET_10_PAGES[document.format]
            ten = f"{at_ten:.3f} s ({'met' if at_ten <= target else 'missed'}: ≤ {target} s)"
        print(
            f"| {path.name} | {document.format} | {pages or '—'} | {len(content) / 1024:,.0f} KB"
            f" | {len(laid.text.splitlines()):,} | {tables} | {seconds * 1000:,.1f} ms | {ten} |"
        )


if __name__ == "__main__":
    main()
