"""Who may do what, as a matrix: every page and every write path × every person.

The cast: the seed office's 관리자, 편집자 of the first department, 편집자 of another department
and 열람자; the anonymous visitor; and 관리자, 편집자 and 열람자 of the office next door. The
URLs come from the record types, the seed data and the back office's registry, so a page or a
model added without its rules shows up here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.forms.models import modelform_factory
from django.test import Client
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.accounts.roles import EDITOR, can_edit, can_view, visible
from sijeong.core.models import Department, Office
from sijeong.core.testing import logged_in
from sijeong.reports.models import Report
from sijeong.schedule.forms import EventForm
from sijeong.schedule.models import Event
from sijeong.web.editing import OfficeForm
from sijeong.web.records import TYPES


@pytest.fixture
def cast(seed_people, next_door_people) -> dict[str, User | None]:
    office = seed_people["admin"].office
    second = Department.objects.create(office=office, slug="policy", name="정책기획관")
    other_editor = User.objects.create_user(username="editor2", password="x", department=second)
    other_editor.groups.add(Group.objects.get(name=EDITOR))
    people = [*seed_people.values(), *next_door_people.values(), other_editor]
    # Everyone may enter the back office here, so that what stops them is the rule itself.
    User.objects.filter(pk__in=[p.pk for p in people]).update(is_staff=True)
    for person in people:
        person.refresh_from_db()
    return {
        "anonymous": None,
        "관리자": seed_people["admin"],
        "편집자": seed_people["editor"],
        "다른 부서 편집자": other_editor,
        "열람자": seed_people["viewer"],
        **{f"옆 기관 {role}": user for role, user in next_door_people.items()},
    }


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def ours(user: User | None, office: Office) -> bool:
    return user is not None and user.office_id == office.pk


def record_pages(office: Office) -> list[tuple[str, models.Model | None, bool]]:
    """(url, the record it shows or None, whether it is an editing page)."""
    event = Event.objects.filter(office=office).first()
    assert event is not None
    report = Report.objects.filter(office=office).first()
    assert report is not None
    pages: list[tuple[str, models.Model | None, bool]] = [
        (reverse("schedule:detail", args=[event.pk]), event, False),
        (reverse("schedule:edit", args=[event.pk]), event, True),
        (reverse("reports:detail", args=[report.slug]), report, False),
        (reverse("reports:download", args=[report.slug, "md"]), report, False),
        (reverse("reports:download", args=[report.slug, "html"]), report, False),
    ]
    for record_type in TYPES:
        manager = record_type.model._default_manager
        record = manager.filter(**{record_type.office_path: office}).first()
        if record is None:
            continue
        pages.append((reverse("web:record", args=[record_type.slug, record.pk]), record, False))
        if record_type.form_fields:
            pages.append((reverse("web:edit", args=[record_type.slug, record.pk]), record, True))
    return pages


def expected_get(user: User | None, office: Office, record: models.Model | None, editing: bool):
    if user is None:
        return 302
    if not ours(user, office):
        return 404
    if editing:
        return 200 if can_edit(user, record) else 403
    return 200


def test_every_record_page_answers_every_person_as_the_rule_says(seeded, cast):
    checked = 0
    for url, record, editing in record_pages(seeded):
        for who, user in cast.items():
            status = client_for(user).get(url).status_code
            assert status == expected_get(user, seeded, record, editing), (who, url, status)
            checked += 1
    assert checked > 250


def test_lists_next_door_show_none_of_our_records(seeded, cast):
    event = Event.objects.filter(office=seeded).first()
    report = Report.objects.filter(office=seeded).first()
    lists = [reverse("schedule:list"), reverse("reports:list"), reverse("ingest:list")]
    lists += [reverse("web:records", args=[t.slug]) for t in TYPES]
    for who in ("옆 기관 admin", "옆 기관 editor", "옆 기관 viewer"):
        client = client_for(cast[who])
        for url in lists:
            page = client.get(url).content.decode()
            assert f"/schedule/{event.pk}/" not in page, (who, url)
            assert f"/reports/{report.slug}/" not in page, (who, url)
        csv = client.get(reverse("schedule:list") + "?format=csv").content.decode("utf-8-sig")
        assert event.title not in csv, who


def form_data(form: Any) -> dict[str, Any]:
    """What a browser would post for `form` as shown."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "on" if value is True else str(value)
    return data


