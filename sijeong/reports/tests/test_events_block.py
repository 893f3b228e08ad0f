"""추진내용 (the events block): the events that took place unless the definition asks for
others, and two records of one event marked until resolved or acknowledged."""

import datetime

import pytest

from sijeong.reports.actions import ReportError, finalise
from sijeong.reports.models import Block, Report
from sijeong.reports.writing import write
from sijeong.schedule.models import Event

TALK = "청년 창업가 간담회"


@pytest.fixture
def report(seeded):
    return Report.objects.get(slug="secretariat-2024-09")


def talk(report, status, **extra):
    opening = Event.objects.get(office=report.office, title="서울로봇인공지능과학관 개관식")
    return Event.objects.create(
        office=report.office,
        department=opening.department,
        title=extra.pop("title", TALK),
        kind=Event.Kind.MEETING_TALK,
        domain=opening.domain,
        date=datetime.date(2024, 8, 21),
        start_time=datetime.time(10, 0),
        place="서울창업허브",
        status=status,
        **extra,
    )


def draft_of(report):
    return write(report, "md").decode()


def test_only_events_that_took_place_unless_the_definition_asks(report):
    talk(report, Event.Status.PLANNED)
    talk(report, Event.Status.CANCELLED, title="취소된 행사")
    assert TALK not in draft_of(report)
    block = Block.objects.get(section__report=report, kind=Block.Kind.EVENTS)
    block.params = {"statuses": ["done", "planned"]}
    block.save()
    text = draft_of(report)
    assert TALK in text and "취소된 행사" not in text


def test_two_records_of_one_event_are_marked_where_printed(report, alice):
    talk(report, Event.Status.DONE)
    second = talk(report, Event.Status.DONE)
    text = draft_of(report)
    assert text.startswith("검토용 초안 — 확정 전 문서입니다. 확인이 필요한 곳 3건")
    assert text.count(f"{TALK}[확인 필요: 같은 일정으로 보이는 기록이 둘 있습니다") == 2
    with pytest.raises(ReportError, match="3건 중 2건에 사유가 없습니다"):
        finalise(report, alice, {0: "원문 표기 그대로 보고"})
    second.delete()
    assert draft_of(report).count(TALK) == 1 and "확인이 필요한 곳 1건" in draft_of(report)


def test_two_records_not_printed_still_hold_the_report_until_acknowledged(report, alice):
    # The integrator's case: two identical planned records of one event, saved by mistake.
    for _ in range(2):
        talk(report, Event.Status.PLANNED)
    text = draft_of(report)
    assert "확인이 필요한 곳 2건" in text
    assert f"※ 본문에 싣지 않은 기록: 2024. 8. 21. {TALK}[확인 필요: 같은 일정으로 보이는" in text
    with pytest.raises(ReportError, match="2건 중 1건에 사유가 없습니다"):
        finalise(report, alice, {0: "원문 표기 그대로 보고"})
    final = finalise(report, alice, {0: "원문 표기 그대로 보고", 1: "취소 예정인 중복 입력"})
    frozen = write(final, "md").decode()
    assert TALK not in frozen and "본문에 싣지 않은" not in frozen
    assert final.acknowledged[1]["reason"] == "취소 예정인 중복 입력"
    assert final.acknowledged[1]["message"].startswith("같은 일정으로 보이는 기록이 둘 있습니다")
