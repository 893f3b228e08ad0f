"""Shares stated in prose: a part and its percentage of a whole the line implies.

- figures with their shares in one paragraph: `벌집제거가 70,346회(22.2%) … 시건개방
  26,881회(5%)` — each share implies the whole it is a part of, and one of them implying a
  whole the others do not is the one misprinted;
- shares of a whole printed before them: `4055억원 … 전체예산 중 28%(932억원)`;
- shares that add up to 100: `경상지출이 53%인 3천8백87억원이며, 투자비는 47%인 3천1억원`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from sijeong.core.formatting import round_half_up

from ..findings import WARNING, Finding, shown
from ..numbers import PROSE_FIGURE, RATE_IN_BRACKETS, to_decimal
from ..numbers import prose_amount as _amount
from ..numbers import prose_figure as _figure
from . import Document, check, inline
from .changes import COUNTED, COUNTERS, places_of, printed_slack, same_counter

CODE = "rate-mismatch"
_FIGURE = PROSE_FIGURE
_SHARE = inline(
    rf"(?P<part>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*\(\s*(?P<rate>\d{{1,2}}(?:\.\d+)?)\s*%\s*\)"
)
# A share of a whole named before it: `전체예산 중 28%(932억원)`, and the shares after it.
_SHARE_OF_WHOLE = inline(
    rf"중\s*(?P<rate>\d{{1,2}}(?:\.\d+)?)\s*%\s*\(\s*(?P<part>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*\)"
)
_RATE_OF_PART = inline(
    rf"(?<![\d.,])(?P<rate>\d{{1,2}}(?:\.\d+)?)\s*%\s*\(\s*(?P<part>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*\)"
)
_VERB = re.compile(r"\s*(?:이|가)?\s*(?:증|감|늘|줄|상승|하락)")
# A share and the figure it is: `53%인 3천8백87억원` (a line may break before the figure).
_IS_SHARE = re.compile(r"%[ \t]*인")
_SHARE_IS = inline(
    rf"(?<![\d.,])(?P<rate>\d{{1,3}}(?:\.\d+)?)\s*%\s*인\s*(?P<part>{_FIGURE})\s*(?P<counter>{COUNTERS})"
)


@check("shares")
def shares(document: Document) -> Iterator[Finding]:
    for _, line in document.lines_with(_PERCENT):
        text = line.text
        if RATE_IN_BRACKETS.search(text):
            yield from _shares(line.number, text)
        if "중" in text:
            yield from _shares_of_whole(line.number, text)
    yield from _complementary(document)


_PERCENT = re.compile("%")


def _shares(number: int, text: str) -> Iterator[Finding]:
    """Shares in one line of one counter, each implying a whole: a share rounds from any
    whole in an interval, and the whole most of them allow is the line's. One whose interval
    misses it is reported against it."""
    by_counter: dict[str, list[tuple[Decimal, Decimal, str, Decimal]]] = {}
    for match in _SHARE.finditer(text):
        part, rate = _figure(match["part"]), to_decimal(match["rate"])
        if part is None or rate is None or not rate or part < 100:
            continue
        by_counter.setdefault(match["counter"], []).append(
            (part, rate, match["rate"], printed_slack(match["part"]))
        )
    for items in by_counter.values():
        if len(items) < 4:
            continue
        intervals = [_wholes(part, rate, printed, slack) for part, rate, printed, slack in items]
        whole, covered = _most_allowed(intervals)
        if covered < max(3, len(items) - 1) or covered == len(items):
            continue
        for (part, rate, printed, _), (low, high) in zip(items, intervals, strict=True):
            if low <= whole <= high:
                continue
            computed = part * 100 / whole
            yield Finding(
                number,
                WARNING,
                CODE,
                f"{shown(part)} ÷ 약 {shown(round_half_up(whole, 0))} = "
                f"{shown(computed, max(places_of(printed), 1))}% (적힌 값 {printed}%) — 같은 줄의 "
                f"다른 {covered}개 비율이 가리키는 전체로 나눈 값입니다",
                (part, whole, round_half_up(computed, places_of(printed)), rate),
            )


def _shares_of_whole(number: int, text: str) -> Iterator[Finding]:
    """`4055억원(…)으로 … 전체예산 중 28%(932억원)를 농림분야에, 13%(527억원)는 …`: shares of
    the line's largest figure, printed before them, which one of them confirms."""
    first = _SHARE_OF_WHOLE.search(text)
    if first is None:
        return
    items = [
        m for m in _RATE_OF_PART.finditer(text, first.start()) if not _VERB.match(text, m.end())
    ]
    counter = first["counter"]
    items = [m for m in items if same_counter(m["counter"], counter)]
    figures = [
        (value, found["figure"])
        for found in COUNTED.finditer(text, 0, first.start())
        if same_counter(found["counter"], counter)
        and (value := _figure(found["figure"])) is not None
    ]
    if len(items) < 2 or not figures:
        return
    whole, whole_text = max(figures)
    agree: list[tuple[re.Match[str], Decimal, Decimal]] = []
    disagree: list[tuple[re.Match[str], Decimal, Decimal]] = []
    for match in items:
        part, rate = _figure(match["part"]), to_decimal(match["rate"])
        if part is None or rate is None or not rate or part >= whole:
            return
        half_part, half_rate = (
            printed_slack(match["part"]),
            Decimal(1).scaleb(-places_of(match["rate"])) / 2,
        )
        low = (part - half_part) * 100 / (whole + printed_slack(whole_text)) - half_rate
        high = (part + half_part) * 100 / (whole - printed_slack(whole_text)) + half_rate
        (agree if low <= rate <= high else disagree).append((match, part, rate))
    if not agree:
        return
    for match, part, rate in disagree:
        places = places_of(match["rate"])
        computed = part * 100 / whole
        yield Finding(
            number,
            WARNING,
            CODE,
            f"{_amount(part)} ÷ {_amount(whole)} = {shown(computed, max(places, 1))}% (적힌 값 "
            f"{match['rate']}%) — 같은 줄의 다른 비율은 이 전체와 맞습니다",
            (part, whole, round_half_up(computed, places), rate),
        )


