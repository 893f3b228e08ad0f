"""Relations a table keeps among its own figures, found in the table rather than expected of it.

A column (or a row, in a short table) that is the sum, the difference, the percentage or the
per-head quotient of two others is found where that relation holds on most rows (at least
three, and three in four of those it can be tried on); then the rows where it fails beyond the
printed precision are the ones to report. A header that names the relation (1인당, 증감, 비율)
lets it be checked where only one or two rows exist — but only as a near miss, since a header
names what is divided by what less surely than the figures do.

Other checks read tables by what their headers mean (합계, 집행률, 증감 (B−A)); this one knows
no vocabulary beyond those few words, so it runs after them and says nothing they said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations, permutations
from typing import TypeVar

from sijeong.core.formatting import round_half_up

from ..findings import WARNING, Finding, shown
from ..tables import RATE_HEADER, Table
from . import Document, check
from .common import average_rows, for_averages
from .rates import GROWTH

N = TypeVar("N", Decimal, float)
CODES = {
    "sum": "total-mismatch",
    "difference": "difference-mismatch",
    "percent": "rate-mismatch",
    "quotient": "rate-mismatch",
}
SIGNS = {"sum": "+", "difference": "−", "percent": "÷", "quotient": "÷"}
_PER_HEAD = re.compile(r"(?:1인|인|명)\s*당\s*(?P<what>.*)$")
_WIDEST = 12  # columns tried for relations found by their figures: 4 × 12 × 11 × 10 candidates
_SAMPLE = 12  # rows a candidate is first tried on, before all rows


@dataclass(frozen=True)
class Relation:
    kind: str
    target: int
    a: int
    b: int


@dataclass
class Line:
    """A row (or, transposed, a column) of figures: where it is printed, its name, its
    figures and their printed decimals."""

    line: int
    label: str
    figures: list[Decimal | None]
    places: list[int]
    average: bool = False
    # Where each figure is printed: a table given one cell per line has a line for each.
    where: list[int] | None = None


def apply(kind: str, a: N, b: N) -> N | None:
    """The relation's result of `a` and `b`, in Decimals or — to screen candidates — floats."""
    if kind == "sum":
        return a + b
    if kind == "difference":
        return a - b
    if not b:
        return None
    try:
        return a * 100 / b if kind == "percent" else a / b
    except InvalidOperation:
        return None


