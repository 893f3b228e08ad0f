"""Which office a person works in: their department's, else the first (one-office installs)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sijeong.core.models import Office


def office_for(user: Any) -> Office | None:
    if getattr(user, "department_id", None) is not None:
        return user.department.office
    return Office.objects.order_by("pk").first()


def office_or_404(user: Any) -> Office:
    """The office a page shows; none at all is a page that does not exist."""
    office = office_for(user)
    if office is None:
        raise Http404("기관이 없습니다.")
    return office
