"""Checking a document: read it as the importer does, find its tables, run every check."""

from __future__ import annotations

from dataclasses import dataclass

from sijeong.documents.reading import Laid, lay_out, read
from sijeong.documents.reading.text import SourceLine, source_lines

from .checks import Document, run
from .findings import Finding
from .tables import Table


@dataclass
class Checked:
    format: str
    lines: list[SourceLine]
    tables: list[Table]
    findings: list[Finding]
    laid: Laid | None = None  # where each line came from, for a file read by the reading layer

    def where(self, line: int) -> str:
        return self.laid.where(line) if self.laid else ""

    def part(self, line: int) -> str:
        return self.laid.part(line) if self.laid else ""

    @property
    def warnings(self) -> list[str]:
        return self.laid.warnings if self.laid else []


def check_text(text: str, fmt: str = "text") -> Checked:
    document = Document.of(source_lines(text))
    return Checked(fmt, document.lines, document.tables, run(document))


def check_file(content: bytes, filename: str = "") -> Checked:
    """Raises ReadError (a Korean reason) when the file cannot be read."""
    laid = lay_out(read(content, filename))
    checked = check_text(laid.text, laid.format)
    checked.laid = laid
    return checked