def _complementary(document: Document) -> Iterator[Finding]:
    """Shares that add up to 100 name all the parts of their whole, which is then the sum of
    the parts: `경상지출이 53%인 3천8백87억원이며, 투자비는 47%인 3천1억원` — 3887 of 6888 is
    56.4 %. A line may break between a share and its figure, as news wraps its text."""
    lines = document.lines
    for index, line in document.lines_with(_IS_SHARE):
        if index and _IS_SHARE.search(lines[index - 1].text):
            continue  # read with the line before
        joined, ends = line.text, [len(line.text)]
        for following in lines[index + 1 : index + 3]:
            joined += " " + following.text
            ends.append(len(joined))
        items = list(_SHARE_IS.finditer(joined))
        if len(items) < 2 or len({m["counter"][:1] for m in items}) != 1:
            continue
        rates = [to_decimal(m["rate"]) for m in items]
        parts = [_figure(m["part"]) for m in items]
        if any(r is None for r in rates) or any(p is None or p <= 0 for p in parts):
            continue
        places = max(places_of(m["rate"]) for m in items)
        half = Decimal(1).scaleb(-places) / 2
        if abs(sum((r for r in rates if r is not None), Decimal(0)) - 100) > half * len(items):
            continue
        whole = sum((p for p in parts if p is not None), Decimal(0))
        for match, rate, part in zip(items, rates, parts, strict=True):
            assert rate is not None and part is not None
            slack = printed_slack(match["part"])
            low = (part - slack) * 100 / whole - half
            high = (part + slack) * 100 / whole + half
            if low <= rate <= high:
                continue
            at = lines[index + next(k for k, end in enumerate(ends) if match.start() < end)]
            computed = part * 100 / whole
            yield Finding(
                at.number,
                WARNING,
                CODE,
                f"{_amount(part)} ÷ {_amount(whole)} = {shown(computed, max(places, 1))}% (적힌 값 "
                f"{match['rate']}%) — 비율의 합이 100%이므로 전체는 나열된 부분의 합입니다",
                (part, whole, round_half_up(computed, places), rate),
            )


def _wholes(
    part: Decimal, rate: Decimal, printed: str, slack: Decimal = Decimal(0)
) -> tuple[Decimal, Decimal]:
    """The wholes of which `part` (printed rounded within `slack`, as 955억 is) is `rate` %
    once rounded to the rate's printed places."""
    half = Decimal(1).scaleb(-places_of(printed)) / 2
    return (part - slack) * 100 / (rate + half), (part + slack) * 100 / max(rate - half, half / 10)


def _most_allowed(intervals: list[tuple[Decimal, Decimal]]) -> tuple[Decimal, int]:
    """A whole inside the most intervals, and how many: swept from their ends."""
    events = sorted([(low, 0) for low, _ in intervals] + [(high, 1) for _, high in intervals])
    best, count, at = 0, 0, Decimal(0)
    for value, closing in events:
        count += -1 if closing else 1
        if count > best:
            best, at = count, value
    return at, best
