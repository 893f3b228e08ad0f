"""The API itself (`/api/v1/`): its record endpoints, its token endpoints, and its answers
to errors, every one with a Korean `detail`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import endpoints, token_views
from .errors import (
    INVALID,
    NOT_FOUND,
    TOKEN_REQUIRED,
    UNREADABLE,
    ApiError,
    field_errors,
    status_detail,
)
from .kinds import BY_SLUG, PUBLIC_FIELDS


def _public_fields() -> str:
    return "\n".join(
        f"  - `{slug}` ({BY_SLUG[slug].name}): " + ", ".join(f"`{name}`" for name in fields)
        for slug, fields in PUBLIC_FIELDS.items()
    )


DESCRIPTION = f"""\
시정의 기록을 프로그램으로 읽고 쓰는 API입니다.

- 로그인하지 않은 요청은 공개 자료만 읽습니다: 공개 일정, 확정된 보고서,
  정책사업과 그 지표·실적값·목표.
  받는 항목은 공개 화면과 공공데이터 파일에 있는 것뿐입니다(`…PublicOut` 모양).
  기록에 항목이 새로 생겨도 여기에 더하기 전에는 공개되지 않습니다:
{_public_fields()}
  주소마다 분당 요청 수가 제한됩니다.
- 기관 직원은 개인 접근 토큰(`Authorization: Bearer …`)으로 화면과 똑같은 권한 안에서 읽고 씁니다.
  토큰은 로그인한 뒤 `/api/v1/tokens/manage/`에서 만들고 폐기합니다.
- 토큰으로 한 건을 읽으면 `ETag`를 받습니다. 고치거나 지울 때 그 값을 `If-Match`에 담아 보내야 하며,
  그사이 다른 사람이 고쳤으면 412로 거절됩니다.
"""


class SijeongApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        # Reads take a token, the session, or nothing at all (the public data): the token is
        # offered, not required. Writes require it, as ninja declares.
        for path, operations in schema["paths"].items():
            if not path.endswith("/tokens/") and "get" in operations:
                operations["get"]["security"] = [{"TokenAuth": []}, {}]
        return schema


api = SijeongApi(
    title="시정 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _answer(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    body: dict[str, Any] = {"detail": error.detail}
    if error.errors is not None:
        body["errors"] = error.errors
    response = _answer(request, error.status, body)
    for name, value in error.headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    # The kind of record is the address's part after the version: /api/v1/<kind>/…
    parts = request.path.strip("/").split("/")
    kind = BY_SLUG.get(parts[2]) if len(parts) > 2 else None
    errors = field_errors(error.errors, kind.model if kind else None)
    return _answer(request, 422, {"detail": INVALID, "errors": errors})


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = _answer(request, 401, {"detail": TOKEN_REQUIRED})
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # Ninja's own refusals (an unreadable body, a failed CSRF check) in Korean.
    detail = UNREADABLE if error.status_code == 400 else status_detail(error.status_code)
    return _answer(request, error.status_code, {"detail": detail})


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _answer(request, 404, {"detail": NOT_FOUND})


@api.exception_handler(Exception)
def failed(request: HttpRequest, error: Exception) -> HttpResponse:
    """Any other failure goes to Django, as a page's would: logged with its traceback, the
    write rolled back, a lost database answered 503 — and, by api.middleware, as JSON
    without the traceback that ninja would otherwise send with DEBUG on."""
    raise error


api.add_router("/tokens/", token_views.router)
endpoints.add_routers(api)
