"""`generate_data` makes a synthetic data set of the asked size, the same for the same seed,
that the checks and the report writer work on like real records."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.db import models

from sijeong.accounts.models import User
from sijeong.accounts.roles import ADMIN, EDITOR, PLANNER, VIEWER
from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.findings import run_checks
from sijeong.core.models import Indicator, Observation, Office
from sijeong.org.models import StaffingLine, StaffingSnapshot
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import Milestone, Program
from sijeong.relations.models import Agreement, MeetingSession
from sijeong.reports.models import Block, Report
from sijeong.reports.writing import write
from sijeong.schedule.models import Event

SMALL = {"years": 2, "offices": 3, "scale": 0.05, "end_year": 2024}


def generate(**options: Any) -> str:
    out = StringIO()
    call_command("generate_data", **{"seed": 7, **SMALL, **options}, stdout=out)
    return out.getvalue()


def digest() -> str:
    """A hash of every generated row's own values (not its keys), in a stable order."""
    h = hashlib.sha256()
    for model in (
        Event,
        MediaEngagement,
        BudgetLine,
        Expenditure,
        StaffingLine,
        Program,
        Indicator,
        Observation,
        Milestone,
        MeetingSession,
        Agreement,
        Block,
    ):
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not isinstance(f, models.ForeignKey)
            and f.name != "subject_id"  # a key too
        ]
        rows = sorted(repr(row) for row in model._default_manager.values_list(*fields))
        h.update("\n".join(rows).encode())
    return h.hexdigest()


@pytest.mark.django_db
def test_makes_the_offices_with_counts_in_proportion() -> None:
    output = generate()
    offices = Office.objects.filter(slug__startswith="gen-").order_by("slug")
    assert [o.slug for o in offices] == ["gen-city", "gen-gu-01", "gen-gu-02"]
    assert "가상" in offices[0].organization and "가상" in offices[0].name
    city = offices[0]
    # Per year: 1,200 events, 300 engagements and 10,000 expenditures, times 0.05.
    assert city.events.count() == 2 * 60
    assert city.events.filter(date__year=2023).count() == 60
    assert city.media_engagements.count() == 2 * 15
    spent = Expenditure.objects.filter(line__office=city).count()
    assert 2 * 500 <= spent <= 2 * 500 + 16  # an overspent line gets one even when drawn none
    assert StaffingSnapshot.objects.filter(office=city).count() == 24
    assert Report.objects.filter(office=city).count() == 2
    assert city.events.filter(status=Event.Status.DONE).exists()
    assert "모델별 행 수" in output and "걸린 시간" in output
    assert not User.objects.filter(office=city).exists()


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_rows_and_another_seed_others() -> None:
    generate(offices=2)
    first = digest()
    generate(offices=2, replace=True)
    assert digest() == first
    generate(offices=2, replace=True, seed=8)
    assert digest() != first


@pytest.mark.django_db
def test_each_office_keeps_a_list_of_privacy_reasons_and_private_events_name_one() -> None:
    generate(offices=2)
    for office in Office.objects.filter(slug__startswith="gen-"):
        assert office.privacy_reasons.count() == 5
        private = office.events.filter(is_public=False)
        assert private.exists() and not private.filter(privacy_reason__isnull=True).exists()
        assert not office.events.filter(is_public=True, privacy_reason__isnull=False).exists()


@pytest.mark.django_db
def test_offices_already_there_are_refused_unless_replaced() -> None:
    generate(offices=2)
    with pytest.raises(CommandError, match="이미 있는 기관입니다: gen-city, gen-gu-01"):
        generate(offices=2)
    generate(offices=2, replace=True)
    assert Office.objects.filter(slug__startswith="gen-").count() == 2


@pytest.mark.django_db
def test_the_checks_find_overspent_lines() -> None:
    generate(offices=2)
    for office in Office.objects.filter(slug__startswith="gen-"):
        codes = {finding.code for finding in run_checks(office)}
        assert "budget.over_executed" in codes


@pytest.mark.django_db
def test_a_generated_report_is_written() -> None:
    generate(offices=2)
    report = Report.objects.get(slug="gen-gu-01-2024")
    html = write(report, "html").decode()
    assert "구청장 비서실(가상)" in html
    assert "인력 현황" in html and "예산 집행현황" in html
    assert "자료 없음" not in html


@pytest.mark.django_db
def test_with_a_password_each_office_has_one_user_per_role() -> None:
    generate(offices=2, password="gen-pass")
    users = User.objects.filter(office__slug="gen-gu-01").order_by("username")
    assert [(u.username, [g.name for g in u.groups.all()]) for u in users] == [
        ("gen-gu-01-admin", [ADMIN]),
        ("gen-gu-01-editor", [EDITOR]),
        ("gen-gu-01-planner", [PLANNER]),
        ("gen-gu-01-viewer", [VIEWER]),
    ]
    editor = users.get(username="gen-gu-01-editor")
    assert editor.department is not None and editor.department.office.slug == "gen-gu-01"
    assert len({u.password for u in User.objects.filter(username__startswith="gen-")}) == 1
    assert check_password("gen-pass", editor.password)


@pytest.mark.django_db
def test_every_generated_record_follows_the_rules_the_forms_ask() -> None:
    # Generated rows go to the database in bulk, past Record.save: asked here instead, as a
    # form would ask each of them (the rules between fields included).
    from sijeong.core.validity import invalid_records, office_records

    generate()
    for office in Office.objects.all():
        assert invalid_records(office_records(office.pk)) == []
