"""Valid values (올바른 값) of every kind of record, stated once and asked by every door.

A kind of record is a `Record`. What any of its fields may hold follows from the field's type
(a date within EARLIEST–LATEST, text without control characters and within its length, a
whole number the databases can all hold) and from what the field declares: `Between` for a
number's bounds, `ShapedJSONField(shape=…)` for the structure of a JSON value. Forms, the API
and the back office ask through Django's `full_clean`; imports, commands and restore call
`validate`; and `Record.save` refuses to write a value that breaks these rules by any other
way. Rows stored before a rule existed are read all the same (a JSON value of the wrong
structure comes back in its field's shape, marked `Malformed`) and reported by the data checks
(`problems`), so that no page fails on them.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Length
from django.utils.deconstruct import deconstructible

# The dates a record may carry: any term of office a record could be about, and none so far
# ahead that a date a year or a week later (a feed's end, the next year's link) cannot exist.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2099, 12, 31)

# No Korean document holds these, and each breaks something: PostgreSQL refuses NUL in text
# and JSON, XML (HWPX, DOCX) allows no other C0 control but tab and line breaks, and a lone
# surrogate cannot be written as UTF-8 at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The same characters as the databases' regular expressions read them.
_CONTROL_SQL = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]"

# Long enough for any real text of its kind; a bound keeps pages, documents and requests finite.
TEXT_LENGTH = 10_000
JSON_LENGTH = 20_000  # characters of the value written as JSON

# What every database holds in each integer column (SQLite holds more, PostgreSQL refuses it).
_INTEGER_RANGES = {
    "SmallIntegerField": (-32_768, 32_767),
    "PositiveSmallIntegerField": (0, 32_767),
    "IntegerField": (-2_147_483_648, 2_147_483_647),
    "PositiveIntegerField": (0, 2_147_483_647),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
}


def _number(value: int | Decimal) -> str:
    return f"{value:,}"


@deconstructible
class Between:
    """A number from `low` to `high`, both included, with its unit in the message."""

    def __init__(self, low: int | Decimal, high: int | Decimal, unit: str = "") -> None:
        self.low = low
        self.high = high
        self.unit = unit

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if not self.low <= value <= self.high:
            raise ValidationError(self.message, code="out_of_range")

    @property
    def message(self) -> str:
        return (
            f"{_number(self.low)}{self.unit}부터 {_number(self.high)}{self.unit}까지 "
            "적을 수 있습니다."
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Between) and (self.low, self.high, self.unit) == (
            other.low,
            other.high,
            other.unit,
        )

    def __hash__(self) -> int:
        return hash((self.low, self.high, self.unit))


# Bounds many fields share.
ORDER = Between(0, 9_999)  # a place in a list (순서)
# A stated figure (실적값, 목표값): SQLite keeps decimals as floating point, and a value within
# a hundredth of 10¹⁴ comes back as 10¹⁴, one digit more than the column holds, which breaks
# every page that reads it. A city's whole budget in won (수십조) still fits.
FIGURE = Between(-99_999_999_999_999, 99_999_999_999_999)


def bounds(field: models.Field[Any, Any]) -> tuple[Any, Any] | None:
    """The lowest and highest value `field` may hold, from what it declares and its type."""
    low: Any = None
    high: Any = None
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        low, high = EARLIEST, LATEST
    elif field.get_internal_type() in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[field.get_internal_type()]
    for validator in field.validators:
        if isinstance(validator, Between):
            low, high = validator.low, validator.high
        elif isinstance(validator, MinValueValidator):
            low = validator.limit_value if low is None else max(low, validator.limit_value)
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value if high is None else min(high, validator.limit_value)
    if low is None and high is None:
        return None
    return low, high


# -- JSON values --------------------------------------------------------------------------


class Malformed:
    """A stored JSON value that breaks its field's shape, read back in that shape as far as it
    goes (`raw` keeps what was stored): shown, never taken for a valid value, refused on save."""

    raw: Any


class MalformedDict(dict[Any, Any], Malformed):
    pass


class MalformedList(list[Any], Malformed):
    pass


def _malformed(kind: type[dict[Any, Any]] | type[list[Any]], value: Any, raw: Any) -> Any:
    made = (MalformedDict if kind is dict else MalformedList)(value)
    made.raw = raw
    return made


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Shape:
    """The structure a JSON field holds: a type for pydantic to check strictly, an example
    for the message, and how a stored value of another structure is read back."""

    example: str
    type_: Callable[[], Any]  # the type, made on first use (pydantic is imported then)
    coerce: Callable[[Any], Any]

    @functools.cached_property
    def _adapter(self) -> Any:
        from pydantic import TypeAdapter

        return TypeAdapter(self.type_())

    def fits(self, value: Any) -> bool:
        from pydantic import ValidationError as ShapeError

        try:
            self._adapter.validate_python(value, strict=True)
        except ShapeError:
            return False
        return True


def _short() -> Any:
    from typing import Annotated

    from pydantic import StringConstraints

    return Annotated[str, StringConstraints(min_length=1, max_length=100)]


def _line() -> Any:
    from typing import Annotated

    from pydantic import StringConstraints

    return Annotated[str, StringConstraints(max_length=1000)]


def _month() -> Any:
    from typing import Annotated

    from pydantic import StringConstraints

    return Annotated[
        str, StringConstraints(pattern=r"^(19\d\d|20\d\d)-(0[1-9]|1[0-2])$", max_length=7)
    ]


def _columns() -> Any:
    from typing import NotRequired

    from typing_extensions import TypedDict  # pydantic reads TypedDicts of 3.12 or this one

    month = _month()
    # Made at run time, with the types made above: a TypedDict of the functional form.
    typed_dict: Any = TypedDict
    column = typed_dict(
        "column", {"label": _short(), "start": NotRequired[month], "end": NotRequired[month]}
    )
    return _list_of(column)


def _list_of(item: Any) -> Any:
    return list.__class_getitem__(item)


def _dict_of(key: Any, value: Any) -> Any:
    return dict.__class_getitem__((key, value))


def _as_dict(value: Any, read: Callable[[Any], Any]) -> Any:
    if isinstance(value, dict):
        return {str(k): read(v) for k, v in value.items()}
    return {"값": _text(value)}


def _as_list(value: Any, read: Callable[[Any], Any]) -> list[Any]:
    if isinstance(value, list):
        return [read(item) for item in value]
    return [read(value)]


def _column(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {"label": _text(value)}
    column = {"label": _text(value.get("label", ""))}
    for end in ("start", "end"):
        if isinstance(value.get(end), str) and re.fullmatch(r"\d{4}-\d{2}", value[end]):
            month = int(value[end][5:])
            if 1 <= month <= 12 and EARLIEST.year <= int(value[end][:4]) <= LATEST.year:
                column[end] = value[end]
    return column


def _count_type() -> Any:
    from typing import Annotated

    from pydantic import Field

    return Annotated[int, Field(ge=0, le=1000)]


def _count(value: Any) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and 0 <= value <= 1000 else 0


SHAPES: dict[str, Shape] = {
    # The names of an indicator's breakdowns (구분 항목).
    "names": Shape('["권종"]', lambda: _list_of(_short()), lambda v: _as_list(v, _text)),
    # One breakdown's values (구분 값): names to values.
    "breakdown": Shape(
        '{"권종": "30일권"}', lambda: _dict_of(_short(), _line()), lambda v: _as_dict(v, _text)
    ),
    # Short texts in order: items listed with a figure, tags, an agreement's fields.
    "labels": Shape('["경북", "제주"]', lambda: _list_of(_line()), lambda v: _as_list(v, _text)),
    # Texts in order: a comparison table's cells.
    "cells": Shape('["30일권", "단기권"]', lambda: list[str], lambda v: _as_list(v, _text)),
    # A comparison table's columns with their months.
    "columns": Shape(
        '[{"label": "본사업", "start": "2024-07"}]', _columns, lambda v: _as_list(v, _column)
    ),
    # Whole numbers of visits per domain and week.
    "counts": Shape(
        '{"안전": 1}', lambda: _dict_of(_short(), _count_type()), lambda v: _as_dict(v, _count)
    ),
    # Settings read by name (a block's conditions, a derivation's parameters).
    "settings": Shape(
        '{"program": "climate-card"}',
        lambda: dict[str, Any],
        lambda v: dict(v) if isinstance(v, dict) else {},
    ),
    # Lists of entries made by sijeong itself (a finalised report's acknowledged findings).
    "entries": Shape(
        '[{"사유": "…"}]',
        lambda: list[dict[str, Any]],
        lambda v: [e for e in v if isinstance(e, dict)] if isinstance(v, list) else [],
    ),
}


class ShapedJSONField(models.JSONField):
    """A JSON field that holds one shape (`SHAPES`); a stored value of another comes back in
    that shape, marked `Malformed`, rather than breaking whoever reads it."""

    def __init__(self, *args: Any, shape: str = "settings", **kwargs: Any) -> None:
        if shape not in SHAPES:
            raise ValueError(f"unknown JSON shape {shape!r}")
        self.shape = shape
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["shape"] = self.shape
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        read = super().from_db_value(value, expression, connection)
        if read is None or isinstance(expression, KeyTransform):
            return read  # a key of the value, not the value itself
        shape = SHAPES[self.shape]
        if shape.fits(read):
            return read
        coerced = shape.coerce(read)
        return _malformed(dict if isinstance(coerced, dict) else list, coerced, read)


# -- what is wrong with a value ---------------------------------------------------------


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def value_problem(field: models.Field[Any, Any], value: Any) -> str:
    """What the rules of `field`'s type say is wrong with `value` ("" when nothing): the
    rules every field of its type follows, whatever it declares."""
    if value is None:
        return ""
    if isinstance(field, ShapedJSONField):
        shape = SHAPES[field.shape]
        if isinstance(value, Malformed):
            shown = _text(value.raw)
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            return f"저장된 값 {shown}이(가) 형식에 맞지 않습니다. {shape.example}처럼 적어 주세요."
        if not shape.fits(value):
            return f"형식이 맞지 않습니다. {shape.example}처럼 적어 주세요."
        if any(_CONTROL.search(text) for text in _strings(value)):
            return "보이지 않는 제어 문자(NUL 등)는 적을 수 없습니다."
        if len(json.dumps(value, ensure_ascii=False)) > JSON_LENGTH:
            return f"너무 깁니다. {JSON_LENGTH:,}자 이내로 적어 주세요."
        return ""
    if isinstance(value, str):
        if _CONTROL.search(value):
            return "보이지 않는 제어 문자(NUL 등)는 적을 수 없습니다."
        limit = field.max_length or TEXT_LENGTH
        if len(value) > limit:
            return f"너무 깁니다. {limit:,}자 이내로 적어 주세요(지금 {len(value):,}자)."
        return ""
    if isinstance(value, Decimal) and not value.is_finite():
        return "숫자를 적어 주세요."
    limits = bounds(field)
    if limits is None or isinstance(value, bool):
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    low, high = limits
    if isinstance(value, datetime.date) and not low <= value <= high:
        return f"{low.year}년부터 {high.year}년까지의 날짜를 적을 수 있습니다."
    if isinstance(value, int | Decimal) and not low <= value <= high:
        # A declared bound says it in its own words; the type's range is said here.
        declared = next((v for v in field.validators if isinstance(v, Between)), None)
        return declared.message if declared else Between(low, high).message
    return ""


class Record(models.Model):
    """A kind of record staff keep: its fields follow the rules of their types (see the
    module), on top of what each declares."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever door a save comes through, no value that breaks the rules is written: the
        # doors that show messages (forms, imports) have refused it by then with their words.
        problems = field_problems(self, kwargs.get("update_fields"))
        if problems:
            kind = self._meta.verbose_name
            raise ValidationError(
                {name: f"{kind} {label_of(self, name)}: {said}" for name, said in problems.items()}
            )
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skipped = set(exclude or ())
        for field in self._meta.concrete_fields:
            if field.name in skipped or field.name in errors:
                continue
            message = value_problem(field, getattr(self, field.attname))
            if message:
                errors[field.name] = [ValidationError(message, code="invalid_value")]
        if errors:
            raise ValidationError(errors)


