"""Reading HWPX and DOCX packages with bounded work: limits checked before decompressing,
document XML parsed as a stream (defusedxml) and dropped as it is read.

A package is a zip of XML parts. A hostile one is small on upload and huge inside (a 158 KB
file holding 40 MB of XML), so the zip's own directory is checked first — number of parts,
each part's declared size and compression ratio, their total — then each part we read is
decompressed through a byte cap (a header may lie), and parsed element by element with caps
on depth, elements, paragraphs, table cells and characters. Memory stays bounded by the caps,
whatever the file says about itself.

Only what the recognisers need is read: paragraphs with their left margins, and tables as
rows of cell texts (a merged cell's text in its first grid position, the others empty).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO, RawIOBase
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

from sijeong.documents.reading.model import Block, Cell, Paragraph, Table

from .text import MAX_CELLS, MAX_CHARACTERS, MAX_LINES, MB, ReadError

# A package's own XML is a few hundred kilobytes per part for a long report; pictures are
# the big parts, and they are never decompressed here.
MAX_PARTS = 1000
MAX_DIRECTORY_BYTES = 1 * MB
MAX_PART_BYTES = 20 * MB
MAX_TOTAL_BYTES = 100 * MB
# XML compresses about 10:1; a part far beyond that is padding made to blow up.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 * MB
# Hancom nests paragraphs in tables in runs in paragraphs; a few dozen levels is plenty.
MAX_DEPTH = 256
MAX_ELEMENTS = 2_000_000

Paragraphs = list[Block]


def _mb(size: int) -> str:
    return f"{size / MB:,.1f}MB" if size < 10 * MB else f"{size / MB:,.0f}MB"


class _Capped(RawIOBase):
    """A part's bytes, refused past `cap` whatever its header declared."""

    def __init__(self, raw: IO[bytes], cap: int, name: str) -> None:
        self.raw, self.cap, self.name, self.count = raw, cap, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(min(len(buffer), 64 * 1024))
        self.count += len(data)
        if self.count > self.cap:
            raise ReadError(
                f"'{self.name}'의 압축을 푼 크기가 헤더에 적힌 것보다 크거나 "
                f"한도 {_mb(self.cap)}를 넘습니다. 보고서 파일이 맞는지 확인해 주세요."
            )
        buffer[: len(data)] = data
        return len(data)


