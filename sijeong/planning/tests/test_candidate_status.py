"""Any department's 편집자 registers and edits its candidate visits (후보 방문), but only the
planner (일정 담당) and 관리자 decide on one — take it into the schedule (반영) or leave it out
(제외): one rule, by the page's form, the API and the back office alike, with a Korean message
by the field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.api.tokens import issue
from sijeong.core.models import Department
from sijeong.core.testing import logged_in
from sijeong.planning.models import VisitCandidate
from sijeong.planning.tests.test_records import visit
from sijeong.web.concurrency import fingerprint

DECIDED_BY = "일정 담당과 관리자만"


@pytest.fixture
def candidate(office: Any, department: Department) -> VisitCandidate:
    return visit(office, department, title="빗물펌프장 점검")


def form_of(record: VisitCandidate, **changes: str) -> dict[str, str]:
    """The page's form for `record` as posted, with `changes`."""
    return {
        "title": record.title,
        "place": record.place,
        "district": record.district,
        "duration_minutes": str(record.duration_minutes),
        "priority": str(record.priority),
        "earliest": record.earliest.isoformat(),
        "latest": record.latest.isoformat(),
        "preferred": record.preferred,
        "status": record.status,
        "fingerprint": fingerprint(record),
        "department": str(record.department_id),
        **changes,
    }


def edit_page(record: VisitCandidate) -> str:
    return reverse("web:edit", args=["visit-candidates", record.pk])


def api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue(user, 'test')[1]}"})


def patch(client: Client, record: VisitCandidate, body: dict[str, Any]) -> Any:
    url = f"/api/v1/visit-candidates/{record.pk}"
    etag = client.get(url)["ETag"]
    return client.patch(
        url, json.dumps(body), content_type="application/json", headers={"If-Match": etag}
    )


@pytest.mark.parametrize("status", ["accepted", "excluded"])
def test_an_editor_cannot_decide_on_a_candidate_on_the_page(
    bob: User, candidate: VisitCandidate, status: str
) -> None:
    response = logged_in(bob).post(edit_page(candidate), form_of(candidate, status=status))
    assert response.status_code == 200
    assert DECIDED_BY in " ".join(response.context["form"].errors["status"])
    candidate.refresh_from_db()
    assert candidate.status == VisitCandidate.Status.CANDIDATE


def test_an_editor_still_edits_and_registers_candidates_on_the_page(
    bob: User, candidate: VisitCandidate
) -> None:
    client = logged_in(bob)
    response = client.post(edit_page(candidate), form_of(candidate, title="배수펌프장 점검"))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.title == "배수펌프장 점검"
    new = form_of(candidate, title="침수 취약지역 점검")
    del new["fingerprint"]
    response = client.post(reverse("web:create", args=["visit-candidates"]), new)
    assert response.status_code == 302
    assert VisitCandidate.objects.get(title="침수 취약지역 점검").status == "candidate"


def test_an_editor_cannot_decide_on_a_candidate_through_the_api(
    bob: User, candidate: VisitCandidate
) -> None:
    answer = patch(api(bob), candidate, {"status": "accepted"})
    assert answer.status_code == 422
    assert DECIDED_BY in " ".join(answer.json()["errors"]["status"])
    body = {k: v for k, v in form_of(candidate).items() if k not in ("fingerprint", "department")}
    body |= {"status": "excluded", "department_id": candidate.department_id}
    made = api(bob).post(
        "/api/v1/visit-candidates/", json.dumps(body), content_type="application/json"
    )
    assert made.status_code == 422 and "status" in made.json()["errors"]
    assert patch(api(bob), candidate, {"title": "배수펌프장 점검"}).status_code == 200
    candidate.refresh_from_db()
    assert (candidate.status, candidate.title) == ("candidate", "배수펌프장 점검")


def test_the_planner_and_the_admin_decide(
    erin: User, alice: User, candidate: VisitCandidate
) -> None:
    response = logged_in(erin).post(edit_page(candidate), form_of(candidate, status="excluded"))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "excluded"
    assert patch(api(alice), candidate, {"status": "candidate"}).status_code == 200
    candidate.refresh_from_db()
    assert candidate.status == "candidate"


def test_in_the_back_office_the_status_is_read_only_for_an_editor(
    bob: User, alice: User, candidate: VisitCandidate
) -> None:
    url = reverse("admin:planning_visitcandidate_change", args=[candidate.pk])
    form = logged_in(bob).get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "status" in logged_in(alice).get(url).context["adminform"].form.fields
