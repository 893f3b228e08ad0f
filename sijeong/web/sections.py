"""What each section page (언론, 대외협력, 조직·예산) shows above its record lists."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from sijeong.budget.models import BudgetLine
from sijeong.core.formatting import format_percent, format_thousand_won
from sijeong.core.models import Office
from sijeong.org.models import StaffingSnapshot
from sijeong.press.models import MediaEngagement
from sijeong.relations.models import Agreement, MeetingSeries
from sijeong.schedule import months


def press(request: HttpRequest, office: Office) -> dict[str, Any]:
    """Counts of briefings, conferences and interviews by year, and the latest items."""
    items = MediaEngagement.objects.filter(office=office).order_by("-date", "order", "pk")
    by_year: Counter[tuple[int, str]] = Counter()
    for item in items:
        by_year[(item.date.year, item.get_kind_display())] += 1
    years = sorted({year for year, _ in by_year}, reverse=True)
    kinds = [label for _, label in MediaEngagement.Kind.choices]
    return {
        "press_table": [(year, [by_year[(year, kind)] for kind in kinds]) for year in years],
        "press_kinds": kinds,
        "press_latest": items[:10],
    }


def relations(request: HttpRequest, office: Office) -> dict[str, Any]:
    series = MeetingSeries.objects.filter(office=office).prefetch_related("sessions")
    agreements = Agreement.objects.filter(office=office).prefetch_related("partners")
    return {"series": series, "agreements": agreements.order_by("-date")}


def organisation(request: HttpRequest, office: Office) -> dict[str, Any]:
    as_of = months.parse_day(request.GET.get("as_of"), timezone.localdate(), "기준일")
    lines = BudgetLine.objects.filter(office=office).prefetch_related("expenditures")
    return {
        "as_of": as_of,
        "snapshot": StaffingSnapshot.known_on(office, as_of),
        "budget": budget_rows(lines.order_by("-fiscal_year", "order", "pk"), as_of),
    }


def budget_rows(lines: Iterable[BudgetLine], as_of: datetime.date) -> list[dict[str, Any]]:
    """Each line's execution up to `as_of` (or its year's end), in 천원 as tables print it."""
    rows = []
    for line in lines:
        execution = line.execution(min(as_of, datetime.date(line.fiscal_year, 12, 31)))
        rows.append(
            {
                "line": line,
                "execution": execution,
                "amount": format_thousand_won(execution.amount),
                "executed": format_thousand_won(execution.executed),
                "balance": format_thousand_won(execution.balance),
                "rate": format_percent(execution.rate),
            }
        )
    return rows


OVERVIEWS: dict[str, Callable[[HttpRequest, Office], dict[str, Any]]] = {
    "언론": press,
    "대외협력": relations,
    "조직·예산": organisation,
}