def _directory_sizes(content: bytes) -> tuple[int, int]:
    """(parts, directory bytes) the zip's end record declares, read before zipfile builds
    one object per part: a directory of millions of tiny entries fits in an upload."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 65_557))
    if end < 0 or end + 22 > len(content):
        raise ReadError("압축 파일(HWPX·DOCX·XLSX)이 손상되어 열 수 없습니다.")
    _, _, _, parts, size, _, _ = struct.unpack("<4H2LH", content[end + 4 : end + 22])
    if parts == 0xFFFF or size == 0xFFFFFFFF or content.rfind(b"PK\x06\x07", 0, end) >= 0:
        raise ReadError("ZIP64 압축 파일은 문서 파일(HWPX·DOCX·XLSX)로 읽지 않습니다.")
    return parts, size


def open_package(content: bytes) -> zipfile.ZipFile:
    """The package, once its directory is within every limit."""
    parts, directory = _directory_sizes(content)
    if parts > MAX_PARTS or directory > MAX_DIRECTORY_BYTES:
        raise ReadError(
            f"압축 파일 안의 부품이 {parts:,}개로 한도 {MAX_PARTS:,}개를 넘습니다. "
            "보고서 파일이 맞는지 확인해 주세요."
        )
    try:
        package = zipfile.ZipFile(BytesIO(content))
        members = package.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        struct.error,
        RuntimeError,
    ):
        raise ReadError("압축 파일(HWPX·DOCX·XLSX)이 손상되어 열 수 없습니다.") from None
    if len(members) > MAX_PARTS:
        raise ReadError(
            f"압축 파일 안의 부품이 {len(members):,}개로 한도 {MAX_PARTS:,}개를 넘습니다."
        )
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise ReadError(
                f"'{member.filename}'의 압축을 푼 크기가 {_mb(member.file_size)}로 "
                f"한도 {_mb(MAX_PART_BYTES)}를 넘습니다. 보고서 파일이 맞는지 확인해 주세요."
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise ReadError(
                f"'{member.filename}'의 압축률이 {ratio:,.0f}배로 한도 {MAX_RATIO}배를 넘습니다 "
                "(압축 폭탄으로 보입니다)."
            )
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(
            f"압축을 푼 크기가 모두 {_mb(total)}로 한도 {_mb(MAX_TOTAL_BYTES)}를 넘습니다. "
            "보고서 파일이 맞는지 확인해 주세요."
        )
    return package


@dataclass
class _Budget:
    """What one document may cost; counted as the stream is read, refused at the limit."""

    characters: int = 0
    lines: int = 0
    cells: int = 0
    elements: int = 0

    def element(self, depth: int) -> None:
        self.elements += 1
        if depth > MAX_DEPTH:
            raise ReadError(f"문서 구조가 {MAX_DEPTH}단계보다 깊게 중첩되어 있어 읽지 않습니다.")
        if self.elements > MAX_ELEMENTS:
            raise ReadError(f"문서의 XML 요소가 한도 {MAX_ELEMENTS:,}개를 넘습니다.")

    def text(self, text: str) -> str:
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise ReadError(
                f"본문이 너무 깁니다. 보고서 한 건은 {MAX_CHARACTERS:,}자 이하여야 합니다."
            )
        return text

    def line(self) -> None:
        self.lines += 1
        if self.lines > MAX_LINES:
            raise ReadError(
                f"문단과 표의 행이 한도 {MAX_LINES:,}개를 넘습니다. 보고서 한 건의 크기가 아닙니다."
            )

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise ReadError(f"표의 칸이 한도 {MAX_CELLS:,}개를 넘습니다.")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _stream(
    package: zipfile.ZipFile,
    name: str,
    budget: _Budget,
    start: Callable[[list[Element]], None],
    end: Callable[[list[Element]], None],
    keep: frozenset[str],
) -> None:
    """Parse one part as a stream: `start` and `end` see the path from the root to the element.

    Finished elements are detached from their parent at once, so the tree never grows beyond
    the current path; the content of elements named in `keep` (text runs with inline marks)
    stays until they end.
    """
    path: list[Element] = []
    kept = 0  # depth of the outermost kept element on the path, 0 for none
    try:
        with package.open(name) as raw:
            source = _Capped(raw, MAX_PART_BYTES, name)
            for event, element in iterparse(
                source, events=("start", "end"), forbid_dtd=True, forbid_entities=True
            ):
                if event == "start":
                    path.append(element)
                    budget.element(len(path))
                    if not kept and _local(element.tag) in keep:
                        kept = len(path)
                    start(path)
                    continue
                end(path)
                path.pop()
                if kept and len(path) >= kept:
                    continue
                kept = 0
                if path:
                    path[-1].remove(element)
    except ReadError:
        raise
    except (DefusedXmlException, ParseError) as error:
        raise ReadError(f"'{name}'의 XML이 올바르지 않습니다 ({type(error).__name__}).") from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise ReadError(f"'{name}'의 압축을 풀 수 없습니다 ({type(error).__name__}).") from None


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


# -- DOCX ---------------------------------------------------------------------------------

_DOCX_RUN_TEXT = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}


@dataclass
class _DocxCell:
    paragraphs: list[str] = field(default_factory=list)
    span: int = 1
    continued: bool = False  # the lower part of a vertical merge: no text of its own


class _DocxReader:
    """word/document.xml: the body's own paragraphs and tables, as python-docx reads them
    (runs directly in a paragraph or in a hyperlink; a cell's direct paragraphs)."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.out: Paragraphs = []
        self.paragraph: list[str] | None = None
        self.paragraph_depth = 0
        self.margin = 0
        self.table_depth = 0
        self.row: list[str] | None = None
        self.cell: _DocxCell | None = None

    def start(self, path: list[Element]) -> None:
        depth, name = len(path), _local(path[-1].tag)
        parent = _local(path[-2].tag) if depth > 1 else ""
        if name == "p" and (
            (parent == "body" and depth == 3)
            or (self.cell is not None and parent == "tc" and depth == self.table_depth + 3)
        ):
            self.paragraph, self.paragraph_depth, self.margin = [], depth, 0
        elif name == "tbl" and parent == "body" and depth == 3:
            self.table_depth = depth
        elif self.table_depth and name == "tr" and depth == self.table_depth + 1:
            self.row = []
        elif self.row is not None and name == "tc" and depth == self.table_depth + 2:
            self.cell = _DocxCell()
            self.budget.cell()

    def _in_run(self, path: list[Element]) -> bool:
        """Whether the element ending is a direct child of a run of the current paragraph."""
        depth = len(path)
        if self.paragraph is None or depth < 3 or _local(path[-2].tag) != "r":
            return False
        return depth - 2 == self.paragraph_depth or (
            depth - 3 == self.paragraph_depth and _local(path[-3].tag) == "hyperlink"
        )

    def end(self, path: list[Element]) -> None:
        element, depth = path[-1], len(path)
        name = _local(element.tag)
        if self._in_run(path):
            assert self.paragraph is not None
            if name == "t":
                self.paragraph.append(self.budget.text(element.text or ""))
            elif name == "br":
                kind = next((v for k, v in element.attrib.items() if _local(k) == "type"), "")
                self.paragraph.append("\n" if kind in ("", "textWrapping") else "")
            elif name in _DOCX_RUN_TEXT:
                self.paragraph.append(_DOCX_RUN_TEXT[name])
        elif name == "ind" and self.paragraph is not None and depth == self.paragraph_depth + 2:
            if self.cell is None:
                left = next((v for k, v in element.attrib.items() if _local(k) == "left"), "")
                self.margin = _int(left)
        elif (
            self.cell is not None
            and depth == self.table_depth + 4
            and name
            in (
                "gridSpan",
                "vMerge",
            )
        ):
            value = next((v for k, v in element.attrib.items() if _local(k) == "val"), "")
            if name == "gridSpan":
                self.cell.span = max(1, min(_int(value), 64))
                self.budget.cell(self.cell.span - 1)
            else:
                self.cell.continued = value in ("", "continue")
        elif name == "p" and depth == self.paragraph_depth and self.paragraph is not None:
            text = "".join(self.paragraph)
            if self.cell is not None:
                self.cell.paragraphs.append(text)
            else:
                self.budget.line()
                self.out.append(Paragraph(text, self.margin))
            self.paragraph, self.paragraph_depth = None, 0
        elif name == "tc" and self.cell is not None and depth == self.table_depth + 2:
            assert self.row is not None
            first = "" if self.cell.continued else " ".join("\n".join(self.cell.paragraphs).split())
            self.row.extend([first] + [""] * (self.cell.span - 1))
            self.cell = None
        elif name == "tr" and self.row is not None and depth == self.table_depth + 1:
            self.budget.line()
            self.out.append(Paragraph("\t".join(self.row)))
            self.row = None
        elif name == "tbl" and depth == self.table_depth:
            self.table_depth = 0


def docx_paragraphs(package: zipfile.ZipFile) -> Paragraphs:
    """(left margin, text) of each paragraph and table row of a DOCX body."""
    reader = _DocxReader(_Budget())
    _stream(package, "word/document.xml", reader.budget, reader.start, reader.end, _KEEP_DOCX)
    return reader.out


_KEEP_DOCX = frozenset({"t"})


# -- HWPX ---------------------------------------------------------------------------------

_HWPX_TEXT_ATOMS = {
    "tab": "\t",
    "lineBreak": "\n",
    "nbSpace": "\u00a0",
    "fwSpace": "\u3000",
    "hyphen": "\u00ad",
}


def _hwpx_run_text(element: Element) -> str:
    """The text of an hp:t, with the tabs, breaks and spaces Hancom writes inside it."""
    parts = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        parts.append(_HWPX_TEXT_ATOMS.get(name, "") or "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


class _HwpxMargins:
    """Contents/header.xml: each paragraph shape's left margin (hh:paraPr → hh:margin →
    hc:left), written directly or inside hp:switch, where hp:case wins over hp:default."""

    def __init__(self) -> None:
        self.margins: dict[str, int] = {}
        self.shape: str | None = None
        self.found: dict[str, int] = {}

    def start(self, path: list[Element]) -> None:
        if _local(path[-1].tag) == "paraPr":
            self.shape, self.found = path[-1].get("id"), {}

    def end(self, path: list[Element]) -> None:
        name = _local(path[-1].tag)
        if self.shape is None:
            return
        if name == "left" and len(path) > 1 and _local(path[-2].tag) == "margin":
            where = next(
                (w for w in (_local(e.tag) for e in reversed(path[:-2])) if w != "switch"),
                "",
            )
            self.found.setdefault(where, _int(path[-1].get("value")))
        elif name == "paraPr":
            found = self.found
            self.margins[self.shape] = found.get(
                "paraPr", found.get("case", found.get("default", 0))
            )
            self.shape = None


@dataclass
class _HwpxTable:
    rows: int
    columns: int
    cells: dict[tuple[int, int], tuple[str, int, int]] = field(default_factory=dict)

    def read(self) -> Table:
        """The table's cells; a declared corner no cell fills is an empty cell, so that the
        grid is as wide and as long as the table says it is."""
        cells = [Cell(r, c, text, rs, cs) for (r, c), (text, rs, cs) in sorted(self.cells.items())]
        corner = (self.rows - 1, self.columns - 1)
        if self.rows and self.columns and corner not in self.cells:
            cells.append(Cell(*corner, ""))
        return Table(cells)


class _HwpxReader:
    """Contents/section*.xml: a section's own paragraphs (hs:sec → hp:p) and the tables in
    their runs (hp:run → hp:tbl → hp:tr → hp:tc → hp:subList → hp:p), as python-hwpx reads
    them. Text boxes, headers and nested tables are not the report's outline."""

    def __init__(self, budget: _Budget, margins: dict[str, int]) -> None:
        self.budget = budget
        self.margins = margins
        self.out: Paragraphs = []
        self.paragraph: list[str] | None = None
        self.paragraph_depth = 0
        self.shape: str | None = None
        self.tables: list[_HwpxTable] = []
        self.table: _HwpxTable | None = None
        self.table_depth = 0
        self.cell: list[str] | None = None  # the texts of the current cell's paragraphs
        self.cell_at: tuple[int, int] = (0, 0)
        self.cell_span: tuple[int, int] = (1, 1)
        self.cell_paragraph: list[str] | None = None

    def start(self, path: list[Element]) -> None:
        element, depth = path[-1], len(path)
        name = _local(element.tag)
        if name == "p" and depth == 2:
            self.paragraph, self.paragraph_depth = [], depth
            self.shape, self.tables = element.get("paraPrIDRef"), []
        elif (
            name == "tbl"
            and self.table is None
            and self.paragraph is not None
            and depth == self.paragraph_depth + 2
        ):
            rows, columns = _int(element.get("rowCnt")), _int(element.get("colCnt"))
            if rows < 0 or columns < 0 or rows * columns > MAX_CELLS:
                raise ReadError(f"표의 칸이 한도 {MAX_CELLS:,}개를 넘습니다.")
            self.table, self.table_depth = _HwpxTable(rows, columns), depth
        elif self.table is not None and name == "tc" and depth == self.table_depth + 2:
            self.cell, self.cell_at, self.cell_span = [], (0, 0), (1, 1)
            self.budget.cell()
        elif self.cell is not None and name == "p" and depth == self.table_depth + 4:
            self.cell_paragraph = []

    def end(self, path: list[Element]) -> None:
        element, depth = path[-1], len(path)
        name = _local(element.tag)
        if name == "t" and depth >= 3 and _local(path[-2].tag) == "run":
            if self.cell_paragraph is not None and depth == self.table_depth + 6:
                self.cell_paragraph.append(self.budget.text(_hwpx_run_text(element)))
            elif self.paragraph is not None and depth == self.paragraph_depth + 2:
                self.paragraph.append(self.budget.text(_hwpx_run_text(element)))
        elif name == "tab" and depth >= 3 and _local(path[-2].tag) == "run":
            if self.cell_paragraph is not None and depth == self.table_depth + 6:
                self.cell_paragraph.append("\t")
            elif self.paragraph is not None and depth == self.paragraph_depth + 2:
                self.paragraph.append("\t")
        elif name == "p" and self.cell_paragraph is not None and depth == self.table_depth + 4:
            assert self.cell is not None
            self.cell.append("".join(self.cell_paragraph))
            self.cell_paragraph = None
        elif self.cell is not None and depth == self.table_depth + 3 and name == "cellAddr":
            self.cell_at = (_int(element.get("rowAddr")), _int(element.get("colAddr")))
        elif self.cell is not None and depth == self.table_depth + 3 and name == "cellSpan":
            self.cell_span = (_int(element.get("rowSpan")), _int(element.get("colSpan")))
        elif name == "tc" and self.cell is not None and depth == self.table_depth + 2:
            assert self.table is not None
            row, column = self.cell_at
            if 0 <= row < MAX_CELLS and 0 <= column < MAX_CELLS:
                text = " ".join("\n".join(self.cell).split())
                self.table.cells[(row, column)] = (text, *self.cell_span)
            self.cell = None
        elif name == "tbl" and self.table is not None and depth == self.table_depth:
            table = self.table
            rows = max([table.rows, *(r + 1 for r, _ in table.cells)])
            columns = max([table.columns, *(c + 1 for _, c in table.cells)])
            if rows * columns > MAX_CELLS:
                raise ReadError(f"표의 칸이 한도 {MAX_CELLS:,}개를 넘습니다.")
            table.rows, table.columns = rows, columns
            self.tables.append(table)
            self.table = None
        elif name == "p" and depth == 2 and self.paragraph is not None:
            text = "".join(self.paragraph)
            if text.strip():
                self.budget.line()
                self.out.append(Paragraph(text, self.margins.get(self.shape or "", 0)))
            for table in self.tables:
                for _ in range(table.rows):
                    self.budget.line()
                self.out.append(table.read())
            self.paragraph, self.tables = None, []


_KEEP_HWPX = frozenset({"t"})
_SECTION = re.compile(r"Contents/section(\d+)\.xml")


def _sections(package: zipfile.ZipFile) -> Iterator[str]:
    numbered = [
        (int(match.group(1)), name)
        for name in package.namelist()
        if (match := _SECTION.fullmatch(name))
    ]
    return (name for _, name in sorted(numbered))


def hwpx_paragraphs(package: zipfile.ZipFile) -> Paragraphs:
    """(left margin, text) of each paragraph and table row of an HWPX's sections."""
    budget = _Budget()
    margins = _HwpxMargins()
    if "Contents/header.xml" in package.namelist():
        _stream(package, "Contents/header.xml", budget, margins.start, margins.end, frozenset())
    budget = _Budget()  # the header's elements are not the document's text
    reader = _HwpxReader(budget, margins.margins)
    for name in _sections(package):
        _stream(package, name, budget, reader.start, reader.end, _KEEP_HWPX)
    return reader.out
