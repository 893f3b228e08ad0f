"""Reading PDF into the document model: text lines through pdfium, ruled tables through
pdfplumber, each page in reading order, with bounded work.

pdfium inflates and interprets whatever the file holds, so the file's raw bytes are checked
first: every stream is inflated through a byte cap, and the drawing operators of content
streams are counted, before pdfium opens the file (`_check_streams`). pdfium then gives the
text: its text rectangles, grouped into lines by their height on the page, each line a
`Paragraph` whose margin is its left edge in points. pdfplumber's "lines" strategy finds the
tables in the rules pdfium has read; their cells' text is pdfium's text inside each cell, so
that a table's text and the page's text are one reading of one parse.
"""

from __future__ import annotations

import bisect
import io
import math
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Block, Cell, Paragraph, Read, ReadError, Table
from .text import MAX_BYTES, MAX_CELLS, MAX_CHARACTERS, MB

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# A work report is tens of pages, a budget book a few hundred; beyond that it is not one report.
MAX_PAGES = 300
# Pictures in a report inflate to a few MB each; a content stream (a page's drawing) to tens
# of KB. A stream beyond these figures is a bomb (a few hundred KB on disk inflating to GBs).
MAX_STREAM = 64 * MB
MAX_INFLATED = 256 * MB
MAX_DRAWING_STREAM = 16 * MB
# pdfium keeps some 300 bytes for each object it draws (a run of text, a path), 800 with
# its text, and takes a few µs for each: 200,000 on one page is some 160 MB and a second.
# The densest page of a real budget book draws some 700; a 111-page one 51,000 in all.
# Counted in the raw streams (roughly: a stream is not known to belong to one page, so the
# whole document's count bounds any one page) and again by pdfium, per page (exactly).
MAX_DRAWING_OPERATORS = 200_000
MAX_DRAWING_TOTAL = 600_000
# Indirect objects (and those inside object streams): a 300-page report has some 10,000.
MAX_OBJECTS = 500_000
MAX_PAGE_OBJECTS = MAX_DRAWING_OPERATORS
# Rules of tables on one page: a page of a budget table draws some thousands of segments,
# which pdfplumber merges into some hundreds of rules and meets pairwise.
MAX_RULES = 100_000
MAX_RULE_PAIRS = 2_000_000
# The last resort, checked between pages, for work the caps above do not foresee.
DEADLINE_SECONDS = 20.0

_PASSWORD = "암호가 걸린 PDF는 읽을 수 없습니다. 암호를 풀어 다시 올려 주세요."
_DAMAGED = "PDF 파일이 아니거나 손상되어 열 수 없습니다."


def read_pdf(content: bytes) -> Read:
    """The document in a PDF's bytes; raises ReadError with the reason in Korean."""
    import pypdfium2 as pdfium

    if len(content) > MAX_BYTES:
        raise ReadError(
            f"파일이 너무 큽니다 ({len(content) / MB:.1f}MB). "
            f"{MAX_BYTES // MB}MB 이하의 파일을 올려 주세요."
        )
    if b"%PDF-" not in content[:1024]:
        raise ReadError(_DAMAGED)
    started = time.monotonic()
    _check_streams(content)
    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if error.err_code in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise ReadError(_PASSWORD) from None
        raise ReadError(_DAMAGED) from None
    try:
        return _Reader(content, document, started).read()
    finally:
        document.close()


# --- bounded checks of the raw bytes -------------------------------------------------------

# `stream` at the end of a dictionary, not the end of `endstream`.
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_OBJECT_COUNT = re.compile(rb"/N\s+(\d+)")
# The operators that make pdfium create a page object: text shown, paths painted, XObjects,
# inline images and shadings. Counted as byte pairs (fast), so a few strings count too.
_DRAWING = (b"Tj", b"TJ", b"Do", b"EI", b" sh", b" f", b"\nf", b" S", b"\nS", b" B", b"\nB")


@dataclass
class _Inflation:
    total: int = 0
    drawing: int = 0
    objects: int = 0


