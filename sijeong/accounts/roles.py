"""Who may do what (권한): the one rule every path asks — pages, downloads, imports,
commands acting for a user, the back office.

An office (기관) is a tenant: a user belongs to one office and sees and touches only its
records. Inside it, 관리자 changes everything; 편집자 changes the records of their own
department and creates records there; 일정 담당 (the schedule planner) plans and books the
mayor's field visits for the whole office — the planner's records and the office's events —
and reads the rest; 열람자 reads. Report definitions, domains, office
functions and other office-wide records are 관리자 work by any path, and some fields are the
planner's and 관리자's even where others change the record (`field_refusals`). Records shared by all
offices (terms of office, partners) are read by everyone and changed only by the operator
(superuser). A visitor without an account sees nothing. Model permissions come from the
groups; `can_view`, `can_edit`, `can_create` and `visible` add the office and department.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.db import models

_Q = TypeVar("_Q", bound=models.QuerySet[Any])

ADMIN = "관리자"
PLANNER = "일정 담당"
EDITOR = "편집자"
VIEWER = "열람자"
ROLES = (ADMIN, PLANNER, EDITOR, VIEWER)

# Apps whose records the roles act on. Permissions are re-synced after every migrate.
DOMAIN_APPS = (
    "core",
    "org",
    "budget",
    "schedule",
    "press",
    "relations",
    "programs",
    "reports",
    "ingest",
    "planning",
)

# What the schedule planner (일정 담당) changes, office-wide: the visit planner's records and
# the events its plans become.
PLANNER_MODELS = {
    "schedule.event",
    "planning.visitcandidate",
    "planning.planningrules",
    "planning.blockedday",
    "planning.traveltime",
}

# Records that belong to the whole office or to no office: only 관리자 changes them.
ADMIN_ONLY_MODELS = {
    "core.office",
    "core.department",
    "core.term",
    "core.officefunction",
    "core.officefunctionpoint",
    "relations.partner",
    "schedule.domain",
    "schedule.policytheme",
    "schedule.agenda",
    "schedule.privacyreason",
    # Report definitions and finalised files are the office's, not a department's.
    "reports.report",
    "reports.section",
    "reports.block",
    "reports.frozenfile",
    # Imports are the office's; editors import through the upload page, not the back office.
    "ingest.importeddocument",
    "ingest.importedrecord",
    "ingest.importreview",
    # The planner's office-wide settings: the 일정 담당 changes them too (PLANNER_MODELS).
    "planning.planningrules",
    "planning.blockedday",
    "planning.traveltime",
}


# Fields that only the planner (일정 담당) and 관리자 set, on a record others may change: any
# department registers and edits its candidate visits (후보 방문), but deciding on one —
# taking it into the schedule (반영) or leaving it out (제외) — plans the mayor's time.
DECIDED_FIELDS: dict[str, dict[str, str]] = {
    "planning.visitcandidate": {
        "status": "후보 방문을 반영하거나 제외하는 일(상태)은 일정 담당과 관리자만 합니다.",
    },
}


def sync_role_permissions(apps: Any, schema_editor: Any = None) -> None:
    """Create the role groups and give them their model permissions (idempotent).

    Written against the historical `apps` so migrations can call it.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Migration state apps have no models module; create_permissions skips such apps.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    # History rows are written by simple_history, never edited by people.
    domain = permission_model.objects.filter(content_type__app_label__in=DOMAIN_APPS).exclude(
        content_type__model__startswith="historical"
    )

    admin, _ = group_model.objects.get_or_create(name=ADMIN)
    admin.permissions.set(permission_model.objects.all())

    editor, _ = group_model.objects.get_or_create(name=EDITOR)
    editable = [
        p
        for p in domain.select_related("content_type")
        if f"{p.content_type.app_label}.{p.content_type.model}" not in ADMIN_ONLY_MODELS
        or p.codename.startswith("view_")
    ]
    editor.permissions.set(editable)

    viewer, _ = group_model.objects.get_or_create(name=VIEWER)
    viewer.permissions.set(domain.filter(codename__startswith="view_"))

    planner, _ = group_model.objects.get_or_create(name=PLANNER)
    planner.permissions.set(
        [
            p
            for p in domain.select_related("content_type")
            if p.codename.startswith("view_")
            or f"{p.content_type.app_label}.{p.content_type.model}" in PLANNER_MODELS
        ]
    )


def office_path(model: type[models.Model]) -> str:
    """The lookup from a record to its office, through its owners (`series__office`);
    "" for records shared by every office."""
    return _office_path(model._meta.label_lower)


@functools.cache  # models do not change while the process runs; every list asks this
def _office_path(label: str) -> str:
    model = apps.get_model(label)
    if any(f.name == "office" for f in model._meta.get_fields()):
        return "office"
    owner = getattr(model, "owner_field", "")
    if owner:
        parent = model._meta.get_field(owner).related_model
        assert parent is not None and not isinstance(parent, str)
        inner = office_path(parent)
        return f"{owner}__{inner}" if inner else ""
    return ""


def _owners_value(obj: models.Model, attribute: str) -> Any:
    """`attribute` of `obj`, or of the record it belongs to (`owner_field`, e.g. a staffing
    line's snapshot), up the chain; None when no record in the chain has it."""
    node: Any = obj
    for _ in range(10):
        if node is None:
            return None
        if hasattr(node, attribute):
            return getattr(node, attribute)
        parent_field = getattr(type(node), "owner_field", None)
        if parent_field is None:
            return None
        node = getattr(node, parent_field)
    return None


