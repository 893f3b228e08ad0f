"""Changes and shares stated in prose, the way press releases and news print them.

- a rate with the change it describes: `242%(12→441건)`, `2.7% 감소(222→216)`;
- a change with its rate after a current figure: `807명으로 전년대비 52명(6.4%) 감소` — the
  earlier figure is 807 + 52, and 52 of it is 6.1 %;
- figures with their shares in one paragraph: `벌집제거가 70,346회(22.2%) … 시건개방
  26,881회(5%)` — each share implies the whole it is a part of, and one of them implying a
  whole the others do not is the one misprinted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sijeong.core.formatting import format_korean_amount, round_half_up

from ..findings import INFO, WARNING, Finding, mismatch_severity, shown
from ..numbers import PROSE_FIGURE, RATE_IN_BRACKETS, half_unit, to_decimal
from ..numbers import prose_figure as _figure
from . import Document, check, inline

CODE = "rate-mismatch"
_FIGURE = PROSE_FIGURE
_ARROW = inline(
    rf"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?P<dir>증가|감소|상승|하락|늘|줄)?[^()\d\n]{{0,4}}\(\s*"
    rf"(?:[가-힣'’]{{0,6}}\s*)?(?P<a>{_FIGURE})\s*[가-힣]{{0,2}}\s*[→⇒➝]\s*"
    rf"(?:[가-힣'’]{{0,6}}\s*)?(?P<b>{_FIGURE})\s*[가-힣]{{0,2}}\s*\)"
)
_CHANGE = inline(
    rf"(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*\(\s*(?P<rate>\d+(?:\.\d+)?)\s*%\s*\)"
    r"(?:\s*(?:이|가|이나|나)?\s*(?P<dir>증가|감소|증액|감액|늘|줄|상승|하락|많|적)|(?=\s*,))"
)
# The rate first, the change in brackets: `4.7%(1028억원) 늘었으며`.
_RATE_FIRST = inline(
    rf"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*\(\s*(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})"
    r"\s*\)\s*(?:이|가|이나|나)?\s*(?P<dir>증가|감소|증액|감액|늘|줄|상승|하락|많|적)"
)
# The two with a comma: `1147억원, 2.8%가 증가한 것`.
_COMMA = inline(
    rf"(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*,\s*(?P<rate>\d+(?:\.\d+)?)\s*%\s*"
    r"(?:이|가|나)?\s*(?P<dir>증가|감소|증액|감액|늘|줄|상승|하락)"
)
# What a change makes of its figure, said just before it: `2조6188억원으로 1690억원(6.9%)`.
_BECOMES = re.compile(rf"(?P<now>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)\s*으?로\s*,?\s*$")
# The current figure right after the change: `31억원(1.1%) 증액된 452억원`.
_AFTER = re.compile(rf"[가-힣]{{0,3}}\s*(?P<now>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})")
# A multiple: `3억5,500만원 (117건)에 비해 … 14.45배`.
_TIMES = inline(r"(?<![\d.,])(?P<times>\d+(?:\.\d+)?)\s*배")
_COUNTED = re.compile(rf"(?P<figure>{_FIGURE})\s*(?P<counter>원|명|건|개|회|곳|가구|대|톤|ha)")
_SINCE = re.compile(r"전년|지난해|작년|전년도|대비|보다|견줘|비해|전기|전월|전분기")
_COMPARED = ("보다", "대비", "견줘", "비해")
_SHARE = inline(
    rf"(?P<part>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})\s*\(\s*(?P<rate>\d{{1,2}}(?:\.\d+)?)\s*%\s*\)"
)
# A rate beside a bracket or before a change's verb: what any of the three orders needs.
_STATED = re.compile(r"%[ \t]*(?:\)|\(|[이가]?[ \t]*(?:증|감|늘|줄|상|하))")
_DOWN = ("감소", "감액", "하락", "줄", "적")
_TIMES_WORD = re.compile("배")  # found in one fast scan: the lines a multiple may be on


@check("changes")
def changes(document: Document) -> Iterator[Finding]:
    statements: list[_Statement] = []
    for line in document.lines:
        text = line.text
        if "%" not in text:
            continue
        if "→" in text or "⇒" in text or "➝" in text:
            yield from _arrows(line.number, text)
        if _STATED.search(text):  # what a change or a share with its rate needs
            stated = list(_statements(line.number, text))
            yield from _changes(stated)
            statements += stated
        if RATE_IN_BRACKETS.search(text):
            yield from _shares(line.number, text)
    yield from _partitions(statements)
    for _, line in document.lines_with(_TIMES_WORD):
        if _TIMES.search(line.text):
            yield from _multiples(line.number, line.text)


def _amount(value: Decimal) -> str:
    """A figure as prose prints it: 2조 2600억 rather than 2,260,000,000,000."""
    return format_korean_amount(value) if value >= 100_000_000 else shown(value)


def _places(rate: str) -> int:
    return len(rate.split(".")[1]) if "." in rate else 0


def _arrows(number: int, text: str) -> Iterator[Finding]:
    for match in _ARROW.finditer(text):
        a, b = _figure(match["a"]), _figure(match["b"])
        stated = to_decimal(match["rate"])
        if a is None or b is None or stated is None or not a or "." in match["b"] + match["a"]:
            continue  # a figure with a period may be a misprinted comma (3,818→3.565)
        computed = abs(b - a) * 100 / a
        yield from _compare(
            number,
            stated,
            computed,
            _places(match["rate"]),
            f"({shown(b)} − {shown(a)}) ÷ {shown(a)}",
        )


@dataclass(frozen=True)
class _Statement:
    """One change a sentence states: `2조6188억원으로 1690억원(6.9%)이 늘었다`. `now` is the
    figure after the change when the sentence prints it, `earlier` the one compared with."""

    line: int
    counter: str
    change: Decimal
    change_text: str
    rate: Decimal
    rate_text: str
    down: bool
    now: Decimal | None
    now_text: str
    compared: bool

    @property
    def earlier(self) -> Decimal | None:
        if self.now is None:
            return None
        if self.compared:
            return self.now
        return self.now + self.change if self.down else self.now - self.change

    @property
    def after(self) -> Decimal | None:
        """The figure after the change, printed or derived from the one compared with."""
        if self.now is None or not self.compared:
            return self.now
        return self.now - self.change if self.down else self.now + self.change


def _statements(number: int, text: str) -> Iterator[_Statement]:
    """The changes a line states, in the three orders prose prints them."""
    found = [(m, m["rate"]) for m in _CHANGE.finditer(text)]
    found += [(m, m["rate"]) for m in _RATE_FIRST.finditer(text)]
    found += [(m, m["rate"]) for m in _COMMA.finditer(text)]
    found.sort(key=lambda item: item[0].start())
    for index, (match, rate_text) in enumerate(found):
        # `2조6188억원으로 1690억원(6.9%), 특별회계는 … 1212억원(19.3%)이 늘었다`: a change
        # listed before the verb takes the verb of the next one.
        direction = match["dir"] or next(
            (m["dir"] for m, _ in found[index + 1 :] if m["dir"]), None
        )
        if direction is None:
            continue
        counter = match["counter"]
        change, stated = _figure(match["change"]), to_decimal(rate_text)
        if change is None or stated is None:
            continue
        current_text, compared = _current(text, match, counter)
        now = _figure(current_text) if current_text else None
        yield _Statement(
            number,
            counter,
            change,
            match["change"],
            stated,
            rate_text,
            direction.startswith(_DOWN),
            now,
            current_text or "",
            compared,
        )


def _current(text: str, match: re.Match[str], counter: str) -> tuple[str | None, bool]:
    """The figure a change is of, and whether it is the earlier one (compared with)."""
    if match.re is _CHANGE:
        after = _AFTER.match(text, match.end())
        if after and after["counter"] == counter:
            return after["now"], False  # 증액된 452억원: the figure after the change
    sentence = re.split(r"[.。]\s|다\.", text[: match.start()])[-1]
    becomes = _BECOMES.search(sentence)
    if becomes and becomes["counter"] == counter:
        return becomes["now"], False  # 2조6188억원으로 1690억원(6.9%)
    since = list(_SINCE.finditer(sentence))
    if not since:
        return None, False
    current = None
    counted = re.compile(rf"({_FIGURE})\s*{re.escape(counter)}")
    for found in counted.finditer(sentence, 0, since[-1].start()):
        current = found
    if current is None:
        return None, False
    between = sentence[current.end() : since[-1].start()]
    # 2조2600억원 보다 …, 예산(109조 1830억 원) 대비 …: the figure compared with.
    return current[1], not between.strip(" )에") and since[-1][0] in _COMPARED


def _changes(statements: list[_Statement]) -> Iterator[Finding]:
    for statement in statements:
        earlier = statement.earlier
        if earlier is None or earlier <= 0:
            continue
        change, now = statement.change, statement.now
        assert now is not None
        if statement.compared:
            base = _amount(now)  # 87만5천788건보다 13만411건(14.9%) 증가
        else:
            base = f"({_amount(now)} {'+' if statement.down else '−'} {_amount(change)})"
        # Amounts printed in 억 were rounded to it: the rate of any amounts that round to
        # the printed ones is what the writer may have divided.
        half_change = half_unit(statement.change_text)
        half_earlier = half_unit(statement.now_text) + (0 if statement.compared else half_change)
        low = (change - half_change) * 100 / (earlier + half_earlier)
        high = (change + half_change) * 100 / max(earlier - half_earlier, Decimal("1e-9"))
        yield from _compare(
            statement.line,
            statement.rate,
            change * 100 / earlier,
            _places(statement.rate_text),
            f"{_amount(change)} ÷ {base}",
            (low, high),
        )


def _slack(text: str) -> Decimal:
    """How far a printed figure may be from what it stands for: half its last place when
    prose rounded it (604억, 6.1), nothing for a count printed whole (52명)."""
    if re.search(r"[조억만천.]", text):
        return half_unit(text)
    return Decimal(0)


def _partitions(statements: list[_Statement]) -> Iterator[Finding]:
    """A whole's change stated with its parts' (`예산규모는 2904억원(9.4%) 증가 … 일반회계는
    1690억원(6.9%), 특별회계는 1212억원(19.3%)`): where the parts' figures after the change add
    up to the whole's, their changes must too, and the other way round; a whole whose figure
    is not printed is the sum of its parts', and its rate is checked against it."""
    for index, whole in enumerate(statements):
        parts = [
            s
            for s in statements[index + 1 :]
            if s.line - whole.line <= 1
            and s.counter == whole.counter
            and s.down == whole.down
            and s.change < whole.change
        ]
        if len(parts) < 2:
            continue
        slack = _slack(whole.change_text) + sum(_slack(p.change_text) for p in parts)
        changes = sum(p.change for p in parts)
        changes_hold = abs(changes - whole.change) <= slack
        afters = [p.after for p in parts]
        if any(a is None for a in afters):
            continue
        after = sum(a for a in afters if a is not None)
        after_slack = sum(
            _slack(p.now_text) + (_slack(p.change_text) if p.compared else 0) for p in parts
        )
        if whole.after is None:
            if changes_hold:
                yield from _rate_of_whole(whole, after, after_slack)
            continue
        whole_slack = _slack(whole.now_text) + (_slack(whole.change_text) if whole.compared else 0)
        afters_hold = abs(after - whole.after) <= after_slack + whole_slack
        if afters_hold and not changes_hold:
            yield _sum_finding(
                whole.line,
                [p.change for p in parts],
                changes,
                whole.change,
                f"바뀐 뒤 값의 합 {_amount(after)}",
            )
        elif changes_hold and not afters_hold:
            yield _sum_finding(
                whole.line,
                [a for a in afters if a is not None],
                after,
                whole.after,
                f"증감의 합 {_amount(changes)}",
            )


