"""Calendar feeds: the public schedule and a user's private feed, read back by two parsers."""

from __future__ import annotations

import datetime
import logging
import warnings

import icalendar
import pytest
import vobject
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sijeong.core.models import Department, Office
from sijeong.core.testing import logged_in
from sijeong.feeds.models import FeedToken, token_hash
from sijeong.schedule.models import SEOUL, Domain, Event
from sijeong.schedule.public import public_events

PUBLIC = "/public/schedule.ics"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    # The rate limits count in a database cache, which a test with live server outlives.
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def _event(department: Department, title: str, **fields) -> Event:
    values = {
        "office": department.office,
        "department": department,
        "title": title,
        "kind": Event.Kind.FIELD_VISIT,
        "date": datetime.date(2024, 8, 5),
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(11, 30),
        "place": "서울역",
        "district": "중구",
        "summary": "폭염 대비 현장 점검",
        "is_public": True,
    }
    values.update(fields)
    return Event.objects.create(**values)


class _Complaints(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _read(body: bytes) -> icalendar.Calendar:
    """The feed read by icalendar and by vobject, neither of which may complain: no warning,
    no log record of WARNING or above, no error kept on a component."""
    complaints = _Complaints()
    root = logging.getLogger()
    root.addHandler(complaints)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            calendar = icalendar.Calendar.from_ical(body)
            parsed = vobject.readOne(body.decode("utf-8"), validate=True)
            parsed.serialize()
    finally:
        root.removeHandler(complaints)
    assert caught == [], [str(w.message) for w in caught]
    assert complaints.records == [], [r.getMessage() for r in complaints.records]
    assert not calendar.errors
    for component in calendar.walk():
        assert not component.errors, component.errors
    assert len(getattr(parsed, "vevent_list", [])) == len(calendar.events)
    return calendar


def _feed(client: Client, url: str = PUBLIC, **params: str) -> icalendar.Calendar:
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return _read(response.content)


def _by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.events}


def _uid(event: Event) -> str:
    return f"event-{event.pk}@{event.office.slug}.sijeong"


def test_the_seed_feed_parses_back_with_both_readers(seeded: Office) -> None:
    calendar = _feed(Client())
    assert len(calendar.events) == public_events(seeded).count() > 0
    assert str(calendar["X-WR-CALNAME"]) == f"{seeded} 공개 일정"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Seoul"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    assert str(calendar["CALSCALE"]) == "GREGORIAN"


def test_an_internal_event_is_nowhere_in_the_public_feed(department: Department) -> None:
    shown = _event(department, "공개 현장방문")
    hidden = _event(department, "비공개 간담회 칠성사이다", is_public=False)
    response = Client().get(PUBLIC)
    body = response.content.decode()
    assert "칠성사이다" not in body
    assert _uid(hidden) not in body
    assert body.count("BEGIN:VEVENT") == 1
    assert set(_by_uid(_read(response.content))) == {_uid(shown)}


def test_a_change_raises_sequence_and_last_modified_and_keeps_the_uid(
    department: Department,
) -> None:
    event = _event(department, "현장방문")
    # As if made yesterday: LAST-MODIFIED counts whole seconds.
    event.history.update(history_date=datetime.datetime.now(datetime.UTC) - datetime.timedelta(1))
    before = _by_uid(_feed(Client()))[_uid(event)]
    assert before["SEQUENCE"] == 0

    event.title = "현장방문 (장소 변경)"
    event.save()
    after = _by_uid(_feed(Client()))[_uid(event)]

    assert str(after["SUMMARY"]) == "현장방문 (장소 변경)"
    assert after["SEQUENCE"] == 1
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt
    assert after["DTSTAMP"].dt == after["LAST-MODIFIED"].dt


def test_status_follows_the_event(department: Department) -> None:
    cancelled = _event(department, "취소된 행사", status=Event.Status.CANCELLED)
    planned = _event(department, "예정 행사", status=Event.Status.PLANNED)
    done = _event(department, "마친 행사", status=Event.Status.DONE)
    events = _by_uid(_feed(Client()))
    assert events[_uid(cancelled)]["STATUS"] == "CANCELLED"
    assert events[_uid(planned)]["STATUS"] == "TENTATIVE"
    assert events[_uid(done)]["STATUS"] == "CONFIRMED"


