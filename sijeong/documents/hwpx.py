"""HWPX writer (python-hwpx): Hancom's open format, what Korean public servants open.

Paragraph shapes (indent, alignment, page breaks) are applied once per distinct shape at the
end, since each call to python-hwpx's `set_paragraph_format` mints a shared paragraph
property; runs get their character shapes (bold, size, highlight) as they are written.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hwpx import HwpxDocument

from .model import (
    Block,
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Figure,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Runs,
    Table,
    column_weights,
    display_width,
    plain_text,
)

FONT = "NanumGothic"
HEADING_SIZES = {1: 16, 2: 14, 3: 12}
INDENT_MM = 5.0
Shape = tuple[tuple[str, Any], ...]

# Table geometry in HWPUNIT (1/7200 inch; 1 pt = 100). python-hwpx gives every new cell a
# 1 mm placeholder height, so each row is sized from its text here: a reader that lays out by
# the stored sizes (rhwp, viewers) would otherwise draw hairline rows with their text clipped.
TEXT_WIDTH = 42_520  # 150 mm: the body of python-hwpx's new A4 page, 30 mm margins left and right
BODY_PT = 10
HALF_EM = BODY_PT * 100 // 2  # a digit or Latin letter; a Hangul syllable is two
LINE = BODY_PT * 160  # the body's 160 % line spacing
CELL_MARGIN_X = 510  # 1.8 mm each side
CELL_MARGIN_Y = 283  # 1 mm above and below
PREVIEW_CHARACTERS = 1024


class _Writer:
    def __init__(self) -> None:
        self.doc = HwpxDocument.new()
        self.shapes: dict[Shape, list[Any]] = defaultdict(list)
        self.break_next = False
        self.first = True

    def paragraph(self, **shape: Any) -> Any:
        if self.first:
            # The new document's empty first paragraph carries the section settings.
            paragraph = self.doc.paragraphs[0]
            self.first = False
        else:
            paragraph = self.doc.add_paragraph("", inherit_style=False)
        if self.break_next:
            shape["page_break_before"] = True
            self.break_next = False
        if shape:
            self.shapes[tuple(sorted(shape.items()))].append(paragraph)
        return paragraph

    def inline(
        self, paragraph: Any, content: Runs, bold: bool = False, size: int | None = None
    ) -> None:
        for part in content:
            if isinstance(part, str | Figure):
                text = part if isinstance(part, str) else part.text
                if text:
                    paragraph.add_run(text, bold=bold, font=FONT, size=size)
            elif isinstance(part, Flag):
                paragraph.add_run(part.text, bold=bold, font=FONT, size=size, highlight="#FFFF00")
            elif isinstance(part, Emphasis):
                self.inline(paragraph, part.runs, bold=True, size=size)

    def block(self, item: Block) -> None:
        if isinstance(item, Cover):
            for text, size, before in (
                (item.title, 28, 180),
                (item.date_line, 14, 20),
                (item.office, 16, 10),
            ):
                paragraph = self.paragraph(alignment="CENTER", spacing_before_pt=before)
                paragraph.add_run(text, bold=True, font=FONT, size=size)
        elif isinstance(item, Heading):
            size = HEADING_SIZES.get(item.level, 11)
            paragraph = self.paragraph(spacing_before_pt=10, keep_with_next=True)
            paragraph.add_run(f"{item.label} ", bold=True, font=FONT, size=size)
            self.inline(paragraph, item.content, bold=True, size=size)
            if item.summary:
                box = self.paragraph(
                    border=(("type", "SOLID"), ("width", "0.12 mm"), ("color", "#555555"))
                )
                self.inline(box, item.summary)
        elif isinstance(item, Bullet):
            # A hanging indent keeps wrapped lines aligned after the symbol, as in 개조식.
            paragraph = self.paragraph(
                indent_left_mm=INDENT_MM * (item.level + 1), first_line_indent_mm=-INDENT_MM
            )
            paragraph.add_run(f"{item.symbol} ", font=FONT)
            self.inline(paragraph, item.content)
        elif isinstance(item, Paragraph):
            self.inline(self.paragraph(), item.content)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, PageBreak):
            self.break_next = True
        else:
            raise TypeError(f"unknown block {item!r}")

    def table(self, table: Table) -> None:
        if table.units:
            self.paragraph(alignment="RIGHT").add_run(table.units, font=FONT)
        if table.caption:
            self.inline(self.paragraph(), table.caption, bold=True)
        grid = table.grid()
        out = self.doc.add_table(rows=len(grid), cols=table.column_count, width=TEXT_WIDTH)
        heads = len(table.header)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                target = out.cell(r, c)
                paragraph = target.paragraphs[0]
                self.inline(paragraph, cell.content, bold=r < heads)
                align = "CENTER" if r < heads else cell.align.upper()
                self.shapes[(("alignment", align),)].append(paragraph)
        # Merge bottom-up and right-to-left so that earlier merges do not move later cells.
        spans = [
            (r, c, cell)
            for r, row in enumerate(grid)
            for c, cell in enumerate(row)
            if cell is not None and (cell.rowspan > 1 or cell.colspan > 1)
        ]
        for r, c, cell in reversed(spans):
            out.merge_cells(r, c, r + cell.rowspan - 1, c + cell.colspan - 1)
        _size(out, grid, heads)
        for note in table.notes:
            self.inline(self.paragraph(), note)

    def finish(self, preview: str) -> bytes:
        for shape, paragraphs in self.shapes.items():
            options: dict[str, Any] = {k: dict(v) if k == "border" else v for k, v in shape}
            self.doc.styles.apply_paragraph_format(paragraphs=paragraphs, **options)
        # Hancom and file browsers show this text as the document's preview.
        self.doc.package.write(PREVIEW, preview[:PREVIEW_CHARACTERS].encode("utf-8"))
        return self.doc.to_bytes()


PREVIEW = "Preview/PrvText.txt"


def _size(out: Any, grid: list[list[Cell | None]], heads: int) -> None:
    """Column widths from the content (as the DOCX writer sets them), each row as tall as its
    most wrapped cell, cell margins, and the header rows repeated on every page."""
    weights = column_weights(grid)
    widths = [TEXT_WIDTH * w // sum(weights) for w in weights]
    heights = [LINE + 2 * CELL_MARGIN_Y] * len(grid)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None or cell.rowspan > 1:
                continue
            inner = sum(widths[c : c + cell.colspan]) - 2 * CELL_MARGIN_X
            heights[r] = max(
                heights[r], _lines(plain_text(cell.content), inner) * LINE + 2 * CELL_MARGIN_Y
            )
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = out.cell(r, c)
            target.set_size(
                width=sum(widths[c : c + cell.colspan]),
                height=sum(heights[r : r + cell.rowspan]),
            )
            target.set_margins(
                left=CELL_MARGIN_X, right=CELL_MARGIN_X, top=CELL_MARGIN_Y, bottom=CELL_MARGIN_Y
            )
            if r < heads:
                target.element.set("header", "1")
    out.element.set("repeatHeader", "1" if heads else "0")
    size = out.element.find("{*}sz")  # the table's own size, in its namespace
    if size is not None:
        size.set("height", str(sum(heights)))


def _lines(text: str, inner: int) -> int:
    """Lines the text takes in a cell `inner` HWPUNIT wide, wrapped at spaces as Korean text
    is (words kept whole), each explicit line break starting a line."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            width = display_width(word) * HALF_EM
            if used and used + HALF_EM + width > inner:
                lines += 1
                used = 0
            used += (HALF_EM if used else 0) + width
            while used > inner:  # a word longer than the cell breaks where it must
                lines += 1
                used -= inner
    return lines


def render(document: Document) -> bytes:
    writer = _Writer()
    for item in document.blocks:
        writer.block(item)
    return writer.finish(_opening_text(document))


def _opening_text(document: Document) -> str:
    """The report's first lines as plain text, for the package's preview."""
    lines: list[str] = []
    for item in document.blocks:
        if isinstance(item, Cover):
            lines += [item.title, item.date_line, item.office]
        elif isinstance(item, Heading):
            lines.append(f"{item.label} {plain_text(item.content)}")
        elif isinstance(item, Bullet):
            lines.append(f"{item.symbol} {plain_text(item.content)}")
        elif isinstance(item, Paragraph):
            lines.append(plain_text(item.content))
        if sum(len(line) for line in lines) > PREVIEW_CHARACTERS:
            break
    return "\r\n".join(line for line in lines if line)
