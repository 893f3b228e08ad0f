"""Import pages: upload a report, review what would be made of it, apply it.

Each page asks the rights module: imports are the office's (`visible`; another office's is a
page that does not exist), uploading and applying are for 관리자 and 편집자, and a report
definition is 관리자 work. The preview shown is the one stored at upload: opening it never
reads the file again.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_create, can_edit, visible
from sijeong.core.models import Office
from sijeong.documents.reading import ACCEPT, ReadError
from sijeong.jobs import actions as jobs
from sijeong.jobs.models import Job
from sijeong.reports.models import Report
from sijeong.web.listing import Column, Listing, shown
from sijeong.web.offices import office_for

from . import actions, tasks
from .forms import ApplyForm, UploadForm
from .models import ImportedDocument, ImportReview

SEVERITY_LABELS = {"error": "오류", "warning": "경고", "info": "참고"}


def _person(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else "명령어"


def _status(document: ImportedDocument) -> str:
    if document.applied:
        return "반영함"
    return "기한 지남" if document.expired else "검토 중"


LISTING = Listing(
    name="가져온 문서",
    columns={
        "filename": Column("파일", lambda d: d.filename, "filename"),
        "office": Column("기관", lambda d: d.office.name, "office__name"),
        "by": Column("올린 사람", lambda d: _person(d.imported_by), "imported_by__username"),
        "at": Column("올린 때", lambda d: shown(timezone.localtime(d.imported_at)), "imported_at"),
        "records": Column("기록", lambda d: f"{d.summary.get('records', 0)}건", ""),
        "findings": Column("검사 결과", lambda d: f"{d.summary.get('findings', 0)}건", ""),
        "status": Column("상태", _status, "applied_at"),
    },
    search=("filename",),
    default_sort="-at",
)


def _imports(request: HttpRequest) -> Any:
    return visible(request.user, ImportedDocument.objects.select_related("office"))


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    # Expiry runs from cron (`expire_imports`); the list runs it too, so that an install
    # without cron still forgets what nobody applied.
    actions.expire_unreviewed()
    return LISTING.respond(
        request,
        _imports(request).select_related("imported_by").defer("content", "preview"),
        "ingest/list.html",
        lambda document: (reverse("ingest:detail", args=[document.pk]), document.filename),
        {"can_import": can_edit(request.user, None)},
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """One file is read at once and its preview shown; several are read by a job, each
    becoming an import of its own, and the job's page shows them as they come."""
    if not can_edit(request.user, None):  # 관리자 and 편집자 import; 열람자 only look
        raise PermissionDenied
    bound = request.method == "POST"
    form = UploadForm(request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        office = office_for(request.user)
        uploads = form.cleaned_data["file"]
        if office is None:
            form.add_error(None, "가져올 기관이 없습니다. 관리자에게 기관 등록을 요청해 주세요.")
        elif len(uploads) > 1:
            job = _read_later(uploads, office, request.user)
            return redirect("jobs:detail", pk=job.pk)
        else:
            try:
                document = actions.stage(
                    uploads[0].read(),
                    uploads[0].name,
                    office,
                    request.user,  # type: ignore[arg-type]
                )
            except ReadError as error:
                form.add_error("file", str(error))
            else:
                return redirect("ingest:detail", pk=document.pk)
    return render(request, "ingest/upload.html", {"form": form, "accept": ACCEPT})


def _read_later(uploads: list[UploadedFile], office: Office, user: Any) -> Job:
    """Keep the uploads where the worker can read them and queue the job that reads them."""
    folder = f"jobs/uploads/{uuid.uuid4().hex}"
    files = [
        {
            "name": upload.name or f"{number}",
            "path": default_storage.save(f"{folder}/{number}", upload),
        }
        for number, upload in enumerate(uploads, start=1)
    ]
    return jobs.start(
        office, user, Job.Kind.IMPORTS, len(files), tasks.read_uploads, {"files": files}
    )


def _reviewed(document: ImportedDocument, user: Any) -> None:
    review, made = ImportReview.objects.get_or_create(document=document, user=user)
    if not made:
        ImportReview.objects.filter(pk=review.pk).update(
            views=F("views") + 1, last_at=timezone.now()
        )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        _imports(request).select_related("imported_by", "applied_by"), pk=pk
    )
    try:
        stored = actions.stored_preview(document)
    except ReadError as error:
        stored, unreadable = {}, str(error)
    else:
        unreadable = ""
    _reviewed(document, request.user)
    records = stored.get("records", [])
    counts = Counter(r["model"] for r in records)
    findings = sorted(stored.get("findings", []), key=lambda f: f["line"])
    may_apply = (
        can_edit(request.user, None)
        and not document.applied
        and not document.expired
        and bool(records or stored)
    )
    comparison = actions.compare(document, request.user) if may_apply else None  # type: ignore[arg-type]
    context = {
        "document": document,
        "result": stored,
        "unreadable": unreadable,
        "counts": [
            (apps.get_model(model)._meta.verbose_name, count) for model, count in counts.items()
        ],
        "findings": [(f, SEVERITY_LABELS[f["severity"]]) for f in findings],
        "errors": sum(f["severity"] == "error" for f in findings),
        "form": ApplyForm(initial={"as_of": _stated_date(stored.get("cover", {}))}),
        "can_apply": may_apply,
        "can_define_report": may_apply and can_create(request.user, Report, document.office_id),
        # What applying would make, change and leave, and which records this person may not
        # create or change, said before they press the button.
        "comparison": comparison,
        "refused": comparison.refused if comparison else [],
        "can_undo": actions.may_undo(document, request.user),  # type: ignore[arg-type]
        "reviews": document.reviews.select_related("user"),
        "review_days": actions.review_days(),
        "linked": document.records.select_related("content_type").prefetch_related("record")[:500]
        if document.applied
        else [],
    }
    return render(request, "ingest/detail.html", context)


