"""Dates and times: impossible dates (2024. 2. 30., 13월), weekdays that do not match their
date (2024. 8. 6.(수)), and times that are not hh:mm (14:1)."""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from sijeong.core.formatting import KOREAN_WEEKDAYS, weekday_ko

from ..findings import ERROR, WARNING, Finding
from . import Document, check, inline, lines_containing, preceded

# A year, month and day; not a year and a rate (2006년 21.8%).
_FULL = inline(
    r"(?P<year>'\s?\d{2}|(?:19|20)\d{2})\s*[.년]\s*(?P<month>\d{1,2})\s*[.월]\s*"
    r"(?P<day>\d{1,2})(?!\d|\s*%)\s*[.일]?\s*(?:\(\s*(?P<weekday>[월화수목금토일])(?:요일)?\s*\))?"
)
# Where a date with its year (_FULL, _MONTH) can start: a year before its separator, or an
# apostrophe ('24). Scanning for these is cheaper than trying those patterns at every 1 and 2
# in a page of figures; two years never overlap, so none is missed.
_YEAR_START = re.compile(r"(?:19|20)\d\d[ \t]*[.년]")
_APOSTROPHE = re.compile("'")
_WEEKDAY = inline(r"\(\s*(?P<weekday>[월화수목금토일])(?:요일)?\s*\)")
# The month and day before a weekday, read backwards from it (the weekday is the rare part).
_SHORT = inline(r"(?<![\d.,'])(?P<month>\d{1,2})\s*[.월]\s*(?P<day>\d{1,2})\s*[.일]?\s*$")
# A month: '24.13월, 2024년 13월, or 2024. 13. with no day after it.
# A day of the month alone before its weekday, as weekly schedules write it: 8일(화).
_DAY = inline(r"(?<![\d.])(?P<day>\d{1,2})\s*일\s*$")
_MONTH = inline(
    r"(?P<year>'\s?\d{2}|(?:19|20)\d{2})\s*[.년]\s*(?P<month>\d{1,2})\s*(?:월|\.(?!\s*\d))"
)
_TIME = inline(r"(?P<hour>\d{1,2})\s?:\s?(?P<minute>\d{1,2})(?![\d:])")
_RATIO_BEFORE = re.compile(r"(?:경쟁률|비율|비|배율|대)[ \t:]*$")
_RATIO_WORD = re.compile(r"[ \t]*(?:비율|경쟁|매칭|대응)")
_TIME_CONTEXT = re.compile(r"일시|시각|시간|개최|\d\s*[.월]\s*\d{1,2}\s*[.일]?\s*\(|오전|오후|~")


