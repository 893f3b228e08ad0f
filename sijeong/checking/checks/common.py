"""Helpers the table checks share: which rows and columns hold figures to add up."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar, cast

from ..findings import INFO, WARNING, Finding, shown
from ..numbers import PROSE_FIGURE, prose_amount, prose_figure
from ..tables import RATE_HEADER, Row, Table

if TYPE_CHECKING:
    from . import Document

T = TypeVar("T")

TOLERANCE_RATIO = Decimal("0.005")


_SHARE_LABEL = re.compile(r"^\(?(?:비율|구성비|비중|점유율|백분율|%)\)?(?:\s*\(%\))?$")


def is_share_row(row: Row) -> bool:
    """A row that gives the row above it as percentages (건수 / 비율(%)), by its label alone or
    by every figure carrying %; not an indicator that is itself a rate (재활용률(%))."""
    numbers = row.numbers
    return _share_label(row.label) or (len(numbers) >= 2 and all(n.percent for n in numbers))


def is_rate_row(row: Row) -> bool:
    numbers = row.numbers
    return _rate_label(row.label) or (bool(numbers) and all(n.percent for n in numbers))


# Cached: every check asks of every row, and a document repeats its labels.
@functools.lru_cache(maxsize=4096)
def _share_label(label: str) -> bool:
    return bool(_SHARE_LABEL.match(label))


@functools.lru_cache(maxsize=4096)
def _rate_label(label: str) -> bool:
    return bool(RATE_HEADER.search(label))


_NOT_ADDED = re.compile(r"평균|단가|순위|번호|연번|코드|배율|지수|대비\s*\(?%")


def sum_columns(table: Table) -> list[int]:
    """Columns whose figures are amounts or counts (not rates, dates, notes or changes)."""
    if table.summed is None:
        table.summed = _sum_columns(table)
    return table.summed


def _sum_columns(table: Table) -> list[int]:
    columns = []
    for j, name in enumerate(table.columns):
        if table.kind(j) in ("percent", "date", "text"):
            continue
        # Differences, balances and cumulative figures add up down the rows like any amount;
        # averages, unit prices, ranks and codes do not.
        if _NOT_ADDED.search(name):
            continue
        columns.append(j)
    return columns


def value(row: Row, j: int) -> Decimal | None:
    figures = row.figures
    return figures[j] if j < len(figures) else None


def figure(row: Row, j: int) -> Decimal:
    """The cell's figure, zero when there is none."""
    found = value(row, j)
    return found if found is not None else Decimal(0)


def places(rows: Iterable[Row], j: int) -> int:
    return max((r.cells[j].places for r in rows if j < len(r.cells)), default=0)


def addition(parts: list[Decimal], places_: int = 0) -> str:
    """`1,200 + 3,400 = 4,600`, long sums shortened in the middle."""
    terms = [shown(p, places_) for p in parts]
    if len(terms) > 8:
        terms = [*terms[:4], "…", *terms[-2:]]
    text = " + ".join(terms).replace("+ -", "- ")
    return f"{text} = {shown(sum(parts, Decimal(0)), places_)}"


def thousandfold(stated: Decimal, expected: Decimal) -> bool:
    """Whether `stated` is `expected` written in the wrong unit (×1,000 or ÷1,000)."""
    if stated == 0 or expected == 0:
        return False
    for ratio in (Decimal(1000), Decimal("0.001")):
        if abs(stated - expected * ratio) <= abs(expected * ratio) * TOLERANCE_RATIO:
            return True
    return False


_AVERAGE = re.compile(r"평균|유사|비교|동종|전국|중위")
_ENUMERATION = re.compile(r"^\s*([①-⑳]|\(?\d{1,2}[.)]|[가-하][.)])")


def average_rows(table: Table) -> set[int]:
    """Lines of the rows that give averages or comparisons (50만 미만 시 평균, 유사 자치단체)
    rather than one body's own figures, with the rows numbered in the same series as one: an
    average of ratios is not the ratio of the averages, so a ratio recomputed there is 참고."""
    averages = [row for row in table.rows if _AVERAGE.search(row.label)]
    if not averages:
        return set()
    series = {_series(row.raw_label or row.label) for row in averages} - {""}
    return {
        row.line
        for row in table.rows
        if row in averages or (_series(row.raw_label or row.label) in series)
    }