def _check_streams(content: bytes) -> None:
    """Every stream's inflated size and every drawing's operators, before pdfium or pdfminer
    sees the file: a FlateDecode bomb is refused after inflating at most MAX_STREAM bytes.

    Object streams and cross-reference streams are streams like any other (a stream cannot
    sit inside an object stream), so the raw scan sees them all; an object stream's /N adds
    its objects to the count of objects.
    """
    seen = _Inflation(objects=len(_OBJECT.findall(content)))
    view = memoryview(content)
    position = 0
    while (found := _STREAM.search(content, position)) is not None:
        header_start = content.rfind(b"obj", max(0, found.start() - 65536), found.start())
        header = content[max(header_start, found.start() - 65536) : found.start()]
        end = content.find(b"endstream", found.end())
        end = len(content) if end < 0 else end
        if b"/ObjStm" in header and (count := _OBJECT_COUNT.search(header)):
            seen.objects += int(count.group(1))
        _inflate(view[found.end() : end], header, seen)
        position = end
    _check_objects(seen.objects)


def _check_objects(objects: int) -> None:
    if objects > MAX_OBJECTS:
        raise ReadError(
            f"PDF의 개체가 {objects:,}개로 한도 {MAX_OBJECTS:,}개를 넘어 읽지 않습니다."
        )


def _inflate(data: memoryview | bytes, header: bytes, seen: _Inflation) -> None:
    """Inflate one stream through the caps, counting its drawing operators if it draws."""
    if b"/FlateDecode" not in header:
        return
    drawing = not any(
        kind in header
        for kind in (
            b"/Image",
            b"/ObjStm",
            b"/XRef",
            b"/Length1",
            b"/Length2",
            b"/Type1C",
            b"/CIDFontType0C",
            b"/OpenType",
            b"/Metadata",
            b"/ICCBased",
        )
    )
    stream_cap = MAX_DRAWING_STREAM if drawing else MAX_STREAM
    inflater = zlib.decompressobj()
    tail: memoryview | bytes = data
    size = operators = 0
    while True:
        try:
            chunk = inflater.decompress(tail, MB)
        except zlib.error:
            return  # pdfium reads no more of a broken stream than we did
        size += len(chunk)
        seen.total += len(chunk)
        if size > stream_cap:
            what = "그림이 아닌 " if drawing else ""
            raise ReadError(
                f"압축을 풀면 {stream_cap // MB}MB를 넘는 {what}스트림이 있어 읽지 않습니다 "
                f"(스트림 하나의 한도 {stream_cap // MB}MB). 압축 폭탄이거나 손상된 파일입니다."
            )
        if seen.total > MAX_INFLATED:
            raise ReadError(f"압축을 푼 내용이 한도 {MAX_INFLATED // MB}MB를 넘어 읽지 않습니다.")
        if drawing:
            counted = sum(chunk.count(operator) for operator in _DRAWING)
            operators += counted
            seen.drawing += counted
            if operators > MAX_DRAWING_OPERATORS:
                raise ReadError(
                    f"한 쪽(또는 한 도형)에 그리는 개체가 한도 {MAX_DRAWING_OPERATORS:,}개를 "
                    "넘어 읽지 않습니다."
                )
            if seen.drawing > MAX_DRAWING_TOTAL:
                raise ReadError(
                    f"문서 전체의 그리는 개체가 한도 {MAX_DRAWING_TOTAL:,}개를 넘어 읽지 않습니다."
                )
        tail = inflater.unconsumed_tail
        if inflater.eof or (not chunk and not tail):
            return


