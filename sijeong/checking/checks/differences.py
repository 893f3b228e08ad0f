"""Difference and growth columns: 잔액 = 예산 − 집행, 증감 = B − A, 증감률 = (B − A) ÷ A,
and columns whose headers say their own formula, (A−B)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from sijeong.core.formatting import round_half_up

from ..findings import ERROR, INFO, Finding, mismatch_severity, shown
from ..tables import PATH, Table
from . import Document, check
from .common import thousandfold, value
from .rates import GROWTH

CODE = "difference-mismatch"
RATE = "rate-mismatch"  # a growth rate is a rate, however it is reached
DIFFERENCE = re.compile(r"증감|차이|잔액|증가|감소|변동|대비")
_FORMULA = re.compile(r"\(?\s*([A-Za-z가-힣])\s*[-−–]\s*([A-Za-z가-힣])\s*\)?")
_LETTER = re.compile(r"\(\s*([A-Za-z가-힣])\s*\)\s*$")
# Words that name the earlier of two figures compared: 전년도 예산액, 기정액, 당초 계획.
_EARLIER = re.compile(r"전년|전기|직전|작년|기정|당초|이전|종전")


@check(CODE)
def differences(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        yield from _columns(table)


def _operands(table: Table, j: int) -> tuple[int, int] | None:
    """(minuend, subtrahend) columns of difference column j."""
    name = table.column(j)
    formula = _FORMULA.search(name.split(PATH)[-1])
    if formula:
        letters = {}
        for k, other in enumerate(table.columns):
            letter = _LETTER.search(other)
            if letter:
                letters[letter[1]] = k
        if formula[1] in letters and formula[2] in letters:
            return letters[formula[1]], letters[formula[2]]
    numeric = [
        k
        for k in range(j)
        if table.kind(k) in ("amount", "count") and not DIFFERENCE.search(table.column(k))
    ]
    if "잔액" in name:
        budget = [k for k in numeric if re.search(r"예산|배정|현액|계획", table.column(k))]
        spent = [k for k in numeric if re.search(r"집행|지출|사용", table.column(k))]
        if budget and spent:
            return budget[0], spent[-1]
        if len(numeric) >= 2:
            return numeric[-2], numeric[-1]
        return None
    if len(numeric) >= 2:
        first, second = numeric[-2], numeric[-1]
        years = [_year(table.column(first)), _year(table.column(second))]
        if years[0] and years[1] and years[0] > years[1]:
            return first, second  # 2024년 | 2023년: the later year comes first
        if _EARLIER.search(table.column(second)) and not _EARLIER.search(table.column(first)):
            return first, second  # 예산액 | 전년도예산액: the earlier one named so
        return second, first  # later minus earlier: columns usually run forward in time
    return None


def _year(name: str) -> int:
    match = re.search(r"(?:19|20)(\d{2})|'(\d{2})", name)
    return int(match[1] or match[2]) if match else 0


@functools.lru_cache(maxsize=4096)
def _named(name: str) -> tuple[bool, bool, bool]:
    """Whether a column's own name says growth, difference, or a formula (A−B). Cached: every
    table's every column is asked, and documents repeat their headers."""
    leaf = name.split(PATH)[-1]
    return bool(GROWTH.search(leaf)), bool(DIFFERENCE.search(leaf)), bool(_FORMULA.search(leaf))


def _columns(table: Table) -> Iterator[Finding]:
    for j, name in enumerate(table.columns):
        named_growth, difference, formula = _named(name)
        growth = named_growth or (table.kind(j) == "percent" and difference)
        if not difference and not growth and not formula:
            continue
        operands = _operands(table, j)
        if operands is None:
            continue
        a, b = operands
        for row in table.rows:
            cell = row.cells[j] if j < len(row.cells) else None
            if cell is None or cell.number is None or cell.number.dash:
                continue
            first, second = value(row, a), value(row, b)
            if first is None or second is None:
                continue
            stated, places = cell.number.value, cell.number.places
            if growth:
                yield from _growth(table, row.label, cell.line, first, second, stated, places, name)
                continue
            computed = first - second
            if stated in (computed, -computed):
                continue
            if thousandfold(abs(stated), abs(computed)):
                yield Finding(
                    cell.line,
                    ERROR,
                    "unit-slip",
                    f"'{row.label}' {name}: {shown(first)} − {shown(second)} = {shown(computed)} "
                    f"(적힌 값 {shown(stated, places)}, "
                    "1,000배 차이로 단위가 다른 것으로 보입니다)",
                    (first, second, computed, stated),
                )
                continue
            severity = mismatch_severity(abs(stated), abs(computed), places)
            if severity is None:
                continue
            yield Finding(
                cell.line,
                severity,
                CODE,
                f"'{row.label}' {name}: {shown(first)} − {shown(second)} = {shown(computed)} "
                f"(적힌 값 {shown(stated, places)})",
                (first, second, computed, stated),
            )


def _growth(
    table: Table,
    label: str,
    line: int,
    later: Decimal,
    earlier: Decimal,
    stated: Decimal,
    places: int,
    name: str,
) -> Iterator[Finding]:
    if earlier == 0:
        return
    computed = (later - earlier) * 100 / earlier
    rounded = round_half_up(computed, places)
    # Some tables print a decrease without its sign, beside a ▼ or in a 감소율 column.
    if stated in (rounded, -rounded):
        return
    ratio = later * 100 / earlier
    if round_half_up(ratio, places) == stated:
        return  # 전년 대비 비율 (B ÷ A), not a change
    severity = mismatch_severity(abs(stated), abs(rounded), places)
    if severity is None:
        return
    if severity == ERROR and table.scale > 1 and _within_rounding(later, earlier, stated, places):
        severity = INFO
    note = " — 끝자리 반올림 차이로 보입니다" if severity == INFO else ""
    yield Finding(
        line,
        severity,
        RATE,
        f"'{label}' {name}: ({shown(later)} − {shown(earlier)}) ÷ {shown(earlier)} = "
        f"{shown(computed, places)}% (적힌 값 {shown(stated, places)}%){note}",
        (later, earlier, rounded, stated),
    )


def _within_rounding(later: Decimal, earlier: Decimal, stated: Decimal, places: int) -> bool:
    """Whether amounts printed rounded to the table's unit (백만원 from 원) could give the
    stated change: each may be up to half a unit away from what was divided."""
    half = Decimal("0.5")
    rates = [
        (a - b) * 100 / b
        for a in (later - half, later + half)
        for b in (earlier - half, earlier + half)
        if b
    ]
    low, high = min(rates), max(rates)
    unit = Decimal(1).scaleb(-places) / 2
    return low - unit <= abs(stated) <= high + unit or low - unit <= -abs(stated) <= high + unit
