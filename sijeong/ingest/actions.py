"""Importing a document: preview it, and apply the preview in one transaction."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.accounts.roles import can_create, can_edit, is_admin, office_id_of
from sijeong.core.formatting import format_number
from sijeong.core.models import Department, Indicator, Observation, Office
from sijeong.core.validity import label_of
from sijeong.documents.reading import lay_out, read
from sijeong.documents.reading.text import source_lines
from sijeong.programs.models import Narrative, Program
from sijeong.programs.placeholders import OfficeRecords, resolved_text
from sijeong.reports.models import Block, Report, Section

from .models import ImportedDocument, ImportedRecord
from .preview import ImportFinding, Planned, Preview
from .recognisers import recognise
from .stated import StatedTexts


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
    return label_of(model, name) or "기록"


# Key entries that name a parent rather than a field of the record itself.
_KEY_ALIASES = {"dims": "dimension_values"}


def preview(content: bytes, filename: str = "") -> Preview:
    """What importing `content` would do. Raises ReadError when it cannot be read."""
    laid = lay_out(read(content, filename))
    preview = recognise(laid.format, source_lines(laid.text))
    for warning in reversed(laid.warnings):
        preview.findings.insert(0, ImportFinding(1, "warning", "ingest.not_read", warning))
    return preview


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


@dataclass(frozen=True)
class Outcome:
    """What applying one planned record does: new, changed (with before → after), unchanged."""

    status: str  # new | changed | unchanged
    kind: str
    label: str
    lines: tuple[int, ...]
    changes: tuple[tuple[str, str, str], ...] = ()  # (field label, before, after)


@dataclass
class Comparison:
    """A staged import against the records there now, for one person."""

    outcomes: list[Outcome]
    refused: list[Refusal]

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def new(self) -> list[Outcome]:
        return self.of("new")

    @property
    def changed(self) -> list[Outcome]:
        return self.of("changed")

    @property
    def unchanged(self) -> list[Outcome]:
        return self.of("unchanged")


# Fields an import never rewrites on a record that is already there: who owns it, where it
# was first typed from, how it is laid out (level, order) and the names an import makes up
# for an indicator stay as the people who keep the record set them.
_KEPT = {"department", "source", "level", "order"}
_KEPT_OF = {"core.indicator": {"name", "dimensions", "display"}}


class _Applier:
    """Writes planned records parents first: a new one only if `by` may create it there, a
    changed one only if `by` may edit it; a record that is already there, the same, is left.

    A planned record matches one already there by its natural key (office and programme path,
    event date and title, indicator and period, budget subject and year …). With `dry`, nothing
    is written: new records stay unsaved instances, so that the preview page can say what would
    be new, changed or refused for its viewer. `by` None is the operator.
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
        self.updated = 0
        self.refused: list[Refusal] = []
        self.outcomes: list[Outcome] = []
        self._allowed: dict[tuple[str, int], bool] = {}
        self._records: OfficeRecords | None = None
        # What the office's records said before this import wrote anything.
        self._stated = StatedTexts(office.pk)

    def lookup(self, planned: Planned, model: type[models.Model]) -> dict[str, Any]:
        names = {f.name for f in model._meta.concrete_fields}
        values: dict[str, Any] = {}
        for key, value in planned.key.items():
            name = _KEY_ALIASES.get(key, key)
            if name in names and not (isinstance(model._meta.get_field(name), models.ForeignKey)):
                values[name] = value
        if planned.parent is not None:
            parent = self.made[id(planned.parent)]
            if planned.parent_field == "subject":  # an indicator about a programme
                values["subject_type"] = ContentType.objects.get_for_model(type(parent))
                values["subject_id"] = parent.pk
            else:
                values[planned.parent_field] = parent
        if "office" in names:
            values["office"] = self.office
        return values

    def existing(
        self, planned: Planned, model: type[models.Model], lookup: dict[str, Any]
    ) -> models.Model | None:
        """The record already there that `planned` states, if any."""
        label = model._meta.label_lower
        if label == "programs.program":
            # A programme is known by its place and title, not by the slug an import makes up.
            return (
                Program.objects.filter(
                    office=self.office,
                    parent=lookup.get("parent"),
                    title=planned.fields.get("title"),
                ).first()
                or Program.objects.filter(**lookup).first()
            )
        found = model._default_manager.filter(**lookup).first()
        if found is not None:
            return found
        if label == "core.indicator" and "subject_id" in lookup and planned.fields.get("label"):
            return Indicator.objects.filter(
                office=self.office,
                subject_type=lookup["subject_type"],
                subject_id=lookup["subject_id"],
                name__endswith=planned.fields["label"],
            ).first()
        if label == "core.observation":
            # The same figure for the same period, its breakdown named another way (구분/권종).
            values = sorted((planned.key.get("dims") or {}).values())
            candidates = Observation.objects.filter(
                indicator=lookup["indicator"],
                as_of=lookup["as_of"],
                period_end=lookup.get("period_end"),
            )
            return next(
                (o for o in candidates if sorted((o.dimension_values or {}).values()) == values),
                None,
            )
        if label == "programs.narrative" and lookup["program"].pk is not None:
            return self._narrative(lookup["program"], lookup["section"], planned.key["text"])
        return None

    def _stated_elsewhere(self, planned: Planned, lookup: dict[str, Any]) -> bool:
        """A narrative line the programme's other records already print (a sub-project's
        title, a milestone with its month, narratives split another way)."""
        if planned.model != "programs.narrative" or lookup["program"].pk is None:
            return False
        return self._stated.states(lookup["program"], planned.key["text"])

    def _narrative(self, program: Program, section: str, text: str) -> Narrative | None:
        """The narrative of `program` or of a programme under it (the document prints a
        brand's lines under its task) that reads as `text`, its figures and dates kept as
        placeholders resolved as the report prints them."""
        family = {program.pk}
        programs = list(Program.objects.filter(office=self.office).values_list("pk", "parent_id"))
        grown = True
        while grown:
            below = {pk for pk, parent in programs if parent in family}
            grown = not below <= family
            family |= below
        candidates = Narrative.objects.filter(program__in=family, section=section)
        wanted = _plain(text)
        for narrative in candidates.order_by("program_id", "order", "pk"):
            if _plain(narrative.text) == wanted:
                return narrative
            if "{{" in narrative.text:
                if self._records is None:
                    self._records = OfficeRecords.load(self.office.pk)
                if _plain(resolved_text(narrative.text, self._records)) == wanted:
                    return narrative
        return None

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

    def changes(
        self, planned: Planned, model: type[models.Model], record: models.Model
    ) -> dict[str, tuple[Any, Any]]:
        """{field: (before, after)} for what the document states otherwise. What it does not
        state (an empty value) is no change: an import never erases what a person typed."""
        found: dict[str, tuple[Any, Any]] = {}
        for name, value in self.defaults(planned, model).items():
            kept = _KEPT | _KEPT_OF.get(model._meta.label_lower, set())
            if name in kept or value in (None, "", [], {}):
                continue
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            if isinstance(field, models.ForeignKey):
                before, after = getattr(record, field.attname), value.pk
            else:
                before, after = getattr(record, name), field.to_python(value)
            if before != after:
                found[field.attname] = (before, after)
        return found

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

    def _refuse(self, model: type[models.Model], planned: Planned, what: str = "") -> None:
        self.refused.append(
            Refusal(
                f"{model._meta.verbose_name}{what}",
                planned.label,
                tuple(sorted(set(planned.lines))),
            )
        )

    def apply(self, planned: Planned) -> None:
        model = apps.get_model(planned.model)
        lookup = self.lookup(planned, model)
        parent = (
            self.made[id(planned.parent)]
            if planned.parent is not None and planned.parent_field != "subject"
            else None
        )
        # A record under a parent made by this import (unsaved in a dry run) is new too.
        unsaved = planned.parent is not None and self.made[id(planned.parent)].pk is None
        record = None if unsaved else self.existing(planned, model, lookup)
        if record is None and not unsaved and self._stated_elsewhere(planned, lookup):
            # The office's own report read back: nothing new, and nothing to link or undo.
            self.made[id(planned)] = lookup["program"]
            self.outcomes.append(
                Outcome(
                    "unchanged",
                    str(model._meta.verbose_name),
                    planned.label,
                    tuple(sorted(set(planned.lines))),
                )
            )
            return
        changes: dict[str, tuple[Any, Any]] = {}
        writing = not self.dry and not self.refused
        if record is None:
            status = "new"
            record = model(**{**lookup, **self.defaults(planned, model)})
            if not self._may_create(model, parent):
                self._refuse(model, planned)
            elif writing:
                self._save(record, planned, model)
        else:
            changes = self.changes(planned, model, record)
            status = "changed" if changes else "unchanged"
            if changes and self.by is not None and not can_edit(self.by, record):
                self._refuse(model, planned, " (수정)")
            elif changes and writing:
                for name, (_, after) in changes.items():
                    setattr(record, name, after)
                self._save(record, planned, model)
        self.made[id(planned)] = record
        self.created += status == "new"
        self.updated += status == "changed"
        self.outcomes.append(
            Outcome(
                status,
                str(model._meta.verbose_name),
                planned.label,
                tuple(sorted(set(planned.lines))),
                tuple(
                    (_field_label(model, _field_name(model, name)), _shown(b), _shown(a))
                    for name, (b, a) in changes.items()
                ),
            )
        )
        if not self.dry and not self.refused:
            touched = status != "unchanged"
            ImportedRecord.objects.create(
                document=self.document,
                content_type=ContentType.objects.get_for_model(model),
                object_id=record.pk,
                lines=sorted(set(planned.lines)),
                created=status == "new",
                changes=_as_json({name: [b, a] for name, (b, a) in changes.items()}),
                history_id=_latest_history_id(record) if touched else None,
            )

    def _save(self, record: models.Model, planned: Planned, model: type[models.Model]) -> None:
        try:
            record.full_clean()
        except ValidationError as error:
            raise ApplyError(planned, model, error) from None
        # The history entry names the importer, as a form save names the person saving, and
        # says which import made the change.
        record._history_user = self.by  # type: ignore[attr-defined]
        record._change_reason = change_reason("가져오기", self.document)  # type: ignore[attr-defined]
        record.save()


