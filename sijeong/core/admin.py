"""Back office (관리 화면) for the core records, and the admin base every domain app uses."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from sijeong.accounts.roles import can_edit, is_admin

from .models import (
    Department,
    Indicator,
    Observation,
    Office,
    OfficeFunction,
    OfficeFunctionPoint,
    Target,
    Term,
)


class RecordAdmin(SimpleHistoryAdmin):
    """Admin for a domain record: change history, and editors limited to their department."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        # The record as it will be saved must be the user's to edit: this catches a child
        # record filed under another department's parent (spending under someone's line).
        if not can_edit(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # simple_history only checks view permission before saving a revert.
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = dict(super().get_changeform_initial_data(request))
        department = getattr(request.user, "department", None)
        if department is not None and any(
            f.name == "department" for f in self.model._meta.get_fields()
        ):
            initial.setdefault("department", department.pk)
            initial.setdefault("office", department.office_id)
        return initial

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # An editor files new records under their own department only.
        if db_field.name == "department" and not is_admin(request.user):
            own: int | None = getattr(request.user, "department_id", None)
            departments = Department.objects.all()
            kwargs["queryset"] = (
                departments.filter(pk=own) if own is not None else departments.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChildInline(admin.TabularInline):
    """An inline for records that belong to a parent; permissions follow the parent."""

    extra = 0

    def _parent_editable(self, request: HttpRequest, obj: models.Model | None) -> bool:
        return obj is None or can_edit(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


class DepartmentInline(ChildInline):
    model = Department
    fields = ["slug", "name"]


@admin.register(Office)
class OfficeAdmin(RecordAdmin):
    list_display = ["organization", "name", "slug"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(RecordAdmin):
    list_display = ["name", "office", "slug"]
    list_filter = ["office"]


@admin.register(Term)
class TermAdmin(RecordAdmin):
    list_display = ["name", "organization", "start", "end"]


class OfficeFunctionPointInline(ChildInline):
    model = OfficeFunctionPoint
    fields = ["order", "text"]


@admin.register(OfficeFunction)
class OfficeFunctionAdmin(RecordAdmin):
    list_display = ["title", "office", "order"]
    list_filter = ["office"]
    inlines = [OfficeFunctionPointInline]


class ObservationInline(ChildInline):
    model = Observation
    fields = [
        "as_of",
        "period_start",
        "period_end",
        "dimension_values",
        "value",
        "approximate",
        "stated_change_pct",
        "source",
    ]


class TargetInline(ChildInline):
    model = Target
    fields = ["due", "due_precision", "dimension_values", "value", "note"]


@admin.register(Indicator)
class IndicatorAdmin(RecordAdmin):
    list_display = ["name", "key", "unit", "office", "department"]
    list_filter = ["office", "department"]
    search_fields = ["name", "key"]
    inlines = [ObservationInline, TargetInline]


@admin.register(Observation)
class ObservationAdmin(RecordAdmin):
    list_display = ["indicator", "as_of", "value", "dimension_values", "source"]
    list_filter = ["indicator__office"]
    search_fields = ["indicator__name", "source"]
    date_hierarchy = "as_of"


@admin.register(OfficeFunctionPoint)
class OfficeFunctionPointAdmin(RecordAdmin):
    list_display = ["text", "function", "order"]
    list_filter = ["function__office"]


@admin.register(Target)
class TargetAdmin(RecordAdmin):
    list_display = ["indicator", "due", "value", "dimension_values"]
    list_filter = ["indicator__office"]
