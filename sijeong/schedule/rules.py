"""Schedule rules: well-formed times, events recorded twice, events that clash, and private
events without a reason.

Two records of one office that look like the same event are `schedule.duplicate` (중복): the
same title (spaces aside) on the same day, timed or not, whatever their times; or times that
overlap at the same place. A report whose events include them is finalised only once they are
resolved or a reason is given (`reports.build`).

Events clash when their time ranges overlap. An event lasts from its start to its end time,
[start, end); an event without an end time (or with one not after its start) is taken to last
`SIJEONG_DEFAULT_EVENT_MINUTES`. Between events at different places the mayor also needs
`SIJEONG_TRAVEL_MARGIN_MINUTES` to travel: less is a warning of its own (`schedule.travel`).
Overlapping events at different places are `schedule.clash`. Cancelled and untimed events
clash with nothing.

Each such finding is found on every record involved, and names the one problem it belongs to
(`Finding.problem`): the code and the events, each event known by its day and title, so that
two records of one event clashing with a third are one clash, not two.

An event kept private once its day has come carries its 비공개 사유 (the 2019 disclosure
rule); one without is `schedule.private_without_reason`.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from sijeong.core.findings import Finding, Severity, Years, in_years, rule
from sijeong.core.formatting import format_time
from sijeong.core.models import Office

from .models import SEOUL, Event

# Defaults of the settings of the same names with the prefix `SIJEONG_`.
DEFAULT_EVENT_MINUTES = 60
TRAVEL_MARGIN_MINUTES = 30

CLASH = "schedule.clash"
DUPLICATE = "schedule.duplicate"
TRAVEL = "schedule.travel"
PRIVATE_WITHOUT_REASON = "schedule.private_without_reason"

# Particles (after a consonant, after a vowel): 과/와 "and", 이/가 the subject.
AND = ("과", "와")
SUBJECT = ("이", "가")


def default_duration() -> datetime.timedelta:
    """How long an event without an end time is taken to last."""
    minutes = getattr(settings, "SIJEONG_DEFAULT_EVENT_MINUTES", DEFAULT_EVENT_MINUTES)
    return datetime.timedelta(minutes=minutes)


def travel_margin() -> datetime.timedelta:
    """The time needed between the end of one event and the start of one at another place."""
    minutes = getattr(settings, "SIJEONG_TRAVEL_MARGIN_MINUTES", TRAVEL_MARGIN_MINUTES)
    return datetime.timedelta(minutes=minutes)


@rule
def times_well_formed(office: Office, years: Years = None) -> Iterable[Finding]:
    for event in in_years(office.events.all(), "date", years):
        if event.time_text:
            yield Finding.about(
                event,
                Severity.ERROR,
                "schedule.time_malformed",
                f"시각 '{event.time_text}'이 올바른 형식(시:분)이 아닙니다.",
                "time_text",
            )
        if event.start_time and event.end_time and event.end_time < event.start_time:
            yield Finding.about(
                event,
                Severity.ERROR,
                "schedule.ends_before_start",
                "종료 시각이 시작 시각보다 이릅니다.",
                "end_time",
            )


# How many records look like one event, in words: 같은 일정으로 보이는 기록이 둘 있습니다.
_HOW_MANY = {2: "둘", 3: "셋", 4: "넷", 5: "다섯"}
_SPACES = re.compile(r"\s+")


def same_event(event: Event) -> str:
    """What an event is known by when comparing records: its office, its day and its title,
    spaces aside (`7 2024-08-20 청년창업가간담회`)."""
    return f"{event.office_id} {event.date.isoformat()} {_SPACES.sub('', event.title)}"


def problem(code: str, *events: Event) -> str:
    """The problem some events make together: the code and the events, each as `same_event`."""
    return "|".join([code, *sorted({same_event(e) for e in events})])


def _looks_like(events: list[Event]) -> str:
    def one(event: Event) -> str:
        place = f"({event.place.strip()})" if event.place.strip() else ""
        return f"{event.time_label or '시각 미정'} {event.title}{place}"

    many = _HOW_MANY.get(len(events), f"{len(events)}건")
    return f"같은 일정으로 보이는 기록이 {many} 있습니다: {', '.join(map(one, events))}."


def duplicates(events: Iterable[Event]) -> Iterator[list[Event]]:
    """Groups of two or more events, not cancelled, of one day with the same title."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.status != Event.Status.CANCELLED:
            groups[same_event(event)].append(event)
    for key in sorted(groups):
        if len(groups[key]) > 1:
            yield sorted(groups[key], key=lambda e: (e.start_time is None, e.start_time, e.pk or 0))


@rule
def no_duplicates(office: Office, years: Years = None) -> Iterable[Finding]:
    for group in duplicates(in_years(office.events.all(), "date", years)):
        message = _looks_like(group)
        for event in group:
            yield Finding.about(
                event, Severity.WARNING, DUPLICATE, message, "title", problem(DUPLICATE, *group)
            )


@rule
def private_events_have_reasons(office: Office, years: Years = None) -> Iterable[Finding]:
    """An event whose day has come and that is kept private carries its 비공개 사유: under the
    2019 disclosure rule the day's public schedule is out by 00:00, and what is left out of
    it must say why."""
    today = timezone.localdate(timezone=SEOUL)
    events = office.events.filter(is_public=False, privacy_reason__isnull=True, date__lte=today)
    for event in in_years(events, "date", years):
        yield Finding.about(
            event,
            Severity.WARNING,
            PRIVATE_WITHOUT_REASON,
            "공개하지 않은 일정에 비공개 사유가 없습니다. "
            "일정 화면에서 공개하거나 비공개 사유를 골라 주세요.",
            "privacy_reason",
        )


