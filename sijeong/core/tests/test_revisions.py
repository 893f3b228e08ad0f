"""The data checks are computed once per change of an office's records, for the years asked."""

import datetime
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.findings import run_checks
from sijeong.core.models import DataRevision, Observation, Office
from sijeong.core.revisions import mark
from sijeong.schedule.models import Event
from sijeong.web.sections import LATEST_DAY_READS, latest_data_day
from sijeong.web.views import INDICATOR_READS, indicator_sections

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


def test_a_mark_is_kept_per_kind_of_record(office, department):
    budget, schedule = mark(office, ["budget"]), mark(office, ["schedule"])
    everything = mark(office)
    over_budget(office, department, 2024)
    assert mark(office, ["budget"]) != budget
    assert mark(office, ["schedule"]) == schedule
    assert mark(office) != everything


def tables_read(call):
    """The apps whose records `call` reads, found in the SQL it sends: not the marks themselves
    nor the content types (the programmes' generic relation), which no save of a record
    changes."""
    owner = {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models()
        if model is not DataRevision and model._meta.app_label != "contenttypes"
    }
    with CaptureQueriesContext(connection) as queries:
        call()
    named = {name for q in queries for name in re.findall(r'"([a-z_0-9]+)"', q["sql"])}
    return {owner[name] for name in named if name in owner}


# What is kept by the marks of some kinds must read nothing of any other kind: else an edit of
# that other kind would leave it showing what is no longer so.
@pytest.mark.parametrize(
    ("call", "kinds"),
    [
        (lambda office: latest_data_day(office, datetime.date(2024, 9, 1)), LATEST_DAY_READS),
        (lambda office: indicator_sections(office, datetime.date(2024, 9, 1)), INDICATOR_READS),
    ],
    ids=["latest_data_day", "indicator_sections"],
)
def test_what_is_kept_by_some_kinds_reads_those_kinds_only(seeded, call, kinds):
    cache.clear()
    read = tables_read(lambda: call(seeded))
    assert read and read <= set(kinds)


def test_an_event_edit_leaves_the_dashboards_indicators_kept(seeded):
    day = datetime.date(2024, 9, 1)
    made = indicator_sections(seeded, day)
    event = Event.objects.filter(office=seeded).first()
    event.title += " (수정)"
    event.save()
    assert "core" not in tables_read(lambda: indicator_sections(seeded, day))
    observation = Observation.objects.filter(indicator__office=seeded).first()
    observation.save()
    assert "core" in tables_read(lambda: indicator_sections(seeded, day))
    assert indicator_sections(seeded, day) == made
