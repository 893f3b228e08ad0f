"""Changes and shares stated in prose, the way press releases and news print them.

- a rate with the change it describes: `242%(12→441건)`, `2.7% 감소(222→216)`;
- a change with its rate after a current figure: `807명으로 전년대비 52명(6.4%) 감소` — the
  earlier figure is 807 + 52, and 52 of it is 6.1 %;
- wholes and their parts, one change stated twice, multiples (14.45배).

Shares stated in prose are `shares.py`'s.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sijeong.core.formatting import round_half_up

from ..findings import INFO, WARNING, Finding, mismatch_severity, shown
from ..numbers import PROSE_FIGURE, half_unit, to_decimal
from ..numbers import prose_amount as _amount
from ..numbers import prose_figure as _figure
from . import Document, check, inline
from .common import stated_near

CODE = "rate-mismatch"
_FIGURE = PROSE_FIGURE
_ARROW = inline(
    rf"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?P<dir>증가|감소|상승|하락|늘|줄)?[^()\d\n]{{0,4}}\(\s*"
    rf"(?:[가-힣'’]{{0,6}}\s*)?(?P<a>{_FIGURE})\s*[가-힣]{{0,2}}\s*[→⇒➝]\s*"
    rf"(?:[가-힣'’]{{0,6}}\s*)?(?P<b>{_FIGURE})\s*[가-힣]{{0,2}}\s*\)"
)
_CHANGE = inline(
    rf"(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{0,2}})\s*\(\s*(?P<rate>\d+(?:\.\d+)?)\s*%\s*[↑↓▲▼]?\s*\)"
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
# A rate, its verb, then its change: `8.62% 늘어난 370억5343만7000원이 증액`.
_RATE_VERB = inline(
    rf"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?:가|이)?\s*(?P<dir>증가|감소|증액|감액|늘|줄)[가-힣]{{0,3}}"
    rf"\s+(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)(?=[이가을를]?\s*(?:증|감|늘|줄))"
)
# A change without a rate between its two figures: `2조772억원보다 2천821억원 증가한 2조9893억원`.
_PLAIN = inline(
    rf"(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)[이가을를]?\s*(?P<dir>증가|감소|증액|감액|삭감|늘|줄)"
    r"(?=[가-힣]{0,3}\s*\d)"
)
# A rate alone between its two figures: `2조 2385억원보다 5.5%가 증가된 2조 3674억원`,
# `4조4671억원으로 올해 3조899억원보다 17.2%, 특별회계는 … 0.7% 각각 늘어났다`.
_RATE_ONLY = inline(
    r"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*(?:가|이)?\s*(?:각각\s*)?"
    r"(?:(?P<dir>증가|감소|증액|감액|늘|줄|상승|하락)|(?=\s*,))"
)
# A change alone, in a list of parts: `일반회계는 2628억원, 특별회계는 193억원이 증액됐다` — it
# says nothing by itself, but its whole's change is confirmed when such parts add up to it.
_BARE = inline(
    rf"(?P<change>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)[이가을를]?\s*"
    r"(?:(?P<dir>증가|감소|증액|감액|늘|줄)(?![가-힣]{0,3}\s*\d)|(?=\s*,))"
)
# A rate that is its change: `당초보다 14.4%인 733억 원이 늘어난 1조 2388억 원`.
_RATE_IS = inline(
    rf"(?<![\d.,])(?P<rate>\d+(?:\.\d+)?)\s*%\s*인\s*(?P<change>{_FIGURE})\s*"
    r"(?P<counter>[가-힣]{1,2}?)[이가]?\s*(?P<dir>증가|감소|증액|감액|늘|줄)"
)
_MOST_PARTS = 40  # a whole's parts in one passage: more would be a list, not a breakdown
_FORMS = (_CHANGE, _RATE_FIRST, _COMMA, _RATE_VERB, _RATE_IS, _PLAIN, _RATE_ONLY, _BARE)
# What a change makes of its figure, said just before it: `2조6188억원으로 1690억원(6.9%)`,
# or before the figure compared with: `4669억원으로 당초예산 4299억원보다`.
_BECOMES = re.compile(rf"(?P<now>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)\s*으?로\s*,?\s*$")
_BECOMES_BEFORE = re.compile(
    rf"(?P<now>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}}?)\s*으?로\s*,?\s*[가-힣 ]{{0,12}}$"
)
_SENTENCE_END = re.compile(r"[.。]\s|다\.")
# The current figure right after the change: `31억원(1.1%) 증액된 452억원`.
_AFTER = re.compile(rf"[가-힣]{{0,3}}\s*(?P<now>{_FIGURE})\s*(?P<counter>[가-힣]{{1,2}})")
# A multiple: `3억5,500만원 (117건)에 비해 … 14.45배`.
_TIMES = inline(r"(?<![\d.,])(?P<times>\d+(?:\.\d+)?)\s*배")
COUNTERS = "원|명|건|개|회|곳|가구|대|톤|ha"
COUNTED = re.compile(rf"(?P<figure>{_FIGURE})\s*(?P<counter>{COUNTERS})")
_SINCE = re.compile(r"전년|지난해|작년|전년도|대비|보다|견줘|비해|에서|중|전기|전월|전분기")
_COMPARED = ("보다", "대비", "견줘", "비해", "에서", "중")
# A rate beside a bracket or before a change's verb: what any of the three orders needs.
_STATED = re.compile(r"%[ \t]*(?:\)|\(|인|[이가]?[ \t]*(?:증|감|늘|줄|상|하))")
# A change's verb before a figure: a line a change without a rate may be on.
_UNRATED = re.compile(r"(?:증가|증액|늘어|감소|감액|삭감|줄어)[한된난든][ \t]*\d")
_DOWN = ("감소", "감액", "삭감", "하락", "줄", "적")
_TIMES_WORD = re.compile("배")  # found in one fast scan: the lines a multiple may be on


@check("changes")
def changes(document: Document) -> Iterator[Finding]:
    statements: list[_Statement] = []
    for line in document.lines:
        text = line.text
        if "%" not in text:
            if _UNRATED.search(text):  # 2천821억원 증가한 2조9893억원
                statements += _statements(line.number, text)
            continue
        if "→" in text or "⇒" in text or "➝" in text:
            yield from _arrows(line.number, text)
        if _STATED.search(text) or _UNRATED.search(text):
            statements += _statements(line.number, text)
    confirmed: set[int] = set()
    yield from _partitions(statements, confirmed)
    yield from _changes(statements, confirmed)
    yield from _restated(statements, document)
    for _, line in document.lines_with(_TIMES_WORD):
        if _TIMES.search(line.text):
            yield from _multiples(line.number, line.text)


def places_of(rate: str) -> int:
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
            places_of(match["rate"]),
            f"({shown(b)} − {shown(a)}) ÷ {shown(a)}",
        )


@dataclass(frozen=True)
class _Statement:
    """One change a sentence states: `2조6188억원으로 1690억원(6.9%)이 늘었다`, `507억원 대비
    200억원(3.95%) 늘어난 527억원`, `2조772억원보다 2천821억원 증가한 2조9893억원`. `earlier` is
    the figure compared with, `after` the one the change makes, each when the sentence
    prints it; the rate is absent in the last form."""

    line: int
    counter: str
    change: Decimal
    change_text: str
    rate: Decimal | None
    rate_text: str
    down: bool
    earlier: Decimal | None = None
    earlier_text: str = ""
    after: Decimal | None = None
    after_text: str = ""

    def signed(self) -> Decimal:
        return -self.change if self.down else self.change

    def base(self) -> Decimal | None:
        """The figure before the change, printed or derived from the one after it."""
        if self.earlier is not None:
            return self.earlier
        return None if self.after is None else self.after - self.signed()

    def result(self) -> Decimal | None:
        """The figure after the change, printed or derived from the one before it."""
        if self.after is not None:
            return self.after
        return None if self.earlier is None else self.earlier + self.signed()

    def change_slack(self) -> Decimal:
        """A change printed rounds like any figure; one derived from its two figures carries
        both their roundings."""
        if self.change_text:
            return printed_slack(self.change_text)
        return printed_slack(self.earlier_text) + printed_slack(self.after_text)

    def base_slack(self) -> Decimal:
        if self.earlier is not None:
            return printed_slack(self.earlier_text)
        return printed_slack(self.after_text) + self.change_slack()

    def result_slack(self) -> Decimal:
        if self.after is not None:
            return printed_slack(self.after_text)
        return printed_slack(self.earlier_text) + self.change_slack()


def _statements(number: int, text: str) -> Iterator[_Statement]:
    """The changes a line states, in the orders prose prints them."""
    found: list[re.Match[str]] = []
    # One phrase read by two forms (`8.62% 늘어난 370억원` is also a rate alone) is read by the
    # first that takes it.
    for match in sorted(
        (m for pattern in _FORMS for m in pattern.finditer(text)),
        key=lambda m: (m.start(), _FORMS.index(m.re)),
    ):
        if not found or match.start() >= found[-1].end():
            found.append(match)
    starts = [m.start() for m in found]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    # `2조6188억원으로 1690억원(6.9%), 특별회계는 … 1212억원(19.3%)이 늘었다`: a change listed
    # before the verb takes the verb of the next one (found from the end, once).
    verbs: list[str | None] = []
    verb = None
    for match in reversed(found):
        verb = match["dir"] or verb
        verbs.append(verb)
    verbs.reverse()
    for index, match in enumerate(found):
        direction = verbs[index]
        rate_text = match.groupdict().get("rate") or ""
        rate = to_decimal(rate_text) if rate_text else None
        if direction is None or (rate_text and rate is None):
            continue
        down = direction.startswith(_DOWN)
        change_text = match.groupdict().get("change") or ""
        # A change printed as `301억(8.9%)` is of money: its 원 is left out.
        counter = match.groupdict().get("counter") or ("원" if change_text[-1:] in "조억만" else "")
        if match.re is _BARE:
            bare = _figure(change_text)
            if bare is not None:
                yield _Statement(number, counter, bare, change_text, None, "", down)
            continue
        earlier_text, after_text, counter = _figures_of(text, match, counter, starts, index, ends)
        earlier = _figure(earlier_text) if earlier_text else None
        after = _figure(after_text) if after_text else None
        if match.re is _RATE_ONLY:
            if earlier is None or after is None:
                continue  # a rate alone says nothing without both its figures
            change: Decimal | None = earlier - after if down else after - earlier
        else:
            change = _figure(change_text)
        if change is None or (match.re is _PLAIN and after is None):
            continue  # a change without a rate or the figure it makes states nothing to check
        yield _Statement(
            number,
            counter,
            change,
            change_text,
            rate,
            rate_text,
            down,
            earlier,
            earlier_text or "",
            after,
            after_text or "",
        )


def _figures_of(
    text: str, match: re.Match[str], counter: str, starts: list[int], index: int, ends: list[int]
) -> tuple[str | None, str | None, str]:
    """The figure a change is compared with and the one it makes, where the sentence
    prints them: after the change (`증액된 452억원`), before it with a word of comparison
    (`507억원 대비`, `2조2600억원보다`), or before that with 으로 (`4669억원으로 당초예산
    4299억원보다`, `807명으로 전년대비`); and their counter, where the change has none."""
    after_text = None
    if match.re in (_CHANGE, _PLAIN, _RATE_VERB, _RATE_ONLY, _RATE_FIRST, _RATE_IS):
        follows = _AFTER.match(text, match.end())
        if follows and same_counter(follows["counter"], counter):
            after_text = follows["now"]
            counter = counter or follows["counter"]
    sentence_start = _sentence_start(ends, match.start())
    sentence = text[sentence_start : match.start()]
    becomes = _BECOMES.search(sentence)
    if after_text is None and becomes and same_counter(becomes["counter"], counter):
        # 2조6188억원으로 1690억원(6.9%): the figure right before the change, whatever was
        # compared earlier in the sentence (`올해에 비해 44억원 증가했고 과학기술분야는
        # 1973억원으로 80억원(4.3%)`).
        return None, becomes["now"], counter or becomes["counter"]
    since = list(_SINCE.finditer(sentence))
    if not since:
        return None, after_text, counter
    # `starts` are where the line's changes start, in order; this one is the `index`-th.
    owned = index > 0 and starts[index - 1] >= sentence_start + since[-1].end()
    if owned and "각각" not in sentence[since[-1].end() :]:
        # `본예산 1조 9000억 원보다 1680억 원이 증액된 2조 680억 원으로, 이 가운데 일반회계는
        # 1423억 원이 증액된 …`: the 보다 is the first change's, not this one's.
        return None, after_text, counter
    head = sentence[: since[-1].start()]
    counted = [m for m in _counted(counter).finditer(head)]
    if "각각" in sentence[since[-1].end() :]:
        # `일반회계 4338억원, 특별회계 330억원 등으로 당초 예산보다 각각 311억원(7.73%),
        # 59억원(21.77%) 증가`: the k-th change after 각각 is of the k-th figure before.
        each = sentence_start + since[-1].end()
        order = index - bisect.bisect_left(starts, each, 0, index)
        if len(counted) <= order:
            return None, None, counter
        return None, after_text or counted[order][1], counter or counted[order][2]
    if not counted:
        return None, after_text, counter
    current = counted[-1]
    between = head[current.end() :]
    if between.strip(" )에") or since[-1][0] not in _COMPARED:
        # 807명으로 전년대비 52명(6.4%) 감소: the figure after the change, said first.
        return None, after_text or current[1], counter or current[2]
    earlier_text, counter = current[1], counter or current[2]
    if after_text is None:
        becomes = _BECOMES_BEFORE.search(head[: current.start()])
        if becomes and same_counter(becomes["counter"], counter):
            after_text = becomes["now"]
    return earlier_text, after_text, counter


def same_counter(counter: str, other: str) -> bool:
    """One counter read by two patterns (`원이` after a figure is its 원); a change printed
    without one (a rate alone) takes its figures'."""
    return not counter or not other or counter[:1] == other[:1]


