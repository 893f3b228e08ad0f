"""Text: bytes decoded, lines numbered and normalised, and the limits every reader keeps.

Every format is laid out as such lines (`reading.lay_out`), tables as one line per row with
cells separated by tabs, the way word processors export them, so that one parser handles
every source format.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .model import ReadError


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


# Full-width ASCII (！ to ～) as typed by Korean input methods, and look-alike spaces; the
# ideographic space U+3000 is indentation and becomes two spaces. Curly quotes stay: they are
# the text's own (‘약자와의 동행’), and the date parsers read ’24 as '24 themselves.
_WIDTH: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: "  ", 0x00A0: " "})
# The same mapping as a pattern: str.translate looks every character of a Korean text up in
# the table, where a scan for the few characters to replace is some twenty times faster.
_WIDE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
_NARROW = {chr(cp): to if isinstance(to, str) else chr(to) for cp, to in _WIDTH.items()}
# The symbols that mark items in 개조식 reports; ※ and * mark notes.
SYMBOLS = "□■○●◦ㅇ❍◆◇-–·•√✓▶▷※"


def indented(paragraphs: list[tuple[int, str]]) -> list[str]:
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
    return _without_nul(_decoded(content))


def _decoded(content: bytes) -> str:
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


def _without_nul(text: str) -> str:
    """A text with a NUL is refused, saying where: no document holds one, and PostgreSQL
    keeps none, in a record or in the preview of an import."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise ReadError(
            f"{line}행에 NUL 문자가 있어 읽을 수 없습니다. 텍스트 파일인지 확인해 주세요."
        )
    return text


def normalize_line(text: str) -> str:
    return text.translate(_WIDTH).rstrip()


# A work report is tens of pages (the reference: 8,000 characters on 330 lines). 30 MB leaves
# room for the pictures inside an HWPX; a million characters or 50,000 lines is a hundred
# reports, and reading that costs about 100 MB of memory. Beyond that it is the wrong file.
MB = 1024 * 1024
MAX_BYTES = 30 * MB
MAX_CHARACTERS = 1_000_000
MAX_LINES = 50_000
# A table of a report is tens of rows of a few columns; 200,000 cells is a whole budget book.
MAX_CELLS = 200_000
# Korean text is at most 4 bytes a character in any encoding we read (UTF-8 needs 3).
MAX_TEXT_BYTES = 4 * MAX_CHARACTERS


def source_lines(text: str) -> list[SourceLine]:
    """Numbered, normalised lines; CR, CRLF and LF all end a line."""
    # One translation of the whole text (no full-width character becomes a line break), then
    # one split: the same lines as normalising each line, without a call per line.
    text = _WIDE.sub(lambda match: _NARROW[match[0]], text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [SourceLine(number, line.rstrip()) for number, line in enumerate(text.split("\n"), 1)]
