"""Pages of every registered record type: list, record (fields, findings, history), form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sijeong.accounts.roles import can_create, can_edit, why_not_edit
from sijeong.core.findings import findings_for, findings_of
from sijeong.core.models import Office

from . import sections
from .editing import OfficeForm, is_refused, save_edit
from .history import history
from .listing import finding_flags, shown
from .offices import office_or_404
from .records import BY_SLUG, GROUPS, TYPES, RecordType


def _type(slug: str) -> RecordType:
    record_type = BY_SLUG.get(slug)
    if record_type is None:
        raise Http404("없는 기록 종류입니다.")
    return record_type


def _records(record_type: RecordType, office: Office) -> Any:
    queryset = record_type.model._default_manager.filter(**{record_type.office_path: office})
    return queryset.select_related(*record_type.related) if record_type.related else queryset


@login_required
def section(request: HttpRequest, group: str) -> HttpResponse:
    if group not in GROUPS:
        raise Http404("없는 메뉴입니다.")
    office = office_or_404(request.user)
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
    office = office_or_404(request.user)
    return record_type.listing().respond(
        request,
        _records(record_type, office),
        "web/record_list.html",
        lambda record: (reverse("web:record", args=[slug, record.pk]), str(record)),
        {
            "type": record_type,
            "can_create": bool(record_type.form_fields)
            and can_create(request.user, record_type.model, office.pk),
        },
        lambda records: finding_flags(findings_of(records, office)),
    )


@login_required
def record_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    record_type = _type(slug)
    office = office_or_404(request.user)
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
        "why_not_edit": why_not_edit(request.user, record) if record_type.form_fields else "",
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
    office = office_or_404(request.user)
    model = record_type.model
    record = get_object_or_404(_records(record_type, office), pk=pk) if pk is not None else None
    allowed = (
        can_edit(request.user, record)
        if record is not None
        else can_create(request.user, model, office.pk)
    )
    if not allowed:
        raise PermissionDenied
    names = {f.name for f in model._meta.get_fields()}
    fields = (["department"] if "department" in names else []) + record_type.form_fields
    form_class = cast(type[OfficeForm], modelform_factory(model, fields=fields, form=OfficeForm))
    if request.method != "POST":
        form = form_class(instance=record, office=office, user=request.user)
        return _form(request, record_type, form, record)
    new = model(**({"office": office} if "office" in names else {}))
    saved, form = save_edit(request, form_class, record, new, office)
    if saved is None:
        refused = is_refused(form)
        shown = form.instance if refused and record is not None else record
        return _form(request, record_type, form, shown, refused)
    messages.success(request, f"{record_type.name}을(를) 저장했습니다.")
    return redirect("web:record", slug=slug, pk=saved.pk)


def _form(
    request: HttpRequest,
    record_type: RecordType,
    form: forms.ModelForm,
    record: models.Model | None,
    refused: bool = False,
) -> HttpResponse:
    context = {"type": record_type, "form": form, "record": record, "stale": refused}
    return render(request, "web/record_form.html", context, status=409 if refused else 200)
