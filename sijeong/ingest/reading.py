"""Reading a report file (text, HWPX, DOCX) into numbered lines of plain text.

Tables come out as one line per row with cells separated by tabs, the way word processors
export them, so that one parser handles every source format.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any


class ReadError(Exception):
    """A file that cannot be read as a report; the message is Korean, for the person."""


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


# Full-width ASCII (！ to ～) as typed by Korean input methods, and look-alike spaces; the
# ideographic space U+3000 is indentation and becomes two spaces. Curly quotes stay: they are
# the text's own (‘약자와의 동행’), and the date parsers read ’24 as '24 themselves.
_WIDTH: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: "  ", 0x00A0: " "})
# The symbols that mark items in 개조식 reports; ※ and * mark notes.
SYMBOLS = "□■○●◦ㅇ❍◆◇-–·•√✓▶▷※"


def _indented(paragraphs: list[tuple[int, str]]) -> list[str]:
    """Paragraphs with their left margins as leading spaces, one per indentation step.

    Word processors indent with paragraph margins, not spaces. The smallest margin of a
    bulleted paragraph is the first level; each larger margin in use is one level deeper.
    """
    # Notes (※ *) often sit at the margin under any level; they do not set the first level.
    symbols = SYMBOLS.strip("※")
    bulleted = [m for m, text in paragraphs if text.strip() and text.lstrip()[0] in symbols]
    base = min(bulleted, default=0)
    steps = sorted({m for m, _ in paragraphs if m > base})
    return [" " * sum(1 for step in steps if step <= m) + text for m, text in paragraphs]


def decode(content: bytes) -> str:
    """Text bytes as str: UTF-8 (with or without BOM), UTF-16 with BOM, or CP949/EUC-KR."""
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("UTF-16으로 표시된 파일이지만 읽을 수 없습니다.") from None
    if b"\x00" in content[:4096]:
        raise ReadError("텍스트 파일이 아닙니다 (이진 자료가 들어 있습니다).")
    for encoding in ("utf-8", "cp949"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("문자 인코딩을 알 수 없습니다. UTF-8 또는 EUC-KR(CP949) 텍스트여야 합니다.")


def normalize_line(text: str) -> str:
    return text.translate(_WIDTH).rstrip()


def _hwpx_text(content: bytes) -> str:
    from hwpx import HwpxDocument

    try:
        document = HwpxDocument.open(BytesIO(content))
    except Exception as error:  # python-hwpx raises many kinds on a damaged package
        raise ReadError(f"HWPX 파일을 열 수 없습니다 ({type(error).__name__}).") from None
    paragraphs: list[tuple[int, str]] = []
    try:
        for paragraph in document.paragraphs:
            if paragraph.text.strip():
                margin = _hwpx_margin(document, paragraph.para_pr_id_ref)
                paragraphs.append((margin, paragraph.text))
            for table in paragraph.tables:
                grid: dict[int, list[str]] = {}
                for position in table.iter_grid():
                    anchor = (position.row, position.column) == tuple(position.anchor)
                    text = " ".join(position.cell.text.split()) if anchor else ""
                    grid.setdefault(position.row, []).append(text)
                paragraphs.extend((0, "\t".join(cells)) for _, cells in sorted(grid.items()))
    except Exception as error:  # a package that opens can still be damaged inside
        raise ReadError(f"HWPX 파일의 본문을 읽을 수 없습니다 ({type(error).__name__}).") from None
    return "\n".join(_indented(paragraphs))


def _hwpx_margin(document: Any, reference: Any) -> int:
    try:
        margin = document.styles.paragraph_property(reference).margin
        return int(margin.left or 0)
    except (AttributeError, KeyError, TypeError, ValueError):
        return 0


def _docx_text(content: bytes) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(BytesIO(content))
    except Exception as error:  # a damaged package fails anywhere inside python-docx
        raise ReadError(f"DOCX 파일을 열 수 없습니다 ({type(error).__name__}).") from None
    lines: list[tuple[int, str]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            # A merged cell is returned for every grid position it covers; like a text export,
            # the grid keeps one column per position with the text in the merge's first.
            seen: dict[int, Any] = {}  # holding the elements keeps their ids unique
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    first = id(cell._tc) not in seen
                    seen[id(cell._tc)] = cell._tc
                    cells.append(" ".join(cell.text.split()) if first else "")
                lines.append((0, "\t".join(cells)))
        else:
            indent = item.paragraph_format.left_indent
            lines.append((int(indent or 0), item.text))
    return "\n".join(_indented(lines))


# A work report is tens of pages: 30 MB leaves room for the pictures inside an HWPX, and
# 5 million characters of text is hundreds of reports. Beyond that it is the wrong file.
MAX_BYTES = 30 * 1024 * 1024
MAX_CHARACTERS = 5_000_000


def read_text(content: bytes, filename: str = "") -> tuple[str, str]:
    """(format, text) of a file: "hwpx", "docx" or "text"."""
    if len(content) > MAX_BYTES:
        raise ReadError(
            f"파일이 너무 큽니다 ({len(content) / 1024 / 1024:.1f}MB). "
            f"{MAX_BYTES // 1024 // 1024}MB 이하의 보고서 파일을 올려 주세요."
        )
    if not content.strip():
        raise ReadError("빈 파일입니다.")
    fmt, text = _read(content, filename)
    if len(text) > MAX_CHARACTERS:
        raise ReadError(
            f"본문이 너무 깁니다 ({len(text):,}자). "
            f"보고서 한 건은 {MAX_CHARACTERS:,}자 이하여야 합니다."
        )
    return fmt, text


def _read(content: bytes, filename: str) -> tuple[str, str]:
    if content.startswith(b"PK\x03\x04"):
        try:
            members = zipfile.ZipFile(BytesIO(content)).infolist()
        except zipfile.BadZipFile:
            raise ReadError("압축 파일(HWPX·DOCX)이 손상되어 열 수 없습니다.") from None
        if sum(member.file_size for member in members) > 10 * MAX_BYTES:
            raise ReadError(
                "압축을 풀면 지나치게 커지는 파일입니다. 보고서 파일이 맞는지 확인해 주세요."
            )
        names = {member.filename for member in members}
        if "word/document.xml" in names:
            return "docx", _docx_text(content)
        if any(n.startswith("Contents/section") for n in names):
            return "hwpx", _hwpx_text(content)
        raise ReadError("HWPX도 DOCX도 아닌 압축 파일입니다.")
    if filename.lower().endswith(".hwp") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("HWP(한글 97~2014 형식)는 읽지 못합니다. 한글에서 HWPX로 저장해 주세요.")
    return "text", decode(content)


def source_lines(text: str) -> list[SourceLine]:
    """Numbered, normalised lines; CR, CRLF and LF all end a line."""
    return [
        SourceLine(number, normalize_line(line))
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1)
    ]
