"""A reproducible synthetic data set (합성 자료) shaped like a real one, for load tests and demos.

One city office (가상특별시 시장비서실) and district offices (가상특별시 ○○구 구청장 비서실)
over several years: events, press, programmes with indicators, budget with expenditures,
staffing, relations and a report definition per year. Every name is invented and marked
"가상"; nothing is taken from the seed. The same plan gives the same rows: each office draws
from its own `random.Random`, seeded from the plan's seed and the office's slug, and dates
come from the years alone, never from the clock.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import holidays
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER
from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import (
    Department,
    Indicator,
    Observation,
    Office,
    OfficeFunction,
    OfficeFunctionPoint,
    Target,
    Term,
)
from sijeong.org.models import ExtraPost, StaffingLine, StaffingSnapshot
from sijeong.press.counts import INTERVIEWS
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Milestone, Narrative, Program, TrackedItem
from sijeong.relations.models import Agreement, MeetingSeries, MeetingSession, Partner
from sijeong.reports.models import Block, Report, Section
from sijeong.schedule.actions import add_default_privacy_reasons
from sijeong.schedule.models import Agenda, Domain, Event, PolicyTheme, PrivacyReason

BATCH = 5000
SOURCE = "합성 자료 (generate_data)"
CITY = "가상특별시"

# Per office and year, before --scale.
EVENTS_PER_YEAR = 1200
MEDIA_PER_YEAR = 300
PROJECTS_STARTED_PER_YEAR = 16  # running 1–4 years (2.5 on average): about 40 active a year
EXPENDITURES_PER_YEAR = 10_000
SESSIONS_PER_YEAR = 24
AGREEMENTS_PER_YEAR = 12

# Invented district names (pure Korean words), so no real 자치구 is implied.
DISTRICTS = (
    "가람",
    "나래",
    "다솜",
    "라온",
    "마루",
    "바다",
    "사랑",
    "아라",
    "자람",
    "차오름",
    "하늘",
    "누리",
    "미르",
    "별빛",
    "솔빛",
    "한울",
    "온새",
    "윤슬",
    "여울",
    "가온",
    "도담",
    "새봄",
    "푸른",
    "은하",
    "단비",
)

DEPARTMENTS = (
    ("secretariat", "비서실"),
    ("schedule", "일정팀"),
    ("message", "메시지팀"),
    ("policy", "정책팀"),
    ("cooperation", "대외협력팀"),
    ("press", "언론팀"),
)

DOMAINS = (
    ("안전", "재난 예방과 신속한 대응을 위한 안전 현장 점검", "#c0392b"),
    ("경제", "골목상권과 일자리를 살리는 경제 현장 방문", "#d68910"),
    ("복지", "누구도 소외되지 않는 돌봄과 복지 현장 소통", "#1e8449"),
    ("문화", "생활 속 문화·관광 활성화를 위한 행사 참여", "#8e44ad"),
    ("도시", "살기 좋은 도시 공간을 위한 주요 시책 현장 확인", "#1f6fb2"),
)
DOMAIN_WEIGHTS = (3, 2, 3, 2, 2)

TOPICS = {
    "안전": (
        "무더위쉼터",
        "지하차도 침수 대비",
        "노후 교량",
        "전통시장 화재 예방",
        "제설 대비",
        "공사장 안전",
        "어린이 보호구역",
        "다중밀집시설",
    ),
    "경제": (
        "골목상권",
        "청년 창업센터",
        "전통시장",
        "소상공인 지원센터",
        "일자리 박람회",
        "사회적기업",
        "지역화폐",
        "산업단지",
    ),
    "복지": (
        "경로당",
        "어린이집",
        "장애인 복지관",
        "돌봄센터",
        "노숙인 쉼터",
        "청소년 센터",
        "다함께 돌봄",
        "무료 급식소",
    ),
    "문화": (
        "거리 축제",
        "시립 도서관",
        "생활 체육대회",
        "야간 관광 명소",
        "공공 미술관",
        "청년 예술제",
        "전통 문화 행사",
        "하천 문화 공간",
    ),
    "도시": (
        "공원 조성",
        "도시재생 현장",
        "자전거 도로",
        "공공주택 단지",
        "버스 정류장 개선",
        "하천 정비",
        "주차장 확충",
        "보행 환경 개선",
    ),
}
KIND_WORDS = {
    Event.Kind.FIELD_VISIT: "현장점검",
    Event.Kind.CEREMONY: "개소식",
    Event.Kind.AGREEMENT: "업무협약식",
    Event.Kind.MEETING_TALK: "주민 간담회",
    Event.Kind.MEETING: "대책회의",
    Event.Kind.BRIEFING: "기자설명회",
    Event.Kind.INTERVIEW: "언론 인터뷰",
}
EVENT_KINDS = tuple(KIND_WORDS)
EVENT_KIND_WEIGHTS = (25, 22, 5, 15, 23, 5, 5)
PLACES = (
    "청사 대회의실",
    "청사 영상회의실",
    "청사 접견실",
    "시민홀",
    "현장 일대",
    "구민회관",
    "주민센터 강당",
    "복합문화센터",
)

AGENDAS = (("폭염", 6, 9), ("풍수해", 6, 9), ("한파", 12, 2), ("대설", 12, 2))
THEMES = ("함께 사는 가상시", "미래 성장 도시", "시민이 주인인 행정")

OUTLETS = (
    ("가상일보", MediaEngagement.Medium.NEWSPAPER),
    ("가상경제신문", MediaEngagement.Medium.NEWSPAPER),
    ("가상시민일보", MediaEngagement.Medium.NEWSPAPER),
    ("가상방송", MediaEngagement.Medium.BROADCAST),
    ("가상라디오", MediaEngagement.Medium.BROADCAST),
    ("가상뉴스통신", MediaEngagement.Medium.ONLINE),
    ("가상인터넷뉴스", MediaEngagement.Medium.ONLINE),
)
MEDIA_KINDS = (
    MediaEngagement.Kind.BRIEFING,
    MediaEngagement.Kind.PRESS_CONFERENCE,
    MediaEngagement.Kind.INTERVIEW,
)
MEDIA_KIND_WEIGHTS = (20, 5, 75)

BUDGET_SUBJECTS = (
    ("기관운영업무추진비", "조직 운영, 유관기관 협조 등 제반 경비", 30),
    ("시책추진업무추진비", "주요 행사와 시책 추진을 위한 경비", 20),
    ("정원가산업무추진비", "정원에 따라 가산되는 부서 운영 경비", 8),
    ("부서운영업무추진비", "부서 운영과 직원 격려 경비", 10),
    ("사무관리비", "사무용품, 인쇄, 소모품 등", 12),
    ("국내여비", "출장 여비", 8),
    ("행사운영비", "행사 개최와 참석 경비", 7),
    ("공공운영비", "차량 유지, 공공요금 등", 5),
)
SPENDING = (
    "유관기관 업무협의 간담회",
    "현장 방문 관계자 다과",
    "직원 격려 물품",
    "행사 참석자 식대",
    "업무협의 식대",
    "사무용품 구입",
    "출장 여비",
    "홍보물 인쇄",
    "차량 유지비",
)

CITY_GRADES = (
    ("일반직", "2·3급", 1),
    ("일반직", "4급", 2),
    ("일반직", "5급", 4),
    ("일반직", "6급", 6),
    ("일반직", "7급", 5),
    ("일반직", "8·9급", 3),
    ("별정직", "4급상당", 1),
    ("별정직", "5급상당", 10),
    ("별정직", "6급상당", 4),
    ("별정직", "7~9급상당", 3),
)
DISTRICT_GRADES = (
    ("일반직", "5급", 1),
    ("일반직", "6급", 3),
    ("일반직", "7급", 3),
    ("일반직", "8·9급", 2),
    ("별정직", "5급상당", 1),
    ("별정직", "6급상당", 2),
    ("별정직", "7~9급상당", 2),
)

PARTNERS = (
    ("가상도", "가상도", Partner.Kind.REGION),
    ("가상광역시", "가상광역시", Partner.Kind.REGION),
    ("가상남도", "가상남도", Partner.Kind.REGION),
    ("가상공화국 수도시", "가상수도", Partner.Kind.FOREIGN),
    ("가상대학교", "가상대", Partner.Kind.ORGANIZATION),
    ("가상공사", "가상공사", Partner.Kind.ORGANIZATION),
    ("가상상공회의소", "가상상의", Partner.Kind.ORGANIZATION),
    ("가상부(중앙행정기관)", "가상부", Partner.Kind.CENTRAL),
)
AGREEMENT_TOPICS = (
    "관광",
    "청년 일자리",
    "도시디자인",
    "재난 대응",
    "데이터 행정",
    "문화 교류",
    "탄소중립",
    "돌봄",
)

INDICATOR_UNITS = (("개소", 10, 60), ("명", 500, 20_000), ("건", 100, 5_000), ("회", 10, 120))
PROJECT_WORDS = ("확충", "조성", "지원", "개선", "운영", "도입")


@dataclass(frozen=True)
class Plan:
    """What to generate: the arguments of `generate_data`."""

    years: int
    offices: int
    seed: int
    end_year: int
    scale: float = 1.0
    prefix: str = "gen"
    password: str | None = None

    @property
    def year_range(self) -> range:
        return range(self.end_year - self.years + 1, self.end_year + 1)

    def count(self, per_year: int) -> int:
        """A per-year count scaled, never below one."""
        return max(1, round(per_year * self.scale))


@dataclass(frozen=True)
class OfficeSpec:
    """The invented identity of one generated office."""

    slug: str
    organization: str
    organization_short: str
    name: str
    is_city: bool


def office_specs(plan: Plan) -> list[OfficeSpec]:
    """The city office first, then the district offices, with deterministic slugs."""
    specs = [OfficeSpec(f"{plan.prefix}-city", CITY, "가상시", "시장비서실(가상)", True)]
    for n in range(1, plan.offices):
        district = f"{DISTRICTS[n - 1]}구" if n <= len(DISTRICTS) else f"제{n}구"
        specs.append(
            OfficeSpec(
                f"{plan.prefix}-gu-{n:02d}",
                f"{CITY} {district}",
                f"가상시 {district}",
                "구청장 비서실(가상)",
                False,
            )
        )
    return specs


def existing_slugs(plan: Plan) -> list[str]:
    slugs = [spec.slug for spec in office_specs(plan)]
    return list(Office.objects.filter(slug__in=slugs).values_list("slug", flat=True))


# Generated records are deleted by SQL, not through the ORM's collector: that would load
# millions of rows and write a history row for each. Foreign keys are deferred to commit on
# PostgreSQL and SQLite alike, so the order of these statements does not matter.
_OFFICE_TABLES: tuple[tuple[type[models.Model], str], ...] = (
    (Expenditure, "line_id IN (SELECT id FROM {budget_budgetline} WHERE office_id IN ({ids}))"),
    (BudgetLine, "office_id IN ({ids})"),
    (StaffingLine, "snapshot_id IN (SELECT id FROM {org_staffingsnapshot} WHERE {office})"),
    (ExtraPost, "snapshot_id IN (SELECT id FROM {org_staffingsnapshot} WHERE {office})"),
    (StaffingSnapshot, "office_id IN ({ids})"),
    (Event.themes.through, "event_id IN (SELECT id FROM {schedule_event} WHERE {office})"),
    (Event, "office_id IN ({ids})"),
    (MediaEngagement, "office_id IN ({ids})"),
    (Observation, "indicator_id IN (SELECT id FROM {core_indicator} WHERE {office})"),
    (Target, "indicator_id IN (SELECT id FROM {core_indicator} WHERE {office})"),
    (Indicator, "office_id IN ({ids})"),
    (Narrative, "program_id IN (SELECT id FROM {programs_program} WHERE {office})"),
    (Milestone, "program_id IN (SELECT id FROM {programs_program} WHERE {office})"),
    (TrackedItem, "program_id IN (SELECT id FROM {programs_program} WHERE {office})"),
    (
        Block,
        "section_id IN (SELECT s.id FROM {reports_section} s JOIN {reports_report} r "
        "ON s.report_id = r.id WHERE r.office_id IN ({ids}))",
    ),
    (Section, "report_id IN (SELECT id FROM {reports_report} WHERE {office})"),
    (Report, "office_id IN ({ids})"),
    (Program, "office_id IN ({ids})"),
    (
        Agreement.partners.through,
        "agreement_id IN (SELECT id FROM {relations_agreement} WHERE {office})",
    ),
    (Agreement, "office_id IN ({ids})"),
    (MeetingSession, "series_id IN (SELECT id FROM {relations_meetingseries} WHERE {office})"),
    (MeetingSeries, "office_id IN ({ids})"),
    (OfficeFunctionPoint, "function_id IN (SELECT id FROM {core_officefunction} WHERE {office})"),
    (OfficeFunction, "office_id IN ({ids})"),
    (Domain, "office_id IN ({ids})"),
    (PolicyTheme, "office_id IN ({ids})"),
    (Agenda, "office_id IN ({ids})"),
    (PrivacyReason, "office_id IN ({ids})"),
)


def delete_offices(slugs: Sequence[str]) -> None:
    """Delete generated offices with everything in them, in one transaction.

    Records others made in these offices (users, imports, plans) go through the ORM first,
    so their own relations are honoured; the generated bulk goes by SQL."""
    offices = list(Office.objects.filter(slug__in=slugs))
    if not offices:
        return
    ids = ",".join(str(o.pk) for o in offices)
    generated = {model for model, _ in _OFFICE_TABLES}
    tables = {m._meta.db_table: connection.ops.quote_name(m._meta.db_table) for m in generated}
    with transaction.atomic():
        for model in _office_owned_models():
            if model not in generated:
                model._default_manager.filter(office__in=offices).delete()
        with connection.cursor() as cursor:
            for model, where in _OFFICE_TABLES:
                condition = where.format(ids=ids, office=f"office_id IN ({ids})", **tables)
                cursor.execute(f"DELETE FROM {tables[model._meta.db_table]} WHERE {condition}")
        User.objects.filter(office__in=offices).delete()
        Term.objects.filter(organization__in=[o.organization for o in offices]).delete()
        with connection.cursor() as cursor:
            for model, column in ((Department, "office_id"), (Office, "id")):
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({ids})")


def _office_owned_models() -> list[type[models.Model]]:
    """Models of any app with a foreign key `office` to Office, users and departments aside."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.fields if f.name == "office"), None)
        if (
            field is not None
            and field.is_relation
            and field.related_model is Office
            and model not in (User, Department)
            and not model.__name__.startswith("Historical")
        ):
            found.append(model)
    return found


