"""Back office for users and roles.

A 관리자 manages the people of their own office only: they cannot see another office's users,
make anyone an operator (superuser), hand out single permissions or move a person to another
office. The role groups are shared by every office, so only the operator changes them; the
login attempts django-axes keeps name people of every office, so only the operator reads them.
"""

from __future__ import annotations

from typing import Any

import axes.admin  # noqa: F401  (registers the login-attempt admins this module restricts)
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.forms import ModelForm
from django.http import HttpRequest

from sijeong.core.admin import OfficeScoped

from .models import User
from .roles import ROLES, office_id_of

# What only the operator may set on a person.
OPERATOR_FIELDS = ("office", "is_superuser", "user_permissions")


@admin.register(User)
class UserAdmin(OfficeScoped, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("소속", {"fields": ("office", "department")}))  # type: ignore[misc]
    list_display = ["username", "last_name", "first_name", "office", "department", "is_active"]
    list_filter = ["groups", "department", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in OPERATOR_FIELDS if f not in fields]
        return fields

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if not request.user.is_superuser:
            obj.office_id = office_id_of(request.user)
        super().save_model(request, obj, form, change)


class OperatorChanges:
    """Only the operator (superuser) changes these; others with the permission may read."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


class OperatorOnly(OperatorChanges):
    """Only the operator (superuser) sees these at all."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(OperatorChanges, BaseGroupAdmin):
    """The roles are one set for all offices: a 관리자 reads them, the operator changes them."""


for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    _original = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, type(_original.__name__, (OperatorOnly, _original), {}))
