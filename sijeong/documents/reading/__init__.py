"""The reading layer: a file's bytes into one model of the document (`model.Read`), beside the
writers of `sijeong.documents`, for the checker and the importer alike.

`read` knows a format by its first bytes (and a CSV by its name), checks the size before any
work, and hands the bytes to that format's reader; every reader bounds its own work and says
in Korean why it stops. `lay_out` turns what was read into the numbered lines both users of
the layer parse, with the place in the source (page, sheet and row) of every line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Block, Cell, Paragraph, Read, ReadError, Table
from .text import MAX_BYTES, MAX_CHARACTERS, MAX_LINES, MAX_TEXT_BYTES, decode, indented

__all__ = [
    "ACCEPT",
    "FORMATS",
    "Block",
    "Cell",
    "Laid",
    "Paragraph",
    "Place",
    "Read",
    "ReadError",
    "Table",
    "lay_out",
    "read",
    "unreadable",
]

# What the readers read, as the pages and commands name it, and as a file input accepts it.
FORMATS = "텍스트(UTF-8·EUC-KR), CSV, HWP, HWPX, DOCX, PDF, XLSX"
ACCEPT = ".txt,.csv,.hwp,.hwpx,.docx,.pdf,.xlsx,text/plain,text/csv,application/pdf"

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: HWP 5 (and old XLS, DOC)
HWP3 = b"HWP Document File V3"


def read(content: bytes, filename: str = "") -> Read:
    """The document in `content`; raises ReadError with the reason in Korean."""
    if refusal := too_large(len(content)):
        raise ReadError(refusal)
    if not content.strip():
        raise ReadError("빈 파일입니다.")
    name = filename.lower()
    if content.startswith(b"PK\x03\x04"):
        return _package(content)
    if b"%PDF-" in content[:1024]:
        from .pdf import read_pdf

        return read_pdf(content)
    if content.startswith((CFB, HWP3)):
        from .hwp import read_hwp

        return read_hwp(content)
    if name.endswith(".hwp"):
        raise ReadError("한글(HWP) 문서가 아니거나 손상된 파일입니다.")
    if name.endswith(".csv"):
        from .sheets import read_csv

        return read_csv(content)
    if len(content) > MAX_TEXT_BYTES:
        raise ReadError(
            f"텍스트 파일이 너무 큽니다 ({len(content) / 1024 / 1024:.1f}MB). "
            f"텍스트는 {MAX_TEXT_BYTES // 1024 // 1024}MB"
            f"({MAX_CHARACTERS:,}자) 이하여야 합니다."
        )
    return Read("text", plain=decode(content))


def too_large(size: int) -> str:
    """Why a file of `size` bytes is not read, or "" when it may be: asked of an upload
    before its bytes are read, and of the bytes before any reader sees them."""
    if size <= MAX_BYTES:
        return ""
    return (
        f"파일이 너무 큽니다 ({size / 1024 / 1024:.1f}MB). "
        f"{MAX_BYTES // 1024 // 1024}MB 이하의 파일을 올려 주세요."
    )


def _package(content: bytes) -> Read:
    from .packages import docx_paragraphs, hwpx_paragraphs, open_package

    package = open_package(content)
    names = set(package.namelist())
    if "word/document.xml" in names:
        return Read("docx", blocks=docx_paragraphs(package))
    if any(n.startswith("Contents/section") for n in names):
        return Read("hwpx", blocks=hwpx_paragraphs(package))
    if "xl/workbook.xml" in names:
        from .sheets import read_xlsx

        return read_xlsx(content)
    raise ReadError("HWPX, DOCX, XLSX 가운데 어느 것도 아닌 압축 파일입니다.")


def unreadable(pages: list[int]) -> str:
    """What a person is told of the pages whose text could not be read; never guessed at."""
    listed = ", ".join(str(page) for page in pages)
    return f"글자를 읽을 수 없는 쪽: {listed}쪽 (스캔 문서는 OCR 후 다시 올려 주세요)"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a laid-out line came from: its page (PDF, HWP), or its sheet and row (XLSX)."""

    page: int | None = None
    sheet: str = ""
    row: int | None = None

    @property
    def part(self) -> str:
        """The page or sheet: what the 검산 page heads each part of the document with."""
        if self.sheet:
            return f"'{self.sheet}' 시트"
        return f"{self.page}쪽" if self.page else ""

    def __str__(self) -> str:
        return f"{self.part} {self.row}행" if self.sheet and self.row else self.part


@dataclass
class Laid:
    """The document as numbered lines of text, and the place of each (`places[n - 1]`)."""

    format: str
    text: str
    places: list[Place]
    unreadable_pages: list[int]
    notes: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """What a person is told beside the findings: pages not read, cells read as empty."""
        pages = [unreadable(self.unreadable_pages)] if self.unreadable_pages else []
        return pages + self.notes

    def where(self, line: int) -> str:
        """The source's own place of line `line` ("3쪽", "'예산' 시트 7행"), or ""."""
        return str(self.places[line - 1]) if 0 < line <= len(self.places) else ""

    def part(self, line: int) -> str:
        return self.places[line - 1].part if 0 < line <= len(self.places) else ""


def lay_out(document: Read) -> Laid:
    """Paragraphs as lines indented by their margins; a table's rows as lines of cells joined
    by tabs. Bounded as the text reader bounds a text: characters and lines."""
    if document.plain is not None:
        text = document.plain
        places: list[Place] = []
    else:
        lines: list[tuple[int, str]] = []
        places = []
        for block in document.blocks:
            if isinstance(block, Paragraph):
                for part in block.text.split("\n"):
                    lines.append((block.margin, part))
                    places.append(Place(block.page))
            else:
                for number, row in enumerate(block.grid(), block.first_row):
                    lines.append((0, "\t".join(" ".join(cell.split()) for cell in row)))
                    places.append(Place(block.page, block.sheet, number if block.sheet else None))
        text = "\n".join(indented(lines))
    if len(text) > MAX_CHARACTERS:
        raise ReadError(
            f"본문이 너무 깁니다 ({len(text):,}자). "
            f"보고서 한 건은 {MAX_CHARACTERS:,}자 이하여야 합니다."
        )
    count = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if count > MAX_LINES:
        raise ReadError(
            f"줄이 너무 많습니다 ({count:,}줄). 보고서 한 건은 {MAX_LINES:,}줄 이하여야 합니다."
        )
    return Laid(document.format, text, places, document.unreadable_pages, document.notes)
