"""Synthetic month instances for tests and the benchmark, reproducible from a seed."""

from __future__ import annotations

import calendar
import datetime
import random

import holidays

from sijeong.planning.solver import Candidate, Fixed, Instance, Issue, Rules, Weights
from sijeong.planning.travel import CITY_HALL, DISTRICTS, Travel

DOMAINS = ("안전", "매력", "시책", "민생")

# Seasonal issues (현안) as (name, first month-day, last month-day, weight): summer has
# overlapping seasons, which is what makes the month's order matter.
SEASONS = (
    ("폭염", (7, 15), (8, 31), 3),
    ("풍수해", (6, 1), (9, 30), 2),
    ("장마", (6, 19), (7, 26), 2),
    ("여름방학 안전", (7, 21), (8, 24), 1),
    ("한파", (12, 1), (12, 31), 3),
    ("한파", (1, 1), (2, 28), 3),
    ("미세먼지", (1, 1), (3, 31), 2),
    ("봄철 해빙기", (2, 15), (4, 15), 1),
    ("가을 축제", (9, 1), (10, 31), 1),
    ("수능", (11, 1), (11, 20), 2),
)

TITLES = {
    "안전": ("빗물펌프장 점검", "공사장 안전 점검", "쪽방촌 폭염 대비 점검", "지하차도 침수 대비"),
    "매력": ("한강 야간 축제 방문", "청년 창업공간 개관", "도서관 개관식", "전통시장 문화행사"),
    "시책": ("약자동행 현장 간담회", "돌봄센터 방문", "규제 혁신 현장 토론", "교통 개선 현장"),
    "민생": ("전통시장 민생 점검", "소상공인 간담회", "경로당 방문", "임대주택 입주민 간담회"),
}
FIXED_TITLES = (
    "간부회의",
    "국무회의",
    "시의회 본회의",
    "외빈 접견",
    "기자간담회",
    "실·국 업무보고",
)
PRIORITY_WEIGHTS = (10, 25, 35, 20, 10)  # priorities 1–5: most are middling, few top ones


def build(n_candidates: int, n_fixed: int, seed: int, year: int = 2025, month: int = 7) -> Instance:
    """A month of `n_candidates` candidate visits around `n_fixed` fixed weekday events."""
    rng = random.Random(seed)
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    days = [start + datetime.timedelta(days=k) for k in range((end - start).days + 1)]
    holiday_days = frozenset(d for d in holidays.KR(years=year) if start <= d <= end)
    rules = Rules(holidays=holiday_days)
    weekdays = [d for d in days if d.weekday() < 5 and d not in holiday_days]

    issues = []
    for name, (m1, d1), (m2, d2), weight in SEASONS:
        first, last = datetime.date(year, m1, d1), datetime.date(year, m2, d2)
        if first <= end and start <= last:
            issues.append(Issue(name, max(first, start), min(last, end), weight))
    issues = issues[:4]

    candidates = []
    for k in range(n_candidates):
        domain = rng.choice(DOMAINS)
        length = rng.choice((1, 2, 3, 5, 7, 10, 14, len(days)))
        earliest = rng.choice(days[: len(days) - length + 1])
        latest = earliest + datetime.timedelta(days=length - 1)
        issue = rng.choice(issues).name if issues and rng.random() < 0.4 else None
        candidates.append(
            Candidate(
                id=f"c{k:04d}",
                title=rng.choice(TITLES[domain]),
                district=CITY_HALL if rng.random() < 0.03 else rng.choice(DISTRICTS),
                domain=domain,
                duration_minutes=rng.choice((60, 90, 120)),
                priority=rng.choices(range(1, 6), PRIORITY_WEIGHTS)[0],
                earliest=earliest,
                latest=latest,
                preferred=rng.choice(("morning", "afternoon", "any", "any")),
                must=rng.random() < 0.05,
                issue=issue,
            )
        )

    fixed = []
    for k in range(n_fixed):
        day = rng.choice(weekdays)
        length = rng.choice((60, 60, 90, 120, 180))
        begin = rng.randrange(rules.day_start, rules.day_end - length + 1, 30)
        place = rng.random()
        district = CITY_HALL if place < 0.7 else "" if place < 0.8 else rng.choice(DISTRICTS)
        fixed.append(
            Fixed(f"f{k:04d}", rng.choice(FIXED_TITLES), day, begin, begin + length, district)
        )

    last_visit = {
        district: start - datetime.timedelta(days=rng.randint(3, 200))
        for district in DISTRICTS
        if rng.random() < 0.9
    }
    return Instance(
        start=start,
        end=end,
        candidates=candidates,
        fixed=fixed,
        issues=issues,
        rules=rules,
        weights=Weights(domain_min_per_week={"안전": 1, "민생": 1}),
        travel=Travel(),
        last_visit=last_visit,
    )
