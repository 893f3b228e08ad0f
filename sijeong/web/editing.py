"""Editing a record from a page: the office's own choices, departments, and safe saving.

Every record form of the app is an `OfficeForm` and is saved by `save_edit`, so that the
rules hold for all of them alike: related records are chosen from the office's own; only
관리자 choose the department (an editor's records are their department's); the later of two
concurrent saves is refused with the person's input kept (`concurrency`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest

from sijeong.accounts.roles import can_edit, is_admin
from sijeong.core.models import Office

from .concurrency import STALE_MESSAGE, FingerprintField, fingerprint, is_stale


def office_path(model: type[models.Model]) -> str:
    """The lookup from a record to its office, through its owners (`series__office`)."""
    if any(f.name == "office" for f in model._meta.get_fields()):
        return "office"
    owner = getattr(model, "owner_field", "")
    if owner:
        parent = model._meta.get_field(owner).related_model
        assert parent is not None and not isinstance(parent, str)
        inner = office_path(parent)
        return f"{owner}__{inner}" if inner else ""
    return ""


class OfficeForm(forms.ModelForm):
    fingerprint = FingerprintField()

    def __init__(self, *args: Any, office: Office, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if "department" in self.fields and not is_admin(user):
            del self.fields["department"]
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            path = office_path(queryset.model) if queryset is not None else ""
            if path and queryset is not None and queryset.model is not Office:
                form_field.queryset = queryset.filter(**{path: office})  # type: ignore[attr-defined]
        if self.instance.pk is not None and not self.is_bound:
            self.fields["fingerprint"].initial = fingerprint(self.instance)


def save_edit(
    request: HttpRequest,
    form_class: type[OfficeForm],
    record: models.Model | None,
    new: models.Model,
    office: Office,
) -> tuple[models.Model | None, OfficeForm]:
    """Save the posted form for `record` (or the `new` one). Returns the saved record, or None
    and the form to show again: invalid, or refused because someone saved in between — then
    with the record as it is now and the person's input on it."""
    user = request.user
    with transaction.atomic():
        if record is not None:
            current = type(record)._default_manager.select_for_update().get(pk=record.pk)
            if is_stale(current, request.POST.get("fingerprint", "")):
                data = request.POST.copy()
                data["fingerprint"] = fingerprint(current)  # the next save compares with this
                form = form_class(data, instance=current, office=office, user=user)
                form.is_valid()
                form.add_error(None, STALE_MESSAGE)
                return None, form
        form = form_class(request.POST, instance=record or new, office=office, user=user)
        if not form.is_valid():
            return None, form
        saved = form.save(commit=False)
        if "department" not in form.fields and hasattr(saved, "department_id"):
            saved.department = user.department  # type: ignore[union-attr]
        if not can_edit(user, saved):  # e.g. a session under another department's series
            raise PermissionDenied
        saved.save()
        form.save_m2m()
    return saved, form


def is_refused(form: forms.BaseForm) -> bool:
    """Whether `save_edit` refused the form because the record changed meanwhile."""
    return STALE_MESSAGE in form.non_field_errors()