def field_problems(record: models.Model, names: Iterable[str] | None = None) -> dict[str, str]:
    """What is wrong with `record`'s values (of `names`, default every field), by field name:
    the rules of the fields' types and what they declare, but not whether a field left
    empty may be (that is for the forms and `validate`)."""
    wanted = None if names is None else set(names)
    found = {}
    for field in record._meta.concrete_fields:
        if wanted is not None and field.name not in wanted and field.attname not in wanted:
            continue
        value = getattr(record, field.attname)
        message = value_problem(field, value)
        if not message and value is not None and not field.is_relation:
            try:
                field.run_validators(field.to_python(value))
            except ValidationError as error:
                message = " ".join(error.messages)
        if message:
            found[field.name] = message
    return found


def validate(record: models.Model, *, unique: bool = True) -> None:
    """Everything a form would ask of `record` (`full_clean`), for the doors without a form:
    imports, commands, restore. Raises ValidationError naming each field in Korean."""
    try:
        record.full_clean(validate_unique=unique, validate_constraints=unique)
    except ValidationError as error:
        raise ValidationError(describe(record, error)) from None


def describe(record: models.Model | type[models.Model], error: ValidationError) -> list[str]:
    """The messages of `error` about `record`, each naming its field by its Korean label:
    "금액(원): 999,999,999,999원까지 적을 수 있습니다."."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    said = []
    for name, errors in error.error_dict.items():
        label = label_of(record, name)
        for message in ValidationError(errors).messages:
            said.append(f"{label}: {message}" if label else message)
    return said


def label_of(record: models.Model | type[models.Model], name: str) -> str:
    """A field's Korean label ("" for errors about the whole record)."""
    if name == "__all__":
        return ""
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


