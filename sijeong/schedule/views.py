"""Schedule pages (일정): month and week calendars, the list, an event, create and edit, the
event's 공개하기 / 비공개로 돌리기, and the 공개 현황 page (what was published, per month)."""

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
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_create, can_edit, why_not_edit
from sijeong.core.errors import BadInput
from sijeong.core.findings import findings_for, findings_of
from sijeong.core.formatting import format_date, format_time, parse_time
from sijeong.core.models import Office
from sijeong.web.editing import OfficeForm, is_refused, save_edit
from sijeong.web.history import history
from sijeong.web.listing import Column, Listing, finding_flags
from sijeong.web.offices import office_or_404

from . import months
from .actions import PublicityError, set_publicity
from .forms import WITHOUT_REASON, EventFilter, EventForm, PublicityForm
from .models import Event, PrivacyReason
from .public import disclosure_counts, public_from, publicity_changes
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
        "reason": Column(
            "비공개 사유",
            lambda e: e.privacy_reason.text if e.privacy_reason else "",
            "privacy_reason__order",
        ),
        "department": Column("담당 부서", lambda e: e.department.name, "department__name"),
    },
    search=("title", "place", "summary"),
    default_sort="-date",
)


def _events(office: Office) -> Any:
    return Event.objects.filter(office=office).select_related(
        "domain", "department", "privacy_reason"
    )


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
    filters = EventFilter(request.GET or None, office=office, with_period=True)
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
        lambda events: finding_flags(findings_of(events, office)),
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = office_or_404(request.user)
    event = get_object_or_404(_events(office), pk=pk)
    form = PublicityForm(office=office, initial={"reason": event.privacy_reason_id})
    return _detail_page(request, office, event, form)


def _detail_page(
    request: HttpRequest,
    office: Office,
    event: Event,
    publicity_form: PublicityForm,
    status: int = 200,
) -> HttpResponse:
    event = (
        _events(office)
        .select_related("office")
        .prefetch_related("themes", "messages")
        .get(pk=event.pk)
    )
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
        "publicity": publicity_changes(event),
        "publicity_form": publicity_form,
        "has_reasons": PrivacyReason.objects.filter(office=office).exists(),
        "public_from": format_date(public_from(event)),
        # Whether the day from which a public event is shown has come.
        "public_now": public_from(event) <= timezone.localdate(),
    }
    return render(request, "schedule/detail.html", context, status=status)


@login_required
@require_POST
def event_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    """공개하기 (`action=publish`) or 비공개로 돌리기 / 비공개 사유 (`action=private`, `reason`)."""
    office = office_or_404(request.user)
    event = get_object_or_404(_events(office), pk=pk)
    if not can_edit(request.user, event):
        raise PermissionDenied
    action = request.POST.get("action", "")
    if action not in ("publish", "private"):
        raise BadInput("공개하기 또는 비공개로 돌리기 가운데 하나를 골라 주세요.")
    form = PublicityForm(request.POST, office=office)
    if action == "publish":
        saved, changed = set_publicity(event, request.user, public=True)
    elif form.is_valid():
        try:
            saved, changed = set_publicity(
                event, request.user, public=False, reason=form.cleaned_data["reason"]
            )
        except PublicityError as error:
            form.add_error("reason", str(error))
    if form.errors:
        return _detail_page(request, office, event, form, status=400)
    messages.success(request, _publicity_message(saved, changed))
    return redirect("schedule:detail", pk=event.pk)


def _publicity_message(event: Event, changed: bool) -> str:
    if not event.is_public:
        reason = event.privacy_reason
        why = f" (사유: {reason.text})" if reason is not None else ""
        return f"비공개 일정입니다{why}." if not changed else f"비공개로 두었습니다{why}."
    if not changed:
        return "이미 공개된 일정입니다."
    start = public_from(event)
    if start <= timezone.localdate():
        return "공개했습니다. 시민이 보는 공개 일정에 지금부터 보입니다."
    return f"공개했습니다. 시민이 보는 공개 일정에는 {format_date(start)} 0시부터 보입니다."


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


@login_required
def disclosure(request: HttpRequest) -> HttpResponse:
    """공개 현황: per month of a year, the office's events published, kept private, and why —
    each count a link to those events in the list. For staff: a count of internal events is
    not for the public pages."""
    office = office_or_404(request.user)
    year = _disclosure_year(request, office)
    reasons = list(PrivacyReason.objects.filter(office=office))
    counts = disclosure_counts(office, year)

    def cell(count: int, period: str, **query: str) -> dict[str, Any]:
        url = reverse("schedule:list") + "?" + urlencode({"period": period, **query})
        return {"count": count, "url": url if count else ""}

    def cells(
        period: str, public: int, private: int, by_reason: dict[int, int], without: int
    ) -> list[dict[str, Any]]:
        return [
            cell(public + private, period),
            cell(public, period, public="1"),
            cell(private, period, public="0"),
            *(cell(by_reason.get(r.pk, 0), period, public="0", reason=str(r.pk)) for r in reasons),
            cell(without, period, public="0", reason=WITHOUT_REASON),
        ]

    rows = [
        {
            "label": f"{m.month}월",
            "cells": cells(
                f"{year}-{m.month:02d}", m.public, m.private, m.by_reason, m.without_reason
            ),
        }
        for m in counts
    ]
    totals = cells(
        str(year),
        sum(m.public for m in counts),
        sum(m.private for m in counts),
        {r.pk: sum(m.by_reason.get(r.pk, 0) for m in counts) for r in reasons},
        sum(m.without_reason for m in counts),
    )
    context = {
        "year": year,
        "previous": year - 1 if year > months.EARLIEST.year else None,
        "following": year + 1 if year < months.LATEST.year else None,
        "reasons": reasons,
        "rows": rows,
        "totals": totals,
        "office": office,
        "can_edit_reasons": can_create(request.user, PrivacyReason, office.pk),
    }
    return render(request, "schedule/disclosure.html", context)


def _disclosure_year(request: HttpRequest, office: Office) -> int:
    """The year asked for (`?year=2024`); by default this year, or the office's latest year
    with events when this year has none (the seed's 2024)."""
    text = request.GET.get("year", "").strip()
    if text:
        readable = len(text) == 4 and text.isascii() and text.isdigit()
        if not readable or not months.EARLIEST.year <= int(text) <= months.LATEST.year:
            raise BadInput(
                f"연도 '{text[:10]}'을(를) 읽을 수 없습니다. "
                f"{months.EARLIEST.year}~{months.LATEST.year} 사이의 연도를 2024처럼 적어 주세요."
            )
        return int(text)
    today = timezone.localdate()
    events = Event.objects.filter(office=office)
    if events.filter(date__year=today.year).exists():
        return today.year
    latest = events.filter(date__lte=today).order_by("-date").values_list("date", flat=True).first()
    return latest.year if latest is not None else today.year
