"""The field-visit planner (민생현장 일정 기획): its data, its objective, and the CP-SAT solver.

`solve(instance)` chooses which candidate visits (후보 방문) go into the month and when, around
the mayor's fixed events (확정 일정); `evaluate` scores any plan, the solver's or the greedy
baseline's, by the one objective. docs/planning.md explains the model and its trade-offs.
"""

from __future__ import annotations

import datetime
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from sijeong.planning.travel import CITY_HALL, Travel

Preferred = Literal["morning", "afternoon", "any"]
Week = tuple[int, int]  # ISO year and week number

NOON = 12 * 60
RECENCY_CAP_DAYS = 365  # a district never visited counts as a year ago


@dataclass(frozen=True)
class Candidate:
    """A candidate visit (후보 방문): somewhere the mayor could go, with its window and worth."""

    id: str
    title: str
    district: str  # one of travel.DISTRICTS, or 서울시청
    domain: str  # 안전, 매력, 시책, 민생 …
    duration_minutes: int
    priority: int  # 1 (low) to 5
    earliest: datetime.date
    latest: datetime.date
    preferred: Preferred = "any"
    must: bool = False  # 필수: placed whenever any slot allows it
    issue: str | None = None  # the 현안 it answers, by name
    linked: str = ""  # free text: an opening, a ceremony it goes with


@dataclass(frozen=True)
class Issue:
    """A current issue (현안) and its season in the period: visits on it score inside it."""

    name: str
    start: datetime.date
    end: datetime.date
    weight: int = 1


@dataclass(frozen=True)
class Fixed:
    """A fixed event (확정 일정) already in the diary; minutes from midnight."""

    id: str
    title: str
    date: datetime.date
    start_minute: int
    end_minute: int
    district: str = ""  # "" when unknown: no travel margin, but still no overlap


@dataclass(frozen=True)
class Rules:
    """Hard rules of the diary."""

    day_start: int = 9 * 60
    day_end: int = 18 * 60
    max_visits_per_day: int = 2
    max_visits_per_week: int = 6  # per ISO week (Monday to Sunday)
    blocked: frozenset[datetime.date] = frozenset()
    holidays: frozenset[datetime.date] = frozenset()  # 공휴일, given by the caller
    slot_minutes: int = 30  # visits start on this grid from day_start
    weekend_allowed: bool = False


@dataclass(frozen=True)
class Weights:
    """Editable weights of the soft terms, in points; docs/planning.md gives their units."""

    priority: int = 10  # per priority level of a placed visit
    domain_share: int = 30  # per visit counted towards a domain's weekly minimum
    # Minimum visits per ISO week for each domain; a visit beyond it earns no share points.
    domain_min_per_week: dict[str, int] = field(default_factory=lambda: {"안전": 1})
    district_recency: int = 5  # per 10 days since the district was last visited, once each
    issue_in_season: int = 10  # per unit of the issue's weight, when visited in season
    travel: int = 2  # penalty per 10 minutes of the visit's round trip (see travel_minutes)
    preferred_time: int = 10  # when the visit starts in its preferred half of the day


@dataclass(frozen=True)
class Instance:
    """Everything the planner needs for one period."""

    start: datetime.date
    end: datetime.date
    candidates: Sequence[Candidate]
    fixed: Sequence[Fixed] = ()
    issues: Sequence[Issue] = ()
    rules: Rules = field(default_factory=Rules)
    weights: Weights = field(default_factory=Weights)
    travel: Travel = field(default_factory=Travel)
    last_visit: dict[str, datetime.date] = field(default_factory=dict)
    pins: dict[str, tuple[datetime.date, int]] = field(default_factory=dict)  # id → (day, start)
    exclusions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Placement:
    """A visit put into the diary, with the soft terms it satisfies in Korean."""

    candidate_id: str
    date: datetime.date
    start_minute: int
    end_minute: int
    reasons: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """A plan and how good it is: `bound` is the best objective any plan could reach."""

    placed: list[Placement]
    left_out: dict[str, str]  # candidate id → why it is not in the plan, in Korean
    objective: int
    bound: int
    status: str  # OPTIMAL, FEASIBLE or INFEASIBLE
    seconds: float
    must_unplaceable: list[str] = field(default_factory=list)

    @property
    def gap(self) -> float:
        """Share of the bound the plan may still be short of (0.0 when proved best)."""
        if self.bound <= 0:
            return 0.0
        return max(0, self.bound - self.objective) / self.bound


