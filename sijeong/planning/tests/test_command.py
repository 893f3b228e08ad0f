"""`manage.py plan_visits`: a synthetic month as JSON a script can read, an office's period in
Korean, and Korean errors for input it cannot use."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sijeong.core.models import Department, Office
from sijeong.planning.models import VisitCandidate


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("plan_visits", *args, stdout=out)
    return out.getvalue()


def test_a_synthetic_month_as_json_keeps_every_rule_and_beats_greedy():
    found = json.loads(
        run("--synthetic", "60", "--fixed", "12", "--seed", "1", "--time-limit", "3", "--json")
    )

    assert found["violations"] == []
    assert found["objective"] >= found["greedy_objective"]
    assert found["bound"] >= found["objective"]
    assert found["placed"] == len(found["placements"]) > 0
    for key in ("seconds", "gap", "status", "must_unplaceable"):
        assert key in found


@pytest.fixture
def candidate(office: Office, department: Department) -> VisitCandidate:
    return VisitCandidate.objects.create(
        office=office,
        department=department,
        title="빗물펌프장 점검",
        place="망원 빗물펌프장",
        district="마포구",
        priority=5,
        earliest=datetime.date(2024, 8, 1),
        latest=datetime.date(2024, 8, 9),
    )


def test_an_offices_period_is_printed_in_korean_with_korean_dates(candidate):
    text = run("--office", "test-office", "--start", "2024. 8. 1.", "--end", "2024-08-09")

    assert "2024. 8. 1.(목)" in text
    assert "빗물펌프장 점검 (마포구)" in text and "우선순위 5" in text
    assert "독립 검사: 위반 없음" in text
    assert not VisitCandidate.objects.exclude(status="candidate").exists()  # nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--office", "nowhere", "--start", "2024-08-01", "--end", "2024-08-31"],
            "기관이 없습니다",
        ),
        (["--office", "test-office", "--start", "2024-08-31", "--end", "2024-08-01"], "빠릅니다"),
        (["--office", "test-office", "--start", "2024-08-01", "--end", "2024-12-31"], "92일"),
        (["--office", "test-office", "--start", "8월 1일", "--end", "2024-08-31"], "날짜로 읽을"),
        (["--office", "test-office"], "기간을 주십시오"),
        (["--synthetic", "0"], "1 이상"),
        (["--synthetic", "10", "--time-limit", "0"], "0보다 커야"),
        ([], "--office"),
    ],
)
def test_input_it_cannot_use_is_refused_in_korean(office, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
