"""Saving one record at once: one save wins, every other is refused in Korean with its input
kept — never a 500, never a save that skipped the check."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.schedule.models import Event
from sijeong.web.concurrency import BUSY_MESSAGE, STALE_MESSAGE, UNSEEN_MESSAGE, fingerprint

SAVERS = 15


@pytest.fixture
def event(office, department):
    return Event.objects.create(
        office=office, department=department, title="폭염대비 현장점검",
        kind=Event.Kind.FIELD_VISIT, date=datetime.date(2024, 8, 6), place="서울역",
    )  # fmt: skip


def briefing_data(**changes):
    values = {"kind": "briefing", "date": "2024-07-11", "title": "국가상징공간 조성", "order": "0"}
    return values | changes


def event_data(**changes):
    values = {
        "title": "폭염대비 현장점검", "kind": "field_visit", "date": "2024-08-06",
        "start_time": "", "end_time": "", "place": "서울역", "status": "planned",
        "attendance": "in_person",
    }  # fmt: skip
    return values | changes


@pytest.mark.parametrize("posted", [{}, {"fingerprint": ""}], ids=["missing", "empty"])
def test_a_record_saved_without_the_fingerprint_it_was_shown_with_is_refused(bob, briefing, posted):
    url = reverse("web:edit", args=["media", briefing.pk])
    response = logged_in(bob).post(url, briefing_data(title="지문 없이 고친 제목") | posted)
    page = response.content.decode()
    assert response.status_code == 409 and UNSEEN_MESSAGE in page
    assert 'value="지문 없이 고친 제목"' in page
    briefing.refresh_from_db()
    assert briefing.title == "국가상징공간 조성"
    # The form now carries what is saved, so saving it again after a look goes through.
    again = logged_in(bob).post(url, dict(response.context["form"].data.items()))
    assert again.status_code == 302


@pytest.mark.parametrize("posted", [{}, {"fingerprint": ""}], ids=["missing", "empty"])
def test_an_event_saved_without_the_fingerprint_it_was_shown_with_is_refused(bob, event, posted):
    url = reverse("schedule:edit", args=[event.pk])
    response = logged_in(bob).post(url, event_data(title="지문 없이 고친 일정") | posted)
    page = response.content.decode()
    assert response.status_code == 409 and UNSEEN_MESSAGE in page
    assert 'value="지문 없이 고친 일정"' in page
    event.refresh_from_db()
    assert event.title == "폭염대비 현장점검"


def test_a_new_record_needs_no_fingerprint(bob):
    response = logged_in(bob).post(reverse("web:create", args=["media"]), briefing_data())
    assert response.status_code == 302 and MediaEngagement.objects.count() == 1


def test_a_save_that_waited_too_long_for_the_lock_is_refused_not_a_500(bob, briefing, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(MediaEngagement, "save", locked)
    url = reverse("web:edit", args=["media", briefing.pk])
    posted = briefing_data(title="잠겨서 못 고친 제목", fingerprint=fingerprint(briefing))
    response = logged_in(bob).post(url, posted)
    page = response.content.decode()
    assert response.status_code == 409 and BUSY_MESSAGE in page
    assert 'value="잠겨서 못 고친 제목"' in page


def test_a_broken_database_is_not_passed_off_as_a_busy_one(bob, briefing, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(MediaEngagement, "save", broken)
    url = reverse("web:edit", args=["media", briefing.pk])
    posted = briefing_data(fingerprint=fingerprint(briefing))
    with pytest.raises(OperationalError):
        logged_in(bob).post(url, posted)


@pytest.mark.django_db(transaction=True)
def test_fifteen_simultaneous_saves_of_one_record_make_one_winner_and_no_500(bob, briefing):
    url = reverse("web:edit", args=["media", briefing.pk])
    shown = fingerprint(briefing)
    clients = []
    for _ in range(SAVERS):
        client = Client(raise_request_exception=False)
        client.force_login(bob)
        clients.append(client)
    start = threading.Barrier(SAVERS)
    answers: dict[int, tuple[int, str]] = {}

    def save(i: int) -> None:
        try:
            start.wait()
            posted = briefing_data(title=f"편집자 {i}의 제목", fingerprint=shown)
            response = clients[i].post(url, posted)
            answers[i] = (response.status_code, response.content.decode())
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=save, args=(i,)) for i in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in answers.values())
    assert statuses == [302] + [409] * (SAVERS - 1)
    (winner,) = (i for i, (status, _) in answers.items() if status == 302)
    for i, (status, page) in answers.items():
        if status == 409:
            assert STALE_MESSAGE in page and f'value="편집자 {i}의 제목"' in page
    briefing.refresh_from_db()
    assert briefing.title == f"편집자 {winner}의 제목"
    assert briefing.history.count() == 2  # created, then changed once
