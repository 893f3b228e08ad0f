"""Back office (관리 화면) for the core records, and the admin bases every app uses.

The back office asks the same rule as the pages (`accounts.roles`): a person lists, opens and
picks only their own office's records — in lists, searches, list filters, date hierarchies,
the choices of forms, change and history pages, autocomplete and "view on site" — cannot move
a record to another office, and changes only what `can_edit` allows. A record of another
office reads as one that does not exist. The operator (superuser) sees every office.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, reverse_field_path, unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from sijeong.accounts.roles import (
    can_edit,
    can_view,
    field_refusals,
    is_admin,
    office_id_of,
    office_path,
    visible,
)

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


def _office_field(model: type[models.Model]) -> bool:
    return any(f.name == "office" for f in model._meta.concrete_fields)


class VisibleRelatedFilter(admin.RelatedFieldListFilter):
    """A list filter by a related record that offers only the records the person may see
    (Django's own lists every row of the related model)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        related = field.remote_field.model._default_manager.complex_filter(
            field.get_limit_choices_to()
        )
        related = visible(request.user, related)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        key = field.remote_field.get_related_field().attname
        return [(getattr(record, key), str(record)) for record in related]


class VisibleValuesFilter(admin.AllValuesFieldListFilter):
    """A list filter by the values of a field that offers only the values of records the
    person may see (Django's own reads every row of a model across a relation:
    `line__fiscal_year` would list every office's years)."""

    def __init__(
        self,
        field: Any,
        request: HttpRequest,
        params: Any,
        model: Any,
        model_admin: Any,
        field_path: str,
    ) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        parent, _ = reverse_field_path(model, field_path)
        if parent is not model:
            records = visible(request.user, parent._default_manager.all())
            self.lookup_choices = (
                records.distinct().order_by(field.name).values_list(field.name, flat=True)
            )


def _scoped_filter(model: type[models.Model], path: str) -> Any:
    """The list filter named `path`, with the choices Django would read from every office
    limited to the person's (its own choice of filter class otherwise)."""
    field = get_fields_from_path(model, path)[-1]
    if field.remote_field is not None:
        return (path, VisibleRelatedFilter)
    if field.choices or isinstance(field, models.BooleanField | models.DateField):
        return path
    return (path, VisibleValuesFilter)


class OfficeScoped(admin.options.BaseModelAdmin):
    """Lists, pages and choices limited to the person's own office (and shared records)."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return visible(request.user, super().get_queryset(request))

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = []
        for item in super().get_list_filter(request):  # type: ignore[misc]
            if not isinstance(item, str):
                filters.append(item)
            elif item.split("__")[-1] != "office" or request.user.is_superuser:
                # A filter by office would only ever offer the person's own.
                filters.append(_scoped_filter(self.model, item))
        return filters

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and (
            obj is None or can_view(request.user, obj)
        )

    def _shared_and_not_operator(self, request: HttpRequest) -> bool:
        # A record of no office is every office's: only the operator changes those.
        shared = not office_path(self.model) and self.model is not Office
        return shared and not request.user.is_superuser

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and not self._shared_and_not_operator(
            request
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not (
            self._shared_and_not_operator(request)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not (
            self._shared_and_not_operator(request)
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        # Moving a record to another office is the operator's work, never a form's.
        if not request.user.is_superuser and _office_field(self.model):
            fields.append("office")
        names = [f.name for f in self.model._meta.concrete_fields]
        fields += [n for n in field_refusals(request.user, self.model, names) if n not in fields]
        return fields

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and getattr(field, "queryset", None) is not None:
            field.queryset = visible(request.user, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field: Any = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and getattr(field, "queryset", None) is not None:
            field.queryset = visible(request.user, field.queryset)
        return field


class ScopedAdmin(OfficeScoped, admin.ModelAdmin):
    """A plain admin (no history) limited to the person's office."""

    def place(self, request: HttpRequest, obj: Any, change: bool) -> None:
        """A new record goes into the person's own office, whatever was posted."""
        if not change and not request.user.is_superuser and _office_field(type(obj)):
            obj.office_id = office_id_of(request.user)

    def authorise(self, request: HttpRequest, obj: Any) -> None:
        """Refuse the save of `obj` as it will be stored (placed, with the posted values)."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        self.place(request, obj, change)
        self.authorise(request, obj)
        super().save_model(request, obj, form, change)


class RecordAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """Admin for a domain record: change history, the person's office, and editors limited to
    their department."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def authorise(self, request: HttpRequest, obj: Any) -> None:
        # The record as it will be saved must be the user's to edit: this catches a child
        # record filed under another department's parent (spending under someone's line).
        if not can_edit(request.user, obj):
            raise PermissionDenied

    def _refuse_unseen(self, request: HttpRequest, object_id: str) -> None:
        """A record of another office (or its history, once deleted) reads as one that does
        not exist: simple_history would answer 403 and so tell that it does."""
        versions = self.model.history.order_by("-history_date", "-history_id")
        try:
            latest = versions.filter(pk=unquote(object_id)).first()
        except (ValueError, ValidationError):
            raise Http404 from None
        if latest is not None and not can_view(request.user, latest.instance):
            raise Http404

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._refuse_unseen(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._refuse_unseen(request, object_id)
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


def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """The back office's "view on site" (`admin:view_on_site`, Django's content-type shortcut),
    asking the rule first: a record of another office answers as one that does not exist."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        record = model._default_manager.get(pk=object_id) if model is not None else None
    except (ObjectDoesNotExist, ValueError, ValidationError):
        record = None
    if record is not None and not can_view(request.user, record):
        raise Http404(
            gettext("Content type %(ct_id)s object %(obj_id)s doesn’t exist")
            % {"ct_id": content_type_id, "obj_id": object_id}
        )
    return shortcut(request, content_type_id, object_id)


class ChildInline(OfficeScoped, admin.TabularInline):
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

    # Offices are the tenants: the operator makes and removes them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


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
