"""Many reports built at once: queued from the reports page, run by the real worker, one ZIP
of Korean-named files that open as what they say they are."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sijeong.core.testing import logged_in
from sijeong.jobs.models import Job
from sijeong.reports.models import Report

from .conftest import final_report

# The worker runs in its own transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

STARTS = {
    "hwpx": b"PK\x03\x04",
    "docx": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "html": b"<!DOCTYPE html>",
    "md": "검토용 초안".encode(),  # a draft says so on its first line
}


def start(client, reports, formats):
    return client.post(
        reverse("reports:build"), {"reports": [r.pk for r in reports], "formats": formats}
    )


def zip_of(client, job: Job) -> zipfile.ZipFile:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_draft_and_a_final_report_in_every_format_make_one_zip(seeded, seed_people, worker):
    draft = Report.objects.get(office=seeded)
    final = final_report(seeded)
    client = logged_in(seed_people["viewer"])
    response = start(client, [draft, final], list(STARTS))
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.done, job.total, job.task_id != "") == ("queued", 0, 10, True)
    assert "대기 중" in client.get(response.url).content.decode()

    worker()

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.error) == ("done", 10, 10, "")
    assert job.result.name == f"jobs/{job.pk}/reports-{job.pk}.zip"
    archive = zip_of(client, job)
    names = archive.namelist()
    assert len(names) == 10
    for fmt, start_bytes in STARTS.items():
        draft_name = f"{draft.title}_{draft.issued:%Y-%m}_{seeded.name}_검토용.{fmt}"
        assert archive.read(draft_name).startswith(start_bytes), fmt
        # A finalised report is its frozen file, byte for byte.
        assert archive.read(f"상반기보고_2024-06_{seeded.name}.{fmt}") == f"frozen {fmt}".encode()
    # The names are Korean in the archive itself (UTF-8 flag), not only in the listing.
    assert all(info.flag_bits & 0x800 for info in archive.infolist())
    assert [item["name"] for item in job.items] == names
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert all(name in page for name in names)
    assert "완료" in page and "10 / 10" in page and reverse("jobs:download", args=[job.pk]) in page


def test_the_page_polls_while_the_job_runs_and_stops_when_it_is_done(seeded, seed_people, worker):
    client = logged_in(seed_people["editor"])
    start(client, [Report.objects.get(office=seeded)], ["md"])
    job = Job.objects.get()
    url = reverse("jobs:detail", args=[job.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    worker()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "완료" in fragment and "1 / 1" in fragment


def test_two_reports_of_one_name_do_not_overwrite_each_other(seeded, seed_people, worker):
    first = final_report(seeded, "first")
    second = final_report(seeded, "second")
    start(logged_in(seed_people["admin"]), [first, second], ["md"])
    worker()
    names = zip_of(logged_in(seed_people["admin"]), Job.objects.get()).namelist()
    assert names == [
        f"상반기보고_2024-06_{seeded.name}.md",
        f"상반기보고_2024-06_{seeded.name} (2).md",
    ]


def test_nothing_chosen_is_a_korean_message_and_no_job(seeded, seed_people):
    client = logged_in(seed_people["editor"])
    response = start(client, [], ["pdf"])
    assert response.url == reverse("reports:list")
    page = client.get(response.url).content.decode()
    assert "작성할 보고서를 하나 이상 골라 주세요." in page
    assert not Job.objects.exists()


def test_the_list_offers_the_office_s_reports_to_build(seeded, seed_people, next_door_people):
    page = logged_in(seed_people["viewer"]).get(reverse("reports:list")).content.decode()
    assert "여러 보고서 한꺼번에 내려받기" in page
    page = logged_in(next_door_people["viewer"]).get(reverse("reports:list")).content.decode()
    assert "여러 보고서 한꺼번에 내려받기" not in page


def test_another_office_s_report_cannot_be_slipped_in(seeded, seed_people, next_door_people):
    response = start(
        logged_in(next_door_people["admin"]), [Report.objects.get(office=seeded)], ["md"]
    )
    assert response.url == reverse("reports:list")
    assert not Job.objects.exists()


def test_a_result_past_its_keeping_is_removed_and_the_page_says_so(seeded, seed_people, worker):
    client = logged_in(seed_people["viewer"])
    start(client, [Report.objects.get(office=seeded)], ["md"])
    worker()
    job = Job.objects.get()
    kept = Path(job.result.path)
    assert kept.is_file()
    # A week is the default keeping (JOB_RESULT_DAYS); a job that ended yesterday stays.
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(days=1))
    assert client.get(reverse("jobs:list")).status_code == 200
    assert kept.is_file()
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))
    out = io.StringIO()
    call_command("expire_jobs", stdout=out)
    assert "작업 1건의 결과 파일을 지웠습니다" in out.getvalue()
    assert not kept.exists()
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "보관 기한(7일)이 지나 지웠습니다" in page and "내려받기" not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
