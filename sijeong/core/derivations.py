"""Derivations (산출 규칙): named queries that compute a stated figure from item records.

An Indicator names one in `derivation`; the checks compare each stated Observation with what
the derivation computes, so that `기자설명회 총 11회` is proved by the eleven briefings on
record. Apps register theirs in `<app>/derivations.py`, loaded when the app registry is ready.
A derivation returns None when the records cannot tell (no items recorded for that period),
so that a figure known only as a stated aggregate is not reported as a disagreement.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sijeong.core.models import Indicator, Observation

Derivation = Callable[["Observation"], Decimal | None]

_REGISTRY: dict[str, Derivation] = {}


def derivation(name: str) -> Callable[[Derivation], Derivation]:
    """Register a derivation under `name` (e.g. "press.engagements")."""

    def register(func: Derivation) -> Derivation:
        if name in _REGISTRY:
            raise ValueError(f"derivation {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return register


def names() -> list[str]:
    return sorted(_REGISTRY)


def derive(observation: Observation) -> Decimal | None:
    """What the records say for this observation, or None when they cannot say."""
    name = observation.indicator.derivation
    if not name:
        return None
    func = _REGISTRY.get(name)
    if func is None:
        raise LookupError(f"unknown derivation {name!r}")
    return func(observation)


def loaded_once(indicator: Indicator, name: str, load: Callable[[], list[Any]]) -> list[Any]:
    """Records a derivation reads, loaded once per indicator however many observations ask.

    The checks derive every observation of an indicator in turn; each window is then counted
    in memory, so their number of queries does not grow with the observations on record.
    """
    cache: dict[str, list[Any]] = indicator.__dict__.setdefault("_derivation_records", {})
    if name not in cache:
        cache[name] = load()
    return cache[name]


def observation_window(observation: Observation) -> tuple[datetime.date | None, datetime.date]:
    """The dates an observation covers: its period, or everything up to its as-of date."""
    return observation.period_start, observation.period_end or observation.as_of
