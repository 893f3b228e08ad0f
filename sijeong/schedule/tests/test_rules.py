"""Schedule rules: malformed times, inverted times, clashes."""

import datetime

from sijeong.core.findings import run_checks
from sijeong.schedule.models import Event

DAY = datetime.date(2024, 8, 26)


def event(office, department, title, start=None, place="본관 6층 영상회의실", **extra):
    return Event.objects.create(
        office=office,
        department=department,
        title=title,
        kind="ceremony",
        date=DAY,
        start_time=start,
        place=place,
        **extra,
    )


def codes(office):
    return sorted(f.code for f in run_checks(office))


def test_a_time_printed_malformed_is_an_error_naming_it(office, department):
    event(office, department, "업무협약식", time_text="14:1")
    [finding] = run_checks(office)
    assert finding.code == "schedule.time_malformed"
    assert "'14:1'" in finding.message


def test_a_well_formed_time_has_no_finding(office, department):
    event(office, department, "업무협약식", datetime.time(14, 10))
    assert codes(office) == []


def test_an_event_ending_before_it_starts_is_an_error(office, department):
    event(office, department, "행사", datetime.time(14), end_time=datetime.time(13))
    assert codes(office) == ["schedule.ends_before_start"]


def test_events_at_different_places_within_half_an_hour_clash(office, department):
    event(office, department, "가", datetime.time(14, 0), place="도봉구")
    event(office, department, "나", datetime.time(14, 20), place="중구")
    assert codes(office) == ["schedule.clash", "schedule.clash"]


def test_events_with_time_to_travel_between_them_do_not_clash(office, department):
    # 14:00 without an end lasts an hour; then half an hour to travel.
    event(office, department, "가", datetime.time(14, 0), place="도봉구")
    event(office, department, "나", datetime.time(15, 30), place="중구")
    assert codes(office) == []


def test_the_same_place_and_time_twice_is_a_duplicate(office, department):
    event(office, department, "가", datetime.time(14, 0))
    event(office, department, "가", datetime.time(14, 0))
    assert codes(office) == ["schedule.duplicate", "schedule.duplicate"]


def test_a_cancelled_event_clashes_with_nothing(office, department):
    event(office, department, "가", datetime.time(14, 0), place="도봉구")
    event(office, department, "나", datetime.time(14, 0), place="중구", status="cancelled")
    assert codes(office) == []
