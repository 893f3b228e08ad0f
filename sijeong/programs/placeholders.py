"""Figures inside narrative prose (서술 속 수치): parse `{{…}}` placeholders and resolve them.

A narrative never types a number; it names the record the number comes from, and the
report prints the recorded value. The grammar is documented on `Narrative`:

    {{key}}  {{key|구분=값}}  {{key|구분=값:share}}  {{key@2023-12-31}}  {{key:number}}
    {{key:plan}}  {{key:listed}}  {{key:yoy}}  {{milestone:key}}  {{period:programme-slug}}

`resolve` gives the printed text and the records behind it; `resolve_errors` lists, in
Korean, what cannot be resolved (the checks report those).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from django.db import models

from sijeong.core.formatting import (
    format_date_compact,
    format_date_short,
    format_month,
    format_number,
    format_percent,
    format_year,
    format_yoy,
    percent,
)
from sijeong.core.models import Indicator, Observation, Target

from .models import Milestone, Program

Form = Literal["value", "number", "share", "plan", "listed", "yoy", "date", "period"]
FORMS: tuple[Form, ...] = ("value", "number", "share", "plan", "listed", "yoy")

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_KEY = re.compile(r"[-a-zA-Z0-9_]+")
_BODY = re.compile(
    r"(?P<key>[^|@:]+)"
    r"(?:\|(?P<dims>[^@:]+))?"
    r"(?:@(?P<at>\d{4}-\d{2}-\d{2}))?"
    r"(?::(?P<form>\w+))?"
)


class PlaceholderError(ValueError):
    """A placeholder that is malformed or names nothing; the message is Korean."""


@dataclass(frozen=True)
class Placeholder:
    raw: str
    start: int
    end: int
    kind: Literal["observation", "milestone", "program"]
    key: str
    dims: tuple[tuple[str, str], ...] = ()
    at: datetime.date | None = None
    form: Form = "value"

    @property
    def dimension_values(self) -> dict[str, str]:
        return dict(self.dims)


@dataclass
class Resolved:
    """A placeholder's printed text and the records it was computed from (its provenance)."""

    text: str
    sources: list[models.Model] = field(default_factory=list)


def _parse_one(match: re.Match[str]) -> Placeholder:
    raw, body = match.group(0), match.group(1).strip()
    start, end = match.start(), match.end()
    if body.startswith("milestone:"):
        key = body.removeprefix("milestone:").strip()
        if not _KEY.fullmatch(key):
            raise PlaceholderError(f"{raw}: 추진일정 영문 코드가 올바르지 않습니다.")
        return Placeholder(raw, start, end, "milestone", key, form="date")
    if body.startswith("period:"):
        key = body.removeprefix("period:").strip()
        if not _KEY.fullmatch(key):
            raise PlaceholderError(f"{raw}: 사업 영문 코드가 올바르지 않습니다.")
        return Placeholder(raw, start, end, "program", key, form="period")
    parsed = _BODY.fullmatch(body)
    if parsed is None or not _KEY.fullmatch(parsed["key"].strip()):
        raise PlaceholderError(f"{raw}: 수치 자리표시를 읽을 수 없습니다.")
    dims: list[tuple[str, str]] = []
    for pair in (parsed["dims"] or "").split(",") if parsed["dims"] else []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise PlaceholderError(f"{raw}: 구분은 '구분=값' 형식이어야 합니다.")
        dims.append((name.strip(), value.strip()))
    at = None
    if parsed["at"]:
        try:
            at = datetime.date.fromisoformat(parsed["at"])
        except ValueError:
            raise PlaceholderError(f"{raw}: 날짜 {parsed['at']}가 올바르지 않습니다.") from None
    form = next((f for f in FORMS if f == (parsed["form"] or "value")), None)
    if form is None:
        raise PlaceholderError(f"{raw}: 알 수 없는 표기 '{parsed['form']}'입니다.")
    if form == "share" and not dims:
        raise PlaceholderError(f"{raw}: 비율(share)은 구분 값이 있어야 합니다.")
    key = parsed["key"].strip()
    return Placeholder(raw, start, end, "observation", key, tuple(dims), at, form)


def parse_placeholders(text: str) -> list[Placeholder]:
    """Every placeholder of `text` in order; raises PlaceholderError on the first bad one."""
    return [_parse_one(m) for m in _PLACEHOLDER.finditer(text)]


