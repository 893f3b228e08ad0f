"""Malformed figures: a period where a thousands comma was meant (1.234.567, 1.500명), commas
grouped wrongly (12,34,567), a Korean amount with one unit written twice (72억 1838억원), or a
table cell that reads as no number at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..findings import INFO, WARNING, Finding
from ..numbers import looks_numeric, to_decimal
from ..tables import Table
from . import Document, check, inline, preceded

CODE = "malformed-number"
# A figure's first digit, then the look-behind (no digit before it: the two characters ending
# here are not both digits), then the rest. The look-behind keeps a long run of digits from
# being tried again at each of its digits; placed after the first digit, it leaves the
# pattern starting with a digit, which the regular expression engine scans for fast.
_SEPARATED = re.compile(r"\d(?<!\d\d)\d*+(?:[.,]\d++)+")
# Figures with a separator that are plainly well formed, most of those in a page of tables:
# grouped thousands (1,234,567) and decimals that cannot be dotted thousands (12.5, 1234.5).
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.(?:\d{1,2}|\d{4,})|\d{4,}\.\d+")
_SMALL_LIST = re.compile(r"\d{1,2}(?:,\d{1,2})+")
_MONEY_OR_COUNT = re.compile(r"[ \t]*(?:천원|백만원|억원|만원|원|명|건)")
_COUNTER_AFTER = re.compile(r"[ \t]*(명|건|개소|개|회|가구|대|원)(?![가-힣])")
_PERCENT_AFTER = re.compile(r"[ \t]*%")
_EOK_AFTER = re.compile(r"[ \t]*(억)")
_GROUPED_BEFORE = re.compile(r"\d{1,3}(?:,\d{3})+[ \t]*[→⇒➝~∼][ \t]*$")
# Two terms of one amount: `72억 1838억원`. A larger unit cannot follow a smaller or equal one.
_AMOUNT_UNITS = inline(
    r"(?<![\d,.])(?P<first>\d[\d,]*(?:\.\d+)?)\s?(?P<a>조|억|만)\s?"
    # The second term may count in 천 inside it: 56만4천만원 is 만 twice.
    r"(?P<second>(?:\d[\d,]*[천백십]\s?)+\d*|\d[\d,]*(?:\.\d+)?)\s?(?P<b>조|억|만)"
)
_RANK = {"만": 1, "억": 2, "조": 3}
_LARGER_BEFORE = re.compile(r"[조억](?:\d[\d,]*[천백십]?)*$")
_ABOVE = {"만": "억", "억": "조"}
_AMOUNT_REACH = 40  # characters an amount's terms span at most (3천553억9천56만4천만)


@check(CODE)
def malformed(document: Document) -> Iterator[Finding]:
    yield from _repeated_units(document)
    in_tables: set[int] = set()
    for table in document.tables:
        yield from _cells(document, table)
        in_tables.update(range(table.first_line, table.last_line + 1))
    text = document.text
    # One scan for every figure with a separator in it; the forms are told apart here.
    for match in _SEPARATED.finditer(text):
        token = match[0]
        if _WELL_FORMED.fullmatch(token) or preceded(text, match, ".,'"):
            continue
        if "," in token and "." in token:
            continue
        separator = "." if "." in token else ","
        groups = token.split(separator)
        after = match.end()
        if separator == ".":
            if len(groups) > 2 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
                yield _dotted(document.line_at(match.start()).number, token)
            elif len(groups) == 2 and len(groups[0]) <= 3 and len(groups[1]) == 3:
                counted = _COUNTER_AFTER.match(text, after) or _EOK_AFTER.match(text, after)
                # 원 and counted things (명, 건) have no fractions: 1.500명 means 1,500명; nor
                # does prose count 억 to a thousandth: 1.420억 원 means 1,420억 원.
                if counted:
                    yield _dotted(document.line_at(match.start()).number, token + counted[1])
                elif _GROUPED_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                    # 3,818→3.565: a change from a grouped figure to one dotted the same way.
                    yield _dotted(document.line_at(match.start()).number, token)
            continue
        short = len(groups) == 2 and len(groups[0]) <= 3 and len(groups[1]) <= 2
        if short and _PERCENT_AFTER.match(text, after):
            meant = f"{groups[0]}.{groups[1]}"
            yield Finding(
                document.line_at(match.start()).number,
                WARNING,
                CODE,
                f"'{token}%'에 소수점 대신 쉼표를 쓴 것으로 보입니다 ({meant}%?)",
                (Decimal(meant),),
            )
            continue
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            continue
        line = document.line_at(match.start())
        if line.number in in_tables or _SMALL_LIST.fullmatch(token):
            continue  # lists of small numbers: 1,2,3호선, 3,4월
        if not _MONEY_OR_COUNT.match(text, after):
            continue
        yield Finding(
            line.number,
            WARNING,
            CODE,
            f"'{token}'의 쉼표 자리가 맞지 않습니다 (세 자리마다 쉼표)",
            (),
        )


def _repeated_units(document: Document) -> Iterator[Finding]:
    """`72억 1838억원`: the larger unit first, each once (72조 1838억원), or the amount is no
    amount — read literally it is 1,910억, smaller than what the sentence says it grew from."""
    for _, line in document.lines_with(re.compile("[조억만]")):
        for match in _overlapping(_AMOUNT_UNITS, line.text):
            first, second = match["a"], match["b"]
            if _RANK[second] < _RANK[first]:
                continue
            if first == second:
                # 조 has no larger unit to suggest in its place; after a larger unit
                # (…억9천56만4천만원) the first is right and the second is one too many.
                above = _ABOVE.get(first)
                # Within the amount, just before it: a scan from the line's start would make a
                # line of many amounts quadratic.
                before = max(0, match.start() - _AMOUNT_REACH)
                if _LARGER_BEFORE.search(line.text, before, match.start()):
                    meant = f" ({match['first']}{first}{match['second']}?)"
                elif above:
                    meant = f" ({match['first']}{above} {match['second']}{second}?)"
                else:
                    meant = ""
                reason = f"{first} 단위가 두 번 쓰였습니다{meant}"
            else:
                reason = f"큰 단위 {second}이 작은 단위 {first} 뒤에 쓰였습니다"
            yield Finding(
                line.number,
                WARNING,
                CODE,
                f"'{match.group()}'에 {reason}",
                (),
            )


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that may share a term: in 3천553억9천56만4천만원 the terms 553억9천56만 (well
    formed) and 56만4천만 (만 twice) overlap."""
    match = pattern.search(text)
    while match:
        yield match
        match = pattern.search(text, match.start("second"))


