"""Reading HWP (한글 97–2024 binary, HWP 5; and HWP 3) into the document model, through rhwp.

rhwp is native code that inflates and parses whatever the file holds, so the file is checked
here first with bounded work: the compound file's directory (CFB) is walked, its FileHeader
says whether the document is encrypted (암호) or a distribution document (배포용), and every
compressed stream is inflated through a byte cap while the records of DocInfo and the body
sections are counted. Only a file within every cap reaches rhwp. The same walk gives what
rhwp's IR leaves out: each paragraph's left margin (ParaShape), which marks the depth of an
item in a 개조식 report.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Cell, Paragraph, Read, ReadError, Table
from .text import MAX_CELLS, MAX_CHARACTERS, MB

if TYPE_CHECKING:
    from rhwp.ir.nodes import TableBlock

# A work report's sections inflate to a few megabytes; 64 MB a stream and 256 MB in all is
# far beyond any report and still inflates within a second or two.
MAX_STREAM_BYTES = 64 * MB
MAX_TOTAL_BYTES = 256 * MB
# A million characters is at most about as many paragraphs; the records of a section (a
# paragraph is three or four: header, text, character shapes, line layout) are counted in
# Python before rhwp sees them, so their number bounds that loop's time.
MAX_PARAGRAPHS = 200_000
MAX_RECORDS = 2_000_000
MAX_DIRECTORY_ENTRIES = 10_000

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HWP3_SIGNATURE = b"HWP Document File V3.00"
_HWP5_SIGNATURE = b"HWP Document File"
# FileHeader properties (HWP 5.0 spec, 3.2.1): bit 0 compressed, bit 1 password, bit 2
# distribution document.
_COMPRESSED, _PASSWORD, _DISTRIBUTION = 1, 2, 4
# Record tags (HWPTAG_BEGIN = 0x10).
_PARA_SHAPE = 0x10 + 9
_PARA_HEADER = 0x10 + 50
_LIST_HEADER = 0x10 + 56
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

_DAMAGED = "한글 문서(HWP)가 손상되어 읽을 수 없습니다. 한글에서 다시 저장해 올려 주세요."


def _mb(size: int) -> str:
    return f"{size / MB:,.0f}MB"


# -- The compound file ---------------------------------------------------------------------

_LAST, _END_OF_CHAIN = 0xFFFFFFFA, 0xFFFFFFFE


def _numbers(data: bytes) -> Sequence[int]:
    """Little-endian 32-bit sector numbers, indexed in place (a tuple of Python ints would
    cost 36 bytes a sector)."""
    table = array("I", data[: len(data) // 4 * 4])
    if sys.byteorder == "big":
        table.byteswap()
    return table


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    left: int
    right: int
    child: int
    start: int
    size: int


class _Compound:
    """The streams of an OLE compound file (MS-CFB), read with every chain bounded by the
    file's own length: a cycle or a lying size is a damaged file, never a long loop."""

    def __init__(self, content: bytes) -> None:
        if len(content) < 512 or not content.startswith(_CFB_SIGNATURE):
            raise ReadError(_DAMAGED)
        self.content = content
        (shift, mini_shift) = struct.unpack_from("<HH", content, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise ReadError(_DAMAGED)
        self.sector = 1 << shift
        self.sectors = max(0, (len(content) - self.sector) // self.sector + 1)
        fat_count, directory_start = struct.unpack_from("<II", content, 0x2C)
        self.cutoff, mini_fat_start, _, difat_start, difat_count = struct.unpack_from(
            "<IIIII", content, 0x38
        )
        # FAT sectors are sectors of the file: no more of them than the file holds. (Hancom
        # writes more than the file needs, so the count of those needed is no bound.)
        if fat_count > self.sectors or difat_count > fat_count:
            raise ReadError(_DAMAGED)
        fat_sectors = [s for s in struct.unpack_from("<109I", content, 0x4C) if s <= _LAST]
        sector, seen = difat_start, 0
        while sector <= _LAST and seen < difat_count:
            block = struct.unpack_from(f"<{self.sector // 4}I", self._sector(sector))
            fat_sectors.extend(s for s in block[:-1] if s <= _LAST)
            sector, seen = block[-1], seen + 1
        if len(fat_sectors) < fat_count:
            raise ReadError(_DAMAGED)
        self.fat = _numbers(b"".join(self._sector(s) for s in fat_sectors[:fat_count]))
        directory = self._chain(directory_start, self.fat, self.sector, None)
        count = len(directory) // 128
        if count > MAX_DIRECTORY_ENTRIES:
            raise ReadError(
                f"한글 문서 안의 항목이 {count:,}개로 한도 {MAX_DIRECTORY_ENTRIES:,}개를 넘습니다."
            )
        self.entries = [self._entry(directory, i) for i in range(count)]
        if not self.entries or self.entries[0].kind != 5:
            raise ReadError(_DAMAGED)
        root = self.entries[0]
        self.mini_stream = self._chain(root.start, self.fat, self.sector, root.size)
        mini_fat = self._chain(mini_fat_start, self.fat, self.sector, None)
        self.mini_fat = _numbers(mini_fat)
        self.paths = dict(self._walk(root.child, ""))

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise ReadError(_DAMAGED)
        offset = (number + 1) * self.sector
        return self.content[offset : offset + self.sector]

    def _chain(self, start: int, fat: Sequence[int], size_of: int, size: int | None) -> bytes:
        """The bytes of a chain of sectors, stopped at its end, at `size`, or when it would
        hold more sectors than the file (a loop)."""
        mini = fat is not self.fat
        limit = len(fat) if mini else self.sectors
        parts: list[bytes] = []
        sector = start
        wanted = None if size is None else -(-size // size_of)
        while sector < _END_OF_CHAIN and (wanted is None or len(parts) < wanted):
            if sector >= len(fat) or len(parts) >= limit:
                raise ReadError(_DAMAGED)
            if mini:
                parts.append(self.mini_stream[sector * 64 : sector * 64 + 64])
            else:
                parts.append(self._sector(sector))
            sector = fat[sector]
        data = b"".join(parts)
        if size is not None:
            if len(data) < size:
                raise ReadError(_DAMAGED)
            data = data[:size]
        return data

    def _entry(self, directory: bytes, index: int) -> _Entry:
        raw = directory[index * 128 : index * 128 + 128]
        length = min(struct.unpack_from("<H", raw, 64)[0], 64)
        name = raw[: max(0, length - 2)].decode("utf-16-le", "replace")
        left, right, child = struct.unpack_from("<III", raw, 68)
        start, size = struct.unpack_from("<IQ", raw, 116)
        if self.sector == 512:
            size &= 0xFFFFFFFF  # version 3 files: the high half is undefined
        return _Entry(name, raw[66], left, right, child, start, size)

    def _walk(self, index: int, prefix: str) -> Iterator[tuple[str, _Entry]]:
        """Every stream under a storage, by path; the red-black tree's siblings and each
        storage's children, visited once each (a cycle is not followed twice)."""
        pending, seen = [(index, prefix)], set()
        while pending:
            index, prefix = pending.pop()
            if index >= len(self.entries) or index in seen:
                continue
            seen.add(index)
            entry = self.entries[index]
            pending += [(entry.left, prefix), (entry.right, prefix)]
            if entry.kind == 1:
                pending.append((entry.child, f"{prefix}{entry.name}/"))
            elif entry.kind == 2:
                yield f"{prefix}{entry.name}", entry

    def size(self, path: str) -> int:
        return self.paths[path].size

    def read(self, path: str) -> bytes:
        entry = self.paths[path]
        if entry.size > len(self.content):
            raise ReadError(_DAMAGED)
        if entry.size < self.cutoff:
            return self._chain(entry.start, self.mini_fat, 64, entry.size)
        return self._chain(entry.start, self.fat, self.sector, entry.size)


# -- Checks before rhwp --------------------------------------------------------------------


@dataclass
class _Survey:
    """What the streams hold, counted before rhwp parses them."""

    inflated: int = 0
    records: int = 0
    characters: int = 0
    paragraphs: int = 0
    lists: int = 0
    margins: dict[int, int] = field(default_factory=dict)  # ParaShape id → left margin
    # Per section, each top-level paragraph's ParaShape id, in order (rhwp's para_idx).
    shapes: list[list[int]] = field(default_factory=list)

    def add_inflated(self, name: str, size: int) -> None:
        self.inflated += size
        if self.inflated > MAX_TOTAL_BYTES:
            raise ReadError(
                f"한글 문서의 압축을 푼 크기가 모두 {_mb(MAX_TOTAL_BYTES)} 한도를 넘습니다 "
                f"('{name}'에서). 압축 폭탄으로 보입니다."
            )


def _inflate(data: bytes, name: str, survey: _Survey, keep: bool) -> bytes:
    """A stream's raw-deflate content through the per-stream and total caps; the bytes are
    kept only when asked (DocInfo and the sections are walked, pictures only measured)."""
    inflater = zlib.decompressobj(-15)
    parts: list[bytes] = []
    size = 0
    try:
        chunk = inflater.decompress(data, 4 * MB)
        while chunk:
            size += len(chunk)
            if size > MAX_STREAM_BYTES:
                raise ReadError(
                    f"한글 문서의 '{name}'을(를) 풀면 {_mb(MAX_STREAM_BYTES)} 한도를 넘습니다. "
                    "압축 폭탄으로 보입니다."
                )
            survey.add_inflated(name, len(chunk))
            if keep:
                parts.append(chunk)
            chunk = inflater.decompress(inflater.unconsumed_tail, 4 * MB)
    except zlib.error:
        if keep:
            raise ReadError(_DAMAGED) from None
    return b"".join(parts)


def _records(data: bytes, survey: _Survey) -> Iterator[tuple[int, int, int, int]]:
    """(tag, level, offset, size) of each record of a stream (HWP 5.0 spec, 4.1)."""
    offset, end = 0, len(data)
    while offset + 4 <= end:
        (header,) = struct.unpack_from("<I", data, offset)
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        offset += 4
        if size == 0xFFF:
            if offset + 4 > end:
                raise ReadError(_DAMAGED)
            (size,) = struct.unpack_from("<I", data, offset)
            offset += 4
        if offset + size > end:
            raise ReadError(_DAMAGED)
        survey.records += 1
        if survey.records > MAX_RECORDS:
            raise ReadError(
                f"한글 문서의 레코드가 한도 {MAX_RECORDS:,}개를 넘습니다. "
                "보고서 한 건의 크기가 아닙니다."
            )
        yield tag, level, offset, size
        offset += size


def _survey_doc_info(data: bytes, survey: _Survey) -> None:
    shape = 0
    for tag, _, offset, size in _records(data, survey):
        if tag == _PARA_SHAPE:
            if size >= 8:
                survey.margins[shape] = struct.unpack_from("<i", data, offset + 4)[0]
            shape += 1


def _survey_section(data: bytes, survey: _Survey) -> None:
    shapes: list[int] = []
    for tag, level, offset, size in _records(data, survey):
        if tag == _PARA_HEADER and size >= 10:
            characters, _, shape = struct.unpack_from("<IIH", data, offset)
            survey.characters += characters & 0x7FFFFFFF
            survey.paragraphs += 1
            if level == 0:
                shapes.append(shape)
        elif tag == _LIST_HEADER:
            survey.lists += 1
    survey.shapes.append(shapes)
    # nChars counts a control (a table, a footnote) as eight; twice the cap leaves room.
    if survey.characters > 2 * MAX_CHARACTERS:
        raise ReadError(_too_long())
    if survey.paragraphs > MAX_PARAGRAPHS:
        raise ReadError(
            f"한글 문서의 문단이 한도 {MAX_PARAGRAPHS:,}개를 넘습니다. "
            "보고서 한 건의 크기가 아닙니다."
        )
    if survey.lists > MAX_CELLS:
        raise ReadError(_too_many_cells())


def _too_long() -> str:
    return f"본문이 너무 깁니다. 한글 문서 한 건은 {MAX_CHARACTERS:,}자 이하여야 합니다."


def _too_many_cells() -> str:
    return f"한글 문서의 표 칸이 한도 {MAX_CELLS:,}개를 넘습니다."


def _section_key(path: str) -> int:
    digits = path.rsplit("Section", 1)[-1]
    return int(digits) if digits.isdigit() else 1 << 30


def _survey_hwp5(content: bytes) -> _Survey:
    compound = _Compound(content)
    if "FileHeader" not in compound.paths:
        raise ReadError(_DAMAGED)
    header = compound.read("FileHeader")
    if len(header) < 40 or not header.startswith(_HWP5_SIGNATURE):
        raise ReadError(_DAMAGED)
    (properties,) = struct.unpack_from("<I", header, 36)
    if properties & _PASSWORD:
        raise ReadError(
            "암호가 걸린 한글 문서는 읽을 수 없습니다. "
            "한글에서 암호를 풀고 저장해 다시 올려 주세요."
        )
    if properties & _DISTRIBUTION:
        raise ReadError(
            "배포용 한글 문서는 읽을 수 없습니다. 한글에서 일반 문서로 저장해 다시 올려 주세요."
        )
    compressed = bool(properties & _COMPRESSED)
    sections = sorted(
        (p for p in compound.paths if p.startswith("BodyText/Section")), key=_section_key
    )
    if "DocInfo" not in compound.paths or not sections:
        raise ReadError(_DAMAGED)
    survey = _Survey()
    for path in compound.paths:
        size = compound.size(path)
        if size > MAX_STREAM_BYTES:
            raise ReadError(
                f"한글 문서의 '{path}'이(가) {_mb(size)}로 한도 {_mb(MAX_STREAM_BYTES)}를 넘습니다."
            )
        walked = path == "DocInfo" or path in sections
        if compressed and (walked or path.startswith("BinData/")):
            # Pictures are inflated too when rhwp loads them; they are measured, not kept.
            data = _inflate(compound.read(path), path, survey, keep=walked)
        else:
            data = compound.read(path) if walked else b""
            survey.add_inflated(path, size)
        if path == "DocInfo":
            _survey_doc_info(data, survey)
        elif walked:
            _survey_section(data, survey)
    return survey


def _survey_hwp3(content: bytes) -> _Survey:
    """HWP 3: a 30-byte signature, 128 bytes of document information (byte 124: compressed,
    bytes 126–127: the length of an information block), 1008 bytes of summary, that block,
    then the body — raw deflate when compressed."""
    if len(content) < 1166:
        raise ReadError(_DAMAGED)
    survey = _Survey()
    compressed = content[30 + 124]
    (block,) = struct.unpack_from("<H", content, 30 + 126)
    if compressed:
        _inflate(content[1166 + block :], "본문", survey, keep=False)
    return survey


# -- rhwp ----------------------------------------------------------------------------------


def _rhwp() -> Any:
    """rhwp, imported once the system FreeType is loaded: its wheel bundles a FreeType that
    lacks a symbol (FT_Palette_Data_Get) its renderer needs at load time."""
    library = ctypes.util.find_library("freetype")
    if library is None:
        raise ReadError(
            "이 서버에는 한글 문서(HWP)를 읽는 데 필요한 글꼴 라이브러리(FreeType)가 없어 "
            "HWP를 읽을 수 없습니다. HWPX로 저장해 올려 주세요."
        )
    try:
        ctypes.CDLL(library, mode=ctypes.RTLD_GLOBAL)
        import rhwp
    except (OSError, ImportError):
        raise ReadError(
            "이 서버에서는 한글 문서(HWP)를 읽을 수 없습니다. HWPX로 저장해 올려 주세요."
        ) from None
    return rhwp


def _clean(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text)


class _Budget:
    def __init__(self) -> None:
        self.characters = 0
        self.cells = 0

    def text(self, text: str) -> str:
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise ReadError(_too_long())
        return text

    def cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise ReadError(_too_many_cells())


def _blocks_text(blocks: Sequence[Any], budget: _Budget) -> str:
    """The text of a cell's or a footnote's blocks on one line: paragraphs, and an inner
    table's cells in reading order (a nested table is flattened into its cell)."""
    parts: list[str] = []
    for block in blocks:
        if block.kind in ("paragraph", "list_item"):
            parts.append(budget.text(_clean(block.text)))
        elif block.kind == "table":
            for cell in sorted(block.cells, key=lambda c: (c.row, c.col)):
                budget.cell()
                parts.append(_blocks_text(cell.blocks, budget))
    return " ".join(" ".join(parts).split())


def _table(block: TableBlock, budget: _Budget) -> Table:
    cells = []
    for cell in block.cells:
        budget.cell()
        cells.append(
            Cell(
                row=cell.row,
                column=cell.col,
                text=_blocks_text(cell.blocks, budget),
                row_span=max(1, cell.row_span),
                column_span=max(1, cell.col_span),
            )
        )
    return Table(cells)


def read_hwp(content: bytes) -> Read:
    """An HWP file (HWP 5, or HWP 3) as paragraphs with their left margins and tables of
    cells; headers and footers left out, footnotes and endnotes as paragraphs at the end.

    rhwp's IR has no page of a block and no paragraph margin: pages are left None (the
    document's page count is kept), margins come from the ParaShape records surveyed here.
    A table inside a table is flattened into its cell's text.
    """
    if content.startswith(_HWP3_SIGNATURE):
        survey = _survey_hwp3(content)
    elif content.startswith(_CFB_SIGNATURE):
        survey = _survey_hwp5(content)
    else:
        raise ReadError("한글 문서(HWP) 형식이 아닙니다.")
    rhwp = _rhwp()
    try:
        document = rhwp.Document.from_bytes(content)
        ir = document.to_ir()
        pages = document.page_count
    except BaseException as error:  # a panic in rhwp's Rust core arrives as BaseException
        if isinstance(error, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise ReadError(_DAMAGED) from None
    budget = _Budget()
    blocks: list[Paragraph | Table] = []
    for block in ir.body:
        if block.kind in ("paragraph", "list_item"):
            prov = block.prov
            shapes = (
                survey.shapes[prov.section_idx] if prov.section_idx < len(survey.shapes) else []
            )
            shape = shapes[prov.para_idx] if prov.para_idx < len(shapes) else -1
            margin = survey.margins.get(shape, 0)
            blocks.append(Paragraph(budget.text(_clean(block.text)), margin))
        elif block.kind == "table":
            blocks.append(_table(block, budget))
    for note in [*ir.furniture.footnotes, *ir.furniture.endnotes]:
        text = _blocks_text(note.blocks, budget)
        blocks.append(Paragraph(f"{note.number}) {text}"))
    return Read("hwp", blocks, pages=pages or None)
