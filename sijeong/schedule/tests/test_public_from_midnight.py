"""The 2019 disclosure rule on every public path: a public event is on the public schedule, its
CSV, its calendar feed and the anonymous API from 00:00 (Seoul) of its day — and, unless the
office chooses to show it earlier, not before."""

import datetime

import pytest
import time_machine
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from sijeong.schedule.models import SEOUL, Event
from sijeong.schedule.public import public_events, seconds_to_midnight

DAY = datetime.date(2024, 8, 6)
EVE = datetime.datetime(2024, 8, 5, 23, 59, 59, tzinfo=SEOUL)
MIDNIGHT = datetime.datetime(2024, 8, 6, 0, 0, 0, tzinfo=SEOUL)
TITLE = "폭염대비 서울역 쪽방촌 현장점검"


@pytest.fixture(autouse=True)
def _fresh_caches(db):
    cache.clear()
    caches["ratelimit"].clear()


@pytest.fixture
def published(office, department):
    return Event.objects.create(
        office=office, department=department, title=TITLE, kind=Event.Kind.FIELD_VISIT,
        date=DAY, start_time=datetime.time(11, 10), place="서울역", is_public=True,
    )  # fmt: skip


def shown_everywhere() -> dict[str, bool]:
    """Whether the event is in each public answer, read as a citizen reads them."""
    client = Client()
    pages = {
        "schedule": reverse("public:schedule") + "?view=day&date=2024-08-06",
        "month": reverse("public:schedule") + "?month=2024-08",
        "csv": reverse("public:schedule_csv"),
        "ics": "/public/schedule.ics",
    }
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        found[name] = TITLE in response.content.decode("utf-8-sig")
    api = client.get("/api/v1/events/", {"date_from": "2024-08-06"}).json()
    found["api"] = any(item["title"] == TITLE for item in api["items"])
    return found


def test_a_public_event_is_out_at_midnight_of_its_day_and_not_before(published):
    with time_machine.travel(EVE, tick=False):
        assert not any(shown_everywhere().values())
    with time_machine.travel(MIDNIGHT, tick=False):
        assert all(shown_everywhere().values()), shown_everywhere()


def test_the_cached_pages_gain_the_day_without_any_change_to_the_records(published):
    """Each page is made at 23:59:59 and kept; at 00:00 the same address shows the event."""
    url = reverse("public:schedule") + "?month=2024-08"
    with time_machine.travel(EVE, tick=False):
        assert TITLE not in Client().get(url).content.decode()
    with time_machine.travel(MIDNIGHT, tick=False):
        assert TITLE in Client().get(url).content.decode()


def test_an_office_may_show_its_public_events_days_ahead(published, office):
    office.public_days_ahead = 7
    office.save()
    with time_machine.travel(datetime.datetime(2024, 7, 30, 0, 0, tzinfo=SEOUL), tick=False):
        assert all(shown_everywhere().values())
        assert (
            "일정은 그날보다 7일 앞서 공개합니다."
            in Client().get(reverse("public:schedule") + "?month=2024-08").content.decode()
        )
    with time_machine.travel(datetime.datetime(2024, 7, 29, 23, 59, tzinfo=SEOUL), tick=False):
        assert not any(shown_everywhere().values())


def test_every_office_has_its_own_horizon_in_one_answer(published, office, next_door_people):
    busan = next_door_people["admin"].department
    theirs = Event.objects.create(
        office=busan.office, department=busan, title="부산 시민 간담회", kind="talk",
        date=DAY, place="부산시청", is_public=True,
    )  # fmt: skip
    busan.office.public_days_ahead = 1
    busan.office.save()
    assert set(public_events(today=datetime.date(2024, 8, 5))) == {theirs}
    assert set(public_events(today=DAY)) == {published, theirs}


def test_past_public_events_stay_and_private_ones_never_show(published, office, department):
    Event.objects.create(
        office=office, department=department, title="비공개 정책협의", kind="meeting",
        date=datetime.date(2024, 8, 1), place="시장실",
    )  # fmt: skip
    with time_machine.travel(datetime.datetime(2025, 1, 1, tzinfo=SEOUL), tick=False):
        assert [e.title for e in public_events(office)] == [TITLE]


def test_no_shared_copy_of_the_feed_outlives_midnight(published):
    with time_machine.travel(datetime.datetime(2024, 8, 5, 23, 58, 20, tzinfo=SEOUL), tick=False):
        response = Client().get("/public/schedule.ics")
        assert "max-age=100" in response["Cache-Control"]
        assert seconds_to_midnight() == 100
    with time_machine.travel(datetime.datetime(2024, 8, 5, 12, 0, tzinfo=SEOUL), tick=False):
        assert "max-age=300" in Client().get("/public/schedule.ics")["Cache-Control"]