# -- rows stored before the rules --------------------------------------------------------


def _broken(field: models.Field[Any, Any]) -> models.Q | None:
    """Where a stored value of `field` breaks its rules, as a query (None: not queryable)."""
    if isinstance(field, ShapedJSONField) or field.is_relation:
        return None
    if isinstance(field, models.CharField | models.TextField):
        limit = field.max_length or TEXT_LENGTH
        return models.Q(**{f"{field.name}__regex": _CONTROL_SQL}) | models.Q(
            **{f"_length_{field.name}__gt": limit}
        )
    limits = bounds(field)
    if limits is None or isinstance(field, models.DateTimeField):
        return None
    low, high = limits
    return models.Q(**{f"{field.name}__lt": low}) | models.Q(**{f"{field.name}__gt": high})


def problems(queryset: models.QuerySet[Any]) -> list[tuple[int, str, str]]:
    """(pk, field name, what is wrong) for every row of `queryset` whose stored values break
    the rules. Reads keys and the values at fault, never whole rows: a row written before the
    rules may hold what the model cannot even load."""
    model = queryset.model
    found: list[tuple[int, str, str]] = []
    texts = {
        f"_length_{f.name}": Length(f.name)
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
    }
    conditions = {f.name: q for f in model._meta.concrete_fields if (q := _broken(f)) is not None}
    if conditions:
        annotated = queryset.annotate(**texts) if texts else queryset
        anywhere = models.Q()
        for condition in conditions.values():
            anywhere |= condition
        suspects = list(annotated.filter(anywhere).values_list("pk", flat=True))
        if suspects:
            rows = annotated.filter(pk__in=suspects)
            for name, condition in conditions.items():
                field = model._meta.get_field(name)
                for pk in rows.filter(condition).values_list("pk", flat=True):
                    found.append((pk, name, _stored_problem(field)))
    # What no query can ask (a JSON value's shape, a pattern such as a colour's or a code's, a
    # registered name) is asked of the values themselves, read alone.
    read = [f for f in model._meta.concrete_fields if not f.is_relation and _asked_in_python(f)]
    if read:
        for pk, *values in queryset.values_list("pk", *(f.name for f in read)):
            for field, value in zip(read, values, strict=True):
                message = value_problem(field, value)
                if not message and value not in (None, ""):
                    try:
                        field.run_validators(value)
                    except ValidationError as error:
                        message = " ".join(error.messages)
                if message:
                    found.append((pk, field.name, message))
    return sorted(set(found))


