"""An independent check of a plan against the hard rules, from the instance data alone.

It shares no code with the solver beyond the data classes and the travel table, so that a
mistake in the model (a wrong margin, a missing cap) shows up here instead of in the diary.
Travel is checked exactly between every two items of a day, not with the solver's margins.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from sijeong.planning.solver import Candidate, Instance, Plan


def _open(instance: Instance, day: datetime.date) -> str | None:
    rules = instance.rules
    if not instance.start <= day <= instance.end:
        return "기간 밖"
    if day in rules.holidays:
        return "공휴일"
    if day in rules.blocked:
        return "제외일"
    if day.weekday() >= 5 and not rules.weekend_allowed:
        return "주말"
    return None


def _apart(instance: Instance, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two (start, end, district) items leave at least the travel time between them."""
    gap = max(b[0] - a[1], a[0] - b[1])
    return gap >= instance.travel.minutes(a[2], b[2]) and gap >= 0


def _has_free_slot(
    instance: Instance, c: Candidate, taken: list[tuple[datetime.date, int, int, str]]
) -> bool:
    """Some grid slot in the window is open, clear of fixed events and of `taken` visits."""
    rules = instance.rules
    day = c.earliest
    while day <= c.latest:
        if _open(instance, day) is None:
            same_day = [t for t in taken if t[0] == day]
            week = day.isocalendar()[:2]
            in_week = sum(1 for t in taken if t[0].isocalendar()[:2] == week)
            if len(same_day) < rules.max_visits_per_day and in_week < rules.max_visits_per_week:
                others = [
                    (e.start_minute, e.end_minute, e.district)
                    for e in instance.fixed
                    if e.date == day
                ]
                others += [(s, e, d) for _, s, e, d in same_day]
                for start in range(
                    rules.day_start, rules.day_end - c.duration_minutes + 1, rules.slot_minutes
                ):
                    item = (start, start + c.duration_minutes, c.district)
                    if all(_apart(instance, item, other) for other in others):
                        return True
        day += datetime.timedelta(days=1)
    return False


def violations(instance: Instance, plan: Plan) -> list[str]:
    """Every hard rule the plan breaks, in Korean; empty when the plan is sound."""
    found: list[str] = []
    rules = instance.rules
    by_id = {c.id: c for c in instance.candidates}
    counts = Counter(p.candidate_id for p in plan.placed)
    for cid, n in counts.items():
        if n > 1:
            found.append(f"{cid}: {n}번 배치됨")

    for p in plan.placed:
        c = by_id.get(p.candidate_id)
        if c is None:
            found.append(f"{p.candidate_id}: 후보에 없는 방문")
            continue
        label = f"{c.id}({p.date:%m-%d} {p.start_minute // 60:02d}:{p.start_minute % 60:02d})"
        if c.id in instance.exclusions:
            found.append(f"{label}: 제외한 후보가 배치됨")
        closed = _open(instance, p.date)
        if closed:
            found.append(f"{label}: {closed}에 배치됨")
        if not c.earliest <= p.date <= c.latest:
            found.append(f"{label}: 방문 가능 기간({c.earliest}~{c.latest}) 밖")
        if p.start_minute < rules.day_start or p.end_minute > rules.day_end:
            found.append(f"{label}: 근무 시간 밖")
        if p.end_minute - p.start_minute != c.duration_minutes:
            found.append(f"{label}: 소요 시간이 {c.duration_minutes}분이 아님")
        if c.id in instance.pins and instance.pins[c.id] != (p.date, p.start_minute):
            found.append(f"{label}: 고정한 시각과 다름")

    per_day: dict[datetime.date, list[tuple[int, int, str, str, bool]]] = defaultdict(list)
    per_week: Counter[tuple[int, int]] = Counter()
    for p in plan.placed:
        if p.candidate_id in by_id:
            district = by_id[p.candidate_id].district
            per_day[p.date].append((p.start_minute, p.end_minute, district, p.candidate_id, False))
            iso = p.date.isocalendar()
            per_week[iso[0], iso[1]] += 1
    for day, visits in per_day.items():
        if len(visits) > rules.max_visits_per_day:
            found.append(f"{day}: 하루 {len(visits)}건(상한 {rules.max_visits_per_day}건)")
        items = visits + [
            (e.start_minute, e.end_minute, e.district, e.id, True)
            for e in instance.fixed
            if e.date == day
        ]
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a[4] and b[4]:
                    continue  # two fixed events are the caller's business
                if not _apart(instance, a[:3], b[:3]):
                    found.append(f"{day}: {a[3]}와 {b[3]} 사이 이동 시간 부족 또는 겹침")
    for week, n in per_week.items():
        if n > rules.max_visits_per_week:
            found.append(f"{week[0]}년 {week[1]}주: {n}건(상한 {rules.max_visits_per_week}건)")

    placed = set(counts)
    for c in instance.candidates:
        if c.id not in placed and c.id not in plan.left_out:
            found.append(f"{c.id}: 배치도 안 되고 빠진 이유도 없음")
        if c.id in instance.exclusions and plan.left_out.get(c.id, "제외함") != "제외함":
            found.append(f"{c.id}: 제외한 후보의 이유가 '제외함'이 아님")

    # A pin or must-have may be missing only when no slot is left for it, even counting only
    # the other pins and must-haves as taken (they may crowd each other out).
    forced_taken = [
        (p.date, p.start_minute, p.end_minute, by_id[p.candidate_id].district)
        for p in plan.placed
        if p.candidate_id in by_id
        and (by_id[p.candidate_id].must or p.candidate_id in instance.pins)
    ]
    for c in instance.candidates:
        if c.id in placed or c.id in instance.exclusions:
            continue
        if c.id in instance.pins:
            day, start = instance.pins[c.id]
            if c.earliest <= day <= c.latest and _pin_fits(instance, c, day, start, forced_taken):
                found.append(f"{c.id}: 고정한 시각에 넣을 수 있는데 빠짐")
        elif c.must:
            if c.id not in plan.must_unplaceable:
                found.append(f"{c.id}: 필수 방문이 빠졌는데 must_unplaceable에 없음")
            elif _has_free_slot(instance, c, forced_taken):
                found.append(f"{c.id}: 필수 방문을 넣을 빈 시간이 있는데 빠짐")
    return found


def _pin_fits(
    instance: Instance,
    c: Candidate,
    day: datetime.date,
    start: int,
    taken: list[tuple[datetime.date, int, int, str]],
) -> bool:
    rules = instance.rules
    end = start + c.duration_minutes
    if _open(instance, day) is not None or start < rules.day_start or end > rules.day_end:
        return False
    same_day = [t for t in taken if t[0] == day]
    in_week = sum(1 for t in taken if t[0].isocalendar()[:2] == day.isocalendar()[:2])
    if len(same_day) >= rules.max_visits_per_day or in_week >= rules.max_visits_per_week:
        return False
    others = [(e.start_minute, e.end_minute, e.district) for e in instance.fixed if e.date == day]
    others += [(s, e, d) for _, s, e, d in same_day]
    return all(_apart(instance, (start, end, c.district), other) for other in others)
