"""Dates and numbers in the address that cannot be read are answered 400 in Korean, never 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sijeong.core.testing import logged_in

pytestmark = pytest.mark.django_db

UNREADABLE = "날짜로 읽을 수 없습니다"
OUT_OF_RANGE = "다룰 수 있는 기간"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (reverse("home") + "?as_of=9999-12-31", OUT_OF_RANGE),
        (reverse("home") + "?as_of=0001-01-01", OUT_OF_RANGE),
        (reverse("home") + "?as_of=garbage", UNREADABLE),
        (reverse("home") + "?as_of=2024-02-30", UNREADABLE),
        (reverse("schedule:calendar") + "?month=0001-01", OUT_OF_RANGE),
        (reverse("schedule:calendar") + "?month=9999-12", OUT_OF_RANGE),
        (reverse("schedule:calendar") + "?month=2024-13", UNREADABLE),
        (reverse("schedule:calendar") + "?month=august", UNREADABLE),
        (reverse("schedule:calendar") + "?view=week&date=0001-01-01", OUT_OF_RANGE),
        (reverse("schedule:calendar") + "?view=week&date=9999-12-31", OUT_OF_RANGE),
        (reverse("schedule:calendar") + "?view=week&date=어제", UNREADABLE),
        (reverse("schedule:clashes") + "?date=9999-12-31&start_time=10:00", OUT_OF_RANGE),
        (reverse("schedule:clashes") + "?date=x", UNREADABLE),
        (reverse("web:section", args=["조직·예산"]) + "?as_of=9999-12-31", OUT_OF_RANGE),
        (reverse("web:section", args=["조직·예산"]) + "?as_of=2024-8-31x", UNREADABLE),
    ],
)
def test_an_unreadable_or_far_date_is_a_korean_400(seed_people, url, expected):
    response = logged_in(seed_people["viewer"]).get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "잘못된 요청" in page and expected in page
    assert "주 메뉴" in page  # the page keeps the site's navigation


@pytest.mark.parametrize(
    "url",
    [
        reverse("home") + "?as_of=",
        reverse("home") + "?as_of=2999-12-31",
        reverse("home") + "?as_of=1900-01-01",
        reverse("schedule:calendar") + "?month=2999-12",
        reverse("schedule:calendar") + "?month=1900-01",
        reverse("schedule:calendar") + "?view=week&date=1900-01-01",
        reverse("schedule:clashes") + "?pk=99999999999999999999999&date=2024-08-06",
        reverse("schedule:calendar") + "?domain=99999999999999999999999&kind=x",
        reverse("schedule:list") + "?page=99999999999999999999&sort=nonsense",
        # PostgreSQL refuses a NUL in a string: the search drops it rather than answering 500.
        reverse("schedule:list") + "?q=%00현장",
        reverse("web:records", args=["media"]) + "?q=%00&format=csv",
    ],
)
def test_dates_at_the_edges_and_odd_numbers_still_answer(seed_people, url):
    assert logged_in(seed_people["viewer"]).get(url).status_code == 200
