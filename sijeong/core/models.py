"""Office (기관), departments (부서), terms (민선 기수), functions (주요 기능) and stated figures.

Stated figures live here rather than in `programs` because press, relations and programmes
all report aggregates whose items are not in the system (국무회의 24회 참석, 인터뷰 25회): an
Indicator (지표) names the figure and what it is about, an Observation (실적값) is one stated
value with its source and as-of date, and a Target (목표) is a value to reach by a date.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from . import derivations
from .validity import FIGURE, ORDER, Between, Record, ShapedJSONField


class Office(Record):
    """An office that reports, e.g. 서울특별시 시장비서실."""

    slug = models.SlugField("영문 코드", unique=True)
    organization = models.CharField("기관", max_length=100, help_text="예: 서울특별시")
    organization_short = models.CharField(
        "기관 약칭", max_length=30, blank=True, help_text="예: 서울시"
    )
    name = models.CharField("부서명", max_length=100, help_text="예: 시장비서실")
    # The 2019 disclosure rule asks a head of government's public events to be on the public
    # schedule from 00:00 of their day at the latest; earlier is the office's choice (many
    # publish the day's schedule only on the day, for the head's safety).
    public_days_ahead = models.PositiveSmallIntegerField(
        "일정 미리 공개 일수",
        default=0,
        validators=[Between(0, 366, "일")],
        help_text="공개 일정을 그날보다 며칠 앞서 시민에게 보일지. "
        "0이면 그날 0시에 공개합니다(늦어도 그날 0시: 공공기관의 정보공개에 관한 법률 시행령).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"


class Department(Record):
    """A unit whose staff edit its records (부서). Users belong to one."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="departments", verbose_name="기관"
    )
    slug = models.SlugField("영문 코드")
    name = models.CharField("부서명", max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "부서"
        verbose_name_plural = "부서"
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "slug"], name="department_slug_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class Term(Record):
    """An elected term of the head of government, e.g. 민선 8기 from 2022-07-01."""

    organization = models.CharField("기관", max_length=100)
    name = models.CharField("명칭", max_length=30, help_text="예: 민선 8기")
    start = models.DateField("시작일")
    end = models.DateField("종료일", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "임기"
        verbose_name_plural = "임기"
        ordering = ["organization", "start"]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "종료일이 시작일보다 이릅니다."})