def _sentence_start(ends: list[int], end: int) -> int:
    """Where the sentence holding `end` starts, from the line's sentence ends found once."""
    at = bisect.bisect_right(ends, end) - 1
    return ends[at] if at >= 0 else 0


def _counted(counter: str) -> re.Pattern[str]:
    """A figure with its counter: the one given, or any a change may count in."""
    return re.compile(rf"({_FIGURE})\s*({re.escape(counter) if counter else COUNTERS})")


def _changes(statements: list[_Statement], confirmed: set[int]) -> Iterator[Finding]:
    """Each change against its figures: the two figures and the change add up, and the rate
    is the change over the earlier figure."""
    for statement in statements:
        base, change = statement.base(), statement.change
        if base is None or base <= 0:
            continue
        if statement.earlier is not None and statement.after is not None:
            found = _sum_of(statement, id(statement) in confirmed)
            if found is not None:
                yield found
                continue
        if statement.rate is None:
            continue
        if statement.earlier is not None:
            shown_base = _amount(base)  # 87만5천788건보다 13만411건(14.9%) 증가
        else:
            after = statement.after
            assert after is not None
            shown_base = f"({_amount(after)} {'+' if statement.down else '−'} {_amount(change)})"
        yield from _compare(
            statement.line,
            statement.rate,
            change * 100 / base,
            places_of(statement.rate_text),
            f"{_amount(change)} ÷ {shown_base}",
            _possible(change, statement.change_slack(), base, statement.base_slack()),
        )


