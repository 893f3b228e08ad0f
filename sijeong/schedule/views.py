"""Schedule pages (일정): month and week calendars, the list, an event, create and edit."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sijeong.accounts.roles import can_create, can_edit, why_not_edit
from sijeong.core.findings import findings_for, run_checks, years_of
from sijeong.core.formatting import format_date, format_time, parse_time
from sijeong.core.models import Office
from sijeong.web.editing import OfficeForm, is_refused, save_edit
from sijeong.web.history import history
from sijeong.web.listing import Column, Listing, finding_flags
from sijeong.web.offices import office_or_404

from . import months
from .forms import EventFilter, EventForm
from .models import Event
from .rules import CLASH, clashing

LISTING = Listing(
    name="일정",
    columns={
        "date": Column("날짜", lambda e: format_date(e.date), "date,start_time"),
        "time": Column("시각", lambda e: e.time_label, "start_time"),
        "title": Column("일정명", lambda e: e.title, "title"),
        "kind": Column("종류", lambda e: e.get_kind_display(), "kind"),
        "domain": Column("분야", lambda e: e.domain.name if e.domain else "", "domain__order"),
        "place": Column("장소", lambda e: e.place, "place"),
        "status": Column("상태", lambda e: e.get_status_display(), "status"),
        "public": Column("공개", lambda e: "공개" if e.is_public else "비공개", "is_public"),
        "department": Column("담당 부서", lambda e: e.department.name, "department__name"),
    },
    search=("title", "place", "summary"),
    default_sort="-date",
)


def _events(office: Office) -> Any:
    return Event.objects.filter(office=office).select_related("domain", "department")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request.user)
    today = timezone.localdate()
    filters = EventFilter(request.GET or None, office=office)
    view = "week" if request.GET.get("view") == "week" else "month"
    if view == "week":
        day = months.parse_day(request.GET.get("date"), today)
        weeks = [months.week_of(day)]
        month = None
        previous = {"view": "week", "date": (day - datetime.timedelta(days=7)).isoformat()}
        following = {"view": "week", "date": (day + datetime.timedelta(days=7)).isoformat()}
        first_day, last_day = weeks[0][0], weeks[0][-1]
        title = f"{format_date(first_day, weekday=False)} ~ {format_date(last_day, weekday=False)}"
    else:
        first = months.parse_month(request.GET.get("month"), today)
        weeks = months.month_weeks(first)
        month = first.month
        previous = {"month": f"{months.add_months(first, -1):%Y-%m}"}
        following = {"month": f"{months.add_months(first, 1):%Y-%m}"}
        title = f"{first.year}년 {first.month}월"
    events = filters.apply(
        _events(office)
        .filter(date__range=(weeks[0][0], weeks[-1][-1]))
        .order_by("date", "start_time", "pk")
    )
    params = request.GET.copy()
    for key in ("month", "date", "view", "page"):
        params.pop(key, None)
    context = {
        "view": view,
        "title": title,
        "weeks": months.grid(weeks, month, events),
        "weekdays": months.WEEKDAYS,
        "filters": filters,
        "filter_query": params.urlencode(),
        "view_keep": [
            ("view", view),
            *[(k, v) for k, v in request.GET.items() if k in ("month", "date")],
        ],
        "previous": previous,
        "following": following,
        "today": today,
        "domains": office.domains.all(),
        "can_create": can_create(request.user, Event, office.pk),
    }
    return render(request, "schedule/calendar.html", context)


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    office = office_or_404(request.user)
    filters = EventFilter(request.GET or None, office=office)
    return LISTING.respond(
        request,
        filters.apply(_events(office)),
        "schedule/list.html",
        lambda event: (reverse("schedule:detail", args=[event.pk]), event.title),
        # The filters carry the search field; no second box.
        {
            "filters": filters,
            "can_create": can_create(request.user, Event, office.pk),
            "searchable": False,
        },
        lambda events: finding_flags(run_checks(office, years_of(events))),
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_or_404(request.user)
    event = get_object_or_404(_events(office).prefetch_related("themes", "messages"), pk=pk)
    context = {
        "event": event,
        # Clashes are listed with links below; the rest of the checks' findings go here, a
        # duplicate among them (its twin need not overlap it, or have a time at all).
        "findings": [f for f in findings_for(event, office) if f.code != CLASH],
        "day": format_date(event.date),
        "time": event.time_label,
        "clashes": clashing(event),
        "history": history(event),
        "can_edit": can_edit(request.user, event),
        "why_not_edit": why_not_edit(request.user, event),
    }
    return render(request, "schedule/detail.html", context)


@login_required
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    office = office_or_404(request.user)
    event = get_object_or_404(_events(office), pk=pk) if pk is not None else None
    allowed = (
        can_edit(request.user, event)
        if event is not None
        else can_create(request.user, Event, office.pk)
    )
    if not allowed:
        raise PermissionDenied
    if request.method != "POST":
        return _form_page(
            request, EventForm(instance=event, office=office, user=request.user), event
        )
    saved, form = save_edit(request, EventForm, event, Event(office=office), office)
    if saved is None:
        refused = is_refused(form)
        shown = form.instance if refused and event is not None else event
        return _form_page(request, form, shown, refused)
    messages.success(request, "일정을 저장했습니다.")
    for other in clashing(saved):  # type: ignore[arg-type]
        messages.warning(
            request,
            f"시간이 겹치는 일정이 있습니다: {other.title} "
            f"({format_time(other.start_time)}, {other.place})",  # type: ignore[arg-type]
        )
    return redirect("schedule:detail", pk=saved.pk)


@login_required
def clash_check(request: HttpRequest) -> HttpResponse:
    """The form's live warning (HTMX): events the date and time being typed would clash with."""
    office = office_or_404(request.user)
    if not request.GET.get("date"):
        return render(request, "schedule/_clashes.html", {"clashes": []})
    # A date that cannot be read, or one out of range, is a Korean 400 as on every page; the
    # form keeps showing the last answer until the date reads.
    day = months.parse_day(request.GET["date"], datetime.date.min, "날짜")
    candidate = Event(
        office=office,
        pk=int(request.GET["pk"]) if request.GET.get("pk", "").isdigit() else None,
        date=day,
        start_time=parse_time(request.GET.get("start_time", "")),
        end_time=parse_time(request.GET.get("end_time", "")),
        place=request.GET.get("place", "").strip(),
    )
    return render(request, "schedule/_clashes.html", {"clashes": clashing(candidate)})


def _form_page(
    request: HttpRequest, form: OfficeForm, event: Any, refused: bool = False
) -> HttpResponse:
    context = {"form": form, "event": event, "stale": refused}
    return render(request, "schedule/form.html", context, status=409 if refused else 200)
