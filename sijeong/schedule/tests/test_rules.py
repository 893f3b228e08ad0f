"""Schedule rules: malformed times, inverted times, clashes, private events without a reason."""

import datetime

import time_machine
from django.urls import reverse

from sijeong.core.findings import Severity, run_checks
from sijeong.core.testing import logged_in
from sijeong.schedule.actions import add_default_privacy_reasons
from sijeong.schedule.models import SEOUL, Event

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
        **{"is_public": True, **extra},
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


# A private event whose day has come carries its 비공개 사유 (the 2019 disclosure rule).
TODAY = datetime.datetime(2024, 8, 26, 0, 0, tzinfo=SEOUL)


def test_a_private_event_whose_day_has_come_without_a_reason_is_a_warning(office, department):
    kept = event(office, department, "비공개 협의", datetime.time(9), is_public=False)
    with time_machine.travel(TODAY, tick=False):
        [finding] = run_checks(office)
    assert (finding.code, finding.severity, finding.object_id) == (
        "schedule.private_without_reason",
        Severity.WARNING,
        kept.pk,
    )
    assert "비공개 사유가 없습니다" in finding.message


def test_before_its_day_a_private_event_needs_no_reason_yet(office, department):
    event(office, department, "비공개 협의", datetime.time(9), is_public=False)
    with time_machine.travel(TODAY - datetime.timedelta(seconds=1), tick=False):
        assert codes(office) == []
    # The checks kept from the day before do not hide the new day's finding.
    with time_machine.travel(TODAY, tick=False):
        assert codes(office) == ["schedule.private_without_reason"]


def test_a_private_event_with_its_reason_has_no_finding(office, department):
    [reason, *_] = add_default_privacy_reasons(office)
    event(office, department, "비공개 협의", is_public=False, privacy_reason=reason)
    with time_machine.travel(TODAY, tick=False):
        assert codes(office) == []


def test_the_finding_is_on_the_event_and_the_dashboard(dave, office, department):
    kept = event(office, department, "비공개 협의", datetime.time(9), is_public=False)
    message = "공개하지 않은 일정에 비공개 사유가 없습니다."
    client = logged_in(dave)
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("schedule:detail", args=[kept.pk])).content.decode()
        assert f"[경고] {message}" in page
        dashboard = client.get(reverse("home"), {"as_of": "2024-08-26"}).content.decode()
        assert f'href="{reverse("schedule:detail", args=[kept.pk])}"' in dashboard
        assert message in dashboard
