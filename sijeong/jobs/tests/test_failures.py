"""A job whose task breaks says so in Korean, never with a traceback; a job no worker took
says since when it waits."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend

from sijeong.core.testing import logged_in
from sijeong.jobs.models import Job
from sijeong.reports import tasks
from sijeong.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_task_that_raises_fails_the_job_with_a_korean_message(
    seeded, seed_people, worker, monkeypatch, caplog
):
    def broken(report, fmt):
        raise RuntimeError("the writer broke")

    monkeypatch.setattr(tasks, "write", broken)
    client = logged_in(seed_people["editor"])
    client.post(
        reverse("reports:build"),
        {"reports": [Report.objects.get(office=seeded).pk], "formats": ["pdf", "md"]},
    )
    with caplog.at_level(logging.ERROR):
        worker()
    job = Job.objects.get()
    assert (job.status, job.done) == ("failed", 0)
    assert job.error.startswith("작업 중 예상하지 못한 오류가 나서 멈췄습니다.")
    assert f"{job.pk}번" in job.error
    assert "RuntimeError" in caplog.text  # the traceback is in the log …
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "실패" in page and job.error in page
    assert "Traceback" not in page and "RuntimeError" not in page  # … and not on the page
    assert default_task_backend.get_result(job.task_id).status == TaskResultStatus.FAILED
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_report_deleted_while_queued_is_said_in_korean(seeded, seed_people, worker):
    report = Report.objects.get(office=seeded)
    client = logged_in(seed_people["admin"])
    client.post(reverse("reports:build"), {"reports": [report.pk], "formats": ["md"]})
    report.delete()
    worker()
    job = Job.objects.get()
    assert job.status == "failed"
    assert job.error == "고른 보고서 1건이 그사이 지워졌습니다. 목록에서 다시 골라 주세요."


def test_a_job_no_worker_took_shows_since_when_it_waits(seeded, seed_people):
    client = logged_in(seed_people["viewer"])
    client.post(
        reverse("reports:build"),
        {"reports": [Report.objects.get(office=seeded).pk], "formats": ["md"]},
    )
    job = Job.objects.get()
    queued = timezone.now() - datetime.timedelta(minutes=10)
    Job.objects.filter(pk=job.pk).update(created_at=queued)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "대기 중" in page
    assert f"{timezone.localtime(queued):%Y. %-m. %-d. %H:%M:%S}에 대기열에 넣었습니다." in page
    assert "작업자가 멈췄을 수 있으니 관리자에게 알려 주세요." in page
    assert 'hx-trigger="every 1s"' in page


def test_a_running_job_whose_worker_died_says_since_when_it_is_silent(seeded, seed_people):
    client = logged_in(seed_people["viewer"])
    client.post(
        reverse("reports:build"),
        {"reports": [Report.objects.get(office=seeded).pk], "formats": ["md"]},
    )
    silent = timezone.now() - datetime.timedelta(minutes=30)
    Job.objects.update(status=Job.Status.RUNNING, started_at=silent, updated_at=silent)
    page = client.get(reverse("jobs:detail", args=[Job.objects.get().pk])).content.decode()
    assert "진행 중" in page
    assert f"마지막 진행 {timezone.localtime(silent):%H:%M:%S}" in page
    assert "작업자)이 멈췄을 수 있으니" in page
