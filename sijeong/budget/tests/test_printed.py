"""A budget table as printed in 천원 adds up as printed: each line rounded once, the rest
computed from the printed parts (budget.models.budget_table)."""

import datetime

import pytest

from sijeong.budget.models import BudgetLine, Expenditure, Printed, budget_table, in_thousands
from sijeong.core.findings import run_summaries
from sijeong.core.formatting import format_percent

AUG = datetime.date(2024, 8, 31)


@pytest.mark.parametrize(
    ("won", "thousands"),
    [
        (357_200_000, 357_200),
        (143_413_000, 143_413),
        (277_200_499, 277_200),
        (277_200_500, 277_201),  # half a thousand won rounds up
        (0, 0),
    ],
)
def test_won_are_rounded_half_up_to_thousands(won, thousands):
    assert in_thousands(won) == thousands


def lines(office, department):
    made = []
    for subject, amount, spent in (("가", 1_000_400, 500_500), ("나", 2_000_400, 600_499)):
        line = BudgetLine.objects.create(
            office=office, department=department, fiscal_year=2024, subject=subject, amount=amount
        )
        Expenditure.objects.create(line=line, date=AUG, amount=spent)
        made.append(line)
    return made


def test_balances_totals_and_rates_are_computed_from_the_printed_figures(office, department):
    table = budget_table(lines(office, department), AUG)
    first, second = (printed for _, printed in table.rows)
    assert (first.amount, first.executed, first.balance) == (1_000, 501, 499)
    # Rounded from won the balance would be 500 (499,900 원) beside 1,000 − 501.
    assert format_percent(first.rate) == "50.1%"  # 501 ÷ 1,000; in won 50.03 %
    assert (second.amount, second.executed, second.balance) == (2_000, 600, 1_400)
    assert table.total == Printed(3_000, 1_101)
    assert table.total.balance == 1_899
    # The won total, 3,000,800 원, rounds to 3,001: the printed 계 is the sum of its lines.
    assert table.rounded


def test_a_table_of_whole_thousands_needs_no_word_on_rounding(office, department):
    line = BudgetLine.objects.create(
        office=office, department=department, fiscal_year=2024, subject="가", amount=277_200_000
    )
    Expenditure.objects.create(line=line, date=AUG, amount=97_993_000)
    assert not budget_table([line], AUG).rounded


def test_the_summary_prints_what_the_report_prints(office, department):
    lines(office, department)
    texts = [s.text for s in run_summaries(office) if s.code == "budget.execution"]
    assert texts == [
        "계 3,000 / 1,101 (36.7%) / 1,899",
        "가 1,000 / 501 (50.1%) / 499",
        "나 2,000 / 600 (30.0%) / 1,400",
    ]
