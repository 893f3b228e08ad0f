"""The notation of 공문서 in prose (dates, 24-hour times, item order), as 참고: the rules are
core's (`sijeong.core.notation`), here read over the document's prose only — a table's cells
and its caption (`(단위: 천원)`) follow the table's own conventions."""

from __future__ import annotations

from collections.abc import Iterator

from sijeong.core.notation import check as notation

from ..findings import INFO, Finding
from . import Document, check


@check("notation")
def notation_in_prose(document: Document) -> Iterator[Finding]:
    in_tables = {
        number
        for table in document.tables
        for number in range(table.first_line, table.last_line + 1)
    }
    for found in notation(document.text):
        line = document.lines[found.line - 1] if found.line <= len(document.lines) else None
        if line is None or line.number in in_tables or "단위" in line.text:
            continue
        yield Finding(line.number, INFO, found.code, f"{found.message}: {found.text}")
