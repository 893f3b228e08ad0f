"""A stale write is refused as on the pages: ETag on every read, If-Match on every write."""

from __future__ import annotations

from typing import Any

from sijeong.press.models import MediaEngagement


def _media(world: Any) -> MediaEngagement:
    media = MediaEngagement.objects.filter(office=world.office).order_by("pk").first()
    assert media is not None
    return media


def test_a_write_without_if_match_is_refused_with_428(world: Any) -> None:
    media = _media(world)
    admin = world.callers["admin"]
    answer = admin.send("patch", f"/api/v1/media/{media.pk}", {"title": "새 제목"})
    assert answer.status_code == 428
    assert "If-Match" in answer.json()["detail"]
    assert admin.send("delete", f"/api/v1/media/{media.pk}").status_code == 428


def test_the_later_of_two_writes_is_refused_with_412(world: Any) -> None:
    media = _media(world)
    admin, editor = world.callers["admin"], world.callers["editor"]
    read = admin.get(f"/api/v1/media/{media.pk}")["ETag"]
    assert editor.get(f"/api/v1/media/{media.pk}")["ETag"] == read

    first = editor.send(
        "patch", f"/api/v1/media/{media.pk}", {"title": "먼저"}, **{"If-Match": read}
    )
    assert first.status_code == 200
    assert first["ETag"] != read
    assert first.json()["title"] == "먼저"

    second = admin.send(
        "patch", f"/api/v1/media/{media.pk}", {"title": "나중"}, **{"If-Match": read}
    )
    assert second.status_code == 412
    assert second["ETag"] == first["ETag"]
    media.refresh_from_db()
    assert media.title == "먼저"
    stale_delete = admin.send("delete", f"/api/v1/media/{media.pk}", **{"If-Match": read})
    assert stale_delete.status_code == 412

    again = admin.send(
        "patch", f"/api/v1/media/{media.pk}", {"title": "나중"}, **{"If-Match": second["ETag"]}
    )
    assert again.status_code == 200


def test_invalid_input_is_422_with_korean_messages_and_nothing_written(world: Any) -> None:
    media = _media(world)
    admin = world.callers["admin"]
    etag = admin.get(f"/api/v1/media/{media.pk}")["ETag"]
    answer = admin.send(
        "patch", f"/api/v1/media/{media.pk}", {"title": "", "date": "어제"}, **{"If-Match": etag}
    )
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert errors["date"] == ["날짜는 2024-08-31처럼 적어 주세요."]
    answer = admin.send("patch", f"/api/v1/media/{media.pk}", {"title": ""}, **{"If-Match": etag})
    assert answer.status_code == 422
    assert "필수" in answer.json()["errors"]["title"][0]
    assert MediaEngagement.objects.get(pk=media.pk).title == media.title


def test_related_records_come_only_from_the_callers_office(world: Any) -> None:
    """A next-door 관리자 cannot file a session under this office's series."""
    from sijeong.relations.models import MeetingSeries

    series = MeetingSeries.objects.filter(office=world.office).first()
    assert series is not None
    answer = world.callers["next-door-admin"].send(
        "post", "/api/v1/meeting-sessions/",
        {"series_id": series.pk, "date": "2024-08-01", "agenda": "안건", "attendance": "proxy"},
    )  # fmt: skip
    assert answer.status_code == 422
    assert "series_id" in answer.json()["errors"]


def test_an_editors_record_is_their_departments(world: Any) -> None:
    editor = world.callers["other-editor"]
    answer = editor.send(
        "post", "/api/v1/media/",
        {"kind": "briefing", "date": "2024-08-01", "title": "브리핑",
         "department_id": world.department.pk},
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    assert answer.json()["department"] == editor.user.department_id
    assert answer["ETag"]
