"""Benchmark: reading and checking documents (`check_document`, the 검산 page) in MB/s.

Times `check_file` — decoding, numbering the lines, reading the tables, every check — over the
reference report, the corpus under data/corpus/ (document by document, as each would be
uploaded), and each joined and repeated into one text up to nine tenths of the importer's
character limit. Prints a Markdown table; the target is 5 MB/s of text (bytes of UTF-8, as
uploaded).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from common import RUNS, median_seconds  # sets Django up first

from sijeong.checking.document import Checked, check_file
from sijeong.core.testing import reference_available, reference_text
from sijeong.documents.reading.text import MAX_CHARACTERS

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB_S = 5.0


def inputs() -> list[tuple[str, list[bytes]]]:
    """(name, documents): each input is checked document by document, as uploaded."""
    found: list[tuple[str, list[bytes]]] = []
    if reference_available():
        found.append(("reference report", [reference_text().encode()]))
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    if corpus:
        documents = [p.read_bytes() for p in corpus]
        found.append((f"corpus, {len(corpus)} documents one by one", documents))
    large = []
    for name, documents in found:
        text = "\n".join(d.decode() for d in documents)
        repeat = max(1, MAX_CHARACTERS * 9 // 10 // len(text))
        joined = "joined, " if len(documents) > 1 else ""
        large.append(
            (f"{name.split(',')[0]} ({joined}×{repeat})", ["\n".join([text] * repeat).encode()])
        )
    return found + large


def check_all(documents: list[bytes]) -> list[Checked]:
    return [check_file(content, "input.txt") for content in documents]


def _cpu_seconds(documents: list[bytes]) -> float:
    """Median CPU time of this process: on a machine shared with other work the wall time
    includes waiting for a core, the CPU time does not."""
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        check_all(documents)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    print("| input | size | lines | tables | findings | median time | MB/s | CPU time | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, documents in inputs():
        checked = check_all(documents)
        size = sum(len(d) for d in documents)
        seconds = median_seconds(lambda d=documents: check_all(d))
        cpu = _cpu_seconds(documents)
        rate = size / 1024 / 1024 / seconds
        met = "met" if rate >= TARGET_MB_S else "NOT met"
        lines = sum(len(c.lines) for c in checked)
        tables = sum(len(c.tables) for c in checked)
        findings = sum(len(c.findings) for c in checked)
        print(
            f"| {name} | {size / 1024:,.0f} KB | {lines:,} | {tables:,} | {findings:,} "
            f"| {seconds:.3f} s | {rate:.1f} | {cpu:.3f} s | ≥ {TARGET_MB_S:.0f} MB/s — {met} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
