"""No stored record breaks a page: every page, list, export, feed, API answer and report
format is walked with a record of every kind at the bounds of what its fields may hold, and
again with values stored before the rules existed (written here with QuerySet.update, which
asks nothing) — each of those is a finding at its record, never an error page."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections import Counter, deque
from decimal import Decimal
from html import unescape
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from sijeong.accounts.models import User
from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.findings import run_audits
from sijeong.core.models import Indicator, Observation, Office, OfficeFunction, Target, Term
from sijeong.core.validity import (
    EARLIEST,
    LATEST,
    SHAPES,
    TEXT_LENGTH,
    Record,
    ShapedJSONField,
    bounds,
    record_kinds,
    validate,
)
from sijeong.feeds.models import FeedToken
from sijeong.programs.models import ComparisonTable, Narrative, Program
from sijeong.relations.models import Agreement
from sijeong.reports.actions import copy_report
from sijeong.reports.models import Block, Report, Section
from sijeong.reports.writing import FORMATS
from sijeong.schedule.models import Domain, Event
from sijeong.web.records import TYPES

# Text at its longest, with what breaks careless pages: markup, quotes, a placeholder's
# braces, a percent sign, a right-to-left mark and a character outside the BMP.
TRICKY = "<b>가&\"'{{x}}%s\u200f𝄞</b>"

BIG_JSON: dict[str, Any] = {
    "names": ["가" * 100] * 10,
    "breakdown": {"가" * 100: "나" * 1000},
    "labels": ["가" * 1000] * 5,
    "cells": ["가" * 3000] * 3,
    "columns": [{"label": "가" * 100, "start": "2099-12", "end": "2099-12"}] * 4,
    "counts": {"안전": 1000, "가" * 100: 1000},
    "settings": {"lines": ["가" * 1000] * 5, "가" * 100: "나" * 100},
    "entries": [{"사유": "가" * 1000}] * 5,
}


def _text(field: models.Field[Any, Any], high: bool, variant: str) -> str:
    limit = field.max_length or TEXT_LENGTH
    if isinstance(field, models.SlugField):
        return f"{variant}-{'z' * limit}"[:limit]
    if not high:
        return variant[:limit] if not field.blank else ""
    return (f"{variant}{TRICKY}" + "가" * limit)[:limit]


def _value(field: models.Field[Any, Any], high: bool, variant: str) -> Any:
    """The lowest or highest value `field` may hold."""
    if field.choices:
        values = [value for value, _ in field.flatchoices]
        return values[-1] if high else values[0]
    if isinstance(field, ShapedJSONField):
        return BIG_JSON[field.shape] if high else type(SHAPES[field.shape].coerce([]))()
    if isinstance(field, models.CharField | models.TextField):
        return _text(field, high, variant)
    if isinstance(field, models.BooleanField):
        return high
    if isinstance(field, models.DateTimeField):
        return None if field.null else datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return LATEST if high else EARLIEST
    if isinstance(field, models.TimeField):
        # A record's times in the order they are declared (start before end), a minute apart.
        times = [f for f in field.model._meta.concrete_fields if isinstance(f, models.TimeField)]
        step = times.index(field)
        minutes = 24 * 60 - len(times) + step if high else step
        return datetime.time(minutes // 60, minutes % 60)
    if isinstance(field, models.DecimalField):
        top = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1).scaleb(
            -field.decimal_places
        )
        return top if high else -top
    limits = bounds(field)
    if limits is not None:
        return limits[1] if high else limits[0]
    return field.get_default()


def _related(field: models.Field[Any, Any], office: Office, made: dict[Any, Any]) -> Any:
    target = field.related_model
    if target is Office:
        return office
    if target in made:
        return made[target]
    if target is ContentType:
        return ContentType.objects.get_for_model(Program)
    if target is User:
        return User.objects.filter(office=office).first()
    found = target._default_manager.all().first()  # type: ignore[union-attr]
    return found


def extreme_records(office: Office, high: bool) -> dict[type[models.Model], models.Model]:
    """One record of every kind at the low or high bound of every field, each pointing at the
    others of its variant; a field whose bound the rules between fields refuse (a refund larger
    than a budget of 0) keeps the value a seed record has."""
    variant = "high" if high else "low"
    made: dict[type[models.Model], models.Model] = {}
    for model in record_kinds():
        if model is Office or (model._meta.label == "planning.PlanningRules" and not high):
            continue
        record = model()
        typical = model._default_manager.first()
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            if field.is_relation:
                setattr(record, field.name, _related(field, office, made))
            else:
                setattr(record, field.attname, _value(field, high, variant))
        if isinstance(record, Indicator):  # about a programme, once one is made
            record.subject_type, record.subject_id = None, None
        if isinstance(record, Term):
            record.end = record.start
        for _ in range(3):
            try:
                record.full_clean()
                break
            except ValidationError as error:
                refused = getattr(error, "error_dict", {})
                assert refused, f"{model._meta.label}: {error}"
                for name in refused:
                    if name == "__all__":
                        # A rule between fields (a public event carries no 비공개 사유): the
                        # yes-or-no fields go back to their defaults.
                        for field in model._meta.concrete_fields:
                            if isinstance(field, models.BooleanField):
                                setattr(record, field.attname, field.get_default())
                        continue
                    field = model._meta.get_field(name)
                    kept = getattr(typical, field.attname) if typical else field.get_default()
                    setattr(record, field.attname, kept)
        validate(record)
        record.save()
        for m2m in model._meta.many_to_many:
            getattr(record, m2m.name).set(m2m.related_model._default_manager.all()[:50])
        made[model] = record
    Indicator.objects.filter(pk=made[Indicator].pk).update(
        subject_type=ContentType.objects.get_for_model(Program), subject_id=made[Program].pk
    )
    return made


# -- the walk ---------------------------------------------------------------------------

SKIPPED = re.compile(r"^/(static|media)/|logout|^/admin/jsi18n")
LINK = re.compile(r"""(?:href|src|hx-get)="(/[^"#]*)""")


