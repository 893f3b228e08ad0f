"""The 검산 page's form: one document to check, read, checked and shown, never stored."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sijeong.documents.reading import FORMATS, too_large
from sijeong.documents.reading.text import MAX_BYTES


class DocumentForm(forms.Form):
    file = forms.FileField(
        label="문서 파일",
        help_text=f"{FORMATS}, {MAX_BYTES // 1024 // 1024}MB 이하",
        error_messages={
            "required": "검산할 파일을 골라 주세요.",
            "empty": "빈 파일입니다.",
            "invalid": "파일을 받지 못했습니다. 다시 올려 주세요.",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if refusal := too_large(upload.size or 0):
            raise forms.ValidationError(refusal)
        return upload
