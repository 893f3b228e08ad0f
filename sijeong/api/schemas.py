"""Per-kind schemas, made from the models (`ninja.orm.create_schema`): what a record reads
as — to staff, and to an anonymous visitor — what a create or a full update takes, what a
partial update takes."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, Optional, Union, cast

from django.db import models
from ninja import Field, Schema
from ninja.orm import create_schema
from pydantic import ConfigDict, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator
from typing_extensions import TypeAliasType

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


def record_out(kind: Kind) -> type[Schema]:
    custom = [
        *_overrides(kind.model, kind.read_fields, optional=False, choices=False),
        ("updated_at", Optional[datetime.datetime], Field(None, title="마지막 변경")),  # noqa: UP045
    ]
    if kind.slug == "reports":
        custom.append(("files", list[FrozenFileOut], Field(..., title="확정본 파일")))
    return create_schema(
        kind.model,
        name=f"{kind.model.__name__}Out",
        fields=kind.read_fields,
        custom_fields=custom,
        base_class=_ReportOut if kind.slug == "reports" else Schema,
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


# Public fields read from related records rather than the model's own columns.
_COMPUTED = {
    "domain_name": (Optional[str], Field(None, title="분야")),  # noqa: UP045
    "files": (list[FrozenFileOut], Field(..., title="확정본 파일")),
}
_PUBLIC_BASES: dict[str, type[Schema]] = {"events": _PublicEventOut, "reports": _PublicReportOut}


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
