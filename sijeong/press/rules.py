"""Press rules."""

from __future__ import annotations

from collections.abc import Iterable

from sijeong.core.findings import Finding, Severity, Years, in_years, rule
from sijeong.core.models import Office

from .models import MediaEngagement


@rule
def interviews_have_a_medium(office: Office, years: Years = None) -> Iterable[Finding]:
    engagements = in_years(office.media_engagements.all(), "date", years)
    interviews = engagements.filter(kind=MediaEngagement.Kind.INTERVIEW, medium="")
    for interview in interviews:
        yield Finding.about(
            interview,
            Severity.WARNING,
            "press.interview_medium_missing",
            "인터뷰의 매체 구분(신문, TV·라디오, 통신·인터넷)이 없습니다.",
            "medium",
        )
