"""The data checks are computed once per change of an office's records, for the years asked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.findings import run_checks
from sijeong.core.models import Office
from sijeong.core.revisions import mark

pytestmark = pytest.mark.django_db


def over_budget(office, department, year):
    line = BudgetLine.objects.create(
        office=office, department=department, fiscal_year=year, subject=f"과목 {year}", amount=100
    )
    Expenditure.objects.create(line=line, date=datetime.date(year, 3, 1), amount=150)
    return line


def test_a_save_changes_the_mark_of_its_own_office_only(office, department):
    next_door = Office.objects.create(slug="next", organization="이웃시", name="시장비서실")
    ours, theirs = mark(office), mark(next_door)
    line = over_budget(office, department, 2024)
    assert mark(office) != ours and mark(next_door) == theirs
    # A record under a record (an expenditure of a line) counts for the office too.
    before = mark(office)
    Expenditure.objects.create(line=line, date=datetime.date(2024, 4, 1), amount=1)
    assert mark(office) != before
    before = mark(office)
    line.delete()
    assert mark(office) != before


def test_the_checks_are_kept_until_a_record_changes(office, department):
    line = over_budget(office, department, 2024)
    assert [f.code for f in run_checks(office)] == ["budget.over_executed"]
    with CaptureQueriesContext(connection) as queries:
        assert [f.code for f in run_checks(office)] == ["budget.over_executed"]
    # The office's mark and the kept answer; no rule ran.
    assert not [q for q in queries if "budget_" in q["sql"]] and len(queries) <= 2
    line.amount = 1_000
    line.save()
    assert run_checks(office) == []


def test_the_checks_of_some_years_look_at_those_years_only(office, department):
    over_budget(office, department, 2023)
    over_budget(office, department, 2024)
    assert [f.year for f in run_checks(office, {2024})] == [2024]
    assert [f.year for f in run_checks(office, {2023})] == [2023]
    assert sorted(f.year for f in run_checks(office)) == [2023, 2024]
    assert run_checks(office, {2022}) == []
