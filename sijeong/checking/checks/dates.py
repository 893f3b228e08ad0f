"""Dates and times: impossible dates (2024. 2. 30., 13월), weekdays that do not match their
date (2024. 8. 6.(수)), and times that are not hh:mm (14:1)."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from sijeong.core.formatting import weekday_ko

from ..findings import ERROR, WARNING, Finding
from . import Document, check

_FULL = re.compile(
    r"(?<![\d.,])(?P<year>'\s?\d{2}|(?:19|20)\d{2})\s*[.년]\s*(?P<month>\d{1,2})\s*[.월]\s*"
    r"(?P<day>\d{1,2})(?!\d)\s*[.일]?\s*(?:\(\s*(?P<weekday>[월화수목금토일])(?:요일)?\s*\))?"
)
_SHORT = re.compile(
    r"(?<![\d.,'])(?P<month>\d{1,2})\s*[.월]\s*(?P<day>\d{1,2})\s*[.일]?\s*"
    r"\(\s*(?P<weekday>[월화수목금토일])(?:요일)?\s*\)"
)
_MONTH = re.compile(
    r"(?<![\d.,])(?P<year>'\s?\d{2}|(?:19|20)\d{2})\s*[.년]\s*(?P<month>\d{1,2})\s*월"
)
_TIME = re.compile(r"(?<![\d:.])(?P<hour>\d{1,2})\s?:\s?(?P<minute>\d{1,2})(?![\d:])")
_TIME_CONTEXT = re.compile(r"일시|시각|시간|개최|\d\s*[.월]\s*\d{1,2}\s*[.일]?\s*\(|오전|오후|~")


def _year(written: str) -> int:
    digits = written.lstrip("'").strip()
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


@check("impossible-date")
def dates(document: Document) -> Iterator[Finding]:
    years: Counter[int] = Counter()
    for line in document.lines:
        for match in _FULL.finditer(line.text):
            years[_year(match["year"])] += 1
    usual = years.most_common(1)[0][0] if years else None
    for line in document.lines:
        text = line.text
        if not any(ch.isdigit() for ch in text):
            continue
        spans: list[tuple[int, int]] = []
        for match in _FULL.finditer(text):
            spans.append(match.span())
            yield from _date(line.number, match, _year(match["year"]), match.group().strip())
        for match in _SHORT.finditer(text):
            if any(s <= match.start() < e for s, e in spans) or usual is None:
                continue
            yield from _date(line.number, match, usual, match.group().strip())
        for match in _MONTH.finditer(text):
            month = int(match["month"])
            if not 1 <= month <= 12:
                yield Finding(
                    line.number,
                    ERROR,
                    "impossible-date",
                    f"'{match.group().strip()}': {month}월은 없는 달입니다",
                    (Decimal(month),),
                )
        yield from _times(line.number, text)


def _date(line: int, match: re.Match[str], year: int, written: str) -> Iterator[Finding]:
    month, day = int(match["month"]), int(match["day"])
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        reason = (
            f"{month}월은 없는 달입니다"
            if not 1 <= month <= 12
            else f"{year}년 {month}월에는 {day}일이 없습니다"
        )
        yield Finding(
            line, ERROR, "impossible-date", f"'{written}': {reason}", (Decimal(month), Decimal(day))
        )
        return
    weekday = match["weekday"]
    if weekday and weekday != weekday_ko(date):
        yield Finding(
            line,
            ERROR,
            "weekday-mismatch",
            f"'{written}': {year}. {month}. {day}.은 {weekday_ko(date)}요일입니다 "
            f"(적힌 요일 {weekday})",
            (Decimal(year), Decimal(month), Decimal(day)),
        )


def _times(line: int, text: str) -> Iterator[Finding]:
    if ":" not in text or not _TIME_CONTEXT.search(text):
        return
    for match in _TIME.finditer(text):
        hour, minute = match["hour"], match["minute"]
        if re.match(r"\s*(?:비율|경쟁|매칭|대응)", text[match.end() :]):
            continue
        if len(minute) == 2 and int(hour) <= 24 and int(minute) <= 59:
            continue
        if len(minute) == 1 and len(hour) == 1:
            continue  # 1:1, 3:2 — ratios, not times
        yield Finding(
            line,
            WARNING,
            "malformed-time",
            f"시각 '{match.group()}'이 올바른 형식(시:분)이 아닙니다",
            (Decimal(int(hour)), Decimal(int(minute))),
        )
