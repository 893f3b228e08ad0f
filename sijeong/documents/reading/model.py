"""What every reader gives back: one model of a document read from a file.

A reader turns a file (text, HWPX, DOCX, HWP, PDF, XLSX, CSV) into paragraphs — each with its
left margin and, where the source has pages, its page — and tables of real cells (row, column,
spans, text, page). `Read.lines()` lays both out as numbered lines of plain text, a table row
as its cells joined by tabs (a merged cell's text in its first grid position), the form the
recognisers of the importer and the checks of the checker read; each table knows the lines it
was laid out on, so that a finding on a line is also a finding at a page and a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """A file that cannot be read; the message is Korean, for the person."""


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    column: int
    text: str
    row_span: int = 1
    column_span: int = 1


@dataclass(slots=True)
class Table:
    """A table as its source holds it: cells on a grid, with the page (PDF, HWP) or sheet
    (XLSX) it is on."""

    cells: list[Cell]
    page: int | None = None
    sheet: str = ""
    first_row: int = 1  # the source's own number of the first row (a sheet's row number)

    @property
    def width(self) -> int:
        return max((c.column + c.column_span for c in self.cells), default=0)

    @property
    def height(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    def grid(self) -> list[list[str]]:
        """Rows of cell texts; a merged cell's text in its first position, the rest empty."""
        rows = [[""] * self.width for _ in range(self.height)]
        for cell in self.cells:
            rows[cell.row][cell.column] = cell.text
        return rows


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    margin: int = 0  # the left margin in the source's units; larger is deeper
    page: int | None = None


Block = Paragraph | Table


@dataclass
class Read:
    """A document as read: its blocks in reading order, and the pages whose text could not be
    read (scanned, or a broken character map), which a reader reports and never guesses at."""

    format: str
    blocks: list[Block] = field(default_factory=list)
    unreadable_pages: list[int] = field(default_factory=list)
    pages: int | None = None
    # A text file's own text, laid out as it is: its lines are its paragraphs already.
    plain: str | None = None
    # What the person must be told of what was read other than the source says it (a formula
    # with no saved value read as an empty cell), in Korean: every door shows these.
    notes: list[str] = field(default_factory=list)
