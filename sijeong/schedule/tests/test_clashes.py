"""Clashes on time ranges: [start, end) of each event, a default duration for an event
without an end, and a travel margin between events at different places."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sijeong.core.findings import Severity
from sijeong.schedule.models import Event
from sijeong.schedule.rules import clashing, no_clashes, particle

DAY = datetime.date(2024, 8, 26)


def at(text):
    hour, minute = text.split(":")
    return datetime.time(int(hour), int(minute))


def event(office, department, title, start, end=None, place="서울역", **extra):
    return Event.objects.create(
        office=office,
        department=department,
        title=title,
        kind="meeting",
        date=extra.pop("date", DAY),
        start_time=at(start),
        end_time=at(end) if end else None,
        place=place,
        **extra,
    )


def found(office):
    """(code, title, message) of each finding of the clash rule, in a stable order."""
    return sorted((f.code, f.object_repr.split(" ", 1)[1], f.message) for f in no_clashes(office))


def codes(office):
    return sorted({f.code for f in no_clashes(office)})


def test_an_event_inside_another_clashes_and_says_by_how_much(office, department):
    event(office, department, "현장방문", "10:00", "11:30", place="서울역")
    event(office, department, "회의", "11:00", "11:20", place="시청")
    findings = list(no_clashes(office))
    assert sorted(f.object_repr for f in findings) == ["2024. 8. 26. 현장방문", "2024. 8. 26. 회의"]
    assert {f.code for f in findings} == {"schedule.clash"}
    assert {f.severity for f in findings} == {Severity.WARNING}
    assert {f.message for f in findings} == {
        "10:00~11:30 현장방문(서울역)과 11:00~11:20 회의(시청)가 20분 겹칩니다."
    }


def test_the_issue_s_case_a_meeting_without_an_end_inside_a_visit(office, department):
    # 11:00 without an end lasts the default hour: 11:00~12:00, half an hour inside the visit.
    event(office, department, "현장방문", "10:00", "11:30", place="서울역")
    event(office, department, "회의", "11:00", place="시청")
    [message] = {f.message for f in no_clashes(office)}
    assert message == (
        "10:00~11:30 현장방문(서울역)과 11:00~12:00 회의(시청)가 30분 겹칩니다."
        " 종료 시각이 없는 일정은 60분으로 보았습니다."
    )


@pytest.mark.parametrize(
    ("second", "minutes"),
    [
        (("09:00", "10:15"), 15),  # overlaps the start
        (("11:00", "12:00"), 30),  # overlaps the end
        (("09:00", "12:00"), 90),  # contains it
    ],
)
def test_an_overlap_at_either_end_clashes(office, department, second, minutes):
    event(office, department, "현장방문", "10:00", "11:30", place="서울역")
    event(office, department, "간담회", *second, place="시청")
    messages = {f.message for f in no_clashes(office)}
    assert codes(office) == ["schedule.clash"]
    [message] = messages
    assert message.endswith(f"{minutes}분 겹칩니다.")


def test_back_to_back_at_the_same_place_is_fine(office, department):
    event(office, department, "가", "10:00", "11:00", place="본관 6층 영상회의실")
    event(office, department, "나", "11:00", "12:00", place="본관 6층 영상회의실")
    assert found(office) == []


def test_back_to_back_at_another_place_lacks_the_travel_margin(office, department):
    event(office, department, "현장방문", "10:00", "11:00", place="서울역")
    event(office, department, "회의", "11:00", place="시청")
    findings = list(no_clashes(office))
    assert len(findings) == 2
    assert {f.code for f in findings} == {"schedule.travel"}
    assert {f.severity for f in findings} == {Severity.WARNING}  # a warning, not an error
    assert {f.message for f in findings} == {
        "10:00~11:00 현장방문(서울역)과 11:00~12:00 회의(시청) 사이에 이동 여유 30분이"
        " 없습니다(사이 0분). 종료 시각이 없는 일정은 60분으로 보았습니다."
    }


def test_the_travel_margin_is_met_exactly(office, department):
    event(office, department, "가", "10:00", "11:00", place="서울역")
    event(office, department, "나", "11:30", "12:00", place="시청")
    assert found(office) == []


def test_overlaps_at_the_same_place_are_duplicates(office, department):
    event(office, department, "현장방문", "10:00", "11:30", place="서울역")
    event(office, department, "회의", "11:00", "12:00", place="서울역 ")
    assert [message for _, _, message in found(office)] == [
        "같은 일정으로 보이는 기록이 둘 있습니다: 같은 장소에서 10:00~11:30 현장방문과 "
        "11:00~12:00 회의(서울역)가 30분 겹칩니다."
    ] * 2
    assert codes(office) == ["schedule.duplicate"]


def test_the_same_event_twice_is_left_to_the_duplicate_rule(office, department):
    # One problem, one finding on each record: `no_duplicates` says it (test_duplicates.py).
    event(office, department, "업무협약식", "14:00", "15:00")
    event(office, department, "업무협약식 ", "14:00", "15:00")
    assert found(office) == []


def test_an_event_without_an_end_lasts_the_default_duration(office, department, settings):
    event(office, department, "가", "10:00", place="서울역")
    event(office, department, "나", "11:10", "12:00", place="시청")
    assert codes(office) == ["schedule.travel"]  # 10:00~11:00, then 10 minutes to travel
    settings.SIJEONG_DEFAULT_EVENT_MINUTES = 90
    assert codes(office) == ["schedule.clash"]  # 10:00~11:30 now overlaps 11:10
    settings.SIJEONG_DEFAULT_EVENT_MINUTES = 30
    settings.SIJEONG_TRAVEL_MARGIN_MINUTES = 10
    assert codes(office) == []


def test_an_end_before_the_start_counts_as_no_end(office, department):
    # The inverted time is an error of its own (schedule.ends_before_start).
    event(office, department, "가", "10:00", "09:00", place="서울역")
    event(office, department, "나", "10:30", "11:00", place="시청")
    assert codes(office) == ["schedule.clash"]


def test_cancelled_events_are_ignored(office, department):
    event(office, department, "가", "10:00", "11:30", place="서울역")
    event(office, department, "나", "11:00", "12:00", place="시청", status="cancelled")
    event(office, department, "다", "10:00", "11:30", place="서울역", status="cancelled")
    assert found(office) == []


def test_events_on_different_days_do_not_clash(office, department):
    event(office, department, "가", "10:00", "11:30", place="서울역")
    event(office, department, "나", "10:00", "11:30", place="시청", date=DAY.replace(day=27))
    assert found(office) == []


def test_untimed_events_do_not_clash(office, department):
    event(office, department, "가", "10:00", "11:30", place="서울역")
    Event.objects.create(
        office=office, department=department, title="나", kind="meeting", date=DAY,
        place="시청", time_text="10:3",
    )  # fmt: skip
    assert found(office) == []


def test_a_long_event_clashes_with_each_it_spans(office, department):
    # The sweep keeps the long event running past the short ones that end before it.
    event(office, department, "종일 행사", "09:00", "18:00", place="광장")
    event(office, department, "가", "10:00", "10:30", place="시청")
    event(office, department, "나", "14:00", "14:30", place="시청")
    event(office, department, "다", "17:00", "17:30", place="시청")
    pairs = [
        f.object_repr.removeprefix("2024. 8. 26. ")
        for f in no_clashes(office)
        if f.code == "schedule.clash"
    ]
    assert sorted(pairs) == ["가", "나", "다", "종일 행사", "종일 행사", "종일 행사"]
    assert codes(office) == ["schedule.clash"]  # 가, 나, 다 are hours apart


def test_the_live_check_lists_only_overlapping_events(office, department):
    visit = event(office, department, "현장방문", "10:00", "11:30", place="서울역")
    event(office, department, "회의", "11:30", "12:00", place="시청")  # back to back
    event(office, department, "취소된 회의", "10:00", place="시청", status="cancelled")
    candidate = Event(office=office, date=DAY, start_time=at("10:30"), place="시청")
    assert clashing(candidate) == [visit]  # 10:30~11:30 overlaps the visit only
    assert clashing(visit) == []  # itself excluded; the meeting only lacks travel time
    assert clashing(Event(office=office, date=DAY, start_time=None)) == []


def test_the_queries_do_not_grow_with_the_events(office, department):
    def count():
        with CaptureQueriesContext(connection) as queries:
            list(no_clashes(office))
        return len(queries)

    event(office, department, "가", "10:00", "11:30", place="서울역")
    event(office, department, "나", "11:00", place="시청")
    small = count()
    Event.objects.bulk_create(
        Event(
            office=office, department=department, title=f"행사 {n}", kind="ceremony",
            date=DAY + datetime.timedelta(days=n % 5), start_time=datetime.time(8 + n % 12, 0),
            place=f"장소 {n % 7}",
        )
        for n in range(300)
    )  # fmt: skip
    assert len(list(no_clashes(office))) > 300  # many conflicts found …
    assert count() == small == 1  # … with one query


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("회의", ("과", "와"), "와"),
        ("현장방문", ("과", "와"), "과"),
        ("현장방문(서울역)", ("이", "가"), "이"),
        ("14:1", ("은", "는"), "은"),
        ("9:5", ("은", "는"), "는"),
        ("Meeting", ("과", "와"), "과(와)"),
    ],
)
def test_the_particle_follows_the_last_sound(word, pair, expected):
    assert particle(word, *pair) == expected
