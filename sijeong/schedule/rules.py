"""Schedule rules: well-formed times, and events that clash."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from sijeong.core.findings import Finding, Severity, rule
from sijeong.core.models import Office

from .models import Event

# Two events closer than this cannot both be attended in a city the size of Seoul.
CLASH_WINDOW = datetime.timedelta(minutes=30)


@rule
def times_well_formed(office: Office) -> Iterable[Finding]:
    for event in office.events.all():
        if event.time_text:
            yield Finding.about(
                event,
                Severity.ERROR,
                "schedule.time_malformed",
                f"시각 '{event.time_text}'이 올바른 형식(시:분)이 아닙니다.",
                "time_text",
            )
        if event.start_time and event.end_time and event.end_time < event.start_time:
            yield Finding.about(
                event,
                Severity.ERROR,
                "schedule.ends_before_start",
                "끝 시각이 시작 시각보다 이릅니다.",
                "end_time",
            )


def clashes(events: Iterable[Event]) -> Iterable[tuple[Event, Event]]:
    """Pairs of timed, not-cancelled events of one day starting within the clash window."""
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    for event in events:
        if event.start_time is not None and event.status != Event.Status.CANCELLED:
            by_day[event.date].append(event)
    for day_events in by_day.values():
        for first, second in combinations(sorted(day_events, key=lambda e: e.pk), 2):
            if _too_close(first, second):
                yield first, second


def _too_close(first: Event, second: Event) -> bool:
    return (
        first.starts_at is not None
        and second.starts_at is not None
        and abs(first.starts_at - second.starts_at) < CLASH_WINDOW
    )


def clashing(event: Event) -> list[Event]:
    """The office's other events that `event` (saved or not) would clash with."""
    if event.start_time is None or event.status == Event.Status.CANCELLED:
        return []
    same_day = (
        Event.objects.filter(office_id=event.office_id, date=event.date, start_time__isnull=False)
        .exclude(status=Event.Status.CANCELLED)
        .exclude(pk=event.pk)
    )
    return [other for other in same_day if _too_close(event, other)]


@rule
def no_clashes(office: Office) -> Iterable[Finding]:
    for first, second in clashes(office.events.all()):
        same_place = first.place.strip() == second.place.strip()
        code = "schedule.duplicate" if same_place else "schedule.clash"
        what = (
            "같은 장소·시간의 일정이 또 있습니다" if same_place else "시간이 겹치는 일정이 있습니다"
        )
        for event, other in ((first, second), (second, first)):
            yield Finding.about(
                event,
                Severity.WARNING,
                code,
                f"{what}: {other.title} ({other.start_time:%H:%M}, {other.place})",
                "start_time",
            )
