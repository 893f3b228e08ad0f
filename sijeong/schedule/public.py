"""What of the schedule is public (공개 일정): the one rule every public path asks — pages,
calendar feeds, the API's anonymous answers and the open-data files."""

from __future__ import annotations

from django.db.models import QuerySet

from sijeong.core.models import Office

from .models import Event


def public_events(office: Office | None = None) -> QuerySet[Event]:
    """Events marked public, of every status: a cancelled public event stays public, so that
    calendars that showed it can show it cancelled. An internal event is in no public answer,
    not even in a count."""
    events = Event.objects.filter(is_public=True)
    if office is not None:
        events = events.filter(office=office)
    return events
