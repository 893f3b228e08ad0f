"""Changes to the schedule that are acts of their own: publishing an event (공개하기), keeping it
private with a reason (비공개 사유), and the office's starting list of reasons.

Publishing is not a field of the event form: it is done here, in one transaction, and
recorded in the event's change history with who did it and why (`history_change_reason`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sijeong.accounts.roles import can_edit
from sijeong.core.models import Office

from .models import Event, PrivacyReason

# The list a new office starts with; its 관리자 keeps it (일정 기준정보 › 비공개 사유).
DEFAULT_PRIVACY_REASONS = (
    "경호·안전상 사유",
    "내부 회의",
    "비공개 협의",
    "개인 일정",
    "미확정 일정",
)

PUBLISHED = "공개"
MADE_PRIVATE = "비공개로 전환"
REASON_SET = "비공개 사유 지정"


class PublicityError(ValueError):
    """A publicity change that cannot be made, with the Korean reason why."""


def add_default_privacy_reasons(office: Office) -> list[PrivacyReason]:
    """Give an office without a list of 비공개 사유 the default one; an office that has a list
    keeps it as it is."""
    if PrivacyReason.objects.filter(office=office).exists():
        return []
    return [
        PrivacyReason.objects.create(office=office, text=text, order=order)
        for order, text in enumerate(DEFAULT_PRIVACY_REASONS, start=1)
    ]


def set_publicity(
    event: Event, by: Any, *, public: bool, reason: PrivacyReason | None = None
) -> tuple[Event, bool]:
    """Publish `event` (`public`), or keep it private for `reason` — the only way an event's
    publicity changes from a page. Returns the event as saved and whether anything changed.

    Publishing clears the reason. Keeping an event private needs a reason from the office's
    list when the office has one (an office whose list is empty can still take an event off
    the public schedule at once: the data check then asks for the reason). The change history
    names `by` and says what was done, with the reason."""
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        if not can_edit(by, current):
            raise PermissionDenied
        if public:
            if current.is_public:
                return current, False
            current.is_public, current.privacy_reason = True, None
            note = PUBLISHED
        else:
            if reason is not None and reason.office_id != current.office_id:
                raise PublicityError("다른 기관의 비공개 사유입니다.")
            if (
                reason is None
                and PrivacyReason.objects.filter(office_id=current.office_id).exists()
            ):
                raise PublicityError("비공개 사유를 골라 주세요.")
            wanted = reason.pk if reason is not None else None
            if not current.is_public and current.privacy_reason_id == wanted:
                return current, False
            note = MADE_PRIVATE if current.is_public else REASON_SET
            if reason is not None:
                note += f" (사유: {reason.text})"
            current.is_public, current.privacy_reason = False, reason
        current._history_user = by  # type: ignore[attr-defined]
        current._change_reason = note  # type: ignore[attr-defined]
        current.save(update_fields=["is_public", "privacy_reason"])
    return current, True
