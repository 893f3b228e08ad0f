"""Intergovernmental relations rules."""

import datetime

from sijeong.core.findings import run_checks
from sijeong.relations.models import Agreement, MeetingSeries, MeetingSession, Partner


def agreement(office, department, *partners):
    made = Agreement.objects.create(
        office=office,
        department=department,
        date=datetime.date(2024, 8, 23),
        kind="업무협약",
        title="서울시-부산시 업무협약",
    )
    made.partners.set(partners)
    return made


def test_an_agreement_with_a_partner_has_no_finding(office, department):
    agreement(office, department, Partner.objects.create(name="부산광역시", kind="region"))
    assert run_checks(office) == []


def test_an_agreement_without_partners_is_a_warning(office, department):
    agreement(office, department)
    assert [f.code for f in run_checks(office)] == ["relations.agreement_without_partner"]


def test_opinions_from_a_session_not_attended_are_a_warning(office, department):
    series = MeetingSeries.objects.create(office=office, department=department, name="국무회의")
    MeetingSession.objects.create(
        series=series, date=datetime.date(2024, 3, 5), attendance="absent", opinions_submitted=1
    )
    assert [f.code for f in run_checks(office)] == ["relations.opinions_while_absent"]
