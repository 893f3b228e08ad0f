"""Job pages: the office's recent jobs, one job's progress (polled by htmx while it runs) and
the file it made. A job is its office's (`visible`: another office's does not exist for the
person asking); its file goes only to whom may read what it holds."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from sijeong.accounts.roles import visible
from sijeong.web.listing import attach

from . import actions
from .models import Job

RECENT = 50


def _job(request: HttpRequest, pk: int) -> Job:
    return get_object_or_404(visible(request.user, Job.objects.select_related("started_by")), pk=pk)


def _may_download(request: HttpRequest, job: Job) -> bool:
    return not job.permission or request.user.has_perm(job.permission)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    # Between two runs of `manage.py expire_jobs` (cron), the list does not offer what is due.
    actions.expire_results()
    jobs = visible(request.user, Job.objects.select_related("started_by")).defer("params")
    return render(request, "jobs/list.html", {"jobs": jobs[:RECENT]})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {
        "job": job,
        "may_download": _may_download(request, job),
        "result_days": settings.JOB_RESULT_DAYS,
    }
    # htmx asks for the progress alone, every second, until the job has finished.
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_progress.html", context)
    return render(request, "jobs/detail.html", context)


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = _job(request, pk)
    if not _may_download(request, job):
        raise PermissionDenied
    if job.status != Job.Status.DONE or not job.result:
        raise Http404("내려받을 파일이 없습니다.")
    try:
        handle = job.result.open("rb")
    except FileNotFoundError:
        raise Http404("결과 파일이 지워졌습니다. 작업을 다시 시작해 주세요.") from None
    response = FileResponse(handle, content_type="application/zip")
    # A ZIP of many reports is streamed from its file; `attach` only sets the headers.
    attach(response, job.result_name, f"job-{job.pk}.zip")  # type: ignore[arg-type]
    return response
