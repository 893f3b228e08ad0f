"""Findings (검사 결과): what the data checks say about the records, and the summaries.

A rule is a function of an office (and, optionally, of some years) that yields Findings; a
summary yields the derived figures (집계) a reader would check against a printed report. Apps
register both in their `rules.py`. A finding never blocks saving: it is shown beside the
record it concerns.

Pages ask for the years they show (a list page: the years of its page of records; the
dashboard: its year), so their checks do not grow with the office's whole history, and the
answer is kept until a record of the office changes (core.revisions).
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from sijeong.core.models import Office

_DATED = ("date", "as_of", "due", "period_end", "signed_on")


def _year_of(obj: models.Model) -> int | None:
    """The year a record is about; None for one of no year, and for one whose stored year no
    record may have (it is a finding of every year, not of year 32767)."""
    from sijeong.core.validity import EARLIEST, LATEST

    year = getattr(obj, "fiscal_year", None)
    if not isinstance(year, int):
        dates = (getattr(obj, name, None) for name in _DATED)
        year = next((d.year for d in dates if isinstance(d, datetime.date)), None)
    return year if year is not None and EARLIEST.year <= year <= LATEST.year else None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "오류", "warning": "경고", "info": "참고"}[self.value]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    model: str
    object_id: int | None
    object_repr: str
    field: str = ""
    # The year the record is about (its date, as-of date, due date or fiscal year), so that a
    # page about one year shows that year's findings; None for records of no particular year.
    year: int | None = None
    # The problem this finding is one record's view of: a problem of several records (two
    # events that clash) is found on each of them, but it is one problem to count and to list.
    # Empty: a problem of this record alone.
    problem: str = ""

    @classmethod
    def about(
        cls,
        obj: models.Model,
        severity: Severity,
        code: str,
        message: str,
        field: str = "",
        problem: str = "",
    ) -> Finding:
        return cls(
            severity=severity,
            code=code,
            message=message,
            model=obj._meta.label_lower,
            object_id=obj.pk,
            object_repr=str(obj),
            field=field,
            year=_year_of(obj),
            problem=problem,
        )

    @property
    def problem_key(self) -> str:
        return self.problem or f"{self.code}|{self.model}#{self.object_id}|{self.field}"

    @property
    def model_name(self) -> str:
        """The record kind in Korean (the model's verbose name)."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.model)._meta.verbose_name)
        except LookupError:
            return self.model

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["severity_label"] = self.severity.label
        data["model_name"] = self.model_name
        return data


@dataclass(frozen=True)
class SummaryLine:
    """A derived figure in the report's own notation (e.g. `정원 31 / 현원 30`)."""

    code: str
    label: str
    text: str


Years = Collection[int] | None  # None: every year
Rule = Callable[[Office, Years], Iterable[Finding]]
Summary = Callable[[Office], Iterable[SummaryLine]]

_RULES: list[Rule] = []
_SUMMARIES: list[Summary] = []


def rule(func: Rule) -> Rule:
    """Register a data rule."""
    _RULES.append(func)
    return func


def summary(func: Summary) -> Summary:
    """Register a summary of derived figures."""
    _SUMMARIES.append(func)
    return func


Audit = Callable[[Office], Iterable[Finding]]
_AUDITS: list[Audit] = []


def audit(func: Audit) -> Audit:
    """Register an audit: a check of the whole office that reads every table (what rows stored
    before a rule break), run by `check_data` rather than by every page's checks."""
    _AUDITS.append(func)
    return func


def run_audits(office: Office | None = None) -> list[Finding]:
    return [finding for o in _offices(office) for a in _AUDITS for finding in a(o)]


def _offices(office: Office | None) -> list[Office]:
    return [office] if office is not None else list(Office.objects.order_by("slug"))


_Q = TypeVar("_Q", bound=QuerySet[Any])


def in_years(queryset: _Q, field: str, years: Years) -> _Q:
    """The records whose `field` (a date, or a year as a number) falls in `years`."""
    if years is None:
        return queryset
    if not isinstance(queryset.model._meta.get_field(field), models.DateField):
        return queryset.filter(**{f"{field}__in": sorted(years)})
    # Ranges, not __year: they use the column's index.
    within = Q()
    # A year no date can have (a fiscal year stored before the rules) matches no date.
    for year in (y for y in years if datetime.MINYEAR <= y <= datetime.MAXYEAR):
        within |= Q(**{f"{field}__range": (datetime.date(year, 1, 1), datetime.date(year, 12, 31))})
    return queryset.filter(within)


# Kept at most this long even without a change, as a bound on what a missed signal can cost.
CHECKS_SECONDS = 600

_T = TypeVar("_T")
_shared: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "checks_shared", default=None
)


