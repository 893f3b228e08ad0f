"""What every page shows of the person signed in: name, office, department and role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sijeong.accounts.roles import can_plan, role_names


def person(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = role_names(user)
    if user.is_superuser:
        roles.insert(0, "운영자")
    return {
        "person_roles": roles or ["역할 없음"],
        "person_department": getattr(user.department, "name", ""),
        "person_office": getattr(user.office, "name", ""),
        "person_can_plan": can_plan(user),
    }
