"""A report's files: its document written in each format, or the frozen file once final."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sijeong.documents.model import Document, draft, legible

from .build import build
from .models import Report

# format → (writer module, MIME type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "hwpx": ("sijeong.documents.hwpx", "application/hwp+zip"),
    "docx": (
        "sijeong.documents.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("sijeong.documents.pdf", "application/pdf"),
    "html": ("sijeong.documents.html", "text/html; charset=utf-8"),
    "md": ("sijeong.documents.markdown", "text/markdown; charset=utf-8"),
}


def render(document: Document, fmt: str) -> bytes:
    writer: Callable[[Document], bytes | str] = import_module(FORMATS[fmt][0]).render
    content = writer(legible(document))
    return content.encode("utf-8") if isinstance(content, str) else content


def write(report: Report, fmt: str) -> bytes:
    """The file of a report: frozen as finalised, or written now from the records as a draft
    (검토용: marked as a draft, the checks' marks shown)."""
    if report.is_final:
        frozen = report.frozen_files.filter(format=fmt).first()
        if frozen is not None:
            return bytes(frozen.content)
    return render(draft(build(report)), fmt)
