"""The public pages as a citizen reads them, without an account: what they show, and that no
internal event reaches any page, file or count."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.core.models import Department, Office
from sijeong.reports.actions import finalise
from sijeong.reports.models import Report
from sijeong.schedule.models import Event

SECRET = "비공개 정책협의 (내부)"


@pytest.fixture
def internal(seeded: Office) -> Event:
    """An internal event in the seed's month, beside its public ones."""
    return Event.objects.create(
        office=seeded,
        department=seeded.departments.order_by("pk").first(),
        title=SECRET,
        kind=Event.Kind.MEETING,
        date=datetime.date(2024, 8, 6),
        start_time=datetime.time(9, 0),
        place="시장실",
        is_public=False,
    )


def public_urls() -> list[str]:
    month = "?month=2024-08"
    return [
        reverse("public:index"),
        reverse("public:schedule") + month,
        reverse("public:schedule") + "?view=week&date=2024-08-06",
        reverse("public:schedule") + "?view=day&date=2024-08-06",
        reverse("public:reports"),
        reverse("public:programs"),
        reverse("public:data"),
        reverse("public:schedule_csv"),
        reverse("public:indicators_csv"),
    ]


def test_a_citizen_reads_every_public_page_and_no_internal_event(seeded, internal):
    for url in public_urls():
        response = Client().get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode("utf-8-sig"), url
    month = Client().get(reverse("public:schedule") + "?month=2024-08").content.decode()
    public = Event.objects.filter(office=seeded, is_public=True, date__month=8, date__year=2024)
    assert f"공개 일정 {public.count()}건" in month  # the count leaves the internal one out
    assert public.first().title in month
    rows = Client().get(reverse("public:schedule_csv")).content.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + Event.objects.filter(office=seeded, is_public=True).count()


def test_a_cancelled_public_event_shows_as_cancelled(seeded):
    event = Event.objects.filter(office=seeded, is_public=True).first()
    event.status = Event.Status.CANCELLED
    event.save()
    page = (
        Client()
        .get(reverse("public:schedule") + f"?view=day&date={event.date:%Y-%m-%d}")
        .content.decode()
    )
    assert event.title in page and "(취소)" in page


def test_only_finalised_reports_and_their_frozen_files_are_public(seeded, seed_people):
    report = Report.objects.get(office=seeded)
    url = reverse("public:report_file", args=[report.slug, "pdf"])
    assert (
        "아직 확정된 보고서가 없습니다" in Client().get(reverse("public:reports")).content.decode()
    )
    assert Client().get(url).status_code == 404  # a draft is not published
    reasons = {0: "원문 표기 그대로 보고"}
    finalise(report, seed_people["admin"], reasons)
    page = Client().get(reverse("public:reports")).content.decode()
    assert report.title in page and url in page
    pdf = Client().get(url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.content == bytes(report.frozen_files.get(format="pdf").content)


def test_programme_progress_counts_the_indicators_on_track(seeded):
    page = Client().get(reverse("public:programs")).content.decode()
    assert "목표가 있는 지표" in page and "달성률" in page
    assert "지하철" in page or "역" in page  # the seed's programmes are named there


def test_with_several_offices_a_citizen_chooses_one(seeded, next_door_people):
    busan = Office.objects.get(slug="busan-secretariat")
    Event.objects.create(
        office=busan,
        department=Department.objects.get(office=busan),
        title="부산 시민 간담회",
        kind=Event.Kind.MEETING,
        date=datetime.date(2024, 8, 7),
        place="부산시청",
        is_public=True,
    )
    chooser = Client().get(reverse("public:schedule")).content.decode()
    assert "기관을 고르십시오" in chooser and "busan-secretariat" in chooser
    theirs = (
        Client()
        .get(reverse("public:schedule") + "?office=busan-secretariat&month=2024-08")
        .content.decode()
    )
    assert "부산 시민 간담회" in theirs and "공개 일정 1건" in theirs
    assert Client().get(reverse("public:schedule") + "?office=nowhere").status_code == 404


def test_an_unreadable_month_gets_a_korean_400(seeded):
    response = Client().get(reverse("public:schedule") + "?month=팔월")
    assert response.status_code == 400
    assert "2024-08처럼 적어 주세요" in response.content.decode()


def test_the_open_data_page_explains_every_column_and_the_licence(seeded):
    page = Client().get(reverse("public:data")).content.decode()
    header = Client().get(reverse("public:schedule_csv")).content.decode("utf-8-sig")
    for column in header.splitlines()[0].split(","):
        assert f'<th scope="row">{column}</th>' in page
    assert "공공누리 제1유형" in page


def test_a_page_served_from_the_cache_follows_every_change(seeded):
    url = reverse("public:schedule") + "?month=2024-08"
    event = Event.objects.filter(office=seeded, is_public=True, date__month=8).first()
    assert event.title in Client().get(url).content.decode()
    event.title = "바뀐 일정명"
    event.save()
    assert "바뀐 일정명" in Client().get(url).content.decode()
    event.is_public = False
    event.save()
    assert "바뀐 일정명" not in Client().get(url).content.decode()