def _sum_finding(
    line: int, parts: list[Decimal], computed: Decimal, stated: Decimal, other: str
) -> Finding:
    return Finding(
        line,
        WARNING,
        "total-mismatch",
        f"{' + '.join(_amount(p) for p in parts)} = {_amount(computed)} (적힌 값 "
        f"{_amount(stated)}) — 같은 부분들의 {other}은 전체와 맞습니다",
        (computed, stated),
    )


def _rate_of_whole(whole: _Statement, after: Decimal, slack: Decimal) -> Iterator[Finding]:
    """A whole's rate against the sum of its parts, when only its change is printed."""
    earlier = after + whole.change if whole.down else after - whole.change
    half = half_unit(whole.change_text)
    if earlier - slack - half <= 0:
        return
    low = (whole.change - half) * 100 / (earlier + slack + half)
    high = (whole.change + half) * 100 / (earlier - slack - half)
    yield from _compare(
        whole.line,
        whole.rate,
        whole.change * 100 / earlier,
        _places(whole.rate_text),
        f"{_amount(whole.change)} ÷ ({_amount(after)} {'+' if whole.down else '−'} "
        f"{_amount(whole.change)}, 부분의 합에서 구한 변경 전 값)",
        (low, high),
    )


def _multiples(number: int, text: str) -> Iterator[Finding]:
    """A multiple (`14.45배`) that no two figures of one counter in its sentence give at its
    printed precision, while two of them nearly do (within 5 %): the misprinted one."""
    for sentence in re.split(r"(?<=다)\.\s*|\.\s+(?=[^\d])", text):
        figures: dict[str, list[Decimal]] = {}
        for found in _COUNTED.finditer(sentence):
            value = _figure(found["figure"])
            if value:
                figures.setdefault(found["counter"], []).append(value)
        for match in _TIMES.finditer(sentence):
            stated = to_decimal(match["times"])
            if stated is None or stated < 1:
                continue
            places = _places(match["times"])
            pairs = [
                (a, b) for values in figures.values() for a in values for b in values if b and a > b
            ]
            ratios = [(a / b, a, b) for a, b in pairs] + [((a - b) / b, a, b) for a, b in pairs]
            if not ratios or any(round_half_up(r, places) == stated for r, _, _ in ratios):
                continue
            ratio, a, b = min(ratios, key=lambda item: abs(item[0] - stated))
            if abs(ratio - stated) > stated / 20:
                continue
            rounded = round_half_up(ratio, places)
            yield Finding(
                number,
                WARNING,
                CODE,
                f"{_amount(a)} ÷ {_amount(b)} = {shown(rounded, places)}배 (적힌 값 "
                f"{shown(stated, places)}배)",
                (a, b, rounded, stated),
            )


