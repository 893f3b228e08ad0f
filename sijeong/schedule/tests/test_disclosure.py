"""공개 현황: per month of a year, events published, kept private and why, each count a link to
those events; for signed-in staff only."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.schedule.actions import add_default_privacy_reasons
from sijeong.schedule.models import Event
from sijeong.schedule.public import disclosure_counts

URL = reverse("schedule:disclosure")


@pytest.fixture
def year_of_events(office, department):
    """August 2024: 3 public (one cancelled), 2 private for 경호, 1 for 내부 회의, 1 without a
    reason; September: 1 public. July 2025: 1 private, another year."""
    reasons = {r.text: r for r in add_default_privacy_reasons(office)}
    security, internal = reasons["경호·안전상 사유"], reasons["내부 회의"]

    def make(day, title, **fields):
        return Event.objects.create(
            office=office, department=department, title=title, kind="meeting",
            date=day, place="본관", **fields,
        )  # fmt: skip

    august = datetime.date(2024, 8, 6)
    for n in range(3):
        make(august, f"공개 {n}", is_public=True, status="cancelled" if n == 0 else "done")
    make(august, "경호 1", privacy_reason=security)
    make(august, "경호 2", privacy_reason=security)
    make(august, "내부", privacy_reason=internal)
    make(august, "사유 없음")
    make(datetime.date(2024, 9, 2), "9월 공개", is_public=True)
    make(datetime.date(2025, 7, 1), "다음 해", privacy_reason=internal)
    return reasons


def test_the_counts_per_month(office, year_of_events):
    counts = {m.month: m for m in disclosure_counts(office, 2024)}
    august = counts[8]
    assert (august.total, august.public, august.private, august.without_reason) == (7, 3, 4, 1)
    security, internal = year_of_events["경호·안전상 사유"], year_of_events["내부 회의"]
    assert august.by_reason == {security.pk: 2, internal.pk: 1}
    assert (counts[9].public, counts[9].private) == (1, 0)
    assert sum(m.total for m in counts.values()) == 8


def cells(page: str, label: str) -> list[str]:
    row = re.search(rf"<th scope=\"row\">{label}</th>(.*?)</tr>", page, re.S)
    assert row is not None, label
    return re.findall(r'<td class="number">(.*?)</td>', row[1])


def titles(page: str) -> list[str]:
    """The events a list page shows, by title, in date order."""
    return sorted(
        re.findall(r'<span class="visually-hidden"> ([^<]+)</span>', page),
        key=lambda t: (t.startswith("9월"), t),
    )


def test_the_page_links_each_count_to_its_events(dave, year_of_events):
    client = logged_in(dave)
    page = client.get(URL, {"year": "2024"}).content.decode()
    # 전체, 공개, 비공개 계, the five reasons of the list, 사유 없음.
    august = cells(page, "8월")
    counts = [re.sub(r"<[^>]+>", "", cell) for cell in august]
    assert counts == ["7", "3", "4", "2", "1", "0", "0", "0", "1"]
    assert cells(page, "계")[0].endswith(">8</a>")
    security = year_of_events["경호·안전상 사유"]
    link = re.search(r'href="([^"]+)"', august[3])[1].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert titles(listed) == ["경호 1", "경호 2"]
    assert f"reason={security.pk}" in link and "period=2024-08" in link
    without = re.search(r'href="([^"]+)"', august[-1])[1].replace("&amp;", "&")
    listed = client.get(without).content.decode()
    assert titles(listed) == ["사유 없음"]


def test_the_year_total_links_to_the_whole_year(dave, year_of_events):
    client = logged_in(dave)
    page = client.get(URL, {"year": "2024"}).content.decode()
    link = re.search(r'href="([^"]+)"', cells(page, "계")[1])[1].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert titles(listed) == ["공개 0", "공개 1", "공개 2", "9월 공개"]


def test_the_page_opens_on_the_latest_year_with_events(dave, year_of_events):
    page = logged_in(dave).get(URL).content.decode()
    assert "<h1>일정 공개 현황 <span>2025년</span></h1>" in page


def test_it_is_for_staff_only(year_of_events):
    response = Client().get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("year", ["이천이십사", "９" * 4, "9" * 5000, "1899", "3000"])
def test_a_year_that_cannot_be_read_is_a_korean_400(dave, year):
    response = logged_in(dave).get(URL, {"year": year})
    assert response.status_code == 400
    assert "2024처럼 적어 주세요" in response.content.decode()


def test_the_office_next_door_sees_only_its_own(next_door_people, year_of_events):
    page = logged_in(next_door_people["viewer"]).get(URL, {"year": "2024"}).content.decode()
    assert cells(page, "계")[0] == "0"


@pytest.mark.parametrize("period", ["팔월", "2024-13", "0000-01", "3000-01", "９９９９"])
def test_an_unreadable_period_in_the_list_says_so(dave, period):
    response = logged_in(dave).get(reverse("schedule:list"), {"period": period})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist" role="alert">기간' in page
