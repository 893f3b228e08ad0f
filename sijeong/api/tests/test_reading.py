"""Lists: filters, `updated_since` by the records' history, and a query count that does not
grow with the page."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from sijeong.schedule.models import Event


def test_updated_since_lists_the_records_changed_since(world: Any) -> None:
    viewer = world.callers["viewer"]
    later = timezone.now() + datetime.timedelta(seconds=1)
    assert viewer.get("/api/v1/events/", updated_since=later.isoformat()).json()["count"] == 0
    event = Event.objects.filter(office=world.office).order_by("pk").first()
    assert event is not None
    admin = world.callers["admin"]
    etag = admin.get(f"/api/v1/events/{event.pk}")["ETag"]
    since = timezone.now()
    changed = admin.send("patch", f"/api/v1/events/{event.pk}", {"summary": "바뀜"},
                         **{"If-Match": etag})  # fmt: skip
    assert changed.status_code == 200, changed.content
    listing = viewer.get("/api/v1/events/", updated_since=since.isoformat()).json()
    assert [e["id"] for e in listing["items"]] == [event.pk]
    assert listing["count"] == 1


def test_filters_by_date_domain_kind_and_programme(world: Any) -> None:
    viewer = world.callers["viewer"]
    events = Event.objects.filter(office=world.office)
    day = events.order_by("date").first().date
    listing = viewer.get("/api/v1/events/", date_from=day, date_to=day, page_size=100).json()
    assert listing["count"] == events.filter(date=day).count()
    domain = events.exclude(domain=None).first().domain_id
    listing = viewer.get("/api/v1/events/", domain=domain, kind="ceremony", page_size=100).json()
    assert listing["count"] == events.filter(domain_id=domain, kind="ceremony").count()
    program = world.office.programs.filter(milestones__isnull=False).first()
    listing = viewer.get("/api/v1/milestones/", program=program.pk, page_size=100).json()
    assert {m["id"] for m in listing["items"]} == set(
        program.milestones.values_list("pk", flat=True)
    )


def test_a_page_costs_the_same_queries_at_any_size(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    viewer = world.callers["viewer"]
    viewer.get("/api/v1/agreements/")  # the token's first use is written once
    # Token, roles, count, page, its partners.
    with django_assert_max_num_queries(6):
        small = viewer.get("/api/v1/agreements/", page_size=1)
    with django_assert_max_num_queries(6):
        large = viewer.get("/api/v1/observations/", page_size=100)
    assert small.status_code == large.status_code == 200
    assert len(large.json()["items"]) > 20


def test_page_size_is_at_most_100(world: Any) -> None:
    answer = world.callers["viewer"].get("/api/v1/observations/", page_size=101)
    assert answer.status_code == 422
    assert answer.json()["errors"]["page_size"] == ["값이 너무 큽니다."]
