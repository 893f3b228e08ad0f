"""Recognisers: the records a 개조식 report states, read from its outline, with findings.

One module per family of recognisers, each registered by name; what none claims is kept as text.
"""

from __future__ import annotations

from sijeong.checking.checks import run as run_checks
from sijeong.core.notation import check as notation_check
from sijeong.documents.model import DRAFT_MARK
from sijeong.documents.reading.text import SourceLine

from ..preview import Preview
from ..structure import is_page_number, is_table_rule

# Imported for their registrations: each module adds its recognisers to RECOGNISERS.
from . import (  # noqa: F401
    budget,
    comparison,
    figures,
    functions,
    headings,
    meetings,
    press,
    programs,
    staffing,
)
from .cover import date_report, latest_date, read_cover
from .events import set_aside_undated
from .reader import Reader
from .registry import RECOGNISERS


def recognise(fmt: str, lines: list[SourceLine]) -> Preview:
    """Walk the outline once: each item goes to the first recogniser that claims it, or is
    kept as text where it stood. Nothing is dropped."""
    preview = Preview(fmt, lines)
    reader = Reader(preview)
    for line in lines:
        if is_page_number(line.text):
            preview.placed[line.number] = "쪽 번호"
            preview.structure.add(line.number)
        elif is_table_rule(line.text):
            preview.placed[line.number] = "표 구분선"
            preview.structure.add(line.number)
    reader.document_date = latest_date(lines)
    _draft_mark(reader)
    read_cover(reader)
    while reader.position < len(reader.items):
        item = reader.items[reader.position]
        reader.position += 1
        for read in RECOGNISERS.values():
            if read(reader, item):
                break
        else:
            reader.keep_as_text(item.lines)
    set_aside_undated(reader)
    reader.flush_title()
    _nothing_read(reader)
    _arithmetic(reader)
    date_report(preview)
    for finding in notation_check(reader.document.text):
        reader.find(finding.line, "info", finding.code, f"{finding.message}: {finding.text}")
    preview.findings.sort(key=lambda f: f.line)
    return preview


# Checker codes that an importer finding on the same line already reports in the words of
# the record it concerns: the record's finding is kept, the checker's is not repeated.
_REPORTED_AS = {
    "malformed-time": "schedule.time_malformed",
    "total-mismatch": "ingest.breakdown_mismatch",
}


def _arithmetic(reader: Reader) -> None:
    """The figures checked as 검산 checks them (sums, rates, differences, dates …), whether
    or not their lines became records: an import shows what the 검산 page would."""
    own = {(f.line, f.code) for f in reader.preview.findings}
    # Notation is reported below on every line, tables included: not asked of the checker.
    for finding in run_checks(reader.document, without=("notation",)):
        if (finding.line, _REPORTED_AS.get(finding.code)) in own:
            continue
        reader.find(finding.line, finding.severity.value, f"check.{finding.code}", finding.message)


def _draft_mark(reader: Reader) -> None:
    """A draft sijeong wrote opens with its draft mark (검토용 초안 …): the document's frame,
    not its cover or its content."""
    first = reader.item_at(0)
    if first is not None and first.kind == "paragraph" and first.text.startswith(DRAFT_MARK):
        reader.place(first, "검토용 초안 표시", structure=True)
        reader.items.remove(first)


def _nothing_read(reader: Reader) -> None:
    """A document from which no record was read says so: never a silent success."""
    content = reader.preview.content_lines
    if reader.preview.records or not content:
        return
    reader.find(
        content[0].number,
        "warning",
        "ingest.nothing_read",
        f"이 문서에서 기록으로 옮길 수 있는 내용을 찾지 못했습니다 (본문 {len(content)}줄 중 "
        "0줄). 반영해도 기록은 생기지 않습니다.",
    )
