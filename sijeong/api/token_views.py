"""A person's own tokens: JSON endpoints for the signed-in session (`/api/v1/tokens/`) and a
page to make and revoke them (`/api/v1/tokens/manage/`). A token cannot make or revoke
tokens: one that leaked must not be able to outlive its revocation."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from ninja import Field, Path, Router, Schema, Status
from ninja.security import django_auth

from . import tokens
from .errors import NOT_FOUND, ApiError, Error, Invalid
from .models import ApiToken

router = Router(tags=["개인 접근 토큰"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Invalid}


class TokenOut(Schema):
    id: int
    label: str
    created: datetime.datetime
    last_used: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenIn(Schema):
    label: str = Field(..., min_length=1, max_length=100, description="토큰의 이름")


class NewToken(TokenOut):
    token: str = Field(..., description="토큰. 이때 한 번만 보여 줍니다.")


@router.get("/", response={200: list[TokenOut], **ERRORS}, auth=django_auth,
            operation_id="tokens_list", summary="내 토큰 목록")  # fmt: skip
def token_list(request: HttpRequest) -> Any:
    return ApiToken.objects.filter(user=request.user)  # type: ignore[misc]


@router.post("/", response={201: NewToken, **ERRORS}, auth=django_auth,
             operation_id="tokens_create", summary="토큰 만들기")  # fmt: skip
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    token, raw = tokens.issue(request.user, payload.label.strip() or "토큰")
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": raw})


@router.delete("/{id}", response={204: None, **ERRORS}, auth=django_auth,
               operation_id="tokens_revoke", summary="토큰 폐기")  # fmt: skip
def token_revoke(request: HttpRequest, id: int = Path(..., ge=1, le=2**63 - 1)) -> Any:
    token = ApiToken.objects.filter(user=request.user, pk=id).first()  # type: ignore[misc]
    if token is None:
        raise ApiError(404, NOT_FOUND)
    tokens.revoke(token)
    return Status(204, None)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """The page of one's tokens: make one (shown once), revoke one."""
    new_token = ""
    if request.method == "POST":
        revoke_id = request.POST.get("revoke", "")
        if revoke_id.isdigit():
            token = get_object_or_404(ApiToken, pk=int(revoke_id), user=request.user)
            tokens.revoke(token)
            messages.success(request, f"토큰 '{token.label}'을(를) 폐기했습니다.")
            return redirect("api-tokens")
        label = request.POST.get("label", "").strip()[:100]
        if not label:
            messages.error(request, "토큰의 이름을 적어 주세요.")
            return redirect("api-tokens")
        _token, new_token = tokens.issue(request.user, label)
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),  # type: ignore[misc]
        "new_token": new_token,
    }
    return render(request, "api/tokens.html", context)
