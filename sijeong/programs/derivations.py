"""Programme figures computed from the programme tree and its tracked items."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation
from sijeong.core.models import Observation

from .models import Program, TrackedItem


@derivation("programs.children")
def count_children(observation: Observation) -> Decimal | None:
    """Child nodes of one kind (`kind` param) under the indicator's programme."""
    program = observation.indicator.subject
    if not isinstance(program, Program) or observation.dimension_values:
        return None
    kind = observation.indicator.derivation_params.get("kind")
    children = program.children.all()
    if kind:
        children = children.filter(kind=kind)
    count = children.count()
    return Decimal(count) if count else None


@derivation("programs.tracked_items")
def count_tracked_items(observation: Observation) -> Decimal | None:
    """Tracked items of the programme in a status, for the dimension values mapped to one.

    Params: `dimension` and `statuses`, a map from that dimension's values to a
    TrackedItem status (e.g. {"미확보": "planned"}).
    """
    program = observation.indicator.subject
    params = observation.indicator.derivation_params
    if not isinstance(program, Program):
        return None
    value = (observation.dimension_values or {}).get(params.get("dimension", ""))
    status = params.get("statuses", {}).get(value)
    if status is None or status not in TrackedItem.Status.values:
        return None
    return Decimal(program.tracked_items.filter(status=status).count())