def edit_posts(office: Office, admin_user: User) -> list[tuple[str, models.Model, dict[str, Any]]]:
    """(url, record, the form as shown) for every record form of the office."""
    posts = []
    event = Event.objects.filter(office=office).first()
    assert event is not None
    shown = EventForm(instance=event, office=office, user=admin_user)
    posts.append((reverse("schedule:edit", args=[event.pk]), event, form_data(shown)))
    for record_type in TYPES:
        if not record_type.form_fields:
            continue
        model = record_type.model
        record = model._default_manager.filter(**{record_type.office_path: office}).first()
        if record is None:
            continue
        names = {f.name for f in model._meta.get_fields()}
        fields = (["department"] if "department" in names else []) + record_type.form_fields
        form_class = modelform_factory(model, fields=fields, form=OfficeForm)
        form = form_class(instance=record, office=office, user=admin_user)
        url = reverse("web:edit", args=[record_type.slug, record.pk])
        posts.append((url, record, form_data(form)))
    return posts


def history_count(record: models.Model) -> int:
    return record.history.count() if hasattr(record, "history") else 0


def test_every_record_form_refuses_whom_the_rule_refuses(seeded, cast):
    checked = 0
    for url, record, data in edit_posts(seeded, cast["관리자"]):
        # The refused first, so that the record they post against is the one shown.
        people = sorted(
            cast.items(), key=lambda item: item[1] is not None and can_edit(item[1], record)
        )
        for who, user in people:
            before = history_count(record)
            response = client_for(user).post(url, data)
            if user is None:
                assert response.status_code == 302 and "login" in response["Location"], who
            elif not ours(user, seeded):
                assert response.status_code == 404, (who, url, response.status_code)
            elif can_edit(user, record):
                assert response.status_code == 302, (who, url, response.status_code)
                continue
            else:
                assert response.status_code == 403, (who, url, response.status_code)
            assert history_count(record) == before, (who, url)
            checked += 1
    assert checked > 50


def test_only_our_admin_finalises_our_report(seeded, cast):
    report = Report.objects.filter(office=seeded).first()
    url = reverse("reports:finalise", args=[report.slug])
    expected = {"anonymous": 302, "편집자": 403, "다른 부서 편집자": 403, "열람자": 403}
    expected.update({f"옆 기관 {r}": 404 for r in ("admin", "editor", "viewer")})
    for who, status in expected.items():
        assert client_for(cast[who]).post(url).status_code == status, who
        report.refresh_from_db()
        assert not report.is_final, who


def test_only_who_may_edit_an_event_publishes_it(seeded, cast):
    event = Event.objects.filter(office=seeded).first()
    event.is_public = False
    event.save()
    url = reverse("schedule:publicity", args=[event.pk])
    # The refused first, so that the event stays private until someone may publish it.
    people = sorted(cast.items(), key=lambda item: item[1] is not None and can_edit(item[1], event))
    for who, user in people:
        response = client_for(user).post(url, {"action": "publish"})
        event.refresh_from_db()
        if user is None:
            assert response.status_code == 302 and "login" in response["Location"], who
        elif not ours(user, seeded):
            assert response.status_code == 404, who
        elif can_edit(user, event):
            assert response.status_code == 302 and event.is_public, who
            event.is_public = False
            event.save()
        else:
            assert response.status_code == 403 and not event.is_public, who


