"""The API's refusals, each with a Korean `detail` (and, for invalid input, one list of
messages per field)."""

from __future__ import annotations

from typing import Any

from django.db import models
from ninja import Schema


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.errors = errors


class Error(Schema):
    detail: str


class Invalid(Schema):
    detail: str
    errors: dict[str, list[str]]


UNAUTHENTICATED = "로그인하거나 개인 접근 토큰(Authorization: Bearer …)을 보내야 볼 수 있습니다."
BAD_TOKEN = "토큰이 올바르지 않거나 폐기되었습니다. 새 토큰을 만들어 보내 주세요."
TOKEN_REQUIRED = "기록을 바꾸려면 개인 접근 토큰(Authorization: Bearer …)을 보내야 합니다."
FORBIDDEN = "이 기록을 바꿀 권한이 없습니다."
NOT_FOUND = "찾을 수 없는 기록입니다."
INVALID = "입력한 내용에 고칠 곳이 있습니다."
PRECONDITION_REQUIRED = (
    "기록을 바꾸거나 지우려면 읽을 때 받은 ETag를 If-Match 머리글에 담아 보내야 합니다."
)
STALE = (
    "그사이 다른 사람이 이 기록을 고쳤습니다. 기록을 다시 읽어 새 ETag로 보내 주세요. "
    "지금 기록의 ETag는 응답의 ETag 머리글에 있습니다."
)
BUSY = "다른 사람이 저장하는 중이어서 저장하지 못했습니다. 잠시 뒤 다시 보내 주세요."
DUPLICATE = "같은 값의 기록이 이미 있습니다. 이름이나 코드, 날짜를 바꿔 보내 주세요."
IN_USE = "다른 기록이 이 기록을 쓰고 있어 지울 수 없습니다."
TOO_MANY = "요청이 너무 많습니다. 잠시 뒤 다시 시도해 주세요."
UNREADABLE = (
    "요청 본문을 읽을 수 없습니다. `Content-Type: application/json` 머리글을 붙여 "
    "JSON으로 보내 주세요."
)
NO_SUCH_ADDRESS = "없는 주소입니다. 쓸 수 있는 주소와 방법은 /api/v1/docs 에 있습니다."
SERVER_ERROR = (
    "서버에서 오류가 나 요청을 처리하지 못했습니다. 바뀐 것은 없습니다. 잠시 뒤 다시 "
    "시도하고, 계속되면 관리자에게 알려 주세요."
)
UNAVAILABLE = (
    "데이터베이스에 닿지 않아 지금은 요청을 처리할 수 없습니다. 잠시 뒤 다시 시도해 주세요."
)

# What an answer of each status says when whatever made it (Django, django-ninja) gave no
# Korean reason of ours.
STATUS_DETAIL = {
    400: UNREADABLE,
    401: UNAUTHENTICATED,
    403: "이 요청을 처리할 권한이 없습니다.",
    404: NO_SUCH_ADDRESS,
    500: SERVER_ERROR,
    503: UNAVAILABLE,
}


def status_detail(status: int) -> str:
    return STATUS_DETAIL.get(status, f"요청을 처리하지 못했습니다 (상태 {status}).")


def too_large(length: int, limit: int) -> str:
    mb = 1024 * 1024
    return (
        f"요청 본문이 너무 큽니다 ({length / mb:,.1f}MB). API에는 한 번에 "
        f"{limit / mb:,.1f}MB까지 보낼 수 있습니다. 나누어 보내 주세요."
    )


def not_allowed(method: str, allowed: str) -> str:
    return f"이 주소는 {method} 요청을 받지 않습니다. 받는 요청: {allowed}."


# Pydantic's reasons, as a person reading the API's answer would want them said.
_PYDANTIC_MESSAGES = {
    "missing": "필수 항목입니다.",
    "extra_forbidden": "알 수 없는 항목입니다.",
    "json_invalid": "JSON 형식이 올바르지 않습니다.",
    "greater_than_equal": "값이 너무 작습니다.",
    "less_than_equal": "값이 너무 큽니다.",
    "string_too_long": "글자 수가 너무 많습니다.",
    "date_from_datetime_parsing": "날짜는 2024-08-31처럼 적어 주세요.",
    "date_parsing": "날짜는 2024-08-31처럼 적어 주세요.",
    "time_parsing": "시각은 14:10처럼 적어 주세요.",
    "datetime_parsing": "일시는 2024-08-31T14:10:00+09:00처럼 적어 주세요.",
    "datetime_from_date_parsing": "일시는 2024-08-31T14:10:00+09:00처럼 적어 주세요.",
}


def field_errors(
    pydantic_errors: list[dict[str, Any]], model: type[models.Model] | None = None
) -> dict[str, list[str]]:
    """Pydantic's errors (ninja's 422), by field, in Korean; a field of `model` (the kind of
    record written) named by its label, as the forms' messages are."""
    errors: dict[str, list[str]] = {}
    for error in pydantic_errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        # ("query", "filters", "date_from") names the parameter by its last part.
        parameter = bool(location) and location[0] in ("query", "path")
        name = location[-1] if parameter else ".".join(location)
        message = _PYDANTIC_MESSAGES.get(str(error.get("type")), "형식이 올바르지 않습니다.")
        label = "" if parameter or model is None else _label(model, name)
        named = label and not message.startswith(label)  # "날짜는 …" names it already
        errors.setdefault(name or "__all__", []).append(f"{label}: {message}" if named else message)
    return errors


def _label(model: type[models.Model], name: str) -> str:
    """The Korean label of the field the API calls `name` (a key is `series_id`)."""
    field = next(
        (f for f in model._meta.concrete_fields if name in (f.name, f.attname)),
        next((f for f in model._meta.many_to_many if f.name == name), None),
    )
    return str(field.verbose_name) if field is not None else ""
