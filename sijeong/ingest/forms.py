"""The upload form (가져오기): one or several report files and, optionally, a report definition
to make."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sijeong.documents.reading import FORMATS, too_large
from sijeong.documents.reading.text import MAX_BYTES
from sijeong.web.editing import DATE_INVALID, KoreanDateField, KoreanDateInput

# Files one upload may carry: more wait for a second upload (the request's size limit,
# REQUEST_MAX_BYTES, bounds them together as well).
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files; cleaned to a list, each checked as a single file is."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        # No file at all is cleaned as one missing file: the field's own "required" message.
        files = (data if isinstance(data, list | tuple) else [data]) or [None]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class UploadForm(forms.Form):
    file = MultipleFileField(
        label="보고서 파일",
        help_text=(
            f"{FORMATS}, 한 파일 {MAX_BYTES // 1024 // 1024}MB 이하. "
            f"여러 파일(최대 {MAX_FILES}개)을 한꺼번에 고르면 "
            "따로 읽어 파일마다 미리보기를 만듭니다."
        ),
        error_messages={
            "required": "가져올 파일을 골라 주세요.",
            "empty": "빈 파일입니다.",
            "invalid": "파일을 받지 못했습니다. 다시 올려 주세요.",
        },
    )

    def clean_file(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["file"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                f"파일이 {len(uploads)}개입니다. 한 번에 {MAX_FILES}개까지 올려 주세요."
            )
        for upload in uploads:
            within_size(upload, f"{upload.name}: " if len(uploads) > 1 else "")
        return uploads


def within_size(upload: UploadedFile, named: str = "") -> UploadedFile:
    if refusal := too_large(upload.size or 0):
        raise forms.ValidationError(f"{named}{refusal}")
    return upload


class ApplyForm(forms.Form):
    report = forms.SlugField(
        label="보고서 정의 (선택)",
        required=False,
        max_length=100,
        help_text="적으면 문서의 구성대로 이 영문 코드로 보고서를 만들어, 기록에서 다시 씁니다.",
        error_messages={"invalid": "영문 소문자, 숫자, 하이픈(-)으로 적어 주세요."},
    )
    as_of = KoreanDateField(
        label="기준일",
        required=False,
        widget=KoreanDateInput(attrs={"aria-describedby": "as-of-help"}),
        help_text="보고서 정의의 기준일입니다. 문서에서 찾은 날짜가 먼저 적혀 있고, 문서에 날짜가 "
        "없으면 적어 주세요.",
        error_messages={"invalid": f"기준일: {DATE_INVALID}"},
    )