def test_times_are_in_seoul_with_a_vtimezone(department: Department) -> None:
    event = _event(department, "현장방문")
    response = Client().get(PUBLIC)
    calendar = _read(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]
    assert b"DTSTART;TZID=Asia/Seoul:20240805T100000" in response.content
    item = _by_uid(calendar)[_uid(event)]
    assert item["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert item["DTSTART"].dt == datetime.datetime(2024, 8, 5, 10, tzinfo=SEOUL)
    assert item["DTEND"].dt == datetime.datetime(2024, 8, 5, 11, 30, tzinfo=SEOUL)
    assert str(item["LOCATION"]) == "서울역(중구)"
    assert str(item["DESCRIPTION"]) == "폭염 대비 현장 점검"


def test_an_event_without_a_time_is_a_whole_day(department: Department) -> None:
    untimed = _event(department, "하루 행사", start_time=None, end_time=None)
    malformed = _event(department, "시각 오류", start_time=None, end_time=None, time_text="14:1")
    events = _by_uid(_feed(Client()))
    for event in (untimed, malformed):
        item = events[_uid(event)]
        assert item["DTSTART"].params.get("VALUE") == "DATE"
        assert item["DTSTART"].dt == datetime.date(2024, 8, 5)
        assert item["DTEND"].dt == datetime.date(2024, 8, 6)


def test_an_event_without_an_end_lasts_the_default_duration(
    department: Department, settings
) -> None:
    settings.SIJEONG_DEFAULT_EVENT_MINUTES = 45
    event = _event(department, "인터뷰", end_time=None)
    item = _by_uid(_feed(Client()))[_uid(event)]
    assert item["DTEND"].dt == datetime.datetime(2024, 8, 5, 10, 45, tzinfo=SEOUL)


def test_categories_and_the_domain_filter(department: Department) -> None:
    safety = Domain.objects.create(office=department.office, name="안전")
    Domain.objects.create(office=department.office, name="민생")
    in_safety = _event(department, "안전 점검", domain=safety)
    _event(department, "분야 없는 행사")
    calendar = _feed(Client(), domain="안전")
    assert set(_by_uid(calendar)) == {_uid(in_safety)}
    assert calendar.events[0].categories == ["안전"]

    response = Client().get(PUBLIC, {"domain": "없는 분야"})
    assert response.status_code == 404
    assert "안전, 민생" in response.content.decode()


def test_with_several_offices_the_office_must_be_chosen(
    department: Department, next_door_people
) -> None:
    ours = _event(department, "우리 기관 행사")
    response = Client().get(PUBLIC)
    assert response.status_code == 400
    text = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "busan-secretariat" in text and "test-office" in text

    calendar = _feed(Client(), office="test-office")
    assert set(_by_uid(calendar)) == {_uid(ours)}
    assert len(_feed(Client(), office="busan-secretariat").events) == 0
    assert Client().get(PUBLIC, {"office": "nowhere"}).status_code == 404


def test_a_repeated_request_is_answered_not_modified(department: Department) -> None:
    event = _event(department, "현장방문")
    client = Client()
    first = client.get(PUBLIC)
    assert first["ETag"] and first["Last-Modified"]
    assert "inline" in first["Content-Disposition"]

    again = client.get(PUBLIC, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""

    event.title = "현장방문 (변경)"
    event.save()
    changed = client.get(PUBLIC, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_deletion_is_never_hidden_behind_if_modified_since(department: Department) -> None:
    _event(department, "남는 행사")
    gone = _event(department, "지워질 행사")
    first = Client().get(PUBLIC)
    gone.delete()
    response = Client().get(PUBLIC, headers={"if-modified-since": first["Last-Modified"]})
    assert response.status_code == 200
    assert "지워질 행사" not in response.content.decode()


def test_too_many_requests_from_one_address_are_refused(department: Department, settings) -> None:
    settings.SIJEONG_FEED_RATE = "3/m"
    client = Client()
    assert [client.get(PUBLIC).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(PUBLIC)
    assert refused.status_code == 429
    assert "요청이 너무 많습니다" in refused.content.decode()
    # Another address is counted on its own.
    assert client.get(PUBLIC, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_feed_takes_the_same_queries_for_any_number_of_events(department: Department) -> None:
    def feed_queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            Client().get(PUBLIC)
        # The rate limit's counter lives in the database cache (its queries and the savepoint
        # around its write); it is not the feed's work.
        sql = [q["sql"] for q in captured.captured_queries]
        return [q for q in sql if "sijeong_ratelimit" not in q and "SAVEPOINT" not in q]

    for n in range(3):
        _event(department, f"행사 {n}")
    few = feed_queries()
    assert len(few) <= 2
    for n in range(20):
        event = _event(department, f"추가 행사 {n}")
        event.save()
    assert len(feed_queries()) == len(few)


# The private feed.


def _token(user, label: str = "내 아이폰") -> tuple[FeedToken, str]:
    return FeedToken.issue(user, label)


def test_bobs_private_feed_holds_his_offices_internal_events_and_none_next_door(
    bob, department: Department, next_door_people
) -> None:
    public = _event(department, "공개 행사")
    internal = _event(department, "내부 회의", is_public=False)
    busan = next_door_people["editor"].department
    theirs = _event(busan, "부산 행사")
    theirs_internal = _event(busan, "부산 내부 회의", is_public=False)
    _, secret = _token(bob)

    response = Client().get(f"/feeds/{secret}.ics")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    events = _by_uid(_read(response.content))
    assert set(events) == {_uid(public), _uid(internal)}
    assert str(events[_uid(internal)]["SUMMARY"]) == "내부 회의 (비공개)"
    assert events[_uid(internal)]["CLASS"] == "CONFIDENTIAL"
    assert events[_uid(public)]["CLASS"] == "PUBLIC"
    assert _uid(theirs) not in response.content.decode()
    assert _uid(theirs_internal) not in response.content.decode()


def test_a_revoked_unknown_or_inactive_token_is_not_found(bob, dave) -> None:
    revoked, revoked_secret = _token(bob)
    revoked.revoke()
    _, inactive_secret = _token(dave)
    dave.is_active = False
    dave.save()
    answers = [
        Client().get(f"/feeds/{secret}.ics")
        for secret in (revoked_secret, "not-a-token-at-all", inactive_secret)
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len({a.content for a in answers}) == 1


def test_only_the_hash_of_a_token_is_kept(bob) -> None:
    feed_token, secret = _token(bob)
    feed_token.refresh_from_db()
    assert feed_token.token_hash == token_hash(secret) != secret
    assert len(secret) >= 40


def test_last_used_is_written_at_most_once_a_minute(bob, department: Department) -> None:
    feed_token, secret = _token(bob)
    client = Client()
    client.get(f"/feeds/{secret}.ics")
    feed_token.refresh_from_db()
    first_use = feed_token.last_used
    assert first_use is not None
    client.get(f"/feeds/{secret}.ics")
    feed_token.refresh_from_db()
    assert feed_token.last_used == first_use

    FeedToken.objects.filter(pk=feed_token.pk).update(
        last_used=first_use - datetime.timedelta(minutes=2)
    )
    client.get(f"/feeds/{secret}.ics")
    feed_token.refresh_from_db()
    assert feed_token.last_used > first_use


# The page of one's feeds.


def test_the_page_needs_a_login() -> None:
    response = Client().get(reverse("feeds:manage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("person", ["alice", "bob", "dave", "erin"])
def test_every_role_makes_a_feed_that_works(person: str, request) -> None:
    user = request.getfixturevalue(person)
    client = logged_in(user)
    page = client.get(reverse("feeds:manage"))
    assert page.status_code == 200
    assert "http://testserver/public/schedule.ics" in page.content.decode()

    response = client.post(reverse("feeds:create"), {"label": "내 아이폰"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    feed_token = FeedToken.objects.get(user=user)
    url = response.context["new_url"]
    assert url.startswith("http://testserver/feeds/") and url.endswith(".ics")
    text = response.content.decode()
    assert url in text
    assert "URL로 추가" in text and "구독 캘린더 추가" in text
    assert token_hash(url.rsplit("/", 1)[1].removesuffix(".ics")) == feed_token.token_hash
    assert Client().get(url).status_code == 200
    # Shown once: the page does not show it again.
    assert url not in client.get(reverse("feeds:manage")).content.decode()


def test_revoking_from_the_page(bob) -> None:
    feed_token, secret = _token(bob)
    client = logged_in(bob)
    response = client.post(reverse("feeds:revoke", args=[feed_token.pk]), follow=True)
    assert "폐기했습니다" in response.content.decode()
    assert "폐기됨" in response.content.decode()
    feed_token.refresh_from_db()
    assert feed_token.revoked_at is not None
    assert Client().get(f"/feeds/{secret}.ics").status_code == 404


def test_nobody_revokes_someone_elses_feed(bob, dave) -> None:
    feed_token, _ = _token(bob)
    response = logged_in(dave).post(reverse("feeds:revoke", args=[feed_token.pk]))
    assert response.status_code == 404
    feed_token.refresh_from_db()
    assert feed_token.is_active


def test_a_label_is_required(bob) -> None:
    response = logged_in(bob).post(reverse("feeds:create"), {"label": " "})
    assert response.status_code == 200
    assert "new_url" not in response.context
    assert not FeedToken.objects.exists()


def test_posts_need_the_csrf_token(bob) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert client.post(reverse("feeds:create"), {"label": "x"}).status_code == 403
