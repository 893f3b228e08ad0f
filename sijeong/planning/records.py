"""The planner's two doors to the records: `instance_for` reads an office's candidates, events,
현안, holidays and rules into the solver's `Instance`; `accept` turns accepted placements of a
plan into planned events, in one transaction, or refuses and writes nothing.

Choices made here (docs/planning.md describes the solver itself):
- An event without a start time blocks the working hours of its day: the mayor is known to be
  busy that day but not when, and a double booking costs more than a lost day. Events
  attended by proxy (대참) and cancelled events do not hold the mayor's time and are left out.
- An event that has a start but no end lasts `schedule.rules.default_duration()`, as the clash
  check takes it.
- A 현안's season is a range of months (the end month included; 12→2 runs over New Year);
  with one month given, it is that month; with none, the 현안 has no season and is left out.
- A district's last visit is the last past 현장방문 there that was not cancelled.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.db import transaction

from sijeong.core.formatting import format_date, format_time, is_holiday
from sijeong.core.models import Office
from sijeong.planning import verify
from sijeong.planning.models import BlockedDay, PlanningRules, TravelTime, VisitCandidate
from sijeong.planning.solver import (
    Candidate,
    Fixed,
    Instance,
    Issue,
    Placement,
    Plan,
    Rules,
    Weights,
)
from sijeong.planning.travel import DISTRICTS, PLACES, Travel
from sijeong.relations.models import MeetingSession
from sijeong.schedule.models import Agenda, Event
from sijeong.schedule.rules import AND, SUBJECT, clashing, default_duration, particle

# A quarter is the longest period a person plans at once; longer ones only slow the solver.
MAX_PERIOD_DAYS = 92

PLANNER_NOTE = "일정 기획에서 반영"


class PlanningError(Exception):
    """A planning request the records cannot satisfy; the message is Korean, for the person."""


def candidate_id(visit: VisitCandidate) -> str:
    """The solver's id of a candidate visit: its primary key as text."""
    return str(visit.pk)


