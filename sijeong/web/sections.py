"""What each section page (언론, 대외협력, 조직·예산) shows above its record lists."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from sijeong.budget.models import BudgetLine, Expenditure, budget_table
from sijeong.core.findings import CHECKS_SECONDS
from sijeong.core.formatting import format_number, format_percent
from sijeong.core.models import Observation, Office
from sijeong.core.revisions import mark
from sijeong.org.models import StaffingSnapshot
from sijeong.press import counts
from sijeong.press.models import MediaEngagement
from sijeong.relations.models import Agreement, MeetingSeries
from sijeong.schedule import months


def press(request: HttpRequest, office: Office) -> dict[str, Any]:
    """Counts of briefings, conferences and interviews by year, and the latest items."""
    table = counts.by_year(office)
    items = MediaEngagement.objects.filter(office=office).order_by("-date", "order", "pk")
    return {
        "press_table": [(year, list(row.values())) for year, row in table.items()],
        "press_kinds": [label for _, label in MediaEngagement.Kind.choices],
        "press_latest": items[:10],
    }


def relations(request: HttpRequest, office: Office) -> dict[str, Any]:
    series = MeetingSeries.objects.filter(office=office).prefetch_related("sessions")
    agreements = Agreement.objects.filter(office=office).prefetch_related("partners")
    return {"series": series, "agreements": agreements.order_by("-date")}


# The kinds of record (apps) whose dates `latest_data_day` looks at.
LATEST_DAY_READS = ("core", "budget", "org")


def latest_data_day(office: Office, today: datetime.date) -> datetime.date:
    """The day the dashboard opens on: today when the office has figures of this year, else
    the last day it has figures for (an office whose data stop in August opens on August).
    Kept until the records it reads change: the maxima run over all of its years."""
    key = f"latest-day:{office.pk}:{mark(office, LATEST_DAY_READS)}:{today}"
    day: datetime.date | None = cache.get(key)
    if day is None:
        day = _latest_data_day(office, today)
        cache.set(key, day, CHECKS_SECONDS)
    return day


def _latest_data_day(office: Office, today: datetime.date) -> datetime.date:
    days = [
        Observation.objects.filter(indicator__office=office, as_of__lte=today).aggregate(
            day=Max("as_of")
        )["day"],
        Expenditure.objects.filter(line__office=office, date__lte=today).aggregate(day=Max("date"))[
            "day"
        ],
        StaffingSnapshot.objects.filter(office=office, as_of__lte=today).aggregate(
            day=Max("as_of")
        )["day"],
    ]
    known = [d for d in days if d is not None]
    if not known or max(known).year == today.year:
        return today
    return max(known)


def organisation(request: HttpRequest, office: Office) -> dict[str, Any]:
    # The same day as the dashboard's unless asked: one budget year for one date on both.
    opened_on = latest_data_day(office, timezone.localdate())
    as_of = months.parse_day(request.GET.get("as_of"), opened_on, "기준일")
    # The year of the date shown; the other years are a link away, not all on one page.
    lines = BudgetLine.objects.filter(office=office, fiscal_year=as_of.year)
    years = BudgetLine.objects.filter(office=office).values_list("fiscal_year", flat=True)
    return {
        "as_of": as_of,
        "snapshot": StaffingSnapshot.known_on(office, as_of),
        "budget": budget_rows(lines.order_by("order", "pk"), as_of),
        "budget_years": sorted(set(years) - {as_of.year}, reverse=True),
    }


def budget_rows(lines: Iterable[BudgetLine], as_of: datetime.date) -> list[dict[str, Any]]:
    """Each line's execution up to `as_of` (or its year's end) in 천원, as the report prints
    it (`budget.models.budget_table`): a page and the report never differ by a 천원. The sums
    come from the database in one query, whatever the number of expenditures."""
    return [
        {
            "line": line,
            "printed": printed,
            "amount": format_number(printed.amount),
            "executed": format_number(printed.executed),
            "balance": format_number(printed.balance),
            "rate": format_percent(printed.rate),
        }
        for line, printed in budget_table(lines, as_of).rows
    ]


OVERVIEWS: dict[str, Callable[[HttpRequest, Office], dict[str, Any]]] = {
    "언론": press,
    "대외협력": relations,
    "조직·예산": organisation,
}
