"""Imports (가져오기): the original file kept, and the records it produced linked to it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from sijeong.core.formatting import format_date
from sijeong.core.models import Office


class ImportedDocument(models.Model):
    """One imported file, kept as it arrived, with what the import made of it."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="imports", verbose_name="기관"
    )
    filename = models.CharField("파일 이름", max_length=255)
    format = models.CharField("형식", max_length=10)
    content = models.BinaryField("원본 파일")
    sha256 = models.CharField("해시", max_length=64)
    imported_at = models.DateTimeField("가져온 때", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="가져온 사람",
    )
    summary = models.JSONField("결과 요약", default=dict, blank=True)
    # What the reading made of the file, kept at upload: the page shows it and apply writes it,
    # so a file is parsed once however often its preview is opened (actions.stored_preview).
    preview = models.JSONField("미리보기", default=dict, blank=True)
    # An upload waits here, previewed, until someone applies it; a command applies at once.
    applied_at = models.DateTimeField("반영한 때", null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="반영한 사람",
    )
    # An applied import taken back (actions.undo): its new records deleted, its changes
    # reverted; the import is then waiting for review again.
    undone_at = models.DateTimeField("되돌린 때", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="되돌린 사람",
    )
    # An upload not applied within IMPORT_REVIEW_DAYS loses its bytes and preview
    # (actions.expire_unreviewed); an applied one keeps them: they are its records' source.
    expired_at = models.DateTimeField("원본을 지운 때", null=True, blank=True)

    class Meta:
        verbose_name = "가져온 문서"
        verbose_name_plural = "가져온 문서"
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "sha256"], name="one_import_per_file")
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({format_date(self.imported_at.date(), weekday=False)})"

    @property
    def applied(self) -> bool:
        return self.applied_at is not None

    @property
    def expired(self) -> bool:
        return self.expired_at is not None


class ImportReview(models.Model):
    """A person who opened an import's preview: when first and last, and how often."""

    owner_field = "document"

    document = models.ForeignKey(
        ImportedDocument, on_delete=models.CASCADE, related_name="reviews", verbose_name="문서"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="미리본 사람",
    )
    first_at = models.DateTimeField("처음 본 때", auto_now_add=True)
    last_at = models.DateTimeField("마지막으로 본 때", auto_now=True)
    views = models.PositiveIntegerField("본 횟수", default=1)

    class Meta:
        verbose_name = "미리본 기록"
        verbose_name_plural = "미리본 기록"
        ordering = ["first_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="one_review_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.document}"


class ImportedRecord(models.Model):
    """A record an import created, changed or confirmed, with the source lines it came from."""

    owner_field = "document"

    document = models.ForeignKey(
        ImportedDocument, on_delete=models.CASCADE, related_name="records", verbose_name="문서"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="종류")
    object_id = models.PositiveBigIntegerField("번호")
    record = GenericForeignKey("content_type", "object_id")
    lines = models.JSONField("원문 줄", default=list)
    created = models.BooleanField("새로 만듦", default=True)
    # What the import changed in a record that was there: {field: [before, after]}, so that
    # undoing it puts `before` back.
    changes = models.JSONField("고친 내용", default=dict, blank=True)
    # The history entry the import's own save wrote; a later entry means someone changed the
    # record since, and the import can no longer be undone.
    history_id = models.PositiveBigIntegerField("변경 이력 번호", null=True, blank=True)

    class Meta:
        verbose_name = "가져온 기록"
        verbose_name_plural = "가져온 기록"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type} #{self.object_id} ← {self.document}"
