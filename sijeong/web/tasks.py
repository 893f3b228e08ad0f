"""Work the task worker does for the pages: making an office's dashboard parts again after its
records changed (queued by web.middleware.WarmAfterChanges)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from sijeong.core.findings import run_checks
from sijeong.core.models import Office

from .sections import latest_data_day
from .views import indicator_sections


@task()
def warm_dashboard(office_id: int) -> None:
    """Make and keep what the office's dashboard opens on — the day it opens on, the
    indicators of that day and the data checks of its year — as its next request would.
    What is still kept from before the change is read back, not made again."""
    office = Office.objects.filter(pk=office_id).first()
    if office is None:  # deleted since the change
        return
    day = latest_data_day(office, timezone.localdate())
    indicator_sections(office, day)
    run_checks(office, {day.year})
