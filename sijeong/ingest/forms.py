"""The upload form (가져오기): a report file and, optionally, a report definition to make."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sijeong.web.editing import DATE_INVALID, KoreanDateField, KoreanDateInput

from .reading import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label="보고서 파일",
        help_text=f"텍스트(UTF-8·EUC-KR), HWPX 또는 DOCX, {MAX_BYTES // 1024 // 1024}MB 이하",
        error_messages={
            "required": "가져올 파일을 골라 주세요.",
            "empty": "빈 파일입니다.",
            "invalid": "파일을 받지 못했습니다. 다시 올려 주세요.",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(
                f"파일이 너무 큽니다 ({(upload.size or 0) / 1024 / 1024:.1f}MB). "
                f"{MAX_BYTES // 1024 // 1024}MB 이하의 보고서 파일을 올려 주세요."
            )
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
