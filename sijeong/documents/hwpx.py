"""HWPX writer (python-hwpx): Hancom's open format, what Korean public servants open.

Paragraph shapes (indent, alignment, page breaks) are applied once per distinct shape at the
end, since each call to python-hwpx's `set_paragraph_format` mints a shared paragraph
property; runs get their character shapes (bold, size, highlight) as they are written.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any

from hwpx import HwpxDocument

from . import typography as ty
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
    display_width,
    plain_text,
)

Shape = tuple[tuple[str, Any], ...]

# Table geometry in HWPUNIT (1/7200 inch; 1 pt = 100). python-hwpx gives every new cell a
# 1 mm placeholder height, so each row is sized from its text here: a reader that lays out by
# the stored sizes (rhwp, viewers) would otherwise draw hairline rows with their text clipped.
HWPUNIT_PER_MM = 7200 / 25.4
PT_PER_MM = 72 / 25.4
MARGIN_MM = 20  # left and right, as the PDF and DOCX; python-hwpx's new page has 30
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
TEXT_WIDTH = int(TEXT_WIDTH_MM * HWPUNIT_PER_MM)
CELL_LINE_SPACING = 130  # percent: tables are set tighter than the body's 160 %
CELL_MARGIN_X = 510  # 1.8 mm each side
CELL_MARGIN_Y = 283  # 1 mm above and below
PREVIEW_CHARACTERS = 1024


class _Writer:
    def __init__(self) -> None:
        self.doc = HwpxDocument.new()
        margin = int(MARGIN_MM * HWPUNIT_PER_MM)
        self.doc.page.set_margins(left=margin, right=margin)
        self.doc.page.set_page_number(prefix="- ", suffix=" -")
        self.shapes: dict[Shape, list[Any]] = defaultdict(list)
        self.break_next = False
        self.first = True
        self.long_words: list[Any] = []

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
        self,
        paragraph: Any,
        content: Runs,
        bold: bool = False,
        size: float = ty.BODY_SIZE,
        font: str = ty.SERIF,
    ) -> None:
        for part in content:
            if isinstance(part, str | Figure):
                text = part if isinstance(part, str) else part.text
                if text:
                    paragraph.add_run(text, bold=bold, font=font, size=size)
                    if _has_long_word(text, size):
                        self.long_words.append(paragraph)
            elif isinstance(part, Flag):
                paragraph.add_run(part.text, bold=bold, font=font, size=size, highlight="#FFFF00")
            elif isinstance(part, Emphasis):
                # Emphasis is set in gothic bold, as Korean reports set key phrases.
                self.inline(paragraph, part.runs, bold=True, size=size, font=ty.GOTHIC)

    def note(self, paragraph: Any, content: Runs) -> None:
        self.inline(paragraph, content, size=ty.NOTE_SIZE, font=ty.GOTHIC)

    def block(self, item: Block) -> None:
        if isinstance(item, Cover):
            lines = (item.title, item.date_line, item.office)
            for text, size, before in zip(lines, ty.COVER_SIZES, (180, 20, 10), strict=True):
                paragraph = self.paragraph(alignment="CENTER", spacing_before_pt=before)
                paragraph.add_run(text, bold=True, font=ty.GOTHIC, size=size)
        elif isinstance(item, Heading):
            size = ty.HEADING_SIZES.get(item.level, ty.BODY_SIZE)
            paragraph = self.paragraph(spacing_before_pt=10, keep_with_next=True)
            self.inline(paragraph, (f"{item.label} ", *item.content), True, size, ty.GOTHIC)
            if item.summary:
                # Text kept 3 mm inside the box's lines, as the other writers set it.
                box = self.paragraph(
                    border=(
                        ("type", "SOLID"),
                        ("width", "0.12 mm"),
                        ("color", "#555555"),
                        ("offset_mm", (3.0, 3.0, 2.0, 2.0)),
                    ),
                    indent_left_mm=3.0,
                    indent_right_mm=3.0,
                    spacing_before_pt=6,
                    spacing_after_pt=6,
                )
                self.inline(box, item.summary)
        elif isinstance(item, Bullet):
            # A hanging indent keeps wrapped lines aligned after the symbol, as in 개조식.
            rung = ty.step(item.level)
            hang = round(rung.size * ty.hanging(item.symbol) / PT_PER_MM, 1)
            paragraph = self.paragraph(
                indent_left_mm=round(rung.indent / PT_PER_MM, 1) + hang,
                first_line_indent_mm=-hang,
                spacing_before_pt=rung.space_before,
            )
            content = (f"{item.symbol} ", *item.content)
            if item.symbol.startswith("※"):
                self.note(paragraph, content)
            else:
                self.inline(paragraph, content, size=rung.size)
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
            self.note(self.paragraph(alignment="RIGHT", keep_with_next=True), (table.units,))
        if table.caption:
            caption = self.paragraph(keep_with_next=True)
            self.inline(caption, table.caption, bold=True, font=ty.GOTHIC)
        grid = table.grid()
        out = self.doc.add_table(rows=len(grid), cols=table.column_count, width=TEXT_WIDTH)
        heads = len(table.header)
        size, weights = ty.table_layout(grid, TEXT_WIDTH_MM)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                target = out.cell(r, c)
                paragraph = target.paragraphs[0]
                self.inline(paragraph, cell.content, r < heads, size, ty.GOTHIC)
                align = ty.cell_align(cell, header=r < heads).upper()
                shape = (("alignment", align), ("line_spacing_percent", CELL_LINE_SPACING))
                self.shapes[shape].append(paragraph)
        # Merge bottom-up and right-to-left so that earlier merges do not move later cells.
        spans = [
            (r, c, cell)
            for r, row in enumerate(grid)
            for c, cell in enumerate(row)
            if cell is not None and (cell.rowspan > 1 or cell.colspan > 1)
        ]
        for r, c, cell in reversed(spans):
            out.merge_cells(r, c, r + cell.rowspan - 1, c + cell.colspan - 1)
        _size(out, grid, heads, size, weights)
        shaded = [(r, c) for r in range(heads) for c, cell in enumerate(grid[r]) if cell]
        if shaded:
            # One shaded border-fill for all header cells: python-hwpx looks for (or mints)
            # one on every call, which took a third of the writer's time.
            out.set_cell_shading(*shaded[0], ty.HEADER_SHADE)
            fill = out.cell(*shaded[0]).element.get("borderFillIDRef", "")
            for r, c in shaded[1:]:
                out.cell(r, c).element.set("borderFillIDRef", fill)
        for note in table.notes:
            self.note(self.paragraph(), note)

    def finish(self, preview: str) -> bytes:
        for shape, paragraphs in self.shapes.items():
            options: dict[str, Any] = {k: dict(v) if k == "border" else v for k, v in shape}
            # Formatted once, then shared: python-hwpx would look up the same paragraph
            # property again for every paragraph of the shape.
            first, *rest = paragraphs
            self.doc.styles.apply_paragraph_format(paragraphs=[first], **options)
            for paragraph in rest:
                for name in SHAPE_ATTRIBUTES:
                    value = first.element.get(name)
                    if value is not None:
                        paragraph.element.set(name, value)
        self._break_long_words()
        self._number_objects()
        # Hancom and file browsers show this text as the document's preview.
        self.doc.package.write(PREVIEW, preview[:PREVIEW_CHARACTERS].encode("utf-8"))
        return self.doc.to_bytes()

    def _number_objects(self) -> None:
        """Number paragraphs, tables, headers and footers in document order: python-hwpx gives
        each a random id, and the same document must give the same bytes (a finalised report
        is rebuilt from its records and compared with its frozen files byte for byte). The
        references to them (a footer's `footerApply idRef`) follow; the package's dates are
        the template's, fixed."""
        for section in self.doc.sections:
            numbers: dict[str, str] = {}
            elements = list(section.element.iter())
            for element in elements:
                old = element.get("id")
                if old is not None and _local_name(element.tag) in NUMBERED:
                    numbers.setdefault(old, str(len(numbers) + 1))
                    element.set("id", numbers[old])
            for element in elements:
                ref = element.get("idRef")
                if ref in numbers:
                    element.set("idRef", numbers[ref])
            section.mark_dirty()

    def _break_long_words(self) -> None:
        """Let a paragraph holding a word longer than a line break inside words: readers keep
        Korean words whole (KEEP_WORD), and rhwp runs such a word past the page's edge. Its
        paragraph property is copied with BREAK_WORD, the rest of the document keeps words."""
        if not self.long_words:
            return
        header = self.doc.parts.headers[0]
        properties: Any = header.element.find(".//{*}paraProperties")
        ids = [int(p.get("id")) for p in properties]
        copies: dict[str, str] = {}
        for paragraph in self.long_words:
            ref = paragraph.element.get("paraPrIDRef")
            if ref not in copies:
                clone: Any = copy.deepcopy(properties.find(f"{{*}}paraPr[@id='{ref}']"))
                ids.append(max(ids) + 1)
                clone.set("id", str(ids[-1]))
                for setting in clone.iter("{*}breakSetting"):
                    setting.set("breakNonLatinWord", "BREAK_WORD")
                properties.append(clone)
                copies[ref] = str(ids[-1])
            paragraph.element.set("paraPrIDRef", copies[ref])
        properties.set("itemCnt", str(len(properties)))
        header.mark_dirty()


PREVIEW = "Preview/PrvText.txt"
NUMBERED = frozenset({"p", "tbl", "header", "footer"})
SHAPE_ATTRIBUTES = ("paraPrIDRef", "pageBreak", "columnBreak")


def _size(
    out: Any, grid: list[list[Cell | None]], heads: int, size: float, weights: list[int]
) -> None:
    """Column widths from the content (as the DOCX writer sets them), each row as tall as its
    most wrapped cell at the table's type `size`, cell margins, and the header rows repeated on
    every page."""
    widths = [TEXT_WIDTH * w // sum(weights) for w in weights]
    line = int(size * CELL_LINE_SPACING)
    heights = [line + 2 * CELL_MARGIN_Y] * len(grid)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None or cell.rowspan > 1:
                continue
            inner = sum(widths[c : c + cell.colspan]) - 2 * CELL_MARGIN_X
            lines = _lines(plain_text(cell.content), inner, int(size * 100) // 2)
            heights[r] = max(heights[r], lines * line + 2 * CELL_MARGIN_Y)
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
    box = out.element.find("{*}sz")  # the table's own size, in its namespace
    if box is not None:
        box.set("height", str(sum(heights)))


def _local_name(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


def _lines(text: str, inner: int, half_em: int) -> int:
    """Lines the text takes in a cell `inner` HWPUNIT wide with `half_em` HWPUNIT to a digit,
    wrapped at spaces as Korean text is (words kept whole), each explicit line break starting
    a line."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            width = display_width(word) * half_em
            if used and used + half_em + width > inner:
                lines += 1
                used = 0
            used += (half_em if used else 0) + width
            while used > inner:  # a word longer than the cell breaks where it must
                lines += 1
                used -= inner
    return lines


def _has_long_word(text: str, size: float) -> bool:
    """Whether a word of the text is longer than a line, such as `⑤상일동·까치산·…` naming
    twenty stations with no space between them."""
    line = TEXT_WIDTH_MM * PT_PER_MM / (size / 2)  # half-ems in a line
    return any(display_width(word) > line for word in text.split())


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
