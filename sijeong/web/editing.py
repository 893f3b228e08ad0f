"""Editing a record from a page: the office's own choices, departments, and safe saving.

Every record form of the app is an `OfficeForm` and is saved by `save_edit`, so that the
rules hold for all of them alike: related records are chosen from the office's own; only
관리자 choose the department (an editor's records are their department's); a field only some
roles set (`roles.field_refusals`) is refused by the field for the others; the later of two
concurrent saves, a save without the fingerprint of what was shown, and a save that could not
get the database's lock in time are refused with the person's input kept (`concurrency`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, models, transaction
from django.http import HttpRequest

from sijeong.accounts.roles import can_edit, field_refusals, is_admin, office_path
from sijeong.core.formatting import read_date
from sijeong.core.models import Office
from sijeong.core.validity import Malformed

from .concurrency import (
    BUSY_MESSAGE,
    REFUSALS,
    FingerprintField,
    fingerprint,
    is_lock_conflict,
    refusal,
)

# Dates as Korean offices write them, in a text field: a date picker (`type="date"`) shows the
# browser's order (08/31/2024 in an English-locale browser), never the office's 2024. 8. 31.
DATE_INVALID = "날짜는 2024. 8. 31.처럼 적어 주세요."


class KoreanDateInput(forms.DateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "placeholder": "예: 2024. 8. 31.",
                "autocomplete": "off",
                "size": 14,
                **(attrs or {}),
            },
            format="%Y. %-m. %-d.",
        )


class KoreanDateField(forms.DateField):
    """A date read as the addresses read theirs (`core.formatting.read_date`: 2024. 8. 31.,
    2024-08-31, 2024년 8월 31일 …) and shown as 2024. 8. 31."""

    widget = KoreanDateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        day = read_date(str(value))
        if day is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return day


def korean_dates(form: forms.BaseForm) -> None:
    """Every date field of `form` read and shown as 2024. 8. 31. (ISO still accepted)."""
    for name, old in list(form.fields.items()):
        if type(old) is not forms.DateField:
            continue
        kept = {k: v for k, v in old.widget.attrs.items() if k != "type"}
        messages = {k: v for k, v in old.error_messages.items() if k != "invalid"}
        form.fields[name] = KoreanDateField(
            required=old.required,
            label=old.label,
            initial=old.initial,
            help_text=old.help_text,
            disabled=old.disabled,
            error_messages=messages,
            widget=KoreanDateInput(kept),
        )


def korean_choices(form: forms.BaseForm) -> None:
    """A choice left empty reads 선택 안 함 (or 선택하세요 when one is required), not ---------."""
    for form_field in form.fields.values():
        if getattr(form_field, "empty_label", None) == "---------":
            form_field.empty_label = "선택하세요" if form_field.required else "(선택 안 함)"  # type: ignore[attr-defined]
        choices = getattr(form_field, "choices", None)
        if isinstance(choices, list) and choices and choices[0] == ("", "---------"):
            form_field.choices = [  # type: ignore[attr-defined]
                ("", "선택하세요" if form_field.required else "(선택 안 함)"),
                *choices[1:],
            ]


class _KeyChoiceField(forms.ModelChoiceField):
    """A choice of a record whose key, as posted, may be any number: one too large for the
    database is a wrong choice like any other, not an error of the database driver."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class _KeyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        try:
            return super()._check_values(value)  # type: ignore[misc]
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": "?"},
            ) from None


class OfficeForm(forms.ModelForm):
    fingerprint = FingerprintField()

    def __init__(self, *args: Any, office: Office, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Who works for the whole office (관리자, 일정 담당) picks the record's department; an
        # editor's records are their own department's.
        if "department" in self.fields and not (is_admin(user) or user.department_id is None):
            del self.fields["department"]
        for form_field in self.fields.values():
            # The same fields with their refusals made whole (no state of their own is added).
            if type(form_field) is forms.ModelChoiceField:
                form_field.__class__ = _KeyChoiceField
            elif type(form_field) is forms.ModelMultipleChoiceField:
                form_field.__class__ = _KeyMultipleChoiceField
            queryset = getattr(form_field, "queryset", None)
            path = office_path(queryset.model) if queryset is not None else ""
            if path and queryset is not None and queryset.model is not Office:
                form_field.queryset = queryset.filter(**{path: office})  # type: ignore[attr-defined]
        if self.instance.pk is not None and not self.is_bound:
            self.fields["fingerprint"].initial = fingerprint(self.instance)
            for name in self.fields:
                # A value stored in another shape opens as it was stored, with the rule's
                # message on saving, rather than as the shape it is shown in elsewhere.
                stored = getattr(self.instance, name, None)
                if isinstance(stored, Malformed):
                    self.initial[name] = stored.raw
        for name, why in field_refusals(user, self._meta.model, self.fields).items():
            self.fields[name].help_text = why
        korean_dates(self)
        korean_choices(self)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # A field the person may not set is refused by the field when they change it (the
        # page, and the API that posts this form), and left as it is otherwise.
        for name, why in field_refusals(self.user, self._meta.model, self.changed_data).items():
            self.add_error(name, why)
        return cleaned

    def validate_unique(self) -> None:
        """Uniqueness within the office too (a programme's slug per office): the office is set
        on the record, not chosen on the form, so Django would leave such rules to the
        database, which answers with an error page instead of a message by the field."""
        exclude = {
            f.name
            for f in self.instance._meta.concrete_fields
            if f.name != "office" and (f.name not in self.fields or f.name in self.errors)
        }
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self.add_error(None, error)


def save_edit(
    request: HttpRequest,
    form_class: type[OfficeForm],
    record: models.Model | None,
    new: models.Model,
    office: Office,
) -> tuple[models.Model | None, OfficeForm]:
    """Save the posted form for `record` (or the `new` one). Returns the saved record, or None
    and the form to show again: invalid, or refused (`is_refused`) — then with the record as
    it is now and the person's input on it."""
    user = request.user
    try:
        with transaction.atomic():
            if record is not None:
                current = type(record)._default_manager.select_for_update().get(pk=record.pk)
                reason = refusal(current, request.POST.get("fingerprint", ""))
                if reason:
                    # The form now shows `current`: the next save compares with it.
                    return None, _refused(request, form_class, current, office, reason)
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
    except OperationalError as error:
        if not is_lock_conflict(error):
            raise
        # The posted fingerprint stays: whether the record changed is for the next try to tell.
        return None, _refused(request, form_class, record or new, office, BUSY_MESSAGE, False)
    return saved, form


def _refused(
    request: HttpRequest,
    form_class: type[OfficeForm],
    record: models.Model,
    office: Office,
    reason: str,
    shown_now: bool = True,
) -> OfficeForm:
    data = request.POST.copy()
    if shown_now:
        data["fingerprint"] = fingerprint(record)
    form = form_class(data, instance=record, office=office, user=request.user)
    form.is_valid()
    form.add_error(None, reason)
    return form


def is_refused(form: forms.BaseForm) -> bool:
    """Whether `save_edit` refused the form (see `concurrency`), rather than found it invalid."""
    return any(reason in form.non_field_errors() for reason in REFUSALS)
