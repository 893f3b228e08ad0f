"""The findings framework: findings name their record; checks run per office."""

import datetime

from sijeong.core.findings import Finding, Severity, findings_for, problems, run_checks
from sijeong.core.models import Office
from sijeong.schedule.models import Event


def malformed(office, department, title="업무협약식"):
    return Event.objects.create(
        office=office,
        department=department,
        title=title,
        kind="agreement",
        date=datetime.date(2024, 8, 26),
        time_text="14:1",
        place="본관",
        is_public=True,
    )


def test_a_finding_names_its_record_in_korean(office, department):
    event = malformed(office, department)
    finding = Finding.about(event, Severity.ERROR, "x.y", "메시지", "time_text")
    assert (finding.model, finding.object_id, finding.model_name) == (
        "schedule.event",
        event.pk,
        "일정",
    )
    assert finding.as_dict()["severity_label"] == "오류"


def test_checks_run_for_one_office_only(office, department):
    malformed(office, department)
    other = Office.objects.create(slug="other", organization="다른시", name="비서실")
    assert run_checks(other) == []
    assert len(run_checks(office)) == 1
    assert len(run_checks()) == 1


def test_findings_for_a_record_are_only_its_own(office, department):
    first = malformed(office, department, "가")
    malformed(office, department, "나")
    assert [f.object_id for f in findings_for(first, office)] == [first.pk]


def test_a_problem_of_two_records_is_found_on_each_and_counted_once(office, department):
    first, second = malformed(office, department), malformed(office, department, "간담회")
    pair = [
        Finding.about(event, Severity.WARNING, "x.pair", "둘이 겹칩니다.", problem="x.pair|1|2")
        for event in (first, second)
    ]
    alone = [
        Finding.about(event, Severity.ERROR, "x.one", "하나의 문제") for event in (first, second)
    ]
    assert problems([*pair, *alone]) == [pair[0], *alone]
