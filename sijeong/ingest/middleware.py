"""The request-size cap: a body larger than REQUEST_MAX_BYTES is refused before it is read.

The import upload is the site's one large body. Django spools a multipart body as soon as
anything asks for request.POST — CSRF middleware does, before any view — so the cap has to
be a middleware ahead of it, reading only the declared Content-Length.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

MB = 1024 * 1024


class RequestSizeLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit: int = settings.REQUEST_MAX_BYTES
        if length > limit:
            return HttpResponse(
                f"요청이 너무 큽니다 ({length / MB:,.1f}MB). 한 번에 보낼 수 있는 크기는 "
                f"{limit / MB:,.0f}MB입니다. 보고서 파일은 "
                f"{(limit - MB) // MB}MB 이하로 올려 주세요.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
