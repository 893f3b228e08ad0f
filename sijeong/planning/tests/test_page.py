"""The 일정 기획 page as its users work it: who may open it, run → compare → accept, pins
and exclusions, and bad input that comes back as typed with a Korean message."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.planning.models import PlanningRules, VisitCandidate
from sijeong.planning.tests.test_records import AUG, AUG_END, day, event, visit
from sijeong.schedule.models import Event

PERIOD = {"start": "2025. 8. 1.", "end": "2025. 8. 31."}
PAGE = reverse("planning:plan") + "?start=2025-08-01&end=2025-08-31"


def run(client: Any, **fields: Any) -> Any:
    data = {**PERIOD, "time_limit": "5", **fields}
    return client.post(reverse("planning:run"), data, follow=True)


@pytest.fixture
def visits(office, department) -> list[VisitCandidate]:
    return [
        visit(office, department, title="쪽방촌 폭염 대비 점검", priority=5),
        visit(office, department, title="빗물펌프장 점검", district="강서구", priority=3),
    ]


def test_only_the_planner_and_the_admin_open_it(client, alice, bob, dave, erin, visits):
    assert client.get(PAGE)["Location"].startswith(reverse("login"))
    for person in (bob, dave):
        assert logged_in(person).get(PAGE).status_code == 403
    for person in (alice, erin):
        page = logged_in(person).get(PAGE)
        assert page.status_code == 200
        html = page.content.decode()
        assert "후보 방문 2건" in html and "빗물펌프장 점검" in html
        assert f'href="{reverse("planning:plan")}"' in html  # in the menu
    assert f'href="{reverse("planning:plan")}"' not in logged_in(bob).get("/").content.decode()
    assert logged_in(dave).post(reverse("planning:run"), PERIOD).status_code == 403


def test_another_offices_planner_sees_none_of_ours(visits, next_door_people):
    page = logged_in(next_door_people["admin"]).get(PAGE).content.decode()
    assert "후보 방문 0건" in page and "빗물펌프장" not in page


def test_run_compare_and_accept_part_of_the_plan(erin, office, department, visits):
    event(office, department, title="간부회의", date=day(5))
    client = logged_in(erin)
    page = run(client)
    html = page.content.decode()
    assert "제안: 방문 2건" in html and "필수 규칙 위반 없음" in html
    assert "최적 (증명됨)" in html and "간부회의" in html  # the calendar beside the proposal
    first, second = visits
    response = client.post(
        reverse("planning:accept"), {**PERIOD, "accept": [str(first.pk)]}, follow=True
    )
    assert "방문 1건을 예정 일정으로 반영했습니다" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == VisitCandidate.Status.ACCEPTED and second.status == "candidate"
    booked = first.event
    assert booked.status == Event.Status.PLANNED and not booked.is_public
    assert booked.kind == Event.Kind.FIELD_VISIT and AUG <= booked.date <= AUG_END
    assert booked.history.first().history_user == erin
    # The proposal is used up: accepting again needs a new run.
    again = client.post(reverse("planning:accept"), {**PERIOD, "all": "1"}, follow=True)
    assert "반영할 제안이 없습니다" in again.content.decode()


def test_a_pinned_visit_goes_where_it_was_pinned_and_an_excluded_one_nowhere(erin, visits):
    first, second = visits
    client = logged_in(erin)
    run(client, **{f"pin-date-{first.pk}": "2025. 8. 12.", f"pin-time-{first.pk}": "14:00"},
        exclude=[str(second.pk)])  # fmt: skip
    plan = client.session["sijeong-plan"]
    assert plan["placed"][0][:3] == [str(first.pk), "2025-08-12", 14 * 60]
    assert plan["left_out"] == {str(second.pk): "제외함"}
    html = client.get(PAGE).content.decode()
    assert 'value="2025. 8. 12."' in html and "checked" in html  # kept for the next run


def test_accepting_what_now_clashes_writes_nothing(erin, office, department, visits):
    client = logged_in(erin)
    first, _second = visits
    run(client, **{f"pin-date-{first.pk}": "2025. 8. 12.", f"pin-time-{first.pk}": "14:00"})
    event(office, department, title="긴급 현안회의", date=day(12),
          start_time=datetime.time(14, 30), end_time=datetime.time(15, 30))  # fmt: skip
    before = Event.objects.count()
    response = client.post(reverse("planning:accept"), {**PERIOD, "all": "1"}, follow=True)
    assert "반영하지 못했습니다" in response.content.decode()
    assert "긴급 현안회의" in response.content.decode()
    assert Event.objects.count() == before
    assert not VisitCandidate.objects.filter(status=VisitCandidate.Status.ACCEPTED).exists()


def test_an_unreadable_pin_comes_back_as_typed(erin, visits):
    first, _ = visits
    response = logged_in(erin).post(
        reverse("planning:run"),
        {**PERIOD, f"pin-date-{first.pk}": "팔월 십이일", f"pin-time-{first.pk}": "14:00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "읽을 수 없습니다" in html and 'value="팔월 십이일"' in html
    assert "sijeong-plan" not in logged_in(erin).session


def test_the_rules_are_edited_on_the_page_and_bad_input_is_kept(erin, office, visits):
    client = logged_in(erin)
    data = {
        **PERIOD, "day_start": "08:30", "day_end": "17:00", "max_visits_per_day": "1",
        "max_visits_per_week": "3", "slot_minutes": "30", "weight_priority": "10",
        "weight_domain_share": "30", "weight_district_recency": "5",
        "weight_issue_in_season": "10", "weight_travel": "2", "weight_preferred_time": "10",
    }  # fmt: skip
    bad = client.post(reverse("planning:rules"), {**data, "minimums": "안전 하나"})
    assert bad.status_code == 400
    assert "분야 횟수" in bad.content.decode() and 'value="안전 하나"' in bad.content.decode()
    assert not PlanningRules.objects.filter(office=office).exists()
    client.post(reverse("planning:rules"), {**data, "minimums": "안전 1, 민생 2"})
    rules = PlanningRules.objects.get(office=office)
    assert rules.max_visits_per_day == 1 and rules.domain_min_per_week == {"안전": 1, "민생": 2}
    assert rules.day_start == datetime.time(8, 30)
    run(client)
    placed = client.session["sijeong-plan"]["placed"]
    assert len({d for _c, d, *_ in placed}) == len(placed)  # one a day, as now set
