"""Meeting attendance computed from the sessions on record."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sijeong.core.derivations import derivation, observation_window, office_grouped, subject_id
from sijeong.core.models import Observation

from .models import MeetingSeries, MeetingSession


def _by_series(office_id: int) -> dict[int, list[tuple[datetime.date, str]]]:
    rows = MeetingSession.objects.filter(series__office_id=office_id)
    return office_grouped("sessions", office_id, rows, "series", "date", "attendance")


@derivation("relations.sessions_attended", preload=_by_series)
def sessions_attended(observation: Observation) -> Decimal | None:
    """Sessions attended in the period, plus stated sub-period counts where no session is kept.

    `민선 8기 6회 참석` is proved by the two 2024 sessions on record and the stated
    `'22년~'23년 4회`, for which the sessions themselves were never entered.
    """
    indicator = observation.indicator
    series = subject_id(indicator, MeetingSeries)
    if series is None:
        return None
    sessions = _by_series(indicator.office_id).get(series, [])

    def within(date: datetime.date, first: datetime.date | None, last: datetime.date) -> bool:
        return date <= last and (first is None or date >= first)

    start, end = observation_window(observation)
    counted = sum(
        1
        for date, attendance in sessions
        if within(date, start, end) and attendance != MeetingSession.Attendance.ABSENT
    )
    stated_parts = Decimal(0)
    for part in indicator.observations.all():
        if part.pk == observation.pk:
            continue
        part_start, part_end = observation_window(part)
        inside = (start is None or (part_start is not None and part_start >= start)) and (
            part_end <= end
        )
        if not inside or part.dimension_values != observation.dimension_values:
            continue
        if not any(within(date, part_start, part_end) for date, _ in sessions):
            stated_parts += part.value
    if counted == 0 and stated_parts == 0:
        return None
    return Decimal(counted) + stated_parts
