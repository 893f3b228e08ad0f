"""Press figures computed from the engagements on record."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation, observation_window
from sijeong.core.models import Observation

from .models import MediaEngagement


@derivation("press.engagements")
def count_engagements(observation: Observation) -> Decimal | None:
    """Engagements of one kind in the observation's period, optionally of one medium.

    Params: `kind` (MediaEngagement.Kind value); `dimension`, the indicator dimension whose
    values are medium labels (신문, TV·라디오 …).
    """
    params = observation.indicator.derivation_params
    items = MediaEngagement.objects.filter(
        office_id=observation.indicator.office_id, kind=params["kind"]
    )
    if not items.exists():
        return None
    start, end = observation_window(observation)
    items = items.filter(date__lte=end)
    if start is not None:
        items = items.filter(date__gte=start)
    dims = observation.dimension_values or {}
    dimension = params.get("dimension")
    if dimension and dimension in dims:
        by_label = {label: value for value, label in MediaEngagement.Medium.choices}
        items = items.filter(medium=by_label.get(dims[dimension], dims[dimension]))
    elif dims:
        return None
    return Decimal(items.count())
