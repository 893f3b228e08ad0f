"""Travel minutes (이동 시간) between Seoul's 25 자치구 and 서울시청, for the visit planner.

The default is an estimate from straight-line distance, to be replaced by measured values
(`Travel(overrides=...)`) once the office's drivers have logged real trips.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

CITY_HALL = "서울시청"

# 구청 소재지, 각 자치구 누리집 기준 근사값 (latitude, longitude of each district office;
# 서울시청 is the main building at 세종대로 110). Four decimals is about 10 m, far finer than
# the model's error.
COORDINATES: dict[str, tuple[float, float]] = {
    CITY_HALL: (37.5663, 126.9779),
    "종로구": (37.5735, 126.9790),
    "중구": (37.5638, 126.9976),
    "용산구": (37.5324, 126.9907),
    "성동구": (37.5633, 127.0371),
    "광진구": (37.5385, 127.0823),
    "동대문구": (37.5744, 127.0396),
    "중랑구": (37.6066, 127.0927),
    "성북구": (37.5894, 127.0167),
    "강북구": (37.6396, 127.0257),
    "도봉구": (37.6688, 127.0471),
    "노원구": (37.6542, 127.0568),
    "은평구": (37.6027, 126.9291),
    "서대문구": (37.5791, 126.9368),
    "마포구": (37.5663, 126.9019),
    "양천구": (37.5170, 126.8665),
    "강서구": (37.5509, 126.8495),
    "구로구": (37.4954, 126.8874),
    "금천구": (37.4569, 126.8955),
    "영등포구": (37.5264, 126.8962),
    "동작구": (37.5124, 126.9393),
    "관악구": (37.4784, 126.9516),
    "서초구": (37.4837, 127.0324),
    "강남구": (37.5172, 127.0473),
    "송파구": (37.5145, 127.1059),
    "강동구": (37.5301, 127.1238),
}

PLACES: tuple[str, ...] = tuple(COORDINATES)
DISTRICTS: tuple[str, ...] = tuple(place for place in PLACES if place != CITY_HALL)

SPEED_KMH = 25.0  # average urban car speed in Seoul's daytime traffic
DETOUR = 1.3  # roads are longer than the straight line
OVERHEAD_MINUTES = 10  # boarding, leaving the car park, walking in
SAME_DISTRICT_MINUTES = 10
EARTH_RADIUS_KM = 6371.0


def distance_km(a: str, b: str) -> float:
    """Great-circle distance between two places' offices (haversine)."""
    (lat1, lon1), (lat2, lon2) = COORDINATES[a], COORDINATES[b]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def estimate_minutes(a: str, b: str) -> int:
    """The default model: distance × detour at the average speed, plus the overhead."""
    if a == b:
        return SAME_DISTRICT_MINUTES
    return round(distance_km(a, b) * DETOUR / SPEED_KMH * 60) + OVERHEAD_MINUTES


class Travel:
    """Minutes between any two of the 26 places; `overrides` replace estimates both ways.

    A place of "" (a fixed event whose place is unknown) is 0 minutes from anywhere: nothing
    can be said about it, so the planner only keeps visits from overlapping it.
    """

    def __init__(self, overrides: Mapping[tuple[str, str], int] | None = None) -> None:
        self.table: dict[tuple[str, str], int] = {
            (a, b): estimate_minutes(a, b) for a in PLACES for b in PLACES
        }
        for (a, b), minutes in (overrides or {}).items():
            if a not in COORDINATES or b not in COORDINATES:
                raise KeyError(f"알 수 없는 장소: {a if a not in COORDINATES else b}")
            self.table[a, b] = self.table[b, a] = minutes

    def minutes(self, a: str, b: str) -> int:
        if not a or not b:
            return 0
        return self.table[a, b]
