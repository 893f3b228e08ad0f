# mypy: disable-error-code="valid-type,attr-defined,misc"
# (The event's schema is made at import: a type to ninja, not to mypy; ninja sets request.auth.)
"""`POST /events/{id}/publicity`: publishing an event (공개하기) or keeping it private with its
reason (비공개로 돌리기), the API's door to `schedule.actions.set_publicity` — the event's
fields take no publicity, as the event form does not.

No `from __future__ import annotations`: django-ninja reads the view's annotations.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema

from sijeong.schedule.actions import PublicityError, set_publicity
from sijeong.schedule.models import PrivacyReason

from .auth import WRITE_AUTH
from .errors import FORBIDDEN, INVALID, ApiError

OTHER_OFFICE = "이 기관의 비공개 사유 목록에서 골라 주세요."


class PublicityIn(Schema):
    is_public: bool = Field(..., title="공개 일정", description="true: 공개하기, false: 비공개")
    privacy_reason_id: int | None = Field(
        None,
        ge=1,
        le=2**63 - 1,
        title="비공개 사유",
        description="비공개로 둘 때의 사유 번호 (`/privacy-reasons/`). 목록이 있는 기관은 필수",
    )


def add_route(
    router: Router,
    out: Any,
    errors: dict[int, Any],
    find: Any,
    answer: Any,
) -> None:
    """Add the route to the events' router: `find(caller, id)` reads the event as the caller
    may, `answer(response, caller, id)` the event as saved, with its ETag."""

    @router.post(
        "/{id}/publicity",
        response={200: out, **errors},
        auth=WRITE_AUTH,
        operation_id="events_publicity",
        summary="일정 공개하기·비공개로 돌리기 (변경 이력에 남음)",
    )
    def publicity(
        request: HttpRequest,
        response: HttpResponse,
        payload: PublicityIn,
        id: int = Path(..., ge=1, le=2**63 - 1),
    ) -> Any:
        event = find(request.auth, id)
        reason = None
        if payload.privacy_reason_id is not None:
            if payload.is_public:
                raise ApiError(
                    422,
                    INVALID,
                    errors={"privacy_reason_id": ["공개 일정에는 비공개 사유를 두지 않습니다."]},
                )
            reason = PrivacyReason.objects.filter(
                office_id=event.office_id, pk=payload.privacy_reason_id
            ).first()
            if reason is None:
                raise ApiError(422, INVALID, errors={"privacy_reason_id": [OTHER_OFFICE]})
        try:
            set_publicity(event, request.auth, public=payload.is_public, reason=reason)
        except PermissionDenied:
            raise ApiError(403, FORBIDDEN) from None
        except PublicityError as error:
            raise ApiError(422, INVALID, errors={"privacy_reason_id": [str(error)]}) from None
        return answer(response, request.auth, id)
