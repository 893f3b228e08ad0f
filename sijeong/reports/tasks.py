"""Reports built in the background: many reports in many formats, one ZIP for the job."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from typing import IO

from django.core.files import File
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from sijeong.jobs import actions as jobs
from sijeong.jobs.actions import JobError
from sijeong.jobs.models import Job

from .models import Report
from .writing import write


@task()
def build_reports(job_id: int) -> None:
    """Write every report of the job in every format it asks (a finalised report: its frozen
    file; a draft: from the records, as the single download does) into one ZIP, each file
    named as its single download is named."""
    # The view that serves a single download names its file; it also queues this task, so
    # the name is taken from it when the task runs rather than when the module loads.
    from .views import download_name

    with jobs.running(job_id) as job:
        ids: list[int] = job.params.get("reports", [])
        formats: list[str] = job.params.get("formats", [])
        found = {r.pk: r for r in Report.objects.filter(office=job.office, pk__in=ids)}
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise JobError(
                f"고른 보고서 {len(missing)}건이 그사이 지워졌습니다. 목록에서 다시 골라 주세요."
            )
        office = job.office.name
        stamp = f"{timezone.localtime(job.created_at):%Y-%m-%d}"
        # Written to a temporary file, not memory: many reports in many formats grow large.
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as buffer:
            items = _write_zip(job, buffer, [found[pk] for pk in ids], formats, download_name)
            jobs.advance(job, "압축 파일을 저장하는 중")
            jobs.record_items(job, items)
            buffer.seek(0)
            jobs.keep_result(
                job, f"reports-{job.pk}.zip", f"보고서_{stamp}_{office}.zip", File(buffer)
            )


def _write_zip(
    job: Job,
    buffer: IO[bytes],
    reports: list[Report],
    formats: list[str],
    download_name: Callable[[Report, str], str],
) -> list[dict[str, str]]:
    """Each report in each format into the ZIP, the job's progress after each file; what went
    in, with the page of the report it came from."""
    names: set[str] = set()
    items: list[dict[str, str]] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            report_url = reverse("reports:detail", args=[report.slug])
            for fmt in formats:
                name = _unique(download_name(report, fmt), names)
                jobs.advance(job, f"{name} 작성 중 ({len(items) + 1}/{job.total})")
                archive.writestr(name, write(report, fmt))
                items.append({"name": name, "url": report_url, "error": ""})
                jobs.advance(job, f"{name} 작성함", len(items))
    return items


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)` … when two reports would share it (same title, month, office)."""
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{ext}"
    taken.add(candidate)
    return candidate
