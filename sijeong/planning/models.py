"""What the field-visit planner (민생현장 일정 기획) reads as records: candidate visits, the
office's planning rules and weights, days the mayor cannot go out, and measured travel times.

`records.instance_for` turns them, with the office's events, 현안 and public holidays, into the
solver's `Instance`; `records.accept` turns an accepted proposal back into events.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from sijeong.core.formatting import format_date
from sijeong.core.models import Department, Office
from sijeong.core.validity import Between, Record, ShapedJSONField
from sijeong.planning.travel import PLACES
from sijeong.programs.models import Milestone
from sijeong.schedule.models import Agenda, Domain, Event

PLACE_CHOICES = [(place, place) for place in PLACES]


def default_domain_minimums() -> dict[str, int]:
    return {"안전": 1}


class VisitCandidate(Record):
    """A visit the mayor could make (후보 방문): where, how long, how much it matters, and the
    days it may happen on."""

    class Preferred(models.TextChoices):
        MORNING = "morning", "오전"
        AFTERNOON = "afternoon", "오후"
        ANY = "any", "무관"

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "후보"
        EXCLUDED = "excluded", "제외"
        ACCEPTED = "accepted", "반영됨"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="visit_candidates", verbose_name="기관"
    )
    # The event an accepted visit becomes needs a department, as every event does.
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="담당 부서"
    )
    title = models.CharField("방문명", max_length=200)
    place = models.CharField("장소", max_length=200)
    district = models.CharField(
        "자치구",
        max_length=30,
        choices=PLACE_CHOICES,
        blank=True,
        help_text="이동 시간 계산에 쓰입니다. 모르면 비워 둡니다(이동 시간 없이 겹침만 피합니다).",
    )
    domain = models.ForeignKey(
        Domain,
        on_delete=models.SET_NULL,
        related_name="visit_candidates",
        null=True,
        blank=True,
        verbose_name="분야",
    )
    agenda = models.ForeignKey(
        Agenda,
        on_delete=models.SET_NULL,
        related_name="visit_candidates",
        null=True,
        blank=True,
        verbose_name="현안",
        help_text="현안의 시기 안에 방문하면 점수가 더해집니다.",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "소요 시간(분)", default=60, validators=[Between(10, 600, "분")]
    )
    priority = models.PositiveSmallIntegerField(
        "우선순위",
        default=3,
        validators=[Between(1, 5)],
        help_text="1(낮음)~5(높음)",
    )
    earliest = models.DateField("방문 가능 시작일")
    latest = models.DateField("방문 가능 종료일")
    preferred = models.CharField(
        "선호 시간대", max_length=10, choices=Preferred.choices, default=Preferred.ANY
    )
    must = models.BooleanField(
        "필수", default=False, help_text="빈 시간이 있으면 반드시 일정에 넣습니다."
    )
    linked = models.CharField(
        "연계 사업·행사", max_length=200, blank=True, help_text="예: ○○도서관 개관식"
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        related_name="visit_candidates",
        null=True,
        blank=True,
        verbose_name="연계 추진일정",
    )
    status = models.CharField(
        "상태", max_length=10, choices=Status.choices, default=Status.CANDIDATE
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        related_name="visit_candidates",
        null=True,
        blank=True,
        verbose_name="반영된 일정",
    )
    notes = models.TextField("메모", max_length=2_000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "후보 방문"
        verbose_name_plural = "후보 방문"
        ordering = ["office", "earliest", "-priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(earliest__lte=models.F("latest")),
                name="visit_candidate_window_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=5),
                name="visit_candidate_priority_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.earliest and self.latest and self.earliest > self.latest:
            errors["latest"] = "방문 가능 종료일이 시작일보다 빠릅니다."
        office_id = self.office_id
        if office_id is not None:
            # Every record the candidate points at must be its own office's.
            for name, record_office in (
                ("department", self.department.office_id if self.department_id else None),
                ("domain", self.domain.office_id if self.domain else None),
                ("agenda", self.agenda.office_id if self.agenda else None),
                ("milestone", self.milestone.program.office_id if self.milestone else None),
                ("event", self.event.office_id if self.event else None),
            ):
                if record_office is not None and record_office != office_id:
                    errors[name] = "다른 기관의 기록은 고를 수 없습니다."
        if errors:
            raise ValidationError(errors)


# Points of the planner's objective per unit (docs/planning.md): more would drown the others.
WEIGHT = Between(0, 1_000, "점")


class PlanningRules(Record):
    """The office's rules and weights for planning visits (기획 기준); one per office.

    The weights are points of the planner's objective; docs/planning.md gives their units.
    """

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="planning_rules", verbose_name="기관"
    )
    day_start = models.TimeField("일과 시작", default=datetime.time(9, 0))
    day_end = models.TimeField("일과 끝", default=datetime.time(18, 0))
    max_visits_per_day = models.PositiveSmallIntegerField(
        "하루 최대 방문", default=2, validators=[Between(0, 10, "건")]
    )
    max_visits_per_week = models.PositiveSmallIntegerField(
        "주간 최대 방문",
        default=6,
        validators=[Between(0, 70, "건")],
        help_text="월요일~일요일 기준",
    )
    slot_minutes = models.PositiveSmallIntegerField(
        "시작 시각 간격(분)",
        default=30,
        validators=[Between(5, 120, "분")],
        help_text="방문은 일과 시작부터 이 간격의 시각에 시작합니다.",
    )
    weekend_allowed = models.BooleanField("주말 방문 허용", default=False)
    weight_priority = models.PositiveSmallIntegerField(
        "가중치: 우선순위",
        default=10,
        validators=[WEIGHT],
        help_text="배치한 방문의 우선순위 1단계마다 주는 점수",
    )
    weight_domain_share = models.PositiveSmallIntegerField(
        "가중치: 분야 배분",
        default=30,
        validators=[WEIGHT],
        help_text="분야별 주간 최소 방문 수를 채우는 방문 1건마다 주는 점수",
    )
    weight_district_recency = models.PositiveSmallIntegerField(
        "가중치: 오래 안 간 자치구",
        default=5,
        validators=[WEIGHT],
        help_text="자치구를 마지막으로 방문한 뒤 10일마다 주는 점수(자치구마다 한 번)",
    )
    weight_issue_in_season = models.PositiveSmallIntegerField(
        "가중치: 현안 시기",
        default=10,
        validators=[WEIGHT],
        help_text="현안의 시기 안에 방문하면 주는 점수",
    )
    weight_travel = models.PositiveSmallIntegerField(
        "가중치: 이동 시간",
        default=2,
        validators=[WEIGHT],
        help_text="왕복 이동 10분마다 빼는 점수",
    )
    weight_preferred_time = models.PositiveSmallIntegerField(
        "가중치: 선호 시간대",
        default=10,
        validators=[WEIGHT],
        help_text="선호 시간대(오전·오후)에 시작하면 주는 점수",
    )
    domain_min_per_week = ShapedJSONField(
        "분야별 주간 최소 방문",
        shape="counts",
        default=default_domain_minimums,
        blank=True,
        help_text='분야명과 주마다 채울 방문 수. 예: {"안전": 1, "민생": 1}',
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "기획 기준"
        verbose_name_plural = "기획 기준"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day_start__lt=models.F("day_end")),
                name="planning_rules_day_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} 기획 기준"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.day_start and self.day_end and self.day_start >= self.day_end:
            errors["day_end"] = "일과 끝이 일과 시작보다 늦어야 합니다."
        if errors:
            raise ValidationError(errors)


class BlockedDay(Record):
    """A day the mayor cannot make field visits (일정 불가일): travel abroad, a council week."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="blocked_days", verbose_name="기관"
    )
    date = models.DateField("날짜")
    reason = models.CharField("사유", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "일정 불가일"
        verbose_name_plural = "일정 불가일"
        ordering = ["office", "date"]
        constraints = [
            models.UniqueConstraint(fields=["office", "date"], name="blocked_day_per_office")
        ]

    def __str__(self) -> str:
        return f"{format_date(self.date)} {self.reason}".strip()


class TravelTime(Record):
    """A measured travel time between two places (이동 시간 보정), replacing the estimate of
    `planning.travel` both ways."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="travel_times", verbose_name="기관"
    )
    from_place = models.CharField("출발지", max_length=30, choices=PLACE_CHOICES)
    to_place = models.CharField("도착지", max_length=30, choices=PLACE_CHOICES)
    minutes = models.PositiveSmallIntegerField("이동 시간(분)", validators=[Between(1, 300, "분")])
    note = models.CharField("근거", max_length=200, blank=True, help_text="예: 수행 기사 실측 평균")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "이동 시간 보정"
        verbose_name_plural = "이동 시간 보정"
        ordering = ["office", "from_place", "to_place"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "from_place", "to_place"], name="travel_time_per_office_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_place} ↔ {self.to_place} {self.minutes}분"
