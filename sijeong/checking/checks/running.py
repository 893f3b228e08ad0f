"""Running totals printed as `금회/누계` (9일/ 25일, (15/64)): each 누계 is the previous one plus
this one, counted in the order of the sessions (제315회, 제316회 …), not of the lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..findings import ERROR, Finding, shown
from . import Document, check

_PAIR = re.compile(r"(?<![\d./])(\d{1,3})\s*일?\s*/\s*(\d{1,4})\s*일?(?![\d./])")
_SESSION = re.compile(r"제?\s*(\d{2,4})\s*회(?!\s*\d)")


@check("running-total")
def running(document: Document) -> Iterator[Finding]:
    if not any("누계" in line.text for line in document.lines):
        return
    entries: list[tuple[int, int, Decimal, Decimal]] = []  # (session, line, this, cumulative)
    last_session: tuple[int, int] | None = None
    for position, line in enumerate(document.lines):
        sessions = list(_SESSION.finditer(line.text))
        pairs = list(_PAIR.finditer(line.text))
        if sessions:
            last_session = (int(sessions[-1][1]), position)
        for pair in pairs:
            session = last_session[0] if last_session and position - last_session[1] <= 2 else None
            if session is None:
                continue
            this, total = Decimal(pair[1]), Decimal(pair[2])
            if this <= total:
                entries.append((session, line.number, this, total))
    if len(entries) < 3:
        return
    entries.sort()
    series: list[list[tuple[int, int, Decimal, Decimal]]] = [[entries[0]]]
    for entry in entries[1:]:
        if entry[0] == series[-1][-1][0] + 1:
            series[-1].append(entry)
        elif entry[0] != series[-1][-1][0]:
            series.append([entry])
    for run in series:
        if len(run) < 3:
            continue
        expected = run[0][3]
        terms = [run[0][3]]
        previous = run[0][3]
        for _session, number, this, total in run[1:]:
            if this == total:
                # The first session of a new year starts the count again.
                expected, terms, previous = total, [total], total
                continue
            expected += this
            terms.append(this)
            if total != expected:
                shown_terms = " + ".join(shown(t) for t in terms)
                yield Finding(
                    number,
                    ERROR,
                    "total-mismatch",
                    f"누계: {shown_terms} = {shown(expected)} (적힌 누계 {shown(total)})",
                    (*terms, expected, total),
                )
            if total < previous:
                yield Finding(
                    number,
                    ERROR,
                    "cumulative-smaller",
                    f"누계 {shown(total)}이(가) 앞 회기의 누계 {shown(previous)}보다 작습니다",
                    (total, previous),
                )
            previous = total
