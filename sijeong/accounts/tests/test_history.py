"""Every change made in the back office is kept in its history: who, when, before, after."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.forms import BaseForm
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sijeong.accounts.models import User
from sijeong.core.models import Department
from sijeong.core.testing import logged_in
from sijeong.org.models import StaffingLine, StaffingSnapshot
from sijeong.schedule.models import Event


def an_event(department: Department) -> Event:
    return Event.objects.create(
        office=department.office,
        department=department,
        title="폭염 대비 현장점검",
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2024, 8, 6),
        place="서울역 쪽방촌",
    )


def a_staffing_line(department: Department) -> StaffingLine:
    snapshot = StaffingSnapshot.objects.create(
        office=department.office, department=department, as_of=datetime.date(2024, 9, 1)
    )
    return StaffingLine.objects.create(
        snapshot=snapshot, series="일반직", grade="5급", posts=10, filled=9
    )


def change_url(obj: models.Model) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def form_values(form: BaseForm) -> dict[str, Any]:
    """What a browser would post back for `form` as it was rendered, unchanged."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is True:
            data[key] = "on"
        elif value is False or value is None:
            continue
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)
    return data


def save_through_admin(client: Client, obj: models.Model, **changes: Any) -> None:
    """Open the change page of `obj`, apply `changes` to what it shows, and save."""
    url = change_url(obj)
    page = client.get(url)
    data = form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data |= form_values(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_values(form)
    response = client.post(url, data | changes)
    assert response.status_code == 302, "the admin did not save the change"


def test_a_change_by_bob_names_bob(bob: User, department: Department) -> None:
    event = an_event(department)
    save_through_admin(logged_in(bob), event, title="폭염 쉼터 점검")
    assert event.history.latest().history_user == bob


def test_a_change_is_dated_when_it_was_made(bob: User, department: Department) -> None:
    event = an_event(department)
    before = timezone.now()
    save_through_admin(logged_in(bob), event, title="폭염 쉼터 점검")
    assert before <= event.history.latest().history_date <= timezone.now()


def test_a_change_keeps_the_old_and_the_new_value(bob: User, department: Department) -> None:
    event = an_event(department)
    save_through_admin(logged_in(bob), event, title="폭염 쉼터 점검")
    new, old = event.history.all()[:2]
    delta = new.diff_against(old)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("title", "폭염 대비 현장점검", "폭염 쉼터 점검")
    ]


def test_a_change_to_a_staffing_line_is_kept_with_its_author(
    bob: User, department: Department
) -> None:
    line = a_staffing_line(department)
    save_through_admin(logged_in(bob), line.snapshot, **{"lines-0-filled": "10"})
    new, old = line.history.all()[:2]
    delta = new.diff_against(old)
    assert (new.history_user, [(c.field, c.old, c.new) for c in delta.changes]) == (
        bob,
        [("filled", 9, 10)],
    )


def test_deleting_an_event_keeps_a_deletion_record(bob: User, department: Department) -> None:
    event = an_event(department)
    pk = event.pk
    url = reverse("admin:schedule_event_delete", args=[pk])
    logged_in(bob).post(url, {"post": "yes"})
    last = Event.history.filter(id=pk).latest()
    assert (last.history_type, last.history_user, last.title) == ("-", bob, "폭염 대비 현장점검")


def test_deleting_a_staffing_line_keeps_a_deletion_record(
    bob: User, department: Department
) -> None:
    line = a_staffing_line(department)
    save_through_admin(logged_in(bob), line.snapshot, **{"lines-0-DELETE": "on"})
    last = StaffingLine.history.filter(id=line.pk).latest()
    assert (last.history_type, last.history_user, last.grade) == ("-", bob, "5급")
