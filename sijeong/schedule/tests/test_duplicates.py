"""Two records that look like one event (중복): the same title on the same day, timed or not,
whatever their times; one problem, found on each record, counted once."""

import datetime

from sijeong.core.findings import problems, run_checks
from sijeong.schedule.models import Event
from sijeong.schedule.rules import no_clashes, no_duplicates

DAY = datetime.date(2024, 8, 20)


def event(office, department, title, start=None, place="서울창업허브", **extra):
    return Event.objects.create(
        office=office,
        department=department,
        title=title,
        kind="talk",
        date=extra.pop("date", DAY),
        start_time=start,
        place=place,
        status=extra.pop("status", Event.Status.PLANNED),
        is_public=extra.pop("is_public", True),  # published: no 비공개 사유 asked of it
        **extra,
    )


def test_two_untimed_records_of_one_title_are_a_duplicate_on_both(office, department):
    first = event(office, department, "청년 창업가 간담회")
    second = event(office, department, "청년  창업가간담회", place="시청")  # spaces aside
    findings = list(no_duplicates(office))
    assert {(f.object_id, f.code, f.field) for f in findings} == {
        (first.pk, "schedule.duplicate", "title"),
        (second.pk, "schedule.duplicate", "title"),
    }
    [message] = {f.message for f in findings}
    assert message.startswith(
        "같은 일정으로 보이는 기록이 둘 있습니다: 시각 미정 청년 창업가 간담회"
    )
    assert len(problems(findings)) == 1


def test_times_apart_do_not_make_two_events_of_one_record(office, department):
    event(office, department, "청년 창업가 간담회", datetime.time(10, 0))
    event(office, department, "청년 창업가 간담회", datetime.time(16, 0), place="시청")
    event(office, department, "청년 창업가 간담회", date=DAY + datetime.timedelta(days=1))
    [message] = {f.message for f in no_duplicates(office)}
    assert "10:00 청년 창업가 간담회(서울창업허브), 16:00 청년 창업가 간담회(시청)" in message
    assert len(list(no_duplicates(office))) == 2  # the next day's is another event


def test_three_records_and_a_cancelled_one(office, department):
    for _ in range(3):
        event(office, department, "현장 점검")
    event(office, department, "현장 점검", status=Event.Status.CANCELLED)  # rescheduled
    findings = list(no_duplicates(office))
    assert len(findings) == 3
    assert findings[0].message.startswith("같은 일정으로 보이는 기록이 셋 있습니다")


def test_one_event_recorded_twice_at_the_same_time_is_one_duplicate_not_a_clash(office, department):
    event(office, department, "청년 창업가 간담회", datetime.time(14, 0))
    event(office, department, "청년 창업가 간담회", datetime.time(14, 0))
    assert list(no_clashes(office)) == []
    assert sorted(f.code for f in run_checks(office)) == ["schedule.duplicate"] * 2


def test_a_clash_of_an_event_recorded_twice_is_one_problem(office, department):
    # The integrator's case: two copies of a 14:00 talk, and a 14:30 ceremony elsewhere.
    for _ in range(2):
        event(office, department, "청년 창업가 간담회", datetime.time(14, 0))
    event(office, department, "로봇과학관 개관식", datetime.time(14, 30), place="과학관")
    found = run_checks(office)
    assert sorted(f.code for f in found) == ["schedule.clash"] * 4 + ["schedule.duplicate"] * 2
    assert sorted(f.code for f in problems(found)) == ["schedule.clash", "schedule.duplicate"]
