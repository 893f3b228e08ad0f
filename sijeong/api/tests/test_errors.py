"""Every answer of the API is JSON with a Korean `detail` — a body that cannot be read, one
too large (refused before it is read), invalid input, an unknown address or method, a server
error — with DEBUG on as off, and never a traceback."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from sijeong.api.tokens import issue

HANGUL = re.compile(r"[\uac00-\ud7a3]")
EVENTS = "/api/v1/events/"


@pytest.fixture(params=[True, False], ids=["DEBUG", "production"])
def debug(request: Any, settings: Any) -> bool:
    settings.DEBUG = request.param
    return bool(request.param)


@pytest.fixture
def client(alice: Any) -> Client:
    token = issue(alice, "test")[1]
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})


def korean_json(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body: dict[str, Any] = json.loads(response.content)
    assert HANGUL.search(body["detail"]), body
    assert "Traceback" not in response.content.decode()
    return body


def test_a_body_that_is_not_json_is_a_korean_400(debug: bool, client: Client) -> None:
    korean_json(client.post(EVENTS, "{not json", content_type="application/json"), 400)


def test_a_body_of_another_content_type_is_a_korean_400(debug: bool, client: Client) -> None:
    body = korean_json(client.post(EVENTS, "title=x", content_type="text/plain"), 400)
    assert "application/json" in body["detail"]


def test_a_body_over_the_limit_is_a_korean_413_before_it_is_read(
    debug: bool, client: Client, settings: Any
) -> None:
    too_big = json.dumps({"title": "x" * (3 * 1024 * 1024)})
    body = korean_json(client.post(EVENTS, too_big, content_type="application/json"), 413)
    assert "MB" in body["detail"]
    # Declared a gigabyte, sent two bytes: reading the body would fail the test client.
    declared = client.post(EVENTS, "{}", content_type="application/json", CONTENT_LENGTH=str(10**9))
    korean_json(declared, 413)


def test_invalid_input_is_a_korean_422_by_field(debug: bool, client: Client) -> None:
    body = korean_json(client.post(EVENTS, "{}", content_type="application/json"), 422)
    assert body["errors"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/events/", "/api/"])
def test_an_unknown_address_is_a_korean_404(debug: bool, client: Client, path: str) -> None:
    korean_json(client.get(path), 404)


def test_a_record_that_is_not_there_is_a_korean_404(debug: bool, client: Client) -> None:
    korean_json(client.get(f"{EVENTS}999999"), 404)


def test_an_unknown_method_is_a_korean_405_saying_which_are_taken(
    debug: bool, client: Client
) -> None:
    response = client.put(EVENTS, "{}", content_type="application/json")
    body = korean_json(response, 405)
    assert "PUT" in body["detail"] and "POST" in body["detail"]
    assert "POST" in response["Allow"]


def test_a_server_error_is_a_korean_500_without_its_traceback(
    debug: bool, client: Client, monkeypatch: Any
) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("쾅 secret-detail")

    monkeypatch.setattr("sijeong.api.endpoints.readable", fail)
    response = client.get(EVENTS)
    korean_json(response, 500)
    assert "secret-detail" not in response.content.decode()


def test_a_database_out_of_reach_is_a_korean_503(client: Client, monkeypatch: Any) -> None:
    def gone(*args: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr("sijeong.api.endpoints.readable", gone)
    response = client.get(EVENTS)
    korean_json(response, 503)
    assert response["Retry-After"]


def test_the_token_page_for_people_keeps_its_html_pages(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/api/v1/tokens/manage/", {"label": "x"})
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("application/json")