def split_text(text: str) -> Iterator[str | Placeholder]:
    """`text` as literal pieces and placeholders, in order (empty pieces left out)."""
    position = 0
    for placeholder in parse_placeholders(text):
        if placeholder.start > position:
            yield text[position : placeholder.start]
        yield placeholder
        position = placeholder.end
    if position < len(text):
        yield text[position:]


class IndicatorsByKey:
    """An office's indicators by key, each with its figures and targets, loaded when first
    asked for: an office's ten years of figures are not loaded to resolve one year's prose."""

    def __init__(self, office_id: int) -> None:
        self.office_id = office_id
        self._known: dict[str, Indicator | None] = {}

    def load(self, keys: Iterable[str]) -> None:
        wanted = set(keys) - self._known.keys()
        found = Indicator.objects.filter(office_id=self.office_id, key__in=wanted)
        for indicator in found.prefetch_related("observations", "targets"):
            self._known[indicator.key] = indicator
        self._known.update(dict.fromkeys(wanted - self._known.keys()))

    def get(self, key: str) -> Indicator | None:
        if key not in self._known:
            self.load([key])
        return self._known[key]


@dataclass
class OfficeRecords:
    """What placeholders refer to in one office (a report resolves dozens)."""

    indicators: IndicatorsByKey
    milestones: dict[str, list[Milestone]]
    programs: dict[str, Program]

    @classmethod
    def load(cls, office_id: int, texts: Iterable[str] | None = None) -> OfficeRecords:
        """The office's records; with `texts`, the indicators their placeholders name are
        loaded at once (one query each for figures and targets), others when asked for."""
        indicators = IndicatorsByKey(office_id)
        if texts is not None:
            indicators.load(_indicator_keys(texts))
        milestones: dict[str, list[Milestone]] = {}
        for milestone in Milestone.objects.filter(program__office_id=office_id).exclude(key=""):
            milestones.setdefault(milestone.key, []).append(milestone)
        return cls(
            indicators=indicators,
            milestones=milestones,
            programs={p.slug: p for p in Program.objects.filter(office_id=office_id)},
        )


def _indicator_keys(texts: Iterable[str]) -> set[str]:
    keys = set()
    for text in texts:
        try:
            placeholders = parse_placeholders(text)
        except PlaceholderError:
            continue  # resolve_errors reports it
        keys |= {p.key for p in placeholders if p.kind == "observation"}
    return keys


def _observation(
    indicator: Indicator,
    dims: dict[str, str],
    at: datetime.date | None,
    as_of: datetime.date | None,
) -> Observation | None:
    """The observation a placeholder means: on `at` (the period's end, or the as-of date of
    an observation without a period), otherwise the latest one known on `as_of`."""
    candidates = [
        o
        for o in indicator.observations.all()
        if (o.dimension_values or {}) == dims and (as_of is None or o.as_of <= as_of)
    ]
    if at is not None:
        candidates = [o for o in candidates if (o.period_end or o.as_of) == at]
    return max(candidates, key=lambda o: (o.as_of, o.period_end or o.as_of, o.pk), default=None)


def _when(date: datetime.date, precision: str) -> str:
    return format_year(date.year) if precision == "year" else format_month(date)


def _plan(indicator: Indicator, dims: dict[str, str], as_of: datetime.date | None) -> Resolved:
    """`'23년 722대 → '24년 782대`: the figure before the next target, then the target.

    A target for a year starts from the previous year's closing figure; a target for a
    month from the latest figure known (`'24.6월 150개교 → '24.9월 565개교`)."""
    targets = [
        t
        for t in indicator.targets.all()
        if (t.dimension_values or {}) == dims and (as_of is None or t.due >= as_of)
    ]
    if not targets:
        raise PlaceholderError(f"지표 '{indicator.key}'에 목표가 없습니다.")
    target: Target = min(targets, key=lambda t: t.due)
    by_year = target.due_precision == "year"
    base_until = datetime.date(target.due.year - 1, 12, 31) if by_year else (as_of or target.due)
    base = _observation(indicator, dims, None, min(base_until, target.due))
    if base is None:
        raise PlaceholderError(f"지표 '{indicator.key}'에 {base_until} 이전의 실적값이 없습니다.")
    base_when = format_year(base.as_of.year) if by_year else format_month(base.as_of)
    target_value = " ".join(filter(None, (target.note, indicator.format_value(target.value))))
    text = (
        f"{base_when} {indicator.format_value(base.value)} → "
        f"{_when(target.due, target.due_precision)} {target_value}"
    )
    return Resolved(text, [base, target])


