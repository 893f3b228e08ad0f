"""The budget execution table (예산 집행현황): amounts, execution, balances and rates checked."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from sijeong.core.formatting import format_number, format_percent, percent

from ..structure import Item
from .reader import Reader
from .registry import recogniser
from .shared import month_end


@recogniser("budget", order=40)
def budget_table(reader: Reader, item: Item) -> bool:
    """A table headed 예산액 … 집행액: each 과목's budget and its spending to date, with
    balances, execution rates and the 계 row checked against the lines."""
    if item.kind != "table" or not item.cells or "예산액" not in item.cells[0]:
        return False
    header = item.cells[0]
    if "집행액" not in header:
        reader.find(
            item.first_line,
            "warning",
            "ingest.budget_unread",
            "예산 표에 집행액 열이 없어 집행현황으로 읽지 못했습니다.",
        )
        return False
    col = {name: header.index(name) for name in header}
    scale = _WON.get(reader.unit)
    if scale is None:
        reader.find(
            item.first_line,
            "warning",
            "ingest.budget_unit",
            f"예산 표의 단위('{reader.unit or '없음'}')를 알 수 없어 천원으로 읽었습니다.",
        )
        scale = 1000
    unit = reader.unit if reader.unit in _WON else "천원"
    year = (reader.as_of or datetime.date(reader.year or 2000, 1, 1)).year
    as_of = month_end(reader.as_of) if reader.as_of else None
    lines_total = [0, 0]
    stated_total: tuple[int, int, int, int] | None = None
    for offset, row in enumerate(item.cells[1:], start=1):
        number = item.lines[min(offset, len(item.lines) - 1)]
        cells = row + [""] * (len(header) - len(row))
        amount = _amount(cells[col["예산액"]], scale)
        executed, rate = _executed(cells[col["집행액"]], scale)
        balance = _amount(cells[col["잔액"]], scale) if "잔액" in col else None
        if amount is None or executed is None:
            continue
        if balance is not None and amount - executed != balance:
            reader.find(
                number,
                "error",
                "ingest.balance_mismatch",
                f"{cells[0]}: 예산액 - 집행액 = {_shown(amount - executed, scale)}{unit}이지만 "
                f"잔액은 {_shown(balance, scale)}{unit}입니다.",
            )
        if rate is not None and format_percent(percent(executed, amount)) != rate:
            reader.find(
                number,
                "error",
                "ingest.rate_mismatch",
                f"{cells[0]}: 집행률은 {format_percent(percent(executed, amount))}이지만 "
                f"{rate}로 적혀 있습니다.",
            )
        if cells[0] in ("계", "합계", "총계"):
            stated_total = (amount, executed, 0, number)
            continue
        lines_total[0] += amount
        lines_total[1] += executed
        budget_line = reader.plan(
            "budget.budgetline",
            {"fiscal_year": year, "subject": cells[0]},
            [number],
            amount=amount,
            purpose=cells[col["비고"]] if "비고" in col else "",
        )
        if as_of is not None:
            spending = reader.plan(
                "budget.expenditure",
                {"line": cells[0], "date": as_of.isoformat(), "period_start": f"{year}-01-01"},
                [number],
                amount=executed,
                description=f"{as_of.month}월까지 집행 누계",
            )
            spending.parent, spending.parent_field = budget_line, "line"
    if stated_total and (stated_total[0], stated_total[1]) != tuple(lines_total):
        reader.find(
            stated_total[3],
            "error",
            "ingest.total_mismatch",
            f"계 {_shown(stated_total[0], scale)}/{_shown(stated_total[1], scale)}{unit}이 "
            f"과목 합계 {_shown(lines_total[0], scale)}/{_shown(lines_total[1], scale)}"
            f"{unit}과 다릅니다.",
        )
    reader.block("budget")
    reader.place(item, "예산 집행현황표")
    return True


# Money units of table captions, in won.
_WON = {"원": 1, "천원": 1_000, "백만원": 1_000_000, "억원": 100_000_000}


def _shown(won: int, scale: int) -> str:
    """An amount in won as the table writes it: 179207000 in 천원 is 179,207."""
    return format_number(Decimal(won) / scale)


def _amount(text: str, scale: int) -> int | None:
    digits = text.replace(",", "").strip()
    return int(Decimal(digits) * scale) if re.fullmatch(r"\d+(\.\d+)?", digits) else None


def _executed(text: str, scale: int) -> tuple[int | None, str | None]:
    found = re.match(r"^\s*([\d,.]+)\s*(?:\(([\d.]+%)\))?\s*$", text)
    if not found:
        return None, None
    return _amount(found.group(1), scale), found.group(2)
