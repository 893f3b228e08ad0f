"""Snippets to checked findings, for the tests."""

from __future__ import annotations

from sijeong.checking.document import check_text
from sijeong.checking.findings import Finding
from sijeong.checking.tables import Table, read_tables
from sijeong.documents.reading.text import source_lines


def tables(text: str) -> list[Table]:
    return read_tables(source_lines(text))


def findings(text: str) -> list[Finding]:
    return check_text(text).findings


def serious(text: str) -> list[Finding]:
    """Findings above 참고."""
    return [f for f in findings(text) if f.severity.value != "info"]


def codes(text: str) -> set[tuple[int, str]]:
    return {(f.line, f.code) for f in findings(text)}
