"""Report pages: the list, the on-screen report with its downloads, finalising."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_edit, is_admin, visible
from sijeong.core.formatting import format_date
from sijeong.documents import html
from sijeong.documents.model import flags
from sijeong.web.history import history
from sijeong.web.listing import Column, Listing, attach

from . import actions
from .build import build
from .models import Report
from .writing import FORMATS, write

FORMAT_LABELS = {
    "hwpx": "한글(HWPX)",
    "docx": "워드(DOCX)",
    "pdf": "PDF",
    "html": "HTML",
    "md": "마크다운",
}


LISTING = Listing(
    name="보고서",
    columns={
        "title": Column(
            "보고서", lambda r: f"{r.title} ({r.issued:%Y}. {r.issued.month}.)", "title"
        ),
        "office": Column("기관", lambda r: r.office.name, "office__name"),
        "period": Column(
            "대상 기간",
            lambda r: (
                f"{format_date(r.period_start, weekday=False)} ~ "
                f"{format_date(r.period_end, weekday=False)}"
            ),
            "period_start",
        ),
        "as_of": Column("기준일", lambda r: format_date(r.as_of, weekday=False), "as_of"),
        "status": Column("상태", lambda r: r.get_status_display(), "status"),
    },
    search=("title", "slug"),
    default_sort="-as_of",
)


def _report(request: HttpRequest, slug: str, reports: QuerySet[Report] | None = None) -> Report:
    """The report `slug` if the person may see it; another office's does not exist for them."""
    queryset = Report.objects.all() if reports is None else reports
    return get_object_or_404(visible(request.user, queryset), slug=slug)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    return LISTING.respond(
        request,
        visible(request.user, Report.objects.select_related("office")),
        "reports/list.html",
        lambda report: (reverse("reports:detail", args=[report.slug]), str(report)),
    )


@login_required
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug, Report.objects.select_related("office", "based_on"))
    if report.is_final:
        body = write(report, "html").decode("utf-8")
        start, end = body.find("<article"), body.find("</article>") + len("</article>")
        fragment = body[start:end]
        marked = []
    else:
        document = build(report)
        fragment = html.render_fragment(document)
        marked = flags(document)
    context = {
        "report": report,
        "fragment": mark_safe(fragment),  # the writer escapes every text it prints
        "style": html.STYLE,
        "downloads": [(fmt, FORMAT_LABELS[fmt]) for fmt in FORMATS],
        "moved": actions.moved_figures(report),
        "can_finalise": can_edit(request.user, report) and not report.is_final,
        "marked": marked,
        # A report with marked places is finalised only by a 관리자, with a reason for each.
        "can_acknowledge": is_admin(request.user),
        "history": history(report),
    }
    return render(request, "reports/detail.html", context)


@login_required
def report_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    report = _report(request, slug, Report.objects.select_related("office"))
    if fmt not in FORMATS:
        raise Http404("지원하지 않는 형식입니다.")
    response = HttpResponse(write(report, fmt), content_type=FORMATS[fmt][1])
    attach(response, download_name(report, fmt), f"{report.slug}.{fmt}", inline=fmt == "html")
    return response


def download_name(report: Report, fmt: str) -> str:
    """The report's file name: title, month of issue and office, as offices file their
    documents (`주요업무보고_2024-09_시장비서실.pdf`); a draft's says so (`…_검토용.pdf`),
    so that a draft saved to a folder is not taken for what went to the council."""
    parts = [report.title, f"{report.issued:%Y-%m}", report.office.name]
    if not report.is_final:
        parts.append("검토용")
    return "_".join(parts) + f".{fmt}"


@require_POST
@login_required
def report_finalise(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    if not can_edit(request.user, report):  # report definitions are 관리자 work
        raise PermissionDenied
    reasons = {
        int(key.removeprefix("reason-")): value
        for key, value in request.POST.items()
        if key.startswith("reason-") and key.removeprefix("reason-").isdigit()
    }
    try:
        actions.finalise(report, request.user, reasons)  # type: ignore[arg-type]
    except actions.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "보고서를 확정했습니다. 기록이 바뀌어도 확정본은 그대로입니다.")
    return redirect("reports:detail", slug=slug)