def _possible(
    change: Decimal, change_slack: Decimal, base: Decimal, base_slack: Decimal
) -> tuple[Decimal, Decimal]:
    """The rates of any figures that round to the printed ones: amounts printed in 억 were
    rounded to it, and the writer may have divided the figures before rounding."""
    low = (change - change_slack) * 100 / (base + base_slack)
    high = (change + change_slack) * 100 / max(base - base_slack, Decimal("1e-9"))
    return low, high


def _agrees(rate: Decimal, rate_text: str, possible: tuple[Decimal, Decimal]) -> bool:
    half = Decimal(1).scaleb(-places_of(rate_text)) / 2
    return possible[0] - half <= rate <= possible[1] + half


def _sum_of(statement: _Statement, confirmed: bool) -> Finding | None:
    """Two figures and the change between them that do not add up. The change is taken for
    the misprint unless the rate agrees with it (and not with the figures) or its parts add up
    to it: then the figure after the change is."""
    earlier, after = statement.earlier, statement.after
    assert earlier is not None and after is not None
    slack = printed_slack(statement.earlier_text) + printed_slack(statement.after_text)
    if abs(earlier + statement.signed() - after) <= slack + statement.change_slack():
        return None
    difference = abs(after - earlier)
    rate, rate_text = statement.rate, statement.rate_text
    figures_agree = rate is not None and _agrees(
        rate, rate_text, _possible(difference, slack, earlier, Decimal(0))
    )
    change_agrees = rate is not None and _agrees(
        rate,
        rate_text,
        _possible(
            statement.change,
            statement.change_slack(),
            earlier,
            printed_slack(statement.earlier_text),
        ),
    )
    if figures_agree or not (change_agrees or confirmed):
        note = f" — 적힌 {rate_text}%도 두 값의 차이와 맞습니다" if figures_agree else ""
        larger, smaller = max(after, earlier), min(after, earlier)
        return Finding(
            statement.line,
            WARNING,
            "difference-mismatch",
            f"{_amount(larger)} − {_amount(smaller)} = {_amount(difference)} (적힌 증감 "
            f"{_amount(statement.change)}){note}",
            (after, earlier, difference, statement.change),
        )
    computed = earlier + statement.signed()
    sign = "−" if statement.down else "+"
    return Finding(
        statement.line,
        WARNING,
        "total-mismatch",
        f"{_amount(earlier)} {sign} {_amount(statement.change)} = {_amount(computed)} (적힌 값 "
        f"{_amount(after)})",
        (earlier, statement.change, computed, after),
    )


