"""Jobs (작업): slow work a person started from a page and the queue runs — what they see of
it (progress, the step, a Korean error) and what it made (a kept file, links)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from sijeong.core.models import Office

# A job waiting longer than this has most likely no worker taking it, and a running job
# silent for longer than STALLED_AFTER a worker that died under it: the page says so.
STUCK_AFTER = datetime.timedelta(minutes=2)
STALLED_AFTER = datetime.timedelta(minutes=10)


def result_path(job: Job, filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


class Job(models.Model):
    """One run of a task for a person of an office (보고서 일괄 작성, 일괄 가져오기)."""

    class Kind(models.TextChoices):
        REPORTS = "reports", "보고서 일괄 작성"
        IMPORTS = "imports", "일괄 가져오기"

    class Status(models.TextChoices):
        QUEUED = "queued", "대기 중"
        RUNNING = "running", "진행 중"
        DONE = "done", "완료"
        FAILED = "failed", "실패"

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="jobs", verbose_name="기관"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="시작한 사람",
    )
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("끝낸 수", default=0)
    total = models.PositiveIntegerField("전체 수", default=0)
    step = models.CharField("지금 하는 일", max_length=300, blank=True)
    error = models.TextField("오류", blank=True)
    # Who may download what a job made: the model permission to read its contents
    # (`reports.view_report`), asked on top of the office.
    permission = models.CharField("내려받을 권한", max_length=100, blank=True)
    # What the task was asked to do (ids, formats, stored uploads), for the task and the page.
    params = models.JSONField("요청 내용", default=dict, blank=True)
    task_id = models.CharField("작업 대기열 번호", max_length=64, blank=True)
    created_at = models.DateTimeField("대기열에 넣은 때", auto_now_add=True)
    started_at = models.DateTimeField("시작한 때", null=True, blank=True)
    updated_at = models.DateTimeField("마지막 진행", auto_now=True)
    finished_at = models.DateTimeField("끝난 때", null=True, blank=True)
    result = models.FileField("결과 파일", upload_to=result_path, blank=True, max_length=300)
    result_name = models.CharField("결과 파일 이름", max_length=255, blank=True)
    # What the job made or could not make, one entry each: {"name", "url", "error"}.
    items = models.JSONField("결과 목록", default=list, blank=True)

    class Meta:
        verbose_name = "작업"
        verbose_name_plural = "작업"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return (self.done * 100 // self.total) if self.total else 0

    @property
    def stuck(self) -> bool:
        """Waiting so long that no worker is likely taking jobs (or it died)."""
        return self.status == self.Status.QUEUED and timezone.now() - self.created_at > STUCK_AFTER

    @property
    def stalled(self) -> bool:
        """Running, but no step reported for so long that its worker has likely died."""
        return (
            self.status == self.Status.RUNNING and timezone.now() - self.updated_at > STALLED_AFTER
        )

    @property
    def failed_items(self) -> list[dict[str, str]]:
        return [item for item in self.items if item.get("error")]
