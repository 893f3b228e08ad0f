"""DOCX writer (python-docx): A4, set as documents/typography.py says, page numbers, ruled
tables."""

from __future__ import annotations

import zipfile
from io import BytesIO

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from . import typography as ty
from .model import (
    Block,
    Bullet,
    Cell,
    Cover,
    Document,
    Emphasis,
    Flag,
    Heading,
    PageBreak,
    Paragraph,
    Runs,
    Table,
)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _east_asian_font(element: object, name: str) -> None:
    # Word picks the font of Hangul from w:eastAsia, not from the font name python-docx sets.
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


class _Writer:
    def __init__(self) -> None:
        self.doc = new_docx()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))
        normal = self.doc.styles["Normal"]
        normal.font.name = ty.SERIF
        normal.font.size = Pt(ty.BODY_SIZE)
        normal.paragraph_format.line_spacing = ty.LINE_SPACING
        _east_asian_font(normal.element, ty.SERIF)
        self._page_numbers(section.footer.paragraphs[0])

    def _page_numbers(self, paragraph: DocxParagraph) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("- ")
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                run._r.append(field)
            else:
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
        paragraph.add_run(" -")

    def inline(
        self,
        paragraph: DocxParagraph,
        content: Runs,
        bold: bool = False,
        font: str | None = None,
        size: float | None = None,
    ) -> None:
        for part in content:
            if isinstance(part, Emphasis):
                # Emphasis is set in gothic bold, as Korean reports set key phrases.
                self.inline(paragraph, part.runs, bold=True, font=ty.GOTHIC, size=size)
                continue
            text = part if isinstance(part, str) else part.text
            run = paragraph.add_run(text)
            run.bold = bold or None
            if font:
                run.font.name = font
                _east_asian_font(run._r, font)
            if size:
                run.font.size = Pt(size)
            if isinstance(part, Flag):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def paragraph(
        self, content: Runs = (), bold: bool = False, note: bool = False
    ) -> DocxParagraph:
        """A body paragraph; a note (※, units, a table's notes) in smaller gothic."""
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        if note:
            self.inline(paragraph, content, bold, font=ty.GOTHIC, size=ty.NOTE_SIZE)
        else:
            self.inline(paragraph, content, bold)
        return paragraph

    def block(self, item: Block) -> None:
        if isinstance(item, Cover):
            lines = (item.title, item.date_line, item.office)
            for text, size, space in zip(lines, ty.COVER_SIZES, (200, 24, 12), strict=True):
                paragraph = self.doc.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_before = Pt(space)
                self.inline(paragraph, (text,), bold=True, font=ty.GOTHIC, size=size)
        elif isinstance(item, Heading):
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(12)
            paragraph.paragraph_format.keep_with_next = True
            size = ty.HEADING_SIZES.get(item.level, ty.BODY_SIZE)
            self.inline(paragraph, (f"{item.label} ", *item.content), True, ty.GOTHIC, size)
            for run in paragraph.runs:
                run.bold = True
                if item.level == 1:
                    run.font.color.rgb = RGBColor(0x1F, 0x3B, 0x63)
            if item.summary:
                self._boxed(self.paragraph(item.summary))
        elif isinstance(item, Bullet):
            paragraph = self.doc.add_paragraph()
            rung = ty.step(item.level)
            hang = Pt(rung.size * ty.hanging(item.symbol))
            fmt = paragraph.paragraph_format
            # A hanging indent keeps wrapped lines aligned after the symbol, as in 개조식.
            fmt.left_indent = Pt(rung.indent) + hang
            fmt.first_line_indent = -hang
            fmt.space_before = Pt(rung.space_before)
            fmt.space_after = Pt(0)
            note = item.symbol.startswith("※")
            font, size = (ty.GOTHIC, ty.NOTE_SIZE) if note else (None, rung.size)
            self.inline(paragraph, (f"{item.symbol} ", *item.content), font=font, size=size)
        elif isinstance(item, Paragraph):
            self.paragraph(item.content)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"unknown block {item!r}")

    def _boxed(self, paragraph: DocxParagraph) -> None:
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            border = OxmlElement(f"w:{side}")
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), "6")
            border.set(qn("w:space"), "4")
            border.set(qn("w:color"), "555555")
            borders.append(border)
        paragraph._p.get_or_add_pPr().append(borders)

    def table(self, table: Table) -> None:
        if table.units:
            units = self.paragraph((table.units,), note=True)
            units.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            units.paragraph_format.keep_with_next = True
        if table.caption:
            self.paragraph(table.caption, bold=True).paragraph_format.keep_with_next = True
        grid = table.grid()
        out = self.doc.add_table(rows=len(grid), cols=table.column_count)
        out.style = "Table Grid"
        out.alignment = WD_TABLE_ALIGNMENT.CENTER
        heads = len(table.header)
        size, weights = ty.table_layout(grid, TEXT_WIDTH.mm)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is not None:
                    self._cell(out, r, c, cell, header=r < heads, size=size)
        for r in range(heads):
            # Header rows repeat at the top of each page the table runs onto.
            tr_pr = out.rows[r]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
        widths = [int(TEXT_WIDTH * n / sum(weights)) for n in weights]
        out.autofit = False
        for column, width in zip(out.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice lays out by
        for row in out.rows:
            for c, cell in enumerate(row.cells):
                cell.width = widths[c]
        for note in table.notes:
            self.paragraph(note, note=True)

    def _cell(self, out: DocxTable, r: int, c: int, cell: Cell, header: bool, size: float) -> None:
        target = out.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        paragraph = target.paragraphs[0]
        paragraph.alignment = ALIGN[ty.cell_align(cell, header)]
        paragraph.paragraph_format.line_spacing = 1.15
        self.inline(paragraph, cell.content, header, ty.GOTHIC, size)
        if header:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), ty.HEADER_SHADE.lstrip("#"))
            target._tc.get_or_add_tcPr().append(shading)


TEXT_WIDTH = Mm(170)


def render(document: Document) -> bytes:
    writer = _Writer()
    for item in document.blocks:
        writer.block(item)
    buffer = BytesIO()
    writer.doc.save(buffer)
    return _dated(buffer.getvalue())


# The date of every member of the package, as the PDF writer's fixed timestamp.
EPOCH = (2000, 1, 1, 0, 0, 0)


def _dated(package: bytes) -> bytes:
    """The package again with every member dated EPOCH, in the same order and compression.

    python-docx dates each member with the time of writing, and the same document must give
    the same bytes: a finalised report is rebuilt from its records and compared with its frozen
    files byte for byte. The core properties carry the template's fixed dates, no clock time.
    """
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=EPOCH)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info))
    return out.getvalue()