def change_reason(what: str, document: ImportedDocument) -> str:
    """What a record's history says made a change: 가져오기: 보고서.hwpx (its column holds 100
    characters)."""
    return f"{what}: {document.filename}"[:100]


def _field_name(model: type[models.Model], attname: str) -> str:
    return next((f.name for f in model._meta.concrete_fields if f.attname == attname), attname)


def _plain(text: str) -> str:
    """Text as read, whatever its bold marks and spacing (`'24. 9월` and `'24.9월` alike)."""
    return re.sub(r"\s+", "", text.replace("**", ""))


def _shown(value: Any) -> str:
    if value is None:
        return "(없음)"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def _as_json(value: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return loaded


def _latest_history_id(record: models.Model) -> int | None:
    history = getattr(record, "history", None)
    if history is None:
        return None
    latest = history.order_by("-history_id").values_list("history_id", flat=True).first()
    return int(latest) if latest is not None else None


def compare(document: ImportedDocument, by: User | None) -> Comparison:
    """What applying a staged import would do now, for `by`, without writing anything."""
    stored = stored_preview(document)
    applier = _Applier(document.office, document, by, dry=True)
    for planned in _parents_first(_planned(stored.get("records", []))):
        applier.apply(planned)
    return Comparison(applier.outcomes, applier.refused)


def compare_preview(result: Preview, office: Office, by: User | None, filename: str) -> Comparison:
    """What applying a file's preview to `office` would do now, with nothing stored."""
    document = ImportedDocument(office=office, filename=filename, preview=preview_dict(result))
    return compare(document, by)


def refusals(document: ImportedDocument, by: User | None) -> list[Refusal]:
    """The records of a staged import that `by` may not create or change, writing nothing."""
    return compare(document, by).refused


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
    as_of: datetime.date | None = None,
) -> tuple[ImportedDocument, Preview, bool]:
    """Import a file into `office` in one transaction, as `by` (None: the operator).

    Returns the import, its preview and whether it was applied now. The same file imported
    again changes nothing; a changed file adds only what is not there yet. With `report`, the
    report definition of that slug is made (or remade) to the document's own structure, as of
    `as_of` when given (the person's choice) or else the date the document states.
    """
    result = preview(content, filename)
    with transaction.atomic():
        document = stage(content, filename, office, by, result)
        document, new = _apply_locked(document, by, report, as_of)
    return document, result, new


