"""Values no record may hold are refused through the API with the field named in Korean, and
nothing is written: the values that once took the dashboard and the feeds down."""

from __future__ import annotations

from typing import Any

import pytest

from sijeong.budget.models import BudgetLine, Expenditure
from sijeong.core.models import Indicator, Observation, Target
from sijeong.schedule.models import Event


def _indicator(world: Any) -> Indicator:
    indicator = Indicator.objects.filter(office=world.office, subject_type__isnull=False).first()
    assert indicator is not None
    return indicator


def _line(world: Any) -> BudgetLine:
    line = BudgetLine.objects.filter(office=world.office).order_by("pk").first()
    assert line is not None
    return line


def _refused(answer: Any, field: str, label: str) -> str:
    assert answer.status_code == 422, answer.content
    messages = answer.json()["errors"][field]
    assert all(m.startswith(f"{label}: ") for m in messages), messages
    return " ".join(messages)


@pytest.mark.parametrize(
    "dims", ["x", ["권종"], {"권종": 30}, {"권종": "30일\x00권"}, {"": "값"}], ids=repr
)
def test_a_breakdown_that_is_no_breakdown_is_refused(world: Any, dims: Any) -> None:
    admin = world.callers["admin"]
    before = Observation.objects.count()
    body = {
        "indicator_id": _indicator(world).pk,
        "as_of": "2024-08-01",
        "value": "1",
        "dimension_values": dims,
        "source": "시험",
    }
    answer = admin.send("post", "/api/v1/observations/", body)
    said = _refused(answer, "dimension_values", "구분 값")
    assert '{"권종": "30일권"}' in said or "제어 문자" in said
    assert Observation.objects.count() == before
    target = {"indicator_id": _indicator(world).pk, "value": "1", "due": "2025-01-01"}
    answer = admin.send("post", "/api/v1/targets/", {**target, "dimension_values": dims})
    _refused(answer, "dimension_values", "구분 값")
    assert not Target.objects.filter(due="2025-01-01").exists()


@pytest.mark.parametrize("day", ["9999-12-31", "2100-01-01", "1899-12-31"])
def test_a_date_outside_the_years_records_are_kept_for_is_refused(world: Any, day: str) -> None:
    body = {
        "department_id": world.department.pk,
        "title": "시험 일정",
        "kind": "meeting",
        "date": day,
        "place": "시청",
    }
    said = _refused(world.callers["admin"].send("post", "/api/v1/events/", body), "date", "날짜")
    assert "1900년부터 2099년까지" in said
    assert not Event.objects.filter(title="시험 일정").exists()


@pytest.mark.parametrize("year", [99999, 32767, 2100, 1899])
def test_a_fiscal_year_outside_1900_to_2099_is_refused(world: Any, year: int) -> None:
    body = {
        "department_id": world.department.pk,
        "fiscal_year": year,
        "subject": "시험 과목",
        "amount": 1000,
    }
    answer = world.callers["admin"].send("post", "/api/v1/budget-lines/", body)
    said = _refused(answer, "fiscal_year", "회계연도")
    assert "1,900부터 2,099까지" in said
    assert not BudgetLine.objects.filter(subject="시험 과목").exists()


@pytest.mark.parametrize("amount", [-(10**12), 10**12, 10**15])
def test_an_expenditure_of_a_trillion_won_or_more_is_refused(world: Any, amount: int) -> None:
    body = {"line_id": _line(world).pk, "date": "2024-05-01", "amount": amount}
    answer = world.callers["admin"].send("post", "/api/v1/expenditures/", body)
    said = _refused(answer, "amount", "금액(원)")
    assert "999,999,999,999원까지" in said
    assert not Expenditure.objects.filter(amount=amount).exists()


def test_a_refund_larger_than_the_budget_and_spending_outside_its_years_are_refused(
    world: Any,
) -> None:
    line = _line(world)
    admin = world.callers["admin"]
    refund = {"line_id": line.pk, "date": "2024-05-01", "amount": -(line.amount + 1)}
    said = _refused(admin.send("post", "/api/v1/expenditures/", refund), "amount", "금액(원)")
    assert "환수·반납" in said
    early = {"line_id": line.pk, "date": f"{line.fiscal_year - 1}-12-31", "amount": 1000}
    _refused(admin.send("post", "/api/v1/expenditures/", early), "date", "집행일(기간 끝)")


def test_the_largest_valid_values_are_taken(world: Any) -> None:
    admin = world.callers["admin"]
    body = {"line_id": _line(world).pk, "date": "2024-05-01", "amount": 999_999_999_999}
    answer = admin.send("post", "/api/v1/expenditures/", body)
    assert answer.status_code == 201, answer.content
    event = {
        "department_id": world.department.pk,
        "title": "가" * 200,
        "kind": "meeting",
        "date": "2099-12-31",
        "place": "시청",
    }
    assert admin.send("post", "/api/v1/events/", event).status_code == 201


@pytest.mark.parametrize("text", ["제\x00목", "제\x0b목", "제\x1b목", "\ud800"], ids=repr)
def test_control_characters_are_refused_in_text(world: Any, text: str) -> None:
    body = {
        "department_id": world.department.pk,
        "title": text,
        "kind": "meeting",
        "date": "2024-08-01",
        "place": "시청",
    }
    answer = world.callers["admin"].send("post", "/api/v1/events/", body)
    assert answer.status_code in (400, 422), answer.content
    assert not Event.objects.filter(title__startswith="제").exists()


def test_a_text_longer_than_its_kind_allows_is_refused(world: Any) -> None:
    body = {
        "department_id": world.department.pk,
        "title": "현장 점검",
        "kind": "meeting",
        "date": "2024-08-01",
        "place": "시청",
        "summary": "가" * 2001,
    }
    answer = world.callers["admin"].send("post", "/api/v1/events/", body)
    assert _refused(answer, "summary", "주요내용") == "주요내용: 글자 수가 너무 많습니다."
    assert not Event.objects.filter(summary__startswith="가").exists()