def printed_slack(text: str) -> Decimal:
    """How far a printed figure may be from what it stands for: half its last place when
    prose rounded it (604억, 6.1), nothing for a count printed whole (52명)."""
    if re.search(r"[조억만천.]", text):
        return half_unit(text)
    return Decimal(0)


def _partitions(statements: list[_Statement], confirmed: set[int]) -> Iterator[Finding]:
    """A whole's change stated with its parts' (`예산규모는 2904억원(9.4%) 증가 … 일반회계는
    1690억원(6.9%), 특별회계는 1212억원(19.3%)`): where the parts' figures after the change add
    up to the whole's, their changes must too, and the other way round; a whole whose figure
    is not printed is the sum of its parts', and its rate is checked against it."""
    for index, whole in enumerate(statements):
        # The statements of its line and the next: they are in the order of their lines.
        following = []
        for later in statements[index + 1 : index + _MOST_PARTS]:
            if later.line - whole.line > 1:
                break
            following.append(later)
        parts = [
            s
            for s in following
            if same_counter(s.counter, whole.counter)
            and s.down == whole.down
            and _smaller(s, whole)
        ]
        if len(parts) < 2:
            continue
        slack = whole.change_slack() + sum((p.change_slack() for p in parts), Decimal(0))
        changes = sum((p.change for p in parts), Decimal(0))
        changes_hold = abs(changes - whole.change) <= slack
        if changes_hold:
            confirmed.add(id(whole))
        results = [p.result() for p in parts]
        if any(r is None for r in results):
            continue
        after = sum((r for r in results if r is not None), Decimal(0))
        after_slack = sum((p.result_slack() for p in parts), Decimal(0))
        whole_after = whole.result()
        if whole_after is None:
            if changes_hold and whole.rate is not None:
                yield from _rate_of_whole(whole, after, after_slack)
            continue
        afters_hold = abs(after - whole_after) <= after_slack + whole.result_slack()
        if afters_hold and not changes_hold:
            bases = [p.earlier for p in parts]
            if whole.earlier is not None and all(b is not None for b in bases):
                # Each part printed with the figure it changed from: those add up wrong.
                printed = [b for b in bases if b is not None]
                yield _sum_finding(
                    whole.line,
                    printed,
                    sum(printed, Decimal(0)),
                    whole.earlier,
                    f"바뀐 뒤 값의 합 {_amount(after)}",
                )
                continue
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
                [r for r in results if r is not None],
                after,
                whole_after,
                f"증감의 합 {_amount(changes)}",
            )
        elif not changes_hold and not afters_hold:
            # Only the figures before the change add up (`당초 9,348억 700만원`): the whole's
            # change and its figure after it are each reported against their parts.
            yield from _before_only(whole, parts, changes, slack, after)


