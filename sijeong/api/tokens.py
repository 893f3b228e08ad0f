"""Making, finding and revoking personal access tokens: the one door for each."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.utils import timezone

from .models import ApiToken

# A prefix says what the secret is when it turns up in a log or a repository (as GitHub's
# `ghp_` does), so that secret scanners and people recognise it.
PREFIX = "sj_"
# `last_used` is a hint for the person, not an audit trail: writing it on every request would
# turn every read into a write.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue(user: Any, label: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the secret is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, token_hash=digest(raw), label=label)
    return token, raw


def holder(raw: str) -> Any | None:
    """The active person whose live token `raw` is, noting its use; None for anything else."""
    token = (
        ApiToken.objects.select_related("user", "user__department")
        .filter(token_hash=digest(raw.strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
