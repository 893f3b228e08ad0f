"""Running totals printed as `금회/누계` (9일/ 25일, (15/64)): each 누계 is the previous one plus
this one, counted in the order of the sessions (제315회, 제316회 …), not of the lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..findings import ERROR, Finding, shown
from . import Document, check, inline

_PAIR = inline(r"(?<![\d./])(\d{1,3})\s*일?\s*/\s*(\d{1,4})\s*일?(?![\d./])")
_SESSION_OR_PAIR = re.compile("[회/]")
_SESSION = inline(r"(\d{2,4})\s*회(?!\s*\d)")


@check("running-total")
def running(document: Document) -> Iterator[Finding]:
    if "누계" not in document.text:
        return
    entries: list[tuple[int, int, Decimal, Decimal]] = []  # (session, line, this, cumulative)
    session: tuple[int, int] | None = None  # (session number, index of its line)
    # Only a line naming a session (회) or holding a pair (/) matters.
    for index, line in document.lines_with(_SESSION_OR_PAIR):
        text = line.text
        if "회" in text:
            named = [int(m[1]) for m in _SESSION.finditer(text)]
            if named:
                session = (named[-1], index)
        # The session a pair belongs to is named on its line or one of the two before it.
        if "/" not in text or session is None or index - session[1] > 2:
            continue
        for pair in _PAIR.finditer(text):
            this, total = Decimal(pair[1]), Decimal(pair[2])
            if this <= total:
                entries.append((session[0], line.number, this, total))
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
