"""Checking a document: read it as the importer does, find its tables, run every check."""

from __future__ import annotations

from dataclasses import dataclass

from sijeong.ingest.reading import SourceLine, read_text, source_lines

from .checks import Document, run
from .findings import Finding
from .tables import Table


@dataclass
class Checked:
    format: str
    lines: list[SourceLine]
    tables: list[Table]
    findings: list[Finding]


def check_text(text: str, fmt: str = "text") -> Checked:
    document = Document.of(source_lines(text))
    return Checked(fmt, document.lines, document.tables, run(document))


def check_file(content: bytes, filename: str = "") -> Checked:
    """Raises ReadError (a Korean reason) when the file cannot be read."""
    fmt, text = read_text(content, filename)
    return check_text(text, fmt)
