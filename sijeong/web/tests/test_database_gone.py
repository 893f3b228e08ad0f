"""A database that goes away in the middle of a save: a Korean 503 and nothing half-written."""

from __future__ import annotations

import datetime

import pytest
from django.db import OperationalError, connection
from django.db.models.signals import post_save
from django.urls import reverse

from sijeong.core.testing import logged_in
from sijeong.press.models import MediaEngagement
from sijeong.web.concurrency import fingerprint


def lose_the_database(**kwargs: object) -> None:
    """Called after the record's UPDATE and its history row, before the request commits."""
    if connection.vendor == "postgresql":
        # The server ends this session, as a restart or a failover would.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    else:
        # SQLite is a file that does not go away; its driver's failure is the nearest thing.
        raise OperationalError("disk I/O error")


@pytest.mark.django_db(transaction=True)
def test_a_database_lost_mid_save_is_a_korean_503_and_nothing_is_written(office, department, bob):
    briefing = MediaEngagement.objects.create(
        office=office, department=department, kind="briefing",
        date=datetime.date(2024, 7, 11), title="국가상징공간 조성",
    )  # fmt: skip
    versions = briefing.history.count()
    client = logged_in(bob)
    client.raise_request_exception = False
    post_save.connect(lose_the_database, sender=MediaEngagement)
    try:
        response = client.post(
            reverse("web:edit", args=["media", briefing.pk]),
            {
                "kind": "briefing", "date": "2024-07-11", "title": "바뀐 제목", "order": "0",
                "fingerprint": fingerprint(briefing),
            },
        )  # fmt: skip
    finally:
        post_save.disconnect(lose_the_database, sender=MediaEngagement)
        connection.close()  # the next query opens a new connection

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "잠시 서비스를 쓸 수 없습니다" in page and "저장된 것은 없습니다" in page
    assert "OperationalError" not in page and "Traceback" not in page
    briefing.refresh_from_db()
    assert briefing.title == "국가상징공간 조성"
    assert briefing.history.count() == versions


@pytest.mark.django_db(transaction=True)
def test_a_write_answered_with_a_server_error_is_rolled_back_as_a_whole(office, department):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from sijeong.web.middleware import AtomicWrites

    def half_a_change(request: object) -> HttpResponse:
        MediaEngagement.objects.create(
            office=office, department=department, kind="briefing",
            date=datetime.date(2024, 7, 11), title="절반만 쓴 변경",
        )  # fmt: skip
        return HttpResponse(status=503)

    AtomicWrites(half_a_change)(RequestFactory().post("/"))
    written = MediaEngagement.objects.filter(title="절반만 쓴 변경").exists()
    # On SQLite each write path is atomic in itself instead (sijeong/web/middleware.py).
    assert written is (connection.vendor == "sqlite")
