"""Press figures computed from the engagements on record."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sijeong.core.derivations import derivation, observation_window, office_grouped
from sijeong.core.models import Observation

from .models import MediaEngagement


def _by_kind(office_id: int) -> dict[str, list[tuple[datetime.date, str]]]:
    rows = MediaEngagement.objects.filter(office_id=office_id)
    return office_grouped("engagements", office_id, rows, "kind", "date", "medium")


@derivation("press.engagements", preload=_by_kind)
def count_engagements(observation: Observation) -> Decimal | None:
    """Engagements of one kind in the observation's period, optionally of one medium.

    Params: `kind` (MediaEngagement.Kind value); `dimension`, the indicator dimension whose
    values are medium labels (신문, TV·라디오 …).
    """
    indicator = observation.indicator
    params = indicator.derivation_params
    items = _by_kind(indicator.office_id).get(params["kind"], [])
    if not items:
        return None
    start, end = observation_window(observation)
    dims = observation.dimension_values or {}
    dimension = params.get("dimension")
    medium = None
    if dimension and dimension in dims:
        by_label = {label: value for value, label in MediaEngagement.Medium.choices}
        medium = by_label.get(dims[dimension], dims[dimension])
    elif dims:
        return None
    return Decimal(
        sum(
            1
            for date, item_medium in items
            if date <= end
            and (start is None or date >= start)
            and (medium is None or item_medium == medium)
        )
    )