def shared(key: Any, load: Callable[[], _T]) -> _T:
    """What several rules read alike (an office's indicators with their figures), loaded once
    per run of the checks; outside a run, loaded each time."""
    memo = _shared.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    found: _T = memo[key]
    return found


def run_checks(office: Office | None = None, years: Years = None) -> list[Finding]:
    """Every finding of every rule, for one office or all of them, about records of `years`
    (and records of no year); all years by default."""
    if office is None:
        return [finding for o in _offices(None) for finding in run_checks(o, years)]
    from sijeong.core.revisions import mark

    wanted = None if years is None else frozenset(years)
    shown = "all" if wanted is None else ",".join(map(str, sorted(wanted)))
    # Some rules ask whether an event's day has come: a new day is a new answer.
    today = timezone.localdate()
    key = f"checks:{office.pk}:{mark(office)}:{today.isoformat()}:{shown}"
    found: list[Finding] | None = cache.get(key)
    if found is None:
        token = _shared.set({})
        try:
            found = [
                finding
                for r in _RULES
                for finding in r(office, wanted)
                if wanted is None or finding.year is None or finding.year in wanted
            ]
        finally:
            _shared.reset(token)
        cache.set(key, found, CHECKS_SECONDS)
    return found


def problems(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per problem (the first of each), in order: what a count or a list of an
    office's problems shows, where each record's page shows its own findings."""
    seen: set[str] = set()
    first = []
    for finding in findings:
        if finding.problem_key not in seen:
            seen.add(finding.problem_key)
            first.append(finding)
    return first


def run_summaries(office: Office | None = None) -> list[SummaryLine]:
    return [line for o in _offices(office) for s in _SUMMARIES for line in s(o)]


def years_of(records: Iterable[models.Model]) -> Years:
    """The years of some records (a page of a list), for `run_checks`; every year when one of
    them has none of its own."""
    years = {_year_of(record) for record in records}
    return None if None in years else {y for y in years if y is not None}


def findings_for(obj: models.Model, office: Office) -> list[Finding]:
    """The findings about one record (to show beside it)."""
    label = obj._meta.label_lower
    found = findings_of([obj], office)
    return [f for f in found if f.model == label and f.object_id == obj.pk]


def findings_of(records: list[models.Model], office: Office) -> list[Finding]:
    """The findings of the years of `records` (a page of a list), and what breaks the rules
    in their own stored values, read from them as loaded (core.validity)."""
    found = run_checks(office, years_of(records))
    known = {(f.model, f.object_id, f.field) for f in found}
    return found + [
        f for f in invalid_values(records) if (f.model, f.object_id, f.field) not in known
    ]


def invalid_values(records: Iterable[models.Model]) -> list[Finding]:
    """Each value of `records` that breaks its field's rule, as a finding at its record."""
    from sijeong.core.validity import Record, field_problems, label_of

    return [
        Finding.about(
            record, Severity.ERROR, "core.invalid_value", f"{label_of(record, name)}: {said}", name
        )
        for record in records
        if isinstance(record, Record)
        for name, said in field_problems(record).items()
    ]
