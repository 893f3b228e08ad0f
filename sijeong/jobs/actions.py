"""The one door for a job's life: made and queued by a page, run, advanced and finished by its
task. Every write is an update of the job's own row, so the page reading it never waits."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.core.models import Office

from .models import Job

logger = logging.getLogger(__name__)

# What a person reads when a task broke in a way nobody foresaw; the traceback goes to the log.
UNEXPECTED = (
    "작업 중 예상하지 못한 오류가 나서 멈췄습니다. 다시 시도해 보시고, 같은 오류가 나면 "
    "관리자에게 작업 번호 {pk}번을 알려 주세요."
)


class JobError(Exception):
    """A task cannot go on, for a reason said in Korean to the person who started it."""


def start(
    office: Office,
    by: User | None,
    kind: str,
    total: int,
    task: Any,
    params: dict[str, Any],
    permission: str = "",
) -> Job:
    """Make a job and queue `task` for it: the task gets the job's id and nothing else."""
    job = Job.objects.create(
        office=office,
        started_by=by,
        kind=kind,
        total=total,
        params=params,
        permission=permission,
        step="작업을 처리할 차례를 기다리고 있습니다.",
    )
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


@contextmanager
def running(job_id: int) -> Iterator[Job]:
    """Run the body as job `job_id`: marked 진행 중 on entry, 완료 on leaving, 실패 with a
    Korean message when the body raises (which is raised on, so the queue records it too)."""
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, started_at=now, updated_at=now, step="시작했습니다."
    )
    job = Job.objects.get(pk=job_id)
    try:
        yield job
    except JobError as error:
        fail(job, str(error))
        raise
    except BaseException:
        logger.exception("job=%s kind=%s failed", job.pk, job.kind)
        fail(job, UNEXPECTED.format(pk=job.pk))
        raise
    else:
        now = timezone.now()
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE, finished_at=now, updated_at=now, step="끝났습니다."
        )


def fail(job: Job, message: str) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED, error=message, finished_at=now, updated_at=now
    )


def advance(job: Job, step: str, done: int | None = None) -> None:
    """Say what the job is doing now and, with `done`, how many of its parts are finished."""
    values: dict[str, Any] = {"step": step[:300], "updated_at": timezone.now()}
    if done is not None:
        values["done"] = done
        job.done = done
    job.step = step
    Job.objects.filter(pk=job.pk).update(**values)


def keep_result(job: Job, filename: str, download_name: str, content: File[Any]) -> None:
    """Keep the file the job made (under MEDIA_ROOT/jobs/<id>/) with its Korean name."""
    job.result.save(filename, content, save=False)
    job.result_name = download_name
    Job.objects.filter(pk=job.pk).update(result=job.result.name, result_name=download_name)


def record_items(job: Job, items: list[dict[str, str]]) -> None:
    job.items = items
    Job.objects.filter(pk=job.pk).update(items=items)


def expire_results() -> int:
    """Remove the result files of jobs that ended more than JOB_RESULT_DAYS ago; how many."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.JOB_RESULT_DAYS)
    expired = Job.objects.filter(finished_at__lt=cutoff).exclude(result="")
    count = 0
    for job in expired:
        job.result.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="")
        count += 1
    return count
