"""Which office a person works in: their department's, else the first (one-office installs)."""

from __future__ import annotations

from typing import Any

from sijeong.core.models import Office


def office_for(user: Any) -> Office | None:
    if getattr(user, "department_id", None) is not None:
        return user.department.office
    return Office.objects.order_by("pk").first()
