"""How an indicator stands on a date: its latest figure, against its target (of the same
breakdown) where it has one, the direction of its latest change, and whether it is on track —
computed from the records, never typed. `standing(indicator, as_of)` is the one answer every
door gives: the dashboard, a programme's page, the public programmes page and its CSV, the
API; the charts draw `progress()`, which it is made of. The date is never optional: a status
depends on the day it is asked on (the share of the time to the due date gone by), so every
caller says which day it shows, by default the dashboard's (`web.sections.latest_data_day`).

The words follow the NYC Mayor's Management Report, which counts its indicators as improving,
stable or worsening (개선·유지·악화) against the direction in which each is better:
- trend: the latest figure against the one before it (same breakdown); a change under 1 % is
  유지 (stable); an indicator with no better direction rises or falls (증가·감소);
- status toward the target: 달성 (reached), 순항 (on track: the share of the target reached is
  at least the share of the time from the first figure to the due date gone by), 지연 (behind),
  미달 (due date passed without reaching it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sijeong.core.formatting import format_date_compact, format_percent, percent
from sijeong.core.models import Indicator, Observation, Target

STABLE = Decimal("0.01")  # a change smaller than 1 % of the figure is no change


def number(value: Any) -> Decimal:
    # Values come as Decimals from the database, but as ints, floats or strings from fixtures
    # and forms; all are read the same way (str() keeps a float's shortest spelling).
    return value if isinstance(value, Decimal) else Decimal(str(value))


def known(indicator: Indicator, as_of: datetime.date | None) -> list[Observation]:
    """The indicator's figures known on `as_of` (all without a date), oldest first. Uses the
    prefetched `observations` when there are."""
    return sorted(
        (o for o in indicator.observations.all() if as_of is None or o.as_of <= as_of),
        key=lambda o: (o.as_of, o.order, o.pk or 0),
    )


def targets(indicator: Indicator) -> list[Target]:
    return sorted(indicator.targets.all(), key=lambda t: (t.due, t.pk or 0))


@dataclass(frozen=True)
class Progress:
    """The latest figure of an indicator against its target, for the same breakdown."""

    indicator: Indicator
    achieved: Observation
    target: Target
    first: Observation  # the earliest figure of that breakdown: where the way to go started
    previous: Observation | None  # the figure before the latest, for the trend
    as_of: datetime.date

    @property
    def share(self) -> Decimal | None:
        """The achieved figure as a percentage of the target, unrounded (None for a 0 target)."""
        return percent(number(self.achieved.value), number(self.target.value))

    @property
    def label(self) -> str:
        """ "목표 338개 중 328개 (97.0%)"."""
        fmt = self.indicator.format_value
        return (
            f"목표 {fmt(number(self.target.value))} 중 {fmt(number(self.achieved.value))} "
            f"({format_percent(self.share)})"
        )

    @property
    def achieved_text(self) -> str:
        return self.indicator.format_value(number(self.achieved.value))

    @property
    def achieved_when(self) -> str:
        return format_date_compact(self.achieved.as_of)

    @property
    def target_text(self) -> str:
        return self.indicator.format_value(number(self.target.value))

    @property
    def share_text(self) -> str:
        return format_percent(self.share) if self.share is not None else ""

    @property
    def width(self) -> float:
        """The share as the width of a bar of 100, full at the target."""
        return min(float(self.share or 0), 100.0)

    @property
    def trend(self) -> str:
        if self.previous is None:
            return ""
        before, now = number(self.previous.value), number(self.achieved.value)
        change = now - before
        if change == 0 or (before and abs(change) < abs(before) * STABLE):
            return "유지"
        if self.indicator.direction == Indicator.Direction.NEUTRAL:
            return "증가" if change > 0 else "감소"
        better = (change > 0) == (self.indicator.direction == Indicator.Direction.UP)
        return "개선" if better else "악화"

    @property
    def status(self) -> str:
        achieved, target = number(self.achieved.value), number(self.target.value)
        lower_is_better = self.indicator.direction == Indicator.Direction.DOWN
        if achieved <= target if lower_is_better else achieved >= target:
            return "달성"
        if self.target.due < self.as_of:
            return "미달"
        if lower_is_better or self.share is None:
            return "지연"  # how far along a reduction should be is not known from one target
        span = (self.target.due - self.first.as_of).days
        gone = Decimal((self.as_of - self.first.as_of).days * 100) / span if span > 0 else 100
        return "순항" if self.share >= gone else "지연"

    @property
    def on_track(self) -> bool:
        return self.status in ("달성", "순항")


def progress(indicator: Indicator, as_of: datetime.date) -> Progress | None:
    """The indicator's progress toward its target on `as_of`, or None.

    The target is the first one due on or after the latest figure of its breakdown (else the
    last one); the figure is the latest one, known on `as_of`, with exactly the target's
    breakdown. With targets for several breakdowns, the total's (no breakdown) wins, then the
    most recent figure. Uses the prefetched `observations` and `targets` when there are.
    """
    observations = known(indicator, as_of)
    planned = targets(indicator)
    best: Progress | None = None
    for dims in {tuple(sorted((t.dimension_values or {}).items())) for t in planned}:
        wanted = dict(dims)
        figures = [o for o in observations if (o.dimension_values or {}) == wanted]
        if not figures:
            continue
        achieved = figures[-1]
        own = [t for t in planned if (t.dimension_values or {}) == wanted]
        target = next((t for t in own if t.due >= achieved.as_of), own[-1])
        previous = figures[-2] if len(figures) > 1 else None
        candidate = Progress(indicator, achieved, target, figures[0], previous, as_of)
        if best is None or (not wanted, achieved.as_of) > (
            not best.target.dimension_values,
            best.achieved.as_of,
        ):
            best = candidate
    return best


def format_dims(dims: dict[str, Any] | None) -> str:
    """A breakdown as a label: {"1동선": "확보"} → "1동선 확보"; no breakdown → "합계"."""
    if not dims:
        return "합계"
    return " · ".join(f"{key} {value}" for key, value in dims.items())


@dataclass(frozen=True)
class Standing:
    """An indicator on a date: its latest value, and its progress where it has a target.

    The latest value is the figure compared with the target; without a target, the latest
    total; for an indicator recorded only by its breakdown, the figures of its latest date
    (평일 55만명 · 주말 37만명), as its chart draws them.
    """

    indicator: Indicator
    as_of: datetime.date
    figures: tuple[Observation, ...]
    progress: Progress | None

    @property
    def latest_date(self) -> datetime.date | None:
        return self.figures[0].as_of if self.figures else None

    @property
    def latest_when(self) -> str:
        return format_date_compact(self.figures[0].as_of) if self.figures else ""

    @property
    def latest_text(self) -> str:
        """The latest value as pages print it; a figure of a breakdown says which."""
        texts = []
        for figure in self.figures:
            value = ("약 " if figure.approximate else "") + self.indicator.format_value(
                number(figure.value)
            )
            dims = figure.dimension_values
            texts.append(f"{value} ({format_dims(dims)})" if dims else value)
        return " · ".join(texts)

    @property
    def target_text(self) -> str:
        """ "565개교 ('24.9월)"; "" without a target."""
        if self.progress is None:
            return ""
        return f"{self.progress.target_text} ({self.progress.target.due_text})"

    @property
    def share_text(self) -> str:
        return self.progress.share_text if self.progress is not None else ""

    @property
    def status(self) -> str:
        """달성, 순항, 지연 or 미달; "" without a target."""
        return self.progress.status if self.progress is not None else ""

    @property
    def on_track(self) -> bool:
        return self.progress is not None and self.progress.on_track


def standing(indicator: Indicator, as_of: datetime.date) -> Standing:
    """How `indicator` stands on `as_of`: what every page and the API print of it. Uses the
    prefetched `observations` and `targets` when there are."""
    reached = progress(indicator, as_of)
    if reached is not None:
        return Standing(indicator, as_of, (reached.achieved,), reached)
    observations = known(indicator, as_of)
    totals = [o for o in observations if not o.dimension_values]
    if totals:
        return Standing(indicator, as_of, (totals[-1],), None)
    if not observations:
        return Standing(indicator, as_of, (), None)
    latest = observations[-1].as_of
    return Standing(indicator, as_of, tuple(o for o in observations if o.as_of == latest), None)