@check("relations")
def relations(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        yield from for_averages(table, _in_columns(table))


def _in_columns(table: Table) -> Iterator[Finding]:
    averages = average_rows(table)
    width = max((len(row.cells) for row in table.rows), default=0)
    columns = [j for j in range(width) if table.kind(j) != "date" and table.kind(j) != "text"]
    lines = [
        Line(
            row.line,
            row.label,
            [row.figures[j] if j < len(row.figures) else None for j in range(width)],
            [row.cells[j].places if j < len(row.cells) else 0 for j in range(width)],
            row.line in averages,
            [row.cells[j].line if j < len(row.cells) else row.line for j in range(width)],
        )
        for row in table.rows
        if row.numbered
    ]
    names = {j: table.column(j) for j in columns}
    yield from _relations(lines, columns, names)


def _relations(lines: list[Line], columns: list[int], names: dict[int, str]) -> Iterator[Finding]:
    usable = [j for j in columns if sum(line.figures[j] is not None for line in lines) >= 1]
    found: set[tuple[int, int]] = set()
    if len(usable) >= 3 and len(lines) >= 3:
        for relation in _discovered(lines, usable[:_WIDEST], names):
            for finding in _failures(lines, relation, names, holds_elsewhere=True):
                if (finding.line, relation.target) not in found:
                    found.add((finding.line, relation.target))
                    yield finding
    for relation in _named(lines, usable, names):
        for finding in _failures(lines, relation, names, holds_elsewhere=False):
            if (finding.line, relation.target) not in found:
                found.add((finding.line, relation.target))
                yield finding


def _holds(relation: Relation, line: Line) -> bool | None:
    """Whether the relation holds on the line at the target's printed precision (within one
    unit of its last digit, so that rounded inputs agree); None where it cannot be tried."""
    stated = line.figures[relation.target]
    a, b = line.figures[relation.a], line.figures[relation.b]
    if stated is None or a is None or b is None:
        return None
    if relation.kind in ("percent", "quotient") and (not b or not a):
        return None
    computed = apply(relation.kind, a, b)
    if computed is None:
        return None
    unit = Decimal(1).scaleb(-line.places[relation.target])
    return abs(computed - stated) <= unit


def _discovered(lines: list[Line], columns: list[int], names: dict[int, str]) -> list[Relation]:
    """Relations that hold on at least three rows and three in four of the rows they can be
    tried on, not counting rows of averages; tried on a sample first, as most never hold. One
    equation is one relation: 가 + 다 = 나 is not also 나 − 다 = 가."""
    own = [line for line in lines if not line.average]
    # The sample in floats: thousands of candidates are screened at float speed, and only the
    # few that pass are tried again in Decimals on every row.
    sample = [
        ([float(f) if f is not None else None for f in line.figures], line.places)
        for line in own[:_SAMPLE]
    ]
    equations: dict[frozenset[int], list[Relation]] = {}
    for relation in _candidates(columns):
        if not _screened(relation, sample):
            continue
        results = [_holds(relation, line) for line in own]
        holding = [line for line, t in zip(own, results, strict=True) if t]
        failing = sum(1 for t in results if t is False)
        if len(holding) < 3 or failing * 3 > len(holding):
            continue
        if not _telling(relation, holding):
            continue
        equations.setdefault(frozenset((relation.target, relation.a, relation.b)), []).append(
            relation
        )
    chosen: list[Relation] = []
    targets: set[int] = set()
    for forms in equations.values():
        best = max(forms, key=lambda r: (_says(names.get(r.target, ""), r.kind), r.target))
        if best.target not in targets:
            targets.add(best.target)
            chosen.append(best)
    return chosen


_SAYS = {
    "sum": re.compile(r"계|합|총"),
    "difference": re.compile(r"증감|차이|차액|잔액|증|감"),
    "percent": RATE_HEADER,
    "quotient": _PER_HEAD,
}


def _says(name: str, kind: str) -> bool:
    """Whether a column's name says it is this relation's result (계 a sum, 증감 a difference):
    of the forms of one equation, that one is reported; else the one whose result is last."""
    return bool(_SAYS[kind].search(name))


def _screened(relation: Relation, sample: list[tuple[list[float | None], list[int]]]) -> bool:
    """Whether the relation holds on at least two rows of the sample and fails on at most
    two, in floats (a hair wider than the Decimal test, which decides)."""
    kind, target, a, b = relation.kind, relation.target, relation.a, relation.b
    holds = fails = 0
    for figures, places in sample:
        stated, x, y = figures[target], figures[a], figures[b]
        if stated is None or x is None or y is None:
            continue
        if kind in ("percent", "quotient") and not x:
            continue
        computed = apply(kind, x, y)
        if computed is None:
            continue
        if abs(computed - stated) <= 10 ** -places[target] * 1.000001 + 1e-9:
            holds += 1
        else:
            fails += 1
            if fails > 2:
                return False
    return holds >= 2


def _candidates(columns: list[int]) -> Iterator[Relation]:
    for target in columns:
        others = [j for j in columns if j != target]
        for a, b in combinations(others, 2):
            yield Relation("sum", target, a, b)
        for a, b in permutations(others, 2):
            yield Relation("difference", target, a, b)
            yield Relation("percent", target, a, b)
            yield Relation("quotient", target, a, b)


def _telling(relation: Relation, holding: Sequence[Line]) -> bool:
    """Whether the rows it holds on show a relation rather than a coincidence of zeros and
    ones: x + 0 = x, x ÷ 1 = x, 0 − 0 = 0 say nothing."""
    telling = [
        line
        for line in holding
        if line.figures[relation.a]
        and line.figures[relation.b] not in (None, 0, 1)
        and line.figures[relation.target]
        and (relation.kind in ("sum", "difference") or _resolved(line, relation.target))
    ]
    return len(telling) >= 3 and len({line.figures[relation.target] for line in telling}) >= 2


def _resolved(line: Line, j: int) -> bool:
    """Whether a quotient is printed finely enough to tell: 1 and 2 as quotients of small
    counts (27 ÷ 24, 29 ÷ 20) agree with too many divisions to mean one."""
    figure = line.figures[j]
    return figure is not None and abs(figure) >= 20 * Decimal(1).scaleb(-line.places[j])


def _explained(relation: Relation, line: Line, computed: Decimal, stated: Decimal) -> bool:
    """Whether a sum or difference is off by exactly another figure of its row: a third part
    (국립 beside 공립 and 사립 under 계) that the relation, found where it is empty, leaves
    out."""
    if relation.kind not in ("sum", "difference"):
        # A rate of a figure where less is better (민원처리 기간) divides the other way round.
        a, b = line.figures[relation.a], line.figures[relation.b]
        inverse = apply(relation.kind, b, a) if a is not None and b is not None else None
        unit = Decimal(1).scaleb(-line.places[relation.target])
        return inverse is not None and abs(inverse - stated) <= unit
    gap = abs(stated - computed)
    used = {relation.target, relation.a, relation.b}
    return any(
        figure is not None and abs(figure) == gap
        for j, figure in enumerate(line.figures)
        if j not in used
    )


def _named(lines: list[Line], columns: list[int], names: dict[int, str]) -> Iterator[Relation]:
    """A per-head column (1인당 주민수) or a share (비율, 구성비) beside exactly two columns
    of figures, and the two it divides: for a per-head figure the column named after 당, else
    the larger over the smaller; for a share the smaller over the larger."""
    for target in columns:
        name = names.get(target, "")
        per_head = _PER_HEAD.search(name)
        share = not per_head and RATE_HEADER.search(name) and not GROWTH.search(name)
        if not per_head and not share:
            continue
        others = [j for j in columns if j != target and not RATE_HEADER.search(names.get(j, ""))]
        others = [j for j in others if not _PER_HEAD.search(names.get(j, ""))]
        if len(others) != 2:
            continue
        small, large = sorted(others, key=lambda j: _typical(lines, j))
        if share:
            yield Relation("percent", target, small, large)
            continue
        what = per_head["what"].replace(" ", "") if per_head else ""
        named = [j for j in others if what and names.get(j, "").replace(" ", "") == what]
        numerator = named[0] if len(named) == 1 else large
        yield Relation("quotient", target, numerator, small if numerator == large else large)


def _typical(lines: list[Line], j: int) -> Decimal:
    figures = sorted(abs(f) for line in lines if (f := line.figures[j]) is not None)
    return figures[len(figures) // 2] if figures else Decimal(0)


def _failures(
    lines: list[Line], relation: Relation, names: dict[int, str], holds_elsewhere: bool
) -> Iterator[Finding]:
    holding = sum(1 for line in lines if not line.average and _holds(relation, line))
    for line in lines:
        if _holds(relation, line) is not False:
            continue
        stated = line.figures[relation.target]
        a, b = line.figures[relation.a], line.figures[relation.b]
        assert stated is not None and a is not None and b is not None
        computed = apply(relation.kind, a, b)
        assert computed is not None
        if not holds_elsewhere and not holding and abs(computed - stated) > abs(stated) / 5:
            continue  # a named relation far off everywhere: the names were misread, not a slip
        if _explained(relation, line, computed, stated):
            continue
        places = line.places[relation.target]
        # A quotient printed whole is shown with its first decimal: 300.5, not 301, says why.
        exact = places + 1 if relation.kind == "quotient" and places == 0 else places
        percent = "%" if relation.kind == "percent" else ""
        name = names.get(relation.target) or "값"
        because = (
            f" — 이 표의 다른 {holding}개 행에서는 이 관계가 맞습니다"
            if holds_elsewhere and holding
            else ""
        )
        result = f"{shown(round_half_up(computed, exact), exact)}{percent}"
        yield Finding(
            line.where[relation.target] if line.where else line.line,
            WARNING,
            CODES[relation.kind],
            f"'{line.label}' {name}: {shown(a)} {SIGNS[relation.kind]} {shown(b)} = {result} "
            f"(적힌 값 {shown(stated, places)}{percent}){because}",
            (a, b, round_half_up(computed, places), stated),
        )
