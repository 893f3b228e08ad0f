"""Pages of every registered record type: list, record (fields, findings, history), form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms.models import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sijeong.accounts.roles import can_edit, is_admin
from sijeong.core.findings import findings_for, run_checks
from sijeong.core.models import Office

from . import sections
from .concurrency import STALE_MESSAGE, FingerprintField, fingerprint, is_stale
from .history import history
from .listing import finding_flags, shown
from .offices import office_for
from .records import BY_SLUG, GROUPS, TYPES, RecordType


def _type(slug: str) -> RecordType:
    record_type = BY_SLUG.get(slug)
    if record_type is None:
        raise Http404("없는 기록 종류입니다.")
    return record_type


def _office(request: HttpRequest) -> Office:
    office = office_for(request.user)
    if office is None:
        raise Http404("기관이 없습니다.")
    return office


def _records(record_type: RecordType, office: Office) -> Any:
    queryset = record_type.model._default_manager.filter(**{record_type.office_path: office})
    return queryset.select_related(*record_type.related) if record_type.related else queryset


@login_required
def section(request: HttpRequest, group: str) -> HttpResponse:
    if group not in GROUPS:
        raise Http404("없는 메뉴입니다.")
    office = _office(request)
    types = [t for t in TYPES if t.group == group]
    context: dict[str, Any] = {
        "group": group,
        "rows": [(t, _records(t, office).count()) for t in types],
    }
    overview = sections.OVERVIEWS.get(group)
    if overview is not None:
        context.update(overview(request, office))
    return render(request, "web/section.html", context)


@login_required
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    record_type = _type(slug)
    office = _office(request)
    return record_type.listing().respond(
        request,
        _records(record_type, office),
        "web/record_list.html",
        lambda record: (reverse("web:record", args=[slug, record.pk]), str(record)),
        {
            "type": record_type,
            "can_create": bool(record_type.form_fields) and can_edit(request.user, None),
        },
        lambda: finding_flags(run_checks(office)),
    )


@login_required
def record_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    record_type = _type(slug)
    office = _office(request)
    record = get_object_or_404(_records(record_type, office), pk=pk)
    fields = [
        (str(f.verbose_name), _value(record, f))
        for f in record_type.model._meta.concrete_fields
        if f.name not in ("id", "office") and not f.name.endswith("_ptr")
    ]
    fields += [
        (str(f.verbose_name), ", ".join(str(r) for r in getattr(record, f.name).all()) or "")
        for f in record_type.model._meta.many_to_many
    ]
    context = {
        "type": record_type,
        "record": record,
        "fields": fields,
        "findings": findings_for(record, office),
        "history": history(record) if hasattr(record, "history") else [],
        "can_edit": bool(record_type.form_fields) and can_edit(request.user, record),
    }
    return render(request, "web/record_detail.html", context)


def _value(record: models.Model, field: models.Field) -> Any:
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    if field.is_relation:
        return getattr(record, field.name) or ""
    return shown(getattr(record, field.attname))


@login_required
def record_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    record_type = _type(slug)
    if not record_type.form_fields:
        raise Http404("이 기록은 화면에서 고치지 않습니다.")
    office = _office(request)
    model = record_type.model
    record = get_object_or_404(_records(record_type, office), pk=pk) if pk is not None else None
    admin = is_admin(request.user)
    if not can_edit(request.user, record) or not (admin or request.user.department_id):  # type: ignore[union-attr]
        raise PermissionDenied
    names = {f.name for f in model._meta.get_fields()}
    fields = list(record_type.form_fields)
    if "department" in names and admin:
        fields.insert(0, "department")
    form_class = cast(type[_RecordForm], modelform_factory(model, fields=fields, form=_RecordForm))
    instance = record or model(**({"office": office} if "office" in names else {}))
    if request.method != "POST":
        form = form_class(instance=record, office=office)
        if record is not None:
            form.fields["fingerprint"].initial = fingerprint(record)
        return _form(request, record_type, form, record)
    form = form_class(request.POST, instance=instance, office=office)
    with transaction.atomic():
        if record is not None:
            current = model._default_manager.select_for_update().get(pk=record.pk)
            if is_stale(current, request.POST.get("fingerprint", "")):
                data = request.POST.copy()
                data["fingerprint"] = fingerprint(current)
                form = form_class(data, instance=current, office=office)
                form.is_valid()
                form.add_error(None, STALE_MESSAGE)
                return _form(request, record_type, form, current, status=409)
        if not form.is_valid():
            return _form(request, record_type, form, record)
        saved = form.save(commit=False)
        if "department" in names and not admin:
            saved.department = request.user.department  # type: ignore[union-attr]
        if not can_edit(request.user, saved):  # e.g. a session of another department's series
            raise PermissionDenied
        saved.save()
        form.save_m2m()
    messages.success(request, f"{record_type.name}을(를) 저장했습니다.")
    return redirect("web:record", slug=slug, pk=saved.pk)


class _RecordForm(forms.ModelForm):
    fingerprint = FingerprintField()

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            # Choices of related records are the office's own.
            queryset = getattr(form_field, "queryset", None)
            if queryset is None:
                continue
            related = queryset.model
            if related is Office:
                continue
            path = _office_path(related)
            if path:
                form_field.queryset = queryset.filter(**{path: office})  # type: ignore[attr-defined]


def _office_path(model: type[models.Model]) -> str:
    if any(f.name == "office" for f in model._meta.get_fields()):
        return "office"
    owner = getattr(model, "owner_field", "")
    if owner:
        parent = model._meta.get_field(owner).related_model
        assert parent is not None and not isinstance(parent, str)
        inner = _office_path(parent)
        return f"{owner}__{inner}" if inner else ""
    return ""


def _form(
    request: HttpRequest,
    record_type: RecordType,
    form: forms.ModelForm,
    record: models.Model | None,
    status: int = 200,
) -> HttpResponse:
    context = {"type": record_type, "form": form, "record": record, "stale": status == 409}
    return render(request, "web/record_form.html", context, status=status)
