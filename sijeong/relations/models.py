"""Partners (협력 기관), meeting series and sessions (국무회의, 중앙지방협력회의), agreements."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.formatting import format_date
from sijeong.core.models import Department, Office
from sijeong.core.validity import ORDER, Between, Record, ShapedJSONField


class Partner(Record):
    """A government or organisation the office works with (협력 기관)."""

    class Kind(models.TextChoices):
        CENTRAL = "central", "중앙정부"
        REGION = "region", "지방자치단체"
        FOREIGN = "foreign", "해외정부"
        ORGANIZATION = "organization", "기관·단체"

    name = models.CharField("기관명", max_length=100, unique=True)
    short_name = models.CharField("약칭", max_length=30, blank=True, help_text="예: 충남, 부산시")
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "협력 기관"
        verbose_name_plural = "협력 기관"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class MeetingSeries(Record):
    """A recurring intergovernmental meeting (회의체), e.g. 국무회의, 중앙지방협력회의."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="meeting_series", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    name = models.CharField("회의명", max_length=100)
    chaired_by = models.CharField("주재", max_length=50, blank=True, help_text="예: 대통령")
    order = models.PositiveSmallIntegerField("순서", default=0, validators=[ORDER])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "회의체"
        verbose_name_plural = "회의체"
        ordering = ["office", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="series_name_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class MeetingSession(Record):
    """One session of a meeting series (회차), with its agenda and how the office took part."""

    owner_field = "series"

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", "참석"
        PROXY = "proxy", "대참"
        ABSENT = "absent", "불참"

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, related_name="sessions", verbose_name="회의체"
    )
    number = models.PositiveSmallIntegerField(
        "회차", null=True, blank=True, validators=[Between(1, 9_999, "회")]
    )
    date = models.DateField("날짜")
    agenda = models.CharField("안건·건의 내용", max_length=300, blank=True)
    attendance = models.CharField(
        "참석", max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    opinions_submitted = models.PositiveSmallIntegerField(
        "의견개진 건수",
        null=True,
        blank=True,
        validators=[Between(0, 999, "건")],
        help_text="알 수 없으면 비워 둡니다.",
    )
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "회의 회차"
        verbose_name_plural = "회의 회차"
        ordering = ["series", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "date", "number"], name="one_session_per_series_date_number"
            )
        ]

    def __str__(self) -> str:
        number = f"제{self.number}회 " if self.number else ""
        return f"{self.series.name} {number}({format_date(self.date, weekday=False)})"

    @property
    def attended(self) -> bool:
        return self.attendance != self.Attendance.ABSENT


class Agreement(Record):
    """An agreement signed with partners (협약: 업무협약, 우호교류협약 …)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="agreements", verbose_name="기관"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    date = models.DateField("체결일")
    kind = models.CharField("협약 종류", max_length=50, help_text="예: 업무협약, 우호교류협약")
    title = models.CharField("협약명", max_length=200)
    partners = models.ManyToManyField(Partner, related_name="agreements", verbose_name="상대 기관")
    topics = ShapedJSONField(
        "협약 분야", shape="labels", default=list, blank=True, help_text='예: ["관광분야"]'
    )
    topics_open_ended = models.BooleanField(
        "분야 '등'으로 끝남", default=False, help_text="원문이 분야 목록을 '등'으로 맺었는지"
    )
    source = models.CharField("출처", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "협약"
        verbose_name_plural = "협약"
        ordering = ["office", "-date", "pk"]

    def __str__(self) -> str:
        return f"{format_date(self.date, weekday=False)} {self.title}"