def _dotted(line: int, token: str) -> Finding:
    digits = re.sub(r"\D", "", token.split("명")[0])
    return Finding(
        line,
        WARNING,
        CODE,
        f"'{token}'에 천 단위 쉼표 대신 마침표를 쓴 것으로 보입니다 ({int(digits):,}?)",
        (Decimal(digits),),
    )


def _cells(document: Document, table: Table) -> Iterator[Finding]:
    for j in range(len(table.columns)):
        if table.kind(j) not in ("amount", "count"):
            continue
        cells = [r.cells[j] for r in table.rows if j < len(r.cells)]
        for cell in cells:
            raw = cell.raw.strip()
            if cell.number is None and looks_numeric(raw):
                groups = raw.lstrip("△▲▽-−– ").split(",")
                run = ("," in raw and any(len(g) > 3 for g in groups[1:])) or raw.count(".") > 1
                if run or ("," not in raw and "." not in raw and len(raw) >= 8):
                    yield Finding(
                        cell.line, INFO, CODE, f"'{raw}'는 숫자가 붙어 있어 나눌 수 없습니다", ()
                    )
                    continue
                value = to_decimal(raw.replace(",", ""))
                yield Finding(
                    cell.line,
                    WARNING,
                    CODE,
                    f"'{raw}'의 쉼표·마침표 자리가 맞지 않습니다",
                    (value,) if value is not None else (),
                )
            elif cell.number and cell.number.dotted:
                yield _dotted(cell.line, raw)
