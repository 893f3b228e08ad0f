"""Editing an event whose time was written malformed (`14:1`, kept in `time_text`): the form
shows what was written, refuses to save until a valid time replaces it, and never drops it."""

import datetime
import re

import pytest
from django.urls import reverse

from sijeong.core.findings import run_checks
from sijeong.core.testing import logged_in
from sijeong.schedule.models import Event

REFUSAL = "&#x27;14:1&#x27;은 시각이 아닙니다. 14:10처럼 적어 주세요."


@pytest.fixture
def malformed(office, department):
    """As the importer stores `14:1`: no start time, the text as written."""
    return Event.objects.create(
        office=office,
        department=department,
        title="업무협약식",
        kind=Event.Kind.AGREEMENT,
        date=datetime.date(2024, 8, 26),
        time_text="14:1",
        place="서울시청 본관",
        is_public=True,
    )


def form_data(client, url, **changes):
    data = {
        "title": "업무협약식",
        "kind": "agreement",
        "date": "2024-08-26",
        "start_time": "14:1",
        "end_time": "",
        "place": "서울시청 본관",
        "status": "planned",
        "attendance": "in_person",
        "fingerprint": client.get(url).context["form"]["fingerprint"].value(),
    }
    data.update(changes)
    return data


def test_the_form_opens_with_the_time_as_written(bob, malformed):
    response = logged_in(bob).get(reverse("schedule:edit", args=[malformed.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    # A text input: a time input would show `14:1` as empty.
    [start] = re.findall(r'<input[^>]*name="start_time"[^>]*>', page)
    assert start.startswith('<input type="text" name="start_time" value="14:1"')
    assert start.count("type=") == 1
    assert "원문에 적힌 시각: &#x27;14:1&#x27;. 올바른 시각으로 고쳐 적어 주세요." in page
    assert 'type="time" name="end_time"' in page  # nothing was written for the end


@pytest.mark.parametrize("start", ["14:1", ""])
def test_saving_is_refused_until_a_valid_time_is_given(bob, malformed, start):
    client = logged_in(bob)
    url = reverse("schedule:edit", args=[malformed.pk])
    response = client.post(url, form_data(client, url, start_time=start, title="협약식"))
    page = response.content.decode()
    assert response.status_code == 200 and REFUSAL in page
    assert 'name="start_time" value="14:1"' in page or start == ""
    malformed.refresh_from_db()
    assert (malformed.title, malformed.start_time, malformed.time_text) == (
        "업무협약식",
        None,
        "14:1",
    )


def test_a_valid_time_is_saved_and_replaces_what_was_written(bob, malformed, office):
    client = logged_in(bob)
    url = reverse("schedule:edit", args=[malformed.pk])
    response = client.post(url, form_data(client, url, start_time="14:10"))
    assert response.status_code == 302
    malformed.refresh_from_db()
    assert (malformed.start_time, malformed.time_text) == (datetime.time(14, 10), "")
    assert [f.code for f in run_checks(office)] == []  # the finding is resolved
    form = client.get(url).content.decode()
    assert 'type="time" name="start_time" value="14:10"' in form


def test_a_written_range_keeps_both_parts(bob, malformed):
    malformed.time_text = "14:00~15:3"
    malformed.save()
    client = logged_in(bob)
    url = reverse("schedule:edit", args=[malformed.pk])
    page = client.get(url).content.decode()
    assert 'name="start_time" value="14:00"' in page and 'name="end_time" value="15:3"' in page
    emptied = client.post(url, form_data(client, url, start_time="14:00", end_time=""))
    assert "&#x27;15:3&#x27;은 시각이 아닙니다." in emptied.content.decode()
    fixed = client.post(url, form_data(client, url, start_time="14:00", end_time="15:30"))
    assert fixed.status_code == 302
    malformed.refresh_from_db()
    assert (malformed.start_time, malformed.end_time, malformed.time_text) == (
        datetime.time(14),
        datetime.time(15, 30),
        "",
    )


def test_a_new_event_s_malformed_time_is_refused_not_guessed(bob, department):
    # Django alone would read `9:5` as 09:05; the app never guesses a malformed time.
    client = logged_in(bob)
    url = reverse("schedule:create")
    data = form_data(client, url, start_time="9:5", title="간담회")
    del data["fingerprint"]
    page = client.post(url, data).content.decode()
    assert "&#x27;9:5&#x27;는 시각이 아닙니다. 14:10처럼 적어 주세요." in page
    assert not Event.objects.filter(title="간담회").exists()
    data["start_time"] = "9:05"
    assert client.post(url, data).status_code == 302
    assert Event.objects.get(title="간담회").start_time == datetime.time(9, 5)