class Walk:
    """Every page reachable by a GET from where it starts, each kind of page (its name and
    the query's keys) a few times, and the pages asked for by name always."""

    def __init__(self, client: Client, per_kind: int = 1) -> None:
        self.client = client
        self.per_kind = per_kind
        self.seen: set[str] = set()
        self.kinds: Counter[str] = Counter()
        self.failed: list[tuple[str, int]] = []
        self.queue: deque[tuple[str, bool]] = deque()

    def _kind(self, url: str) -> str | None:
        parts = urlsplit(url)
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
        return f"{match.view_name}?{','.join(keys)}"

    def add(self, url: str, must: bool = False) -> None:
        url = unescape(url)
        if url not in self.seen and not SKIPPED.search(url):
            self.queue.append((url, must))

    def run(self, limit: int = 1500) -> None:
        while self.queue and len(self.seen) < limit:
            url, must = self.queue.popleft()
            kind = self._kind(url)
            if url in self.seen or kind is None or (not must and self.kinds[kind] >= self.per_kind):
                continue
            self.seen.add(url)
            self.kinds[kind] += 1
            response = self.client.get(url)
            if response.status_code >= 500:
                self.failed.append((url, response.status_code))
                continue
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
                continue
            if response.get("Content-Type", "").startswith("text/html"):
                for link in LINK.findall(response.content.decode()):
                    self.add(link)


def _must_visit(walk: Walk, office: Office, made: dict[Any, models.Model]) -> None:
    """The pages of the bounding records and of their days, months and years."""
    for record_type in TYPES:
        record = made.get(record_type.model)
        if record is not None:
            walk.add(reverse("web:record", args=[record_type.slug, record.pk]), True)
            walk.add(reverse("web:edit", args=[record_type.slug, record.pk]), True)
        for fmt in ("", "?format=csv", "?format=xlsx", "?sort=-" + record_type.columns[0]):
            walk.add(reverse("web:records", args=[record_type.slug]) + fmt, True)
    for model, record in made.items():
        walk.add(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[record.pk]), True,
        )  # fmt: skip
    event, program, report = made[Event], made[Program], made[Report]
    walk.add(reverse("schedule:detail", args=[event.pk]), True)
    walk.add(reverse("schedule:edit", args=[event.pk]), True)
    walk.add(reverse("programs:detail", args=[program.pk]), True)
    for day in (EARLIEST, LATEST):
        month = f"{day:%Y-%m}"
        for url in (
            f"/?as_of={day:%Y-%m-%d}",
            f"{reverse('schedule:calendar')}?month={month}",
            f"{reverse('schedule:calendar')}?view=week&date={day:%Y-%m-%d}",
            f"{reverse('schedule:list')}?q={event.title[:20]}",
            f"{reverse('web:section', args=['조직·예산'])}?as_of={day:%Y-%m-%d}",
            f"{reverse('public:schedule')}?office={office.slug}&month={month}",
            f"{reverse('public:schedule')}?office={office.slug}&view=day&date={day:%Y-%m-%d}",
        ):
            walk.add(url, True)
    for url in (
        reverse("reports:detail", args=[report.slug]),
        *(reverse("reports:download", args=[report.slug, fmt]) for fmt in FORMATS),
        f"{reverse('public:programs')}?office={office.slug}",
        f"{reverse('public:indicators_csv')}?office={office.slug}",
        f"{reverse('public:schedule_csv')}?office={office.slug}",
        f"{reverse('feeds:public')}?office={office.slug}",
        reverse("public:index"),
        reverse("api:openapi-json"),
    ):
        walk.add(url, True)
    for kind_slug in (*(t.slug for t in TYPES), "events", "targets", "reports"):
        walk.add(f"/api/v1/{kind_slug}/?page_size=100", True)
    for model, record in made.items():
        slug = next((t.slug for t in TYPES if t.model is model), None)
        slug = slug or {Event: "events", Target: "targets", Report: "reports"}.get(model)
        if slug:
            walk.add(f"/api/v1/{slug}/{record.pk}", True)


