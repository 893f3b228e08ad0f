"""Per-kind schemas, made from the models (`ninja.orm.create_schema`): what a record reads
as, what a create or a full update takes, what a partial update takes."""

from __future__ import annotations

import datetime
from typing import Any, Literal, Optional, cast

from django.db import models
from ninja import Field, Schema
from ninja.orm import create_schema

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
