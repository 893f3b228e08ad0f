"""A cumulative figure (누계·누적) smaller than a figure for part of its period (당월, 8월)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sijeong.core.formatting import parse_korean_amount

from ..findings import ERROR, Finding, shown
from ..tables import PATH
from . import Document, check
from .common import value

CODE = "cumulative-smaller"
CUMULATIVE = re.compile(r"누계|누적")
PERIOD = re.compile(
    r"^(?:\d{1,2}월|당월|금월|전월|이번\s?달|\d\s?분기|상반기|하반기|금주|당일|금년|올해)"
)
_AMOUNT = r"(?P<{0}>\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?)\s*(?P<{0}c>[가-힣]{{1,2}})"
_TEXT_TOTAL = re.compile(r"(?:누계|누적)[^\d\n]{0,10}?" + _AMOUNT.format("n"))
_TEXT_PART = re.compile(
    r"(?:당월|금월|이번\s?달|금년|올해|금주|\d{1,2}월\s*(?:중|한\s?달|실적)?)\s*[:：]?\s*"
    + _AMOUNT.format("n")
)


@check(CODE)
def cumulative(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        kinds = [_column(name) for name in table.columns]
        totals = [j for j, (running, _) in enumerate(kinds) if running]
        periods = [j for j, (_, period) in enumerate(kinds) if period]
        for row in table.rows:
            for t in totals:
                whole = value(row, t)
                if whole is None or whole < 0:
                    continue
                for p in periods:
                    part = value(row, p)
                    if part is not None and part > whole:
                        yield Finding(
                            row.line,
                            ERROR,
                            CODE,
                            f"'{row.label}' {table.column(t)} {shown(whole)}이(가) "
                            f"그 기간의 일부인 "
                            f"{table.column(p)} {shown(part)}보다 작습니다",
                            (whole, part),
                        )
        rows = {r.label: r for r in table.rows}
        cumulative_rows = [r for r in table.rows if CUMULATIVE.search(r.label)]
        for total_row in cumulative_rows:
            for label, part_row in rows.items():
                if not PERIOD.search(label):
                    continue
                for j, cell in enumerate(total_row.cells):
                    whole, part = cell.value, value(part_row, j)
                    if whole is not None and part is not None and 0 <= whole < part:
                        yield Finding(
                            total_row.line,
                            ERROR,
                            CODE,
                            f"{total_row.label} {table.column(j)} {shown(whole)}이(가) "
                            f"{label} {shown(part)}보다 작습니다",
                            (whole, part),
                        )
    for _, line in document.lines_with(CUMULATIVE):
        yield from _in_text(line.number, line.text)


@functools.lru_cache(maxsize=4096)
def _column(name: str) -> tuple[bool, bool]:
    """Whether a column is cumulative (누계) and whether it is a part of a period (당월), by its
    own name. Cached: documents repeat their headers."""
    leaf = name.split(PATH)[-1]
    return bool(CUMULATIVE.search(leaf)), bool(PERIOD.search(leaf))


def _in_text(number: int, text: str) -> Iterator[Finding]:
    for stated in _TEXT_TOTAL.finditer(text):
        whole = parse_korean_amount(stated["n"])
        for period in _TEXT_PART.finditer(text):
            part = parse_korean_amount(period["n"])
            if whole is None or part is None or stated["nc"] != period["nc"]:
                continue
            if period.start() != stated.start() and part[0] > whole[0]:
                yield Finding(
                    number,
                    ERROR,
                    CODE,
                    f"누적 {shown(whole[0])}{stated['nc']}이(가) 그 일부인 "
                    f"{period.group().strip()}보다 작습니다",
                    (whole[0], part[0]),
                )
