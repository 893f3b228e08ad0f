"""Rows printed twice: the same label with the same figures in one table."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import WARNING, Finding
from . import Document, check

CODE = "duplicate-row"


@check(CODE)
def duplicates(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        seen: dict[tuple[str, tuple[str, ...]], int] = {}
        for row in table.rows:
            numbers = row.numbers
            if len(numbers) < 2 or row.total or not any(n.value for n in numbers):
                continue  # rows of zeros repeat in every group that has none of a kind
            if not row.label:
                continue  # rows under a merged label cell: the label that tells them apart is lost
            key = (row.label, tuple(c.raw for c in row.cells if c.raw.strip()))
            if key in seen:
                values = tuple(n.value for n in numbers)
                yield Finding(
                    row.line,
                    WARNING,
                    CODE,
                    f"'{row.label}' 행이 {seen[key]}행과 같은 값으로 두 번 적혀 있습니다",
                    tuple(Decimal(v) for v in values),
                )
            else:
                seen[key] = row.line
