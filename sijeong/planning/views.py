"""The visit planner's page (일정 기획): choose a period, see the candidates and the rules, run
the solver, compare its proposal with the calendar day by day, pin, exclude or move visits and
run again, and accept all or some of it as planned events.

A proposal is kept in the person's session until they accept it or run again: it is theirs
alone, and nothing is written until they accept. Accepting checks it again against the
calendar as it is then (`records.accept`).
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_plan
from sijeong.core.formatting import format_date, holiday_name, read_date
from sijeong.core.models import Office
from sijeong.schedule.models import Event
from sijeong.web.editing import korean_dates
from sijeong.web.offices import office_or_404

from . import greedy, verify
from .models import BlockedDay, PlanningRules, VisitCandidate
from .records import (
    PlanningError,
    accept,
    candidate_id,
    check_period,
    clock,
    days,
    instance_for,
)
from .solver import Placement, Plan, solve

SESSION_KEY = "sijeong-plan"
TIME_LIMITS = (5, 10, 30)


def _office(request: HttpRequest) -> Office:
    if not can_plan(request.user):
        raise PermissionDenied("일정 기획은 관리자와 일정 담당이 합니다.")
    return office_or_404(request.user)


def _period(data: Any) -> tuple[datetime.date, datetime.date, str]:
    """The period asked for, or next month; with the Korean message if it was refused."""
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    start = read_date(data.get("start", "")) if data.get("start") else first
    end = read_date(data.get("end", "")) if data.get("end") else last
    if start is None or end is None:
        return first, last, "기간의 날짜를 읽을 수 없습니다. 예: 2024. 8. 1."
    try:
        check_period(start, end)
    except PlanningError as error:
        return first, last, str(error)
    return start, end, ""


def _query(start: datetime.date, end: datetime.date) -> str:
    return f"?start={start.isoformat()}&end={end.isoformat()}"


class RulesForm(forms.ModelForm):
    """The office's rules and weights as the planner edits them on the page."""

    minimums = forms.CharField(
        label="분야별 주간 최소 방문",
        required=False,
        help_text="예: 안전 1, 민생 1 — 한 주에 그 분야 방문을 적어도 몇 건 넣을지",
    )

    class Meta:
        model = PlanningRules
        fields = [
            "day_start",
            "day_end",
            "max_visits_per_day",
            "max_visits_per_week",
            "slot_minutes",
            "weekend_allowed",
            "weight_priority",
            "weight_domain_share",
            "weight_district_recency",
            "weight_issue_in_season",
            "weight_travel",
            "weight_preferred_time",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        minimums = self.instance.domain_min_per_week or {}
        self.fields["minimums"].initial = ", ".join(f"{k} {v}" for k, v in minimums.items())
        for name in ("day_start", "day_end"):
            self.fields[name].widget = forms.TimeInput(format="%H:%M")
        korean_dates(self)

    def clean_minimums(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in self.cleaned_data["minimums"].replace("\n", ",").split(","):
            words = part.split()
            if not words:
                continue
            if len(words) < 2 or not words[-1].isdigit():
                raise forms.ValidationError(
                    f"'{part.strip()}'을(를) 읽을 수 없습니다. '분야 횟수'로 적어 주십시오. "
                    "예: 안전 1"
                )
            found[" ".join(words[:-1])] = int(words[-1])
        return found

    def save(self, commit: bool = True) -> PlanningRules:
        self.instance.domain_min_per_week = self.cleaned_data["minimums"]
        rules: PlanningRules = super().save(commit)
        return rules


def _rules(office: Office) -> PlanningRules:
    return PlanningRules.objects.filter(office=office).first() or PlanningRules(office=office)


def _stored(
    plan: Plan, greedy_objective: int, problems: list[str], asked: dict[str, Any]
) -> dict[str, Any]:
    return {
        **asked,
        "placed": [
            [p.candidate_id, p.date.isoformat(), p.start_minute, p.end_minute, p.reasons]
            for p in plan.placed
        ],
        "left_out": plan.left_out,
        "objective": plan.objective,
        "bound": plan.bound,
        "status": plan.status,
        "seconds": round(plan.seconds, 2),
        "must_unplaceable": plan.must_unplaceable,
        "greedy": greedy_objective,
        "violations": problems,
    }


def _restored(data: dict[str, Any]) -> Plan:
    return Plan(
        placed=[
            Placement(cid, datetime.date.fromisoformat(day), start, end, list(reasons))
            for cid, day, start, end, reasons in data["placed"]
        ],
        left_out=dict(data["left_out"]),
        objective=data["objective"],
        bound=data["bound"],
        status=data["status"],
        seconds=data["seconds"],
        must_unplaceable=list(data["must_unplaceable"]),
    )


def _saved(
    request: HttpRequest, office: Office, start: datetime.date, end: datetime.date
) -> dict[str, Any] | None:
    """The person's last proposal, if it was for this office and period."""
    data = request.session.get(SESSION_KEY)
    if not data or data.get("office") != office.pk:
        return None
    if (data["start"], data["end"]) != (start.isoformat(), end.isoformat()):
        return None
    return data


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    start, end, refused = _period(request.GET)
    if refused:
        messages.error(request, refused)
    return _page(request, office, start, end, RulesForm(instance=_rules(office)))


def _page(
    request: HttpRequest,
    office: Office,
    start: datetime.date,
    end: datetime.date,
    rules_form: RulesForm,
    status: int = 200,
    typed: dict[str, Any] | None = None,
) -> HttpResponse:
    candidates = list(
        VisitCandidate.objects.filter(
            office=office,
            status=VisitCandidate.Status.CANDIDATE,
            earliest__lte=end,
            latest__gte=start,
        ).select_related("domain", "agenda", "department")
    )
    data = _saved(request, office, start, end)
    asked = typed or data or {"pins": {}, "exclusions": []}
    pins = asked["pins"]
    excluded = set(asked["exclusions"])
    rows = [
        {
            "visit": v,
            "id": candidate_id(v),
            "pin": pins.get(candidate_id(v)),
            "excluded": candidate_id(v) in excluded,
        }
        for v in candidates
    ]
    context: dict[str, Any] = {
        "start": start,
        "end": end,
        "start_text": format_date(start, weekday=False),
        "end_text": format_date(end, weekday=False),
        "rows": rows,
        "rules": _rules(office),
        "rules_form": rules_form,
        "blocked": BlockedDay.objects.filter(office=office, date__gte=start, date__lte=end),
        "holidays": [
            (format_date(d), holiday_name(d)) for d in days(start, end) if holiday_name(d)
        ],
        "time_limits": TIME_LIMITS,
        "time_limit": data["time_limit"] if data else TIME_LIMITS[0],
        "result": _result(office, data) if data else None,
    }
    return render(request, "planning/plan.html", context, status=status)


def _result(office: Office, data: dict[str, Any]) -> dict[str, Any]:
    """The proposal side by side with the calendar: for each day with a booked event or a
    proposed visit, the day's events and the visits proposed for it."""
    start = datetime.date.fromisoformat(data["start"])
    end = datetime.date.fromisoformat(data["end"])
    plan = _restored(data)
    named = {p.candidate_id for p in plan.placed} | set(plan.left_out)
    keys = [int(c) for c in named if c.isdigit()]
    titles = {
        candidate_id(v): v
        for v in VisitCandidate.objects.filter(office=office, pk__in=keys).select_related("domain")
    }
    booked: dict[datetime.date, list[Event]] = {}
    events = (
        Event.objects.filter(office=office, date__gte=start, date__lte=end)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("domain")
        .order_by("date", "start_time")
    )
    for event in events:
        booked.setdefault(event.date, []).append(event)
    proposed: dict[datetime.date, list[dict[str, Any]]] = {}
    for p in sorted(plan.placed, key=lambda p: (p.date, p.start_minute)):
        proposed.setdefault(p.date, []).append(
            {
                "id": p.candidate_id,
                "visit": titles.get(p.candidate_id),
                "time": f"{clock(p.start_minute)}–{clock(p.end_minute)}",
                "reasons": p.reasons,
            }
        )
    rows = [
        {
            "date": day,
            "text": format_date(day),
            "holiday": holiday_name(day),
            "events": booked.get(day, []),
            "proposed": proposed.get(day, []),
        }
        for day in days(start, end)
        if day in booked or day in proposed
    ]
    left_out = [
        {
            "visit": titles.get(cid),
            "id": cid,
            "why": why,
            "must": cid in plan.must_unplaceable,
        }
        for cid, why in plan.left_out.items()
    ]
    improvement = (
        (plan.objective - data["greedy"]) / data["greedy"] * 100 if data["greedy"] > 0 else None
    )
    return {
        "plan": plan,
        "days": rows,
        "left_out": left_out,
        "gap": plan.gap * 100,
        "greedy": data["greedy"],
        "improvement": improvement,
        "violations": data["violations"],
        "status": {"OPTIMAL": "최적 (증명됨)", "FEASIBLE": "가능한 최선 (시간 한도 도달)"}.get(
            plan.status, "해 없음"
        ),
        "time_limit": data["time_limit"],
        "placed_count": len(plan.placed),
    }


@require_POST
@login_required
def run(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    start, end, refused = _period(request.POST)
    if refused:
        messages.error(request, refused)
        return redirect(reverse("planning:plan") + _query(start, end))
    pins: dict[int, tuple[datetime.date, datetime.time]] = {}
    shown_pins: dict[str, list[str]] = {}
    typed: dict[str, list[str]] = {}
    problems: list[str] = []
    for key in request.POST:
        value = request.POST.get(key, "")
        if not key.startswith("pin-date-") or not value.strip():
            continue
        pk = key.removeprefix("pin-date-")
        day = read_date(value)
        at = _read_time(request.POST.get(f"pin-time-{pk}", ""))
        typed[pk] = [value, request.POST.get(f"pin-time-{pk}", "")]
        if not pk.isdigit() or day is None or at is None:
            problems.append(
                f"고정할 날짜·시각 '{' '.join(typed[pk]).strip()}'을(를) 읽을 수 없습니다. "
                "예: 2024. 8. 1., 10:00"
            )
            continue
        pins[int(pk)] = (day, at)
        shown_pins[pk] = [format_date(day, weekday=False), at.strftime("%H:%M")]
    exclusions = [int(v) for v in request.POST.getlist("exclude") if v.isdigit()]
    try:
        time_limit = int(request.POST.get("time_limit", TIME_LIMITS[0]))
    except ValueError:
        time_limit = TIME_LIMITS[0]
    time_limit = min(max(time_limit, 1), max(TIME_LIMITS))
    if problems:
        # The page again with everything as typed, and what could not be read.
        for problem in problems:
            messages.error(request, problem)
        kept = {"pins": typed, "exclusions": [str(pk) for pk in exclusions]}
        form = RulesForm(instance=_rules(office))
        return _page(request, office, start, end, form, status=400, typed=kept)
    instance = instance_for(office, start, end, pins=pins, exclusions=exclusions)
    plan = solve(instance, time_limit=time_limit)
    baseline = greedy.plan(instance)
    asked: dict[str, Any] = {
        "office": office.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "pins": shown_pins,
        "exclusions": [str(pk) for pk in exclusions],
        "time_limit": time_limit,
    }
    request.session[SESSION_KEY] = _stored(
        plan, baseline.objective, verify.violations(instance, plan), asked
    )
    return redirect(reverse("planning:plan") + _query(start, end) + "#result")


def _read_time(text: str) -> datetime.time | None:
    try:
        return datetime.datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        return None


@require_POST
@login_required
def accept_page(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    start, end, _refused = _period(request.POST)
    data = _saved(request, office, start, end)
    back = redirect(reverse("planning:plan") + _query(start, end) + "#result")
    if data is None:
        messages.error(request, "반영할 제안이 없습니다. 기획을 다시 실행해 주십시오.")
        return back
    plan = _restored(data)
    chosen = (
        [p.candidate_id for p in plan.placed]
        if "all" in request.POST
        else request.POST.getlist("accept")
    )
    try:
        events = accept(office, plan, chosen, request.user)
    except PlanningError as error:
        messages.error(request, f"반영하지 못했습니다. {error}")
        return back
    del request.session[SESSION_KEY]
    messages.success(
        request,
        f"방문 {len(events)}건을 예정 일정으로 반영했습니다(비공개). "
        "일정에서 확인하고 공개 여부를 정하십시오.",
    )
    return redirect(reverse("planning:plan") + _query(start, end))


@require_POST
@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    start, end, _refused = _period(request.POST)
    form = RulesForm(request.POST, instance=_rules(office))
    if not form.is_valid():
        # The page again with the person's input and what is wrong with it, beside each field.
        return _page(request, office, start, end, form, status=400)
    form.save()
    messages.success(request, "기획 기준을 저장했습니다.")
    return redirect(reverse("planning:plan") + _query(start, end))
