"""Calendar grids (달력): weeks of a month or one week, each day with its holiday and events."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sijeong.core.errors import BadInput
from sijeong.core.formatting import holiday_name, read_date

from .models import Event

# Korean wall calendars start on Sunday.
FIRST_WEEKDAY = calendar.SUNDAY
WEEKDAYS = ["일", "월", "화", "수", "목", "금", "토"]


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    holiday: str | None
    events: list[Event] = field(default_factory=list)

    @property
    def is_sunday(self) -> bool:
        return self.date.weekday() == 6

    @property
    def is_saturday(self) -> bool:
        return self.date.weekday() == 5


def month_weeks(month: datetime.date) -> list[list[datetime.date]]:
    return calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(month.year, month.month)


def week_of(day: datetime.date) -> list[datetime.date]:
    start = day - datetime.timedelta(days=(day.weekday() + 1) % 7)
    return [start + datetime.timedelta(days=n) for n in range(7)]


def grid(
    weeks: list[list[datetime.date]], month: int | None, events: Iterable[Event]
) -> list[list[Day]]:
    by_date: dict[datetime.date, list[Event]] = defaultdict(list)
    for event in events:
        by_date[event.date].append(event)
    return [
        [
            Day(d, month is None or d.month == month, holiday_name(d), by_date.get(d, []))
            for d in week
        ]
        for week in weeks
    ]


# The dates a page may be asked for: any term of office, and far enough inside what
# datetime.date can hold (years 1 to 9999) that a week or a year either side is still a date.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def parse_month(text: str | None, default: datetime.date, label: str = "달") -> datetime.date:
    """The first day of the month `text` names (2024-08); `default`'s month when empty.

    A text that is no month, or a month outside EARLIEST–LATEST, raises BadInput (400).
    """
    if not text:
        return default.replace(day=1)
    try:
        year, month = (int(part) for part in text.split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        raise BadInput(_unreadable(label, text, "2024-08")) from None
    return _within(first, label)


def parse_day(text: str | None, default: datetime.date, label: str = "날짜") -> datetime.date:
    """The date `text` names (2024-08-31, 2024. 8. 31.); `default` when empty.

    A text that is no date, or a date outside EARLIEST–LATEST, raises BadInput (400).
    """
    if not text:
        return default
    day = read_date(text)
    if day is None:
        raise BadInput(_unreadable(label, text, "2024. 8. 31.")) from None
    return _within(day, label)


def _unreadable(label: str, text: str, example: str) -> str:
    shown = text if len(text) <= 30 else text[:30] + "…"
    return f"{label} 값 '{shown}'을(를) 날짜로 읽을 수 없습니다. {example}처럼 적어 주세요."


def _within(day: datetime.date, label: str) -> datetime.date:
    if not EARLIEST <= day <= LATEST:
        raise BadInput(
            f"{label} {day.year}년은 다룰 수 있는 기간({EARLIEST.year}년~{LATEST.year}년) 밖입니다."
        )
    return day


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)
