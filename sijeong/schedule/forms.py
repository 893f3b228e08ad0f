"""The event form (일정 등록·수정): Korean labels and messages, the office's own choices."""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from sijeong.core.errors import BadInput
from sijeong.core.formatting import parse_time
from sijeong.core.models import Office
from sijeong.web.editing import OfficeForm

from . import months
from .models import Domain, Event, PolicyTheme, PrivacyReason
from .rules import particle

_WITH_SECONDS = re.compile(r"(\d{1,2}:\d{2}):\d{2}")
# The list's filter for private events with no 비공개 사유 (a finding once their day has come).
WITHOUT_REASON = "none"


def not_a_time(text: str) -> str:
    return f"'{text}'{particle(text, '은', '는')} 시각이 아닙니다. 14:10처럼 적어 주세요."


class WrittenTimeField(forms.TimeField):
    """A time read as the rest of the app reads one (`parse_time`): `14:1` is refused, not
    taken for 14:01, and the refusal quotes what was written."""

    def to_python(self, value: Any) -> datetime.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        text = str(value).strip()
        with_seconds = _WITH_SECONDS.fullmatch(text)  # a browser may send 14:10:00
        parsed = parse_time(with_seconds[1] if with_seconds else text)
        if parsed is None:
            raise ValidationError(not_a_time(text), code="invalid")
        return parsed


class EventForm(OfficeForm):
    """An event's form. An event whose time was written malformed (`time_text`, e.g. `14:1`)
    opens with what was written in the time fields and is not saved until a valid time
    replaces it; saving one clears `time_text`.

    Whether the event is public is not on the form: a new event is private, and publishing
    is an act of its own on the event's page (`actions.set_publicity`)."""

    class Meta:
        model = Event
        fields = [
            "department",
            "title",
            "kind",
            "domain",
            "themes",
            "agenda",
            "date",
            "start_time",
            "end_time",
            "place",
            "district",
            "summary",
            "status",
            "attendance",
        ]
        field_classes = {"start_time": WrittenTimeField, "end_time": WrittenTimeField}
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "일정명을 적어 주세요."},
            "kind": {"required": "종류를 골라 주세요."},
            "date": {"required": "날짜를 적어 주세요."},
            "place": {"required": "장소를 적어 주세요."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", "(고르기)"), *Event.Kind.choices]
        _choices(self, "domain").empty_label = "(분야 없음)"
        _choices(self, "agenda").empty_label = "(현안 없음)"
        self.written = self._written_times()
        for name, text in self.written.items():
            # A time input would show nothing for `14:1`: a text input shows it as written.
            field = self.fields[name]
            cast(forms.TimeInput, field.widget).input_type = "text"
            field.widget.attrs["placeholder"] = "14:10"
            field.help_text = f"원문에 적힌 시각: '{text}'. 올바른 시각으로 고쳐 적어 주세요."
            if not self.is_bound:
                self.initial[name] = text

    def _written_times(self) -> dict[str, str]:
        """The parts of a malformed written time (`14:1`, `14:1~15:00`), by field."""
        written = self.instance.time_text.strip()
        if not written or self.instance.start_time is not None:
            return {}
        start, _, end = (part.strip() for part in written.partition("~"))
        parts = {"start_time": start, "end_time": end}
        return {name: text for name, text in parts.items() if text}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, text in self.written.items():
            if name in data and data[name] is None:  # emptied, not corrected
                self.add_error(name, not_a_time(text))
        return data

    def save(self, commit: bool = True) -> Any:
        if self.written:  # corrected: the valid time replaces what was written
            self.instance.time_text = ""
        return super().save(commit)


class EventFilter(forms.Form):
    """The calendar's and list's filters; every field optional."""

    domain = forms.ModelChoiceField(
        Domain.objects.none(), required=False, label="분야", empty_label="전체"
    )
    kind = forms.ChoiceField(
        required=False, label="종류", choices=[("", "전체"), *Event.Kind.choices]
    )
    theme = forms.ModelChoiceField(
        PolicyTheme.objects.none(), required=False, label="시책 주제", empty_label="전체"
    )
    public = forms.ChoiceField(
        required=False,
        label="공개",
        choices=[("", "전체"), ("1", "공개 일정"), ("0", "비공개 일정")],
    )
    reason = forms.ChoiceField(required=False, label="비공개 사유")

    def __init__(
        self, *args: Any, office: Office, with_period: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "domain").queryset = Domain.objects.filter(office=office)
        _choices(self, "theme").queryset = PolicyTheme.objects.filter(office=office)
        reasons = PrivacyReason.objects.filter(office=office)
        cast(forms.ChoiceField, self.fields["reason"]).choices = [
            ("", "전체"),
            *((str(r.pk), r.text) for r in reasons),
            (WITHOUT_REASON, "사유 없음"),
        ]
        if with_period:
            # The list's own: a calendar moves by month already (its `month` address).
            self.fields["period"] = forms.CharField(
                required=False,
                label="기간",
                max_length=10,
                widget=forms.TextInput(attrs={"placeholder": "2024-08 또는 2024", "size": 12}),
            )

    def clean_period(self) -> tuple[datetime.date, datetime.date] | None:
        """A month (2024-08) or a whole year (2024), as its first and last day."""
        text = self.cleaned_data.get("period", "").strip()
        if not text:
            return None
        try:
            if text.isdigit() and len(text) == 4:
                first = months.parse_month(f"{text}-01", months.EARLIEST, "기간")
                return first, first.replace(month=12, day=31)
            first = months.parse_month(text, months.EARLIEST, "기간")
        except BadInput as error:
            raise ValidationError(str(error)) from None
        return first, months.add_months(first, 1) - datetime.timedelta(days=1)

    def apply(self, events: Any) -> Any:
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["domain"]:
            events = events.filter(domain=data["domain"])
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["theme"]:
            events = events.filter(themes=data["theme"])
        if data["public"]:
            events = events.filter(is_public=data["public"] == "1")
        if data["reason"] == WITHOUT_REASON:
            events = events.filter(is_public=False, privacy_reason__isnull=True)
        elif data["reason"]:
            events = events.filter(privacy_reason_id=int(data["reason"]))
        if data.get("period"):
            events = events.filter(date__range=data["period"])
        return events


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class PublicityForm(forms.Form):
    """The event page's 공개하기 / 비공개로 돌리기: the reason, from the office's list, when an
    event is kept private."""

    reason = forms.ModelChoiceField(
        PrivacyReason.objects.none(),
        required=False,
        label="비공개 사유",
        empty_label="(사유 고르기)",
        error_messages={"invalid_choice": "이 기관의 비공개 사유 목록에서 골라 주세요."},
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reason").queryset = PrivacyReason.objects.filter(office=office)
