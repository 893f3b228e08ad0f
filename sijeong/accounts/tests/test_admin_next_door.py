"""The back office shows the office next door nothing: its 관리자 walks every registered
ModelAdmin — lists, searches, list filters, date hierarchies, the choices of every form,
change, delete and history pages, autocomplete and "view on site" — and meets no record of the
seed office. The operator (superuser) still sees every office.

What counts as the other office's: a record whose office (through its owners,
`roles.office_path`) is the seed office, and a person of that office. Records shared by every
office by design (terms of office, partners, the roles) are everyone's; other records of no
office (login attempts, the task queue's results) are the operator's alone.
"""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.filters import (
    AllValuesFieldListFilter,
    BooleanFieldListFilter,
    ChoicesFieldListFilter,
    DateFieldListFilter,
    EmptyFieldListFilter,
    RelatedFieldListFilter,
)
from django.contrib.admin.utils import get_fields_from_path, reverse_field_path
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sijeong.accounts.models import User
from sijeong.accounts.roles import office_path
from sijeong.core.models import Office
from sijeong.core.testing import logged_in
from sijeong.ingest.models import ImportedDocument, ImportedRecord, ImportReview
from sijeong.jobs.models import Job
from sijeong.planning.models import BlockedDay, PlanningRules, TravelTime, VisitCandidate
from sijeong.reports.models import FrozenFile, Report
from sijeong.schedule.models import Event, Message

# Kept by design for every office alike.
SHARED = {"core.term", "relations.partner", "auth.group"}
# Filters whose choices come from no record: a field's own choices, yes/no, dates, empty.
FIXED_CHOICES = (
    ChoicesFieldListFilter,
    BooleanFieldListFilter,
    DateFieldListFilter,
    EmptyFieldListFilter,
)


@pytest.fixture
def world(seeded: Office, seed_people: dict[str, User], next_door_people: dict[str, User]) -> Any:
    """The seed office with a record of every kind the back office lists; the office next door
    with its people only."""
    department = seeded.departments.order_by("pk").first()
    admin_user = seed_people["admin"]
    User.objects.create_user(username="seoul-clerk", office=seeded, department=department)
    day = datetime.date(2024, 8, 1)
    Message.objects.create(
        office=seeded, department=department, title="서울 핵심 메시지", body="내용"
    )
    VisitCandidate.objects.create(
        office=seeded, department=department, title="서울 쪽방촌 방문", place="서울역",
        earliest=day, latest=day + datetime.timedelta(days=30),
    )  # fmt: skip
    PlanningRules.objects.create(office=seeded)
    BlockedDay.objects.create(office=seeded, date=day, reason="서울 출장")
    TravelTime.objects.create(office=seeded, from_place="서울시청", to_place="종로구", minutes=20)
    report = Report.objects.get(office=seeded)
    FrozenFile.objects.create(report=report, format="md", content=b"# report", sha256="0" * 64)
    document = ImportedDocument.objects.create(
        office=seeded, filename="서울-보고서.txt", format="txt", content=b"x", sha256="1" * 64,
        imported_by=admin_user,
    )  # fmt: skip
    event = Event.objects.filter(office=seeded).first()
    assert event is not None
    ImportedRecord.objects.create(
        document=document, content_type=ContentType.objects.get_for_model(Event),
        object_id=event.pk, lines=[1],
    )  # fmt: skip
    ImportReview.objects.create(document=document, user=admin_user)
    Job.objects.create(office=seeded, started_by=admin_user, kind=Job.Kind.REPORTS)
    DBTaskResult.objects.create(
        id=uuid.uuid4(), args_kwargs={"args": [1], "kwargs": {}}, task_path="x.y",
        backend_name="default", run_after=timezone.now(),
    )  # fmt: skip
    login = {"username": "admin", "ip_address": "203.0.113.1", "user_agent": "x"}
    AccessAttempt.objects.create(**login, failures_since_start=1, attempt_time=timezone.now())
    AccessLog.objects.create(**login, attempt_time=timezone.now())
    AccessFailureLog.objects.create(**login, attempt_time=timezone.now())

    class World:
        office = seeded
        next_door = next_door_people["admin"]

    return World()


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def theirs(model: type[models.Model], office: Office) -> Any:
    """The records of `model` that are `office`'s."""
    manager = model._default_manager
    if model is User:
        return manager.filter(Q(office=office) | Q(department__office=office))
    if model is Office:
        return manager.filter(pk=office.pk)
    path = office_path(model)
    return manager.filter(**{path: office}) if path else manager.none()


