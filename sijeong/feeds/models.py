"""Subscription tokens (구독 주소) of the private calendar feed: one secret per address a user
gave a calendar app, revocable one by one."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from sijeong.accounts.models import User

# Calendar apps poll every few minutes; recording each poll would be a write per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def token_hash(token: str) -> str:
    """The SHA-256 of a token: what is stored and looked up, so that the database (or a copy of
    it) never holds a working address. A token has 256 random bits: no salt or slow hash needed."""
    return hashlib.sha256(token.encode()).hexdigest()


class FeedTokenQuerySet(models.QuerySet["FeedToken"]):
    def active(self) -> FeedTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def find(self, token: str) -> FeedToken | None:
        """The live token `token` names, of an active user; None for an unknown, revoked or
        inactive one alike, so that the answer says nothing about which."""
        return (
            self.active()
            .filter(token_hash=token_hash(token), user__is_active=True)
            .select_related("user")
            .first()
        )


class FeedToken(models.Model):
    """A secret address of one user's calendar feed (달력 구독 주소)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        verbose_name="사용자",
    )
    label = models.CharField("이름", max_length=100)
    token_hash = models.CharField("토큰 해시", max_length=64, unique=True, editable=False)
    created = models.DateTimeField("만든 때", auto_now_add=True)
    last_used = models.DateTimeField("마지막 사용", null=True, blank=True)
    revoked_at = models.DateTimeField("폐기한 때", null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "달력 구독 주소"
        verbose_name_plural = "달력 구독 주소"
        ordering = ["user", "-created", "-pk"]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def issue(cls, user: User, label: str) -> tuple[FeedToken, str]:
        """A new token for `user`, and its secret: shown once, never stored."""
        secret = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, label=label, token_hash=token_hash(secret)), secret

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def mark_used(self) -> None:
        """Record a use, at most once per LAST_USED_RESOLUTION."""
        now = timezone.now()
        if self.last_used is not None and now - self.last_used < LAST_USED_RESOLUTION:
            return
        self.last_used = now
        FeedToken.objects.filter(pk=self.pk).update(last_used=now)