def apply_staged(
    document: ImportedDocument,
    by: User | None = None,
    report: str = "",
    as_of: datetime.date | None = None,
) -> tuple[ImportedDocument, bool]:
    """Apply an upload kept by `stage`, from its stored preview: the file is not read again.

    Two people applying at once: the second waits for the first's lock, then finds it applied.
    """
    with transaction.atomic():
        return _apply_locked(document, by, report, as_of)


def _apply_locked(
    document: ImportedDocument, by: User | None, report: str, as_of: datetime.date | None
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
        document.summary = {
            **{k: v for k, v in document.summary.items() if k != "undone"},
            "created": applier.created,
            "updated": applier.updated,
            "unchanged": len(applier.outcomes) - applier.created - applier.updated,
        }
        document.applied_at = timezone.now()
        document.applied_by = by
        document.save(update_fields=["summary", "applied_at", "applied_by"])
    if report:
        define_report(
            office, report, stored["cover"], stored["layout"], stored["records"], as_of=as_of
        )
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


def _programs(office: Office, records: list[dict[str, Any]]) -> dict[str, Program]:
    """The programme each slug of an import's layout stands for: the one already there by
    place and title (whose slug is its own), else the one the import made under that slug."""
    planned = _planned(records)
    found: dict[int, Program | None] = {}

    def resolve(item: Planned) -> Program | None:
        if id(item) not in found:
            parent = resolve(item.parent) if item.parent is not None else None
            found[id(item)] = (
                Program.objects.filter(
                    office=office, parent=parent, title=item.fields.get("title")
                ).first()
                or Program.objects.filter(office=office, slug=item.key["slug"]).first()
            )
        return found[id(item)]

    programs = {}
    for item in planned:
        if item.model == "programs.program" and (program := resolve(item)) is not None:
            programs[item.key["slug"]] = program
    return programs


def define_report(
    office: Office,
    slug: str,
    cover: dict[str, str],
    layout: list[dict[str, Any]],
    records: list[dict[str, Any]] | None = None,
    as_of: datetime.date | None = None,
) -> Report:
    """The report `slug` laid out as the imported document is: its headings and blocks.

    Built from the imported records, it writes the document back; staff then edit the
    definition like any other. An existing draft of that slug in `office` is replaced; one of
    another office, or a finalised one, is refused.
    """
    # The report's dates are the document's own: its cover date, else the date its figures
    # are as of, else the end of the period it covers, else the latest date it states; never
    # the day it was imported. A document that states none is dated by the person (`as_of`).
    stated = [_iso(cover.get(name)) for name in ("issued", "as_of", "period_end", "latest_date")]
    issued = next((date for date in stated if date is not None), as_of)
    if issued is None:
        raise ReportDefinitionError(
            "문서에서 보고 시점(표지의 날짜, 기준일, 보고 기간, 본문의 날짜)을 찾지 못했습니다. "
            "기준일을 적어 주세요. 아무것도 반영하지 않았습니다."
        )
    as_of = as_of or _iso(cover.get("as_of")) or _iso(cover.get("period_end")) or issued
    period_start = _iso(cover.get("period_start")) or as_of.replace(month=1, day=1)
    period_end = _iso(cover.get("period_end")) or as_of
    if period_start > min(as_of, period_end):
        raise ReportDefinitionError(
            f"기준일 {as_of:%Y. %-m. %-d.}이 문서의 보고 기간 시작({period_start:%Y. %-m. %-d.})"
            "보다 앞섭니다. 기준일을 확인해 주세요. 아무것도 반영하지 않았습니다."
        )
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
            "period_start": period_start,
            "period_end": period_end,
        },
    )
    report.sections.all().delete()
    programs = {p.slug: p for p in Program.objects.filter(office=office)}
    programs.update(_programs(office, records or []))
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
                params=_own_slugs(block["params"], programs),
            )
            for number, block in enumerate(part["blocks"])
        )
    return report


