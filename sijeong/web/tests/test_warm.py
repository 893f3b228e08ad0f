"""After a save, the task worker makes the office's dashboard parts again, so that the next
person to open the dashboard does not wait for them (web.middleware.WarmAfterChanges)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sijeong.core.findings import run_checks
from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.web.concurrency import fingerprint
from sijeong.web.sections import latest_data_day
from sijeong.web.tasks import warm_dashboard
from sijeong.web.views import indicator_sections

pytestmark = pytest.mark.django_db


def warmings() -> list[list[object]]:
    return [
        r.args_kwargs["args"]
        for r in DBTaskResult.objects.filter(task_path="sijeong.web.tasks.warm_dashboard")
    ]


def edit(client, briefing, title):
    return client.post(
        reverse("web:edit", args=["media", briefing.pk]),
        {
            "kind": "briefing", "date": "2024-07-11", "title": title, "order": "0",
            "fingerprint": fingerprint(briefing),
        },
    )  # fmt: skip


def test_a_save_queues_the_dashboard_of_its_office_once_committed(
    office, briefing, bob, django_capture_on_commit_callbacks
):
    client = logged_in(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("home"))
        assert warmings() == []  # reading changes nothing
        response = edit(client, briefing, "바뀐 제목")
    assert response.status_code == 302
    assert warmings() == [[office.pk]]


def test_a_refused_save_queues_nothing(briefing, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(logged_in(bob), briefing, "")
    assert response.status_code == 200  # the form again, with its error
    assert warmings() == []


def test_the_warmed_dashboard_parts_are_read_back_without_being_made(seeded):
    briefing = MediaEngagement.objects.filter(office=seeded).first()
    briefing.title = "바뀐 제목"
    briefing.save()
    warm_dashboard.call(seeded.pk)
    with CaptureQueriesContext(connection) as queries:
        day = latest_data_day(seeded, datetime.date.today())
        indicator_sections(seeded, day)
        run_checks(seeded, {day.year})
    # Three marks and three kept answers; nothing made again.
    assert len(queries) <= 6
