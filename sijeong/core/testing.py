"""Helpers shared by the test suites (and the benchmarks): the reference document, logins,
query counts, a server's port."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from django.test import Client

# The password of every user the test fixtures make, for tests that log in through the form.
PASSWORD = "password-for-tests"

REFERENCE_DIR = Path(
    os.environ.get("SIJEONG_REFERENCE_DIR", Path(__file__).resolve().parents[3] / "shared" / "seed")
)


def reference_available() -> bool:
    return REFERENCE_DIR.is_dir() and any(REFERENCE_DIR.glob("*.txt"))


def reference_text() -> str:
    """The text of the reference work report (the first .txt under the reference folder)."""
    path = sorted(REFERENCE_DIR.glob("*.txt"))[0]
    return path.read_text(encoding="utf-8")


def logged_in(user: Any) -> Client:
    """A test client with `user` logged in."""
    client = Client()
    client.force_login(user)
    return client


def page_queries(client: Client, url: str, keep: bool = False) -> int:
    """The queries of one request for `url`, after a first request has made what a page
    makes once (the session, content types); with `keep` off nothing is kept from that first
    request in the shared cache, so that the data checks are counted too."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, url
    if not keep:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def enlarge(office: Any, factor: int) -> None:
    """Copy every item record the report lists `factor - 1` more times (a bigger office):
    the benchmarks' and the layout tests' larger data set."""
    from sijeong.budget.models import BudgetLine, Expenditure
    from sijeong.press.models import MediaEngagement
    from sijeong.programs.models import Narrative, TrackedItem
    from sijeong.relations.models import Agreement
    from sijeong.schedule.models import Event

    queries: tuple[tuple[Any, Any], ...] = (
        (Event, Event.objects.filter(office=office)),
        (MediaEngagement, MediaEngagement.objects.filter(office=office)),
        (Agreement, Agreement.objects.filter(office=office)),
        (TrackedItem, TrackedItem.objects.filter(program__office=office)),
        (Narrative, Narrative.objects.filter(program__office=office)),
    )
    for model, query in queries:
        originals = list(query)
        copies = []
        for n in range(1, factor):
            for item in originals:
                item.pk = None
                if hasattr(item, "title") and model is not TrackedItem:
                    item.title = f"{item.title} ({n})"
                if model is TrackedItem and item.group.isdigit():
                    # A copy is on another line: a bigger city's stations spread over its
                    # lines, not ten of one station joined into one 90-letter word.
                    item.group = str(int(item.group) + 10 * n)
                copies.append(
                    model(
                        **{f.attname: getattr(item, f.attname) for f in model._meta.concrete_fields}
                    )
                )
        model.objects.bulk_create(copies)
    for line in list(BudgetLine.objects.filter(office=office)):
        spending = list(line.expenditures.all())
        for n in range(1, factor):
            line.pk = None
            line.subject = f"{line.subject} {n}"
            line.save()
            Expenditure.objects.bulk_create(
                Expenditure(line=line, date=e.date, period_start=e.period_start, amount=e.amount)
                for e in spending
            )


def free_port() -> int:
    """A loopback port nothing listens on, for a server started by a test or a benchmark."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, seconds: float = 120) -> None:
    """Until the server on `port` accepts connections (gunicorn preloads the app first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server answered on port {port} within {seconds:.0f} s")
