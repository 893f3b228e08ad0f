"""Media engagements (언론 활동) of the mayor: briefings, press conferences, interviews.

Interviews often arrive only as counts by medium; those counts are stated figures
(core.Observation), and the items recorded here are counted against them by the checks.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.formatting import format_date
from sijeong.core.models import Department, Office
from sijeong.core.validity import ORDER, Record


class MediaEngagement(Record):
    """One briefing (기자설명회), press conference (기자간담회) or interview (인터뷰)."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "기자설명회"
        PRESS_CONFERENCE = "press_conference", "기자간담회"
        INTERVIEW = "interview", "언론 인터뷰"

    class Medium(models.TextChoices):
        NEWSPAPER = "newspaper", "신문"
        BROADCAST = "broadcast", "TV·라디오"
        ONLINE = "online", "통신·인터넷"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="media_engagements", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    date = models.DateField("날짜")
    title = models.CharField("제목", max_length=200)
    key_points = models.TextField("주요내용", max_length=2_000, blank=True)
    outlet = models.CharField("매체", max_length=100, blank=True, help_text="인터뷰한 언론사")
    medium = models.CharField("매체 구분", max_length=20, choices=Medium.choices, blank=True)
    order = models.PositiveSmallIntegerField(
        "표시 순서",
        default=0,
        validators=[ORDER],
        help_text="같은 날짜의 항목을 보고서에 적는 순서",
    )
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "언론 활동"
        verbose_name_plural = "언론 활동"
        ordering = ["office", "-date", "order", "pk"]
        indexes = [models.Index(fields=["office", "kind", "date"])]

    def __str__(self) -> str:
        return f"[{self.get_kind_display()}] {format_date(self.date, weekday=False)} {self.title}"
