"""Who sees a job and its file: its office's staff; the file only to whom may read what it
holds; another office's people find nothing there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.core.testing import logged_in
from sijeong.jobs.models import Job
from sijeong.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def job(seeded, seed_people, worker) -> Job:
    logged_in(seed_people["editor"]).post(
        reverse("reports:build"),
        {"reports": [Report.objects.get(office=seeded).pk], "formats": ["md"]},
    )
    worker()
    return Job.objects.get(status="done")


def paths(job: Job) -> list[str]:
    return [
        reverse("jobs:detail", args=[job.pk]),
        reverse("jobs:download", args=[job.pk]),
    ]


def test_every_role_of_the_office_sees_the_job_and_downloads_its_reports(job, seed_people):
    # Every role reads reports (열람자 included), so every role may have the file.
    for role in ("admin", "planner", "editor", "viewer"):
        client = logged_in(seed_people[role])
        assert [client.get(p).status_code for p in paths(job)] == [200, 200], role
        assert f"#{job.pk}" in client.get(reverse("jobs:list")).content.decode(), role


def test_the_office_next_door_finds_nothing(job, next_door_people):
    for role in ("admin", "editor", "viewer"):
        client = logged_in(next_door_people[role])
        assert [client.get(p).status_code for p in paths(job)] == [404, 404], role
        assert f"#{job.pk}" not in client.get(reverse("jobs:list")).content.decode(), role


def test_a_person_of_the_office_without_the_right_to_read_reports_gets_no_file(job, seeded):
    department = seeded.departments.order_by("pk").first()
    nobody = User.objects.create_user(username="no-role", department=department)
    client = logged_in(nobody)
    assert client.get(paths(job)[0]).status_code == 200
    assert "내려받을 권한이 없습니다" in client.get(paths(job)[0]).content.decode()
    assert client.get(paths(job)[1]).status_code == 403
    nobody.user_permissions.add(Permission.objects.get(codename="view_report"))
    assert logged_in(User.objects.get(pk=nobody.pk)).get(paths(job)[1]).status_code == 200


def test_a_visitor_is_sent_to_log_in(job):
    for path in [reverse("jobs:list"), *paths(job)]:
        response = Client().get(path)
        assert response.status_code == 302 and "/login/" in response.url


def test_a_visitor_cannot_start_a_build(seeded):
    response = Client().post(reverse("reports:build"), {"formats": ["md"]})
    assert response.status_code == 302 and "/login/" in response.url
    assert not Job.objects.exists()