# Days and slots ------------------------------------------------------------------------


def closed_reason(instance: Instance, day: datetime.date) -> str | None:
    """Why no visit can happen on this day, or None when it is open."""
    rules = instance.rules
    if not instance.start <= day <= instance.end:
        return "기간 밖"
    if day in rules.holidays:
        return "공휴일"
    if day.weekday() >= 5 and not rules.weekend_allowed:
        return "주말"
    if day in rules.blocked:
        return "제외일"
    return None


def week_of(day: datetime.date) -> Week:
    iso = day.isocalendar()
    return iso[0], iso[1]


def fixed_by_day(instance: Instance) -> dict[datetime.date, list[Fixed]]:
    days: dict[datetime.date, list[Fixed]] = defaultdict(list)
    for event in instance.fixed:
        days[event.date].append(event)
    return days


def clear_of_fixed(
    travel: Travel, district: str, start: int, end: int, events: Iterable[Fixed]
) -> bool:
    """A visit [start, end) in `district` leaves the travel time to and from each event."""
    for event in events:
        margin = travel.minutes(district, event.district)
        if start < event.end_minute + margin and event.start_minute < end + margin:
            return False
    return True


@dataclass
class Options:
    """Where each candidate may go under the hard rules that concern it alone.

    `starts[id][day]` lists the allowed start minutes; `pad[id, day]` is the half travel
    margin each side of the visit that keeps it apart from any other visit of that day
    (docs/planning.md, "Travel between visits"). `unplaceable[id]` says why a candidate has
    no option at all.
    """

    starts: dict[str, dict[datetime.date, list[int]]]
    pad: dict[tuple[str, datetime.date], int]
    unplaceable: dict[str, str]


def options(instance: Instance) -> Options:
    rules, travel = instance.rules, instance.travel
    events = fixed_by_day(instance)
    starts: dict[str, dict[datetime.date, list[int]]] = {}
    unplaceable: dict[str, str] = {}
    grid_cache: dict[tuple[datetime.date, str, int], list[int]] = {}

    def grid(day: datetime.date, district: str, duration: int) -> list[int]:
        key = (day, district, duration)
        if key not in grid_cache:
            grid_cache[key] = [
                s
                for s in range(rules.day_start, rules.day_end - duration + 1, rules.slot_minutes)
                if clear_of_fixed(travel, district, s, s + duration, events.get(day, ()))
            ]
        return grid_cache[key]

    for c in instance.candidates:
        if c.id in instance.exclusions:
            continue
        if c.id in instance.pins:
            day, start = instance.pins[c.id]
            end = start + c.duration_minutes
            closed = closed_reason(instance, day)
            if closed:
                unplaceable[c.id] = f"고정한 날({day:%m-%d})이 {closed}임"
            elif not c.earliest <= day <= c.latest:
                unplaceable[c.id] = f"고정한 날({day:%m-%d})이 방문 가능 기간 밖임"
            elif start < rules.day_start or end > rules.day_end:
                unplaceable[c.id] = "고정한 시각이 근무 시간 밖임"
            elif not clear_of_fixed(travel, c.district, start, end, events.get(day, ())):
                unplaceable[c.id] = "고정한 시각이 확정 일정(이동 시간 포함)과 겹침"
            else:
                starts[c.id] = {day: [start]}
            continue
        days = [
            c.earliest + datetime.timedelta(days=k) for k in range((c.latest - c.earliest).days + 1)
        ]
        open_days = [d for d in days if closed_reason(instance, d) is None]
        if not open_days:
            unplaceable[c.id] = "방문 가능 기간이 모두 공휴일·주말·제외일이거나 기간 밖임"
            continue
        per_day = {d: grid(d, c.district, c.duration_minutes) for d in open_days}
        per_day = {d: s for d, s in per_day.items() if s}
        if not per_day:
            unplaceable[c.id] = "기간 안에 빈 시간이 없음(확정 일정과 겹침)"
            continue
        starts[c.id] = per_day

    by_id = {c.id: c for c in instance.candidates}
    districts_on: dict[datetime.date, set[str]] = defaultdict(set)
    for cid, per_day in starts.items():
        for d in per_day:
            districts_on[d].add(by_id[cid].district)
    pad = {
        (cid, d): math.ceil(
            max(travel.minutes(by_id[cid].district, other) for other in districts_on[d]) / 2
        )
        for cid, per_day in starts.items()
        for d in per_day
    }
    return Options(starts, pad, unplaceable)


