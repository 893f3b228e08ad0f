"""Guessing passwords: after a few wrong ones a login is locked for a while, in Korean."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.core.testing import PASSWORD

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")


def log_in(client: Client, username: str, password: str, url: str = LOGIN):
    return client.post(url, {"username": username, "password": password})


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def guess(client: Client, username: str, times: int, url: str = LOGIN) -> None:
    for i in range(times):
        log_in(client, username, f"wrong-{i}", url)


def test_the_right_password_after_a_few_wrong_ones_logs_in(bob: User) -> None:
    client = Client()
    guess(client, "bob", 4)
    assert log_in(client, "bob", PASSWORD).status_code == 302 and is_logged_in(client)


def test_after_forty_wrong_passwords_the_right_one_is_refused_in_korean(bob: User) -> None:
    client = Client()
    guess(client, "bob", 40)
    response = log_in(client, "bob", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429 and not is_logged_in(client)
    assert "로그인을 15분 동안 잠갔습니다" in page and "이후에 다시 시도해 주세요" in page
    assert "관리자에게 잠금을 풀어 달라고 요청해 주세요" in page
    assert '<form method="post">' in page  # still the login page, with its navigation


def test_the_back_offices_login_is_locked_too(bob: User) -> None:
    client = Client()
    guess(client, "bob", 5, ADMIN_LOGIN)
    response = log_in(client, "bob", PASSWORD, ADMIN_LOGIN)
    assert response.status_code == 429 and not is_logged_in(client)
    assert log_in(Client(), "bob", PASSWORD).status_code == 429  # and the pages' login


def test_a_lock_on_one_user_leaves_the_others_alone(bob: User, carol: User) -> None:
    client = Client()
    guess(client, "bob", 5)
    assert log_in(client, "carol", PASSWORD).status_code == 302 and is_logged_in(client)


def test_axes_reset_lifts_the_lock(bob: User) -> None:
    client = Client()
    guess(client, "bob", 5)
    call_command("axes_reset_username", "bob", stdout=StringIO())
    assert log_in(client, "bob", PASSWORD).status_code == 302


def test_the_limit_and_the_wait_come_from_the_settings(bob: User, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=1)
    client = Client()
    guess(client, "bob", 2)
    response = log_in(client, "bob", PASSWORD)
    assert response.status_code == 429 and "로그인을 1분 동안" in response.content.decode()


def test_behind_a_proxy_each_client_is_locked_alone(bob: User, settings) -> None:
    """Through one reverse proxy every login comes from the proxy's address; the lock must
    still fall on the client who guessed, not on everyone behind the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    guesser = Client(HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    guess(guesser, "bob", 5)
    assert log_in(guesser, "bob", PASSWORD).status_code == 429
    # A client cannot slip out of the lock by writing its own header: the proxy appends.
    spoofing = Client(HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5", **proxy)
    assert log_in(spoofing, "bob", PASSWORD).status_code == 429
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert log_in(colleague, "bob", PASSWORD).status_code == 302 and is_logged_in(colleague)