def test_the_disclosure_page_is_each_offices_own_and_for_staff(seeded, cast):
    url = reverse("schedule:disclosure") + "?year=2024"
    for who, user in cast.items():
        response = client_for(user).get(url)
        if user is None:
            assert response.status_code == 302, who
            continue
        assert response.status_code == 200, who
        # The seed's 13 events of 2024 are counted only in their own office.
        total = re.search(
            r'<th scope="row">계</th><td class="number">(?:<a href="[^"]*">)?(\d+)',
            response.content.decode(),
        )
        assert total is not None and total[1] == ("13" if ours(user, seeded) else "0"), who


# The back office.


def registered_with_records(office: Office) -> list[tuple[type[models.Model], models.Model]]:
    found = []
    for model in admin.site._registry:
        root = User(is_superuser=True, is_active=True)
        root_visible = visible(root, model._default_manager.all())
        for record in root_visible[:50]:
            if _office_of(record) == office.pk:
                found.append((model, record))
                break
    return found


def _office_of(record: models.Model) -> int | None:
    from sijeong.accounts.roles import record_office_id

    return record_office_id(record)


def admin_url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_back_office_next_door_neither_lists_nor_opens_our_records(seeded, cast):
    pairs = registered_with_records(seeded)
    assert len(pairs) > 20
    for who in ("옆 기관 admin", "옆 기관 editor", "옆 기관 viewer"):
        client = client_for(cast[who])
        for model, record in pairs:
            listing = client.get(admin_url(model, "changelist"))
            if listing.status_code == 200:
                shown = [o.pk for o in listing.context["cl"].result_list]
                assert record.pk not in shown, (who, model)
            change = client.get(admin_url(model, "change", record.pk))
            assert change.status_code in (302, 403, 404), (who, model, change.status_code)
            history = client.get(admin_url(model, "history", record.pk))
            assert history.status_code in (302, 403, 404), (who, model, history.status_code)
            delete = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
            assert delete.status_code in (302, 403, 404), (who, model)
            assert model._default_manager.filter(pk=record.pk).exists(), (who, model)


def test_our_people_open_in_the_back_office_what_they_may_see(seeded, cast):
    pairs = registered_with_records(seeded)
    for who in ("관리자", "편집자", "열람자"):
        client = client_for(cast[who])
        user = cast[who]
        for model, record in pairs:
            if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
                continue
            status = client.get(admin_url(model, "change", record.pk)).status_code
            assert status == (200 if can_view(user, record) else 302), (who, model, status)


def test_an_editor_cannot_move_a_record_to_another_office(seeded, cast):
    editor = cast["편집자"]
    event = Event.objects.filter(office=seeded, department=editor.department).first()
    client = client_for(editor)
    page = client.get(admin_url(Event, "change", event.pk))
    assert page.status_code == 200
    assert "office" not in page.context["adminform"].form.fields
    data = form_data(page.context["adminform"].form)
    data["office"] = str(cast["옆 기관 admin"].office_id)
    client.post(admin_url(Event, "change", event.pk), data)
    event.refresh_from_db()
    assert event.office_id == seeded.pk


def test_an_admin_manages_only_the_people_of_their_office(seeded, cast):
    client = client_for(cast["관리자"])
    listing = client.get(admin_url(User, "changelist"))
    shown = {u.username for u in listing.context["cl"].result_list}
    assert "busan-admin" not in shown and "editor" in shown
    neighbour = cast["옆 기관 editor"]
    assert client.get(admin_url(User, "change", neighbour.pk)).status_code == 302
    form = client.get(admin_url(User, "change", cast["편집자"].pk)).context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "office" not in form.fields
    assert "user_permissions" not in form.fields


def test_an_admin_cannot_change_the_roles_every_office_shares(seeded, cast):
    client = client_for(cast["관리자"])
    group = Group.objects.get(name=EDITOR)
    before = set(group.permissions.values_list("pk", flat=True))
    client.post(admin_url(Group, "change", group.pk), {"name": EDITOR, "permissions": []})
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert client.get(admin_url(Group, "add")).status_code == 403


