"""The event form (일정 등록·수정): Korean labels and messages, the office's own choices."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from sijeong.core.models import Office
from sijeong.web.editing import OfficeForm

from .models import Domain, Event, PolicyTheme


class EventForm(OfficeForm):
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
            "is_public",
            "attendance",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "일정명을 적어 주세요."},
            "kind": {"required": "종류를 골라 주세요."},
            "date": {
                "required": "날짜를 적어 주세요.",
                "invalid": "날짜를 2024-08-06처럼 적어 주세요.",
            },
            "start_time": {"invalid": "시각을 11:10처럼 적어 주세요."},
            "end_time": {"invalid": "시각을 11:10처럼 적어 주세요."},
            "place": {"required": "장소를 적어 주세요."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", "(고르기)"), *Event.Kind.choices]
        _choices(self, "domain").empty_label = "(분야 없음)"
        _choices(self, "agenda").empty_label = "(현안 없음)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if end is not None and start is None:
            self.add_error("start_time", "끝 시각을 적었으면 시작 시각도 적어 주세요.")
        elif start is not None and end is not None and end < start:
            self.add_error("end_time", "끝 시각이 시작 시각보다 이릅니다.")
        return data


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

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "domain").queryset = Domain.objects.filter(office=office)
        _choices(self, "theme").queryset = PolicyTheme.objects.filter(office=office)

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
        return events


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])
