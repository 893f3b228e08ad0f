"""What the job tests share: running the real queue, and a second report to build."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

import pytest
from django.core.management import call_command

from sijeong.core.models import Office
from sijeong.reports.models import FrozenFile, Report


def run_worker() -> None:
    """Run what is queued, as `manage.py db_worker --batch` does, and return."""
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


@pytest.fixture
def worker() -> Callable[[], None]:
    return run_worker


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Kept files of this test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def final_report(office: Office, slug: str = "final-brief") -> Report:
    """A finalised report with a frozen file per format, each recognisably frozen."""
    day = datetime.date(2024, 6, 30)
    report = Report.objects.create(
        office=office,
        slug=slug,
        title="상반기보고",
        issued=day,
        period_start=datetime.date(2024, 1, 1),
        period_end=day,
        as_of=day,
        status=Report.Status.FINAL,
    )
    for fmt in ("hwpx", "docx", "pdf", "html", "md"):
        content = f"frozen {fmt}".encode()
        FrozenFile.objects.create(
            report=report, format=fmt, content=content, sha256=hashlib.sha256(content).hexdigest()
        )
    return report
