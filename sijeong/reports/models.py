"""Reports defined as data (보고서): a Report's Sections and Blocks say what to print; the
records say the figures. Finalising freezes the written files and a hash of the data."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.models import Office
from sijeong.core.validity import ORDER, Between, Record, ShapedJSONField


class Report(Record):
    """A work report (업무보고) of an office over a period, as of a date."""

    class Status(models.TextChoices):
        DRAFT = "draft", "작성 중"
        FINAL = "final", "확정"

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="reports", verbose_name="기관"
    )
    slug = models.SlugField("영문 코드", max_length=100, unique=True)
    title = models.CharField("제목", max_length=100, default="주요업무보고")
    issued = models.DateField("보고 시점", help_text="표지에 월까지 적습니다 (2024. 9.).")
    period_start = models.DateField("대상 기간 시작")
    period_end = models.DateField("대상 기간 끝")
    as_of = models.DateField("기준일")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name="비교 대상(확정본)",
    )
    finalised_at = models.DateTimeField("확정 일시", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="확정한 사람",
    )
    data_hash = models.CharField("자료 해시", max_length=64, blank=True)
    acknowledged = ShapedJSONField(
        "확정 때 확인한 문제",
        shape="entries",
        default=list,
        blank=True,
        help_text="표시된 채 관리자가 사유를 적고 확정한 곳: 표시, 문제, 사유, 확인한 사람, 일시",
    )
    figures = ShapedJSONField(
        "확정 수치",
        shape="settings",
        default=dict,
        blank=True,
        help_text="확정할 때의 수치: {식별자: [이름, 값]}",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "보고서"
        verbose_name_plural = "보고서"
        ordering = ["office", "-issued", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.issued:%Y. %-m.}) {self.office.name}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "대상 기간의 끝이 시작보다 이릅니다."})

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Section(Record):
    """A numbered heading of a report (I. / 1 / ①) and the blocks under it.

    With a programme, the heading's title and summary come from the programme's record, so
    a renamed task is renamed in every report that prints it.
    """

    owner_field = "report"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections", verbose_name="보고서"
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    level = models.PositiveSmallIntegerField(
        "단계",
        default=1,
        validators=[Between(1, 3, "단계")],
        help_text="1: Ⅰ. Ⅱ., 2: 1 2 3, 3: ① ② ③",
    )
    title = models.CharField("제목", max_length=200, blank=True)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="사업",
    )
    show_summary = models.BooleanField("사업 개요 표시", default=False)
    page_break = models.BooleanField("앞에서 쪽 나눔", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "보고서 장"
        verbose_name_plural = "보고서 장"
        ordering = ["report", "order", "pk"]

    def __str__(self) -> str:
        return self.heading_title

    @property
    def heading_title(self) -> str:
        return self.title or (self.program.title if self.program else "")


class Block(Record):
    """One part of a section: a query over records printed in a fixed shape.

    `title` is printed before the content (with `symbol`, e.g. `□ 추진방향`); it may name
    the report's period as `{period}` (`'24.1월~'24.8월`) and its as-of month as `{as_of}`.
    """

    owner_field = "section"

    class Kind(models.TextChoices):
        HEADING = "heading", "소제목만"
        FUNCTIONS = "functions", "주요 기능"
        STAFFING = "staffing", "인력 현황표"
        BUDGET = "budget", "예산 집행현황표"
        TASKS = "tasks", "주요 업무 목록"
        NARRATIVE = "narrative", "사업 서술"
        PROJECTS = "projects", "하위 사업 현황"
        EVENTS = "events", "분야별 일정"
        PRESS = "press", "언론 실적"
        MEETINGS = "meetings", "회의 참석"
        AGREEMENTS = "agreements", "협약 체결"
        TRACKED = "tracked", "관리 항목 (월별)"
        MILESTONES = "milestones", "추진일정"
        COMPARISON = "comparison", "비교표"
        TEXT = "text", "본문 (적힌 그대로)"

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="blocks", verbose_name="장"
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    title = models.CharField("소제목", max_length=200, blank=True)
    symbol = models.CharField("기호", max_length=2, blank=True, default="□")
    params = ShapedJSONField("조건", shape="settings", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "보고서 구성 요소"
        verbose_name_plural = "보고서 구성 요소"
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}".strip()


class FrozenFile(models.Model):
    """A file of a finalised report, kept as it was written (확정본 파일)."""

    owner_field = "report"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="frozen_files", verbose_name="보고서"
    )
    format = models.CharField("형식", max_length=10)
    content = models.BinaryField("내용")
    sha256 = models.CharField("해시", max_length=64)

    class Meta:
        verbose_name = "확정본 파일"
        verbose_name_plural = "확정본 파일"
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="one_frozen_file_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.report.slug}.{self.format}"
