"""What happens around every request that may write: it runs in one transaction, and what it
changed is made again for the dashboard in the background.

AtomicWrites — every request that may write runs in one transaction: all of it is saved, or nothing.

A save is often several statements — the record, its change-history row, the records an import
touches. Were they committed one by one, a database lost between two of them (a failover, a
restart, a dropped network) would leave half a change behind. Wrapped in one transaction, what
PostgreSQL had not committed when the connection went is rolled back by the server itself, and
a response of 500 or more (the 503 of a lost database included) rolls back what it wrote.

Not on SQLite: its transactions (IMMEDIATE, settings.py) take the one write lock as they begin,
so a transaction around the whole request would hold every other writer off for as long as the
page takes. There each write path is atomic in itself and SQLite, a file on this machine, does
not go away between two statements.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

from sijeong.core import revisions

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class AtomicWrites:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS or connection.vendor == "sqlite":
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


class WarmAfterChanges:
    """After a request that changed an office's records, the task worker makes that office's
    dashboard parts again (web.tasks.warm_dashboard): the next person to open the dashboard
    finds them made instead of waiting for them. Outside AtomicWrites, so that the task is
    queued once the change is committed, and not for a change that was rolled back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with revisions.watching() as changed:
            response = self.get_response(request)
        if changed and response.status_code < 400:
            from .tasks import warm_dashboard

            offices = sorted(changed)
            transaction.on_commit(lambda: [warm_dashboard.enqueue(o) for o in offices])
        return response
