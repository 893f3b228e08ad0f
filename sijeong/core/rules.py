"""Rules and summaries over stated figures: breakdowns add up, stated agrees with derived."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Prefetch

from sijeong.core.derivations import DerivationError, derive, observation_window, preload
from sijeong.core.findings import (
    Finding,
    Severity,
    SummaryLine,
    Years,
    audit,
    in_years,
    rule,
    shared,
    summary,
)
from sijeong.core.formatting import change_percent, format_percent, percent, round_half_up
from sijeong.core.models import Indicator, Observation, Office
from sijeong.core.validity import label_of, office_records, problems

GroupKey = tuple[datetime.date, datetime.date | None, datetime.date | None]


@audit
def stored_values_follow_rules(office: Office) -> Iterable[Finding]:
    """Rows stored before a rule existed, or by a door that did not ask (a raw import into
    the database): each value that breaks its field's rule, at its record. The pages ask it
    of the records they show (`findings.findings_of`), at no cost of queries."""
    for records in office_records(office.pk):
        model = records.model
        for pk, name, message in problems(records):
            yield Finding(
                severity=Severity.ERROR,
                code="core.invalid_value",
                message=f"{label_of(model, name)}: {message}",
                model=model._meta.label_lower,
                object_id=pk,
                object_repr=f"{model._meta.verbose_name} #{pk}",
                field=name,
            )


def _indicators(office: Office, years: Years = None) -> list[Indicator]:
    """The office's indicators with their figures of `years` and of the year before each
    (a change over the year compares with it)."""
    reach = None if years is None else {y for year in years for y in (year, year - 1)}

    def load() -> list[Indicator]:
        figures = in_years(Observation.objects.all(), "as_of", reach)
        return list(office.indicators.prefetch_related(Prefetch("observations", queryset=figures)))

    return shared(("indicators", office.pk, frozenset(reach or ()), reach is None), load)


def _groups(indicator: Indicator) -> dict[GroupKey, list[Observation]]:
    """Observations stated together: same as-of date and period."""
    groups: dict[GroupKey, list[Observation]] = defaultdict(list)
    for obs in indicator.observations.all():
        groups[(obs.as_of, obs.period_start, obs.period_end)].append(obs)
    return groups


def _parts(
    indicator: Indicator, group: list[Observation]
) -> Iterator[tuple[Observation, Observation]]:
    """(total, part) pairs of a group: each observation with dimensions against the total."""
    total = next((o for o in group if o.is_total), None)
    if total is None:
        return
    for obs in group:
        if not obs.is_total:
            yield total, obs


def _is_partition(indicator: Indicator, obs: Observation) -> bool:
    """Whether the observation's only dimension is one that partitions the total."""
    keys = list((obs.dimension_values or {}).keys())
    return len(keys) == 1 and keys[0] in (indicator.dimensions or [])


@rule
def breakdowns_add_up(office: Office, years: Years = None) -> Iterable[Finding]:
    for indicator in _indicators(office, years):
        for group in _groups(indicator).values():
            total = next((o for o in group if o.is_total), None)
            if total is None:
                continue
            for dimension in indicator.dimensions or []:
                parts = [
                    o
                    for o in group
                    if _is_partition(indicator, o) and dimension in o.dimension_values
                ]
                if not parts or any(o.approximate for o in (total, *parts)):
                    continue
                added = sum((o.value for o in parts), Decimal(0))
                if added != total.value:
                    yield Finding.about(
                        total,
                        Severity.ERROR,
                        "core.breakdown_sum",
                        f"{indicator.name} 합계 {indicator.format_value(total.value)}와 "
                        f"{dimension}별 합 {indicator.format_value(added)}이 다릅니다.",
                        "value",
                    )


@rule
def parts_within_total(office: Office, years: Years = None) -> Iterable[Finding]:
    for indicator in _indicators(office, years):
        for group in _groups(indicator).values():
            for total, part in _parts(indicator, group):
                if part.value > total.value and not part.approximate:
                    yield Finding.about(
                        part,
                        Severity.ERROR,
                        "core.part_exceeds_total",
                        f"{indicator.name}의 일부 {indicator.format_value(part.value)}이 "
                        f"전체 {indicator.format_value(total.value)}보다 큽니다.",
                        "value",
                    )


