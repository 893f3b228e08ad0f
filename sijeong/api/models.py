"""Personal access tokens (개인 접근 토큰) with which a person's programs use the API as them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A token a person made for one program. Only its SHA-256 is kept: a copied database
    gives nobody the tokens, and the person sees the token once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="사용자",
    )
    token_hash = models.CharField("토큰 해시", max_length=64, unique=True)
    label = models.CharField("이름", max_length=100, help_text="예: 일정 연동 프로그램")
    created = models.DateTimeField("만든 때", auto_now_add=True)
    last_used = models.DateTimeField("마지막 사용", null=True, blank=True)
    revoked_at = models.DateTimeField("폐기한 때", null=True, blank=True)

    class Meta:
        verbose_name = "API 토큰"
        verbose_name_plural = "API 토큰"
        ordering = ["user", "-created"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