def _before_only(
    whole: _Statement, parts: list[_Statement], changes: Decimal, slack: Decimal, after: Decimal
) -> Iterator[Finding]:
    bases = [p.earlier for p in parts]
    if whole.earlier is None or any(b is None for b in bases):
        return
    printed = [b for b in bases if b is not None]
    before = sum(printed, Decimal(0))
    before_slack = printed_slack(whole.earlier_text) + sum(
        (printed_slack(p.earlier_text) for p in parts), Decimal(0)
    )
    if abs(before - whole.earlier) > before_slack:
        return
    shown_before = f"바뀌기 전 값의 합 {_amount(before)}"
    yield _sum_finding(whole.line, [p.change for p in parts], changes, whole.change, shown_before)
    whole_after = whole.result()
    if whole_after is not None:
        afters = [p.result() or Decimal(0) for p in parts]
        yield _sum_finding(whole.line, afters, after, whole_after, shown_before)


def _restated(statements: list[_Statement], document: Document) -> Iterator[Finding]:
    """One change stated twice with two figures after it (a lead and its body: `1732억원 늘어난
    1조4439억원` and `1732억원 늘어난 1조4437억원`): the one whose figure before the change the
    document states is right, the other is reported against it."""
    seen: dict[tuple[Decimal, str, bool], list[_Statement]] = {}
    for statement in statements:
        if statement.after is not None and statement.earlier is None:
            key = (statement.change, statement.counter[:1], statement.down)
            seen.setdefault(key, []).append(statement)
    for group in seen.values():
        afters = {s.after for s in group}
        if len(afters) != 2:
            continue
        based = [
            s
            for s in group
            if (base := s.base()) is not None and stated_near(document, base, s.base_slack())
        ]
        if {s.after for s in based} == afters or not based:
            continue
        right = based[0]
        base, after = right.base(), right.after
        assert base is not None and after is not None
        for statement in group:
            if statement.after == after or statement.after is None:
                continue
            if abs(statement.after - after) <= statement.result_slack() + right.result_slack():
                continue
            yield Finding(
                statement.line,
                WARNING,
                "total-mismatch",
                f"{_amount(base)} {'−' if right.down else '+'} {_amount(right.change)} = "
                f"{_amount(after)} (적힌 값 "
                f"{_amount(statement.after)}) — {right.line}행에 같은 증감으로 적힌 값",
                (base, right.change, after, statement.after),
            )


