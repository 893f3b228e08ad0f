"""Report pages: the list, the on-screen report with its downloads, finalising, and many
reports built at once as a job."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from sijeong.accounts.roles import can_edit, is_admin, visible
from sijeong.core.findings import CHECKS_SECONDS
from sijeong.core.formatting import format_date
from sijeong.core.revisions import mark
from sijeong.documents import html
from sijeong.documents.model import flags
from sijeong.jobs import actions as jobs
from sijeong.jobs.models import Job
from sijeong.web.history import history
from sijeong.web.listing import Column, Listing, attach
from sijeong.web.offices import office_for

from . import actions, tasks
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


class ReportChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Report) -> str:
        return f"{obj} · {obj.get_status_display()}"


class BuildForm(forms.Form):
    """Several reports of the office in several formats, to be built as one job."""

    reports = ReportChoices(
        label="보고서",
        queryset=Report.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "작성할 보고서를 하나 이상 골라 주세요."},
    )
    formats = forms.MultipleChoiceField(
        label="형식",
        choices=list(FORMAT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "형식을 하나 이상 골라 주세요."},
    )

    def __init__(self, *args: object, reports: QuerySet[Report], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["reports"]
        assert isinstance(field, ReportChoices)
        field.queryset = reports


def _buildable(request: HttpRequest) -> QuerySet[Report]:
    """The reports a person may build at once: those of their office they may read."""
    office = office_for(request.user)
    reports = visible(request.user, Report.objects.select_related("office"))
    return reports.filter(office=office).order_by("-as_of", "title") if office else reports.none()


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    return LISTING.respond(
        request,
        visible(request.user, Report.objects.select_related("office")),
        "reports/list.html",
        lambda report: (reverse("reports:detail", args=[report.slug]), str(report)),
        {"build_form": BuildForm(reports=_buildable(request), initial={"formats": ["pdf"]})},
    )


@require_POST
@login_required
def report_build(request: HttpRequest) -> HttpResponse:
    """Queue the building of the chosen reports in the chosen formats; the job's page shows it."""
    office = office_for(request.user)
    form = BuildForm(request.POST, reports=_buildable(request))
    if office is None or not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        if office is None:
            messages.error(request, "소속 기관이 없습니다. 관리자에게 기관 지정을 요청해 주세요.")
        return redirect("reports:list")
    chosen = list(form.cleaned_data["reports"])
    formats = [fmt for fmt in FORMATS if fmt in form.cleaned_data["formats"]]
    job = jobs.start(
        office,
        request.user,  # type: ignore[arg-type]
        Job.Kind.REPORTS,
        len(chosen) * len(formats),
        tasks.build_reports,
        {"reports": [r.pk for r in chosen], "formats": formats},
        permission="reports.view_report",
    )
    return redirect("jobs:detail", pk=job.pk)


@login_required
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug, Report.objects.select_related("office", "based_on"))
    fragment, marked, moved = _on_screen(report)
    context = {
        "report": report,
        "fragment": mark_safe(fragment),  # the writer escapes every text it prints
        "style": html.STYLE,
        "downloads": [(fmt, FORMAT_LABELS[fmt]) for fmt in FORMATS],
        "moved": moved,
        "can_finalise": can_edit(request.user, report) and not report.is_final,
        "marked": marked,
        # A report with marked places is finalised only by a 관리자, with a reason for each.
        "can_acknowledge": is_admin(request.user),
        "history": history(report),
    }
    return render(request, "reports/detail.html", context)


def _on_screen(report: Report) -> tuple[str, list[Any], list[actions.MovedFigure]]:
    """The report as the page shows it, its marked places and the figures moved since the
    final it is based on — written from a year of an office's records, so kept until one of
    them (or the report's definition) changes."""
    if report.is_final:
        body = write(report, "html").decode("utf-8")
        start, end = body.find("<article"), body.find("</article>") + len("</article>")
        return body[start:end], [], []
    key = f"report-page:{report.pk}:{mark(report.office)}"
    kept: tuple[str, list[Any], list[actions.MovedFigure]] | None = cache.get(key)
    if kept is None:
        document = build(report)
        kept = (html.render_fragment(document), flags(document), actions.moved_figures(report))
        cache.set(key, kept, CHECKS_SECONDS)
    return kept


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
