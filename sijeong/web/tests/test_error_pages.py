"""With DEBUG off, errors are answered with Korean pages that keep the site's navigation."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from sijeong.core.testing import logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_debug")]


@pytest.fixture
def no_debug():
    with override_settings(DEBUG=False):
        yield


def text(response) -> str:
    return response.content.decode()


def test_a_missing_page_is_a_korean_404_with_the_menu(seed_people):
    response = logged_in(seed_people["viewer"]).get("/schedule/99999999/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in text(response)
    assert 'aria-label="주 메뉴"' in text(response)
    assert "Not Found" not in text(response)


def test_a_refusal_is_a_korean_403_naming_the_roles(seed_people):
    response = logged_in(seed_people["viewer"]).get(reverse("ingest:upload"))
    assert response.status_code == 403
    page = text(response)
    assert "권한이 없습니다" in page and "편집자" in page and "지금 역할: 열람자" in page
    assert 'aria-label="주 메뉴"' in page
    assert "Forbidden" not in page


def test_a_failed_csrf_check_is_a_korean_403(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert "보안 확인(CSRF)에 실패해" in text(response)


def test_a_bad_request_from_django_itself_is_a_korean_400_without_its_english_reason(db):
    response = Client().get(reverse("login"), HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "잘못된 요청입니다" in text(response)
    assert "ALLOWED_HOSTS" not in text(response)


def test_a_server_error_is_a_korean_500_that_needs_nothing(seed_people, monkeypatch):
    def fail(*args: object) -> None:
        raise RuntimeError("쾅")

    monkeypatch.setattr("sijeong.web.views.year_elapsed", fail)
    client = logged_in(seed_people["viewer"])
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    assert response.status_code == 500
    page = text(response)
    assert "서버에 문제가 생겼습니다" in page and 'href="/"' in page
    assert "쾅" not in page and "Server Error" not in page