# -- one office -----------------------------------------------------------------------------


@dataclass
class World:
    """What the generators of one office share: its records so far and its random source."""

    plan: Plan
    spec: OfficeSpec
    rng: random.Random
    office: Office
    departments: dict[str, Department]
    domains: list[Domain]
    themes: list[PolicyTheme]
    agendas: list[Agenda]
    counts: Counter[str]

    def dept(self, slug: str) -> Department:
        return self.departments[slug]

    def copy(
        self, model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Insert rows of plain values, for the largest tables whose keys nobody needs back.

        PostgreSQL takes them by COPY, several times faster than INSERT from model instances
        (the expenditures alone are most of the data set); other databases by bulk_create."""
        self.counts[model._meta.label] += len(rows)
        if connection.vendor != "postgresql":
            model._default_manager.bulk_create(
                (model(**dict(zip(columns, row, strict=True))) for row in rows),
                batch_size=BATCH,
            )
            return
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"COPY {table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def save(self, model: type[models.Model], objs: list[Any]) -> list[Any]:
        """Bulk-create `objs` in batches and count them; returns them with their keys."""
        created = model._default_manager.bulk_create(objs, batch_size=BATCH)
        self.counts[model._meta.label] += len(objs)
        return created


def generate_office(plan: Plan, spec: OfficeSpec, password_hash: str | None = None) -> Counter[str]:
    """Every record of one office over the plan's years, in one transaction; with a password
    hash (made once for all offices: hashing is slow on purpose), its four users."""
    rng = random.Random(f"{plan.seed}:{spec.slug}")
    counts: Counter[str] = Counter()
    with transaction.atomic():
        office = Office.objects.create(
            slug=spec.slug,
            organization=spec.organization,
            organization_short=spec.organization_short,
            name=spec.name,
        )
        counts["core.Office"] += 1
        departments = {
            slug: Department(office=office, slug=slug, name=name) for slug, name in DEPARTMENTS
        }
        Department.objects.bulk_create(departments.values())
        counts["core.Department"] += len(departments)
        world = World(plan, spec, rng, office, departments, [], [], [], counts)
        generate_office_basics(world)
        generate_events(world)
        interviews = generate_media(world)
        generate_press_indicator(world, interviews)
        tasks, core_tasks = generate_programs(world)
        generate_budget(world)
        generate_staffing(world)
        series = generate_relations(world)
        generate_reports(world, tasks, core_tasks, series)
        if password_hash is not None:
            generate_users(world, password_hash)
    return counts


def generate_office_basics(world: World) -> None:
    """Terms, functions, domains, themes and agendas of the office."""
    office, plan = world.office, world.plan
    # Terms of four years from 1 July, as Korean local terms run (민선 기수 invented here).
    first = plan.year_range.start
    start_year = 2022 - 4 * math.ceil(max(0, 2022 - first) / 4)
    number = 1
    while start_year <= plan.end_year:
        Term.objects.get_or_create(
            organization=office.organization,
            name=f"가상 {number}기",
            defaults={
                "start": datetime.date(start_year, 7, 1),
                "end": datetime.date(start_year + 4, 6, 30),
            },
        )
        start_year += 4
        number += 1
    head = "시장" if world.spec.is_city else "구청장"
    functions = [
        (f"현장 중심의 {head} 일정 기획 및 메시지 지원", ["민생 현장 방문 일정 수립·추진"]),
        ("핵심 정책과제 추진 지원", ["공약사업과 핵심과제의 진행 점검"]),
        ("대내외 소통·협력", ["중앙정부, 다른 지방자치단체, 기관·단체와의 협력"]),
    ]
    for order, (title, points) in enumerate(functions):
        function = OfficeFunction.objects.create(office=office, order=order, title=title)
        OfficeFunctionPoint.objects.bulk_create(
            OfficeFunctionPoint(function=function, order=n, text=text)
            for n, text in enumerate(points)
        )
    world.counts["core.OfficeFunction"] += len(functions)
    world.domains = world.save(
        Domain,
        [
            Domain(
                office=office,
                name=name,
                heading=heading,
                description=f"{name} 분야 현장 방문 및 시책 점검 (합성 자료)",
                color=color,
                order=order,
            )
            for order, (name, heading, color) in enumerate(DOMAINS)
        ],
    )
    world.themes = world.save(PolicyTheme, [PolicyTheme(office=office, name=t) for t in THEMES])
    world.agendas = world.save(
        Agenda,
        [
            Agenda(office=office, name=name, season_start_month=start, season_end_month=end)
            for name, start, end in AGENDAS
        ],
    )


@functools.cache
def korean_holidays(years: tuple[int, ...]) -> frozenset[datetime.date]:
    """Korean public holidays of the years (computing them takes a while; offices share)."""
    return frozenset(holidays.country_holidays("KR", years=list(years)).keys())


def _weights_by_day(
    year: int, holiday_days: frozenset[datetime.date]
) -> list[tuple[datetime.date, float]]:
    """How busy each day of the year is: weekdays over weekends, holidays and the quiet
    weeks of late December and early August light."""
    days = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        weight = (1.0, 1.0, 1.0, 1.0, 1.0, 0.35, 0.2)[day.weekday()]
        if day in holiday_days:
            weight *= 0.15
        if (day.month == 12 and day.day >= 22) or (day.month == 8 and day.day <= 10):
            weight *= 0.4
        if day.month == 1 and day.day <= 3:
            weight *= 0.3
        days.append((day, weight))
        day += datetime.timedelta(days=1)
    return days


def _spread(
    rng: random.Random, days: list[tuple[datetime.date, float]], n: int
) -> Counter[datetime.date]:
    dates = [d for d, _ in days]
    return Counter(rng.choices(dates, weights=[w for _, w in days], k=n))


def _day_times(rng: random.Random, k: int) -> list[tuple[datetime.time, datetime.time | None]]:
    """`k` events of one day between 07:00 and 21:00, one after another with the 30 minutes
    of travel between them; one pair in fifty clashes, so the checks find a few."""
    # In ten-minute slots. An event without an end time is taken to last an hour (the
    # checks' default), so it is laid out as one.
    lengths = [rng.choice((3, 6, 6, 9, 12)) for _ in range(k)]
    gaps = [3 + rng.choice((0, 0, 1, 2, 3, 6, 12)) for _ in range(k - 1)]
    day_start, day_end = 7 * 6, 21 * 6
    if sum(lengths) + sum(gaps) > day_end - day_start:  # a crowded day: short and tight
        lengths, gaps = [3] * k, [3] * (k - 1)
    room = max(0, day_end - day_start - sum(lengths) - sum(gaps))
    # Most days begin in the morning's working hours, not at seven.
    start = day_start + int(rng.triangular(0, room, min(room, 15)))
    out: list[tuple[datetime.time, datetime.time | None]] = []
    for i, length in enumerate(lengths):
        end = min(start + length, day_end)
        no_end = length == 6 and rng.random() < 0.1
        out.append((_slot(min(start, day_end - 1)), None if no_end else _slot(end)))
        if i < len(gaps):
            start = end + (-2 if rng.random() < 0.02 else gaps[i])
    return out


def _slot(slot: int) -> datetime.time:
    return datetime.time(slot // 6, slot % 6 * 10)


def generate_events(world: World) -> None:
    """About 1,200 events a year: kinds, domains, places, public or not, some cancelled."""
    rng, plan, office = world.rng, world.plan, world.office
    holiday_days = korean_holidays(tuple(plan.year_range))
    districts = (
        [f"{d}구" for d in DISTRICTS[: max(1, plan.offices - 1)]]
        if world.spec.is_city
        else [world.spec.organization_short.split()[-1]]
    )
    last_month = datetime.date(plan.end_year, 12, 1)
    seasonal = {a.name: a for a in world.agendas}
    department = world.dept("schedule")
    reasons = add_default_privacy_reasons(office)
    world.counts["schedule.PrivacyReason"] += len(reasons)
    # The reasons come from a generator of their own, so that the rest of the data set stays
    # what the same seed has always made.
    reason_rng = random.Random(f"{plan.seed}:{world.spec.slug}:privacy")
    events: list[Event] = []
    for year in plan.year_range:
        per_day = _spread(rng, _weights_by_day(year, holiday_days), plan.count(EVENTS_PER_YEAR))
        for day in sorted(per_day):
            titles: set[str] = set()
            for start, end in _day_times(rng, per_day[day]):
                domain = rng.choices(world.domains, weights=DOMAIN_WEIGHTS)[0]
                kind = rng.choices(EVENT_KINDS, weights=EVENT_KIND_WEIGHTS)[0]
                # A title not yet the day's: two events of one title on one day are taken by
                # the checks for one event recorded twice, which a draw should not make.
                topics = TOPICS[domain.name]
                fresh = [t for t in topics if f"{t} {KIND_WORDS[kind]}" not in titles]
                topic = rng.choice(fresh or topics)
                titles.add(f"{topic} {KIND_WORDS[kind]}")
                district = rng.choice(districts)
                agenda = None
                if domain.name == "안전" and kind == Event.Kind.FIELD_VISIT:
                    if 6 <= day.month <= 9:
                        agenda = seasonal[rng.choice(("폭염", "풍수해"))]
                    elif day.month in (12, 1, 2):
                        agenda = seasonal[rng.choice(("한파", "대설"))]
                in_field = kind in (Event.Kind.FIELD_VISIT, Event.Kind.MEETING_TALK)
                place = f"{district} {topic}" if in_field else rng.choice(PLACES)
                if rng.random() < 0.03:
                    status = Event.Status.CANCELLED
                elif day >= last_month:
                    status = Event.Status.PLANNED
                else:
                    status = Event.Status.DONE
                is_public = rng.random() < (0.6 if kind == Event.Kind.MEETING else 0.9)
                reason = None if is_public else reason_rng.choice(reasons)
                events.append(
                    Event(
                        office_id=office.pk,
                        department_id=department.pk,
                        title=f"{topic} {KIND_WORDS[kind]}",
                        kind=kind,
                        domain_id=domain.pk,
                        agenda_id=agenda.pk if agenda else None,
                        date=day,
                        start_time=start,
                        end_time=end,
                        place=place,
                        district=district if in_field else "",
                        summary=f"{topic} 현황 청취 및 관계자 의견 수렴 (합성 자료)",
                        status=status,
                        is_public=is_public,
                        privacy_reason_id=reason.pk if reason is not None else None,
                        attendance=(
                            Event.Attendance.PROXY
                            if rng.random() < 0.08
                            else Event.Attendance.IN_PERSON
                        ),
                        source=SOURCE,
                    )
                )
    created = world.save(Event, events)
    through = Event.themes.through
    links = [
        through(event_id=event.pk, policytheme_id=rng.choice(world.themes).pk)
        for event in created
        if rng.random() < 0.2
    ]
    world.save(through, links)


def generate_media(world: World) -> list[MediaEngagement]:
    """About 300 engagements a year, weekdays; returns the interviews."""
    rng, plan, office = world.rng, world.plan, world.office
    items: list[MediaEngagement] = []
    department = world.dept("press")
    for year in plan.year_range:
        days = [
            (d, 0.0 if d.weekday() >= 5 else 1.0) for d, _ in _weights_by_day(year, frozenset())
        ]
        per_day = _spread(rng, days, plan.count(MEDIA_PER_YEAR))
        for day in sorted(per_day):
            for order in range(per_day[day]):
                kind = rng.choices(MEDIA_KINDS, weights=MEDIA_KIND_WEIGHTS)[0]
                domain = rng.choice(DOMAINS)[0]
                topic = rng.choice(TOPICS[domain])
                outlet, medium = rng.choice(OUTLETS)
                interview = kind == MediaEngagement.Kind.INTERVIEW
                items.append(
                    MediaEngagement(
                        office_id=office.pk,
                        department_id=department.pk,
                        kind=kind,
                        date=day,
                        title=(
                            f"{outlet} {topic} 인터뷰"
                            if interview
                            else f"{topic} {rng.choice(PROJECT_WORDS)} 계획 발표"
                        ),
                        key_points=f"{domain} 분야 {topic} 정책 방향 설명 (합성 자료)",
                        outlet=outlet if interview else "",
                        medium=medium if interview else "",
                        order=order,
                        source=SOURCE,
                    )
                )
    world.save(MediaEngagement, items)
    return [m for m in items if m.kind == MediaEngagement.Kind.INTERVIEW]


def generate_press_indicator(world: World, interviews: list[MediaEngagement]) -> None:
    """The stated interview counts of each report period (1.1.~8.31.), by medium, as an
    office states them; they agree with the records, so the checks stay quiet about them."""
    indicator = Indicator.objects.create(
        office=world.office,
        department=world.dept("press"),
        key=INTERVIEWS,
        name="언론 인터뷰",
        unit="회",
        dimensions=["매체"],
        derivation="press.engagements",
        derivation_params={"kind": "interview", "dimension": "매체"},
    )
    world.counts["core.Indicator"] += 1
    labels = dict(MediaEngagement.Medium.choices)
    observations = []
    for year in world.plan.year_range:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 8, 31)
        window = [m for m in interviews if start <= m.date <= end]
        by_medium = Counter(m.medium for m in window)
        rows: list[tuple[dict[str, str], int]] = [({}, len(window))]
        rows += [({"매체": labels[value]}, by_medium[value]) for value, _ in labels.items()]
        observations += [
            Observation(
                indicator=indicator,
                period_start=start,
                period_end=end,
                as_of=end,
                value=Decimal(count),
                dimension_values=dims,
                source=SOURCE,
                order=n,
            )
            for n, (dims, count) in enumerate(rows)
        ]
    world.save(Observation, observations)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def generate_programs(world: World) -> tuple[dict[str, Program], dict[tuple[str, int], Program]]:
    """Standing tasks (주요업무), a core task per domain and year, and the projects under them
    with indicators, targets, monthly observations, narratives, milestones and tracked items.

    Returns the tasks by key and the core tasks by (domain, start year)."""
    rng, plan, office = world.rng, world.plan, world.office
    head = "시장" if world.spec.is_city else "구청장"
    standing = [
        ("field", "schedule", f"민생 현장 중심의 {head} 현장 행정 강화"),
        ("press", "press", "주요 시책 언론 발표를 통한 시민 소통 강화"),
        ("relations", "cooperation", "대외 협력과 지역 상생 강화"),
    ] + [(f"domain-{i}", "policy", f"{d[0]} 분야 핵심 정책 추진") for i, d in enumerate(DOMAINS)]
    tasks = {
        key: Program(
            office=office,
            department=world.dept(dept),
            slug=f"task-{key}",
            kind=Program.Kind.TASK,
            title=title,
            summary=f"{title}을 위한 주요 업무 (합성 자료)",
            order=order,
        )
        for order, (key, dept, title) in enumerate(standing)
    }
    world.save(Program, list(tasks.values()))
    narratives = []
    for task in tasks.values():
        for n, (section, text) in enumerate(
            (
                (Narrative.Section.DIRECTION, "시민 체감도를 높이는 시기별·현안별 계획 수립"),
                (Narrative.Section.DIRECTION, "관계 부서와 협력하여 현장에서 해법 모색"),
                (Narrative.Section.PLAN, "분기별 추진 상황 점검 및 보완 (연중 지속)"),
            )
        ):
            narratives.append(Narrative(program=task, section=section, text=text, order=n))

    # Projects start each year and run one to four; those started before the first year are
    # made only when still running in it, so about 40 are active in every year.
    first = plan.year_range.start
    cutoff = datetime.date(plan.end_year, 12, 1)
    core_tasks: dict[tuple[str, int], Program] = {}
    projects: list[tuple[Program, int]] = []
    order = len(tasks)
    for start_year in range(first - 3, plan.end_year + 1):
        for n in range(plan.count(PROJECTS_STARTED_PER_YEAR)):
            duration = rng.randint(1, 4)
            if start_year + duration - 1 < first:
                continue
            domain_index = rng.choices(range(len(DOMAINS)), weights=DOMAIN_WEIGHTS)[0]
            domain = DOMAINS[domain_index][0]
            key = (domain, start_year)
            if key not in core_tasks:
                core_tasks[key] = Program(
                    office=office,
                    department=world.dept("policy"),
                    parent=tasks[f"domain-{domain_index}"],
                    slug=f"core-{domain_index}-{start_year}",
                    kind=Program.Kind.CORE_TASK,
                    title=f"{start_year}년 {domain} 분야 핵심과제",
                    order=order,
                )
                order += 1
            topic = rng.choice(TOPICS[domain])
            start = datetime.date(start_year, rng.randint(1, 6), 1)
            end = _month_end(start_year + duration - 1, rng.randint(9, 12))
            project = Program(
                office=office,
                department=world.dept("policy"),
                slug=f"project-{start_year}-{n + 1:03d}",
                kind=Program.Kind.PROJECT,
                title=f"{topic} {rng.choice(PROJECT_WORDS)}",
                summary=f"{domain} 분야 {topic} 사업 (합성 자료)",
                tags=["신규"] if rng.random() < 0.3 else [],
                is_pledge=rng.random() < 0.25,
                start=start,
                end=end,
                order=order,
            )
            order += 1
            projects.append((project, start_year))
    world.save(Program, list(core_tasks.values()))
    for project, start_year in projects:
        domain = project.summary.split()[0]
        project.parent = core_tasks[(domain, start_year)]
    world.save(Program, [p for p, _ in projects])

    program_type = ContentType.objects.get_for_model(Program)
    indicators: list[Indicator] = []
    plans: list[tuple[Indicator, Program, Decimal, float]] = []
    milestones: list[Milestone] = []
    tracked: list[TrackedItem] = []
    for project, _ in projects:
        assert project.start is not None and project.end is not None
        for i in range(rng.randint(1, 2)):
            unit, low, high = rng.choice(INDICATOR_UNITS)
            target = Decimal(rng.randrange(low, high))
            indicator = Indicator(
                office=office,
                department=project.department,
                key=f"{project.slug}-{i + 1}",
                name=f"{project.title} 실적" if i == 0 else f"{project.title} 참여",
                unit=unit,
                direction=Indicator.Direction.UP,
                subject_type=program_type,
                subject_id=project.pk,
                order=len(indicators),
            )
            indicators.append(indicator)
            # How well the project keeps to plan: most on track, some behind, a few ahead.
            plans.append((indicator, project, target, rng.uniform(0.6, 1.15)))
        indicator_key = indicators[-1].key
        milestone_dates = sorted(
            {_month_between(rng, project.start, project.end) for _ in range(rng.randint(2, 4))}
        )
        for m, when in enumerate(milestone_dates):
            milestones.append(
                Milestone(
                    program=project,
                    key=f"{project.slug}-m{m + 1}",
                    title=f"{project.title} {('착수', '중간 점검', '확대 시행', '완료 보고')[m]}",
                    date=when,
                    precision="month",
                    open_ended=m == len(milestone_dates) - 1 and rng.random() < 0.3,
                    status=Milestone.Status.DONE if when < cutoff else Milestone.Status.PLANNED,
                    order=m,
                    source=SOURCE,
                )
            )
        narratives += [
            Narrative(
                program=project,
                section=Narrative.Section.OVERVIEW,
                text=f"**{project.title}** 추진으로 시민 생활 개선",
                order=0,
            ),
            Narrative(
                program=project,
                section=Narrative.Section.PROGRESS,
                label="추진실적",
                text=f"누적 실적 {{{{{indicator_key}}}}} (목표 대비 점검 중)",
                order=1,
            ),
            Narrative(
                program=project,
                section=Narrative.Section.PLAN,
                text=f"단계별 추진 : {{{{milestone:{project.slug}-m1}}}}",
                order=2,
            ),
        ]
        if rng.random() < 0.2:
            for t in range(rng.randint(5, 12)):
                due = _month_between(rng, project.start, project.end)
                done = due < cutoff and rng.random() < 0.8
                tracked.append(
                    TrackedItem(
                        program=project,
                        name=f"{project.title.split()[0]} {t + 1}호",
                        group=str(rng.randint(1, 9)),
                        status=TrackedItem.Status.DONE if done else TrackedItem.Status.PLANNED,
                        due=due,
                        done=due if done else None,
                        order=t,
                        source=SOURCE,
                    )
                )
    world.save(Narrative, narratives)
    world.save(Milestone, milestones)
    world.save(TrackedItem, tracked)
    world.save(Indicator, indicators)
    targets = []
    observations = []
    last = _month_end(plan.end_year, 12)
    for indicator, project, target, pace in plans:
        assert project.start is not None and project.end is not None
        targets.append(
            Target(
                indicator=indicator,
                value=target,
                due=project.end.replace(day=1),
                due_precision="month",
                source=SOURCE,
            )
        )
        months = _months(project.start, min(project.end, last))
        length = Decimal(len(_months(project.start, project.end)))
        value = Decimal(0)
        for m, month_end in enumerate(months):
            planned = target * Decimal(m + 1) / length
            # Cumulative: never below last month's figure.
            value = max(value, (planned * Decimal(pace * rng.uniform(0.95, 1.05))).quantize(1))
            observations.append(
                Observation(
                    indicator_id=indicator.pk,
                    period_start=project.start,
                    period_end=month_end,
                    as_of=month_end,
                    value=value,
                    source=SOURCE,
                )
            )
    world.save(Target, targets)
    world.save(Observation, observations)
    return tasks, core_tasks


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The month ends from `start`'s month to `end`'s month."""
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(_month_end(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _month_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return rng.choice(_months(start, end)).replace(day=1)


def generate_budget(world: World) -> None:
    """Budget lines of every fiscal year and about 10,000 expenditures a year over them,
    mostly within each line's amount; a few lines overspent, at least one per office."""
    rng, plan, office = world.rng, world.plan, world.office
    base = 450_000_000 if world.spec.is_city else 120_000_000
    over_done = False
    for year in plan.year_range:
        growth = 1.03 ** (year - plan.year_range.start)
        lines = [
            BudgetLine(
                office=office,
                department=world.dept("secretariat"),
                fiscal_year=year,
                subject=subject,
                amount=round(base * share / 100 * growth * rng.uniform(0.9, 1.1), -5),
                purpose=purpose,
                order=order,
            )
            for order, (subject, purpose, share) in enumerate(BUDGET_SUBJECTS)
        ]
        world.save(BudgetLine, lines)
        over = {i for i in range(len(lines)) if rng.random() < 0.03}
        if not over_done and year == plan.end_year and not over:
            over = {rng.randrange(len(lines))}
        over_done = over_done or bool(over)
        days = [
            (
                d,
                (0.0 if d.weekday() >= 5 else 1.0)
                * (0.6 if d.month == 1 else 1.0)
                * (1.5 if d.month == 12 else 1.0),
            )
            for d, _ in _weights_by_day(year, frozenset())
        ]
        dates = [d for d, _ in days]
        day_weights = [w for _, w in days]
        total = plan.count(EXPENDITURES_PER_YEAR)
        per_line = Counter(
            rng.choices(range(len(lines)), weights=[ln.amount for ln in lines], k=total)
        )
        rows: list[tuple[Any, ...]] = []
        for i, line in enumerate(lines):
            n = max(per_line[i], 1 if i in over else 0)
            if n == 0:
                continue
            ratio = rng.uniform(1.01, 1.08) if i in over else rng.uniform(0.7, 0.97)
            spent = int(line.amount * ratio) // 10 * 10
            weights = [rng.lognormvariate(0, 0.8) for _ in range(n)]
            scale = sum(weights)
            amounts = [int(spent * w / scale) // 10 * 10 for w in weights]
            amounts[-1] += spent - sum(amounts)
            spent_on = sorted(rng.choices(dates, weights=day_weights, k=n))
            rows += [
                (line.pk, day, amount, rng.choice(SPENDING), SOURCE)
                for day, amount in zip(spent_on, amounts, strict=True)
            ]
        world.copy(Expenditure, ("line_id", "date", "amount", "description", "source"), rows)


def generate_staffing(world: World) -> None:
    """A staffing table for the first of every month: posts per grade, filled mostly below."""
    rng, plan, office = world.rng, world.plan, world.office
    grades = CITY_GRADES if world.spec.is_city else DISTRICT_GRADES
    snapshots = [
        StaffingSnapshot(
            office=office,
            department=world.dept("secretariat"),
            as_of=datetime.date(year, month, 1),
            source=SOURCE,
        )
        for year in plan.year_range
        for month in range(1, 13)
    ]
    world.save(StaffingSnapshot, snapshots)
    lines: list[StaffingLine] = []
    extras: list[ExtraPost] = []
    posts = {(series, grade): count for series, grade, count in grades}
    for snapshot in snapshots:
        if snapshot.as_of.month == 1:  # posts are revised with the year's organisation
            posts = {k: max(0, v + rng.choice((-1, 0, 0, 0, 1))) for k, v in posts.items()}
        for order, ((series, grade), count) in enumerate(posts.items()):
            roll = rng.random()
            filled = count + 1 if roll < 0.03 else max(0, count - (1 if roll < 0.4 else 0))
            lines.append(
                StaffingLine(
                    snapshot_id=snapshot.pk,
                    series=series,
                    grade=grade,
                    posts=count,
                    filled=filled,
                    order=order,
                )
            )
        if world.spec.is_city:
            extras += [
                ExtraPost(
                    snapshot=snapshot,
                    employment_type="전문임기제",
                    title=title,
                    agreed_with="가상부(중앙행정기관)",
                    order=n,
                )
                for n, title in enumerate(("정책특보(가상)", "소통특보(가상)", "미디어수석(가상)"))
            ]
    world.save(StaffingLine, lines)
    world.save(ExtraPost, extras)


def generate_relations(world: World) -> list[MeetingSeries]:
    """Meeting series with their sessions, and agreements with invented partners."""
    rng, plan, office = world.rng, world.plan, world.office
    if world.spec.is_city:
        kinds = [
            ("가상 국무회의", "대통령", 14),
            ("중앙지방협력회의(가상)", "대통령", 2),
            ("시도지사협의회(가상)", "회장", 8),
        ]
    else:
        kinds = [("구청장협의회(가상)", "회장", 16), ("시·구 정책협의회(가상)", "시장", 8)]
    series = world.save(
        MeetingSeries,
        [
            MeetingSeries(
                office=office,
                department=world.dept("cooperation"),
                name=name,
                chaired_by=chair,
                order=n,
            )
            for n, (name, chair, _) in enumerate(kinds)
        ],
    )
    sessions = []
    for one, (_, _, per_year) in zip(series, kinds, strict=True):
        number = 0
        for year in plan.year_range:
            count = plan.count(per_year * SESSIONS_PER_YEAR // 24)
            for day in sorted(rng.sample(_weekdays(year), count)):
                number += 1
                roll = rng.random()
                attendance = (
                    MeetingSession.Attendance.IN_PERSON
                    if roll < 0.7
                    else MeetingSession.Attendance.PROXY
                    if roll < 0.9
                    else MeetingSession.Attendance.ABSENT
                )
                sessions.append(
                    MeetingSession(
                        series=one,
                        number=number,
                        date=day,
                        agenda=f"{rng.choice(AGREEMENT_TOPICS)} 관련 협력 방안 논의",
                        attendance=attendance,
                        opinions_submitted=(
                            None
                            if attendance == MeetingSession.Attendance.ABSENT
                            else rng.randint(0, 3)
                        ),
                        source=SOURCE,
                    )
                )
    world.save(MeetingSession, sessions)
    partners = [
        Partner.objects.get_or_create(name=name, defaults={"short_name": short, "kind": kind})[0]
        for name, short, kind in PARTNERS
    ]
    agreements = []
    chosen: list[list[Partner]] = []
    for year in plan.year_range:
        for day in sorted(rng.sample(_weekdays(year), plan.count(AGREEMENTS_PER_YEAR))):
            picked = rng.sample(partners, rng.choice((1, 1, 1, 2)))
            kind = "우호교류협약" if picked[0].kind == Partner.Kind.FOREIGN else "업무협약"
            agreements.append(
                Agreement(
                    office=office,
                    department=world.dept("cooperation"),
                    date=day,
                    kind=kind,
                    title=f"{world.spec.organization_short}-{picked[0].short_name} {kind}",
                    topics=rng.sample(AGREEMENT_TOPICS, rng.randint(1, 3)),
                    topics_open_ended=rng.random() < 0.5,
                    source=SOURCE,
                )
            )
            chosen.append(picked)
    created = world.save(Agreement, agreements)
    through = Agreement.partners.through
    world.save(
        through,
        [
            through(agreement_id=agreement.pk, partner_id=partner.pk)
            for agreement, picked in zip(created, chosen, strict=True)
            for partner in picked
        ],
    )
    return series


def _weekdays(year: int) -> list[datetime.date]:
    return [d for d, _ in _weights_by_day(year, frozenset()) if d.weekday() < 5]


def generate_reports(
    world: World,
    tasks: dict[str, Program],
    core_tasks: dict[tuple[str, int], Program],
    series: list[MeetingSeries],
) -> None:
    """A draft 주요업무보고 per year (1.1.~8.31., issued in September) whose blocks query every
    kind of record: functions, staffing, budget, events, press, meetings, agreements,
    projects, milestones and tracked items."""
    office = world.office
    for year in world.plan.year_range:
        report = Report.objects.create(
            office=office,
            slug=f"{office.slug}-{year}",
            title="주요업무보고",
            issued=datetime.date(year, 9, 1),
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 8, 31),
            as_of=datetime.date(year, 8, 31),
        )
        world.counts["reports.Report"] += 1
        direction: dict[str, Any] = {"section": "direction"}
        plan_: dict[str, Any] = {"section": "plan"}
        layout: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
            ({"title": "일반 현황"}, []),
            ({"level": 2, "title": "주요 기능"}, [{"kind": "functions"}]),
            ({"level": 2, "title": "인력 현황"}, [{"kind": "staffing"}]),
            (
                {"level": 2, "title": "예산 집행현황"},
                [{"kind": "budget", "title": "과목별 집행현황", "symbol": "●"}],
            ),
            ({"title": "주요 업무", "page_break": True}, [{"kind": "tasks"}]),
            (
                {"level": 2, "program": tasks["field"], "show_summary": True},
                [
                    {"kind": "narrative", "title": "추진방향", "params": direction},
                    {
                        "kind": "events",
                        "title": "주요 현장방문 ({period})",
                        "params": {"kinds": [Event.Kind.FIELD_VISIT]},
                    },
                    {"kind": "narrative", "title": "향후계획", "params": plan_},
                ],
            ),
            (
                {"level": 2, "program": tasks["press"], "show_summary": True},
                [
                    {"kind": "narrative", "title": "추진방향", "params": direction},
                    {"kind": "press", "title": "추진내용 ({period})"},
                    {"kind": "narrative", "title": "향후계획", "params": plan_},
                ],
            ),
            (
                {"level": 2, "program": tasks["relations"], "show_summary": True},
                [{"kind": "narrative", "title": "추진방향", "params": direction}]
                + [
                    {
                        "kind": "meetings",
                        "title": f"{s.name} ({{period}})",
                        "params": {"series": s.name},
                    }
                    for s in series
                ]
                + [
                    {"kind": "agreements", "title": "협약 체결 ({period})"},
                    {"kind": "narrative", "title": "향후계획", "params": plan_},
                ],
            ),
        ]
        for index, (domain, *_rest) in enumerate(DOMAINS[:2]):
            core = core_tasks.get((domain, year))
            blocks: list[dict[str, Any]] = [
                {"kind": "narrative", "title": "추진방향", "params": direction}
            ]
            if core is not None:
                blocks.append(
                    {
                        "kind": "projects",
                        "title": "주요사업 추진현황({as_of} 기준)",
                        "params": {"program": core.slug},
                    }
                )
                first = core.children.order_by("order").first()
                if first is not None:
                    blocks.append(
                        {
                            "kind": "milestones",
                            "title": "추진일정",
                            "params": {"program": first.slug},
                        }
                    )
                    if first.tracked_items.exists():
                        blocks.append(
                            {
                                "kind": "tracked",
                                "params": {"program": first.slug, "status": "planned"},
                            }
                        )
            layout.append(
                (
                    {"level": 2, "program": tasks[f"domain-{index}"], "show_summary": True},
                    blocks,
                )
            )
        sections = world.save(
            Section,
            [
                Section(report=report, order=order, **fields)
                for order, (fields, _) in enumerate(layout)
            ],
        )
        world.save(
            Block,
            [
                Block(
                    section=section,
                    order=n,
                    kind=block["kind"],
                    title=block.get("title", ""),
                    symbol=block.get("symbol", "□"),
                    params=block.get("params", {}),
                )
                for section, (_, blocks_) in zip(sections, layout, strict=True)
                for n, block in enumerate(blocks_)
            ],
        )


def generate_users(world: World, password_hash: str) -> None:
    """Four users per office, one per role; the editor in the secretariat department."""
    office = world.office
    roles = (("admin", ADMIN), ("planner", PLANNER), ("editor", EDITOR), ("viewer", VIEWER))
    users = world.save(
        User,
        [
            User(
                username=f"{office.slug}-{name}",
                password=password_hash,
                office=office,
                department=world.dept("secretariat") if role == EDITOR else None,
                is_staff=role == ADMIN,
                last_name=f"{office.organization_short} {role}",
            )
            for name, role in roles
        ],
    )
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=[r for _, r in roles])}
    through = User.groups.through
    through.objects.bulk_create(
        through(user_id=user.pk, group_id=groups[role])
        for user, (_, role) in zip(users, roles, strict=True)
    )