@rule
def stated_agrees_with_records(office: Office, years: Years = None) -> Iterable[Finding]:
    # Observations of one window and breakdown have one derived figure: count it once.
    derived_for: dict[tuple[object, ...], Decimal | None] = {}
    preload(office.pk)
    for indicator in _indicators(office, years):
        if not indicator.derivation:
            continue
        for obs in indicator.observations.all():
            if years is not None and obs.as_of.year not in years:
                continue  # fetched only for the change over the year
            key = (
                indicator.pk,
                observation_window(obs),
                tuple(sorted((obs.dimension_values or {}).items())),
            )
            if key not in derived_for:
                try:
                    derived_for[key] = derive(obs)
                except DerivationError as error:
                    yield Finding.about(
                        indicator,
                        Severity.ERROR,
                        "core.derivation_failed",
                        str(error),
                        "derivation",
                    )
                    break  # the same for each of its observations
            derived = derived_for[key]
            if derived is not None and derived != obs.value:
                yield Finding.about(
                    obs,
                    Severity.WARNING,
                    "core.stated_vs_derived",
                    f"{indicator.name}: 기재 {indicator.format_value(obs.value)}, "
                    f"기록 집계 {indicator.format_value(derived)}로 다릅니다.",
                    "value",
                )


def _year_before(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    # 29 February has no twin a year earlier; the 28th stands for it.
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


@rule
def stated_yoy_agrees(office: Office, years: Years = None) -> Iterable[Finding]:
    for indicator in _indicators(office, years):
        observations = list(indicator.observations.all())
        for obs in observations:
            if obs.stated_change_pct is None:
                continue
            if years is not None and obs.as_of.year not in years:
                continue
            wanted = (
                _year_before(obs.period_start),
                _year_before(obs.period_end),
                _year_before(obs.as_of) if obs.period_end is None else None,
            )
            previous = next(
                (
                    o
                    for o in observations
                    if o.dimension_values == obs.dimension_values
                    and (o.period_start, o.period_end) == wanted[:2]
                    and (wanted[2] is None or o.as_of == wanted[2])
                ),
                None,
            )
            if previous is None:
                continue
            computed = change_percent(obs.value, previous.value)
            places = max(0, -obs.stated_change_pct.normalize().as_tuple().exponent)  # type: ignore[operator]
            if computed is None or round_half_up(computed, places) != obs.stated_change_pct:
                yield Finding.about(
                    obs,
                    Severity.WARNING,
                    "core.yoy_mismatch",
                    f"{indicator.name}: 전년대비 {obs.stated_change_pct}%로 적혀 있으나 "
                    f"기록으로는 {format_percent(computed, places)}입니다.",
                    "stated_change_pct",
                )


@rule
def periods_end_by_as_of(office: Office, years: Years = None) -> Iterable[Finding]:
    for indicator in _indicators(office, years):
        for obs in indicator.observations.all():
            if obs.period_end is not None and obs.period_end > obs.as_of:
                yield Finding.about(
                    obs,
                    Severity.WARNING,
                    "core.period_after_as_of",
                    f"{indicator.name}: 기간 끝({obs.period_end})이 기준일({obs.as_of})보다 "
                    "늦습니다.",
                    "period_end",
                )


@summary
def shares(office: Office) -> Iterable[SummaryLine]:
    """Each part of a stated total as a share of it (강남3구+강동 341 of 731 → 46.6%)."""
    for indicator in _indicators(office):
        for group in _groups(indicator).values():
            for total, part in _parts(indicator, group):
                label = ", ".join(f"{k} {v}" for k, v in part.dimension_values.items())
                yield SummaryLine(
                    code="core.share",
                    label=f"{indicator.name} 비중",
                    text=(
                        f"{indicator.format_value(total.value)} 중 {label} "
                        f"{indicator.format_value(part.value)} "
                        f"({format_percent(percent(part.value, total.value))})"
                    ),
                )
