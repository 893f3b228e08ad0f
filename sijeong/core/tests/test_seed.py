"""The seed data set loads whole, once, and reproduces the reference report's figures."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from sijeong.budget.models import BudgetLine
from sijeong.core.models import Indicator, Observation, Office
from sijeong.core.testing import reference_text
from sijeong.org.models import ExtraPost, StaffingLine
from sijeong.press.models import MediaEngagement
from sijeong.programs.models import TrackedItem
from sijeong.relations.models import Agreement, MeetingSession
from sijeong.schedule.models import Event


def check_data_json():
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("check_data", "--json", stdout=out)
    return exit_.value.code, json.loads(out.getvalue())


COUNTS = {
    Event: 13,
    StaffingLine: 8,
    ExtraPost: 9,
    BudgetLine: 2,
    MeetingSession: 2,
    Agreement: 2,
    TrackedItem: 13,
}


def test_the_seed_holds_every_listed_item(seeded):
    assert {m.__name__: m.objects.count() for m in COUNTS} == {
        m.__name__: n for m, n in COUNTS.items()
    }
    kinds = MediaEngagement.objects.values_list("kind", flat=True)
    assert (list(kinds).count("briefing"), list(kinds).count("press_conference")) == (11, 3)


def test_the_seed_states_its_public_schedule_and_its_privacy_reasons(seeded):
    """The report's events were on the public schedule: the data set says so, event by event
    (a new event is private by default), and brings the office's list of 비공개 사유."""
    assert Event.objects.filter(office=seeded, is_public=False).count() == 0
    assert list(seeded.privacy_reasons.values_list("text", flat=True)) == [
        "경호·안전상 사유",
        "내부 회의",
        "비공개 협의",
        "개인 일정",
        "미확정 일정",
    ]
    _, data = check_data_json()
    assert "schedule.private_without_reason" not in {f["code"] for f in data["findings"]}


def test_loading_twice_creates_nothing_new(seeded):
    before = Observation.objects.count()
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert (Office.objects.count(), Observation.objects.count()) == (1, before)
    assert "건너뜁니다" in out.getvalue()


def test_the_malformed_time_is_kept_as_printed_and_flagged(seeded):
    event = Event.objects.get(date="2024-08-26")
    assert (event.start_time, event.time_text) == (None, "14:1")
    code, data = check_data_json()
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert code == 1
    assert [f["code"] for f in errors] == ["schedule.time_malformed"]


def test_stated_figures_agree_with_the_records_behind_them(seeded):
    _, data = check_data_json()
    codes = {f["code"] for f in data["findings"]}
    assert codes.isdisjoint(
        {"core.stated_vs_derived", "core.breakdown_sum", "programs.placeholder_unresolved"}
    )
    assert Indicator.objects.exclude(derivation="").count() >= 5


@pytest.mark.reference
def test_check_data_reproduces_the_reports_printed_figures(seeded):
    text = reference_text()
    staffing = re.search(r"정원\t(\d+)\t(\d+)\t.*\n현원\t(\d+)\t(\d+)\t", text)
    special = re.search(r"정원(?:\t\S+){6}\t(\d+)\t.*\n현원(?:\t\S+){6}\t(\d+)\t", text)
    assert staffing and special
    budget_rows = re.findall(
        r"^(계|\S+업무추진비)\t([\d,]+)\t([\d,]+) \(([\d.]+%)\)\t([\d,]+)", text, re.M
    )
    shares = re.findall(r"\d+\((\d+\.\d%)\)", text)
    stations = re.search(r"역사\((\d+\.\d%)\)", text)
    assert len(budget_rows) == 3 and len(shares) == 2 and stations

    _, data = check_data_json()
    summaries = "\n".join(f"{s['label']}: {s['text']}" for s in data["summaries"])
    posts, general_posts, filled, general_filled = staffing.groups()
    assert f"총계 정원 {posts} / 현원 {filled}" in summaries
    assert f"일반직 {general_posts} / {general_filled}" in summaries
    assert f"별정직 {special.group(1)} / {special.group(2)}" in summaries
    for label, amount, executed, rate, balance in budget_rows:
        assert f"{label} {amount} / {executed} ({rate}) / {balance}" in summaries
    for share in (*shares, stations.group(1)):
        assert f"({share})" in summaries
