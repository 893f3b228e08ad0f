"""Press rules."""

import datetime

from sijeong.core.findings import run_checks
from sijeong.press.models import MediaEngagement


def interview(office, department, medium):
    return MediaEngagement.objects.create(
        office=office,
        department=department,
        kind="interview",
        date=datetime.date(2024, 5, 1),
        title="인터뷰",
        outlet="동아일보",
        medium=medium,
    )


def test_an_interview_with_its_medium_has_no_finding(office, department):
    interview(office, department, "newspaper")
    assert run_checks(office) == []


def test_an_interview_without_a_medium_is_a_warning(office, department):
    interview(office, department, "")
    assert [f.code for f in run_checks(office)] == ["press.interview_medium_missing"]