def _own_slugs(params: dict[str, Any], programs: dict[str, Program]) -> dict[str, Any]:
    """Block parameters naming the programme by the slug it has in the office."""
    named = params.get("program")
    if named in programs:
        return {**params, "program": programs[named].slug}
    return params


def _iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def applied_counts(document: ImportedDocument) -> str:
    """`새로 만든 기록 15건, 고친 기록 0건, 그대로인 기록 141건` of an applied import."""
    summary = document.summary
    return (
        f"새로 만든 기록 {summary.get('created', 0)}건, 고친 기록 {summary.get('updated', 0)}건, "
        f"그대로인 기록 {summary.get('unchanged', 0)}건"
    )


class UndoRefused(Exception):
    """The import cannot be undone (not applied, not this person's, or changed since)."""


def may_undo(document: ImportedDocument, user: User | None) -> bool:
    """Who applied an import, or the office's 관리자, may take it back; None is the operator."""
    if not document.applied:
        return False
    if user is None or user.is_superuser:
        return True
    same_office = office_id_of(user) == document.office_id
    return same_office and (is_admin(user) or document.applied_by_id == user.pk)


def _record_name(record: models.Model) -> str:
    text = str(record)
    return f"{record._meta.verbose_name} '{text[:30]}{'…' if len(text) > 30 else ''}'"


