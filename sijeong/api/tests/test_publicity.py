"""The API's door to publishing: `POST /api/v1/events/{id}/publicity`, under the pages' rights,
recorded in the event's history like 공개하기 on its page; the event's own fields take none."""

import datetime
import json

import pytest
from django.test import Client

from sijeong.api.tokens import issue
from sijeong.schedule.actions import add_default_privacy_reasons
from sijeong.schedule.models import Event


@pytest.fixture
def event(office, department):
    return Event.objects.create(
        office=office, department=department, title="폭염대비 현장점검", kind="field_visit",
        date=datetime.date(2024, 8, 6), place="서울역",
    )  # fmt: skip


def send(user, path, body, method="post", **headers):
    auth = {"Authorization": f"Bearer {issue(user, 'test')[1]}"} if user else {}
    return getattr(Client(), method)(
        path, json.dumps(body), content_type="application/json", headers={**auth, **headers}
    )


def url(event):
    return f"/api/v1/events/{event.pk}/publicity"


def test_publishing_through_the_api_is_recorded_with_its_holder(bob, event):
    response = send(bob, url(event), {"is_public": True})
    assert response.status_code == 200, response.json()
    assert response.json()["is_public"] is True and response["ETag"]
    latest = event.history.latest()
    assert latest.history_user == bob and latest.history_change_reason == "공개"


def test_keeping_an_event_private_takes_a_reason_of_the_office(bob, event, next_door_people):
    reason = add_default_privacy_reasons(event.office)[1]
    theirs = add_default_privacy_reasons(next_door_people["admin"].department.office)[1]
    send(bob, url(event), {"is_public": True})
    missing = send(bob, url(event), {"is_public": False})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"privacy_reason_id": ["비공개 사유를 골라 주세요."]}
    other = send(bob, url(event), {"is_public": False, "privacy_reason_id": theirs.pk})
    assert other.status_code == 422
    both = send(bob, url(event), {"is_public": True, "privacy_reason_id": reason.pk})
    assert both.status_code == 422
    done = send(bob, url(event), {"is_public": False, "privacy_reason_id": reason.pk})
    assert done.status_code == 200
    assert (done.json()["is_public"], done.json()["privacy_reason"]) == (False, reason.pk)
    assert event.history.latest().history_change_reason == "비공개로 전환 (사유: 내부 회의)"


def test_the_api_publishes_only_what_the_caller_may_edit(carol, dave, event, next_door_people):
    assert send(carol, url(event), {"is_public": True}).status_code == 403
    assert send(dave, url(event), {"is_public": True}).status_code == 403
    assert send(next_door_people["admin"], url(event), {"is_public": True}).status_code == 404
    assert send(None, url(event), {"is_public": True}).status_code == 401
    event.refresh_from_db()
    assert not event.is_public


def test_a_write_of_the_event_does_not_publish_it(bob, event):
    read = Client().get(
        f"/api/v1/events/{event.pk}",
        headers={"Authorization": f"Bearer {issue(bob, 'test')[1]}"},
    )
    response = send(
        bob, f"/api/v1/events/{event.pk}", {"is_public": True, "place": "서울역 광장"},
        method="patch", **{"If-Match": read["ETag"]},
    )  # fmt: skip
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.place == "서울역 광장" and not event.is_public
