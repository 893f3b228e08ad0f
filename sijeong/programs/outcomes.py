"""Which indicators say how a programme is doing (성과 지표), for the public programmes page.

Two kinds of figure are recorded as indicators but are not a programme's outcome, and are left
out there: the counts of the office's own work under its standing tasks (주요업무 — 기자설명회
11회, 교류협약 9건), which its 언론 and 대외협력 records count and its report prints; and the
counts of a programme's own parts (2대 분야, 20개 핵심과제, 52개 세부사업: the derivation
`programs.children`), which describe its size, not what it has achieved.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from sijeong.core.models import Indicator, Office

from .models import Program

# Derivations whose figure counts a programme's parts rather than what it delivers.
PARTS = ("programs.children",)


def outcome_indicators(office: Office) -> QuerySet[Indicator]:
    """The office's indicators of its programmes' outcomes, in their order."""
    tasks = Program.objects.filter(office=office, kind=Program.Kind.TASK)
    return (
        Indicator.objects.filter(
            office=office, subject_type=ContentType.objects.get_for_model(Program)
        )
        .exclude(subject_id__in=tasks.values("pk"))
        .exclude(derivation__in=PARTS)
        .order_by("order", "pk")
    )
