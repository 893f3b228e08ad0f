"""Every answer under /api/ is JSON with a Korean `detail`, whatever made it.

django-ninja answers what reaches its views; the rest is answered by Django in HTML or plain
text — an address or method no view takes (404, 405), a body too large (400), a server error
(500, with DEBUG on its traceback), a database out of reach (503). This middleware, ahead of
everything that could read the body, refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE by its
declared length before it is read (413), and turns any other answer of 400 or more that is
not JSON into the JSON a program expects, keeping its status and headers (Allow,
Retry-After). The pages for people under /api/ (the token page) keep their HTML pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .errors import not_allowed, status_detail, too_large

PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def _answer(status: int, detail: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail}, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_page_for_people(request: HttpRequest) -> bool:
    """An address under /api/ that is a page of the site (the token page), not the API."""
    match = request.resolver_match
    return match is not None and match.namespace != "api"


class JsonErrors:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        limit: int | None = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = _declared_length(request)
        if limit is not None and length > limit:
            return _answer(413, too_large(length, limit))
        response = self.get_response(request)
        if (
            response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
            or _is_page_for_people(request)
        ):
            return response
        if response.status_code == 405:
            detail = not_allowed(request.method or "", response.get("Allow", ""))
        else:
            detail = status_detail(response.status_code)
        answer = _answer(response.status_code, detail)
        for name in KEPT_HEADERS:
            if name in response:
                answer[name] = response[name]
        return answer
