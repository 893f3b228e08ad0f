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
    table = reader.table_at(item) if item.kind == "table" else None
    budget = _column(table, _BUDGET) if table else None
    if table is None or budget is None:
        return False
    executed = _column(table, _EXECUTED)
    if executed is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.budget_unread",
            "예산 표에 집행액 열이 없어 집행현황으로 읽지 못했습니다.",
        )
        return False
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


def _column(table: Table, name: re.Pattern[str]) -> int | None:
    return next((j for j, column in enumerate(table.columns) if name.match(column)), None)


def _won(row: Row, column: int, scale: int) -> int | None:
    """The cell's amount in won; None for an empty, unreadable or negative cell."""
    value = row.cells[column].value if column < len(row.cells) else None
    if value is None or value < 0:
        return None
    return int((value * Decimal(scale)).to_integral_value())
