"""Benchmark: reading and checking documents (`check_document`, the 검산 page) in MB/s.

Times `check_file` — decoding, numbering the lines, reading the tables, every check — over the
reference report, the corpus under data/corpus/ (all documents joined into one text), and each
repeated up to nine tenths of the importer's character limit. Prints a Markdown table; the
target is 5 MB/s of text (bytes of UTF-8, as uploaded).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first

from sijeong.checking.document import check_file
from sijeong.core.testing import reference_available, reference_text
from sijeong.ingest.reading import MAX_CHARACTERS

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB_S = 5.0


def inputs() -> list[tuple[str, bytes]]:
    found = []
    if reference_available():
        found.append(("reference report", reference_text().encode()))
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    if corpus:
        joined = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
        found.append((f"corpus ({len(corpus)} documents joined)", joined.encode()))
    large = []
    for name, content in found:
        text = content.decode()
        repeat = max(1, MAX_CHARACTERS * 9 // 10 // len(text))
        large.append((f"{name} ×{repeat}", "\n".join([text] * repeat).encode()))
    return found + large


def _cpu_seconds(content: bytes) -> float:
    """Median CPU time of this process: on a machine shared with other work the wall time
    includes waiting for a core, the CPU time does not."""
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        check_file(content, "input.txt")
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    print("| input | size | lines | tables | findings | median time | MB/s | CPU time | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, content in inputs():
        checked = check_file(content, "input.txt")
        seconds = median_seconds(lambda c=content: check_file(c, "input.txt"))
        cpu = _cpu_seconds(content)
        rate = len(content) / 1024 / 1024 / seconds
        met = "met" if rate >= TARGET_MB_S else "NOT met"
        print(
            f"| {name} | {len(content) / 1024:,.0f} KB | {len(checked.lines):,} "
            f"| {len(checked.tables):,} | {len(checked.findings):,} | {seconds:.3f} s "
            f"| {rate:.1f} | {cpu:.3f} s | ≥ {TARGET_MB_S:.0f} MB/s — {met} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