def registered() -> list[tuple[type[models.Model], Any]]:
    return list(admin.site._registry.items())


def url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def operator_only(model: type[models.Model]) -> bool:
    """A record of no office and not shared by design: the operator's alone."""
    return not office_path(model) and model is not Office and label(model) not in SHARED


def changelist(client: Client, model: type[models.Model], query: str = "") -> Any:
    response = client.get(url(model, "changelist") + query)
    assert response.status_code in (200, 403), (label(model), response.status_code)
    return response.context["cl"] if response.status_code == 200 else None


def test_the_world_holds_a_record_of_every_kind_in_the_seed_office(world: Any) -> None:
    """Otherwise a walk could find nothing to leak."""
    empty = [
        label(model)
        for model, _ in registered()
        if label(model) not in SHARED
        and not (theirs(model, world.office).exists() or model._default_manager.exists())
    ]
    assert empty == []


def test_lists_and_searches_show_no_record_of_the_office_next_door(world: Any) -> None:
    client = logged_in(world.next_door)
    shown = []
    for model, model_admin in registered():
        searches = [""]
        if model_admin.search_fields:
            record = theirs(model, world.office).first()
            if record is not None:
                searches.append("?q=" + str(record)[:20])
        for query in searches:
            cl = changelist(client, model, query)
            if cl is None:
                continue
            leaked = theirs(model, world.office).filter(pk__in=[r.pk for r in cl.result_list])
            shown += [f"{label(model)}{query}: {r}" for r in leaked]
    assert shown == []


def test_records_of_no_office_are_the_operators_alone(world: Any) -> None:
    client = logged_in(world.next_door)
    opened = [
        label(model)
        for model, _ in registered()
        if operator_only(model) and client.get(url(model, "changelist")).status_code != 403
    ]
    assert opened == []


def _related_leaks(spec: Any, field: Any, office: Office) -> list[str]:
    related = field.remote_field.model
    keys = [key for key, _ in spec.lookup_choices]
    return [str(r) for r in theirs(related, office).filter(pk__in=keys)]


def _value_leaks(spec: Any, model: type[models.Model], path: str, office: Office) -> list[str]:
    """Values offered that no record of the office next door (the viewer's) holds."""
    parent, _ = reverse_field_path(model, path)
    field_name = path.split("__")[-1]
    allowed = set(
        parent._default_manager.exclude(pk__in=theirs(parent, office)).values_list(
            field_name, flat=True
        )
    )
    return [str(v) for v in spec.lookup_choices if v not in allowed]


def test_list_filters_offer_nothing_of_the_office_next_door(world: Any) -> None:
    client = logged_in(world.next_door)
    leaks, unknown = [], []
    for model, _ in registered():
        cl = changelist(client, model)
        if cl is None:
            continue
        for spec in cl.filter_specs:
            path = getattr(spec, "field_path", "")
            field = get_fields_from_path(model, path)[-1] if path else None
            if isinstance(spec, RelatedFieldListFilter):
                found = _related_leaks(spec, field, world.office)
            elif isinstance(spec, AllValuesFieldListFilter):
                found = _value_leaks(spec, model, path, world.office)
            elif isinstance(spec, FIXED_CHOICES):
                found = []
            else:
                unknown.append(f"{label(model)}: {type(spec).__name__}")
                continue
            leaks += [f"{label(model)} {path}: {name}" for name in found]
    assert (leaks, unknown) == ([], [])


def test_date_hierarchies_offer_no_year_of_the_office_next_door(world: Any) -> None:
    """The office next door keeps no dated record here: any year offered is another's."""
    client = logged_in(world.next_door)
    offered = []
    for model, model_admin in registered():
        if not model_admin.date_hierarchy:
            continue
        response = client.get(url(model, "changelist"))
        if response.status_code == 200:
            years = re.findall(rf"{model_admin.date_hierarchy}__year=(\d+)", response.text)
            offered += [f"{label(model)}: {year}" for year in years]
    assert offered == []