_QUERIED = (Between, MinValueValidator, MaxValueValidator, MaxLengthValidator,
            ProhibitNullCharactersValidator)  # fmt: skip


def _asked_in_python(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, ShapedJSONField) or any(
        not isinstance(v, _QUERIED) for v in field.validators
    )


def _stored_problem(field: models.Field[Any, Any]) -> str:
    if isinstance(field, models.CharField | models.TextField):
        limit = field.max_length or TEXT_LENGTH
        return f"보이지 않는 제어 문자(NUL 등)가 들어 있거나 {limit:,}자보다 깁니다."
    low, high = bounds(field) or (EARLIEST, LATEST)
    if isinstance(low, datetime.date) or isinstance(high, datetime.date):
        return f"{EARLIEST.year}년부터 {LATEST.year}년까지의 날짜가 아닙니다."
    declared = next((v for v in field.validators if isinstance(v, Between)), None)
    return f"범위를 벗어났습니다. {(declared or Between(low, high)).message}"


def record_kinds() -> list[type[Record]]:
    """Every kind of record (a `Record` of the domain apps), parents before children."""
    from django.apps import apps
    from django.core.serializers import sort_dependencies

    from sijeong.accounts.roles import DOMAIN_APPS

    chosen = [(apps.get_app_config(label), None) for label in DOMAIN_APPS]
    return [m for m in sort_dependencies(chosen) if issubclass(m, Record)]