def _period(slug: str, records: OfficeRecords) -> Resolved:
    """A programme's period with its length: `'24. 9. 3. ~ '25. 2. 28.(6개월)`."""
    program = records.programs.get(slug)
    if program is None:
        raise PlaceholderError(f"영문 코드 '{slug}'인 사업이 없습니다.")
    if program.start is None or program.end is None:
        raise PlaceholderError(f"사업 '{program.title}'의 시작일 또는 종료일이 없습니다.")
    # Months as people count them: 3 Sep to 28 Feb is six months.
    days = (program.end - program.start).days + 1
    months = round(days / (365.25 / 12))
    text = (
        f"{format_date_short(program.start, weekday=False)} ~ "
        f"{format_date_short(program.end, weekday=False)}({months}개월)"
    )
    return Resolved(text, [program])


def _milestone(key: str, records: OfficeRecords) -> Resolved:
    found = records.milestones.get(key, [])
    if not found:
        raise PlaceholderError(f"영문 코드 '{key}'인 추진일정이 없습니다.")
    if len(found) > 1:
        raise PlaceholderError(f"영문 코드 '{key}'인 추진일정이 {len(found)}개입니다.")
    milestone = found[0]
    if milestone.precision == "day":
        text = format_date_compact(milestone.date)
    else:
        text = _when(milestone.date, milestone.precision)
    return Resolved(text + ("~" if milestone.open_ended else ""), [milestone])


def resolve(
    placeholder: Placeholder, records: OfficeRecords, as_of: datetime.date | None = None
) -> Resolved:
    """The printed text of one placeholder, computed from the records known on `as_of`."""
    if placeholder.kind == "milestone":
        return _milestone(placeholder.key, records)
    if placeholder.kind == "program":
        return _period(placeholder.key, records)
    indicator = records.indicators.get(placeholder.key)
    if indicator is None:
        raise PlaceholderError(f"영문 코드 '{placeholder.key}'인 지표가 없습니다.")
    dims = placeholder.dimension_values
    if placeholder.form == "plan":
        return _plan(indicator, dims, as_of)
    observation = _observation(indicator, dims, placeholder.at, as_of)
    if observation is None:
        where = ", ".join(f"{k}={v}" for k, v in placeholder.dims)
        when = f" {placeholder.at} 기준" if placeholder.at else ""
        raise PlaceholderError(
            f"지표 '{indicator.key}'에{when} {where or '합계'} 실적값이 없습니다."
        )
    if placeholder.form == "listed":
        if not observation.listed:
            raise PlaceholderError(f"지표 '{indicator.key}'의 실적값에 함께 적힌 항목이 없습니다.")
        return Resolved(", ".join(observation.listed) + " 등", [observation])
    if placeholder.form == "share":
        total = _observation(indicator, {}, None, observation.as_of)
        if total is None or total.as_of != observation.as_of:
            raise PlaceholderError(f"지표 '{indicator.key}'에 같은 기준일의 합계가 없습니다.")
        return Resolved(
            format_percent(percent(observation.value, total.value)), [observation, total]
        )
    if placeholder.form == "yoy":
        if observation.stated_change_pct is None:
            raise PlaceholderError(f"지표 '{indicator.key}'의 실적값에 전년대비 증감률이 없습니다.")
        return Resolved(format_yoy(observation.stated_change_pct), [observation])
    if placeholder.form == "number":
        return Resolved(format_number(observation.value), [observation])
    return Resolved(indicator.format_value(observation.value), [observation])


def resolved_text(text: str, records: OfficeRecords, as_of: datetime.date | None = None) -> str:
    """`text` with every placeholder printed; one that cannot be is marked, not dropped.

    Placeholders are read one at a time, so that a malformed one (`{{7*7}}`) is marked where
    it stands, with what the checks say of it, and the rest of the text still printed.
    """
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(text[position : match.start()])
        try:
            pieces.append(resolve(_parse_one(match), records, as_of).text)
        except PlaceholderError as error:
            pieces.append(f"[확인 필요: {error}]")
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces).replace("**", "")


def resolve_errors(text: str, records: OfficeRecords) -> list[str]:
    """Korean messages for every placeholder of `text` that cannot be resolved."""
    try:
        placeholders = parse_placeholders(text)
    except PlaceholderError as error:
        return [str(error)]
    errors = []
    for placeholder in placeholders:
        try:
            resolve(placeholder, records)
        except PlaceholderError as error:
            errors.append(f"{placeholder.raw}: {error}")
    return errors