def _shares(number: int, text: str) -> Iterator[Finding]:
    """Shares in one line of one counter, each implying a whole: a share rounds from any
    whole in an interval, and the whole most of them allow is the line's. One whose interval
    misses it is reported against it."""
    by_counter: dict[str, list[tuple[Decimal, Decimal, str]]] = {}
    for match in _SHARE.finditer(text):
        part, rate = _figure(match["part"]), to_decimal(match["rate"])
        if part is None or rate is None or not rate or part < 100:
            continue
        by_counter.setdefault(match["counter"], []).append((part, rate, match["rate"]))
    for items in by_counter.values():
        if len(items) < 4:
            continue
        intervals = [_wholes(part, rate, printed) for part, rate, printed in items]
        whole, covered = _most_allowed(intervals)
        if covered < max(3, len(items) - 1) or covered == len(items):
            continue
        for (part, rate, printed), (low, high) in zip(items, intervals, strict=True):
            if low <= whole <= high:
                continue
            computed = part * 100 / whole
            yield Finding(
                number,
                WARNING,
                CODE,
                f"{shown(part)} ÷ 약 {shown(round_half_up(whole, 0))} = "
                f"{shown(computed, max(_places(printed), 1))}% (적힌 값 {printed}%) — 같은 줄의 "
                f"다른 {covered}개 비율이 가리키는 전체로 나눈 값입니다",
                (part, whole, round_half_up(computed, _places(printed)), rate),
            )


