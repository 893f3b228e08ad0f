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
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sijeong.core.formatting import format_date, holiday_name
from sijeong.core.models import Indicator, Observation, Office, Target
from sijeong.core.progress import Progress, Standing, format_dims, number, standing
from sijeong.programs.models import Program
from sijeong.programs.outcomes import outcome_indicators
from sijeong.reports.models import Report
from sijeong.reports.views import download_name
from sijeong.reports.writing import FORMATS
from sijeong.schedule import months
from sijeong.schedule.models import SEOUL, Domain, Event
from sijeong.schedule.public import public_events
from sijeong.web.listing import attach, to_csv
from sijeong.web.sections import latest_data_day

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


def _as_of(request: HttpRequest, office: Office) -> datetime.date:
    """The day the statuses are as of: the dashboard's day (the office's last day with
    figures when this year has none) unless `?as_of=` asks for another."""
    opened_on = latest_data_day(office, timezone.localdate())
    return months.parse_day(request.GET.get("as_of"), opened_on, "기준일")


@dataclass
class IndicatorRow:
    program: str
    standing: Standing

    @property
    def indicator(self) -> Indicator:
        return self.standing.indicator


@dataclass
class IndicatorFigure:
    """One line of the indicators' file: one latest figure of an indicator (an indicator
    recorded only by its breakdown has one per breakdown, an indicator with none a blank one)."""

    row: IndicatorRow
    figure: Observation | None

    @property
    def program(self) -> str:
        return self.row.program

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def as_of(self) -> datetime.date:
        return self.row.standing.as_of

    @property
    def breakdown(self) -> str:
        return format_dims(self.figure.dimension_values) if self.figure else ""

    @property
    def progress(self) -> Progress | None:
        return self.row.standing.progress


def _indicator_rows(office: Office, as_of: datetime.date) -> list[IndicatorRow]:
    names = dict(Program.objects.filter(office=office).values_list("pk", "title"))
    indicators = outcome_indicators(office).prefetch_related(
        Prefetch("observations", Observation.objects.filter(as_of__lte=as_of)),
        Prefetch("targets", Target.objects.all()),
    )
    return [IndicatorRow(names.get(i.subject_id or 0, ""), standing(i, as_of)) for i in indicators]


@cached
def programs(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office is None:
        return _choose(request, "public:programs")
    as_of = _as_of(request, office)
    rows = _indicator_rows(office, as_of)
    targeted = [r.standing for r in rows if r.standing.progress is not None]
    context = {
        "office": office,
        "as_of": as_of,
        "as_of_text": format_date(as_of, weekday=False),
        "rows": rows,
        "targeted": len(targeted),
        "on_track": sum(s.on_track for s in targeted),
    }
    return render(request, "public/programs.html", context)


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


def _value(value: Any) -> Decimal:
    """A stored figure as a plain number for a file: 150, not 150.0000 or 1.5E+2."""
    return Decimal(f"{number(value).normalize():f}")


def _figure(read: Callable[[Observation], Any]) -> Callable[[IndicatorFigure], Any]:
    return lambda f: read(f.figure) if f.figure is not None else ""


def _progress(read: Callable[[Progress], Any]) -> Callable[[IndicatorFigure], Any]:
    return lambda f: read(f.progress) if f.progress is not None else ""


INDICATOR_FIELDS: list[tuple[str, str, Callable[[IndicatorFigure], Any]]] = [
    ("사업", "지표가 속한 정책사업", lambda f: f.program),
    ("지표", "지표의 이름", lambda f: f.indicator.name),
    ("단위", "값의 단위", lambda f: f.indicator.unit),
    ("내역", "값의 구분: 합계, 또는 나누어 적은 값의 구분 (예: 1동선 확보)", lambda f: f.breakdown),
    ("기준일", "가장 최근 값의 기준일. 값이 없으면 빈칸", _figure(lambda o: o.as_of)),
    ("값", "가장 최근 값", _figure(lambda o: _value(o.value))),
    (
        "목표",
        "그 값에 해당하는 목표. 목표가 없으면 빈칸",
        _progress(lambda p: _value(p.target.value)),
    ),
    ("목표 시기", "목표를 이룰 때", _progress(lambda p: p.target.due)),
    ("달성률", "값 ÷ 목표 (%, 소수 첫째 자리 반올림)", _progress(lambda p: p.share_text)),
    ("상태", "달성, 순항, 지연, 미달. 목표가 없으면 빈칸", _progress(lambda p: p.status)),
    (
        "상태 기준일",
        "상태를 판단한 날: 순항은 목표 시기까지 이날 지난 시간의 비율만큼 목표를 이룬 것",
        lambda f: f.as_of,
    ),
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
    figures = [
        IndicatorFigure(row, figure)
        for row in _indicator_rows(office, _as_of(request, office))
        for figure in row.standing.figures or (None,)
    ]
    rows = [[read(f) for _, _, read in INDICATOR_FIELDS] for f in figures]
    response = HttpResponse(
        to_csv([name for name, _, _ in INDICATOR_FIELDS], rows), content_type="text/csv"
    )
    attach(response, f"{office.name}_정책사업지표.csv", f"{office.slug}-indicators.csv")
    return response
