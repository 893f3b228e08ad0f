"""Stated rates (률·율·비율) against the figures beside them, at the printed precision.

A rate printed with one decimal is checked to one, with three to three, rounding half up as
Korean documents do (반올림). Where the table does not say which figures a rate divides, every
pair in its row is tried, and only a rate that no pair gives is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise, permutations

from sijeong.core.formatting import round_half_up

from ..findings import INFO, Finding, mismatch_severity, shown
from ..tables import PATH, Row, Table, total_marker
from . import Document, check
from .common import figure, for_averages, is_rate_row, is_share_row, value

CODE = "rate-mismatch"
GROWTH = re.compile(
    r"증감률|증가율|감소율|신장률|변동률|증감\s*\(?%|대비\s*\(?%|[A-Za-z가-힣]\s*\)\s*/\s*[A-Za-z가-힣]\s*$"
)
NUMERATOR = re.compile(
    r"집행|실적|달성|완료|참여|지출|수납|징수|교부|처리|결산|현원|확보|이용|사용"
)
DENOMINATOR = re.compile(r"예산|계획|목표|전체|대상|배정|현액|정원|총|^계$|합계")
SHARE = re.compile(r"비율|비중|구성비|점유율|%")


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    return part * 100 / whole if whole else None


def agrees(stated: Decimal, computed: Decimal | None, places: int) -> bool:
    if computed is None:
        return False
    # Rounding moves a figure by half a unit of its last place at most: a computed rate
    # further than a unit from the stated one cannot agree, and most pairs tried are.
    unit = _UNITS.get(places)
    if unit is not None and abs(computed - stated) > unit:
        return False
    return round_half_up(computed, places) == stated


_UNITS = {places: Decimal(1).scaleb(-places) for places in range(8)}


def division(part: Decimal, whole: Decimal, stated: Decimal, places: int) -> str:
    computed = rate(part, whole) or Decimal(0)
    return (
        f"{shown(part)} ÷ {shown(whole)} = {shown(computed, places)}% "
        f"(적힌 값 {shown(stated, places)}%)"
    )


def finding(
    line: int,
    part: Decimal,
    whole: Decimal,
    stated: Decimal,
    places: int,
    label: str,
    code: str = CODE,
) -> Finding | None:
    computed = rate(part, whole)
    if computed is None:
        return None
    severity = mismatch_severity(stated, round_half_up(computed, places), places)
    if severity is None:
        return None
    note = " — 끝자리 반올림 차이로 보입니다" if severity == INFO else ""
    return Finding(
        line,
        severity,
        code,
        f"{label}{division(part, whole, stated, places)}{note}",
        (part, whole, round_half_up(computed, places), stated),
    )


@check(CODE)
def rates(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        yield from for_averages(table, _rate_columns(table))
        yield from for_averages(table, _shares_in_cells(table))
        yield from _rate_rows(table)


def _numeric_columns(table: Table, row: Row) -> list[int]:
    return [
        j
        for j, c in enumerate(row.cells)
        if c.number is not None and not c.number.percent and table.kind(j) in ("amount", "count")
    ]


def _column_total(table: Table, j: int) -> Decimal | None:
    for row in table.rows:
        if row.total == "계":
            return value(row, j)
    return None


def _rate_columns(table: Table) -> Iterator[Finding]:
    rate_columns = [j for j in range(len(table.columns)) if table.kind(j) == "percent"]
    # A row's figure columns, found once for all its rate columns.
    numeric_of: dict[int, list[int]] = {}
    for j in rate_columns:
        name = table.column(j)
        if GROWTH.search(name):
            continue  # the differences check reads growth rates
        for row in table.rows:
            number = row.cells[j].number if j < len(row.cells) else None
            if number is None or number.dash:
                continue
            stated, places = number.value, number.places
            if id(row) not in numeric_of:
                numeric_of[id(row)] = _numeric_columns(table, row)
            numeric = [k for k in numeric_of[id(row)] if k != j]
            if _some_pair_gives(stated, places, [figure(row, k) for k in numeric]):
                continue
            shares = [k for k in numeric if k < j]
            total = _column_total(table, shares[-1]) if shares else None
            if shares and total and agrees(stated, rate(figure(row, shares[-1]), total), places):
                continue
            primary = _primary(table, numeric, j)
            if primary is None:
                continue
            a, b = primary
            part, whole = figure(row, a), figure(row, b)
            computed = rate(part, whole)
            named = bool(NUMERATOR.search(table.column(a)) and DENOMINATOR.search(table.column(b)))
            if computed is None or (
                not named and abs(computed - stated) > max(Decimal(5), stated / 10)
            ):
                continue
            line = row.cells[j].line
            found = finding(line, part, whole, stated, places, f"'{row.label}' {name}: ")
            if found:
                yield found


def _some_pair_gives(stated: Decimal, places: int, figures: list[Decimal]) -> bool:
    """Whether some figure of the row as a percentage of another is the stated rate. Tried
    lazily, the pairs in any order: most rates agree with one of the first."""
    return any(
        agrees(stated, rate(part, whole), places) for part, whole in permutations(figures, 2)
    )


def _primary(table: Table, numeric: list[int], j: int) -> tuple[int, int] | None:
    """The (part, whole) columns a rate column divides: by their names, else the two figures
    just before it (예산액, 집행액, 집행률)."""
    parts = [k for k in numeric if NUMERATOR.search(table.column(k))]
    wholes = [k for k in numeric if DENOMINATOR.search(table.column(k))]
    if parts and wholes:
        return parts[-1], wholes[0]
    before = [k for k in numeric if k < j]
    if len(before) >= 2 and not SHARE.search(table.column(j)):
        return before[-1], before[-2]
    return None


def _shares_in_cells(table: Table) -> Iterator[Finding]:
    """Figures printed with their share beside them: 143,413 (40.1%)."""
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            if cell.number is None or cell.number.share is None:
                continue
            stated, places = cell.number.share, cell.number.share_places
            part = cell.number.value
            wholes = [c.value for k, c in enumerate(row.cells) if k != j and c.value]
            total = _column_total(table, j)
            if total:
                wholes.append(total)
            # Parts of one whole side by side, each with its share: 661명(60.0%) 441명(40.0%).
            shared = [c.value for c in row.cells if c.number and c.number.share is not None]
            if len(shared) >= 2:
                wholes.append(sum((v for v in shared if v is not None), Decimal(0)))
            if any(agrees(stated, rate(part, w), places) for w in wholes if w is not None):
                continue
            left = [c.value for c in row.cells[:j] if c.number and not c.number.percent and c.value]
            if len(shared) >= 2:
                whole = wholes[-1]  # the parts' sum, whose shares they print
            elif left and left[0] is not None:
                whole = left[0]
            else:
                continue
            found = finding(
                row.line, part, whole, stated, places, f"'{row.label}' {table.column(j)}: "
            )
            if found:
                yield found


def _quotient_of(first: Row, second: Row, ratios: Row) -> bool:
    """Whether each figure of `ratios` is `second` over `first`, as a percentage, wherever
    the three have one: at least two columns, none against."""
    held = 0
    for a, b, r in zip(first.cells, second.cells, ratios.cells, strict=False):
        if a.value is None or b.value is None or r.value is None or not a.value:
            continue
        if not agrees(r.value, rate(b.value, a.value), r.places):
            return False
        held += 1
    return held >= 2


def _rate_rows(table: Table) -> Iterator[Finding]:
    """A count row followed by its percentage row (건수 / 비율(%))."""
    rows = table.rows
    for index, (above, below) in enumerate(pairwise(rows)):
        if not is_share_row(below) or is_rate_row(above):
            continue
        if index and _quotient_of(rows[index - 1], above, below):
            continue  # 세출결산액 / 기본경비 / 비율(%): the row over the one above, not shares
        totals = [j for j, name in enumerate(table.columns) if total_marker(name.split(PATH)[0])]
        counts = [c.value for c in above.cells]
        if totals and totals[0] < len(counts):
            whole = counts[totals[0]]
        else:
            known = [v for v in counts if v is not None]
            whole = sum(known, Decimal(0)) if known else None
        if not whole:
            continue
        for j, cell in enumerate(below.cells):
            if cell.number is None or cell.number.dash or j >= len(counts) or counts[j] is None:
                continue
            part = counts[j]
            assert part is not None and cell.value is not None
            if agrees(cell.value, rate(part, whole), cell.places):
                continue
            found = finding(
                below.line,
                part,
                whole,
                cell.value,
                cell.places,
                f"'{above.label}' {table.column(j)} 비율: ",
            )
            if found:
                yield found
