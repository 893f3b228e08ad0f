"""The back office (관리 화면): every record is there, in Korean, and the roles hold in it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.db import models
from django.forms import BaseForm
from django.test import Client
from django.urls import reverse
from simple_history.models import HistoricalChanges

from sijeong.accounts.models import User
from sijeong.accounts.roles import DOMAIN_APPS
from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import Department
from sijeong.core.testing import logged_in
from sijeong.schedule.models import Event

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def record_models() -> list[type[models.Model]]:
    """The models of the domain apps and the user, without simple_history's Historical* copies."""
    return [
        model
        for app_label in (*DOMAIN_APPS, "accounts")
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, HistoricalChanges)
        and model._meta.default_permissions  # bookkeeping (core.DataRevision) is no record
    ]


def label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def an_event(department: Department, title: str = "폭염 대비 현장점검") -> Event:
    return Event.objects.create(
        office=department.office,
        department=department,
        title=title,
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2024, 8, 6),
        place="서울역 쪽방촌",
    )


def a_budget_line(department: Department) -> BudgetLine:
    return BudgetLine.objects.create(
        office=department.office,
        department=department,
        fiscal_year=2024,
        subject=f"기관운영업무추진비 {department.slug}",
        amount=100_000_000,
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


def posted_back(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The change page's form and inline forms as they are, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= form_values(formset.management_form)
        for form in formset.forms:
            data |= form_values(form)
    data |= changes
    return data


# What the back office holds.


def test_every_record_is_registered_in_the_back_office() -> None:
    missing = [label(m) for m in record_models() if m not in admin.site._registry]
    assert missing == []


def test_every_record_name_is_korean() -> None:
    english = [
        f"{label(m)}: {name}"
        for m in record_models()
        for name in (m._meta.verbose_name, m._meta.verbose_name_plural)
        if not HANGUL.search(str(name))
    ]
    assert english == []


def test_every_field_label_is_korean() -> None:
    english = [
        f"{label(m)}.{field.name}: {field.verbose_name}"
        for m in record_models()
        for field in m._meta.get_fields()
        if not field.auto_created
        and (field.concrete or field.many_to_many)
        and not HANGUL.search(str(field.verbose_name))
    ]
    assert english == []


# Editing an event, as the cast.


def test_bob_opens_the_change_page_of_his_departments_event(
    bob: User, department: Department
) -> None:
    event = an_event(department)
    response = logged_in(bob).get(change_url(event))
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()


def test_bob_saves_a_change_to_his_departments_event(bob: User, department: Department) -> None:
    event = an_event(department)
    client = logged_in(bob)
    response = client.post(
        change_url(event), posted_back(client, change_url(event), title="폭염 쉼터 점검")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "폭염 쉼터 점검"


def test_carol_is_refused_a_change_to_bobs_event(
    bob: User, carol: User, department: Department
) -> None:
    event = an_event(department)
    data = posted_back(logged_in(bob), change_url(event), title="바뀐 제목")
    response = logged_in(carol).post(change_url(event), data)
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "폭염 대비 현장점검"


def test_carol_sees_bobs_event_without_a_form_to_change_it(
    carol: User, department: Department
) -> None:
    event = an_event(department)
    response = logged_in(carol).get(change_url(event))
    content = response.content.decode()
    assert response.status_code == 200
    assert "폭염 대비 현장점검" in content
    assert 'name="title"' not in content


def test_dave_sees_the_list_of_events(dave: User, department: Department) -> None:
    an_event(department)
    response = logged_in(dave).get(reverse("admin:schedule_event_changelist"))
    assert response.status_code == 200
    assert "폭염 대비 현장점검" in response.content.decode()


def test_dave_sees_an_event_without_a_form_to_change_it(dave: User, department: Department) -> None:
    event = an_event(department)
    response = logged_in(dave).get(change_url(event))
    content = response.content.decode()
    assert response.status_code == 200
    assert "폭염 대비 현장점검" in content
    assert 'name="title"' not in content


def test_dave_is_refused_a_change(bob: User, dave: User, department: Department) -> None:
    event = an_event(department)
    data = posted_back(logged_in(bob), change_url(event), title="바뀐 제목")
    response = logged_in(dave).post(change_url(event), data)
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "폭염 대비 현장점검"


def test_dave_is_refused_the_add_page(dave: User) -> None:
    response = logged_in(dave).get(reverse("admin:schedule_event_add"))
    assert response.status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(department: Department) -> None:
    event = an_event(department)
    response = Client().get(change_url(event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_bobs_add_form_offers_only_his_department(
    bob: User, department: Department, other_department: Department
) -> None:
    response = logged_in(bob).get(reverse("admin:schedule_event_add"))
    field = response.context["adminform"].form.fields["department"]
    assert [name for value, name in field.choices if value] == [department.name]


def test_alices_add_form_offers_every_department(
    alice: User, department: Department, other_department: Department
) -> None:
    response = logged_in(alice).get(reverse("admin:schedule_event_add"))
    field = response.context["adminform"].form.fields["department"]
    assert sorted(name for value, name in field.choices if value) == sorted(
        [department.name, other_department.name]
    )


def test_carol_is_refused_deleting_bobs_event(carol: User, department: Department) -> None:
    event = an_event(department)
    url = reverse("admin:schedule_event_delete", args=[event.pk])
    response = logged_in(carol).post(url, {"post": "yes"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


# The department rule holds on the history (revert) page and for child records too.


def history_url(event: Event) -> str:
    version = event.history.earliest()
    return reverse("admin:schedule_event_simple_history", args=[event.pk, version.history_id])


def test_carol_cannot_take_bobs_event_through_its_history_page(
    bob: User, carol: User, department: Department, other_department: Department
) -> None:
    event = an_event(department)
    data = posted_back(
        logged_in(bob), change_url(event), title="바뀐 제목", department=str(other_department.pk)
    )
    response = logged_in(carol).post(history_url(event), data)
    event.refresh_from_db()
    assert (response.status_code, event.title, event.department) == (
        403,
        "폭염 대비 현장점검",
        department,
    )


def test_dave_cannot_change_an_event_through_its_history_page(
    bob: User, dave: User, department: Department
) -> None:
    event = an_event(department)
    data = posted_back(logged_in(bob), change_url(event), title="바뀐 제목")
    response = logged_in(dave).post(history_url(event), data)
    event.refresh_from_db()
    assert (response.status_code, event.title) == (403, "폭염 대비 현장점검")


def test_bob_cannot_file_spending_under_carols_budget_line(
    bob: User, other_department: Department
) -> None:
    line = a_budget_line(other_department)
    data = {"line": str(line.pk), "date": "2024-08-31", "amount": "1000000"}
    logged_in(bob).post(reverse("admin:budget_expenditure_add"), data)
    assert not Expenditure.objects.filter(line=line).exists()
