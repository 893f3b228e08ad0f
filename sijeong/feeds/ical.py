"""Events as an iCalendar object (RFC 5545), written with the `icalendar` library: one VEVENT
per event, in Asia/Seoul time, that calendar apps can follow from version to version."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

import icalendar
from django.db.models import Count, IntegerField, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sijeong.schedule.models import SEOUL, Event
from sijeong.schedule.rules import default_duration

PRODID = "-//sijeong//시정 일정//KO"
TZID = "Asia/Seoul"
# Suggested to clients (Apple and Outlook read REFRESH-INTERVAL / X-PUBLISHED-TTL): the
# schedule changes during the day, and a poll that finds nothing new costs only a 304.
REFRESH = datetime.timedelta(hours=1)

STATUS = {
    Event.Status.PLANNED: "TENTATIVE",
    Event.Status.DONE: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
}


def with_revisions(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` with what their history says, in the same query (subqueries, not a query per
    event): `revisions`, the changes after creation (history rows of type "~"), which is the
    SEQUENCE; `revised_at`, the latest history row's date, the LAST-MODIFIED; `created_at`."""
    history = Event.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    changes = history.filter(history_type="~").annotate(n=Count("*")).values("n")
    return events.select_related("office", "domain").annotate(
        revisions=Coalesce(Subquery(changes, output_field=IntegerField()), 0),
        revised_at=Subquery(history.annotate(at=Max("history_date")).values("at")),
        created_at=Subquery(history.annotate(at=Min("history_date")).values("at")),
    )


def uid(event: Event) -> str:
    """Made of what never changes about an event — its key and its office — so that a calendar
    app recognises the same event after any edit."""
    return f"event-{event.pk}@{event.office.slug}.sijeong"


_Moment = TypeVar("_Moment", datetime.date, datetime.datetime)


def _times(event: Event) -> tuple[datetime.date | datetime.datetime, datetime.date]:
    """DTSTART and DTEND: Asia/Seoul times, or whole days (DATE values) when the time is not
    known (none, or one the source printed malformed)."""
    start = event.starts_at
    if start is None:
        return event.date, _later(event.date, datetime.timedelta(days=1))
    end = event.ends_at
    # As the clash rules do: no end, or one not after the start, is the default duration —
    # a DTEND before DTSTART would make the whole feed invalid.
    if end is None or end <= start:
        end = _later(start, default_duration())
    return start, end


def _later(moment: _Moment, delta: datetime.timedelta) -> _Moment:
    """`moment` + `delta`, or the last moment there is: a record stored before dates were
    bounded may stand on the calendar's last day, and must not take the whole feed down."""
    try:
        return moment + delta
    except OverflowError:
        return moment


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def vevent(event: Event) -> icalendar.Event:
    """One event, from an event annotated by `with_revisions`."""
    revised_at: datetime.datetime | None = getattr(event, "revised_at", None)
    created_at: datetime.datetime | None = getattr(event, "created_at", None)
    item = icalendar.Event()
    item.add("uid", uid(event))
    # Without METHOD, DTSTAMP is when the event was last revised (RFC 5545 3.8.7.2); an event
    # without history gets the start of its day, so that the feed's bytes — and its ETag —
    # stay the same from poll to poll.
    item.add(
        "dtstamp",
        _utc(revised_at or datetime.datetime.combine(event.date, datetime.time(), tzinfo=SEOUL)),
    )
    start, end = _times(event)
    item.add("dtstart", start)
    item.add("dtend", end)
    title = event.title if event.is_public else f"{event.title} (비공개)"
    item.add("summary", title)
    location = event.place.strip()
    if event.district and event.district not in location:
        location = f"{location}({event.district})" if location else event.district
    if location:
        item.add("location", location)
    if event.summary.strip():
        item.add("description", event.summary.strip())
    if event.domain is not None:
        item.add("categories", [event.domain.name])
    item.add("status", STATUS.get(Event.Status(event.status), "CONFIRMED"))
    # Internal events travel only in a user's private feed; CONFIDENTIAL asks the calendar
    # app not to show their details to those the calendar is shared with.
    item.add("class", "PUBLIC" if event.is_public else "CONFIDENTIAL")
    item.add("sequence", getattr(event, "revisions", 0))
    if created_at is not None:
        item.add("created", _utc(created_at))
    if revised_at is not None:
        item.add("last-modified", _utc(revised_at))
    return item


def calendar(events: Iterable[Event], name: str) -> icalendar.Calendar:
    """A calendar named `name` holding `events` (annotated by `with_revisions`)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    # Always there, even when every event is a whole day: X-WR-TIMEZONE names it, and a
    # client that reads the times needs the definition, not a guess from the name.
    cal.add_component(icalendar.Timezone.from_tzid(TZID))
    for event in events:
        cal.add_component(vevent(event))
    return cal


def latest_revision(events: Iterable[Event]) -> datetime.datetime | None:
    """The latest LAST-MODIFIED among `events`."""
    dates = [d for d in (getattr(e, "revised_at", None) for e in events) if d is not None]
    return max(dates, default=None)
