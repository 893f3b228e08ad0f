"""Importing a document: preview it, and apply the preview in one transaction."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.accounts.roles import can_create
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


class Refused(Exception):
    """The import cannot be applied as asked — records the importer may not create (관리자-only
    kinds, another department's parent), or a file already expired; nothing is written."""


@dataclass(frozen=True)
class Refusal:
    """A record the user may not create: its kind, its label and its source lines."""

    kind: str
    label: str
    lines: tuple[int, ...]


def refusal_message(refusals: list[Refusal]) -> str:
    kinds: dict[str, list[int]] = {}
    for refusal in refusals:
        kinds.setdefault(refusal.kind, []).extend(refusal.lines[:1])
    named = ", ".join(
        f"{kind} {len(lines)}건({_line_list(lines)})" for kind, lines in kinds.items()
    )
    return (
        f"만들 권한이 없는 기록이 있어 반영할 수 없습니다: {named}. "
        "관리자에게 반영을 요청하거나 해당 부서 담당자에게 맡겨 주세요. "
        "아무것도 반영하지 않았습니다."
    )


def _line_list(lines: list[int]) -> str:
    shown = sorted(set(lines))
    text = ", ".join(str(n) for n in shown[:5])
    return f"{text} 외 {len(shown) - 5}곳" if len(shown) > 5 else f"{text}행"


class _Applier:
    """Writes planned records parents first, each new one only if `by` may create it there.

    With `dry`, nothing is written: new records stay unsaved instances, so that the preview
    page can say which records its viewer may not create. `by` None is the operator.
    """

    def __init__(
        self, office: Office, document: ImportedDocument, by: User | None, dry: bool = False
    ) -> None:
        self.office = office
        self.by = by
        self.dry = dry
        # Imported records belong to the importer's department, else the office's first.
        own = by.department if by is not None and by.department else None
        department = (
            own
            if own is not None and own.office_id == office.pk
            else office.departments.order_by("pk").first()
        )
        if department is None:
            department = Department(office=office, slug="office", name=office.name)
            if not dry:
                department.save()
        self.department = department
        self.document = document
        self.made: dict[int, models.Model] = {}
        self.created = 0
        self.refused: list[Refusal] = []
        self._allowed: dict[tuple[str, int], bool] = {}

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

    def _may_create(self, model: type[models.Model], parent: models.Model | None) -> bool:
        if self.by is None:
            return True
        key = (model._meta.label_lower, id(parent))
        if key not in self._allowed:
            self._allowed[key] = can_create(self.by, model, self.office.pk, parent=parent)
        return self._allowed[key]

    def apply(self, planned: Planned) -> None:
        model = apps.get_model(planned.model)
        lookup = self.lookup(planned, model)
        parent = self.made[id(planned.parent)] if planned.parent is not None else None
        # A record under a parent made by this import (unsaved in a dry run) is new too.
        record = (
            None
            if parent is not None and parent.pk is None
            else model.objects.filter(**lookup).first()
        )
        created = record is None
        if record is None:
            record = model(**{**lookup, **self.defaults(planned, model)})
            if not self._may_create(model, parent):
                self.refused.append(
                    Refusal(
                        str(model._meta.verbose_name),
                        planned.label,
                        tuple(sorted(set(planned.lines))),
                    )
                )
            elif not self.dry and not self.refused:
                try:
                    record.full_clean()
                except ValidationError as error:
                    raise ApplyError(planned, model, error) from None
                record.save()
        self.made[id(planned)] = record
        self.created += created
        if not self.dry and not self.refused:
            ImportedRecord.objects.create(
                document=self.document,
                content_type=ContentType.objects.get_for_model(model),
                object_id=record.pk,
                lines=sorted(set(planned.lines)),
                created=created,
            )


def refusals(document: ImportedDocument, by: User | None) -> list[Refusal]:
    """The records of a staged import that `by` may not create, without writing anything."""
    stored = stored_preview(document)
    applier = _Applier(document.office, document, by, dry=True)
    for planned in _parents_first(_planned(stored["records"])):
        applier.apply(planned)
    return applier.refused


def stage(
    content: bytes,
    filename: str,
    office: Office,
    by: User | None = None,
    result: Preview | None = None,
) -> ImportedDocument:
    """Keep an upload for review: read it (ReadError if it cannot be), apply nothing yet.

    The same file uploaded again is the same import, applied or not; one whose review period
    ran out gets its bytes back. `result` is the file's preview when the caller has made it.
    """
    if result is None:
        result = preview(content, filename)
    values = {
        "filename": filename,
        "format": result.format,
        "content": content,
        "imported_by": by,
        "summary": _summary(result),
        "preview": preview_dict(result),
    }
    document, made = ImportedDocument.objects.get_or_create(
        office=office, sha256=hashlib.sha256(content).hexdigest(), defaults=values
    )
    if not made and document.expired:
        for name, value in values.items():
            setattr(document, name, value)
        document.expired_at = None
        document.imported_at = timezone.now()
        document.save()
    return document


def apply(
    content: bytes,
    filename: str,
    office: Office,
    by: User | None = None,
    report: str = "",
) -> tuple[ImportedDocument, Preview, bool]:
    """Import a file into `office` in one transaction, as `by` (None: the operator).

    Returns the import, its preview and whether it was applied now. The same file imported
    again changes nothing; a changed file adds only what is not there yet. With `report`, the
    report definition of that slug is made (or remade) to the document's own structure.
    """
    result = preview(content, filename)
    with transaction.atomic():
        document = stage(content, filename, office, by, result)
        document, new = _apply_locked(document, by, report)
    return document, result, new


def apply_staged(
    document: ImportedDocument, by: User | None = None, report: str = ""
) -> tuple[ImportedDocument, bool]:
    """Apply an upload kept by `stage`, from its stored preview: the file is not read again.

    Two people applying at once: the second waits for the first's lock, then finds it applied.
    """
    with transaction.atomic():
        return _apply_locked(document, by, report)


def _apply_locked(
    document: ImportedDocument, by: User | None, report: str
) -> tuple[ImportedDocument, bool]:
    office = document.office
    if report and by is not None and not can_create(by, Report, office.pk):
        raise ReportDefinitionError("보고서 정의는 그 기관의 관리자만 만들거나 고칠 수 있습니다.")
    document = (
        ImportedDocument.objects.select_for_update().select_related("office").get(pk=document.pk)
    )
    if document.expired:
        raise Refused("검토 기한이 지나 원본을 지운 문서입니다. 파일을 다시 올려 주세요.")
    stored = stored_preview(document)
    new = not document.applied
    if new:
        applier = _Applier(office, document, by)
        for planned in _parents_first(_planned(stored["records"])):
            applier.apply(planned)
        if applier.refused:
            raise Refused(refusal_message(applier.refused))
        document.summary = {**document.summary, "created": applier.created}
        document.applied_at = timezone.now()
        document.applied_by = by
        document.save(update_fields=["summary", "applied_at", "applied_by"])
    if report:
        define_report(office, report, stored["cover"], stored["layout"])
    return document, new


def preview_dict(result: Preview) -> dict[str, Any]:
    """The preview as JSON: what the page shows and what apply writes, parents by index."""
    index = {id(planned): number for number, planned in enumerate(result.records)}
    data = {
        "format": result.format,
        "cover": result.cover,
        "records": [
            {
                "model": r.model,
                "key": r.key,
                "fields": r.fields,
                "lines": sorted(set(r.lines)),
                "parent": index[id(r.parent)] if r.parent is not None else None,
                "parent_field": r.parent_field,
            }
            for r in result.records
        ],
        "findings": [f.__dict__ for f in result.findings],
        "unplaced": [{"line": line.number, "text": line.text} for line in result.unplaced],
        "placed_share": round(result.placed_share, 4),
        "line_count": len(result.lines),
        "layout": result.layout,
    }
    # Dates and decimals as the text Django's JSON gives them; models take that text back.
    loaded: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return loaded


def _planned(records: list[dict[str, Any]]) -> list[Planned]:
    planned = [
        Planned(r["model"], r["key"], r["fields"], list(r["lines"]), None, r["parent_field"])
        for r in records
    ]
    for item, record in zip(planned, records, strict=True):
        if record["parent"] is not None:
            item.parent = planned[record["parent"]]
    return planned


def stored_preview(document: ImportedDocument) -> dict[str, Any]:
    """The preview kept with an import. One staged before previews were kept is read once
    now and kept; one whose file has expired has none."""
    if "records" in document.preview:
        return document.preview
    if document.expired:
        return {}
    document.preview = preview_dict(preview(bytes(document.content), document.filename))
    document.save(update_fields=["preview"])
    return document.preview


def review_days() -> int:
    """How long an upload waits for review before its file is removed (IMPORT_REVIEW_DAYS)."""
    return int(settings.IMPORT_REVIEW_DAYS)


def expire_unreviewed(now: datetime.datetime | None = None) -> int:
    """Remove the bytes and preview of uploads left unapplied past IMPORT_REVIEW_DAYS.

    Applied imports keep their file: it is the source their records cite. Returns how many
    uploads expired now.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=review_days())
    return ImportedDocument.objects.filter(
        applied_at__isnull=True, expired_at__isnull=True, imported_at__lt=cutoff
    ).update(content=b"", preview={}, expired_at=now)


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


def define_report(
    office: Office, slug: str, cover: dict[str, str], layout: list[dict[str, Any]]
) -> Report:
    """The report `slug` laid out as the imported document is: its headings and blocks.

    Built from the imported records, it writes the document back; staff then edit the
    definition like any other. An existing draft of that slug in `office` is replaced; one of
    another office, or a finalised one, is refused.
    """
    # The report's dates are the document's own: its cover date, else the date its figures
    # are as of, else the end of the period it covers; never the day it was imported.
    stated = [_iso(cover.get(name)) for name in ("issued", "as_of", "period_end")]
    issued = next((date for date in stated if date is not None), None)
    if issued is None:
        raise ReportDefinitionError(
            "문서에서 보고 시점(표지의 날짜, 기준일, 보고 기간)을 찾지 못해 보고서 정의를 "
            "만들 수 없습니다. 아무것도 반영하지 않았습니다."
        )
    as_of = _iso(cover.get("as_of")) or _iso(cover.get("period_end")) or issued
    existing = Report.objects.select_for_update().filter(slug=slug).first()
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
    for order, part in enumerate(layout):
        section = Section.objects.create(
            report=report,
            order=order,
            level=part["level"],
            title="" if part["program"] else part["title"][:200],
            program=programs.get(part["program"]),
            show_summary=part.get("show_summary", False),
            page_break=part.get("page_break", False),
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
            for number, block in enumerate(part["blocks"])
        )
    return report


def _iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