def test_create_pages_open_for_whom_the_rule_lets_create(seeded, cast):
    from sijeong.accounts.roles import can_create

    urls = [(reverse("schedule:create"), Event)]
    urls += [(reverse("web:create", args=[t.slug]), t.model) for t in TYPES if t.form_fields]
    for url, model in urls:
        for who, user in cast.items():
            status = client_for(user).get(url).status_code
            if user is None:
                assert status == 302, (who, url)
                continue
            # Each person creates in their own office, never in another.
            allowed = can_create(user, model, user.office_id)
            assert status == (200 if allowed else 403), (who, url, status)
            assert not can_create(user, model, seeded.pk) or ours(user, seeded), who


def test_an_editor_sees_no_create_button_for_office_wide_kinds(seeded, cast):
    from sijeong.accounts.roles import ADMIN_ONLY_MODELS

    client = client_for(cast["편집자"])
    for record_type in TYPES:
        if not record_type.form_fields:
            continue
        page = client.get(reverse("web:records", args=[record_type.slug])).content.decode()
        create = reverse("web:create", args=[record_type.slug])
        admin_only = record_type.model._meta.label_lower in ADMIN_ONLY_MODELS
        assert (create in page) is not admin_only, record_type.slug


def test_whatever_the_back_office_holds_is_scoped_or_the_operators(seeded, cast):
    """A model registered without an office is shared: a 관리자 may at most read it."""
    from django.test import RequestFactory

    from sijeong.accounts.roles import office_path

    request = RequestFactory().get("/admin/")
    request.user = cast["관리자"]
    for model, model_admin in admin.site._registry.items():
        if office_path(model) or model in (Office, User):
            continue
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


def test_login_attempts_are_for_the_operator_alone(seeded, cast):
    from axes.models import AccessAttempt

    client = client_for(cast["관리자"])
    assert client.get(admin_url(AccessAttempt, "changelist")).status_code == 403


def test_an_import_is_seen_and_applied_only_as_the_rule_says(seeded, cast):
    from sijeong.ingest import actions
    from sijeong.ingest.models import ImportedDocument

    budget = "3 예산 집행현황 (기준 / 단위 : '24.8월 / 천원)\n구분\t예산액\t집행액\t잔액\t비고\n"
    budget += "시책추진업무추진비\t100,000\t40,000\t60,000\t\n"
    document = actions.stage(budget.encode(), "budget.txt", seeded, cast["편집자"])
    detail = reverse("ingest:detail", args=[document.pk])
    apply = reverse("ingest:apply", args=[document.pk])
    for who, user in cast.items():
        status = client_for(user).get(detail).status_code
        assert status == expected_get(user, seeded, None, False), (who, status)
    refused = {"anonymous": 302, "열람자": 403}
    refused.update({f"옆 기관 {r}": 404 for r in ("admin", "editor", "viewer")})
    for who, status in refused.items():
        assert client_for(cast[who]).post(apply).status_code == status, who
        assert not ImportedDocument.objects.get(pk=document.pk).applied, who
    assert client_for(cast["편집자"]).post(apply).status_code == 302
    assert ImportedDocument.objects.get(pk=document.pk).applied


def test_a_record_page_says_why_it_cannot_be_changed(seed_people):
    from sijeong.schedule.models import Event

    event = Event.objects.filter(office=seed_people["viewer"].office).first()
    viewer = logged_in(seed_people["viewer"]).get(reverse("schedule:detail", args=[event.pk]))
    assert "수정할 수 없음: 열람자는 기록을 볼 수만 있습니다." in viewer.content.decode()
    editor = logged_in(seed_people["editor"]).get(reverse("schedule:detail", args=[event.pk]))
    assert "수정할 수 없음" not in editor.content.decode()
