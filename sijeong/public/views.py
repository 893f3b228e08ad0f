"""Pages for citizens (공개), without an account: the mayor's public schedule by month, week or
day; the finalised reports with their files; programme progress; and the open data.

Every event shown is chosen by `schedule.public.public_events` and nothing else: an internal
event is in no page, file or count here. A report is shown once it is finalised, as its frozen
files; programmes as their indicators against their targets.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Max, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sijeong.core.formatting import format_date, holiday_name
from sijeong.core.models import Indicator, Observation, Office, Target
from sijeong.programs.models import Program
from sijeong.reports.models import Report
from sijeong.reports.views import download_name
from sijeong.reports.writing import FORMATS
from sijeong.schedule import months
from sijeong.schedule.models import SEOUL, Domain, Event
from sijeong.schedule.public import public_events
from sijeong.web.listing import attach, to_csv
from sijeong.web.progress import Progress, progress

VIEWS = {"month": "월", "week": "주", "day": "일"}

# What the public pages are made of: a change to any of these records makes a new version.
_SOURCES = (Event, Report, Program, Indicator, Observation, Target, Domain, Office)


def _data_version() -> str:
    """The time of the latest change to what the public pages show, read from the records'
    change histories (one short query each, on an indexed column)."""
    latest = [
        model.history.model.objects.aggregate(last=Max("history_date"))["last"]
        for model in _SOURCES
    ]
    return ",".join(str(t.timestamp()) if t else "" for t in latest)


def cached(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public page from the cache while the records behind it have not changed.

    Every citizen is shown the same page, so it is made once per data version and day rather
    than for each reader (issue 15's 20 concurrent readers); a change anywhere, or a new day,
    starts a new version, so nothing stale is served. Signed-in staff, whose header differs,
    are served as usual.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # The day is part of the version: at 00:00 the day's public events appear (the 2019
        # disclosure rule) with no record changing.
        today = timezone.localdate(timezone=SEOUL)
        key = f"public:{digest}:{today.isoformat()}:{_data_version()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response, CACHE_SECONDS)
        return response

    return wrapper


# Writes that bypass the histories (bulk loads) are seen within this time all the same.
CACHE_SECONDS = 60


def _offices() -> list[Office]:
    return list(Office.objects.order_by("pk"))


def _office(request: HttpRequest) -> Office | None:
    """The office asked for (`?office=slug`), or the only one; None when there are several
    and none was chosen."""
    slug = request.GET.get("office", "")
    if slug:
        return get_object_or_404(Office, slug=slug)
    offices = Office.objects.order_by("pk")[:2]
    return offices[0] if len(offices) == 1 else None


def _choose(request: HttpRequest, page: str) -> HttpResponse:
    """Several offices and none chosen: the list of offices, each linked to `page`."""
    context = {"offices": _offices(), "page": page, "title": "기관을 고르십시오"}
    return render(request, "public/index.html", context)


@cached
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"offices": _offices(), "title": "공개 정보"})


def _ics(office: Office) -> str:
    """The public calendar feed of the office (its address is fixed by issue 15)."""
    return f"/public/schedule.ics?office={office.slug}"


@cached
def schedule(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:schedule")
    today = timezone.localdate()
    view = request.GET.get("view", "month")
    if view not in VIEWS:
        view = "month"
    if view == "month":
        first = months.parse_month(request.GET.get("month"), today)
        start, end = first, months.add_months(first, 1) - datetime.timedelta(days=1)
        title = f"{first.year}년 {first.month}월"
        previous = {"view": "month", "month": f"{months.add_months(first, -1):%Y-%m}"}
        following = {"view": "month", "month": f"{months.add_months(first, 1):%Y-%m}"}
    else:
        day = months.parse_day(request.GET.get("date"), today)
        if view == "week":
            week = months.week_of(day)
            start, end = week[0], week[-1]
            title = f"{format_date(start, weekday=False)} 주간"
            step = datetime.timedelta(days=7)
        else:
            start = end = day
            title = format_date(day)
            step = datetime.timedelta(days=1)
        previous = {"view": view, "date": f"{day - step:%Y-%m-%d}"}
        following = {"view": view, "date": f"{day + step:%Y-%m-%d}"}
    domains = list(Domain.objects.filter(office=office).order_by("order", "pk"))
    chosen = request.GET.get("domain", "")
    events = (
        public_events(office)
        .filter(date__range=(start, end))
        .select_related("domain")
        .order_by("date", "start_time", "pk")
    )
    if chosen:
        events = events.filter(domain__name=chosen)
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.date].append(event)
    days = [
        {"date": d, "text": format_date(d), "holiday": holiday_name(d), "events": by_day[d]}
        for d in sorted(by_day)
    ]
    keep = {"office": office.slug, **({"domain": chosen} if chosen else {})}
    context = {
        "office": office,
        "whose": str(office),
        "title": title,
        "view": view,
        "views": VIEWS,
        "days": days,
        "count": sum(len(events) for events in by_day.values()),
        "domains": domains,
        "chosen": chosen,
        "keep": keep,
        "previous": {**previous, **keep},
        "following": {**following, **keep},
        "ics": _ics(office),
    }
    return render(request, "public/schedule.html", context)


@cached
def reports(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:reports")
    finals = (
        Report.objects.filter(office=office, status=Report.Status.FINAL)
        .prefetch_related("frozen_files")
        .order_by("-issued", "-pk")
    )
    rows = [
        {
            "report": report,
            "files": sorted(
                (f.format for f in report.frozen_files.all() if f.format in FORMATS),
                key=list(FORMATS).index,
            ),
        }
        for report in finals
    ]
    return render(request, "public/reports.html", {"office": office, "rows": rows})


@cached
def report_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.select_related("office"), slug=slug, status=Report.Status.FINAL
    )
    frozen = report.frozen_files.filter(format=fmt).first()
    if frozen is None or fmt not in FORMATS:
        raise Http404("공개된 파일이 없습니다.")
    response = HttpResponse(bytes(frozen.content), content_type=FORMATS[fmt][1])
    attach(response, download_name(report, fmt), f"{report.slug}.{fmt}", inline=fmt == "html")
    return response


def _indicators(office: Office) -> list[Indicator]:
    program_type = ContentType.objects.get_for_model(Program)
    return list(
        Indicator.objects.filter(office=office, subject_type=program_type)
        .prefetch_related(
            Prefetch("observations", Observation.objects.order_by("as_of")),
            Prefetch("targets", Target.objects.all()),
        )
        .order_by("order", "pk")
    )


@cached
def programs(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:programs")
    rows = _indicator_rows(office)
    targeted = [r.progress for r in rows if r.progress is not None]
    context = {
        "office": office,
        "rows": rows,
        "targeted": len(targeted),
        "on_track": sum(p.on_track for p in targeted),
    }
    return render(request, "public/programs.html", context)


@dataclass
class IndicatorRow:
    program: str
    indicator: Indicator
    progress: Progress | None

    def latest(self, read: Callable[[Progress], Any]) -> Any:
        return read(self.progress) if self.progress is not None else ""


def _indicator_rows(office: Office) -> list[IndicatorRow]:
    names = dict(Program.objects.filter(office=office).values_list("pk", "title"))
    return [
        IndicatorRow(names.get(i.subject_id or 0, ""), i, progress(i)) for i in _indicators(office)
    ]


def _kind(e: Event) -> str:
    return e.get_kind_display()


def _domain(e: Event) -> str:
    return e.domain.name if e.domain else ""


def _status(e: Event) -> str:
    return e.get_status_display()


# The open data: what each file's columns mean, in Korean (the documentation page shows them).
SCHEDULE_FIELDS: list[tuple[str, str, Callable[[Event], Any]]] = [
    ("날짜", "일정이 있는 날 (YYYY-MM-DD)", lambda e: e.date),
    ("시작", "시작 시각 (HH:MM, 서울 시각). 정해지지 않았으면 빈칸", lambda e: e.start_time),
    ("종료", "끝나는 시각. 정해지지 않았으면 빈칸", lambda e: e.end_time),
    ("시각 표기", "시각을 글로 적은 것 (예: 오전 중)", lambda e: e.time_text),
    ("일정명", "일정의 이름", lambda e: e.title),
    ("종류", "현장방문, 행사, 협약식, 간담회, 회의, 기자설명회, 인터뷰 등", _kind),
    (
        "분야",
        "기관이 정한 분야 (예: 안전, 매력, 시책, 민생)",
        lambda e: getattr(e.domain, "name", ""),
    ),
    ("장소", "일정이 열리는 곳", lambda e: e.place),
    ("자치구", "장소가 있는 자치구", lambda e: e.district),
    ("상태", "예정, 완료, 취소", _status),
    ("식별자", "이 일정의 고유 번호. 일정이 바뀌어도 그대로", lambda e: e.pk),
]
INDICATOR_FIELDS: list[tuple[str, str, Callable[[IndicatorRow], Any]]] = [
    ("사업", "지표가 속한 정책사업", lambda r: r.program),
    ("지표", "지표의 이름", lambda r: r.indicator.name),
    ("단위", "값의 단위", lambda r: r.indicator.unit),
    ("기준일", "가장 최근 값의 기준일", lambda r: r.latest(lambda p: p.achieved.as_of)),
    ("값", "가장 최근 값", lambda r: r.latest(lambda p: p.achieved.value)),
    ("목표", "그 값에 해당하는 목표", lambda r: r.latest(lambda p: p.target.value)),
    ("목표 시기", "목표를 이룰 때", lambda r: r.latest(lambda p: p.target.due)),
    ("달성률", "값 ÷ 목표 (%)", lambda r: r.latest(lambda p: p.share_text)),
    ("상태", "달성, 순항, 지연, 미달", lambda r: r.latest(lambda p: p.status)),
]
LICENCE = "공공누리 제1유형 (출처표시)"


@cached
def open_data(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:data")
    context = {
        "office": office,
        "schedule_fields": [(name, meaning) for name, meaning, _ in SCHEDULE_FIELDS],
        "indicator_fields": [(name, meaning) for name, meaning, _ in INDICATOR_FIELDS],
        "licence": LICENCE,
        "ics": _ics(office),
    }
    return render(request, "public/data.html", context)


@cached
def schedule_csv(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:schedule_csv")
    events = public_events(office).select_related("domain").order_by("date", "start_time", "pk")
    rows = [[read(e) for _, _, read in SCHEDULE_FIELDS] for e in events]
    response = HttpResponse(
        to_csv([name for name, _, _ in SCHEDULE_FIELDS], rows), content_type="text/csv"
    )
    attach(response, f"{office.name}_공개일정.csv", f"{office.slug}-schedule.csv")
    return response


@cached
def indicators_csv(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:indicators_csv")
    rows = [[read(r) for _, _, read in INDICATOR_FIELDS] for r in _indicator_rows(office)]
    response = HttpResponse(
        to_csv([name for name, _, _ in INDICATOR_FIELDS], rows), content_type="text/csv"
    )
    attach(response, f"{office.name}_정책사업지표.csv", f"{office.slug}-indicators.csv")
    return response
