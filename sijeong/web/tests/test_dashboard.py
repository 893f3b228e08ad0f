"""The dashboard (대시보드) on a chosen date, from the seed records."""

import datetime
import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.schedule.models import Event
from sijeong.web.views import year_elapsed

AS_OF = {"as_of": "2024-08-31"}


@pytest.fixture
def viewer(seed_people):
    return logged_in(seed_people["viewer"])


def test_the_share_of_the_year_gone():
    assert year_elapsed(datetime.date(2024, 12, 31)) == 100
    assert round(year_elapsed(datetime.date(2024, 8, 31)), 1) == Decimal("66.7")  # 244 / 366


def test_the_dashboard_on_the_report_date(viewer):
    page = viewer.get(reverse("home"), AS_OF).content.decode()
    assert "2024. 8. 31.(토) 기준 · 올해 경과율 66.7%" in page
    assert "97,993" in page and "35.4%" in page and "(경과율보다 10%p 넘게 낮음)" in page
    assert "정원 31명, 현원 30명" in page
    assert "153만 소상공인 출산양육 지원을 위한 업무협약식" in page  # the week of 8. 25.
    assert "<svg" in page and "늘봄학교 운영 학교" in page and "565개교" in page
    assert "[오류]" in page and "14:1" in page
    assert "서울인접 지역 지하철(고양, 과천) 순차적 확대" in page


def test_a_date_without_records_says_so(viewer):
    page = viewer.get(reverse("home"), {"as_of": "2030-01-01"}).content.decode()
    assert "2030년 예산 자료가 없습니다." in page
    assert "최근 보고 기준일(2024. 8. 31.)로 보기" in page


def test_the_number_of_queries_does_not_grow_with_the_data(viewer, seeded):
    viewer.get(reverse("home"), AS_OF)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert viewer.get(reverse("home"), AS_OF).status_code == 200
        return len(queries)

    small = count()
    department = seeded.departments.first()
    Event.objects.bulk_create(
        Event(
            office=seeded, department=department, title=f"행사 {n}", kind="ceremony",
            date=datetime.date(2024, 8, 25 + n % 7), place="광장",
        )
        for n in range(100)
    )  # fmt: skip
    assert count() == small


def test_without_a_date_it_opens_on_the_last_day_with_figures(viewer):
    # Today (2026) the seed office has no figures of this year: it opens on August 2024.
    page = viewer.get(reverse("home")).content.decode()
    assert "2024. 8. 31.(토) 기준" in page and "자료가 있는 마지막 날로 열었습니다" in page
    assert "35.4%" in page


def test_the_first_screen_answers_how_the_office_is_doing(viewer):
    page = html.unescape(viewer.get(reverse("home"), AS_OF).content.decode())
    # Execution over both lines: 143,413 of 357,200 (천원) = 40.1 %, computed, not typed.
    assert "40.1%" in page and "30 / 31명" in page
    # Targets: 늘봄학교 behind (150 of 565 with the due date a day away); 지하철 역사 328 of 338,
    # 장애인콜택시 722 of 782 and 바우처택시 8,600 of 8,630 on track: 3 of 4.
    assert "3 / 4" in page and "(75.0%)" in page
    assert "328개 ('24.8.31.)" in page and "338개 ('24.12월)" in page and "97.0%" in page


def test_findings_link_to_their_records_and_keep_to_the_year(viewer, seed_people):
    event = Event.objects.get(title="153만 소상공인 출산양육 지원을 위한 업무협약식")
    page = viewer.get(reverse("home"), AS_OF).content.decode()
    assert f'href="{reverse("schedule:detail", args=[event.pk])}"' in page
    later = Event.objects.create(
        office=event.office,
        department=event.department,
        title="다른 해의 일정",
        kind=event.kind,
        date=datetime.date(2026, 3, 2),
        time_text="9:7",
        place="시청",
    )
    assert "다른 해의 일정" not in viewer.get(reverse("home"), AS_OF).content.decode()
    assert "다른 해의 일정" in viewer.get(reverse("home"), {"as_of": "2026-03-02"}).content.decode()
    later.delete()


def test_each_problem_is_counted_and_listed_once(viewer, seeded):
    # Two copies of one planned talk saved by mistake, overlapping the 14:30 opening at the
    # 과학관: one duplicate and one clash, not six warnings.
    opening = Event.objects.get(office=seeded, title="서울로봇인공지능과학관 개관식")
    for _ in range(2):
        Event.objects.create(
            office=seeded,
            department=opening.department,
            title="청년 창업가 간담회",
            kind=Event.Kind.MEETING_TALK,
            domain=opening.domain,
            date=opening.date,
            start_time=datetime.time(14, 0),
            place="서울창업허브",
            status=Event.Status.PLANNED,
            is_public=True,  # published: no 비공개 사유 asked of it
        )
    page = html.unescape(viewer.get(reverse("home"), AS_OF).content.decode())
    assert "오류 1건 · 경고 2건 · 참고 2건" in page
    listed = page.split('id="findings-title"')[1]
    assert listed.count("같은 일정으로 보이는 기록이 둘 있습니다") == 1
    assert listed.count("30분 겹칩니다") == 1
