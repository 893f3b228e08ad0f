"""Budget lines (예산 과목) of an office and their expenditures (집행).

Money is held in won as integers. Executed amount (집행액), balance (잔액) and execution
rate (집행률) at an as-of date are derived from the expenditures, never stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from sijeong.core.formatting import format_date, percent, round_half_up
from sijeong.core.models import Department, Office
from sijeong.core.validity import EARLIEST, LATEST, ORDER, Between, Record


@dataclass(frozen=True)
class Execution:
    """Budget, executed and balance of one line or of several at an as-of date, in won."""

    amount: int
    executed: int

    @property
    def balance(self) -> int:
        return self.amount - self.executed

    @property
    def rate(self) -> Decimal | None:
        """Executed as a percentage of the budget, unrounded (None for a zero budget)."""
        return percent(self.executed, self.amount)

    def __add__(self, other: Self) -> Self:
        return type(self)(self.amount + other.amount, self.executed + other.executed)


class Printed(Execution):
    """Budget, executed and balance as a table prints them, in 천원 (인쇄 수치).

    Each line's amounts in won are rounded half up to 천원 once (`in_thousands`); everything
    else is computed from those printed parts: the balance is printed budget − printed
    executed, a total the sum of the printed lines, the rate printed executed ÷ printed budget.
    So every row, total and difference of the table adds up exactly as a reader checks it; a
    total may then differ from the won total rounded by up to half a 천원 per line
    (docs/typography.md, "Figures").
    """


def in_thousands(won: int) -> int:
    """Won in 천원, rounded half up (반올림): 97_993_500 → 97_994."""
    return int(round_half_up(Decimal(won).scaleb(-3), 0))


@dataclass(frozen=True)
class BudgetTable:
    """The execution of some budget lines at a date as every table prints it: the report's
    budget block, the dashboard, the 조직·예산 page and the checks' summary."""

    rows: list[tuple[BudgetLine, Printed]]
    exact: Execution  # the lines' total in won, before any rounding

    @property
    def total(self) -> Printed:
        """The 계 row: the sum of the printed lines."""
        return sum((printed for _, printed in self.rows), Printed(0, 0))

    @property
    def rounded(self) -> bool:
        """Whether the printed total differs from the won total rounded to 천원: then the
        table says how it was rounded."""
        total = self.total
        return (total.amount, total.executed) != (
            in_thousands(self.exact.amount),
            in_thousands(self.exact.executed),
        )


def budget_table(lines: Iterable[BudgetLine], as_of: datetime.date) -> BudgetTable:
    """The lines' execution at `as_of` in 천원 as printed (`Printed`), in the lines' order."""
    lines = list(lines)
    executed = executions(lines, as_of)
    rows = []
    for line in lines:
        won = executed[line.pk]
        rows.append((line, Printed(in_thousands(won.amount), in_thousands(won.executed))))
    return BudgetTable(rows, sum(executed.values(), Execution(0, 0)))


def executions(lines: Iterable[BudgetLine], as_of: datetime.date) -> dict[int, Execution]:
    """Each line's execution at `as_of` (or at the end of its fiscal year, if earlier), by the
    line's pk: the sums come from the database in one query, however many thousand
    expenditures a line has."""
    lines = list(lines)
    spent = dict(
        Expenditure.objects.filter(
            line__in=lines, date__lte=as_of, date__year__lte=models.F("line__fiscal_year")
        )
        .values_list("line")
        .annotate(total=Sum("amount"))
    )
    return {line.pk: Execution(line.amount, int(spent.get(line.pk) or 0)) for line in lines}


# Bounds of money in won: a line's budget under 10조원 (more than a whole metropolitan
# government's), one expenditure under 1조원 either way (a refund, 환수·반납, is negative). They
# also keep the sums of millions of expenditures far inside what every database adds up.
BUDGET_AMOUNT = Between(0, 9_999_999_999_999, "원")
SPENT_AMOUNT = Between(-999_999_999_999, 999_999_999_999, "원")


class BudgetLine(Record):
    """One budget item (과목) of an office in a fiscal year, with its purpose (비고)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="budget_lines", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        "회계연도", validators=[Between(EARLIEST.year, LATEST.year)]
    )
    subject = models.CharField("과목", max_length=100, help_text="예: 기관운영업무추진비")
    amount = models.PositiveBigIntegerField("예산액(원)", validators=[BUDGET_AMOUNT])
    purpose = models.CharField("비고(용도)", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "예산 과목"
        verbose_name_plural = "예산 과목"
        ordering = ["office", "fiscal_year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "fiscal_year", "subject"], name="one_line_per_subject_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}년 {self.subject}"

    def execution(self, as_of: datetime.date) -> Execution:
        """This line's execution at `as_of`, as every page, report and check counts it."""
        return executions([self], as_of)[self.pk]


class Expenditure(Record):
    """Money spent from a budget line (집행).

    Where only a cumulative figure is known (집행 누계 to the end of a month), it is one
    expenditure dated at the end of the period with `period_start` set: the amount is then
    known to have been spent within the period but not on which day.
    """

    owner_field = "line"

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="expenditures", verbose_name="예산 과목"
    )
    date = models.DateField("집행일(기간 끝)")
    period_start = models.DateField(
        "기간 시작", null=True, blank=True, help_text="누계로만 알려진 집행액이면 그 기간의 시작일"
    )
    amount = models.BigIntegerField(
        "금액(원)", validators=[SPENT_AMOUNT], help_text="환수·반납은 음수로 적습니다."
    )
    description = models.CharField("내용", max_length=300, blank=True)
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "집행 내역"
        verbose_name_plural = "집행 내역"
        ordering = ["line", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_start__lte=models.F("date")),
                name="expenditure_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.line.subject} {format_date(self.date, weekday=False)} {self.amount:,}원"

    def clean(self) -> None:
        if self.line_id is None:
            return
        line = self.line
        errors = {}
        # Spending of a year's budget starts in that year and may run into the next (출납정리
        # 기한, 이월); anything else belongs to another line.
        first = datetime.date(line.fiscal_year, 1, 1)
        last = datetime.date(min(line.fiscal_year + 1, LATEST.year), 12, 31)
        if self.date and not first <= self.date <= last:
            errors["date"] = (
                f"{line.fiscal_year}년 예산의 집행일은 {line.fiscal_year}년 1월 1일부터 "
                "다음 해 12월 31일 사이여야 합니다."
            )
        if self.period_start and self.date and self.period_start > self.date:
            errors["period_start"] = "기간 시작이 집행일(기간 끝)보다 늦습니다."
        if self.amount is not None and self.amount < -line.amount:
            errors["amount"] = (
                f"환수·반납(음수)은 과목의 예산액 {line.amount:,}원보다 클 수 없습니다."
            )
        if errors:
            raise ValidationError(errors)