@require_POST
@login_required
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(_imports(request), pk=pk)
    if not can_edit(request.user, None):
        raise PermissionDenied
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("ingest:detail", pk=pk)
    report = form.cleaned_data["report"]
    # The date matters only for a report definition; the document's own date is the default.
    as_of = form.cleaned_data["as_of"] if report else None
    if report and not can_create(request.user, Report, document.office_id):
        messages.error(request, "보고서 정의는 그 기관의 관리자만 만들거나 고칠 수 있습니다.")
        return redirect("ingest:detail", pk=pk)
    try:
        document, new = actions.apply_staged(document, request.user, report, as_of)  # type: ignore[arg-type]
    except (
        ReadError,
        actions.ApplyError,
        actions.ReportDefinitionError,
        actions.Refused,
    ) as error:
        messages.error(request, str(error))
        return redirect("ingest:detail", pk=pk)
    if not document.preview.get("records"):
        messages.warning(request, "이 문서에서 읽은 기록이 없어 기록은 하나도 만들지 않았습니다.")
    elif new:
        messages.success(request, f"반영했습니다. {actions.applied_counts(document)}.")
    else:
        messages.info(request, "이미 반영된 문서입니다. 바뀐 것은 없습니다.")
    if report:
        messages.success(request, f"보고서 '{report}'를 문서의 구성대로 만들었습니다.")
    return redirect("ingest:detail", pk=pk)


@require_POST
@login_required
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(_imports(request), pk=pk)
    if not actions.may_undo(document, request.user):  # type: ignore[arg-type]
        raise PermissionDenied
    try:
        done = actions.undo(document, request.user)  # type: ignore[arg-type]
    except actions.UndoRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"되돌렸습니다. 지운 기록 {done['deleted']}건, "
            f"원래대로 돌린 기록 {done['restored']}건.",
        )
    return redirect("ingest:detail", pk=pk)


def _stated_date(cover: dict[str, str]) -> datetime.date | None:
    """The date the document is as of, as the report definition would take it."""
    stated = next(
        (cover[k] for k in ("as_of", "period_end", "issued", "latest_date") if cover.get(k)), None
    )
    return datetime.date.fromisoformat(stated) if stated else None