# The objective -------------------------------------------------------------------------


def travel_minutes(instance: Instance, candidate: Candidate, day: datetime.date) -> int:
    """The visit's round trip from the nearest known place of its day.

    The mayor starts from 서울시청 or from one of the day's fixed events; the exact route
    depends on the order of the day, which the linear model does not know, so the round trip
    from the nearest of those places stands in for it (docs/planning.md).
    """
    places = {CITY_HALL} | {e.district for e in instance.fixed if e.date == day and e.district}
    return 2 * min(instance.travel.minutes(candidate.district, p) for p in places)


def base_points(
    instance: Instance, candidate: Candidate, day: datetime.date, travel: int
) -> list[tuple[str | None, int]]:
    """Points of a visit on a day that depend on nothing else: (reason, points) pairs."""
    w = instance.weights
    terms: list[tuple[str | None, int]] = [
        (f"우선순위 {candidate.priority}", w.priority * candidate.priority)
    ]
    issue = next((i for i in instance.issues if i.name == candidate.issue), None)
    if issue and issue.start <= day <= issue.end:
        terms.append((f"현안 '{issue.name}' 시기 안", w.issue_in_season * issue.weight))
    # Integer points per whole 10 minutes so that the solver and `evaluate` agree exactly.
    terms.append((None, -(w.travel * travel // 10)))
    return terms


def in_preferred_time(candidate: Candidate, start: int) -> bool:
    """Morning visits start before noon; afternoon ones at noon or later."""
    if candidate.preferred == "morning":
        return start < NOON
    if candidate.preferred == "afternoon":
        return start >= NOON
    return False


PREFERRED_LABEL = {"morning": "오전", "afternoon": "오후"}


def recency_days(instance: Instance, district: str) -> int | None:
    """Days since the district was last visited (capped); None (no reward) for 서울시청 and
    for a visit whose district is unknown (""), which would otherwise count as never visited."""
    if district in (CITY_HALL, ""):
        return None
    last = instance.last_visit.get(district)
    if last is None:
        return RECENCY_CAP_DAYS
    return min(RECENCY_CAP_DAYS, max(0, (instance.start - last).days))


def recency_points(instance: Instance, district: str) -> int:
    days = recency_days(instance, district)
    return 0 if days is None else instance.weights.district_recency * days // 10


def score(instance: Instance, placements: Sequence[Placement]) -> tuple[int, list[Placement]]:
    """The objective of a plan and its placements with their reasons filled in.

    The one definition of the objective: the solver's coefficients are built from the same
    helpers, and `evaluate` of its plan equals its objective value.
    """
    by_id = {c.id: c for c in instance.candidates}
    w = instance.weights
    total = 0
    reasons: dict[str, list[str]] = defaultdict(list)
    ordered = sorted(placements, key=lambda p: (p.date, p.start_minute, p.candidate_id))
    for p in ordered:
        c = by_id[p.candidate_id]
        for reason, points in base_points(instance, c, p.date, travel_minutes(instance, c, p.date)):
            total += points
            if reason and points > 0:
                reasons[c.id].append(reason)
        if in_preferred_time(c, p.start_minute):
            total += w.preferred_time
            if w.preferred_time > 0:
                reasons[c.id].append(f"선호 시간대({PREFERRED_LABEL[c.preferred]})")
    counted: dict[tuple[Week, str], int] = defaultdict(int)
    for p in ordered:
        c = by_id[p.candidate_id]
        minimum = w.domain_min_per_week.get(c.domain, 0)
        key = (week_of(p.date), c.domain)
        if counted[key] < minimum:
            counted[key] += 1
            total += w.domain_share
            if w.domain_share > 0:
                reasons[c.id].append(f"'{c.domain}' 주간 최소 {minimum}건 채움")
    seen: set[str] = set()
    for p in ordered:
        district = by_id[p.candidate_id].district
        days = recency_days(instance, district)
        if days is None or district in seen:
            continue
        seen.add(district)
        points = recency_points(instance, district)
        total += points
        if points > 0:
            never = district not in instance.last_visit
            reasons[p.candidate_id].append(
                f"방문 기록이 없는 자치구({district})"
                if never
                else f"오래 방문하지 않은 자치구({district}, {days}일)"
            )
    filled = [
        Placement(p.candidate_id, p.date, p.start_minute, p.end_minute, reasons[p.candidate_id])
        for p in ordered
    ]
    return total, filled


def evaluate(instance: Instance, placements: Sequence[Placement]) -> int:
    """The objective of any plan (higher is better)."""
    return score(instance, placements)[0]


# Why a candidate is out ----------------------------------------------------------------


def left_out_reasons(
    instance: Instance, opts: Options, placements: Sequence[Placement]
) -> dict[str, str]:
    """A reason in Korean for every candidate not placed."""
    by_id = {c.id: c for c in instance.candidates}
    rules = instance.rules
    placed_ids = {p.candidate_id for p in placements}
    per_day: dict[datetime.date, list[Placement]] = defaultdict(list)
    per_week: dict[Week, int] = defaultdict(int)
    for p in placements:
        per_day[p.date].append(p)
        per_week[week_of(p.date)] += 1
    reasons: dict[str, str] = {}
    for c in instance.candidates:
        if c.id in placed_ids:
            continue
        if c.id in instance.exclusions:
            reasons[c.id] = "제외함"
            continue
        if c.id in opts.unplaceable:
            reasons[c.id] = opts.unplaceable[c.id]
            continue
        daily = weekly = clash = 0
        free = False
        for day, starts in opts.starts[c.id].items():
            if len(per_day[day]) >= rules.max_visits_per_day:
                daily += 1
            elif per_week[week_of(day)] >= rules.max_visits_per_week:
                weekly += 1
            elif all(
                any(
                    s
                    < q.end_minute
                    + instance.travel.minutes(c.district, by_id[q.candidate_id].district)
                    and q.start_minute
                    < s
                    + c.duration_minutes
                    + instance.travel.minutes(c.district, by_id[q.candidate_id].district)
                    for q in per_day[day]
                )
                for s in starts
            ):
                clash += 1
            else:
                free = True
        if free:
            reasons[c.id] = "다른 방문에 밀림(점수가 더 높은 조합을 택함)"
        elif daily and not weekly and not clash:
            reasons[c.id] = f"일일 상한({rules.max_visits_per_day}건)에 걸림"
        elif weekly and not daily and not clash:
            reasons[c.id] = f"주간 상한({rules.max_visits_per_week}건)에 걸림"
        elif clash and not daily and not weekly:
            reasons[c.id] = "빈 시간이 다른 방문과 겹치거나 이동 시간이 모자람"
        else:
            reasons[c.id] = (
                f"일일 상한({rules.max_visits_per_day}건)·주간 상한"
                f"({rules.max_visits_per_week}건)·다른 방문에 걸림"
            )
    return reasons


def finish(
    instance: Instance,
    opts: Options,
    placements: Sequence[Placement],
    *,
    bound: int,
    status: str,
    seconds: float,
    clashing_musts: Iterable[str] = (),
) -> Plan:
    """Score a set of placements and explain everything left out."""
    objective, placed = score(instance, placements)
    left_out = left_out_reasons(instance, opts, placed)
    for cid in clashing_musts:
        if cid in left_out:
            left_out[cid] = "다른 필수·고정 방문과 함께 넣을 수 없음"
    musts = [c.id for c in instance.candidates if c.must and c.id not in instance.exclusions]
    return Plan(
        placed=placed,
        left_out=left_out,
        objective=objective,
        bound=bound,
        status=status,
        seconds=seconds,
        must_unplaceable=[cid for cid in musts if cid in left_out],
    )


# The CP-SAT model ----------------------------------------------------------------------


@dataclass
class _Model:
    model: cp_model.CpModel
    present: dict[tuple[str, datetime.date], cp_model.IntVar]
    start: dict[tuple[str, datetime.date], cp_model.IntVar]
    objective: cp_model.LinearExpr
    forced: list[str]  # must-haves and pins, which need an option each
    forced_sum: dict[str, cp_model.LinearExpr]
    preferred: dict[tuple[str, datetime.date], cp_model.IntVar]
    share: dict[tuple[Week, str], tuple[cp_model.IntVar, int, list[cp_model.IntVar]]]
    recency: dict[str, tuple[cp_model.IntVar, list[cp_model.IntVar]]]


def _build(instance: Instance, opts: Options) -> _Model:
    model = cp_model.CpModel()
    rules, w = instance.rules, instance.weights
    by_id = {c.id: c for c in instance.candidates}
    present: dict[tuple[str, datetime.date], cp_model.IntVar] = {}
    start: dict[tuple[str, datetime.date], cp_model.IntVar] = {}
    terms: list[cp_model.LinearExprT] = []
    intervals: dict[datetime.date, list[cp_model.IntervalVar]] = defaultdict(list)
    per_week: dict[Week, list[cp_model.IntVar]] = defaultdict(list)
    share_x: dict[tuple[Week, str], list[cp_model.IntVar]] = defaultdict(list)
    district_x: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    preferred: dict[tuple[str, datetime.date], cp_model.IntVar] = {}
    forced: list[str] = []
    forced_sum: dict[str, cp_model.LinearExpr] = {}

    for cid, per_day in opts.starts.items():
        c = by_id[cid]
        xs = []
        for day, starts in per_day.items():
            x = model.new_bool_var(f"x_{cid}_{day:%m%d}")
            s = model.new_int_var_from_domain(cp_model.Domain.from_values(starts), f"s_{cid}")
            pad = opts.pad[cid, day]
            intervals[day].append(
                model.new_optional_fixed_size_interval_var(
                    s - pad, c.duration_minutes + 2 * pad, x, f"i_{cid}"
                )
            )
            present[cid, day], start[cid, day] = x, s
            xs.append(x)
            value = sum(
                p for _, p in base_points(instance, c, day, travel_minutes(instance, c, day))
            )
            terms.append(value * x)
            liked = [st for st in starts if in_preferred_time(c, st)]
            if liked and w.preferred_time:
                if len(liked) == len(starts):
                    terms.append(w.preferred_time * x)
                else:
                    p = model.new_bool_var(f"p_{cid}")
                    model.add_implication(p, x)
                    if c.preferred == "morning":
                        model.add(s < NOON).only_enforce_if(p)
                    else:
                        model.add(s >= NOON).only_enforce_if(p)
                    terms.append(w.preferred_time * p)
                    preferred[cid, day] = p
            per_week[week_of(day)].append(x)
            if w.domain_min_per_week.get(c.domain, 0) > 0:
                share_x[week_of(day), c.domain].append(x)
            if recency_days(instance, c.district) is not None:
                district_x[c.district].append(x)
        model.add_at_most_one(xs)
        if c.must or cid in instance.pins:
            forced.append(cid)
            forced_sum[cid] = cp_model.LinearExpr.sum(xs)

    for day_intervals in intervals.values():
        model.add_no_overlap(day_intervals)
    day_x: dict[datetime.date, list[cp_model.IntVar]] = defaultdict(list)
    for (_, day), x in present.items():
        day_x[day].append(x)
    for xs_day in day_x.values():
        if len(xs_day) > rules.max_visits_per_day:
            model.add(sum(xs_day) <= rules.max_visits_per_day)
    for xs_week in per_week.values():
        if len(xs_week) > rules.max_visits_per_week:
            model.add(sum(xs_week) <= rules.max_visits_per_week)

    share: dict[tuple[Week, str], tuple[cp_model.IntVar, int, list[cp_model.IntVar]]] = {}
    for (week, domain), xs_share in share_x.items():
        minimum = w.domain_min_per_week[domain]
        y = model.new_int_var(0, minimum, f"share_{week}_{domain}")
        model.add(y <= sum(xs_share))
        terms.append(w.domain_share * y)
        share[week, domain] = (y, minimum, xs_share)
    recency: dict[str, tuple[cp_model.IntVar, list[cp_model.IntVar]]] = {}
    for district, xs_district in district_x.items():
        points = recency_points(instance, district)
        if points <= 0:
            continue
        v = model.new_bool_var(f"visited_{district}")
        model.add(v <= sum(xs_district))
        terms.append(points * v)
        recency[district] = (v, xs_district)

    objective = cp_model.LinearExpr.sum(terms)
    model.maximize(objective)
    return _Model(model, present, start, objective, forced, forced_sum, preferred, share, recency)


def _hint(m: _Model, instance: Instance, placements: Sequence[Placement]) -> None:
    """A complete hint from a plan, so the search starts from it."""
    by_id = {c.id: c for c in instance.candidates}
    at = {(p.candidate_id, p.date): p.start_minute for p in placements}
    for key, x in m.present.items():
        m.model.add_hint(x, key in at)
        if key in at:
            m.model.add_hint(m.start[key], at[key])
    for (cid, day), p in m.preferred.items():
        m.model.add_hint(p, (cid, day) in at and in_preferred_time(by_id[cid], at[cid, day]))
    chosen = {m.present[key].index for key in at if key in m.present}
    for y, minimum, xs in m.share.values():
        m.model.add_hint(y, min(minimum, sum(1 for x in xs if x.index in chosen)))
    for v, xs in m.recency.values():
        m.model.add_hint(v, any(x.index in chosen for x in xs))


def _placements(m: _Model, solver: cp_model.CpSolver, instance: Instance) -> list[Placement]:
    by_id = {c.id: c for c in instance.candidates}
    placed = []
    for (cid, day), x in m.present.items():
        if solver.boolean_value(x):
            s = solver.value(m.start[cid, day])
            placed.append(Placement(cid, day, s, s + by_id[cid].duration_minutes))
    return placed


_STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE"}


def _place_left_out_musts(
    instance: Instance, opts: Options, placements: Sequence[Placement]
) -> list[Placement]:
    """Must-haves the model left out, placed where the exact travel times leave room.

    The model keeps two visits of a day apart by a margin each side that covers the longest
    trip of that day (docs/planning.md), which on a crowded day can refuse a slot that the
    real trip leaves free. Each left-out must-have is tried in its open slots against the
    plan with exact travel; if only the caps stand in the way, the least valued visit that is
    neither a must-have nor pinned (lowest priority first) on such a day gives way.
    """
    by_id = {c.id: c for c in instance.candidates}
    placed = list(placements)
    rules = instance.rules

    def fits(c: Candidate, day: datetime.date, start: int, plan: list[Placement]) -> bool:
        same_day = [p for p in plan if p.date == day]
        in_week = sum(1 for p in plan if week_of(p.date) == week_of(day))
        if len(same_day) >= rules.max_visits_per_day or in_week >= rules.max_visits_per_week:
            return False
        end = start + c.duration_minutes
        for p in same_day:
            gap = instance.travel.minutes(c.district, by_id[p.candidate_id].district)
            if start < p.end_minute + gap and p.start_minute < end + gap:
                return False
        return True

    def slot(c: Candidate, plan: list[Placement]) -> Placement | None:
        for day, starts in sorted(opts.starts.get(c.id, {}).items()):
            for start in starts:
                if fits(c, day, start, plan):
                    return Placement(c.id, day, start, start + c.duration_minutes)
        return None

    done = {p.candidate_id for p in placed}
    for c in instance.candidates:
        if not c.must or c.id in done or c.id in instance.exclusions or c.id in instance.pins:
            continue
        found = slot(c, placed)
        if found is None:
            movable = [
                p
                for p in placed
                if not by_id[p.candidate_id].must
                and p.candidate_id not in instance.pins
                and c.earliest <= p.date <= c.latest
            ]
            for victim in sorted(movable, key=lambda p: by_id[p.candidate_id].priority):
                trial = [p for p in placed if p is not victim]
                found = slot(c, trial)
                if found is not None:
                    placed = trial
                    break
        if found is not None:
            placed.append(found)
            done.add(c.id)
    return placed


def solve(instance: Instance, time_limit: float = 5.0, workers: int = 2) -> Plan:
    """The best plan CP-SAT finds within `time_limit` seconds (wall, model building included).

    Must-haves and pins are hard while they can all be met together; when they cannot, as
    many of them as possible are placed first and the rest reported in `must_unplaceable`.
    """
    # The greedy baseline scores with this module's objective, hence the late import.
    from sijeong.planning import greedy

    began = time.perf_counter()
    opts = options(instance)
    baseline = greedy.plan(instance, opts)
    m = _build(instance, opts)
    _hint(m, instance, baseline.placed)

    def run(model: _Model, budget: float) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, budget)
        solver.parameters.num_workers = workers
        # The default two-worker portfolio proves almost nothing here (its LP leaves out the
        # caps; bounds stay about twice the optimum). The full linear relaxation (max_lp)
        # and the core-based search close the gap in about a second (docs/planning.md).
        solver.parameters.subsolvers.extend(["max_lp", "core"][: max(1, workers)])
        return solver, solver.solve(model.model)

    for cid in m.forced:
        m.model.add(m.forced_sum[cid] == 1)
    solver, status = run(m, time_limit - (time.perf_counter() - began))
    clashing: list[str] = []
    if status == cp_model.INFEASIBLE:
        # Must-haves or pins exclude one another: place as many as possible, then optimise.
        m = _build(instance, opts)
        forced = cp_model.LinearExpr.sum([m.forced_sum[cid] for cid in m.forced])
        m.model.maximize(forced)
        _hint(m, instance, baseline.placed)  # greedy places pins and must-haves first
        solver, status = run(m, (time_limit - (time.perf_counter() - began)) / 2)
        if status in _STATUS:
            m.model.add(forced >= round(solver.objective_value))
            clashing = [cid for cid in m.forced if solver.value(m.forced_sum[cid]) == 0]
            m.model.clear_hints()
            _hint(m, instance, _placements(m, solver, instance))
        m.model.maximize(m.objective)
        solver, status = run(m, time_limit - (time.perf_counter() - began))

    if status in _STATUS:
        placements = _placements(m, solver, instance)
        bound = math.floor(solver.best_objective_bound + 1e-6)
        status_name = _STATUS[status]
        repaired = _place_left_out_musts(instance, opts, placements)
        if repaired != placements:
            # The bound was proved for the model with its cautious margins; a plan that goes
            # beyond that model is a good plan, not a proved best one.
            placements, status_name = repaired, "FEASIBLE"
            bound = max(bound, evaluate(instance, placements))
    else:
        # No solution in time (or pins that contradict each other with no way out): the
        # greedy plan honours every hard rule and is returned rather than nothing.
        placements = baseline.placed
        bound = math.floor(solver.best_objective_bound + 1e-6)
        status_name = "INFEASIBLE" if status == cp_model.INFEASIBLE else "FEASIBLE"
    return finish(
        instance,
        opts,
        placements,
        bound=bound,
        status=status_name,
        seconds=time.perf_counter() - began,
        clashing_musts=clashing,
    )
