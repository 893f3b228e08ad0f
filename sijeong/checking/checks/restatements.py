"""The same quantity stated twice in one document, two ways (restatement-mismatch).

- the 보고순서 (or 목차) and the headings it announces: `Ⅱ. 주요업무 추진실적` listed, `Ⅱ. 주요
  현안` printed;
- one change stated twice with the same rate and two amounts — a headline and its body:
  `1732억원(12.1%) 늘어` over `2732억원(12.1%) 늘어난`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from sijeong.core.formatting import format_korean_amount

from ..findings import WARNING, Finding
from ..numbers import PROSE_FIGURE, RATE_IN_BRACKETS, prose_figure
from . import Document, check, inline
from .common import stated_near

CODE = "restatement-mismatch"
_CONTENTS = re.compile(r"^\s*(?:보\s*고\s*순\s*서|목\s*차|순\s*서)\s*$")
_NUMERAL = re.compile(
    r"^\s*(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|Ⅷ|Ⅸ|Ⅹ)\.?\s*(?P<title>\S.*?)\s*(?:[·.…\s]{3,}\s*\d+)?\s*$"
)
_CHANGED = inline(
    rf"(?P<amount>{PROSE_FIGURE})"
    r"\s*(?P<unit>원|명|건)\s*\(\s*(?P<rate>\d+\.\d+)\s*%\s*\)\s*(?:이|가)?\s*"
    r"(?P<dir>늘|증가|증액|줄|감소|감액)"
)


@check(CODE)
def restatements(document: Document) -> Iterator[Finding]:
    yield from _contents(document)
    yield from _changes(document)


def _squeezed(title: str) -> str:
    return re.sub(r"[\s·ㆍ.,()\[\]「」'\"]", "", title)


def _contents(document: Document) -> Iterator[Finding]:
    """Headings against the 보고순서 that lists them, numeral by numeral."""
    lines = document.lines
    start = next((i for i, line in enumerate(lines) if _CONTENTS.match(line.text)), None)
    if start is None:
        return
    listed: dict[str, str] = {}
    end = start + 1
    while end < len(lines):
        match = _NUMERAL.match(lines[end].text)
        if (match is None and lines[end].text.strip()) or (match and match["n"] in listed):
            break  # the list ends at its first other line, or where its numbers start again
        if match:
            listed[match["n"]] = match["title"]
        end += 1
    for line in lines[end:]:
        match = _NUMERAL.match(line.text)
        if not match or match["n"] not in listed:
            continue
        announced = listed.pop(match["n"])
        if _squeezed(announced) != _squeezed(match["title"]):
            yield Finding(
                line.number,
                WARNING,
                CODE,
                f"보고순서에는 「{match['n']}. {announced}」, 본문 제목은 "
                f"「{match['n']}. {match['title']}」입니다",
            )


def _changes(document: Document) -> Iterator[Finding]:
    """One rate of change stated with two amounts: the one whose base (amount ÷ rate) the
    document states is right, the other is reported — a headline restated by its body."""
    seen: dict[tuple[str, str, bool], list[tuple[int, Decimal, str]]] = {}
    for _, line in document.lines_with(RATE_IN_BRACKETS):
        for match in _CHANGED.finditer(line.text):
            amount = prose_figure(match["amount"])
            if amount is None:
                continue
            up = match["dir"].startswith(("늘", "증"))
            key = (match["rate"], match["unit"], up)
            seen.setdefault(key, []).append((line.number, amount, match["amount"]))
    for (rate, unit, _), stated in seen.items():
        amounts = {amount for _, amount, _ in stated}
        if len(amounts) != 2:
            continue
        # The right one is the amount whose base (amount ÷ rate) the document states too.
        # Within 1 % of it: the base a rounded amount and rate give.
        based = [
            a for a in amounts if stated_near(document, base := a * 100 / Decimal(rate), base / 100)
        ]
        if len(based) != 1:
            continue  # two different quantities that happen to change at one rate
        first = based[0]
        (second,) = amounts - {first}
        for number, amount, printed in stated:
            if amount == second:
                yield Finding(
                    number,
                    WARNING,
                    CODE,
                    f"같은 증감({rate}%)을 {printed}{unit}과 {format_korean_amount(first)}{unit}"
                    "으로 두 번 적었습니다",
                    (second, first),
                )
