"""Programme figures computed from the programme tree and its tracked items."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation, loaded_once
from sijeong.core.models import Observation

from .models import Program, TrackedItem


@derivation("programs.children")
def count_children(observation: Observation) -> Decimal | None:
    """Child nodes of one kind (`kind` param) under the indicator's programme."""
    program = observation.indicator.subject
    if not isinstance(program, Program) or observation.dimension_values:
        return None
    kind = observation.indicator.derivation_params.get("kind")
    kinds = loaded_once(
        observation.indicator,
        "children",
        lambda: list(program.children.values_list("kind", flat=True)),
    )
    count = sum(1 for child_kind in kinds if not kind or child_kind == kind)
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
    statuses = loaded_once(
        observation.indicator,
        "tracked_items",
        lambda: list(program.tracked_items.values_list("status", flat=True)),
    )
    return Decimal(sum(1 for item_status in statuses if item_status == status))
