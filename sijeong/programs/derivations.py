"""Programme figures computed from the programme tree and its tracked items."""

from __future__ import annotations

from decimal import Decimal

from sijeong.core.derivations import derivation, office_grouped, subject_id
from sijeong.core.models import Observation

from .models import Program, TrackedItem


def _children(office_id: int) -> dict[int, list[str]]:
    """Per programme of the office, its children's kinds."""
    rows = Program.objects.filter(office_id=office_id, parent__isnull=False)
    return office_grouped("children", office_id, rows, "parent", "kind")


def _statuses(office_id: int) -> dict[int, list[str]]:
    """Per programme of the office, its tracked items' statuses."""
    rows = TrackedItem.objects.filter(program__office_id=office_id)
    return office_grouped("tracked_items", office_id, rows, "program", "status")


@derivation("programs.children", preload=_children)
def count_children(observation: Observation) -> Decimal | None:
    """Child nodes of one kind (`kind` param) under the indicator's programme."""
    indicator = observation.indicator
    program = subject_id(indicator, Program)
    if program is None or observation.dimension_values:
        return None
    kind = indicator.derivation_params.get("kind")
    kinds = _children(indicator.office_id).get(program, [])
    count = sum(1 for child_kind in kinds if not kind or child_kind == kind)
    return Decimal(count) if count else None


@derivation("programs.tracked_items", preload=_statuses)
def count_tracked_items(observation: Observation) -> Decimal | None:
    """Tracked items of the programme in a status, for the dimension values mapped to one.

    Params: `dimension` and `statuses`, a map from that dimension's values to a
    TrackedItem status (e.g. {"미확보": "planned"}).
    """
    indicator = observation.indicator
    program = subject_id(indicator, Program)
    params = indicator.derivation_params
    if program is None:
        return None
    value = (observation.dimension_values or {}).get(params.get("dimension", ""))
    status = params.get("statuses", {}).get(value)
    if status is None or status not in TrackedItem.Status.values:
        return None
    statuses = _statuses(indicator.office_id).get(program, [])
    return Decimal(sum(1 for item_status in statuses if item_status == status))