@dataclass(frozen=True)
class Span:
    """The time an event takes: [start, end), the end assumed when none was written."""

    event: Event
    start: datetime.datetime
    end: datetime.datetime
    end_assumed: bool

    @classmethod
    def of(cls, event: Event) -> Span | None:
        """The event's span, or None when it cannot clash (untimed or cancelled)."""
        start = event.starts_at
        if start is None or event.status == Event.Status.CANCELLED:
            return None
        end = event.ends_at
        if end is None or end <= start:
            return cls(event, start, start + default_duration(), True)
        return cls(event, start, end, False)

    @property
    def place(self) -> str:
        return self.event.place.strip()

    def describe(self, particles: tuple[str, str] | None = None, with_place: bool = True) -> str:
        """`10:00~11:30 현장방문(서울역)`, and the particle its title takes when given
        (after a consonant, after a vowel): `10:00~11:30 현장방문(서울역)과`."""
        times = f"{format_time(self.start.time())}~{format_time(self.end.time())}"
        place = f"({self.place})" if with_place and self.place else ""
        after = particle(self.event.title, *particles) if particles else ""
        return f"{times} {self.event.title}{place}{after}"


@dataclass(frozen=True)
class Conflict:
    """Two events of one day, `first` starting no later than `second`, that clash."""

    first: Span
    second: Span
    code: str
    message: str

    @property
    def overlaps(self) -> bool:
        return self.code in (CLASH, DUPLICATE)


def _minutes(delta: datetime.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def conflict(first: Span, second: Span) -> Conflict | None:
    """What is wrong with two events of one day (`first` starting no later), if anything."""
    overlap = min(first.end, second.end) - second.start
    same_place = first.place == second.place
    if overlap > datetime.timedelta(0):
        if same_place:
            code = DUPLICATE
            text = (
                "같은 일정으로 보이는 기록이 둘 있습니다: 같은 장소에서 "
                f"{first.describe(AND, with_place=False)} {second.describe(SUBJECT)} "
                f"{_minutes(overlap)}분 겹칩니다."
            )
        else:
            code = CLASH
            text = (
                f"{first.describe(AND)} {second.describe(SUBJECT)} {_minutes(overlap)}분 겹칩니다."
            )
    else:
        gap = second.start - first.end
        margin = travel_margin()
        if same_place or gap >= margin:
            return None
        code = TRAVEL
        text = (
            f"{first.describe(AND)} {second.describe()} 사이에 "
            f"이동 여유 {_minutes(margin)}분이 없습니다(사이 {_minutes(gap)}분)."
        )
    if first.end_assumed or second.end_assumed:
        text += f" 종료 시각이 없는 일정은 {_minutes(default_duration())}분으로 보았습니다."
    return Conflict(first, second, code, text)


def conflicts(events: Iterable[Event]) -> Iterator[Conflict]:
    """The conflicts among `events`: per day, a sweep over the events sorted by start that
    compares each only with the earlier ones not yet over (with the travel margin), so the
    work grows with the events and their conflicts, not with every pair of them."""
    by_day: dict[datetime.date, list[Span]] = defaultdict(list)
    for event in events:
        span = Span.of(event)
        if span is not None:
            by_day[event.date].append(span)
    margin = travel_margin()
    for day in sorted(by_day):
        running: list[Span] = []
        for span in sorted(by_day[day], key=lambda s: (s.start, s.end, s.event.pk or 0)):
            running = [r for r in running if r.end + margin > span.start]
            for earlier in running:
                found = conflict(earlier, span)
                if found is not None:
                    yield found
            running.append(span)


def clashing(event: Event) -> list[Event]:
    """The office's other events whose time `event` (saved or not) overlaps."""
    span = Span.of(event)
    if span is None:
        return []
    same_day = (
        Event.objects.filter(office_id=event.office_id, date=event.date, start_time__isnull=False)
        .exclude(status=Event.Status.CANCELLED)
        .exclude(pk=event.pk)
    )
    found = []
    for other in same_day:
        other_span = Span.of(other)
        if other_span is None:
            continue
        first, second = sorted((span, other_span), key=lambda s: s.start)
        found_conflict = conflict(first, second)
        if found_conflict is not None and found_conflict.overlaps:
            found.append(other)
    return found


@rule
def no_clashes(office: Office, years: Years = None) -> Iterable[Finding]:
    events = in_years(office.events.all(), "date", years)
    events = events.filter(start_time__isnull=False).exclude(status=Event.Status.CANCELLED)
    for found in conflicts(events):
        pair = (found.first.event, found.second.event)
        if same_event(pair[0]) == same_event(pair[1]):
            continue  # one event recorded twice: `no_duplicates` says so, once
        key = problem(found.code, *pair)
        for event in pair:
            yield Finding.about(
                event, Severity.WARNING, found.code, found.message, "start_time", key
            )


# The final consonant (받침) of the digits as read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_HAS_FINAL = dict(zip("0123456789", [1, 1, 0, 1, 0, 0, 1, 1, 1, 0], strict=True))
_TRAILING_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """The particle `word` takes by its last sound: ("회의", "과", "와") → "와",
    ("14:1", "은", "는") → "은" (일). A bracketed tail is skipped (현장방문(서울역) → 과);
    a word that cannot be read this way gets both, "과(와)"."""
    spoken = _TRAILING_BRACKETS.sub("", word).rstrip("'\" ")
    last = spoken[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28 != 0
    elif last in _DIGIT_HAS_FINAL:
        final = bool(_DIGIT_HAS_FINAL[last])
    else:
        return f"{after_consonant}({after_vowel})"
    return after_consonant if final else after_vowel
