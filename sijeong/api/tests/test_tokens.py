"""Personal access tokens: kept as a hash, shown once, revocable, and refused once revoked."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from sijeong.api.models import ApiToken
from sijeong.api.tokens import digest, issue
from sijeong.core.testing import logged_in


def test_only_the_hash_is_kept(world: Any) -> None:
    token, raw = issue(world.callers["editor"].user, "연동")
    assert raw.startswith("sj_")
    assert token.token_hash == digest(raw)
    assert raw not in {t.token_hash for t in ApiToken.objects.all()}


def test_a_revoked_or_unknown_token_is_refused_with_401(world: Any) -> None:
    editor = world.callers["editor"]
    assert editor.get("/api/v1/media/").status_code == 200
    ApiToken.objects.filter(user=editor.user).update(revoked_at=timezone.now())
    answer = editor.get("/api/v1/media/")
    assert answer.status_code == 401
    assert "폐기" in answer.json()["detail"]
    # Not even public data: a program with a revoked token must learn so.
    assert editor.get("/api/v1/events/").status_code == 401
    editor.token = "sj_not-a-token"
    assert editor.get("/api/v1/events/").status_code == 401


def test_writes_need_a_token_even_for_a_signed_in_session(world: Any) -> None:
    client = logged_in(world.callers["admin"].user)
    assert client.get("/api/v1/media/").status_code == 200
    answer = client.post("/api/v1/media/", {}, content_type="application/json")
    assert answer.status_code == 401
    assert "토큰" in answer.json()["detail"]


def test_last_used_is_written_at_most_once_a_minute(world: Any) -> None:
    viewer = world.callers["viewer"]
    viewer.get("/api/v1/media/")
    token = ApiToken.objects.get(user=viewer.user)
    first = token.last_used
    assert first is not None
    viewer.get("/api/v1/media/")
    token.refresh_from_db()
    assert token.last_used == first
    ApiToken.objects.filter(pk=token.pk).update(last_used=first - datetime.timedelta(minutes=2))
    viewer.get("/api/v1/media/")
    token.refresh_from_db()
    assert token.last_used > first - datetime.timedelta(minutes=2)


def test_a_person_makes_and_revokes_tokens_from_the_session(world: Any) -> None:
    client = logged_in(world.callers["editor"].user)
    made = client.post("/api/v1/tokens/", {"label": "일정 연동"}, content_type="application/json")
    assert made.status_code == 201
    raw = made.json()["token"]
    listing = client.get("/api/v1/tokens/").json()
    assert "token" not in listing[0]
    assert (
        client.get("/api/v1/media/", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    )
    assert client.delete(f"/api/v1/tokens/{made.json()['id']}").status_code == 204
    answer = client.get("/api/v1/media/", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 401
    # Someone else's token is not found.
    other = ApiToken.objects.exclude(user=world.callers["editor"].user).first()
    assert client.delete(f"/api/v1/tokens/{other.pk}").status_code == 404


def test_the_token_page_shows_a_new_token_once(world: Any) -> None:
    client = logged_in(world.callers["planner"].user)
    page = client.get("/api/v1/tokens/manage/")
    assert page.status_code == 200
    assert "개인 접근 토큰" in page.content.decode()
    made = client.post("/api/v1/tokens/manage/", {"label": "기획 도구"})
    assert made.status_code == 200
    token = ApiToken.objects.get(user=world.callers["planner"].user, label="기획 도구")
    shown = made.content.decode()
    assert "sj_" in shown and token.token_hash not in shown
    client.post("/api/v1/tokens/manage/", {"revoke": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "sj_" not in client.get("/api/v1/tokens/manage/").content.decode()


def test_the_token_page_asks_for_a_login(db: None) -> None:
    from django.test import Client

    assert Client().get("/api/v1/tokens/manage/").status_code == 302
