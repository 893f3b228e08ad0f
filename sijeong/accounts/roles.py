"""Roles (역할) as groups, and who may change which record.

관리자 may change everything; 편집자 changes the records of their own department; 열람자 reads
everything; a visitor without an account sees nothing yet. Model permissions come from the
groups; the department rule is checked per object by `can_edit`.
"""

from __future__ import annotations

from typing import Any

from django.db import models

ADMIN = "관리자"
EDITOR = "편집자"
VIEWER = "열람자"
ROLES = (ADMIN, EDITOR, VIEWER)

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
)

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
    # Report definitions and finalised files are the office's, not a department's.
    "reports.report",
    "reports.section",
    "reports.block",
    "reports.frozenfile",
    # Imports are the office's; editors import through the upload page, not the back office.
    "ingest.importeddocument",
    "ingest.importedrecord",
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


def owning_department_id(obj: models.Model) -> int | None:
    """The department that owns a record: its own, or that of the record it belongs to.

    Child records name their parent in `owner_field` (e.g. a staffing line's snapshot).
    """
    seen = 0
    node: Any = obj
    while node is not None and seen < 10:
        if hasattr(node, "department_id"):
            return node.department_id
        parent_field = getattr(type(node), "owner_field", None)
        if parent_field is None:
            return None
        node = getattr(node, parent_field)
        seen += 1
    return None


def is_admin(user: Any) -> bool:
    return bool(user.is_superuser or user.groups.filter(name=ADMIN).exists())


def can_edit(user: Any, obj: models.Model | None) -> bool:
    """Whether `user` may change `obj` (or records of its kind, when `obj` is None)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_admin(user):
        return True
    if not user.groups.filter(name=EDITOR).exists():
        return False
    if obj is None:  # a new record: it will be their department's, so they need one
        return user.department_id is not None
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    if label in ADMIN_ONLY_MODELS:
        return False
    owner = owning_department_id(obj)
    return owner is not None and owner == user.department_id
