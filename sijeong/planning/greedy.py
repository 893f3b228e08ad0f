"""The greedy baseline (탐욕 배치) the solver is measured against, and the solver's first hint.

Pins go first, then must-haves, then everything else; within each group the highest priority
first, ties broken by the earliest last day (the visit that can wait least). Each visit takes
its earliest feasible slot under the same hard rules as the solver (the same `Options`, and
the same half-travel margins between visits), so its plan is always a valid start for
CP-SAT. It ignores every soft term but priority: that is what makes it a baseline.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict

from sijeong.planning.solver import (
    Candidate,
    Instance,
    Options,
    Placement,
    Plan,
    Week,
    finish,
    options,
    week_of,
)


def _order(instance: Instance, candidate: Candidate) -> tuple[int, int, int, datetime.date, str]:
    return (
        candidate.id not in instance.pins,
        not candidate.must,
        -candidate.priority,
        candidate.latest,
        candidate.id,
    )


def plan(instance: Instance, opts: Options | None = None) -> Plan:
    """The greedy plan, scored by the solver's objective; `bound` is 0 (nothing proved)."""
    began = time.perf_counter()
    opts = opts or options(instance)
    busy: dict[datetime.date, list[tuple[int, int]]] = defaultdict(list)  # padded intervals
    per_week: dict[Week, int] = defaultdict(int)
    placed: list[Placement] = []
    candidates = [c for c in instance.candidates if c.id in opts.starts]
    for c in sorted(candidates, key=lambda c: _order(instance, c)):
        slot = _first_slot(instance, opts, c, busy, per_week)
        if slot is None:
            continue
        day, start, pad = slot
        busy[day].append((start - pad, start + c.duration_minutes + pad))
        per_week[week_of(day)] += 1
        placed.append(Placement(c.id, day, start, start + c.duration_minutes))
    return finish(
        instance,
        opts,
        placed,
        bound=0,
        status="FEASIBLE",
        seconds=time.perf_counter() - began,
    )


def _first_slot(
    instance: Instance,
    opts: Options,
    c: Candidate,
    busy: dict[datetime.date, list[tuple[int, int]]],
    per_week: dict[Week, int],
) -> tuple[datetime.date, int, int] | None:
    rules = instance.rules
    for day in sorted(opts.starts[c.id]):
        if len(busy[day]) >= rules.max_visits_per_day:
            continue
        if per_week[week_of(day)] >= rules.max_visits_per_week:
            continue
        pad = opts.pad[c.id, day]
        for start in opts.starts[c.id][day]:
            low, high = start - pad, start + c.duration_minutes + pad
            if all(high <= a or b <= low for a, b in busy[day]):
                return day, start, pad
    return None
