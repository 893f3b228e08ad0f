"""Who is calling: a person by their token, a signed-in person reading, or an anonymous
visitor (rate limited per address) who reads only the public data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from ninja.security import HttpBearer

from sijeong.accounts.lockout import client_address

from . import tokens
from .errors import BAD_TOKEN, TOO_MANY, ApiError

ANON_RATE_DEFAULT = "120/m"


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. A header that is there but wrong is refused, never
    taken for an anonymous visit: a program with a revoked token must learn so."""

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise ApiError(401, BAD_TOKEN, {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        return self.authenticate(request, raw)

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = tokens.holder(token)
        if user is None:
            raise ApiError(401, BAD_TOKEN, {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        # The history of what the token changes names its holder (simple_history reads
        # request.user), as it names the person on the pages.
        request.user = user
        return user


def reader(request: HttpRequest) -> Any:
    """The signed-in person of the session, else an anonymous visitor within the rate."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    rate = getattr(settings, "SIJEONG_API_ANON_RATE", ANON_RATE_DEFAULT)
    if is_ratelimited(
        request,
        group="sijeong.api.anonymous",
        key=lambda _group, req: client_address(req) or "",
        rate=rate,
        increment=True,
    ):
        raise ApiError(429, TOO_MANY, {"Retry-After": "60"})
    return AnonymousUser()


token_auth = TokenAuth()
# Reads: a token if one is sent, else the session or an anonymous visitor.
READ_AUTH = [token_auth, reader]
WRITE_AUTH = [token_auth]