def _wide_report(office: Office, made: dict[Any, models.Model]) -> Report:
    """The seed report's definition over every year a record may hold, with the bounding
    records' section and block: it prints them all, in every format."""
    seed_report = Report.objects.get(office=office, slug="secretariat-2024-09")
    wide = copy_report(
        seed_report, "every-year", period_start=EARLIEST, period_end=LATEST, as_of=LATEST
    )
    Section.objects.filter(pk=made[Section].pk).update(report=wide)
    return wide


def _walk(admin: User, office: Office, *made: dict[Any, models.Model]) -> list[tuple[str, int]]:
    """The walk as the office's 관리자 (the back office too), then the public pages and the
    API as an anonymous visitor: the pages that failed."""
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    _, secret = FeedToken.issue(admin, "시험")
    walk = Walk(client)
    for start in ("/", "/admin/", reverse("feeds:private", args=[secret])):
        walk.add(start, True)
    for records in made:
        _must_visit(walk, office, records)
    walk.run()
    anonymous = Walk(Client(raise_request_exception=False))
    for url in sorted(walk.seen):
        if url.startswith(("/public/", "/api/")):
            anonymous.add(url, True)
    anonymous.run()
    assert len(walk.seen) > 250, len(walk.seen)  # the walk went everywhere, not nowhere
    return walk.failed + anonymous.failed


@pytest.fixture
def admin(seed_people: dict[str, User]) -> User:
    person = seed_people["admin"]
    person.is_staff = True  # the back office is walked too
    person.save()
    return person


def test_records_at_the_bounds_of_every_field_break_no_page(seeded: Office, admin: User) -> None:
    low = extreme_records(seeded, high=False)
    high = extreme_records(seeded, high=True)
    high[Report] = _wide_report(seeded, high)
    assert _walk(admin, seeded, low, high) == []


# (kind, field, value stored, whether the checks report it)
POISON: list[tuple[type[models.Model], str, Any, bool]] = [
    (Observation, "dimension_values", "x", True),
    (Target, "dimension_values", ["권종"], True),
    (Indicator, "dimensions", "권종", True),
    (Event, "date", datetime.date(9999, 12, 31), True),
    (Event, "start_time", None, False),  # valid; a whole day ends the next day
    (Event, "title", "제\x0b목", True),
    (Event, "summary", "가" * 5000, False),  # too long, but harmless
    (BudgetLine, "fiscal_year", 32767, True),
    (Expenditure, "amount", 10**15, True),
    (Program, "start", datetime.date(9999, 12, 31), True),
    (Program, "tags", {"신규": True}, True),
    (Narrative, "level", 99, True),
    (Section, "level", 99, True),
    (Block, "params", "x", True),
    (ComparisonTable, "columns", [{"label": "본사업", "start": "2024-99"}], True),
    (Agreement, "topics", "관광", True),
    (Domain, "color", "red;x{}", True),  # as long as the column holds, no colour at all
    # Printed by the seed report: a control character XML (HWPX, DOCX) cannot hold.
    (OfficeFunction, "title", "시장 일정\x0b기획", True),
]


def test_values_stored_before_the_rules_break_no_page_and_are_findings(
    seeded: Office, admin: User
) -> None:
    poisoned: dict[Any, models.Model] = {}
    places = []
    for model, name, value, reported in POISON:
        records = model._default_manager.filter(**{_office_path(model): seeded})
        record = records.order_by("pk").first()
        assert record is not None, model
        model._default_manager.filter(pk=record.pk).update(**{name: value})
        poisoned.setdefault(model, record)
        if reported:
            places.append((model._meta.label_lower, record.pk, name))
    # Eleven level-1 sections: more than the Roman numerals Ⅰ–Ⅹ a report numbers them with.
    report = Report.objects.get(office=seeded)
    for order in range(11):
        Section.objects.create(report=report, order=100 + order, level=1, title=f"장 {order}")
    poisoned[Report] = report

    assert _walk(admin, seeded, poisoned) == []
    client = Client()
    client.force_login(admin)
    for fmt in ("hwpx", "docx"):  # every part of the package is XML a reader can parse
        written = client.get(reverse("reports:download", args=[report.slug, fmt])).content
        with zipfile.ZipFile(io.BytesIO(written)) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels", ".hpf")):
                    ElementTree.fromstring(package.read(name))
    found = {(f.model, f.object_id, f.field) for f in run_audits(seeded)}
    assert [place for place in places if place not in found] == []


def _office_path(model: type[models.Model]) -> str:
    from sijeong.accounts.roles import office_path

    return office_path(model)


def test_every_kind_of_record_is_made_at_its_bounds(seeded: Office) -> None:
    made = extreme_records(seeded, high=True)
    kinds = {m for m in record_kinds() if issubclass(m, Record)} - {Office}
    assert set(made) == kinds
