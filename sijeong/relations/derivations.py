"""Meeting attendance computed from the sessions on record."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation, observation_window
from sijeong.core.models import Observation

from .models import MeetingSeries, MeetingSession


@derivation("relations.sessions_attended")
def sessions_attended(observation: Observation) -> Decimal | None:
    """Sessions attended in the period, plus stated sub-period counts where no session is kept.

    `민선 8기 6회 참석` is proved by the two 2024 sessions on record and the stated
    `'22년~'23년 4회`, for which the sessions themselves were never entered.
    """
    series = observation.indicator.subject
    if not isinstance(series, MeetingSeries):
        return None
    start, end = observation_window(observation)
    sessions = MeetingSession.objects.filter(series=series, date__lte=end).exclude(
        attendance=MeetingSession.Attendance.ABSENT
    )
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    counted = sessions.count()
    stated_parts = Decimal(0)
    for part in observation.indicator.observations.exclude(pk=observation.pk):
        part_start, part_end = observation_window(part)
        inside = (start is None or (part_start is not None and part_start >= start)) and (
            part_end <= end
        )
        if not inside or part.dimension_values != observation.dimension_values:
            continue
        covered = MeetingSession.objects.filter(series=series, date__lte=part_end)
        if part_start is not None:
            covered = covered.filter(date__gte=part_start)
        if not covered.exists():
            stated_parts += part.value
    if counted == 0 and stated_parts == 0:
        return None
    return Decimal(counted) + stated_parts
