"""Budget rules and the execution summary."""

import datetime

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.findings import run_checks, run_summaries


def line(office, department, subject, amount, *spent, year=2024):
    budget = BudgetLine.objects.create(
        office=office, department=department, fiscal_year=year, subject=subject, amount=amount
    )
    for day, won in spent:
        Expenditure.objects.create(line=budget, date=day, amount=won)
    return budget


AUG = datetime.date(2024, 8, 31)


def test_execution_is_summarised_in_thousand_won_with_rates_rounded_half_up(office, department):
    line(office, department, "기관운영업무추진비", 277_200_000, (AUG, 97_993_000))
    line(office, department, "시책추진업무추진비", 80_000_000, (AUG, 45_420_000))
    texts = [s.text for s in run_summaries(office) if s.code == "budget.execution"]
    assert texts == [
        "계 357,200 / 143,413 (40.1%) / 213,787",
        "기관운영업무추진비 277,200 / 97,993 (35.4%) / 179,207",
        "시책추진업무추진비 80,000 / 45,420 (56.8%) / 34,580",
    ]


def test_execution_at_an_earlier_date_leaves_out_later_spending(office, department):
    budget = line(
        office,
        department,
        "과목",
        1_000_000,
        (datetime.date(2024, 3, 1), 100_000),
        (AUG, 300_000),
    )
    assert budget.execution(datetime.date(2024, 6, 30)).executed == 100_000
    assert budget.execution(AUG).balance == 600_000


def test_the_summary_counts_spending_as_the_report_does(office, department):
    """Spending dated after its fiscal year (itself an error of the checks) is left out of the
    year's execution by the summary as by the report and the dashboard."""
    budget = line(
        office, department, "과목", 1_000_000,
        (datetime.date(2024, 3, 1), 100_000), (datetime.date(2025, 1, 5), 50_000),
    )  # fmt: skip
    texts = [s.text for s in run_summaries(office) if s.code == "budget.execution"]
    assert texts == ["계 1,000 / 100 (10.0%) / 900", "과목 1,000 / 100 (10.0%) / 900"]
    assert budget.execution(datetime.date(2025, 1, 31)).executed == 100_000


def test_spending_within_budget_and_year_has_no_finding(office, department):
    line(office, department, "과목", 1_000, (AUG, 1_000))
    assert run_checks(office) == []


def test_spending_over_budget_is_an_error(office, department):
    line(office, department, "과목", 1_000, (AUG, 1_001))
    assert [f.code for f in run_checks(office)] == ["budget.over_executed"]


def test_spending_outside_the_fiscal_year_is_an_error(office, department):
    line(office, department, "과목", 1_000, (datetime.date(2025, 1, 2), 10))
    assert [f.code for f in run_checks(office)] == ["budget.outside_fiscal_year"]


def test_refunds_beyond_spending_are_an_error(office, department):
    line(office, department, "과목", 1_000, (AUG, -10))
    assert [f.code for f in run_checks(office)] == ["budget.negative_spending"]
