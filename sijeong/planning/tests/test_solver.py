"""The visit planner: plans that keep every hard rule, a checker that can fail, and the
must-haves, pins and exclusions a person sets."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sijeong.planning import greedy, synthetic, verify
from sijeong.planning.solver import (
    Candidate,
    Fixed,
    Instance,
    Placement,
    Plan,
    Rules,
    evaluate,
    solve,
)
from sijeong.planning.travel import CITY_HALL, PLACES, Travel

JULY_1 = datetime.date(2025, 7, 1)  # a Tuesday
JULY_2 = datetime.date(2025, 7, 2)


def day(n: int) -> datetime.date:
    return datetime.date(2025, 7, n)


def candidate(cid: str, **fields) -> Candidate:
    values = {
        "title": "현장 방문",
        "district": "성북구",
        "domain": "민생",
        "duration_minutes": 60,
        "priority": 3,
        "earliest": day(1),
        "latest": day(31),
    }
    values.update(fields)
    return Candidate(id=cid, **values)


def month(candidates, **fields) -> Instance:
    return Instance(start=day(1), end=day(31), candidates=candidates, **fields)


@pytest.fixture(scope="module")
def plans():
    """Solver and greedy plans on a few small synthetic months."""
    results = []
    for seed in (1, 2, 3):
        instance = synthetic.build(60, 12, seed=seed)
        results.append((instance, solve(instance, time_limit=3.0), greedy.plan(instance)))
    return results


def test_solver_and_greedy_plans_keep_every_hard_rule(plans):
    for instance, solved, baseline in plans:
        assert verify.violations(instance, solved) == []
        assert verify.violations(instance, baseline) == []
        assert solved.placed


def test_solver_is_at_least_as_good_as_greedy_and_scored_by_the_same_function(plans):
    for instance, solved, baseline in plans:
        assert solved.objective == evaluate(instance, solved.placed)
        assert baseline.objective == evaluate(instance, baseline.placed)
        assert solved.objective >= baseline.objective
        assert solved.objective <= solved.bound


def test_a_month_with_a_holiday_keeps_visits_off_it():
    instance = synthetic.build(40, 8, seed=4, year=2025, month=8)  # 8월 15일 광복절
    plan = solve(instance, time_limit=3.0)
    assert datetime.date(2025, 8, 15) in instance.rules.holidays
    assert all(p.date != datetime.date(2025, 8, 15) for p in plan.placed)
    assert verify.violations(instance, plan) == []


def _sound_plan():
    instance = month(
        [candidate("a", district="성북구"), candidate("b", district="강서구")],
        fixed=[Fixed("f", "간부회의", JULY_1, 9 * 60, 10 * 60, CITY_HALL)],
    )
    plan = solve(instance, time_limit=2.0)
    assert verify.violations(instance, plan) == []
    return instance, plan


def _broken(plan: Plan, *placements: Placement) -> Plan:
    return dataclasses.replace(plan, placed=list(placements))


def test_checker_catches_an_overlap_with_a_fixed_event():
    instance, plan = _sound_plan()
    broken = _broken(plan, Placement("a", JULY_1, 9 * 60 + 30, 10 * 60 + 30))
    assert any("겹침" in v for v in verify.violations(instance, broken))


def test_checker_catches_too_little_travel_time_between_visits():
    instance, plan = _sound_plan()
    broken = _broken(
        plan,
        Placement("a", JULY_2, 10 * 60, 11 * 60),
        Placement("b", JULY_2, 11 * 60, 12 * 60),  # 성북구 → 강서구 takes far more than 0 min
    )
    assert any("이동 시간 부족" in v for v in verify.violations(instance, broken))


def test_checker_catches_a_visit_on_a_holiday_and_outside_its_window():
    instance, plan = _sound_plan()
    instance = dataclasses.replace(
        instance,
        rules=Rules(holidays=frozenset({JULY_2})),
        candidates=[candidate("a"), candidate("b", earliest=day(20), latest=day(25))],
    )
    broken = _broken(
        plan,
        Placement("a", JULY_2, 10 * 60, 11 * 60),
        Placement("b", day(3), 14 * 60, 15 * 60),
    )
    found = verify.violations(instance, broken)
    assert any("공휴일" in v for v in found)
    assert any("방문 가능 기간" in v for v in found)


def test_checker_catches_a_daily_cap_broken_and_a_weekend():
    instance = month([candidate(c, district="중구") for c in "abc"], rules=Rules())
    plan = solve(instance, time_limit=2.0)
    crowded = _broken(
        plan,
        Placement("a", JULY_2, 9 * 60, 10 * 60),
        Placement("b", JULY_2, 11 * 60, 12 * 60),
        Placement("c", JULY_2, 13 * 60, 14 * 60),
    )
    assert any("상한" in v for v in verify.violations(instance, crowded))
    saturday = _broken(plan, Placement("a", day(5), 9 * 60, 10 * 60))
    assert any("주말" in v for v in verify.violations(instance, saturday))


def test_must_have_whose_window_is_a_holiday_is_reported_not_dropped():
    instance = month(
        [candidate("must", must=True, earliest=JULY_2, latest=JULY_2), candidate("other")],
        rules=Rules(holidays=frozenset({JULY_2})),
    )
    plan = solve(instance, time_limit=2.0)
    assert plan.must_unplaceable == ["must"]
    assert "공휴일" in plan.left_out["must"]
    assert [p.candidate_id for p in plan.placed] == ["other"]
    assert verify.violations(instance, plan) == []


def test_must_have_covered_by_a_fixed_event_is_reported():
    instance = month(
        [candidate("must", must=True, earliest=JULY_1, latest=JULY_1)],
        fixed=[Fixed("f", "시의회 본회의", JULY_1, 9 * 60, 18 * 60, CITY_HALL)],
    )
    plan = solve(instance, time_limit=2.0)
    assert plan.must_unplaceable == ["must"]
    assert plan.left_out["must"] == "기간 안에 빈 시간이 없음(확정 일정과 겹침)"
    assert verify.violations(instance, plan) == []


def test_must_haves_that_crowd_each_other_out_are_reported():
    musts = [candidate(c, must=True, earliest=JULY_1, latest=JULY_1) for c in "abc"]
    instance = month(musts)  # three on one day, two a day at most
    plan = solve(instance, time_limit=2.0)
    assert len(plan.placed) == 2
    assert len(plan.must_unplaceable) == 1
    assert "필수" in plan.left_out[plan.must_unplaceable[0]]
    assert verify.violations(instance, plan) == []


def test_must_haves_the_cautious_margins_keep_out_are_placed_with_exact_travel():
    # Two must-haves in one 구 need 10 minutes between them; a low-priority visit in a far 구
    # that could share the day makes the model's margins cover the long trip, and the short
    # working day then holds only one of them unless the real trip is counted.
    one_day = {"earliest": JULY_1, "latest": JULY_1}
    instance = month(
        [
            candidate("a", must=True, district="노원구", **one_day),
            candidate("b", must=True, district="노원구", **one_day),
            candidate("far", district="강서구", priority=1, **one_day),
        ],
        rules=Rules(day_start=9 * 60, day_end=11 * 60 + 30),
    )
    plan = solve(instance, time_limit=2.0)
    assert sorted(p.candidate_id for p in plan.placed) == ["a", "b"]
    assert plan.must_unplaceable == [] and verify.violations(instance, plan) == []
    assert plan.status == "FEASIBLE" and plan.bound >= plan.objective


def test_pins_are_honoured():
    instance = month(
        [candidate("a", priority=1), candidate("b", priority=5)],
        pins={"a": (day(15), 14 * 60)},
    )
    plan = solve(instance, time_limit=2.0)
    placed = {p.candidate_id: p for p in plan.placed}
    assert (placed["a"].date, placed["a"].start_minute) == (day(15), 14 * 60)
    assert verify.violations(instance, plan) == []


def test_checker_catches_a_pin_moved():
    instance = month([candidate("a")], pins={"a": (day(15), 14 * 60)})
    plan = solve(instance, time_limit=2.0)
    moved = _broken(plan, Placement("a", day(16), 14 * 60, 15 * 60))
    assert any("고정한 시각" in v for v in verify.violations(instance, moved))


def test_exclusions_are_left_out():
    instance = month([candidate("a", priority=5), candidate("b")], exclusions=frozenset({"a"}))
    plan = solve(instance, time_limit=2.0)
    assert [p.candidate_id for p in plan.placed] == ["b"]
    assert plan.left_out["a"] == "제외함"
    sneaked = _broken(plan, Placement("a", JULY_2, 10 * 60, 11 * 60))
    assert any("제외" in v for v in verify.violations(instance, sneaked))


def test_reasons_name_the_soft_terms_in_korean():
    instance = month(
        [candidate("a", priority=5, preferred="morning")],
        last_visit={"성북구": day(1) - datetime.timedelta(days=94)},
    )
    plan = solve(instance, time_limit=2.0)
    (placement,) = plan.placed
    assert "우선순위 5" in placement.reasons
    assert "선호 시간대(오전)" in placement.reasons
    assert "오래 방문하지 않은 자치구(성북구, 94일)" in placement.reasons


def test_travel_table_is_symmetric_positive_and_covers_26_places():
    travel = Travel()
    assert len(PLACES) == 26
    for a in PLACES:
        for b in PLACES:
            assert travel.minutes(a, b) == travel.minutes(b, a)
            assert travel.minutes(a, b) > 0
    assert travel.minutes("강서구", "강서구") == 10
    assert travel.minutes("강서구", "강동구") > travel.minutes("종로구", CITY_HALL)


def test_travel_overrides_apply_both_ways():
    travel = Travel(overrides={("강남구", "서초구"): 7})
    assert travel.minutes("서초구", "강남구") == 7