def _check_encrypted_streams(content: bytes) -> None:
    """The same caps for a PDF encrypted without a user password (a 배포용 PDF that forbids
    copying or printing opens without one): its streams are deciphered through pdfminer,
    which knows the standard security handler, before the bounded inflation."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    try:
        document = PDFDocument(PDFParser(io.BytesIO(content)))
    except Exception:  # pdfminer raises many kinds; pdfium opened it, pdfplumber will fail
        raise ReadError(_PASSWORD) from None
    seen = _Inflation()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen.objects += 1
            _check_objects(seen.objects)
            try:
                stream_id, _, _ = xref.get_pos(objid)
                if stream_id is not None:
                    continue  # inside an object stream: no stream there, and reading it
                    # would inflate the object stream without a cap
                obj = document.getobj(objid)
            except Exception:
                continue
            if isinstance(obj, PDFStream):
                header = _names(obj.attrs)
                data = obj.rawdata
                if obj.decipher and data and obj.objid is not None and obj.genno is not None:
                    data = obj.decipher(obj.objid, obj.genno, data, obj.attrs)
                _inflate(data or b"", header, seen)


def _names(attrs: dict[str, Any]) -> bytes:
    """A stream's dictionary as pdfminer parsed it, back to the names `_inflate` looks for
    ("/Filter /FlateDecode /Subtype /Image")."""
    from pdfminer.psparser import PSLiteral

    parts = []
    for key, value in attrs.items():
        parts.append(f"/{key}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, PSLiteral):
                parts.append(f"/{item.name!s}")
    return " ".join(parts).encode("latin-1", "replace")


# --- pages ---------------------------------------------------------------------------------

# Page numbers as Korean reports print them: "- 3 -", "3 / 14", "(3)", "3".
_PAGE_NUMBER = re.compile(r"[-–—(]?\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–—)]?")
# The outer tenth of the page at the top and at the bottom, where headers and footers sit.
_BAND = 0.1
_FIGURE = re.compile(r"[-+△▲▽▼]?\s*\(?[\d,.]+\)?\s*%?p?")
# Characters no real text is made of: unmapped glyphs, private use, controls.
_GARBLED = re.compile(
    "[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_GARBLED_SHARE = 0.3


# A cell's box as pdfplumber has it: (left, top, right, bottom), top < bottom; here top = -y.
Box = tuple[float, float, float, float]


@dataclass
class _Line:
    text: str
    left: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Page:
    number: int
    bottom: float  # of the page's media box, in pdfium's space (y grows upwards)
    top: float
    lines: list[_Line]
    tables: list[tuple[float, Table]]  # each with its top

    def in_band(self, line: _Line) -> bool:
        band = (self.top - self.bottom) * _BAND
        return line.bottom > self.top - band or line.top < self.bottom + band


class _Reader:
    def __init__(self, content: bytes, document: pdfium.PdfDocument, started: float) -> None:
        self.content = content
        self.document = document
        self.started = started
        self.characters = 0
        self.cells = 0

    def read(self) -> Read:
        import pypdfium2.raw as pdfium_c

        if pdfium_c.FPDF_GetSecurityHandlerRevision(self.document) != -1:
            _check_encrypted_streams(self.content)
        count = len(self.document)
        if count > MAX_PAGES:
            raise ReadError(
                f"쪽이 너무 많습니다 ({count:,}쪽). PDF는 {MAX_PAGES:,}쪽 이하여야 합니다."
            )
        pages: list[_Page] = []
        unreadable: list[int] = []
        for index in range(count):
            if time.monotonic() - self.started > DEADLINE_SECONDS:
                raise ReadError(
                    f"PDF를 {DEADLINE_SECONDS:.0f}초 안에 다 읽지 못해 멈췄습니다 "
                    f"({index}쪽까지 읽음)."
                )
            page = self._page(index)
            if page is None:
                unreadable.append(index + 1)
            else:
                pages.append(page)
        if unreadable and not pages:
            from . import unreadable as unreadable_message

            raise ReadError(unreadable_message(unreadable))
        blocks = _blocks(pages)
        if not blocks and not unreadable:
            raise ReadError("PDF에 읽을 수 있는 글자가 없습니다.")
        return Read("pdf", blocks=blocks, unreadable_pages=unreadable, pages=count)

    def _page(self, index: int) -> _Page | None:
        """The page's lines and tables, or None when its text cannot be read."""
        import pypdfium2.raw as pdfium_c

        try:
            page = self.document[index]
        except Exception:
            raise ReadError(f"{index + 1}쪽이 손상되어 읽을 수 없습니다.") from None
        try:
            objects = pdfium_c.FPDFPage_CountObjects(page)
            if objects > MAX_PAGE_OBJECTS:
                raise ReadError(
                    f"{index + 1}쪽의 개체가 {objects:,}개로 "
                    f"한 쪽의 한도 {MAX_PAGE_OBJECTS:,}개를 넘어 읽지 않습니다."
                )
            textpage = page.get_textpage()
            try:
                chars = textpage.count_chars()
                self.characters += chars
                if self.characters > MAX_CHARACTERS:
                    raise ReadError(
                        f"본문이 너무 깁니다 ({index + 1}쪽까지 {self.characters:,}자). "
                        f"보고서 한 건은 {MAX_CHARACTERS:,}자 이하여야 합니다."
                    )
                if not _readable(page, textpage, chars):
                    return None
                _, bottom, _, top = page.get_mediabox()
                tables = self._tables(index, page, textpage)
                lines = _lines(textpage, chars, [box for box, _ in tables])
                return _Page(index + 1, bottom, top, lines, [(-box[1], t) for box, t in tables])
            finally:
                textpage.close()
        finally:
            page.close()

    def _tables(
        self, index: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage
    ) -> list[tuple[Box, Table]]:
        """The ruled tables of the page, each with its box; a box of one cell is a frame
        around text, not a table, and is left to the paragraphs; a grid with no text in it
        is a drawing."""
        tables = []
        for boxes in _ruled_tables(page, index):
            if len(boxes) < 2:
                continue
            self.cells += len(boxes)
            if self.cells > MAX_CELLS:
                raise ReadError(f"표의 칸이 한도 {MAX_CELLS:,}개를 넘습니다.")
            cells = _cells(boxes, lambda box: _cell_lines(textpage, box))
            if not any(cell.text for cell in cells):
                continue  # a frame drawn as a grid, or a table's shadow drawn twice
            left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
            top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
            tables.append(((left, top, right, bottom), Table(cells, page=index + 1)))
        return tables