def _choice_leaks(form: Any, office: Office) -> list[str]:
    leaks = []
    for name, form_field in form.fields.items():
        queryset = getattr(form_field, "queryset", None)
        # A hidden key (an inline row's own id) offers nothing to choose from.
        if queryset is not None and not form_field.widget.is_hidden:
            leaks += [f"{name}: {r}" for r in theirs(queryset.model, office) & queryset]
    return leaks


def test_forms_offer_no_choice_of_the_office_next_door(world: Any) -> None:
    """The add form and its inline forms of every kind the 관리자 next door may add."""
    client = logged_in(world.next_door)
    offered = []
    for model, _ in registered():
        response = client.get(url(model, "add"))
        if response.status_code != 200:
            continue
        forms = [response.context["adminform"].form]
        for inline in response.context["inline_admin_formsets"]:
            forms += [inline.formset.empty_form, *inline.formset.forms]
        offered += [
            f"{label(model)} {leak}" for f in forms for leak in _choice_leaks(f, world.office)
        ]
    assert offered == []


def _answer(client: Client, page: str) -> tuple[int, str]:
    response = client.get(page)
    return response.status_code, response.get("Location", "")


def test_pages_of_a_record_next_door_answer_as_for_one_that_does_not_exist(world: Any) -> None:
    """Change, delete and history pages: refused exactly as for a key no record has, so that
    not even the existence of a record next door shows."""
    client = logged_in(world.next_door)
    missing = 2**40
    told = []
    for model, model_admin in registered():
        record = theirs(model, world.office).first()
        if record is None:
            continue
        views = [("change",), ("delete",)]
        if hasattr(model_admin, "history_form_view"):
            views.append(("history",))
            version = record.history.first()  # type: ignore[attr-defined]
            if version is not None:
                views.append(("simple_history", version.history_id))
        for view, *rest in views:
            answer = _answer(client, url(model, view, record.pk, *rest))
            nothing = _answer(client, url(model, view, missing, *rest))
            if answer[0] == 200 or answer != (
                nothing[0],
                nothing[1].replace(str(missing), str(record.pk)),
            ):
                told.append(f"{label(model)} {view}: {answer} / {nothing}")
    assert told == []


def test_view_on_site_answers_a_record_next_door_as_one_that_does_not_exist(
    world: Any, settings: Any
) -> None:
    settings.DEBUG = True  # the technical 404 page says why; it must say the same
    client = logged_in(world.next_door)
    told = []
    for model, _ in registered():
        record = theirs(model, world.office).first()
        if record is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        address = reverse("admin:view_on_site", args=[content_type.pk, record.pk])
        missing = reverse("admin:view_on_site", args=[content_type.pk, 2**40])
        answer, nothing = client.get(address), client.get(missing)
        said = nothing.text.replace(str(2**40), str(record.pk))
        if (answer.status_code, answer.text) != (nothing.status_code, said):
            told.append(label(model))
    assert told == []


def test_autocomplete_offers_nothing_of_the_office_next_door(world: Any) -> None:
    client = logged_in(world.next_door)
    offered = []
    for model, _ in registered():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            answer = client.get(
                reverse("admin:autocomplete"),
                {"app_label": model._meta.app_label, "model_name": model._meta.model_name,
                 "field_name": field.name, "term": ""},
            )  # fmt: skip
            if answer.status_code != 200:
                continue
            keys = [item["id"] for item in answer.json()["results"]]
            related = field.related_model
            offered += [
                f"{label(model)}.{field.name}: {r}"
                for r in theirs(related, world.office).filter(pk__in=keys)
            ]
    assert offered == []


def test_the_operator_still_sees_every_office(world: Any, django_user_model: Any) -> None:
    from sijeong.programs.models import TrackedItem

    operator = django_user_model.objects.create_superuser("operator", password="x")
    client = logged_in(operator)
    assert list(changelist(client, Job).result_list) == list(theirs(Job, world.office))
    cl = changelist(client, TrackedItem)
    [by_program] = [s for s in cl.filter_specs if s.field_path == "program"]
    offered = {key for key, _ in by_program.lookup_choices}
    assert offered >= set(theirs(TrackedItem, world.office).values_list("program", flat=True))