def office_records(office_id: int) -> Iterable[models.QuerySet[Any]]:
    """Each kind of record of one office, as a queryset (records every office shares, such
    as terms of office, are not any office's)."""
    from sijeong.accounts.roles import office_path

    for model in record_kinds():
        if model._meta.label_lower == "core.office":
            yield model._default_manager.filter(pk=office_id)
            continue
        path = office_path(model)
        if path:
            yield model._default_manager.filter(**{path: office_id})


def invalid_records(querysets: Iterable[models.QuerySet[Any]], limit: int = 20) -> list[str]:
    """What a form would say about each record of `querysets` (its fields, the rules between
    them), as "일정 #12 날짜: …" lines, at most `limit`: for a door that takes many records at
    once (a seed data set, generated data). References and uniqueness are the database's to
    refuse: asking them here would cost queries for every record."""
    said: list[str] = []
    for queryset in querysets:
        relations = [f.name for f in queryset.model._meta.concrete_fields if f.is_relation]
        for record in queryset.select_related(*relations):  # what `clean()` reads, read once
            said.extend(row_problems(record))
            if len(said) >= limit:
                return said[:limit]
    return said


def row_problems(record: models.Model, *, between_fields: bool = True) -> list[str]:
    """What a form would say about one record as "일정 #12 날짜: …" lines: its own fields (but
    not whether what they point at exists) and, unless told not to, the rules between them
    (`clean()`, which may read the records pointed at)."""
    relations = [f.name for f in record._meta.concrete_fields if f.is_relation]
    try:
        record.clean_fields(exclude=relations)
        if between_fields:
            record.clean()
    except ValidationError as error:
        name = f"{record._meta.verbose_name} #{record.pk}"
        return [f"{name} {message}" for message in describe(record, error)]
    return []
