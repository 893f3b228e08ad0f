"""How many of each press activity there were in a year, as every page and report states it.

Briefings and press conferences are records, one each; interviews are usually known only as
a count the office states (the indicator `INTERVIEWS`, e.g. 25회 with its breakdown by
medium), not as one record per interview. Where the office states a count, that count is the
figure, on the 언론 page as in the report; records are counted only where it states none.
"""

from __future__ import annotations

from collections import Counter

from sijeong.core.models import Indicator, Office

from .models import MediaEngagement

INTERVIEWS = "press-interviews"


def by_year(office: Office) -> dict[int, dict[str, tuple[int, bool]]]:
    """{year: {kind label: (count, stated)}}: `stated` when the count is the office's figure
    rather than a count of records."""
    counted: Counter[tuple[int, str]] = Counter(
        (item.date.year, item.kind)
        for item in MediaEngagement.objects.filter(office=office).only("date", "kind")
    )
    stated: dict[int, int] = {}
    indicator = Indicator.objects.filter(office=office, key=INTERVIEWS).first()
    if indicator is not None:
        totals = indicator.observations.filter(dimension_values={}).order_by("as_of", "pk")
        for observation in totals:  # the latest of each year wins
            stated[observation.as_of.year] = int(observation.value)
    years = sorted({year for year, _ in counted} | set(stated), reverse=True)
    table: dict[int, dict[str, tuple[int, bool]]] = {}
    for year in years:
        row = {}
        for kind, label in MediaEngagement.Kind.choices:
            if kind == MediaEngagement.Kind.INTERVIEW and year in stated:
                row[label] = (stated[year], True)
            else:
                row[label] = (counted[(year, kind)], False)
        table[year] = row
    return table
