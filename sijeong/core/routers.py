"""Reads from PostgreSQL read replicas, writes to the primary (docs/deployment.md).

With `DATABASE_REPLICA_URLS` set, settings.py adds each replica as a database `replica1`,
`replica2`, …. A replica is a little behind its primary, so reads go to one only where that
cannot show anyone stale data:
- only in a request that changes nothing (GET, HEAD), never in a command or the task worker;
- never for a person who changed something in the last REPLICA_PIN_SECONDS, who would otherwise
  save a record and not find it on the next page (a cookie marks them);
- never inside a transaction (Django routes those reads to the primary it writes to anyway).
"""

from __future__ import annotations

import contextvars
import random
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PIN_COOKIE = "sijeong-primary"

_replica_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_allowed", default=False
)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        choices = replicas()
        if choices and _replica_allowed.get():
            return random.choice(choices)
        return "default"

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return True  # every database holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # replicas follow the primary's schema by replication


class ReplicaReads:
    """Middleware: allows replica reads for the request when the rules above permit, and marks
    a person who changed something so that their next pages read from the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        token = _replica_allowed.set(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if not safe and replicas():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