class OfficeFunction(Record):
    """One of an office's main functions (주요 기능), with its sub-points."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="functions", verbose_name="기관"
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    title = models.CharField("기능", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "주요 기능"
        verbose_name_plural = "주요 기능"
        ordering = ["office", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class OfficeFunctionPoint(Record):
    """A sub-point (세부 내용) of an office function."""

    owner_field = "function"

    function = models.ForeignKey(
        OfficeFunction, on_delete=models.CASCADE, related_name="points", verbose_name="기능"
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    text = models.CharField("내용", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "주요 기능 세부 내용"
        verbose_name_plural = "주요 기능 세부 내용"
        ordering = ["function", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Indicator(Record):
    """A figure that is tracked over time (지표): what it measures, its unit, what it is about.

    `key` is unique per office so that report definitions and checks can name an indicator
    as data. `derivation` names a registered query (core.derivations) that computes the same
    figure from item records; where both exist, the checks compare them.
    """

    class Display(models.TextChoices):
        NUMBER = "number", "숫자 (22,379명)"
        KOREAN = "korean", "만·천 단위 (395만건)"

    class Direction(models.TextChoices):
        UP = "up", "높을수록 좋음"
        DOWN = "down", "낮을수록 좋음"
        NEUTRAL = "neutral", "방향 없음"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="indicators", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    key = models.SlugField("영문 코드", max_length=100)
    name = models.CharField("지표명", max_length=200)
    unit = models.CharField("단위", max_length=20, help_text="예: 회, 건, 명, 원, %")
    display = models.CharField(
        "표기", max_length=10, choices=Display.choices, default=Display.NUMBER
    )
    direction = models.CharField(
        "바람직한 방향", max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )
    dimensions = ShapedJSONField(
        "구분 항목",
        shape="names",
        default=list,
        blank=True,
        help_text='예: ["권종"], ["지역", "가구유형"]',
    )
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name="대상 종류"
    )
    subject_id = models.PositiveBigIntegerField("대상 번호", null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    derivation = models.CharField(
        "산출 규칙", max_length=100, blank=True, validators=[derivations.known]
    )
    derivation_params = ShapedJSONField("산출 인자", shape="settings", default=dict, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "지표"
        verbose_name_plural = "지표"
        ordering = ["office", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="indicator_key_per_office")
        ]

    def __str__(self) -> str:
        return self.name

    def format_value(self, value: Decimal) -> str:
        """A value of this indicator as a report prints it (`22,379명`, `395만건`)."""
        from sijeong.core.formatting import format_korean_amount, format_number

        if self.display == self.Display.KOREAN:
            return format_korean_amount(value, self.unit)
        return f"{format_number(value)}{self.unit}"

    def latest(
        self, as_of: datetime.date, dims: dict[str, str] | None = None
    ) -> Observation | None:
        """The most recent observation known on `as_of` for exactly these dimension values."""
        wanted = dims or {}
        candidates = [
            o
            for o in self.observations.all()
            if o.as_of <= as_of and (o.dimension_values or {}) == wanted
        ]
        return max(candidates, key=lambda o: (o.as_of, o.pk), default=None)


class Observation(Record):
    """One stated value of an indicator (실적값), with the period it covers and its source."""

    owner_field = "indicator"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name="지표"
    )
    period_start = models.DateField("기간 시작", null=True, blank=True)
    period_end = models.DateField("기간 끝", null=True, blank=True)
    as_of = models.DateField("기준일")
    value = models.DecimalField("값", max_digits=18, decimal_places=4, validators=[FIGURE])
    approximate = models.BooleanField("약(어림값)", default=False)
    dimension_values = ShapedJSONField(
        "구분 값",
        shape="breakdown",
        default=dict,
        blank=True,
        help_text='예: {"권종": "30일권"}',
    )
    stated_change_pct = models.DecimalField(
        "전년대비 증감률(%)",
        max_digits=8,
        decimal_places=2,
        validators=[Between(-999_999, 999_999, "%")],
        null=True,
        blank=True,
        help_text="자료에 적힌 전년 대비 증감률. 감소는 음수.",
    )
    listed = ShapedJSONField(
        "함께 적힌 항목",
        shape="labels",
        default=list,
        blank=True,
        help_text='예: ["경북", "제주"]',
    )
    note = models.CharField("비고", max_length=300, blank=True)
    source = models.CharField("출처", max_length=300)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "실적값"
        verbose_name_plural = "실적값"
        ordering = ["indicator", "as_of", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="observation_period_ordered",
            )
        ]

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "기간 끝이 기간 시작보다 이릅니다."})

    def __str__(self) -> str:
        dims = ", ".join(f"{k}={v}" for k, v in (self.dimension_values or {}).items())
        suffix = f" [{dims}]" if dims else ""
        return f"{self.indicator.name}{suffix}: {self.value.normalize():f} ({self.as_of})"

    @property
    def is_total(self) -> bool:
        return not self.dimension_values

    def dims_key(self) -> tuple[tuple[str, Any], ...]:
        return tuple(sorted((self.dimension_values or {}).items()))

    @property
    def number(self) -> Decimal:
        return self.value


class Target(Record):
    """A value an indicator should reach by a due date (목표)."""

    owner_field = "indicator"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name="지표"
    )
    value = models.DecimalField("목표값", max_digits=18, decimal_places=4, validators=[FIGURE])
    due = models.DateField("목표 시점")
    due_precision = models.CharField(
        "시점 정밀도",
        max_length=5,
        choices=[("day", "일"), ("month", "월"), ("year", "년")],
        default="month",
    )
    dimension_values = ShapedJSONField(
        "구분 값",
        shape="breakdown",
        default=dict,
        blank=True,
        help_text='예: {"권종": "30일권"}. 전체 목표면 비워 둡니다.',
    )
    note = models.CharField("비고", max_length=300, blank=True)
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "목표"
        verbose_name_plural = "목표"
        ordering = ["indicator", "due"]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.value.normalize():f} ({self.due_text})"

    @property
    def due_text(self) -> str:
        """When it is due, to its stated precision, as every page and report prints it:
        "'24년", "'24.12월" or "'24.12.31."."""
        from sijeong.core.formatting import format_date_compact, format_month, format_year

        if self.due_precision == "year":
            return format_year(self.due.year)
        if self.due_precision == "day":
            return format_date_compact(self.due)
        return format_month(self.due)


class DataRevision(models.Model):
    """A mark that changes whenever a record of one kind (an app: 일정, 보도, 예산 …) of the
    office changes (core.revisions): what was computed from those records — the data checks,
    the dashboard's indicators — is computed again only after such a change. A new random
    value each time, never a counter: a counter rolled back with a failed save would come round
    again for different data."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name="기관"
    )
    kind = models.CharField("자료 종류", max_length=40)
    mark = models.UUIDField("변경 표시", default=uuid.uuid4)

    class Meta:
        verbose_name = "자료 변경 표시"
        verbose_name_plural = "자료 변경 표시"
        # Bookkeeping, not a record: no one is given rights to it or edits it.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["office", "kind"], name="one_mark_per_office_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.kind}: {self.mark}"