def _wholes(part: Decimal, rate: Decimal, printed: str) -> tuple[Decimal, Decimal]:
    """The wholes of which `part` is `rate` % once rounded to the rate's printed places."""
    half = Decimal(1).scaleb(-_places(printed)) / 2
    return part * 100 / (rate + half), part * 100 / max(rate - half, half / 10)


def _most_allowed(intervals: list[tuple[Decimal, Decimal]]) -> tuple[Decimal, int]:
    """A whole inside the most intervals, and how many: swept from their ends."""
    events = sorted([(low, 0) for low, _ in intervals] + [(high, 1) for _, high in intervals])
    best, count, at = 0, 0, Decimal(0)
    for value, closing in events:
        count += -1 if closing else 1
        if count > best:
            best, at = count, value
    return at, best


def _compare(
    number: int,
    stated: Decimal,
    computed: Decimal,
    places: int,
    sum_text: str,
    possible: tuple[Decimal, Decimal] | None = None,
) -> Iterator[Finding]:
    if possible is not None:
        half = Decimal(1).scaleb(-places) / 2
        if possible[0] - half <= stated <= possible[1] + half:
            return
    rounded = round_half_up(computed, places)
    severity = mismatch_severity(stated, rounded, places)
    if severity is None:
        return
    if severity != INFO:
        severity = WARNING
    note = " — 끝자리 반올림 차이로 보입니다" if severity == INFO else ""
    yield Finding(
        number,
        severity,
        CODE,
        f"{sum_text} = {shown(computed, places)}% (적힌 값 {shown(stated, places)}%){note}",
        (computed, rounded, stated),
    )
