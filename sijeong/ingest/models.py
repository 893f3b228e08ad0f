"""Imports (가져오기): the original file kept, and the records it produced linked to it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

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
    # An upload waits here, previewed, until someone applies it; a command applies at once.
    applied_at = models.DateTimeField("반영한 때", null=True, blank=True)

    class Meta:
        verbose_name = "가져온 문서"
        verbose_name_plural = "가져온 문서"
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "sha256"], name="one_import_per_file")
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d})"

    @property
    def applied(self) -> bool:
        return self.applied_at is not None


class ImportedRecord(models.Model):
    """A record an import created or confirmed, with the source lines it came from."""

    owner_field = "document"

    document = models.ForeignKey(
        ImportedDocument, on_delete=models.CASCADE, related_name="records", verbose_name="문서"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="종류")
    object_id = models.PositiveBigIntegerField("번호")
    record = GenericForeignKey("content_type", "object_id")
    lines = models.JSONField("원문 줄", default=list)
    created = models.BooleanField("새로 만듦", default=True)

    class Meta:
        verbose_name = "가져온 기록"
        verbose_name_plural = "가져온 기록"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type} #{self.object_id} ← {self.document}"
