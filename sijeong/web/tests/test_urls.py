"""Every page for every role: 관리자, 일정 담당, 편집자, 열람자 and the anonymous visitor.

The URLs are collected from the record types and the seed data, so a page added without
its role rules shows up here.
"""

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER, can_create, can_edit, can_plan
from sijeong.ingest.models import ImportedDocument
from sijeong.schedule.models import Event
from sijeong.web.records import GROUPS, TYPES


@pytest.fixture
def people(seed_people):
    """The seed office's people by role."""
    roles = {"admin": ADMIN, "planner": PLANNER, "editor": EDITOR, "viewer": VIEWER}
    return {roles[name]: user for name, user in seed_people.items()}


def urls(office):
    """(url, the record edited or the kind created, needs editing rights — or "plan", the
    visit planner's rule)"""
    event = Event.objects.filter(office=office).first()
    document = ImportedDocument.objects.create(
        office=office, filename="a.txt", format="text", content=b"x", sha256="0" * 64
    )
    found = [
        (reverse("home"), None, False),
        (reverse("schedule:calendar"), None, False),
        (reverse("schedule:calendar") + "?view=week", None, False),
        (reverse("schedule:list"), None, False),
        (reverse("schedule:list") + "?format=xlsx", None, False),
        (reverse("schedule:detail", args=[event.pk]), None, False),
        (reverse("schedule:create"), Event, True),
        (reverse("schedule:edit", args=[event.pk]), event, True),
        (reverse("programs:tree"), None, False),
        (reverse("programs:detail", args=[office.programs.first().pk]), None, False),
        (reverse("reports:list"), None, False),
        (reverse("reports:detail", args=["secretariat-2024-09"]), None, False),
        (reverse("reports:download", args=["secretariat-2024-09", "md"]), None, False),
        (reverse("ingest:list"), None, False),
        (reverse("ingest:upload"), None, True),
        (reverse("ingest:detail", args=[document.pk]), None, False),
        (reverse("planning:plan"), None, "plan"),
    ]
    found += [(reverse("web:section", args=[group]), None, False) for group in GROUPS]
    for record_type in TYPES:
        records = record_type.model._default_manager.filter(**{record_type.office_path: office})
        record = records.first()
        found.append((reverse("web:records", args=[record_type.slug]), None, False))
        found.append((reverse("web:records", args=[record_type.slug]) + "?format=csv", None, False))
        found.append((reverse("web:create", args=[record_type.slug]), record_type.model, True))
        if record is not None:
            found.append((reverse("web:record", args=[record_type.slug, record.pk]), None, False))
            found.append((reverse("web:edit", args=[record_type.slug, record.pk]), record, True))
    return found


def test_every_url_answers_every_role_as_its_rights_say(people, seeded):
    checked = 0
    for url, record, editing in urls(seeded):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            if editing == "plan":
                allowed = can_plan(user)
            elif not editing:
                allowed = True
            elif isinstance(record, type):
                allowed = can_create(user, record, seeded.pk)
            else:
                allowed = can_edit(user, record)
            status = client.get(url).status_code
            assert status == (200 if allowed else 403), (role, url, status)
            checked += 1
    assert checked > 150


def test_the_viewer_never_sees_an_edit_link(people, seeded):
    client = Client()
    client.force_login(people[VIEWER])
    for record_type in TYPES:
        page = client.get(reverse("web:records", args=[record_type.slug])).content.decode()
        assert "등록</a>" not in page, record_type.slug
