"""An anonymous caller reads of each public record exactly what the public pages and the
open-data files show of it — an allowlist, so that a field a model gains later stays private —
and the document says which."""

from __future__ import annotations

from typing import Any

import pytest

from sijeong.api.kinds import BY_SLUG, PUBLIC, PUBLIC_FIELDS
from sijeong.public.views import SCHEDULE_FIELDS

# The API's name of each column of the open-data schedule (public.views.SCHEDULE_FIELDS);
# the public schedule page shows a subset of them (time, title, place, district, domain,
# cancelled), and the office whose schedule it is.
SCHEDULE_COLUMNS = {
    "날짜": "date",
    "시작": "start_time",
    "종료": "end_time",
    "시각 표기": "time_text",
    "일정명": "title",
    "종류": "kind",
    "분야": "domain_name",
    "장소": "place",
    "자치구": "district",
    "상태": "status",
    "식별자": "id",
}

SHOWN = {
    # The schedule's columns, the office, and the domain's key (`?domain=` filters by it).
    "events": {*SCHEDULE_COLUMNS.values(), "office", "domain"},
    # The public reports page: title (issued), as-of and finalised dates, the frozen files and
    # their addresses (by slug).
    "reports": {"id", "office", "slug", "title", "issued", "as_of", "finalised_at", "files"},
    # The public programmes page and the indicators' CSV: programme, indicator and unit, the
    # latest figure with its date and breakdown, the target with its due date, the status.
    "programs": {"id", "office", "title"},
    "indicators": {"id", "office", "subject_id", "name", "unit", "progress"},
    "observations": {"id", "indicator", "as_of", "value", "dimension_values"},
    "targets": {"id", "indicator", "due", "value", "dimension_values"},
}


def test_every_column_of_the_open_schedule_has_its_field() -> None:
    assert {name for name, _, _ in SCHEDULE_FIELDS} == set(SCHEDULE_COLUMNS)


def test_every_public_kind_names_its_fields() -> None:
    assert set(PUBLIC_FIELDS) == set(PUBLIC) == set(SHOWN)


@pytest.mark.parametrize("slug", sorted(SHOWN))
def test_an_anonymous_caller_reads_exactly_what_the_public_pages_show(
    world: Any, slug: str
) -> None:
    anonymous = world.callers["anonymous"]
    listing = anonymous.get(f"/api/v1/{slug}/", page_size=100).json()
    assert listing["items"], slug
    assert {frozenset(item) for item in listing["items"]} == {frozenset(SHOWN[slug])}
    one = anonymous.get(f"/api/v1/{slug}/{listing['items'][0]['id']}")
    assert set(one.json()) == SHOWN[slug]
    # An ETag serves writes; it would also tell when a private field changed.
    assert "ETag" not in one


def test_staff_read_the_whole_record(world: Any) -> None:
    event = world.callers["viewer"].get("/api/v1/events/").json()["items"][0]
    assert {"summary", "department", "source", "is_public", "updated_at"} <= set(event)


def test_the_document_says_what_an_anonymous_caller_reads(world: Any) -> None:
    document = world.callers["anonymous"].get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    for slug, fields in PUBLIC_FIELDS.items():
        name = f"{BY_SLUG[slug].model.__name__}PublicOut"
        assert set(schemas[name]["properties"]) == set(fields), slug
        assert schemas[name]["additionalProperties"] is False
        assert f"`{slug}`" in document["info"]["description"]
