"""Programme figures computed from the programme tree and its tracked items."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sijeong.core.derivations import derivation, office_wide, subject_id
from sijeong.core.models import Observation

from .models import Program, TrackedItem


def _grouped(office_id: int, name: str) -> dict[int, list[str]]:
    """Per programme of the office: its children's kinds, or its tracked items' statuses."""

    def load() -> dict[int, list[str]]:
        pairs: list[tuple[Any, str]]
        if name == "children":
            children = Program.objects.filter(office_id=office_id, parent__isnull=False)
            pairs = list(children.values_list("parent", "kind"))
        else:
            items = TrackedItem.objects.filter(program__office_id=office_id)
            pairs = list(items.values_list("program", "status"))
        found: dict[int, list[str]] = defaultdict(list)
        for program, value in pairs:
            found[program].append(value)
        return found

    return office_wide(name, office_id, load)


@derivation("programs.children", preload=lambda office_id: _grouped(office_id, "children"))
def count_children(observation: Observation) -> Decimal | None:
    """Child nodes of one kind (`kind` param) under the indicator's programme."""
    indicator = observation.indicator
    program = subject_id(indicator, Program)
    if program is None or observation.dimension_values:
        return None
    kind = indicator.derivation_params.get("kind")
    kinds = _grouped(indicator.office_id, "children").get(program, [])
    count = sum(1 for child_kind in kinds if not kind or child_kind == kind)
    return Decimal(count) if count else None


@derivation(
    "programs.tracked_items", preload=lambda office_id: _grouped(office_id, "tracked_items")
)
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
    statuses = _grouped(indicator.office_id, "tracked_items").get(program, [])
    return Decimal(sum(1 for item_status in statuses if item_status == status))
