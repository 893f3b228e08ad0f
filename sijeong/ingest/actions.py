"""Importing a document: preview it, and apply the preview in one transaction."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.core.models import Department, Office
from sijeong.programs.models import Program
from sijeong.reports.models import Block, Report, Section

from .models import ImportedDocument, ImportedRecord
from .reading import read_text, source_lines
from .recognise import Planned, Preview, recognise


class ReportDefinitionError(Exception):
    """The report definition cannot be made (another office's, or finalised)."""


class ApplyError(Exception):
    """A recognised record the database cannot take; nothing of the import is written."""

    def __init__(self, planned: Planned, model: type[models.Model], error: ValidationError):
        problems = "; ".join(
            f"{_field_label(model, name)}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        line = min(planned.lines, default=0)
        label = planned.label if len(planned.label) <= 30 else planned.label[:30] + "…"
        super().__init__(
            f"{line}행의 {model._meta.verbose_name} '{label}'을(를) 저장할 수 없습니다 "
            f"({problems}). 아무것도 반영하지 않았습니다."
        )


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return "기록"


# Key entries that name a parent rather than a field of the record itself.
_KEY_ALIASES = {"dims": "dimension_values"}


def preview(content: bytes, filename: str = "") -> Preview:
    """What importing `content` would do. Raises ReadError when it cannot be read."""
    fmt, text = read_text(content, filename)
    return recognise(fmt, source_lines(text))


class _Applier:
    def __init__(self, office: Office, document: ImportedDocument, by: User | None) -> None:
        self.office = office
        # Imported records belong to the importer's department, else the office's first.
        own = by.department if by is not None and by.department else None
        self.department = (
            own
            if own is not None and own.office_id == office.pk
            else office.departments.order_by("pk").first()
            or Department.objects.create(office=office, slug="office", name=office.name)
        )
        self.document = document
        self.made: dict[int, models.Model] = {}
        self.created = 0

    def lookup(self, planned: Planned, model: type[models.Model]) -> dict[str, Any]:
        names = {f.name for f in model._meta.concrete_fields}
        values: dict[str, Any] = {}
        for key, value in planned.key.items():
            name = _KEY_ALIASES.get(key, key)
            if name in names and not (isinstance(model._meta.get_field(name), models.ForeignKey)):
                values[name] = value
        if planned.parent is not None:
            values[planned.parent_field] = self.made[id(planned.parent)]
        if "office" in names:
            values["office"] = self.office
        return values

    def defaults(self, planned: Planned, model: type[models.Model]) -> dict[str, Any]:
        names = {f.name for f in model._meta.concrete_fields}
        values = {k: v for k, v in planned.fields.items() if k in names}
        if "department" in names:
            values["department"] = self.department
        if "source" in names:
            values["source"] = f"가져오기: {self.document.filename}"
        if model._meta.label_lower == "schedule.event":
            values["domain"] = self._domain(planned.fields.get("domain"))
        if model._meta.label_lower == "core.observation":
            values.setdefault("as_of", planned.key["as_of"])
        return values

    def _domain(self, name: str | None) -> models.Model | None:
        if not name:
            return None
        model = apps.get_model("schedule", "Domain")
        return model.objects.filter(office=self.office, name=name).first()

    def apply(self, planned: Planned) -> None:
        model = apps.get_model(planned.model)
        lookup = self.lookup(planned, model)
        record = model.objects.filter(**lookup).first()
        created = record is None
        if record is None:
            record = model(**{**lookup, **self.defaults(planned, model)})
            try:
                record.full_clean()
            except ValidationError as error:
                raise ApplyError(planned, model, error) from None
            record.save()
        self.made[id(planned)] = record
        self.created += created
        ImportedRecord.objects.create(
            document=self.document,
            content_type=ContentType.objects.get_for_model(model),
            object_id=record.pk,
            lines=sorted(set(planned.lines)),
            created=created,
        )


def stage(
    content: bytes,
    filename: str,
    office: Office,
    by: User | None = None,
    result: Preview | None = None,
) -> ImportedDocument:
    """Keep an upload for review: read it (ReadError if it cannot be), apply nothing yet.

    The same file uploaded again is the same import, applied or not. `result` is the file's
    preview when the caller has already made it.
    """
    if result is None:
        result = preview(content, filename)
    document, _ = ImportedDocument.objects.get_or_create(
        office=office,
        sha256=hashlib.sha256(content).hexdigest(),
        defaults={
            "filename": filename,
            "format": result.format,
            "content": content,
            "imported_by": by,
            "summary": _summary(result),
        },
    )
    return document


def apply(
    content: bytes,
    filename: str,
    office: Office,
    by: User | None = None,
    report: str = "",
) -> tuple[ImportedDocument, Preview, bool]:
    """Import a file into `office` in one transaction.

    Returns the import, its preview and whether it was applied now. The same file imported
    again changes nothing; a changed file adds only what is not there yet. With `report`, the
    report definition of that slug is made (or remade) to the document's own structure.
    """
    result = preview(content, filename)
    with transaction.atomic():
        document = stage(content, filename, office, by, result)
        document = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        new = not document.applied
        if new:
            applier = _Applier(office, document, by)
            for planned in _parents_first(result.records):
                applier.apply(planned)
            document.summary = {**_summary(result), "created": applier.created}
            document.applied_at = timezone.now()
            document.save(update_fields=["summary", "applied_at"])
        if report:
            define_report(office, report, result)
    return document, result, new


def apply_staged(
    document: ImportedDocument, by: User | None = None, report: str = ""
) -> tuple[ImportedDocument, Preview, bool]:
    """Apply an upload kept by `stage`."""
    return apply(bytes(document.content), document.filename, document.office, by, report)


def _summary(result: Preview) -> dict[str, Any]:
    return {
        "records": len(result.records),
        "findings": len(result.findings),
        "unplaced": len(result.unplaced),
        "placed_share": round(result.placed_share, 4),
    }


def _parents_first(records: list[Planned]) -> list[Planned]:
    ordered: list[Planned] = []
    seen: set[int] = set()

    def visit(planned: Planned) -> None:
        if id(planned) in seen:
            return
        if planned.parent is not None:
            visit(planned.parent)
        # Events name their domain by value: domains go first.
        seen.add(id(planned))
        ordered.append(planned)

    for planned in sorted(records, key=lambda r: r.model != "schedule.domain"):
        visit(planned)
    return ordered


def define_report(office: Office, slug: str, result: Preview) -> Report:
    """The report `slug` laid out as the imported document is: its headings and blocks.

    Built from the imported records, it writes the document back; staff then edit the
    definition like any other. An existing definition of that slug is replaced.
    """
    cover = result.cover
    issued = _iso(cover.get("issued")) or datetime.date.today().replace(day=1)
    as_of = _iso(cover.get("as_of")) or issued
    existing = Report.objects.filter(slug=slug).first()
    if existing is not None and (
        existing.office_id != office.pk or existing.status != Report.Status.DRAFT
    ):
        raise ReportDefinitionError(
            f"보고서 '{slug}'는 다른 기관의 것이거나 이미 확정되어 다시 만들 수 없습니다."
        )
    report, _ = Report.objects.update_or_create(
        slug=slug,
        defaults={
            "office": office,
            "title": cover.get("title", "주요업무보고")[:100],
            "issued": issued,
            "as_of": as_of,
            "period_start": _iso(cover.get("period_start")) or as_of.replace(month=1, day=1),
            "period_end": _iso(cover.get("period_end")) or as_of,
        },
    )
    report.sections.all().delete()
    programs = {p.slug: p for p in Program.objects.filter(office=office)}
    for order, layout in enumerate(result.layout):
        section = Section.objects.create(
            report=report,
            order=order,
            level=layout["level"],
            title="" if layout["program"] else layout["title"][:200],
            program=programs.get(layout["program"]),
            show_summary=layout.get("show_summary", False),
            page_break=layout.get("page_break", False),
        )
        Block.objects.bulk_create(
            Block(
                section=section,
                order=number,
                kind=block["kind"],
                title=block["title"][:200],
                symbol=block["symbol"],
                params=block["params"],
            )
            for number, block in enumerate(layout["blocks"])
        )
    return report


def _iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
