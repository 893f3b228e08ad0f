"""Import pages: upload a report, review what would be made of it, apply it."""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_edit
from sijeong.web.listing import Column, Listing, shown
from sijeong.web.offices import office_for

from . import actions
from .forms import ApplyForm, UploadForm
from .models import ImportedDocument
from .reading import ReadError

SEVERITY_LABELS = {"error": "오류", "warning": "경고", "info": "참고"}


LISTING = Listing(
    name="가져온 문서",
    columns={
        "filename": Column("파일", lambda d: d.filename, "filename"),
        "office": Column("기관", lambda d: d.office.name, "office__name"),
        "by": Column(
            "올린 사람",
            lambda d: (
                (d.imported_by.get_full_name() or d.imported_by.username)
                if d.imported_by
                else "명령어"
            ),
            "imported_by__username",
        ),
        "at": Column("올린 때", lambda d: shown(timezone.localtime(d.imported_at)), "imported_at"),
        "records": Column("기록", lambda d: f"{d.summary.get('records', 0)}건", ""),
        "findings": Column("검사 결과", lambda d: f"{d.summary.get('findings', 0)}건", ""),
        "status": Column("상태", lambda d: "반영함" if d.applied else "검토 중", "applied_at"),
    },
    search=("filename",),
    default_sort="-at",
)


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    return LISTING.respond(
        request,
        ImportedDocument.objects.select_related("office", "imported_by").defer("content"),
        "ingest/list.html",
        lambda document: (reverse("ingest:detail", args=[document.pk]), document.filename),
        {"can_import": can_edit(request.user, None)},
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not can_edit(request.user, None):  # 관리자 and 편집자 import; 열람자 only look
        raise PermissionDenied
    bound = request.method == "POST"
    form = UploadForm(request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        office = office_for(request.user)
        upload = form.cleaned_data["file"]
        if office is None:
            form.add_error(None, "가져올 기관이 없습니다. 관리자에게 기관 등록을 요청해 주세요.")
        else:
            try:
                document = actions.stage(
                    upload.read(),
                    upload.name,
                    office,
                    request.user,  # type: ignore[arg-type]
                )
            except ReadError as error:
                form.add_error("file", str(error))
            else:
                return redirect("ingest:detail", pk=document.pk)
    return render(request, "ingest/upload.html", {"form": form})


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ImportedDocument.objects.select_related("office"), pk=pk)
    result = actions.preview(bytes(document.content), document.filename)
    counts = Counter(r.model for r in result.records)
    context = {
        "document": document,
        "result": result,
        "counts": [
            (apps.get_model(model)._meta.verbose_name, count) for model, count in counts.items()
        ],
        "findings": [
            (f, SEVERITY_LABELS[f.severity]) for f in sorted(result.findings, key=lambda f: f.line)
        ],
        "errors": sum(f.severity == "error" for f in result.findings),
        "form": ApplyForm(),
        "can_apply": can_edit(request.user, None) and not document.applied,
        "linked": document.records.select_related("content_type").prefetch_related("record")[:500]
        if document.applied
        else [],
    }
    return render(request, "ingest/detail.html", context)


@require_POST
@login_required
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_edit(request.user, None):
        raise PermissionDenied
    document = get_object_or_404(ImportedDocument, pk=pk)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["report"]))
        return redirect("ingest:detail", pk=pk)
    report = form.cleaned_data["report"]
    try:
        _, _, new = actions.apply_staged(document, request.user, report)  # type: ignore[arg-type]
    except (ReadError, actions.ApplyError, actions.ReportDefinitionError) as error:
        messages.error(request, str(error))
        return redirect("ingest:detail", pk=pk)
    document.refresh_from_db()
    if new:
        created = document.summary.get("created", 0)
        messages.success(request, f"반영했습니다. 새로 만든 기록 {created}건.")
    else:
        messages.info(request, "이미 반영된 문서입니다. 바뀐 것은 없습니다.")
    if report:
        messages.success(request, f"보고서 '{report}'를 문서의 구성대로 만들었습니다.")
    return redirect("ingest:detail", pk=pk)
