"""Login throttling with django-axes: whose address a login comes from, and the answer to a
locked login — the login page again, saying until when."""

from __future__ import annotations

import datetime
from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
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
    limit = get_failure_limit(request, credentials)
    wait = get_cool_off(request)
    if wait is None:  # locked until someone lifts it
        return (
            f"비밀번호를 {limit}번 잘못 입력하여 이 아이디의 로그인을 잠갔습니다. "
            "관리자에게 잠금을 풀어 달라고 요청해 주세요."
        )
    # Every attempt while locked starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_...).
    attempted = getattr(request, "axes_attempt_time", None) or timezone.now()
    until = timezone.localtime(attempted + wait)
    return (
        f"비밀번호를 {limit}번 잘못 입력하여 이 아이디의 로그인을 {_minutes(wait)} 동안 "
        f"잠갔습니다. {_moment(until)} 이후에 다시 시도해 주세요. 그 전에 다시 시도하면 "
        "기다리는 시간이 처음부터 다시 시작됩니다. "
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
