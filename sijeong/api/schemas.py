"""Per-kind schemas, made from the models (`ninja.orm.create_schema`): what a record reads
as — to staff, and to an anonymous visitor — what a create or a full update takes, what a
partial update takes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union, cast

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.orm import create_schema
from pydantic import ConfigDict, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator
from typing_extensions import TypeAliasType

from sijeong.core.errors import BadInput
from sijeong.core.formatting import round_half_up
from sijeong.core.models import Office
from sijeong.core.progress import standing
from sijeong.schedule import months
from sijeong.web.sections import latest_data_day

from .errors import INVALID, ApiError
from .kinds import Kind


class FrozenFileOut(Schema):
    """A file of a finalised report (확정본 파일), described, not carried."""

    format: str
    sha256: str
    size: int


def _overrides(
    model: type[models.Model], names: list[str], optional: bool, choices: bool = True
) -> list[Any]:
    """JSON fields hold lists as often as objects (`tags`, `dimensions`); what a write takes
    spells out its choices, so that the document says which values are allowed. (What is
    stored may predate a choice: a record reads as it is.)"""
    custom: list[Any] = []
    for name in names:
        field: Any = model._meta.get_field(name)
        if isinstance(field, models.JSONField):
            custom.append((name, Any, None if optional or field.blank else ...))
        elif not choices and isinstance(field, models.CharField | models.TextField):
            # A record reads as it is stored: a text stored before its length was bounded
            # is read, not refused with a 500.
            title = str(field.verbose_name)
            custom.append((name, Optional[str], Field(None, title=title)))  # noqa: UP045
        elif field.many_to_many and choices:
            # Ninja's own reading of a list of keys fails (500) on a null inside it.
            custom.append((name, Optional[list[int]], Field(None, title=str(field.verbose_name))))  # noqa: UP045
        elif choices and getattr(field, "choices", None):
            values = tuple(str(value) for value, _label in field.choices)
            if field.blank and "" not in values:
                values = ("", *values)
            kind: Any = Literal[values]
            title = str(getattr(field, "verbose_name", name))
            if optional or field.has_default() or field.blank:
                default = None if optional or not field.has_default() else field.get_default()
                custom.append((name, Optional[kind], Field(default, title=title)))  # noqa: UP045
            else:
                custom.append((name, kind, Field(..., title=title)))
    return custom


class _ReportOut(Schema):
    @staticmethod
    def resolve_files(report: Any) -> list[dict[str, Any]]:
        return [
            {"format": f.format, "sha256": f.sha256, "size": f.size}
            for f in report.frozen_files.all()
        ]


AS_OF_HELP = (
    "순항은 목표 시기까지 이날 지난 시간의 비율만큼 목표를 이룬 것. "
    "`as_of`로 묻지 않으면 대시보드와 같은 날(올해 자료가 없는 기관은 자료가 있는 마지막 날)"
)


class FigureOut(Schema):
    as_of: datetime.date = Field(..., title="기준일")
    value: Decimal = Field(..., title="값")
    dimension_values: dict[str, Any] = Field(..., title="구분 값")


class TargetOut(Schema):
    value: Decimal = Field(..., title="목표값")
    due: datetime.date = Field(..., title="목표 시점")
    dimension_values: dict[str, Any] = Field(..., title="구분 값")


class ProgressOut(Schema):
    """An indicator on a day, as every page shows it (`core.progress.standing`)."""

    as_of: datetime.date = Field(..., title="상태 기준일", description=AS_OF_HELP)
    latest: list[FigureOut] = Field(..., title="가장 최근 값 (구분별로만 적힌 지표는 구분마다)")
    target: TargetOut | None = Field(None, title="그 값에 해당하는 목표")
    share: Decimal | None = Field(None, title="달성률 (%, 소수 첫째 자리 반올림)")
    status: str | None = Field(None, title="상태: 달성, 순항, 지연, 미달")


class _IndicatorOut(Schema):
    @staticmethod
    def resolve_progress(indicator: Any, context: dict[str, Any]) -> dict[str, Any]:
        found = standing(indicator, indicator_day(context["request"], indicator.office))
        reached = found.progress
        return {
            "as_of": found.as_of,
            "latest": [
                {"as_of": o.as_of, "value": o.value, "dimension_values": o.dimension_values or {}}
                for o in found.figures
            ],
            "target": {
                "value": reached.target.value,
                "due": reached.target.due,
                "dimension_values": reached.target.dimension_values or {},
            }
            if reached
            else None,
            "share": round_half_up(reached.share)
            if reached and reached.share is not None
            else None,
            "status": found.status or None,
        }


def asked_day(request: HttpRequest) -> datetime.date | None:
    """The day `?as_of=` asks an indicator's status on, read once per request; refused with a
    Korean message before anything is read (a resolver's error would be a 500)."""
    if "_indicator_as_of" not in request.__dict__:
        text = request.GET.get("as_of")
        try:
            day = months.parse_day(text, timezone.localdate(), "기준일") if text else None
        except BadInput as error:
            raise ApiError(422, INVALID, errors={"as_of": [str(error)]}) from None
        request.__dict__["_indicator_as_of"] = day
    asked: datetime.date | None = request.__dict__["_indicator_as_of"]
    return asked


def indicator_day(request: HttpRequest, office: Office) -> datetime.date:
    """The day an indicator's status is given as of: `?as_of=`, else the dashboard's day for
    its office (`web.sections.latest_data_day`), found once per office and request."""
    days: dict[int, datetime.date] = request.__dict__.setdefault("_indicator_days", {})
    if office.pk not in days:
        days[office.pk] = asked_day(request) or latest_data_day(office, timezone.localdate())
    return days[office.pk]


def record_out(kind: Kind) -> type[Schema]:
    custom = [
        *_overrides(kind.model, kind.read_fields, optional=False, choices=False),
        ("updated_at", Optional[datetime.datetime], Field(None, title="마지막 변경")),  # noqa: UP045
    ]
    base: type[Schema] = Schema
    if kind.slug == "reports":
        custom.append(("files", list[FrozenFileOut], Field(..., title="확정본 파일")))
        base = _ReportOut
    if kind.slug == "indicators":
        custom.append(("progress", ProgressOut, Field(..., title="최근 값과 목표 대비 진행")))
        base = _IndicatorOut
    return create_schema(
        kind.model,
        name=f"{kind.model.__name__}Out",
        fields=kind.read_fields,
        custom_fields=custom,
        base_class=base,
    )


class _PublicOut(Schema):
    """What an anonymous visitor reads: only what the public pages and open data show."""

    # An answer holds the declared fields only; the document says that nothing else comes.
    # (Not `extra="forbid"`: ninja then validates the record before its resolvers run.)
    model_config = ConfigDict(json_schema_extra={"additionalProperties": False})


class _PublicEventOut(_PublicOut):
    @staticmethod
    def resolve_domain_name(event: Any) -> str | None:
        return event.domain.name if event.domain_id else None


class _PublicReportOut(_PublicOut, _ReportOut):
    pass


class _PublicIndicatorOut(_PublicOut, _IndicatorOut):
    pass


# Public fields read from related records rather than the model's own columns.
_COMPUTED = {
    "domain_name": (Optional[str], Field(None, title="분야")),  # noqa: UP045
    "files": (list[FrozenFileOut], Field(..., title="확정본 파일")),
    "progress": (ProgressOut, Field(..., title="최근 값과 목표 대비 진행")),
}
_PUBLIC_BASES: dict[str, type[Schema]] = {
    "events": _PublicEventOut,
    "reports": _PublicReportOut,
    "indicators": _PublicIndicatorOut,
}


def public_out(kind: Kind) -> type[Schema]:
    """A public kind's record as an anonymous visitor reads it (`kinds.PUBLIC_FIELDS`)."""
    own = [name for name in kind.public_fields if name not in _COMPUTED]
    computed = [(name, *_COMPUTED[name]) for name in kind.public_fields if name in _COMPUTED]
    schema = create_schema(
        kind.model,
        name=f"{kind.model.__name__}PublicOut",
        fields=own,
        custom_fields=[*_overrides(kind.model, own, optional=False, choices=False), *computed],
        base_class=_PUBLIC_BASES.get(kind.slug, _PublicOut),
    )
    schema.__doc__ = (
        f"로그인하지 않은 요청이 읽는 {kind.name}: 공개 화면과 공공데이터에 있는 항목만."
    )
    return schema


def record_read(kind: Kind) -> Any:
    """What a record reads as: the whole record for staff (`record_out`) and, for a public
    kind, only its public fields for an anonymous caller — chosen by who asked (the request
    ninja validates the answer for), never by the record."""
    staff = record_out(kind)
    if kind.public is None:
        return staff
    public = public_out(kind)

    def shaped(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        request = (info.context or {}).get("request")
        caller = getattr(request, "auth", None)
        signed_in = caller is not None and caller.is_authenticated
        return (staff if signed_in else public).model_validate(value, context=info.context)

    return TypeAliasType(
        f"{kind.model.__name__}Read",
        Annotated[Union[staff, public], WrapValidator(shaped)],  # noqa: UP007
    )


def record_in(kind: Kind) -> type[Schema]:
    """A create or a full update: the form's fields; what the model lets be blank may be
    left out."""
    optional = [
        name
        for name in kind.form_fields
        if cast(Any, kind.model._meta.get_field(name)).blank
        or cast(Any, kind.model._meta.get_field(name)).has_default()
    ]
    return create_schema(
        kind.model,
        name=f"{kind.model.__name__}In",
        fields=kind.form_fields,
        optional_fields=optional,
        custom_fields=[
            *_overrides(kind.model, [n for n in kind.form_fields if n not in optional], False),
            *_overrides(kind.model, optional, True),
        ],
    )


def record_patch(kind: Kind) -> type[Schema]:
    """A partial update: any of the form's fields."""
    return create_schema(
        kind.model,
        name=f"{kind.model.__name__}Patch",
        fields=kind.form_fields,
        optional_fields="__all__",  # type: ignore[arg-type]
        custom_fields=_overrides(kind.model, kind.form_fields, True),
    )
