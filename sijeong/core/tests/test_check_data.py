"""`check_data` prints derived figures and findings and fails on errors."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sijeong.schedule.models import Event


def check_data(*args):
    out = StringIO()
    try:
        call_command("check_data", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


def an_event(office, department, **extra):
    return Event.objects.create(
        office=office,
        department=department,
        title="현장점검",
        kind="field_visit",
        date=datetime.date(2024, 8, 6),
        place="서울역",
        **{"is_public": True, **extra},
    )


def test_clean_records_exit_zero(office, department):
    an_event(office, department, start_time=datetime.time(11, 10))
    code, out = check_data()
    assert (code, "검사 결과: 0건" in out) == (0, True)


def test_an_error_exits_one_and_names_the_record(office, department):
    an_event(office, department, time_text="14:1")
    code, out = check_data()
    assert code == 1
    assert "[오류] schedule.time_malformed" in out
    assert "일정 '2024. 8. 6. 현장점검'" in out


def test_json_output_holds_summaries_and_findings(office, department):
    an_event(office, department, time_text="14:1")
    code, out = check_data("--json")
    data = json.loads(out)
    assert code == 1
    assert data["findings"][0]["code"] == "schedule.time_malformed"
    assert data["summaries"] == []


def test_an_unknown_office_is_a_clear_error(office):
    with pytest.raises(CommandError, match="식별자가 'nowhere'인 기관이 없습니다"):
        call_command("check_data", "--office", "nowhere")


def test_a_value_stored_before_the_rules_is_an_error_of_check_data(office, department):
    event = an_event(office, department, start_time=datetime.time(11, 10))
    # Written past every door, as a row from before the rules would have been.
    Event.objects.filter(pk=event.pk).update(date=datetime.date(9999, 12, 31))
    code, out = check_data("--json")
    [found] = [f for f in json.loads(out)["findings"] if f["code"] == "core.invalid_value"]
    assert code == 1
    assert (found["object_id"], found["field"]) == (event.pk, "date")
    assert found["message"] == "날짜: 1900년부터 2099년까지의 날짜가 아닙니다."
