"""Anonymous visitors read the public data and nothing else, not even in a count."""

from __future__ import annotations

from typing import Any

from sijeong.api.kinds import KINDS


def test_an_internal_event_is_in_no_answer_and_no_count(world: Any) -> None:
    anonymous = world.callers["anonymous"]
    internal = world.internal_event
    listing = anonymous.get("/api/v1/events/", page_size=100).json()
    public_ids = set(world.office.events.filter(is_public=True).values_list("pk", flat=True))
    assert {e["id"] for e in listing["items"]} <= public_ids
    assert listing["count"] == len(listing["items"])
    public = world.office.events.filter(is_public=True).count()
    assert listing["count"] == public
    assert anonymous.get(f"/api/v1/events/{internal.pk}").status_code == 404
    # Staff see it.
    assert world.callers["viewer"].get(f"/api/v1/events/{internal.pk}").status_code == 200


def test_anonymous_visitors_read_finalised_reports_only(world: Any) -> None:
    anonymous = world.callers["anonymous"]
    listing = anonymous.get("/api/v1/reports/").json()
    assert listing["count"] == 1
    [report] = listing["items"]
    assert report["id"] == world.final_report.pk
    assert report["files"] == [{"format": "md", "sha256": "0" * 64, "size": 8}]
    assert "acknowledged" not in report and "finalised_by" not in report
    assert anonymous.get(f"/api/v1/reports/{world.draft_report.pk}").status_code == 404


def test_kinds_that_are_not_public_ask_for_a_token(world: Any) -> None:
    anonymous = world.callers["anonymous"]
    closed = [k for k in KINDS if k.public is None]
    assert {k.slug for k in KINDS if k.public is not None} == {
        "events", "reports", "programs", "indicators", "observations", "targets",
    }  # fmt: skip
    for kind in closed:
        answer = anonymous.get(f"/api/v1/{kind.slug}/")
        assert answer.status_code == 401, kind.slug
        assert "토큰" in answer.json()["detail"]


def test_anonymous_visitors_are_limited_per_address(world: Any, settings: Any) -> None:
    settings.SIJEONG_API_ANON_RATE = "3/m"
    anonymous = world.callers["anonymous"]
    answers = [anonymous.get("/api/v1/events/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = anonymous.get("/api/v1/programs/")
    assert refused.status_code == 429
    assert "요청이 너무 많습니다" in refused.json()["detail"]
    # A person with a token is not an anonymous visitor.
    assert world.callers["viewer"].get("/api/v1/events/").status_code == 200