def _series(label: str) -> str:
    match = _ENUMERATION.match(label)
    if not match:
        return ""
    mark = match[1]
    if "①" <= mark[0] <= "⑳":
        return "circled"
    return "digit" if any(c.isdigit() for c in mark) else "letter"


def for_averages(table: Table, findings: Iterable[Finding]) -> Iterator[Finding]:
    """`findings` of `table`, those on rows of averages made 참고 and said so."""
    averages = average_rows(table)
    for found in findings:
        if found.line in averages and found.severity != INFO:
            found = replace(
                found,
                severity=INFO,
                message=f"{found.message} — 평균·비교 행이라 비율의 평균일 수 있습니다",
            )
        yield found


# An amount in Korean units (ending in 조, 억, 만 or 천): a figure prose states, against which
# a base derived from a change or a rate can be looked up.
_KOREAN_AMOUNT = re.compile(rf"{PROSE_FIGURE}(?<=[조억만천])")


def memoised(document: Document, key: str, make: Callable[[], T]) -> T:
    """What a check derives from the whole document, made once for all the checks."""
    if key not in document.memo:
        document.memo[key] = make()
    return cast(T, document.memo[key])


def korean_amounts(document: Document) -> list[tuple[Decimal, int]]:
    """Each Korean amount the text states, with the offset it starts at: read once."""
    return memoised(
        document,
        "korean_amounts",
        lambda: [
            (amount, m.start())
            for m in _KOREAN_AMOUNT.finditer(document.text)
            if (amount := prose_figure(m.group())) is not None
        ],
    )


def stated_near(document: Document, value: Decimal, slack: Decimal) -> bool:
    """Whether the text states a Korean amount within `slack` of `value`."""
    ordered = memoised(
        document, "korean_amounts_sorted", lambda: sorted(a for a, _ in korean_amounts(document))
    )
    at = bisect.bisect_left(ordered, value - slack)
    return at < len(ordered) and ordered[at] <= value + slack


def _by_digits(document: Document) -> dict[str, list[tuple[Decimal, int]]]:
    found: dict[str, list[tuple[Decimal, int]]] = {}
    for amount, offset in korean_amounts(document):
        if amount == amount.to_integral_value():
            found.setdefault(str(int(amount)), []).append((amount, offset))
    return found


def _one_digit_slips(digits: str) -> set[str]:
    """Every digit string one typing slip from `digits`: a digit changed, dropped or added."""
    slips = {digits[:i] + digits[i + 1 :] for i in range(len(digits))}
    for i in range(len(digits) + 1):
        for d in "0123456789":
            slips.add(digits[:i] + d + digits[i:])
            if i < len(digits):
                slips.add(digits[:i] + d + digits[i + 1 :])
    slips.discard(digits)
    return slips


def slipped_copies(
    document: Document, computed: Decimal, stated: Decimal, line: int
) -> Iterator[Finding]:
    """A sum of parts printed elsewhere with one digit slipped (`3조185억…` in a lead for the
    `3조3185억…` its body adds up to): a figure with seven significant digits or more is not
    one digit from another by chance."""
    wanted = str(int(computed))
    if len(wanted.rstrip("0")) < 7:
        return
    by_digits = memoised(document, "korean_amounts_by_digits", lambda: _by_digits(document))
    for digits in sorted(_one_digit_slips(wanted)):
        for value, offset in by_digits.get(digits, ()):
            if value == stated:
                continue
            at = document.line_at(offset).number
            if at == line:
                continue
            yield Finding(
                at,
                WARNING,
                "total-mismatch",
                f"{line}행의 내역을 더한 값 {prose_amount(computed)}과 한 자리만 다릅니다 (적힌 값 "
                f"{prose_amount(value)})",
                (computed, value),
            )
