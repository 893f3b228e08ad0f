"""Which office a page shows: the person's own (`roles.office_id_of`). The operator
(superuser), who belongs to none, sees the first office of a one-office install."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sijeong.accounts.roles import office_id_of
from sijeong.core.models import Office


def office_for(user: Any) -> Office | None:
    office = office_id_of(user)
    if office is not None:
        return Office.objects.filter(pk=office).first()
    if getattr(user, "is_superuser", False):
        return Office.objects.order_by("pk").first()
    return None


def office_or_404(user: Any) -> Office:
    """The office a page shows; none at all is a page that does not exist."""
    office = office_for(user)
    if office is None:
        raise Http404("소속 기관이 없습니다. 관리자에게 기관 지정을 요청해 주세요.")
    return office
