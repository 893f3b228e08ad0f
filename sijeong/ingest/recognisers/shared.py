"""Helpers several recognisers share: calendar dates, month ends, programme slugs, bold markup."""

from __future__ import annotations

import datetime
import hashlib


def strip_bold(text: str) -> str:
    return text.replace("**", "").strip()


def program_slug(title: str) -> str:
    """A stable identifier for a programme named only in Korean."""
    return "p-" + hashlib.sha1(title.encode()).hexdigest()[:10]


def month_end(first: datetime.date) -> datetime.date:
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def calendar_date(year: int | None, month: int, day: int) -> datetime.date | None:
    """The day, or None where the year is unknown or the day does not exist (2월 30일)."""
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
