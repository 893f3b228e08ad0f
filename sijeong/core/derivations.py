"""Derivations (산출 규칙): named queries that compute a stated figure from item records.

An Indicator names one in `derivation`; the checks compare each stated Observation with what
the derivation computes, so that `기자설명회 총 11회` is proved by the eleven briefings on
record. Apps register theirs in `<app>/derivations.py`, loaded when the app registry is ready.
A derivation returns None when the records cannot tell (no items recorded for that period),
so that a figure known only as a stated aggregate is not reported as a disagreement.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from sijeong.core.models import Indicator, Observation

Derivation = Callable[["Observation"], Decimal | None]
_T = TypeVar("_T")

_REGISTRY: dict[str, Derivation] = {}


_PRELOADS: list[Callable[[int], object]] = []


def derivation(
    name: str, preload: Callable[[int], object] | None = None
) -> Callable[[Derivation], Derivation]:
    """Register a derivation under `name` (e.g. "press.engagements"), with the function of an
    office's id that loads what it reads for the whole office (`office_wide`)."""
    if preload is not None:
        _PRELOADS.append(preload)

    def register(func: Derivation) -> Derivation:
        if name in _REGISTRY:
            raise ValueError(f"derivation {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return register


def preload(office_id: int) -> None:
    """Load what every derivation reads for the office, before any is asked: the checks then
    ask the same queries whichever derivations the office's indicators name."""
    for load in _PRELOADS:
        load(office_id)


def names() -> list[str]:
    return sorted(_REGISTRY)


class DerivationError(Exception):
    """A derivation an indicator names that cannot be computed: an unknown name, or
    parameters it cannot read. The message is Korean, for a finding at the indicator."""


def known(name: str) -> None:
    """The validator of an indicator's `derivation`: a registered name (or none)."""
    from django.core.exceptions import ValidationError

    if name and name not in _REGISTRY:
        listed = ", ".join(names())
        raise ValidationError(
            f"'{name}'은(는) 등록된 산출 규칙이 아닙니다. 쓸 수 있는 것: {listed}"
        )


def derive(observation: Observation) -> Decimal | None:
    """What the records say for this observation, or None when they cannot say."""
    name = observation.indicator.derivation
    if not name:
        return None
    func = _REGISTRY.get(name)
    if func is None:
        raise DerivationError(f"등록되지 않은 산출 규칙 '{name}'이 적혀 있어 계산하지 않았습니다.")
    try:
        return func(observation)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # Parameters are data (산출 인자): a wrong one is the record's fault, not the code's.
        raise DerivationError(
            f"산출 규칙 '{name}'의 인자를 읽을 수 없어 계산하지 않았습니다 ({error!r})."
        ) from error


def office_wide(name: str, office_id: int, load: Callable[[], _T]) -> _T:
    """Records a derivation reads for the whole office, loaded once per run of the checks
    however many indicators and observations ask (core.findings.shared); each window is then
    counted in memory, so the checks' number of queries grows with neither."""
    from sijeong.core.findings import shared

    return shared(("derivation", name, office_id), load)


def office_grouped(
    name: str, office_id: int, rows: QuerySet[Any], key: str, *values: str
) -> dict[Any, list[Any]]:
    """The office's `rows` grouped by `key`, each group the list of their `values` (one value,
    or a tuple of several), loaded once per run of the checks (`office_wide`)."""

    def load() -> dict[Any, list[Any]]:
        found: dict[Any, list[Any]] = defaultdict(list)
        for row in rows.values_list(key, *values):
            found[row[0]].append(row[1] if len(values) == 1 else row[1:])
        return found

    return office_wide(name, office_id, load)


def subject_id(indicator: Indicator, model: type[Any]) -> int | None:
    """The pk of the indicator's subject when it is a `model`, without fetching it."""
    from django.contrib.contenttypes.models import ContentType

    if indicator.subject_type_id != ContentType.objects.get_for_model(model).pk:
        return None
    return int(indicator.subject_id) if indicator.subject_id is not None else None


def observation_window(observation: Observation) -> tuple[datetime.date | None, datetime.date]:
    """The dates an observation covers: its period, or everything up to its as-of date."""
    return observation.period_start, observation.period_end or observation.as_of
