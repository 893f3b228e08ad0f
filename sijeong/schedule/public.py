"""What of the schedule is public (공개 일정): the one rule every public path asks — pages,
calendar feeds, the API's anonymous answers and the open-data files — and what the office's
staff read about it: who published an event when, and the counts of the 공개 현황 page.

The rule follows the 2019 amendment of the decree of the 공공기관의 정보공개에 관한 법률: a head of
government's public events are disclosed at the latest from 00:00 (Asia/Seoul) of their day.
An office may show them earlier (`Office.public_days_ahead`); by default it shows them on the
day, as many local governments do for the head's safety.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sijeong.core.models import Office

from .models import SEOUL, Event, PrivacyReason


def public_events(
    office: Office | None = None, today: datetime.date | None = None
) -> QuerySet[Event]:
    """Events marked public whose day has come (today in Seoul, or `today`), or is within the
    office's days shown ahead; of every status: a cancelled public event stays public, so that
    calendars that showed it can show it cancelled. An internal event is in no public answer,
    not even in a count, and neither is a public one before its time."""
    day = today or timezone.localdate(timezone=SEOUL)
    events = Event.objects.filter(is_public=True)
    if office is not None:
        horizon = day + datetime.timedelta(days=office.public_days_ahead)
        return events.filter(office=office, date__lte=horizon)
    within = Q(pk__in=[])
    ahead = Office.objects.values_list("public_days_ahead", flat=True).distinct()
    for days in ahead:
        horizon = day + datetime.timedelta(days=days)
        within |= Q(office__public_days_ahead=days, date__lte=horizon)
    return events.filter(within)


def public_from(event: Event) -> datetime.date:
    """The day from whose 00:00 (Seoul) the event, once published, is on the public schedule."""
    return event.date - datetime.timedelta(days=event.office.public_days_ahead)


def seconds_to_midnight(now: datetime.datetime | None = None) -> int:
    """Seconds until the next 00:00 in Seoul, when the public schedule gains a day: no copy of
    a public answer may be kept past it."""
    here = timezone.localtime(now or timezone.now(), SEOUL)
    midnight = datetime.datetime.combine(
        here.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=SEOUL
    )
    return max(1, int((midnight - here).total_seconds()))


@dataclass(frozen=True)
class PublicityChange:
    """One act on an event's publicity (공개·비공개), read from its change history."""

    when: datetime.datetime
    who: str
    public: bool
    action: str  # 공개 일정으로 등록, 비공개로 등록, 공개, 비공개로 전환, 비공개 사유 지정
    reason: str  # the 비공개 사유, when private


def publicity_changes(event: Event) -> list[PublicityChange]:
    """Each change of the event's publicity or of its 비공개 사유, newest first: who made the
    event public or private, and when. The change history is the one record of it."""
    rows = event.history.select_related("history_user").order_by("history_date", "history_id")
    reasons = dict(
        PrivacyReason.objects.filter(office_id=event.office_id).values_list("pk", "text")
    )
    changes: list[PublicityChange] = []
    before: tuple[bool, int | None] | None = None
    for row in rows:
        state = (row.is_public, row.privacy_reason_id)
        if state != before:
            user = row.history_user
            changes.append(
                PublicityChange(
                    when=timezone.localtime(row.history_date, SEOUL),
                    who=(user.get_full_name() or user.username) if user else "시스템",
                    public=row.is_public,
                    action=_action(before, row.is_public),
                    reason=reasons.get(row.privacy_reason_id, ""),
                )
            )
        before = state
    return changes[::-1]


def _action(before: tuple[bool, int | None] | None, public: bool) -> str:
    if before is None:
        return "공개 일정으로 등록" if public else "비공개로 등록"
    if public:
        return "공개"
    return "비공개로 전환" if before[0] else "비공개 사유 지정"


@dataclass(frozen=True)
class MonthCounts:
    """One month of the 공개 현황 page: events published, kept private, and why."""

    month: int
    public: int
    private: int
    by_reason: dict[int, int]  # PrivacyReason pk → events
    without_reason: int

    @property
    def total(self) -> int:
        return self.public + self.private


def disclosure_counts(office: Office, year: int) -> list[MonthCounts]:
    """Per month of `year`, the office's events public and private (by 비공개 사유, and those
    without one), counted by the day of the event, whatever its status."""
    rows = (
        Event.objects.filter(
            office=office,
            date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        )
        .values("date__month", "is_public", "privacy_reason_id")
        .annotate(n=Count("pk"))
    )
    public: Counter[int] = Counter()
    by_reason: dict[int, Counter[int]] = {month: Counter() for month in range(1, 13)}
    without: Counter[int] = Counter()
    for row in rows:
        month = row["date__month"]
        if row["is_public"]:
            public[month] += row["n"]
        elif row["privacy_reason_id"] is None:
            without[month] += row["n"]
        else:
            by_reason[month][row["privacy_reason_id"]] += row["n"]
    return [
        MonthCounts(
            month=month,
            public=public[month],
            private=sum(by_reason[month].values()) + without[month],
            by_reason=dict(by_reason[month]),
            without_reason=without[month],
        )
        for month in range(1, 13)
    ]
