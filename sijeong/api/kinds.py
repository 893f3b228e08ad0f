"""The kinds of record the API serves (`/api/v1/<kind>/`): every record type of the pages
(`web.records.TYPES`), the schedule's events, reports and indicators' targets — each with
the fields it shows and takes, its filters, and what of it an anonymous visitor may read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.forms.models import modelform_factory

from sijeong.core.models import Indicator, Observation, Target
from sijeong.programs.models import Program
from sijeong.reports.models import Report
from sijeong.schedule.forms import EventForm
from sijeong.schedule.models import Event
from sijeong.schedule.public import public_events
from sijeong.web.editing import OfficeForm
from sijeong.web.records import TYPES

# Fields a report keeps for the office's own eyes: who finalised it, the reasons given for
# figures finalised despite a finding, the frozen figures behind its files.
_REPORT_PRIVATE = {"finalised_by", "acknowledged", "figures"}
_DATE_FIELD_NAMES = ("date", "as_of", "due", "earliest", "issued", "start")

# An indicator is a programme's when its subject is one (the programme progress pages).
_PROGRAM_SUBJECT = {"subject_type__app_label": "programs", "subject_type__model": "program"}


def _programme_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(**_PROGRAM_SUBJECT)


# Which records an anonymous visitor reads of each public kind: the public schedule,
# finalised reports, programmes and their indicators with observations and targets. Other
# kinds are not public at all.
PUBLIC: dict[str, Callable[[], QuerySet[Any]]] = {
    "events": lambda: public_events().select_related("domain"),
    "reports": lambda: Report.objects.filter(status=Report.Status.FINAL),
    "programs": lambda: Program.objects.all(),
    "indicators": _programme_indicators,
    "observations": lambda: Observation.objects.filter(
        **{f"indicator__{k}": v for k, v in _PROGRAM_SUBJECT.items()}
    ),
    "targets": lambda: Target.objects.filter(
        **{f"indicator__{k}": v for k, v in _PROGRAM_SUBJECT.items()}
    ),
}

# What an anonymous visitor reads of a public record: exactly what the public pages and the
# open-data files show of it (public.views), by an allowlist — a field a model gains later is
# private until it is named here. `domain_name` and `files` are read from related records.
PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    # The open-data schedule's columns, the office, and the domain's key for `?domain=`.
    "events": (
        "id", "office", "date", "start_time", "end_time", "time_text", "title", "kind",
        "domain", "domain_name", "place", "district", "status",
    ),
    # The public reports page: its title, dates and frozen files (addressed by slug).
    "reports": ("id", "office", "slug", "title", "issued", "as_of", "finalised_at", "files"),
    # The public programmes page and the indicators' open data: the programme, the indicator
    # and its unit with its latest value, target, share and status (`progress`, the page's
    # columns), each figure with its date and breakdown, each target with its due date.
    "programs": ("id", "office", "title"),
    "indicators": ("id", "office", "subject_id", "name", "unit", "progress"),
    "observations": ("id", "indicator", "as_of", "value", "dimension_values"),
    "targets": ("id", "indicator", "due", "value", "dimension_values"),
}  # fmt: skip


@dataclass
class Kind:
    slug: str
    model: type[models.Model]
    form_fields: list[str]  # what a write takes; empty: read only
    form_class: type[OfficeForm] | None
    group: str
    related: tuple[str, ...] = ()
    date_path: str = ""  # the date `date_from` / `date_to` filter on
    read_fields: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def public(self) -> Callable[[], QuerySet[Any]] | None:
        return PUBLIC.get(self.slug)

    @property
    def public_fields(self) -> tuple[str, ...]:
        return PUBLIC_FIELDS.get(self.slug, ())

    @property
    def many_to_many(self) -> list[str]:
        return [f.name for f in self.model._meta.many_to_many if f.name in self.read_fields]

    def has_field(self, name: str) -> bool:
        return any(f.name == name for f in self.model._meta.get_fields())

    def annotated(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """`queryset` with `updated_at`, the time of its latest change by its history (one
        subquery, not a query per row), and its many-to-many ids read in one more query."""
        history = cast(Any, self.model).history.model
        latest = (
            history.objects.filter(id=OuterRef("pk"))
            .order_by("-history_date")
            .values("history_date")[:1]
        )
        queryset = queryset.annotate(updated_at=Subquery(latest))
        if self.many_to_many:
            queryset = queryset.prefetch_related(*self.many_to_many)
        if self.slug == "reports":
            queryset = queryset.prefetch_related(_frozen_files())
        if self.slug == "indicators":  # each with its progress (schemas.ProgressOut)
            queryset = queryset.select_related("office").prefetch_related("observations", "targets")
        return queryset


def _frozen_files() -> models.Prefetch:
    from django.db.models.functions import Length

    from sijeong.reports.models import FrozenFile

    files = FrozenFile.objects.defer("content").annotate(size=Length("content"))
    return models.Prefetch("frozen_files", queryset=files.order_by("format"))


def _read_fields(model: type[models.Model], hidden: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    names = [f.name for f in model._meta.concrete_fields if f.name not in hidden]
    return names + [f.name for f in model._meta.many_to_many if f.name not in hidden]


def _date_path(model: type[models.Model], columns: list[str]) -> str:
    for path in columns:
        target: Any = model
        field_obj: Any = None
        for name in path.split("__"):
            field_obj = target._meta.get_field(name)
            target = field_obj.related_model or target
        if isinstance(field_obj, models.DateField) and not isinstance(
            field_obj, models.DateTimeField
        ):
            return path
    for name in _DATE_FIELD_NAMES:
        if any(f.name == name for f in model._meta.concrete_fields):
            return name
    return ""


def _form(model: type[models.Model], fields: list[str]) -> type[OfficeForm]:
    """The form the record's page uses: its fields, after the department for those who
    choose one (`web.record_views.record_edit`)."""
    names = {f.name for f in model._meta.get_fields()}
    with_department = (["department"] if "department" in names else []) + fields
    return cast(type[OfficeForm], modelform_factory(model, fields=with_department, form=OfficeForm))


def _kinds() -> list[Kind]:
    kinds = []
    for record_type in TYPES:
        model = record_type.model
        form_class = _form(model, record_type.form_fields) if record_type.form_fields else None
        kinds.append(
            Kind(
                slug=record_type.slug,
                model=model,
                form_fields=list(form_class._meta.fields or []) if form_class else [],
                form_class=form_class,
                group=record_type.group,
                related=record_type.related,
                date_path=_date_path(model, record_type.columns),
                read_fields=_read_fields(model),
            )
        )
    target_fields = ["indicator", "value", "due", "due_precision", "dimension_values", "note"]
    target_form = _form(Target, [*target_fields, "source"])
    kinds += [
        Kind(
            slug="events",
            model=Event,
            form_fields=list(cast(Any, EventForm)._meta.fields or []),
            form_class=EventForm,
            group="일정",
            date_path="date",
            read_fields=_read_fields(Event),
        ),
        Kind(
            slug="targets",
            model=Target,
            form_fields=list(target_form._meta.fields or []),
            form_class=target_form,
            group="정책사업",
            date_path="due",
            read_fields=_read_fields(Target),
        ),
        # Report definitions are built on the report pages (sections, blocks) and finalised
        # there (`reports.actions.finalise`): the API reads them.
        Kind(
            slug="reports",
            model=Report,
            form_fields=[],
            form_class=None,
            group="보고서",
            date_path="as_of",
            read_fields=_read_fields(Report, _REPORT_PRIVATE),
        ),
    ]
    return kinds


KINDS = _kinds()
BY_SLUG = {kind.slug: kind for kind in KINDS}


def program_filter(kind: Kind, program_id: int) -> dict[str, Any]:
    """The lookup for `?program=`: records of that programme (a programme's: its children;
    an indicator's: its subject; an observation's or target's: its indicator's subject)."""
    if kind.model is Program:
        return {"parent_id": program_id}
    if kind.model is Indicator:
        return {**_PROGRAM_SUBJECT, "subject_id": program_id}
    if kind.model in (Observation, Target):
        return {
            **{f"indicator__{k}": v for k, v in _PROGRAM_SUBJECT.items()},
            "indicator__subject_id": program_id,
        }
    return {"program_id": program_id}


def has_program(kind: Kind) -> bool:
    return kind.model in (Program, Indicator, Observation, Target) or kind.has_field("program")
