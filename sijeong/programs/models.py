"""The programme tree (사업 체계) and what is written and tracked about each node.

A node is an office's major task (주요업무), a brand (브랜드), a domain (분야), a core task
(핵심과제), a sub-project (세부사업) or a project (사업). Its figures are core Indicators whose
subject is the node; its prose is Narrative bullets; its dated plans are Milestones; its
countable parts (one subway station) are TrackedItems.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.models import Department, Office
from sijeong.core.validity import ORDER, Between, Record, ShapedJSONField

PRECISIONS = [("day", "일"), ("month", "월"), ("year", "년")]


class Program(Record):
    """A node of the programme tree (사업)."""

    class Kind(models.TextChoices):
        TASK = "task", "주요업무"
        BRAND = "brand", "브랜드"
        DOMAIN = "domain", "분야"
        CORE_TASK = "core_task", "핵심과제"
        SUB_PROJECT = "sub_project", "세부사업"
        PROJECT = "project", "사업"

    class Tag(models.TextChoices):
        NEW = "신규", "신규"
        IMPROVED = "개선", "개선"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="programs", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
        verbose_name="상위 사업",
    )
    slug = models.SlugField("영문 코드", max_length=100)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    title = models.CharField("사업명", max_length=200)
    summary = models.TextField("개요", max_length=2_000, blank=True)
    tags = ShapedJSONField(
        "표시", shape="labels", default=list, blank=True, help_text='예: ["신규"]'
    )
    is_pledge = models.BooleanField("공약사업", default=False)
    start = models.DateField("시작일", null=True, blank=True)
    end = models.DateField("종료일", null=True, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "정책사업"
        verbose_name_plural = "정책사업"
        ordering = ["office", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "slug"], name="program_slug_per_office")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "종료일이 시작일보다 이릅니다."})

    def ancestors(self) -> list[Program]:
        chain: list[Program] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def duration_months(self) -> int | None:
        """Calendar months the programme runs, counting the first and last (9.3.~2.28. → 6)."""
        if self.start is None or self.end is None:
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


class Narrative(Record):
    """One written bullet about a programme (추진방향, 추진내용, 향후계획 …) in order.

    Figures inside the prose are not typed but referenced, so a sentence always prints the
    recorded value (the report writer resolves them; the checks flag those that do not):

    - `{{key}}` the latest total observation of indicator `key`; `{{key|구분=값}}` one part;
      `{{key|구분=값:share}}` that part as a share of the total;
    - `{{key@2023-12-31}}` the observation whose period ends (or, without a period, whose
      as-of date is) on that day;
    - `{{key:number}}` the value without its unit (`341`);
    - `{{key:plan}}` latest observation → next target (`'23년 722대 → '24년 782대`);
    - `{{key:listed}}` the items stated with the figure (`경북, 제주 … 등`);
    - `{{key:yoy}}` the stated change on the year before (`(전년대비 6.8%↓)`);
    - `{{milestone:key}}` the date of that milestone (`'24. 9월~`);
    - `{{period:slug}}` a programme's period (`'24. 9. 3. ~ '25. 2. 28.(6개월)`).

    `**…**` sets text in bold, as reports set programme names and key results."""

    owner_field = "program"

    class Section(models.TextChoices):
        OVERVIEW = "overview", "개요"
        DIRECTION = "direction", "추진방향"
        PROGRESS = "progress", "추진내용"
        PLAN = "plan", "향후계획"

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="narratives", verbose_name="사업"
    )
    section = models.CharField("구분", max_length=20, choices=Section.choices)
    label = models.CharField("소제목", max_length=50, blank=True, help_text="예: 자격요건")
    text = models.TextField("내용", max_length=2_000)
    level = models.PositiveSmallIntegerField(
        "단계",
        default=1,
        validators=[Between(1, 4, "단계")],
        help_text="1: 첫째 단계, 2: 그 아래 …",
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "추진내용"
        verbose_name_plural = "추진내용"
        ordering = ["program", "section", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Milestone(Record):
    """A dated step of a programme (추진일정), at day, month or year precision."""

    owner_field = "program"

    class Status(models.TextChoices):
        PLANNED = "planned", "예정"
        DONE = "done", "완료"

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="milestones", verbose_name="사업"
    )
    key = models.SlugField(
        "영문 코드",
        max_length=100,
        blank=True,
        help_text="추진내용에서 {{milestone:영문 코드}}로 부릅니다.",
    )
    title = models.CharField("내용", max_length=200)
    date = models.DateField("시점", help_text="월 단위면 그 달의 1일")
    precision = models.CharField("시점 정밀도", max_length=5, choices=PRECISIONS, default="month")
    open_ended = models.BooleanField("이후 계속(~)", default=False, help_text="'24.11월~ 처럼")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PLANNED)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "추진일정"
        verbose_name_plural = "추진일정"
        ordering = ["program", "date", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.date.year}. {self.date.month}. {self.title}"


class TrackedItem(Record):
    """A countable part of a programme followed one by one (e.g. a station with its line)."""

    owner_field = "program"

    class Status(models.TextChoices):
        PLANNED = "planned", "미완료"
        DONE = "done", "완료"

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="tracked_items", verbose_name="사업"
    )
    name = models.CharField("항목", max_length=100)
    group = models.CharField("구분", max_length=30, blank=True, help_text="예: 호선 번호 5")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PLANNED)
    due = models.DateField("목표 시점", null=True, blank=True, help_text="월 단위면 그 달의 1일")
    done = models.DateField("완료 시점", null=True, blank=True, help_text="월 단위면 그 달의 1일")
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "관리 항목"
        verbose_name_plural = "관리 항목"
        ordering = ["program", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.group} {self.name}".strip()

    @property
    def month(self) -> datetime.date | None:
        return self.done if self.status == self.Status.DONE else self.due


class ComparisonTable(Record):
    """A side-by-side table of a programme (e.g. 시범사업 vs 본사업)."""

    owner_field = "program"

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="comparisons", verbose_name="사업"
    )
    title = models.CharField("제목", max_length=200, blank=True)
    corner = models.CharField("첫 칸", max_length=30, default="구분")
    columns = ShapedJSONField(
        "열",
        shape="columns",
        default=list,
        help_text='열마다 제목과 기간: [{"label": "본사업", "start": "2024-07"}]',
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "비교표"
        verbose_name_plural = "비교표"
        ordering = ["program", "order", "pk"]

    def __str__(self) -> str:
        return self.title or " / ".join(str(c.get("label", "")) for c in self.columns)


class ComparisonRow(Record):
    """One row of a comparison table: a label and one cell per column."""

    owner_field = "table"

    table = models.ForeignKey(
        ComparisonTable, on_delete=models.CASCADE, related_name="rows", verbose_name="비교표"
    )
    label = models.CharField("구분", max_length=50)
    cells = ShapedJSONField("내용", shape="cells", default=list)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "비교표 행"
        verbose_name_plural = "비교표 행"
        ordering = ["table", "order", "pk"]

    def __str__(self) -> str:
        return self.label


def running_in(first_year: int, last_year: int, prefix: str = "") -> models.Q:
    """The programmes (through `prefix`, e.g. "program__") that run in some part of the years:
    begun by the end of the last, not ended before the start of the first."""
    return ~models.Q(**{f"{prefix}start__gt": datetime.date(last_year, 12, 31)}) & ~models.Q(
        **{f"{prefix}end__lt": datetime.date(first_year, 1, 1)}
    )
