"""Guessing passwords: after a few wrong ones a username is locked for a while from any
address, and after many from one address that address is, in Korean."""

from __future__ import annotations

import datetime
import re
from io import StringIO
from typing import Any

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


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def spray(client: Client, usernames: int) -> None:
    """One wrong password for each of `usernames` different usernames (most of them nobody's)."""
    for i in range(usernames):
        log_in(client, f"guess-{i}", "wrong")


def message(response: Any) -> str:
    found = re.search(r'<p class="errorlist" role="alert">([^<]*)</p>', response.content.decode())
    assert found is not None
    return found.group(1)


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


def test_five_wrong_passwords_lock_the_username_from_any_address(bob: User) -> None:
    """Rotating addresses gives no more guesses: the username is locked wherever from."""
    for n in range(5):
        guess(from_address(f"203.0.113.{n}"), "bob", 1)
    response = log_in(from_address("198.51.100.1"), "bob", PASSWORD)
    assert response.status_code == 429
    assert "이 아이디의 로그인을 15분 동안 잠갔습니다" in message(response)


def test_many_failures_from_one_address_lock_that_address(bob: User, carol: User) -> None:
    sprayer = from_address("203.0.113.9")
    spray(sprayer, 30)
    response = log_in(sprayer, "carol", PASSWORD)
    assert response.status_code == 429 and not is_logged_in(sprayer)
    assert "이 주소에서 로그인에 30번 실패하여" in message(response)
    assert log_in(from_address("198.51.100.1"), "carol", PASSWORD).status_code == 302


def test_an_office_behind_one_address_does_not_lock_itself_out_below_the_limit(
    bob: User,
) -> None:
    office = from_address("203.0.113.9")
    spray(office, 29)
    assert log_in(office, "bob", PASSWORD).status_code == 302 and is_logged_in(office)


def test_signing_in_forgives_only_ones_own_mistakes_made_there(bob: User, carol: User) -> None:
    """Bob's typos at his desk are forgiven when he signs in there; an attacker's guesses at
    his username from elsewhere still count, and an attacker signing in as themselves (carol)
    forgives nothing of bob's."""
    desk, attacker = from_address("198.51.100.1"), from_address("203.0.113.9")
    guess(desk, "bob", 2)
    guess(attacker, "bob", 2)
    assert log_in(desk, "bob", PASSWORD).status_code == 302
    assert log_in(attacker, "carol", PASSWORD).status_code == 302
    guess(attacker, "bob", 3)
    assert log_in(from_address("198.51.100.2"), "bob", PASSWORD).status_code == 429


def test_the_lock_says_the_same_for_a_username_that_does_not_exist(bob: User) -> None:
    guess(from_address("203.0.113.1"), "bob", 5)
    guess(from_address("203.0.113.2"), "nobody", 5)
    known = log_in(from_address("203.0.113.3"), "bob", "wrong")
    unknown = log_in(from_address("203.0.113.3"), "nobody", "wrong")
    assert known.status_code == unknown.status_code == 429
    assert message(known) == message(unknown)


def test_the_address_limit_comes_from_the_settings(bob: User, settings) -> None:
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    client = from_address("203.0.113.9")
    spray(client, 3)
    response = log_in(client, "bob", PASSWORD)
    assert response.status_code == 429 and "로그인에 3번 실패하여" in message(response)


def test_behind_a_proxy_an_address_lock_falls_on_the_client(
    bob: User, carol: User, settings
) -> None:
    """Through one reverse proxy every login comes from the proxy's address; the lock must
    still fall on the client who guessed, not on everyone behind the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    sprayer = Client(HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    spray(sprayer, 30)
    assert log_in(sprayer, "bob", PASSWORD).status_code == 429
    # A client cannot slip out of the lock by writing its own header: the proxy appends.
    spoofing = Client(HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5", **proxy)
    assert log_in(spoofing, "bob", PASSWORD).status_code == 429
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert log_in(colleague, "carol", PASSWORD).status_code == 302 and is_logged_in(colleague)


def test_axes_reset_ip_lifts_an_address_lock(bob: User) -> None:
    client = from_address("203.0.113.9")
    spray(client, 30)
    call_command("axes_reset_ip", "203.0.113.9", stdout=StringIO())
    assert log_in(client, "bob", PASSWORD).status_code == 302
