"""The dashboard (대시보드): the office at a glance on a chosen date."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from sijeong.budget.models import BudgetLine, Printed
from sijeong.core.findings import CHECKS_SECONDS, Severity, problems, run_checks
from sijeong.core.formatting import format_date, format_percent, percent
from sijeong.core.models import Indicator, Observation, Office, Target
from sijeong.core.progress import standing
from sijeong.core.revisions import mark
from sijeong.org.models import StaffingSnapshot
from sijeong.programs.models import Milestone, Program, running_in
from sijeong.reports.models import Report
from sijeong.schedule import months
from sijeong.schedule.models import Event

from .charts import indicator_chart, indicator_rows
from .nonces import csp_nonce
from .offices import office_or_404
from .records import record_url
from .sections import budget_rows, latest_data_day


def year_elapsed(as_of: datetime.date) -> Decimal:
    """The share of the fiscal (calendar) year gone by the end of `as_of`, in percent."""
    first = datetime.date(as_of.year, 1, 1)
    days = (datetime.date(as_of.year + 1, 1, 1) - first).days
    return Decimal((as_of - first).days + 1) * 100 / days


def budget_total(rows: list[dict[str, Any]]) -> str:
    """The office's execution rate over all its budget lines, as the report prints its 계."""
    total = sum((r["printed"] for r in rows), Printed(0, 0))
    return format_percent(total.rate) if rows and total.rate is not None else ""


# A first screen, not a report: more charts than this are read on the programmes' own pages.
DASHBOARD_CHARTS = 12


# The nonce of the charts' stylesheets in a kept fragment, replaced by each request's own.
NONCE_SLOT = "sijeong-dashboard-nonce"


# The kinds of record (apps) the dashboard's indicators are made from: programmes, their
# indicators, observations and targets. An edit of an event or an expenditure leaves them kept.
INDICATOR_READS = ("core", "programs")


def indicator_sections(office: Office, as_of: datetime.date) -> dict[str, Any]:
    """The dashboard's indicators — targets met or not, charts, other figures — as HTML with the
    counts for the first screen, made once per office, date and data revision: on a city's
    data they are the dashboard's heaviest part, and they change only when records do."""
    key = f"dashboard:{office.pk}:{mark(office, INDICATOR_READS)}:{as_of}"
    made: dict[str, Any] | None = cache.get(key)
    if made is not None:
        return made
    # The indicators of the programmes that run in the year shown: an office's ten years of
    # finished programmes stay on their own pages.
    program_type = ContentType.objects.get_for_model(Program)
    running = Program.objects.filter(running_in(as_of.year, as_of.year), office=office)
    indicators = (
        Indicator.objects.filter(
            office=office, subject_type=program_type, subject_id__in=running.values("pk")
        )
        .prefetch_related(
            Prefetch("observations", Observation.objects.filter(as_of__lte=as_of)),
            Prefetch("targets", Target.objects.all()),
        )
        .order_by("order", "pk")
    )
    targeted = [s.progress for s in (standing(i, as_of) for i in indicators) if s.progress]
    on_track = sum(p.on_track for p in targeted)
    # Charts for the indicators that most need a look: those behind their targets first.
    behind = {p.indicator.pk for p in targeted if not p.on_track}
    charted, latest = [], []
    for indicator in sorted(indicators, key=lambda i: i.pk not in behind):
        totals = [o for o in indicator.observations.all() if not o.dimension_values]
        targets = [t for t in indicator.targets.all() if not t.dimension_values]
        if not totals:
            continue
        if len({o.as_of for o in totals}) < 2 and not targets:
            # One figure is no trend: it goes in the table of latest values.
            newest = max(totals, key=lambda o: o.as_of)
            latest.append((indicator, newest.as_of, indicator.format_value(newest.value)))
            continue
        charted.append(indicator)
    charts = [
        {
            "indicator": indicator,
            "svg": indicator_chart(indicator, NONCE_SLOT, as_of=as_of),
            "rows": indicator_rows(indicator, as_of=as_of),
        }
        for indicator in charted[:DASHBOARD_CHARTS]
    ]

    html = render_to_string(
        "web/_dashboard_indicators.html",
        {
            "progress": targeted,
            "charts": charts,
            "charts_total": len(charted),
            "latest": latest,
        },
    )
    made = {"html": html, "targeted": len(targeted), "on_track": on_track}
    cache.set(key, made, CHECKS_SECONDS)
    return made


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request.user)
    today = timezone.localdate()
    opened_on = latest_data_day(office, today)
    as_of = months.parse_day(request.GET.get("as_of"), opened_on, "기준일")

    lines = BudgetLine.objects.filter(office=office, fiscal_year=as_of.year)
    elapsed = year_elapsed(as_of)
    budget = budget_rows(lines, as_of)
    for row in budget:
        rate = row["printed"].rate or Decimal(0)
        row["width"] = min(float(rate), 100.0)
        row["behind"] = rate + 10 < elapsed  # more than ten points behind the calendar

    snapshot = StaffingSnapshot.known_on(office, as_of)

    week = months.week_of(as_of)
    events = (
        Event.objects.filter(office=office, date__range=(week[0], week[-1]))
        .select_related("domain")
        .order_by("date", "start_time", "pk")
    )

    indicators = indicator_sections(office, as_of)

    milestones = (
        Milestone.objects.filter(program__office=office, date__gt=as_of)
        .select_related("program")
        .order_by("date", "order")[:10]
    )

    # The problems of this year's records (and records of no year), each with a record's page:
    # a problem of two records (a clash) is found on both and counted once.
    findings = problems(f for f in run_checks(office, {as_of.year}) if f.year in (None, as_of.year))
    counts = Counter(f.severity for f in findings)
    latest_report = Report.objects.filter(office=office).order_by("-as_of").first()

    context = {
        "office": office,
        "as_of": as_of,
        "as_of_text": format_date(as_of),
        "elapsed": format_percent(elapsed),
        "elapsed_width": float(elapsed),
        "budget": budget,
        "snapshot": snapshot,
        "staffing_total": snapshot.total() if snapshot else None,
        "staffing_rate": format_percent(percent(snapshot.total().filled, snapshot.total().posts))
        if snapshot
        else "",
        "domains": {e.domain_id: e.domain for e in events if e.domain}.values(),
        "week": [
            (day, name, [e for e in events if e.date == day])
            for day, name in zip(week, months.WEEKDAYS, strict=True)
        ],
        "indicators_html": mark_safe(  # rendered by our own template, escaped there
            indicators["html"].replace(NONCE_SLOT, csp_nonce(request))
        ),
        "milestones": milestones,
        "findings": [
            (f, record_url(f.model, f.object_id))
            for f in sorted(findings, key=lambda f: list(Severity).index(f.severity))[:12]
        ],
        "opened_on": opened_on if "as_of" not in request.GET and opened_on != today else None,
        "targeted": indicators["targeted"],
        "on_track": indicators["on_track"],
        "on_track_share": format_percent(percent(indicators["on_track"], indicators["targeted"]))
        if indicators["targeted"]
        else "",
        "budget_total": budget_total(budget),
        "week_count": len(events),
        "finding_counts": [(s.label, counts.get(s, 0)) for s in Severity],
        "latest_report": latest_report,
    }
    return render(request, "web/dashboard.html", context)


def health(request: HttpRequest) -> HttpResponse:
    """Whether this process answers (a load balancer's liveness check; the load test's trivial
    view). It touches neither the database nor the session: a process is not taken out of
    service because the database is, which every process shares."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
