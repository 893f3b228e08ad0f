"""Budget rules and the execution table (예산액 / 집행액 (집행률) / 잔액) in 천원, as printed."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Max, Q, Sum

from sijeong.core.findings import Finding, Severity, SummaryLine, Years, in_years, rule, summary
from sijeong.core.formatting import format_month, format_number, format_percent
from sijeong.core.models import Office

from .models import BudgetLine, Expenditure, Printed, budget_table


@rule
def spending_within_budget(office: Office, years: Years = None) -> Iterable[Finding]:
    # Sums and the few expenditures outside their year come from the database: a line of a
    # city office has thousands of expenditures a year.
    lines = list(in_years(office.budget_lines.all(), "fiscal_year", years))
    spent = dict(
        Expenditure.objects.filter(line__in=lines).values_list("line").annotate(total=Sum("amount"))
    )
    outside = (
        Expenditure.objects.filter(line__in=lines)
        .filter(
            ~Q(date__year=F("line__fiscal_year"))
            | (Q(period_start__isnull=False) & ~Q(period_start__year=F("line__fiscal_year")))
        )
        .select_related("line")
    )
    for line in lines:
        line_total = int(spent.get(line.pk) or 0)
        if line_total > line.amount:
            yield Finding.about(
                line,
                Severity.ERROR,
                "budget.over_executed",
                f"{line.subject}: 집행액 {line_total:,}원이 예산액 {line.amount:,}원을 넘습니다.",
                "amount",
            )
        if line_total < 0:
            yield Finding.about(
                line,
                Severity.ERROR,
                "budget.negative_spending",
                f"{line.subject}: 집행액이 음수입니다.",
            )
    for spending in outside:
        line = spending.line
        yield Finding.about(
            spending,
            Severity.ERROR,
            "budget.outside_fiscal_year",
            f"{line.subject}의 집행({spending.date})이 회계연도 {line.fiscal_year}년 밖입니다.",
            "date",
        )


def _row(label: str, printed: Printed) -> str:
    return (
        f"{label} {format_number(printed.amount)} / "
        f"{format_number(printed.executed)} ({format_percent(printed.rate)}) / "
        f"{format_number(printed.balance)}"
    )


@summary
def execution_table(office: Office) -> Iterable[SummaryLine]:
    """Each year's execution, known to the year's latest expenditure (else the year's end),
    printed as the report and the dashboard print it (budget.models.budget_table)."""
    by_year: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in office.budget_lines.all():
        by_year[line.fiscal_year].append(line)
    latest = dict(
        Expenditure.objects.filter(line__office=office)
        .values_list("line__fiscal_year")
        .annotate(day=Max("date"))
    )
    for year, lines in sorted(by_year.items()):
        as_of = latest.get(year) or datetime.date(year, 12, 31)
        table = budget_table(lines, as_of)
        label = f"예산 {year}년 ({format_month(as_of)} 기준, 천원)"
        yield SummaryLine("budget.execution", label, _row("계", table.total))
        for line, printed in table.rows:
            yield SummaryLine("budget.execution", label, _row(line.subject, printed))
