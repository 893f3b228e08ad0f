"""Several uploaded files read in the background: each becomes an import waiting for review,
as a single upload does; a file that cannot be read is said so, and the others go on."""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from sijeong.documents.reading.text import ReadError
from sijeong.jobs import actions as jobs
from sijeong.jobs.models import Job

from . import actions

logger = logging.getLogger(__name__)


@task()
def read_uploads(job_id: int) -> None:
    """Read, recognise and preview each file the job holds (`params["files"]`: name and
    stored path), stage it as an import, and remove the stored upload."""
    with jobs.running(job_id) as job:
        files: list[dict[str, str]] = job.params.get("files", [])
        items: list[dict[str, str]] = []
        try:
            for number, upload in enumerate(files, start=1):
                name = upload["name"]
                jobs.advance(job, f"{name} 읽는 중 ({number}/{len(files)})")
                items.append(_stage(job, name, upload["path"]))
                jobs.record_items(job, items)
                jobs.advance(job, f"{name} 읽음", number)
        finally:
            for upload in files:
                default_storage.delete(upload["path"])


def _stage(job: Job, name: str, path: str) -> dict[str, str]:
    """One file as an import (its page's address), or why it could not be read."""
    try:
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        with transaction.atomic():
            document = actions.stage(content, name, job.office, job.started_by)
    except ReadError as error:
        return {"name": name, "url": "", "error": str(error)}
    except Exception:
        logger.exception("job=%s file=%s could not be staged", job.pk, name)
        return {
            "name": name,
            "url": "",
            "error": (
                "이 파일을 읽는 중 예상하지 못한 오류가 났습니다. 파일을 확인해 다시 올려 주세요."
            ),
        }
    return {"name": name, "url": reverse("ingest:detail", args=[document.pk]), "error": ""}
