"""The mayor's events (일정) and what they are about.

An event keeps its date and, separately, its time: a time the source printed malformed
(`14:1`) is kept as written in `time_text` rather than guessed, and the checks flag it.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.formatting import format_date, format_time
from sijeong.core.models import Department, Office
from sijeong.core.validity import ORDER, Between, Record

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


MONTH = Between(1, 12, "월")


class Domain(Record):
    """A field of the office's work that events are grouped by (분야: 안전, 매력, 시책, 민생)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="domains", verbose_name="기관"
    )
    name = models.CharField("분야명", max_length=30)
    heading = models.CharField(
        "상위 항목",
        max_length=200,
        blank=True,
        help_text="보고서에서 이 분야를 묶는 항목. 같은 문구의 분야는 한 항목 아래 놓입니다.",
    )
    description = models.CharField("설명", max_length=300, blank=True)
    color = models.CharField(
        "표시 색",
        max_length=7,
        default="#2f6fb0",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "색은 #2f6fb0처럼 적어 주세요.")],
        help_text="#과 16진수 여섯 자리. 예: #2f6fb0",
    )
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "분야"
        verbose_name_plural = "분야"
        ordering = ["office", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="domain_name_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class PolicyTheme(Record):
    """A policy theme events and messages serve (시책 주제, e.g. 약자와의 동행)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="policy_themes", verbose_name="기관"
    )
    name = models.CharField("주제", max_length=100)
    description = models.CharField("설명", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "시책 주제"
        verbose_name_plural = "시책 주제"
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="theme_name_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class Agenda(Record):
    """A current issue with a season window (현안, e.g. 폭염 6~9월) that field visits answer."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="agendas", verbose_name="기관"
    )
    name = models.CharField("현안", max_length=100)
    season_start_month = models.PositiveSmallIntegerField(
        "시기 시작 월", null=True, blank=True, validators=[MONTH]
    )
    season_end_month = models.PositiveSmallIntegerField(
        "시기 끝 월", null=True, blank=True, validators=[MONTH]
    )
    description = models.CharField("설명", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "현안"
        verbose_name_plural = "현안"
        ordering = ["office", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.season_start_month is None) != (self.season_end_month is None):
            raise ValidationError(
                "현안의 시기는 시작 월과 끝 월을 함께 적거나 둘 다 비워 두어야 합니다."
            )


class PrivacyReason(Record):
    """A reason an event is kept off the public schedule (비공개 사유), from the list the office
    keeps: the disclosure rule asks every event kept private to carry one."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="privacy_reasons", verbose_name="기관"
    )
    # Short enough to stand in a change-history note (`history_change_reason`, 100 characters).
    text = models.CharField("사유", max_length=50)
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "비공개 사유"
        verbose_name_plural = "비공개 사유"
        ordering = ["office", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "text"], name="privacy_reason_per_office")
        ]

    def __str__(self) -> str:
        return self.text


class Event(Record):
    """One item of the mayor's schedule (일정): a visit, ceremony, meeting …"""

    class Kind(models.TextChoices):
        FIELD_VISIT = "field_visit", "현장방문"
        CEREMONY = "ceremony", "행사"
        AGREEMENT = "agreement", "협약식"
        MEETING_TALK = "talk", "간담회"
        MEETING = "meeting", "회의"
        BRIEFING = "briefing", "기자설명회"
        INTERVIEW = "interview", "인터뷰"

    class Status(models.TextChoices):
        PLANNED = "planned", "예정"
        DONE = "done", "완료"
        CANCELLED = "cancelled", "취소"

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", "직접 참석"
        PROXY = "proxy", "대참"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="events", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    title = models.CharField("일정명", max_length=200)
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    domain = models.ForeignKey(
        Domain,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name="분야",
    )
    themes = models.ManyToManyField(
        PolicyTheme, related_name="events", blank=True, verbose_name="시책 주제"
    )
    agenda = models.ForeignKey(
        Agenda,
        on_delete=models.SET_NULL,
        related_name="events",
        null=True,
        blank=True,
        verbose_name="현안",
    )
    date = models.DateField("날짜")
    start_time = models.TimeField("시작 시각", null=True, blank=True)
    end_time = models.TimeField("종료 시각", null=True, blank=True)
    time_text = models.CharField(
        "시각(원문)",
        max_length=20,
        blank=True,
        help_text="원문의 시각이 올바른 형식이 아니면 적힌 그대로 둡니다. 검사에서 표시됩니다.",
    )
    place = models.CharField("장소", max_length=200)
    district = models.CharField("자치구", max_length=30, blank=True)
    summary = models.TextField("주요내용", max_length=2_000, blank=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Private until someone publishes it (schedule.actions.set_publicity): a test event or a
    # draft is never on the citizens' schedule by accident.
    is_public = models.BooleanField("공개 일정", default=False)
    privacy_reason = models.ForeignKey(
        PrivacyReason,
        # A reason in use stays, except when its office goes with its events.
        on_delete=models.RESTRICT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name="비공개 사유",
    )
    attendance = models.CharField(
        "참석", max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "일정"
        verbose_name_plural = "일정"
        ordering = ["office", "date", "start_time", "pk"]
        indexes = [models.Index(fields=["office", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_public=False) | models.Q(privacy_reason__isnull=True),
                name="public_event_without_privacy_reason",
                violation_error_message="공개 일정에는 비공개 사유를 두지 않습니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{format_date(self.date, weekday=False)} {self.title}"

    def clean(self) -> None:
        if self.end_time is not None and self.start_time is None:
            raise ValidationError({"start_time": "종료 시각을 적었으면 시작 시각도 적어 주세요."})
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": "종료 시각이 시작 시각보다 이릅니다."})
        reason = self.privacy_reason
        if reason is not None and self.office_id is not None and reason.office_id != self.office_id:
            raise ValidationError({"privacy_reason": "다른 기관의 비공개 사유입니다."})

    @property
    def starts_at(self) -> datetime.datetime | None:
        """Start as an aware Asia/Seoul datetime, when the time is known."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=SEOUL)

    @property
    def time_label(self) -> str:
        """The time as printed: `11:10`, `14:00~15:30`, or the source's text when malformed."""
        if self.start_time is None:
            return self.time_text
        end = f"~{format_time(self.end_time)}" if self.end_time is not None else ""
        return format_time(self.start_time) + end

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=SEOUL)


class Message(Record):
    """A key message or remarks (메시지·말씀자료) for an event or a policy theme."""

    class Kind(models.TextChoices):
        KEY_MESSAGE = "key", "핵심 메시지"
        REMARKS = "remarks", "말씀자료"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="messages", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    kind = models.CharField("종류", max_length=10, choices=Kind.choices, default=Kind.KEY_MESSAGE)
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
        verbose_name="일정",
    )
    theme = models.ForeignKey(
        PolicyTheme,
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
        verbose_name="시책 주제",
    )
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용", max_length=20_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "메시지"
        verbose_name_plural = "메시지"
        ordering = ["office", "-pk"]

    def __str__(self) -> str:
        return self.title
