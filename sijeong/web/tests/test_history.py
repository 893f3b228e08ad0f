"""A record's change history reads like its page: field labels, values as the pages show them
(choices by label, related records by name even once deleted, JSON as the pages and forms show
it), people by name, a change by an import or a command saying so, times in KST."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.api.tokens import issue
from sijeong.core.models import Department, Indicator, Observation
from sijeong.core.testing import logged_in
from sijeong.planning.models import PlanningRules
from sijeong.reports.actions import finalise
from sijeong.reports.models import Report
from sijeong.schedule.models import Agenda, Domain, Event
from sijeong.web.history import history

REPR = re.compile(r"[{}\[\]]|'\w+':")  # what a Python dict or list looks like printed


def changes(record: Any) -> dict[str, tuple[str, str]]:
    """The latest entry's changes: label → (before, after)."""
    return {c.field: (c.old, c.new) for c in history(record)[0].changes}


@pytest.fixture
def named(alice: User) -> User:
    alice.first_name, alice.last_name = "앨리스", "김"
    alice.save()
    return alice


@pytest.fixture
def event(department: Department, named: User) -> Event:
    record = Event(
        office=department.office, department=department, title="폭염 대비 현장점검",
        kind=Event.Kind.FIELD_VISIT, date=datetime.date(2024, 8, 6), place="서울역 쪽방촌",
    )  # fmt: skip
    record._history_user = named  # type: ignore[attr-defined]
    record.save()
    return record


def test_a_related_record_is_named_even_once_deleted(
    event: Event, other_department: Department, named: User
) -> None:
    domain = Domain.objects.create(office=event.office, name="안전")
    agenda = Agenda.objects.create(office=event.office, name="폭염")
    event.domain, event.agenda, event.department = domain, agenda, other_department
    event.start_time = datetime.time(14, 10)
    event.kind = Event.Kind.MEETING
    event.save()
    agenda.delete()
    assert changes(event) == {
        "분야": ("(없음)", "안전"),
        "현안": ("(없음)", "폭염 (지움)"),
        "담당 부서": ("시장비서실", "정책기획관"),
        "시작 시각": ("(없음)", "14:10"),
        "종류": ("현장방문", "회의"),
    }


def test_json_values_read_as_the_pages_show_them(department: Department) -> None:
    indicator = Indicator.objects.create(
        office=department.office, department=department, key="pass", name="기후동행카드",
        unit="장", dimensions=["권종"],
    )  # fmt: skip
    observation = Observation.objects.create(
        indicator=indicator, as_of=datetime.date(2024, 8, 31), value=Decimal("12345.5"),
        dimension_values={"권종": "30일권"}, listed=["경북", "제주"], source="보고서",
    )  # fmt: skip
    observation.dimension_values = {"권종": "7일권", "지역": "서울"}
    observation.listed = ["경북"]
    observation.value = Decimal("1234567")
    observation.save()
    assert changes(observation) == {
        "구분 값": ("권종 30일권", "권종 7일권, 지역 서울"),
        "함께 적힌 항목": ("경북, 제주", "경북"),
        "값": ("12,345.5", "1,234,567"),
    }
    rules = PlanningRules.objects.create(office=department.office)
    # In the order stored (PostgreSQL's jsonb orders keys itself), as the planner's form shows.
    rules.domain_min_per_week = {"민생": 2, "안전": 1}
    rules.weekend_allowed = True
    rules.save()
    assert changes(rules) == {
        "분야별 주간 최소 방문": ("안전 1", "민생 2, 안전 1"),
        "주말 방문 허용": ("아니요", "예"),
    }


def test_a_finalised_report_names_the_person_and_keeps_kst(seeded: Any, seed_people: Any) -> None:
    """The symptom: `{'text': '14:1', …}`, a user id, and the time of finalising in UTC."""
    admin = seed_people["admin"]
    admin.first_name, admin.last_name = "관리", "박"
    admin.save()
    report = Report.objects.get(office=seeded)
    report.save()  # a version before finalising
    from sijeong.documents.model import flags
    from sijeong.reports.build import build

    marked = flags(build(report))
    final = finalise(report, admin, {n: "원문 그대로" for n in range(len(marked))})
    seen = changes(final)
    assert seen["확정한 사람"] == ("(없음)", admin.get_full_name())
    when = final.finalised_at.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert seen["확정 일시"] == ("(없음)", when.strftime("%Y. %-m. %-d. %H:%M"))
    assert seen["상태"] == ("작성 중", "확정")
    if marked:
        text = seen["확정 때 확인한 문제"][1]
        assert "원문 그대로" in text and admin.get_full_name() in text
    assert not [label for label, (old, new) in seen.items() if REPR.search(old + new)]
    entry = history(final)[0]
    assert entry.who == admin.get_full_name()
    saved = final.history.latest().history_date.astimezone(when.tzinfo)
    assert entry.when == saved.strftime("%Y. %-m. %-d. %H:%M")


def test_a_change_through_the_api_names_the_token_holder(event: Event, named: User) -> None:
    client = Client(headers={"Authorization": f"Bearer {issue(named, 'test')[1]}"})
    url = f"/api/v1/events/{event.pk}"
    etag = client.get(url)["ETag"]
    answer = client.patch(
        url, json.dumps({"place": "서울역 광장"}), content_type="application/json",
        headers={"If-Match": etag},
    )  # fmt: skip
    assert answer.status_code == 200
    entry = history(event)[0]
    assert entry.who == f"{named.get_full_name()} (API)"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("장소", "서울역 쪽방촌", "서울역 광장")
    ]


def test_a_change_no_person_made_says_it_came_from_a_command(event: Event) -> None:
    by_a_command = Event.objects.get(pk=event.pk)
    by_a_command.title = "폭염 쉼터 점검"
    by_a_command.save()
    assert history(event)[0].who == "명령어"


def test_the_record_page_shows_it(event: Event, named: User) -> None:
    event.place = "서울역 광장"
    event._history_user = named  # type: ignore[attr-defined]
    event.save()
    page = logged_in(named).get(reverse("schedule:detail", args=[event.pk])).content.decode()
    assert named.get_full_name() in page and "장소: 서울역 쪽방촌 → 서울역 광장" in page
    assert f'<time datetime="{history(event)[0].at}">' in page


def test_a_change_by_an_import_says_which(office: Any, named: User) -> None:
    from sijeong.budget.models import BudgetLine
    from sijeong.ingest import actions
    from sijeong.ingest.tests.test_apply import SMALL

    actions.apply(SMALL, "small.txt", office, named)
    line = BudgetLine.objects.get(office=office)
    assert history(line)[0].who == f"{named.get_full_name()} (가져오기: small.txt)"
    document, _, _ = actions.apply(SMALL.replace(b"277,200", b"300,000"), "v2.txt", office)
    entry = history(line)[0]
    assert entry.who == "명령어 (가져오기: v2.txt)"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("예산액(원)", "277,200,000", "300,000,000")
    ]
    actions.undo(document, None)
    assert history(line)[0].who == "명령어 (가져오기 되돌림: v2.txt)"
