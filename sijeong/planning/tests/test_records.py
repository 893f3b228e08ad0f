"""The planner's records: what they refuse, how `instance_for` reads an office into the
solver's instance, and how `accept` turns placements into events or writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sijeong.core.models import Department, Office
from sijeong.planning.models import BlockedDay, PlanningRules, TravelTime, VisitCandidate
from sijeong.planning.records import PlanningError, accept, instance_for, season
from sijeong.planning.solver import Placement, Plan, solve
from sijeong.relations.models import MeetingSeries, MeetingSession
from sijeong.schedule.models import Agenda, Domain, Event

AUG = datetime.date(2025, 8, 1)  # a Friday; 8. 15. 광복절 is a Friday too
AUG_END = datetime.date(2025, 8, 31)


def day(n: int) -> datetime.date:
    return datetime.date(2025, 8, n)


@pytest.fixture
def safety(office: Office) -> Domain:
    return Domain.objects.create(office=office, name="안전")


@pytest.fixture
def heat(office: Office) -> Agenda:
    return Agenda.objects.create(
        office=office, name="폭염", season_start_month=7, season_end_month=8
    )


def visit(office: Office, department: Department, **fields: object) -> VisitCandidate:
    values: dict[str, object] = {
        "title": "쪽방촌 폭염 대비 점검",
        "place": "서울역 쪽방촌",
        "district": "중구",
        "earliest": day(1),
        "latest": day(29),
    }
    values.update(fields)
    return VisitCandidate.objects.create(office=office, department=department, **values)


def event(office: Office, department: Department, **fields: object) -> Event:
    values: dict[str, object] = {
        "title": "간부회의",
        "kind": Event.Kind.MEETING,
        "date": day(5),
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(11, 0),
        "place": "서울시청",
        "district": "서울시청",
    }
    values.update(fields)
    return Event.objects.create(office=office, department=department, **values)


def plan_of(*placements: Placement) -> Plan:
    return Plan(
        placed=list(placements), left_out={}, objective=0, bound=0, status="FEASIBLE", seconds=0
    )


# Models -------------------------------------------------------------------------------


def test_a_window_ending_before_it_starts_is_refused_by_the_form_and_the_database(
    office, department
):
    backwards = VisitCandidate(
        office=office,
        department=department,
        title="공사장 점검",
        place="현장",
        earliest=day(10),
        latest=day(9),
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "latest" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        backwards.save()


def test_a_priority_outside_1_to_5_is_refused_before_and_by_the_database(office, department):
    with pytest.raises(ValidationError) as error:
        visit(office, department, priority=6)
    said = "후보 방문 우선순위: 1부터 5까지 적을 수 있습니다."
    assert error.value.message_dict == {"priority": [said]}
    # A write that asks nothing (in bulk) meets the database's own rule.
    candidate = visit(office, department)
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitCandidate.objects.filter(pk=candidate.pk).update(priority=6)


def test_a_candidate_cannot_point_at_another_offices_records(office, department, next_door_people):
    other = next_door_people["admin"].office
    foreign = Domain.objects.create(office=other, name="안전")
    candidate = visit(office, department)
    candidate.domain = foreign
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert error.value.message_dict["domain"] == ["다른 기관의 기록은 고를 수 없습니다."]


def test_one_rules_record_per_office_and_a_working_day_that_ends_after_it_starts(office):
    PlanningRules.objects.create(office=office)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningRules.objects.create(office=office)
    late = PlanningRules(office=office, day_start=datetime.time(18), day_end=datetime.time(9))
    with pytest.raises(ValidationError):
        late.clean()


def test_domain_minimums_must_name_counts(office):
    rules = PlanningRules(office=office, domain_min_per_week={"안전": "하나"})
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "domain_min_per_week" in error.value.message_dict


def test_a_day_is_blocked_once_and_a_travel_pair_is_corrected_once(office):
    BlockedDay.objects.create(office=office, date=day(12), reason="해외 출장")
    with pytest.raises(IntegrityError), transaction.atomic():
        BlockedDay.objects.create(office=office, date=day(12))
    TravelTime.objects.create(office=office, from_place="중구", to_place="도봉구", minutes=50)
    with pytest.raises(IntegrityError), transaction.atomic():
        TravelTime.objects.create(office=office, from_place="중구", to_place="도봉구", minutes=40)


# instance_for --------------------------------------------------------------------------


def test_candidates_still_open_in_the_period_are_read_with_their_window_clipped(
    office, department, safety, heat
):
    kept = visit(
        office, department, domain=safety, agenda=heat, earliest=day(1) - datetime.timedelta(10)
    )
    kept.latest = day(20)
    kept.save()
    visit(office, department, title="제외한 방문", status=VisitCandidate.Status.EXCLUDED)
    visit(
        office,
        department,
        title="9월 방문",
        earliest=day(31) + datetime.timedelta(1),
        latest=day(31) + datetime.timedelta(10),
    )

    instance = instance_for(office, AUG, AUG_END)

    [candidate] = instance.candidates
    assert (candidate.id, candidate.earliest, candidate.latest) == (str(kept.pk), day(1), day(20))
    assert (candidate.domain, candidate.issue, candidate.district) == ("안전", "폭염", "중구")


def test_holidays_blocked_days_and_rules_come_from_the_records(office):
    BlockedDay.objects.create(office=office, date=day(12), reason="시의회 임시회")
    PlanningRules.objects.create(
        office=office, day_start=datetime.time(8, 30), max_visits_per_day=3, weight_travel=0
    )

    instance = instance_for(office, AUG, AUG_END)

    assert instance.rules.holidays == {day(15)}  # 광복절
    assert instance.rules.blocked == {day(12)}
    assert (instance.rules.day_start, instance.rules.max_visits_per_day) == (510, 3)
    assert instance.weights.travel == 0


def test_an_office_without_rules_plans_with_the_defaults(office):
    instance = instance_for(office, AUG, AUG_END)

    assert (instance.rules.day_start, instance.rules.day_end) == (540, 1080)
    assert instance.weights.domain_min_per_week == {"안전": 1}


def test_events_the_mayor_attends_are_fixed_and_cancelled_or_proxied_ones_are_not(
    office, department
):
    timed = event(office, department, district="중구")
    event(office, department, title="취소된 행사", status=Event.Status.CANCELLED)
    event(office, department, title="대참 행사", attendance=Event.Attendance.PROXY)
    event(office, department, title="시각 모름", date=day(6), start_time=None, end_time=None)
    event(office, department, title="끝 모름", date=day(7), end_time=None, district="을지로")
    event(office, department, title="다른 달", date=day(31) + datetime.timedelta(1))

    fixed = {f.title: f for f in instance_for(office, AUG, AUG_END).fixed}

    assert set(fixed) == {"간부회의", "시각 모름", "끝 모름"}
    assert (fixed["간부회의"].id, fixed["간부회의"].district) == (f"event-{timed.pk}", "중구")
    assert (fixed["간부회의"].start_minute, fixed["간부회의"].end_minute) == (600, 660)
    # An untimed event holds the working day; one without an end lasts the default hour.
    assert (fixed["시각 모름"].start_minute, fixed["시각 모름"].end_minute) == (540, 1080)
    assert (fixed["끝 모름"].end_minute, fixed["끝 모름"].district) == (660, "")


def test_sessions_the_mayor_attends_in_person_hold_their_day(office, department):
    cabinet = MeetingSeries.objects.create(office=office, department=department, name="국무회의")
    MeetingSession.objects.create(series=cabinet, number=34, date=day(12))
    MeetingSession.objects.create(
        series=cabinet, number=35, date=day(19), attendance=MeetingSession.Attendance.PROXY
    )
    fixed = instance_for(office, AUG, AUG_END).fixed
    assert [(f.title, f.date, f.start_minute, f.end_minute) for f in fixed] == [
        ("국무회의 34회", day(12), 540, 1080)
    ]


def test_agenda_seasons_are_mapped_onto_the_period(office, heat):
    Agenda.objects.create(office=office, name="한파", season_start_month=12, season_end_month=2)
    Agenda.objects.create(office=office, name="시기 없는 현안")
    Agenda.objects.create(office=office, name="풍수해", season_start_month=6, season_end_month=8)

    issues = {
        i.name: (i.start, i.end)
        for i in instance_for(office, day(20), day(31) + datetime.timedelta(20)).issues
    }

    assert issues == {"폭염": (day(20), day(31)), "풍수해": (day(20), day(31))}
    winter = Agenda(name="한파", season_start_month=12, season_end_month=2)
    assert season(winter, datetime.date(2025, 1, 10), datetime.date(2025, 3, 10)) == (
        datetime.date(2025, 1, 10),
        datetime.date(2025, 2, 28),
    )


def test_last_visits_are_past_field_visits_travel_is_corrected_and_pins_read(office, department):
    event(
        office,
        department,
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2025, 6, 3),
        district="도봉구",
    )
    event(
        office,
        department,
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2025, 5, 3),
        district="도봉구",
    )
    event(
        office,
        department,
        kind=Event.Kind.CEREMONY,
        date=datetime.date(2025, 7, 3),
        district="강남구",
    )
    TravelTime.objects.create(office=office, from_place="중구", to_place="도봉구", minutes=99)
    pinned, dropped = visit(office, department), visit(office, department, title="빼는 방문")

    instance = instance_for(
        office,
        AUG,
        AUG_END,
        pins={pinned.pk: (day(4), datetime.time(14, 0))},
        exclusions=[dropped.pk],
    )

    assert instance.last_visit == {"도봉구": datetime.date(2025, 6, 3)}
    assert instance.travel.minutes("도봉구", "중구") == 99
    assert instance.pins == {str(pinned.pk): (day(4), 840)}
    assert instance.exclusions == {str(dropped.pk)}


def test_a_period_backwards_or_longer_than_a_quarter_is_refused(office):
    with pytest.raises(PlanningError, match="보다 빠릅니다"):
        instance_for(office, AUG_END, AUG)
    with pytest.raises(PlanningError, match="92일"):
        instance_for(office, AUG, AUG + datetime.timedelta(days=92))


# accept ---------------------------------------------------------------------------------


def test_accepted_visits_become_planned_events_with_history_and_their_link(
    office, department, alice, safety, heat
):
    first = visit(office, department, domain=safety, agenda=heat, must=True, linked="쉼터 개소")
    second = visit(office, department, title="빗물펌프장 점검", district="마포구", priority=5)
    plan = solve(instance_for(office, AUG, day(8)), time_limit=2)
    assert {p.candidate_id for p in plan.placed} == {str(first.pk), str(second.pk)}

    events = accept(office, plan, [first.pk], alice)

    [made] = events
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.event) == (VisitCandidate.Status.ACCEPTED, made)
    assert second.status == VisitCandidate.Status.CANDIDATE
    assert (made.kind, made.status, made.is_public) == ("field_visit", "planned", False)
    assert (made.domain, made.agenda, made.district, made.place) == (
        safety,
        heat,
        "중구",
        "서울역 쪽방촌",
    )
    assert "일정 기획에서 반영" in made.summary and "쉼터 개소" in made.summary
    placed = next(p for p in plan.placed if p.candidate_id == str(first.pk))
    assert (made.date, made.start_time.hour * 60 + made.start_time.minute) == (
        placed.date,
        placed.start_minute,
    )
    assert made.history.latest().history_user == alice
    assert first.history.latest().history_user == alice


def test_a_visit_that_now_clashes_with_an_event_is_refused_and_nothing_is_written(
    office, department, alice
):
    candidate = visit(office, department)
    placement = Placement(str(candidate.pk), day(5), 600, 660)
    # Booked after the plan was made, at the same time.
    event(
        office,
        department,
        title="긴급 재난회의",
        start_time=datetime.time(10, 30),
        end_time=datetime.time(11, 30),
    )
    before = Event.objects.count()

    with pytest.raises(PlanningError, match="반영하지 않았습니다") as error:
        accept(office, plan_of(placement), [candidate.pk], alice)

    assert "긴급 재난회의" in str(error.value)
    assert Event.objects.count() == before
    candidate.refresh_from_db()
    assert (candidate.status, candidate.event) == (VisitCandidate.Status.CANDIDATE, None)
    assert candidate.history.count() == 1


def test_a_visit_on_a_holiday_is_refused_by_the_independent_checker(office, department, alice):
    candidate = visit(office, department)
    holiday = Placement(str(candidate.pk), day(15), 600, 660)

    with pytest.raises(PlanningError, match="공휴일"):
        accept(office, plan_of(holiday), [candidate.pk], alice)
    assert not Event.objects.exists()


def test_a_candidate_accepted_before_or_not_in_the_plan_is_refused(office, department, alice):
    candidate = visit(office, department)
    placement = Placement(str(candidate.pk), day(5), 600, 660)
    accept(office, plan_of(placement), [candidate.pk], alice)

    with pytest.raises(PlanningError, match="이미 반영됨"):
        accept(office, plan_of(placement), [candidate.pk], alice)
    with pytest.raises(PlanningError, match="제안에 없는"):
        accept(office, plan_of(placement), [candidate.pk + 1], alice)
    assert Event.objects.count() == 1
