"""Load a seed data set (TOML, under data/seed/) into the records, in one transaction.

A data set describes one office as a report stated it. Loading is idempotent: a data set
whose office already exists is left alone, so `make run` can load on every start.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.formatting import parse_time
from sijeong.core.models import (
    Department,
    Indicator,
    Observation,
    Office,
    OfficeFunction,
    OfficeFunctionPoint,
    Target,
    Term,
)
from sijeong.core.validity import invalid_records, office_records
from sijeong.org.models import ExtraPost, StaffingLine, StaffingSnapshot
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import (
    ComparisonRow,
    ComparisonTable,
    Milestone,
    Narrative,
    Program,
    TrackedItem,
)
from sijeong.relations.models import Agreement, MeetingSeries, MeetingSession, Partner
from sijeong.schedule.models import Agenda, Domain, Event, PolicyTheme, PrivacyReason

SEED_DIR = settings.BASE_DIR / "data" / "seed"


class SeedError(Exception):
    """A data set that cannot be loaded; the message is for the person running the command."""


def seed_files(paths: Iterable[Path] = ()) -> list[Path]:
    chosen = list(paths) or sorted(SEED_DIR.glob("*.toml"))
    missing = [p for p in chosen if not p.is_file()]
    if missing:
        raise SeedError(f"데이터 파일이 없습니다: {', '.join(str(p) for p in missing)}")
    return chosen


# The data sets (by digest) this process has loaded and found to follow the rules.
_ASKED: set[str] = set()


def load_file(path: Path) -> tuple[Office, bool]:
    """Load one data set. Returns the office and whether anything was created."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path.name}: 데이터 파일을 읽을 수 없습니다 ({exc})") from exc
    existing = Office.objects.filter(slug=data["office"]["slug"]).first()
    if existing is not None:
        return existing, False
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        with transaction.atomic():
            loader = _Loader(data)
            office = loader.load()
            # Asked as a form asks (every field, every record, the rules between fields) once
            # all are in, so that records made in bulk are asked too; any answer undoes it all.
            # The answer is the data set's own: a data set asked once is not asked again.
            if digest not in _ASKED:
                wrong = invalid_records([*office_records(office.pk), loader.terms])
                if wrong:
                    raise SeedError(
                        f"{path.name}: 규칙에 맞지 않는 값이 있습니다.\n" + "\n".join(wrong)
                    )
                _ASKED.add(digest)
            return office, True
    except ValidationError as exc:
        said = "\n".join(exc.messages)
        raise SeedError(f"{path.name}: 규칙에 맞지 않는 값이 있습니다.\n{said}") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise SeedError(f"{path.name}: 데이터가 올바르지 않습니다 ({exc!r})") from exc


