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


class ReadError(Exception):
    """A file that cannot be read as a report; the message is Korean, for the person."""


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


# Full-width ASCII (！ to ～) as typed by Korean input methods, and look-alike quotes and
# spaces; the ideographic space U+3000 is indentation and becomes two spaces.
_WIDTH: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: "  ", 0x00A0: " ", 0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})


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
    return str(document.text.plain())


def _docx_text(content: bytes) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(BytesIO(content))
    except Exception as error:  # a damaged package fails anywhere inside python-docx
        raise ReadError(f"DOCX 파일을 열 수 없습니다 ({type(error).__name__}).") from None
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    # A merged cell is returned once per grid column it covers.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                lines.append("\t".join(cells))
        else:
            lines.append(item.text)
    return "\n".join(lines)


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
