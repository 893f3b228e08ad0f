"""Publishing is an act: a new event is private on every door, and 공개하기 / 비공개로 돌리기 on
the event's page is recorded in its history with who did it, when and why."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sijeong.api.tokens import issue
from sijeong.core.testing import logged_in
from sijeong.schedule.actions import (
    DEFAULT_PRIVACY_REASONS,
    PublicityError,
    add_default_privacy_reasons,
    set_publicity,
)
from sijeong.schedule.models import Event, PrivacyReason


@pytest.fixture
def reasons(office):
    return {r.text: r for r in add_default_privacy_reasons(office)}


@pytest.fixture
def event(office, department):
    return Event.objects.create(
        office=office,
        department=department,
        title="폭염대비 현장점검",
        kind=Event.Kind.FIELD_VISIT,
        date=datetime.date(2024, 8, 6),
        start_time=datetime.time(11, 10),
        place="서울역",
    )


def publicity(client, event, **data):
    return client.post(reverse("schedule:publicity", args=[event.pk]), data)


def test_the_form_offers_no_public_tick_and_a_new_event_from_it_is_private(bob):
    client = logged_in(bob)
    page = client.get(reverse("schedule:create")).content.decode()
    assert not re.search(r'<input[^>]*name="is_public"[^>]*checked', page)
    assert "새 일정은 비공개로 저장됩니다" in page
    response = client.post(
        reverse("schedule:create"),
        {
            "title": "편집자 시험 일정",
            "kind": "meeting",
            "date": "2024-08-06",
            "place": "본관",
            "status": "planned",
            "attendance": "in_person",
            # A tick sent anyway (an old form in a browser tab) does not publish.
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert not Event.objects.get(title="편집자 시험 일정").is_public


def test_a_new_event_from_the_api_is_private(alice, department):
    token = issue(alice, "test")[1]
    response = Client().post(
        "/api/v1/events/",
        json.dumps(
            {
                "title": "API 시험 일정",
                "kind": "meeting",
                "date": "2024-08-06",
                "place": "본관",
                "department_id": department.pk,
            }
        ),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.json()["is_public"] is False
    assert not Event.objects.get(title="API 시험 일정").is_public


def test_a_new_event_made_anywhere_else_is_private(office, department):
    made = Event.objects.create(
        office=office, department=department, title="가", kind="meeting",
        date=datetime.date(2024, 8, 6), place="본관",
    )  # fmt: skip
    assert not made.is_public and made.privacy_reason is None


def test_publishing_from_the_page_records_who_and_when(bob, event, reasons):
    response = publicity(logged_in(bob), event, action="publish")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_public
    latest = event.history.latest()
    assert latest.history_user == bob and latest.history_change_reason == "공개"
    page = logged_in(bob).get(reverse("schedule:detail", args=[event.pk])).content.decode()
    when = timezone.localtime(latest.history_date)
    row = page[page.index("공개 이력") :].replace("\n", "")
    assert f"<td>{when:%Y. %-m. %-d. %H:%M}</td><td>bob</td><td>공개</td>" in row
    assert "<strong>공개 일정</strong>" in page


def test_unpublishing_asks_for_the_reason_and_keeps_it(bob, event, reasons):
    set_publicity(event, bob, public=True)
    client = logged_in(bob)
    refused = publicity(client, event, action="private")
    assert refused.status_code == 400
    assert "비공개 사유를 골라 주세요." in refused.content.decode()
    event.refresh_from_db()
    assert event.is_public

    reason = reasons["경호·안전상 사유"]
    assert publicity(client, event, action="private", reason=reason.pk).status_code == 302
    event.refresh_from_db()
    assert not event.is_public and event.privacy_reason == reason
    latest = event.history.latest()
    assert latest.history_user == bob
    assert latest.history_change_reason == "비공개로 전환 (사유: 경호·안전상 사유)"
    page = client.get(reverse("schedule:detail", args=[event.pk])).content.decode()
    assert "비공개로 전환 (사유: 경호·안전상 사유)" in page.replace("</td>", "")
    # The reason kept is the one the page offers, so that saving again changes nothing.
    assert re.search(rf'<option value="{reason.pk}" selected>경호·안전상 사유</option>', page)


def test_a_private_event_gets_its_reason_and_publishing_clears_it(bob, event, reasons):
    event, changed = set_publicity(event, bob, public=False, reason=reasons["내부 회의"])
    assert changed and event.privacy_reason.text == "내부 회의"
    assert event.history.latest().history_change_reason == "비공개 사유 지정 (사유: 내부 회의)"
    event, changed = set_publicity(event, bob, public=True)
    assert changed and event.is_public and event.privacy_reason is None
    _, again = set_publicity(event, bob, public=True)
    assert not again and event.history.count() == 3


def test_an_office_without_a_list_can_still_take_an_event_off_at_once(bob, event):
    set_publicity(event, bob, public=True)
    event, changed = set_publicity(event, bob, public=False)
    assert changed and not event.is_public and event.privacy_reason is None


def test_a_reason_of_another_office_is_refused(bob, event, next_door_people):
    theirs = add_default_privacy_reasons(next_door_people["admin"].department.office)[0]
    with pytest.raises(PublicityError, match="다른 기관의 비공개 사유입니다"):
        set_publicity(event, bob, public=False, reason=theirs)
    response = publicity(logged_in(bob), event, action="private", reason=theirs.pk)
    assert response.status_code == 400
    assert "이 기관의 비공개 사유 목록에서 골라 주세요." in response.content.decode()


def test_a_public_event_carries_no_reason_on_any_door(event, reasons):
    event.is_public, event.privacy_reason = True, reasons["개인 일정"]
    with pytest.raises(ValidationError, match="공개 일정에는 비공개 사유를 두지 않습니다"):
        event.full_clean()


@pytest.mark.parametrize("name,status", [("dave", 403), ("carol", 403), ("erin", 302)])
def test_who_may_edit_the_event_may_publish_it(request, event, reasons, name, status):
    user = request.getfixturevalue(name)
    response = publicity(logged_in(user), event, action="publish")
    assert response.status_code == status
    event.refresh_from_db()
    assert event.is_public == (status == 302)


def test_the_office_next_door_cannot_find_the_event(event, next_door_people):
    response = publicity(logged_in(next_door_people["admin"]), event, action="publish")
    assert response.status_code == 404


def test_the_viewer_sees_the_publicity_but_no_buttons(dave, event):
    page = logged_in(dave).get(reverse("schedule:detail", args=[event.pk])).content.decode()
    assert "<strong>비공개 일정</strong>" in page and "공개하기</button>" not in page


def test_publishing_is_a_post(bob, event):
    response = logged_in(bob).get(reverse("schedule:publicity", args=[event.pk]))
    assert response.status_code == 405


def test_an_unknown_action_is_a_korean_400(bob, event):
    response = publicity(logged_in(bob), event, action="delete")
    assert response.status_code == 400
    assert "공개하기 또는 비공개로 돌리기" in response.content.decode()


def test_the_default_list_is_given_once(office):
    assert [r.text for r in add_default_privacy_reasons(office)] == list(DEFAULT_PRIVACY_REASONS)
    PrivacyReason.objects.filter(office=office, text="개인 일정").delete()
    assert add_default_privacy_reasons(office) == []
    assert PrivacyReason.objects.filter(office=office).count() == 4


def test_the_reasons_are_the_admins_to_keep(alice, bob, office, reasons):
    url = reverse("web:create", args=["privacy-reasons"])
    assert logged_in(bob).get(url).status_code == 403
    response = logged_in(alice).post(url, {"text": "외교상 사유", "order": 6})
    assert response.status_code == 302
    assert PrivacyReason.objects.filter(office=office, text="외교상 사유").exists()


def test_a_reason_in_use_is_kept(bob, event, reasons):
    set_publicity(event, bob, public=False, reason=reasons["내부 회의"])
    with pytest.raises(RestrictedError):
        reasons["내부 회의"].delete()