class _Loader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.source: str = data["source"]
        self.office: Office
        self.department: Department
        self.programs: dict[str, Program] = {}
        self.series: dict[str, MeetingSeries] = {}
        self.terms = Term.objects.none()

    def load(self) -> Office:
        self.office = Office.objects.create(**self.data["office"])
        departments = [
            Department.objects.create(office=self.office, **d) for d in self.data["departments"]
        ]
        # Records are filed under the office's first department unless they name another.
        self.department = departments[0]
        made = [Term.objects.get_or_create(**term)[0].pk for term in self.data.get("terms", [])]
        self.terms = Term.objects.filter(pk__in=made)
        self._functions()
        self._staffing()
        self._budget()
        self._schedule()
        self._press()
        self._relations()
        self._programs()
        self._indicators()
        self._reports()
        return self.office

    def _owned(self, **extra: Any) -> dict[str, Any]:
        return {"office": self.office, "department": self.department, **extra}

    def _functions(self) -> None:
        for order, item in enumerate(self.data.get("functions", [])):
            function = OfficeFunction.objects.create(
                office=self.office, order=order, title=item["title"]
            )
            for point_order, text in enumerate(item.get("points", [])):
                OfficeFunctionPoint.objects.create(function=function, order=point_order, text=text)

    def _staffing(self) -> None:
        staffing = self.data.get("staffing")
        if not staffing:
            return
        snapshot = StaffingSnapshot.objects.create(
            **self._owned(as_of=staffing["as_of"], source=self.source)
        )
        StaffingLine.objects.bulk_create(
            StaffingLine(snapshot=snapshot, order=order, **line)
            for order, line in enumerate(staffing["lines"])
        )
        extra = staffing.get("extra_posts")
        if extra:
            ExtraPost.objects.bulk_create(
                ExtraPost(
                    snapshot=snapshot,
                    employment_type=extra["employment_type"],
                    agreed_with=extra.get("agreed_with", ""),
                    title=title,
                    order=order,
                )
                for order, title in enumerate(extra["titles"])
            )

    def _budget(self) -> None:
        for order, item in enumerate(self.data.get("budget", [])):
            line = BudgetLine.objects.create(
                **self._owned(
                    fiscal_year=item["fiscal_year"],
                    subject=item["subject"],
                    amount=item["amount"],
                    purpose=item.get("purpose", ""),
                    order=order,
                )
            )
            for spent in item.get("expenditures", []):
                Expenditure.objects.create(line=line, source=self.source, **spent)

    def _schedule(self) -> None:
        domains = {
            d["name"]: Domain.objects.create(office=self.office, order=order, **d)
            for order, d in enumerate(self.data.get("domains", []))
        }
        for theme in self.data.get("themes", []):
            PolicyTheme.objects.create(office=self.office, **theme)
        agendas = {
            a["name"]: Agenda.objects.create(office=self.office, **a)
            for a in self.data.get("agendas", [])
        }
        reasons = {
            r["text"]: PrivacyReason.objects.create(office=self.office, order=order, **r)
            for order, r in enumerate(self.data.get("privacy_reasons", []), start=1)
        }
        # An event is private unless the data set says it is public (`is_public = true`); one
        # kept private names its reason from the list (`privacy_reason = "내부 회의"`).
        for item in self.data.get("events", []):
            item = dict(item)
            written_time = item.pop("time", "")
            parsed = parse_time(written_time) if written_time else None
            domain = domains[item.pop("domain")] if "domain" in item else None
            agenda = agendas[item.pop("agenda")] if "agenda" in item else None
            reason = reasons[item.pop("privacy_reason")] if "privacy_reason" in item else None
            Event.objects.create(
                **self._owned(
                    domain=domain,
                    agenda=agenda,
                    privacy_reason=reason,
                    start_time=parsed,
                    # A time that does not parse is kept as printed, never guessed.
                    time_text="" if parsed or not written_time else written_time,
                    status=item.pop("status", Event.Status.DONE),
                    source=self.source,
                    **item,
                )
            )

    def _press(self) -> None:
        MediaEngagement.objects.bulk_create(
            MediaEngagement(**self._owned(source=self.source, **item))
            for item in self.data.get("media", [])
        )

    def _relations(self) -> None:
        partners: dict[str, Partner] = {}
        for item in self.data.get("partners", []):
            partner, _ = Partner.objects.get_or_create(name=item["name"], defaults=item)
            partners[partner.name] = partner
        for order, item in enumerate(self.data.get("meeting_series", [])):
            series = MeetingSeries.objects.create(
                **self._owned(name=item["name"], chaired_by=item.get("chaired_by", ""), order=order)
            )
            self.series[series.name] = series
            for session in item.get("sessions", []):
                MeetingSession.objects.create(series=series, source=self.source, **session)
        for item in self.data.get("agreements", []):
            item = dict(item)
            names = item.pop("partners")
            agreement = Agreement.objects.create(**self._owned(source=self.source, **item))
            agreement.partners.set(partners[name] for name in names)

    def _programs(self) -> None:
        for order, item in enumerate(self.data.get("programs", [])):
            item = dict(item)
            narratives = item.pop("narratives", [])
            milestones = item.pop("milestones", [])
            tracked = item.pop("tracked_items", [])
            comparisons = item.pop("comparisons", [])
            parent = self.programs[item.pop("parent")] if "parent" in item else None
            program = Program.objects.create(**self._owned(parent=parent, order=order, **item))
            self.programs[program.slug] = program
            Narrative.objects.bulk_create(
                Narrative(program=program, order=n, **narrative)
                for n, narrative in enumerate(narratives)
            )
            Milestone.objects.bulk_create(
                Milestone(program=program, order=n, source=self.source, **milestone)
                for n, milestone in enumerate(milestones)
            )
            TrackedItem.objects.bulk_create(
                TrackedItem(program=program, order=n, source=self.source, **entry)
                for n, entry in enumerate(tracked)
            )
            for n, comparison in enumerate(comparisons):
                table = ComparisonTable.objects.create(
                    program=program,
                    order=n,
                    title=comparison.get("title", ""),
                    corner=comparison.get("corner", "구분"),
                    columns=comparison["columns"],
                )
                ComparisonRow.objects.bulk_create(
                    ComparisonRow(table=table, order=r, label=row["label"], cells=row["cells"])
                    for r, row in enumerate(comparison["rows"])
                )

    def _subject(self, ref: dict[str, str] | None) -> models.Model | None:
        if not ref:
            return None
        if "program" in ref:
            return self.programs[ref["program"]]
        if "series" in ref:
            return self.series[ref["series"]]
        raise ValueError(f"알 수 없는 대상: {ref}")

    def _indicators(self) -> None:
        for order, item in enumerate(self.data.get("indicators", [])):
            item = dict(item)
            observations = item.pop("observations", [])
            targets = item.pop("targets", [])
            subject = self._subject(item.pop("subject", None))
            indicator = Indicator.objects.create(
                **self._owned(order=order, **item),
                subject_type=ContentType.objects.get_for_model(subject) if subject else None,
                subject_id=subject.pk if subject else None,
            )
            Observation.objects.bulk_create(
                Observation(
                    indicator=indicator,
                    order=n,
                    source=obs.pop("source", self.source),
                    dimension_values=obs.pop("dims", {}),
                    value=_decimal(obs.pop("value")),
                    stated_change_pct=_optional_decimal(obs.pop("stated_change_pct", None)),
                    **obs,
                )
                for n, obs in enumerate(dict(o) for o in observations)
            )
            Target.objects.bulk_create(
                Target(
                    indicator=indicator,
                    source=self.source,
                    dimension_values=target.pop("dims", {}),
                    value=_decimal(target.pop("value")),
                    **target,
                )
                for target in (dict(t) for t in targets)
            )

    def _reports(self) -> None:
        from sijeong.reports.models import Block, Report, Section

        for item in self.data.get("reports", []):
            item = dict(item)
            sections = item.pop("sections", [])
            report = Report.objects.create(office=self.office, **item)
            for order, section_data in enumerate(sections):
                section_data = dict(section_data)
                blocks = section_data.pop("blocks", [])
                program = section_data.pop("program", None)
                section = Section.objects.create(
                    report=report,
                    order=order,
                    program=self.programs[program] if program else None,
                    **section_data,
                )
                Block.objects.bulk_create(
                    Block(section=section, order=n, **block) for n, block in enumerate(blocks)
                )


def _decimal(value: int | float | str) -> Decimal:
    # TOML floats (-6.8) go through str so that Decimal keeps the printed digits.
    return Decimal(str(value))


def _optional_decimal(value: int | float | str | None) -> Decimal | None:
    return None if value is None else _decimal(value)
