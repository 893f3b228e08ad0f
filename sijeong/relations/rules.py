"""Intergovernmental relations rules."""

from __future__ import annotations

from collections.abc import Iterable

from sijeong.core.findings import Finding, Severity, Years, in_years, rule
from sijeong.core.models import Office

from .models import MeetingSession


@rule
def agreements_have_partners(office: Office, years: Years = None) -> Iterable[Finding]:
    for agreement in in_years(office.agreements.all(), "date", years).prefetch_related("partners"):
        if not agreement.partners.all():
            yield Finding.about(
                agreement,
                Severity.WARNING,
                "relations.agreement_without_partner",
                "협약의 상대 기관이 없습니다.",
                "partners",
            )


@rule
def absent_sessions_have_no_opinions(office: Office, years: Years = None) -> Iterable[Finding]:
    sessions = (
        in_years(MeetingSession.objects.all(), "date", years)
        .filter(
            series__office=office,
            attendance=MeetingSession.Attendance.ABSENT,
            opinions_submitted__gt=0,
        )
        .select_related("series")
    )
    for session in sessions:
        yield Finding.about(
            session,
            Severity.WARNING,
            "relations.opinions_while_absent",
            "불참한 회차에 의견개진 건수가 적혀 있습니다.",
            "opinions_submitted",
        )
