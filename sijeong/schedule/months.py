"""Calendar grids (달력): weeks of a month or one week, each day with its holiday and events."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sijeong.core.formatting import holiday_name

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


def parse_month(text: str | None, default: datetime.date) -> datetime.date:
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return default.replace(day=1)


def parse_day(text: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return default


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)
