"""Every kind of record staff keep, as pages: a list, a record with its history, a form.

A `RecordType` says, for one model, where its office is, which columns its list shows and
which fields its form edits; the views below serve every registered type alike. Schedule
events have their own pages (calendars); everything else is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from sijeong.accounts.roles import office_path

from .listing import Column, Listing, shown


@dataclass
class RecordType:
    slug: str
    model_label: str
    group: str  # the section it belongs to (언론, 대외협력 …)
    columns: list[str]
    search: tuple[str, ...] = ()
    form_fields: list[str] = field(default_factory=list)
    related: tuple[str, ...] = ()  # select_related for the list
    default_sort: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def office_path(self) -> str:
        return office_path(self.model)

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name)

    def listing(self) -> Listing:
        return Listing(
            name=self.name,
            columns={path: _column(self.model, path) for path in self.columns},
            search=self.search,
            default_sort=self.default_sort or self.columns[0],
        )


def _column(model: type[models.Model], path: str) -> Column:
    """A column for a field path (`date`, `series__name`), labelled and sorted by the field."""
    names = path.split("__")
    target: Any = model
    field_obj: Any = None
    for name in names:
        field_obj = target._meta.get_field(name)
        target = field_obj.related_model or target
    label = str(getattr(field_obj, "verbose_name", path))
    if len(names) > 1 and names[-1] in ("name", "title", "subject"):
        label = str(getattr(model._meta.get_field(names[0]), "verbose_name", path))
    sortable = not (
        field_obj.many_to_many
        or field_obj.one_to_many
        or field_obj.get_internal_type() == "JSONField"
    )
    return Column(label, _reader(names, field_obj), path if sortable else "")


def _reader(names: list[str], field_obj: Any) -> Callable[[Any], Any]:
    def read(record: Any) -> Any:
        value: Any = record
        for name in names[:-1]:
            value = getattr(value, name, None)
            if value is None:
                return ""
        if field_obj.choices:
            return getattr(value, f"get_{names[-1]}_display")()
        value = getattr(value, names[-1])
        return shown(value)

    return read


GROUPS = ["언론", "대외협력", "조직·예산", "정책사업", "일정 기준정보", "일정 기획"]

TYPES = [
    RecordType(
        "media", "press.MediaEngagement", "언론",
        ["date", "kind", "title", "outlet", "medium"],
        search=("title", "key_points", "outlet"),
        form_fields=["kind", "date", "title", "key_points", "outlet", "medium", "order", "source"],
        default_sort="-date",
    ),
    RecordType(
        "meeting-series", "relations.MeetingSeries", "대외협력",
        ["name", "chaired_by"], search=("name", "chaired_by"),
        form_fields=["name", "chaired_by", "order"],
    ),
    RecordType(
        "meeting-sessions", "relations.MeetingSession", "대외협력",
        ["date", "series__name", "number", "agenda", "attendance", "opinions_submitted"],
        search=("agenda", "series__name"),
        form_fields=[
            "series", "number", "date", "agenda", "attendance", "opinions_submitted", "source",
        ],
        related=("series",), default_sort="-date",
    ),
    RecordType(
        "agreements", "relations.Agreement", "대외협력",
        ["date", "kind", "title", "topics"], search=("title", "kind"),
        form_fields=["date", "kind", "title", "partners", "topics", "topics_open_ended", "source"],
        default_sort="-date",
    ),
    RecordType(
        "staffing", "org.StaffingSnapshot", "조직·예산",
        ["as_of", "source"], search=("source",), form_fields=["as_of", "source"],
        related=("office",),
        default_sort="-as_of",
    ),
    RecordType(
        "staffing-lines", "org.StaffingLine", "조직·예산",
        ["snapshot__as_of", "series", "grade", "posts", "filled"], search=("series", "grade"),
        form_fields=["snapshot", "series", "grade", "posts", "filled", "order"],
        related=("snapshot",),
    ),
    RecordType(
        "extra-posts", "org.ExtraPost", "조직·예산",
        ["snapshot__as_of", "title", "employment_type", "agreed_with"], search=("title",),
        form_fields=["snapshot", "title", "employment_type", "agreed_with"],
        related=("snapshot",),
    ),
    RecordType(
        "budget-lines", "budget.BudgetLine", "조직·예산",
        ["fiscal_year", "subject", "amount", "purpose"], search=("subject", "purpose"),
        form_fields=["fiscal_year", "subject", "amount", "purpose", "order"],
        default_sort="-fiscal_year",
    ),
    RecordType(
        "expenditures", "budget.Expenditure", "조직·예산",
        ["date", "line__subject", "amount", "description"], search=("description", "line__subject"),
        form_fields=["line", "date", "period_start", "amount", "description", "source"],
        related=("line",), default_sort="-date",
    ),
    RecordType(
        "programs", "programs.Program", "정책사업",
        ["title", "kind", "parent__title"], search=("title", "summary"),
        form_fields=[
            "parent", "slug", "kind", "title", "summary", "tags", "is_pledge", "start", "end",
            "order",
        ],
        related=("parent",),
    ),
    RecordType(
        "milestones", "programs.Milestone", "정책사업",
        ["date", "program__title", "title", "status"], search=("title", "program__title"),
        form_fields=["program", "title", "date", "precision", "open_ended", "status", "order"],
        related=("program",), default_sort="date",
    ),
    RecordType(
        "tracked-items", "programs.TrackedItem", "정책사업",
        ["program__title", "name", "group", "status", "due"], search=("name", "program__title"),
        form_fields=["program", "name", "group", "status", "due"],
        related=("program",), default_sort="due",
    ),
    RecordType(
        "indicators", "core.Indicator", "정책사업",
        ["name", "unit", "key"], search=("name", "key"),
        form_fields=["key", "name", "unit", "display", "direction", "dimensions", "order"],
    ),
    RecordType(
        "observations", "core.Observation", "정책사업",
        ["as_of", "indicator__name", "value", "dimension_values"],
        search=("indicator__name", "note"),
        form_fields=[
            "indicator", "as_of", "period_start", "period_end", "value", "approximate",
            "dimension_values", "note", "source",
        ],
        related=("indicator",), default_sort="-as_of",
    ),
    RecordType(
        "domains", "schedule.Domain", "일정 기준정보",
        ["order", "name", "heading", "color"], search=("name",),
        form_fields=["name", "heading", "description", "color", "order"],
    ),
    RecordType(
        "themes", "schedule.PolicyTheme", "일정 기준정보",
        ["name", "description"], search=("name",), form_fields=["name", "description"],
    ),
    RecordType(
        "privacy-reasons", "schedule.PrivacyReason", "일정 기준정보",
        ["order", "text"], search=("text",), form_fields=["text", "order"],
    ),
    RecordType(
        "messages", "schedule.Message", "일정 기준정보",
        ["title", "kind", "event__title", "theme__name"], search=("title", "body"),
        form_fields=["kind", "event", "theme", "title", "body"], related=("event", "theme"),
    ),
    RecordType(
        "visit-candidates", "planning.VisitCandidate", "일정 기획",
        ["earliest", "title", "district", "domain__name", "priority", "must", "status"],
        search=("title", "place", "linked"),
        form_fields=[
            "title", "place", "district", "domain", "agenda", "duration_minutes", "priority",
            "earliest", "latest", "preferred", "must", "linked", "milestone", "status", "notes",
        ],
        related=("domain",),
    ),
    RecordType(
        "blocked-days", "planning.BlockedDay", "일정 기획",
        ["date", "reason"], search=("reason",), form_fields=["date", "reason"],
    ),
    RecordType(
        "travel-times", "planning.TravelTime", "일정 기획",
        ["from_place", "to_place", "minutes", "note"], search=("from_place", "to_place"),
        form_fields=["from_place", "to_place", "minutes", "note"],
    ),
]  # fmt: skip

BY_SLUG = {t.slug: t for t in TYPES}
BY_MODEL = {t.model_label.lower(): t for t in TYPES}


def record_url(model_label: str, pk: int | None) -> str | None:
    """The page of a record named by its model and key (a finding's subject), if it has one."""
    from django.urls import reverse

    if pk is None:
        return None
    if model_label == "schedule.event":
        return reverse("schedule:detail", args=[pk])
    if model_label == "programs.program":
        return reverse("programs:detail", args=[pk])
    record_type = BY_MODEL.get(model_label)
    return reverse("web:record", args=[record_type.slug, pk]) if record_type else None