def _minute(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def _time(minute: int) -> datetime.time:
    return datetime.time(minute // 60, minute % 60)


def days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every day from `start` to `end`, both included."""
    return [start + datetime.timedelta(days=k) for k in range((end - start).days + 1)]


def clock(minute: int) -> str:
    """Minutes from midnight as the schedule prints them: 09:30."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def check_period(start: datetime.date, end: datetime.date) -> None:
    """Refuse a period that is reversed or longer than `MAX_PERIOD_DAYS`."""
    if end < start:
        raise PlanningError(
            f"기간의 끝({format_date(end)})이 시작({format_date(start)})보다 빠릅니다."
        )
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise PlanningError(f"기간은 {MAX_PERIOD_DAYS}일을 넘을 수 없습니다.")


def _place(district: str) -> str:
    """A district the travel table knows, or "" (no travel margin) for anything else."""
    district = district.strip()
    return district if district in PLACES else ""


def season(
    agenda: Agenda, start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The part of the period inside the 현안's season, or None.

    A wrapped season of many months can meet a quarter twice (3월~1월 on 1월~3월): the longer
    part is kept, since the solver holds one window per issue.
    """
    first = agenda.season_start_month or agenda.season_end_month
    last = agenda.season_end_month or agenda.season_start_month
    if first is None or last is None:
        return None
    best: tuple[datetime.date, datetime.date] | None = None
    for year in range(start.year - 1, end.year + 1):
        end_year = year if first <= last else year + 1
        window_start = datetime.date(year, first, 1)
        window_end = datetime.date(end_year, last, calendar.monthrange(end_year, last)[1])
        low, high = max(window_start, start), min(window_end, end)
        if low <= high and (best is None or (high - low) > (best[1] - best[0])):
            best = (low, high)
    return best


def _rules_of(office: Office) -> PlanningRules:
    found = PlanningRules.objects.filter(office=office).first()
    return found if found is not None else PlanningRules(office=office)


def _fixed(office: Office, start: datetime.date, end: datetime.date, rules: Rules) -> list[Fixed]:
    events = (
        Event.objects.filter(office=office, date__gte=start, date__lte=end)
        .exclude(status=Event.Status.CANCELLED)
        .exclude(attendance=Event.Attendance.PROXY)
    )
    fixed = []
    for event in events:
        if event.start_time is None:
            begin, finish = rules.day_start, rules.day_end
        else:
            begin = _minute(event.start_time)
            if event.end_time is not None and event.end_time > event.start_time:
                finish = _minute(event.end_time)
            else:
                finish = min(24 * 60, begin + int(default_duration().total_seconds() // 60))
        fixed.append(
            Fixed(
                f"event-{event.pk}", event.title, event.date, begin, finish, _place(event.district)
            )
        )
    # Sessions the mayor attends in person (국무회의, 중앙지방협력회의): their records have a day
    # but no time, so the day's working hours are kept free of visits.
    sessions = MeetingSession.objects.filter(
        series__office=office,
        date__gte=start,
        date__lte=end,
        attendance=MeetingSession.Attendance.IN_PERSON,
    ).select_related("series")
    for session in sessions:
        name = (
            f"{session.series.name} {session.number}회" if session.number else session.series.name
        )
        fixed.append(
            Fixed(f"session-{session.pk}", name, session.date, rules.day_start, rules.day_end)
        )
    return fixed


def _last_visits(office: Office, before: datetime.date) -> dict[str, datetime.date]:
    rows = (
        Event.objects.filter(
            office=office, date__lt=before, kind=Event.Kind.FIELD_VISIT, district__in=DISTRICTS
        )
        .exclude(status=Event.Status.CANCELLED)
        .values_list("district", "date")
    )
    last: dict[str, datetime.date] = {}
    for district, date in rows:
        if district not in last or date > last[district]:
            last[district] = date
    return last


def instance_for(
    office: Office,
    start: datetime.date,
    end: datetime.date,
    pins: Mapping[int, tuple[datetime.date, datetime.time]] | None = None,
    exclusions: Iterable[int] = (),
) -> Instance:
    """The solver's instance for `office` over [start, end], read from its records.

    `pins` fixes candidates (by primary key) at a day and start time; `exclusions` leaves
    candidates out. Only candidates still 후보 whose window meets the period are read, with
    their window clipped to the period.
    """
    check_period(start, end)
    settings = _rules_of(office)
    rules = Rules(
        day_start=_minute(settings.day_start),
        day_end=_minute(settings.day_end),
        max_visits_per_day=settings.max_visits_per_day,
        max_visits_per_week=settings.max_visits_per_week,
        blocked=frozenset(
            BlockedDay.objects.filter(office=office, date__gte=start, date__lte=end).values_list(
                "date", flat=True
            )
        ),
        holidays=frozenset(d for d in days(start, end) if is_holiday(d)),
        slot_minutes=settings.slot_minutes,
        weekend_allowed=settings.weekend_allowed,
    )
    weights = Weights(
        priority=settings.weight_priority,
        domain_share=settings.weight_domain_share,
        domain_min_per_week=dict(settings.domain_min_per_week or {}),
        district_recency=settings.weight_district_recency,
        issue_in_season=settings.weight_issue_in_season,
        travel=settings.weight_travel,
        preferred_time=settings.weight_preferred_time,
    )

    issues = []
    for agenda in Agenda.objects.filter(office=office):
        window = season(agenda, start, end)
        if window is not None:
            issues.append(Issue(agenda.name, *window))
    in_season = {issue.name for issue in issues}

    visits = VisitCandidate.objects.filter(
        office=office,
        status=VisitCandidate.Status.CANDIDATE,
        earliest__lte=end,
        latest__gte=start,
    ).select_related("domain", "agenda")
    candidates = [
        Candidate(
            id=candidate_id(v),
            title=v.title,
            district=_place(v.district),
            domain=v.domain.name if v.domain else "",
            duration_minutes=v.duration_minutes,
            priority=v.priority,
            earliest=max(v.earliest, start),
            latest=min(v.latest, end),
            preferred=v.preferred,  # type: ignore[arg-type]  # the choices are the Literal's
            must=v.must,
            issue=v.agenda.name if v.agenda and v.agenda.name in in_season else None,
            linked=v.linked or (str(v.milestone) if v.milestone_id else ""),
        )
        for v in visits
    ]
    known = {c.id for c in candidates}
    overrides = {
        (t.from_place, t.to_place): t.minutes for t in TravelTime.objects.filter(office=office)
    }
    return Instance(
        start=start,
        end=end,
        candidates=candidates,
        fixed=_fixed(office, start, end, rules),
        issues=issues,
        rules=rules,
        weights=weights,
        travel=Travel(overrides),
        last_visit=_last_visits(office, start),
        pins={
            str(pk): (day, _minute(at))
            for pk, (day, at) in (pins or {}).items()
            if str(pk) in known
        },
        exclusions=frozenset(str(pk) for pk in exclusions) & known,
    )


def _summary(placement: Placement, visit: VisitCandidate) -> str:
    parts = [f"{PLANNER_NOTE}(후보 방문 #{visit.pk})."]
    if placement.reasons:
        parts.append("선정 이유: " + ", ".join(placement.reasons) + ".")
    if visit.linked:
        parts.append(f"연계: {visit.linked}.")
    return " ".join(parts)


def accept(
    office: Office, plan: Plan, candidate_ids: Collection[int | str], user: Any
) -> list[Event]:
    """Make planned 현장방문 events of the chosen placements of `plan`, each linked to its
    candidate (now 반영됨), with `user` in their history.

    The placements are checked again against the records as they are now — the calendar may
    have changed since the plan was made — by the planner's own checker and by the schedule's
    clash check; on any problem a `PlanningError` lists them all and nothing is written.
    """
    wanted = {str(cid) for cid in candidate_ids}
    if not wanted:
        raise PlanningError("반영할 방문을 하나 이상 골라 주십시오.")
    placements = {p.candidate_id: p for p in plan.placed if p.candidate_id in wanted}
    missing = sorted(wanted - set(placements))
    if missing:
        raise PlanningError(f"제안에 없는 후보입니다: {', '.join(missing)}")
    chosen = sorted(placements.values(), key=lambda p: (p.date, p.start_minute))

    with transaction.atomic():
        visits = {
            candidate_id(v): v
            for v in VisitCandidate.objects.select_for_update(of=("self",))
            .filter(office=office, pk__in=[int(cid) for cid in wanted if cid.isdigit()])
            .select_related("domain", "agenda")
        }
        problems = []
        for cid in sorted(wanted):
            visit = visits.get(cid)
            if visit is None:
                problems.append(f"후보 방문 #{cid}이(가) 이 기관에 없습니다.")
            elif visit.status != VisitCandidate.Status.CANDIDATE:
                problems.append(
                    f"{visit.title}{particle(visit.title, '은', '는')} 이미 "
                    f"{visit.get_status_display()} 상태입니다."
                )
        if problems:
            raise PlanningError(" ".join(problems))

        first, last = chosen[0].date, chosen[-1].date
        now = instance_for(office, first, max(last, first))
        now = replace(now, candidates=[c for c in now.candidates if c.id in wanted])
        problems = [
            f"'{visits[cid].title}'의 방문 가능 기간이 바뀌어 "
            f"{format_date(placements[cid].date)}에 넣을 수 없습니다."
            for cid in sorted(wanted - {c.id for c in now.candidates})
        ]
        check = Plan(placed=chosen, left_out={}, objective=0, bound=0, status="", seconds=0.0)
        problems += verify.violations(now, check) if not problems else []

        events = []
        for p in chosen:
            visit = visits[p.candidate_id]
            event = Event(
                office=office,
                department_id=visit.department_id,
                title=visit.title,
                kind=Event.Kind.FIELD_VISIT,
                domain=visit.domain,
                agenda=visit.agenda,
                date=p.date,
                start_time=_time(p.start_minute),
                end_time=_time(p.end_minute),
                place=visit.place,
                district=visit.district,
                summary=_summary(p, visit),
                status=Event.Status.PLANNED,
                # A proposal is not yet a public appointment: the planner publishes it.
                is_public=False,
            )
            for other in clashing(event):
                problems.append(
                    f"{visit.title}({format_date(p.date)} {format_time(_time(p.start_minute))})"
                    f"{particle(visit.title, *SUBJECT)} {other.title}({other.time_label})"
                    f"{particle(other.title, *AND)} 겹칩니다."
                )
            events.append(event)
        if problems:
            raise PlanningError("반영하지 않았습니다. " + " ".join(problems))

        for event, p in zip(events, chosen, strict=True):
            event._history_user = user  # type: ignore[attr-defined]
            event._change_reason = PLANNER_NOTE  # type: ignore[attr-defined]
            event.save()
            visit = visits[p.candidate_id]
            visit.event = event
            visit.status = VisitCandidate.Status.ACCEPTED
            visit._history_user = user  # type: ignore[attr-defined]
            visit._change_reason = PLANNER_NOTE  # type: ignore[attr-defined]
            visit.save(update_fields=["event", "status"])
    return events