def _smaller(part: _Statement, whole: _Statement) -> bool:
    """A part is smaller than its whole: by the figure after the change where both have one
    (a misprinted figure may make a part's change look larger), else by the change."""
    part_after, whole_after = part.result(), whole.result()
    if part_after is not None and whole_after is not None:
        return part_after < whole_after
    return part.change < whole.change


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
    assert whole.rate is not None
    earlier = after - whole.signed()
    if earlier - slack <= 0:
        return
    yield from _compare(
        whole.line,
        whole.rate,
        whole.change * 100 / earlier,
        places_of(whole.rate_text),
        f"{_amount(whole.change)} ÷ ({_amount(after)} {'+' if whole.down else '−'} "
        f"{_amount(whole.change)}, 부분의 합에서 구한 변경 전 값)",
        _possible(whole.change, whole.change_slack(), earlier, slack),
    )


def _multiples(number: int, text: str) -> Iterator[Finding]:
    """A multiple (`14.45배`) that no two figures of one counter in its sentence give at its
    printed precision, while two of them nearly do (within 5 %): the misprinted one."""
    for sentence in re.split(r"(?<=다)\.\s*|\.\s+(?=[^\d])", text):
        figures: dict[str, list[Decimal]] = {}
        for found in COUNTED.finditer(sentence):
            value = _figure(found["figure"])
            if value:
                figures.setdefault(found["counter"], []).append(value)
        for match in _TIMES.finditer(sentence):
            stated = to_decimal(match["times"])
            if stated is None or stated < 1:
                continue
            places = places_of(match["times"])
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
        f"{sum_text} = {shown(computed, max(places, 1))}% (적힌 값 {shown(stated, places)}%){note}",
        (computed, rounded, stated),
    )
