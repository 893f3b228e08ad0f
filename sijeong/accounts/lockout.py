"""Login throttling with django-axes: two locks, whose address a login comes from, and the
answer to a locked login — the login page again, saying until when.

A username is locked after LOGIN_FAILURE_LIMIT wrong passwords from any address, so that
rotating addresses buys no guesses; an address is locked for every username after
LOGIN_ADDRESS_FAILURE_LIMIT failures, so that one client cannot try one password on many
usernames. The address limit is far higher because a whole office signs in through one
address (a NAT): its people's typos must not lock it out. Axes counts with one limit only,
so the two live in our handler (AXES_HANDLER), as its maintainers suggest
(jazzband/django-axes#661).
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sijeong.core.formatting import format_date


def client_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a login came from.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it was
    reached from to X-Forwarded-For, the client is that many entries from the right: what a
    client writes into the header itself stands further left and is never believed. Without
    proxies, or with a shorter header than the proxies would write, it is REMOTE_ADDR.
    """
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        chain = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR")


def failures(request: HttpRequest, credentials: dict[str, Any] | None) -> tuple[int, int]:
    """The failures of the last cool-off period: for the username asked (from any address) and
    from the request's address (for any username)."""
    recent = AccessAttempt.objects.all()
    if get_cool_off(request) is not None:  # else a lock lasts until someone lifts it
        recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
    by_username = recent.filter(username=get_client_username(request, credentials))
    by_address = recent.filter(ip_address=request.axes_ip_address)  # type: ignore[attr-defined]
    return tuple(  # type: ignore[return-value]
        q.aggregate(n=Sum("failures_since_start"))["n"] or 0 for q in (by_username, by_address)
    )


def address_locked(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    return failures(request, credentials)[1] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the address (AXES_HANDLER)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """What axes compares with the username's limit (AXES_FAILURE_LIMIT): the username's
        failures, or — once the address has reached its own limit — that limit itself."""
        by_username, by_address = failures(request, credentials)
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_username, get_failure_limit(request, credentials))
        return by_username

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """On a successful login (AXES_RESET_ON_SUCCESS): forgive the person's own mistakes
        made from where they signed in — never guesses at their username from elsewhere, nor
        at other usernames from here (which axes would, per lockout parameter, and so let
        anyone with an account wipe the count of the username they are guessing)."""
        attempts = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        )
        count, _ = attempts.delete()
        return count


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: for the pages' login and the back office's alike."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_out": lockout_message(request, credentials),
    }
    return render(request, "registration/login.html", context, status=429)


def lockout_message(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Which lock holds and until when. A username is locked whether or not anyone has it,
    and the words are the same: the message tells nobody whether a username exists."""
    if address_locked(request, credentials):
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        what = f"이 주소에서 로그인에 {limit}번 실패하여 이 주소의 로그인을"
    else:
        limit = get_failure_limit(request, credentials)
        what = f"비밀번호를 {limit}번 잘못 입력하여 이 아이디의 로그인을"
    wait = get_cool_off(request)
    if wait is None:  # locked until someone lifts it
        return f"{what} 잠갔습니다. 관리자에게 잠금을 풀어 달라고 요청해 주세요."
    # Every attempt while locked starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_...).
    attempted = getattr(request, "axes_attempt_time", None) or timezone.now()
    until = timezone.localtime(attempted + wait)
    return (
        f"{what} {_minutes(wait)} 동안 잠갔습니다. {_moment(until)} 이후에 다시 시도해 "
        "주세요. 그 전에 다시 시도하면 기다리는 시간이 처음부터 다시 시작됩니다. "
        "급하면 관리자에게 잠금을 풀어 달라고 요청해 주세요."
    )


def _minutes(wait: datetime.timedelta) -> str:
    minutes = max(1, round(wait.total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}시간 {rest}분"
    return f"{hours}시간" if hours else f"{minutes}분"


def _moment(when: datetime.datetime) -> str:
    today = timezone.localdate()
    time = f"{when:%H:%M}"
    return time if when.date() == today else f"{format_date(when.date())} {time}"
