"""Staffing snapshots (인력 현황) of an office at a month: lines per series and grade.

Subtotals and totals are derived from the lines, never stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.models import Department, Office
from sijeong.core.validity import ORDER, Between, Record


@dataclass(frozen=True)
class Headcount:
    posts: int
    filled: int

    def __add__(self, other: Headcount) -> Headcount:
        return Headcount(self.posts + other.posts, self.filled + other.filled)

    @property
    def vacancies(self) -> int:
        return self.posts - self.filled

    @property
    def gap_text(self) -> str:
        """결원 as a table prints it: "2", or "초과 4" where more are filled than posted."""
        gap = self.vacancies
        return f"초과 {-gap}" if gap < 0 else str(gap)


@dataclass(frozen=True)
class SeriesTotals:
    series: str
    total: Headcount
    lines: list[StaffingLine]


# Posts or filled positions of one grade: more than any government employs.
HEADCOUNT = Between(0, 100_000, "명")


class StaffingSnapshot(Record):
    """The staffing table of an office as of a month (인력 현황, 기준월)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="staffing_snapshots", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    as_of = models.DateField("기준월", help_text="그 달의 1일로 적습니다.")
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "인력 현황"
        verbose_name_plural = "인력 현황"
        ordering = ["office", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["office", "as_of"], name="one_snapshot_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.office.name} 인력 현황 ({self.as_of.year}. {self.as_of.month}.)"

    @classmethod
    def known_on(cls, office: Office, as_of: datetime.date) -> StaffingSnapshot | None:
        """The latest table of the office as of `as_of`, with its lines and extra posts."""
        return (
            cls.objects.filter(office=office, as_of__lte=as_of)
            .prefetch_related("lines", "extra_posts")
            .order_by("-as_of")
            .first()
        )

    def series_totals(self) -> list[SeriesTotals]:
        """Lines grouped by series (직종) in table order, each with its subtotal (소계)."""
        groups: dict[str, list[StaffingLine]] = {}
        for line in self.lines.all():
            groups.setdefault(line.series, []).append(line)
        return [
            SeriesTotals(
                series=series,
                total=sum((line.headcount for line in lines), Headcount(0, 0)),
                lines=lines,
            )
            for series, lines in groups.items()
        ]

    def total(self) -> Headcount:
        """The grand total (총계) over every line."""
        return sum((line.headcount for line in self.lines.all()), Headcount(0, 0))


class StaffingLine(Record):
    """Posts (정원) and filled positions (현원) of one grade (직급) in one series (직종)."""

    owner_field = "snapshot"

    snapshot = models.ForeignKey(
        StaffingSnapshot, on_delete=models.CASCADE, related_name="lines", verbose_name="인력 현황"
    )
    series = models.CharField("직종", max_length=30, help_text="예: 일반직, 별정직")
    grade = models.CharField("직급", max_length=30, help_text="예: 5급, 4급상당")
    posts = models.PositiveIntegerField("정원", validators=[HEADCOUNT])
    filled = models.PositiveIntegerField("현원", validators=[HEADCOUNT])
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "직급별 인력"
        verbose_name_plural = "직급별 인력"
        ordering = ["snapshot", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "series", "grade"], name="one_line_per_series_grade"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.grade}: 정원 {self.posts} / 현원 {self.filled}"

    @property
    def headcount(self) -> Headcount:
        return Headcount(self.posts, self.filled)


class ExtraPost(Record):
    """A post held outside the table (별도 정원), e.g. 전문임기제 agreed with 행정안전부."""

    owner_field = "snapshot"

    snapshot = models.ForeignKey(
        StaffingSnapshot,
        on_delete=models.CASCADE,
        related_name="extra_posts",
        verbose_name="인력 현황",
    )
    employment_type = models.CharField("임용 유형", max_length=30, help_text="예: 전문임기제")
    title = models.CharField("직위", max_length=100, help_text="예: 정책특보")
    agreed_with = models.CharField("협의 기관", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "별도 정원"
        verbose_name_plural = "별도 정원"
        ordering = ["snapshot", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.employment_type} {self.title}"
