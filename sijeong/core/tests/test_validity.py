"""Valid values: stated once per kind of record, asked the same way by every door, and rows
stored before a rule existed reported by the data checks instead of breaking pages."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from sijeong.accounts.models import User
from sijeong.budget.models import BudgetLine
from sijeong.core.findings import run_audits
from sijeong.core.models import Indicator, Observation, Office
from sijeong.core.seed import SEED_DIR, SeedError, load_file
from sijeong.core.testing import logged_in
from sijeong.core.validity import (
    Between,
    Malformed,
    ShapedJSONField,
    field_problems,
    record_kinds,
    validate,
)
from sijeong.schedule.models import Event


def _own_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.is_relation and not f.primary_key]


def test_every_kind_of_record_follows_the_rules() -> None:
    kinds = {m._meta.label for m in record_kinds()}
    assert {"schedule.Event", "core.Observation", "budget.Expenditure", "reports.Block"} <= kinds
    assert "ingest.ImportedDocument" not in kinds  # written by sijeong, not by a person


@pytest.mark.parametrize("model", record_kinds(), ids=lambda m: m._meta.label)
def test_every_number_declares_its_bounds_and_every_json_value_its_shape(model: Any) -> None:
    for field in _own_fields(model):
        where = f"{model._meta.label}.{field.name}"
        if isinstance(field, models.JSONField):
            assert isinstance(field, ShapedJSONField), f"{where}: a JSON field without a shape"
        elif (
            isinstance(field, models.IntegerField | models.DecimalField)
            and field.name != "subject_id"
        ):
            declared = [v for v in field.validators if isinstance(v, Between)]
            assert declared, f"{where}: a number without bounds of its own"
        elif isinstance(field, models.TextField):
            assert field.max_length, f"{where}: a text without a length"


def _observation(**values: Any) -> Observation:
    indicator = Indicator.objects.filter(subject_type__isnull=False).first()
    assert indicator is not None
    defaults = {"indicator": indicator, "as_of": datetime.date(2024, 8, 1), "value": 1}
    return Observation(**{**defaults, "source": "시험", **values})


def test_validate_names_each_field_in_korean(seeded: Office) -> None:
    observation = _observation(dimension_values="x", as_of=datetime.date(9999, 1, 1))
    with pytest.raises(ValidationError) as refused:
        validate(observation)
    said = refused.value.messages
    assert '구분 값: 형식이 맞지 않습니다. {"권종": "30일권"}처럼 적어 주세요.' in said
    assert "기준일: 1900년부터 2099년까지의 날짜를 적을 수 있습니다." in said


def test_a_save_by_any_other_door_refuses_what_breaks_the_rules(seeded: Office) -> None:
    with pytest.raises(ValidationError) as refused:
        _observation(dimension_values={"권종": "30일\x00권"}).save()
    assert "dimension_values" in refused.value.message_dict
    line = BudgetLine.objects.first()
    assert line is not None
    line.amount = 10**15
    with pytest.raises(ValidationError):
        line.save(update_fields=["amount"])
    assert field_problems(line, ["purpose"]) == {}  # a save of other fields is not held up


def test_a_page_form_refuses_a_breakdown_that_is_no_breakdown(
    seeded: Office, seed_people: dict[str, User]
) -> None:
    indicator = Indicator.objects.filter(office=seeded).first()
    assert indicator is not None
    posted = {
        "indicator": indicator.pk,
        "as_of": "2024. 8. 1.",
        "value": "1",
        "dimension_values": '"x"',
        "source": "시험",
    }
    client = logged_in(seed_people["admin"])
    before = Observation.objects.count()
    page = client.post(reverse("web:create", args=["observations"]), posted)
    assert page.status_code == 200
    assert "형식이 맞지 않습니다" in page.content.decode()
    assert Observation.objects.count() == before


def test_the_back_office_refuses_a_budget_of_a_hundred_thousand_years(
    seeded: Office, seed_people: dict[str, User]
) -> None:
    admin = seed_people["admin"]
    admin.is_staff = True  # 관리자 who use the back office
    admin.save()
    client = logged_in(admin)
    department = seeded.departments.first()
    assert department is not None
    page = client.post(
        reverse("admin:budget_budgetline_add"),
        {"department": department.pk, "fiscal_year": "99999", "subject": "시험", "amount": "1"},
    )
    assert page.status_code == 200
    assert "1,900부터 2,099까지 적을 수 있습니다." in page.content.decode()
    assert not BudgetLine.objects.filter(subject="시험").exists()


def test_a_seed_data_set_with_a_wrong_value_loads_nothing_and_names_it(tmp_path: Any, db: None):
    text = (SEED_DIR / "seoul-secretariat-2024-09.toml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace("date = 2024-08-06", "date = 2124-08-06", 1), encoding="utf-8")
    with pytest.raises(SeedError) as refused:
        load_file(wrong)
    assert "규칙에 맞지 않는 값이 있습니다" in str(refused.value)
    assert "일정 날짜: 1900년부터 2099년까지의 날짜를 적을 수 있습니다." in str(refused.value)
    assert not Office.objects.exists()


# -- rows stored before the rules (written here with QuerySet.update, which asks nothing) --


def test_a_stored_breakdown_that_is_no_breakdown_is_read_in_shape_and_reported(
    seeded: Office, seed_people: dict[str, User]
) -> None:
    observation = Observation.objects.filter(indicator__office=seeded).first()
    assert observation is not None
    Observation.objects.filter(pk=observation.pk).update(dimension_values="x")
    observation.refresh_from_db()
    assert isinstance(observation.dimension_values, Malformed)
    assert observation.dimension_values == {"값": "x"}  # never taken for the total
    assert observation.dimension_values.raw == "x"

    found = [f for f in run_audits(seeded) if f.code == "core.invalid_value"]
    assert [(f.object_id, f.field) for f in found] == [(observation.pk, "dimension_values")]
    assert found[0].message.startswith("구분 값: 저장된 값 x이(가) 형식에 맞지 않습니다.")

    client = logged_in(seed_people["admin"])
    for page in ("/", reverse("web:records", args=["observations"]), "/public/programs/"):
        assert client.get(page).status_code == 200, page
    shown = client.get(reverse("web:record", args=["observations", observation.pk]))
    assert "구분 값: 저장된 값 x이(가) 형식에 맞지 않습니다." in shown.content.decode()
    edit = reverse("web:edit", args=["observations", observation.pk])
    form = client.get(edit).context["form"]
    assert json.loads(form["dimension_values"].value()) == "x"  # opens as it was stored


def test_stored_numbers_dates_and_control_characters_are_each_reported(seeded: Office) -> None:
    line = BudgetLine.objects.filter(office=seeded).first()
    event = Event.objects.filter(office=seeded).first()
    assert line is not None and event is not None
    BudgetLine.objects.filter(pk=line.pk).update(fiscal_year=32767)
    Event.objects.filter(pk=event.pk).update(date=datetime.date(9999, 12, 31), title="제\x0b목")
    found = {
        (f.model, f.object_id, f.field)
        for f in run_audits(seeded)
        if f.code == "core.invalid_value"
    }
    assert found == {
        ("budget.budgetline", line.pk, "fiscal_year"),
        ("schedule.event", event.pk, "date"),
        ("schedule.event", event.pk, "title"),
    }


def test_the_seed_breaks_no_rule(seeded: Office) -> None:
    assert not [f for f in run_audits(seeded) if f.code == "core.invalid_value"]