def _ruled_tables(page: pdfium.PdfPage, index: int) -> list[list[Box]]:
    """The cells of each table drawn with rules, by pdfplumber's "lines" strategy, fed with
    the rules pdfium reads: pdfplumber would have pdfminer parse the page again in Python,
    the slow part of reading (0.1 s for a page of a budget table), for paths pdfium has
    already parsed. Boxes are (left, top, right, bottom) with top = -y, so that top < bottom
    as pdfplumber has it."""
    from pdfplumber.table import (
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils import filter_edges

    edges = _rules(page)
    if len(edges) < 4:
        return []
    settings = TableSettings.resolve({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    edges = merge_edges(
        filter_edges(edges, min_length=settings.edge_min_length_prefilter),
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    vertical = sum(1 for e in edges if e["orientation"] == "v")
    # pdfplumber meets every vertical rule with every horizontal one, in Python.
    if vertical * (len(edges) - vertical) > MAX_RULE_PAIRS:
        raise ReadError(
            f"{index + 1}쪽에 선이 너무 많아 표를 찾지 않습니다 (가로·세로 선 {len(edges):,}개)."
        )
    intersections = edges_to_intersections(
        edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    return [
        [(float(c[0]), float(c[1]), float(c[2]), float(c[3])) for c in table]
        for table in cells_to_tables(intersections_to_cells(intersections))
    ]


def _rules(page: pdfium.PdfPage) -> list[dict[str, Any]]:
    """Every straight, level or upright segment of the page's paths (forms included), as
    pdfplumber's edges: a rule drawn as a line, a thin rectangle or one side of a box."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    x, y = ctypes.c_float(), ctypes.c_float()

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(x0 - x1) < 0.01:
            orientation = "v"
        elif abs(y0 - y1) < 0.01:
            orientation = "h"
        else:
            return
        left, right, top, bottom = min(x0, x1), max(x0, x1), -max(y0, y1), -min(y0, y1)
        edges.append(
            {
                "object_type": "line",
                "orientation": orientation,
                "x0": left,
                "x1": right,
                "top": top,
                "bottom": bottom,
                "width": right - left,
                "height": bottom - top,
            }
        )
        if len(edges) > MAX_RULES:
            raise ReadError(f"한 쪽의 선이 한도 {MAX_RULES:,}개를 넘어 읽지 않습니다.")

    def walk(objects: list[Any], outer: tuple[float, ...], depth: int) -> None:
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            m = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, m)
            matrix = _compose(outer, (m.a, m.b, m.c, m.d, m.e, m.f))
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < 4:
                    count = pdfium_c.FPDFFormObj_CountObjects(obj)
                    walk(
                        [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)],
                        matrix,
                        depth + 1,
                    )
                continue
            a, b, c, d, e, f = matrix
            start = current = (0.0, 0.0)
            for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
                segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
                pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
                point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
                kind = pdfium_c.FPDFPathSegment_GetType(segment)
                if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                    start = point
                elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                    add(*current, *point)
                current = point
                if pdfium_c.FPDFPathSegment_GetClose(segment):
                    add(*current, *start)
                    current = start

    count = pdfium_c.FPDFPage_CountObjects(page)
    walk([pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)], _IDENTITY, 0)
    return edges


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(outer: tuple[float, ...], inner: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _readable(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, chars: int) -> bool:
    """Whether the page's text can be read. A page with no text but a picture covering a
    quarter of it is a scan; a page whose characters are mostly unmapped (pdfium reports
    a broken map to Unicode — pdfminer's "(cid:123)"), private-use or control characters
    has a font without a usable map. Both are reported, never guessed at."""
    import pypdfium2.raw as pdfium_c

    text = "".join(textpage.get_text_range().split())
    if not text:
        area = page.get_width() * page.get_height()
        images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
        covered = 0.0
        for image in images:
            left, bottom, right, top = image.get_bounds()
            covered += max(0.0, right - left) * max(0.0, top - bottom)
        return covered < area / 4
    if len(_GARBLED.findall(text)) > len(text) * _GARBLED_SHARE:
        return False
    # One char in a step of the page's characters: enough to tell a broken map from a few
    # odd glyphs, at a cost that does not grow with the page.
    step = max(1, chars // 200)
    sampled = range(0, chars, step)
    broken = sum(pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1 for i in sampled)
    return broken <= len(sampled) * _GARBLED_SHARE


def _lines(textpage: pdfium.PdfTextPage, chars: int, tables: list[Box]) -> list[_Line]:
    """The page's text outside its tables, in pdfium's lines: pdfium orders the characters,
    breaks the lines and spaces the words, and drops the second copy of text drawn twice
    (a bold faked by overprinting, in PDFs printed from 한글's viewer). A line also ends
    where the next character is lower and further left (a carriage return pdfium missed:
    한글 draws a line's last full stop after the line, and pdfium joins it to the next). A
    line's margin is its first character's left edge; a character inside a table's box (in
    pdfplumber's space, top = -y) belongs to the table and not to the line."""
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    if len(text) != chars:  # a character beyond the BMP is two UTF-16 units in the text
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(chars))
    lines: list[_Line] = []
    kept: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []

    def close() -> None:
        line = " ".join("".join(kept).split())
        if line and boxes:
            lines.append(
                _Line(
                    line,
                    min(b[0] for b in boxes),
                    max(b[3] for b in boxes),
                    min(b[1] for b in boxes),
                )
            )
        kept.clear()
        boxes.clear()

    for index, char in enumerate(text):
        if char in "\r\n":
            close()
            continue
        if char.isspace():
            kept.append(char)
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        x, y = (left + right) / 2, (top + bottom) / 2
        if any(b[0] <= x <= b[2] and b[1] <= -y <= b[3] for b in tables):
            kept.append(" ")
            continue
        if boxes and x < boxes[-1][0] and y < boxes[-1][1]:
            close()
        kept.append(char)
        boxes.append((left, bottom, right, top))
    close()
    return lines


def _cell_lines(textpage: pdfium.PdfTextPage, box: Box) -> list[str]:
    left, top, right, bottom = box
    text = textpage.get_text_bounded(left, -bottom, right, -top)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _edges(values: list[float]) -> list[float]:
    """Distinct edges of a table's cells: rules drawn as thin rectangles put the two sides of
    one rule a fraction of a point apart, and they are one edge."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > 1.5:
            edges.append(value)
    return edges


def _position(edges: list[float], value: float) -> int:
    """The index of the edge nearest to `value`."""
    at = bisect.bisect_left(edges, value)
    if at == len(edges) or (at and value - edges[at - 1] < edges[at] - value):
        return at - 1
    return at


def _cells(boxes: list[Box], lines_of: Callable[[Box], list[str]]) -> list[Cell]:
    """Cells on the grid of the table's distinct edges, a cell's span the edges it crosses;
    then rows of stacked figures split (`_split_stacks`)."""
    columns = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    rows = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    placed: list[tuple[int, int, int, int, list[str]]] = []
    for x0, top, x1, bottom in boxes:
        row, column = _position(rows, top), _position(columns, x0)
        row_span = max(1, _position(rows, bottom) - row)
        column_span = max(1, _position(columns, x1) - column)
        placed.append((row, column, row_span, column_span, lines_of((x0, top, x1, bottom))))
    return _split_stacks(placed, len(rows) - 1)


def _split_stacks(placed: list[tuple[int, int, int, int, list[str]]], height: int) -> list[Cell]:
    """Budget tables often stack figures in one cell without rules between them: 예산 over
    집행 over 집행률, "1,200 / 63 / 5.10%". A row is split into as many rows as its cells
    stack lines when at least two of its cells of one row each stack the same number of
    lines (two or more), at least two of those hold only figures, and every other cell
    starting on the row holds at most one line; those then span the new rows, as do cells
    reaching into the row from above. Any other cell of several lines is text that wrapped,
    and its lines are joined with spaces."""
    factor = [1] * height
    for row in range(height):
        starting = [p for p in placed if p[0] == row]
        stacked = [p for p in starting if len(p[4]) > 1]
        counts = {len(p[4]) for p in stacked}
        figures = [p for p in stacked if all(_FIGURE.fullmatch(line) for line in p[4])]
        if (
            len(stacked) >= 2
            and len(counts) == 1
            and len(figures) >= 2
            and all(p[2] == 1 for p in stacked)
        ):
            factor[row] = counts.pop()
    start = [0] * (height + 1)
    for row in range(height):
        start[row + 1] = start[row] + factor[row]
    cells: list[Cell] = []
    for row, column, row_span, column_span, lines in placed:
        if len(lines) > 1 and row_span == 1 and factor[row] == len(lines):
            cells.extend(
                Cell(start[row] + k, column, line, 1, column_span) for k, line in enumerate(lines)
            )
        else:
            end = min(row + row_span, height)
            cells.append(
                Cell(start[row], column, " ".join(lines), start[end] - start[row], column_span)
            )
    return sorted(cells, key=lambda c: (c.row, c.column))


def _blocks(pages: list[_Page]) -> list[Block]:
    """Every page's lines and tables from the top down, less its running headers and
    footers: a page number alone in the outer tenth of a page, and a line (its digits aside)
    printed at the same height in that band on more than half of the pages, at least two."""
    repeated: Counter[tuple[str, int]] = Counter()
    for page in pages:
        repeated.update({_running_key(line) for line in page.lines if page.in_band(line)})
    running = {key for key, n in repeated.items() if n >= 2 and n > len(pages) / 2}
    blocks: list[Block] = []
    for page in pages:
        placed: list[tuple[float, Block]] = [(top, table) for top, table in page.tables]
        for line in page.lines:
            if page.in_band(line) and (
                _PAGE_NUMBER.fullmatch(line.text) or _running_key(line) in running
            ):
                continue
            placed.append((line.middle, Paragraph(line.text, round(line.left), page.number)))
        placed.sort(key=lambda item: -item[0])
        blocks.extend(block for _, block in placed)
    return blocks


def _running_key(line: _Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text), math.floor(line.middle / 4)
