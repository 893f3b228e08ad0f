"""Press figures computed from the engagements on record."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation, loaded_once, observation_window
from sijeong.core.models import Observation

from .models import MediaEngagement


@derivation("press.engagements")
def count_engagements(observation: Observation) -> Decimal | None:
    """Engagements of one kind in the observation's period, optionally of one medium.

    Params: `kind` (MediaEngagement.Kind value); `dimension`, the indicator dimension whose
    values are medium labels (신문, TV·라디오 …).
    """
    indicator = observation.indicator
    params = indicator.derivation_params
    items = loaded_once(
        indicator,
        "engagements",
        lambda: list(
            MediaEngagement.objects.filter(
                office_id=indicator.office_id, kind=params["kind"]
            ).values_list("date", "medium")
        ),
    )
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