def _changed_since(link: ImportedRecord, record: models.Model | None) -> str | None:
    """How a record this import touched changed after it, in Korean; None if it did not."""
    kind = link.content_type.name
    if record is None:
        return f"{kind} #{link.object_id} (지워짐)"
    history = getattr(record, "history", None)
    if history is None or link.history_id is None:
        return None
    latest = history.select_related("history_user").order_by("-history_id").first()
    if latest is None or latest.history_id == link.history_id:
        return None
    who = latest.history_user
    person = (who.get_full_name() or who.username) if who is not None else "명령어"
    when = timezone.localtime(latest.history_date)
    return f"{_record_name(record)} ({when:%Y. %-m. %-d. %H:%M} {person} 수정)"


def undo(document: ImportedDocument, by: User | None) -> dict[str, int]:
    """Take an applied import back in one transaction: the records it made are deleted and
    the ones it changed get their former values, each through its history. Refused, naming
    the records, when any of them changed after the import (or deleting one would take a
    record the import did not make with it). Returns how many were deleted and restored."""
    with transaction.atomic():
        document = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if not document.applied:
            raise UndoRefused("반영하지 않은 문서는 되돌릴 것이 없습니다.")
        if not may_undo(document, by):
            raise UndoRefused("반영한 사람이나 관리자만 되돌릴 수 있습니다.")
        links = list(document.records.select_related("content_type").order_by("-pk"))
        touched = []
        for link in links:
            if not (link.created or link.changes):
                continue
            model = link.content_type.model_class()
            assert model is not None
            record = model._default_manager.filter(pk=link.object_id).first()
            touched.append((link, model, record))
        _refuse_undo([p for link, _, record in touched if (p := _changed_since(link, record))])
        restored = deleted = 0
        for link, model, record in touched:
            if link.created or record is None:
                continue
            fields = {f.attname: f for f in model._meta.concrete_fields}
            for name, (before, _) in link.changes.items():
                value = None if before is None else fields[name].to_python(before)
                setattr(record, name, value)
            record._history_user = by  # type: ignore[attr-defined]
            record._change_reason = change_reason("가져오기 되돌림", document)  # type: ignore[attr-defined]
            record.save()
            restored += 1
        # Asked once the changed records point where they did before (an event back at its
        # old domain); a refusal here rolls the restoring back with the transaction.
        made = {(link.content_type_id, link.object_id) for link, _, _ in touched if link.created}
        _refuse_undo(
            [
                problem
                for link, _, record in touched
                if link.created and record is not None
                for problem in _taken_along(record, made)
            ]
        )
        for link, _, record in touched:  # children first: they were made after parents
            if link.created and record is not None:
                record._history_user = by  # type: ignore[attr-defined]
                record._change_reason = change_reason("가져오기 되돌림", document)  # type: ignore[attr-defined]
                record.delete()
                deleted += 1
        document.records.all().delete()
        document.summary = {
            **{k: v for k, v in document.summary.items() if k != "undone"},
            "undone": {"deleted": deleted, "restored": restored},
        }
        document.applied_at = None
        document.applied_by = None
        document.undone_at = timezone.now()
        document.undone_by = by
        document.save()
    return {"deleted": deleted, "restored": restored}


def _refuse_undo(problems: list[str]) -> None:
    if problems:
        problems = list(dict.fromkeys(problems))
        shown = ", ".join(problems[:5])
        more = f" 외 {len(problems) - 5}건" if len(problems) > 5 else ""
        raise UndoRefused(
            f"반영한 뒤 바뀐 기록이 있어 되돌릴 수 없습니다: {shown}{more}. "
            "아무것도 되돌리지 않았습니다."
        )


def _taken_along(record: models.Model, made: set[tuple[int, int]]) -> list[str]:
    """Records that deleting `record` would delete with it and that the import did not make."""
    collector = Collector(using=router.db_for_write(type(record)))
    why = "나중에 추가됨"
    try:
        collector.collect([record])
    except (ProtectedError, RestrictedError) as error:
        # Records that keep this one from being deleted: fine if the import made them too.
        found: Iterable[models.Model] = (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else error.restricted_objects
        )
        why = f"{_record_name(record)}을(를) 가리킴"
    else:
        found = [i for instances in collector.data.values() for i in instances]
    itself = (ContentType.objects.get_for_model(type(record)).pk, record.pk)
    others = []
    for instance in found:
        kind = ContentType.objects.get_for_model(type(instance)).pk
        if (kind, instance.pk) not in made | {itself}:
            others.append(f"{_record_name(instance)} ({why})")
    return others
