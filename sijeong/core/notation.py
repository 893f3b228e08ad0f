"""Notation checks (표기 점검) of a written report: dates and months against the rules for
official documents, and forms that one document writes in more than one way.

The rule (행정업무의 운영 및 혁신에 관한 규정 시행규칙 제2조): dates are written in figures, with a
period standing in for each of 년, 월 and 일 — so `7. 25.` ends with a period, and `1월.` has
both the word and the period that replaces it. A two-digit year carries the apostrophe that
stands for the century (`'24.`). Times are written on the 24-hour clock (`15:00`, not
`오후 3시`), and items are numbered in the order 1. → 가. → 1) → 가) → (1) → (가)
(행정업무운영 편람). sijeong writes one form throughout; these checks name the places where a
document read in (or the reference report) does otherwise.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class NotationFinding:
    line: int
    column: int
    text: str
    code: str
    message: str


_RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "notation.year_apostrophe",
        re.compile(r"\d{2}\.\d{1,2}\.\d{1,2}\."),
        "두 자리 연도 앞에 생략 표시(')가 없습니다",
    ),
    (
        "notation.date_final_period",
        re.compile(
            r"(?:'\d{2}\. ?\d{1,2}\. ?\d{1,2}(?=[ \t]*[:)]|$)|(?<=\()\d{1,2}\.\d{1,2}(?=\)))",
            re.MULTILINE,
        ),
        "날짜의 '일' 자리에 온점이 없습니다",
    ),
    (
        "notation.month_period",
        re.compile(r"\d{1,2}월\."),
        "'월'과 그 자리를 대신하는 온점을 함께 썼습니다",
    ),
]

# Forms a document should write one way; the minority forms are flagged.
_VARIANTS: list[tuple[str, dict[str, re.Pattern[str]], str]] = [
    (
        "notation.mixed_date_form",
        {
            "2024. 9. 3.": re.compile(r"(?:19|20)\d{2}\. ?\d{1,2}\. ?\d{1,2}\."),
            "2024년 9월 3일": re.compile(r"(?:19|20)\d{2}년 ?\d{1,2}월 ?\d{1,2}일"),
        },
        "같은 문서에서 날짜를 다른 형식으로 썼습니다",
    ),
    (
        "notation.mixed_month_form",
        {
            "'YY. M.~": re.compile(r"'\d{2}\. ?\d{1,2}\.~"),
            "'YY.M월~": re.compile(r"'\d{2}\. ?\d{1,2}월~"),
        },
        "같은 문서에서 '~부터'의 월을 다른 형식으로 썼습니다",
    ),
    (
        "notation.mixed_arrow_spacing",
        {
            "A → B": re.compile(r"\S → \S"),
            "A→B": re.compile(r"[^\s(]→[^\s)]"),
        },
        "같은 문서에서 화살표(→) 앞뒤 띄어쓰기가 다릅니다",
    ),
]


# What may not stand just before a match (read from the three characters before it): kept
# out of the patterns, whose first character then lets the scan skip ahead.
_NOT_AFTER = {
    "notation.year_apostrophe": re.compile(r"(?:['’‘.\w]|\d\. )$"),
    "notation.mixed_date_form": re.compile(r"\d$"),
}

# A character a rule cannot match without: a text without it is not scanned for the rule.
_NEEDS = {
    "notation.month_period": "월.",
    "notation.mixed_month_form": "~",
    "notation.mixed_arrow_spacing": "→",
    "notation.mixed_date_form": "년",
}


def check(text: str) -> list[NotationFinding]:
    """Every notation finding of `text`, in reading order; lines and columns count from 1.
    Each pattern scans the whole text once (a line at a time costs a call per line and rule),
    a match never running across a line break."""
    # Lines are what the caller numbered: split at line feeds only. str.splitlines would also
    # break at \x1c, \x85, \u2028 … inside a line, and every later number would drift.
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def hits(
        pattern: re.Pattern[str], not_after: re.Pattern[str] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        for match in pattern.finditer(text):
            if "\n" in match.group():
                continue
            if not_after and not_after.search(text, max(0, match.start() - 3), match.start()):
                continue
            line = bisect.bisect_right(starts, match.start())
            yield line, match.start() - starts[line - 1] + 1, match.group()

    found: list[NotationFinding] = []
    for code, pattern, message in _RULES:
        if code in _NEEDS and _NEEDS[code] not in text:
            continue
        found.extend(
            NotationFinding(n, col, t, code, message)
            for n, col, t in hits(pattern, _NOT_AFTER.get(code))
        )
    for code, forms, message in _VARIANTS:
        if code in _NEEDS and _NEEDS[code] not in text:
            continue  # neither form can be there, let alone both
        variants = [
            (form, hit)
            for form, pattern in forms.items()
            for hit in hits(pattern, _NOT_AFTER.get(code))
        ]
        counts = Counter(form for form, _ in variants)
        if len(counts) < 2:
            continue
        usual = counts.most_common(1)[0][0]
        found.extend(
            NotationFinding(n, col, t, code, f"{message} (주로 {usual})")
            for form, (n, col, t) in variants
            if form != usual
        )
    if "오전" in text or "오후" in text:
        found.extend(_twelve_hour(text, hits))
    found.extend(_item_order(lines))
    return sorted(found, key=lambda f: (f.line, f.column))


_TWELVE_HOUR = re.compile(
    r"(?P<half>오전|오후)\s*(?P<hour>\d{1,2})\s*시(?:\s*(?P<minute>\d{1,2})\s*분|\s*반)?"
)


def _twelve_hour(
    text: str, hits: Callable[[re.Pattern[str]], Iterator[tuple[int, int, str]]]
) -> list[NotationFinding]:
    """`오후 3시 30분`: a time on the 12-hour clock, written 15:30 in an official document."""
    found = []
    for number, column, written in hits(_TWELVE_HOUR):
        match = _TWELVE_HOUR.fullmatch(written)
        assert match is not None
        hour = int(match["hour"])
        if not 1 <= hour <= 12:
            continue
        hour = hour % 12 + (12 if match["half"] == "오후" else 0)
        minute = int(match["minute"] or (30 if written.endswith("반") else 0))
        found.append(
            NotationFinding(
                number,
                column,
                written,
                "notation.twelve_hour",
                f"시각은 24시각제로 씁니다 ({hour:02d}:{minute:02d})",
            )
        )
    return found


# The order of item numbers under a heading: 1. → 가. → 1) → 가) → (1) → (가).
_LEVELS = [
    ("1.", re.compile(r"\d{1,2}\.(?!\d)")),
    ("가.", re.compile(r"[가-하]\.")),
    ("1)", re.compile(r"\d{1,2}\)")),
    ("가)", re.compile(r"[가-하]\)")),
    ("(1)", re.compile(r"\(\d{1,2}\)")),
    ("(가)", re.compile(r"\([가-하]\)")),
]
_FIRST = {"1", "가"}
_INDENTS = " \t"
_BULLETS = set("-○□ㅇ·※*")
_ITEM = re.compile(r"^\s*(?P<mark>\(?(?:\d{1,2}|[가-하])[.)])\s+\S")


def _item_order(lines: list[str]) -> list[NotationFinding]:
    """A list that opens a level deeper than the next one down (`1.` then `1)` with no `가.`
    between): the order of item numbers skips a level."""
    found = []
    open_levels: list[int] = []
    for number, line in enumerate(lines, 1):
        match = _ITEM.match(line)
        if not match:
            if line and line[0] not in _INDENTS and line.lstrip()[:1] not in _BULLETS:
                open_levels = []  # a heading or a paragraph at the margin closes the lists
            continue
        mark = match["mark"]
        level = next((k for k, (_, pattern) in enumerate(_LEVELS) if pattern.fullmatch(mark)), None)
        if level is None:
            continue
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        opens = mark.strip("().") in _FIRST
        deeper = (open_levels[-1] + 1) if open_levels else 0
        if opens and level > deeper and open_levels:
            expected = _LEVELS[deeper][0]
            found.append(
                NotationFinding(
                    number,
                    match.start("mark") + 1,
                    mark,
                    "notation.item_order",
                    f"항목 기호는 1. → 가. → 1) → 가) → (1) → (가) 순서로 씁니다 "
                    f"({_LEVELS[open_levels[-1]][0]} 다음은 {expected})",
                )
            )
        open_levels.append(level)
    return found
