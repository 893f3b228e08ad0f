"""The budget execution table (예산 집행현황): each 과목's budget and its spending to date.

The table is the one the checker reads (`sijeong.checking.tables`), in whatever shape it was
printed; its sums, balances and rates are checked by the checker with the rest of the
document, not here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sijeong.checking.numbers import MONEY_SCALES
from sijeong.checking.tables import Row, Table

from ..structure import Item
from .figures import take_table
from .reader import Reader
from .registry import recogniser
from .shared import month_end

# Column names as offices print them: 예산액, 예산현액(A), 현액; 집행액, 지출액 누계(B).
_BUDGET = re.compile(r"^(?:예산\s*현?액|예산|현액)")
_EXECUTED = re.compile(r"^(?:집행액|지출액|집행\s*누계|지출\s*누계|집행(?!\s*잔액|률|율))")
_PURPOSE = re.compile(r"^(?:비고|용도|내용)")


@recogniser("budget", order=40)
def budget_table(reader: Reader, item: Item) -> bool:
    """A table headed 예산액 … 집행액: each 과목's budget and what was spent of it by the
    month of the caption, one budget line and one cumulative expenditure per row."""
    table = reader.table_at(item) if item.kind in ("table", "paragraph") else None
    budget = _column(table, _BUDGET) if table else None
    if table is None or budget is None:
        return _budget_as_printed(reader, item, table) if table else False
    executed = _column(table, _EXECUTED)
    if executed is None:
        return _budget_as_printed(reader, item, table)
    year = reader.as_of.year if reader.as_of else reader.year
    if year is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.budget_unread",
            "예산 표의 회계연도를 문서에서 찾지 못해 예산 과목으로 옮기지 않았습니다 "
            "(기준월이나 연도를 표 제목에 적어 주세요).",
        )
        return False
    unit = table.unit if table.unit in MONEY_SCALES else reader.unit
    scale = MONEY_SCALES.get(unit)
    if scale is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.budget_unit",
            f"예산 표의 단위('{unit or '없음'}')를 알 수 없어 천원으로 읽었습니다.",
        )
        scale = 1000
    purpose = _column(table, _PURPOSE)
    as_of = month_end(reader.as_of) if reader.as_of else None
    for row in table.rows:
        amount, spent = _won(row, budget, scale), _won(row, executed, scale)
        if row.total or amount is None or spent is None:
            continue  # totals are the checker's to add up
        budget_line = reader.plan(
            "budget.budgetline",
            {"fiscal_year": year, "subject": row.label},
            row.lines,
            amount=amount,
            purpose=row.cells[purpose].raw.strip()
            if purpose is not None and purpose < len(row.cells)
            else "",
        )
        if as_of is not None:
            spending = reader.plan(
                "budget.expenditure",
                {"line": row.label, "date": as_of.isoformat(), "period_start": f"{year}-01-01"},
                row.lines,
                amount=spent,
                description=f"{as_of.month}월까지 집행 누계",
            )
            spending.parent, spending.parent_field = budget_line, "line"
    reader.block("budget")
    reader.place(item, "예산 집행현황표")
    return True


# A budget column of a year (`2025 예산 (A)`, `2026년 예산`), or the budget of the caption's year.
_YEAR_BUDGET = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*년?\s*(?:본\s*)?예산")


def _budget_as_printed(reader: Reader, item: Item, table: Table) -> bool:
    """An overview's budget table (세입 or 세출, 예산액 by 과목 or 정책사업, one year or two
    side by side): one budget line per row and year, as printed; its totals and shares are
    the checker's."""
    years = {
        j: int(found["year"])
        for j, column in enumerate(table.columns)
        if (found := _YEAR_BUDGET.match(column))
    }
    if not years and (budget := _column(table, _BUDGET)) is not None:
        year = reader.table_year or (reader.table_date.year if reader.table_date else None)
        year = year or reader.year or (reader.document_date.year if reader.document_date else None)
        years = {budget: year} if year else {}
    unit = table.unit if table.unit in MONEY_SCALES else reader.table_unit or reader.unit
    scale = MONEY_SCALES.get(unit)
    if not years or scale is None:
        return False  # no year or no unit of money: its cells are kept as stated figures
    take_table(reader, item, table)
    for row in table.rows:
        for column, year in years.items():
            amount = _won(row, column, scale)
            if row.total or amount is None or not row.label:
                continue
            reader.plan(
                "budget.budgetline",
                {"fiscal_year": year, "subject": row.label[:100]},
                row.lines,
                amount=amount,
            )
    reader.keep_as_text(sorted(set(item.lines)))  # written back as the office printed it
    reader.place(item, "예산 현황표")
    return True


def _column(table: Table, name: re.Pattern[str]) -> int | None:
    return next((j for j, column in enumerate(table.columns) if name.match(column)), None)


def _won(row: Row, column: int, scale: int) -> int | None:
    """The cell's amount in won; None for an empty, unreadable or negative cell."""
    value = row.cells[column].value if column < len(row.cells) else None
    if value is None or value < 0:
        return None
    return int((value * Decimal(scale)).to_integral_value())