def record_office_id(obj: models.Model) -> int | None:
    """The office a record belongs to (an office is its own); None for shared records."""
    if obj._meta.label_lower == "core.office":
        return obj.pk
    office: int | None = _owners_value(obj, "office_id")
    return office


def office_id_of(user: Any) -> int | None:
    """The office `user` works in: their own, else their department's."""
    if getattr(user, "office_id", None) is not None:
        return int(user.office_id)
    if getattr(user, "department_id", None) is not None:
        return int(user.department.office_id)
    return None


def _signed_in(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view(user: Any, obj: models.Model) -> bool:
    """Whether `user` may see `obj`: a record of their own office, or a shared one."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    office = record_office_id(obj)
    return office is None or office == office_id_of(user)


def visible(user: Any, queryset: _Q) -> _Q:
    """The records of `queryset` that `user` may see."""
    if not _signed_in(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    office = office_id_of(user)
    model = queryset.model
    if office is None:
        return queryset.none()
    if model._meta.label_lower == "core.office":
        return queryset.filter(pk=office)
    path = office_path(model)
    return queryset.filter(**{path: office}) if path else queryset


def owning_department_id(obj: models.Model) -> int | None:
    """The department that owns a record: its own, or that of the record it belongs to."""
    department: int | None = _owners_value(obj, "department_id")
    return department


def _roles(user: Any) -> frozenset[str]:
    """The role names of `user`, read once per user object (a page asks many times)."""
    cached: frozenset[str] | None = getattr(user, "_sijeong_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._sijeong_roles = cached
    return cached


def role_names(user: Any) -> list[str]:
    """The person's roles as the pages name them, highest first."""
    held = _roles(user)
    return [name for name in ROLES if name in held]


def is_admin(user: Any) -> bool:
    return bool(user.is_superuser or ADMIN in _roles(user))


def _is_editor(user: Any) -> bool:
    return EDITOR in _roles(user)


def _is_planner(user: Any) -> bool:
    return PLANNER in _roles(user)


def can_plan(user: Any) -> bool:
    """Whether `user` may use the visit planner (일정 기획): 관리자 and 일정 담당 of an office."""
    return (
        _signed_in(user)
        and office_id_of(user) is not None
        and (is_admin(user) or _is_planner(user))
    )


def _label(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def can_edit(user: Any, obj: models.Model | None) -> bool:
    """Whether `user` may change `obj` — or, with None, create records at all (the pages ask
    this before showing a 등록 button; `can_create` decides the record itself)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if obj is None:
        return is_admin(user) or (_is_editor(user) and user.department_id is not None)
    office = record_office_id(obj)
    if office is None or office != office_id_of(user):
        return False  # shared records are the operator's; other offices are not ours
    if is_admin(user) or (_is_planner(user) and _label(obj) in PLANNER_MODELS):
        return True
    if not _is_editor(user) or _label(obj) in ADMIN_ONLY_MODELS:
        return False
    owner = owning_department_id(obj)
    return owner is not None and owner == user.department_id


def why_not_edit(user: Any, obj: models.Model) -> str:
    """Why `user` may not change `obj`, in the words the record's page shows; "" if they may."""
    if can_edit(user, obj):
        return ""
    office = record_office_id(obj)
    if office is None:
        return "여러 기관이 함께 쓰는 기록이라 운영자만 수정합니다."
    if office != office_id_of(user):
        return "다른 기관의 기록입니다."
    if _is_planner(user) and not _is_editor(user) and not is_admin(user):
        return "일정 담당은 일정과 일정 기획의 기록만 수정합니다."
    if not is_admin(user) and not _is_editor(user):
        return (
            "열람자는 기록을 볼 수만 있습니다. "
            "수정하려면 기관의 관리자에게 편집자 역할을 요청해 주세요."
        )
    if _label(obj) in ADMIN_ONLY_MODELS:
        return "이 종류의 기록은 관리자만 수정합니다."
    return "다른 부서의 기록입니다. 편집자는 자기 부서의 기록만 수정합니다."


def field_refusals(
    user: Any, model: type[models.Model] | models.Model, names: Iterable[str]
) -> dict[str, str]:
    """The fields among `names` that `user` may not set on a `model` record, each with the
    reason the form shows by it; every door that saves asks this for the fields it changes."""
    decided = DECIDED_FIELDS.get(_label(model), {})
    if not decided or user.is_superuser or is_admin(user) or _is_planner(user):
        return {}
    return {name: decided[name] for name in names if name in decided}


def can_create(
    user: Any,
    model: type[models.Model],
    office_id: int | None,
    parent: models.Model | None = None,
) -> bool:
    """Whether `user` may create a `model` record in office `office_id`, under `parent` when
    the record belongs to one (a narrative under its programme)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if office_id is None or office_id != office_id_of(user):
        return False
    if parent is not None and not can_edit(user, parent):
        return False
    if is_admin(user) or (_is_planner(user) and _label(model) in PLANNER_MODELS):
        return True
    return (
        _is_editor(user)
        and user.department_id is not None
        and _label(model) not in ADMIN_ONLY_MODELS
    )
