"""The cover before the outline (title, date, office), and the dates the report is as of."""

from __future__ import annotations

import datetime
import re

from sijeong.core.formatting import parse_korean_date, parse_korean_month
from sijeong.documents.reading.text import SourceLine

from ..preview import Preview
from ..structure import is_page_number
from .reader import Reader
from .shared import calendar_date, month_end


def read_cover(reader: Reader) -> None:
    """Title, date line and office before the first heading (주요업무보고 / 2024. 9. / …).

    Only cover-like lines count: a body sentence, a time, a page number or a contents
    line ahead of the first heading is not the title, and no office is named after it.
    """
    leading = []
    for item in reader.items[:3]:
        if item.kind != "paragraph" or not _cover_like(item.text):
            break
        leading.append(item)
    # Short lines at the top are a cover only when a dated line is among them or the
    # outline starts right after: otherwise they are a table's header cells or the body.
    following = reader.item_at(len(leading))
    dated = any(parse_korean_date(i.text) or parse_korean_month(i.text) for i in leading)
    if not (dated or (following is not None and following.kind == "heading")):
        leading = []
    for item in leading:
        date = parse_korean_date(item.text)
        month = parse_korean_month(item.text)
        stated = _as_of_stated(item.text)
        if stated is not None:
            reader.preview.cover.setdefault("as_of", stated.isoformat())
            reader.place(item, "보고서 표지 (기준일)", structure=True)
        elif (date or month) and "issued" not in reader.preview.cover:
            issued = date.date if date is not None else month
            assert issued is not None
            reader.preview.cover["issued"] = issued.isoformat()
            reader.year = issued.year
            reader.place(item, "보고서 표지 (보고 시점)", structure=True)
        elif "title" not in reader.preview.cover:
            reader.preview.cover["title"] = item.text
            reader.place(item, "보고서 표지 (제목)", structure=True)
        elif "office" not in reader.preview.cover:
            reader.preview.cover["office"] = item.text
            reader.place(item, "보고서 표지 (기관)", structure=True)
        else:
            break
    reader.position = len([i for i in leading if i.first_line in reader.preview.placed])


def date_report(preview: Preview) -> None:
    """The day the figures are as of (a 기준일 line anywhere), and the latest date the
    document states: a report made from it is dated by the document, never by the import."""
    for line in preview.lines:
        if "기준일" in line.text and (stated := _as_of_stated(line.text)) is not None:
            preview.cover.setdefault("as_of", stated.isoformat())
            break
    if latest := latest_date(preview.lines):
        preview.cover["latest_date"] = latest.isoformat()


_TIME_WRITTEN = re.compile(r"\d{1,2}\s*:\s*\d{1,2}")
_CONTENTS = re.compile(r"^(?:목\s*차|차\s*례|contents)\b", re.IGNORECASE)


def _cover_like(text: str) -> bool:
    """A line a cover could hold: short, no time, no page number, no table row, not the
    contents."""
    return (
        len(text) <= 80
        and "|" not in text  # a row of a table taken from a web page
        and not _TIME_WRITTEN.search(text)
        and not is_page_number(text)
        and not _CONTENTS.match(text.strip())
    )


_AS_OF = re.compile(
    r"기준일\s*[:：]?\s*(?P<when>[^()]+?)\s*\)?$|(?P<before>[^()]*\d[^()]*?)\s*기준\s*\)?$"
)


def _as_of_stated(text: str) -> datetime.date | None:
    """The day the figures are as of: `(2024. 9. 30. 기준)`, `기준일: 2024. 9. 30.`,
    `('24.8월 기준)`."""
    found = _AS_OF.search(text.strip())
    if found is None:
        return None
    when = (found["when"] or found["before"]).strip(" (")
    parsed = parse_korean_date(when)
    if parsed is not None:
        return parsed.date
    month = parse_korean_month(when)
    return month_end(month) if month is not None else None


# A full date with a four-digit year: 2024. 9. 30. / 2024-09-30 / 2024년 9월 30일.
_FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})(?!\d)"
)

# A month with a four-digit year: 2025년 6월, 2022. 1월.
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.년]\s*(?P<m>\d{1,2})\s*월")


def latest_date(lines: list[SourceLine]) -> datetime.date | None:
    """The latest date (or month) the document states: what a report made from it is dated
    by when it has no cover date, 기준일 or period (never the day of the import)."""
    latest = None
    years: list[int] = []
    for line in lines:
        found_dates = [
            calendar_date(int(f["y"]), int(f["m"]), int(f["d"]))
            for f in _FULL_DATE.finditer(line.text)
        ]
        found_dates += [
            calendar_date(int(f["y"]), int(f["m"]), 1) for f in _YEAR_MONTH.finditer(line.text)
        ]
        for date in found_dates:
            if date is not None and (latest is None or date > latest):
                latest = date
        years += [int(y) for y in _YEAR_ALONE.findall(line.text)]
    # A document that states only years (`2003년도 주요업무계획`) is dated by the start of
    # the latest, never by the day of the import.
    if latest is None and years:
        latest = datetime.date(max(years), 1, 1)
    return latest


_YEAR_ALONE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*년")