def _year(written: str) -> int:
    digits = written.lstrip("'").strip()
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _from_years(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, for a pattern that can only start at one of
    `starts` (a year before its separator, an apostrophe)."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            yield match
            end = match.end()


@check("impossible-date")
def dates(document: Document) -> Iterator[Finding]:
    text = document.text
    year_starts = sorted(
        [match.start() for match in _YEAR_START.finditer(text)]
        + [match.start() for match in _APOSTROPHE.finditer(text)]
    )
    full = [
        m for m in _from_years(_FULL, text, year_starts) if not preceded(text, m, "0123456789.,")
    ]
    years = Counter(_year(match["year"]) for match in full)
    usual = years.most_common(1)[0][0] if years else None
    for match in full:
        number = document.line_at(match.start()).number
        written = match.group().strip()
        yield from _date(number, match, _year(match["year"]), match["weekday"], written)
    starts = [match.start() for match in full]
    yearless: list[tuple[int, int, int, str, str]] = []  # (line, month, day, weekday, written)
    for weekday in _WEEKDAY.finditer(text):
        at = weekday.start()
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and full[k].start() <= at < full[k].end():
            continue  # the weekday of a date with its year, checked above
        before = text[max(0, at - 16) : at]
        day_only = _DAY.search(before) if "일" in before else None
        if day_only is not None:
            number = document.line_at(at).number
            written = day_only.group().strip() + weekday.group()
            yearless.append((number, 0, int(day_only["day"]), weekday["weekday"], written))
            continue
        short = _SHORT.search(before)
        if short is None:
            continue
        number = document.line_at(at).number
        written = short.group().strip() + weekday.group()
        if usual is None:
            month, day = int(short["month"]), int(short["day"])
            yearless.append((number, month, day, weekday["weekday"], written))
        else:
            yield from _date(number, short, usual, weekday["weekday"], written)
    dated = [entry for entry in yearless if entry[1]]
    fitting = _fitting_years(dated)
    if fitting:
        yield from _weekdays_agree([entry for entry in yearless if not entry[1]])
        yield from _against_years(dated, fitting)
    else:
        yield from _weekdays_agree(yearless)
    for match in _from_years(_MONTH, text, year_starts):
        if preceded(text, match, "0123456789.,"):
            continue
        month = int(match["month"])
        if not 1 <= month <= 12:
            yield Finding(
                document.line_at(match.start()).number,
                ERROR,
                "impossible-date",
                f"'{match.group().strip()}': {month}월은 없는 달입니다",
                (Decimal(month),),
            )
    for start, end in lines_containing(text, ":"):
        for match in _TIME.finditer(text, start, end):
            if preceded(text, match, "0123456789:."):
                continue
            line = document.line_at(match.start())
            if _TIME_CONTEXT.search(line.text):
                yield from _time(line.number, match, text)


# A schedule printed without its year (a page of exam dates, a council's calendar) names its
# year by its weekdays: the years tried, and how many dates must agree on one.
_YEARS = range(1990, 2046)
_FEWEST_DATES = 6
_AGREEING = 0.8
_SAMPLE = 48  # dates enough to name the year; more would only cost time


def _calendar(year: int) -> tuple[int, bool]:
    return datetime.date(year, 1, 1).weekday(), calendar.isleap(year)


# Years by their calendar: weekdays are the same in every year of one (1996 and 2024), so a
# date is tried once per calendar, not once per year.
_CALENDARS: dict[tuple[int, bool], list[int]] = {}
for year_ in _YEARS:
    _CALENDARS.setdefault(_calendar(year_), []).append(year_)
# Days before each month and days in it, in a common and in a leap year.
_BEFORE = {
    leap: [
        sum(calendar.monthrange(2024 if leap else 2023, m)[1] for m in range(1, month))
        for month in range(1, 13)
    ]
    for leap in (False, True)
}
_LENGTH = {leap: [calendar.monthrange(2024 if leap else 2023, m)[1] for m in range(1, 13)]
           for leap in (False, True)}  # fmt: skip


def _fits(form: tuple[int, bool], month: int, day: int, weekday: str) -> bool | None:
    """Whether the date falls on `weekday` in a year of this calendar (its 1 January's
    weekday, leap or not); None if the date does not exist there. Arithmetic, not a date
    made and asked for every calendar: a schedule has hundreds of dates."""
    first, leap = form
    if not 1 <= month <= 12 or not 1 <= day <= _LENGTH[leap][month - 1]:
        return None
    return KOREAN_WEEKDAYS[(first + _BEFORE[leap][month - 1] + day - 1) % 7] == weekday


def _fitting_years(dates: list[tuple[int, int, int, str, str]]) -> list[int]:
    """The years in which at least four in five of these month-and-day dates fall on the
    weekday written beside them (several, where calendars repeat: 1996 and 2024)."""
    if len(dates) < _FEWEST_DATES:
        return []
    sample = dates[:_SAMPLE]
    # Each date names the calendars it fits: the weekday of 1 January that puts it on the
    # weekday written, in a common and in a leap year.
    named: Counter[tuple[int, bool]] = Counter()
    for _, month, day, weekday, _ in sample:
        for leap in (False, True):
            if 1 <= month <= 12 and 1 <= day <= _LENGTH[leap][month - 1]:
                days = _BEFORE[leap][month - 1] + day - 1
                named[(KOREAN_WEEKDAYS.index(weekday) - days) % 7, leap] += 1
    return [
        year
        for form, count in named.items()
        if count >= _AGREEING * len(sample)
        for year in _CALENDARS.get(form, [])
    ]


def _against_years(
    dates: list[tuple[int, int, int, str, str]], years: list[int]
) -> Iterator[Finding]:
    """Each date whose weekday fits none of the years the others name, nor the years beside
    them (a calendar may run from March to February)."""
    tried = {_calendar(y + k) for y in years for k in (-1, 0, 1)}
    # The message names one of them, the one nearest to now; any gives the same weekday.
    named = min(years, key=lambda y: abs(y - datetime.date.today().year))
    for line, month, day, weekday, written in dates:
        fits = [_fits(form, month, day, weekday) for form in tried]
        if None in fits or any(fits):
            continue  # an impossible date is reported as one, not here
        actual = weekday_ko(datetime.date(named, month, day))
        yield Finding(
            line,
            ERROR,
            "weekday-mismatch",
            f"'{written}': 다른 날짜들의 요일로 보면 {named}년 일정이고, "
            f"{named}. {month}. {day}.은 {actual}요일입니다 (적힌 요일 {weekday})",
            (Decimal(named), Decimal(month), Decimal(day)),
        )


def _weekdays_agree(dates: list[tuple[int, int, int, str, str]]) -> Iterator[Finding]:
    """Days of one month written with their weekdays but no year (8일(화), 9일(수) …): each
    day's weekday follows from the others, so the one that disagrees with most is wrong."""
    runs: list[list[tuple[int, int, int, str, str]]] = []
    for entry in dates:
        last = runs[-1][-1] if runs else None
        if last and entry[1] == last[1] and last[2] < entry[2] <= last[2] + 7:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    for run in runs:
        if len(run) < 3:
            continue
        offsets = Counter((KOREAN_WEEKDAYS.index(w) - day) % 7 for _, _, day, w, _ in run)
        usual, count = offsets.most_common(1)[0]
        if count * 2 <= len(run):
            continue
        for line, _, day, weekday, written in run:
            if (KOREAN_WEEKDAYS.index(weekday) - day) % 7 != usual:
                expected = KOREAN_WEEKDAYS[(day + usual) % 7]
                yield Finding(
                    line,
                    ERROR,
                    "weekday-mismatch",
                    f"'{written}': 앞뒤 날짜의 요일로 보면 {day}일은 {expected}요일입니다 "
                    f"(적힌 요일 {weekday})",
                    (Decimal(day),),
                )


def _date(
    line: int, match: re.Match[str], year: int, weekday: str | None, written: str
) -> Iterator[Finding]:
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
    if weekday and weekday != weekday_ko(date):
        yield Finding(
            line,
            ERROR,
            "weekday-mismatch",
            f"'{written}': {year}. {month}. {day}.은 {weekday_ko(date)}요일입니다 "
            f"(적힌 요일 {weekday})",
            (Decimal(year), Decimal(month), Decimal(day)),
        )


def _time(line: int, match: re.Match[str], text: str) -> Iterator[Finding]:
    hour, minute = match["hour"], match["minute"]
    if _RATIO_WORD.match(text, match.end()) or _RATIO_BEFORE.search(
        text, max(0, match.start() - 8), match.start()
    ):
        return
    if len(minute) == 2 and int(hour) <= 24 and int(minute) <= 59:
        return
    if len(minute) == 1 and len(hour) == 1:
        return  # 1:1, 3:2 — ratios, not times
    yield Finding(
        line,
        WARNING,
        "malformed-time",
        f"시각 '{match.group()}'이 올바른 형식(시:분)이 아닙니다",
        (Decimal(int(hour)), Decimal(int(minute))),
    )
